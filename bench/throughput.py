"""The throughput run: gunicorn with several workers on 127.0.0.1 and wrk, bounded in time, loopback only.

wrk (Debian's package) is installed when missing and we are root; otherwise the run is skipped with a message.
Each page is loaded for a fixed time by a fixed number of connections with a signed-in session cookie of unit
A's officer: requests per second, latency percentiles (wrk's own histogram, through bench/wrk_report.lua), errors
(connection errors, timeouts, and any answer other than 2xx/3xx), and the workers' peak resident memory
(VmHWM from /proc). Before and after the load, one request checks that the page still answers 200 with content,
so that a session that expired or a redirect to the sign-in page cannot pass for a fast page.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.database import ROOT, BenchDatabase

LUA = Path(__file__).with_name("wrk_report.lua")
Log = Callable[[str], None]


def ensure_wrk(log: Log) -> str | None:
    """The path of wrk, installing Debian's package when missing and root; None (with a message) otherwise."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        log("  wrk is not installed and we are not root: skipping the throughput run (apt-get install wrk).")
        return None
    log("  installing wrk (Debian package)")
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "wrk"]):
        if subprocess.run(command, env=environment, capture_output=True, check=False).returncode:  # noqa: S603
            log(f"  {' '.join(command)} failed: skipping the throughput run.")
            return None
    return shutil.which("wrk")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _worker_pids(master: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(entry.name))
    return pids


def _memory_kib(pid: int) -> dict[str, int]:
    values: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in {"VmRSS", "VmHWM"}:
                values[key] = int(rest.split()[0])
    except OSError:
        pass
    return values


def _check(base: str, path: str, cookie: str, expect: str) -> None:
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})  # noqa: S310 - 127.0.0.1 only
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        body = response.read().decode()
        if response.status != 200 or response.url != base + path or expect not in body:
            raise RuntimeError(f"GET {path} did not answer the signed-in page (status {response.status}).")


def _wait_until_up(base: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting.")
        try:
            with urllib.request.urlopen(base + "/accounts/login/", timeout=5):  # noqa: S310
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer within a minute.")


def run_throughput(
    database: BenchDatabase,
    session: dict[str, str],
    *,
    log: Log,
    workers: int,
    connections: int,
    duration: int,
) -> list[dict[str, Any]]:
    """Load the record page and the search page in turn; one result per page."""
    wrk = ensure_wrk(log)
    if wrk is None:
        return []
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [
        gunicorn,
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    log(f"  gunicorn: {workers} workers on {base}; wrk: {connections} connections, {duration} s a page")
    server = subprocess.Popen(command, cwd=ROOT, env=database.environment(), start_new_session=True)  # noqa: S603
    results = []
    try:
        _wait_until_up(base, server)
        pages = [
            ("throughput_record_page", session["record_path"], "/people/<uid>/", "people-version-number"),
            ("throughput_search", session["search_path"], "/people/?q=<name>", "hoso-count"),
        ]
        for name, path, shown, expect in pages:
            _check(base, path, session["cookie"], expect)
            load = [wrk, "-t", "2", "-c", str(connections), "--timeout", "10s", "-H", f"Cookie: {session['cookie']}"]
            subprocess.run([*load, "-d", "3s", base + path], capture_output=True, check=True)  # noqa: S603 - warm-up
            completed = subprocess.run(  # noqa: S603
                [*load, "-d", f"{duration}s", "-s", str(LUA), base + path], capture_output=True, text=True, check=True
            )
            _check(base, path, session["cookie"], expect)
            report = json.loads(completed.stdout.strip().splitlines()[-1])
            memory = [_memory_kib(pid) for pid in _worker_pids(server.pid)]
            seconds = report["duration_us"] / 1e6
            errors = sum(report["errors"].values())
            peak_mb = round(max((m.get("VmHWM", 0) for m in memory), default=0) / 1024, 1)
            result = {
                "name": name,
                "database": database.engine,
                "path": shown,
                "workers": workers,
                "connections": connections,
                "duration_s": round(seconds, 1),
                "requests": report["requests"],
                "requests_per_s": round(report["requests"] / seconds, 1),
                "p50_ms": round(report["p50_us"] / 1000, 1),
                "p95_ms": round(report["p95_us"] / 1000, 1),
                "p99_ms": round(report["p99_us"] / 1000, 1),
                "errors": errors,
                "error_detail": report["errors"],
                "worker_rss_mb": round(max((m.get("VmRSS", 0) for m in memory), default=0) / 1024, 1),
                "worker_peak_rss_mb": peak_mb,
                # issue 4 sets the throughput target at 100,000 people; none at the national scale
                "target_requests_per_s": 300
                if name == "throughput_record_page" and database.people < 1_000_000
                else None,
                "target_worker_mb": 250,
            }
            checks = [errors == 0, peak_mb <= 250]
            if result["target_requests_per_s"]:
                checks.append(result["requests_per_s"] >= result["target_requests_per_s"])
            result["meets_target"] = all(checks)
            log(
                f"    {name}: {result['requests_per_s']} req/s, p95 {result['p95_ms']} ms, "
                f"{errors} errors, worker peak {peak_mb} MB"
            )
            results.append(result)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    return results
