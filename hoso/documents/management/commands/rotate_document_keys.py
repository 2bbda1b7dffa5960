"""`manage.py rotate_document_keys`: re-encrypt the stored files of supporting documents under the newest key.

The companion of `rotate_encryption_keys` (which re-encrypts the database columns): run both after putting a new key
first in HOSO_FIELD_ENCRYPTION_KEYS, and remove the old key only when a dry run (without `--wet-run`) reports nothing left under it. A file is
rewritten in place under the same name (the row does not change, so documents that a version holds are rotated too);
a file whose plain content no longer matches its recorded SHA-256 is reported and left alone.
"""

from argparse import ArgumentParser
from typing import Any

from cryptography.fernet import InvalidToken
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError

from hoso.core import crypto
from hoso.documents.content import sha256_of
from hoso.documents.models import SupportingDocument


class Command(BaseCommand):
    help = (
        "Re-encrypt the stored file of every supporting document under the newest HOSO_FIELD_ENCRYPTION_KEYS key. "
        "Dry run unless --wet-run: it then only reports which files are under an older key or fail their hash."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--wet-run", action="store_true", help="Rewrite the files (default: report only).")

    @staticmethod
    def _under_newest(newest: Any, token: bytes) -> bool:
        try:
            newest.decrypt(token)
        except InvalidToken:
            return False
        return True

    def handle(self, *args: Any, **options: Any) -> None:
        problems = crypto.encryption_key_problems(list(crypto.configured_keys()))
        if problems:
            raise CommandError(" ".join(problems))
        newest = crypto.newest_fernet()
        fernet = crypto.multi_fernet()
        rotated = current = broken = 0
        for document in SupportingDocument.objects.only("uid", "file", "sha256").iterator(chunk_size=200):
            name = document.file.name or ""
            storage = document.file.storage
            with storage.open(name, "rb") as handle:
                token = handle.read()
            try:
                content = fernet.decrypt(token)
            except InvalidToken:
                broken += 1
                self.stderr.write(f"{document.uid}: the file does not decrypt with the configured keys.")
                continue
            if sha256_of(content) != document.sha256:
                broken += 1
                self.stderr.write(f"{document.uid}: the file does not match its recorded SHA-256; left alone.")
                continue
            if self._under_newest(newest, token):
                current += 1
                continue
            rotated += 1
            if options["wet_run"]:
                storage.delete(name)
                saved = storage.save(name, ContentFile(fernet.rotate(token)))
                if saved != name:  # pragma: no cover - a storage that renamed the file
                    raise CommandError(f"{document.uid}: the storage saved the file as {saved}, not {name}.")
        verb = "Re-encrypted" if options["wet_run"] else "Would re-encrypt"
        self.stdout.write(f"{verb} {rotated} file(s); {current} already under the newest key; {broken} unreadable.")
        if broken:
            raise CommandError(f"{broken} document file(s) could not be read or do not match their hash.")
