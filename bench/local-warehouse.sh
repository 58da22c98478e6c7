# Sourced by the benchmarks that need a warehouse with data but no AWS: a private PostgreSQL with the
# sandbox's settings on a free loopback port, and a dwh.cfg whose [S3] paths are local files, so data of
# any scale is generated and loaded in a minute instead of being seeded into moto (~150k PUTs at scale 10).
#   local_warehouse DIR     # starts the server under DIR, writes DIR/dwh.cfg for the data in DIR/data
#   local_warehouse_loaded DIR SCALE SPARKIFY   # the same, with data at SCALE generated and loaded (ETL)
#   local_warehouse_stop DIR
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_bin() { command -v "$1" || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | tail -1; }

local_warehouse() {
  local dir=$1 port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  chmod 755 "$dir"   # the postgres user (when run as root) must reach $dir/pg
  mkdir -p "$dir/pg"
  [ "$(id -u)" = 0 ] && chown postgres "$dir/pg"
  as_postgres "$(pg_bin initdb)" -D "$dir/pg/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
  as_postgres "$(pg_bin pg_ctl)" -D "$dir/pg/data" -l "$dir/pg/log" -w \
    -o "-k $dir/pg -p $port -c listen_addresses=127.0.0.1 -c wal_level=minimal -c max_wal_senders=0" start >/dev/null
  cat > "$dir/dwh.cfg" <<CFG
[CLUSTER]
HOST=127.0.0.1
DB_PORT=$port
DB_NAME=postgres
DB_USER=postgres
[S3]
LOG_DATA=$dir/data/log_data
LOG_JSONPATH=$dir/data/log_json_path.json
SONG_DATA=$dir/data/song_data
CFG
}

local_warehouse_loaded() {
  local dir=$1 scale=$2 sparkify=$3
  "$sparkify" generate --out "$dir/data" --scale "$scale" --quiet
  local_warehouse "$dir"
  "$sparkify" create-tables --config "$dir/dwh.cfg" --quiet >/dev/null
  "$sparkify" etl --config "$dir/dwh.cfg" --quiet >/dev/null
}

local_warehouse_stop() {
  as_postgres "$(pg_bin pg_ctl)" -D "$1/pg/data" -m fast stop >/dev/null 2>&1 || true
}
