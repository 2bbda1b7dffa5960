"""The demo database a benchmark runs on: built once for a size, a seed and a generator, then reused.

A database is reused only when its fingerprint matches: a SHA-256 over the size, the seed and the files that
decide its content (every migration, the demo generator, the catalogs and the bench settings with their keys).
Any change to them rebuilds it. SQLite keeps the fingerprint in a file beside the database, PostgreSQL in the
database's comment; either is written only after a complete build, so an interrupted build is never reused.

This module runs in the driver process (no Django): it builds through `manage.py` in child processes.
"""

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = "config.settings.bench"
DEMO_PASSWORD = "hoso-demo-2026"  # noqa: S105 - the demo accounts' password, as `make run` uses
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
FORMAT = "hoso-bench-db-1"  # change to rebuild every benchmark database
FINGERPRINT_SOURCES = (
    "hoso/*/migrations/*.py",
    "hoso/people/demo/*.py",
    "hoso/*/demo.py",
    "hoso/catalogs/data/*",
    "hoso/catalogs/management/commands/*.py",
    "config/settings/bench.py",
)

Log = Callable[[str], None]


@dataclass(frozen=True)
class BenchDatabase:
    engine: str  # "sqlite" or "postgres"
    people: int
    seed: int
    name: str  # the SQLite file's path, or the PostgreSQL database's name

    @property
    def url(self) -> str:
        if self.engine == "sqlite":
            return f"sqlite:///{self.name}"
        return f"{PG_SERVER.rstrip('/')}/{self.name}"

    def environment(self) -> dict[str, str]:
        """The environment of a child process that uses this database with the bench settings."""
        env = dict(os.environ)
        env.update({"DJANGO_SETTINGS_MODULE": SETTINGS, "DATABASE_URL": self.url, "PYTHONPATH": str(ROOT)})
        return env


def bench_database(engine: str, people: int, seed: int, *, var_dir: Path | None = None) -> BenchDatabase:
    if engine == "sqlite":
        directory = var_dir or ROOT / "var" / "bench"
        return BenchDatabase(engine, people, seed, str(directory / f"hoso-{people}-{seed}.sqlite3"))
    if engine == "postgres":
        return BenchDatabase(engine, people, seed, f"hoso_bench_{people}_{seed}")
    raise ValueError(f"Unknown database engine {engine!r} (sqlite or postgres).")


def fingerprint(people: int, seed: int) -> str:
    digest = hashlib.sha256(f"{FORMAT}\n{people}\n{seed}\n".encode())
    files = sorted({path for pattern in FINGERPRINT_SOURCES for path in ROOT.glob(pattern) if path.is_file()})
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


# --- PostgreSQL ---------------------------------------------------------------------------


def _server() -> psycopg.Connection:
    return psycopg.connect(f"{PG_SERVER.rstrip('/')}/postgres", autocommit=True, connect_timeout=5)


def postgres_available() -> str:
    """ "" when the PostgreSQL server answers, else why not."""
    try:
        _server().close()
    except psycopg.Error as error:
        return str(error).strip() or type(error).__name__
    return ""


def _pg_fingerprint(name: str) -> str | None:
    with _server() as connection:
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
    return None if row is None else (row[0] or "")


def _pg_recreate(name: str) -> None:
    with _server() as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _pg_finish(name: str, stamp: str) -> None:
    with psycopg.connect(f"{PG_SERVER.rstrip('/')}/{name}", autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    with _server() as connection:
        connection.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(name), sql.Literal(stamp)))


# --- SQLite -------------------------------------------------------------------------------


def _sqlite_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _sqlite_stamp_file(path: Path) -> Path:
    return path.with_name(path.name + ".fingerprint")


def _sqlite_fingerprint(path: Path) -> str | None:
    stamp = _sqlite_stamp_file(path)
    if not path.exists() or not stamp.exists():
        return None
    return stamp.read_text(encoding="ascii").strip()


def _sqlite_recreate(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    for file in [*_sqlite_files(path), _sqlite_stamp_file(path)]:
        file.unlink(missing_ok=True)


def _sqlite_finish(path: Path, stamp: str) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("ANALYZE")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    _sqlite_stamp_file(path).write_text(stamp + "\n", encoding="ascii")


# --- both ---------------------------------------------------------------------------------


def manage(database: BenchDatabase, *args: str, log: Log) -> None:
    """Run `manage.py` with the bench settings on this database; its output goes to the log."""
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    completed = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        command, cwd=ROOT, env=database.environment(), capture_output=True, text=True, check=False
    )
    for line in (completed.stdout + completed.stderr).splitlines():
        log(f"    {line}")
    if completed.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed on {database.engine} (exit {completed.returncode}).")


def prepare(database: BenchDatabase, log: Log, *, rebuild: bool = False) -> dict[str, object]:
    """Reuse the demo database when its fingerprint matches, else build it; what was done, for the results."""
    stamp = fingerprint(database.people, database.seed)
    found = _sqlite_fingerprint(Path(database.name)) if database.engine == "sqlite" else _pg_fingerprint(database.name)
    if found == stamp and not rebuild:
        log(f"  reusing {database.engine} database {database.name} (fingerprint {stamp[:12]})")
        return {"reused": True, "build_seconds": None, "fingerprint": stamp}
    reason = "asked to rebuild" if rebuild else ("none yet" if found is None else "stale fingerprint")
    log(f"  building {database.engine} database {database.name} with {database.people} people ({reason})")
    started = time.perf_counter()
    if database.engine == "sqlite":
        _sqlite_recreate(Path(database.name))
    else:
        _pg_recreate(database.name)
    manage(database, "migrate", "--no-input", "-v", "0", log=log)
    manage(database, "load_catalogs", log=log)
    manage(
        database,
        "demo",
        "--people",
        str(database.people),
        "--seed",
        str(database.seed),
        "--password",
        DEMO_PASSWORD,
        "--problems-file",
        str(ROOT / "var" / "bench" / f"{database.engine}-{database.people}-{database.seed}.problems.json"),
        log=log,
    )
    if database.engine == "sqlite":
        _sqlite_finish(Path(database.name), stamp)
    else:
        _pg_finish(database.name, stamp)
    seconds = time.perf_counter() - started
    log(f"  built in {seconds:.0f} s")
    return {"reused": False, "build_seconds": round(seconds, 1), "fingerprint": stamp}
