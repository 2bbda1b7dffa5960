"""Real files for upload tests (made with Pillow, never mocked) and documents attached the way users attach them."""

import datetime
import io
from collections.abc import Iterable

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from hoso.accounts.models import User
from hoso.documents import services
from hoso.documents.models import SupportingDocument
from hoso.people.models import ChangeSet


def image_bytes(kind: str = "PNG", size: tuple[int, int] = (40, 30), colour: str = "navy") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, kind)
    return buffer.getvalue()


def png_bytes() -> bytes:
    return image_bytes("PNG")


def jpeg_bytes() -> bytes:
    return image_bytes("JPEG", colour="darkred")


def pdf_bytes(colour: str = "white") -> bytes:
    """A real one-page PDF (Pillow writes the header, the cross-reference table and the trailer)."""
    return image_bytes("PDF", size=(60, 80), colour=colour)


def upload_file(
    name: str = "quyet-dinh.pdf", content: bytes | None = None, content_type: str = ""
) -> SimpleUploadedFile:
    data = pdf_bytes() if content is None else content
    guessed = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}.get(name.rsplit(".", 1)[-1], "")
    return SimpleUploadedFile(name, data, content_type=content_type or guessed or "application/octet-stream")


def make_document(
    change_set: ChangeSet,
    user: User,
    *,
    parts: Iterable[str] = ("work_history",),
    document_type: str = "WORK_ASSIGNMENT",
    number: str = "125/QĐ-UBND",
    file: SimpleUploadedFile | None = None,
    issued_on: datetime.date = datetime.date(2026, 3, 2),
) -> SupportingDocument:
    return services.upload_document(
        change_set=change_set,
        acting_user=user,
        file=file or upload_file(),
        document_type=document_type,
        number=number,
        issued_on=issued_on,
        issuer="Ủy ban nhân dân tỉnh",
        description="Bản chụp có chứng thực",
        parts=parts,
    )
