#!/usr/bin/env bash
# Benchmark of `sparkify generate`: release build, then wall time and peak memory (RSS) of generating
# scale 100 (≈800k events, 1.49M songs in 14,896 files). Usage: bench/generate.sh [SCALE] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-100}"
seed="${2:-2018}"

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (for peak RSS)" >&2
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y time >/dev/null; else sudo apt-get install -y time >/dev/null; fi
fi

swift build -c release --product sparkify >&2
binary="$(swift build -c release --show-bin-path)/sparkify"

out="bench/out/generate-scale-$scale"
rm -rf "$out"
mkdir -p bench/out
report="$(mktemp)"
trap 'rm -f "$report"' EXIT

/usr/bin/time -v "$binary" generate --out "$out" --scale "$scale" --seed "$seed" --quiet 2>"$report"

wall="$(grep 'Elapsed (wall clock)' "$report" | awk '{print $NF}')"
user="$(grep 'User time' "$report" | awk '{print $NF}')"
system="$(grep 'System time' "$report" | awk '{print $NF}')"
rss_kb="$(grep 'Maximum resident set size' "$report" | awk '{print $NF}')"
files="$(find "$out" -type f | wc -l)"
bytes="$(du -sb "$out" | cut -f1)"
events="$(cat "$out"/log_data/2018/11/*.json | tr -cd '\n' | wc -c)"
events=$((events + 30))  # one more line than newlines per file: no trailing newline

echo "generate --scale $scale --seed $seed"
echo "  wall time:  $wall (user ${user}s, system ${system}s)"
echo "  peak RSS:   $((rss_kb / 1024)) MB"
echo "  output:     $files files, $((bytes / 1000000)) MB, $events events"
rm -rf "$out"
