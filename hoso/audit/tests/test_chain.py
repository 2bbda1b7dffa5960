"""The hash chain and masking as pure functions (no database)."""

import datetime

import pytest

from hoso.audit.chain import GENESIS_HASH, HASHED_FIELDS, Break, canonical_bytes, entry_hash, json_safe, walk
from hoso.audit.masking import mask_id_numbers, scrub

AT = datetime.datetime(2026, 3, 5, 8, 30, 15, 123456, tzinfo=datetime.UTC)


def values(sequence: int, prev_hash: str, **overrides: object) -> dict[str, object]:
    base: dict[str, object] = {name: "" for name in HASHED_FIELDS}
    base |= {
        "sequence": sequence,
        "at": AT + datetime.timedelta(seconds=sequence),
        "action": "SEARCH",
        "actor_id": None,
        "actor_unit_id": None,
        "unit_id": None,
        "person_id": None,
        "detail": {"n": sequence},
        "prev_hash": prev_hash,
    }
    return base | overrides


def chain_rows(count: int) -> list[tuple[object, ...]]:
    rows, previous = [], GENESIS_HASH
    for sequence in range(1, count + 1):
        row = values(sequence, previous)
        previous = entry_hash(row)
        rows.append((*(row[name] for name in HASHED_FIELDS), previous))
    return rows


def test_canonical_bytes_sort_keys_compact_and_nfc():
    decomposed = "Nguye\u0302\u0303n"  # "Nguyễn" typed with combining marks

    assert canonical_bytes({"b": 1, "a": decomposed}) == '{"a":"Nguyễn","b":1}'.encode()


def test_floats_have_no_canonical_form_and_details_turn_them_into_text():
    with pytest.raises(TypeError):
        canonical_bytes({"x": 1.5})
    assert json_safe({"x": 1.5, "d": datetime.date(2026, 1, 2)}) == {"x": "1.5", "d": "2026-01-02"}
    with pytest.raises(TypeError):
        json_safe({"x": object()})


def test_the_hash_covers_every_column_and_the_time_to_the_microsecond():
    row = values(1, GENESIS_HASH)
    original = entry_hash(row)

    for name in HASHED_FIELDS:
        changed = dict(row)
        if name == "at":
            changed[name] = AT + datetime.timedelta(microseconds=1)
        elif name in {"sequence", "actor_id", "actor_unit_id", "unit_id", "person_id"}:
            changed[name] = 7
        elif name == "detail":
            changed[name] = {"n": 2}
        else:
            changed[name] = "x"
        assert entry_hash(changed) != original, name
    same_instant = AT.astimezone(datetime.timezone(datetime.timedelta(hours=7))) + datetime.timedelta(seconds=1)
    assert entry_hash(row | {"at": same_instant}) == original


def test_walk_finds_nothing_wrong_in_a_good_chain_and_reports_its_head():
    rows = chain_rows(5)

    result = walk(rows)

    assert result.intact and result.checked == 5
    assert (result.head_sequence, result.head_hash) == (5, rows[-1][-1])


def test_walk_names_the_kind_and_number_of_the_first_break():
    rows = chain_rows(6)
    modified = list(rows)
    modified[2] = (*rows[2][:-2], "a" * 64, rows[2][-1])  # prev_hash changed
    assert walk(modified).finding.kind == Break.UNLINKED and walk(modified).finding.sequence == 3

    deleted = rows[:3] + rows[4:]
    finding = walk(deleted).finding
    assert (finding.kind, finding.sequence, finding.expected_sequence) == (Break.MISSING, 5, 4)

    detail_index = HASHED_FIELDS.index("detail")
    edited = list(rows)
    edited[1] = tuple({"n": 99} if i == detail_index else value for i, value in enumerate(rows[1]))
    assert (walk(edited).finding.kind, walk(edited).finding.sequence) == (Break.MODIFIED, 2)


def test_walk_checks_an_expected_head():
    rows = chain_rows(4)

    assert walk(rows, expect_head=rows[1][-1]).intact
    finding = walk(rows[:2], expect_head=rows[3][-1]).finding
    assert (finding.kind, finding.sequence) == (Break.HEAD_MISSING, 2)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("087185000123", "087******123"),
        ("CCCD: 087 185 000 123.", "CCCD: 087******123."),
        ("087.185.000.123", "087******123"),
        ("0912345678", "0912345678"),  # a phone number stays
        ("1234567890123", "1234567890123"),  # 13 digits: not an ID number
        ("a087185000123b", "a087******123b"),
    ],
)
def test_id_numbers_are_masked(text, masked):
    assert mask_id_numbers(text) == masked


def test_scrub_removes_secrets_by_key_at_any_depth():
    assert scrub({"PASSWORD": "x", "rows": [{"otp_code": "123456", "name": "An"}], "ids": {"087185000123"}}) == {
        "PASSWORD": "[redacted]",
        "rows": [{"otp_code": "[redacted]", "name": "An"}],
        "ids": ["087******123"],
    }
