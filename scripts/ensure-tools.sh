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
# FerretDB panics at start unless build/version/version.txt exists, and `go install` cannot add it:
# build from a writable copy of the module source instead (no replace directives involved).
ferretdb_dir="$TOOLS_DIR/ferretdb-$FERRETDB_VERSION"
if [[ ! -x "$ferretdb_dir/ferretdb" ]]; then
  log "building ferretdb $FERRETDB_VERSION (a few minutes, once per machine)"
  src="$(go mod download -json "github.com/FerretDB/FerretDB@v$FERRETDB_VERSION" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cp -r "$src" "$work/src" && chmod -R u+w "$work/src"
  echo "v$FERRETDB_VERSION" > "$work/src/build/version/version.txt"
  (cd "$work/src" && go build -o "$work/ferretdb" ./cmd/ferretdb)
  mkdir -p "$ferretdb_dir" && mv "$work/ferretdb" "$ferretdb_dir/ferretdb"
fi
go_tool helm "$HELM_VERSION" helm.sh/helm/v3/cmd/helm
log "ok (tools in $TOOLS_DIR)"
