"""The consistency rules: for each, a record that breaks it and one that does not; runs keep findings over time."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from hoso.catalogs.models import CatalogItem, RetirementAge
from hoso.people.models import (
    DisciplinaryAction,
    FamilyRelation,
    LegacyIdNumber,
    Person,
    SalaryHistoryEntry,
    WorkHistoryEntry,
)
from hoso.quality import services
from hoso.quality.checks import retirement_date
from hoso.quality.enums import CheckRunStatus, Rule
from hoso.quality.models import CheckRun, CompletenessScore, Finding
from hoso.quality.selectors import last_run_of
from hoso.quality.tests.factories import make_unit, make_user, person_in, sub_unit

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)


def catalog(kind: str, code: str) -> CatalogItem:
    return CatalogItem.objects.get(kind=kind, code=code)


@pytest.fixture
def unit():
    return make_unit("Sở Nội vụ")


@pytest.fixture
def clerk(unit):
    return make_user("clerk", unit)


@pytest.fixture
def good(unit, clerk):
    """A consistent record, next to each broken one: no rule may fire on it."""
    return person_in(unit, clerk, full_name="Lê Văn Bình", gender="MALE", date_of_birth="15/03/1985")


def run(unit=None, today=TODAY) -> CheckRun:
    return services.run_check(run=services.start_check_run(unit=unit, acting_user=None), today=today)


def open_findings(person: Person, rule: str) -> list[Finding]:
    return list(Finding.objects.filter(person=person, rule=rule, resolved_at__isnull=True))


def rules_of(person: Person) -> set[str]:
    return set(Finding.objects.filter(person=person, resolved_at__isnull=True).values_list("rule", flat=True))


def test_the_consistent_record_breaks_no_rule(unit, clerk, good):
    WorkHistoryEntry.objects.create(person=good, start_date="2008-01-01", end_date="2012-12-31", organisation="A")
    WorkHistoryEntry.objects.create(person=good, start_date="2013-01-01", organisation="B")
    WorkHistoryEntry.objects.create(person=good, start_date="2015-01-01", organisation="C", is_concurrent=True)
    FamilyRelation.objects.create(
        person=good, side="OWN", relation=catalog("FAMILY_RELATION", "BO_DE"), full_name="Lê Văn Cha", birth_year=1955
    )
    FamilyRelation.objects.create(
        person=good, side="OWN", relation=catalog("FAMILY_RELATION", "CON_DE"), full_name="Lê Thị Con", birth_year=2012
    )
    Person.objects.filter(pk=good.pk).update(first_recruitment_date=datetime.date(2008, 1, 1))
    result = run(unit)

    assert rules_of(good) == set()
    assert result.status == CheckRunStatus.DONE
    assert result.people_checked == 1


def test_recruited_before_18(unit, clerk, good):
    person = person_in(unit, clerk)  # born 15/03/1985
    Person.objects.filter(pk=person.pk).update(first_recruitment_date=datetime.date(2003, 3, 14))
    Person.objects.filter(pk=good.pk).update(first_recruitment_date=datetime.date(2003, 3, 15))
    run(unit)

    [finding] = open_findings(person, Rule.HIRED_UNDER_18)
    assert "14/03/2003" in finding.message and "15/03/2003" in finding.message
    assert rules_of(good) == set()


def test_overlapping_work_periods(unit, clerk, good):
    person = person_in(unit, clerk)
    WorkHistoryEntry.objects.create(person=person, start_date="2008-01-01", end_date="2012-12-31", organisation="A")
    later = WorkHistoryEntry.objects.create(person=person, start_date="2012-06-01", organisation="Sở Tài chính")
    WorkHistoryEntry.objects.create(person=good, start_date="2008-01-01", end_date="2012-05-31", organisation="A")
    WorkHistoryEntry.objects.create(person=good, start_date="2012-06-01", organisation="B")
    run(unit)

    [finding] = open_findings(person, Rule.OVERLAPPING_WORK)
    assert finding.key == str(later.uid)
    assert "Sở Tài chính" in finding.message
    assert rules_of(good) == set()


def test_a_salary_step_earlier_than_the_rules_allow(unit, clerk, good):
    rank = catalog("CIVIL_SERVICE_RANK", "01.003")  # A1: a step every 3 years, at most 12 months early
    for person, second_step in ((good, "2017-01-01"), (person_in(unit, clerk), "2016-12-01")):
        SalaryHistoryEntry.objects.create(
            person=person, start_date="2015-01-01", rank=rank, salary_step=3, salary_coefficient=Decimal("3.00")
        )
        SalaryHistoryEntry.objects.create(
            person=person, start_date=second_step, rank=rank, salary_step=4, salary_coefficient=Decimal("3.33")
        )
    early = Person.objects.exclude(pk=good.pk).get()
    run(unit)

    [finding] = open_findings(early, Rule.EARLY_SALARY_STEP)
    assert finding.details["months"] == 23 and finding.details["needed"] == 24
    assert rules_of(good) == set()


def test_a_discipline_delays_the_next_step(unit, clerk, good):
    rank = catalog("CIVIL_SERVICE_RANK", "01.003")
    SalaryHistoryEntry.objects.create(
        person=good, start_date="2015-01-01", rank=rank, salary_step=3, salary_coefficient=Decimal("3.00")
    )
    SalaryHistoryEntry.objects.create(
        person=good, start_date="2018-01-01", rank=rank, salary_step=4, salary_coefficient=Decimal("3.33")
    )
    run(unit)
    assert rules_of(good) == set()  # 36 months: on time

    DisciplinaryAction.objects.create(
        person=good, start_date="2016-05-01", form=catalog("DISCIPLINE_FORM", "CANH_CAO"), violation="Vi phạm"
    )
    run(unit)
    [finding] = open_findings(good, Rule.EARLY_SALARY_STEP)
    assert finding.details["needed"] == 42  # 36 months + 6 for the warning, no early step


def test_retirement_dates_follow_the_table_of_nd_135():
    ages = {
        row.year: (row.male_years, row.male_months, row.female_years, row.female_months)
        for row in RetirementAge.objects.all()
    }
    # A man born in June 1964 reaches 61 years 3 months in September 2025: retired from 1 October 2025.
    assert retirement_date(datetime.date(1964, 6, 1), False, ages) == datetime.date(2025, 10, 1)
    # A woman born in April 1969 reaches 56 years 8 months in December 2025: retired from 1 January 2026.
    assert retirement_date(datetime.date(1969, 4, 30), True, ages) == datetime.date(2026, 1, 1)
    # Before the table (reached in 2020): 60 for men.
    assert retirement_date(datetime.date(1960, 1, 10), False, ages) == datetime.date(2020, 2, 1)
    # After its last year: 62 for men, 60 for women.
    assert retirement_date(datetime.date(1980, 5, 5), True, ages) == datetime.date(2040, 6, 1)


def test_retirement_age_passed_while_still_in_service(unit, clerk, good):
    old = person_in(unit, clerk, full_name="Phạm Văn Lão", gender="MALE", date_of_birth="01/06/1964")
    retired = person_in(unit, clerk, full_name="Võ Văn Hưu", gender="MALE", date_of_birth="01/06/1964")
    Person.objects.filter(pk=retired.pk).update(employment_status=catalog("EMPLOYMENT_STATUS", "NGHI_HUU"))
    run(unit)

    [finding] = open_findings(old, Rule.RETIREMENT_AGE_PASSED)
    assert "01/10/2025" in finding.message
    assert rules_of(retired) == set()
    assert rules_of(good) == set()


def test_a_rank_that_does_not_match_the_salary_scale(unit, clerk, good):
    person = person_in(unit, clerk)
    Person.objects.filter(pk=person.pk).update(salary_coefficient=Decimal("3.66"))  # step 4 of A1 is 3.33
    run(unit)

    [finding] = open_findings(person, Rule.RANK_SCALE_MISMATCH)
    assert "3.33" in finding.message and "3.66" in finding.message
    assert rules_of(good) == set()


def test_an_id_number_inconsistent_with_birth_or_sex(unit, clerk, good):
    person = person_in(unit, clerk)  # a woman born in 1985
    person.citizen_id = "087090000555"  # says a man born in 1990
    person.save(update_fields=["citizen_id", "citizen_id_index"])
    run(unit)

    [finding] = open_findings(person, Rule.CITIZEN_ID_MISMATCH)
    assert finding.details["problems"] == 2
    assert rules_of(good) == set()


def test_family_members_older_or_younger_than_they_can_be(unit, clerk, good):
    person = person_in(unit, clerk)
    father = FamilyRelation.objects.create(
        person=person, side="OWN", relation=catalog("FAMILY_RELATION", "BO_DE"), full_name="Cha", birth_year=1990
    )
    child = FamilyRelation.objects.create(
        person=person, side="OWN", relation=catalog("FAMILY_RELATION", "CON_DE"), full_name="Con", birth_year=1980
    )
    FamilyRelation.objects.create(
        person=good, side="OWN", relation=catalog("FAMILY_RELATION", "ANH_RUOT"), full_name="Anh", birth_year=1980
    )
    run(unit)

    assert {f.key for f in open_findings(person, Rule.FAMILY_AGE)} == {str(father.uid), str(child.uid)}
    assert rules_of(good) == set()


def test_likely_duplicates_across_units(unit, clerk, good):
    other = make_unit("Sở Tài chính")
    first = person_in(unit, clerk, full_name="Trần Thị Mai")
    second = person_in(other, make_user("other_clerk", other), full_name="trần thị  mai")
    same_name_other_birth = person_in(unit, clerk, full_name="Lê Văn Bình", date_of_birth="16/03/1985")
    run()

    [finding] = open_findings(first, Rule.DUPLICATE)
    assert finding.details == {"other": str(second.uid), "unit": "Sở Tài chính", "by": "name_and_birth"}
    assert open_findings(second, Rule.DUPLICATE)[0].details["other"] == str(first.uid)
    assert rules_of(good) == set() and rules_of(same_name_other_birth) == set()


def test_the_same_earlier_id_number_on_two_records(unit, clerk, good):
    first, second = person_in(unit, clerk, full_name="Ngô Văn Một"), person_in(unit, clerk, full_name="Đỗ Văn Hai")
    for person in (first, second):
        LegacyIdNumber.objects.create(person=person, kind="CMND9", number="341234567")
    LegacyIdNumber.objects.create(person=good, kind="CMND9", number="341234568")
    run(unit)

    assert open_findings(first, Rule.DUPLICATE)[0].details["by"] == "earlier_id"
    assert len(open_findings(second, Rule.DUPLICATE)) == 1
    assert rules_of(good) == set()


def test_a_finding_gone_is_resolved_at_the_next_run_and_reopened_when_back(unit, clerk):
    person = person_in(unit, clerk)
    Person.objects.filter(pk=person.pk).update(salary_coefficient=Decimal("3.66"))
    first = run(unit)
    assert (first.found_new, first.still_open, first.resolved) == (1, 0, 0)
    second = run(unit)
    assert (second.found_new, second.still_open, second.resolved) == (0, 1, 0)
    finding = Finding.objects.get(person=person)
    assert finding.first_found < finding.last_seen

    Person.objects.filter(pk=person.pk).update(salary_coefficient=Decimal("3.33"))
    third = run(unit)
    assert third.resolved == 1
    finding.refresh_from_db()
    assert finding.resolved_at is not None

    Person.objects.filter(pk=person.pk).update(salary_coefficient=Decimal("3.66"))
    assert run(unit).found_new == 1
    finding.refresh_from_db()
    assert finding.resolved_at is None


def test_a_unit_run_checks_its_subtree_only(unit, clerk):
    section = sub_unit(unit, "Phòng Tổ chức")
    other = make_unit("Sở Tài chính")
    inside = person_in(section, make_user("section_clerk", section))
    outside = person_in(other, make_user("other_clerk", other))
    for person in (inside, outside):
        Person.objects.filter(pk=person.pk).update(salary_coefficient=Decimal("3.66"))
    result = run(unit)

    assert result.people_checked == 1
    assert rules_of(inside) == {Rule.RANK_SCALE_MISMATCH}
    assert rules_of(outside) == set()


def test_the_nightly_command_checks_in_batches_and_refreshes_completeness(unit, clerk, settings):
    settings.HOSO_QUALITY_BATCH_SIZE = 2
    people = [person_in(unit, clerk) for _ in range(5)]
    Person.objects.filter(pk=people[4].pk).update(salary_coefficient=Decimal("3.66"))

    call_command("run_checks", "--today", "2026-11-23")

    run_row = CheckRun.objects.get()
    assert (run_row.people_checked, run_row.found_new, run_row.unit) == (5, 1, None)
    assert CompletenessScore.objects.count() == 5
    call_command("run_checks", "--unit", str(unit.uid))
    assert CheckRun.objects.count() == 2


def test_the_command_refuses_an_unknown_unit_or_date():
    with pytest.raises(CommandError, match="No unit"):
        call_command("run_checks", "--unit", "00000000-0000-0000-0000-000000000000")
    with pytest.raises(CommandError, match="No unit"):
        call_command("run_checks", "--unit", "not-a-uid")
    with pytest.raises(CommandError, match="--today"):
        call_command("run_checks", "--today", "31/12/2026")
    assert not CheckRun.objects.exists()


def test_batches_cost_the_same_queries_whatever_their_size(unit, clerk, settings, django_assert_max_num_queries):
    settings.HOSO_QUALITY_BATCH_SIZE = 100
    for _ in range(3):
        person_in(unit, clerk)
    with django_assert_max_num_queries(40) as small:
        run(unit)
    for _ in range(12):
        person_in(unit, clerk)
    with django_assert_max_num_queries(40) as large:
        run(unit)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_units_last_run_is_the_latest_that_covered_it(unit, clerk):
    section = sub_unit(unit, "Phòng Tổ chức")
    assert last_run_of(section) is None
    province_run = run()
    assert last_run_of(section) == province_run
    unit_run = run(unit)
    assert last_run_of(section) == unit_run
    assert last_run_of(None) == province_run
    assert last_run_of(make_unit("Sở Tài chính")) == province_run
