#!/usr/bin/env bash
# Integration test of `pjsim sweep --slurm` and `pjsim merge` on a real Slurm cluster: starts a
# private single-node cluster (munged, slurmctld, slurmd as root, everything in a temporary
# folder, on free ports, with its own munge socket and key), submits tests/slurm/tiny-study.yaml
# as a 3-task job array, and checks that
#   - merge before the job has run reports every point missing and exits 3 (the job is submitted
#     held: SBATCH_HOLD=1, then released);
#   - once the job has finished, merge exits 0 and results.csv, results.json and report.html are
#     byte-identical to a local `pjsim sweep` of the same study; merging again changes nothing;
#   - with a shard's table and points deleted, merge names that shard and exits 3; submitting
#     again (the tasks resume) completes the study.
# The daemons are always shut down (trap on EXIT), and any process left carrying this cluster's
# SLURM_CONF is killed.
#
# Usage: tests/slurm/cluster_test.sh PJSIM_EXECUTABLE      (ctest runs it: label "slurm")
# Exit: 0 passed; 1 failed; 77 skipped, only when Slurm cannot start here (binaries missing, not
# root, a daemon that does not come up), with a line "slurm: cannot start a test cluster: <reason>".
# PJSIM_REQUIRE_SLURM=1 (set by scripts/test.sh as root) makes that a failure instead. PJSIM_KEEP_SLURM_TMP=1
# keeps the temporary folder.
set -euo pipefail

