#!/usr/bin/env bash
# Transform benchmark (issue 14, deliverable 6): stage generated data at scale SCALE (default 100:
# ~790k events, ~1.49M songs) once, then in the same run build the five star tables twice from those
# staged rows — with a competent peer's SQL (`INSERT … SELECT DISTINCT ON`, one autocommitted statement
# per table, into tables with their primary keys, as a Python ETL with psycopg2 would) and with
# `sparkify etl --stage songplays … --stage time` — and print the seconds per stage side by side and the
# ratio of the rebuild's wall time. Goal: sparkify ≤ 0.5 × the peer. The peer runs its statements one
# after another; sparkify runs two lanes side by side (songplays → users → time, songs → artists: see
# ETLPlan.transformLanes), so its stage times overlap and its rebuild is timed from the first
# transform's start to the last one's end (etl_runs).
#
#   bench/transforms.sh                 # SCALE=100, ROUNDS=1
#   SCALE=10 ROUNDS=3 bench/transforms.sh
#   DATA=/kept/data bench/transforms.sh # reuse generated data (KEEP=1 keeps it)
#
# The server runs with the sandbox's settings (Sources/Sandbox/Servers/PostgresServer.swift:
# wal_level = minimal, max_wal_senders = 0), the same for both sides.
# Needs: swift, PostgreSQL server binaries (initdb, pg_ctl), psql, python3.
set -euo pipefail

SCALE=${SCALE:-100}
ROUNDS=${ROUNDS:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/sparkify-transforms-bench.XXXXXX)
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
now() { date +%s%N; }

echo "== release build"
(cd "$ROOT" && swift build -c release --product sparkify 2>&1 | tail -1)
BIN=$ROOT/.build/release/sparkify

echo "== data at scale $SCALE"
if [ -n "${DATA:-}" ]; then
    ln -s "$DATA" "$WORK/data"
else
    "$BIN" generate --out "$WORK/data" --scale "$SCALE" --quiet
fi

echo "== PostgreSQL on 127.0.0.1:$PORT (the sandbox's settings)"
mkdir -p "$PGDIR"
[ "$(id -u)" = 0 ] && chown postgres "$PGDIR"
# --no-locale, as the sandbox initdb does (C collation: byte-wise text comparison).
as_postgres "$(pg_bin initdb)" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
as_postgres "$(pg_bin pg_ctl)" -D "$PGDIR/data" -l "$PGDIR/log" -w \
    -o "-k $PGDIR -p $PORT -c listen_addresses=127.0.0.1 -c wal_level=minimal -c max_wal_senders=0" start >/dev/null

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
# The peer's tables: the same DDL in a schema of their own, reading the same staging tables.
"${PSQL[@]}" -c "CREATE SCHEMA peer"
(echo "SET search_path TO peer;"; "$BIN" schema --dialect postgres --format sql) | "${PSQL[@]}" >/dev/null

echo "== staging (once, shared by both sides)"
"$BIN" etl --config "$WORK/dwh.cfg" --quiet --stage staging_events --stage staging_songs
"${PSQL[@]}" -c "VACUUM ANALYZE staging_events" -c "VACUUM ANALYZE staging_songs"
"${PSQL[@]}" -tA -c "SELECT 'staged: ' || (SELECT count(*) FROM staging_events) || ' events, ' || (SELECT count(*) FROM staging_songs) || ' songs'"

# The peer's statements, one per table, each committed on its own (psql's autocommit).
PEER_SONGPLAYS="INSERT INTO peer.songplays (start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)
SELECT DISTINCT ON (e.ts, e.sessionId, e.itemInSession, e.userId)
       e.ts, NULLIF(e.userId, ''), e.level, s.song_id, s.artist_id, e.sessionId, e.location, e.userAgent
