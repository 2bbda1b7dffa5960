"""The demo leaves the workflow ready to try: rules, certificates for the approvers, pending change sets."""

import pytest
from django.core.management import call_command

from hoso.accounts.models import User
from hoso.approvals.models import ApprovalRule, ReviewStep
from hoso.approvals.selectors import approval_queue, review_queue
from hoso.documents.selectors import missing_documents
from hoso.people.enums import ChangeSetStatus
from hoso.people.models import ChangeSet

pytestmark = pytest.mark.django_db(transaction=False)


def test_the_demo_leaves_change_sets_pending_and_gives_approvers_certificates(tmp_path, settings):
    settings.HOSO_REQUIRED_DOCUMENTS = {"*": []}  # every change needs a document: the demo attaches one
    call_command(
        "demo", "--people", "200", "--seed", "3", "--password", "x", "--problems-file", str(tmp_path / "p.json")
    )

    statuses = sorted(ChangeSet.objects.values_list("status", flat=True))
    assert statuses.count(ChangeSetStatus.SUBMITTED) == 1
    assert statuses.count(ChangeSetStatus.FORWARDED) == 3
    assert statuses.count(ChangeSetStatus.RETURNED) == 1
    assert ApprovalRule.objects.exists()
    head, officer = User.objects.get(username="head"), User.objects.get(username="officer")
    assert head.signing_credentials.filter(active=True).count() == 1
    assert User.objects.get(username="admin").signing_credentials.exists()
    assert len(approval_queue(head)) == 3
    assert len(review_queue(officer)) == 1
    for change_set in ChangeSet.objects.filter(status__in=[ChangeSetStatus.SUBMITTED, ChangeSetStatus.FORWARDED]):
        assert missing_documents(change_set) == []
    assert ReviewStep.objects.filter(action="RETURN").get().comment
