import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from hoso.accounts.tests.factories import UserFactory
from hoso.catalogs.enums import CatalogKind
from hoso.catalogs.models import CatalogItem
from hoso.core.locks import advisory_xact_lock, lock_key
from hoso.organisations import services
from hoso.organisations.enums import AdministrativeLevel, JobPositionCategory, OrgUnitKind
from hoso.organisations.models import OrgUnit, OrgUnitEvent, StaffingQuota
from hoso.organisations.services import Decision

pytestmark = pytest.mark.django_db

DECISION = Decision(number="125/QĐ-UBND", date=datetime.date(2025, 2, 26), issuer="UBND tỉnh Đồng Tháp")


def create(name: str, parent: OrgUnit | None = None, **kwargs) -> OrgUnit:  # type: ignore[no-untyped-def]
    kwargs.setdefault("kind", OrgUnitKind.DEPARTMENT)
    return services.create_unit(name=name, parent=parent, acting_user=None, **kwargs)


def messages(error: ValidationError) -> list[str]:
    with translation.override("vi"):
        return [str(message) for message in error.messages]


def snapshot() -> list[tuple[object, ...]]:
    """Every unit and event row, to assert that a refused change wrote nothing."""
    units = list(OrgUnit.objects.order_by("pk").values_list("pk", "name", "parent_id", "path", "depth", "valid_to"))
    return [*units, ("events", OrgUnitEvent.objects.count())]


@pytest.fixture
def tree() -> dict[str, OrgUnit]:
    """province → department → sub-department → section, and a second department."""
    province = create("Ủy ban nhân dân tỉnh Đồng Tháp", kind=OrgUnitKind.PROVINCIAL_COMMITTEE)
    department = create("Sở Nội vụ", province)
    sub = create("Ban Thi đua – Khen thưởng", department, kind=OrgUnitKind.SUB_DEPARTMENT)
    section = create("Phòng Tổng hợp", sub, kind=OrgUnitKind.INTERNAL_SECTION)
    other = create("Sở Tài chính", province)
    return {"province": province, "department": department, "sub": sub, "section": section, "other": other}


# --- create ---------------------------------------------------------------------------------


def test_create_unit_sets_path_depth_search_text_and_records_the_decision():
    # given
    officer = UserFactory()
    province = create("Ủy ban nhân dân tỉnh Đồng Tháp", kind=OrgUnitKind.PROVINCIAL_COMMITTEE)

    # when
    unit = services.create_unit(
        name="  Sở   Nội vụ ",
        short_name="SNV",
        kind=OrgUnitKind.DEPARTMENT,
        parent=province,
        agency_code="000.00.02.h20",
        valid_from=datetime.date(2008, 4, 1),
        decision=DECISION,
        acting_user=officer,
    )

    # then
    unit.refresh_from_db()
    assert unit.name == "Sở Nội vụ"
    assert unit.agency_code == "000.00.02.H20"
    assert province.path == f"{province.pk:06d}."
    assert unit.path == f"{province.pk:06d}.{unit.pk:06d}."
    assert (province.depth, unit.depth) == (0, 1)
    assert unit.search_text == "so noi vu snv 000.00.02.h20"
    assert (unit.decision_number, unit.decision_date, unit.decision_issuer) == (
        "125/QĐ-UBND",
        datetime.date(2025, 2, 26),
        "UBND tỉnh Đồng Tháp",
    )
    event = unit.events.get()
    assert event.kind == OrgUnitEvent.Kind.CREATED
    assert event.effective_date == datetime.date(2008, 4, 1)
    assert event.new_parent == province
    assert event.decision_number == "125/QĐ-UBND"
    assert event.recorded_by == officer


def test_create_unit_refuses_a_bad_agency_code_with_a_vietnamese_message():
    before = snapshot()

    with pytest.raises(ValidationError) as error:
        create("Sở Nội vụ", agency_code="H20.02")

    assert error.value.message_dict.keys() == {"agency_code"}
    assert messages(error.value) == ["Mã định danh điện tử phải có dạng 000.00.12.H20 (QĐ 20/2020/QĐ-TTg)."]
    assert snapshot() == before


