from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "hoso.workdays"
    label = "workdays"
    verbose_name = _("Working days and approval windows")

    def ready(self) -> None:
        from hoso.workdays import checks  # noqa: F401  (registers the start-up checks)
