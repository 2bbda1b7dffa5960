import csv
import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import ProtectedError
from django.utils import translation

from hoso.catalogs.enums import AdminUnitLevel, CatalogKind
from hoso.catalogs.models import AdminUnit, BaseSalary, CatalogItem, OfficialDay, RetirementAge, SalaryScaleStep
from hoso.catalogs.services import ITEM_FILES, load_catalogs

DATA = Path(settings.HOSO_CATALOG_DIR)


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in their English source text."""
    with translation.override("en"):
        yield


def csv_rows(name: str, directory: Path = DATA) -> list[dict[str, str]]:
    with (directory / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns or list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def snapshot() -> dict[str, list[tuple]]:
    return {
        "items": sorted(
            CatalogItem.objects.values_list("kind", "code", "name", "is_active", "attributes", "sort_order")
        ),
        "units": sorted(AdminUnit.objects.values_list("key", "name", "parent__key", "successor__key", "is_active")),
        "steps": sorted(SalaryScaleStep.objects.values_list("table", "group", "step", "coefficient")),
        "salaries": sorted(BaseSalary.objects.values_list("effective_from", "amount_vnd")),
        "ages": sorted(RetirementAge.objects.values_list("year", "male_years", "male_months")),
        "days": sorted(OfficialDay.objects.values_list("date", "name")),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("file", "kind"), [(name, spec.kind) for name, spec in ITEM_FILES.items()])
def test_each_catalog_file_gives_one_entry_per_row(file, kind):
    assert CatalogItem.objects.filter(kind=kind).count() == len(csv_rows(file))


@pytest.mark.django_db
def test_every_kind_has_a_file_and_known_counts():
    assert {spec.kind for spec in ITEM_FILES.values()} == set(CatalogKind)
    assert CatalogItem.objects.filter(kind=CatalogKind.ETHNICITY).count() == 54
    assert CatalogItem.objects.filter(kind=CatalogKind.CIVIL_SERVICE_RANK).count() == 78
    assert CatalogItem.objects.filter(kind=CatalogKind.PROFESSIONAL_TITLE).count() == 54
    assert AdminUnit.objects.filter(key__startswith="tinh:").count() == 34
    assert AdminUnit.objects.filter(key__startswith="tinh-cu:").count() == 63
    assert AdminUnit.objects.filter(key__startswith="xa:").count() == 399
    assert SalaryScaleStep.objects.count() == len(csv_rows("bang_luong_nd204")) == 250
    assert BaseSalary.objects.count() == len(csv_rows("luong_co_so"))
    assert RetirementAge.objects.count() == len(csv_rows("tuoi_nghi_huu"))
    assert OfficialDay.objects.count() == len(csv_rows("ngay_le_2025_2026"))


@pytest.mark.django_db
def test_fields_and_attributes_are_mapped():
    kinh = CatalogItem.objects.get(kind=CatalogKind.ETHNICITY, code="01")
    assert (kinh.name, kinh.name_en, kinh.sort_order, kinh.is_active) == ("Kinh", "Kinh (Viet)", 1, True)
    assert kinh.attributes["other_spellings"] == "Việt"
    assert "name_vi" not in kinh.attributes and "code" not in kinh.attributes

    rank = CatalogItem.objects.get(kind=CatalogKind.CIVIL_SERVICE_RANK, code="01.001")
    assert rank.name == "Chuyên viên cao cấp"
    assert rank.attributes["salary_group"] == "A3.1"
    assert rank.search_text == "01.001 chuyen vien cao cap"
    title = CatalogItem.objects.get(kind=CatalogKind.PROFESSIONAL_TITLE, code="V.07.02.24")
    assert title.attributes["salary_group"] == "A2.2"

    assert CatalogItem.objects.get(kind=CatalogKind.FAMILY_RELATION, code="BO_DE").attributes["side"] == "ban_than"
    assert CatalogItem.objects.get(kind=CatalogKind.FAMILY_RELATION, code="BO_VO_CHONG").attributes["side"] == (
        "ben_vo_chong"
    )
    assert CatalogItem.objects.get(kind=CatalogKind.AWARD, code="HUAN_CHUONG").attributes["kind"] == (
        "hinh_thuc_khen_thuong"
    )

    level = CatalogItem.objects.get(kind=CatalogKind.PROFESSIONAL_LEVEL, code="1")
    assert level.name == "Viên chức loại B"
    assert level.attributes["salary_group_bang3"] == "B"

    rating = CatalogItem.objects.get(kind=CatalogKind.EVALUATION_RATING, code="CHUA_DANH_GIA")
    assert rating.sort_order == 9  # from the rank column
    theory = CatalogItem.objects.get(kind=CatalogKind.POLITICAL_THEORY_LEVEL, code="CHUA")
    assert theory.sort_order == 0  # from the sort_order column

    education = CatalogItem.objects.get(kind=CatalogKind.GENERAL_EDUCATION, code="12/12")
    assert education.name == "12/12"
    assert education.attributes["name_vi"] == "Lớp 12 hệ 12 năm"
    assert "lop 12 he 12 nam" in education.search_text

    allowance = CatalogItem.objects.get(kind=CatalogKind.POSITION_ALLOWANCE, code="UBNDXA-CT-HNHCM")
    assert allowance.name == "Chủ tịch Ủy ban nhân dân xã, phường, đặc khu"
    assert allowance.name_en == "Chair of commune People's Committee"
    assert allowance.valid_from == datetime.date(2026, 1, 1)
    assert allowance.valid_to is None
    assert allowance.attributes["he_so"] == "0.70"
    assert "valid_from" not in allowance.attributes


@pytest.mark.django_db
def test_admin_units_are_mapped():
    hanoi = AdminUnit.objects.get(key="tinh:01")
    assert (hanoi.level, hanoi.name, hanoi.full_name) == (AdminUnitLevel.PROVINCE, "Hà Nội", "Thành phố Hà Nội")
    assert (hanoi.valid_from, hanoi.valid_to) == (datetime.date(2025, 7, 1), None)

    former = AdminUnit.objects.get(key="tinh-cu:01")
    assert former.valid_to == datetime.date(2025, 6, 30)
    assert former.successor == hanoi
    assert former.attributes["cccd_prefix"] == "001"
    assert former.attributes["agency_code_l1_qd20_2020"] == "H24"

    commune = AdminUnit.objects.get(key="xa:02647")
    assert (commune.level, commune.full_name, commune.parent.key) == (
        AdminUnitLevel.COMMUNE,
        "Phường Lào Cai",
        "tinh:15",
    )
    assert commune.valid_from == datetime.date(2025, 7, 1)
    assert commune.search_text == "02647 lao cai phuong lao cai"
    assert AdminUnit.objects.filter(key__startswith="tinh-cu:", successor__isnull=True).count() == 0


@pytest.mark.django_db
def test_salary_tables_and_dates_are_mapped():
    step = SalaryScaleStep.objects.get(table="bang2_cong_chuc", group="A3.1", step=1)
    assert (step.coefficient, step.years_per_step, step.max_step) == (Decimal("6.20"), 3, 6)
    first = BaseSalary.objects.get(effective_from=datetime.date(2004, 10, 1))
    assert first.amount_vnd == 290000
    assert RetirementAge.objects.get(year=2021).male_months == 3
    new_year = OfficialDay.objects.get(date=datetime.date(2025, 1, 1))
    assert (new_year.day_type, new_year.rule_code) == ("holiday", "TET_DUONG_LICH")


@pytest.mark.django_db
def test_second_run_changes_nothing():
    before = snapshot()
    results = load_catalogs(directory=DATA)
    assert before == snapshot()
    assert all(result.created == result.updated == result.deactivated == 0 for result in results)
    assert len(results) == len(list(DATA.glob("*.csv")))


@pytest.mark.django_db
def test_an_unchanged_run_only_reads(django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        load_catalogs(directory=DATA)


@pytest.mark.django_db
def test_changed_name_updates_the_entry(catalog_dir):
    rows = csv_rows("ethnic_groups", catalog_dir)
    rows[0]["name_vi"] = "Kinh  (Việt)"
    write_rows(catalog_dir / "ethnic_groups.csv", rows)

    call_command("load_catalogs", directory=catalog_dir, verbosity=0)

    kinh = CatalogItem.objects.get(kind=CatalogKind.ETHNICITY, code="01")
    assert kinh.name == "Kinh (Việt)"  # whitespace collapsed
    assert kinh.search_text.startswith("01 kinh (viet)")
    assert CatalogItem.objects.filter(kind=CatalogKind.ETHNICITY).count() == 54


@pytest.mark.django_db
def test_text_is_nfc_normalised(catalog_dir):
    rows = csv_rows("religions", catalog_dir)
    rows[1]["name_vi"] = "Phật giáo".replace("ậ", "a\u0323\u0302")  # decomposed form
    write_rows(catalog_dir / "religions.csv", rows)

    call_command("load_catalogs", directory=catalog_dir, verbosity=0)

    assert CatalogItem.objects.get(kind=CatalogKind.RELIGION, code=rows[1]["code"]).name == "Phật giáo"


@pytest.mark.django_db
def test_removed_row_becomes_inactive_and_is_kept(catalog_dir, settings):
    rows = csv_rows("ngach_cong_chuc", catalog_dir)
    removed = rows.pop(0)
    write_rows(catalog_dir / "ngach_cong_chuc.csv", rows)
    units = csv_rows("communes_seed_provinces", catalog_dir)
    removed_unit = units.pop()
    write_rows(catalog_dir / "communes_seed_provinces.csv", units)
    settings.HOSO_CATALOG_DIR = catalog_dir

    call_command("load_catalogs", verbosity=0)

    rank = CatalogItem.objects.get(kind=CatalogKind.CIVIL_SERVICE_RANK, code=removed["code"])
    assert rank.is_active is False
    assert CatalogItem.objects.filter(kind=CatalogKind.CIVIL_SERVICE_RANK, is_active=True).count() == 77
    assert AdminUnit.objects.get(key="xa:" + removed_unit["code"]).is_active is False


@pytest.mark.django_db
def test_loader_keeps_an_entry_the_administrator_deactivated():
    CatalogItem.objects.filter(kind=CatalogKind.RELIGION, code="99").update(is_active=False)

    load_catalogs(directory=DATA)

    assert CatalogItem.objects.get(kind=CatalogKind.RELIGION, code="99").is_active is False


@pytest.mark.django_db
def test_duplicate_code_is_refused_and_nothing_is_written(catalog_dir):
    ethnic = csv_rows("ethnic_groups", catalog_dir)
    ethnic[0]["name_vi"] = "Changed"
    write_rows(catalog_dir / "ethnic_groups.csv", ethnic)
    ranks = csv_rows("ngach_cong_chuc", catalog_dir)
    ranks.append(dict(ranks[2]))
    write_rows(catalog_dir / "ngach_cong_chuc.csv", ranks)
    before = snapshot()

    with pytest.raises(CommandError) as error:
        call_command("load_catalogs", directory=catalog_dir, verbosity=0)

    message = str(error.value)
    assert "ngach_cong_chuc.csv" in message
    assert f"{len(ranks) + 1}" in message  # the line of the duplicate
    assert ranks[2]["code"] in message
    assert snapshot() == before


@pytest.mark.django_db
def test_missing_column_is_refused_and_nothing_is_written(catalog_dir):
    ethnic = csv_rows("ethnic_groups", catalog_dir)
    ethnic[0]["name_vi"] = "Changed"
    write_rows(catalog_dir / "ethnic_groups.csv", ethnic)
    rows = csv_rows("quan_he_gia_dinh", catalog_dir)
    for row in rows:
        del row["name_vi"]
    write_rows(catalog_dir / "quan_he_gia_dinh.csv", rows)
    before = snapshot()

    with pytest.raises(CommandError, match=r"quan_he_gia_dinh\.csv.*name_vi"):
        call_command("load_catalogs", directory=catalog_dir, verbosity=0)

    assert snapshot() == before


@pytest.mark.django_db
def test_error_found_while_writing_rolls_everything_back(catalog_dir):
    ethnic = csv_rows("ethnic_groups", catalog_dir)
    ethnic[0]["name_vi"] = "Changed"
    write_rows(catalog_dir / "ethnic_groups.csv", ethnic)
    communes = csv_rows("communes_seed_provinces", catalog_dir)
    communes[5]["province_code"] = "77"  # no such province after 2025
    write_rows(catalog_dir / "communes_seed_provinces.csv", communes)
    before = snapshot()

    with pytest.raises(CommandError, match=r"communes_seed_provinces\.csv, row 7: .*tinh:77"):
        call_command("load_catalogs", directory=catalog_dir, verbosity=0)

    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("file", "column", "value", "pattern"),
    [
        ("luong_co_so", "effective_from", "2024-13-01", r"luong_co_so\.csv, row 2: effective_from"),
        ("bang_luong_nd204", "he_so", "6,20", r"bang_luong_nd204\.csv, row 2: he_so"),
        ("ethnic_groups", "code", "", r"ethnic_groups\.csv, row 2: code"),
        ("ethnic_groups", "name_vi", "x" * 300, r"ethnic_groups\.csv, row 2: name"),
    ],
)
def test_unreadable_value_is_refused(catalog_dir, file, column, value, pattern):
    rows = csv_rows(file, catalog_dir)
    rows[0][column] = value
    write_rows(catalog_dir / f"{file}.csv", rows)

    with pytest.raises(CommandError, match=pattern):
        call_command("load_catalogs", directory=catalog_dir, verbosity=0)


@pytest.mark.django_db
def test_unknown_file_is_refused(catalog_dir):
    (catalog_dir / "something_else.csv").write_text("code,name_vi\nA,B\n", encoding="utf-8")

    with pytest.raises(CommandError, match=r"something_else\.csv"):
        call_command("load_catalogs", directory=catalog_dir, verbosity=0)


@pytest.mark.django_db
def test_missing_directory_is_refused(tmp_path):
    with pytest.raises(CommandError):
        call_command("load_catalogs", directory=tmp_path / "nowhere", verbosity=0)


@pytest.mark.django_db
def test_an_entry_in_use_cannot_be_deleted():
    from hoso.organisations.models import JobPosition, OrgUnit

    rank = CatalogItem.objects.get(kind=CatalogKind.CIVIL_SERVICE_RANK, code="01.003")
    unit = OrgUnit.objects.create(name="Sở Nội vụ", kind="DEPARTMENT", path="0001")
    JobPosition.objects.create(unit=unit, code="CV", name="Chuyên viên", category="PROFESSIONAL", required_rank=rank)

    with pytest.raises(ProtectedError):
        rank.delete()
    assert CatalogItem.objects.filter(pk=rank.pk).exists()


@pytest.mark.django_db
def test_command_reports_what_it_did(capsys):
    call_command("load_catalogs", verbosity=2)

    output = capsys.readouterr().out
    assert "ethnic_groups.csv: 54" in output
    assert "0 created" in output


@pytest.mark.django_db
def test_errors_are_reported_in_vietnamese(catalog_dir):
    rows = csv_rows("hoc_ham", catalog_dir)
    rows.append(dict(rows[0]))
    write_rows(catalog_dir / "hoc_ham.csv", rows)

    with translation.override("vi"), pytest.raises(CommandError, match=r"hoc_ham\.csv, dòng 4: trùng code “GS”"):
        call_command("load_catalogs", directory=catalog_dir, verbosity=0)
