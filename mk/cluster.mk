# A real Kubernetes control plane on loopback (issue 10): etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, kwok fake nodes and the Argo Rollouts controller, all
# built from the Go modules in tools/kube/ once per machine into the versioned tools folder.
# `make cluster-up` / `make cluster-down` run it by hand; `make test-cluster` starts its own.
KUBE_DIR     := $(TOOLS_DIR)/kube-$(K8S_VERSION)
KWOK_DIR     := $(TOOLS_DIR)/kwok-$(KWOK_VERSION)
ROLLOUTS_DIR := $(TOOLS_DIR)/argo-rollouts-$(ARGO_ROLLOUTS_VERSION)
CLUSTER_DIR  ?= /tmp/flamingo-cluster
K8S_MINOR    := $(word 2,$(subst ., ,$(K8S_VERSION)))
# Without the stamp the binaries report v0.0.0 and helm's kubeVersion check rejects the cluster.
KUBE_LDFLAGS := -s -w \
	-X k8s.io/component-base/version.gitVersion=v$(K8S_VERSION) \
	-X k8s.io/component-base/version.gitMajor=1 \
	-X k8s.io/component-base/version.gitMinor=$(K8S_MINOR) \
	-X k8s.io/component-base/version.gitTreeState=clean \
	-X k8s.io/client-go/pkg/version.gitVersion=v$(K8S_VERSION)
CLUSTER_BINARIES := $(KUBE_DIR)/kube-apiserver $(KWOK_DIR)/kwok $(ROLLOUTS_DIR)/rollouts-controller

# One `go build` per module builds all its tools (`tool` = every tool directive of go.mod) into a
# .tmp folder that is renamed only when complete, so a killed build never leaves a half tool.
# -s -w: no symbol tables (smaller binaries, faster link); -mod=readonly: go.sum must be complete.
$(KUBE_DIR)/kube-apiserver:
	@echo "[tools] building kube-apiserver, kube-controller-manager, kube-scheduler $(K8S_VERSION) and etcd $(ETCD_VERSION) (once per machine; ~4 min idle, ~12 loaded)"
	rm -rf $(KUBE_DIR).tmp && mkdir -p $(KUBE_DIR).tmp
	cd tools/kube/k8s && go build -mod=readonly -ldflags '$(KUBE_LDFLAGS)' -o $(KUBE_DIR).tmp/ tool
	# etcd's server module names its binary after the package directory.
	mv $(KUBE_DIR).tmp/server $(KUBE_DIR).tmp/etcd
	rm -rf $(KUBE_DIR) && mv $(KUBE_DIR).tmp $(KUBE_DIR)

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
cluster-tools: ## build the control-plane binaries when missing (fast when present)
	@for bin in $(CLUSTER_BINARIES); do [[ -x $$bin ]] || $(MAKE) -s $$bin; done
	@command -v kubectl >/dev/null || { echo "kubectl is not on PATH (kubectl 1.32+ needed)" >&2; exit 1; }
	@command -v openssl >/dev/null || { echo "openssl is not on PATH" >&2; exit 1; }

# checkov for tests/chart/test_policy.py: mk/infra.mk installs it (`make tools`, pinned, in a venv
# of its own); the test finds it through CHECKOV_PY.

tools: cluster-tools

.PHONY: cluster-up
cluster-up: venv cluster-tools ## start the local control plane on loopback and print its KUBECONFIG
	$(PY) -m tests.support.cluster up --dir $(CLUSTER_DIR)

.PHONY: cluster-down
cluster-down: venv ## stop everything `make cluster-up` started
	$(PY) -m tests.support.cluster down --dir $(CLUSTER_DIR)

.PHONY: test-cluster
test-cluster: venv tools frontend-build ## helm install / blue-green / abort / uninstall on a real control plane (own cluster)
	$(PY) -m pytest tests/cluster --durations=8

TEST_TARGETS += test-cluster
