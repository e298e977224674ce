#!/usr/bin/env bash
# The speed targets of `pjsim serve` (docs/performance.md#serving-replay): wall time, peak memory
# (of pjsim and its step children, the largest one process) and steps simulated for
#   1. one hour of the Azure conversation trace (19,366 requests) on Llama-3-8B, one TPU-v4-like chip;
#   2. the Mooncake conversation trace (12,031 requests) on Llama-3-70B over a 4x4x4 slice
#      (tensor [x,y], pipeline [z]) with prefix caching.
# Usage: bench/serving_speed.sh [PJSIM] [TRACES] [OUT]
set -euo pipefail
pjsim="${1:-./build/pjsim}"
traces="${2:-../shared/traces}"
out="${3:-out/bench/serving}"
measure() {  # label, then the pjsim arguments
  local label="$1"; shift
  local t; t="$(mktemp)"
  /usr/bin/time -f "%e %M" -o "$t" "$pjsim" serve --quiet --force "$@" >/dev/null
  read -r wall kb <"$t"; rm -f "$t"
  local dir="${*: -1}"
  python3 - "$label" "$wall" "$kb" "$dir/serve.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[4]))
print(f"| {sys.argv[1]} | {float(sys.argv[2]):.1f} | {int(sys.argv[3]) / 1024:.0f} MB | {j['steps']['count']:,} | "
      f"{j['steps']['simulated']:,} | {j['metrics']['completed']:,} |")
PY
}
echo "| replay | wall s | peak memory | steps | simulated | completed |"
echo "|---|---:|---:|---:|---:|---:|"
measure "Azure conv 1 h, Llama-3-8B, 1 chip" \
  --set serving.requests.source=trace --set "serving.requests.trace=$traces/azure-llm-2023-conv.csv" --out "$out/azure"
measure "Mooncake conv, Llama-3-70B, 4x4x4, prefix caching" --arch tpu-v4-4x4x4 \
  --set workload.model=llama-3-70b --set 'workload.mapping.tensor=[x,y]' --set 'workload.mapping.pipeline=[z]' \
  --set serving.requests.source=trace --set "serving.requests.trace=$traces/mooncake-conversation.jsonl" \
  --set serving.kv.prefix_caching=true --out "$out/mooncake"
