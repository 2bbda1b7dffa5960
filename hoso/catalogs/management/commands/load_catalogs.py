"""Load the official catalogs (danh mục) from the CSV files; idempotent, one transaction."""

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from hoso.catalogs.services import CatalogFileError, load_catalogs


class Command(BaseCommand):
    help = "Upsert every catalog CSV file (default: settings.HOSO_CATALOG_DIR) by its official code."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--directory", type=Path, help="Directory of the CSV files (default: HOSO_CATALOG_DIR).")

    def handle(self, *args: Any, **options: Any) -> None:
        directory = Path(options["directory"] or settings.HOSO_CATALOG_DIR)
        started = time.perf_counter()
        try:
            results = load_catalogs(directory=directory)
        except CatalogFileError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        if options["verbosity"] >= 2:
            for result in results:
                self.stdout.write(
                    _("%(file)s: %(rows)d rows, %(created)d created, %(updated)d updated, %(deactivated)d deactivated")
                    % vars(result)
                )
        if options["verbosity"] >= 1:
            created = sum(result.created for result in results)
            updated = sum(result.updated for result in results)
            deactivated = sum(result.deactivated for result in results)
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "%(files)d catalog files loaded from %(directory)s in %(seconds).2f s: "
                        "%(created)d created, %(updated)d updated, %(deactivated)d deactivated."
                    )
                    % {
                        "files": len(results),
                        "directory": directory,
                        "seconds": elapsed,
                        "created": created,
                        "updated": updated,
                        "deactivated": deactivated,
                    }
                )
            )
