import datetime

import pytest
from django.contrib.auth import password_validation
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from hoso.accounts.models import ApiToken
from hoso.api.auth import issue_token
from hoso.audit.models import AuditEntry
from hoso.security import services
from hoso.security.enums import IncidentKind, IncidentStatus, PasswordChangeReason
from hoso.security.models import AccountIncident, AccountSecurity, UserSession
from hoso.security.tests.factories import PASSWORD, make_account
from hoso.security.validators import PasswordHistoryValidator

pytestmark = pytest.mark.django_db


def signed_in_client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_the_first_password_set_by_an_administrator_must_be_changed(holder, admin):
    services.set_first_password(holder, "Mat-khau-dau-1", admin)

    holder.refresh_from_db()
    assert holder.check_password("Mat-khau-dau-1")
    assert services.password_change_reason(holder) == PasswordChangeReason.FIRST_USE


def test_a_first_password_the_holder_sets_themself_need_not_be_changed(holder):
    services.set_first_password(holder, "Mat-khau-dau-1", holder)

    assert services.password_change_reason(holder) is None


def test_a_first_password_that_breaks_the_rules_is_refused_and_nothing_changes(holder, admin):
    with pytest.raises(ValidationError) as error:
        services.set_first_password(holder, "ngan", admin)

    assert "Mật khẩu phải có ít nhất 8 ký tự." in error.value.messages
    holder.refresh_from_db()
    assert holder.check_password(PASSWORD)
    assert services.password_change_reason(holder) is None


def test_reset_issues_a_temporary_password_that_keeps_the_rules_and_ends_sessions_and_tokens(holder, admin):
    client = signed_in_client(holder)
    issue_token(user=holder)
    assert UserSession.objects.filter(user=holder).count() == 1

    temporary = services.reset_password(holder, admin, "Báo mất mật khẩu qua điện thoại")

    rules = [
        v for v in password_validation.get_default_password_validators() if not isinstance(v, PasswordHistoryValidator)
    ]
    password_validation.validate_password(temporary, holder, rules)  # raises if a rule is broken
    holder.refresh_from_db()
    assert holder.check_password(temporary)
    assert not holder.check_password(PASSWORD)
    assert services.password_change_reason(holder) == PasswordChangeReason.RESET
    assert not ApiToken.objects.filter(user=holder).exists()
    assert not UserSession.objects.filter(user=holder).exists()
    assert not Session.objects.exists()
    assert client.get("/").status_code == 302  # signed out
    entry = AuditEntry.objects.get(action="PASSWORD_RESET")
    assert (entry.actor_id, entry.target_id) == (admin.pk, str(holder.uid))
    assert temporary not in str(entry.detail)


def test_temporary_passwords_differ_each_time(holder, admin):
    assert services.reset_password(holder, admin) != services.reset_password(holder, admin)


def test_reset_with_a_link_makes_the_old_password_useless_and_gives_a_one_time_link(holder, admin):
    link = services.reset_password_with_link(holder, admin, "Nghi bị lộ")

    holder.refresh_from_db()
    assert not holder.has_usable_password()
    assert link.startswith("/accounts/password/setup/")
    assert services.password_change_reason(holder) is None


def test_a_handed_over_unit_account_must_change_its_password_and_the_former_holder_is_signed_out(unit, admin):
    account = make_account("vanthu.stc", unit, full_name="Văn thư Sở", kind="UNIT")
    client = signed_in_client(account)

    services.require_password_change(account, admin)

    assert services.password_change_reason(account) == PasswordChangeReason.HOLDER_CHANGED
    assert client.get("/").url.startswith("/accounts/login/")


def test_lock_ends_sessions_and_unlock_lifts_it(holder, admin):
    client = signed_in_client(holder)
    issue_token(user=holder)

    services.lock_account(holder, admin, "Nghi bị đánh cắp")

    state = AccountSecurity.objects.get(user=holder)
    assert (state.is_locked, state.locked_by, state.lock_reason) == (True, admin, "Nghi bị đánh cắp")
    assert not ApiToken.objects.filter(user=holder).exists()
    assert client.get("/").status_code == 302

    services.unlock_account(holder, admin)

    assert not services.is_locked(holder)
    assert list(AuditEntry.objects.filter(target_id=str(holder.uid)).values_list("action", flat=True)) == [
        "ACCOUNT_LOCKED",
        "ACCOUNT_UNLOCKED",
    ]


def test_end_all_sessions_leaves_other_accounts_alone(holder, admin):
    signed_in_client(holder)
    signed_in_client(holder)
    other = signed_in_client(admin)

    assert services.end_all_sessions(holder) == 2

    assert Session.objects.count() == 1
    assert other.get("/security/two-factor/").status_code == 200


def test_the_password_expires_after_the_maximum_age(settings, clock, holder):
    settings.HOSO_PASSWORD_POLICY = {"max_age_days": 90}
    assert services.password_days_left(holder) == 90

    clock.shift(datetime.timedelta(days=89, hours=23))
    assert services.password_change_reason(holder) is None
    clock.shift(datetime.timedelta(hours=2))
    assert services.password_change_reason(holder) == PasswordChangeReason.EXPIRED


def test_passwords_never_expire_when_the_maximum_age_is_zero(settings, clock, holder):
    settings.HOSO_PASSWORD_POLICY = {"max_age_days": 0}
    clock.shift(datetime.timedelta(days=3650))

    assert services.password_change_reason(holder) is None


def test_changing_the_password_records_when(clock, holder):
    services.change_own_password(user=holder, raw="Mat-khau-moi-9!")

    assert AccountSecurity.objects.get(user=holder).password_changed_at == timezone.now()


def test_a_report_from_the_sign_in_page_names_the_account_only_if_it_exists(holder):
    known = services.report_incident(kind=IncidentKind.FORGOTTEN_PASSWORD, username="nhung.nguyen", contact="0912")
    unknown = services.report_incident(kind=IncidentKind.LOST_ACCOUNT, username="ai-do", contact="0913")

    assert known.account == holder
    assert unknown.account is None
    assert (unknown.reported_username, unknown.status) == ("ai-do", IncidentStatus.OPEN)


def test_closing_an_incident_notes_who_and_what(holder, admin):
    incident = services.report_incident(kind=IncidentKind.SUSPECTED_THEFT, username="x", reporter=holder)

    services.close_incident(incident=incident, acting_user=admin, note="Đã đặt lại mật khẩu")

    incident = AccountIncident.objects.get(pk=incident.pk)
    assert (incident.status, incident.handled_by) == (IncidentStatus.CLOSED, admin)
    assert incident.reported_username == "nhung.nguyen"
    assert incident.note.endswith("Đã đặt lại mật khẩu")


def test_pruning_keeps_recent_counts_and_live_sessions(clock, holder):
    from django.core.management import call_command

    from hoso.security import throttle
    from hoso.security.models import LoginThrottle

    throttle.record_failure("cu", "10.0.0.1")
    old_session = signed_in_client(holder)
    clock.shift(datetime.timedelta(days=2))
    throttle.record_failure("moi", None)
    signed_in_client(holder)

    call_command("prune_sign_in_records", verbosity=0)
    assert LoginThrottle.objects.count() == 3
    call_command("prune_sign_in_records", "--wet-run", verbosity=0)

    assert list(LoginThrottle.objects.values_list("key", flat=True)) == ["moi"]
    assert UserSession.objects.count() == 1
    assert old_session.get("/").status_code == 302
