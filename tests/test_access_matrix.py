"""Every URL pattern and every API operation, tried by every persona, is allowed or refused as the policy says.

The personas of issue 3: the province administrator, the administrator of unit A, the officer, the head and an
employee of unit A, the officer of another unit B, and an officer of unit A whose role has expired (plus an
anonymous visitor). A new URL pattern or API operation that is not in the matrix below fails
`test_every_url_pattern_is_in_the_matrix` / `test_every_api_operation_is_in_the_matrix`: decide who may use it.

"Allowed" means the persona gets the page or the action (not 401/403/404 and not sent to the login page); "refused"
means 403 or 404 (404 where the object must look absent: records, change sets and units out of scope).
Personas who must be refused try first, so an allowed action that changes state cannot hide a leak.
"""

import datetime
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from hoso.accounts.models import ConsentGrant, Delegation, User
from hoso.accounts.tests.factories import grant
from hoso.api.api import api
from hoso.api.auth import issue_token
from hoso.organisations.models import OrgUnit
from hoso.people import services
from hoso.people.models import ChangeSet, Person
from hoso.people.tests.factories import make_unit, make_user, new_record
from hoso.security.enums import IncidentKind
from hoso.security.models import AccountIncident
from hoso.signing.tests.factories import registered_credential

# The second factor is tested in hoso/security; here every persona has passed it, so the matrix shows the policy.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
    pytest.mark.usefixtures("_no_second_factor"),
]


@pytest.fixture
def _no_second_factor(settings):
    settings.HOSO_REQUIRE_TWO_FACTOR = False


PA, UA, OA, HA, EA, OB, EX = (
    "province_admin",
    "unit_admin",
    "officer_a",
    "head_a",
    "employee_a",
    "officer_b",
    "expired",
)
LOGGED_IN = frozenset({PA, UA, OA, HA, EA, OB, EX})
EVERYONE = LOGGED_IN | {"anonymous"}
IN_SCOPE_OF_A = frozenset({PA, UA, OA, HA})
NAME_A = "Trần Thị Bích Ngọc"
NAME_B = "Lê Văn Khoa"


@dataclass
class World:
    a: OrgUnit
    a1: OrgUnit
    b: OrgUnit
    person_a: Person
    person_b: Person
    draft: ChangeSet  # the officer of A's draft on person_a, with one work-history row
    row_uid: str
    users: dict[str, User] = field(default_factory=dict)
    delegation: Delegation | None = None  # the head of A lends REVIEW to the officer of A
    consent: ConsentGrant | None = None  # an inspector outside every unit may read person_a
    incident: AccountIncident | None = None  # the employee of A reported a lost password


def child_of(parent: OrgUnit, name: str) -> OrgUnit:
    unit = OrgUnit.objects.create(name=name, kind=parent.kind, parent=parent, valid_from=datetime.date(2025, 7, 1))
    unit.path = f"{parent.path}{unit.pk:06d}."
    unit.depth = parent.depth + 1
    unit.save(update_fields=["path", "depth"])
    return unit


