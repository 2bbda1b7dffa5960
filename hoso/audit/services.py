"""Writing the audit log: `record_event`, the one way in.

Usage (the signature is stable; new keyword arguments may be added, never removed)::

    from hoso.audit.enums import AuditAction
    from hoso.audit.services import record_event

    record_event(
        AuditAction.RECORD_VIEWED,      # an AuditAction (or its code); unknown codes raise ValueError
        actor=user,                     # the account acting; default: request.user when signed in, else nobody
        request=request,                # gives the IP address, browser and channel (web or API); None in commands
        unit=unit,                      # the OrgUnit concerned; default: the person's employing unit
        person=person,                  # the Person whose record is concerned, if any
        target=change_set,              # the object acted on: a model instance (its uid is kept) or ("kind", "id")
        detail={"fields": ["phone"]},   # JSON-able facts: old/new values, filters, counts (secrets are removed)
    )

- **Same transaction as the act.** The entry joins the caller's transaction (or opens one), so an act that rolls
  back leaves no entry and an entry that cannot be written fails the act. Call it as the *last* step of a service:
  writers of the log wait for each other until commit (that is what keeps the chain unbroken), so a long
  transaction that logs first holds up everyone else's logging.
- **Cost.** One SELECT of the last entry and one INSERT (plus the advisory lock on PostgreSQL). Pass `unit=` or a
  person with `employing_unit` already loaded, or the unit's name costs one more query.
- **Never in a detail:** passwords, tokens, session keys (keys that look like these are replaced by "[redacted]"),
  and whole personal ID numbers (any 12-digit number is masked to 087******123). Keep details small: what changed,
  not whole records.
- **Channel.** Web, API (requests under the API's URL namespace) or, without a request, COMMAND; background jobs
  pass `channel=Channel.SYSTEM`.

Legal basis: REQ-098 (NĐ 13/2023: logging every access to personal data) and REQ-100 (a tamper-evident log of
logins, views, changes, exports, prints, permission changes and sync).
"""

import ipaddress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Model
from django.http import HttpRequest
from django.utils import timezone

from hoso.audit.chain import GENESIS_HASH, json_safe
from hoso.audit.enums import AuditAction, Channel
from hoso.audit.masking import mask_id_numbers, scrub
from hoso.audit.middleware import current_request
from hoso.audit.models import AuditEntry
from hoso.core.locks import advisory_xact_lock
from hoso.core.text import clean_text

if TYPE_CHECKING:
    from hoso.accounts.models import User
    from hoso.organisations.models import OrgUnit
    from hoso.people.models import Person

CHAIN_LOCK = "audit-chain"
Target = Model | tuple[str, Any] | None


@dataclass(frozen=True)
class RequestContext:
    ip: str = ""
    user_agent: str = ""
    channel: str = Channel.COMMAND