@pytest.mark.parametrize("kind", [OrgUnitKind.DISTRICT_COMMITTEE, OrgUnitKind.DISTRICT_DIVISION])
@pytest.mark.parametrize("valid_to", [None, datetime.date(2025, 7, 1)])
def test_create_unit_refuses_a_district_unit_valid_after_30_june_2025(kind, valid_to):
    before = snapshot()

    with pytest.raises(ValidationError) as error:
        create("Ủy ban nhân dân huyện Cao Lãnh", kind=kind, valid_from=datetime.date(2004, 1, 1), valid_to=valid_to)

    assert error.value.message_dict.keys() == {"valid_to"}
    assert "01/07/2025" in messages(error.value)[0]
    assert snapshot() == before


def test_create_unit_accepts_a_district_unit_as_history():
    unit = create(
        "Ủy ban nhân dân huyện Cao Lãnh",
        kind=OrgUnitKind.DISTRICT_COMMITTEE,
        administrative_level=AdministrativeLevel.DISTRICT,
        valid_from=datetime.date(2004, 1, 1),
        valid_to=datetime.date(2025, 6, 30),
    )

    assert unit.ended_on == datetime.date(2025, 7, 1)
    assert unit.is_ended(datetime.date(2025, 7, 1))
    assert not unit.is_ended(datetime.date(2025, 6, 30))


def test_create_unit_refuses_a_parent_that_does_not_exist_on_the_start_date():
    parent = create("Sở Nông nghiệp và Môi trường", valid_from=datetime.date(2025, 3, 1))
    before = snapshot()

    with pytest.raises(ValidationError) as error:
        create("Chi cục Thủy lợi", parent, valid_from=datetime.date(2020, 1, 1))

    assert error.value.message_dict.keys() == {"parent"}
    assert messages(error.value) == [
        "Đơn vị cấp trên “Sở Nông nghiệp và Môi trường” chưa tồn tại hoặc đã kết thúc vào ngày 01/01/2020, "
        "là ngày bắt đầu của đơn vị này."
    ]
    assert snapshot() == before


def test_create_unit_refuses_an_open_unit_under_an_ended_parent():
    parent = create("Sở Tài nguyên và Môi trường", valid_to=datetime.date(2025, 2, 28))

    with pytest.raises(ValidationError) as error:
        create("Chi cục Bảo vệ môi trường", parent)

    assert [e.code for e in error.value.error_dict["parent"]] == ["outlasts_parent"]


def test_create_unit_refuses_an_end_date_before_the_start_date():
    with pytest.raises(ValidationError) as error:
        create("Sở Tài chính", valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2019, 12, 31))

    assert messages(error.value) == ["Ngày kết thúc không được trước ngày bắt đầu."]


# --- rename -----------------------------------------------------------------------------------


def test_rename_unit_keeps_the_former_name_in_the_event(tree):
    unit = services.rename_unit(
        tree["department"],
        name="Sở Nội vụ tỉnh Đồng Tháp",
        short_name="SNV",
        effective_date=datetime.date(2025, 3, 1),
        decision=DECISION,
        acting_user=None,
    )

    unit.refresh_from_db()
    assert (unit.name, unit.short_name) == ("Sở Nội vụ tỉnh Đồng Tháp", "SNV")
    assert unit.search_text.startswith("so noi vu tinh dong thap snv")
    event = unit.events.get(kind=OrgUnitEvent.Kind.RENAMED)
    assert (event.old_name, event.new_name, event.effective_date) == (
        "Sở Nội vụ",
        "Sở Nội vụ tỉnh Đồng Tháp",
        datetime.date(2025, 3, 1),
    )
    assert unit.path == tree["department"].path


