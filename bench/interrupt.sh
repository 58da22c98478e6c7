#!/usr/bin/env bash
# Ctrl-C benchmark (issue 5): `sparkify etl` while it stages songs on a scale-1 sandbox, SIGINT, and the
# time until it has exited (130), next to the 2 s limit; ROUNDS times.
#   bench/interrupt.sh                       # a sandbox of its own (seeding a scale-1 one takes minutes)
#   bench/interrupt.sh --config PROFILE      # an existing one (its tables are recreated)
set -euo pipefail
ROUNDS=${ROUNDS:-5}
cd "$(dirname "$0")/.."
bash scripts/build-release.sh
sparkify=$PWD/.build/release/sparkify
if [ "${1:-}" = --config ]; then
  profile=$2
else
  state=$(mktemp -d /tmp/sparkify-interrupt-bench.XXXXXX)
  trap '"$sparkify" sandbox down --state "$state" >/dev/null 2>&1 || true; rm -rf "$state"' EXIT
  echo "bench: sandbox at scale 1…" >&2
  "$sparkify" sandbox up --state "$state" --scale 1 --quiet
  profile=$state/profile.cfg
fi
"$sparkify" create-tables --config "$profile" --yes --quiet >/dev/null
python3 - "$sparkify" "$profile" "$ROUNDS" <<'PY'
import signal, subprocess, sys, time
sparkify, profile, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
times = []
for n in range(rounds):
    etl = subprocess.Popen([sparkify, "etl", "--config", profile, "--json"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
    for line in etl.stdout:
        if '"stage_progress"' in line and '"staging_songs"' in line: break
    time.sleep(0.3 * n)                     # at different points of the load
    start = time.perf_counter()
    etl.send_signal(signal.SIGINT)
    etl.communicate()
    times.append((time.perf_counter() - start) * 1000)
    if etl.returncode != 130: sys.exit(f"bench: exit {etl.returncode}, not 130")
times.sort()
print(f"SIGINT while staging songs → exit 130: median {times[len(times)//2]:.0f} ms, max {times[-1]:.0f} ms "
      f"over {rounds} runs   (limit 2000 ms)")
PY
