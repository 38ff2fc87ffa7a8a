#!/usr/bin/env bash
# Cold start of the packaged artifacts, started the way each platform starts them: process start to the first
# successful segment response, several runs, median and spread, and resident memory after that first request.
#   - the Lambda artifact, Native AOT (deploy/package.sh's default) and ReadyToRun (LAMBDA_BUILD=readytorun), both
#     through the Web Adapter's bootstrap and port;
#   - the Azure isolated worker on its own: it cannot serve without the Functions host, which cannot run here, so it is
#     timed from process start until, its host built and the origin configured, it calls the Functions host (a closed
#     port) and exits: the worker's own share of a cold start, no request served.
# The floor, measured in the same run and interleaved with the rest: a Native AOT ASP.NET Core hello-world
# (bench/baseline/hello, built on the spot) started the same way, to its first response; each artifact is quoted as a
# ratio of it. Builds the artifacts each run (about 4 minutes), so they are the checkout's.
# Usage: bench/cold-start.sh [runs, default 7]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/aot-linker.sh
runs=${1:-7}
port=18095
root=$PWD
out=$root/.cache/cold-start
rm -rf "$out" && mkdir -p "$out"
LAMBDA_BUILD=readytorun deploy/package.sh aws >/dev/null && cp -r artifacts/aws/lambda "$out/readytorun"
deploy/package.sh all >/dev/null && cp -r artifacts/aws/lambda "$out/aot" && cp -r artifacts/azure/stage "$out/worker"
dotnet publish bench/baseline/hello -c Release -r linux-x64 -p:CppCompilerAndLinker="$(aot_linker)" -o "$out/hello" --nologo -v quiet >/dev/null
media=(Origin__Mounts__vod__Path=/vod Origin__Mounts__vod__Storage="file://$root/samples/media" Origin__IndexCache=none)
declare -A medians=()

summarize() { # label, RSS in KiB, times...
  local label=$1 rss=$2; shift 2
  medians[$label]=$(printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  printf '%s\n' "$@" | sort -n | awk -v l="$label" -v rss="$rss" '{ v[NR] = $1 } END {
    printf "  %-52s median %4d ms  min %4d  max %4d  (%d runs)", l, v[int((NR + 1) / 2)], v[1], v[NR], NR
    if (rss > 0) printf "  RSS after first response %d MiB", rss / 1024
    printf "\n" }'
}

measure() { # label, folder, executable, platform environment...: process start to the first segment
  local label=$1 folder=$2 exe=$3; shift 3
  local times=() rss=0 pid t0 t1
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    (cd "$folder" && exec env "$@" "${media[@]}" "./$exe" >/dev/null 2>&1) &
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
  summarize "$label" "$rss" "${times[@]}"
}

measure_worker() { # label: process start to the worker's call to the (absent) Functions host
  local label=$1 times=() t0 t1
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    (cd "$out/worker" && env "${media[@]}" Functions__Worker__HostEndpoint=http://127.0.0.1:1 Functions__Worker__WorkerId=bench \
      Functions__Worker__RequestId=bench Functions__Worker__GrpcMaxMessageLength=2147483647 dotnet Origin.AzureFunctions.dll >/dev/null 2>&1) 2>/dev/null || true
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  summarize "$label" 0 "${times[@]}"
}

echo "== Cold start: process start to first segment"
hello="floor: Native AOT hello-world"
aot="Lambda, Native AOT (bootstrap, AWS_LWA_PORT)"
r2r="Lambda, ReadyToRun (bootstrap, AWS_LWA_PORT)"
worker="Azure isolated worker, to its call to the host"
lambda=(AWS_LAMBDA_FUNCTION_NAME=origin AWS_LWA_PORT=$port)
measure "$hello" "$out/hello" hello AWS_LWA_PORT=$port
measure "$aot" "$out/aot" bootstrap "${lambda[@]}"
measure "$r2r" "$out/readytorun" bootstrap "${lambda[@]}"
measure_worker "$worker"
measure "$hello (again)" "$out/hello" hello AWS_LWA_PORT=$port
baseline=$(( (${medians[$hello]} + ${medians[$hello (again)]}) / 2 ))
for label in "$aot" "$r2r" "$worker"; do
  awk -v l="$label" -v m="${medians[$label]}" -v b="$baseline" 'BEGIN { printf "  %-52s %.2fx the floor (%d ms against %d ms)\n", l, m / b, m, b }'
done
