import datetime
import re

import pytest
from django.contrib.auth import get_user
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from hoso.accounts.tests.factories import grant
from hoso.security.models import RecoveryCode, RecoveryCodeDevice
from hoso.security.tests.factories import PASSWORD, enrol, make_account, sign_in, totp_code

pytestmark = pytest.mark.django_db

HOME = reverse("organisations:home")
VERIFY = reverse("accounts:login_verify")
SETUP = reverse("security:two_factor_setup")


def verify(client: Client, code: str):  # type: ignore[no-untyped-def]
    return client.post(VERIFY, {"code": code})


def test_enrolment_shows_a_qr_code_and_the_key_and_confirms_with_a_code(client, clock, holder):
    client.force_login(holder)

    page = client.get(SETUP).content.decode()
    assert "<svg" in page and "<path" in page and "style=" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1)  # type: ignore[union-attr]
    device = TOTPDevice.objects.get(user=holder, confirmed=False)
    assert secret.replace(" ", "") in device.config_url

    wrong = client.post(SETUP, {"code": "000000"})
    assert "Mã không đúng hoặc đã hết hiệu lực." in wrong.content.decode()
    clock.shift(datetime.timedelta(seconds=5))  # django-otp's throttle after a wrong code

    response = client.post(SETUP, {"code": totp_code(device)})

    text = response.content.decode()
    assert "Mã khôi phục" in text
    codes = re.findall(r'<span class="hoso-code">([a-z2-9]{5}-[a-z2-9]{5})</span>', text)
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert RecoveryCode.objects.filter(device__user=holder).count() == 10
    assert not any(code in str(list(RecoveryCode.objects.values_list("code_hash", flat=True))) for code in codes)


def test_the_setup_code_must_look_like_a_code(client, holder):
    client.force_login(holder)

    response = client.post(SETUP, {"code": "abc"})

    assert "Mã gồm 6 chữ số do ứng dụng hiển thị." in response.content.decode()


def test_an_account_with_an_authenticator_signs_in_in_two_steps(client, clock, holder):
    device = enrol(holder)

    response = sign_in(client, "nhung.nguyen", PASSWORD, next="/people/")
    assert response.url == VERIFY
    assert not get_user(client).is_authenticated

    response = verify(client, totp_code(device))

    assert response.url == "/people/"
    assert get_user(client).is_authenticated
    assert client.get(HOME).status_code == 200


def test_a_wrong_code_is_refused(client, clock, holder):
    enrol(holder)
    sign_in(client, "nhung.nguyen", PASSWORD)

    response = verify(client, "123456")

    assert response.status_code == 200
    assert "Mã không đúng hoặc đã hết hiệu lực. Hãy nhập mã mà ứng dụng đang hiển thị." in response.content.decode()
    assert not get_user(client).is_authenticated


def test_wrong_codes_count_towards_the_lockout_and_a_right_password_does_not_reset_it(client, clock, holder):
    enrol(holder)
    for _ in range(2):
        sign_in(client, "nhung.nguyen", PASSWORD)
        for _ in range(2):
            verify(client, "123456")
            clock.shift(datetime.timedelta(seconds=20))
    sign_in(client, "nhung.nguyen", PASSWORD)

    response = verify(client, "123456")

    assert response.url == reverse("accounts:login")
    assert "Đăng nhập sai quá nhiều lần." in client.get(response.url).content.decode()


def test_the_second_step_expires(client, clock, holder):
    device = enrol(holder)
    sign_in(client, "nhung.nguyen", PASSWORD)
    clock.shift(datetime.timedelta(minutes=6))

    response = verify(client, totp_code(device))

    assert response.url == reverse("accounts:login")
    assert not get_user(client).is_authenticated


def test_a_recovery_code_works_once(client, clock, holder):
    enrol(holder)
    from hoso.security.two_factor import new_recovery_codes

    code = new_recovery_codes(holder)[0]
    sign_in(client, "nhung.nguyen", PASSWORD)
    assert verify(client, code.upper()).url == HOME
    client.post(reverse("accounts:logout"))
    clock.shift(datetime.timedelta(seconds=5))

    sign_in(client, "nhung.nguyen", PASSWORD)
    response = verify(client, code)

    assert response.status_code == 200
    assert not get_user(client).is_authenticated
    assert RecoveryCode.objects.filter(used_at__isnull=False).count() == 1


