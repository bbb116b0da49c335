# Ma Région – everyday commands. `make run` and `make test` are the whole quick start.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=
# pytest-xdist workers: auto = one per core. Each worker gets its own test database (test_<name>_gwN).
TEST_WORKERS ?= auto
BENCH_ARGS ?=

.PHONY: install run serve worker test test-fast test-future lint format browser-deps system-deps bench rebuild-indexes clean

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is required") if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Leaflet (served by the portal) and axe-core (browser tests) come from npm, never from a CDN.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; }

# Everything CI installs from Debian: Chromium, and faketime (the suite runs once more under a future clock).
system-deps: browser-deps
	@command -v faketime >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq faketime; }

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

worker: install
	$(BIN)/python manage.py db_worker

test: install
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# The suite but the browser tests, under a clock set in the future (Debian's faketime moves the clock of
# every process): a test that hides a date trap fails now, not on the day. FUTURE="2028-09-01 12:00:00" for another.
FUTURE ?= 2027-09-01 12:00:00
test-future: install
	faketime '$(FUTURE)' $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup -m "not e2e" $(PYTEST_ARGS)

# Everything but the browser tests.
test-fast: install
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup -m "not e2e" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Every script under bench/ (docs/benchmarks.md); BENCH_ARGS=--quick for a smoke run on small data.
bench: install
	$(BIN)/python bench/run_all.py $(BENCH_ARGS)

rebuild-indexes: install
	$(BIN)/python manage.py rebuild_search_indexes

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 db.sqlite3-shm db.sqlite3-wal
