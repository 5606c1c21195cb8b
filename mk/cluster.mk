# A real Kubernetes control plane on loopback (issue 10): etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, kwok fake nodes and the Argo Rollouts controller, all
# built from the Go modules in tools/kube/ once per machine into the versioned tools folder; and
# (issue 21) one real node beside the fake ones: kubelet + kube-proxy (same module), a containerd
# of its own (Debian), the CNI plugins (Debian), CoreDNS (Go proxy) and our pause image.
# `make cluster-up` / `make cluster-release` / `make cluster-down` run it by hand with Flamingo
# released onto the real node; `make test-cluster` starts its own.
KUBE_DIR     := $(TOOLS_DIR)/kube-$(K8S_VERSION)
KWOK_DIR     := $(TOOLS_DIR)/kwok-$(KWOK_VERSION)
ROLLOUTS_DIR := $(TOOLS_DIR)/argo-rollouts-$(ARGO_ROLLOUTS_VERSION)
COREDNS_DIR  := $(TOOLS_DIR)/coredns-$(COREDNS_VERSION)
PAUSE_DIR    := $(TOOLS_DIR)/pause-$(PAUSE_VERSION)
CLUSTER_DIR  ?= /tmp/flamingo-cluster
# The node's Debian packages: containerd and runc (what docker.io depends on too), the CNI
# plugins, iptables for kube-proxy and the CNI plugins, conntrack, gcc + libc6-dev for the static
# pause binary.
NODE_APT     := containerd runc containernetworking-plugins iptables conntrack gcc libc6-dev
K8S_MINOR    := $(word 2,$(subst ., ,$(K8S_VERSION)))
# Without the stamp the binaries report v0.0.0 and helm's kubeVersion check rejects the cluster.
KUBE_LDFLAGS := -s -w \
	-X k8s.io/component-base/version.gitVersion=v$(K8S_VERSION) \
	-X k8s.io/component-base/version.gitMajor=1 \
	-X k8s.io/component-base/version.gitMinor=$(K8S_MINOR) \
	-X k8s.io/component-base/version.gitTreeState=clean \
	-X k8s.io/client-go/pkg/version.gitVersion=v$(K8S_VERSION)
CLUSTER_BINARIES := $(KUBE_DIR)/kube-apiserver $(KUBE_DIR)/kubelet $(KWOK_DIR)/kwok \
	$(ROLLOUTS_DIR)/rollouts-controller $(COREDNS_DIR)/coredns $(PAUSE_DIR)/pause.tar

# One `go build` per module builds all its tools (`tool` = every tool directive of go.mod) into a
# .tmp folder that is renamed only when complete, so a killed build never leaves a half tool.
# -s -w: no symbol tables (smaller binaries, faster link); -mod=readonly: go.sum must be complete.
$(KUBE_DIR)/kube-apiserver:
	@echo "[tools] building kube-apiserver, kube-controller-manager, kube-scheduler, kubelet, kube-proxy $(K8S_VERSION) and etcd $(ETCD_VERSION) (once per machine; ~5 min idle, ~15 loaded)"
	rm -rf $(KUBE_DIR).tmp && mkdir -p $(KUBE_DIR).tmp
	cd tools/kube/k8s && go build -mod=readonly -ldflags '$(KUBE_LDFLAGS)' -o $(KUBE_DIR).tmp/ tool
	# etcd's server module names its binary after the package directory.
	mv $(KUBE_DIR).tmp/server $(KUBE_DIR).tmp/etcd
	rm -rf $(KUBE_DIR) && mv $(KUBE_DIR).tmp $(KUBE_DIR)

# A folder built before kubelet and kube-proxy joined the module's tools: add just those two
# (a warm build cache makes it ~2 min), moved in only once both are built.
# (The folder's own rule builds them too: then there is nothing left to do here.)
$(KUBE_DIR)/kubelet: | $(KUBE_DIR)/kube-apiserver
	@if [[ ! -x $@ ]]; then \
	  echo "[tools] building kubelet and kube-proxy $(K8S_VERSION) (once per machine)"; \
	  rm -rf $(KUBE_DIR).node.tmp && mkdir -p $(KUBE_DIR).node.tmp \
	  && (cd tools/kube/k8s && go build -mod=readonly -ldflags '$(KUBE_LDFLAGS)' \
	        -o $(KUBE_DIR).node.tmp/ k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kube-proxy) \
	  && mv $(KUBE_DIR).node.tmp/kube-proxy $(KUBE_DIR).node.tmp/kubelet $(KUBE_DIR)/ \
	  && rm -rf $(KUBE_DIR).node.tmp; \
	fi