def build_world() -> World:
    a = make_unit("Sở Nội vụ")
    a1 = child_of(a, "Phòng Công chức, viên chức")
    b = make_unit("Sở Tài chính")
    person_a = new_record(
        a,
        make_user("clerk_a", a),
        personal={"full_name": NAME_A},
        identity={"citizen_id": "087185000101"},
    )
    person_b = new_record(
        b,
        make_user("clerk_b", b),
        personal={"full_name": NAME_B, "gender": "MALE"},
        identity={"citizen_id": "087085000102"},
    )
    users: dict[str, User] = {}
    users[PA] = User.objects.create_user(
        "snv", password="x", kind=User.Kind.SYSTEM_ADMIN, is_staff=True, is_superuser=True
    )
    grant(users[PA], "province-admin")
    for persona, unit, roles in (
        (UA, a, ("unit-admin",)),
        (OA, a, ("officer",)),  # the unit account of A (tài khoản cơ quan)
        (HA, a, ("head",)),
        (EA, a, ()),
        (OB, b, ("officer",)),
    ):
        kind = User.Kind.UNIT if persona in (OA, OB) else User.Kind.PERSONAL
        users[persona] = User.objects.create_user(persona, password="x", unit=unit, kind=kind)
        for role in roles:
            grant(users[persona], role, unit)
    users[EX] = User.objects.create_user(EX, password="x", unit=a)
    grant(users[EX], "officer", a, valid_from=datetime.date(2024, 1, 1), valid_to=datetime.date(2025, 12, 31))
    person_a.account = users[EA]
    person_a.save(update_fields=["account"])

    draft = services.start_change_set(person=person_a, acting_user=users[OA])
    row_uid = services.save_section_row(
        change_set=draft,
        section_key="work_history",
        row_uid=None,
        data={"start_date": "01/2020", "title": "Chuyên viên", "organisation": "Sở Nội vụ"},
        acting_user=users[OA],
    )
    draft.refresh_from_db()
    world = World(a, a1, b, person_a, person_b, draft, row_uid, users)
    today = timezone.localdate()
    world.delegation = Delegation.objects.create(
        delegator=users[HA],
        delegate=users[OA],
        capabilities=["REVIEW"],
        valid_from=today,
        valid_to=today + datetime.timedelta(days=7),
        decision_number="5/QĐ",
    )
    inspector = User.objects.create_user("thanh_tra", password="x")
    world.consent = ConsentGrant(
        grantee=inspector,
        person=person_a,
        issuer="Giám đốc Sở Nội vụ",
        purpose="Thanh tra",
        decision_number="9/QĐ",
        decision_date=today,
        valid_from=today,
        valid_to=today,
    )
    world.consent.scan.save("qd.pdf", ContentFile(b"%PDF-1.4 scan"), save=False)
    world.consent.save()
    world.incident = AccountIncident.objects.create(
        kind=IncidentKind.values[0], account=users[EA], reported_username=users[EA].username
    )
    return world


@dataclass(frozen=True)
class Case:
    method: str
    allowed: frozenset[str]
    kwargs: Callable[[World], dict[str, Any]] = lambda w: {}
    data: Callable[[World], dict[str, Any]] = lambda w: {}
    query: str = ""
    # text that only `sees` may find in the answer (lists and searches filter rather than refuse)
    secret: Callable[[World], str] | None = None
    sees: frozenset[str] = frozenset()
    # how a refusal may look: 422 where the object is named in the body and an unknown one is a field error
    refused: tuple[int, ...] = (403, 404)
    # the page's own answer is a redirect to the login page (signing out)
    ends_at_login: bool = False


def on_a(w: World) -> dict[str, Any]:
    return {"uid": w.a.uid}


def on_person(w: World) -> dict[str, Any]:
    return {"uid": w.person_a.uid}


def on_draft(w: World) -> dict[str, Any]:
    return {"uid": w.draft.uid}


def on_document(w: World) -> dict[str, Any]:
    """A supporting document (career summary: ordinary level) that the officer of A attached to the draft."""
    from hoso.documents.tests.factories import make_document

    return {"uid": make_document(w.draft, w.users[OA]).uid}


def on_employee(w: World) -> dict[str, Any]:
    return {"uid": w.users[EA].uid}


def on_officer_role(w: World) -> dict[str, Any]:
    officer = w.users[OA]
    return {"uid": officer.uid, "assignment_uid": officer.role_assignments.get().uid}


def approval_batch_of(w: World, persona: str) -> Any:
    """An (empty) approval batch of the persona's, for the page that shows a batch's result."""
    from hoso.approvals.models import ApprovalBatch

    return ApprovalBatch.objects.create(approver=w.users[persona], at=timezone.now())


ADMINS_OF_A = frozenset({PA, UA})
NOBODY: frozenset[str] = frozenset()


SEES_A = IN_SCOPE_OF_A | {EA}
# Who reads person_a in full (the specially restricted items too): the province administrator, the head, the employee.
FULL_ON_A = frozenset({PA, HA, EA})
# Units a persona sees: the units of its roles, and its own unit (an expired officer still works in A).
UNIT_A_VISIBLE = IN_SCOPE_OF_A | {EA, EX}


