"""Completeness: the required items of the form, each record's share, the unit and province aggregates."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from hoso.people.models import FamilyRelation, Person, WorkHistoryEntry
from hoso.quality import services
from hoso.quality.completeness import DEFAULT_ITEMS, required_items
from hoso.quality.models import CompletenessScore
from hoso.quality.selectors import (
    completeness_by_unit,
    completeness_for_province,
    completeness_of,
    lowest_completeness,
)
from hoso.quality.tests.factories import make_unit, make_user, person_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return make_unit("Sở Nội vụ")


@pytest.fixture
def clerk(unit):
    return make_user("clerk", unit)


def test_a_new_record_misses_the_items_nobody_entered(unit, clerk):
    person = person_in(unit, clerk)
    services.refresh_completeness([person.pk])

    score = CompletenessScore.objects.get(person=person)
    # The factory fills H1, 1, 3, 4, 6, 7, 8 and 30.1; a civil servant also owes 5, 10, 13, 19, 20, 33, 36, 37.1.
    assert score.required == len(DEFAULT_ITEMS) - 1  # the labour contract is for contract workers only
    assert set(score.missing) == {"5", "10", "13", "19", "20", "33", "36", "37.1"}
    assert score.filled == score.required - 8


def test_rows_of_a_required_table_fill_its_item(unit, clerk):
    person = person_in(unit, clerk)
    WorkHistoryEntry.objects.create(
        person=person, start_date="2010-01-01", organisation="Sở Nội vụ tỉnh Đồng Tháp", title="Chuyên viên"
    )
    FamilyRelation.objects.create(person=person, side="SPOUSE", full_name="Trần Văn A", birth_year=1960)
    services.refresh_completeness([person.pk])

    missing = CompletenessScore.objects.get(person=person).missing
    assert "33" not in missing
    assert "36" in missing  # the spouse's family is item 36.2, not the person's own family


def test_a_contract_worker_owes_a_contract_not_a_rank(unit, clerk):
    person = person_in(unit, clerk)
    Person.objects.filter(pk=person.pk).update(
        staff_kind=person.staff_kind.__class__.objects.get(kind="STAFF_KIND", code="NGUOI_LAO_DONG")
    )
    services.refresh_completeness([person.pk])

    missing = CompletenessScore.objects.get(person=person).missing
    assert "C" in missing
    assert "30.1" not in missing and "37.1" not in missing and "13" not in missing


@override_settings(HOSO_COMPLETENESS_ITEMS=["1", "3", "31"])
def test_the_province_chooses_the_items(unit, clerk):
    person = person_in(unit, clerk)
    assert [item.key for item in required_items()] == ["1", "3", "31"]
    services.refresh_completeness([person.pk])

    score = CompletenessScore.objects.get(person=person)
    assert (score.filled, score.required, score.missing) == (2, 3, ["31"])


def test_unit_and_province_sums_count_current_people_only(unit, clerk, django_assert_num_queries):
    other = make_unit("Sở Tài chính")
    other_clerk = make_user("other_clerk", other)
    people = [person_in(unit, clerk) for _ in range(3)] + [person_in(other, other_clerk)]
    retired = person_in(unit, clerk)
    Person.objects.filter(pk=retired.pk).update(
        employment_status=retired.employment_status.__class__.objects.get(kind="EMPLOYMENT_STATUS", code="NGHI_HUU")
    )
    services.refresh_completeness([p.pk for p in [*people, retired]])
    one = CompletenessScore.objects.get(person=people[0])

    with django_assert_num_queries(1):
        by_unit = completeness_by_unit([unit.pk, other.pk])
    assert by_unit == {unit.pk: (3 * one.filled, 3 * one.required), other.pk: (one.filled, one.required)}
    with django_assert_num_queries(1):
        assert completeness_for_province() == (4 * one.filled, 4 * one.required)
    assert completeness_by_unit([]) == {}


def test_lowest_completeness_lists_the_emptiest_records_first(unit, clerk):
    fuller, emptier = person_in(unit, clerk), person_in(unit, clerk)
    WorkHistoryEntry.objects.create(person=fuller, start_date="2010-01-01", organisation="Sở Nội vụ")
    services.refresh_completeness([fuller.pk, emptier.pk])

    rows = lowest_completeness(Person.objects.filter(employing_unit=unit))
    assert [row.person for row in rows] == [emptier, fuller]
    assert ("33", "Tóm tắt quá trình công tác") in rows[0].missing


@override_settings(HOSO_COMPLETENESS_ITEMS=["1", "99"])
def test_an_unknown_item_in_the_setting_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="99"):
        required_items()


def test_completeness_of_a_scoped_set_of_people(unit, clerk):
    people = [person_in(unit, clerk) for _ in range(2)]
    services.refresh_completeness([p.pk for p in people])
    one = CompletenessScore.objects.get(person=people[0])

    assert completeness_of(Person.objects.filter(employing_unit=unit)) == (2 * one.filled, 2 * one.required, 2)
    assert completeness_of(Person.objects.none()) == (0, 0, 0)


def test_refreshing_twice_updates_the_stored_score(unit, clerk):
    person = person_in(unit, clerk)
    services.refresh_completeness([person.pk])
    WorkHistoryEntry.objects.create(person=person, start_date="2010-01-01", organisation="Sở Nội vụ")
    services.refresh_completeness([person.pk])

    assert "33" not in CompletenessScore.objects.get(person=person).missing
    assert CompletenessScore.objects.count() == 1
