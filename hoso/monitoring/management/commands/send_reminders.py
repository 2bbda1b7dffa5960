"""`manage.py send_reminders [--wet-run] [--date YYYY-MM-DD]`: the daily reminders, run by cron.

A dry run (the default) only counts what would be sent. Running it twice the same day sends nothing twice.
"""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hoso.monitoring.services import send_reminders


class Command(BaseCommand):
    help = "Send the day's reminders in the app and by e-mail (a dry run unless --wet-run)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--wet-run", action="store_true", help="Send for real (otherwise only count).")
        parser.add_argument("--date", help="The day to run for (YYYY-MM-DD; default today).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date: {error}") from error
        run = send_reminders(today=today, wet_run=options["wet_run"])
        counts = run.sent if run.wet_run else run.planned
        verb = "sent" if run.wet_run else "would send"
        for kind, count in sorted(counts.items()):
            self.stdout.write(f"{kind}: {verb} {count}")
        self.stdout.write(f"{verb} {sum(counts.values())} notification(s)")
