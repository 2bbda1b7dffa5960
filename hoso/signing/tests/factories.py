"""Test data of hoso.signing that other tests (the access matrix) use."""

import datetime

from django.utils import timezone

from hoso.accounts.models import User
from hoso.signing.enums import CredentialKind
from hoso.signing.models import SigningCredential


def registered_credential(user: User) -> SigningCredential:
    """A remote-signing credential row for `user` (its certificate is not parsed: for pages that only list/revoke)."""
    now = timezone.now()
    return SigningCredential.objects.create(
        user=user,
        kind=CredentialKind.REMOTE,
        certificate_pem="-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
        subject="CN=Người ký thử",
        serial="01",
        issuer="CN=CA thử",
        not_before=now - datetime.timedelta(days=1),
        not_after=now + datetime.timedelta(days=365),
        remote_account="tai-khoan-thu",
    )
