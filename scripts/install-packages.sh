#!/usr/bin/env bash
# Installs the Debian packages given as arguments that are not installed yet. As root it runs
# apt-get; otherwise it prints the apt-get line to run and exits 1. Used by scripts/setup.sh (what
# pjsim needs to build and run) and scripts/test.sh (what only the tests need).
# Usage: scripts/install-packages.sh WHAT PACKAGE...   (WHAT names the purpose in messages)
set -euo pipefail
what="$1"
shift
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "$what: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
else
  echo "$what: missing packages; run as root:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
