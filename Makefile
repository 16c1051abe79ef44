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

.PHONY: run test deps build lint test-backend test-frontend test-e2e migrate seed clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

.make/python: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	@mkdir -p .make && touch $@

.make/node: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p .make && touch $@

frontend/dist/index.html: .make/node $(FRONTEND_SOURCES)
	cd frontend && npm run build --silent

deps: .make/python .make/node
build: frontend/dist/index.html

migrate: .make/python
	$(MANAGE) migrate --noinput -v 0

seed: migrate
	$(MANAGE) seed_demo

run: deps build seed
	@echo "QR-Entry at http://$(HOST):$(PORT)  (API docs: http://$(HOST):$(PORT)/api/docs/)"
	cd backend && exec ../$(BIN)/uvicorn config.asgi:application --host $(HOST) --port $(PORT) \
		--lifespan off --no-access-log

lint: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	cd frontend && npm run --silent lint && npm run --silent typecheck

test-backend: .make/python
	$(BIN)/pytest backend

test-frontend: .make/node
	cd frontend && npm test --silent

test-e2e: deps build
	$(BIN)/pytest e2e -p no:django -W ignore::pytest.PytestConfigWarning

test: lint test-frontend test-backend test-e2e
	@echo "make test: all suites passed"

clean:
	rm -rf .make frontend/dist frontend/node_modules $(VENV) var
