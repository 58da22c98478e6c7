#!/usr/bin/env bash
# The main job: installs what is missing, builds sparkify (release), then opens the console — on
# ./dwh.cfg when there is one, otherwise on the sandbox (started first when it is not running: generated
# data at scale 1, its progress shown). With arguments it runs `sparkify ARGS…` instead.
# Without a terminal (a script, CI) the console cannot open: run scripts/smoke.sh for the headless flow.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-release.sh
sparkify=$PWD/.build/release/sparkify
[ "$#" -gt 0 ] && exec "$sparkify" "$@"
if [ ! -t 0 ] || [ ! -t 1 ]; then
  echo "run.sh: no terminal here, so no console; the same steps headless: bash scripts/smoke.sh" >&2
  exit 2
fi
exec "$sparkify"
