"""The calendar page: everyone signed in reads it; province catalog administrators add and remove overrides."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from hoso.audit.models import AuditEntry
from hoso.workdays.models import CalendarOverride
from hoso.workdays.tests.factories import add_day_off, make_catalog_admin, make_employee

pytestmark = pytest.mark.django_db

URL = reverse("workdays:year")
ADD = reverse("workdays:override_add")
VALID = {
    "date": "31/03/2026",
    "status": "day_off",
    "name": "Nghỉ bổ sung",
    "decision_number": "123/QĐ-TTg",
    "decision_date": "01/12/2025",
    "decision_issuer": "Thủ tướng Chính phủ",
    "year": "2026",
}


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_employee_sees_the_year_with_holidays_windows_and_deadlines_but_no_form(django_assert_max_num_queries):
    client = client_of(make_employee())
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"year": "2026"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Lịch ngày làm việc năm 2026" in page
    assert "Ngày Giỗ Tổ Hùng Vương" in page
    assert "Ngày nghỉ (thay cho ngày 22/08/2026)" in page
    assert "26/04/2026 – 30/04/2026" in page and "04/05/2026" in page  # April's window and its moved deadline
    assert "27/08/2026 – 31/08/2026" in page and "03/09/2026" in page
    assert "5 ngày cuối mỗi tháng; nếu hạn cuối trùng ngày nghỉ" in page
    assert "Thêm điều chỉnh" not in page
    assert "INVALID_TEMPLATE_VARIABLE" not in page


def test_a_bad_year_shows_the_current_year():
    response = client_of(make_employee()).get(URL, {"year": "abc"})
    assert response.status_code == 200
    assert f"Lịch ngày làm việc năm {datetime.date.today().year}" in response.content.decode()


def test_the_administrator_adds_an_override_with_its_decision():
    admin = make_catalog_admin()
    client = client_of(admin)
    assert "Thêm điều chỉnh" in client.get(URL, {"year": "2026"}).content.decode()
    response = client.post(ADD, VALID, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ngày 31/03/2026 đã được chuyển thành ngày nghỉ." in page
    assert "Số 123/QĐ-TTg ngày 01/12/2025 của Thủ tướng Chính phủ" in page
    override = CalendarOverride.objects.get()
    assert (override.date, override.is_working_day, override.created_by) == (datetime.date(2026, 3, 31), False, admin)
    assert "01/04/2026" in page  # March's deadline moved to the next working day
    assert AuditEntry.objects.filter(action="CATALOG_CHANGED", actor=admin).count() == 1


def test_bad_input_gets_a_vietnamese_message_per_field_and_writes_nothing():
    client = client_of(make_catalog_admin())
    response = client.post(ADD, {**VALID, "date": "31/02/2026", "name": " ", "status": "", "decision_date": "x"})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["date"] == ["Nhập ngày theo dạng dd/mm/yyyy, ví dụ 31/12/2026."]
    assert form.errors["name"] == ["Nhập tên ngày."]
    assert form.errors["status"] == ["Chọn ngày này là ngày nghỉ hay ngày làm việc."]
    assert form.errors["decision_date"] == ["Nhập ngày theo dạng dd/mm/yyyy, ví dụ 31/12/2026."]
    assert not CalendarOverride.objects.exists()
    assert not AuditEntry.objects.filter(action="CATALOG_CHANGED").exists()


def test_a_second_override_of_the_same_date_is_refused_on_the_date_field():
    admin = make_catalog_admin()
    add_day_off(admin, datetime.date(2026, 3, 31))
    response = client_of(admin).post(ADD, {**VALID, "status": "working"})
    assert response.status_code == 400
    assert response.context["form"].errors["date"] == ["Ngày này đã có điều chỉnh; hãy xóa điều chỉnh cũ trước."]
    assert CalendarOverride.objects.get().is_working_day is False


def test_others_may_not_add_or_remove_overrides():
    override = add_day_off(make_catalog_admin(), datetime.date(2026, 3, 31))
    client = client_of(make_employee())
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, {**VALID, "date": "30/03/2026"}).status_code == 403
    assert client.post(reverse("workdays:override_remove", args=[override.uid])).status_code == 403
    assert list(CalendarOverride.objects.values_list("date", flat=True)) == [datetime.date(2026, 3, 31)]


def test_the_administrator_removes_an_override():
    admin = make_catalog_admin()
    override = add_day_off(admin, datetime.date(2026, 3, 31))
    response = client_of(admin).post(reverse("workdays:override_remove", args=[override.uid]), follow=True)
    assert "Đã xóa điều chỉnh của ngày 31/03/2026" in response.content.decode()
    assert not CalendarOverride.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in():
    response = Client().get(URL)
    assert response.status_code == 302 and "login" in response["Location"]