def on_calendar_override(w: World) -> dict[str, Any]:
    from hoso.workdays.models import CalendarOverride

    override = CalendarOverride.objects.create(
        date=datetime.date(2026, 3, 31),
        is_working_day=False,
        name="Nghỉ bổ sung",
        decision_number="1/QĐ-TTg",
        decision_date=datetime.date(2026, 1, 5),
        decision_issuer="Thủ tướng Chính phủ",
    )
    return {"uid": override.uid}


def notification_of_employee(w: World) -> dict[str, Any]:
    """A notification of the employee of A's: only its recipient opens it."""
    from hoso.monitoring.models import Notification

    return {"uid": Notification.objects.create(recipient=w.users[EA], kind="ENTRY_DUE", title="Nhắc việc").uid}


def round_over_a(w: World) -> dict[str, Any]:
    """A review round over unit A and its sub-units, launched by the province administrator."""
    from hoso.monitoring.services import launch_round

    today = timezone.localdate()
    launched = launch_round(
        acting_user=w.users[PA],
        title="Rà soát hồ sơ",
        units=[(w.a, True)],
        starts_on=today,
        deadline=today + datetime.timedelta(days=30),
    )
    return {"uid": launched.uid}


def round_and_person_a(w: World) -> dict[str, Any]:
    return {**round_over_a(w), "person_uid": w.person_a.uid}


