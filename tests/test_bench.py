"""The benchmark harness itself (bench/): it runs end to end on a small province, writes results other tools can
read, and refuses to report an operation whose answer differs from the hand-written SQL's. No time is asserted."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.database import bench_database, fingerprint
from bench.report import OPERATION_KEYS, latest_results, markdown_tables
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


def no_queries(thunk):
    thunk()
    return 0


@pytest.mark.xdist_group("bench")
def test_the_benchmark_runs_end_to_end_on_a_small_province_and_writes_its_results(tmp_path):
    results, scratch = tmp_path / "results", tmp_path / "var"
    command = [sys.executable, "-m", "bench", "--people", "200", "--seed", "7", "--databases", "sqlite"]
    command += ["--runs", "2", "--throughput", "no", "--results", str(results), "--var-dir", str(scratch)]

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
    assert {op["name"] for op in result["operations"]} == EXPECTED_OPERATIONS
    for op in result["operations"]:
        assert set(OPERATION_KEYS) <= set(op), op["name"]
        assert op["database"] == "sqlite" and op["runs"] >= 2
        assert 0 < op["min_ms"] <= op["p50_ms"] <= op["p95_ms"]
        assert op["queries"] > 0 and op["peak_kib"] > 0
        if op["name"] in READS_WITH_A_FLOOR:
            assert op["sql_floor_ms"] > 0 and op["ratio"] > 0
    page = next(op for op in result["operations"] if op["name"] == "staff_list_page")
    assert page["queries_constant"] is True  # the list's query count does not grow with its rows
    table = (results / "latest.md").read_text(encoding="utf-8")
    assert "### 200 people (SQLite)" in table
    assert all(f"`{name}`" in table for name in EXPECTED_OPERATIONS)


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
