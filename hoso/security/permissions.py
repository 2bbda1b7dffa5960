"""Who may act on another account's sign-in security."""

from typing import Any

from hoso.accounts import policy
from hoso.accounts.enums import Capability


def can_manage_sign_in(admin: Any, user: Any) -> bool:
    """The administrator responsible for the account (MANAGE_ACCOUNTS on its unit), never on their own account."""
    return bool(admin.pk != user.pk and policy.can(admin, Capability.MANAGE_ACCOUNTS, user))


def can_handle_incidents(admin: Any) -> bool:
    return policy.has_capability(admin, Capability.MANAGE_ACCOUNTS)
