"""`manage.py audit_verify` finds a modified, inserted or deleted entry, and a deleted tail given the head.

Tampering is done as an attacker with database access would: drop the append-only triggers, then raw SQL.
"""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from hoso.audit import triggers
from hoso.audit.chain import GENESIS_HASH, entry_hash
from hoso.audit.models import AuditEntry
from hoso.audit.tests.factories import insert_raw, make_entries, raw_sql, without_triggers

pytestmark = pytest.mark.django_db


def verify(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit_verify", "--language", "en", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def chain(officer_a) -> list[AuditEntry]:
    """Ten entries; their numbers are read back because other apps' services may have logged before."""
    make_entries(10, actor=officer_a)
    return list(AuditEntry.objects.order_by("sequence"))


def test_an_intact_log_passes_and_says_how_many_entries_were_checked(chain):
    code, out, err = verify()

    assert (code, err) == (0, "")
    assert out.strip() == f"The audit log is intact: {len(chain)} entries checked."


def test_the_report_is_in_vietnamese_by_default(chain):
    out = io.StringIO()

    call_command("audit_verify", stdout=out)

    assert out.getvalue().strip() == f"Nhật ký nguyên vẹn: đã kiểm tra {len(chain)} mục."


def test_an_empty_log_is_intact():
    if AuditEntry.objects.exists():
        pytest.skip("another app logged during set-up")

    assert verify() == (0, "The audit log is intact: 0 entries checked.\n", "")


def test_a_modified_entry_is_found_by_its_number(chain):
    victim = chain[4]
    raw_sql("UPDATE audit_auditentry SET detail = %s WHERE sequence = %s", [json.dumps({"n": 999}), victim.sequence])

    code, out, err = verify()

    assert code == 1
    assert out == ""
    assert err.startswith(f"Entry {victim.sequence} (")
    assert "was modified" in err


@pytest.mark.parametrize("column", ["actor_username", "ip", "action", "unit_name", "at"])
def test_any_column_changed_breaks_the_hash(chain, column):
    victim = chain[2]
    value = "2020-01-01 00:00:00" if column == "at" else "tampered"
    if column == "at" and connection.vendor == "postgresql":
        value = "2020-01-01 00:00:00+00"
    raw_sql(f"UPDATE audit_auditentry SET {column} = %s WHERE sequence = %s", [value, victim.sequence])  # noqa: S608

    code, _, err = verify()

    assert code == 1
    assert err.startswith(f"Entry {victim.sequence} (") and "was modified" in err


def test_a_modified_entry_whose_hash_was_recomputed_breaks_the_next_link(chain):
    victim = chain[4]
    values = victim.hashed_values() | {"actor_username": "someone-else"}
    raw_sql(
        "UPDATE audit_auditentry SET actor_username = %s, hash = %s WHERE sequence = %s",
        ["someone-else", entry_hash(values), victim.sequence],
    )

    code, _, err = verify()

    assert code == 1
    assert err.startswith(f"Entry {victim.sequence + 1} (")
    assert "does not follow the entry before it" in err


def test_a_deleted_entry_is_reported_as_missing(chain):
    victim = chain[5]
    raw_sql("DELETE FROM audit_auditentry WHERE sequence = %s", [victim.sequence])

    code, _, err = verify()

    assert code == 1
    assert err.startswith(f"Entry {victim.sequence} is missing: after entry {victim.sequence - 1} comes entry ")
    assert f"comes entry {victim.sequence + 1} (" in err


def test_a_deleted_entry_with_the_rest_renumbered_is_found_at_the_gap(chain):
    victim = chain[5]
    with without_triggers(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE sequence = %s", [victim.sequence])
        # Two steps so that the unique numbers never collide while they shift.
        cursor.execute(
            "UPDATE audit_auditentry SET sequence = sequence + 100000 WHERE sequence > %s", [victim.sequence]
        )
        cursor.execute(
            "UPDATE audit_auditentry SET sequence = sequence - 100001 WHERE sequence > 100000",
        )

    code, _, err = verify()

    assert code == 1
    assert err.startswith(f"Entry {victim.sequence} (")
    assert "does not follow the entry before it" in err


def test_an_inserted_entry_is_found_where_it_joins_the_chain(chain):
    """The forger shifts the later entries up and slips a well-formed entry in after entry k: its own hash is
    right and it points to k, but entry k+2 (formerly k+1) still points to k."""
    k = chain[3]
    forged = k.hashed_values() | {"sequence": k.sequence + 1, "prev_hash": k.hash, "actor_username": "ghost"}
    with without_triggers(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET sequence = sequence + 100000 WHERE sequence > %s", [k.sequence])
        cursor.execute("UPDATE audit_auditentry SET sequence = sequence - 99999 WHERE sequence > 100000")
        insert_raw(forged | {"hash": entry_hash(forged)})

    code, _, err = verify()

    assert code == 1
    assert err.startswith(f"Entry {k.sequence + 2} (")
    assert "does not follow the entry before it" in err


def test_an_entry_appended_with_a_made_up_link_is_found(chain):
    last = chain[-1]
    forged = last.hashed_values() | {"sequence": last.sequence + 1, "prev_hash": "a" * 64}
    insert_raw(forged | {"hash": entry_hash(forged)})

    code, _, err = verify()

    assert code == 1
    assert err.startswith(f"Entry {last.sequence + 1} (") and "does not follow" in err


def test_the_recorded_head_detects_a_deleted_tail(chain):
    code, out, _ = verify("--print-head")
    head = chain[-1]
    assert code == 0
    assert f"Head: entry {head.sequence} (" in out and head.hash in out

    raw_sql("DELETE FROM audit_auditentry WHERE sequence >= %s", [chain[-3].sequence])

    assert verify()[0] == 0  # without the anchor, a shorter chain still looks whole
    code, _, err = verify("--expect-head", head.hash)
    assert code == 1
    assert err.startswith(f"The chain is intact up to entry {chain[-4].sequence} (")
    assert "entries were deleted from the end" in err


def test_a_head_recorded_earlier_is_still_found_after_new_entries(chain, officer_a):
    head = chain[-1].hash
    make_entries(3, actor=officer_a)

    assert verify("--expect-head", head.upper())[0] == 0


def test_a_malformed_head_is_refused_with_a_message():
    with pytest.raises(CommandError, match="64 hexadecimal characters"):
        call_command("audit_verify", "--language", "en", "--expect-head", "not-a-hash")


def test_missing_triggers_are_warned_about(chain):
    with without_triggers():
        code, _, err = verify()

    assert code == 0
    assert "the database triggers that keep the log append-only are missing" in err


def test_the_first_entry_links_to_the_genesis_hash(chain):
    first = AuditEntry.objects.order_by("sequence").first()
    assert first is not None and first.sequence == 1 and first.prev_hash == GENESIS_HASH
    raw_sql("UPDATE audit_auditentry SET prev_hash = %s WHERE sequence = 1", ["1" * 64])

    code, _, err = verify()

    assert code == 1 and err.startswith("Entry 1 (")
    assert triggers.missing(connection) == set()  # put back after the tampering