def test_rename_unit_refuses_the_same_name(tree):
    before = snapshot()

    with pytest.raises(ValidationError):
        services.rename_unit(
            tree["department"], name="Sở  Nội vụ", effective_date=datetime.date(2025, 3, 1), acting_user=None
        )

    assert snapshot() == before


# --- move ---------------------------------------------------------------------------------------


def test_move_unit_rewrites_the_paths_and_depths_of_the_whole_subtree(tree):
    # when the sub-department moves from Nội vụ to Tài chính
    moved = services.move_unit(
        tree["sub"],
        new_parent=tree["other"],
        effective_date=datetime.date(2025, 3, 1),
        decision=DECISION,
        acting_user=None,
    )

    # then it and its section hang under Tài chính
    section = OrgUnit.objects.get(pk=tree["section"].pk)
    assert moved.parent == tree["other"]
    assert moved.path == tree["other"].path + f"{moved.pk:06d}."
    assert section.path == moved.path + f"{section.pk:06d}."
    assert (moved.depth, section.depth) == (2, 3)
    assert OrgUnit.objects.get(pk=tree["department"].pk).path == tree["department"].path
    event = moved.events.get(kind=OrgUnitEvent.Kind.MOVED)
    assert (event.old_parent, event.new_parent) == (tree["department"], tree["other"])
    assert all(unit.path.startswith(unit.parent.path) for unit in OrgUnit.objects.exclude(parent=None))


def test_move_unit_rewrites_a_subtree_in_a_constant_number_of_queries(tree):
    def queries_to_move(unit: OrgUnit, new_parent: OrgUnit) -> int:
        with CaptureQueriesContext(connection) as queries:
            services.move_unit(unit, new_parent=new_parent, effective_date=datetime.date(2025, 3, 1), acting_user=None)
        return len(queries)

    small = queries_to_move(tree["section"], tree["other"])
    for number in range(30):
        create(f"Tổ {number}", tree["sub"], kind=OrgUnitKind.INTERNAL_SECTION)

    assert queries_to_move(tree["sub"], tree["other"]) == small
    assert OrgUnit.objects.filter(path__startswith=tree["other"].path).count() == 1 + 1 + 1 + 30


@pytest.mark.parametrize("target", ["department", "sub", "section"])
def test_move_unit_refuses_a_cycle_and_writes_nothing(tree, target):
    before = snapshot()

    with pytest.raises(ValidationError) as error:
        services.move_unit(
            tree["department"], new_parent=tree[target], effective_date=datetime.date(2025, 3, 1), acting_user=None
        )

    assert [e.code for e in error.value.error_dict["parent"]] == ["cycle"]
    assert snapshot() == before


def test_move_unit_refuses_a_parent_that_does_not_exist_on_the_effective_date(tree):
    closed = create("Sở Tài nguyên và Môi trường", tree["province"], valid_to=datetime.date(2025, 2, 28))

    with pytest.raises(ValidationError) as error:
        services.move_unit(tree["sub"], new_parent=closed, effective_date=datetime.date(2025, 3, 1), acting_user=None)

    assert [e.code for e in error.value.error_dict["parent"]] == ["unit_not_valid"]


# --- merge and close ------------------------------------------------------------------------------


def test_merge_unit_ends_it_sets_the_successor_and_moves_its_open_subunits(tree):
    ended_section = create(
        "Phòng cũ", tree["department"], kind=OrgUnitKind.INTERNAL_SECTION, valid_to=datetime.date(2020, 12, 31)
    )

    merged = services.merge_unit(
        tree["department"],
        into=tree["other"],
        effective_date=datetime.date(2025, 3, 1),
        decision=DECISION,
        acting_user=None,
    )

    merged.refresh_from_db()
    assert merged.valid_to == datetime.date(2025, 2, 28)
    assert merged.ended_on == datetime.date(2025, 3, 1)
    assert merged.successor == tree["other"]
    sub = OrgUnit.objects.get(pk=tree["sub"].pk)
    section = OrgUnit.objects.get(pk=tree["section"].pk)
    assert sub.parent == tree["other"]
    assert section.path == tree["other"].path + f"{sub.pk:06d}.{section.pk:06d}."
    assert OrgUnit.objects.get(pk=ended_section.pk).parent == merged  # history stays where it was
    assert list(merged.events.values_list("kind", "successor", "decision_number").order_by("id"))[-1] == (
        OrgUnitEvent.Kind.MERGED,
        tree["other"].pk,
        "125/QĐ-UBND",
    )
    assert sub.events.filter(kind=OrgUnitEvent.Kind.MOVED, old_parent=merged, new_parent=tree["other"]).exists()
    assert OrgUnit.objects.filter(pk=merged.pk).exists()  # never deleted


