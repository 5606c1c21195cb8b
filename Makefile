# The one place commands live. `make help` lists the targets.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

VENV        ?= .venv
PY          := $(VENV)/bin/python
include tools/versions.env
# FLAMINGO_TOOLS_DIR moves it (a cold run: an empty folder); scripts/ and tests/support/ agree.
TOOLS_DIR   ?= $(or $(FLAMINGO_TOOLS_DIR),$(or $(XDG_CACHE_HOME),$(HOME)/.cache)/flamingo/tools)
# One FerretDB build serves the native tests and the MongoDB stand-in image (mk/containers.mk).
export FERRETDB_BIN ?= $(TOOLS_DIR)/ferretdb-static-$(FERRETDB_VERSION)/ferretdb
export HELM         ?= $(TOOLS_DIR)/helm-$(HELM_VERSION)/helm
RUN_HOST    ?= 127.0.0.1
RUN_PORT    ?= 8080
PY_SOURCES  := backend/flamingo tests bench
GUNICORN    := $(VENV)/bin/gunicorn -c python:flamingo.gunicorn_config flamingo.wsgi:app

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

# The venv is rebuilt only when the lock file changes, so a second `make run` starts at once.
$(VENV)/.installed: backend/requirements-dev.lock backend/pyproject.toml clients/python/pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip sync -q --python $(PY) --require-hashes backend/requirements-dev.lock
	$(VENV)/bin/uv pip install -q --python $(PY) --no-deps -e backend
	# The Python SDK from the checkout (its dependencies are in the dev lock): tests/sdk/test_live.py
	$(VENV)/bin/uv pip install -q --python $(PY) --no-deps -e clients/python
	touch $@

.PHONY: venv
venv: $(VENV)/.installed ## create the Python venv from the lock file

.PHONY: lock
lock: ## re-pin Python dependencies (after editing backend/pyproject.toml)
	test -x $(VENV)/bin/uv || { python3 -m venv $(VENV) && $(VENV)/bin/pip install -q uv==$(UV_VERSION); }
	cd backend && ../$(VENV)/bin/uv pip compile -q pyproject.toml --generate-hashes --python-version 3.11 -o requirements.lock
	cd backend && ../$(VENV)/bin/uv pip compile -q pyproject.toml --extra dev --extra embedded --generate-hashes --python-version 3.11 -o requirements-dev.lock

.PHONY: run
# One process serves everything, the live feeds (SSE) included: it holds up to
# LIVE_MAX_CONNECTIONS of them on threads of their own (gunicorn_config), so redirects keep theirs.
run: venv run-spa ## start Flamingo on http://localhost:$(RUN_PORT) (SPA at /app/; embedded stores unless MONGO_URI / REDIS_URL; ADMIN_EMAIL + ADMIN_PASSWORD_FILE make an admin)
	SPA_DIR=$(CURDIR)/frontend/dist PORT=$(RUN_PORT) HOST=$(RUN_HOST) \
		LIVE_MAX_CONNECTIONS=$${LIVE_MAX_CONNECTIONS:-16} exec $(GUNICORN)

# Each part's fragment adds its tool target to TOOL_TARGETS. They are independent (Go builds,
# downloads, apt behind its lock), so a new machine builds them side by side: downloads overlap
# with compiling. `-O line` keeps each output line whole; every line says which tool it is about.
TOOL_TARGETS := tools-base
.PHONY: tools tools-base
tools: ## install the system tools the checks need (apt, go builds; idempotent, side by side)
	@$(MAKE) --no-print-directory -j4 --output-sync=line $(TOOL_TARGETS)

tools-base:
	scripts/ensure-tools.sh

.PHONY: lint
lint: venv ## ruff, formatting check, mypy, and the structure check (no import cycle, one-way packages, ≤ 400 lines)
	$(VENV)/bin/ruff check $(PY_SOURCES) scripts
	$(VENV)/bin/ruff format --check $(PY_SOURCES) scripts
	cd backend && ../$(VENV)/bin/mypy flamingo
	$(PY) scripts/check_structure.py

.PHONY: fmt
fmt: venv ## format and auto-fix
	$(VENV)/bin/ruff check --fix $(PY_SOURCES)
	$(VENV)/bin/ruff format $(PY_SOURCES)

.PHONY: test-python
# tests/infra and tests/cluster need their own tools and environment: their make targets run them.
test-python: venv ## backend unit, integration and chart tests (starts redis-server and FerretDB itself)
	$(PY) -m pytest --ignore=tests/infra --ignore=tests/cluster

# Each part of the project may add its own targets and checks in a fragment next to its code;
# fragments append their check targets to TEST_TARGETS (frontend, shipping, chart, e2e…), or to
# SIDE_BY_SIDE when the suite mostly waits (on controllers, containers, scale-down delays) rather
# than computes: `make test` runs those at the same time (test-side-by-side).
TEST_TARGETS :=
SIDE_BY_SIDE :=
-include mk/*.mk

# scripts/side-by-side.sh: one `make <suite>` per suite at once, each with its own log, printed
# whole when that suite ends; fails when any suite failed, after all of them ended. The suites'
# own prerequisites are made here first, once (two makes must not run `npm ci` in one folder).
.PHONY: test-side-by-side
test-side-by-side: venv tools frontend-deps frontend-build ## the SIDE_BY_SIDE suites (test-cluster, test-containers) at the same time, a log each
	MAKE='$(MAKE)' scripts/side-by-side.sh $(SIDE_BY_SIDE)

.PHONY: test
test: tools venv lint test-python test-side-by-side $(TEST_TARGETS) ## everything CI runs
	@echo "make test: all checks passed"
