"""Head counts of the annual report: exact counts by every dimension, per unit and in total, within the scope."""

import datetime

import pytest

from hoso.accounts.models import User
from hoso.accounts.policy import forget
from hoso.accounts.tests.factories import grant
from hoso.organisations.enums import JobPositionCategory
from hoso.organisations.tests.factories import JobPositionFactory, OrgUnitFactory
from hoso.people.models import Person
from hoso.people.tests.factories import make_user, new_record
from hoso.reports.enums import AgeBand, Dimension
from hoso.reports.selectors import head_counts, head_counts_of, years_before

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 6, 15)
SERIALS = iter(range(100, 999))


def citizen_id(gender: str, born: datetime.date) -> str:
    """A well-formed ID number: Đồng Tháp (087), the century-and-sex digit, the year, a serial."""
    century = 0 if born.year < 2000 else 2
    return f"087{century + (gender == 'FEMALE')}{born.year % 100:02d}000{next(SERIALS)}"


def person(unit, clerk: User, *, name: str, gender: str, born: datetime.date, **groups: dict[str, str]) -> Person:
    personal = {"full_name": name, "gender": gender, "date_of_birth": born.strftime("%d/%m/%Y")}
    identity = {"citizen_id": citizen_id(gender, born), "citizen_id_issue_date": "10/05/2021", "phone": "0912345678"}
    return new_record(unit, clerk, personal=personal, identity=identity, **groups)


@pytest.fixture
def tree():
    """The province with unit A, its sub-unit A1, and unit B; four people, written through change sets."""
    province = OrgUnitFactory(province=True)
    unit_a = OrgUnitFactory(name="Sở Nội vụ", parent=province)
    unit_a1 = OrgUnitFactory(name="Chi cục Văn thư - Lưu trữ", parent=unit_a, section=True)
    unit_b = OrgUnitFactory(name="Sở Tài chính", parent=province)
    clerk = make_user("clerk", province)
    leader = JobPositionFactory(unit=unit_a, category=JobPositionCategory.LEADERSHIP)
    people = {
        "lan": person(
            unit_a,
            clerk,
            name="Trần Thị Lan",
            gender="FEMALE",
            born=datetime.date(1985, 3, 15),
            salary={"job_position": str(leader.uid)},
        ),
        "minh": person(unit_a, clerk, name="Lê Văn Minh", gender="MALE", born=datetime.date(1995, 6, 16)),
        "hoa": person(
            unit_a1,
            clerk,
            name="Phạm Thị Hoa",
            gender="FEMALE",
            born=datetime.date(1995, 6, 15),
            education={"highest_qualification": "THAC_SI"},
        ),
        "binh": person(
            unit_b,
            clerk,
            name="Võ Văn Bình",
            gender="MALE",
            born=datetime.date(1964, 1, 2),
            header={
                "employing_unit": str(unit_b.uid),
                "managing_unit": str(unit_b.uid),
                "staff_kind": "VIEN_CHUC",
                "employment_status": "DANG_CONG_TAC",
            },
        ),
    }
    return {"province": province, "a": unit_a, "a1": unit_a1, "b": unit_b, "people": people}


def reader(username: str, unit, role: str = "leadership") -> User:
    user = User.objects.create_user(username, password="x", unit=unit)
    grant(user, role, unit)
    return user


def test_province_totals_by_every_dimension(tree):
    leadership = reader("ldt", None)

    counts = head_counts(leadership, as_of=AS_OF)

    assert counts.people == 4
    assert counts.total[Dimension.SEX] == {"FEMALE": 2, "MALE": 2}
    assert counts.total[Dimension.STAFF_KIND] == {"CONG_CHUC": 3, "VIEN_CHUC": 1}
    assert counts.total[Dimension.RANK] == {"01.003": 4}
    assert counts.total[Dimension.ETHNICITY] == {"01": 4}
    assert counts.total[Dimension.QUALIFICATION] == {"THAC_SI": 1, "": 3}
    assert counts.total[Dimension.JOB_POSITION] == {JobPositionCategory.LEADERSHIP: 1, "": 3}
    assert counts.total[Dimension.AGE_BAND] == {
        AgeBand.FROM_41_TO_50: 1,  # 41 on 15/06/2026
        AgeBand.UP_TO_30: 1,  # 30: turns 31 the next day
        AgeBand.FROM_31_TO_40: 1,  # 31 that very day
        AgeBand.OVER_60: 1,
    }


def test_per_unit_counts_are_the_units_own_staff_and_add_up_to_the_total(tree):
    leadership = reader("ldt", None)

    counts = head_counts(leadership, as_of=AS_OF)

    assert counts.for_unit(tree["a"].pk)[Dimension.SEX] == {"FEMALE": 1, "MALE": 1}
    assert counts.for_unit(tree["a1"].pk)[Dimension.SEX] == {"FEMALE": 1}
    assert counts.for_unit(tree["b"].pk)[Dimension.STAFF_KIND] == {"VIEN_CHUC": 1}
    assert counts.for_unit(tree["province"].pk)[Dimension.SEX] == {}
    for dimension in Dimension:
        summed: dict[str, int] = {}
        for unit_counts in counts.by_unit[dimension].values():
            for key, number in unit_counts.items():
                summed[key] = summed.get(key, 0) + number
        assert summed == counts.total[dimension]


def test_a_unit_head_counts_their_subtree_only(tree):
    head = reader("head_a", tree["a"], role="head")

    counts = head_counts(head, as_of=AS_OF)

    assert counts.people == 3
    assert set(counts.by_unit[Dimension.SEX]) == {tree["a"].pk, tree["a1"].pk}
    assert counts.total[Dimension.STAFF_KIND] == {"CONG_CHUC": 3}


def test_without_the_reports_capability_the_statistics_are_empty(tree):
    reader_b = User.objects.create_user("docgia_b", password="x", unit=tree["b"])
    assignment = grant(reader_b, "inspector", tree["b"])
    assignment.capabilities = ["VIEW_RECORD"]  # restricted (hạn chế quyền): may read records of B, not count them
    assignment.save(update_fields=["capabilities"])
    forget(reader_b)
    employee = User.objects.create_user("binh", password="x", unit=tree["b"])
    Person.objects.filter(pk=tree["people"]["binh"].pk).update(account=employee)  # reads only their own record

    for user in (reader_b, employee):
        counts = head_counts(user, as_of=AS_OF)
        assert counts.people == 0
        assert all(counts.total[dimension] == {} for dimension in Dimension)


def test_the_number_of_queries_does_not_grow_with_the_people(tree, django_assert_num_queries):
    few = Person.objects.filter(pk=tree["people"]["lan"].pk)
    many = Person.objects.all()
    with django_assert_num_queries(9):
        head_counts_of(few, as_of=AS_OF)
    with django_assert_num_queries(9):
        head_counts_of(many, as_of=AS_OF)


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (datetime.date(2026, 6, 15), 31, datetime.date(1995, 6, 15)),
        (datetime.date(2028, 2, 29), 31, datetime.date(1997, 2, 28)),
        (datetime.date(2028, 2, 29), 4, datetime.date(2024, 2, 29)),
    ],
)
def test_years_before_keeps_the_day_or_takes_the_28th_of_february(day, years, expected):
    assert years_before(day, years) == expected
