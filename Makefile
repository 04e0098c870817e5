# InterProChance — the two set-up commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: run test lint bench smoke-sqlite deploy-check system-deps messages clean help

help:
	@echo "make run    - install, migrate the embedded SQLite database, load the demo, serve on http://127.0.0.1:$(PORT)"
	@echo "make test   - install what is missing and run the whole test suite (browser tests included)"
	@echo "make lint   - ruff, mypy (django-stubs), import-linter"
	@echo "make bench  - benchmarks (figures printed)"
	@echo "make messages - update and compile the English UI catalogue"

$(VENV)/.runtime: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.runtime
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	touch $@

run: $(VENV)/.runtime
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Serving on http://127.0.0.1:$(PORT) (background worker for jobs runs alongside; Ctrl+C stops both)"
	$(PY) manage.py db_worker --interval 1 & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

system-deps:
	bash scripts/ensure-system-deps.sh

test: $(VENV)/.dev system-deps
	$(VENV)/bin/pytest -p no:cacheprovider -n auto

smoke-sqlite: $(VENV)/.dev
	rm -f var/smoke.sqlite3 && mkdir -p var
	DATABASE_URL=sqlite:///var/smoke.sqlite3 $(PY) manage.py migrate --noinput
	DATABASE_URL=sqlite:///var/smoke.sqlite3 $(PY) manage.py migrate core zero --noinput
	DATABASE_URL=sqlite:///var/smoke.sqlite3 $(PY) manage.py migrate --noinput
	DATABASE_URL= $(VENV)/bin/pytest -p no:cacheprovider -m smoke

deploy-check: $(VENV)/.runtime
	DJANGO_ENV=production DJANGO_SECRET_KEY=$$($(PY) -c "import secrets;print(secrets.token_urlsafe(64))") \
	DJANGO_ALLOWED_HOSTS=interprochance.example.org $(PY) manage.py check --deploy --fail-level WARNING

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy interprochance config

bench: $(VENV)/.dev
	@for script in bench/[a-z]*.py; do module=bench.$$(basename $$script .py); \
	  echo "== $$module"; $(PY) -m $$module || exit 1; done

# Re-extract the UI strings into the English catalogue (existing translations are kept;
# new strings arrive untranslated and make the catalogue test fail until translated),
# then compile it. Needs gettext (make system-deps installs it).
messages: $(VENV)/.dev system-deps
	$(PY) manage.py makemessages -l en --no-location --no-obsolete --ignore=.venv --ignore=var --ignore=node_modules --ignore=test-results
	$(PY) manage.py compilemessages -l en --ignore=.venv

clean:
	rm -rf var staticfiles test-results .pytest_cache .mypy_cache .ruff_cache
