# Infrastructure as code (infra/, deploy/atlas/): terraform fmt, init from a local provider
# mirror, validate, `terraform test` with mocked providers, tflint, checkov, and the Python
# tests of tests/infra (one source of names with the chart, Atlas resources against the
# operator's CRDs). Nothing here talks to Google Cloud or Atlas.
TF_GOOGLE_DIR   := $(TOOLS_DIR)/terraform-provider-google-$(TF_GOOGLE_VERSION)
TF_GOOGLE_BIN   := $(TF_GOOGLE_DIR)/mirror/registry.terraform.io/hashicorp/google/$(TF_GOOGLE_VERSION)/linux_amd64/terraform-provider-google_v$(TF_GOOGLE_VERSION)
TF_CLI_RC       := $(TF_GOOGLE_DIR)/terraformrc
export TFLINT    ?= $(TOOLS_DIR)/tflint-$(TFLINT_VERSION)/tflint
CHECKOV_DIR     := $(TOOLS_DIR)/checkov-$(CHECKOV_VERSION)
export CHECKOV_PY ?= $(CHECKOV_DIR)/venv/bin/python
export ATLAS_CRDS ?= $(TOOLS_DIR)/atlas-operator-crds-$(ATLAS_OPERATOR_VERSION)
TERRAFORM       ?= terraform
# Every directory Terraform runs in: modules get `terraform test`, roots `validate` (and their
# own tests, which include the names plan the Python test reads).
INFRA_MODULES   := $(sort $(dir $(wildcard infra/modules/*/main.tf)))
INFRA_ROOTS     := $(sort $(dir $(wildcard infra/envs/*/main.tf)))
# No state, no credentials and no telemetry in a check run.
INFRA_ENV       := TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1

# The Google provider, built once per machine from the Go module proxy (≈ 7 CPU-minutes), laid out
# as a filesystem mirror with the CLI config that points terraform at it and at nothing else.
$(TF_GOOGLE_BIN):
	@echo "[tools] building terraform-provider-google $(TF_GOOGLE_VERSION) with go install (several minutes, once per machine)"
	rm -rf $(TF_GOOGLE_DIR).tmp && mkdir -p $(TF_GOOGLE_DIR).tmp/bin
	GOBIN=$(TF_GOOGLE_DIR).tmp/bin GOFLAGS=-mod=mod go install \
	  -ldflags="-s -w -X github.com/hashicorp/terraform-provider-google/version.ProviderVersion=$(TF_GOOGLE_VERSION)" \
	  github.com/hashicorp/terraform-provider-google@$(TF_GOOGLE_MODULE_VERSION)
	mkdir -p $(dir $(subst $(TF_GOOGLE_DIR)/,$(TF_GOOGLE_DIR).tmp/,$@))
	mv $(TF_GOOGLE_DIR).tmp/bin/terraform-provider-google $(subst $(TF_GOOGLE_DIR)/,$(TF_GOOGLE_DIR).tmp/,$@)
	rmdir $(TF_GOOGLE_DIR).tmp/bin
	printf '%s\n' 'disable_checkpoint = true' 'provider_installation {' \
	  '  filesystem_mirror {' '    path    = "$(TF_GOOGLE_DIR)/mirror"' \
	  '    include = ["registry.terraform.io/hashicorp/google"]' '  }' \
	  '  direct {' '    exclude = ["*/*"]' '  }' '}' > $(TF_GOOGLE_DIR).tmp/terraformrc
	rm -rf $(TF_GOOGLE_DIR) && mv $(TF_GOOGLE_DIR).tmp $(TF_GOOGLE_DIR)

$(TFLINT):
	@echo "[tools] building tflint $(TFLINT_VERSION) with go install"
	rm -rf $(@D).tmp && mkdir -p $(@D).tmp
	GOBIN=$(abspath $(@D).tmp) GOFLAGS=-mod=mod go install github.com/terraform-linters/tflint@v$(TFLINT_VERSION)
	rm -rf $(@D) && mv $(@D).tmp $(@D)

# checkov in a venv of its own (its dependency tree would clash with the app's lock); run as
# `python -m checkov.main` so the venv still works after the rename from .tmp.
$(CHECKOV_PY):
	@echo "[tools] installing checkov $(CHECKOV_VERSION) from PyPI into its own venv"
	rm -rf $(CHECKOV_DIR).tmp && mkdir -p $(CHECKOV_DIR).tmp
	python3 -m venv $(CHECKOV_DIR).tmp/venv
	$(CHECKOV_DIR).tmp/venv/bin/pip install -q --disable-pip-version-check checkov==$(CHECKOV_VERSION)
	rm -rf $(CHECKOV_DIR) && mv $(CHECKOV_DIR).tmp $(CHECKOV_DIR)

