"""Test and demo factories for the organisation tree. Other apps import these.

`OrgUnitFactory.create()` saves the unit and sets its materialised path from its parent, as the
services do, but records no event and runs no validation: to test behaviour, call the services.
"""

import datetime
from typing import Any

import factory
from factory.django import DjangoModelFactory

from hoso.organisations.enums import AdministrativeLevel, JobPositionCategory, OrgUnitKind
from hoso.organisations.models import JobPosition, OrgUnit, StaffingQuota, path_segment

DISTRICTS_LAST_DAY = datetime.date(2025, 6, 30)


class OrgUnitFactory(DjangoModelFactory[OrgUnit]):
    class Meta:
        model = OrgUnit
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Đơn vị số {n}")
    kind = OrgUnitKind.DEPARTMENT
    administrative_level = AdministrativeLevel.PROVINCE
    parent = None

    class Params:
        province = factory.Trait(
            name="Ủy ban nhân dân tỉnh Đồng Tháp",
            short_name="UBND tỉnh",
            kind=OrgUnitKind.PROVINCIAL_COMMITTEE,
            agency_code="000.00.00.H20",
        )
        commune = factory.Trait(kind=OrgUnitKind.COMMUNE_COMMITTEE, administrative_level=AdministrativeLevel.COMMUNE)
        section = factory.Trait(kind=OrgUnitKind.INTERNAL_SECTION)
        district = factory.Trait(
            kind=OrgUnitKind.DISTRICT_COMMITTEE,
            administrative_level=AdministrativeLevel.DISTRICT,
            valid_from=datetime.date(2004, 1, 1),
            valid_to=DISTRICTS_LAST_DAY,
        )
        ended = factory.Trait(valid_to=datetime.date(2024, 12, 31))

    @classmethod
    def _create(cls, model_class: type[OrgUnit], *args: Any, **kwargs: Any) -> OrgUnit:
        unit = model_class(*args, **kwargs)
        unit.search_text = unit.build_search_text()
        unit.save()
        parent = unit.parent
        unit.path = (parent.path if parent else "") + path_segment(unit.pk)
        unit.depth = parent.depth + 1 if parent else 0
        unit.save(update_fields=["path", "depth"])
        return unit


class StaffingQuotaFactory(DjangoModelFactory[StaffingQuota]):
    class Meta:
        model = StaffingQuota

    unit = factory.SubFactory(OrgUnitFactory)
    year = 2026
    civil_servants = 20
    public_employees = 5
    contract_workers = 2


class JobPositionFactory(DjangoModelFactory[JobPosition]):
    class Meta:
        model = JobPosition

    unit = factory.SubFactory(OrgUnitFactory)
    code = factory.Sequence(lambda n: f"VTVL-{n:03d}")
    name = factory.Sequence(lambda n: f"Chuyên viên tổng hợp {n}")
    category = JobPositionCategory.PROFESSIONAL
