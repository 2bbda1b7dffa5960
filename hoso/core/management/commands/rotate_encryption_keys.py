"""`manage.py rotate_encryption_keys`: re-encrypt every encrypted value under the newest key.

Run after putting a new key first in HOSO_FIELD_ENCRYPTION_KEYS (the old keys stay after it); then
`--check` must report nothing under an older key before the old key is removed. README, "Field
encryption", has the whole procedure.
"""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hoso.core import crypto, key_rotation
from hoso.core.key_rotation import ModelReport


class Command(BaseCommand):
    help = (
        "Re-encrypt every value of every encrypted field under the newest HOSO_FIELD_ENCRYPTION_KEYS key, "
        "in batches (one transaction each). --check only verifies that every value decrypts and counts those "
        "still under an older key; --rebuild-blind-indexes recomputes the blind indexes after "
        "HOSO_BLIND_INDEX_KEY changed; --generate-key prints a new key."
    )
    # The database check of hoso.core.checks fails on exactly what this command is for (values under a
    # key that was removed, blind indexes under another key): it reports those itself.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--check", action="store_true", help="Verify only; change nothing.")
        group.add_argument(
            "--rebuild-blind-indexes",
            action="store_true",
            help="Recompute every blind index with the configured HOSO_BLIND_INDEX_KEY.",
        )
        group.add_argument("--generate-key", action="store_true", help="Print a new random key and exit.")
        parser.add_argument("--batch-size", type=int, default=key_rotation.DEFAULT_BATCH, help="Rows per transaction.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["generate_key"]:
            self.stdout.write(crypto.generate_key())
            return
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        keys = list(crypto.configured_keys())
        problems = crypto.encryption_key_problems(keys) + crypto.blind_index_key_problems(
            getattr(settings, "HOSO_BLIND_INDEX_KEY", ""), keys
        )
        if problems:
            raise CommandError(" ".join(problems))
        if options["rebuild_blind_indexes"]:
            self._rebuild(options["batch_size"])
            return
        write = not options["check"]
        self.stdout.write(
            ("Checking" if not write else "Re-encrypting under the newest key")
            + f" ({len(keys)} key{'s' if len(keys) != 1 else ''} configured)."
        )
        try:
            reports = key_rotation.rotate_all(write=write, batch_size=options["batch_size"], on_model=self._print)
        except key_rotation.RotationFailed as error:
            raise CommandError(str(error)) from None
        self._conclude(reports, write=write)

    def _print(self, report: ModelReport) -> None:
        line = f"{report.label}: {report.rows} rows"
        if report.rows_written:
            line += f", {report.rows_written} rewritten"
        self.stdout.write(line)
        for column in report.columns:
            if not column.values:
                continue
            parts = [f"{column.current} under the newest key", f"{column.older} under an older key"]
            if column.plaintext:
                parts.append(f"{column.plaintext} not encrypted")
            if column.failed:
                shown = ", ".join(str(pk) for pk in column.failed[: key_rotation.FAILURES_SHOWN])
                parts.append(f"{len(column.failed)} DO NOT DECRYPT (rows {shown}…)")
            self.stdout.write(f"  {column.label}: " + ", ".join(parts))
        for index in report.indexes:
            state = f"{index.matching} match the configured key"
            if index.stale:
                state += f", {len(index.stale)} DO NOT (run with --rebuild-blind-indexes if the key changed)"
            self.stdout.write(f"  {index.label}: {state}")

    def _conclude(self, reports: list[ModelReport], *, write: bool) -> None:
        older = sum(c.older for r in reports for c in r.columns)
        failed = sum(len(c.failed) for r in reports for c in r.columns)
        plaintext = sum(c.plaintext for r in reports for c in r.columns)
        stale = sum(len(i.stale) for r in reports for i in r.indexes)
        if write:
            rewritten = sum(r.rows_written for r in reports)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Done: {older} values re-encrypted and {plaintext} encrypted, in {rewritten} rows. "
                    "Every value is now under the newest key: older keys can be removed."
                )
            )
            if stale:
                raise CommandError(f"{stale} blind-index values do not match the configured HOSO_BLIND_INDEX_KEY.")
            return
        if failed or plaintext or stale:
            raise CommandError(
                f"{failed} values do not decrypt with the configured keys, {plaintext} are not encrypted, "
                f"{stale} blind-index values do not match the configured key."
            )
        advice = (
            "run this command without --check before removing an older key." if older else "older keys can be removed."
        )
        self.stdout.write(self.style.SUCCESS(f"Every value decrypts; {older} are still under an older key: {advice}"))

    def _rebuild(self, batch_size: int) -> None:
        for report in key_rotation.rebuild_blind_indexes(batch_size=batch_size):
            self.stdout.write(f"{report.label}: {report.rebuilt} rebuilt, {report.matching} already matching")
        self.stdout.write(self.style.SUCCESS("Blind indexes rebuilt with the configured HOSO_BLIND_INDEX_KEY."))
