#!/usr/bin/env bash
# Generates the SPA's API types from the OpenAPI document the app serves:
#   frontend/scripts/api-types.sh <python of the venv> <output .d.ts>
# `make api-types` writes frontend/src/api/schema.d.ts; `make test-frontend` generates into a
# temporary file and fails when the committed one differs.
set -euo pipefail

python=${1:?usage: api-types.sh <python> <output.d.ts>}
output=${2:?usage: api-types.sh <python> <output.d.ts>}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
frontend=$(dirname "$here")

document=$(mktemp --suffix=.json)
trap 'rm -f "$document"' EXIT
"$python" "$here/served_openapi.py" >"$document"
# The pinned generator from node_modules (npm ci), never a download. A default does not make a
# field required: a request may omit it (answers list every field they always send as required).
"$frontend/node_modules/.bin/openapi-typescript" "$document" --default-non-nullable=false \
  --output "$output"
