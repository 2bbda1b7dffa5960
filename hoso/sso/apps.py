from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "hoso.sso"
    label = "sso"
    verbose_name = _("Single sign-on")

    def ready(self) -> None:
        from hoso.sso import checks  # noqa: F401  (registers the configuration checks)
