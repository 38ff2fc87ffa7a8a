#!/usr/bin/env bash
# Benchmarks the origin on this machine: storage reads and bytes per request kind (cold and warm), cold start to
# the first segment, segment and manifest throughput with wrk over loopback (latency percentiles), and peak memory.
# Usage: bench/run.sh [seconds per load run, default 20] [connections, default 64]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
duration=${1:-20}
connections=${2:-64}
port=18080
root=$PWD
media=.cache/bench-media
app=.cache/bench-app

command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y wrk >/dev/null; } || { echo "install wrk" >&2; exit 1; }
bench/make-assets.sh "$media"
dotnet publish functions/Origin.Functions -c Release -o "$app" --nologo -v quiet >/dev/null

pid=
start_origin() { # from the app's folder, as the serverless hosts start it (content root = working directory)
  (cd "$app" && exec env Origin__Mounts__vod__Storage="file://$root/$media" ./origin --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
  pid=$!
}
stop_origin() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; pid=; }
trap stop_origin EXIT
base="http://127.0.0.1:$port/vod"
timing() { curl -s -o /dev/null -D - "$1" | tr -d '\r' | sed -n 's/^Server-Timing: storage;dur=\([0-9.]*\);desc="\([0-9]*\) reads, \([0-9]*\) bytes".*/\2 reads, \3 bytes/p'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "== Cold start: process start to first segment response (5 runs, ms)"
starts=()
for i in 1 2 3 4 5; do
  t0=$(date +%s%N)
  start_origin
  until curl -sf -o /dev/null "$base/ref.ism/ref-video=1200000-1.m4s"; do
    kill -0 "$pid" 2>/dev/null || { echo "the origin did not start" >&2; exit 1; }
    sleep 0.005
  done
  t1=$(date +%s%N)
  starts+=($(( (t1 - t0) / 1000000 )))
  rss=$(awk '/VmRSS/ { print $2 }' /proc/$pid/status)
  stop_origin
done
printf '  runs: %s\n  median: %s ms; resident memory after the first request: %s MiB\n' "${starts[*]}" \
  "$(printf '%s\n' "${starts[@]}" | median)" "$((rss / 1024))"

echo "== Storage reads per request (Server-Timing), fresh instance"
start_origin
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/none")" = 404 ]; do sleep 0.02; done
for asset in ref.ism ref.mp4; do
  name=${asset%.*}
  master="$base/$asset/.m3u8"
  echo "  $asset"
  printf '    %-28s cold: %-26s warm: %s\n' "master playlist" "$(timing "$master")" "$(timing "$master")"
  video=$(curl -s "$master" | grep -m1 -E '^[^#].*video=' )
  key=${video#"$name-"}; key=${key%.m3u8}
  printf '    %-28s cold: %-26s warm: %s\n' "media playlist" "$(timing "$base/$asset/$video")" "$(timing "$base/$asset/$video")"
  printf '    %-28s cold: %-26s warm: %s\n' "init segment" "$(timing "$base/$asset/$name-$key.m4s")" "$(timing "$base/$asset/$name-$key.m4s")"
  printf '    %-28s first: %-25s again: %s\n' "video segment" "$(timing "$base/$asset/$name-$key-3.m4s")" "$(timing "$base/$asset/$name-$key-3.m4s")"
  audio=$(curl -s "$master" | grep -m1 -oE 'URI="[^"]*audio[^"]*"' | sed 's/URI="//; s/"$//')
  akey=${audio#"$name-"}; akey=${akey%.m3u8}
  printf '    %-28s first: %-25s again: %s\n' "audio segment" "$(timing "$base/$asset/$name-$akey-3.m4s")" "$(timing "$base/$asset/$name-$akey-3.m4s")"
  printf '    %-28s %s\n' "DASH MPD" "$(timing "$base/$asset/.mpd")"
  printf '    %-28s %s\n' "Smooth manifest" "$(timing "$base/$asset/Manifest")"
done
echo "  (a segment's count includes the body's reads, announced before its headers; bytes include gaps read through)"

load() { # label, paths file
  local out
  out=$(PATHS="$2" wrk -t2 -c"$connections" -d"${duration}s" -s bench/segments.lua "http://127.0.0.1:$port" | grep RESULT)
  local requests bytes seconds errors p50 p90 p99
  eval "$(echo "$out" | sed 's/RESULT //')"
  awk -v l="$1" -v r="$requests" -v b="$bytes" -v s="$seconds" -v e="$errors" -v p50="$p50_ms" -v p90="$p90_ms" -v p99="$p99_ms" 'BEGIN {
    printf "  %-34s %8.0f req/s  %6.3f GB/s  errors %d  latency p50 %.2f ms  p90 %.2f ms  p99 %.2f ms\n", l, r / s, b / s / 1e9, e, p50, p90, p99 }'
}

echo "== Load: wrk, 2 threads, $connections connections, ${duration}s each, over loopback on this machine"
paths=$(mktemp)
curl -s "$base/ref.ism/ref-video=1200000.m3u8" | grep -v '^#' | sed "s#^#/vod/ref.ism/#" > "$paths"
avg=$(curl -s -o /dev/null -w '%{size_download}' "$base/ref.ism/ref-video=1200000-5.m4s")
load "fragmented video segments (~$((avg / 1024)) KB)" "$paths"
curl -s "$base/ref.mp4/.m3u8" | grep -v '^#' | head -1 > /dev/null
vkey=$(curl -s "$base/ref.mp4/.m3u8" | grep -m1 -E '^ref-video=' | sed 's/.m3u8$//')
curl -s "$base/ref.mp4/$vkey.m3u8" | grep -v '^#' | sed "s#^#/vod/ref.mp4/#" > "$paths"
load "progressive video segments" "$paths"
printf '/vod/ref.ism/.m3u8\n/vod/ref.ism/ref-video=1200000.m3u8\n/vod/ref.ism/.mpd\n/vod/ref.ism/Manifest\n' > "$paths"
load "manifests (master, media, MPD, Smooth)" "$paths"
echo "== Memory: peak resident set of the origin over all of the above: $(( $(awk '/VmHWM/ { print $2 }' /proc/$pid/status) / 1024 )) MiB"
rm -f "$paths"
