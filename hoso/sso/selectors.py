"""Reads for single sign-on: which hoso account a provider identity stands for."""

import re

from django.conf import settings

from hoso.accounts.models import User
from hoso.people import selectors as people_selectors
from hoso.people.models import Person
from hoso.people.validators import normalise_citizen_id
from hoso.sso.enums import MatchField
from hoso.sso.models import ExternalIdentity

_TWELVE_DIGITS = re.compile(r"\d{12}")


def linked_identity(*, issuer: str, subject: str) -> ExternalIdentity | None:
    return ExternalIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()


def account_matching_claim(value: str) -> User | None:
    """The account whose configured attribute (HOSO_OIDC_MATCH_FIELD) equals the claim's value."""
    if MatchField(settings.HOSO_OIDC_MATCH_FIELD) is MatchField.USERNAME:
        return User.objects.filter(username=value).first()
    person = person_by_citizen_id(value)
    return person.account if person is not None else None


def person_by_citizen_id(value: str) -> Person | None:
    """The person with this personal identification number (số định danh cá nhân), or None.

    The one place SSO looks a person up by ID number. The number is encrypted at rest, so the
    lookup goes through people's blind-index selector when it is there.
    """
    digits = normalise_citizen_id(value)
    if not _TWELVE_DIGITS.fullmatch(digits):
        return None
    lookup = getattr(people_selectors, "people_with_citizen_id", None)
    people = lookup(digits) if lookup is not None else Person.objects.filter(citizen_id=digits)
    return people.select_related("account").first()
