"""The workflow's part of the demo province (issue 5 §6): approver rules, a demo CA, certificates, pending changes.

Run by `manage.py demo` after the province is built. Like the rest of the demo generator it writes rows directly
(no audit entries: the demo province must stay deletable by `demo --reset`), and is never run in production.
Leaves, in unit A: changes SUBMITTED by the employee persona (each with a small generated PDF), changes FORWARDED
by the officer and waiting for the head, and one RETURNED with the officer's comment.
"""

import copy
import datetime
import io
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from hoso.accounts.models import User
from hoso.approvals.enums import ReviewAction
from hoso.approvals.models import ReviewStep
from hoso.approvals.rule_loading import complete_fixed_units, load_preset
from hoso.approvals.rules import approver_for, authority
from hoso.approvals.services import open_or_next_window, submit_statement
from hoso.documents.content import store_content
from hoso.documents.models import DocumentType, SupportingDocument
from hoso.documents.selectors import required_types
from hoso.people.enums import ChangeOrigin, ChangeSetStatus
from hoso.people.models import ChangeSet, Person
from hoso.people.services import current_snapshot
from hoso.signing.demo import create_demo_ca, issue_demo_credential
from hoso.workdays import calendar

APPROVER_PERSONAS = ("head", "admin")
RETURN_COMMENT = "Đề nghị bổ sung bản sao quyết định kèm theo; số điện thoại chưa khớp với tờ khai."


def demo_pdf(text: str) -> bytes:
    """A one-page PDF (drawn with Pillow), standing in for a scanned decision."""
    image = Image.new("RGB", (595, 842), "white")
    ImageDraw.Draw(image).text((60, 80), text, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=72.0)
    return buffer.getvalue()


def _document(change_set: ChangeSet, author: User, part: str, number: str) -> None:
    accepted = required_types(part)
    types = DocumentType.objects.filter(is_active=True).order_by("position", "pk")
    chosen = (types.filter(code__in=accepted).first() if accepted else None) or types.first()
    if chosen is None:
        return
    document = SupportingDocument(
        uid=uuid.uuid4(),
        change_set=change_set,
        person=change_set.person,
        document_type=chosen,
        number=number,
        issued_on=timezone.localdate() - datetime.timedelta(days=3),
        issuer="Sở Nội vụ",
        parts=[part],
        original_name=f"{number.replace('/', '-')}.pdf",
        content_type="application/pdf",
        uploaded_by=author,
    )
    store_content(document, demo_pdf(f"Quyet dinh so {number}"))
    document.save()


def _change(person: Person, author: User, phone: str, title: str) -> ChangeSet:
    proposed = copy.deepcopy(current_snapshot(person))
    proposed["person"]["phone"] = phone
    return ChangeSet.objects.create(
        person=person,
        unit=person.employing_unit,
        base_version=person.current_version,
        proposed=proposed,
        title=title,
        created_by=author,
        origin=ChangeOrigin.SELF if person.account_id == author.pk else ChangeOrigin.UNIT,
    )


def _submitted(change_set: ChangeSet, author: User, at: datetime.datetime) -> None:
    change_set.status = ChangeSetStatus.SUBMITTED
    change_set.event_date = at.date() - datetime.timedelta(days=2)
    kind = "new_record" if change_set.person_id is None else "change"
    change_set.entry_due = calendar.entry_due(change_set.event_date, kind)
    change_set.confirmation = submit_statement()
    change_set.submitted_by, change_set.submitted_at = author, at
    ReviewStep.objects.create(change_set=change_set, action=ReviewAction.SUBMIT, actor=author, at=at)


def _head_approves(head: User, person: Person) -> bool:
    """Whether the rule table sends this person's changes to the head persona (so the demo queue is theirs)."""
    probe = ChangeSet(person=person, unit=person.employing_unit, proposed=current_snapshot(person))
    return authority(head, approver_for(probe), person.account_id).allowed


def seed_workflow(out: Callable[[str], None], *, key_directory: Path | None = None) -> None:
    """Rules, CA and certificates, and the pending change sets of unit A (see the module docstring)."""
    users = {user.username: user for user in User.objects.filter(username__in=["officer", "employee", "head", "admin"])}
    if len(users) < 4:
        out("Approval demo skipped: the demo accounts are missing.")
        return
    load_preset(settings.HOSO_APPROVAL_RULES_PRESET, replace=False)
    complete_fixed_units()
    ca = create_demo_ca(key_directory or Path(settings.BASE_DIR) / "var" / "keys")
    for username in APPROVER_PERSONAS:
        issue_demo_credential(users[username], ca=ca)
    officer, employee = users["officer"], users["employee"]
    own = Person.objects.filter(account=employee).select_related("employing_unit").first()
    if own is None:
        return
    head = users["head"]
    candidates = (
        Person.objects.filter(employing_unit__path__startswith=own.employing_unit.path, account__isnull=True)
        .exclude(pk=own.pk)
        .select_related("employing_unit")
        .order_by("pk")[:50]
    )
    colleagues = [person for person in candidates if _head_approves(head, person)][:4]
    now = timezone.now()
    with transaction.atomic():
        first = _change(own, employee, "0912000111", "Cập nhật số điện thoại")
        _document(first, employee, "identity", "15/GXN")
        _submitted(first, employee, now)
        first.save()
        for n, person in enumerate(colleagues[:3]):
            forwarded = _change(person, officer, f"091300022{n}", "Cập nhật thông tin liên hệ")
            _document(forwarded, officer, "identity", f"2{n}/QĐ-SNV")
            _submitted(forwarded, officer, now)
            forwarded.status = ChangeSetStatus.FORWARDED
            forwarded.forwarded_by, forwarded.forwarded_at = officer, now
            forwarded.approval_due = open_or_next_window(timezone.localdate()).deadline
            ReviewStep.objects.create(change_set=forwarded, action=ReviewAction.FORWARD, actor=officer, at=now)
            forwarded.save()
        if len(colleagues) > 3:
            returned = _change(colleagues[3], officer, "0914000333", "Cập nhật số điện thoại")
            _submitted(returned, officer, now - datetime.timedelta(hours=2))
            returned.status = ChangeSetStatus.RETURNED
            ReviewStep.objects.create(
                change_set=returned, action=ReviewAction.RETURN, actor=users["head"], comment=RETURN_COMMENT, at=now
            )
            returned.save()
    out(
        "Approval demo: rules loaded, demo certificates for head and admin, "
        f"change sets pending in {own.employing_unit.name} (1 submitted, {min(3, len(colleagues))} forwarded, "
        f"{1 if len(colleagues) > 3 else 0} returned)."
    )
