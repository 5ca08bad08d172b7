# VinhDanh — make run (serve the demo on SQLite), make serve (production configuration: gunicorn,
# WhiteNoise, a worker) and make test (the whole suite, both databases).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PG_HOST ?= 127.0.0.1
PG_PORT ?= 5432
PG_TEST_URL ?= postgres://postgres@$(PG_HOST):$(PG_PORT)/vinhdanh_ci_$(shell echo $$$$)
PYTEST_ARGS ?=
PYTEST_WORKERS ?= 2
# Development commands run with DEBUG on: with DEBUG off the settings refuse to start without
# SECRET_KEY and ALLOWED_HOSTS (production, see README "Bảo mật").
DEV := DEBUG=1
# Benchmarks measure the production configuration (DEBUG off: no query log) over plain HTTP.
BENCH_ENV := SECRET_KEY=bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz \
	ALLOWED_HOSTS=testserver,127.0.0.1,localhost SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 \
	SECURE_HSTS_SECONDS=0 SECURE_PROXY_SSL_HEADER=0 STATIC_HASHED=0

.PHONY: run serve install test test-sqlite test-postgres lint format demo-data bench system-deps postgres-up clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# Debian packages the suite needs: chromium for the browser tests, LibreOffice and poppler to
# read back generated documents, fonts with Vietnamese glyphs.
SYSTEM_BINARIES := chromium pdftoppm soffice
system-deps:
	@missing=""; \
	for b in $(SYSTEM_BINARIES); do command -v $$b >/dev/null || missing="$$missing $$b"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Cài gói hệ thống còn thiếu:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium poppler-utils fonts-dejavu-core libreoffice-writer-nogui fonts-liberation >/dev/null; \
	fi

postgres-up:
	@pg_isready -q -h $(PG_HOST) -p $(PG_PORT) || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in $$(seq 1 30); do pg_isready -q -h $(PG_HOST) -p $(PG_PORT) && exit 0; sleep 1; done; echo "PostgreSQL không khởi động được"; exit 1

demo-data: install
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py createcachetable
	$(DEV) $(PY) manage.py demo_data

run: demo-data
	@echo ""
	@echo "VinhDanh đang chạy tại http://$(HOST):$(PORT)  (Ctrl+C để dừng)"
	@$(DEV) $(PY) manage.py demo_data --logins
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV) $(PY) manage.py db_worker --interval 1 >var/worker.log 2>&1 & worker=$$!; \
	DEBUG=1 DEMO=1 $(PY) manage.py runserver $(HOST):$(PORT)

# Production configuration (DEBUG off) on this machine: settings from the environment or from
# var/production.env (generated once with a random key for 127.0.0.1); collectstatic, migrate,
# then a db_worker and gunicorn on $(HOST):$(PORT) with WEB_CONCURRENCY workers. See README
# "Production" and deploy/serve.sh.
serve: install
	HOST=$(HOST) PORT=$(PORT) PY=$(PY) deploy/serve.sh

lint: install
	$(VENV)/bin/ruff check src tests bench checks
	$(VENV)/bin/ruff format --check src tests bench checks

format: install
	$(VENV)/bin/ruff check --fix src tests bench checks
	$(VENV)/bin/ruff format src tests bench checks

test: install system-deps postgres-up lint
	$(DEV) $(PY) manage.py makemigrations --check --dry-run
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: install
	@echo "== Bộ kiểm thử trên SQLite =="
	DATABASE_URL=sqlite:///var/test.sqlite3 $(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test-postgres: install postgres-up
	@echo "== Bộ kiểm thử trên PostgreSQL =="
	DATABASE_URL=$(PG_TEST_URL) $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --create-db $(PYTEST_ARGS)

bench: install postgres-up
	$(BENCH_ENV) $(PY) bench/run.py

clean:
	rm -rf $(VENV) var staticfiles
