"""Access to records on screens and in the API: scope, restriction levels, who may edit and who may apply."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from hoso.accounts import services as account_services
from hoso.accounts.models import User
from hoso.accounts.tests.factories import grant
from hoso.api.auth import issue_token
from hoso.approvals.tests.support import approvals_ready, credential, forward_for_approval  # noqa: F401
from hoso.audit.models import AuditEntry
from hoso.people import services
from hoso.people.models import ChangeSet, Person
from hoso.people.tests.factories import make_unit, make_user, new_record

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

ARREST = "Bị tạm giữ 3 ngày năm 1990 (đã minh oan)"
HEALTH = "Bệnh tim bẩm sinh"


@pytest.fixture
def unit():
    return make_unit("Sở Nội vụ")


@pytest.fixture
def other_unit():
    return make_unit("Sở Tài chính")


@pytest.fixture
def person(unit):
    clerk = make_user("clerk", unit)
    return new_record(unit, clerk, arrests={"arrest_history": ARREST}, health={"health_status": HEALTH})


def account(username: str, unit, *roles: str) -> User:
    user = User.objects.create_user(username, password="x", unit=unit)
    for role in roles:
        grant(user, role, unit)
    return user


def web(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api(user: User) -> Client:
    raw, _token = issue_token(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def api_record_values(response) -> dict[str, str]:
    values = {}
    for part in response.json()["parts"]:
        for field in part.get("fields", []):
            values[field["name"]] = field["display"]
    return values


@pytest.mark.parametrize(
    ("role", "sees_sensitive", "sees_secret"),
    [("unit-admin", False, False), ("officer", True, False), ("head", True, True)],
)
def test_items_above_the_readers_level_are_hidden_on_the_page_and_in_the_api(
    unit, person, role, sees_sensitive, sees_secret
):
    reader = account("reader", unit, role)

    page = web(reader).get(reverse("people:detail", args=[person.uid])).content.decode()
    assert person.full_name in page
    assert (HEALTH in page) is sees_sensitive
    assert (ARREST in page) is sees_secret
    if not sees_secret:
        assert "Hạn chế" in page

    values = api_record_values(api(reader).get(f"/api/v1/people/{person.uid}"))
    assert values["full_name"] == person.full_name
    assert ("health_status" in values) is sees_sensitive
    assert ("arrest_history" in values) is sees_secret
    assert ("ethnicity" in values) is sees_sensitive


def test_the_employee_always_sees_their_own_record_in_full(unit, person):
    employee = account("nhanvien", unit)
    person.account = employee
    person.save(update_fields=["account"])

    page = web(employee).get(reverse("people:detail", args=[person.uid])).content.decode()
    assert ARREST in page and HEALTH in page
    values = api_record_values(api(employee).get(f"/api/v1/people/{person.uid}"))
    assert values["arrest_history"] == ARREST


def test_an_out_of_scope_record_answers_as_if_absent(unit, other_unit, person):
    outsider = account("officer_b", other_unit, "officer", "head")
    missing = "00000000-0000-4000-8000-000000000000"

    for uid in (person.uid, missing):
        assert web(outsider).get(reverse("people:detail", args=[uid])).status_code == 404
        response = api(outsider).get(f"/api/v1/people/{uid}")
        assert response.status_code == 404
    assert web(outsider).get(reverse("people:list") + "?q=nguyen").content.decode().count(person.full_name) == 0
    assert api(outsider).get("/api/v1/people/?q=nguyen").json()["count"] == 0
    assert web(outsider).post(reverse("people:change_set_start", args=[person.uid])).status_code == 404


def test_the_diff_hides_changes_to_items_above_the_readers_level(unit, person):
    head = account("head", unit, "head", "officer")
    change_set = services.start_change_set(person=person, acting_user=head)
    services.update_person_group(
        change_set=change_set,
        group_key="arrests",
        data={"arrest_history": "Đã xóa án tích năm 2000"},
        acting_user=head,
        partial=True,
    )
    officer = account("officer", unit, "officer")

    page = web(officer).get(reverse("people:change_set_diff", args=[change_set.uid])).content.decode()
    assert "Đã xóa án tích" not in page and ARREST not in page
    diff = api(officer).get(f"/api/v1/change-sets/{change_set.uid}/diff").json()
    assert diff == []
    proposed = api(officer).get(f"/api/v1/change-sets/{change_set.uid}").json()["proposed"]
    assert "arrest_history" not in proposed["person"]


def test_items_above_the_writers_level_cannot_be_written(unit, person):
    officer = account("officer", unit, "officer")
    client = api(officer)
    created = client.post("/api/v1/change-sets", {"person": str(person.uid)}, content_type="application/json").json()

    response = client.patch(
        f"/api/v1/change-sets/{created['uid']}/groups/arrests",
        {"arrest_history": "Không"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert "person.arrest_history" in response.json()["errors"]
    change_set = ChangeSet.objects.get(uid=created["uid"])
    assert change_set.proposed["person"]["arrest_history"] == ARREST

    form = web(officer).get(reverse("people:change_set_edit", args=[change_set.uid]) + "?part=arrests")
    assert 'name="arrest_history"' not in form.content.decode()


def test_a_form_without_a_hidden_item_keeps_its_value(unit, person):
    officer = account("officer", unit, "officer")
    change_set = services.start_change_set(person=person, acting_user=officer)

    response = web(officer).post(
        reverse("people:change_set_edit", args=[change_set.uid]) + "?part=health",
        {"health_status": "Tốt", "height_cm": "165", "weight_kg": "55", "blood_group": "O"},
    )
    assert response.status_code == 302
    change_set.refresh_from_db()
    assert change_set.proposed["person"]["health_status"] == "Tốt"
    assert change_set.proposed["person"]["arrest_history"] == ARREST


@pytest.mark.usefixtures("approvals_ready")
def test_only_an_approver_applies_and_never_on_their_own_record(unit, person):
    officer = account("officer", unit, "officer")
    change_set = services.start_change_set(person=person, acting_user=officer)
    services.update_person_group(
        change_set=change_set, group_key="health", data={"blood_group": "AB"}, acting_user=officer, partial=True
    )
    forward_for_approval(change_set, officer, approver=None)

    refused = api(officer).post(f"/api/v1/change-sets/{change_set.uid}/apply")
    assert refused.status_code == 403
    assert refused["Content-Type"].startswith("application/problem+json")
    assert web(officer).post(reverse("people:change_set_apply", args=[change_set.uid])).status_code == 403
    person.refresh_from_db()
    assert person.current_version == 1

    head = account("head", unit, "head")
    credential(head)
    assert api(head).post(f"/api/v1/change-sets/{change_set.uid}/apply").status_code == 200

    person.refresh_from_db()
    person.account = head
    person.save(update_fields=["account"])
    own = services.start_change_set(person=person, acting_user=head)
    with pytest.raises(services.NotAllowed):
        services.apply_change_set(change_set=own, acting_user=head)


def test_the_employee_proposes_changes_to_their_own_record_but_not_to_others(unit, person):
    employee = account("nhanvien", unit)
    person.account = employee
    person.save(update_fields=["account"])
    colleague = new_record(unit, make_user("clerk2", unit), identity={"citizen_id": "087185000999"})

    own = web(employee).post(reverse("people:change_set_start", args=[person.uid]))
    assert own.status_code == 302
    assert web(employee).post(reverse("people:change_set_start", args=[colleague.uid])).status_code == 404
    with pytest.raises(services.NotAllowed):
        services.start_new_record(unit=unit, acting_user=employee)


def test_someone_elses_draft_cannot_be_edited(unit, person):
    officer = account("officer", unit, "officer")
    other = account("officer2", unit, "officer")
    change_set = services.start_change_set(person=person, acting_user=officer)

    url = reverse("people:change_set_edit", args=[change_set.uid]) + "?part=health"
    assert web(other).get(url).status_code == 403
    response = api(other).patch(
        f"/api/v1/change-sets/{change_set.uid}/groups/health", {"blood_group": "A"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_revoking_a_role_ends_access_in_an_open_session(unit, person):
    admin = account("snv", None)
    grant(admin, "province-admin")
    officer = account("officer", unit)
    assignment = grant(officer, "officer", unit)
    client = web(officer)
    url = reverse("people:detail", args=[person.uid])
    assert client.get(url).status_code == 200

    account_services.revoke_role(acting_user=admin, assignment=assignment)

    assert client.get(url).status_code == 404
    assert Person.objects.filter(pk=person.pk).exists()


def test_a_transfer_keeps_the_personal_account_and_ends_rights_on_the_old_unit(unit, other_unit, person):
    employee = account("nhanvien", unit, "officer")
    person.account = employee
    person.save(update_fields=["account"])
    head = account("head", unit, "head", "officer")
    change_set = services.start_change_set(person=person, acting_user=head)
    services.update_person_group(
        change_set=change_set,
        group_key="header",
        data={"employing_unit": str(other_unit.uid), "managing_unit": str(other_unit.uid)},
        acting_user=head,
        partial=True,
    )

    services.apply_change_set(change_set=change_set, acting_user=head)

    employee = User.objects.get(pk=employee.pk)
    assert employee.unit == other_unit
    assert employee.role_assignments.get().revoked_at is not None
    assert web(employee).get(reverse("people:detail", args=[person.uid])).status_code == 200  # still their own
    assert web(head).get(reverse("people:detail", args=[person.uid])).status_code == 404  # the old unit's ends


@pytest.mark.usefixtures("approvals_ready")
def test_reads_searches_and_changes_are_in_the_audit_log_with_who_and_from_where(unit, person):
    head = account("head", unit, "head", "officer")
    credential(head)
    client = web(head)

    client.get(reverse("people:detail", args=[person.uid]))
    client.get(reverse("people:list"), {"q": person.citizen_id})
    started = client.post(reverse("people:change_set_start", args=[person.uid]))
    change_set = ChangeSet.objects.get(created_by=head)
    client.post(
        reverse("people:change_set_edit", args=[change_set.uid]) + "?part=health",
        {"health_status": "Tốt", "height_cm": "165", "weight_kg": "55", "blood_group": "O"},
    )
    client.post(reverse("approvals:submit", args=[change_set.uid]), {"confirmed": "on"})
    client.post(reverse("people:change_set_apply", args=[change_set.uid]))

    assert started.status_code == 302
    entries = list(AuditEntry.objects.filter(actor=head).exclude(action="LOGIN").order_by("sequence"))
    actions = [entry.action for entry in entries]
    assert actions[:5] == [
        "RESTRICTED_VIEWED",
        "SEARCH",
        "CHANGE_SET_CREATED",
        "CHANGE_SET_CHANGED",
        "CHANGE_SET_SUBMITTED",
    ]
    assert {"RECORD_CHANGED", "CHANGE_SET_APPROVED"} <= set(actions[5:])
    assert {entry.ip for entry in entries} == {"127.0.0.1"}
    assert {entry.person_id for entry in entries if entry.action != "SEARCH"} == {person.pk}
    assert person.citizen_id not in entries[1].detail["query"]  # the typed ID number is masked
    assert next(entry for entry in entries if entry.action == "RECORD_CHANGED").detail["version"] == 2


def test_a_unit_account_acts_through_its_named_holder_in_the_audit_log(unit, person):
    officer = User.objects.create_user("canbo_snv", password="x", unit=unit, kind=User.Kind.UNIT)
    grant(officer, "officer", unit)
    admin = account("qtdv", unit, "unit-admin")
    account_services.assign_unit_account_holder(
        acting_user=admin,
        account=officer,
        holder_name="Phạm Thị Lan",
        holder_person=None,
        decision_number="12/QĐ-SNV",
        decision_date=datetime.date(2026, 1, 5),
        valid_from=datetime.date(2026, 1, 5),
    )

    services.start_change_set(person=person, acting_user=officer)

    started = AuditEntry.objects.get(actor=officer, action="CHANGE_SET_CREATED")
    assert started.detail["holder"] == "Phạm Thị Lan"
