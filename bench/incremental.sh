#!/usr/bin/env bash
# Incremental-run benchmark (issue 14): on a scale-1 sandbox of its own, a full `sparkify etl` over
# days 1–29 and every song, then — after `sparkify sandbox seed` adds day 30's log (no new songs) — an
# `sparkify etl --incremental`; prints both wall times (listing included) side by side and the ratio.
# Goal: the incremental run ≤ 10% of the full run. That its rows equal a full rebuild's is tested
# (IncrementalRunTests); here the counts are printed.
#
#   bench/incremental.sh            # SCALE=1
#   SCALE=0.5 KEEP=1 bench/incremental.sh
#
# Needs: swift, PostgreSQL server binaries, moto_server, python3.
set -euo pipefail

SCALE=${SCALE:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/sparkify-incremental-bench.XXXXXX)
chmod 755 "$WORK"
STATE=$WORK/state
cleanup() {
    "$BIN" sandbox down --state "$STATE" --quiet >/dev/null 2>&1 || true
    if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
BIN=$ROOT/.build/release/sparkify
trap cleanup EXIT
now() { date +%s%N; }

echo "== release build"
(cd "$ROOT" && swift build -c release --product sparkify 2>&1 | tail -1)

echo "== data at scale $SCALE: days 1-29 and all songs, then day 30 alone"
"$BIN" generate --out "$WORK/month" --scale "$SCALE" --quiet
mkdir -p "$WORK/day30/log_data/2018/11"
mv "$WORK/month/log_data/2018/11/2018-11-30-events.json" "$WORK/day30/log_data/2018/11/"
# The same bytes as `generate --days 30` (checked here, since the benchmark relies on it).
"$BIN" generate --out "$WORK/check30" --scale "$SCALE" --days 30 --quiet
cmp "$WORK/day30/log_data/2018/11/2018-11-30-events.json" "$WORK/check30/log_data/2018/11/2018-11-30-events.json"

echo "== sandbox (seeding takes a while)"
"$BIN" sandbox up --state "$STATE" --data "$WORK/month" --quiet
CONFIG=$("$BIN" sandbox status --state "$STATE" --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["config"])')
"$BIN" create-tables --config "$CONFIG" --yes --quiet

echo "== full run (days 1-29)"
start=$(now)
"$BIN" etl --config "$CONFIG" --quiet
FULL=$(( $(now) - start ))

"$BIN" sandbox seed --state "$STATE" --data "$WORK/day30" --quiet

echo "== incremental run (day 30 added, no new songs)"
start=$(now)
"$BIN" etl --config "$CONFIG" --incremental
INCREMENTAL=$(( $(now) - start ))
"$BIN" counts --config "$CONFIG"

python3 - "$FULL" "$INCREMENTAL" <<'PY'
import sys
full, incremental = int(sys.argv[1]) / 1e9, int(sys.argv[2]) / 1e9
print("== result (wall time, listing included)")
print(f"full run        : {full:7.2f} s")
print(f"incremental run : {incremental:7.2f} s")
print(f"ratio           : {incremental / full:7.3f}   (goal <= 0.10)")
PY
