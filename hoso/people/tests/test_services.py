import datetime

import pytest
from django.utils import timezone

from hoso.people import services
from hoso.people.enums import ChangeSetStatus
from hoso.people.models import Person, RecordVersion, WorkHistoryEntry
from hoso.people.snapshot import content_hash, serialize_person
from hoso.people.tests.factories import make_unit, make_user, new_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return make_unit()


@pytest.fixture
def officer(unit):
    return make_user("officer", unit)


def test_a_new_record_becomes_version_one_with_its_snapshot(unit, officer):
    person = new_record(unit, officer)

    assert person.current_version == 1
    assert person.full_name == "Nguyễn Thị Hồng Nhung"
    assert person.ethnicity.code == "01"
    version = RecordVersion.objects.get(person=person)
    assert version.snapshot == serialize_person(person)
    assert version.content_hash == content_hash(version.snapshot)
    assert person.search_text.startswith("nguyen thi hong nhung")


def test_editing_rows_shows_a_readable_diff_and_apply_writes_the_next_version(unit, officer):
    person = new_record(unit, officer)
    change_set = services.start_change_set(person=person, acting_user=officer, title="Bổ sung quá trình công tác")
    first = services.save_section_row(
        change_set=change_set,
        section_key="work_history",
        row_uid=None,
        acting_user=officer,
        data={
            "start_date": "09/2007",
            "end_date": "12/2015",
            "organisation": "UBND huyện Tháp Mười",
            "title": "Chuyên viên",
        },
    )
    services.save_section_row(
        change_set=change_set,
        section_key="work_history",
        row_uid=None,
        acting_user=officer,
        data={"start_date": "01/2016", "organisation": "Sở Nội vụ tỉnh Đồng Tháp", "title": "Chuyên viên"},
    )
    services.update_person_group(
        change_set=change_set,
        group_key="identity",
        acting_user=officer,
        data={"citizen_id": "087185000123", "citizen_id_issue_date": "10/05/2021", "phone": "0987654321"},
    )
    change_set.refresh_from_db()

    diff = services.diff_change_set(change_set)
    identity = next(p for p in diff.parts if p.key == "identity")
    assert [(c.name, c.old, c.new) for c in identity.fields] == [("phone", "0912345678", "0987654321")]
    work = next(p for p in diff.parts if p.key == "work_history")
    assert [r.change for r in work.rows] == ["added", "added"]
    assert "09/2007" in work.rows[0].summary

    version = services.apply_change_set(change_set=change_set, acting_user=officer)

    person.refresh_from_db()
    assert version.number == person.current_version == 2
    assert person.phone == "0987654321"
    assert WorkHistoryEntry.objects.filter(person=person).count() == 2
    assert str(WorkHistoryEntry.objects.get(uid=first).start_date) == "2007-09-01"
    assert version.snapshot == serialize_person(person)
    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.APPLIED

    # change and remove rows in a second change set
    second = services.start_change_set(person=person, acting_user=officer)
    services.save_section_row(
        change_set=second,
        section_key="work_history",
        row_uid=first,
        acting_user=officer,
        data={
            "start_date": "09/2007",
            "end_date": "12/2015",
            "organisation": "UBND huyện Tháp Mười",
            "title": "Phó Trưởng phòng",
        },
    )
    other = next(r["uid"] for r in second.proposed["sections"]["work_history"] if r["uid"] != first)
    services.remove_section_row(change_set=second, section_key="work_history", row_uid=other, acting_user=officer)
    second.refresh_from_db()
    rows = services.diff_change_set(second).parts[0].rows
    assert sorted((r.change, [(f.name, f.old, f.new) for f in r.fields if r.change == "changed"]) for r in rows) == [
        ("changed", [("title", "Chuyên viên", "Phó Trưởng phòng")]),
        ("removed", []),
    ]
    services.apply_change_set(change_set=second, acting_user=officer)
    assert list(WorkHistoryEntry.objects.filter(person=person).values_list("title", flat=True)) == ["Phó Trưởng phòng"]


def test_a_change_set_on_an_outdated_version_is_refused(unit, officer):
    person = new_record(unit, officer)
    early = services.start_change_set(person=person, acting_user=officer)
    late = services.start_change_set(person=person, acting_user=officer)
    services.update_person_group(
        change_set=late,
        group_key="identity",
        acting_user=officer,
        data={"citizen_id": "087185000123", "phone": "0987654321"},
    )
    services.apply_change_set(change_set=late, acting_user=officer)

    with pytest.raises(services.StaleChangeSet, match="phiên bản 2"):
        services.apply_change_set(change_set=early, acting_user=officer)
    person.refresh_from_db()
    assert person.current_version == 2


