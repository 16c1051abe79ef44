# QR-Entry: `make run` serves the app, `make test` runs the whole suite. Both install what is
# missing first and skip what is already up to date (stamps live in the git-ignored .make/).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
MANAGE := cd backend && ../$(BIN)/python manage.py
FRONTEND_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
	frontend/index.html frontend/vite.config.ts frontend/package.json

# Debian packages, installed when missing (as root with apt-get), else named for the user:
# pkg-config + libmariadb-dev build mysqlclient; chromium + ffmpeg run the browser tests.
define ensure_packages
missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null \
  | grep -q "install ok installed" || missing="$$missing $$p"; done; \
if [ -n "$$missing" ]; then \
  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
    echo "installing system packages:$$missing"; apt-get update -qq; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
  else echo "QR-Entry needs: sudo apt-get install$$missing" >&2; exit 1; fi; fi
endef

.PHONY: run run-door run-prod test deps lock build lint api-types check-api-types test-backend test-frontend test-e2e migrate seed clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

.make/python: requirements.lock | $(BIN)/python
	@$(call ensure_packages,pkg-config libmariadb-dev)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	@mkdir -p .make && touch $@

.make/node: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p .make && touch $@

# The built assets get Brotli and gzip twins (WhiteNoise serves them by Accept-Encoding).
frontend/dist/index.html: .make/node .make/python $(FRONTEND_SOURCES)
	cd frontend && npm run build --silent
	$(BIN)/python -m whitenoise.compress --quiet frontend/dist

deps: .make/python .make/node
build: frontend/dist/index.html

migrate: .make/python
	$(MANAGE) migrate --noinput -v 0

seed: migrate
	$(MANAGE) seed_demo

# The whole app (API, SPA, WebSockets) in one ASGI server, and the worker that sends the queued
# e-mails and runs the periodic jobs (deploy/Procfile.local).
run: deps build seed
	@echo "QR-Entry at http://$(HOST):$(PORT)  (API docs: http://$(HOST):$(PORT)/api/docs/)"
	PATH="$(CURDIR)/$(BIN):$$PATH" HOST=$(HOST) QE_HTTP_PORT=$(PORT) \
	  exec $(BIN)/honcho -f deploy/Procfile.local -d . start

# A door node: QR-Entry on a venue laptop for one event, mirrored from the main server
# (QE_DOOR_UPSTREAM, QE_DOOR_EVENT, QE_DOOR_EMAIL, QE_DOOR_PASSWORD; README "Door night").
# Its own SQLite database and keys, never the main server's database or Redis.
DOOR_DATA_DIR ?= var/door-$(QE_DOOR_EVENT)
DOOR_HOST ?= 0.0.0.0
run-door: deps build
	@[ -n "$(QE_DOOR_UPSTREAM)" ] && [ -n "$(QE_DOOR_EVENT)" ] && [ -n "$(QE_DOOR_EMAIL)" ] \
	  && [ -n "$(QE_DOOR_PASSWORD)" ] || { echo "run-door needs QE_DOOR_UPSTREAM, \
	QE_DOOR_EVENT, QE_DOOR_EMAIL and QE_DOOR_PASSWORD (README: Door night)" >&2; exit 1; }
	@mkdir -p $(DOOR_DATA_DIR)
	cd backend && env -u DATABASE_URL -u REDIS_URL QE_DATA_DIR=$(abspath $(DOOR_DATA_DIR)) \
	  ALLOWED_HOSTS=$${ALLOWED_HOSTS:-*} ../$(BIN)/python manage.py migrate --noinput -v 0
	cd backend && exec env -u DATABASE_URL -u REDIS_URL QE_DATA_DIR=$(abspath $(DOOR_DATA_DIR)) \
	  ALLOWED_HOSTS=$${ALLOWED_HOSTS:-*} ../$(BIN)/python manage.py door_node \
	  --host $(DOOR_HOST) --port $(PORT) $(ARGS)

