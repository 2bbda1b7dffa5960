"""The workflow's pages: the action bar on the change set, the queues, batch approval and its result."""

import pytest
from django.test import Client
from django.urls import reverse

from hoso.approvals import services
from hoso.approvals.models import ApprovalBatch
from hoso.approvals.tests.conftest import propose
from hoso.people.enums import ChangeSetStatus
from hoso.people.tests.factories import new_record

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def forwarded(world, person=None, title="Chuyên viên chính"):
    change_set = propose(person or world.person, world.officer, title)
    return services.submit(change_set=change_set, acting_user=world.officer, confirmed=True)


def test_the_employee_submits_from_the_change_set_page(world):
    change_set = propose(world.person, world.employee)
    client = client_for(world.employee)
    page = client.get(reverse("people:change_set_diff", kwargs={"uid": change_set.uid}))
    assert services.submit_statement() in page.content.decode()

    response = client.post(
        reverse("approvals:submit", kwargs={"uid": change_set.uid}), {"confirmed": "on", "event_date": "02/11/2026"}
    )

    assert response.status_code == 302
    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.SUBMITTED


def test_submitting_without_ticking_the_statement_shows_why(world):
    change_set = propose(world.person, world.employee)
    client = client_for(world.employee)

    response = client.post(reverse("approvals:submit", kwargs={"uid": change_set.uid}), {}, follow=True)

    assert "Xác nhận" in response.content.decode() or "Confirm" in response.content.decode()
    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.DRAFT


def test_the_returned_comment_is_shown_to_the_author(world):
    change_set = propose(world.person, world.employee)
    services.submit(change_set=change_set, acting_user=world.employee, confirmed=True)
    officer = client_for(world.officer)

    refused = officer.post(reverse("approvals:return", kwargs={"uid": change_set.uid}), {"comment": ""})
    assert refused.status_code == 302
    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.SUBMITTED
    officer.post(reverse("approvals:return", kwargs={"uid": change_set.uid}), {"comment": "Bổ sung quyết định."})

    page = client_for(world.employee).get(reverse("people:change_set_edit", kwargs={"uid": change_set.uid}))
    assert "Bổ sung quyết định." in page.content.decode()


def test_the_employee_may_not_forward(world):
    change_set = propose(world.person, world.employee)
    services.submit(change_set=change_set, acting_user=world.employee, confirmed=True)

    response = client_for(world.employee).post(reverse("approvals:forward", kwargs={"uid": change_set.uid}))

    assert response.status_code == 403


def test_the_head_approves_through_the_old_apply_address(world, in_window):
    change_set = forwarded(world)

    response = client_for(world.head).post(reverse("people:change_set_apply", kwargs={"uid": change_set.uid}))

    assert response.status_code == 302
    world.person.refresh_from_db()
    assert world.person.current_version == 2


def test_a_draft_cannot_be_applied_without_the_workflow(world, in_window):
    change_set = propose(world.person, world.setup)

    client_for(world.head).post(reverse("people:change_set_apply", kwargs={"uid": change_set.uid}))

    world.person.refresh_from_db()
    assert world.person.current_version == 1


def test_the_approval_queue_shows_the_window_and_does_not_grow_in_queries(
    world, in_window, django_assert_max_num_queries
):
    forwarded(world)
    client = client_for(world.head)
    client.get(reverse("approvals:approval_queue"))  # warm the session and the catalog caches
    with django_assert_max_num_queries(30) as few:
        page = client.get(reverse("approvals:approval_queue"))
    body = page.content.decode()
    assert "11/2026" in body and "26/11" in body and "30/11" in body
    assert services.approval_statement() in body
    for n in range(4):
        person = new_record(
            world.unit,
            world.setup,
            personal={"full_name": f"Phạm Văn Số {n}", "gender": "MALE"},
            identity={"citizen_id": f"08708500030{n}"},
        )
        forwarded(world, person=person)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("approvals:approval_queue"))
    assert page.content.decode().count('name="change_sets"') == 5


def test_batch_approval_shows_each_result(world, in_window):
    first = forwarded(world)
    second = forwarded(world, person=world.other)
    client = client_for(world.head)

    response = client.post(
        reverse("approvals:batch_approve"), {"change_sets": [str(first.uid), str(second.uid)]}, follow=True
    )

    batch = ApprovalBatch.objects.get()
    assert (batch.approved, batch.refused) == (2, 0)
    assert response.redirect_chain[-1][0] == reverse("approvals:batch_result", kwargs={"uid": batch.uid})
    page = response.content.decode()
    assert "Đã phê duyệt và ký số 2/2 hồ sơ." in page
    # each line leads to the signed version it made
    assert reverse("people:version_detail", args=[world.other.uid, 2]) in page


def test_batch_approval_of_something_not_yours_is_forbidden(world, in_window):
    change_set = forwarded(world)

    response = client_for(world.officer).post(
        reverse("approvals:batch_approve"), {"change_sets": [str(change_set.uid)]}
    )

    assert response.status_code == 403
    assert not ApprovalBatch.objects.exists()


def test_the_review_queue_and_my_changes(world):
    change_set = propose(world.person, world.employee)
    services.submit(change_set=change_set, acting_user=world.employee, confirmed=True)

    review = client_for(world.officer).get(reverse("approvals:review_queue"))
    mine = client_for(world.employee).get(reverse("approvals:my_changes"))

    assert str(change_set.uid) in review.content.decode()
    assert str(change_set.uid) in mine.content.decode()
    assert str(change_set.uid) not in client_for(world.employee).get(reverse("approvals:review_queue")).content.decode()
