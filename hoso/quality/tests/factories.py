"""Records for the quality tests, built the way users build them (change sets), then aged like legacy data.

The rules of `hoso.people.rules` refuse most contradictions at entry, so records that break them are, as in real
provinces, old or imported rows: the tests write those rows straight into the tables, as an import would.
"""

import datetime

from hoso.organisations.models import OrgUnit
from hoso.people.models import Person
from hoso.people.tests.factories import make_unit, make_user, new_record

__all__ = ["make_unit", "make_user", "new_record", "person_in", "sub_unit"]


def sub_unit(parent: OrgUnit, name: str) -> OrgUnit:
    unit = OrgUnit.objects.create(name=name, kind=parent.kind, parent=parent, valid_from=datetime.date(2025, 7, 1))
    unit.path = f"{parent.path}{unit.pk:06d}."
    unit.save(update_fields=["path"])
    return unit


_counter = iter(range(100_000, 999_999))
GIVEN = ("An", "Bình", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai")
MIDDLE = ("Thị", "Ngọc", "Thanh", "Thu", "Kim", "Mỹ", "Bích", "Diệu")


def person_in(unit: OrgUnit, clerk, **personal) -> Person:
    """A record of `unit` with a fresh ID number consistent with its birth date and sex (default: a woman, 1985)."""
    serial = next(_counter)
    index = serial - 100_000
    personal.setdefault("full_name", f"Nguyễn {MIDDLE[index // len(GIVEN) % len(MIDDLE)]} {GIVEN[index % len(GIVEN)]}")
    year = int(personal.get("date_of_birth", "15/03/1985")[-4:])
    century_and_sex = 2 * ((year - 1900) // 100) + (0 if personal.get("gender") == "MALE" else 1)
    overrides = {"identity": {"citizen_id": f"087{century_and_sex}{year % 100:02d}{serial:06d}"}}
    overrides["personal"] = personal
    return new_record(unit, clerk, **overrides)
