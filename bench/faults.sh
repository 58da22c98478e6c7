#!/usr/bin/env bash
# S3 on a bad day (issue 12): the scale-1 sandbox ETL run twice on one sandbox, side by side —
#   clean    straight to the sandbox's moto_server;
#   faults   through the tests' fault proxy (Tests/TestSupport/FaultProxyScript.swift) in front of it:
#            SLOWDOWN 503 SlowDown, RESET connection resets, TRUNCATE bodies cut in half, DELAY 1-s delays
#            (defaults 0.1 / 0.1 / 0.1 / 0.05, seed SEED=1).
# Prints, for each run: exit status, wall time, rows staged, attempts (aws_call lines of --json), retries
# by cause (their error codes), and the proxy's own counters for the faults run.
#
# Usage: bench/faults.sh                  brings up a private scale-1 sandbox, takes it down after
#        bench/faults.sh --config FILE    uses a running sandbox through its profile
# Env:   SLOWDOWN RESET TRUNCATE DELAY SEED SCALE (default 1), SPARKIFY (default: release build, built if needed)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/sparkify-faults-XXXXXX")
state=
proxy_pid=
cleanup() {
    [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null || true
    [ -n "$state" ] && "$SPARKIFY" sandbox down --state "$state" > /dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${SPARKIFY:-}" ]; then
    echo "building sparkify (release)…" >&2
    bash "$root/scripts/build-release.sh"
    SPARKIFY="$root/.build/release/sparkify"
fi

if [ "${1:-}" = "--config" ]; then
    config=$2
else
    echo "sparkify sandbox up (scale ${SCALE:-1})…" >&2
    state="$work/state"
    "$SPARKIFY" sandbox up --state "$state" --scale "${SCALE:-1}" --quiet
    config="$state/profile.cfg"
fi
upstream=$(sed -n 's/^ENDPOINT *= *//p' "$config" | head -1)
[ -n "$upstream" ] || { echo "no [AWS] ENDPOINT in $config" >&2; exit 2; }

# The proxy's Python, as the tests embed it.
sed -n '/^public let faultProxyScript = #"""$/,/^"""#$/p' "$root/Tests/TestSupport/FaultProxyScript.swift" | sed '1d;$d' > "$work/proxy.py"
settings=$(printf '{"seed": %s, "slowdown": %s, "reset": %s, "truncate": %s, "delay": %s}' \
    "${SEED:-1}" "${SLOWDOWN:-0.1}" "${RESET:-0.1}" "${TRUNCATE:-0.1}" "${DELAY:-0.05}")
mkfifo "$work/proxy.in"
python3 "$work/proxy.py" "$upstream" "$settings" < "$work/proxy.in" > "$work/proxy.port" &
proxy_pid=$!
exec 9> "$work/proxy.in"   # the proxy serves until this closes
for _ in $(seq 50); do [ -s "$work/proxy.port" ] && break; sleep 0.1; done
proxy="http://127.0.0.1:$(head -1 "$work/proxy.port")"

run() { # name, endpoint
    "$SPARKIFY" create-tables --config "$config" --yes --quiet > /dev/null
    local started ended status=0
    started=$(date +%s.%N)
    AWS_ENDPOINT_URL=$2 "$SPARKIFY" etl --config "$config" --json > "$work/$1.jsonl" 2> "$work/$1.err" || status=$?
    ended=$(date +%s.%N)
    python3 - "$1" "$status" "$started" "$ended" "$work/$1.jsonl" <<'PY'
import collections, json, sys
name, status, started, ended, path = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
calls, rows = [], 0
for line in open(path):
    try: event = json.loads(line)
    except ValueError: continue
    if event.get("event") == "aws_call": calls.append(event)
    if event.get("event") == "stage_finished" and str(event.get("stage", "")).startswith("staging"): rows += event.get("rows", 0)
causes = collections.Counter(c.get("error_code") for c in calls if c.get("error_code"))
print(f"{name:7} exit {status}  wall {ended - started:6.1f} s  staged rows {rows:7}  attempts {len(calls):6}  "
      f"retries {sum(causes.values()):5}  by cause: " + (", ".join(f"{k} {v}" for k, v in sorted(causes.items())) or "none"))
PY
}

echo "ETL on one sandbox, clean vs through faults $settings:"
run clean "$upstream"
run faults "$proxy"
echo "proxy counters: $(curl -sf "$proxy/__faults/counters")"
[ -s "$work/faults.err" ] && { echo "faults run stderr:"; tail -3 "$work/faults.err"; }
exit 0
