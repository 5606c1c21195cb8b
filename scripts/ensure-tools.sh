#!/usr/bin/env bash
# Installs the tools the checks need, when missing. Idempotent and fast when everything is present.
# Built binaries go to a versioned machine-wide cache so fresh clones reuse them.
set -euo pipefail

# shellcheck source=../tools/versions.env
source "$(dirname "$0")/../tools/versions.env"
TOOLS_DIR="${FLAMINGO_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/flamingo/tools}"
APT_PACKAGES=(redis-server nginx wrk chromium)

log() { printf '[tools] %s\n' "$*" >&2; }

"$(dirname "$0")/apt-ensure.sh" "${APT_PACKAGES[@]}" >/dev/null

go_tool() {  # name version module-path
  local name="$1" version="$2" module="$3" dir="$TOOLS_DIR/$1-$2"
  if [[ ! -x "$dir/$name" ]]; then
    log "building $name $version with go install (a few minutes, once per machine)"
    mkdir -p "$dir.tmp"
    GOBIN="$dir.tmp" GOFLAGS=-mod=mod go install "$module@v$version"
    rm -rf "$dir" && mv "$dir.tmp" "$dir"
  fi
}
# FerretDB: one static build for the native tests and the stand-in image (mk/containers.mk,
# part of `make tools`).
go_tool helm "$HELM_VERSION" helm.sh/helm/v3/cmd/helm
log "ok (tools in $TOOLS_DIR)"
