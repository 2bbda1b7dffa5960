"""The daily reminders: who is reminded of what, never twice, in the app and by e-mail over real SMTP, with retries."""

import datetime
import email
import email.policy
import socket

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from hoso.monitoring import services
from hoso.monitoring.enums import EmailStatus, NotificationKind
from hoso.monitoring.models import Notification, ReminderKey
from hoso.monitoring.tests.factories import account, at, change_set, child_of, make_unit, person_in
from hoso.monitoring.tests.smtp_sink import SmtpSink
from hoso.people.enums import ChangeSetStatus as S

pytestmark = pytest.mark.django_db

OPEN_DAY = datetime.date(2026, 11, 26)  # the first day of November 2026's window (26–30/11, deadline Mon 30/11)
NEXT_DAY = datetime.date(2026, 11, 27)  # one working day before the deadline


@pytest.fixture
def world():
    a = make_unit("Sở Nội vụ")
    a1 = child_of(a, "Phòng Công chức, viên chức")
    b = make_unit("Sở Tài chính")
    officer = account("officer_a", a, "officer", email="officer@sonv.example.vn")
    head = account("head_a", a, "head", email="head@sonv.example.vn")
    admin = account("admin_a", a, "unit-admin", email="admin@sonv.example.vn")
    province = account("snv", None, "province-admin", email="snv@example.vn")
    officer_b = account("officer_b", b, "officer", email="officer@sotc.example.vn")
    employee = account("employee_a", a, email="employee@sonv.example.vn")
    no_mail = account("employee_nomail", a)
    person = person_in(a, "Trần Thị Bích Ngọc", owner=employee)
    other = person_in(a1, "Lê Văn Khoa", owner=no_mail)
    late_draft = change_set(a, employee, S.DRAFT, person=person, entry_due=datetime.date(2026, 11, 20))
    returned = change_set(a, no_mail, S.RETURNED, person=other, entry_due=datetime.date(2026, 12, 10))
    submitted = change_set(a1, officer, S.SUBMITTED, person=other, submitted_at=at(datetime.date(2026, 11, 24)))
    forwarded = change_set(
        a, officer, S.FORWARDED, person=person, forwarded_at=at(OPEN_DAY), approval_due=datetime.date(2026, 11, 30)
    )
    return {
        "a": a,
        "b": b,
        "officer": officer,
        "head": head,
        "admin": admin,
        "province": province,
        "officer_b": officer_b,
        "employee": employee,
        "no_mail": no_mail,
        "late_draft": late_draft,
        "returned": returned,
        "submitted": submitted,
        "forwarded": forwarded,
    }