WEB: dict[str, Case] = {
    "set_language": Case("POST", EVERYONE, data=lambda w: {"language": "en", "next": "/"}),
    "accounts:login": Case("GET", EVERYONE),
    "accounts:logout": Case("POST", LOGGED_IN, ends_at_login=True),
    "accounts:password_change": Case("GET", LOGGED_IN),
    "accounts:password_change_done": Case("GET", LOGGED_IN),
    "catalogs:lookup": Case("GET", LOGGED_IN, kwargs=lambda w: {"kind": "ETHNICITY"}, query="?q=kinh"),
    "organisations:home": Case("GET", LOGGED_IN, secret=lambda w: w.b.name, sees=frozenset({PA, OB})),
    "organisations:unit_detail": Case("GET", UNIT_A_VISIBLE, kwargs=on_a),
    "organisations:unit_children": Case("GET", UNIT_A_VISIBLE, kwargs=on_a),
    "people:list": Case("GET", LOGGED_IN, query="?q=ngoc", secret=lambda w: NAME_A, sees=SEES_A),
    "people:detail": Case("GET", SEES_A, kwargs=on_person),
    "people:versions": Case("GET", SEES_A, kwargs=on_person),
    "people:version_detail": Case("GET", SEES_A, kwargs=lambda w: {"uid": w.person_a.uid, "number": 1}),
    "people:as_of": Case("GET", SEES_A, kwargs=on_person, query="?date=01/01/2030"),
    "people:change_set_start": Case("POST", frozenset({PA, OA, EA}), kwargs=on_person),
    "people:change_set_new": Case("POST", frozenset({PA, OA}), data=lambda w: {"unit": str(w.a.uid)}),
    "people:change_set_edit": Case("GET", frozenset({OA}), kwargs=on_draft),
    "people:change_set_diff": Case("GET", frozenset({PA, OA, HA}), kwargs=on_draft),
    "people:change_set_apply": Case("POST", frozenset({PA, HA}), kwargs=on_draft),
    "people:change_set_withdraw": Case("POST", frozenset({OA}), kwargs=on_draft),
    "people:change_set_row": Case(
        "GET", frozenset({OA}), kwargs=lambda w: {"uid": w.draft.uid, "section": "work_history", "row": "new"}
    ),
    "people:change_set_row_remove": Case(
        "POST",
        frozenset({OA}),
        kwargs=lambda w: {"uid": w.draft.uid, "section": "work_history", "row": w.row_uid},
    ),
    # supporting documents (hoso/documents): the draft's author attaches and removes; who opens the draft downloads
    "documents:upload": Case("GET", frozenset({OA}), kwargs=on_draft),
    "documents:remove": Case("POST", frozenset({OA}), kwargs=on_document),
    "documents:download": Case("GET", frozenset({PA, OA, HA}), kwargs=on_document),
    # the administration site is the system administrator's only (others are sent to its own login)
    "admin:index": Case("GET", frozenset({PA})),
    # signing in: the second step and the one-time link answer everyone (without a pending sign-in or a valid
    # link they send back to the sign-in page)
    "accounts:login_verify": Case("GET", EVERYONE, ends_at_login=True),
    "accounts:password_setup": Case(
        "GET", EVERYONE, kwargs=lambda w: {"uidb64": "MQ", "token": "invalid-token"}, ends_at_login=True
    ),
    # one's own sign-in security
    "security:two_factor": Case("GET", LOGGED_IN),
    "security:two_factor_setup": Case("GET", LOGGED_IN),
    "security:recovery_codes": Case("GET", LOGGED_IN),
    "security:two_factor_remove": Case("POST", LOGGED_IN),
    "security:report": Case("GET", LOGGED_IN),
    "security:report_public": Case("GET", EVERYONE),
    # administrators of the employee's unit: incidents and the account's sign-in security
    "security:incident_list": Case("GET", ADMINS_OF_A),
    "security:incident_detail": Case("GET", ADMINS_OF_A, kwargs=lambda w: {"uid": w.incident.uid}),
    "security:account": Case("GET", ADMINS_OF_A, kwargs=on_employee),
    "security:account_lock": Case("POST", ADMINS_OF_A, kwargs=on_employee),
    "security:account_unlock": Case("POST", ADMINS_OF_A, kwargs=on_employee),
    "security:account_reset_password": Case("POST", ADMINS_OF_A, kwargs=on_employee),
    "security:account_reset_two_factor": Case("POST", ADMINS_OF_A, kwargs=on_employee),
    "security:account_end_sessions": Case("POST", ADMINS_OF_A, kwargs=on_employee),
    # single sign-on is off unless the province turns it on: its pages do not exist
    "sso:login": Case("GET", NOBODY),
    "sso:callback": Case("GET", NOBODY),
    "sso:logout": Case("POST", NOBODY),
    # account management (REQ-009 … REQ-013, REQ-020)
    "manage:accounts": Case("GET", ADMINS_OF_A, secret=lambda w: "officer_b", sees=frozenset({PA})),
    "manage:account_create": Case("GET", ADMINS_OF_A),
    # a slip lives in the session of whoever issued it; anyone else's token is simply gone
    "manage:slip": Case("GET", LOGGED_IN, kwargs=lambda w: {"token": "not-issued"}),
    "manage:bulk_create": Case("GET", ADMINS_OF_A, kwargs=on_a),
    "manage:role_capabilities": Case("GET", ADMINS_OF_A, query="?role=1"),
    "manage:delegations": Case("GET", LOGGED_IN),
    "manage:delegation_revoke": Case("POST", frozenset({PA, UA, HA}), kwargs=lambda w: {"uid": w.delegation.uid}),
    "manage:consents": Case("GET", ADMINS_OF_A),
    "manage:consent_create": Case("GET", ADMINS_OF_A),
    "manage:consent_revoke": Case("POST", ADMINS_OF_A, kwargs=lambda w: {"uid": w.consent.uid}),
    "manage:consent_scan": Case("GET", ADMINS_OF_A, kwargs=lambda w: {"uid": w.consent.uid}),
    "manage:lookup_people": Case("GET", ADMINS_OF_A, query="?q=ngoc", secret=lambda w: NAME_A, sees=ADMINS_OF_A),
    "manage:lookup_accounts": Case("GET", LOGGED_IN, query="?q=officer"),
    "manage:account": Case("GET", ADMINS_OF_A, kwargs=on_employee),
    "manage:role_grant": Case("POST", ADMINS_OF_A, kwargs=on_employee),
    "manage:role_change": Case("POST", ADMINS_OF_A, kwargs=on_officer_role),
    "manage:role_revoke": Case("POST", ADMINS_OF_A, kwargs=on_officer_role),
    "manage:account_lock": Case("POST", ADMINS_OF_A, kwargs=on_employee),
    "manage:account_unlock": Case("POST", ADMINS_OF_A, kwargs=on_employee),
    "manage:password_reset": Case("POST", ADMINS_OF_A, kwargs=on_employee),
    "manage:holder_assign": Case("POST", ADMINS_OF_A, kwargs=lambda w: {"uid": w.users[OA].uid}),
    # the audit log: the usage log for holders of VIEW_AUDIT, one's own record's readers for everyone
    "audit:usage": Case("GET", frozenset({PA, UA, HA})),
    "audit:my_record": Case("GET", LOGGED_IN),
    # deadlines, notifications, dashboards and review rounds (hoso/monitoring)
    "monitoring:deadlines": Case("GET", LOGGED_IN),
    "monitoring:notifications": Case("GET", LOGGED_IN),
    "monitoring:notifications_read_all": Case("POST", LOGGED_IN),
    "monitoring:notification_open": Case("POST", frozenset({EA}), kwargs=notification_of_employee),
    "monitoring:unit_dashboard": Case("GET", IN_SCOPE_OF_A, kwargs=on_a),
    "monitoring:province_dashboard": Case("GET", frozenset({PA})),
    "monitoring:rounds": Case("GET", LOGGED_IN),
    "monitoring:round_create": Case("GET", frozenset({PA, UA, OA, HA, OB})),
    "monitoring:round_detail": Case("GET", SEES_A, kwargs=round_over_a),
    "monitoring:round_respond": Case("POST", frozenset({PA, OA, EA}), kwargs=round_and_person_a),
    # the review and approval workflow (hoso/approvals): the draft is the officer of A's, on person_a
    "approvals:my_changes": Case("GET", LOGGED_IN),
    "approvals:review_queue": Case("GET", LOGGED_IN),
    "approvals:approval_queue": Case("GET", LOGGED_IN),
    "approvals:submit": Case("POST", frozenset({OA}), kwargs=on_draft, data=lambda w: {"confirmed": "on"}),
    "approvals:return": Case("POST", frozenset({PA, OA, HA}), kwargs=on_draft, data=lambda w: {"comment": "Sai"}),
    "approvals:forward": Case("POST", frozenset({PA, OA, HA}), kwargs=on_draft),
    "approvals:approve": Case("POST", frozenset({PA, HA}), kwargs=on_draft),
    "approvals:batch_approve": Case("POST", frozenset({PA, HA}), data=lambda w: {"change_sets": str(w.draft.uid)}),
    "approvals:batch_result": Case("GET", frozenset({HA}), kwargs=lambda w: {"uid": approval_batch_of(w, HA).uid}),
    # data quality (hoso/quality): a unit's page for its officers and heads, the province page for province-wide reports
    "quality:province": Case("GET", frozenset({PA})),
    "quality:unit": Case("GET", frozenset({PA, OA, HA}), kwargs=on_a),
    "quality:unit_run": Case("POST", frozenset({PA, OA, HA}), kwargs=on_a),
    "quality:person_panel": Case("GET", SEES_A, kwargs=on_person),
    # the working-day calendar: everyone reads it, the province's catalog administrators keep its overrides
    "workdays:year": Case("GET", LOGGED_IN, query="?year=2026"),
    "workdays:override_add": Case("GET", frozenset({PA})),
    "workdays:override_remove": Case("POST", frozenset({PA}), kwargs=on_calendar_override),
    # digital signatures (hoso/signing): the report for whoever sees the record, the signed bundle for full clearance,
    # one's own certificates, and the certificates of the accounts one manages
    "signing:verify": Case("GET", SEES_A, kwargs=on_person),
    "signing:bundle": Case("GET", FULL_ON_A, kwargs=on_person),
    "signing:version_summary": Case("GET", SEES_A, kwargs=lambda w: {"uid": w.person_a.uid, "number": 1}),
    "signing:my_certificates": Case("GET", LOGGED_IN),
    "signing:account_certificates": Case("GET", ADMINS_OF_A, kwargs=on_employee),
    "signing:add_local": Case("POST", ADMINS_OF_A, kwargs=on_employee),
    "signing:add_remote": Case("POST", ADMINS_OF_A, kwargs=on_employee),
    "signing:revoke": Case("POST", ADMINS_OF_A, kwargs=lambda w: {"uid": registered_credential(w.users[EA]).uid}),
}

