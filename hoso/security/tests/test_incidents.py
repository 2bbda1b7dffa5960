import html
import re

import pytest
from django.contrib.auth import get_user
from django.test import Client
from django.urls import reverse

from hoso.accounts.models import ApiToken
from hoso.api.auth import issue_token
from hoso.security.enums import IncidentKind, IncidentStatus, PasswordChangeReason
from hoso.security.models import AccountIncident, AccountSecurity
from hoso.security.services import password_change_reason, report_incident
from hoso.security.tests.factories import PASSWORD, sign_in

pytestmark = pytest.mark.django_db

SENT = "Báo cáo đã được ghi nhận. Nếu tên đăng nhập thuộc về một tài khoản, quản trị viên phụ trách sẽ liên hệ với bạn."


def public_report(client: Client, username: str):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("security:report_public"),
        {"username": username, "kind": IncidentKind.FORGOTTEN_PASSWORD, "contact": "0912 345 678"},
        follow=True,
    )


def test_a_signed_in_holder_reports_from_inside_the_system(client, holder):
    client.force_login(holder)

    response = client.post(
        reverse("security:report"),
        {"kind": IncidentKind.SUSPECTED_THEFT, "description": "Thấy đăng nhập lạ", "contact": ""},
    )

    assert response.url == reverse("accounts:password_change")
    incident = AccountIncident.objects.get()
    assert (incident.account, incident.reporter, incident.kind) == (holder, holder, IncidentKind.SUSPECTED_THEFT)


def test_a_report_needs_a_kind(client, holder):
    client.force_login(holder)

    response = client.post(reverse("security:report"), {"kind": "", "description": "x"})

    assert response.status_code == 200
    assert 'id="id_kind_error"' in response.content.decode()
    assert not AccountIncident.objects.exists()


def test_the_sign_in_page_form_answers_the_same_for_known_and_unknown_usernames(client, holder):
    known = public_report(client, "nhung.nguyen")
    unknown = public_report(Client(), "khong-co-ai")

    assert known.redirect_chain == unknown.redirect_chain == [(reverse("accounts:login"), 302)]
    assert SENT in known.content.decode() and SENT in unknown.content.decode()
    assert AccountIncident.objects.filter(account=holder).count() == 1
    assert AccountIncident.objects.filter(account__isnull=True, reported_username="khong-co-ai").count() == 1


def test_the_sign_in_page_form_needs_a_contact(client, holder):
    response = client.post(
        reverse("security:report_public"), {"username": "nhung.nguyen", "kind": IncidentKind.LOST_ACCOUNT}
    )

    assert response.status_code == 200
    assert 'id="id_contact_error"' in response.content.decode()
    assert not AccountIncident.objects.exists()


def test_the_sign_in_page_form_is_rate_limited_per_address(client, holder):
    for _ in range(7):
        assert SENT in public_report(client, "nhung.nguyen").content.decode()

    assert AccountIncident.objects.count() == 5


def test_administrators_see_the_open_incidents_of_their_units_only(holder, admin_client, other_admin):
    incident = report_incident(kind=IncidentKind.LOST_ACCOUNT, username="nhung.nguyen")
    outsider = Client()
    outsider.force_login(other_admin)

    assert incident.get_kind_display() in admin_client.get(reverse("security:incident_list")).content.decode()
    assert "nhung.nguyen" not in outsider.get(reverse("security:incident_list")).content.decode()
    assert outsider.get(reverse("security:incident_detail", args=[incident.uid])).status_code == 404
    assert admin_client.get(reverse("security:incident_detail", args=[incident.uid])).status_code == 200


def test_a_user_without_account_rights_cannot_open_the_incidents(client, holder):
    client.force_login(holder)

    assert client.get(reverse("security:incident_list")).status_code == 403


def test_reset_from_an_incident_shows_the_password_once_and_signs_the_holder_out(holder, admin_client):
    victim = Client()
    sign_in(victim, "nhung.nguyen")
    issue_token(user=holder)
    incident = report_incident(kind=IncidentKind.SUSPECTED_THEFT, username="x", reporter=holder)

    response = admin_client.post(
        reverse("security:account_reset_password", args=[holder.uid]),
        {"method": "password", "reason": "Báo lộ mật khẩu", "incident": str(incident.uid)},
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    shown = re.search(r'<span class="hoso-code hoso-secret">([^<]+)</span>', text).group(1)  # type: ignore[union-attr]
    temporary = html.unescape(shown)
    holder.refresh_from_db()
    assert holder.check_password(temporary)
    assert password_change_reason(holder) == PasswordChangeReason.RESET
    assert victim.get(reverse("organisations:home")).status_code == 302
    assert not get_user(victim).is_authenticated
    assert not ApiToken.objects.filter(user=holder).exists()
    incident.refresh_from_db()
    assert "Báo lộ mật khẩu" in incident.note
    assert temporary not in incident.note
    assert temporary not in admin_client.get(reverse("security:account", args=[holder.uid])).content.decode()


def test_reset_with_a_link_shows_the_link_once(holder, admin_client):
    response = admin_client.post(
        reverse("security:account_reset_password", args=[holder.uid]), {"method": "link", "reason": ""}
    )

    assert "http://testserver/accounts/password/setup/" in response.content.decode()
    holder.refresh_from_db()
    assert not holder.has_usable_password()


def test_lock_needs_a_reason_and_then_locks(client, holder, admin_client):
    url = reverse("security:account_lock", args=[holder.uid])

    refused = admin_client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert 'id="id_reason_error"' in refused.content.decode()
    assert not AccountSecurity.objects.filter(user=holder, locked_at__isnull=False).exists()

    assert admin_client.post(url, {"reason": "Mất điện thoại"}).status_code == 302
    assert "Tài khoản này đã bị quản trị viên khóa." in sign_in(client, "nhung.nguyen", PASSWORD).content.decode()


@pytest.mark.parametrize(
    "url_name",
    [
        "account",
        "account_lock",
        "account_unlock",
        "account_reset_password",
        "account_reset_two_factor",
        "account_end_sessions",
    ],
)
def test_out_of_scope_administrators_get_a_404_and_nothing_changes(holder, other_admin, url_name):
    outsider = Client()
    outsider.force_login(other_admin)
    url = reverse(f"security:{url_name}", args=[holder.uid])

    response = outsider.get(url) if url_name == "account" else outsider.post(url, {"reason": "x", "method": "password"})

    assert response.status_code == 404
    holder.refresh_from_db()
    assert holder.check_password(PASSWORD)
    assert not AccountSecurity.objects.filter(user=holder, locked_at__isnull=False).exists()


def test_an_administrator_cannot_act_on_their_own_account(admin, admin_client):
    assert admin_client.get(reverse("security:account", args=[admin.uid])).status_code == 404


def test_closing_an_incident(holder, admin_client):
    incident = report_incident(kind=IncidentKind.LOST_ACCOUNT, username="nhung.nguyen")
    url = reverse("security:incident_detail", args=[incident.uid])

    assert admin_client.post(url, {"note": ""}).status_code == 400
    response = admin_client.post(url, {"note": "Đã cấp mật khẩu mới"})

    assert response.url == reverse("security:incident_list")
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.CLOSED
    assert incident.note.endswith("Đã cấp mật khẩu mới")
    closed = admin_client.get(reverse("security:incident_list") + "?status=closed").content.decode()
    assert reverse("security:incident_detail", args=[incident.uid]) in closed
