"""Writes to user accounts."""

from django.contrib.auth import password_validation
from django.db import transaction

from hoso.accounts.models import User
from hoso.core.text import clean_text
from hoso.organisations.models import OrgUnit


def create_user(
    *,
    username: str,
    password: str,
    full_name: str,
    kind: User.Kind | str,
    unit: OrgUnit | None,
    is_superuser: bool = False,
) -> User:
    """Create an account after checking its fields and the password rules (AUTH_PASSWORD_VALIDATORS).

    A superuser is also staff, so that the administration site opens for it.
    """
    with transaction.atomic():
        user = User(
            username=clean_text(username),
            full_name=clean_text(full_name),
            kind=kind,
            unit=unit,
            is_superuser=is_superuser,
            is_staff=is_superuser,
        )
        password_validation.validate_password(password, user)
        user.set_password(password)
        user.full_clean()
        user.save()
    return user
