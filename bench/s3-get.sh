#!/usr/bin/env bash
# Fetch the 14,896 song objects of a scale-1 sandbox two ways and compare:
#   sparkify  `sparkify s3 get --keys-from KEYS --to DIR`: the objects GET concurrently (16 in flight)
#             over the client's reused connections, streamed to files;
#   curl -K   ONE curl process fetching the same objects one after another from a config file of
#             presigned URLs (query-string SigV4 made by sparkify's signer, `sparkify s3 presign`):
#             what one client in one process gets out of the server.
# Both start from the same key list (`sparkify s3 ls`, timed and shown on its own line), so the two
# clocks measure fetching only.
#
# Usage: bench/s3-get.sh                 brings up a private scale-1 sandbox (`sparkify sandbox up`
#                                        in a temp state directory), compares, takes it down
#        bench/s3-get.sh --config FILE   uses a running sandbox (or any target) through its profile
# Env:   CONCURRENCY (default 16), SPARKIFY (default: the release build, built if needed)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
concurrency=${CONCURRENCY:-16}
uri=s3://udacity-dend/song_data/
work=$(mktemp -d "${TMPDIR:-/tmp}/sparkify-bench-XXXXXX")
state=
cleanup() {
    [ -n "$state" ] && "$SPARKIFY" sandbox down --state "$state" > /dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${SPARKIFY:-}" ]; then
    echo "building sparkify (release)…" >&2
    (cd "$root" && swift build -c release --product sparkify > "$work/build.log" 2>&1) \
        || { cat "$work/build.log" >&2; exit 2; }
    SPARKIFY="$root/.build/release/sparkify"
fi

if [ "${1:-}" = "--config" ]; then
    config=$2
else
    echo "sparkify sandbox up (scale 1: 14,896 song objects)…" >&2
    state="$work/state"
    "$SPARKIFY" sandbox up --state "$state" --quiet
    config="$state/profile.cfg"
fi

# measure NAME COMMAND…: runs it; NAME_s and NAME_cpu become its wall-clock and CPU (user + system)
# seconds. The command's stdout is the function's.
measure() {
    local name=$1 TIMEFORMAT='%R %U %S' real user sys
    shift
    { time "$@" 2>&3; } 3>&2 2> "$work/time"
    read -r real user sys < "$work/time"
    printf -v "${name}_s" '%.2f' "$real"
    printf -v "${name}_cpu" '%.2f' "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')"
}

measure list "$SPARKIFY" s3 ls --config "$config" "$uri" > "$work/keys.txt"
objects=$(wc -l < "$work/keys.txt")

# curl's input: one url/output pair per object, presigned by sparkify (valid one hour).
"$SPARKIFY" s3 presign --config "$config" --recursive --json "$uri" | python3 -c '
import json, sys
out = sys.argv[1]
for line in sys.stdin:
    o = json.loads(line)
    url, key = o["url"], o["key"]
    print(f"url = \"{url}\"\noutput = \"{out}/{key}\"")
' "$work/curl" > "$work/curl.cfg"

measure sparkify "$SPARKIFY" s3 get --config "$config" --quiet --concurrency "$concurrency" \
    --keys-from "$work/keys.txt" "s3://udacity-dend/" --to "$work/sparkify"
measure curl curl -sS --fail --create-dirs -K "$work/curl.cfg"

got_sparkify=$(find "$work/sparkify" -type f | wc -l)
got_curl=$(find "$work/curl" -type f | wc -l)
diff -r -q "$work/sparkify" "$work/curl" > /dev/null || { echo "the two downloads differ" >&2; exit 1; }

echo "objects:   $objects under $uri; sparkify wrote $got_sparkify, curl wrote $got_curl, identical"
echo "listing:   ${list_s} s  (sparkify s3 ls, $(( (objects + 999) / 1000 )) pages; not in the times below)"
echo "sparkify:  ${sparkify_s} s  (CPU ${sparkify_cpu} s; s3 get, $concurrency GETs in flight)"
echo "curl -K:   ${curl_s} s  (CPU ${curl_cpu} s; one process, sequential presigned GETs)"
python3 -c '
import sys
s, c = map(float, sys.argv[1:])
print(f"ratio:     curl / sparkify = {c / s:.2f}x" + ("" if s <= c else "  (sparkify SLOWER)"))
' "$sparkify_s" "$curl_s"
