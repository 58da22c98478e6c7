#!/usr/bin/env bash
# Fetch the 14,896 song objects of a scale-1 data set two ways and compare:
#   sparkify  `sparkify s3 get s3://udacity-dend/song_data/ --to DIR` — lists the prefix, then GETs
#             the objects concurrently (16 in flight) over the client's reused connections;
#   curl -K   ONE curl process fetching the same objects one after another, from a config file of
#             presigned URLs (query-string SigV4 made by sparkify's signer: `sparkify s3 presign`),
#             i.e. what one client in one process gets out of the server.
# Listing is inside sparkify's time; curl's URLs are made before its clock starts.
#
# Usage: bench/s3-get.sh                 start a private moto_server, seed it, compare, stop it
#        bench/s3-get.sh --config FILE   use a running sandbox (`sparkify sandbox up`): its profile
# Env:   CONCURRENCY (default 16), SPARKIFY (default: the release build, built if needed)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
concurrency=${CONCURRENCY:-16}
work=$(mktemp -d "${TMPDIR:-/tmp}/sparkify-bench-XXXXXX")
moto_pid=
cleanup() {
    [ -n "$moto_pid" ] && kill "$moto_pid" 2>/dev/null && wait "$moto_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${SPARKIFY:-}" ]; then
    echo "building sparkify (release)…" >&2
    (cd "$root" && swift build -c release --product sparkify 2>&1 | grep -E "error|Compiling sparkify|Build" >&2) || true
    SPARKIFY="$root/.build/release/sparkify"
fi
[ -x "$SPARKIFY" ] || { echo "no sparkify binary at $SPARKIFY" >&2; exit 2; }

if [ "${1:-}" = "--config" ]; then
    config=$2
else
    # A private moto_server on a free loopback port, seeded with 14,896 song-shaped objects.
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    moto_server -H 127.0.0.1 -p "$port" > "$work/moto.log" 2>&1 &
    moto_pid=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/moto-api/" > /dev/null && break; sleep 0.1; done
    config="$work/bench.cfg"
    printf '[AWS]\nKEY = testing\nSECRET = testing\nREGION = us-east-1\nENDPOINT = http://127.0.0.1:%s\n' "$port" > "$config"
    chmod 600 "$config"
    echo "seeding s3://udacity-dend/song_data/ on moto :$port with 14,896 objects (about a minute)…" >&2
    python3 - "$port" <<'PY'
import json, random, sys
from concurrent.futures import ThreadPoolExecutor
import boto3
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{sys.argv[1]}", region_name="us-east-1",
                  aws_access_key_id="testing", aws_secret_access_key="testing")
s3.create_bucket(Bucket="udacity-dend")
rng = random.Random(2018)
letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
def song(i):
    x, y = letters[i % 26], letters[(i // 26) % 26]
    track = f"TRA{x}{y}{i:06d}128F93{i % 10000:04d}"
    body = json.dumps({"num_songs": 1, "artist_id": f"AR{i:08d}", "artist_latitude": None,
                       "artist_longitude": None, "artist_location": "", "artist_name": f"Artist {i}",
                       "song_id": f"SO{i:08d}", "title": f"Song {rng.random():.6f}", "duration": 200.5,
                       "year": 0}, separators=(",", ":"))
    return f"song_data/A/{x}/{y}/{track}.json", body.encode()
songs = [song(i) for i in range(14896)]
with ThreadPoolExecutor(8) as pool:
    list(pool.map(lambda kv: s3.put_object(Bucket="udacity-dend", Key=kv[0], Body=kv[1]), songs))
PY
fi

uri=s3://udacity-dend/song_data/
expected=$("$SPARKIFY" s3 ls --config "$config" "$uri" | wc -l)
echo "objects under $uri: $expected" >&2

# curl's input: one url/output pair per object, presigned by sparkify (valid one hour).
"$SPARKIFY" s3 presign --config "$config" --recursive --json "$uri" | python3 -c '
import json, sys
out = sys.argv[1]
for line in sys.stdin:
    o = json.loads(line)
    url, key = o["url"], o["key"]
    print(f"url = \"{url}\"\noutput = \"{out}/{key}\"")
' "$work/curl" > "$work/curl.cfg"

# measure NAME COMMAND…: runs it; NAME_s and NAME_cpu become its wall-clock and CPU (user + system) seconds.
measure() {
    local name=$1 TIMEFORMAT='%R %U %S' real user sys
    shift
    { time "$@" 2>&3; } 3>&2 2> "$work/time"
    read -r real user sys < "$work/time"
    printf -v "${name}_s" '%.2f' "$real"
    printf -v "${name}_cpu" '%.2f' "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')"
}

measure sparkify "$SPARKIFY" s3 get --config "$config" --quiet --concurrency "$concurrency" "$uri" --to "$work/sparkify"
measure curl curl -sS --fail --create-dirs -K "$work/curl.cfg"

got_sparkify=$(find "$work/sparkify" -type f | wc -l)
got_curl=$(find "$work/curl" -type f | wc -l)
diff -r -q "$work/sparkify" "$work/curl" > /dev/null || { echo "the two downloads differ" >&2; exit 1; }

echo "objects:   $expected listed, sparkify wrote $got_sparkify, curl wrote $got_curl (identical)"
echo "sparkify:  ${sparkify_s} s  (CPU ${sparkify_cpu} s; s3 get: list + $concurrency concurrent GETs)"
echo "curl -K:   ${curl_s} s  (CPU ${curl_cpu} s; one process, sequential presigned GETs)"
python3 -c 'import sys; s, c = map(float, sys.argv[1:]); print(f"ratio:     curl / sparkify = {c / s:.2f}x" + ("" if s <= c else "  (sparkify SLOWER)"))' "$sparkify_s" "$curl_s"
