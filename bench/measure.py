"""Measure every operation on one database: `python -m bench.measure --out FILE` (a child of `python -m bench`).

Runs with the bench settings on the database named by DATABASE_URL, which `bench.database.prepare` built.
Writes the operations' results as JSON to --out, and, with --session-file, what the throughput run needs
(a signed-in session of unit A's officer and the paths to load) to a private file outside the results.
"""

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    import django

    django.setup()


def database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


def count_queries(thunk: Any) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        thunk()
    return len(captured.captured_queries)


def count_statements(thunk: Any) -> tuple[Any, int]:
    """Run the thunk counting the statements it sends through Django's cursors, cheaply enough to run during a
    timed run (an execute wrapper: no query log, no SQL formatting). Transaction COMMITs are not counted."""
    from django.db import connection

    count = 0

    def counted(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        answer = thunk()
    return answer, count


def run(
    runs: int,
    only: list[str],
    session_file: Path | None,
    *,
    approval_batch: int = 1_000,
    approval_runs: int = 1,
    keys_dir: Path | None = None,
) -> dict[str, Any]:
    from django.db import connection

    from bench.operations import build_context, operations, scope_sizes
    from bench.timing import measure
    from hoso.people.models import Person

    database = "postgres" if connection.vendor == "postgresql" else "sqlite"
    context = build_context()
    results = []
    for operation in operations(
        context,
        runs=runs,
        people=Person.objects.count(),
        approval_batch=approval_batch,
        approval_runs=approval_runs,
        keys_dir=keys_dir,
    ):
        if only and operation.name not in only:
            continue
        print(f"    {operation.name} …", file=sys.stderr, flush=True)
        results.append(
            measure(operation, count_queries=count_queries, count_statements=count_statements, database=database)
        )
    if session_file is not None:
        session_file.parent.mkdir(parents=True, exist_ok=True)
        session_file.write_text(
            json.dumps(
                {
                    "cookie": f"sessionid={context.officer_web.cookies['sessionid'].value}",
                    "record_path": f"/people/{context.subject.uid}/",
                    "search_path": f"/people/?q={context.name_query.replace(' ', '+')}",
                }
            ),
            encoding="utf-8",
        )
        session_file.chmod(0o600)
    return {
        "database": database,
        "database_version": database_version(),
        "scopes": scope_sizes(context),
        "inputs": {
            "name_query": context.name_query,
            "unit_a": context.unit.name,
            "small_unit": context.small_unit.name,
        },
        "operations": results,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.measure")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--only", default="", help="Comma-separated operation names (default: all).")
    parser.add_argument("--session-file", type=Path)
    parser.add_argument("--approval-batch", type=int, default=1_000, help="Change sets per approval call.")
    parser.add_argument("--approval-runs", type=int, default=1, help="Timed runs of the approval and verification.")
    parser.add_argument("--keys-dir", type=Path, help="Where the bench CA is kept (default var/bench/keys).")
    args = parser.parse_args(argv)
    _setup_django()
    only = [name for name in args.only.split(",") if name]
    result = run(
        args.runs,
        only,
        args.session_file,
        approval_batch=args.approval_batch,
        approval_runs=args.approval_runs,
        keys_dir=args.keys_dir,
    )
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
