"""An HR officer's first session, in a real browser: find a record, change it, see the diff, submit and approve."""

import re

import pytest
from playwright.sync_api import Page, expect

from hoso.approvals.tests.support import credential, restore_migration_data, trust_test_ca
from hoso.people.models import Person, WorkHistoryEntry
from hoso.people.tests.factories import make_unit, make_user, new_record

PASSWORD = "x-Password-1"


@pytest.fixture
def province(catalogs, settings, tmp_path):
    # Applying goes through the approval workflow (hoso/approvals): a trusted test CA and a certificate for the
    # officer, who here also approves; the month's window is not what this journey is about.
    restore_migration_data()  # a previous live-server test's flush removed the roles
    trust_test_ca(settings, tmp_path)
    settings.HOSO_REQUIRED_DOCUMENTS = {"*": None}
    settings.HOSO_ALLOW_APPROVAL_OUTSIDE_WINDOW = True
    unit = make_unit("Sở Nội vụ tỉnh Đồng Tháp")
    officer = make_user("officer", unit)
    credential(officer)
    nhung = new_record(unit, officer)
    new_record(
        unit,
        officer,
        personal={"full_name": "Trần Văn An", "gender": "MALE", "date_of_birth": "02/09/1979"},
        identity={"citizen_id": "087079000456", "citizen_id_issue_date": "", "phone": ""},
    )
    return {"unit": unit, "officer": officer, "nhung": nhung}


def log_in(page: Page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))


def test_find_a_record_without_diacritics_change_it_and_apply(page: Page, live_server, province):
    log_in(page, live_server, "officer")

    # Search as the officer types, without diacritics.
    page.goto(f"{live_server.url}/people/")
    page.locator('input[name="q"]').fill("nguyen thi hong")
    results = page.locator("#people-results")
    expect(results).to_contain_text("Nguyễn Thị Hồng Nhung")
    expect(results).not_to_contain_text("Trần Văn An")
    expect(results).to_contain_text("087******123")

    # Open the record: laid out like the national form.
    results.get_by_role("link", name="Nguyễn Thị Hồng Nhung").click()
    expect(page.locator("h1")).to_contain_text("Nguyễn Thị Hồng Nhung")
    expect(page.locator("body")).to_contain_text("Dân tộc")
    expect(page.locator("body")).to_contain_text("Kinh")

    # Start a change set and add a row to the career summary (item 33), in place.
    page.locator('form[action$="/changes/start/"] button[type="submit"]').click()
    expect(page).to_have_url(re.compile(r"/people/changes/"))
    page.locator('a[href="?part=work_history"]').first.click()
    page.locator("#section-work_history").get_by_role("link", name=re.compile("Thêm dòng")).click()
    row_form = page.locator("form.people-row-form")
    row_form.locator('[name="start_date"]').fill("09/2007")
    row_form.locator('[name="end_date"]').fill("12/2015")
    row_form.locator('[name="organisation"]').fill("UBND huyện Tháp Mười")
    row_form.locator('[name="title"]').fill("Chuyên viên")
    row_form.locator('button[type="submit"]').click()
    section = page.locator("#section-work_history")
    expect(section).to_contain_text("UBND huyện Tháp Mười")
    expect(section).to_contain_text("09/2007")

    # A bad row gets a Vietnamese message next to its field and is not added.
    section.get_by_role("link", name=re.compile("Thêm dòng")).click()
    page.locator('form.people-row-form [name="start_date"]').fill("31/02/2016")
    page.locator('form.people-row-form button[type="submit"]').click()
    expect(page.locator("form.people-row-form")).to_contain_text("Nhập một ngày hợp lệ")
    assert WorkHistoryEntry.objects.count() == 0

    # Review the diff, then apply.
    page.goto(page.url.split("?")[0] + "diff/")
    expect(page.locator("main")).to_contain_text("UBND huyện Tháp Mười")
    expect(page.locator("main")).to_contain_text("Tóm tắt quá trình công tác")
    page.locator("#id_confirmed").check()
    page.get_by_role("button", name="Nộp").click()
    page.get_by_role("button", name="Phê duyệt và ký số").click()

    expect(page.locator("h1")).to_contain_text("Nguyễn Thị Hồng Nhung")
    expect(page.locator("body")).to_contain_text("UBND huyện Tháp Mười")
    person = Person.objects.get(pk=province["nhung"].pk)
    assert person.current_version == 2
    assert list(WorkHistoryEntry.objects.filter(person=person).values_list("organisation", flat=True)) == [
        "UBND huyện Tháp Mười"
    ]
