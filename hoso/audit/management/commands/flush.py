"""Django's `flush`, made to work with the append-only audit table in development and tests.

The test runner empties the database with `flush` after every transactional test; the audit triggers would refuse.
Here the triggers are dropped for the flush and installed again right after, and only where APP_ENVIRONMENT is
"dev" or "test". Anywhere else `flush` is refused: it would erase the audit log.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands import flush
from django.db import connections
from django.utils.translation import gettext as _

from hoso.audit import triggers

ENVIRONMENTS_THAT_MAY_FLUSH = {"dev", "test"}


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        if triggers.TABLE not in connection.introspection.table_names():
            super().handle(**options)
            return
        if settings.APP_ENVIRONMENT not in ENVIRONMENTS_THAT_MAY_FLUSH:
            raise CommandError(_("flush would erase the audit log, which is append-only; it is refused here."))
        triggers.drop(connection)
        try:
            super().handle(**options)
        finally:
            triggers.install(connection)
