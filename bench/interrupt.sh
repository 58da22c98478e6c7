#!/usr/bin/env bash
# Ctrl-C benchmark (issues 5, 9): `sparkify etl` while it stages songs on a scale-1 sandbox, SIGINT,
# SIGTERM or SIGHUP in turn, and the time until it has exited (130, 143, 129), next to the 2 s limit;
# ROUNDS times per signal.
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
times = {}
for n in range(rounds * 3):
    sig = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP][n % 3]
    etl = subprocess.Popen([sparkify, "etl", "--config", profile, "--json"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
    for line in etl.stdout:
        if '"stage_progress"' in line and '"staging_songs"' in line: break
    time.sleep(0.3 * (n // 3))              # at different points of the load
    start = time.perf_counter()
    etl.send_signal(sig)
    etl.communicate()
    times.setdefault(sig, []).append((time.perf_counter() - start) * 1000)
    if etl.returncode != 128 + sig: sys.exit(f"bench: {sig.name} → exit {etl.returncode}, not {128 + sig}")
for sig, runs in times.items():
    runs.sort()
    print(f"{sig.name:7} while staging songs → exit {128 + sig}: median {runs[len(runs)//2]:.0f} ms, "
          f"max {runs[-1]:.0f} ms over {len(runs)} runs   (limit 2000 ms)")
PY