# The production profile on one machine: WSGI workers for HTTP, an ASGI server for the
# WebSockets, a Celery worker for e-mail, nginx joining them on HOST:PORT. Needs MySQL/MariaDB
# (DATABASE_URL) and Redis (REDIS_URL). See deploy/README.md. The demo accounts, whose
# password is public, are loaded only with QE_DEMO=1.
WEB_WORKERS ?= 3
run-prod: deps build
	@$(call ensure_packages,nginx)
	@case "$(DATABASE_URL)" in mysql*) ;; *) echo "run-prod needs DATABASE_URL=mysql://..." >&2; exit 1;; esac
	@[ -n "$(REDIS_URL)" ] || { echo "run-prod needs REDIS_URL=redis://..." >&2; exit 1; }
	$(MANAGE) migrate --noinput -v 0
	$(if $(filter 1,$(QE_DEMO)),cd backend && QE_DEMO=1 ../$(BIN)/python manage.py seed_demo,@echo "no demo data (QE_DEMO=1 loads it)")
	@mkdir -p var/run
	@HOST=$(HOST) PORT=$(PORT) WEB_PORT=8001 WS_PORT=8002 QE_RUN_DIR=$(CURDIR)/var/run \
	  $(BIN)/python -c 'import os, string, sys; sys.stdout.write(string.Template(open("deploy/nginx.local.conf.template").read()).safe_substitute(os.environ))' \
	  > var/run/nginx.conf
	@echo "QR-Entry (production profile) at http://$(HOST):$(PORT)"
	PATH="$(CURDIR)/$(BIN):$$PATH" WEB_WORKERS=$(WEB_WORKERS) WEB_PORT=8001 WS_PORT=8002 \
	  QE_NGINX_CONF=$(CURDIR)/var/run/nginx.conf NUM_PROXIES=1 LOG_FORMAT=json \
	  CELERY_BROKER_URL=$${CELERY_BROKER_URL:-$(REDIS_URL)} \
	  exec $(BIN)/honcho -f deploy/Procfile -d . start

lint: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	cd backend && ../$(BIN)/python -m common.code_limits .
	PYTHONPATH=backend $(BIN)/lint-imports --no-cache
	cd frontend && npm run --silent lint && npm run --silent typecheck
	@$(MAKE) --no-print-directory check-api-types

# The frontend's API types are generated from the OpenAPI schema (openapi-typescript) and
# committed; `make api-types` regenerates them, `make test` fails when they are stale.
API_TYPES := frontend/src/types/api.gen.ts
define generate_api_types
mkdir -p var
cd backend && DJANGO_SETTINGS_MODULE=config.settings.test ../$(BIN)/python manage.py \
	spectacular --format openapi-json --validate --fail-on-warn --file ../var/openapi.json
cd frontend && npx --no-install openapi-typescript ../var/openapi.json -o ../$(1) >/dev/null
endef

api-types: .make/python .make/node
	@$(call generate_api_types,$(API_TYPES))

check-api-types: .make/python .make/node
	@$(call generate_api_types,var/api.gen.check.ts)
	@diff -u $(API_TYPES) var/api.gen.check.ts \
	  || { echo "$(API_TYPES) is stale: run 'make api-types' and commit it" >&2; exit 1; }

test-backend: .make/python
	$(BIN)/pytest backend

test-frontend: .make/node
	cd frontend && npm test --silent

test-e2e: deps build
	@$(call ensure_packages,chromium ffmpeg)
	$(BIN)/pytest e2e -p no:django -W ignore::pytest.PytestConfigWarning

test: lint test-frontend test-backend test-e2e
	@echo "make test: all suites passed"

# Re-pin every dependency from pyproject.toml (both lock files, same resolver).
lock: | $(BIN)/python
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev -o requirements.lock --python-version 3.11
	$(BIN)/uv pip compile pyproject.toml -o requirements-prod.lock --python-version 3.11

clean:
	rm -rf .make frontend/dist frontend/node_modules $(VENV) var
