#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls this and nothing else):
#   0. the packages only the tests need (Chromium, Slurm, munge: scripts/install-packages.sh);
#   1. release:  scripts/setup.sh (Release build in ./build), then its ctest;
#   2. sanitize: a Debug build with AddressSanitizer + UndefinedBehaviorSanitizer and the libFuzzer
#                targets (clang) in ./build-sanitize, then its ctest: every test again, with the
#                sanitized pjsim, plus a bounded run of each fuzz target (docs/robustness.md).
# Exits non-zero when either half fails and ends with one summary line of both, with times.
# PJSIM_SANITIZE_RUN=0 skips the sanitizer half (quick local runs; CI runs both).
# PJSIM_FUZZ_SECONDS=N sets the length of each fuzz run (default 40).
# The body is one function, read whole before it runs: editing this file during a run is safe.
main() {
  set -uo pipefail
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  cd "$here"

  summary=()
  status=0

  # What only the tests need: headless Chromium (the browser test of the report pages,
  # tests/sim/html_render_test.cc) and Slurm with munge (tests/slurm/cluster_test.sh).
  ./scripts/install-packages.sh test chromium slurmctld slurmd slurm-client munge || status=1
  # As root those are installed, so the Slurm cluster test and the browser test must run:
  # PJSIM_REQUIRE_SLURM=1 and PJSIM_REQUIRE_BROWSER=1 turn their skips into failures. Elsewhere
  # they may skip, saying why.
  if [ "$(id -u)" -eq 0 ]; then
    export PJSIM_REQUIRE_SLURM="${PJSIM_REQUIRE_SLURM:-1}"
    export PJSIM_REQUIRE_BROWSER="${PJSIM_REQUIRE_BROWSER:-1}"
  fi

  # phase NAME COMMAND...: runs COMMAND, records "NAME ok|FAILED (N s)".
  phase() {
    local name="$1" start=$SECONDS
    shift
    if "$@"; then
      summary+=("$name ok ($((SECONDS - start)) s)")
      return 0
    fi
    summary+=("$name FAILED ($((SECONDS - start)) s)")
    status=1
    return 1
  }

  phase "release build" ./scripts/setup.sh &&
    phase "release tests" ctest --test-dir build --output-on-failure -j2

  if [ "${PJSIM_SANITIZE_RUN:-1}" != "0" ]; then
    # Sanitizer reports stop the process with a non-zero exit; leaks are reported too.
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:strict_string_checks=1}"
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
    phase "sanitize build" env BUILD_DIR="$here/build-sanitize" ./scripts/setup.sh \
        -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DPJSIM_SANITIZE=ON -DPJSIM_FUZZ=ON \
        -DPJSIM_FUZZ_SECONDS="${PJSIM_FUZZ_SECONDS:-40}" &&
      phase "sanitize tests" ctest --test-dir build-sanitize --output-on-failure -j2
  else
    summary+=("sanitize skipped (PJSIM_SANITIZE_RUN=0)")
  fi

  # Screenshots of the report pages in headless Chromium (tests/sim/html_render_test.cc): CI artifacts.
  for d in build/test-artifacts/html build-sanitize/test-artifacts/html; do
    [ -d "$d" ] && echo "test: page screenshots in $d: $(cd "$d" && ls | tr '\n' ' ')"
  done
  line="test: $([ "$status" -eq 0 ] && echo PASS || echo FAIL) in $SECONDS s:"
  for s in "${summary[@]}"; do line+=" $s;"; done
  echo "${line%;}"
  exit "$status"
}

main "$@"
