#!/usr/bin/env bash
# The benchmark (README "Performance", bench/): build or reuse a demo province and measure hoso on it, on SQLite
# and on PostgreSQL (127.0.0.1:5432, or BENCH_PG_URL). Arguments go to `python -m bench` (see --help).
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m bench "$@"
