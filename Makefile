# hoso: the two commands a new machine needs are `make run` and `make test` (see README); `make bench` measures.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
SEED ?= 1
DEMO_PEOPLE ?= 3000
DEMO_PASSWORD ?= hoso-demo-2026
PEOPLE ?= 100000

.PHONY: install run test bench lint typecheck migrate demo system-deps static messages clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@PYBIN=$$(scripts/find-python.sh) && echo "Using $$PYBIN" && [ -x $(PY) ] || $$PYBIN -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements-dev.txt
	touch $@

static: $(VENV)/.installed
	scripts/install-static.sh

messages: $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv -v 0

## install: the set-up alone (.venv, Python packages, static assets, translations)
install: $(VENV)/.installed static messages

migrate: install
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py load_catalogs
	$(PY) manage.py load_approval_rules --if-empty

## run: install, migrate, load catalogs and a demo province when empty, serve on 127.0.0.1:8000
run: migrate
	$(PY) manage.py demo --people $(DEMO_PEOPLE) --seed $(SEED) --password $(DEMO_PASSWORD) --if-empty
	$(PY) manage.py run_checks -v 0
	@echo ""
	@echo "hoso: http://127.0.0.1:8000  (demo password for every account: $(DEMO_PASSWORD))"
	@echo "  admin       province system administrator (Sở Nội vụ)"
	@echo "  unit_admin  administrator of unit A (the demo's Sở Nội vụ)"
	@echo "  officer     HR officer of unit A"
	@echo "  head        head of unit A (approves)"
	@echo "  employee    a civil servant of unit A (their own record)"
	@echo "  officer_b   HR officer of unit B (Sở Tài chính)"
	@echo "  expired     an officer of unit A whose role has ended"
	@echo "  (admin, unit_admin and head set up two-factor sign-in first; HOSO_REQUIRE_TWO_FACTOR=false skips it)"
	@echo "  (a background worker runs the jobs: reminder e-mails, consistency checks started from a page)"
	$(PY) manage.py db_worker --queue-name '*' --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

system-deps:
	scripts/system-deps.sh

## test: install what is missing and run the whole suite on SQLite and PostgreSQL
test: system-deps install
	scripts/test.sh

## bench: the benchmark on a demo province of PEOPLE people (default 100000, seed SEED) on SQLite and PostgreSQL;
## the demo database is built once per size, seed and generator and reused; results in bench/results/
bench: install
	scripts/bench.sh --people $(PEOPLE) --seed $(SEED)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) staticfiles static/vendor node_modules
