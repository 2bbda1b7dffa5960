"""What the page shell needs to know about the signed-in user's rights (the menu entries it shows)."""

from typing import Any

from django.http import HttpRequest

from hoso.accounts import policy
from hoso.accounts.enums import Capability


def account_menu(request: HttpRequest) -> dict[str, Any]:
    """Which menu entries the page shell shows: account administration, the review and approval queues, the
    province's dashboards.

    Read from the grants the policy keeps on the user for the request, so it costs nothing more on most pages.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"can_manage_accounts": False, "can_review": False, "can_approve": False, "can_watch_province": False}
    capabilities = policy.capabilities_of(user)
    return {
        "can_manage_accounts": Capability.MANAGE_ACCOUNTS in capabilities,
        "can_review": Capability.REVIEW in capabilities,
        "can_approve": Capability.APPROVE in capabilities,
        "can_watch_province": policy.has_capability_province_wide(user, Capability.VIEW_REPORTS),
    }
