"""`python -m bench` (`make bench PEOPLE=N SEED=S`): the benchmark of issue 4 on SQLite and PostgreSQL.

For each database: build the demo province or reuse it (bench/database.py), measure every operation in a child
process with the bench settings (bench/measure.py), on PostgreSQL also the throughput run (bench/throughput.py),
then write bench/results/<date>-<database>-<people>.json and bench/results/latest.md. Fails (exit 1) when
hoso and the hand-written SQL disagree on any answer.
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.database import ROOT, bench_database, postgres_available, prepare
from bench.report import RESULTS, commit, machine, started_at, write_latest, write_result
from bench.throughput import run_throughput


def log(message: str) -> None:
    print(message, flush=True)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n", 1)[0])
    parser.add_argument("--people", type=int, default=100_000, help="Size of the demo province (default 100000).")
    parser.add_argument("--seed", type=int, default=1, help="Seed of the demo province (default 1).")
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite, postgres or both (default).")
    parser.add_argument("--runs", type=int, default=40, help="Timed runs per operation after warm-up (default 40).")
    parser.add_argument(
        "--only",
        default="",
        help="Measure only these operations (comma-separated names); they replace theirs in the day's result.",
    )
    parser.add_argument(
        "--throughput", choices=("auto", "yes", "no"), default="auto", help="auto: on PostgreSQL (default)."
    )
    parser.add_argument("--duration", type=int, default=20, help="Seconds of load per page (default 20).")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4).")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16).")
    parser.add_argument(
        "--approval-batch", type=int, default=1_000, help="Change sets approved in one call (default 1000)."
    )
    parser.add_argument(
        "--approval-runs", type=int, default=1, help="Timed runs of the batch approval and verification (default 1)."
    )
    parser.add_argument("--rebuild", action="store_true", help="Build the demo databases again even if current.")
    parser.add_argument("--results", type=Path, default=RESULTS, help="Where the JSON and latest.md go.")
    parser.add_argument("--var-dir", type=Path, default=ROOT / "var" / "bench", help="SQLite files, scratch.")
    return parser.parse_args(argv)


def measure_database(engine: str, args: argparse.Namespace, facts: dict[str, Any]) -> dict[str, Any] | None:
    log(f"== {engine}, {args.people:,} people, seed {args.seed}")
    if engine == "postgres":
        problem = postgres_available()
        if problem:
            log(f"  PostgreSQL does not answer ({problem}): skipping it.")
            return None
    database = bench_database(engine, args.people, args.seed, var_dir=args.var_dir)
    started = started_at()
    demo = prepare(database, log, rebuild=args.rebuild)
    args.var_dir.mkdir(parents=True, exist_ok=True)
    out = args.var_dir / f"measure-{engine}-{args.people}-{args.seed}.json"
    session_file = args.var_dir / f"session-{engine}.json"
    throughput = args.throughput == "yes" or (args.throughput == "auto" and engine == "postgres")
    command = [sys.executable, "-m", "bench.measure", "--out", str(out), "--runs", str(args.runs)]
    command += ["--approval-batch", str(args.approval_batch), "--approval-runs", str(args.approval_runs)]
    command += ["--keys-dir", str(args.var_dir / "keys")]
    if args.only:
        command += ["--only", args.only]
    if throughput:
        command += ["--session-file", str(session_file)]
    log(f"  measuring ({args.runs} runs per operation)")
    began = time.perf_counter()
    completed = subprocess.run(command, cwd=ROOT, env=database.environment(), check=False)  # noqa: S603
    if completed.returncode:
        raise SystemExit(f"The measurement on {engine} failed (exit {completed.returncode}); see above.")
    measured = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    log(f"  measured in {time.perf_counter() - began:.0f} s")
    loads: list[dict[str, Any]] = []
    if throughput:
        session = json.loads(session_file.read_text(encoding="utf-8"))
        loads = run_throughput(
            database,
            session,
            log=log,
            workers=args.workers,
            connections=args.connections,
            duration=args.duration,
        )
        session_file.unlink()
    return {
        "started_at": started,
        "commit": facts["commit"],
        "database": engine,
        "database_version": measured["database_version"],
        "people": args.people,
        "seed": args.seed,
        "settings": "config.settings.bench",
        "machine": facts["machine"],
        "demo": demo,
        "runs": args.runs,
        "scopes": measured["scopes"],
        "inputs": measured["inputs"],
        "operations": measured["operations"],
        "throughput": loads,
    }


def print_summary(result: dict[str, Any]) -> None:
    log(f"  {'operation':<28} {'p50 ms':>9} {'p95 ms':>9} {'queries':>7} {'floor ms':>9} {'ratio':>7}  met")
    for op in result["operations"]:
        floor = "" if op["sql_floor_ms"] is None else f"{op['sql_floor_ms']:.2f}"
        ratio = "" if op["ratio"] is None else f"{op['ratio']:.1f}"
        met = {True: "yes", False: "NO", None: ""}[op["meets_target"]]
        log(
            f"  {op['name']:<28} {op['p50_ms']:>9.2f} {op['p95_ms']:>9.2f} {op['queries']:>7} {floor:>9} {ratio:>7}  {met}"
        )


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    engines = [name.strip() for name in args.databases.split(",") if name.strip()]
    facts = {"commit": commit(), "machine": machine()}
    written = []
    for engine in engines:
        result = measure_database(engine, args, facts)
        if result is None:
            continue
        print_summary(result)
        written.append(write_result(result, directory=args.results, merge=bool(args.only)))
    if not written:
        log("Nothing was measured.")
        return 1
    latest = write_latest(args.results)
    for path in written:
        log(f"Wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    log(f"Wrote {latest.relative_to(ROOT) if latest.is_relative_to(ROOT) else latest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
