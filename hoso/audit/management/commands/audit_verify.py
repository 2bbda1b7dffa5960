"""`manage.py audit_verify`: walk the audit chain and report the first broken link.

Exit status 0 when every entry checks out (the number checked is printed), 1 at the first broken link, with its
number and time. `--print-head` prints the last entry's number and hash, to write down outside the database;
`--expect-head HASH` later proves that entry is still there (a tail deleted or rewritten since is reported).
"""

import re
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from hoso.audit import triggers
from hoso.audit.chain import HASHED_FIELDS, Break, Finding, Result, walk
from hoso.audit.models import AuditEntry

BATCH_SIZE = 2000
HASH_PATTERN = re.compile(r"^[0-9a-f]{64}$")


def _when(at: Any) -> str:
    if at is None:
        return "—"
    return formats.date_format(timezone.localtime(at), "d/m/Y H:i:s")


def describe(finding: Finding) -> str:
    where = {"sequence": finding.sequence, "at": _when(finding.at)}
    if finding.kind == Break.MODIFIED:
        return (
            _(
                "Entry %(sequence)s (%(at)s) was modified: its content no longer matches its hash. "
                "The chain is broken there."
            )
            % where
        )
    if finding.kind == Break.MISSING:
        return _(
            "Entry %(expected)s is missing: after entry %(previous)s comes entry %(sequence)s (%(at)s). "
            "Entries were deleted there."
        ) % {**where, "expected": finding.expected_sequence, "previous": (finding.expected_sequence or 1) - 1}
    if finding.kind == Break.UNLINKED:
        return (
            _(
                "Entry %(sequence)s (%(at)s) does not follow the entry before it: its previous hash does not match. "
                "An entry was inserted or deleted just before it."
            )
            % where
        )
    return (
        _(
            "The chain is intact up to entry %(sequence)s (%(at)s), but the head recorded outside the database "
            "is not in it: entries were deleted from the end, or the chain was rewritten."
        )
        % where
    )


class Command(BaseCommand):
    help = "Check the audit log's hash chain and report the first broken link."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--print-head", action="store_true", help="Print the last entry's number and hash.")
        parser.add_argument(
            "--expect-head", metavar="HASH", help="A head hash printed earlier: it must still be in the chain."
        )
        parser.add_argument("--language", choices=["vi", "en"], default=None, help="Language of the report.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"] or translation.get_language()):
            self._handle(**options)

    def _handle(self, **options: Any) -> None:
        expect_head = options["expect_head"]
        if expect_head is not None:
            expect_head = expect_head.strip().lower()
            if not HASH_PATTERN.match(expect_head):
                raise CommandError(_("--expect-head takes a hash of 64 hexadecimal characters."), returncode=2)
        database = options["database"]
        missing = triggers.missing(connections[database])
        if missing:
            self.stderr.write(
                _("Warning: the database triggers that keep the log append-only are missing: %(names)s.")
                % {"names": ", ".join(sorted(missing))}
            )
        rows = (
            AuditEntry.objects.using(database)
            .order_by("sequence")
            .values_list(*HASHED_FIELDS, "hash")
            .iterator(chunk_size=BATCH_SIZE)
        )
        result = walk(rows, expect_head=expect_head)
        if result.finding is not None:
            self.stderr.write(describe(result.finding))
            sys.exit(1)
        if options["print_head"]:
            self._print_head(result)
        self.stdout.write(_("The audit log is intact: %(count)s entries checked.") % {"count": result.checked})

    def _print_head(self, result: Result) -> None:
        self.stdout.write(
            _("Head: entry %(sequence)s (%(at)s), hash %(hash)s")
            % {"sequence": result.head_sequence, "at": _when(result.head_at), "hash": result.head_hash}
        )
