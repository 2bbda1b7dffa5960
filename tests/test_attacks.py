"""Bad input and attacks: SQL injection and script injection get nowhere, CSRF is enforced, records cannot be guessed.

Brute-force sign-in (lock-out after repeated failures, on the web form and the API token endpoint) is tested in
hoso/security/tests/test_lockout.py and test_api.py; every URL pattern's refusals are in tests/test_access_matrix.py.
"""

import re

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from hoso.accounts.models import User
from hoso.accounts.tests.factories import grant
from hoso.api.auth import issue_token
from hoso.people import services
from hoso.people.forms import person_group_form, section_form
from hoso.people.models import Person
from hoso.people.sections import PERSON_GROUPS, SECTIONS
from hoso.people.tests.factories import make_unit, make_user, new_record

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

SCRIPT = '<script>alert("hoso")</script><img src=x onerror=alert(1)>'
INJECTIONS = [
    "' OR '1'='1",
    "'; DROP TABLE people_person; --",
    '" OR ""="',
    "%",
    "_",
    "\\",
    "nguyen' UNION SELECT username FROM accounts_user --",
    "0871850001' OR 1=1 --",
]


@pytest.fixture
def world():
    a, b = make_unit("Sở Nội vụ"), make_unit("Sở Tài chính")
    clerk = make_user("clerk", a)
    person = new_record(a, clerk)
    outsider = User.objects.create_user("officer_b", password="x", unit=b)
    grant(outsider, "officer", b)
    return {"a": a, "b": b, "clerk": clerk, "person": person, "outsider": outsider}


def signed_in(user: User, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def bearer(user: User) -> Client:
    raw, _token = issue_token(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.mark.parametrize("payload", INJECTIONS)
def test_sql_injection_in_searches_finds_nothing_it_should_not_and_breaks_nothing(world, payload):
    outsider = world["outsider"]

    page = signed_in(outsider).get(reverse("people:list"), {"q": payload})
    api = bearer(outsider).get("/api/v1/people/", {"q": payload})
    tree = signed_in(outsider).get(reverse("organisations:home"), {"q": payload})
    units = bearer(outsider).get("/api/v1/units/", {"q": payload})

    assert (page.status_code, api.status_code, tree.status_code, units.status_code) == (200, 200, 200, 200)
    assert world["person"].full_name not in page.content.decode()
    assert api.json()["count"] == 0
    assert Person.objects.count() == 1 and User.objects.filter(username="clerk").exists()


@pytest.mark.parametrize("payload", INJECTIONS)
def test_sql_injection_in_a_search_within_scope_matches_literally(world, payload):
    response = bearer(world["clerk"]).get("/api/v1/people/", {"q": payload})
    assert response.status_code == 200
    assert response.json()["count"] == 0  # nobody's name contains these characters


def _text_fields(form_class: type[forms.BaseForm]) -> list[str]:
    return [
        name
        for name, field in form_class.base_fields.items()
        if type(field) is forms.CharField and not getattr(field, "choices", None)
    ]


def test_script_in_every_free_text_field_is_shown_as_text_never_run(world):
    """Every free-text item of the record and of every section, typed with a script, is escaped on every page."""
    clerk, person = world["clerk"], world["person"]
    change_set = services.start_change_set(person=person, acting_user=clerk)
    accepted: list[str] = []
    for key in PERSON_GROUPS:
        for name in _text_fields(person_group_form(key)):
            try:
                services.update_person_group(
                    change_set=change_set, group_key=key, data={name: SCRIPT}, acting_user=clerk, partial=True
                )
                accepted.append(f"person.{name}")
            except services.RecordInvalid:
                pass  # a field whose format refuses it (a phone number, an e-mail): nothing stored
    for key in SECTIONS:
        names = _text_fields(section_form(key))
        for name in names:
            try:
                services.save_section_row(
                    change_set=change_set, section_key=key, row_uid=None, data={name: SCRIPT}, acting_user=clerk
                )
                accepted.append(f"{key}.{name}")
            except services.RecordInvalid:
                pass  # a row needs more than one text (its dates): tested through the person's fields
    assert len(accepted) >= 20, accepted

    client = signed_in(clerk)
    pages = [
        client.get(reverse("people:change_set_diff", args=[change_set.uid])),
        client.get(reverse("people:change_set_edit", args=[change_set.uid])),
    ]
    for key in list(PERSON_GROUPS)[:6]:
        pages.append(client.get(reverse("people:change_set_edit", args=[change_set.uid]), {"part": key}))
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in pages[0].content.decode()


def test_a_name_with_a_script_is_escaped_in_the_list_the_record_and_json(world):
    clerk = world["clerk"]
    change_set = services.start_change_set(person=world["person"], acting_user=clerk)
    services.update_person_group(
        change_set=change_set,
        group_key="personal",
        data={"other_names": SCRIPT},
        acting_user=clerk,
        partial=True,
    )
    services.apply_change_set(change_set=change_set, acting_user=clerk)
    client = signed_in(clerk)

    record = client.get(reverse("people:detail", args=[world["person"].uid])).content.decode()
    assert "<script>alert" not in record and "&lt;script&gt;" in record
    api = bearer(clerk).get(f"/api/v1/people/{world['person'].uid}")
    assert api["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("people:change_set_start", "person"),
        ("people:change_set_new", None),
        ("accounts:logout", None),
        ("manage:role_grant", "account"),
    ],
)
def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(world, name, kwargs):
    admin = User.objects.create_user("snv", password="x", is_staff=True, is_superuser=True)
    grant(admin, "province-admin")
    args = {"person": [world["person"].uid], "account": [world["clerk"].uid], None: []}[kwargs]
    client = signed_in(admin, enforce_csrf_checks=True)

    response = client.post(reverse(name, args=args), {"unit": str(world["a"].uid)})

    assert response.status_code == 403
    assert not world["person"].change_sets.exclude(created_by=world["clerk"]).exists()


def _page(response) -> str:
    """The page without what differs on every response anyway (CSP nonce, CSRF token)."""
    return re.sub(r'(nonce|value|content)="[A-Za-z0-9+/=_-]{20,}"', "", response.content.decode())


def test_an_out_of_scope_record_looks_exactly_like_a_missing_one(world):
    """No enumeration: guessing another unit's record URL tells nothing about whether it exists."""
    outsider = world["outsider"]
    missing = "7d3c1a52-3c41-4b5e-9d4e-0f6a2c8b9e10"
    client, api = signed_in(outsider), bearer(outsider)

    for path in ("people:detail", "people:versions"):
        there = client.get(reverse(path, args=[world["person"].uid]))
        absent = client.get(reverse(path, args=[missing]))
        assert there.status_code == absent.status_code == 404
        assert _page(there) == _page(absent)
    there = api.get(f"/api/v1/people/{world['person'].uid}")
    absent = api.get(f"/api/v1/people/{missing}")
    assert there.status_code == absent.status_code == 404
    assert there.json() == absent.json()
