"""Delete what sign-in security no longer needs: old failed-sign-in counts and the index of expired sessions.

A dry run unless --wet-run. Run it daily from cron, after Django's `clearsessions`.
"""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Q
from django.utils import timezone

from hoso.security.models import LoginThrottle, UserSession

KEEP_FAILURES = datetime.timedelta(days=1)


class Command(BaseCommand):
    help = "Delete failed-sign-in counts older than a day and index rows of sessions that no longer exist."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--wet-run", action="store_true", help="Delete for real (default: only count).")

    def handle(self, *args: Any, **options: Any) -> None:
        from django.contrib.sessions.models import Session

        now = timezone.now()
        throttles = LoginThrottle.objects.filter(window_started_at__lt=now - KEEP_FAILURES).filter(
            Q(locked_until__isnull=True) | Q(locked_until__lt=now)
        )
        live = Session.objects.filter(expire_date__gt=now).values("session_key")
        sessions = UserSession.objects.exclude(session_key__in=live)
        counts = (throttles.count(), sessions.count())
        if options["wet_run"]:
            throttles.delete()
            sessions.delete()
            self.stdout.write(f"Deleted {counts[0]} failed-sign-in counts and {counts[1]} session index rows.")
        else:
            self.stdout.write(f"Would delete {counts[0]} failed-sign-in counts and {counts[1]} session index rows.")
