import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hoso.approvals.tests.support import approvals_ready, forward_for_approval  # noqa: F401
from hoso.people import services
from hoso.people.enums import ChangeSetStatus
from hoso.people.models import ChangeSet, Person, RecordVersion
from hoso.people.tests.factories import make_unit, make_user, new_record

# whitenoise warns when collectstatic has not run (staticfiles/ missing); not what these tests check.
pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def unit():
    return make_unit()


@pytest.fixture
def officer(unit):
    return make_user("officer", unit)


@pytest.fixture
def logged_in(client, officer):
    client.force_login(officer)
    return client


def person_named(unit, user, full_name, *, serial, female=True, year=1985, **groups):
    """A record with a name, and an ID number that agrees with its sex and year of birth."""
    century_digit = ("1" if female else "0") if year < 2000 else ("3" if female else "2")
    citizen_id = f"087{century_digit}{year % 100:02d}{serial:06d}"
    personal = {"full_name": full_name, "gender": "FEMALE" if female else "MALE", "date_of_birth": f"15/03/{year}"}
    return new_record(
        unit,
        user,
        personal=personal | groups.get("personal", {}),
        identity={"citizen_id": citizen_id, "phone": "0912345678"} | groups.get("identity", {}),
        **{key: data for key, data in groups.items() if key not in {"personal", "identity"}},
    )


def names_in(html):
    return re.findall(r'<th scope="row" class="people-name"><a href="[^"]+">([^<]+)</a>', html)


# --- staff list ---------------------------------------------------------------------------------


