#!/usr/bin/env bash
# A sweep whose output disk fills up (a real ENOSPC, on a small tmpfs mounted in a private mount
# namespace): the points whose reports were written keep byte-identical reports, the others are
# recorded as failed (or the table itself cannot be written: exit 4), nothing half-written is
# left behind, and after the disk grows `--resume` completes the same table a sweep on a roomy
# disk writes, simulating only what was lost.
# Usage: full_disk_test.sh PJSIM      Exit 77 (skipped) where a tmpfs cannot be mounted.
set -euo pipefail

pjsim="$1"
if [ "${2:-}" != "--inside" ]; then
  if [ "$(id -u)" -ne 0 ] || ! unshare -m true 2>/dev/null; then
    echo "full disk: skipped: mounting a small tmpfs needs root and unshare -m (util-linux)"
    exit 77
  fi
  exec unshare -m bash "$0" "$pjsim" --inside
fi

mount --make-rprivate / 2>/dev/null || true
tmp="$(mktemp -d)"
trap 'umount "$tmp/disk" 2>/dev/null || true; rm -rf "$tmp"' EXIT
fail() { echo "full disk: FAIL: $*"; exit 1; }

cat >"$tmp/study.yaml" <<'EOF'
study: full-disk
base: default
set: {workload.model: tiny-llama}
axes:
  workload.batch: [1, 2, 4, 8, 16, 32]
EOF

# Reference: the same sweep on a disk with room.
"$pjsim" sweep "$tmp/study.yaml" -j 1 --quiet --out "$tmp/ref" >/dev/null 2>&1 || fail "reference sweep failed"

# Each point writes about 60 KB (report.json, .md, .csv, ledger.csv and log.txt): 200 KB fills up mid-study.
mkdir "$tmp/disk"
mount -t tmpfs -o size=200k tmpfs "$tmp/disk" || { echo "full disk: skipped: cannot mount a tmpfs"; exit 77; }
set +e
"$pjsim" sweep "$tmp/study.yaml" -j 1 --quiet --out "$tmp/disk/out" >"$tmp/full.out" 2>"$tmp/full.err"
code=$?
set -e
echo "full disk: the sweep on a 200 KB disk exited $code"
[ "$code" -eq 3 ] || [ "$code" -eq 4 ] || { cat "$tmp/full.out" "$tmp/full.err"; fail "expected exit 3 (points failed) or 4 (table not written), got $code"; }
if [ "$code" -eq 4 ]; then
  grep -q "No space left on device" "$tmp/full.err" || fail "exit 4 without naming the full disk"
  grep -q "run again with --resume" "$tmp/full.err" || fail "exit 4 without saying how to finish"
else
  grep -q '"status": "io"' "$tmp/disk/out/results.json" || fail "no point recorded as an io failure"
  grep -q "No space left on device" "$tmp/disk/out/results.json" || fail "the io failure does not name the full disk"
fi

# Every report.json that exists is complete: byte-identical to the reference run's.
written=0
for report in "$tmp"/disk/out/points/*/report.json; do
  [ -e "$report" ] || continue
  id="$(basename "$(dirname "$report")")"
  cmp -s "$report" "$tmp/ref/points/$id/report.json" || fail "$id: report.json differs from the reference"
  written=$((written + 1))
done
echo "full disk: $written of 6 reports written before the disk filled"
[ "$written" -ge 1 ] && [ "$written" -lt 6 ] || fail "expected the disk to fill mid-study (reports written: $written)"
if find "$tmp/disk" -name '*.tmp.*' | grep -q .; then fail "temporary files left behind"; fi

# Room again: --resume simulates only the lost points and writes the reference table.
mount -o remount,size=64m "$tmp/disk"
"$pjsim" sweep "$tmp/study.yaml" -j 1 --resume --out "$tmp/disk/out" >"$tmp/resume.out" 2>&1 \
  || { cat "$tmp/resume.out"; fail "--resume after the disk grew failed"; }
grep -q "($((6 - written)) simulated, $written reused)" "$tmp/resume.out" || { cat "$tmp/resume.out"; fail "--resume did not reuse the $written written reports"; }
cmp -s "$tmp/disk/out/results.csv" "$tmp/ref/results.csv" || fail "results.csv after --resume differs from the reference"
echo "full disk: ok"
