"""What the page shell needs to know about the signed-in user's rights (the menu entries it shows)."""

from typing import Any

from django.http import HttpRequest

from hoso.accounts import policy
from hoso.accounts.enums import Capability


def account_menu(request: HttpRequest) -> dict[str, Any]:
    """`can_manage_accounts`: whether the menu shows "Account administration" (holders of MANAGE_ACCOUNTS).

    Read from the grants the policy keeps on the user for the request, so it costs nothing more on most pages.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"can_manage_accounts": False}
    return {"can_manage_accounts": Capability.MANAGE_ACCOUNTS in policy.capabilities_of(user)}
