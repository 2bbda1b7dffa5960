"""`python manage.py verify_record <person uid> [...] | --all | --unit <uid>`: check every version of records.

Content hash, signature, certificate chain and validity at signing time, the signed record against the stored
version (each differing field named with the version), documents, and the live rows (issue 5 §3). One line per
problem; the exit status is non-zero when any check fails (warnings, such as versions not yet approved by
signature, do not fail unless --strict).
"""

import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hoso.people.models import Person
from hoso.signing.enums import CheckStatus
from hoso.signing.selectors import people_in_unit
from hoso.signing.verification import verify_people


def _uid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


class Command(BaseCommand):
    help = "Verify the signatures and content of every version of records."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("people", nargs="*", help="public identifiers (uid) of people")
        parser.add_argument("--all", action="store_true", help="every record")
        parser.add_argument("--unit", help="every record of a unit and its sub-units (unit uid)")
        parser.add_argument("--strict", action="store_true", help="warnings fail too")
        parser.add_argument(
            "--quiet", action="store_true", help="print only the records that fail (and warnings with --strict)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        people = self._people(options)
        checked = failed = warned = 0
        for report in verify_people(people.iterator(chunk_size=200)):
            checked += 1
            shown = report.status == CheckStatus.FAILED or (report.status == CheckStatus.WARNING and options["strict"])
            if shown or not options["quiet"]:
                for line in report.lines():
                    self.stdout.write(line)
            if report.status == CheckStatus.FAILED:
                failed += 1
            elif report.status == CheckStatus.WARNING:
                warned += 1
        if not options["quiet"]:
            self.stdout.write(f"{checked} record(s) checked: {failed} failed, {warned} with warnings.")
        if failed or (options["strict"] and warned):
            raise CommandError(f"verification failed for {failed + (warned if options['strict'] else 0)} record(s)")

    def _people(self, options: dict[str, Any]) -> Any:
        if options["all"]:
            return Person.objects.order_by("pk")
        if options["unit"]:
            people = people_in_unit(options["unit"])
            if not people.exists():
                raise CommandError(f"no records in unit {options['unit']}")
            return people.order_by("pk")
        if not options["people"]:
            raise CommandError("give one or more person uids, --all or --unit <uid>")
        wanted = {value: _uid(value) for value in options["people"]}
        found = Person.objects.filter(uid__in=[uid for uid in wanted.values() if uid is not None])
        present = {str(uid) for uid in found.values_list("uid", flat=True)}
        missing = {value for value, uid in wanted.items() if uid is None or str(uid) not in present}
        if missing:
            raise CommandError(f"no record with uid {', '.join(sorted(missing))}")
        return found.order_by("pk")
