#!/usr/bin/env bash
# Every test: installs what is missing, builds, runs the whole suite. The tests start their own
# PostgreSQL and moto_server on free loopback ports and stop them when they finish.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
build() {
  # SwiftPM warns about pkg-config's -D flags for ncursesw on every build: harmless, hidden.
  local log; log=$(mktemp)
  if ! swift build "$@" >"$log" 2>&1; then grep -v 'prohibited flag' "$log" >&2; rm -f "$log"; exit 1; fi
  grep -v 'prohibited flag' "$log" | tail -n 1; rm -f "$log"
}
build --build-tests
build --product sparkify   # the CLI tests run the built binary
swift test --skip-build "$@"