def test_the_list_requires_login(client, unit, officer):
    person_named(unit, officer, "Nguyễn Thị Hồng", serial=1)

    response = client.get(reverse("people:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "Hồng" not in response.content.decode()


def test_search_ignores_diacritics(logged_in, unit, officer):
    person_named(unit, officer, "Nguyễn Thị Hồng", serial=1)
    person_named(unit, officer, "Trần Văn An", serial=2, female=False)

    response = logged_in.get(reverse("people:list"), {"q": "nguyen thi hong"})

    assert response.status_code == 200
    assert names_in(response.content.decode()) == ["Nguyễn Thị Hồng"]


def test_typing_in_the_search_box_returns_only_the_results(logged_in, unit, officer):
    person_named(unit, officer, "Nguyễn Thị Hồng", serial=1)
    person_named(unit, officer, "Trần Văn An", serial=2, female=False)

    response = logged_in.get(reverse("people:list"), {"q": "TRAN van"}, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="people-results"')
    assert "<html" not in html
    assert names_in(html) == ["Trần Văn An"]


def test_a_whole_id_number_finds_the_person(logged_in, unit, officer):
    person_named(unit, officer, "Nguyễn Thị Hồng", serial=1)
    person_named(unit, officer, "Trần Văn An", serial=2, female=False)

    html = logged_in.get(reverse("people:list"), {"q": "087 085 000002"}).content.decode()

    assert names_in(html) == ["Trần Văn An"]
    assert "Nhập đủ 12 chữ số" not in html


def test_part_of_an_id_number_finds_nobody_and_the_page_says_to_type_all_12_digits(logged_in, unit, officer):
    person_named(unit, officer, "Trần Văn An", serial=2, female=False)

    html = logged_in.get(reverse("people:list"), {"q": "087085"}).content.decode()

    assert names_in(html) == []
    assert "Nhập đủ 12 chữ số để tìm theo số định danh cá nhân." in html
    assert "Không tìm thấy hồ sơ nào phù hợp." not in html  # not the generic "nothing matches" message


def test_the_list_masks_id_numbers_and_shows_dates_as_dd_mm_yyyy(logged_in, unit, officer):
    person_named(unit, officer, "Nguyễn Thị Hồng", serial=123)

    html = logged_in.get(reverse("people:list")).content.decode()

    assert "087******123" in html
    assert "087185000123" not in html
    assert "15/03/1985" in html


def test_names_are_sorted_by_given_name_in_vietnamese_order(logged_in, unit, officer):
    person_named(unit, officer, "Nguyễn Thị Bình", serial=1, year=1990)
    person_named(unit, officer, "Trần Văn An", serial=2, female=False, year=1980)
    person_named(unit, officer, "Lê An", serial=3, year=1985)
    url = reverse("people:list")

    assert names_in(logged_in.get(url).content.decode()) == ["Lê An", "Trần Văn An", "Nguyễn Thị Bình"]
    assert names_in(logged_in.get(url, {"sort": "-name"}).content.decode()) == [
        "Nguyễn Thị Bình",
        "Trần Văn An",
        "Lê An",
    ]
    assert names_in(logged_in.get(url, {"sort": "birth"}).content.decode()) == [
        "Trần Văn An",
        "Lê An",
        "Nguyễn Thị Bình",
    ]


def test_the_list_is_paged_by_50(logged_in, unit, officer, settings):
    settings.HOSO_PAGE_SIZE = 50
    for serial in range(53):
        person_named(unit, officer, f"Nguyễn Văn Số {serial:02d}", serial=serial, female=False)

    first = logged_in.get(reverse("people:list")).content.decode()
    second = logged_in.get(reverse("people:list"), {"page": 2}).content.decode()

    assert len(names_in(first)) == 50
    assert len(names_in(second)) == 3
    assert set(names_in(first)).isdisjoint(names_in(second))


def test_filters_by_unit_with_or_without_sub_units(logged_in, unit, officer):
    child = make_unit("Phòng Công chức")
    child.parent = unit
    child.path = unit.path + child.path
    child.save(update_fields=["parent", "path"])
    person_named(unit, officer, "Nguyễn Thị Hồng", serial=1)
    person_named(child, officer, "Trần Văn An", serial=2, female=False)
    url = reverse("people:list")

    with_children = logged_in.get(url, {"unit": str(unit.uid)}).content.decode()
    without = logged_in.get(url, {"unit": str(unit.uid), "sub": ["false"]}).content.decode()
    only_child = logged_in.get(url, {"unit": str(child.uid)}).content.decode()

    assert sorted(names_in(with_children)) == ["Nguyễn Thị Hồng", "Trần Văn An"]
    assert names_in(without) == ["Nguyễn Thị Hồng"]
    assert names_in(only_child) == ["Trần Văn An"]
    assert reverse("people:change_set_new") in only_child  # "add a record" once a unit is chosen


def test_filters_by_kind_status_and_rank(logged_in, unit, officer):
    person_named(unit, officer, "Nguyễn Thị Hồng", serial=1)
    person_named(unit, officer, "Trần Văn An", serial=2, female=False, header={"staff_kind": "VIEN_CHUC"})
    url = reverse("people:list")

    assert names_in(logged_in.get(url, {"kind": "CONG_CHUC"}).content.decode()) == ["Nguyễn Thị Hồng"]
    assert names_in(logged_in.get(url, {"kind": "VIEN_CHUC"}).content.decode()) == ["Trần Văn An"]
    assert len(names_in(logged_in.get(url, {"status": "DANG_CONG_TAC", "rank": "01.003"}).content.decode())) == 2
    assert names_in(logged_in.get(url, {"rank": "01.002"}).content.decode()) == []


def test_the_list_says_when_nothing_matches(logged_in, unit, officer):
    person_named(unit, officer, "Nguyễn Thị Hồng", serial=1)

    html = logged_in.get(reverse("people:list"), {"q": "khong co ai"}).content.decode()

    assert names_in(html) == []
    assert "Không tìm thấy hồ sơ nào" in html


def test_the_list_needs_the_same_number_of_queries_for_5_or_60_people(logged_in, unit, officer):
    for serial in range(5):
        person_named(unit, officer, f"Lê Thị Mai {serial}", serial=serial)
    with CaptureQueriesContext(connection) as few:
        logged_in.get(reverse("people:list"), {"unit": str(unit.uid)})
    for serial in range(5, 60):
        person_named(unit, officer, f"Lê Thị Mai {serial}", serial=serial)

    with CaptureQueriesContext(connection) as many:
        response = logged_in.get(reverse("people:list"), {"unit": str(unit.uid)})

    assert len(names_in(response.content.decode())) == 50
    assert len(many) == len(few) <= 12  # session, user, rights (3), filters, count, page, audit


# --- the record ---------------------------------------------------------------------------------


def test_the_record_shows_the_items_in_the_order_of_the_form_with_vietnamese_labels(logged_in, unit, officer):
    person = person_named(unit, officer, "Nguyễn Thị Hồng", serial=123)

    response = logged_in.get(reverse("people:detail", args=[person.uid]))

    html = response.content.decode()
    assert response.status_code == 200
    labels = ["Họ và tên khai sinh", "Sinh ngày", "Nơi sinh", "Quê quán", "Dân tộc", "Tôn giáo", "Số CCCD"]
    positions = [html.index(label) for label in labels]
    assert positions == sorted(positions)
    items = [html.index(f'<span class="people-item">{number}.</span>') for number in ("1", "3", "6", "8", "13")]
    assert items == sorted(items)
    assert "Tóm tắt quá trình công tác" in html
    assert "Quan hệ gia đình" in html
    assert "Không có" in html  # empty sections
    assert "Dữ liệu cá nhân nhạy cảm" in html  # the lock on ethnicity and religion
    assert "087185000123" in html
    version = RecordVersion.objects.get(person=person)
    assert version.content_hash[:12] in html


def test_catalog_codes_are_named_within_their_own_catalog(logged_in, unit, officer):
    person = person_named(unit, officer, "Nguyễn Thị Hồng", serial=1)

    html = logged_in.get(reverse("people:detail", args=[person.uid])).content.decode()

    ethnicity = re.search(r'people-item">6\.</span>.*?<dd class="people-value">(.*?)</dd>', html, re.S)
    assert ethnicity is not None
    assert ethnicity.group(1) == "Kinh"


def test_the_record_page_needs_few_queries_however_many_rows(logged_in, unit, officer):
    person = person_named(unit, officer, "Nguyễn Thị Hồng", serial=1)
    with CaptureQueriesContext(connection) as small:
        logged_in.get(reverse("people:detail", args=[person.uid]))
    change_set = services.start_change_set(person=person, acting_user=officer)
    for year in range(2000, 2020):
        services.save_section_row(
            change_set=change_set,
            section_key="work_history",
            row_uid=None,
            acting_user=officer,
            data={"start_date": f"01/{year}", "end_date": f"12/{year}", "organisation": f"Đơn vị {year}"},
        )
        services.save_section_row(
            change_set=change_set,
            section_key="family_own",
            row_uid=None,
            acting_user=officer,
            data={"relation": "CON_DE", "full_name": f"Con {year}", "birth_year": str(year)},
        )
    change_set.refresh_from_db()
    services.apply_change_set(change_set=change_set, acting_user=officer)

    with CaptureQueriesContext(connection) as large:
        response = logged_in.get(reverse("people:detail", args=[person.uid]))

    assert "Đơn vị 2019" in response.content.decode()
    assert len(large) == len(small) <= 15  # the benchmark target for the record page


def test_an_unknown_record_is_404(logged_in):
    import uuid

    unknown = uuid.uuid4()
    assert logged_in.get(reverse("people:detail", args=[unknown])).status_code == 404
    assert logged_in.get(reverse("people:versions", args=[unknown])).status_code == 404
    assert logged_in.get(reverse("people:change_set_edit", args=[unknown])).status_code == 404
    assert logged_in.get(reverse("people:change_set_diff", args=[unknown])).status_code == 404


def test_versions_are_listed_and_an_old_one_is_shown_with_the_same_page(logged_in, unit, officer):
    person = person_named(unit, officer, "Nguyễn Thị Hồng", serial=1)
    change_set = services.start_change_set(person=person, acting_user=officer)
    services.update_person_group(
        change_set=change_set,
        group_key="identity",
        acting_user=officer,
        data={"citizen_id": "087185000001", "phone": "0987654321"},
    )
    change_set.refresh_from_db()
    services.apply_change_set(change_set=change_set, acting_user=officer)

    listing = logged_in.get(reverse("people:versions", args=[person.uid])).content.decode()
    old = logged_in.get(reverse("people:version_detail", args=[person.uid, 1])).content.decode()
    current = logged_in.get(reverse("people:detail", args=[person.uid])).content.decode()

    assert reverse("people:version_detail", args=[person.uid, 1]) in listing
    assert reverse("people:version_detail", args=[person.uid, 2]) in listing
    assert "0912345678" in old and "0987654321" not in old
    assert "phiên bản 1" in old
    assert "0987654321" in current
    assert logged_in.get(reverse("people:version_detail", args=[person.uid, 9])).status_code == 404


def test_the_record_as_of_a_date_shows_the_version_then_in_force(logged_in, unit, officer):
    person = person_named(unit, officer, "Nguyễn Thị Hồng", serial=1)
    RecordVersion.objects.filter(person=person).update(effective_at=timezone.make_aware(datetime.datetime(2025, 1, 1)))
    url = reverse("people:as_of", args=[person.uid])

    shown = logged_in.get(url, {"date": "01/06/2025"})
    before = logged_in.get(url, {"date": "31/12/2024"}, follow=True)
    bad = logged_in.get(url, {"date": "31/02/2025"}, follow=True)

    assert shown.status_code == 200
    assert "Đây là hồ sơ tại ngày 01/06/2025: phiên bản 1." in shown.content.decode()
    assert "chưa có phiên bản nào" in before.content.decode()
    assert "Nhập ngày theo dạng dd/mm/yyyy" in bad.content.decode()


# --- change sets: editing -----------------------------------------------------------------------


@pytest.fixture
def person(unit, officer):
    return person_named(unit, officer, "Nguyễn Thị Hồng", serial=123)


@pytest.fixture
def change_set(logged_in, person):
    response = logged_in.post(reverse("people:change_set_start", args=[person.uid]))
    change_set = ChangeSet.objects.get(person=person, status=ChangeSetStatus.DRAFT)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:change_set_edit", args=[change_set.uid])
    return change_set


def edit_url(change_set, part):
    return reverse("people:change_set_edit", args=[change_set.uid]) + f"?part={part}"


def test_the_group_form_shows_the_draft_with_dates_as_dd_mm_yyyy(logged_in, change_set):
    html = logged_in.get(edit_url(change_set, "personal")).content.decode()

    assert 'value="15/03/1985"' in html
    assert 'value="Nguyễn Thị Hồng"' in html
    assert 'aria-current="page"' in html
    assert "1. Họ và tên khai sinh" in html


def test_a_bad_id_number_gets_a_vietnamese_message_next_to_the_field_and_nothing_is_saved(logged_in, change_set):
    before = change_set.proposed

    response = logged_in.post(edit_url(change_set, "identity"), {"citizen_id": "08718500", "phone": "0912345678"})

    html = response.content.decode()
    assert response.status_code == 200
    error = re.search(
        r'<div class="invalid-feedback d-block" id="id_citizen_id_error">(.*?)</div>\s*</div>', html, re.S
    )
    assert error is not None
    assert "đúng 12 chữ số" in error.group(1)
    assert 'href="#id_citizen_id"' in html  # the summary at the top links to the field
    change_set.refresh_from_db()
    assert change_set.proposed == before


def test_an_impossible_date_gets_a_vietnamese_message_and_nothing_is_saved(logged_in, change_set):
    before = change_set.proposed
    data = {
        "full_name": "Nguyễn Thị Hồng",
        "gender": "FEMALE",
        "date_of_birth": "31/02/1985",
        "date_of_birth_precision": "DAY",
        "birth_place": "Đồng Tháp",
    }

    response = logged_in.post(edit_url(change_set, "personal"), data)

    html = response.content.decode()
    error = re.search(r'id="id_date_of_birth_error">(.*?)</div>\s*</div>', html, re.S)
    assert error is not None and "Nhập một ngày hợp lệ" in error.group(1)
    assert 'value="31/02/1985"' in html  # what was typed stays in the field
    change_set.refresh_from_db()
    assert change_set.proposed == before


def test_saving_a_group_updates_the_draft_only(logged_in, change_set, person):
    data = {"citizen_id": "087185000123", "citizen_id_issue_date": "10/05/2021", "phone": "0987654321"}

    response = logged_in.post(edit_url(change_set, "identity"), data | {"continue": "1"})

    assert response.status_code == 302
    assert response["Location"] == edit_url(change_set, "legacy_ids")
    change_set.refresh_from_db()
    assert change_set.proposed["person"]["phone"] == "0987654321"
    person.refresh_from_db()
    assert person.phone == "0912345678"


def row_url(change_set, section, row="new"):
    return reverse("people:change_set_row", args=[change_set.uid, section, row])


WORK = {"start_date": "09/2007", "end_date": "12/2015", "organisation": "UBND huyện Tháp Mười", "title": "Chuyên viên"}


def test_adding_changing_and_removing_rows_with_htmx(logged_in, change_set):
    form = logged_in.get(row_url(change_set, "work_history"), **HTMX).content.decode()
    assert form.lstrip().startswith('<div id="section-work_history"')
    assert 'hx-post="' + row_url(change_set, "work_history") + '"' in form

    added = logged_in.post(row_url(change_set, "work_history"), WORK, **HTMX)

    assert added.status_code == 200
    assert "UBND huyện Tháp Mười" in added.content.decode()
    assert "people:saved" in added["HX-Trigger"]
    change_set.refresh_from_db()
    [row] = change_set.proposed["sections"]["work_history"]
    assert row["start_date"] == "2007-09-01"

    opened = logged_in.get(row_url(change_set, "work_history", row["uid"]), **HTMX).content.decode()
    assert 'value="09/2007"' in opened
    changed = logged_in.post(
        row_url(change_set, "work_history", row["uid"]), WORK | {"title": "Phó Trưởng phòng"}, **HTMX
    )
    assert "Phó Trưởng phòng" in changed.content.decode()
    change_set.refresh_from_db()
    assert change_set.proposed["sections"]["work_history"][0]["title"] == "Phó Trưởng phòng"

    remove = reverse("people:change_set_row_remove", args=[change_set.uid, "work_history", row["uid"]])
    removed = logged_in.post(remove, **HTMX)
    assert removed.status_code == 200
    assert "Không có" in removed.content.decode()
    change_set.refresh_from_db()
    assert change_set.proposed["sections"]["work_history"] == []


def test_rows_can_be_edited_without_javascript(logged_in, change_set):
    page = logged_in.get(row_url(change_set, "work_history"))
    assert "<html" in page.content.decode()

    added = logged_in.post(row_url(change_set, "work_history"), WORK)

    assert added.status_code == 302
    assert added["Location"].startswith(edit_url(change_set, "work_history"))
    change_set.refresh_from_db()
    [row] = change_set.proposed["sections"]["work_history"]
    removed = logged_in.post(reverse("people:change_set_row_remove", args=[change_set.uid, "work_history", row["uid"]]))
    assert removed.status_code == 302
    change_set.refresh_from_db()
    assert change_set.proposed["sections"]["work_history"] == []


def test_a_bad_row_keeps_the_form_open_with_messages_and_saves_nothing(logged_in, change_set):
    response = logged_in.post(
        row_url(change_set, "work_history"), {"start_date": "13/2020", "organisation": ""}, **HTMX
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="work_history_start_date_error"' in html
    assert 'id="work_history_organisation_error"' in html
    assert "Trường này là bắt buộc." in html
    change_set.refresh_from_db()
    assert change_set.proposed["sections"]["work_history"] == []


def test_an_unknown_section_or_row_is_404(logged_in, change_set):
    import uuid

    assert logged_in.get(row_url(change_set, "not_a_section")).status_code == 404
    assert logged_in.get(row_url(change_set, "work_history", str(uuid.uuid4()))).status_code == 404
    assert logged_in.get(row_url(change_set, "work_history", "not-a-uuid")).status_code == 404
    assert logged_in.get(edit_url(change_set, "not_a_part")).status_code == 404


# --- change sets: diff, apply, withdraw ---------------------------------------------------------


def change_phone(change_set, officer, phone="0987654321"):
    services.update_person_group(
        change_set=change_set,
        group_key="identity",
        acting_user=officer,
        data={"citizen_id": "087185000123", "citizen_id_issue_date": "10/05/2021", "phone": phone},
    )
    change_set.refresh_from_db()


def test_the_diff_shows_old_and_new_values_and_rows(logged_in, change_set, officer):
    change_phone(change_set, officer)
    services.save_section_row(
        change_set=change_set, section_key="work_history", row_uid=None, data=WORK, acting_user=officer
    )

    html = logged_in.get(reverse("people:change_set_diff", args=[change_set.uid])).content.decode()

    assert re.search(r"<del>0912345678</del>.*<ins>0987654321</ins>", html, re.S)
    assert "Tóm tắt quá trình công tác" in html
    assert "people-diff-row is-added" in html
    assert reverse("approvals:submit", args=[change_set.uid]) in html  # the author submits it for approval


@pytest.mark.usefixtures("approvals_ready")
def test_apply_creates_version_two_and_says_so(logged_in, change_set, officer, person):
    change_phone(change_set, officer)
    forward_for_approval(change_set, officer)

    response = logged_in.post(reverse("people:change_set_apply", args=[change_set.uid]), follow=True)

    person.refresh_from_db()
    assert person.current_version == 2
    assert person.phone == "0987654321"
    assert response.redirect_chain[-1][0] == reverse("people:detail", args=[person.uid])
    assert "phiên bản 2" in response.content.decode()


@pytest.mark.usefixtures("approvals_ready")
def test_a_stale_change_set_is_refused_with_the_message(logged_in, change_set, officer, person):
    late = services.start_change_set(person=person, acting_user=officer)
    change_phone(late, officer, "0977777777")
    change_phone(change_set, officer)
    forward_for_approval(change_set, officer)
    services.apply_change_set(change_set=late, acting_user=officer)

    response = logged_in.post(reverse("people:change_set_apply", args=[change_set.uid]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "phiên bản 2" in html
    assert reverse("people:change_set_start", args=[person.uid]) in html
    person.refresh_from_db()
    assert person.current_version == 2
    assert person.phone == "0977777777"


@pytest.mark.usefixtures("approvals_ready")
def test_record_errors_are_listed_with_links_to_where_they_are(logged_in, change_set, officer, person):
    services.update_person_group(
        change_set=change_set,
        group_key="salary",
        acting_user=officer,
        data={"rank": "01.003", "salary_step": "4", "salary_coefficient": "3.66"},
    )
    row = services.save_section_row(
        change_set=change_set,
        section_key="work_history",
        row_uid=None,
        acting_user=officer,
        data={"start_date": "01/1970", "organisation": "Sở Nội vụ"},
    )
    change_set.refresh_from_db()

    html = logged_in.post(reverse("approvals:submit", args=[change_set.uid]), {"confirmed": "on"}).content.decode()

    assert edit_url(change_set, "salary") + "#id_salary_coefficient" in html.replace("&amp;", "&")
    assert row_url(change_set, "work_history", row) in html
    person.refresh_from_db()
    assert person.current_version == 1


def test_a_new_record_is_started_from_a_unit_and_created_on_apply(logged_in, unit, officer):
    response = logged_in.post(reverse("people:change_set_new"), {"unit": str(unit.uid)})

    change_set = ChangeSet.objects.get(person=None)
    assert response["Location"] == reverse("people:change_set_edit", args=[change_set.uid])
    html = logged_in.get(edit_url(change_set, "header")).content.decode()
    assert f'<option value="{unit.uid}" selected>' in html


def test_withdrawing_leaves_the_record_unchanged(logged_in, change_set, officer, person):
    change_phone(change_set, officer)

    response = logged_in.post(reverse("people:change_set_withdraw", args=[change_set.uid]))

    assert response["Location"] == reverse("people:detail", args=[person.uid])
    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.WITHDRAWN
    person.refresh_from_db()
    assert person.current_version == 1
    edit = logged_in.get(reverse("people:change_set_edit", args=[change_set.uid]))
    assert edit["Location"] == reverse("people:change_set_diff", args=[change_set.uid])


def test_the_record_page_lists_the_users_open_change_sets(logged_in, change_set, person):
    html = logged_in.get(reverse("people:detail", args=[person.uid])).content.decode()

    assert reverse("people:change_set_edit", args=[change_set.uid]) in html


def test_anonymous_posts_are_sent_to_login_and_write_nothing(client, unit, officer):
    person = person_named(unit, officer, "Nguyễn Thị Hồng", serial=1)
    change_set = services.start_change_set(person=person, acting_user=officer)
    change_phone(change_set, officer)
    before = (ChangeSet.objects.count(), change_set.proposed)
    posts = [
        (reverse("people:change_set_start", args=[person.uid]), {}),
        (reverse("people:change_set_new"), {"unit": str(unit.uid)}),
        (edit_url(change_set, "identity"), {"citizen_id": "087185000001", "phone": "0911111111"}),
        (row_url(change_set, "work_history"), WORK),
        (reverse("people:change_set_apply", args=[change_set.uid]), {}),
        (reverse("people:change_set_withdraw", args=[change_set.uid]), {}),
    ]

    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url

    change_set.refresh_from_db()
    assert (ChangeSet.objects.count(), change_set.proposed) == before
    assert change_set.status == ChangeSetStatus.DRAFT
    assert Person.objects.get(pk=person.pk).current_version == 1


def test_pages_refuse_the_wrong_method(logged_in, change_set, person):
    assert logged_in.get(reverse("people:change_set_start", args=[person.uid])).status_code == 405
    assert logged_in.get(reverse("people:change_set_apply", args=[change_set.uid])).status_code == 405
    assert logged_in.post(reverse("people:detail", args=[person.uid])).status_code == 405
