#!/usr/bin/env bash
# Installs what pjsim needs to build and run (Debian packages, when missing; the charting library
# of its HTML reports from npm, pinned by web/package-lock.json), then configures and builds it
# in ./build. Run as root to install; otherwise it prints the exact apt-get line and stops.
# What only the tests need (Chromium, Slurm) is installed by scripts/test.sh.
# Usage: scripts/setup.sh [extra cmake arguments]   (BUILD_DIR=... to build elsewhere)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-$here/build}"
packages=(cmake g++ make pkg-config libsystemc-dev libboost-graph-dev libfmt-dev libyaml-cpp-dev
          catch2 libcli11-dev nlohmann-json3-dev)
# Node.js and npm fetch the charting library (web/package.json); any install that provides the
# two commands will do, else Debian's.
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
# clang and its sanitizer and libFuzzer runtimes, for a clang build (scripts/test.sh's sanitizer half).
case " $* " in *clang*) packages+=(clang libclang-rt-14-dev) ;; esac
"$here/scripts/install-packages.sh" setup "${packages[@]}"

# The charting library inlined into report.html (Vega, Vega-Lite, vega-embed): npm ci installs
# exactly the versions and checksums of web/package-lock.json; again only when the lock changed.
web="$here/web"
if ! cmp -s "$web/package-lock.json" "$web/node_modules/.package-lock.json.pjsim" 2>/dev/null; then
  echo "setup: installing the charting library (npm ci in web/)" >&2
  (cd "$web" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  cp "$web/package-lock.json" "$web/node_modules/.package-lock.json.pjsim"
fi

cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)" >&2
