#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Rewrites the generated parts of the docs from the code: the parameter table in docs/model.md and
# docs/validation.md. Usage: scripts/update-docs.sh [path/to/knead]   (default build/knead)
set -euo pipefail
cd "$(dirname "$0")/.."
knead="${1:-build/knead}"
table=$(mktemp)
trap 'rm -f "$table"' EXIT
"$knead" atlas --format md |
  awk '/^## Model parameters/{on=1; next} /^## /{on=0} on && /^\|/' > "$table"
awk -v table="$table" '
  /^\| parameter \| module \| value \|/ { while ((getline line < table) > 0) print line; skip = 1; next }
  skip && /^\|/ { next }
  { skip = 0; print }
' docs/model.md > docs/model.md.new
mv docs/model.md.new docs/model.md
"$knead" validate --write docs/validation.md > /dev/null || true
echo "docs updated"
