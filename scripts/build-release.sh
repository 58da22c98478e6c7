#!/usr/bin/env bash
# Installs what is missing (bootstrap.sh) and builds the release binary, quietly unless it fails; prints
# nothing else. Used by run.sh, smoke.sh and the benchmarks: .build/release/sparkify is then current.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh >&2
log=$(mktemp)
if ! swift build -c release --product sparkify >"$log" 2>&1; then grep -v 'prohibited flag' "$log" >&2; rm -f "$log"; exit 1; fi
rm -f "$log"