def kinds_of(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def run(day, django_capture_on_commit_callbacks):
    with time_machine.travel(at(day, 7), tick=False), django_capture_on_commit_callbacks(execute=True):
        return services.send_reminders(today=day, wet_run=True)


def test_each_person_is_reminded_of_their_own_work(world, django_capture_on_commit_callbacks, settings):
    settings.HOSO_REMINDER_WINDOW_CLOSING_WORKING_DAYS = 1

    run(OPEN_DAY, django_capture_on_commit_callbacks)

    assert kinds_of(world["employee"]) == [NotificationKind.ENTRY_DUE]
    assert kinds_of(world["no_mail"]) == [NotificationKind.ENTRY_DUE]
    assert kinds_of(world["officer"]) == [NotificationKind.REVIEW_WAITING]
    assert kinds_of(world["head"]) == [NotificationKind.WINDOW_OPEN]  # the officer checks, the head approves
    # late entries in A: the unit's administrator and the province's are told
    assert kinds_of(world["admin"]) == [NotificationKind.UNITS_OVERDUE]
    assert kinds_of(world["province"]) == [NotificationKind.UNITS_OVERDUE]
    assert kinds_of(world["officer_b"]) == []
    late = Notification.objects.get(recipient=world["employee"])
    assert "20/11/2026" in late.body
    returned = Notification.objects.get(recipient=world["no_mail"])
    assert "10/12/2026" in returned.body
    window = Notification.objects.get(recipient=world["head"], kind=NotificationKind.WINDOW_OPEN)
    assert "26/11/2026" in window.body and "30/11/2026" in window.body


def test_reminders_are_never_sent_twice(world, django_capture_on_commit_callbacks):
    first = run(OPEN_DAY, django_capture_on_commit_callbacks)
    notifications = Notification.objects.count()
    mails = len(mail.outbox)
    assert first.total() == notifications > 0
    # every recipient with an address got one e-mail per notification; the one without got none
    assert mails == Notification.objects.exclude(email="").count()
    assert not [m for m in mail.outbox if "employee_nomail" in " ".join(m.to)]
    assert Notification.objects.get(recipient=world["no_mail"]).email_status == EmailStatus.NONE

    second = run(OPEN_DAY, django_capture_on_commit_callbacks)

    assert second.total() == 0
    assert Notification.objects.count() == notifications
    assert len(mail.outbox) == mails
    assert ReminderKey.objects.count() == ReminderKey.objects.values("key").distinct().count()


def test_heads_are_reminded_again_before_the_deadline(world, django_capture_on_commit_callbacks, settings):
    settings.HOSO_REMINDER_WINDOW_CLOSING_WORKING_DAYS = 1
    run(OPEN_DAY, django_capture_on_commit_callbacks)

    run(NEXT_DAY, django_capture_on_commit_callbacks)

    assert kinds_of(world["head"]) == [NotificationKind.WINDOW_CLOSING, NotificationKind.WINDOW_OPEN]


def test_no_window_reminder_outside_the_window(world, django_capture_on_commit_callbacks):
    run(datetime.date(2026, 11, 16), django_capture_on_commit_callbacks)

    assert NotificationKind.WINDOW_OPEN not in kinds_of(world["head"])


def test_a_new_submission_after_a_return_is_reminded_again(world, django_capture_on_commit_callbacks):
    run(OPEN_DAY, django_capture_on_commit_callbacks)
    submitted = world["submitted"]
    submitted.submitted_at = at(NEXT_DAY, 9)
    submitted.save(update_fields=["submitted_at"])

    run(NEXT_DAY, django_capture_on_commit_callbacks)

    assert kinds_of(world["officer"]) == [NotificationKind.REVIEW_WAITING, NotificationKind.REVIEW_WAITING]


def test_a_dry_run_writes_and_sends_nothing(world):
    result = services.send_reminders(today=OPEN_DAY, wet_run=False)

    assert sum(result.planned.values()) > 0
    assert Notification.objects.count() == 0
    assert ReminderKey.objects.count() == 0
    assert mail.outbox == []


def test_the_command_is_a_dry_run_unless_told(world, capsys):
    call_command("send_reminders", "--date", OPEN_DAY.isoformat())
    assert Notification.objects.count() == 0
    assert "would send" in capsys.readouterr().out

    call_command("send_reminders", "--date", OPEN_DAY.isoformat(), "--wet-run")
    assert Notification.objects.count() > 0


# --- over SMTP --------------------------------------------------------------------------------------------------


def smtp_settings(settings, port):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def sink():
    server = SmtpSink()
    yield server
    server.stop()


def parsed(received):
    return email.message_from_bytes(received.data, policy=email.policy.default)


def test_reminders_go_out_over_smtp(world, sink, settings, django_capture_on_commit_callbacks):
    smtp_settings(settings, sink.start().port)

    run(OPEN_DAY, django_capture_on_commit_callbacks)

    to_employee = [m for m in sink.messages if m.recipients == ["employee@sonv.example.vn"]]
    assert len(to_employee) == 1
    message = parsed(to_employee[0])
    assert message["Subject"] == "Các thay đổi cần hoàn thành và gửi"
    assert "20/11/2026" in message.get_content()
    assert len(sink.messages) == Notification.objects.exclude(email="").count()
    assert set(Notification.objects.exclude(email="").values_list("email_status", flat=True)) == {EmailStatus.SENT}


def test_a_failing_mail_server_is_retried_then_succeeds_once(world, sink, settings, django_capture_on_commit_callbacks):
    port = free_port()  # nothing listens there yet: the server is down
    smtp_settings(settings, port)
    settings.HOSO_REMINDER_RETRY_SECONDS = 600

    run(OPEN_DAY, django_capture_on_commit_callbacks)

    notification = Notification.objects.get(recipient=world["employee"])
    assert notification.email_status == EmailStatus.RETRY
    assert notification.email_attempts == 1
    assert "Connection" in notification.email_last_error or "refused" in notification.email_last_error.lower()
    assert notification.email_next_attempt_at == at(OPEN_DAY, 7) + datetime.timedelta(seconds=600)

    sink.start(port)  # the server is back
    with time_machine.travel(at(OPEN_DAY, 7) + datetime.timedelta(seconds=60), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            services.retry_due_emails()  # not due yet
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.RETRY
    assert sink.messages == []

    with time_machine.travel(at(OPEN_DAY, 8), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            services.send_reminders(today=OPEN_DAY, wet_run=True)  # the next daily run retries what is due
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.SENT
    assert notification.email_attempts == 2
    assert [m.recipients for m in sink.messages].count(["employee@sonv.example.vn"]) == 1

    run(NEXT_DAY, django_capture_on_commit_callbacks)
    assert [m.recipients for m in sink.messages].count(["employee@sonv.example.vn"]) == 1


def test_delivery_is_given_up_after_the_last_attempt(world, settings, django_capture_on_commit_callbacks):
    smtp_settings(settings, free_port())
    settings.HOSO_REMINDER_MAX_ATTEMPTS = 2
    settings.HOSO_REMINDER_RETRY_SECONDS = 60
    run(OPEN_DAY, django_capture_on_commit_callbacks)

    with time_machine.travel(at(OPEN_DAY, 9), tick=False), django_capture_on_commit_callbacks(execute=True):
        services.retry_due_emails()
    with time_machine.travel(at(OPEN_DAY, 10), tick=False), django_capture_on_commit_callbacks(execute=True):
        assert services.retry_due_emails() == 0

    notification = Notification.objects.get(recipient=world["employee"])
    assert notification.email_status == EmailStatus.FAILED
    assert notification.email_attempts == 2
    assert notification.email_next_attempt_at is None
    assert notification.email_last_error
    # the in-app notification is there whatever happened to the e-mail
    assert notification.read_at is None


def test_sending_a_notification_twice_sends_one_email(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = services.notify(recipient=world["head"], kind=NotificationKind.WINDOW_OPEN, title="Cửa sổ")
    assert len(mail.outbox) == 1

    assert services.deliver_email(notification_id=notification.pk) == EmailStatus.SENT
    assert len(mail.outbox) == 1


def test_the_same_key_is_refused_by_the_database(world):
    services.notify(recipient=world["head"], kind=NotificationKind.WINDOW_OPEN, title="x", keys=["window-open:k"])

    again = services.notify(
        recipient=world["head"], kind=NotificationKind.WINDOW_OPEN, title="x", keys=["window-open:k"]
    )

    assert again is None
    assert Notification.objects.filter(recipient=world["head"]).count() == 1


def test_a_head_is_reminded_of_reviews_where_no_officer_checks(world, django_capture_on_commit_callbacks):
    world["officer"].is_active = False
    world["officer"].save(update_fields=["is_active"])

    run(OPEN_DAY, django_capture_on_commit_callbacks)

    assert NotificationKind.REVIEW_WAITING in kinds_of(world["head"])
