# Shipping checks (tests/shipping): hadolint on the Dockerfiles, docker-compose.yml parsed and
# validated by docker-compose v1 and checked against the settings the app reads, actionlint and
# pin/target checks on the Gitea workflows, and the image's start command run natively.
# No Docker engine is needed. The tools are installed here when missing (idempotent, fast after).
export ACTIONLINT ?= $(TOOLS_DIR)/actionlint-$(ACTIONLINT_VERSION)/actionlint
SHIPPING_APT := docker-compose shellcheck

# Real actionlint built once per machine from the Go module proxy into the versioned tools cache.
$(ACTIONLINT):
	@echo "[tools] building actionlint $(ACTIONLINT_VERSION) with go install"
	rm -rf $(@D).tmp && mkdir -p $(@D).tmp
	GOBIN=$(abspath $(@D).tmp) GOFLAGS=-mod=mod go install github.com/rhysd/actionlint/cmd/actionlint@v$(ACTIONLINT_VERSION)
	rm -rf $(@D) && mv $(@D).tmp $(@D)

.PHONY: shipping-tools
shipping-tools: $(ACTIONLINT) ## docker-compose + shellcheck (apt) and actionlint (go), when missing
	@scripts/apt-ensure.sh $(SHIPPING_APT) >/dev/null

# semantic-release and its plugins, exactly as locked (reinstalled only when the lock changes).
RELEASE_NODE_MODULES := tools/release/node_modules/.package-lock.json
$(RELEASE_NODE_MODULES): tools/release/package-lock.json
	cd tools/release && npm ci --no-audit --no-fund --loglevel=error
	touch $@

.PHONY: release
release: $(RELEASE_NODE_MODULES) ## CI only: version from conventional commits, bump the chart, tag and push
	tools/release/node_modules/.bin/semantic-release --extends ./tools/release/release.config.cjs

.PHONY: test-shipping
test-shipping: venv shipping-tools $(RELEASE_NODE_MODULES) ## Dockerfiles, compose, workflows, image start command (no Docker needed)
	$(PY) -m pytest tests/shipping

TEST_TARGETS += test-shipping
