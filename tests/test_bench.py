"""The benchmark harness itself (bench/): it runs end to end on a small province, writes results other tools can
read, and refuses to report an operation whose answer differs from the hand-written SQL's. No time is asserted."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bench.approval import WARMUP as BATCH_WARMUP
from bench.database import bench_database, fingerprint
from bench.report import OPERATION_KEYS, latest_results, markdown_tables, write_result
from bench.timing import FloorMismatch, Operation, measure, meets_target, percentile

ROOT = Path(__file__).resolve().parents[1]
EXPECTED_OPERATIONS = {
    "search_name_officer",
    "search_name_admin",
    "search_id_officer",
    "search_id_admin",
    "staff_list_page",
    "record_page",
    "api_person_detail",
    "province_statistics",
    "change_set_create",
    "change_set_apply",
    "policy_staff_list_officer",
    "policy_staff_list_unscoped",
    "policy_search_officer",
    "policy_search_unscoped",
}
READS_WITH_A_FLOOR = EXPECTED_OPERATIONS - {"change_set_create", "change_set_apply"}
APPROVAL_BATCH = (
    2  # unit A's head approves only 2 records of unit A's subtree in a 200-person province (1,000 at 100,000)
)
BATCH_OPERATIONS = {f"approve_sign_batch_{APPROVAL_BATCH}", f"verify_{APPROVAL_BATCH}_versions"}


def no_queries(thunk):
    thunk()
    return 0


@pytest.mark.xdist_group("bench")
def test_the_benchmark_runs_end_to_end_on_a_small_province_and_writes_its_results(tmp_path):
    results, scratch = tmp_path / "results", tmp_path / "var"
    command = [sys.executable, "-m", "bench", "--people", "200", "--seed", "7", "--databases", "sqlite"]
    command += ["--runs", "2", "--throughput", "no", "--results", str(results), "--var-dir", str(scratch)]
    command += ["--approval-batch", str(APPROVAL_BATCH)]

    first = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)

    assert first.returncode == 0, first.stdout + first.stderr
    assert "building sqlite database" in first.stdout
    assert second.returncode == 0, second.stdout + second.stderr
    assert "reusing sqlite database" in second.stdout  # same size, seed and generator: the database is reused
    [written] = results.glob("*-sqlite-200.json")
    result = json.loads(written.read_text(encoding="utf-8"))
    assert result["database"] == "sqlite" and result["people"] == 200 and result["seed"] == 7
    assert result["commit"] and result["database_version"].startswith("SQLite ")
    assert {"cpu", "cores", "ram_gib", "python", "django"} <= set(result["machine"])
    assert {op["name"] for op in result["operations"]} == EXPECTED_OPERATIONS | BATCH_OPERATIONS
    for op in result["operations"]:
        assert set(OPERATION_KEYS) <= set(op), op["name"]
        if op["name"] in BATCH_OPERATIONS:  # one timed call each (a second run approves the records again)
            assert op["batch"] == APPROVAL_BATCH and op["runs"] == 1 and op["checked"] is True
            assert 0 < op["min_ms"] <= op["p50_ms"]
            assert op["per_item_ms"] == pytest.approx(op["p50_ms"] / APPROVAL_BATCH, abs=0.01)
            assert op["queries"] > 0 and op["queries_per_item"] > 0
            continue
        assert op["database"] == "sqlite" and op["runs"] >= 2
        assert 0 < op["min_ms"] <= op["p50_ms"] <= op["p95_ms"]
        assert op["queries"] > 0 and op["peak_kib"] > 0
        if op["name"] in READS_WITH_A_FLOOR:
            assert op["sql_floor_ms"] > 0 and op["ratio"] > 0
    page = next(op for op in result["operations"] if op["name"] == "staff_list_page")
    assert page["queries_constant"] is True  # the list's query count does not grow with its rows
    table = (results / "latest.md").read_text(encoding="utf-8")
    assert "### 200 people (SQLite)" in table
    assert all(f"`{name}`" in table for name in EXPECTED_OPERATIONS | BATCH_OPERATIONS)
    assert f"| `approve_sign_batch_{APPROVAL_BATCH}` | {APPROVAL_BATCH} | 1 |" in table
    # the second run approved and signed the same records again, from the versions the first run made
    versions = sqlite3.connect(next(scratch.glob("hoso-200-7.sqlite3")))
    try:
        signed = versions.execute("SELECT COUNT(*) FROM signing_versionsignature").fetchone()[0]
    finally:
        versions.close()
    assert signed == 2 * (APPROVAL_BATCH + min(BATCH_WARMUP, APPROVAL_BATCH))  # each run: its warm-up and batch


def test_a_floor_that_answers_differently_fails_the_run():
    operation = Operation("search_name_officer", run=lambda _: (3, ["a", "b", "c"]), floor=lambda _: (3, ["a", "c"]))

    with pytest.raises(FloorMismatch, match="search_name_officer on sqlite: hoso answered"):
        measure(operation, count_queries=no_queries, database="sqlite")


def test_an_operation_is_timed_after_its_warm_up_with_fresh_arguments_from_its_setup():
    seen: list[int] = []
    operation = Operation("change_set_apply", run=seen.append, setup=lambda index: index, runs=5, warmup=2)

    result = measure(operation, count_queries=no_queries, database="postgres")

    assert result["runs"] == 5
    assert len(seen) == len(set(seen)) == 1 + 2 + 5 + 2  # first answer, warm-up, timed runs, queries, memory
    assert result["sql_floor_ms"] is None and result["ratio"] is None and result["meets_target"] is None


def test_a_batch_operation_is_timed_once_per_run_on_fresh_items_and_checked_against_its_floor():
    prepared: list[int] = []

    def setup(index):
        prepared.append(index)
        return list(range(index * 10, index * 10 + 4))

    def count_statements(thunk):
        return thunk(), 12  # as if the call sent 12 statements

    operation = Operation("approve_sign_batch_4", run=len, setup=setup, floor=len, runs=2, warmup=1, batch=4)

    result = measure(operation, count_queries=no_queries, count_statements=count_statements, database="sqlite")

    assert prepared == [0, 1, 2]  # the warm-up and each timed run get items of their own
    assert result["runs"] == 2 and result["batch"] == 4 and result["checked"] is True
    assert result["queries"] == 12 and result["queries_per_item"] == 3.0
    assert result["per_item_ms"] == pytest.approx(result["p50_ms"] / 4, abs=0.01)
    assert result["peak_kib"] is None and result["ratio"] is None and result["meets_target"] is None


def test_a_batch_whose_answer_differs_from_sql_fails_the_run():
    operation = Operation(
        "approve_sign_batch_3", run=lambda items: (3, 0), setup=lambda i: [1, 2, 3], floor=lambda items: (2, 1), batch=3
    )

    with pytest.raises(FloorMismatch, match="approve_sign_batch_3 on postgres: hoso answered"):
        measure(operation, count_queries=no_queries, database="postgres")


def test_percentiles_are_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.50) == 50.0
    assert percentile(values, 0.95) == 95.0
    assert percentile([7.0], 0.95) == 7.0


@pytest.mark.parametrize(
    ("result", "met"),
    [
        ({"p95_ms": 40.0, "target_ms": 50}, True),
        ({"p95_ms": 60.0, "target_ms": 50}, False),
        ({"p95_ms": 40.0, "target_ms": 60, "queries": 16, "target_queries": 15}, False),
        ({"p95_ms": 400.0, "target_ms": 1000, "ratio": 1.7, "target_ratio": 1.5}, False),
        ({"p95_ms": 10.0, "target_ms": 50, "queries_constant": False}, False),
        ({"p95_ms": 10.0}, None),
    ],
)
def test_meets_target_needs_every_target_given(result, met):
    assert meets_target(result) is met


def test_the_database_is_keyed_by_size_and_seed_and_named_as_documented(tmp_path):
    assert fingerprint(100_000, 1) != fingerprint(100_000, 2) != fingerprint(1_000, 2)
    assert fingerprint(100_000, 1) == fingerprint(100_000, 1)
    assert bench_database("postgres", 100_000, 1).name == "hoso_bench_100000_1"
    assert bench_database("sqlite", 100_000, 1, var_dir=tmp_path).name == str(tmp_path / "hoso-100000-1.sqlite3")


def test_the_table_shows_the_newest_result_of_each_database(tmp_path):
    def result(database: str, started: str, p50: float) -> dict:
        operation = dict.fromkeys(OPERATION_KEYS) | {"name": "record_page", "database": database, "p50_ms": p50}
        operation |= {"p95_ms": p50, "queries": 12, "peak_kib": 700.0, "target_ms": 60, "meets_target": True}
        return {
            "started_at": started,
            "commit": "abc123",
            "database": database,
            "database_version": "v",
            "people": 500,
            "seed": 1,
            "machine": {"cores": 2, "cpu": "cpu", "ram_gib": 24},
            "demo": {"reused": True},
            "operations": [operation],
        }

    for name, data in {
        "old-sqlite-500.json": result("sqlite", "2026-01-01T00:00:00", 99.0),
        "new-sqlite-500.json": result("sqlite", "2026-02-01T00:00:00", 11.0),
        "pg-500.json": result("postgres", "2026-02-01T00:00:00", 22.0),
    }.items():
        (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")

    latest = latest_results(tmp_path)
    table = markdown_tables(500, latest[500])

    assert latest[500]["sqlite"]["operations"][0]["p50_ms"] == 11.0
    assert "| `record_page` | p95 ≤ 60 ms | 11.0 / 11.0 | 22.0 / 22.0 | 12 / 12 |" in table


def test_a_run_of_some_operations_replaces_only_them_in_the_days_result(tmp_path):
    def result(started: str, commit: str, operations: dict[str, float]) -> dict:
        ops = [
            dict.fromkeys(OPERATION_KEYS) | {"name": name, "database": "sqlite", "p50_ms": p50, "p95_ms": p50}
            for name, p50 in operations.items()
        ]
        return {
            "started_at": started,
            "commit": commit,
            "database": "sqlite",
            "database_version": "SQLite 3",
            "people": 500,
            "seed": 1,
            "machine": {"cores": 2, "cpu": "cpu", "ram_gib": 24},
            "demo": {"reused": False, "build_seconds": 9.0, "fingerprint": "f" * 64},
            "operations": ops,
        }

    write_result(
        result("2026-02-01T08:00:00", "old", {"record_page": 20.0, "search_id_admin": 3.0}), directory=tmp_path
    )
    path = write_result(
        result("2026-02-01T09:00:00", "new", {"record_page": 25.0, "verify_2_versions": 80.0}),
        directory=tmp_path,
        merge=True,
    )

    data = json.loads(path.read_text(encoding="utf-8"))
    by_name = {op["name"]: op for op in data["operations"]}
    assert data["commit"] == "old" and by_name["search_id_admin"]["p50_ms"] == 3.0  # kept
    assert by_name["record_page"]["p50_ms"] == 25.0 and by_name["record_page"]["commit"] == "new"  # replaced
    assert by_name["verify_2_versions"]["started_at"] == "2026-02-01T09:00:00"  # added
    assert data["partial_runs"][0]["operations"] == ["record_page", "verify_2_versions"]
    assert "`record_page`, `verify_2_versions`: measured 2026-02-01 09:00 UTC, commit `new`" in markdown_tables(
        500, {"sqlite": data}
    )
