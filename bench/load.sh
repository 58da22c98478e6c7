#!/usr/bin/env bash
# Loader benchmark (issue 4): load staging_events from a local directory of generated data at scale
# SCALE (default 100, ≈800k events) with the client-side COPY, and in the same run `psql \copy` the same
# rows pre-converted to CSV into a table of the same shape (the ingest limit). Prints both rates, their
# ratio, the loader's peak RSS, and the transforms' times at that scale.
#
#   bench/load.sh                 # SCALE=100
#   SCALE=200 KEEP=1 bench/load.sh
#   DATA=/kept/data bench/load.sh  # reuse generated data
#
# Needs: swift, PostgreSQL server binaries (initdb, pg_ctl), psql, /usr/bin/time (Debian package `time`).
set -euo pipefail

SCALE=${SCALE:-100}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/sparkify-load-bench.XXXXXX)
chmod 755 "$WORK"   # the postgres user (when run as root) must reach $WORK/pg
PGDIR=$WORK/pg
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
PSQL=(psql -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1)

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_bin() { command -v "$1" || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | tail -1; }
cleanup() {
    as_postgres "$(pg_bin pg_ctl)" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true
    if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

echo "== release build"
(cd "$ROOT" && swift build -c release 2>&1 | tail -1)
BIN=$ROOT/.build/release/sparkify

echo "== data at scale $SCALE"
if [ -n "${DATA:-}" ]; then
    ln -s "$DATA" "$WORK/data"   # reuse a directory generated before (DATA=/path bench/load.sh)
elif "$BIN" generate --help >/dev/null 2>&1; then
    "$BIN" generate --out "$WORK/data" --scale "$SCALE" --quiet
else
    # Until the generator lands: the sample's log files replicated SCALE times (same shape, 8,056 events each).
    SAMPLE=${SPARKIFY_SHARED:-$ROOT/../shared}/data/udacity-sample
    python3 - "$SAMPLE" "$WORK/data" "$SCALE" <<'PY'
import os, shutil, sys
sample, out, scale = sys.argv[1], sys.argv[2], int(sys.argv[3])
logs = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(sample, "log_data")) for f in fs)
os.makedirs(os.path.join(out, "log_data"))
for copy in range(scale):
    for path in logs:
        shutil.copyfile(path, os.path.join(out, "log_data", "%03d-%s" % (copy, os.path.basename(path))))
shutil.copytree(os.path.join(sample, "song_data"), os.path.join(out, "song_data"))
shutil.copyfile(os.path.join(sample, "log_json_path.json"), os.path.join(out, "log_json_path.json"))
PY
fi
du -sh "$WORK/data/log_data" | sed 's/^/log_data: /'

echo "== PostgreSQL on 127.0.0.1:$PORT"
mkdir -p "$PGDIR"
[ "$(id -u)" = 0 ] && chown postgres "$PGDIR"
as_postgres "$(pg_bin initdb)" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$(pg_bin pg_ctl)" -D "$PGDIR/data" -l "$PGDIR/log" -w \
    -o "-k $PGDIR -p $PORT -c listen_addresses=127.0.0.1" start >/dev/null

cat > "$WORK/dwh.cfg" <<CFG
[CLUSTER]
HOST=127.0.0.1
DB_PORT=$PORT
DB_NAME=postgres
DB_USER=postgres
[S3]
LOG_DATA=$WORK/data/log_data
LOG_JSONPATH=$WORK/data/log_json_path.json
SONG_DATA=$WORK/data/song_data
CFG
"$BIN" schema --dialect postgres --format sql | "${PSQL[@]}" >/dev/null

echo "== sparkify etl --stage staging_events (client-side COPY)"
/usr/bin/time -v -o "$WORK/time.txt" "$BIN" etl --config "$WORK/dwh.cfg" --stage staging_events
ROWS=$("${PSQL[@]}" -tA -c "SELECT count(*) FROM staging_events")
OURS=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$WORK/time.txt")
RSS=$(awk -F': ' '/Maximum resident set size/ { print int($2 / 1024) }' "$WORK/time.txt")

echo "== psql \\copy of the same rows as CSV (the ingest limit)"
"${PSQL[@]}" -c "\\copy staging_events TO '$WORK/events.csv' WITH (FORMAT csv)"
"${PSQL[@]}" -c "CREATE UNLOGGED TABLE bench_events (LIKE staging_events)"
cat > "$WORK/copy.sql" <<SQL
BEGIN;
TRUNCATE bench_events;
\\copy bench_events FROM '$WORK/events.csv' WITH (FORMAT csv)
COMMIT;
SQL
START=$(date +%s%N)
"${PSQL[@]}" -f "$WORK/copy.sql"
LIMIT=$(( $(date +%s%N) - START ))
CSV_ROWS=$("${PSQL[@]}" -tA -c "SELECT count(*) FROM bench_events")

echo "== transforms and checks at this scale"
"$BIN" etl --config "$WORK/dwh.cfg" --stage staging_songs --stage songplays --stage users --stage songs \
    --stage artists --stage time --stage checks | grep -v '^  ' || true

python3 - "$ROWS" "$OURS" "$CSV_ROWS" "$LIMIT" "$RSS" <<'PY'
import sys
rows, ours, csv_rows, limit, rss = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]) / 1e9, int(sys.argv[5])
print("== result")
print(f"sparkify staging_events : {rows:,} rows in {ours:.2f} s = {rows / ours:,.0f} rows/s (whole command: start, connect, parse, COPY, commit)")
print(f"psql \\copy CSV          : {csv_rows:,} rows in {limit:.2f} s = {csv_rows / limit:,.0f} rows/s")
print(f"ratio                   : {(rows / ours) / (csv_rows / limit):.2f} (target >= 0.70)")
print(f"loader peak RSS         : {rss} MB (target < 200 MB)")
PY
