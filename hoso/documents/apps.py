from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "hoso.documents"
    label = "documents"
    verbose_name = _("Supporting documents")

    def ready(self) -> None:
        from hoso.documents import checks  # noqa: F401 - registers the system checks
