"""What an uploaded file really is: PDF, JPEG or PNG, read from its content, never from its name (REQ-033).

The first bytes are matched against the signatures the consent scans already use
(`hoso.accounts.services.SCAN_SIGNATURES`), then the file is parsed for real: Pillow decodes an image in full, and a
PDF must have its header, an end-of-file marker and a cross-reference table that pyHanko's reader can open. A name or
a declared type that says something else is refused as mislabelled: a `.pdf` that is a PNG is a mistake to correct,
not a file to keep.
"""

import io
import logging
import re
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image

from hoso.accounts.services import SCAN_SIGNATURES
from hoso.documents.models import ContentType

logger = logging.getLogger(__name__)

EXTENSIONS: dict[str, str] = {
    ".pdf": ContentType.PDF,
    ".jpg": ContentType.JPEG,
    ".jpeg": ContentType.JPEG,
    ".jpe": ContentType.JPEG,
    ".png": ContentType.PNG,
}
# Types a browser or client may declare for each kind (image/jpg and image/pjpeg are old spellings of JPEG).
DECLARED: dict[str, str] = {
    "application/pdf": ContentType.PDF,
    "application/x-pdf": ContentType.PDF,
    "image/jpeg": ContentType.JPEG,
    "image/jpg": ContentType.JPEG,
    "image/pjpeg": ContentType.JPEG,
    "image/png": ContentType.PNG,
    "image/x-png": ContentType.PNG,
}
# Declared types that say nothing about the content.
UNSPECIFIC = {"", "application/octet-stream", "binary/octet-stream", "application/unknown"}
PDF_TAIL = 2048
PDF_HEADER = re.compile(rb"^%PDF-[12]\.\d")
STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
PIL_FORMATS: dict[str, str] = {ContentType.JPEG: "JPEG", ContentType.PNG: "PNG"}


class UploadRefused(Exception):
    """The file cannot be accepted; `message` says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    original_name: str

    @property
    def size(self) -> int:
        return len(self.content)


def max_upload_bytes() -> int:
    return int(getattr(settings, "HOSO_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}" if size % (1024 * 1024) == 0 else f"{size / (1024 * 1024):.1f}"


def sniff(head: bytes) -> str | None:
    """The kind of file its first bytes announce (PDF, PNG or JPEG), or None."""
    return next((kind for magic, kind in SCAN_SIGNATURES.items() if head.startswith(magic)), None)


def _pdf_is_sound(content: bytes) -> bool:
    """Header, end-of-file marker, a `startxref` offset that points at a cross-reference section, and a parse."""
    if not PDF_HEADER.match(content):
        return False
    match = STARTXREF.search(content[-PDF_TAIL:])
    if match is None:
        return False
    offset = int(match.group(1))
    if not 0 < offset < len(content):
        return False
    at_offset = content[offset : offset + 32]
    if not (at_offset.startswith(b"xref") or re.match(rb"\d+\s+\d+\s+obj", at_offset)):
        return False
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        reader.root  # noqa: B018 - reading the catalogue proves the trailer and cross-references resolve
    except Exception:  # noqa: BLE001 - any failure of the parser means a damaged file
        logger.info("Refused a PDF upload that does not parse", exc_info=True)
        return False
    return True


def _image_is_sound(content: bytes, kind: str) -> bool:
    """Pillow verifies the structure, then decodes every pixel (a truncated image fails here)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                if image.format != PIL_FORMATS[kind]:
                    return False
                image.verify()
            with Image.open(io.BytesIO(content)) as image:
                image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return False
    return True


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Read and check an upload; raise `UploadRefused` with the reason, having written nothing anywhere."""
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise UploadRefused(_("The file is larger than %(size)s MB.") % {"size": _megabytes(limit)})
    upload.seek(0)
    content = upload.read(limit + 1)
    upload.seek(0)
    if not content:
        raise UploadRefused(_("The file is empty."))
    if len(content) > limit:
        raise UploadRefused(_("The file is larger than %(size)s MB.") % {"size": _megabytes(limit)})
    kind = sniff(content[:16])
    if kind is None:
        raise UploadRefused(_("Only PDF, JPEG and PNG files are accepted."))
    name = PurePath(upload.name or "").name
    suffix = PurePath(name).suffix.lower()
    named = EXTENSIONS.get(suffix) if suffix else kind
    declared_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    declared = DECLARED.get(declared_type, "" if declared_type in UNSPECIFIC else "other")
    if named != kind or (declared and declared != kind):
        raise UploadRefused(
            _("The file is mislabelled: its name or type says otherwise, but its content is a %(kind)s file.")
            % {"kind": ContentType(kind).label}
        )
    sound = _pdf_is_sound(content) if kind == ContentType.PDF else _image_is_sound(content, kind)
    if not sound:
        raise UploadRefused(
            _("The file is damaged: it cannot be read as a %(kind)s file.") % {"kind": ContentType(kind).label}
        )
    return CheckedFile(content=content, content_type=kind, original_name=name[:255])
