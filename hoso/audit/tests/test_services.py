import datetime
import uuid
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory, override_settings

from hoso.audit import triggers
from hoso.audit.chain import GENESIS_HASH
from hoso.audit.enums import AuditAction, Channel
from hoso.audit.models import AppendOnlyError, AuditEntry
from hoso.audit.services import record_event
from hoso.audit.tests.factories import make_entries

pytestmark = pytest.mark.django_db


def test_entries_form_a_chain_from_the_genesis_hash_with_numbers_that_do_not_skip(officer_a):
    before = AuditEntry.objects.count()

    entries = make_entries(3, actor=officer_a)

    assert [e.sequence for e in entries] == [before + 1, before + 2, before + 3]
    stored = list(AuditEntry.objects.order_by("sequence"))
    assert stored[0].prev_hash == GENESIS_HASH
    for previous, entry in zip(stored, stored[1:], strict=False):
        assert entry.prev_hash == previous.hash
    # Read back from the database, every entry still hashes to what was stored (the columns round-trip exactly).
    assert all(entry.compute_hash() == entry.hash for entry in stored)
    assert all(len(entry.hash) == 64 for entry in stored)


def test_an_entry_keeps_who_when_where_what_which_unit_and_which_person(officer_a, unit_a, person_a):
    person = person_a
    request = RequestFactory().get("/people/", REMOTE_ADDR="10.20.30.40", HTTP_USER_AGENT="Firefox " + "x" * 400)
    request.user = officer_a

    entry = record_event(AuditAction.RECORD_VIEWED, request=request, person=person, target=person)

    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.actor == officer_a
    assert entry.actor_username == "canbo.a"
    assert entry.actor_name == "Trần Văn An"
    assert entry.actor_label == "Trần Văn An (canbo.a)"
    assert entry.actor_unit == unit_a
    assert entry.ip == "10.20.30.40"
    assert entry.user_agent.startswith("Firefox xxx") and len(entry.user_agent) == 255
    assert entry.channel == Channel.WEB
    assert entry.action == "RECORD_VIEWED" and str(entry.action_label) == "Xem toàn bộ hồ sơ"
    assert (entry.unit, entry.unit_name) == (unit_a, "Sở Tài chính")  # the person's employing unit by default
    assert (entry.person, entry.person_name) == (person, person.full_name)
    assert (entry.target_type, entry.target_id) == ("people.person", str(person.uid))
    assert entry.at is not None


def test_without_a_request_the_channel_is_a_command_and_targets_may_be_given_as_pairs():
    entry = record_event(AuditAction.EXPORT, target=("report", "bc-2026-01"), detail={"rows": 12})

    assert entry.channel == Channel.COMMAND
    assert entry.actor is None and entry.actor_username == "" and entry.ip == ""
    assert (entry.target_type, entry.target_id) == ("report", "bc-2026-01")
    assert entry.detail == {"rows": 12}


def test_requests_under_the_api_are_the_api_channel(officer_a):
    request = RequestFactory().get("/api/v1/people/", REMOTE_ADDR="10.0.0.9")

    entry = record_event(AuditAction.SEARCH, actor=officer_a, request=request)

    assert entry.channel == Channel.API


def test_forwarded_for_is_ignored_unless_trusted_and_then_its_last_address_is_used(officer_a):
    factory = RequestFactory()
    headers = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.7"}

    untrusted = record_event(AuditAction.SEARCH, actor=officer_a, request=factory.get("/", **headers))
    with override_settings(HOSO_AUDIT_TRUST_X_FORWARDED_FOR=True):
        trusted = record_event(AuditAction.SEARCH, actor=officer_a, request=factory.get("/", **headers))
        forged = record_event(
            AuditAction.SEARCH,
            actor=officer_a,
            request=factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address"),
        )

    assert untrusted.ip == "10.0.0.1"
    assert trusted.ip == "203.0.113.7"
    assert forged.ip == "10.0.0.1"


def test_an_ipv6_address_is_stored_in_its_short_form(officer_a):
    request = RequestFactory().get("/", REMOTE_ADDR="2001:0DB8:0000:0000:0000:0000:0000:0001")

    entry = record_event(AuditAction.SEARCH, actor=officer_a, request=request)

    assert AuditEntry.objects.get(pk=entry.pk).ip == "2001:db8::1"


