"""Mapping a provider identity to an existing account: never creating one, never taking one over."""

import pytest

from hoso.accounts.models import User
from hoso.accounts.tests.factories import UserFactory
from hoso.sso import selectors
from hoso.sso.enums import Refusal
from hoso.sso.models import ExternalIdentity
from hoso.sso.services import ProviderIdentity, SignInRefused, account_for_identity, link_identity
from hoso.sso.tests.factories import ExternalIdentityFactory

ISSUER = "https://sso.example.gov.vn"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _match_by_username(settings):
    settings.HOSO_OIDC_MATCH_CLAIM = "preferred_username"
    settings.HOSO_OIDC_MATCH_FIELD = "username"


def identity(subject: str = "sub-1", **claims: str) -> ProviderIdentity:
    return ProviderIdentity(issuer=ISSUER, subject=subject, claims={"sub": subject, **claims})


def test_the_first_match_links_the_identity():
    user = UserFactory(username="lan")

    assert account_for_identity(identity=identity(preferred_username="lan")) == user

    link = ExternalIdentity.objects.get()
    assert (link.issuer, link.subject, link.user) == (ISSUER, "sub-1", user)


def test_no_account_is_ever_created():
    users_before = User.objects.count()

    with pytest.raises(SignInRefused) as refused:
        account_for_identity(identity=identity(preferred_username="nobody"))

    assert refused.value.refusal is Refusal.NOT_LINKED
    assert User.objects.count() == users_before
    assert not ExternalIdentity.objects.exists()


def test_an_identity_without_the_match_claim_is_not_linked():
    UserFactory(username="lan")

    with pytest.raises(SignInRefused) as refused:
        account_for_identity(identity=identity())

    assert refused.value.refusal is Refusal.NOT_LINKED


def test_userinfo_is_asked_only_when_the_id_token_lacks_the_claim():
    user = UserFactory(username="lan")
    calls: list[str] = []

    def load_userinfo():
        calls.append("userinfo")
        return {"sub": "sub-1", "preferred_username": "lan"}

    assert account_for_identity(identity=identity(), load_userinfo=load_userinfo) == user
    assert calls == ["userinfo"]
    assert account_for_identity(identity=identity(), load_userinfo=load_userinfo) == user
    assert calls == ["userinfo"]  # linked now: the subject is enough


def test_userinfo_about_another_subject_is_refused():
    UserFactory(username="lan")

    with pytest.raises(SignInRefused) as refused:
        account_for_identity(
            identity=identity(), load_userinfo=lambda: {"sub": "someone-else", "preferred_username": "lan"}
        )

    assert refused.value.refusal is Refusal.UNVERIFIED
    assert not ExternalIdentity.objects.exists()


def test_an_inactive_account_is_neither_signed_in_nor_linked():
    UserFactory(username="lan", is_active=False)

    with pytest.raises(SignInRefused) as refused:
        account_for_identity(identity=identity(preferred_username="lan"))

    assert refused.value.refusal is Refusal.INACTIVE
    assert not ExternalIdentity.objects.exists()


def test_an_account_keeps_one_identity_per_provider():
    link = ExternalIdentityFactory(issuer=ISSUER, subject="sub-1")

    with pytest.raises(SignInRefused) as refused:
        link_identity(identity=identity("sub-2"), user=link.user)

    assert refused.value.refusal is Refusal.LINKED_ELSEWHERE
    assert list(ExternalIdentity.objects.values_list("subject", flat=True)) == ["sub-1"]


def test_the_same_account_may_be_linked_at_another_provider():
    link = ExternalIdentityFactory(issuer="https://other-provider.example", subject="sub-1")

    other = link_identity(identity=identity("sub-1"), user=link.user)

    assert other.issuer == ISSUER
    assert ExternalIdentity.objects.filter(user=link.user).count() == 2


def test_linking_an_identity_already_linked_to_the_same_account_returns_that_link():
    link = ExternalIdentityFactory(issuer="https://other-provider.example", subject="sub-1")
    ExternalIdentity.objects.filter(pk=link.pk).update(issuer=ISSUER)

    with pytest.raises(SignInRefused):
        link_identity(identity=identity("sub-1"), user=link.user)


@pytest.mark.parametrize("value", ["", "12345", "0871850001234", "abc087185000123"])
def test_a_malformed_id_number_finds_nobody(value):
    assert selectors.person_by_citizen_id(value) is None
