"""Template context shared by every page."""

from django.conf import settings
from django.http import HttpRequest


def province(request: HttpRequest) -> dict[str, str]:
    """The province the installation serves, shown in the page header and footer."""
    return {"province_name": str(settings.HOSO_PROVINCE["name"])}