@pytest.mark.parametrize("target", ["department", "sub"])
def test_merge_unit_refuses_to_merge_into_itself_or_a_subunit(tree, target):
    before = snapshot()

    with pytest.raises(ValidationError) as error:
        services.merge_unit(
            tree["department"], into=tree[target], effective_date=datetime.date(2025, 3, 1), acting_user=None
        )

    assert error.value.message_dict.keys() == {"successor"}
    assert snapshot() == before


def test_close_unit_end_dates_it_and_records_the_decision(tree):
    closed = services.close_unit(
        tree["section"],
        effective_date=datetime.date(2025, 7, 1),
        successor=tree["other"],
        decision=DECISION,
        acting_user=None,
    )

    closed.refresh_from_db()
    assert closed.valid_to == datetime.date(2025, 6, 30)
    assert closed.successor == tree["other"]
    event = closed.events.get(kind=OrgUnitEvent.Kind.CLOSED)
    assert (event.effective_date, event.successor, event.decision_issuer) == (
        datetime.date(2025, 7, 1),
        tree["other"],
        "UBND tỉnh Đồng Tháp",
    )


def test_close_unit_refuses_a_unit_with_open_subunits_and_writes_nothing(tree):
    before = snapshot()

    with pytest.raises(ValidationError) as error:
        services.close_unit(tree["department"], effective_date=datetime.date(2025, 7, 1), acting_user=None)

    assert error.value.code == "open_subunits"
    assert snapshot() == before


def test_close_unit_refuses_a_unit_that_has_already_ended(tree):
    services.close_unit(tree["section"], effective_date=datetime.date(2025, 7, 1), acting_user=None)

    with pytest.raises(ValidationError) as error:
        services.close_unit(tree["section"], effective_date=datetime.date(2026, 1, 1), acting_user=None)

    assert error.value.code == "already_ended"


# --- bulk paths -----------------------------------------------------------------------------------


def test_rebuild_paths_sets_the_paths_of_bulk_created_units():
    # given units bulk-created parents first, without paths
    root = OrgUnit.objects.bulk_create([OrgUnit(name="Ủy ban nhân dân tỉnh", kind=OrgUnitKind.PROVINCIAL_COMMITTEE)])[0]
    departments = OrgUnit.objects.bulk_create(
        [OrgUnit(name=f"Sở {n}", kind=OrgUnitKind.DEPARTMENT, parent=root) for n in range(3)]
    )
    OrgUnit.objects.bulk_create(
        [OrgUnit(name=f"Phòng {n}", kind=OrgUnitKind.INTERNAL_SECTION, parent=d) for d in departments for n in range(2)]
    )

    # when
    count = services.rebuild_paths()

    # then
    assert count == 1 + 3 + 6
    paths_before = list(OrgUnit.objects.values_list("path", flat=True))
    for unit in OrgUnit.objects.select_related("parent"):
        expected = (unit.parent.path if unit.parent else "") + f"{unit.pk:06d}."
        assert (unit.path, unit.depth) == (expected, unit.parent.depth + 1 if unit.parent else 0)
        assert unit.search_text
    assert OrgUnit.objects.get(name="Phòng 1", parent=departments[2]).search_text == "phong 1"
    assert services.rebuild_paths() == 10
    assert sorted(OrgUnit.objects.values_list("path", flat=True)) == sorted(paths_before)


