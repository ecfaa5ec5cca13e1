# Two entry points: `make demo` and `make test`. Both create .venv and install pinned deps.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-dev lint browser static clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/eventwire ingest examples/ --db demo.db
	$(BIN)/eventwire query --db demo.db

lint: install-dev
	$(BIN)/ruff check src tests
	$(BIN)/mypy

browser:
	sh scripts/install-browser.sh

# the dashboard tests must run, not skip, when `make test` runs them
test: install-dev lint browser
	EVENTWIRE_BROWSER_REQUIRED=1 $(BIN)/python -m pytest -q

# rebuild the dashboard's vendored files (Leaflet, world outline) from web/package-lock.json
static:
	cd web && npm ci --no-audit --no-fund && node build.mjs

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache demo.db demo.db-wal demo.db-shm
