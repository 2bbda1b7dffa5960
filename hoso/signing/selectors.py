"""Reads of hoso.signing that carry rules: the signatures and credentials a user may see."""

from typing import Any

from django.db.models import QuerySet

from hoso.accounts import policy
from hoso.accounts.enums import Capability
from hoso.accounts.models import User
from hoso.people.models import Person, RecordVersion
from hoso.signing.models import SigningCredential, VersionSignature


def signatures_of(versions: list[RecordVersion]) -> dict[int, VersionSignature]:
    """version id → its signature, in one query (list pages)."""
    ids = [v.pk for v in versions]
    return {
        s.version_id: s
        for s in VersionSignature.objects.filter(version_id__in=ids)
        .select_related("on_behalf_of")
        .defer("signed_content", "cms")
    }


def signature_of(version: RecordVersion | None) -> VersionSignature | None:
    if version is None:
        return None
    return (
        VersionSignature.objects.filter(version=version).select_related("on_behalf_of").defer("signed_content").first()
    )


def credentials_of(user: User) -> QuerySet[SigningCredential]:
    return SigningCredential.objects.filter(user=user).select_related("created_by").order_by("-created_at")


def manageable_account(user: User, uid: Any) -> User | None:
    """An account whose certificates `user` manages (MANAGE_ACCOUNTS over it), or None (404)."""
    return policy.manageable_users(user).filter(uid=uid).first()


def manageable_credential(user: User, uid: Any) -> SigningCredential | None:
    credential = SigningCredential.objects.select_related("user", "user__unit").filter(uid=uid).first()
    if credential is None or not policy.can(user, Capability.MANAGE_ACCOUNTS, credential.user):
        return None
    return credential


def people_in_unit(unit_uid: Any) -> QuerySet[Person]:
    """Every record employed in a unit and its sub-units (the verify_record command: no user, all records)."""
    from hoso.organisations.models import OrgUnit

    unit = OrgUnit.objects.filter(uid=unit_uid).first()
    if unit is None:
        return Person.objects.none()
    return Person.objects.filter(employing_unit__path__startswith=unit.path)
