#!/usr/bin/env bash
# Generates the Python SDK's flamingo_client package from the OpenAPI document the app serves:
#   clients/python/generate.sh <python of the venv> <output folder>
# `make sdk` writes clients/python/flamingo_client; `make check-sdk` generates into a temporary
# folder and fails when the committed package differs. Any generator warning (an operation or a
# response it would leave out) fails the generation.
set -euo pipefail

python=${1:?usage: generate.sh <python> <output folder>}
output=${2:?usage: generate.sh <python> <output folder>}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$(cd "$(dirname "$python")" && pwd)

document=$(mktemp --suffix=.json)
trap 'rm -f "$document"' EXIT
# The same document the SPA's types come from (built on embedded stores, no server).
"$python" "$root/frontend/scripts/served_openapi.py" >"$document"
# The pinned generator and ruff (its post hooks) from the venv, never a download.
PATH="$bin:$PATH" "$bin/openapi-python-client" generate \
	--path "$document" \
	--config "$here/openapi-python-client.yaml" \
	--meta none \
	--output-path "$output" \
	--overwrite \
	--fail-on-warning >/dev/null
# PEP 561: the package's annotations are its types (the generator leaves the marker out).
touch "$output/py.typed"