def _valid_ip(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return ""


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the address the reverse proxy saw when it is trusted.

    With HOSO_AUDIT_TRUST_X_FORWARDED_FOR on, the last address of X-Forwarded-For is used: the one our own proxy
    appended. Earlier ones come from the client and can be forged. Leave it off unless a proxy is in front.
    """
    if settings.HOSO_AUDIT_TRUST_X_FORWARDED_FOR:
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded and (ip := _valid_ip(forwarded[-1])):
            return ip
    return _valid_ip(str(request.META.get("REMOTE_ADDR", "")))


def _is_api(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return "api" in match.namespaces
    return request.path.startswith("/api/")


def request_context(request: HttpRequest | None) -> RequestContext:
    if request is None:
        request = current_request.get()  # a service called during a request (hoso.audit.middleware)
    if request is None:
        return RequestContext()
    return RequestContext(
        ip=client_ip(request),
        user_agent=_text(request.headers.get("User-Agent", ""), _max_length("user_agent")),
        channel=Channel.API if _is_api(request) else Channel.WEB,
    )


def _max_length(field: str) -> int:
    return int(cast(CharField[Any, Any], AuditEntry._meta.get_field(field)).max_length or 0)


def _text(value: Any, limit: int) -> str:
    return clean_text(str(value or "").replace("\x00", ""))[:limit]


def _target(target: Target) -> tuple[str, str]:
    if target is None:
        return "", ""
    if isinstance(target, tuple):
        kind, identifier = target
        return _text(kind, _max_length("target_type")), _text(
            mask_id_numbers(str(identifier)), _max_length("target_id")
        )
    identifier = getattr(target, "uid", None) or target.pk
    return target._meta.label_lower, str(identifier)


def _request_user(request: HttpRequest | None) -> "User | None":
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None  # type: ignore[return-value]


def record_event(
    action: AuditAction | str,
    *,
    actor: "User | None" = None,
    request: HttpRequest | None = None,
    unit: "OrgUnit | None" = None,
    person: "Person | None" = None,
    target: Target = None,
    detail: dict[str, Any] | None = None,
    channel: Channel | str | None = None,
) -> AuditEntry:
    """Append one entry to the audit log, in the caller's transaction (see the module docstring)."""
    actor = actor if actor is not None else _request_user(request)
    if actor is not None and not actor.is_authenticated:
        actor = None
    entry = _build(
        AuditAction(action),
        actor=actor,
        request=request,
        unit=unit,
        person=person,
        target=target,
        detail=detail,
        channel=channel,
    )
    return _append(entry)


def record_failed_login(*, username: str, request: HttpRequest | None) -> AuditEntry:
    """LOGIN_FAILED for an attempted username (masked if it is an ID number); never the password.

    When the username names an account, that account is the target and its unit the entry's unit, so the unit's
    auditors see attempts on their accounts. The actor stays empty: whoever typed it is unknown.
    """
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    account = None
    if username:
        lookup = {user_model.USERNAME_FIELD: username}
        account = user_model._default_manager.filter(**lookup).select_related("unit").first()
    entry = _build(
        AuditAction.LOGIN_FAILED,
        actor=None,
        request=request,
        unit=getattr(account, "unit", None),
        person=None,
        target=account,
        detail={"known_account": account is not None},
        channel=None,
    )
    entry.actor_username = _text(mask_id_numbers(username), _max_length("actor_username"))
    return _append(entry)


def _unit_account_holder(actor: "User | None") -> str:
    """The name of the person using a unit account (tài khoản cơ quan) at this moment, or ""."""
    if actor is None or getattr(actor, "kind", None) != "UNIT":
        return ""
    from hoso.accounts.services import current_holder

    holder = current_holder(actor)
    return holder.holder_name if holder is not None else ""


def _build(
    action: AuditAction,
    *,
    actor: "User | None",
    request: HttpRequest | None,
    unit: "OrgUnit | None",
    person: "Person | None",
    target: Target,
    detail: dict[str, Any] | None,
    channel: Channel | str | None,
) -> AuditEntry:
    context = request_context(request)
    if unit is None and person is not None:
        unit = person.employing_unit
    target_type, target_id = _target(target)
    holder = _unit_account_holder(actor)
    if holder:  # a unit account acts through the named person assigned to it (REQ-013)
        detail = {**(detail or {}), "holder": holder}
    return AuditEntry(
        channel=Channel(channel) if channel else context.channel,
        action=action.value,
        actor_id=actor.pk if actor is not None else None,
        actor_username=_text(mask_id_numbers(actor.get_username()), _max_length("actor_username")) if actor else "",
        actor_name=_text(getattr(actor, "full_name", ""), _max_length("actor_name")) if actor else "",
        actor_unit_id=getattr(actor, "unit_id", None),
        ip=context.ip,
        user_agent=context.user_agent,
        unit_id=unit.pk if unit is not None else None,
        unit_name=_text(unit.name, _max_length("unit_name")) if unit is not None else "",
        person_id=person.pk if person is not None else None,
        person_name=_text(person.full_name, _max_length("person_name")) if person is not None else "",
        target_type=target_type,
        target_id=target_id,
        detail=json_safe(scrub(detail or {})),
    )


def _append(entry: AuditEntry) -> AuditEntry:
    """Number, chain and insert the entry: joins the caller's transaction, or opens one."""
    with transaction.atomic(savepoint=False):
        advisory_xact_lock(CHAIN_LOCK)
        last = AuditEntry.objects.order_by("-sequence").values_list("sequence", "hash").first()
        entry.sequence, entry.prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
        entry.at = timezone.now()
        entry.hash = entry.compute_hash()
        entry.save()
    return entry
