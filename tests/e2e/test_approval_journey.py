"""The whole review and signed-approval path in a real browser (issue 5 §6).

The employee proposes a change with a supporting document, the officer returns it with a comment, the employee
fixes it and submits again, the officer forwards it, the head approves it inside the month's window with a
signature; the record shows the new version, `verify_record` passes, and a tampered byte in the stored version
fails it.
"""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.db import connections
from playwright.sync_api import Page, expect

from hoso.accounts.models import User
from hoso.approvals.demo import demo_pdf
from hoso.approvals.tests.support import IN_WINDOW, credential, restore_migration_data, trust_test_ca
from hoso.people.models import ChangeSet, Person, RecordVersion
from hoso.people.tests.factories import make_unit, make_user, new_record
from hoso.signing.verification import verify_record

PASSWORD = "x-Password-1"


def _in_a_thread(function, *args):
    """Run outside Playwright's event loop (the signature check uses asyncio itself), closing its connection."""

    def run():
        try:
            return function(*args)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


@pytest.fixture
def province(catalogs, settings, tmp_path):
    restore_migration_data()
    trust_test_ca(settings, tmp_path)
    settings.HOSO_REQUIRED_DOCUMENTS = {"*": []}  # every change needs a supporting document (REQ-033)
    settings.HOSO_REVIEW_STEP = True
    with time_machine.travel(IN_WINDOW, tick=True):
        unit = make_unit("Sở Nội vụ tỉnh Đồng Tháp")
        setup = make_user("nhap_lieu", unit)
        officer = make_user("officer", unit, roles=("officer",))
        head = make_user("head", unit, roles=("head",))
        head.full_name = "Trần Văn Đức"
        head.save(update_fields=["full_name"])
        employee = User.objects.create_user("employee", password=PASSWORD, unit=unit)
        nhung = new_record(unit, setup)
        nhung.account = employee
        nhung.save(update_fields=["account"])
        credential(head)
        yield {"unit": unit, "officer": officer, "head": head, "employee": employee, "nhung": nhung}


def log_in(page: Page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))


def diff_url(live_server, change_set: ChangeSet) -> str:
    return f"{live_server.url}/people/changes/{change_set.uid}/diff/"


def test_propose_return_fix_forward_approve_sign_and_verify(page: Page, live_server, province, tmp_path):
    nhung: Person = province["nhung"]

    # The employee proposes a change to their own record (a row of the career summary) ...
    log_in(page, live_server, "employee")
    page.goto(f"{live_server.url}/people/{nhung.uid}/")
    page.locator('form[action$="/changes/start/"] button[type="submit"]').click()
    expect(page).to_have_url(re.compile(r"/people/changes/"))
    change_set = ChangeSet.objects.get(person=nhung, created_by=province["employee"])
    page.goto(f"{live_server.url}/people/changes/{change_set.uid}/?part=work_history")
    page.locator("#section-work_history").get_by_role("link", name=re.compile("Thêm dòng")).click()
    row_form = page.locator("form.people-row-form")
    row_form.locator('[name="start_date"]').fill("01/2024")
    row_form.locator('[name="organisation"]').fill("Sở Nội vụ tỉnh Đồng Tháp")
    row_form.locator('[name="title"]').fill("Chuyên viên chính")
    row_form.locator('button[type="submit"]').click()
    expect(page.locator("#section-work_history")).to_contain_text("Chuyên viên chính")

    # ... with a supporting document (a PDF scan of the decision).
    scan = tmp_path / "quyet-dinh.pdf"
    scan.write_bytes(demo_pdf("Quyet dinh 125/QD-SNV"))
    page.goto(f"{live_server.url}/documents/changes/{change_set.uid}/upload/")
    form = page.locator("form.documents-upload")
    form.locator('[name="document_type"]').select_option(index=1)
    form.locator('[name="number"]').fill("125/QĐ-SNV")
    form.locator('[name="issued_on"]').fill("02/11/2026")
    form.locator('[name="issuer"]').fill("Sở Nội vụ")
    form.locator('[name="file"]').set_input_files(str(scan))
    work_history = form.locator('[name="parts"][value="work_history"]')
    if not work_history.is_checked():
        work_history.check()
    form.locator('button[type="submit"]').click()
    expect(page.locator("body")).to_contain_text("125/QĐ-SNV")  # the upload has been answered
    page.goto(diff_url(live_server, change_set))
    expect(page.locator("#documents-panel")).to_contain_text("125/QĐ-SNV")

    # Submit with the statement that the data and documents are true.
    page.locator("#id_confirmed").check()
    page.get_by_role("button", name="Nộp").click()
    expect(page.get_by_test_id("workflow-status")).to_contain_text("Chờ kiểm tra")

    # The officer finds it in the review queue and returns it with a comment.
    log_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/approvals/review/")
    page.get_by_role("link", name=nhung.full_name).click()
    page.locator("#id_return_comment").fill("Ghi rõ chức danh theo quyết định.")
    page.get_by_role("button", name="Trả lại để chỉnh sửa").click()
    expect(page.get_by_test_id("workflow-status")).to_contain_text("Trả lại")

    # The employee sees why, fixes the row and submits again.
    log_in(page, live_server, "employee")
    page.goto(f"{live_server.url}/people/changes/{change_set.uid}/?part=work_history")
    expect(page.get_by_test_id("returned-comment")).to_contain_text("Ghi rõ chức danh theo quyết định.")
    page.locator("#section-work_history").get_by_role("link", name=re.compile("Sửa")).first.click()
    page.locator('form.people-row-form [name="title"]').fill("Chuyên viên chính, Phòng Công chức")
    page.locator("form.people-row-form button[type='submit']").click()
    expect(page.locator("#section-work_history")).to_contain_text("Phòng Công chức")
    page.goto(diff_url(live_server, change_set))
    page.locator("#id_confirmed").check()
    page.get_by_role("button", name="Nộp").click()
    expect(page.get_by_test_id("workflow-status")).to_contain_text("Chờ kiểm tra")

    # The officer forwards it to the head.
    log_in(page, live_server, "officer")
    page.goto(diff_url(live_server, change_set))
    page.get_by_role("button", name=re.compile("chuyển phê duyệt")).click()

    # The head approves it inside the window and signs.
    log_in(page, live_server, "head")
    page.goto(f"{live_server.url}/approvals/approve/")
    expect(page.get_by_test_id("window-status")).to_contain_text("26/11")
    page.locator(f'input[name="change_sets"][value="{change_set.uid}"]').check()
    page.get_by_role("button", name=re.compile("Phê duyệt và ký số")).click()
    expect(page.get_by_test_id("batch-counts")).to_contain_text("1")

    # The record shows version 2 with the fixed row; every version verifies.
    page.goto(f"{live_server.url}/people/{nhung.uid}/")
    expect(page.locator("body")).to_contain_text("Phòng Công chức")
    nhung.refresh_from_db()
    assert nhung.current_version == 2
    report = _in_a_thread(verify_record, nhung)
    assert report.versions[-1].ok, report

    # A changed byte in the stored version is found.
    version = RecordVersion.objects.get(person=nhung, number=2)
    snapshot = version.snapshot
    snapshot["person"]["full_name"] = "Nguyễn Thị Hồng Nhunh"
    RecordVersion.objects.filter(pk=version.pk).update(snapshot=snapshot)
    tampered = _in_a_thread(verify_record, Person.objects.get(pk=nhung.pk))
    assert not tampered.versions[-1].ok
