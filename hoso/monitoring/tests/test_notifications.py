"""My notifications: the list, marking read, the unread count for the navbar; nobody reads anyone else's."""

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from hoso.monitoring import services
from hoso.monitoring.context_processors import notifications as notifications_context
from hoso.monitoring.enums import NotificationKind
from hoso.monitoring.models import Notification
from hoso.monitoring.tests.factories import account, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    a = make_unit("Sở Nội vụ")
    return {"me": account("employee_a", a), "other": account("employee_b", a)}


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def note(user, title="Các thay đổi cần hoàn thành", link=""):
    return services.notify(recipient=user, kind=NotificationKind.ENTRY_DUE, title=title, body="- Dòng 1", link=link)


def test_the_list_shows_mine_only(people):
    note(people["me"], "Của tôi")
    note(people["other"], "Của người khác")

    page = client_for(people["me"]).get(reverse("monitoring:notifications")).content.decode()

    assert "Của tôi" in page and "Của người khác" not in page


def test_opening_a_notification_marks_it_read_and_follows_its_link(people):
    mine = note(people["me"], link=reverse("monitoring:rounds"))

    response = client_for(people["me"]).post(reverse("monitoring:notification_open", kwargs={"uid": mine.uid}))

    assert response.status_code == 302 and response["Location"] == reverse("monitoring:rounds")
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_a_link_to_another_site_is_not_followed(people):
    mine = note(people["me"], link="https://evil.example/")

    response = client_for(people["me"]).post(reverse("monitoring:notification_open", kwargs={"uid": mine.uid}))

    assert response["Location"] == reverse("monitoring:notifications")


def test_someone_elses_notification_is_not_found(people):
    theirs = note(people["other"])

    response = client_for(people["me"]).post(reverse("monitoring:notification_open", kwargs={"uid": theirs.uid}))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read(people):
    note(people["me"])
    note(people["me"])
    theirs = note(people["other"])

    client_for(people["me"]).post(reverse("monitoring:notifications_read_all"))

    assert Notification.objects.filter(recipient=people["me"], read_at__isnull=True).count() == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_unread_count_for_the_navbar(people, django_assert_num_queries):
    note(people["me"])
    note(people["me"])
    note(people["other"])
    request = RequestFactory().get("/")
    request.user = people["me"]

    context = notifications_context(request)
    with django_assert_num_queries(1):
        assert str(context["unread_notifications"]) == "2"
    rendered = Template("{% load monitoring %}{% unread_notifications as count %}[{{ count }}]").render(
        Context({"request": request})
    )
    assert rendered == "[2]"


def test_the_list_costs_the_same_with_more_notifications(people, django_assert_max_num_queries):
    client = client_for(people["me"])
    for index in range(30):
        note(people["me"], f"Thông báo {index}")

    with django_assert_max_num_queries(8):
        response = client.get(reverse("monitoring:notifications"))

    assert response.status_code == 200
