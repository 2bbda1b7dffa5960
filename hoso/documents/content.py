"""The content of a supporting document: encrypted at rest in the storage backend, hashed in the clear (REQ-037).

The bytes are stored as one Fernet token under the field-encryption keys (`hoso.core.crypto`, newest key first), in
the default storage backend under a name that says nothing about the person or the document. The SHA-256 kept on the
row is of the plain content: it is what a signature covers and what `content_matches` checks.
"""

import hashlib

from cryptography.fernet import InvalidToken
from django.core.files.base import ContentFile

from hoso.core.crypto import DecryptionError, multi_fernet
from hoso.documents.models import SupportingDocument


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def store_content(document: SupportingDocument, content: bytes) -> None:
    """Encrypt `content` and write it to storage for this (unsaved) document; sets `file`, `size` and `sha256`."""
    token = multi_fernet().encrypt(content)
    document.size = len(content)
    document.sha256 = sha256_of(content)
    document.file.save(f"{document.uid}.bin", ContentFile(token), save=False)


def delete_stored(document: SupportingDocument) -> None:
    """Remove the stored file of a document that was never saved (a failed upload leaves nothing behind)."""
    if document.file and document.file.name:
        document.file.storage.delete(document.file.name)


def read_content(document: SupportingDocument) -> bytes:
    """The plain content of the document (decrypted with any configured key)."""
    with document.file.storage.open(document.file.name or "", "rb") as handle:
        token = handle.read()
    try:
        return multi_fernet().decrypt(token)
    except InvalidToken:
        raise DecryptionError(
            f"Supporting document {document.uid}: the stored file does not decrypt with the configured "
            "HOSO_FIELD_ENCRYPTION_KEYS (wrong keys, or the file was altered)."
        ) from None


def content_matches(document: SupportingDocument) -> bool:
    """Whether the stored file decrypts and its SHA-256 is the one recorded at upload (and signed with the version)."""
    try:
        content = read_content(document)
    except (DecryptionError, OSError):
        return False
    return sha256_of(content) == document.sha256 and len(content) == document.size
