#!/usr/bin/env bash
# The JetStream serving rows of shared/reference/measured.md replayed with `pjsim serve`
# (docs/validation.md#served-throughput-jetstream-on-tpu-v5e-8): a v5e-8 slice (2x4), the model
# tensor-parallel over its 8 chips, continuous batching with the published slot counts, 2,000
# offline requests (all arriving at once) of a ShareGPT-like length distribution capped at 1,024
# tokens: lognormal prompts of mean 219 and outputs of mean 292 tokens (sigma 1), the means of
# the 1,000 ShareGPT requests of JetStream's own experimental benchmark (218,743 input and
# 291,740 output tokens). Prints each row's served output throughput beside the measured one.
# POLICY paged (default): pjsim's vLLM-like defaults (paged attention, chunked prefill, decode
# first). POLICY jetstream: what JetStream's engine does that pjsim can express: a dense KV slot
# of the table's cache length read whole by every decode (serving.kv.dense_attention), prompts
# prefilled whole (no chunking) before decodes, at most 1,024 prompt tokens per prefill step.
# Usage: bench/jetstream_serving.sh [PJSIM] [OUT] [POLICY]   (about 10 minutes on 2 cores)
set -euo pipefail
pjsim="${1:-./build/pjsim}"
out="${2:-out/validation/jetstream}"
policy="${3:-paged}"
case "$policy" in
  paged) extra=() ;;
  jetstream) extra=(--set serving.kv.dense_attention=2048 --set serving.chunked_prefill=false
                    --set serving.priority=prefill_first --set serving.max_num_batched_tokens=1024) ;;
  *) echo "policy: paged or jetstream" >&2; exit 2 ;;
esac
rows=(
  "llama-2-7b bf16 96 3663"
  "llama-2-7b int8 96 4783"
  "llama-2-13b bf16 48 2056"
  "llama-2-13b int8 96 3458"
  "llama-3-8b bf16 128 8249"
  "llama-3-8b int8 256 10873"
)
printf "| model | weights + KV | slots | measured tok/s | pjsim tok/s | error |\n|---|---|---:|---:|---:|---:|\n"
for row in "${rows[@]}"; do
  read -r model precision slots measured <<<"$row"
  dir="$out/$policy/$model-$precision"
  "$pjsim" serve --quiet --force --arch tpu-v5e-8 \
    --set workload.model="$model" --set 'workload.mapping.tensor=[x,y]' \
    --set workload.precision.weights="$precision" --set workload.precision.kv="$precision" \
    --set serving.max_num_seqs="$slots" \
    --set serving.requests.count=2000 --set serving.requests.rate=1000000 \
    --set serving.requests.prompt.mean=219 --set serving.requests.prompt.max=1024 \
    --set serving.requests.output.mean=292 --set serving.requests.output.max=1024 \
    "${extra[@]}" --out "$dir" >/dev/null
  python3 - "$dir/serve.json" "$model" "$precision" "$slots" "$measured" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["metrics"]
got, want = m["output_throughput_tokens_per_sec"], float(sys.argv[5])
print(f"| {sys.argv[2]} | {sys.argv[3]} | {sys.argv[4]} | {want:,.0f} | {got:,.0f} | {100 * (got - want) / want:+.0f} % |")
PY
done
