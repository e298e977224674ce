#!/usr/bin/env bash
# Regenerates the golden reports of tests/golden/ from examples/*.yaml with the current build.
# Run it after a deliberate change to the model, review `git diff tests/golden`, commit both.
# Usage: scripts/update-goldens.sh [path/to/pjsim]   (default: ./build/pjsim)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pjsim="${1:-$here/build/pjsim}"
cd "$here"
for example in examples/*.yaml; do
  name="$(basename "$example" .yaml)"
  "$pjsim" run "$example" --out "tests/golden/$name" --quiet --no-html >/dev/null
  # Only report.json is golden: the Markdown, the CSVs and the page are renderings of it.
  rm -f "tests/golden/$name/report.md" "tests/golden/$name/report.csv" "tests/golden/$name/ledger.csv" "tests/golden/$name/report.html"
  if grep -q "$here" "tests/golden/$name/report.json"; then
    echo "update-goldens: tests/golden/$name/report.json holds a path of this machine" >&2
    exit 1
  fi
  echo "tests/golden/$name/report.json"
done
