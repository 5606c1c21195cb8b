#!/usr/bin/env bash
# apt-ensure.sh PACKAGE...: installs the Debian packages that are missing (quiet when all are
# present). Waits for another apt run's lock instead of failing (make runs tool targets side by
# side), and refreshes the package lists only when an install fails without them.
# Exit status 0 when everything is installed; the names it installed go to stdout.
set -euo pipefail

missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
((${#missing[@]})) || exit 0

printf '[tools] apt-get install %s\n' "${missing[*]}" >&2
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
apt=("${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600)
"${apt[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null \
  || { "${apt[@]}" update -qq && "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null; }
printf '%s\n' "${missing[@]}"
