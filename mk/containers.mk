# Our containers for real (issue 21): a private Docker engine, the Compose v2 plugin, a local OCI
# registry, stand-in base images, `make images`, `make stack-up` / `make stack-down`.
#
# Everything lives in the versioned tools folder, so layers, stand-ins and binaries survive between
# runs (and between fresh clones); nothing else is left behind:
#   $(COMPOSE_DIR)/cli-plugins/docker-compose  Compose v2, built from the Go module proxy
#   $(REGISTRY_DIR)/registry                   distribution's registry, built from the Go proxy
#   $(STANDIN_DIR)/rootfs.tar                  debootstrap --variant=minbase of $(STANDIN_SUITE)
#   $(ENGINE_DIR)/{data,exec}                  the private dockerd's data root and exec root
#   $(ENGINE_DIR)/registry                     the local registry's storage
# The engine and the registry run only while something needs them: tests/support/docker.py starts
# them (by PID, on a private socket and 127.0.0.1) and stops them again.
COMPOSE_DIR   := $(TOOLS_DIR)/compose-$(COMPOSE_VERSION)
REGISTRY_DIR  := $(TOOLS_DIR)/registry-$(REGISTRY_VERSION)
STANDIN_DIR   := $(TOOLS_DIR)/standin-$(STANDIN_SUITE)
ENGINE_DIR    := $(TOOLS_DIR)/engine
export COMPOSE_PLUGIN ?= $(COMPOSE_DIR)/cli-plugins/docker-compose
export REGISTRY_BIN   ?= $(REGISTRY_DIR)/registry
export STANDIN_ROOTFS ?= $(STANDIN_DIR)/rootfs.tar
# FerretDB for the MongoDB stand-in: a static build (CGO_ENABLED=0), so the image needs no libc of
# this machine's; the same version as the native one of `make tools`.
export FERRETDB_STATIC ?= $(TOOLS_DIR)/ferretdb-static-$(FERRETDB_VERSION)/ferretdb
CONTAINERS_APT := docker.io debootstrap
DOCKER_SUPPORT := $(PY) -m tests.support.docker

# Compose v2: `go install` refuses the module (exclude directives), so build a writable copy of
# its source, with the version stamped (else `docker compose version` says "dev").
$(COMPOSE_PLUGIN):
	@echo "[tools] building the Compose v2 plugin $(COMPOSE_VERSION) (once per machine; ~4 min idle)"
	rm -rf $(COMPOSE_DIR).tmp && mkdir -p $(COMPOSE_DIR).tmp/cli-plugins
	src="$$(go mod download -json github.com/docker/compose/v5@v$(COMPOSE_VERSION) \
	  | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$$/\1/p')"; \
	cp -r "$$src" $(COMPOSE_DIR).tmp/src && chmod -R u+w $(COMPOSE_DIR).tmp/src
	cd $(COMPOSE_DIR).tmp/src && go build -mod=mod -trimpath \
	  -ldflags "-s -w -X github.com/docker/compose/v5/internal.Version=v$(COMPOSE_VERSION)" \
	  -o ../cli-plugins/docker-compose ./cmd
	rm -rf $(COMPOSE_DIR).tmp/src
	rm -rf $(COMPOSE_DIR) && mv $(COMPOSE_DIR).tmp $(COMPOSE_DIR)

# FerretDB panics at start without build/version/version.txt: build from a writable source copy.
$(FERRETDB_STATIC):
	@echo "[tools] building a static FerretDB $(FERRETDB_VERSION): the native tests and the MongoDB stand-in (once per machine)"
	rm -rf $(@D).tmp && mkdir -p $(@D).tmp
	src="$$(go mod download -json github.com/FerretDB/FerretDB@v$(FERRETDB_VERSION) \
	  | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$$/\1/p')"; \
	cp -r "$$src" $(@D).tmp/src && chmod -R u+w $(@D).tmp/src
	echo "v$(FERRETDB_VERSION)" > $(@D).tmp/src/build/version/version.txt
	cd $(@D).tmp/src && CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o ../ferretdb ./cmd/ferretdb
	rm -rf $(@D).tmp/src
	rm -rf $(@D) && mv $(@D).tmp $(@D)

# The stand-ins' Debian root filesystem (network-bound: built beside the Go builds).
$(STANDIN_ROOTFS): | venv
	$(PY) -c 'from tests.support.images import debootstrap_rootfs; debootstrap_rootfs()'