# CoreDNS has no replace or exclude directives: a plain go install.
$(COREDNS_DIR)/coredns:
	@echo "[tools] building CoreDNS $(COREDNS_VERSION) (once per machine; ~4 min)"
	rm -rf $(COREDNS_DIR).tmp && mkdir -p $(COREDNS_DIR).tmp
	GOBIN=$(abspath $(COREDNS_DIR).tmp) GOFLAGS=-mod=mod go install -trimpath -ldflags '-s -w' \
	  github.com/coredns/coredns@v$(COREDNS_VERSION)
	rm -rf $(COREDNS_DIR) && mv $(COREDNS_DIR).tmp $(COREDNS_DIR)

# The pod sandbox image: our static pause binary alone in an OCI archive that the node's
# containerd imports at start (registry.k8s.io is unreachable).
$(PAUSE_DIR)/pause.tar: tools/kube/node/pause.c tools/kube/node/pause_image.py
	rm -rf $(PAUSE_DIR).tmp && mkdir -p $(PAUSE_DIR).tmp
	gcc -static -Os -Wall -Wextra -Werror -o $(PAUSE_DIR).tmp/pause tools/kube/node/pause.c
	strip $(PAUSE_DIR).tmp/pause
	python3 tools/kube/node/pause_image.py $(PAUSE_DIR).tmp/pause flamingo.local/pause:$(PAUSE_VERSION) $(PAUSE_DIR).tmp/pause.tar
	rm -rf $(PAUSE_DIR) && mv $(PAUSE_DIR).tmp $(PAUSE_DIR)

$(KWOK_DIR)/kwok:
	@echo "[tools] building kwok $(KWOK_VERSION) (once per machine)"
	rm -rf $(KWOK_DIR).tmp && mkdir -p $(KWOK_DIR).tmp
	cd tools/kube/kwok && go build -mod=readonly -ldflags '-s -w' -o $(KWOK_DIR).tmp/ tool
	rm -rf $(KWOK_DIR) && mv $(KWOK_DIR).tmp $(KWOK_DIR)

$(ROLLOUTS_DIR)/rollouts-controller:
	@echo "[tools] building the Argo Rollouts controller and kubectl plugin $(ARGO_ROLLOUTS_VERSION) (once per machine)"
	rm -rf $(ROLLOUTS_DIR).tmp && mkdir -p $(ROLLOUTS_DIR).tmp
	cd tools/kube/rollouts && go build -mod=readonly -ldflags '-s -w' -o $(ROLLOUTS_DIR).tmp/ tool
	rm -rf $(ROLLOUTS_DIR) && mv $(ROLLOUTS_DIR).tmp $(ROLLOUTS_DIR)

# No go.mod prerequisites: a fresh clone's files are newer than the cached binaries, and the folder
# name carries the version, so a binary is built only when missing (bump the version in
# tools/versions.env with the go.mod; tests/cluster/test_tools.py checks the two agree).
.PHONY: cluster-tools
cluster-tools: ## build the control-plane and node binaries when missing (fast when present)
	@scripts/apt-ensure.sh $(NODE_APT) >/dev/null
	@# One make for the missing ones: under `make tools` (-j) they build side by side, and
	@# kubelet still waits for the control plane's folder (its order-only prerequisite).
	@missing=(); for bin in $(CLUSTER_BINARIES); do [[ -f $$bin ]] || missing+=("$$bin"); done; \
	  (( $${#missing[@]} == 0 )) || $(MAKE) -s "$${missing[@]}"
	@command -v kubectl >/dev/null || { echo "kubectl is not on PATH (kubectl 1.32+ needed)" >&2; exit 1; }
	@command -v openssl >/dev/null || { echo "openssl is not on PATH" >&2; exit 1; }

# checkov for tests/chart/test_policy.py: mk/infra.mk installs it (`make tools`, pinned, in a venv
# of its own); the test finds it through CHECKOV_PY.

TOOL_TARGETS += cluster-tools

.PHONY: cluster-up
cluster-up: venv cluster-tools containers-tools ## control plane + real node, Flamingo built and released on it; prints KUBECONFIG and the URL
	$(PY) -m tests.support.cluster_cli up --node --release $(or $(VERSION),v1) --dir $(CLUSTER_DIR)

.PHONY: cluster-release
cluster-release: venv ## VERSION=<v>: build images of that version and upgrade the release (new pods behind the preview Service)
	@[[ -n "$(VERSION)" ]] || { echo "usage: make cluster-release VERSION=<v>" >&2; exit 2; }
	$(PY) -m tests.support.cluster_cli release --version $(VERSION) --dir $(CLUSTER_DIR)

.PHONY: cluster-down
cluster-down: venv ## stop everything `make cluster-up` started and restore the host
	$(PY) -m tests.support.cluster_cli down --dir $(CLUSTER_DIR)

.PHONY: test-cluster
test-cluster: venv tools frontend-build ## helm install / blue-green / abort / uninstall on a real control plane (own cluster)
	$(PY) -m pytest tests/cluster --durations=8

# Mostly waiting: `make test` runs it beside the other SIDE_BY_SIDE suite (Makefile).
SIDE_BY_SIDE += test-cluster