def test_secrets_are_removed_and_id_numbers_masked_in_details_at_any_depth(officer_a):
    detail = {
        "password": "Mat-khau-1",
        "query": "087185000123",
        "changes": [{"field": "citizen_id", "old": "087185000123", "new": "087 185 000 124"}],
        "api": {"Authorization": "Bearer abc", "new_token": "zzz"},
        "phone": "0912345678",
        "note": "nul\x00byte",
    }

    entry = record_event(AuditAction.RECORD_CHANGED, actor=officer_a, detail=detail)

    stored = AuditEntry.objects.get(pk=entry.pk).detail
    assert stored == {
        "password": "[redacted]",
        "query": "087******123",
        "changes": [{"field": "citizen_id", "old": "087******123", "new": "087******124"}],
        "api": {"Authorization": "[redacted]", "new_token": "[redacted]"},
        "phone": "0912345678",
        "note": "nulbyte",
    }


def test_details_keep_dates_decimals_and_ids_as_text(officer_a):
    uid = uuid.uuid4()
    entry = record_event(
        AuditAction.REPORT,
        actor=officer_a,
        detail={"on": datetime.date(2026, 3, 5), "coefficient": Decimal("3.33"), "unit": uid, "kinds": {"B", "A"}},
    )

    assert AuditEntry.objects.get(pk=entry.pk).detail == {
        "on": "2026-03-05",
        "coefficient": "3.33",
        "unit": str(uid),
        "kinds": ["A", "B"],
    }


def test_an_unknown_action_is_refused_and_writes_nothing():
    count = AuditEntry.objects.count()

    with pytest.raises(ValueError):
        record_event("SOMETHING_ELSE")

    assert AuditEntry.objects.count() == count


def test_an_act_that_fails_leaves_no_entry_and_the_numbering_stays_gapless(officer_a):
    make_entries(1, actor=officer_a)
    last = AuditEntry.objects.order_by("-sequence").first()

    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(AuditAction.RECORD_CHANGED, actor=officer_a)
        raise RuntimeError("the act failed after logging")

    assert AuditEntry.objects.order_by("-sequence").first() == last
    after = record_event(AuditAction.RECORD_CHANGED, actor=officer_a)
    assert after.sequence == last.sequence + 1
    assert after.prev_hash == last.hash


def test_the_orm_refuses_to_change_or_delete_entries(officer_a):
    entry = make_entries(1, actor=officer_a)[0]
    entries = AuditEntry.objects.filter(pk=entry.pk)

    entry.detail = {"n": 99}
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        entries.update(action="LOGIN")
    with pytest.raises(AppendOnlyError):
        entries.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.bulk_create([AuditEntry(sequence=999, action="LOGIN")])

    assert AuditEntry.objects.get(pk=entry.pk).detail == {"n": 0}


def test_an_entry_not_chained_by_record_event_is_refused(officer_a):
    with pytest.raises(AppendOnlyError):
        AuditEntry(sequence=10_000, action="LOGIN", prev_hash=GENESIS_HASH, hash="0" * 64).save()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.create(sequence=10_000, action="LOGIN", prev_hash=GENESIS_HASH, hash="f" * 64)


def test_the_triggers_are_in_place():
    assert triggers.missing(connection) == set()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditentry SET action = 'LOGIN'",
        "UPDATE audit_auditentry SET detail = '{}' WHERE sequence = 1",
        "DELETE FROM audit_auditentry",
        "DELETE FROM audit_auditentry WHERE sequence = 1",
    ],
)
def test_the_database_refuses_update_and_delete_of_entries_whatever_the_code(officer_a, sql):
    make_entries(2, actor=officer_a)
    count = AuditEntry.objects.count()

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)

    assert AuditEntry.objects.count() == count
    assert AuditEntry.objects.filter(action="LOGIN").count() == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE exists on PostgreSQL only")
def test_postgresql_refuses_truncate(officer_a):
    make_entries(1, actor=officer_a)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # run the deferred foreign-key checks TRUNCATE waits for

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditentry CASCADE")

    assert AuditEntry.objects.exists()


def test_accounts_units_and_records_with_history_cannot_be_deleted(officer_a, unit_a):
    from django.db.models import ProtectedError

    record_event(AuditAction.LOGIN, actor=officer_a)

    with pytest.raises(ProtectedError):
        officer_a.delete()
