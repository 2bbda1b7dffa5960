"""The unit and province pages, "Run now", the record include and the API: scope, refusals, query counts."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from hoso.accounts.models import User
from hoso.accounts.tests.factories import grant
from hoso.api.auth import issue_token
from hoso.audit.enums import AuditAction
from hoso.audit.models import AuditEntry
from hoso.people.models import Person
from hoso.quality import services
from hoso.quality.enums import CheckRunStatus, Rule
from hoso.quality.models import CheckRun, Finding
from hoso.quality.tests.factories import make_unit, make_user, person_in

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


@pytest.fixture
def unit():
    return make_unit("Sở Nội vụ")


@pytest.fixture
def other_unit():
    return make_unit("Sở Tài chính")


@pytest.fixture
def officer(unit):
    return make_user("officer", unit, roles=("officer",))


@pytest.fixture
def clerk(unit):
    return make_user("clerk", unit)


@pytest.fixture
def broken(unit, clerk):
    """A record whose coefficient does not match its step, checked once."""
    person = person_in(unit, clerk)
    Person.objects.filter(pk=person.pk).update(salary_coefficient=Decimal("3.66"))
    services.run_check(run=services.start_check_run(unit=unit, acting_user=None), today=datetime.date(2026, 11, 23))
    return person


def web(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api(user: User) -> Client:
    raw, _token = issue_token(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_the_unit_page_shows_completeness_and_findings(unit, officer, broken):
    page = web(officer).get(reverse("quality:unit", args=[unit.uid]))

    assert page.status_code == 200
    text = page.content.decode()
    assert broken.full_name in text
    assert "3.66" in text
    assert str(Rule.RANK_SCALE_MISMATCH.label) in text
    assert "%" in text
    assert "INVALID_TEMPLATE_VARIABLE" not in text


def test_the_findings_filter_by_rule_and_state(unit, officer, broken):
    client = web(officer)
    url = reverse("quality:unit", args=[unit.uid])
    assert broken.full_name in client.get(url, {"rule": Rule.RANK_SCALE_MISMATCH}).content.decode()
    assert "3.66" not in client.get(url, {"rule": Rule.DUPLICATE}).content.decode()
    assert "3.66" not in client.get(url, {"state": "resolved"}).content.decode()
    # a made-up filter is ignored, not an error
    assert client.get(url, {"rule": "NOPE", "state": "x"}).status_code == 200


def test_unit_page_queries_do_not_grow_with_findings(unit, officer, clerk, django_assert_max_num_queries):
    for _ in range(2):
        Person.objects.filter(pk=person_in(unit, clerk).pk).update(salary_coefficient=Decimal("3.66"))
    services.run_check(run=services.start_check_run(unit=unit, acting_user=None))
    client = web(officer)
    url = reverse("quality:unit", args=[unit.uid])
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for _ in range(8):
        Person.objects.filter(pk=person_in(unit, clerk).pk).update(salary_coefficient=Decimal("3.66"))
    services.run_check(run=services.start_check_run(unit=unit, acting_user=None))
    with django_assert_max_num_queries(40) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_other_units_and_people_without_the_right_are_refused(unit, other_unit, broken):
    outsider = make_user("officer_b", other_unit, roles=("officer",))
    admin_of_unit = make_user("unit_admin", unit, roles=("unit-admin",))
    url = reverse("quality:unit", args=[unit.uid])

    assert web(outsider).get(url).status_code == 404
    assert web(admin_of_unit).get(url).status_code == 403
    assert api(outsider).get(f"/api/v1/quality/units/{unit.uid}").status_code == 404
    assert api(admin_of_unit).get(f"/api/v1/quality/units/{unit.uid}").status_code == 403
    assert api(outsider).get(f"/api/v1/quality/people/{broken.uid}").status_code == 404
    assert api(admin_of_unit).get(f"/api/v1/quality/people/{broken.uid}").status_code == 403
    assert web(outsider).post(reverse("quality:unit_run", args=[unit.uid])).status_code == 404
    assert api(admin_of_unit).post(f"/api/v1/quality/units/{unit.uid}/checks").status_code == 403
    assert CheckRun.objects.count() == 1  # only the fixture's


def test_run_now_runs_the_check_in_a_job_and_records_who_asked(
    unit, officer, broken, django_capture_on_commit_callbacks
):
    Person.objects.filter(pk=broken.pk).update(salary_coefficient=Decimal("3.33"))

    with django_capture_on_commit_callbacks(execute=True):
        response = web(officer).post(reverse("quality:unit_run", args=[unit.uid]), follow=True)

    assert response.status_code == 200
    run = CheckRun.objects.order_by("-id").first()
    assert (run.status, run.started_by, run.unit, run.resolved) == (CheckRunStatus.DONE, officer, unit, 1)
    assert Finding.objects.get(person=broken).resolved_at is not None
    assert AuditEntry.objects.filter(action=AuditAction.QUALITY_CHECK_STARTED, actor=officer).exists()


def test_the_province_page_is_for_province_wide_reports(unit, officer, broken):
    admin = User.objects.create_user("snv", password="x")
    grant(admin, "province-admin")
    page = web(admin).get(reverse("quality:province"))
    assert page.status_code == 200
    assert unit.name in page.content.decode()
    assert "INVALID_TEMPLATE_VARIABLE" not in page.content.decode()
    assert web(officer).get(reverse("quality:province")).status_code == 403


def test_the_api_gives_a_units_figures_findings_and_a_persons(unit, officer, broken):
    client = api(officer)
    figures = client.get(f"/api/v1/quality/units/{unit.uid}").json()
    assert figures["records"] == 1
    assert figures["completeness"]["required"] > figures["completeness"]["filled"] > 0
    assert {"rule": Rule.RANK_SCALE_MISMATCH, "label": str(Rule.RANK_SCALE_MISMATCH.label), "open": 1} in figures[
        "open_findings"
    ]

    findings = client.get(f"/api/v1/quality/units/{unit.uid}/findings", {"rule": Rule.RANK_SCALE_MISMATCH}).json()
    assert findings["count"] == 1
    assert findings["results"][0]["person"] == str(broken.uid)

    own = client.get(f"/api/v1/quality/people/{broken.uid}").json()
    assert [f["rule"] for f in own["findings"]] == [Rule.RANK_SCALE_MISMATCH]
    assert "33" in [item["item"] for item in own["missing"]]
    assert own["completeness"]["percent"] < 100


def test_the_api_refuses_bad_filters_with_a_message_per_field(unit, officer, broken):
    response = api(officer).get(f"/api/v1/quality/units/{unit.uid}/findings", {"rule": "NOPE", "state": "x"})
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"rule", "state"}


def test_the_api_runs_a_check(unit, officer, broken, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api(officer).post(f"/api/v1/quality/units/{unit.uid}/checks")
    assert response.status_code == 202
    assert response.json()["status"] in (CheckRunStatus.QUEUED, CheckRunStatus.DONE)
    assert CheckRun.objects.get(uid=response.json()["uid"]).status == CheckRunStatus.DONE


def test_the_record_include_lists_open_findings_and_missing_items(unit, officer, broken, other_unit):
    template = Template("{% load quality %}{% record_quality person %}")
    request = RequestFactory().get("/")
    request.user = officer
    html = template.render(Context({"request": request, "person": broken}))
    assert "3.66" in html
    assert "33" in html  # the career summary is missing
    assert "INVALID_TEMPLATE_VARIABLE" not in html

    request.user = make_user("officer_b", other_unit, roles=("officer",))
    assert "3.66" not in template.render(Context({"request": request, "person": broken}))


def test_the_record_page_loads_the_quality_panel_of_its_own_record(client, django_user_model):
    """The panel is fetched by the record page; another unit's officer gets 404 for the same record."""
    from django.urls import reverse

    from hoso.people.tests.factories import make_unit, make_user, new_record

    unit, other = make_unit("Sở Nội vụ"), make_unit("Sở Tài chính")
    officer = make_user("officer", unit)
    person = new_record(unit, officer)
    stranger = make_user("officer_b", other)

    client.force_login(officer)
    page = client.get(reverse("people:detail", args=[person.uid])).content.decode()
    panel_url = reverse("quality:person_panel", args=[person.uid])
    assert f'hx-get="{panel_url}"' in page
    assert client.get(panel_url).status_code == 200

    client.force_login(stranger)
    assert client.get(panel_url).status_code == 404
