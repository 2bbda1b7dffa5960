"""The workflow's services: submit, return, forward, approve (one and in batches), and every refusal (issue 5 §5)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from hoso.accounts.models import Delegation
from hoso.approvals import services
from hoso.approvals.enums import ReviewAction
from hoso.approvals.models import ApprovalBatch, ApprovalDecision, ReviewStep
from hoso.approvals.tests.conftest import OUTSIDE_WINDOW, credential, propose
from hoso.people.enums import ChangeSetStatus
from hoso.people.models import RecordVersion
from hoso.people.services import ChangeSetNotEditable, NotAllowed, RecordInvalid, StaleChangeSet, apply_change_set
from hoso.quality.models import CompletenessScore
from hoso.signing import pki, providers
from hoso.signing.errors import SigningError
from hoso.signing.models import VersionSignature

pytestmark = pytest.mark.django_db


def submitted(world, *, by=None):
    change_set = propose(world.person, by or world.employee)
    return services.submit(change_set=change_set, acting_user=by or world.employee, confirmed=True)


def forwarded(world, title="Chuyên viên chính", person=None):
    change_set = propose(person or world.person, world.officer, title)
    return services.submit(change_set=change_set, acting_user=world.officer, confirmed=True)


def steps(change_set):
    return list(ReviewStep.objects.filter(change_set=change_set).values_list("action", flat=True))


# --- submit -----------------------------------------------------------------------------------------------------


def test_the_employee_submits_with_the_statement_and_it_waits_for_review(world):
    change_set = propose(world.person, world.employee)

    services.submit(
        change_set=change_set, acting_user=world.employee, confirmed=True, event_date=datetime.date(2026, 11, 2)
    )

    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.SUBMITTED
    assert change_set.confirmation == services.submit_statement()
    assert change_set.submitted_by == world.employee
    assert change_set.event_date == datetime.date(2026, 11, 2)
    assert change_set.entry_due is not None and change_set.entry_due > change_set.event_date
    assert steps(change_set) == [ReviewAction.SUBMIT]


def test_submitting_without_the_confirmation_is_refused_and_changes_nothing(world):
    change_set = propose(world.person, world.employee)

    with pytest.raises(RecordInvalid) as refused:
        services.submit(change_set=change_set, acting_user=world.employee, confirmed=False)

    assert "confirmed" in refused.value.errors
    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.DRAFT and change_set.submitted_at is None
    assert steps(change_set) == []


def test_submitting_a_draft_that_changes_nothing_is_refused(world):
    from hoso.people import services as people_services

    change_set = people_services.start_change_set(person=world.person, acting_user=world.employee)

    with pytest.raises(RecordInvalid) as refused:
        services.submit(change_set=change_set, acting_user=world.employee, confirmed=True)

    assert "changes" in refused.value.errors


def test_only_the_author_submits(world):
    change_set = propose(world.person, world.employee)

    with pytest.raises(NotAllowed):
        services.submit(change_set=change_set, acting_user=world.officer, confirmed=True)


def test_a_missing_required_document_is_named_and_the_change_set_stays_a_draft(world, settings):
    settings.HOSO_REQUIRED_DOCUMENTS = {"*": []}
    change_set = propose(world.person, world.employee)

    with pytest.raises(RecordInvalid) as refused:
        services.submit(change_set=change_set, acting_user=world.employee, confirmed=True)

    assert len(refused.value.errors["documents"]) == 1
    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.DRAFT


def test_an_officer_who_checks_changes_submits_straight_to_the_approver(world, in_window):
    change_set = forwarded(world)

    assert change_set.status == ChangeSetStatus.FORWARDED
    assert steps(change_set) == [ReviewAction.SUBMIT, ReviewAction.FORWARD]
    assert change_set.approval_due == datetime.date(2026, 11, 30)


def test_without_the_review_step_a_submission_goes_to_the_approver(world, settings):
    settings.HOSO_REVIEW_STEP = False

    change_set = submitted(world)

    assert change_set.status == ChangeSetStatus.FORWARDED


# --- return and forward ---------------------------------------------------------------------------------------


def test_the_officer_returns_with_a_comment_and_the_author_fixes_and_resubmits(world):
    change_set = submitted(world)

    services.return_for_correction(change_set=change_set, acting_user=world.officer, comment="Thiếu số quyết định.")

    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.RETURNED
    step = ReviewStep.objects.get(change_set=change_set, action=ReviewAction.RETURN)
    assert (step.actor, step.comment) == (world.officer, "Thiếu số quyết định.")
    services.submit(change_set=change_set, acting_user=world.employee, confirmed=True)
    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.SUBMITTED


def test_returning_without_a_comment_is_refused(world):
    change_set = submitted(world)

    with pytest.raises(RecordInvalid) as refused:
        services.return_for_correction(change_set=change_set, acting_user=world.officer, comment="  ")

    assert "comment" in refused.value.errors
    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.SUBMITTED


def test_the_employee_cannot_forward_their_own_change(world):
    change_set = submitted(world)

    with pytest.raises(NotAllowed):
        services.forward(change_set=change_set, acting_user=world.employee)


def test_the_officer_forwards_and_the_approval_due_is_the_window_deadline(world, in_window):
    change_set = submitted(world)

    services.forward(change_set=change_set, acting_user=world.officer, comment="Đã kiểm tra")

    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.FORWARDED
    assert change_set.forwarded_by == world.officer
    assert change_set.approval_due == datetime.date(2026, 11, 30)


# --- approve ----------------------------------------------------------------------------------------------------


def test_the_head_approves_inside_the_window_and_the_version_is_signed(world, in_window):
    change_set = forwarded(world)

    result = services.approve(change_sets=[change_set], acting_user=world.head)

    assert [item.ok for item in result.items] == [True]
    version = result.items[0].version
    assert version.number == 2
    signature = VersionSignature.objects.get(version=version)
    assert signature.signer == world.head and signature.on_behalf_of is None
    decision = ApprovalDecision.objects.get(change_set=change_set)
    assert (decision.approver, decision.on_time, decision.approving_unit) == (world.head, True, world.unit)
    batch = ApprovalBatch.objects.get()
    assert (batch.window_start, batch.window_deadline) == (datetime.date(2026, 11, 26), datetime.date(2026, 11, 30))
    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.APPLIED
    assert steps(change_set)[-1] == ReviewAction.APPROVE
    assert CompletenessScore.objects.filter(person=world.person).exists()  # the dashboards follow at once


def test_approving_outside_the_window_says_when_it_opens_and_changes_nothing(world):
    with time_machine.travel(OUTSIDE_WINDOW, tick=False):
        change_set = forwarded(world)

        with pytest.raises(services.ApprovalRefused) as refused:
            services.approve_one(change_set=change_set, acting_user=world.head)

    assert "27/12/2026" in refused.value.message and "31/12/2026" in refused.value.message
    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.FORWARDED
    world.person.refresh_from_db()
    assert world.person.current_version == 1
    assert not VersionSignature.objects.exists()


def test_the_province_may_allow_approval_outside_the_window(world, settings):
    settings.HOSO_ALLOW_APPROVAL_OUTSIDE_WINDOW = True
    with time_machine.travel(OUTSIDE_WINDOW, tick=False):
        change_set = forwarded(world)
        version = services.approve_one(change_set=change_set, acting_user=world.head)

    assert version.number == 2


def test_an_officer_without_the_right_to_approve_is_refused(world, ca, in_window):
    change_set = forwarded(world)
    credential(world.officer, ca)

    with pytest.raises(NotAllowed):
        services.approve_one(change_set=change_set, acting_user=world.officer)

    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.FORWARDED


def test_nobody_approves_their_own_record(world, in_window):
    world.person.account = world.head
    world.person.save(update_fields=["account"])
    change_set = forwarded(world)

    with pytest.raises(NotAllowed):
        services.approve_one(change_set=change_set, acting_user=world.head)


def test_an_expired_certificate_refuses_the_whole_batch_before_anything_is_written(world, ca, in_window):
    change_set = forwarded(world)
    world.head.signing_credentials.all().delete()
    now = timezone.now()
    credential(
        world.head,
        ca,
        not_before=now - datetime.timedelta(days=400),
        not_after=now - datetime.timedelta(days=1),
    )

    with pytest.raises(SigningError):
        services.approve(change_sets=[change_set], acting_user=world.head)

    assert not ApprovalBatch.objects.exists()
    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.FORWARDED


def test_a_certificate_from_an_untrusted_ca_is_refused(world, in_window):
    change_set = forwarded(world)
    world.head.signing_credentials.all().delete()
    credential(world.head, pki.make_ca("CA lạ", key_size=2048))

    with pytest.raises(SigningError):
        services.approve_one(change_set=change_set, acting_user=world.head)

    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.FORWARDED


def test_a_stale_change_set_is_refused(world, in_window):
    change_set = forwarded(world)
    other = propose(world.person, world.setup, "Trưởng phòng")
    apply_change_set(change_set=other, acting_user=world.setup)

    with pytest.raises(StaleChangeSet):
        services.approve_one(change_set=change_set, acting_user=world.head)

    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.FORWARDED
    assert not ApprovalDecision.objects.exists()


def test_approving_a_change_marks_the_records_other_open_change_sets_superseded(world, in_window):
    first = forwarded(world)
    waiting = forwarded(world, "Trưởng phòng")
    draft = propose(world.person, world.employee, "Phó trưởng phòng")
    elsewhere = forwarded(world, person=world.other)

    services.approve_one(change_set=first, acting_user=world.head)

    for change_set in (waiting, draft, elsewhere):
        change_set.refresh_from_db()
    assert (waiting.status, draft.status) == (ChangeSetStatus.STALE, ChangeSetStatus.STALE)
    assert elsewhere.status == ChangeSetStatus.FORWARDED  # another record's change is untouched
    result = services.approve(change_sets=[waiting], acting_user=world.head)
    assert result.items[0].version is None  # a superseded change set is never applied
    assert isinstance(result.items[0].error, StaleChangeSet)
    with pytest.raises(StaleChangeSet):  # its author is told to start again from the current version
        services.submit(change_set=draft, acting_user=world.employee, confirmed=True)


def test_a_change_set_not_yet_forwarded_cannot_be_approved(world, in_window):
    change_set = submitted(world)

    with pytest.raises(ChangeSetNotEditable):
        services.approve_one(change_set=change_set, acting_user=world.head)


def test_a_crash_in_the_middle_of_a_batch_leaves_each_change_set_signed_or_untouched(world, in_window, monkeypatch):
    people = [world.person, world.other]
    change_sets = [forwarded(world, f"Chuyên viên {n}", person=people[n % 2]) for n in range(2)]
    from hoso.people.tests.factories import new_record

    for n in range(3):
        person = new_record(
            world.unit,
            world.setup,
            personal={"full_name": f"Phạm Văn Số {n}", "gender": "MALE"},
            identity={"citizen_id": f"08708500020{n}"},
        )
        change_sets.append(forwarded(world, f"Chuyên viên {n}", person=person))
    calls = {"n": 0}
    real_sign = providers.LocalPkcs12Provider.sign

    def failing_third(self, data, *, credential):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("the signing device was unplugged")
        return real_sign(self, data, credential=credential)

    monkeypatch.setattr(providers.LocalPkcs12Provider, "sign", failing_third)

    result = services.approve(change_sets=change_sets, acting_user=world.head)

    assert [item.ok for item in result.items] == [True, True, False, True, True]
    third = change_sets[2]
    third.refresh_from_db()
    assert third.status == ChangeSetStatus.FORWARDED
    assert not RecordVersion.objects.filter(change_set=third).exists()
    third.person.refresh_from_db()
    assert third.person.current_version == 1
    for item in result.approved:
        assert VersionSignature.objects.filter(version=item.version).exists()
    batch = result.batch
    batch.refresh_from_db()
    assert (batch.requested, batch.approved, batch.refused) == (5, 4, 1)


def test_a_delegate_approves_on_behalf_of_the_head(world, ca, in_window):
    today = timezone.localdate()
    Delegation.objects.create(
        delegator=world.head,
        delegate=world.officer,
        capabilities=["APPROVE"],
        valid_from=today,
        valid_to=today + datetime.timedelta(days=10),
        decision_number="12/QĐ-UQ",
    )
    credential(world.officer, ca)
    change_set = forwarded(world)

    version = services.approve_one(change_set=change_set, acting_user=world.officer)

    signature = VersionSignature.objects.get(version=version)
    assert (signature.signer, signature.on_behalf_of) == (world.officer, world.head)
    assert ApprovalDecision.objects.get(change_set=change_set).on_behalf_of == world.head


def test_a_delegation_of_approval_does_not_count_where_the_province_does_not_allow_it(world, ca, settings, in_window):
    settings.HOSO_DELEGABLE_CAPABILITIES = ["REVIEW", "VIEW_RECORD"]
    today = timezone.localdate()
    Delegation.objects.create(
        delegator=world.head,
        delegate=world.officer,
        capabilities=["APPROVE"],
        valid_from=today,
        valid_to=today + datetime.timedelta(days=10),
    )
    credential(world.officer, ca)
    change_set = forwarded(world)

    with pytest.raises(NotAllowed):
        services.approve_one(change_set=change_set, acting_user=world.officer)


def test_the_entry_deadline_follows_the_kind_of_what_changed(world, settings):
    """A work-history change follows the monthly rhythm (15 working days); where the province counts it as
    operational data under NĐ 27/2026 it is due in 3 working days, but only for events from 01/07/2026."""
    from hoso.workdays.calendar import add_working_days

    event = datetime.date(2026, 11, 2)
    first = services.submit(
        change_set=propose(world.person, world.employee), acting_user=world.employee, confirmed=True, event_date=event
    )
    assert first.entry_due == add_working_days(event, 15)

    settings.HOSO_EVENT_KINDS_BY_PART = {"work_history": "operational"}
    second = services.submit(
        change_set=propose(world.person, world.officer),
        acting_user=world.officer,
        confirmed=True,
        event_date=event,
    )
    assert services.entry_kinds(second) == ["operational"]
    assert second.entry_due == add_working_days(event, 3)
    assert services.entry_due_of(second, datetime.date(2026, 6, 15)) == add_working_days(datetime.date(2026, 6, 15), 15)
