from django import template
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

register = template.Library()


@register.simple_tag
def sso_button() -> dict[str, bool | StrOrPromise]:
    """Whether the login page offers the shared account, and the button's label (a province setting)."""
    return {
        "enabled": settings.HOSO_OIDC_ENABLED,
        "label": settings.HOSO_OIDC_BUTTON_LABEL or _("Sign in with the province's shared account"),
    }
