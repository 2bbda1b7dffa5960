"""Writes to user accounts and to the rights they hold."""

import datetime
from dataclasses import dataclass
from typing import Any, Literal

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hoso.accounts import policy
from hoso.accounts.enums import Capability
from hoso.accounts.models import ConsentGrant, Delegation, Role, RoleAssignment, UnitAccountHolder, User
from hoso.audit.enums import AuditAction
from hoso.audit.services import record_event
from hoso.core.text import clean_text, fold
from hoso.organisations.models import OrgUnit


class OutOfScope(PermissionDenied):
    """The acting user may not change this account or grant rights on this unit."""


def create_user(
    *,
    username: str,
    password: str,
    full_name: str,
    kind: User.Kind | str,
    unit: OrgUnit | None,
    is_superuser: bool = False,
    acting_user: User | None = None,
) -> User:
    """Create an account after checking its fields and the password rules (AUTH_PASSWORD_VALIDATORS).

    A superuser is also staff, so that the administration site opens for it. With an `acting_user` (every screen
    and API call passes one; management commands do not), the hierarchy rule of REQ-010 applies: the system
    administrator creates accounts anywhere, a unit administrator only on units of its own subtree, and nobody
    creates a system-administrator account or a superuser but the system administrator.
    """
    if acting_user is not None:
        province_wide = policy.has_capability_province_wide(acting_user, Capability.MANAGE_ACCOUNTS)
        if kind == User.Kind.SYSTEM_ADMIN or is_superuser or unit is None:
            if not province_wide:
                raise OutOfScope(_("Only the system administrator creates accounts outside the units."))
        elif not policy.has_capability(acting_user, Capability.MANAGE_ACCOUNTS, unit):
            raise OutOfScope(_("This unit is outside the units you administer."))
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
        record_event(
            AuditAction.ACCOUNT_CREATED,
            actor=acting_user,
            unit=unit,
            target=user,
            detail={"username": user.username, "kind": user.kind},
        )
    return user


# --- rights: roles on units, delegations, written consent (REQ-010, REQ-011, REQ-020) ------------------------------

PROVINCE_ONLY_CAPABILITIES = frozenset({Capability.MANAGE_UNITS, Capability.ADMINISTER_CATALOGS})


def _role_event(action: AuditAction, acting_user: User | None, assignment: RoleAssignment) -> None:
    record_event(
        action,
        actor=acting_user,
        unit=assignment.unit or assignment.user.unit,
        target=assignment.user,
        detail={
            "role": assignment.role.code,
            "unit": assignment.unit.name if assignment.unit else None,
            "include_subunits": assignment.include_subunits,
            "capabilities": list(assignment.capabilities),
            "valid_from": assignment.valid_from.isoformat() if assignment.valid_from else None,
            "valid_to": assignment.valid_to.isoformat() if assignment.valid_to else None,
            "decision_number": assignment.decision_number,
        },
    )


def _check_manages(acting_user: User, user: User, unit: OrgUnit | None, capabilities: list[str]) -> None:
    """REQ-010/011: nobody creates or changes accounts, or grants rights, outside their own subtree."""
    if acting_user.pk == user.pk:
        raise OutOfScope(_("Nobody grants or changes rights on their own account."))
    if not policy.can(acting_user, Capability.MANAGE_ACCOUNTS, user):
        raise OutOfScope(_("This account is outside the units you administer."))
    if unit is None or PROVINCE_ONLY_CAPABILITIES & set(capabilities):
        if not policy.has_capability_province_wide(acting_user, Capability.MANAGE_ACCOUNTS):
            raise OutOfScope(_("Only the system administrator grants rights over the whole province."))
    elif not policy.has_capability(acting_user, Capability.MANAGE_ACCOUNTS, unit):
        raise OutOfScope(_("This unit is outside the units you administer."))


def _clean_capabilities(capabilities: list[str] | None, role: Role) -> list[str]:
    chosen = list(role.capabilities if capabilities is None else capabilities)
    order = list(Capability.values)
    if not chosen:
        raise ValidationError({"capabilities": [_("Choose at least one capability.")]}, code="empty")
    unknown = [c for c in chosen if c not in order]
    if unknown:
        raise ValidationError({"capabilities": [_("Choose capabilities from the list.")]}, code="invalid")
    return sorted(set(chosen), key=order.index)