# The registry: our stand-in for Artifact Registry and Gitea's OCI registry.
$(REGISTRY_BIN):
	@echo "[tools] building the OCI registry (distribution) $(REGISTRY_VERSION) (once per machine)"
	rm -rf $(REGISTRY_DIR).tmp && mkdir -p $(REGISTRY_DIR).tmp
	GOBIN=$(abspath $(REGISTRY_DIR).tmp) GOFLAGS=-mod=mod \
	  go install -trimpath -ldflags '-s -w' github.com/distribution/distribution/v3/cmd/registry@v$(REGISTRY_VERSION)
	rm -rf $(REGISTRY_DIR) && mv $(REGISTRY_DIR).tmp $(REGISTRY_DIR)

# Build the Go tools side by side (each is minutes of CPU once per machine), apt meanwhile.
.PHONY: containers-tools
containers-tools: venv $(FERRETDB_STATIC) ## docker.io + debootstrap (apt); the Compose plugin, the registry, a static FerretDB (Go) and the stand-ins' Debian rootfs, when missing
	@scripts/apt-ensure.sh $(CONTAINERS_APT) >/dev/null
	@# The docker.io package enables and starts the system's dockerd where systemd runs: we use our own.
	@if systemctl is-enabled -q docker 2>/dev/null; then \
	  sudo=""; [[ $$(id -u) -eq 0 ]] || sudo=sudo; \
	  $$sudo systemctl disable --now docker docker.socket containerd >/dev/null 2>&1 || true; \
	fi
	@pids=(); for bin in $(COMPOSE_PLUGIN) $(REGISTRY_BIN) $(STANDIN_ROOTFS); do \
	  [[ -s $$bin ]] || { $(MAKE) -s $$bin & pids+=($$!); }; \
	done; status=0; for pid in "$${pids[@]}"; do wait "$$pid" || status=1; done; exit $$status

TOOL_TARGETS += containers-tools

# ---- the engine and the registry, by hand (containers-b's `make cluster-up` pulls from it) ----
# `make registry-up` prints DOCKER_HOST=…, DOCKER_CONFIG=… and REGISTRY=127.0.0.1:<port> (default
# port 5310, FLAMINGO_REGISTRY_PORT to change); both keep running until `make registry-down`.
# The registry's storage is in the tools folder: a reference pushed once resolves again after a
# restart on the same port.
.PHONY: registry-up
registry-up: venv containers-tools ## start (or join) the private dockerd and the local OCI registry; print their addresses
	@$(DOCKER_SUPPORT) up --lease manual

.PHONY: registry-down
registry-down: venv ## leave what registry-up started (stopped when nothing else uses it)
	@$(DOCKER_SUPPORT) down --lease manual

# ---- images ----
# Prints exactly `image backend <ref>@sha256:<digest>` and `image frontend <ref>@sha256:<digest>`
# on stdout (progress goes to stderr); APP_VERSION sets what /api/v1/version reports and the tag.
APP_VERSION ?= 0.0.0-local
.PHONY: images
images: venv containers-tools ## build both images with our Dockerfiles on stand-in bases, push them to the local registry, print their digests
	@$(PY) -m tests.support.images build --app-version '$(APP_VERSION)'

.PHONY: standins
standins: venv containers-tools ## build and push the stand-in base images (tools/images/*), print their digests
	@$(PY) -m tests.support.images standins

# ---- the compose stack ----
# `make stack-up` prints DOCKER_HOST=… and `Flamingo is up at http://127.0.0.1:<port>`; the stack
# keeps running (with the engine) until `make stack-down`, which removes every container, network
# and volume it made and stops the engine when nothing else uses it.
STACK_PROJECT ?= flamingo-local
.PHONY: stack-up
stack-up: venv containers-tools ## the compose stack on stand-in bases (docker compose up --build --wait); print its URL
	@$(PY) -m tests.support.stack up --project '$(STACK_PROJECT)' --app-version '$(APP_VERSION)'

.PHONY: stack-down
stack-down: venv ## remove the compose stack of stack-up (containers, networks, volumes)
	@$(PY) -m tests.support.stack down --project '$(STACK_PROJECT)'

# ---- checks (each starts what it needs and stops it again) ----
.PHONY: test-containers
test-containers: venv tools frontend-deps ## our images for real (user, read-only root, no compilers or test doubles, health, labels); the compose stack: the browser suite through it, restarts, redeploys
	$(PY) -m pytest tests/containers --durations=8

# The browser suite alone through a compose stack of its own (test-containers runs it too, on
# the stack it shares with the other container checks).
.PHONY: test-e2e-stack
test-e2e-stack: venv tools frontend-deps ## the browser end-to-end suite through the compose stack's frontend container
	$(PY) -m tests.e2e.launch --stack

# Mostly waiting: `make test` runs it beside the other SIDE_BY_SIDE suite (Makefile).
SIDE_BY_SIDE += test-containers
