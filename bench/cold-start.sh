#!/usr/bin/env bash
# Cold start of the packaged artifacts, started the way each platform starts them: process start to the first
# successful segment response, several runs, median and spread, and resident memory after that first request.
# The baseline, measured in the same run and interleaved with the origin: a Native AOT ASP.NET Core hello-world
# (bench/baseline/hello) started the same way, to its first response; the origin is quoted as a ratio of it.
# Usage: bench/cold-start.sh [runs, default 7]   (builds the artifacts with deploy/package.sh if they are missing)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-7}
port=18095
root=$PWD
[ -x artifacts/aws/lambda/bootstrap ] || deploy/package.sh aws >/dev/null
[ -x .cache/bench-hello/hello ] || dotnet publish bench/baseline/hello -c Release -r linux-x64 -o .cache/bench-hello --nologo -v quiet >/dev/null
declare -A medians=()

measure() { # label, folder, executable, platform environment...
  local label=$1 folder=$2 exe=$3; shift 3
  local times=() rss pid t0 t1
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    (cd "$folder" && exec env "$@" Origin__Mounts__vod__Path=/vod Origin__Mounts__vod__Storage="file://$root/samples/media" Origin__IndexCache=none "./$exe" >/dev/null 2>&1) &
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
  medians[$label]=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  printf '%s\n' "${times[@]}" | sort -n | awk -v l="$label" -v rss="$rss" '{ v[NR] = $1 } END {
    printf "  %-44s median %4d ms  min %4d  max %4d  (%d runs)  RSS after first response %d MiB\n", l, v[int((NR + 1) / 2)], v[1], v[NR], NR, rss / 1024 }'
}

echo "== Cold start: process start to first segment (self-contained, ReadyToRun, trimmed)"
hello="baseline: Native AOT hello-world"
aws="Lambda Web Adapter bootstrap (AWS_LWA_PORT)"
measure "$hello" "$root/.cache/bench-hello" hello AWS_LWA_PORT=$port
measure "$aws" "$root/artifacts/aws/lambda" bootstrap AWS_LAMBDA_FUNCTION_NAME=origin AWS_LWA_PORT=$port
measure "$hello (again)" "$root/.cache/bench-hello" hello AWS_LWA_PORT=$port
baseline=$(( (${medians[$hello]} + ${medians[$hello (again)]}) / 2 ))
for label in "$aws"; do
  awk -v l="$label" -v m="${medians[$label]}" -v b="$baseline" 'BEGIN { printf "  %-44s %.2fx the baseline (%d ms against %d ms)\n", l, m / b, m, b }'
done