def grant_role(
    *,
    acting_user: User,
    user: User,
    role: Role,
    unit: OrgUnit | None,
    include_subunits: bool = True,
    capabilities: list[str] | None = None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    note: str = "",
) -> RoleAssignment:
    """Cấp quyền: give `user` a role on `unit` (None: the province) for a period, on the basis of a decision."""
    chosen = _clean_capabilities(capabilities, role)
    _check_manages(acting_user, user, unit, chosen)
    with transaction.atomic():
        assignment = RoleAssignment(
            user=user,
            role=role,
            unit=unit,
            include_subunits=include_subunits,
            capabilities=chosen,
            valid_from=valid_from or timezone.localdate(),
            valid_to=valid_to,
            granted_by=acting_user,
            decision_number=clean_text(decision_number),
            decision_date=decision_date,
            note=clean_text(note),
        )
        assignment.full_clean()
        assignment.save()
        _role_event(AuditAction.ROLE_GRANTED, acting_user, assignment)
    policy.forget(user)
    return assignment


def change_role(
    *,
    acting_user: User,
    assignment: RoleAssignment,
    capabilities: list[str] | None = None,
    include_subunits: bool | None = None,
    valid_to: datetime.date | None | Literal["keep"] = "keep",
    decision_number: str = "",
    decision_date: datetime.date | None = None,
) -> RoleAssignment:
    """Hạn chế / mở rộng quyền: narrow or widen the capabilities, the sub-unit scope or the end of a role."""
    with transaction.atomic():
        assignment = (
            RoleAssignment.objects.select_for_update(of=("self",))
            .select_related("user", "role", "unit")
            .get(pk=assignment.pk)
        )
        if assignment.revoked_at is not None:
            raise ValidationError(_("This right has been revoked; grant a new one instead."), code="revoked")
        chosen = _clean_capabilities(
            capabilities if capabilities is not None else assignment.capabilities, assignment.role
        )
        _check_manages(acting_user, assignment.user, assignment.unit, chosen)
        assignment.capabilities = chosen
        if include_subunits is not None:
            assignment.include_subunits = include_subunits
        if valid_to != "keep":
            assignment.valid_to = valid_to
        if decision_number:
            assignment.decision_number = clean_text(decision_number)
            assignment.decision_date = decision_date
        assignment.full_clean()
        assignment.save()
        _role_event(AuditAction.ROLE_CHANGED, acting_user, assignment)
    policy.forget(assignment.user)
    return assignment


def revoke_role(*, acting_user: User, assignment: RoleAssignment, decision_number: str = "") -> RoleAssignment:
    """Hủy quyền: the role ends now, open sessions included (the policy reads rights on every request)."""
    with transaction.atomic():
        assignment = (
            RoleAssignment.objects.select_for_update(of=("self",)).select_related("user", "unit").get(pk=assignment.pk)
        )
        _check_manages(acting_user, assignment.user, assignment.unit, list(assignment.capabilities))
        if assignment.revoked_at is None:
            assignment.revoked_at = timezone.now()
            assignment.revoked_by = acting_user
            if decision_number:  # the grant's own decision stays; the revocation's is noted beside it
                basis = _("Revoked by decision %(number)s.") % {"number": clean_text(decision_number)}
                assignment.note = clean_text(f"{assignment.note} {basis}")[:300]
            assignment.save(update_fields=["revoked_at", "revoked_by", "note", "updated_at"])
            _role_event(AuditAction.ROLE_REVOKED, acting_user, assignment)
    policy.forget(assignment.user)
    return assignment


