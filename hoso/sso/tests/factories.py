"""Test factories for single sign-on."""

import factory
from factory.django import DjangoModelFactory

from hoso.accounts.tests.factories import UserFactory
from hoso.sso.models import ExternalIdentity


class ExternalIdentityFactory(DjangoModelFactory[ExternalIdentity]):
    class Meta:
        model = ExternalIdentity

    issuer = "https://sso.example.gov.vn"
    subject = factory.Sequence(lambda n: f"subject-{n}")
    user = factory.SubFactory(UserFactory)
