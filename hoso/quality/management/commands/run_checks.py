"""`manage.py run_checks [--unit <uid>]`: the nightly consistency check and completeness refresh.

Run by cron or a timer every night (REQ-029, REQ-046). It reads people in batches of HOSO_QUALITY_BATCH_SIZE, each
written in its own transaction, so memory stays bounded at 100,000 people; findings that no longer apply are marked
resolved. Without --unit the whole province is checked.
"""

import datetime
from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hoso.organisations.models import OrgUnit
from hoso.quality import services


class Command(BaseCommand):
    help = (
        "Check every record (or those of one unit's subtree) for contradictions, refresh the completeness scores, "
        "and mark findings that no longer apply as resolved."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--unit", help="Public id (uid) of the unit whose subtree is checked.")
        parser.add_argument("--today", help="The day the rules check against (YYYY-MM-DD); default today.")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = None
        if options["unit"]:
            try:
                unit = OrgUnit.objects.filter(uid=options["unit"]).first()
            except ValidationError:
                unit = None
            if unit is None:
                raise CommandError(f"No unit with uid {options['unit']}.")
        try:
            today = datetime.date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError as error:
            raise CommandError(f"--today: {error}") from error
        run = services.start_check_run(unit=unit, acting_user=None)
        run = services.run_check(run=run, today=today)
        self.stdout.write(
            f"Checked {run.people_checked} records: {run.found_new} new findings, {run.still_open} still open, "
            f"{run.resolved} resolved."
        )
