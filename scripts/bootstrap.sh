#!/usr/bin/env bash
# Installs what sparkify needs on a Debian machine and is missing: the C libraries it links (libcurl,
# libpq, ncursesw, zlib), PostgreSQL server binaries and moto_server for the sandbox, tmux and graphviz for
# the console test and schema.png, botocore/awscli for the tests that check against the real SDK.
# Idempotent: a second run installs nothing. Uses sudo when not root.
set -euo pipefail

say() { printf 'bootstrap: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

command -v swift >/dev/null || { say "swift is not on PATH: install the Swift 6 toolchain first (swift.org), then run this again."; exit 2; }

# Debian package -> a file that proves it is installed.
declare -A wanted=(
  [pkg-config]=/usr/bin/pkg-config
  [libcurl4-openssl-dev]=/usr/include/x86_64-linux-gnu/curl/curl.h
  [libpq-dev]=/usr/include/postgresql/libpq-fe.h
  [libncurses-dev]=/usr/include/ncursesw/ncurses.h
  [zlib1g-dev]=/usr/include/zlib.h
  [postgresql]=/usr/lib/postgresql
  [tmux]=/usr/bin/tmux
  [graphviz]=/usr/bin/dot
  [time]=/usr/bin/time
  [procps]=/usr/bin/ps
  [iproute2]=/usr/bin/ss
  [python3-pip]=/usr/bin/python3
)
missing=()
for package in "${!wanted[@]}"; do
  [ -e "${wanted[$package]}" ] || missing+=("$package")
done
# On non-x86_64 machines the curl header lives elsewhere: ask pkg-config instead.
if printf '%s\n' "${missing[@]:-}" | grep -qx libcurl4-openssl-dev && pkg-config --exists libcurl 2>/dev/null; then
  missing=("${missing[@]/libcurl4-openssl-dev}")
fi
missing=($(printf '%s\n' "${missing[@]:-}" | grep -v '^$' | sort || true))
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python tools: moto_server (the sandbox's AWS), botocore and the aws CLI (tests compare against them).
python=$(command -v python3)
need_pip=()
command -v moto_server >/dev/null || need_pip+=("moto[server]")
"$python" -c 'import botocore' 2>/dev/null || need_pip+=(botocore)
command -v aws >/dev/null || need_pip+=(awscli)
if [ "${#need_pip[@]}" -gt 0 ]; then
  say "installing with pip: ${need_pip[*]}"
  "$python" -m pip install --quiet "${need_pip[@]}" 2>/dev/null \
    || "$python" -m pip install --quiet --break-system-packages "${need_pip[@]}"
  hash -r
fi
command -v moto_server >/dev/null || { say "moto_server is still not on PATH after pip install: add pip's bin directory to PATH."; exit 2; }
say "ready"
