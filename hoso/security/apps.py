from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Sign-in security: password rules and history, lock-out, forced change, two-factor, sessions."""

    name = "hoso.security"
    label = "security"
    verbose_name = _("Sign-in security")

    def ready(self) -> None:
        from hoso.security import checks, signals  # noqa: F401  (registers the system checks and receivers)
