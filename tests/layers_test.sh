#!/usr/bin/env bash
# Dependencies point one way (docs/architecture.md): a folder's sources include only the project
# headers of its own folder and of the folders below it. Lists every include that breaks the rule
# and fails; passes silently otherwise.
# Usage: tests/layers_test.sh [SOURCE_DIR]
set -u
top="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
cd "$top" || exit 2

# folder: the folders it may include (itself first), lowest layer first.
rules=(
  "workloads: workloads"
  "topologies: topologies"
  "models: models workloads topologies"
  "reports: reports models workloads topologies"
  "serving: serving workloads"
  "sim/config: sim/config serving models workloads topologies"
  "sim/process: sim/process"
  "sim/run: sim/run sim/config serving reports models workloads topologies"
  "sim/serve: sim/serve sim/study sim/run sim/process sim/config serving reports models workloads topologies"
  "sim/study: sim/study sim/run sim/process sim/config serving reports models workloads topologies"
  "sim/cluster: sim/cluster sim/study sim/run sim/process sim/config serving reports models workloads topologies"
  "sim/cli: sim/cli sim/serve sim/cluster sim/study sim/run sim/process sim/config serving reports models workloads topologies"
)

status=0
checked=0
for rule in "${rules[@]}"; do
  folder="${rule%%:*}"
  allowed="${rule#*: }"
  [ -d "$folder" ] || { echo "layers: $folder: no such folder (update tests/layers_test.sh)"; status=1; continue; }
  while IFS= read -r hit; do
    file="${hit%%:*}"
    rest="${hit#*:}"; line="${rest%%:*}"
    header="$(sed -E 's/.*#include "([^"]+)".*/\1/' <<<"$rest")"
    case "$header" in */*) ;; *) continue ;; esac  # a system or local header
    checked=$((checked + 1))
    # the folder of the header: its first component, or sim/<room> for sim/
    case "$header" in
      sim/*) target="sim/$(cut -d/ -f2 <<<"$header")" ;;
      *) target="${header%%/*}" ;;
    esac
    ok=0
    case " $allowed " in *" $target "*) ok=1 ;; esac
    if [ "$ok" -eq 0 ]; then
      echo "layers: $file:$line includes \"$header\": $folder may include only $allowed"
      status=1
    fi
  done < <(grep -n '#include "' "$folder"/*.h "$folder"/*.cc 2>/dev/null)
done
# Nothing in sim/ sits outside a room.
loose="$(find sim -maxdepth 1 -name '*.cc' -o -maxdepth 1 -name '*.h')"
if [ -n "$loose" ]; then echo "layers: files of sim/ outside a room: $loose"; status=1; fi
[ "$checked" -gt 0 ] || { echo "layers: no include checked"; status=1; }
exit "$status"
