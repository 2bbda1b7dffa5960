"""The demo province (`manage.py demo`): valid, deterministic, complete records and safe reruns."""

import collections
import datetime
import io
import json
import unicodedata
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from hoso.accounts import policy
from hoso.accounts.enums import Capability
from hoso.accounts.models import User
from hoso.catalogs.models import SalaryScaleStep
from hoso.organisations.models import AGENCY_CODE_VALIDATOR, JobPosition, OrgUnit, StaffingQuota
from hoso.people.demo import data
from hoso.people.demo.catalogs import DemoCatalogs
from hoso.people.demo.people import TODAY, DemoRandom, PeopleGenerator, add_years, month_of, retirement_month
from hoso.people.demo.runner import DEMO_USERNAMES, plan_people
from hoso.people.demo.units import ROOT_AGENCY_CODE, plan_units, unit_count_for
from hoso.people.forms import person_group_form, section_form
from hoso.people.models import LabourContract, Person, RecordVersion
from hoso.people.rules import check_record
from hoso.people.sections import PERSON_GROUPS
from hoso.people.selectors import people_visible_to
from hoso.people.snapshot import content_hash, serialize_people
from hoso.people.validators import citizen_id_warnings

pytestmark = pytest.mark.django_db

PEOPLE = 60
PASSWORD = "demo-Password-1"
ACTIVE_STATUSES = {"DANG_CONG_TAC", "TAP_SU", "BIET_PHAI", "DI_HOC", "NGHI_THAI_SAN", "NGHI_OM_DAI", "NGHI_KHONG_LUONG"}


def run_demo(tmp_path, *args, people=PEOPLE, seed=7):
    output = io.StringIO()
    call_command(
        "demo",
        "--people",
        str(people),
        "--seed",
        str(seed),
        "--password",
        PASSWORD,
        "--problems-file",
        str(tmp_path / "problems.json"),
        *args,
        stdout=output,
    )
    return output.getvalue()


def province_facts():
    people = sorted(Person.objects.values_list("full_name", "citizen_id", "employing_unit__name", "uid"))
    units = sorted(OrgUnit.objects.values_list("name", "agency_code", "kind", "uid"))
    return people, units


def test_the_same_seed_gives_the_same_province(tmp_path):
    run_demo(tmp_path)
    first = province_facts()

    run_demo(tmp_path, "--reset")
    again = province_facts()
    run_demo(tmp_path, "--reset", seed=8)
    other = province_facts()

    assert len(first[0]) == PEOPLE
    assert again == first
    assert [p[1] for p in other[0]] != [p[1] for p in first[0]]


def test_every_record_passes_the_rules_and_version_1_is_its_live_snapshot(tmp_path):
    run_demo(tmp_path)

    people = {person.pk: person for person in Person.objects.all()}
    snapshots = serialize_people(people)
    versions = {version.person_id: version for version in RecordVersion.objects.all()}
    assert set(versions) == set(people)
    for pk, snapshot in snapshots.items():
        version = versions[pk]
        assert version.number == 1 and people[pk].current_version == 1
        assert version.snapshot == snapshot
        assert version.content_hash == content_hash(snapshot)
        assert check_record(snapshot) == [], people[pk].full_name
    assert sum(len(rows) for snapshot in snapshots.values() for rows in snapshot["sections"].values()) > PEOPLE * 20


