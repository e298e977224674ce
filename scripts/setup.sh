#!/usr/bin/env bash
# Installs what pjsim needs from Debian packages (when missing), then configures and builds it
# in ./build. Run as root to install; otherwise it prints the exact apt-get line and stops.
# Usage: scripts/setup.sh [extra cmake arguments]   (BUILD_DIR=... to build elsewhere)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-$here/build}"
# slurmctld slurmd slurm-client munge: the Slurm integration test (tests/slurm/cluster_test.sh)
packages=(cmake g++ make pkg-config libsystemc-dev libboost-graph-dev libfmt-dev libyaml-cpp-dev
          catch2 libcli11-dev nlohmann-json3-dev gnuplot-nox chromium
          slurmctld slurmd slurm-client munge)

# clang and its sanitizer and libFuzzer runtimes, for a clang build (scripts/test.sh's sanitizer half).
case " $* " in *clang*) packages+=(clang libclang-rt-14-dev) ;; esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "setup: missing packages; run as root:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)" >&2