def delegate_rights(
    *,
    acting_user: User,
    delegate: User,
    capabilities: list[str],
    valid_from: datetime.date,
    valid_to: datetime.date,
    decision_number: str,
    decision_date: datetime.date | None = None,
) -> Delegation:
    """Ủy quyền: the acting user lets `delegate` exercise some of their own capabilities, on their units, for a period.

    Only capabilities the acting user holds and the province lets be delegated (HOSO_DELEGABLE_CAPABILITIES).
    """
    held = policy.capabilities_of(acting_user)
    delegable = set(getattr(settings, "HOSO_DELEGABLE_CAPABILITIES", Capability.values))
    errors: dict[str, list[str]] = {}
    if not capabilities:
        errors["capabilities"] = [_("Choose at least one capability.")]
    elif not set(capabilities) <= held:
        errors["capabilities"] = [_("You can only delegate capabilities you hold.")]
    elif not set(capabilities) <= delegable:
        errors["capabilities"] = [_("The province does not allow delegating some of these capabilities.")]
    if delegate.pk == acting_user.pk:
        errors["delegate"] = [_("Choose another person.")]
    elif not delegate.is_active:
        errors["delegate"] = [_("This account is locked.")]
    if valid_to < valid_from:
        errors["valid_to"] = [_("The end date is before the start date.")]
    if not clean_text(decision_number):
        errors["decision_number"] = [_("Enter the number of the delegation decision.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        delegation = Delegation.objects.create(
            delegator=acting_user,
            delegate=delegate,
            capabilities=sorted(set(capabilities), key=list(Capability.values).index),
            valid_from=valid_from,
            valid_to=valid_to,
            decision_number=clean_text(decision_number),
            decision_date=decision_date,
            created_by=acting_user,
        )
        record_event(
            AuditAction.DELEGATION_GRANTED,
            actor=acting_user,
            unit=delegate.unit,
            target=delegate,
            detail={
                "capabilities": delegation.capabilities,
                "valid_from": valid_from.isoformat(),
                "valid_to": valid_to.isoformat(),
                "decision_number": delegation.decision_number,
            },
        )
    policy.forget(delegate)
    return delegation


def revoke_delegation(*, acting_user: User, delegation: Delegation) -> Delegation:
    """The delegator, or an administrator of the delegator's account, ends a delegation now."""
    if delegation.delegator_id != acting_user.pk and not policy.can(
        acting_user, Capability.MANAGE_ACCOUNTS, delegation.delegator
    ):
        raise OutOfScope(_("Only the delegator or their administrator can end this delegation."))
    with transaction.atomic():
        ended = Delegation.objects.filter(pk=delegation.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=acting_user
        )
        if ended:
            record_event(AuditAction.DELEGATION_REVOKED, actor=acting_user, target=delegation)
    delegation.refresh_from_db()
    policy.forget(delegation.delegate)
    return delegation


SCAN_SIGNATURES = {b"%PDF-": "application/pdf", b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
SCAN_MAX_BYTES = 10 * 1024 * 1024


def scan_content_type(upload: UploadedFile) -> str | None:
    """The type of an uploaded scan read from its first bytes (PDF, PNG or JPEG), never from its name."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return next((kind for magic, kind in SCAN_SIGNATURES.items() if head.startswith(magic)), None)


def grant_consent(
    *,
    acting_user: User,
    grantee: User,
    person: Any,
    issuer: str,
    purpose: str,
    decision_number: str,
    decision_date: datetime.date | None,
    valid_from: datetime.date,
    valid_to: datetime.date,
    include_sensitive: bool = False,
    scan: UploadedFile | None = None,
) -> ConsentGrant:
    """Access by written consent (REQ-020): `grantee` may read `person`'s record from `valid_from` to `valid_to`.

    Recorded by an administrator of the person's unit, with the decision's number, date, issuer and scan; it lapses
    by itself after `valid_to`.
    """
    if not policy.can(acting_user, Capability.MANAGE_ACCOUNTS, person):
        raise OutOfScope(_("This person's record is outside the units you administer."))
    errors: dict[str, list[str]] = {}
    if not clean_text(decision_number):
        errors["decision_number"] = [_("Enter the number of the written consent or decision.")]
    if decision_date is None:
        errors["decision_date"] = [_("Enter the date of the written consent or decision.")]
    if not clean_text(issuer):
        errors["issuer"] = [_("Enter who issued the consent.")]
    if not clean_text(purpose):
        errors["purpose"] = [_("Enter the purpose of the access.")]
    if valid_to < valid_from:
        errors["valid_to"] = [_("The end date is before the start date.")]
    if grantee.pk == getattr(person, "account_id", None):
        errors["grantee"] = [_("Everyone already sees their own record.")]
    if not grantee.is_active:
        errors["grantee"] = [_("This account is locked.")]
    if scan is not None:
        if scan.size is not None and scan.size > SCAN_MAX_BYTES:
            errors["scan"] = [_("The scan is larger than 10 MB.")]
        elif scan_content_type(scan) is None:
            errors["scan"] = [_("The scan must be a PDF, JPEG or PNG file.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        grant = ConsentGrant(
            grantee=grantee,
            person=person,
            include_sensitive=include_sensitive,
            issuer=clean_text(issuer),
            purpose=clean_text(purpose),
            decision_number=clean_text(decision_number),
            decision_date=decision_date,
            valid_from=valid_from,
            valid_to=valid_to,
            granted_by=acting_user,
        )
        if scan is not None:
            grant.scan.save(scan.name or "scan", scan, save=False)
        grant.full_clean()
        grant.save()
        record_event(
            AuditAction.CONSENT_GRANTED,
            actor=acting_user,
            person=person,
            target=grant,
            detail={
                "grantee": grantee.username,
                "decision_number": grant.decision_number,
                "valid_from": valid_from.isoformat(),
                "valid_to": valid_to.isoformat(),
                "include_sensitive": include_sensitive,
            },
        )
    policy.forget(grantee)
    return grant


def revoke_consent(*, acting_user: User, grant: ConsentGrant) -> ConsentGrant:
    if not policy.can(acting_user, Capability.MANAGE_ACCOUNTS, grant.person):
        raise OutOfScope(_("This person's record is outside the units you administer."))
    with transaction.atomic():
        ended = ConsentGrant.objects.filter(pk=grant.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=acting_user
        )
        if ended:
            record_event(AuditAction.CONSENT_REVOKED, actor=acting_user, person=grant.person, target=grant)
    grant.refresh_from_db()
    policy.forget(grant.grantee)
    return grant


def follow_transfer(*, user: User, new_unit: OrgUnit, acting_user: User | None) -> list[RoleAssignment]:
    """A person who moves keeps their personal account; the rights they held on the old unit end (REQ-022).

    The account moves to the new unit; every role whose scope does not cover the new unit is revoked now. Called by
    the record services in the transaction that applies the move. Returns the roles it ended.
    """
    ended: list[RoleAssignment] = []
    now = timezone.now()
    for assignment in RoleAssignment.objects.select_for_update().filter(user=user, revoked_at__isnull=True):
        unit = assignment.unit
        if unit is None:
            continue  # a province-wide role does not depend on the unit the person works in
        covers = new_unit.path.startswith(unit.path) if assignment.include_subunits else unit.pk == new_unit.pk
        if not covers:
            assignment.revoked_at = now
            assignment.revoked_by = acting_user
            assignment.note = clean_text(
                f"{assignment.note} {_('Ended by a transfer to %(unit)s.') % {'unit': new_unit.name}}"
            )[:300]
            assignment.save(update_fields=["revoked_at", "revoked_by", "note", "updated_at"])
            _role_event(AuditAction.ROLE_REVOKED, acting_user, assignment)
            ended.append(assignment)
    if user.unit_id != new_unit.pk:
        user.unit = new_unit
        user.save(update_fields=["unit"])
    policy.forget(user)
    return ended


# --- account management screens: first passwords, personal accounts, unit account holders -------------------------
# (REQ-010, REQ-013, REQ-014, REQ-017, REQ-018). Sign-in security lives in `hoso.security` (a later app), and the
# records in `hoso.people`: both are imported inside the functions.

HAND_OVER_SLIP = "slip"  # a temporary password printed on a slip, changed at the first sign-in
HAND_OVER_LINK = "link"  # a one-time link with which the holder chooses the first password
PERSONAL_LOGIN_CITIZEN_ID = "citizen_id"
PERSONAL_LOGIN_USERNAME = "username"


@dataclass(frozen=True)
class IssuedAccount:
    """An account and its first credential, to be shown once on a slip and never stored in clear (REQ-017)."""

    user: User
    password: str = ""
    link: str = ""  # a path; the view makes it absolute


def _issue_first_credential(user: User, password: str, acting_user: User, hand_over: str) -> IssuedAccount:
    from hoso.security import services as security
    from hoso.security.enums import PasswordChangeReason

    if hand_over == HAND_OVER_LINK:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        return IssuedAccount(user=user, link=security.password_setup_link(user))
    security.require_password_change(user, acting_user, reason=PasswordChangeReason.FIRST_USE)
    return IssuedAccount(user=user, password=password)


def personal_login(person: Any, taken: set[str] | None = None) -> str:
    """The login of a new personal account (REQ-018), as setting HOSO_PERSONAL_LOGIN says.

    "citizen_id": the 12-digit personal identification number. "username": the given name followed by the initials
    of the other names, without diacritics ("Nguyễn Thị Hồng Nhung" → "nhungnth"), with a number added when that
    name is taken (in the database or in `taken`, the logins of the same batch).
    """
    if getattr(settings, "HOSO_PERSONAL_LOGIN", PERSONAL_LOGIN_CITIZEN_ID) != PERSONAL_LOGIN_USERNAME:
        return clean_text(person.citizen_id)
    words = [word for word in fold(person.full_name).replace("-", " ").split() if word.isalnum()]
    base = (words[-1] + "".join(word[0] for word in words[:-1])) if words else "canbo"
    base = base[:140]
    used = set(User.objects.filter(username__startswith=base).values_list("username", flat=True)) | (taken or set())
    if base not in used:
        return base
    number = 2
    while f"{base}{number}" in used:
        number += 1
    return f"{base}{number}"


def _check_person_free(acting_user: User, person: Any, *, field: str = "person") -> None:
    if not policy.can(acting_user, Capability.MANAGE_ACCOUNTS, person):
        raise ValidationError({field: [_("This person's record is outside the units you administer.")]})
    if person.account_id is not None:
        raise ValidationError({field: [_("This person already has an account.")]})


def link_personal_account(*, acting_user: User, user: User, person: Any) -> None:
    """Bind a personal account to the record of the person who uses it; a person has one account at most (REQ-018).

    The person's record and the account must both be within the acting user's units.
    """
    from hoso.people.models import Person

    if not policy.can(acting_user, Capability.MANAGE_ACCOUNTS, user):
        raise OutOfScope(_("This account is outside the units you administer."))
    if user.kind != User.Kind.PERSONAL:
        raise ValidationError({"person": [_("Only a personal account belongs to a person's record.")]})
    with transaction.atomic():
        locked = (
            Person.objects.select_for_update(of=("self",))
            .select_related("employing_unit", "managing_unit")
            .get(pk=person.pk)
        )
        if not policy.can(acting_user, Capability.MANAGE_ACCOUNTS, locked):
            raise ValidationError({"person": [_("This person's record is outside the units you administer.")]})
        if locked.account_id not in (None, user.pk):
            raise ValidationError({"person": [_("This person already has an account.")]})
        if Person.objects.filter(account=user).exclude(pk=locked.pk).exists():
            raise ValidationError({"person": [_("This account already belongs to another person's record.")]})
        Person.objects.filter(pk=locked.pk).update(account=user)
        record_event(
            AuditAction.ACCOUNT_CHANGED,
            actor=acting_user,
            person=locked,
            unit=locked.employing_unit,
            target=user,
            detail={"linked_to_record": True},
        )
    person.account_id = user.pk


def create_account(
    *,
    acting_user: User,
    kind: User.Kind | str,
    unit: OrgUnit | None,
    username: str,
    full_name: str,
    email: str = "",
    person: Any = None,
    hand_over: str = HAND_OVER_SLIP,
) -> IssuedAccount:
    """Create an account with its first credential (REQ-010, REQ-014): a temporary password or a one-time link.

    A personal account may name the person's record it belongs to; without a username it gets the login that
    HOSO_PERSONAL_LOGIN says. The holder changes a temporary password at the first sign-in.
    """
    from hoso.security import services as security

    if person is not None:
        if kind != User.Kind.PERSONAL:
            raise ValidationError({"person": [_("Only a personal account belongs to a person's record.")]})
        _check_person_free(acting_user, person)
        username = clean_text(username) or personal_login(person)
        full_name = clean_text(full_name) or person.full_name
    if not clean_text(username):
        raise ValidationError({"username": [_("Enter a username.")]})
    password = security.generate_temporary_password()
    with transaction.atomic():
        user = create_user(
            username=username, password=password, full_name=full_name, kind=kind, unit=unit, acting_user=acting_user
        )
        if email:
            user.email = clean_text(email)
            user.full_clean()
            user.save(update_fields=["email"])
        if person is not None:
            link_personal_account(acting_user=acting_user, user=user, person=person)
        issued = _issue_first_credential(user, password, acting_user, hand_over)
    return issued


def create_personal_accounts(*, acting_user: User, people: list[Any], hand_over: str) -> list[IssuedAccount]:
    """Bulk creation: one personal account per person, each in the person's employing unit; all or none.

    Problems are reported per person: a ValidationError whose keys are the people's public ids (as strings).
    """
    from hoso.security import services as security

    problems: dict[str, list[str]] = {}
    planned: list[tuple[Any, str]] = []
    taken: set[str] = set()
    for person in people:
        key = str(person.uid)
        try:
            _check_person_free(acting_user, person, field=key)
        except ValidationError as error:
            problems.update(error.message_dict)
            continue
        if not policy.has_capability(acting_user, Capability.MANAGE_ACCOUNTS, person.employing_unit):
            problems[key] = [_("This person works in a unit outside the units you administer.")]
            continue
        login = personal_login(person, taken)
        if not login:
            problems[key] = [_("The record has no personal identification number to sign in with.")]
        elif login in taken or User.objects.filter(username=login).exists():
            problems[key] = [_("The login %(login)s is already used by another account.") % {"login": login}]
        else:
            taken.add(login)
            planned.append((person, login))
    if not people:
        problems["people"] = [_("Choose at least one person.")]
    if problems:
        raise ValidationError(problems)
    issued: list[IssuedAccount] = []
    try:
        with transaction.atomic():
            for person, login in planned:
                password = security.generate_temporary_password()
                user = create_user(
                    username=login,
                    password=password,
                    full_name=person.full_name,
                    kind=User.Kind.PERSONAL,
                    unit=person.employing_unit,
                    acting_user=acting_user,
                )
                link_personal_account(acting_user=acting_user, user=user, person=person)
                issued.append(_issue_first_credential(user, password, acting_user, hand_over))
    except ValidationError as error:
        # A login taken or a record linked meanwhile: name the person, nothing was created.
        raise ValidationError({str(person.uid): error.messages}) from error
    return issued


def current_holder(user: User, day: datetime.date | None = None) -> UnitAccountHolder | None:
    """The person assigned to use a unit account on `day` (today by default), or None (REQ-013)."""
    day = day or timezone.localdate()
    return (
        UnitAccountHolder.objects.filter(account=user, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("holder_person")
        .order_by("-valid_from", "-pk")
        .first()
    )


def assign_unit_account_holder(
    *,
    acting_user: User,
    account: User,
    holder_name: str,
    holder_person: Any = None,
    decision_number: str,
    decision_date: datetime.date | None,
    valid_from: datetime.date | None = None,
) -> UnitAccountHolder:
    """Hand a unit account over to a named person by a written assignment (REQ-013).

    The former holder's period ends on the day of the hand-over, the new one starts that day, and the account must
    get a new password before anything else (its sessions end).
    """
    from hoso.security import services as security
    from hoso.security.enums import PasswordChangeReason

    if account.pk == acting_user.pk or not policy.can(acting_user, Capability.MANAGE_ACCOUNTS, account):
        raise OutOfScope(_("This account is outside the units you administer."))
    valid_from = valid_from or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if account.kind != User.Kind.UNIT:
        errors["account"] = [_("Only a unit account is handed over to a named holder.")]
    if holder_person is not None and not policy.can(acting_user, Capability.MANAGE_ACCOUNTS, holder_person):
        errors["holder_person"] = [_("This person's record is outside the units you administer.")]
    name = clean_text(holder_name) or (clean_text(holder_person.full_name) if holder_person is not None else "")
    if not name:
        errors["holder_name"] = [_("Enter the name of the person who will use the account.")]
    if not clean_text(decision_number):
        errors["decision_number"] = [_("Enter the number of the assignment decision.")]
    if decision_date is None:
        errors["decision_date"] = [_("Enter the date of the assignment decision.")]
    if errors or decision_date is None:
        raise ValidationError(errors)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=account.pk).first()  # one hand-over of an account at a time
        previous = UnitAccountHolder.objects.filter(account=account, valid_to__isnull=True).first()
        if previous is not None:
            if valid_from < previous.valid_from:
                raise ValidationError(
                    {"valid_from": [_("The hand-over cannot be before the current holder's start date.")]}
                )
            previous.valid_to = valid_from
            previous.save(update_fields=["valid_to"])
        holder = UnitAccountHolder(
            account=account,
            holder_name=name[:150],
            holder_person=holder_person,
            decision_number=clean_text(decision_number),
            decision_date=decision_date,
            valid_from=valid_from,
            recorded_by=acting_user,
        )
        holder.full_clean()
        holder.save()
        security.require_password_change(account, acting_user, reason=PasswordChangeReason.HOLDER_CHANGED)
        record_event(
            AuditAction.ACCOUNT_HANDED_OVER,
            actor=acting_user,
            unit=account.unit,
            target=account,
            detail={
                "previous_holder": previous.holder_name if previous is not None else None,
                "holder": holder.holder_name,
                "decision_number": holder.decision_number,
                "valid_from": valid_from.isoformat(),
            },
        )
    return holder