FROM staging_events e
LEFT JOIN staging_songs s ON s.title = e.song AND s.artist_name = e.artist AND abs(s.duration - e.length) < 0.001
WHERE e.page = 'NextSong'
ORDER BY e.ts, e.sessionId, e.itemInSession, e.userId, s.song_id"
PEER_USERS="INSERT INTO peer.users (user_id, first_name, last_name, gender, level)
SELECT DISTINCT ON (userId) userId, firstName, lastName, gender, level
FROM staging_events WHERE userId <> '' ORDER BY userId, ts DESC"
PEER_SONGS="INSERT INTO peer.songs (song_id, title, artist_id, year, duration)
SELECT DISTINCT ON (song_id) song_id, title, artist_id, year, duration
FROM staging_songs WHERE song_id IS NOT NULL ORDER BY song_id"
PEER_ARTISTS="INSERT INTO peer.artists (artist_id, name, location, latitude, longitude)
SELECT DISTINCT ON (artist_id) artist_id, artist_name, artist_location, artist_latitude, artist_longitude
FROM staging_songs WHERE artist_id IS NOT NULL ORDER BY artist_id"
PEER_TIME="INSERT INTO peer.time (start_time, hour, day, week, month, year, weekday)
SELECT DISTINCT start_time, extract(hour FROM start_time), extract(day FROM start_time), extract(week FROM start_time),
       extract(month FROM start_time), extract(year FROM start_time), extract(dow FROM start_time)
FROM peer.songplays WHERE start_time IS NOT NULL"

RESULTS=$WORK/results.txt
: > "$RESULTS"
peer_round() {
    echo "== round $1: peer SQL"
    "${PSQL[@]}" -c "TRUNCATE peer.songplays, peer.users, peer.songs, peer.artists, peer.time"
    for stage in songplays users songs artists time; do
        var="PEER_${stage^^}"
        start=$(now)
        "${PSQL[@]}" -c "${!var}"
        echo "peer $1 $stage $(( $(now) - start ))" >> "$RESULTS"
    done
}
ours_round() {
    echo "== round $1: sparkify etl (transforms)"
    "$BIN" etl --config "$WORK/dwh.cfg" --json --stage songplays --stage users --stage songs --stage artists --stage time \
        | python3 -c '
import json, sys
for line in sys.stdin:
    try: event = json.loads(line)
    except ValueError: continue
    if event.get("event") == "stage_finished":
        print("ours", sys.argv[1], event["stage"], int(event["seconds"] * 1e9))
' "$1" >> "$RESULTS"
    # The stages overlap (two lanes on PostgreSQL): the rebuild takes from the first transform's start
    # to the last one's end, as etl_runs recorded them.
    "${PSQL[@]}" -tA -c "SELECT 'ours $1 wall ' || round(extract(epoch FROM max(finished_at) - min(started_at)) * 1e9)
        FROM etl_runs WHERE stage NOT IN ('run', 'staging_events', 'staging_songs', 'checks')
          AND run_id = (SELECT run_id FROM etl_runs WHERE stage = 'run' ORDER BY started_at DESC LIMIT 1)" >> "$RESULTS"
}
for round in $(seq 1 "$ROUNDS"); do
    # Who goes first alternates, so a machine getting busier or quieter favours neither side.
    echo "== load before round $round: $(cut -d' ' -f1-3 /proc/loadavg)"
    if (( round % 2 )); then peer_round "$round"; ours_round "$round"; else ours_round "$round"; peer_round "$round"; fi
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min; $(nproc) cores)"

echo "== same rows?"
for table in songplays users songs artists time; do
    "${PSQL[@]}" -tA -c "SELECT '$table: ' || (SELECT count(*) FROM $table) || ' rows, peer ' || (SELECT count(*) FROM peer.$table)"
done

python3 - "$RESULTS" <<'PY'
import sys
from collections import defaultdict
times = defaultdict(float)
rounds = set()
for line in open(sys.argv[1]):
    side, rnd, stage, ns = line.split()
    times[(side, rnd, stage)] = int(ns) / 1e9
    rounds.add(rnd)
stages = ["songplays", "users", "songs", "artists", "time"]
print("== result (seconds)")
for rnd in sorted(rounds):
    print(f"round {rnd}: {'stage':<10} {'peer':>8} {'sparkify':>9} {'ratio':>6}")
    for stage in stages:
        p, o = times[("peer", rnd, stage)], times[("ours", rnd, stage)]
        print(f"         {stage:<10} {p:8.2f} {o:9.2f} {o / p if p else 0:6.2f}")
    p = sum(times[("peer", rnd, s)] for s in stages)
    o = times[("ours", rnd, "wall")]
    print(f"         {'rebuild':<10} {p:8.2f} {o:9.2f} {o / p:6.2f}   (goal <= 0.50; wall time: sparkify's lanes overlap)")
PY
