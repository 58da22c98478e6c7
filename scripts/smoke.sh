#!/usr/bin/env bash
# The smoke test a new user runs first: the whole runbook headless against a fresh sandbox of its own
# (a temporary state directory), every command with --json. Fails on the first command that exits
# non-zero or prints a line that is not a JSON object; always takes the sandbox down.
#   scripts/smoke.sh [--data DIR | --scale N]     (default: --scale 0.2)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SPARKIFY:-}" ]; then
  # Like run.sh: install what is missing, build the release binary (quick when it is up to date).
  bash scripts/build-release.sh
fi
sparkify=${SPARKIFY:-$PWD/.build/release/sparkify}
seed=("$@"); [ "${#seed[@]}" -gt 0 ] || seed=(--scale 0.2)
state=$(mktemp -d /tmp/sparkify-smoke.XXXXXX)
out=$state/out.jsonl
trap '"$sparkify" sandbox down --state "$state" >/dev/null 2>&1 || true; rm -rf "$state"' EXIT

step() {
  printf 'smoke: sparkify %s\n' "$*" >&2
  local status=0
  "$sparkify" "$@" --json >"$state/step.jsonl" || status=$?
  python3 -c '
import json, sys
for n, line in enumerate(open(sys.argv[1]), 1):
    if not isinstance(json.loads(line), dict): sys.exit(f"line {n} is not a JSON object: {line!r}")' "$state/step.jsonl"
  cat "$state/step.jsonl" >>"$out"
  [ "$status" -eq 0 ] || { echo "smoke: sparkify $* exited $status" >&2; tail -5 "$state/step.jsonl" >&2; exit 1; }
}

step sandbox up --state "$state" "${seed[@]}"
profile=$state/profile.cfg
step iac up --config "$profile"
step check --config "$profile"
step create-tables --config "$profile" --yes
step etl --config "$profile"
step counts --config "$profile"
tail -1 "$state/step.jsonl" >&2
step iac down --config "$profile" --yes
step sandbox down --state "$state"
echo "smoke: ok ($(wc -l <"$out") JSON lines)" >&2
