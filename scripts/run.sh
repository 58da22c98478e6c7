#!/usr/bin/env bash
# The main job: installs what is missing, builds sparkify (release), then — with no arguments — brings
# the sandbox up (generated data, scale 1; reused when already running) and runs the runbook on it:
# check, create tables, ETL, row counts. With arguments it runs `sparkify ARGS…` instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
log=$(mktemp)
if ! swift build -c release --product sparkify >"$log" 2>&1; then grep -v 'prohibited flag' "$log" >&2; exit 1; fi
rm -f "$log"
sparkify=$PWD/.build/release/sparkify
[ "$#" -gt 0 ] && exec "$sparkify" "$@"

"$sparkify" sandbox up
profile=$("$sparkify" sandbox status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["config"])')
"$sparkify" check --config "$profile"
"$sparkify" create-tables --config "$profile" --yes
"$sparkify" etl --config "$profile"
"$sparkify" counts --config "$profile"
cat <<TXT

The sandbox keeps running; its profile (a complete dwh.cfg, mode 0600) is $profile.
  $sparkify counts            # the running sandbox's profile is the default config
  $sparkify sandbox status    # where PostgreSQL and moto listen
  $sparkify sandbox down      # stop it
TXT
