"""Timing an operation: warm-up, timed runs, one run counting queries, one run tracing memory; the floor check.

Each instrumented pass runs on its own, after the timed runs, so that neither the query log nor tracemalloc
slows the timed runs down.
"""

import math
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class FloorMismatch(AssertionError):
    """hoso and the hand-written SQL gave different answers: the benchmark compares nothing that differs."""


@dataclass
class Operation:
    """One measured operation.

    `run(arg)` does the operation as a user would have it done and returns its answer; `setup(i)` prepares the
    argument of the i-th call outside the timing (e.g. a fresh change set); `floor(arg)` answers the same
    question with hand-written SQL. When both are given their answers must be equal, or the run fails.
    """

    name: str
    run: Callable[[Any], Any]
    floor: Callable[[Any], Any] | None = None
    setup: Callable[[int], Any] | None = None
    runs: int = 40
    warmup: int = 3
    target_ms: float | None = None
    target_queries: int | None = None
    target_ratio: float | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    batch: int | None = None  # a long batch operation over this many items: see `measure_batch`


CountStatements = Callable[[Callable[[], Any]], tuple[Any, int]]


def _uncounted(thunk: Callable[[], Any]) -> tuple[Any, int]:
    return thunk(), 0


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.95 for p95) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def _timed(function: Callable[[Any], Any], setup: Callable[[int], Any] | None, start: int, count: int) -> list[float]:
    times: list[float] = []
    for index in range(start, start + count):
        argument = setup(index) if setup is not None else None
        began = time.perf_counter()
        function(argument)
        times.append((time.perf_counter() - began) * 1000)
    return times


def summarise(answer: Any, limit: int = 300) -> str:
    text = repr(answer)
    return text if len(text) <= limit else text[:limit] + "…"


def measure(
    operation: Operation,
    *,
    count_queries: Callable[[Callable[[], Any]], int],
    database: str,
    count_statements: CountStatements | None = None,
) -> dict[str, Any]:
    """Measure `operation`; `count_queries(thunk)` runs the thunk and returns how many SQL queries it made.

    A batch operation (`operation.batch`) is measured by `measure_batch` with `count_statements`.
    """
    if operation.batch is not None:
        return measure_batch(operation, count_statements=count_statements or _uncounted, database=database)
    setup = operation.setup
    calls = 0

    def argument() -> Any:
        nonlocal calls
        calls += 1
        return setup(10_000 + calls) if setup is not None else None

    answer = operation.run(argument())
    floor_answer = None
    if operation.floor is not None:
        floor_answer = operation.floor(argument())
        if floor_answer != answer:
            raise FloorMismatch(
                f"{operation.name} on {database}: hoso answered {summarise(answer)}, "
                f"the hand-written SQL {summarise(floor_answer)}"
            )
    _timed(operation.run, setup, 0, operation.warmup)
    times = _timed(operation.run, setup, operation.warmup, operation.runs)

    query_argument = argument()
    queries = count_queries(lambda: operation.run(query_argument))
    memory_argument = argument()
    tracemalloc.start()
    try:
        operation.run(memory_argument)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    result: dict[str, Any] = {
        "name": operation.name,
        "database": database,
        "runs": len(times),
        "min_ms": round(min(times), 2),
        "p50_ms": round(percentile(times, 0.50), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "max_ms": round(max(times), 2),
        "queries": queries,
        "peak_kib": round(peak / 1024, 1),
        "sql_floor_ms": None,
        "sql_floor_p95_ms": None,
        "ratio": None,
        "target_ms": operation.target_ms,
        "target_queries": operation.target_queries,
        "target_ratio": operation.target_ratio,
        "note": operation.note,
        **operation.extra,
    }
    if operation.floor is not None:
        floor = operation.floor
        _timed(floor, setup, 0, operation.warmup)
        floor_times = _timed(floor, setup, operation.warmup, operation.runs)
        result["sql_floor_ms"] = round(percentile(floor_times, 0.50), 2)
        result["sql_floor_p95_ms"] = round(percentile(floor_times, 0.95), 2)
        result["ratio"] = round(result["p50_ms"] / max(result["sql_floor_ms"], 0.01), 2)
    result["meets_target"] = meets_target(result)
    return result


def measure_batch(operation: Operation, *, count_statements: CountStatements, database: str) -> dict[str, Any]:
    """A long operation over a batch of items (issue 5: 1,000 change sets approved and signed in one call).

    Each of `warmup + runs` calls gets fresh items from `setup(i)` (outside the timing) and is timed once, with its
    statements counted meanwhile by `count_statements(thunk) -> (answer, count)`, which must be cheap (a connection
    execute wrapper, not the query log). Every call's answer must equal `floor(items)`, called after it on the same
    items: the floor is a check here, not timed. No separate query or memory pass (each would repeat the batch).
    Reported: the total per call, the time and the statements per item.
    """
    if not operation.batch:
        raise ValueError(f"{operation.name} is not a batch operation.")
    times: list[float] = []
    queries: list[int] = []
    for index in range(operation.warmup + operation.runs):
        argument = operation.setup(index) if operation.setup is not None else None
        began = time.perf_counter()
        answer, count = count_statements(lambda argument=argument: operation.run(argument))
        elapsed = (time.perf_counter() - began) * 1000
        if operation.floor is not None:
            floor_answer = operation.floor(argument)
            if floor_answer != answer:
                raise FloorMismatch(
                    f"{operation.name} on {database}: hoso answered {summarise(answer)}, "
                    f"the hand-written SQL {summarise(floor_answer)}"
                )
        if index >= operation.warmup:
            times.append(elapsed)
            queries.append(count)
    p50 = percentile(times, 0.50)
    result: dict[str, Any] = {
        "name": operation.name,
        "database": database,
        "runs": len(times),
        "min_ms": round(min(times), 2),
        "p50_ms": round(p50, 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "max_ms": round(max(times), 2),
        "queries": queries[-1],
        "peak_kib": None,
        "sql_floor_ms": None,
        "sql_floor_p95_ms": None,
        "ratio": None,
        "target_ms": operation.target_ms,
        "target_queries": operation.target_queries,
        "target_ratio": operation.target_ratio,
        "note": operation.note,
        "batch": operation.batch,
        "per_item_ms": round(p50 / operation.batch, 2),
        "queries_per_item": round(queries[-1] / operation.batch, 1),
        "checked": operation.floor is not None,
        **operation.extra,
    }
    result["meets_target"] = meets_target(result)
    return result


def meets_target(result: dict[str, Any]) -> bool | None:
    """Whether every target given for the operation is met; None when it has none."""
    checks: list[bool] = []
    if result.get("target_ms") is not None:
        checks.append(result["p95_ms"] <= result["target_ms"])
    if result.get("target_queries") is not None:
        checks.append(result["queries"] <= result["target_queries"])
    if result.get("target_ratio") is not None and result.get("ratio") is not None:
        checks.append(result["ratio"] <= result["target_ratio"])
    if result.get("queries_constant") is False:
        checks.append(False)
    return all(checks) if checks else None