def test_a_session_opened_another_way_must_still_verify(client, clock, holder):
    device = enrol(holder)
    client.force_login(holder)  # as single sign-on or the admin would

    response = client.get(HOME)
    assert response.url.startswith(VERIFY)

    assert verify(client, totp_code(device)).status_code == 302
    assert client.get(HOME).status_code == 200


@pytest.mark.usefixtures("two_factor_required")
def test_a_required_account_without_an_authenticator_can_reach_nothing_but_the_set_up(client, clock, admin):
    sign_in(client, "quantri", PASSWORD)

    for url in (HOME, reverse("people:list"), reverse("security:incident_list"), reverse("accounts:password_change")):
        assert client.get(url).url == SETUP
    assert client.get(SETUP).status_code == 200

    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    assert client.post(SETUP, {"code": totp_code(device)}).status_code == 200
    assert client.get(reverse("security:incident_list")).status_code == 200


@pytest.mark.usefixtures("two_factor_required")
def test_a_required_account_cannot_turn_it_off(client, clock, admin):
    device = enrol(admin)
    sign_in(client, "quantri", PASSWORD)
    verify(client, totp_code(device))

    response = client.post(reverse("security:two_factor_remove"), follow=True)

    assert "không thể tắt" in response.content.decode()
    assert TOTPDevice.objects.filter(user=admin).exists()


def test_an_optional_authenticator_can_be_turned_off(client, clock, holder):
    device = enrol(holder)
    sign_in(client, "nhung.nguyen", PASSWORD)
    verify(client, totp_code(device))

    client.post(reverse("security:two_factor_remove"))

    assert not TOTPDevice.objects.filter(user=holder).exists()


def test_new_recovery_codes_replace_the_old_ones(client, clock, holder):
    device = enrol(holder)
    from hoso.security.two_factor import new_recovery_codes

    old = new_recovery_codes(holder)
    sign_in(client, "nhung.nguyen", PASSWORD)
    verify(client, totp_code(device))

    response = client.post(reverse("security:recovery_codes"))

    assert "Các mã khôi phục trước đây không còn dùng được." in response.content.decode()
    assert RecoveryCodeDevice.objects.filter(user=holder).count() == 1
    assert not RecoveryCodeDevice.objects.get(user=holder).verify_token(old[1])


def test_an_administrator_resets_a_lost_authenticator_in_scope_only(client, clock, holder, admin_client, other_admin):
    enrol(holder)
    outsider = Client()
    outsider.force_login(other_admin)

    assert outsider.post(reverse("security:account_reset_two_factor", args=[holder.uid])).status_code == 404
    assert TOTPDevice.objects.filter(user=holder).exists()

    response = admin_client.post(reverse("security:account_reset_two_factor", args=[holder.uid]))

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=holder).exists()
    assert sign_in(client, "nhung.nguyen", PASSWORD).url == HOME  # no second step any more


@pytest.mark.usefixtures("two_factor_required")
def test_approvers_are_required_to_use_it(unit):
    from hoso.security.two_factor import requires_two_factor

    head = make_account("truong.phong", unit, full_name="Lý Văn Trưởng")
    assert not requires_two_factor(head)
    grant(head, "head", unit)
    assert requires_two_factor(head)


def test_the_user_menu_links_to_two_factor_and_the_report(client, holder):
    client.force_login(holder)

    text = client.get(HOME).content.decode()

    assert reverse("security:two_factor") in text
    assert reverse("security:report") in text
    assert reverse("security:incident_list") not in text


def test_the_administration_site_never_shows_an_authenticators_key(clock, holder):
    device = enrol(holder)
    superuser = make_account("sa", None, full_name="Quản trị hệ thống")
    superuser.is_superuser = superuser.is_staff = True
    superuser.save()
    client = Client()
    client.force_login(superuser)

    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk])).content.decode()

    assert device.key not in page
    assert client.get(reverse("admin:otp_totp_totpdevice_config", args=[device.pk])).status_code == 403
