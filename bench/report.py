"""Results: the JSON of one run on one database, machine facts, and the Markdown tables of the latest runs."""

import datetime
import json
import os
import platform
import shutil
import subprocess
from pathlib import Path
from typing import Any

from bench.database import ROOT

RESULTS = ROOT / "bench" / "results"
DATABASE_NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
OPERATION_KEYS = (
    "name",
    "database",
    "runs",
    "min_ms",
    "p50_ms",
    "p95_ms",
    "queries",
    "peak_kib",
    "sql_floor_ms",
    "ratio",
    "target_ms",
    "meets_target",
)


def commit() -> str:
    """The commit measured, with "+dirty" when the work tree has changes (read-only git commands)."""
    git = shutil.which("git")
    if git is None:
        return "unknown"
    try:
        head = subprocess.run(  # noqa: S603
            [git, "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(  # noqa: S603
            [git, "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gib = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    import django

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": ram_gib,
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
    }


def write_result(result: dict[str, Any], *, directory: Path = RESULTS, merge: bool = False) -> Path:
    """Write one run's result. With `merge` (a run of some operations, `--only`), the day's result of the same size,
    seed and database keeps its other operations; the run is listed under `partial_runs` and each operation it
    measured carries the run's time and commit."""
    directory.mkdir(parents=True, exist_ok=True)
    day = result["started_at"][:10]
    path = directory / f"{day}-{result['database']}-{result['people']}.json"
    if merge and path.exists():
        result = merged(json.loads(path.read_text(encoding="utf-8")), result)
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def merged(previous: dict[str, Any], partial: dict[str, Any]) -> dict[str, Any]:
    """`previous` with the operations of the partial run `partial` replaced or added (see `write_result`)."""
    if (previous.get("people"), previous.get("seed")) != (partial["people"], partial["seed"]):
        return partial
    measured = [
        {**op, "started_at": partial["started_at"], "commit": partial["commit"]} for op in partial["operations"]
    ]
    names = {op["name"] for op in measured}
    run = {
        "started_at": partial["started_at"],
        "commit": partial["commit"],
        "demo": partial["demo"],
        "database_version": partial["database_version"],
        "operations": sorted(names),
    }
    return {
        **previous,
        "operations": [op for op in previous["operations"] if op["name"] not in names] + measured,
        "partial_runs": [*previous.get("partial_runs", []), run],
    }


def latest_results(directory: Path = RESULTS) -> dict[int, dict[str, dict[str, Any]]]:
    """The newest result of each (size, database): size -> database -> result."""
    found: dict[int, dict[str, dict[str, Any]]] = {}
    for path in sorted(directory.glob("*.json")):
        try:
            result = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(result, dict) or "operations" not in result:
            continue
        by_database = found.setdefault(int(result["people"]), {})
        current = by_database.get(result["database"])
        if current is None or result["started_at"] >= current["started_at"]:
            by_database[result["database"]] = result
    return found


def _number(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}"


def _met(value: Any) -> str:
    return {True: "yes", False: "**no**", None: "–"}[value]


def _target(operation: dict[str, Any]) -> str:
    parts = []
    if operation.get("target_ms") is not None:
        parts.append(f"p95 ≤ {operation['target_ms']:g} ms")
    if operation.get("target_queries") is not None:
        parts.append(f"≤ {operation['target_queries']} queries")
    if operation.get("target_ratio") is not None:
        parts.append(f"≤ {operation['target_ratio']:g}× SQL")
    if operation.get("queries_constant") is not None:
        parts.append("queries constant")
    return ", ".join(parts) or "–"


def markdown_tables(people: int, by_database: dict[str, dict[str, Any]]) -> str:
    """The operations side by side for each database measured at this size, then the throughput run."""
    databases = [name for name in DATABASE_NAMES if name in by_database]
    header_names = " / ".join(DATABASE_NAMES[name] for name in databases)
    lines = [f"### {people:,} people ({header_names})", ""]
    for name in databases:
        result = by_database[name]
        demo = result["demo"]
        built = "reused" if demo["reused"] else f"built in {demo['build_seconds']} s"
        lines.append(
            f"- {DATABASE_NAMES[name]}: {result['database_version']}, commit `{result['commit'][:12]}`, "
            f"{result['started_at'][:16].replace('T', ' ')} UTC, seed {result['seed']}, "
            f"{result['machine']['cores']} cores ({result['machine']['cpu']}), {result['machine']['ram_gib']} GiB; "
            f"demo database {built}"
        )
        for run in result.get("partial_runs", []):
            again = "reused" if run["demo"]["reused"] else f"built in {run['demo']['build_seconds']} s"
            lines.append(
                f"  - {', '.join(f'`{op}`' for op in run['operations'])}: measured "
                f"{run['started_at'][:16].replace('T', ' ')} UTC, commit `{run['commit'][:12]}`, demo database "
                f"{again} (fingerprint `{run['demo']['fingerprint'][:12]}`)"
            )
    lines.append("")
    if len(databases) > 1:
        lines += ["Queries, peak memory, floor, ratio and met: " + " / ".join(DATABASE_NAMES[n] for n in databases), ""]
    names: list[str] = []
    batch_names: list[str] = []
    for name in databases:
        for operation in by_database[name]["operations"]:
            chosen = batch_names if operation.get("batch") else names
            if operation["name"] not in chosen:
                chosen.append(operation["name"])
    timing_columns = [f"{DATABASE_NAMES[name]} p50 / p95 ms" for name in databases]
    if names:
        lines.append(
            f"| operation | target | {' | '.join(timing_columns)} | queries | peak KiB | SQL floor p50 ms | ratio | met |"
        )
        lines.append("|---|---|" + "---|" * len(databases) + "---|---|---|---|---|")
    for operation_name in names:
        rows = [
            next((op for op in by_database[name]["operations"] if op["name"] == operation_name), None)
            for name in databases
        ]
        present = [row for row in rows if row is not None]

        def cells(render: Any, rows: list[dict[str, Any] | None] = rows) -> str:
            return " / ".join("–" if row is None else render(row) for row in rows)

        lines.append(
            "| "
            + " | ".join(
                [
                    f"`{operation_name}`",
                    _target(present[0]),
                    *("–" if row is None else f"{_number(row['p50_ms'])} / {_number(row['p95_ms'])}" for row in rows),
                    cells(lambda op: _number(op["queries"])),
                    cells(lambda op: _number(op["peak_kib"], 0)),
                    cells(lambda op: _number(op["sql_floor_ms"], 2)),
                    cells(lambda op: _number(op["ratio"], 1) + ("×" if op["ratio"] is not None else "")),
                    cells(lambda op: _met(op["meets_target"])),
                ]
            )
            + " |"
        )
    if batch_names:
        lines += (
            ["", *batch_table(batch_names, databases, by_database)]
            if names
            else batch_table(batch_names, databases, by_database)
        )
    throughput = [row for name in databases for row in by_database[name].get("throughput", [])]
    if throughput:
        lines += [
            "",
            "| throughput | database | workers × connections | requests/s | p50 / p95 ms | errors | worker peak RSS MB | target | met |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for row in throughput:
            target = "≥ 300 req/s, " if row.get("target_requests_per_s") else ""
            lines.append(
                f"| `{row['name']}` `{row['path']}` | {DATABASE_NAMES[row['database']]} | "
                f"{row['workers']} × {row['connections']} | {_number(row['requests_per_s'])} | "
                f"{_number(row['p50_ms'])} / {_number(row['p95_ms'])} | {row['errors']} | "
                f"{_number(row['worker_peak_rss_mb'])} | {target}no errors, ≤ {row['target_worker_mb']} MB | "
                f"{_met(row['meets_target'])} |"
            )
    notes = {op["name"]: op.get("note", "") for name in databases for op in by_database[name]["operations"]}
    lines += ["", "<details><summary>What each operation does</summary>", ""]
    lines += [f"- `{name}`: {note}" for name, note in notes.items() if note]

    lines += ["", "</details>", ""]
    return "\n".join(lines)


def batch_table(names: list[str], databases: list[str], by_database: dict[str, dict[str, Any]]) -> list[str]:
    """The batch operations of issue 5: the whole call and its share per item, statements per item, the check."""
    columns = [f"{DATABASE_NAMES[name]} total s / per item ms" for name in databases]
    lines = [
        f"| batch operation | items | runs | {' | '.join(columns)} | statements per item | answer checked in SQL |",
        "|---|---|---|" + "---|" * len(databases) + "---|---|",
    ]
    for operation_name in names:
        rows = [
            next((op for op in by_database[name]["operations"] if op["name"] == operation_name), None)
            for name in databases
        ]
        present = [row for row in rows if row is not None]

        def cells(render: Any, rows: list[dict[str, Any] | None] = rows) -> str:
            return " / ".join("–" if row is None else render(row) for row in rows)

        lines.append(
            "| "
            + " | ".join(
                [
                    f"`{operation_name}`",
                    _number(present[0]["batch"]),
                    cells(lambda op: _number(op["runs"])),
                    *(
                        "–" if row is None else f"{_number(row['p50_ms'] / 1000)} / {_number(row['per_item_ms'])}"
                        for row in rows
                    ),
                    cells(lambda op: _number(op["queries_per_item"])),
                    cells(lambda op: "yes" if op.get("checked") else "no"),
                ]
            )
            + " |"
        )
    return lines


def write_latest(directory: Path = RESULTS) -> Path:
    latest = latest_results(directory)
    parts = [
        "# Benchmark results (latest run of each size and database)",
        "",
        "Made by `make bench PEOPLE=N SEED=S` (`python -m bench`); the JSON files beside this one hold every "
        "figure. Times in milliseconds after warm-up; p95 is the nearest-rank 95th percentile; the SQL floor is "
        "a hand-written query on the same database giving the same answer, and the ratio is hoso's p50 over "
        "the floor's. Queries counted on SQLite include its BEGIN and COMMIT statements. Batch operations (issue 5) "
        "are timed per call (p50 of the runs) and divided by their items; their statements are counted during the "
        "timed call (COMMIT not included) and their answer is checked against SQL, which is not timed.",
        "",
    ]
    for people in sorted(latest):
        parts.append(markdown_tables(people, latest[people]))
    path = directory / "latest.md"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def started_at() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
