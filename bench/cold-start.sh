#!/usr/bin/env bash
# Cold start of the packaged artifacts, started the way each platform starts them: process start to the first
# successful segment response, several runs, median and spread, and resident memory after that first request.
# Usage: bench/cold-start.sh [runs, default 7]   (builds the artifacts with deploy/package.sh if they are missing)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-7}
port=18095
root=$PWD
[ -x artifacts/azure/stage/origin ] && [ -x artifacts/aws/lambda/bootstrap ] || deploy/package.sh all >/dev/null

measure() { # label, folder, executable, platform environment...
  local label=$1 folder=$2 exe=$3; shift 3
  local times=() rss pid t0 t1
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    (cd "$folder" && exec env "$@" Origin__Mounts__vod__Storage="file://$root/samples/media" Origin__IndexCache=none "./$exe" >/dev/null 2>&1) &
    pid=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$port/vod/demo.ism/demo-video=300000-2.m4s"; do
      kill -0 "$pid" 2>/dev/null || { echo "$label did not start" >&2; exit 1; }
      sleep 0.002
    done
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
    rss=$(awk '/VmRSS/ { print $2 }' /proc/$(pgrep -P "$pid" -f origin || echo "$pid")/status 2>/dev/null || echo 0)
    pkill -f "$folder/origin" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v l="$label" -v rss="$rss" '{ v[NR] = $1 } END {
    printf "  %-44s median %4d ms  min %4d  max %4d  (%d runs)  RSS after first response %d MiB\n", l, v[int((NR + 1) / 2)], v[1], v[NR], NR, rss / 1024 }'
}

echo "== Cold start: process start to first segment (self-contained, ReadyToRun, trimmed)"
measure "Azure custom handler (FUNCTIONS_CUSTOMHANDLER_PORT)" "$root/artifacts/azure/stage" origin FUNCTIONS_CUSTOMHANDLER_PORT=$port
measure "Lambda Web Adapter bootstrap (AWS_LWA_PORT)" "$root/artifacts/aws/lambda" bootstrap AWS_LAMBDA_FUNCTION_NAME=origin AWS_LWA_PORT=$port