def test_invalid_input_gets_a_message_per_field_and_writes_nothing(unit, officer):
    person = new_record(unit, officer)
    change_set = services.start_change_set(person=person, acting_user=officer)
    before = change_set.proposed

    with pytest.raises(services.RecordInvalid) as caught:
        services.update_person_group(
            change_set=change_set,
            group_key="personal",
            acting_user=officer,
            data={
                "full_name": "",
                "gender": "X",
                "date_of_birth": "31/02/1985",
                "birth_place": "x",
                "ethnicity": "99",
                "date_of_birth_precision": "DAY",
            },
        )
    errors = caught.value.errors
    assert set(errors) == {"person.full_name", "person.gender", "person.date_of_birth", "person.ethnicity"}
    assert "99" in errors["person.ethnicity"][0]
    change_set.refresh_from_db()
    assert change_set.proposed == before


def test_cross_field_rules_block_apply_and_write_nothing(unit, officer):
    person = new_record(unit, officer)
    change_set = services.start_change_set(person=person, acting_user=officer)
    services.update_person_group(
        change_set=change_set,
        group_key="salary",
        acting_user=officer,
        data={"rank": "01.003", "salary_step": "4", "salary_coefficient": "3.66"},
    )
    for start, end in (("01/2010", "12/2015"), ("06/2015", "")):
        services.save_section_row(
            change_set=change_set,
            section_key="work_history",
            row_uid=None,
            acting_user=officer,
            data={"start_date": start, "end_date": end, "organisation": "Sở Nội vụ"},
        )
    change_set.refresh_from_db()

    with pytest.raises(services.RecordInvalid) as caught:
        services.apply_change_set(change_set=change_set, acting_user=officer)

    errors = caught.value.errors
    assert "3,33" in errors["person.salary_coefficient"][0] or "3.33" in errors["person.salary_coefficient"][0]
    assert any(key.startswith("work_history.") and key.endswith(".start_date") for key in errors)
    person.refresh_from_db()
    assert person.current_version == 1
    assert not WorkHistoryEntry.objects.filter(person=person).exists()


def test_the_id_number_must_agree_with_birth_date_and_sex(unit, officer):
    with pytest.raises(services.RecordInvalid) as caught:
        new_record(unit, officer, identity={"citizen_id": "087085000123"})
    assert "person.citizen_id" in caught.value.errors
    assert not Person.objects.exists()


def test_a_second_record_with_the_same_id_number_is_refused(unit, officer):
    new_record(unit, officer)
    with pytest.raises(services.RecordInvalid) as caught:
        new_record(unit, officer)
    assert "person.citizen_id" in caught.value.errors
    assert Person.objects.count() == 1


def test_the_record_on_a_past_date_is_the_version_then_in_force(unit, officer):
    person = new_record(unit, officer)
    RecordVersion.objects.filter(person=person).update(effective_at=timezone.make_aware(datetime.datetime(2025, 1, 1)))
    change_set = services.start_change_set(person=person, acting_user=officer)
    services.update_person_group(
        change_set=change_set,
        group_key="identity",
        acting_user=officer,
        data={"citizen_id": "087185000123", "phone": "0987654321"},
    )
    services.apply_change_set(
        change_set=change_set, acting_user=officer, effective_at=timezone.make_aware(datetime.datetime(2026, 1, 1))
    )

    assert services.record_as_of(person, datetime.date(2024, 12, 31)) is None
    assert services.record_as_of(person, datetime.date(2025, 6, 1)).snapshot["person"]["phone"] == "0912345678"
    assert services.record_as_of(person, datetime.date(2026, 6, 1)).snapshot["person"]["phone"] == "0987654321"


def test_an_applied_change_set_can_no_longer_be_edited(unit, officer):
    person = new_record(unit, officer)
    change_set = person.change_sets.get()
    with pytest.raises(services.ChangeSetNotEditable):
        services.update_person_group(change_set=change_set, group_key="identity", data={}, acting_user=officer)


def test_a_record_created_meanwhile_with_the_same_id_is_a_field_error_not_a_crash(unit, officer):
    from hoso.people.tests.factories import IDENTITY, PERSONAL

    first = services.start_new_record(unit=unit, acting_user=officer)
    second = services.start_new_record(unit=unit, acting_user=officer)
    header = {"employing_unit": str(unit.uid), "managing_unit": str(unit.uid)}
    for change_set in (first, second):  # both drafts pass validation before either is applied
        services.update_person_group(change_set=change_set, group_key="header", data=header, acting_user=officer)
        services.update_person_group(change_set=change_set, group_key="personal", data=PERSONAL, acting_user=officer)
        services.update_person_group(change_set=change_set, group_key="identity", data=IDENTITY, acting_user=officer)
    services.apply_change_set(change_set=first, acting_user=officer)

    with pytest.raises(services.RecordInvalid) as caught:
        services.apply_change_set(change_set=second, acting_user=officer)
    assert "person.citizen_id" in caught.value.errors
    assert Person.objects.count() == 1