def test_rebuild_paths_refuses_a_cycle_in_the_parent_links(tree):
    OrgUnit.objects.filter(pk=tree["department"].pk).update(parent=tree["section"])
    before = snapshot()

    with pytest.raises(ValidationError) as error:
        services.rebuild_paths()

    assert error.value.code == "cycle"
    assert snapshot() == before


# --- quotas and job positions ---------------------------------------------------------------------


def test_set_staffing_quota_creates_then_replaces_the_year(tree):
    services.set_staffing_quota(tree["department"], year=2026, civil_servants=60, public_employees=10, acting_user=None)

    quota = services.set_staffing_quota(
        tree["department"],
        year=2026,
        civil_servants=64,
        public_employees=12,
        contract_workers=6,
        decision=DECISION,
        acting_user=None,
    )

    assert StaffingQuota.objects.get() == quota
    assert (quota.civil_servants, quota.public_employees, quota.contract_workers, quota.total) == (64, 12, 6, 82)
    assert quota.decision_number == "125/QĐ-UBND"


def test_create_job_position_with_the_rank_it_requires(tree):
    rank = CatalogItem.objects.filter(kind=CatalogKind.CIVIL_SERVICE_RANK).first()

    position = services.create_job_position(
        unit=tree["department"],
        code="cm-05",
        name="Chuyên viên về quản lý công chức",
        category=JobPositionCategory.PROFESSIONAL,
        required_rank=rank,
        acting_user=None,
    )
    quota = services.set_job_position_quota(position, year=2026, headcount=3, acting_user=None)

    assert (position.code, position.required_rank) == ("CM-05", rank)
    assert list(position.quotas.values_list("year", "headcount")) == [(2026, 3)]
    assert quota.headcount == 3


def test_create_job_position_refuses_a_catalog_entry_that_is_not_a_rank(tree):
    ethnicity = CatalogItem.objects.filter(kind=CatalogKind.ETHNICITY).first()

    with pytest.raises(ValidationError) as error:
        services.create_job_position(
            unit=tree["department"],
            code="CM-01",
            name="Chuyên viên",
            category=JobPositionCategory.PROFESSIONAL,
            required_rank=ethnicity,
            acting_user=None,
        )

    assert messages(error.value) == ["Hãy chọn một ngạch công chức hoặc chức danh nghề nghiệp."]
    assert not tree["department"].job_positions.exists()


def test_create_job_position_refuses_reversed_levels_and_ended_units(tree):
    with pytest.raises(ValidationError) as error:
        services.create_job_position(
            unit=tree["department"],
            code="CM-01",
            name="Chuyên viên",
            category=JobPositionCategory.PROFESSIONAL,
            min_level=3,
            max_level=2,
            acting_user=None,
        )
    assert error.value.message_dict.keys() == {"max_level"}

    services.close_unit(tree["section"], effective_date=datetime.date(2025, 7, 1), acting_user=None)
    with pytest.raises(ValidationError) as error:
        services.create_job_position(
            unit=tree["section"],
            code="CM-01",
            name="Chuyên viên",
            category=JobPositionCategory.SUPPORT,
            acting_user=None,
        )
    assert error.value.message_dict.keys() == {"unit"}


# --- locking --------------------------------------------------------------------------------------


def test_advisory_lock_needs_a_transaction(monkeypatch):
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)  # as outside any atomic()
    with pytest.raises(RuntimeError):
        advisory_xact_lock(services.TREE_LOCK)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks exist on PostgreSQL only")
def test_structural_edits_hold_the_tree_advisory_lock_until_commit():
    key = lock_key(services.TREE_LOCK)
    held = (
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
        " AND ((classid::bigint << 32) | objid::bigint) = %s"
    )
    with transaction.atomic():
        create("Sở Nội vụ")
        with connection.cursor() as cursor:
            cursor.execute(held, [key])
            assert cursor.fetchone()[0] == 1
