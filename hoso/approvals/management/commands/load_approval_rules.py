"""Load a province's table of who approves whom (REQ-050) from hoso/approvals/presets.py."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hoso.approvals.presets import PRESETS
from hoso.approvals.rule_loading import complete_fixed_units, load_preset


class Command(BaseCommand):
    help = "Load the approver rules of a province preset (replaces the table; --if-empty keeps an edited one)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--preset", choices=sorted(PRESETS), help="default: HOSO_APPROVAL_RULES_PRESET")
        parser.add_argument("--if-empty", action="store_true", help="only when no rule exists yet")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["preset"] or settings.HOSO_APPROVAL_RULES_PRESET
        if name not in PRESETS:
            raise CommandError(f"Unknown preset {name!r}; known: {', '.join(sorted(PRESETS))}")
        written = load_preset(name, replace=not options["if_empty"])
        complete_fixed_units()
        if options["verbosity"]:
            self.stdout.write(f"{written} approver rules loaded ({name})." if written else "Approver rules kept.")
