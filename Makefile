# Fair Witness. The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export FAIRWITNESS_DATA_DIR ?= $(CURDIR)/var

.PHONY: install system-deps run serve test test-sqlite test-postgres test-browser bench lint lock clean

install: $(STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

# Debian packages the tests and PDFs need: Chromium for the browser journeys, PostgreSQL 15 for the
# second test pass, Pango for WeasyPrint, poppler for reading PDFs back. Idempotent; uses sudo when not root.
system-deps:
	bash scripts/system-deps.sh

# Sets everything up, loads the demo families and serves http://127.0.0.1:8000 on SQLite, with the
# reminder worker beside it (stopped with the server).
run: export FAIRWITNESS_DEMO = 1
run: install
	$(BIN)/fairwitness demo
	$(BIN)/fairwitness worker & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(BIN)/fairwitness serve

# The whole suite: law core, web on SQLite, web again on a real PostgreSQL started by the tests,
# then the browser journeys.
test: install system-deps lint-imports test-sqlite test-postgres test-browser

lint-imports: install
	$(BIN)/lint-imports --no-cache

test-sqlite: install
	$(BIN)/pytest -n 2 -m "not browser"

test-postgres: install
	FAIRWITNESS_TEST_DB=postgres $(BIN)/pytest -n 2 -m "not browser" --ignore=tests/law

test-browser: install
	FAIRWITNESS_REQUIRE_BROWSER=1 $(BIN)/pytest -m browser

bench: install system-deps
	$(PY) bench/run.py

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# The production lock: every runtime package at the version tested, from a fresh environment (no dev tools).
lock:
	rm -rf build/lock-venv && python3 -m venv build/lock-venv
	build/lock-venv/bin/pip install -q --upgrade pip && build/lock-venv/bin/pip install -q .
	build/lock-venv/bin/pip freeze --exclude-editable | grep -v '^fairwitness' > requirements.lock
	rm -rf build/lock-venv

clean:
	rm -rf $(VENV) var build *.egg-info
