"""`manage.py demo`: build the demo province (units, people with full records, accounts)."""

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hoso.people.demo.catalogs import CatalogsMissing
from hoso.people.demo.runner import DemoOptions, DemoRefused, run_demo

PROBLEMS_FILE = Path(settings.BASE_DIR) / "var" / "demo_problems.json"
PROBLEMS_SHOWN = 30


class Command(BaseCommand):
    help = (
        "Build a synthetic province (Đồng Tháp) with its unit tree, N people with complete records "
        "(version 1 of each) and the demo accounts admin, officer, head and employee. Deterministic "
        "for a seed. Refuses a database that already has people unless --reset or --if-empty."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--people", type=int, required=True, help="How many people to generate.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (the same seed gives the same province).")
        parser.add_argument("--password", default="", help="Password of the demo accounts (default: a random one).")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--reset", action="store_true", help="Delete the demo province first, then rebuild it.")
        group.add_argument(
            "--if-empty", action="store_true", help="Do nothing (and succeed) when the database already has people."
        )
        parser.add_argument("--units", type=int, default=0, help="Number of units (default: about 1 per 330 people).")
        parser.add_argument(
            "--problems-file",
            type=Path,
            default=PROBLEMS_FILE,
            help=f"Where to write the list of planted data problems (default: {PROBLEMS_FILE}).",
        )
        parser.add_argument(
            "--versions",
            choices=("direct", "service"),
            default="direct",
            help="Write version 1 with the rows (direct, fast) or through services.create_initial_versions.",
        )

        parser.add_argument(
            "--jobs",
            type=int,
            choices=(-1, 0, 1),
            default=-1,
            help="Draw the records in this process (0) or in a second one while this one writes (1); "
            "default -1: a second process from 20,000 people on, when the machine has two cores or more.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.APP_ENVIRONMENT == "prod":
            raise CommandError("The demo generator never runs in production (APP_ENVIRONMENT=prod).")
        demo_options = DemoOptions(
            people=options["people"],
            seed=options["seed"],
            password=options["password"],
            reset=options["reset"],
            if_empty=options["if_empty"],
            units=options["units"],
            problems_file=options["problems_file"],
            versions=options["versions"],
            jobs=options["jobs"],
            progress=sys.stderr.isatty(),
        )
        try:
            result = run_demo(demo_options, self.stdout.write)
        except (DemoRefused, CatalogsMissing) as error:
            raise CommandError(str(error)) from error
        if result.skipped:
            return
        # The review and approval workflow's part (rules, demo CA and certificates, pending change sets); the
        # workflow app sits above people, so it is imported here, when the command runs.
        from hoso.approvals.demo import seed_workflow  # noqa: PLC0415

        seed_workflow(self.stdout.write)
        if result.deleted:
            removed = ", ".join(f"{count} {what}" for what, count in result.deleted.items() if count)
            self.stdout.write(f"Deleted the previous demo: {removed or 'nothing'}.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo province: {result.units} units, {result.people} people, {result.rows} section rows "
                f"(seed {demo_options.seed})."
            )
        )
        self.stdout.write("Timings:")
        for phase, seconds in result.timings.items():
            self.stdout.write(f"  {phase:<18} {seconds:8.1f} s")
        self.stdout.write(f"Planted data problems ({len(result.problems)}), listed in {demo_options.problems_file}:")
        by_kind: dict[str, int] = {}
        for problem in result.problems:
            by_kind[problem["kind"]] = by_kind.get(problem["kind"], 0) + 1
        for kind, count in sorted(by_kind.items()):
            self.stdout.write(f"  {kind:<30} {count}")
        for problem in result.problems[:PROBLEMS_SHOWN]:
            self.stdout.write(
                f"    {problem['kind']:<30} {problem['citizen_id']}  {problem['full_name']} ({problem['unit']})"
            )
        if len(result.problems) > PROBLEMS_SHOWN:
            self.stdout.write(f"    … and {len(result.problems) - PROBLEMS_SHOWN} more in the file.")
        password_note = " (generated; shown only now)" if result.password_generated else ""
        self.stdout.write(f"Demo accounts, password {result.password}{password_note}:")
        for username, description, full_name in result.accounts:
            self.stdout.write(f"  {username:<9} {full_name} — {description}")
