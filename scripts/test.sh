#!/usr/bin/env bash
# Every test: installs what is missing, builds, runs the whole suite. The tests start their own
# PostgreSQL and moto_server on free loopback ports and stop them when they finish.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
swift build --build-tests 2>&1 | grep -v 'prohibited flag' || { echo "build failed" >&2; exit 1; }
# The CLI tests run the built binary: make sure it is the fresh one.
swift build --product sparkify 2>&1 | grep -v 'prohibited flag' | tail -1
swift test --skip-build "$@"
