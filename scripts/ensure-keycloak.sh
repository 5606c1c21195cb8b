#!/usr/bin/env bash
# Installs Keycloak (the real OIDC provider of the SSO tests) when missing: the distribution zip
# from Maven Central through `mvn dependency:get`, unpacked once per machine into the versioned
# tools cache. Also checks that a Java >= 21 exists (Keycloak 26 refuses older ones); prints the
# JAVA_HOME it found. Idempotent; fast when everything is present.
set -euo pipefail

# shellcheck source=../tools/versions.env
source "$(dirname "$0")/../tools/versions.env"
TOOLS_DIR="${FLAMINGO_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/flamingo/tools}"
dir="$TOOLS_DIR/keycloak-$KEYCLOAK_VERSION"
log() { printf '[keycloak] %s\n' "$*" >&2; }

java_major() {  # prints the major version of $1/bin/java, or nothing
  "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1
}
find_java() {
  local candidate
  for candidate in ${KEYCLOAK_JAVA_HOME:-} ${JAVA_HOME:-} /usr/lib/jvm/temurin-*-jdk-* /usr/lib/jvm/*; do
    [[ -x "$candidate/bin/java" ]] || continue
    local major; major="$(java_major "$candidate")"
    if [[ -n "$major" && "$major" -ge 21 ]]; then echo "$candidate"; return 0; fi
  done
  return 1
}

java_home="$(find_java)" || { log "no Java >= 21 found (set KEYCLOAK_JAVA_HOME)"; exit 1; }

if [[ ! -x "$dir/bin/kc.sh" ]]; then
  command -v mvn >/dev/null || { log "mvn not found: install Maven"; exit 1; }
  log "downloading keycloak-quarkus-dist $KEYCLOAK_VERSION from Maven Central (165 MB, once per machine)"
  mvn -q dependency:get "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" -Dtransitive=false
  zip="${MAVEN_REPOSITORY:-$HOME/.m2/repository}/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  work="$(mktemp -d "$TOOLS_DIR/.keycloak.XXXXXX" 2>/dev/null || { mkdir -p "$TOOLS_DIR"; mktemp -d "$TOOLS_DIR/.keycloak.XXXXXX"; })"
  trap 'rm -rf "$work"' EXIT
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zip" "$work"
  chmod +x "$work/keycloak-$KEYCLOAK_VERSION/bin/"*.sh
  rm -rf "$dir" && mv "$work/keycloak-$KEYCLOAK_VERSION" "$dir"
fi
# The Quarkus build (augmentation) is the slow half of a start: do it once here, so the tests can
# `kc.sh start --optimized` (tests/support/keycloak.py). Rebuilt when these options change.
BUILD_OPTIONS="--db=dev-mem --cache=local"
if [[ "$(cat "$dir/.flamingo-build" 2>/dev/null)" != "$BUILD_OPTIONS" ]]; then
  log "kc.sh build $BUILD_OPTIONS (once per machine)"
  # shellcheck disable=SC2086
  JAVA_HOME="$java_home" "$dir/bin/kc.sh" build $BUILD_OPTIONS >/dev/null
  echo "$BUILD_OPTIONS" > "$dir/.flamingo-build"
fi
log "ok: $dir (JAVA_HOME=$java_home)"
