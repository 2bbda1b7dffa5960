"""Background jobs of hoso.monitoring (django.tasks; django-tasks-db runs them in production)."""

from django.tasks import task

from hoso.monitoring import services


@task()
def send_notification_email(notification_id: int) -> str:
    """E-mail one notification (idempotent: a notification already sent or given up is left alone).

    django.tasks has no retries of its own (STACK.md §2): `services.deliver_email` records each failure and enqueues
    the next attempt itself, deferred where the backend allows it; `send_reminders` also re-enqueues the due ones.
    """
    return services.deliver_email(notification_id=notification_id)
