# The SPA (frontend/): dependencies from the lock, the build with its JS budget, its checks, the
# Nginx test and the browser end-to-end suite. Included by the main Makefile.
FRONTEND_DEPS    := frontend/node_modules/.package-lock.json
FRONTEND_SOURCES := $(shell find frontend/src frontend/public frontend/scripts -type f ! -name '*.test.*' 2>/dev/null) \
	frontend/index.html frontend/vite.config.ts frontend/tsconfig.json

# npm ci only when the lock changed (node_modules/.package-lock.json is npm's own record).
$(FRONTEND_DEPS): frontend/package-lock.json frontend/package.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend/dist/index.html: $(FRONTEND_DEPS) $(FRONTEND_SOURCES)
	cd frontend && npm run -s build
	touch $@

.PHONY: frontend-deps
frontend-deps: $(FRONTEND_DEPS) ## install the SPA's npm packages from the lock (when it changed)

.PHONY: frontend-build
frontend-build: frontend/dist/index.html ## build the SPA into frontend/dist when missing or stale (fails over the JS budget)

# `make run` serves the SPA from Flask: build it first, but never block the API on a missing Node.
.PHONY: run-spa
run-spa:
	@if command -v npm >/dev/null; then $(MAKE) -s frontend-build; \
	else echo "warning: npm not found: /app/ stays unbuilt (install Node 20 for the SPA); the API works" >&2; fi

# The SPA's API types are generated from the OpenAPI document the app serves (built on embedded
# stores, asked through Flask's test client) and committed; the check regenerates them into a
# temporary file and fails when the committed file differs.
API_TYPES     := frontend/src/api/schema.d.ts
API_TYPES_GEN := frontend/scripts/api-types.sh $(PY)

.PHONY: api-types
api-types: venv $(FRONTEND_DEPS) ## regenerate frontend/src/api/schema.d.ts from the served OpenAPI document
	$(API_TYPES_GEN) $(API_TYPES)

.PHONY: check-api-types
check-api-types: venv $(FRONTEND_DEPS) ## fail when the committed SPA API types differ from the served OpenAPI document
	@fresh=$$(mktemp --suffix=.d.ts); trap 'rm -f "$$fresh"' EXIT; \
	$(API_TYPES_GEN) "$$fresh"; \
	if ! diff -u $(API_TYPES) "$$fresh" >&2; then \
		echo "error: $(API_TYPES) is stale: the served OpenAPI document changed; run \`make api-types\` and commit the result" >&2; \
		exit 1; \
	fi; \
	echo "$(API_TYPES) matches the served OpenAPI document"

.PHONY: test-frontend
test-frontend: $(FRONTEND_DEPS) check-api-types frontend-build ## SPA: API types fresh, eslint + prettier, tsc, vitest, production build within the JS budget
	cd frontend && npm run -s lint && npm run -s typecheck && npm test

# tests/nginx is also collected by test-python's plain `pytest`: build the SPA before it, so the
# build (npm ci on a fresh machine) never runs inside a test's timeout.
test-python: frontend-build

.PHONY: test-nginx
test-nginx: venv tools frontend-build ## the real nginx with the project's config template before gunicorn
	$(PY) -m pytest tests/nginx

.PHONY: test-e2e
test-e2e: venv tools frontend-build ## browser end-to-end (Chromium) against native Nginx, gunicorn, worker, Redis, FerretDB (make test runs it on the compose stack)
	$(PY) -m tests.e2e.launch

.PHONY: lighthouse
lighthouse: venv tools frontend-build ## Lighthouse on the links list and link detail (not part of make test)
	$(PY) -m tests.e2e.launch --lighthouse

# The browser suite runs in `make test` on the compose stack (mk/containers.mk, test-containers):
# the same specs through the frontend container. This native run stays for development.
TEST_TARGETS += test-frontend