# The Atlas operator's CRDs, read from its Go module's zip (the module wants a newer Go than the
# machine's, so `go mod download` exits non-zero, but it has fetched and verified the zip).
# Copies every CRD of one release directory out of the module zip into the tools folder.
define ATLAS_CRDS_EXTRACT
import pathlib, sys, zipfile
archive, marker, out = zipfile.ZipFile(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
names = [n for n in archive.namelist() if marker in n and n.endswith(".yaml")]
assert names, f"no CRDs matching {marker} in {sys.argv[1]}"
for name in names:
    (out / pathlib.PurePosixPath(name).name).write_bytes(archive.read(name))
print(f"[tools] {len(names)} Atlas CRDs extracted")
endef
export ATLAS_CRDS_EXTRACT

$(ATLAS_CRDS)/.done:
	@echo "[tools] fetching the Atlas Kubernetes Operator $(ATLAS_OPERATOR_VERSION) module for its CRDs"
	rm -rf $(ATLAS_CRDS).tmp && mkdir -p $(ATLAS_CRDS).tmp
	json=$$(GOFLAGS=-mod=mod go mod download -json github.com/mongodb/mongodb-atlas-kubernetes/v2@v$(ATLAS_OPERATOR_VERSION) || true); \
	zip=$$(sed -n 's/^[[:space:]]*"Zip": "\(.*\)",$$/\1/p' <<<"$$json"); \
	test -s "$$zip" || { echo "Atlas operator module zip not downloaded: $$json" >&2; exit 1; }; \
	python3 -c "$$ATLAS_CRDS_EXTRACT" "$$zip" "/releases/v$(ATLAS_CRDS_RELEASE)/deploy/crds/atlas.mongodb.com_" $(ATLAS_CRDS).tmp
	touch $(ATLAS_CRDS).tmp/.done
	rm -rf $(ATLAS_CRDS) && mv $(ATLAS_CRDS).tmp $(ATLAS_CRDS)

.PHONY: infra-tools
infra-tools: $(TF_GOOGLE_BIN) $(TFLINT) $(CHECKOV_PY) $(ATLAS_CRDS)/.done ## Google provider mirror, tflint, checkov, Atlas CRDs (built once per machine)
	@command -v $(TERRAFORM) >/dev/null || { echo "terraform is not on PATH: install Terraform $(TERRAFORM_VERSION) (the Go proxy cannot build it)" >&2; exit 1; }

TOOL_TARGETS += infra-tools

# Only this check points terraform at the local mirror; a `terraform` run by hand keeps its own config.
test-infra: export TF_CLI_CONFIG_FILE := $(TF_CLI_RC)
.PHONY: test-infra
test-infra: venv infra-tools ## Terraform fmt/validate/test, tflint, checkov, names and Atlas CRD tests (offline)
	@echo "[infra] $$($(TERRAFORM) version | head -1), google $(TF_GOOGLE_VERSION) from $(TF_GOOGLE_DIR)/mirror"
	$(TERRAFORM) fmt -check -recursive -diff infra
	@# Lock files are made here, against the local build (see docs/infrastructure.md, "Lock files").
	@for dir in $(INFRA_MODULES) $(INFRA_ROOTS); do \
	  echo "[infra] init + validate $$dir"; \
	  $(INFRA_ENV) $(TERRAFORM) -chdir=$$dir init -backend=false -upgrade=false >/dev/null \
	    || { $(INFRA_ENV) $(TERRAFORM) -chdir=$$dir init -backend=false; exit 1; }; \
	  $(INFRA_ENV) $(TERRAFORM) -chdir=$$dir validate -no-color; \
	done
	@# The roots' tests are the names plans; tests/infra/test_names.py runs them with the chart's ids.
	@for dir in $(INFRA_MODULES); do \
	  echo "[infra] terraform test $$dir"; \
	  $(INFRA_ENV) $(TERRAFORM) -chdir=$$dir test -no-color; \
	done
	$(TFLINT) --recursive --chdir=infra --config=$(CURDIR)/infra/.tflint.hcl --format=compact
	$(CHECKOV_PY) -m checkov.main -d infra --framework terraform --skip-download --quiet --compact
	$(PY) -m pytest tests/infra

TEST_TARGETS += test-infra