API: dict[tuple[str, str], Case] = {
    ("POST", "/api/v1/auth/token"): Case("POST", LOGGED_IN),  # with each persona's own password
    ("GET", "/api/v1/units/"): Case("GET", LOGGED_IN, secret=lambda w: w.b.name, sees=frozenset({PA, OB})),
    ("GET", "/api/v1/units/{uid}"): Case("GET", UNIT_A_VISIBLE, kwargs=on_a),
    ("GET", "/api/v1/units/{uid}/subtree"): Case("GET", UNIT_A_VISIBLE, kwargs=on_a),
    ("GET", "/api/v1/people/"): Case("GET", LOGGED_IN, query="?q=ngoc", secret=lambda w: NAME_A, sees=SEES_A),
    ("GET", "/api/v1/people/{uid}"): Case("GET", SEES_A, kwargs=on_person),
    ("GET", "/api/v1/people/{uid}/versions"): Case("GET", SEES_A, kwargs=on_person),
    ("GET", "/api/v1/people/{uid}/versions/{number}"): Case(
        "GET", SEES_A, kwargs=lambda w: {"uid": w.person_a.uid, "number": 1}
    ),
    ("GET", "/api/v1/people/{uid}/as-of"): Case("GET", SEES_A, kwargs=on_person, query="?date=2030-01-01"),
    ("POST", "/api/v1/change-sets"): Case(
        "POST", frozenset({PA, OA, EA}), data=lambda w: {"person": str(w.person_a.uid)}, refused=(403, 404, 422)
    ),
    ("GET", "/api/v1/change-sets/{uid}"): Case("GET", frozenset({PA, OA, HA}), kwargs=on_draft),
    ("PATCH", "/api/v1/change-sets/{uid}/groups/{group_key}"): Case(
        "PATCH",
        frozenset({OA}),
        kwargs=lambda w: {"uid": w.draft.uid, "group_key": "health"},
        data=lambda w: {"blood_group": "A"},
    ),
    ("POST", "/api/v1/change-sets/{uid}/sections/{section_key}/rows"): Case(
        "POST",
        frozenset({OA}),
        kwargs=lambda w: {"uid": w.draft.uid, "section_key": "work_history"},
        data=lambda w: {"start_date": "01/2021", "title": "Chuyên viên chính", "organisation": "Sở Nội vụ"},
    ),
    ("PUT", "/api/v1/change-sets/{uid}/sections/{section_key}/rows/{row_uid}"): Case(
        "PUT",
        frozenset({OA}),
        kwargs=lambda w: {"uid": w.draft.uid, "section_key": "work_history", "row_uid": w.row_uid},
        data=lambda w: {"start_date": "01/2020", "title": "Chuyên viên", "organisation": "Sở Nội vụ"},
    ),
    ("DELETE", "/api/v1/change-sets/{uid}/sections/{section_key}/rows/{row_uid}"): Case(
        "DELETE",
        frozenset({OA}),
        kwargs=lambda w: {"uid": w.draft.uid, "section_key": "work_history", "row_uid": w.row_uid},
    ),
    ("GET", "/api/v1/change-sets/{uid}/diff"): Case("GET", frozenset({PA, OA, HA}), kwargs=on_draft),
    ("POST", "/api/v1/change-sets/{uid}/apply"): Case("POST", frozenset({PA, HA}), kwargs=on_draft),
    # deadlines, notifications, dashboards and review rounds (hoso/monitoring)
    ("GET", "/api/v1/monitoring/notifications"): Case("GET", LOGGED_IN),
    ("POST", "/api/v1/monitoring/notifications/{uid}/read"): Case(
        "POST", frozenset({EA}), kwargs=notification_of_employee
    ),
    ("GET", "/api/v1/monitoring/deadlines"): Case("GET", LOGGED_IN),
    ("GET", "/api/v1/monitoring/units/{uid}/dashboard"): Case("GET", IN_SCOPE_OF_A, kwargs=on_a),
    ("GET", "/api/v1/monitoring/rounds"): Case("GET", LOGGED_IN),
    ("GET", "/api/v1/monitoring/rounds/{uid}"): Case("GET", SEES_A, kwargs=round_over_a),
    ("POST", "/api/v1/monitoring/rounds"): Case(
        "POST",
        frozenset({PA, UA, OA, HA}),
        data=lambda w: {
            "title": "Rà soát hồ sơ",
            "units": [{"unit": str(w.a.uid)}],
            "starts_on": timezone.localdate().isoformat(),
            "deadline": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        },
        refused=(403, 404, 422),
    ),
    ("POST", "/api/v1/monitoring/rounds/{uid}/responses"): Case(
        "POST", frozenset({PA, OA, EA}), kwargs=round_over_a, data=lambda w: {"person": str(w.person_a.uid)}
    ),
    # supporting documents: the catalogue for everyone; a draft's documents for who opens it; its author writes
    ("GET", "/api/v1/documents/types"): Case("GET", LOGGED_IN),
    ("POST", "/api/v1/documents/change-sets/{uid}"): Case("POST", frozenset({OA}), kwargs=on_draft),
    ("GET", "/api/v1/documents/change-sets/{uid}"): Case("GET", frozenset({PA, OA, HA}), kwargs=on_draft),
    ("GET", "/api/v1/documents/{uid}"): Case("GET", frozenset({PA, OA, HA}), kwargs=on_document),
    ("GET", "/api/v1/documents/{uid}/content"): Case("GET", frozenset({PA, OA, HA}), kwargs=on_document),
    ("DELETE", "/api/v1/documents/{uid}"): Case("DELETE", frozenset({OA}), kwargs=on_document),
    ("POST", "/api/v1/approvals/change-sets/{uid}/submit"): Case(
        "POST", frozenset({OA}), kwargs=on_draft, data=lambda w: {"confirmed": True}
    ),
    ("POST", "/api/v1/approvals/change-sets/{uid}/return"): Case(
        "POST", frozenset({PA, OA, HA}), kwargs=on_draft, data=lambda w: {"comment": "Sai"}
    ),
    ("POST", "/api/v1/approvals/change-sets/{uid}/forward"): Case("POST", frozenset({PA, OA, HA}), kwargs=on_draft),
    ("POST", "/api/v1/approvals/change-sets/{uid}/approve"): Case("POST", frozenset({PA, HA}), kwargs=on_draft),
    ("POST", "/api/v1/approvals/batches"): Case(
        "POST",
        frozenset({PA, HA}),
        data=lambda w: {"change_sets": [str(w.draft.uid)]},
        refused=(403, 404, 422),
    ),
    ("GET", "/api/v1/approvals/queues/review"): Case("GET", LOGGED_IN),
    ("GET", "/api/v1/approvals/queues/approval"): Case("GET", LOGGED_IN),
    ("GET", "/api/v1/approvals/mine"): Case("GET", LOGGED_IN),
    ("GET", "/api/v1/approvals/change-sets/{uid}/steps"): Case("GET", frozenset({PA, OA, HA}), kwargs=on_draft),
    ("GET", "/api/v1/quality/units/{uid}"): Case("GET", frozenset({PA, OA, HA}), kwargs=on_a),
    ("GET", "/api/v1/quality/units/{uid}/findings"): Case("GET", frozenset({PA, OA, HA}), kwargs=on_a),
    ("POST", "/api/v1/quality/units/{uid}/checks"): Case("POST", frozenset({PA, OA, HA}), kwargs=on_a),
    ("GET", "/api/v1/quality/people/{uid}"): Case("GET", frozenset({PA, OA, HA, EA}), kwargs=on_person),
    ("GET", "/api/v1/workdays/windows"): Case("GET", LOGGED_IN, query="?year=2026"),
    ("GET", "/api/v1/workdays/days"): Case("GET", LOGGED_IN, query="?from=2026-08-01&to=2026-08-31"),
    ("GET", "/api/v1/signatures/people/{uid}/verification"): Case("GET", SEES_A, kwargs=on_person),
    ("GET", "/api/v1/signatures/people/{uid}/bundle"): Case("GET", FULL_ON_A, kwargs=on_person),
}