def test_the_forms_accept_the_generated_records(tmp_path):
    run_demo(tmp_path)

    people = list(Person.objects.order_by("pk")[:: PEOPLE // 12])
    snapshots = serialize_people([person.pk for person in people])
    for person in people:
        snapshot = snapshots[person.pk]
        for key in PERSON_GROUPS:
            form = person_group_form(key)(data=snapshot["person"], instance=person)
            assert form.is_valid(), (person.full_name, key, form.errors)
        for key, rows in snapshot["sections"].items():
            for row in rows:
                form = section_form(key)(data=row)
                assert form.is_valid(), (person.full_name, key, form.errors)


def test_the_records_are_consistent(tmp_path):
    run_demo(tmp_path, people=150, seed=3)

    catalogs = DemoCatalogs()
    snapshots = serialize_people(Person.objects.values_list("pk", flat=True))
    statuses = collections.Counter()
    for snapshot in snapshots.values():
        person, sections = snapshot["person"], snapshot["sections"]
        statuses[person["employment_status"]] += 1
        dob = datetime.date.fromisoformat(person["date_of_birth"])
        female = person["gender"] == "FEMALE"
        if person["employment_status"] in ACTIVE_STATUSES:
            assert retirement_month(catalogs, dob, female=female) >= month_of(TODAY), person["full_name"]
            open_rows = [row for row in sections["work_history"] if not row["end_date"] and not row["is_concurrent"]]
            assert len(open_rows) == 1 and open_rows[0]["unit"] == person["employing_unit"]
        recruited = datetime.date.fromisoformat(person["first_recruitment_date"])
        assert recruited >= add_years(dob, 18)
        for key, rows in sections.items():
            for row in rows:
                for name in ("start_date", "end_date"):
                    if row.get(name):
                        assert row[name].endswith("-01") or key in ("disciplinary_actions", "labour_contracts")
        salary = sections["salary_history"]
        if salary:
            last = salary[-1]
            assert (person["rank"], person["salary_step"], person["salary_coefficient"]) == (
                last["rank"],
                last["salary_step"],
                last["salary_coefficient"],
            )
            for row in salary:
                group = catalogs.salary_of(row["rank"])
                step = SalaryScaleStep.objects.get(table=group.table, group=group.group, step=row["salary_step"])
                assert Decimal(row["salary_coefficient"]) == step.coefficient
        years = [row["year"] for row in sections["annual_records"]]
        assert len(years) == len(set(years))
        if person["staff_kind"] == "NGUOI_LAO_DONG":
            assert sections["labour_contracts"], person["full_name"]
    assert statuses["DANG_CONG_TAC"] > 100
    assert LabourContract.objects.exists()


def test_the_unit_tree_has_history_codes_quotas_and_job_positions(tmp_path):
    run_demo(tmp_path)

    units = list(OrgUnit.objects.all())
    assert len(units) == unit_count_for(PEOPLE) == 25
    root = OrgUnit.objects.get(parent=None)
    assert (root.name, root.agency_code) == ("Ủy ban nhân dân tỉnh Đồng Tháp", ROOT_AGENCY_CODE)
    assert all(unit.path.startswith(root.path) and unit.path for unit in units)
    codes = [unit.agency_code for unit in units if unit.agency_code]
    assert len(codes) == len(set(codes)) > 10
    for code in codes:
        AGENCY_CODE_VALIDATOR(code)
    districts = OrgUnit.objects.filter(kind="DISTRICT_COMMITTEE")
    assert districts.count() >= 2
    for district in districts:
        assert district.valid_to == datetime.date(2025, 6, 30)
        assert district.successor is not None and district.successor.kind == "COMMUNE_COMMITTEE"
    assert OrgUnit.objects.filter(kind="COMMUNE_COMMITTEE").count() >= 4
    assert set(StaffingQuota.objects.values_list("year", flat=True)) == {2025, 2026}
    assert JobPosition.objects.filter(required_rank__isnull=False).count() > 20


def test_the_unit_count_scales_with_the_people():
    catalogs = DemoCatalogs()

    plan = plan_units(100_000, DemoRandom(1), catalogs.communes)

    assert unit_count_for(100_000) == 300
    assert len(plan.units) == 300
    assert sum(1 for unit in plan.units if unit.kind == "COMMUNE_COMMITTEE") == len(catalogs.communes)
    assert len(plan_units(60, DemoRandom(1), catalogs.communes).units) == 25


def test_the_family_names_follow_the_population():
    catalogs = DemoCatalogs()
    rng = DemoRandom(11)
    plan = plan_units(2000, rng, catalogs.communes)
    generator = PeopleGenerator(rng, catalogs, plan)

    records = [generator.make(unit, role) for unit, role in plan_people(plan, plan.by_name("Sở Nội vụ"), 2000, rng)]

    families = collections.Counter(record.person["full_name"].split()[0] for record in records)
    share = {name: count / len(records) for name, count in families.items()}
    assert share["Nguyễn"] == pytest.approx(0.38, abs=0.04)
    assert share["Trần"] == pytest.approx(0.11, abs=0.03)
    assert share["Lê"] == pytest.approx(0.095, abs=0.03)
    assert share["Phạm"] == pytest.approx(0.07, abs=0.025)
    assert share.get("Huỳnh", 0) + share.get("Hoàng", 0) == pytest.approx(0.05, abs=0.025)
    names = [record.person["full_name"] for record in records]
    assert any(name.startswith("Nguyễn Thị Hồng ") for name in names)
    assert any("Đ" in name for name in names)
    assert len(set(record.person["citizen_id"] for record in records)) == len(records)


def test_the_planted_problems_are_listed_and_hold(tmp_path):
    output = run_demo(tmp_path)

    listed = json.loads((tmp_path / "problems.json").read_text())["problems"]
    kinds = {problem["kind"] for problem in listed}
    assert kinds == {
        "MISSING_ETHNICITY",
        "OVERDUE_SALARY_STEP",
        "MISSING_PHONE",
        "CONTRACT_ENDED_STILL_WORKING",
        "UNKNOWN_ID_PREFIX",
        "MISSING_EVALUATION",
    }
    catalogs = DemoCatalogs()
    for problem in listed:
        person = Person.objects.get(uid=problem["person_uid"])
        snapshot = serialize_people([person.pk])[person.pk]
        assert check_record(snapshot) == []
        match problem["kind"]:
            case "MISSING_ETHNICITY":
                assert person.ethnicity is None
            case "MISSING_PHONE":
                assert person.phone == ""
            case "UNKNOWN_ID_PREFIX":
                assert citizen_id_warnings(person.citizen_id)
            case "OVERDUE_SALARY_STEP":
                group = catalogs.salary_of(person.rank.code)
                assert person.salary_step < group.max_step
                due = person.salary_step_date.replace(year=person.salary_step_date.year + group.years_per_step)
                assert due <= TODAY
            case "CONTRACT_ENDED_STILL_WORKING":
                assert person.employment_status.code == "DANG_CONG_TAC"
                ends = [row["end_date"] for row in snapshot["sections"]["labour_contracts"]]
                assert ends and all(end and end < TODAY.isoformat() for end in ends)
            case "MISSING_EVALUATION":
                assert 2025 not in [row["year"] for row in snapshot["sections"]["annual_records"]]
    assert "Planted data problems (6)" in output


def test_a_second_run_is_refused_without_reset(tmp_path):
    run_demo(tmp_path)

    with pytest.raises(CommandError, match="--reset"):
        run_demo(tmp_path)
    assert Person.objects.count() == PEOPLE


def test_if_empty_leaves_an_existing_demo_alone(tmp_path):
    run_demo(tmp_path)
    before = province_facts()

    output = run_demo(tmp_path, "--if-empty", seed=9)

    assert "already there" in output
    assert province_facts() == before


def test_if_empty_builds_the_demo_on_an_empty_database(tmp_path):
    run_demo(tmp_path, "--if-empty")

    assert Person.objects.count() == PEOPLE


def test_reset_rebuilds_the_demo(tmp_path):
    run_demo(tmp_path)

    output = run_demo(tmp_path, "--reset", people=40, seed=5)

    assert "Deleted the previous demo" in output
    assert Person.objects.count() == RecordVersion.objects.count() == 40
    assert OrgUnit.objects.filter(parent=None).count() == 1
    assert User.objects.filter(username__in=["admin", "officer", "head", "employee"]).count() == 4


def test_the_demo_accounts_are_the_personas_of_the_access_matrix(tmp_path, client):
    output = run_demo(tmp_path)

    home = OrgUnit.objects.get(name="Sở Nội vụ")
    users = {user.username: user for user in User.objects.filter(username__in=DEMO_USERNAMES)}
    assert set(users) == set(DEMO_USERNAMES)
    admin, head, employee = users["admin"], users["head"], users["employee"]
    assert admin.is_superuser and admin.is_staff and admin.kind == User.Kind.SYSTEM_ADMIN and admin.unit is None
    assert users["officer"].kind == User.Kind.UNIT and not users["officer"].is_staff
    assert {users[name].unit for name in ("unit_admin", "officer", "head", "employee", "expired")} == {home}
    assert users["officer_b"].unit != home
    assert head.person.current_position == "Giám đốc Sở" and head.person.employing_unit == home
    assert employee.person.staff_kind.code == "CONG_CHUC" and employee.person.employing_unit == home
    assert head.full_name == head.person.full_name

    in_home = Person.objects.filter(employing_unit__path__startswith=home.path).count()
    assert people_visible_to(admin).count() == Person.objects.count()
    assert people_visible_to(users["officer"]).count() == people_visible_to(head).count() >= in_home
    assert not people_visible_to(users["officer_b"]).filter(employing_unit=home).exists()
    assert list(people_visible_to(employee)) == [employee.person]
    assert not people_visible_to(users["expired"]).exists()
    assert policy.has_capability(users["unit_admin"], Capability.MANAGE_ACCOUNTS, home)
    assert policy.has_capability(head, Capability.APPROVE, home)
    for user in users.values():
        assert client.login(username=user.username, password=PASSWORD)
        client.logout()
    assert all(name in output for name in DEMO_USERNAMES)


def test_the_service_path_writes_the_same_versions(tmp_path):
    run_demo(tmp_path, people=30)
    direct = dict(RecordVersion.objects.values_list("person__citizen_id", "content_hash"))

    run_demo(tmp_path, "--reset", "--versions", "service", people=30)
    service = dict(RecordVersion.objects.values_list("person__citizen_id", "content_hash"))

    assert service == direct


def test_the_demo_never_runs_in_production(tmp_path):
    with override_settings(APP_ENVIRONMENT="prod"), pytest.raises(CommandError, match="production"):
        run_demo(tmp_path)


def test_the_demo_data_is_nfc():
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from strings(key)
                yield from strings(item)
        elif isinstance(value, tuple | list):
            for item in value:
                yield from strings(item)

    for name in dir(data):
        if name.isupper():
            for text in strings(getattr(data, name)):
                assert unicodedata.normalize("NFC", text) == text, text


def test_a_producer_process_draws_the_same_province(tmp_path):
    run_demo(tmp_path, "--jobs", "0", people=30)
    inline = dict(RecordVersion.objects.values_list("person__citizen_id", "content_hash"))

    run_demo(tmp_path, "--reset", "--jobs", "1", people=30)
    produced = dict(RecordVersion.objects.values_list("person__citizen_id", "content_hash"))

    assert produced == inline