started=$SECONDS
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
study="$here/tiny-study.yaml"
[ $# -eq 1 ] || { echo "usage: $0 PJSIM_EXECUTABLE" >&2; exit 2; }
pjsim="$(realpath "$1")"

skip() {
  echo "slurm: cannot start a test cluster: $*" >&2
  if [ "${PJSIM_REQUIRE_SLURM:-0}" = 1 ]; then
    echo "slurm: FAIL: PJSIM_REQUIRE_SLURM=1, so this is a failure, not a skip" >&2
    exit 1
  fi
  exit 77
}
fail() {
  echo "slurm: FAIL: $*" >&2
  exit 1
}

declare -A bin
for b in munged munge slurmctld slurmd sbatch squeue sinfo scontrol scancel; do
  bin[$b]="$(command -v "$b" || true)"
  [ -n "${bin[$b]}" ] || { [ -x "/usr/sbin/$b" ] && bin[$b]="/usr/sbin/$b"; } ||
    skip "$b not found (Debian: apt-get install slurmctld slurmd slurm-client munge; scripts/setup.sh installs them)"
done
[ "$(id -u)" -eq 0 ] || skip "not root (the test cluster runs its daemons as root, SlurmUser=root)"

T="$(mktemp -d /tmp/pjsim-slurm-XXXXXX)"
chmod 755 "$T"  # munged wants its socket's folders searchable by all
mkdir -p "$T/munge" "$T/run" "$T/log" "$T/ctld" "$T/spool"
chmod 700 "$T/munge"
chmod 755 "$T/run"
conf="$T/slurm.conf"
export SLURM_CONF="$conf"
munged_pid="" ctld_pid="" slurmd_pid=""

# Waits up to $2 seconds for pid $1 to exit, then kills it.
stop() {
  local pid=$1 i
  [ -n "$pid" ] || return 0
  for ((i = 0; i < $2 * 10; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -TERM "$pid" 2>/dev/null && sleep 0.5
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  set +e
  trap - EXIT INT TERM
  if [ -n "$ctld_pid" ]; then
    "${bin[scancel]}" --quiet --user=root >/dev/null 2>&1
    "${bin[scontrol]}" shutdown >/dev/null 2>&1
  fi
  stop "$slurmd_pid" 15
  stop "$ctld_pid" 15
  stop "$munged_pid" 0
  # Anything still carrying this cluster's SLURM_CONF (a job step, a daemon that would not stop).
  export -n SLURM_CONF
  local environ pid
  for environ in $(grep -lxzF "SLURM_CONF=$conf" /proc/[0-9]*/environ 2>/dev/null); do
    pid="${environ#/proc/}" pid="${pid%/environ}"
    [ "$pid" != $$ ] || continue
    echo "slurm: killing leftover process $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" >&2
    kill -KILL "$pid" 2>/dev/null
  done
  if [ "$status" -ne 0 ] && [ "$status" -ne 77 ]; then
    for f in "$T"/log/*.log "$T"/slurm*out/slurm/*.log; do
      [ -f "$f" ] && { echo "--- tail of $f" >&2; tail -n 15 "$f" >&2; }
    done
  fi
  if [ "${PJSIM_KEEP_SLURM_TMP:-0}" = 1 ]; then echo "slurm: kept $T" >&2; else rm -rf "$T"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- munge: a fresh key and a private socket
dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$T/munge/munge.key"
socket="$T/run/munge.socket"
"${bin[munged]}" -F --socket="$socket" --key-file="$T/munge/munge.key" --pid-file="$T/run/munged.pid" \
  --log-file="$T/log/munged.log" --seed-file="$T/munge/seed" >"$T/log/munged.out" 2>&1 &
munged_pid=$!
for ((i = 0; i < 100; i++)); do [ -S "$socket" ] && break; kill -0 "$munged_pid" 2>/dev/null || break; sleep 0.1; done
"${bin[munge]}" -n -S "$socket" >/dev/null 2>&1 ||
  skip "munged did not start: $(tail -n 1 "$T/log/munged.out" "$T/log/munged.log" 2>/dev/null | grep -v '^==>' | grep . | tail -n 1)"

# --- slurm.conf: one node (this host, as 127.0.0.1) and one partition, on two free ports
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! command -v ss >/dev/null || [ -z "$(ss -Htan "sport = :$port" 2>/dev/null)" ]; then echo "$port"; return; fi
  done
}
ctld_port=$(free_port)
slurmd_port=$(free_port)
[ "$slurmd_port" != "$ctld_port" ] || slurmd_port=$((ctld_port + 1))
host="$(hostname -s)"
cat >"$conf" <<EOF
ClusterName=pjsimtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$T/ctld
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/run/slurmctld.pid
SlurmdPidFile=$T/run/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/builtin
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=500 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

"${bin[slurmctld]}" -D -i >"$T/log/slurmctld.out" 2>&1 &
ctld_pid=$!
"${bin[slurmd]}" -D >"$T/log/slurmd.out" 2>&1 &
slurmd_pid=$!
state=""
for ((i = 0; i < 600; i++)); do
  state="$("${bin[sinfo]}" -h -N -o %t 2>/dev/null || true)"
  [ "$state" = idle ] && break
  kill -0 "$ctld_pid" 2>/dev/null || skip "slurmctld exited: $(grep -h error "$T/log/slurmctld.log" 2>/dev/null | tail -n 1)"
  kill -0 "$slurmd_pid" 2>/dev/null || skip "slurmd exited: $(grep -h error "$T/log/slurmd.log" 2>/dev/null | tail -n 1)"
  sleep 0.1
done
[ "$state" = idle ] || skip "the node is not idle after 60 s (state '${state:-unknown}')"
echo "slurm: cluster up in $((SECONDS - started)) s (ports $ctld_port, $slurmd_port)"

# --- the checks
out="$T/slurm 100% out"  # a blank and a % in the path: the job script must quote and escape them
local_out="$T/local"

# Waits for job $1 to leave the queue (bounded), then checks every task completed.
wait_job() {
  local job=$1 i
  for ((i = 0; i < 1200; i++)); do
    [ -z "$("${bin[squeue]}" -h -j "$job" -o %i 2>/dev/null)" ] && break
    sleep 0.1
  done
  [ -z "$("${bin[squeue]}" -h -j "$job" -o %i 2>/dev/null)" ] || fail "job $job still queued after 120 s: $("${bin[squeue]}" -j "$job" 2>&1 | tail -n +2)"
  local states
  states="$("${bin[scontrol]}" -o show job "$job" | grep -o 'JobState=[A-Z_]*' | sort | uniq -c | tr -s ' ')"
  [ "$states" = " 3 JobState=COMPLETED" ] || fail "job $job: tasks ended as: $states"
}

# Submit held, so that merge certainly runs before any task.
submitted="$(SBATCH_HOLD=1 "$pjsim" sweep "$study" --slurm --tasks 3 --partition debug --time 00:05:00 --out "$out")" ||
  fail "submission failed"
job="$(sed -n 's/^submitted job \([0-9]*\):.*/\1/p' <<<"$submitted")"
[ -n "$job" ] || fail "no job id in: $submitted"
set +e
early_err="$("$pjsim" merge "$out" --quiet 2>&1 >/dev/null)"
early=$?
set -e
[ "$early" -eq 3 ] || fail "merge before the job ran exited $early, not 3"
[ "$early_err" = "merge: 6 of 6 points missing (shards 0/3, 1/3, 2/3 not finished)" ] ||
  fail "merge before the job ran said: $early_err"
"${bin[scontrol]}" release "$job"

# The local sweep of the same study runs while the job does.
"$pjsim" sweep "$study" --out "$local_out" -j 2 --quiet >"$T/local.out" 2>&1 || fail "the local sweep failed: $(tail -n 3 "$T/local.out")"
wait_job "$job"
for task in 0 1 2; do [ -s "$out/slurm/${job}_$task.log" ] || fail "no log of task $task in $out/slurm"; done

"$pjsim" merge "$out" --quiet >"$T/merge.out" 2>&1 || fail "merge of the finished job exited $?: $(cat "$T/merge.out")"
for f in results.csv results.json report.html; do
  cmp "$out/$f" "$local_out/$f" || fail "$f of the merged Slurm sweep differs from the local sweep's"
done
mkdir "$T/first"
cp "$out"/results.csv "$out"/results.json "$out"/report.html "$T/first/"
"$pjsim" merge "$out" --quiet >/dev/null || fail "second merge failed"
for f in results.csv results.json report.html; do cmp "$out/$f" "$T/first/$f" || fail "merge is not idempotent: $f changed"; done

# A lost shard: its table and its points' folders (p001 and p004 of shard 1/3).
rm -rf "$out/shards/shard-1-of-3.json" "$out/points/p001" "$out/points/p004"
set +e
lost_err="$("$pjsim" merge "$out" --quiet 2>&1 >/dev/null)"
lost=$?
set -e
[ "$lost" -eq 3 ] || fail "merge with a lost shard exited $lost, not 3"
[ "$lost_err" = "merge: 2 of 6 points missing (shard 1/3 not finished)" ] || fail "merge with a lost shard said: $lost_err"

# Submitting again finishes it: tasks 0 and 2 reuse their points, task 1 simulates its two.
submitted="$("$pjsim" sweep "$study" --slurm --tasks 3 --out "$out")" || fail "second submission failed"
job="$(sed -n 's/^submitted job \([0-9]*\):.*/\1/p' <<<"$submitted")"
wait_job "$job"
grep -q "2 simulated, 0 reused" "$out/slurm/${job}_1.log" || fail "task 1 of the second job did not simulate its 2 points"
"$pjsim" merge "$out" --quiet >/dev/null || fail "merge after the second job failed"
cmp "$out/results.csv" "$local_out/results.csv" || fail "results.csv after the second job differs from the local sweep's"

echo "slurm: passed in $((SECONDS - started)) s"
