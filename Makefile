# Biliktilik: the everyday commands. `make run` starts the demo, `make test` checks everything.
# GNU make; every recipe runs in bash.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-print-directory

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed
MANAGE := $(PY) manage.py
# Python interpreters tried in order when the virtual environment is created; the first one
# that runs and is at least 3.11 wins. Override with `make PYTHON=/path/to/python3 venv`.
PYTHON_CANDIDATES := python3.13 python3.12 python3.11 python3
PYTHON ?=
# Folders that are not our sources: left out of message extraction and compilation.
I18N_IGNORE := --ignore=.venv --ignore=var --ignore=bench --ignore=node_modules --ignore=test-artifacts
TEST_ENV := DJANGO_SETTINGS_MODULE=config.settings.test
PYTEST_ARGS ?=
# Parallel test workers (pytest-xdist); 0 runs everything in one process.
PYTEST_WORKERS ?= auto
# Test files stay together on one worker, so a shared dataset (tests/shared_data.py) is built
# once per file at most rather than once per test.
PYTEST_DIST ?= loadfile

.PHONY: help venv run demo migrate messages compilemessages lint fmt types migrations-check \
	translations-check checks test test-fast bench clean distclean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

# --- the virtual environment -------------------------------------------------------------------

$(PY):
	@python="$(PYTHON)"; \
	if [ -z "$$python" ]; then \
	  for candidate in $(PYTHON_CANDIDATES); do \
	    if command -v "$$candidate" >/dev/null 2>&1 && \
	       "$$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' >/dev/null 2>&1; then \
	      python="$$candidate"; break; \
	    fi; \
	  done; \
	fi; \
	if [ -z "$$python" ]; then \
	  echo "Python 3.11 or newer is needed; tried: $(PYTHON_CANDIDATES)." >&2; exit 1; \
	fi; \
	echo "Creating $(VENV) with $$python ($$("$$python" --version 2>&1))"; \
	"$$python" -m venv $(VENV)

# Reinstall only when a requirements file is newer than the last installation.
$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

venv: $(STAMP) ## Create .venv and install the requirements (only when they changed)

var:
	@mkdir -p var

# --- running -----------------------------------------------------------------------------------

run: $(STAMP) | var ## Migrate, compile translations, load the demo (once), print the logins, start the server
	$(MANAGE) migrate --noinput
	$(MANAGE) compilemessages $(I18N_IGNORE) --verbosity 0
	$(MANAGE) load_demo --force
	$(MANAGE) load_demo_planning
	$(MANAGE) demo_logins
	$(MANAGE) runserver 127.0.0.1:8000

demo: $(STAMP) | var ## Migrate and load the demo data (refused when the database is not empty)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --force
	$(MANAGE) load_demo_planning
	$(MANAGE) demo_logins

migrate: $(STAMP) | var ## Apply the database migrations
	$(MANAGE) migrate --noinput

messages: $(STAMP) ## Extract the messages into locale/{kk,ru,en} (no source locations, for stable diffs)
	$(MANAGE) makemessages -l kk -l ru -l en --no-location $(I18N_IGNORE)

compilemessages: $(STAMP) ## Compile locale/ and locale_django/ into .mo files
	$(MANAGE) compilemessages $(I18N_IGNORE) --verbosity 0

# --- checking ----------------------------------------------------------------------------------

lint: $(STAMP) ## ruff: lint and formatting check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: $(STAMP) ## ruff: fix what can be fixed and format
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

types: $(STAMP) ## mypy over the application and the settings
	$(VENV)/bin/mypy biliktilik config

migrations-check: $(STAMP) | var ## Fail when a model change has no migration
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run

translations-check: $(STAMP) ## Fail when a message is missing from locale/ or not translated into kk and ru
	$(TEST_ENV) $(MANAGE) check_translations

checks: lint types migrations-check translations-check compilemessages

test: checks ## All checks, then every test, browser tests included (needs chromium)
	$(TEST_ENV) $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist $(PYTEST_DIST) $(PYTEST_ARGS)

test-fast: checks ## All checks, then the tests without the browser tests
	$(TEST_ENV) $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist $(PYTEST_DIST) -m "not browser" $(PYTEST_ARGS)

bench: $(STAMP) | var ## Run every benchmark script in bench/
	@shopt -s nullglob; scripts=(bench/*.py); \
	if [ $${#scripts[@]} -eq 0 ]; then echo "No benchmark scripts in bench/."; exit 0; fi; \
	for script in "$${scripts[@]}"; do \
	  echo "== $$script"; \
	  PYTHONPATH="$(CURDIR)" $(PY) "$$script"; \
	done

# --- cleaning ----------------------------------------------------------------------------------

clean: ## Remove caches, compiled translations, test artifacts and benchmark output
	rm -rf .pytest_cache .mypy_cache .ruff_cache .hypothesis htmlcov .coverage test-artifacts bench/out
	find . -path ./.venv -prune -o -name __pycache__ -type d -exec rm -rf {} +
	find locale locale_django -name '*.mo' -delete

distclean: clean ## Also remove the virtual environment and var/ (the local database and uploads)
	rm -rf $(VENV) var
