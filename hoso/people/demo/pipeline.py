"""Records drawn in the main process, or in a second process while the main one writes them.

Drawing a record (and its canonical JSON) and writing it cost about the same, so on a machine with
two cores a producer process halves the time of a large demo. The producer receives the whole
generator (random state included) and draws the same records in the same order as the main
process would: the output does not depend on where it was drawn (`test_demo.py` checks it).

The producer is started with "spawn": it shares no database connection with the main process,
and this module imports nothing from Django at import time (the producer sets Django up first).
"""

import multiprocessing
import pickle
import queue
import traceback
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hoso.people.demo.people import PeopleGenerator, PersonRecord, Role
    from hoso.people.demo.units import PlannedUnit

# A drawn record, with the canonical JSON of its version 1 and its SHA-256 ("" when not built).
Drawn = tuple["PersonRecord", str, str]
QUEUE_CHUNKS = 3  # chunks the producer may run ahead of the writer
POLL_SECONDS = 5


def draw(
    generator: "PeopleGenerator",
    roles: Sequence[tuple["PlannedUnit", "Role"]],
    *,
    chunk: int,
    with_versions: bool,
) -> Iterator[list[Drawn]]:
    """Records for `roles`, in chunks, drawn in this process."""
    from hoso.people.demo.writer import version_json

    batch: list[Drawn] = []
    for unit, role in roles:
        record = generator.make(unit, role)
        text, digest = version_json(record.person, record.sections) if with_versions else ("", "")
        batch.append((record, text, digest))
        if len(batch) == chunk:
            yield batch
            batch = []
    if batch:
        yield batch


def draw_in_producer(
    generator: "PeopleGenerator",
    roles: Sequence[tuple["PlannedUnit", "Role"]],
    *,
    chunk: int,
    with_versions: bool,
) -> Iterator[list[Drawn]]:
    """The same chunks as `draw`, drawn by a second process while the caller writes the previous ones."""
    context = multiprocessing.get_context("spawn")
    chunks: Any = context.Queue(maxsize=QUEUE_CHUNKS)
    payload = pickle.dumps((generator, list(roles), chunk, with_versions), protocol=pickle.HIGHEST_PROTOCOL)
    producer = context.Process(target=_produce, args=(payload, chunks), name="demo-producer", daemon=True)
    producer.start()
    try:
        while True:
            try:
                item = chunks.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if not producer.is_alive():
                    raise RuntimeError("The demo producer process stopped without a word.") from None
                continue
            if item is None:
                break
            if isinstance(item, str):
                raise RuntimeError(f"The demo producer process failed:\n{item}")
            yield item
    finally:
        if producer.is_alive():
            producer.terminate()
        producer.join()
        chunks.close()


def _produce(payload: bytes, chunks: Any) -> None:  # pragma: no cover - runs in the producer process
    try:
        import django

        django.setup()
        generator, roles, chunk, with_versions = pickle.loads(payload)  # noqa: S301 - our own parent's data
        for batch in draw(generator, roles, chunk=chunk, with_versions=with_versions):
            chunks.put(batch)
        chunks.put(None)
    except BaseException:
        chunks.put(traceback.format_exc())
