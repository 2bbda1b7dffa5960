#!/usr/bin/env bash
# The whole check: lint, types, migrations in step with models, then the suite on SQLite and,
# when a PostgreSQL server is reachable (DATABASE_URL, or 127.0.0.1:5432), on PostgreSQL too.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
status=0
step() { echo; echo "== $*"; }

step "ruff"; .venv/bin/ruff check . || status=1; .venv/bin/ruff format --check . || status=1
step "mypy"; .venv/bin/mypy || status=1
step "makemigrations --check"
DATABASE_URL="sqlite:///$(mktemp -d)/check.sqlite3" $PY manage.py makemigrations --check --dry-run -v 1 || status=1

# Browser tests run in their own session: a live-server test empties the tables when it ends.
run_suite() {
  $PY -m pytest -m "not e2e" "$@" || status=1
  $PY -m pytest -m e2e -n 0 "$@" || status=1
}

export DJANGO_SETTINGS_MODULE=config.settings.test
step "pytest on SQLite"
saved_url="${DATABASE_URL-}"
unset DATABASE_URL
run_suite "$@"
[ -n "$saved_url" ] && export DATABASE_URL="$saved_url"

PG_URL="${DATABASE_URL:-}"
case "$PG_URL" in postgres*) ;; *) PG_URL="postgres://postgres@127.0.0.1:5432/hoso";; esac
if $PY - "$PG_URL" <<'PYEOF'
import sys, psycopg, dj_database_url
cfg = dj_database_url.parse(sys.argv[1])
try:
    psycopg.connect(host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], password=cfg["PASSWORD"] or None,
                    dbname="postgres", connect_timeout=3).close()
except Exception as exc:
    print(f"PostgreSQL not reachable ({exc}); skipping the PostgreSQL run", file=sys.stderr); sys.exit(1)
PYEOF
then
  step "pytest on PostgreSQL ($PG_URL)"
  export DATABASE_URL="$PG_URL"
  run_suite "$@"
elif [ -n "${CI:-}" ]; then
  echo "CI must run the suite on PostgreSQL too, and no server answered." >&2; status=1
fi
exit $status