# --- walking what exists ---------------------------------------------------------------------------


def _walk(patterns: list[URLPattern | URLResolver], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            if inner == "admin":
                yield "admin:index"  # the site's own pages all answer to the same permission check
                continue
            if inner == "api":
                continue  # API operations are walked separately below
            yield from _walk(pattern.url_patterns, inner)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def url_names() -> list[str]:
    return sorted(set(_walk(get_resolver().url_patterns)))


def api_operations() -> list[tuple[str, str]]:
    operations = set()
    for router in api._get_bound_routers():
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    route = "/".join(part.strip("/") for part in ("/api/v1", router.prefix, path) if part.strip("/"))
                    operations.add((method, "/" + route + ("/" if path.endswith("/") else "")))
    return sorted(operations)


def test_every_url_pattern_is_in_the_matrix():
    assert sorted(set(url_names()) - set(WEB)) == []
    assert sorted(set(WEB) - set(url_names())) == []


def test_every_api_operation_is_in_the_matrix():
    assert sorted(set(api_operations()) - set(API)) == []
    assert sorted(set(API) - set(api_operations())) == []


# --- trying each one as each persona ---------------------------------------------------------------


def _order(case: Case) -> list[str]:
    """Refused personas first, then the allowed ones (whose action may change what comes after)."""
    personas = sorted(EVERYONE)
    return [p for p in personas if p not in case.allowed] + [p for p in personas if p in case.allowed]


def _web_client(world: World, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(world.users[persona])
    return client


def _is_login_redirect(response: Any) -> bool:
    return response.status_code == 302 and "login" in response.get("Location", "")


@pytest.mark.parametrize("name", sorted(WEB))
def test_web_matrix(name: str) -> None:
    world = build_world()
    case = WEB[name]
    url = reverse(name, kwargs=case.kwargs(world)) + case.query
    for persona in _order(case):
        client = _web_client(world, persona)
        response = client.generic(
            case.method,
            url,
            data=_form_body(case.data(world)),
            content_type="application/x-www-form-urlencoded",
        )
        outcome = (persona, response.status_code, response.get("Location", ""))
        if persona in case.allowed:
            assert response.status_code not in (401, 403, 404), outcome
            assert case.ends_at_login or not _is_login_redirect(response), outcome
        elif persona == "anonymous":
            assert _is_login_redirect(response) or response.status_code in case.refused, outcome
        elif name.startswith("admin:"):
            assert _is_login_redirect(response), outcome
        else:
            assert response.status_code in case.refused, outcome
        if case.secret is not None and response.status_code == 200:
            assert _contains(response, case.secret(world)) is (persona in case.sees), outcome


def _contains(response: Any, text: str) -> bool:
    """Whether an answer shows `text`, in HTML or in JSON (which may escape non-ASCII letters)."""
    body = response.content.decode()
    return text in body or json.dumps(text)[1:-1] in body


def _form_body(data: dict[str, Any]) -> str:
    from urllib.parse import urlencode

    return urlencode(data)


@pytest.mark.parametrize(("method", "path"), sorted(API))
def test_api_matrix(method: str, path: str) -> None:
    world = build_world()
    case = API[(method, path)]
    url = re.sub(r"\{(\w+)\}", lambda m: str(case.kwargs(world)[m.group(1)]), path) + case.query
    for persona in _order(case):
        headers = {}
        if persona != "anonymous" and path != "/api/v1/auth/token":
            raw, _token = issue_token(user=world.users[persona])
            headers["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
        body = case.data(world)
        if path == "/api/v1/auth/token":
            body = {"username": world.users[persona].username if persona != "anonymous" else "x", "password": "x"}
        response = Client(**headers).generic(method, url, data=_json(body), content_type="application/json")
        outcome = (persona, response.status_code, response.content[:300])
        if persona in case.allowed:
            assert response.status_code not in (401, 403, 404), outcome
        elif persona == "anonymous":
            assert response.status_code == 401, outcome
        else:
            assert response.status_code in case.refused, outcome
        if case.secret is not None and response.status_code == 200:
            assert _contains(response, case.secret(world)) is (persona in case.sees), outcome


def _json(data: dict[str, Any]) -> str:
    import json

    return json.dumps(data)
