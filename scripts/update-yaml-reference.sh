#!/usr/bin/env bash
# Regenerates the key table of docs/yaml-reference.md from the schema (`pjsim list --keys`).
# A test (docs/yaml-reference.md holds the generated key table verbatim) fails until this is run
# after a key is added or changed. Usage: scripts/update-yaml-reference.sh [path/to/pjsim]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pjsim="${1:-$here/build/pjsim}"
doc="$here/docs/yaml-reference.md"
table="$(mktemp)"
"$pjsim" list --keys > "$table"
awk -v table="$table" '
  /^\| key \| type \|/ && !done { while ((getline line < table) > 0) print line; skipping = 1; done = 1; next }
  skipping && /^\|/ { next }
  { skipping = 0; print }
' "$doc" > "$doc.tmp"
mv "$doc.tmp" "$doc"
rm -f "$table"
echo "updated $doc"
