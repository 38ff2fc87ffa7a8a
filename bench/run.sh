#!/usr/bin/env bash
# Benchmarks the origin on this machine: cold start; storage round trips and bytes per request kind for a cold
# instance, a warm one, and a fresh one sharing the durable index cache, on a local folder and on HTTP storage with
# 20 ms added per round trip (time to first byte p50/p99 there), including the reference set served through index
# MP4s (bench/index-files.sh gives their sizes); segment and manifest throughput with wrk over
# loopback, each next to the same bytes served as static files by nginx (sendfile) in the same run, and quoted as a
# ratio of it (fMP4 HLS and DASH, MPEG-TS, manifests); peak memory under 64 concurrent segment requests;
# tail latency on slow storage with and without hedging. The origin is the packaged artifact (self-contained,
# trimmed, ReadyToRun), as the clouds run it.  Usage: bench/run.sh [seconds per load run, default 20] [connections, default 64]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
duration=${1:-20}
connections=${2:-64}
port=18080
storage_port=18081
root=$PWD
media=.cache/bench-media
app=.cache/bench-app
l2=$(mktemp -d)

command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y wrk >/dev/null; } || { echo "install wrk" >&2; exit 1; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { [ "$(id -u)" = 0 ] && apt-get install -y nginx-light >/dev/null; } || { echo "install nginx" >&2; exit 1; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
static_port=18082
bench/make-assets.sh "$media"
dotnet publish functions/Origin.Functions -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true -p:PublishReadyToRun=true \
  -p:DebugType=none -o "$app" --nologo -v quiet >/dev/null
# The reference set prepared as the seed workflow does: index MP4s beside the media, and a server manifest listing them.
if [ ! -f "$media/ref-indexed.ism" ]; then
  dotnet publish tools/Origin.Cli -c Release -o .cache/bench-tool --nologo -v quiet >/dev/null
  .cache/bench-tool/origin-tool index "$media/ref-video.ismv" "$media/ref-audio.isma" >/dev/null
  .cache/bench-tool/origin-tool manifest -o "$media/ref-indexed.ism" "$media/ref-video-index.mp4" "$media/ref-audio-index.mp4" >/dev/null
fi

pid=
storage_pid=
start_origin() { # [VAR=value...] from the app's folder, as the serverless hosts start it (content root = working directory)
  (cd "$app" && exec env "$@" Origin__Mounts__vod__Path=/vod Origin__Mounts__vod__Storage="file://$root/$media" \
    Origin__Mounts__remote__Path=/remote Origin__Mounts__remote__Storage="http://127.0.0.1:$storage_port/" \
    Origin__IndexCache="file://$l2" ./origin --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/none")" = 404 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "the origin did not start" >&2; exit 1; }
    sleep 0.01
  done
}
stop_origin() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; pid=; }
static=$(mktemp -d)
chmod 755 "$static" # nginx's workers run as another user
static_pid=
start_static() { # nginx on the folder of mirrored responses: the practical limit of this machine for the same bytes
  cat > "$static/nginx.conf" <<CONF
worker_processes 2; daemon off; pid $static/nginx.pid; error_log $static/error.log;
events { worker_connections 4096; }
http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000; default_type application/octet-stream;
  server { listen 127.0.0.1:$static_port; root $static/files; } }
CONF
  "$nginx_bin" -c "$static/nginx.conf" -p "$static" &
  static_pid=$!
  until curl -s -o /dev/null "http://127.0.0.1:$static_port/"; do sleep 0.01; done
}
mirror() { # paths file: each response saved where nginx serves it under the same path
  while read -r path; do mkdir -p "$static/files${path%/*}"; curl -s -o "$static/files$path" "$base$path"; done < "$1"
  chmod -R a+rX "$static/files"
}
cleanup() { stop_origin; [ -n "$storage_pid" ] && kill "$storage_pid" 2>/dev/null; [ -n "$static_pid" ] && kill "$static_pid" 2>/dev/null; rm -rf "$l2" "$static"; }
trap cleanup EXIT
base="http://127.0.0.1:$port"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
percentile() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int(NR * p / 100); if (i < 1) i = 1; print v[i] }'; }
cost() { # "N reads, M bytes [index]" from Server-Timing
  curl -s -o /dev/null -D - "$1" | tr -d '\r' | awk '/^Server-Timing:/ {
    match($0, /[0-9]+ reads, [0-9]+ bytes/); r = substr($0, RSTART, RLENGTH)
    i = ""; if (match($0, /index;desc="[a-z0-9]+"/)) i = " index " substr($0, RSTART + 12, RLENGTH - 13)
    print r i }'
}

echo "== Cold start: process start to first segment response (5 runs, ms)"
starts=()
for i in 1 2 3 4 5; do
  t0=$(date +%s%N)
  (cd "$app" && exec env Origin__Mounts__vod__Path=/vod Origin__Mounts__vod__Storage="file://$root/$media" Origin__IndexCache=none ./origin --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
  pid=$!
  until curl -sf -o /dev/null "$base/vod/ref.ism/ref-video=1200000-1.m4s"; do
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

node bench/slow-storage.mjs "$root/$media" "$storage_port" 20 &
storage_pid=$!

# Paths of each request kind for an asset: master, media playlist, init, video segment, audio segment.
paths_of() { # mount asset
  local name=${2%.*} master="$base/$1/$2/.m3u8" video audio
  video=$(curl -s "$master" | grep -m1 -E '^[^#].*video=') ; video=${video%.m3u8}
  audio=$(curl -s "$master" | grep -m1 -oE 'URI="[^"]*audio[^"]*"' | sed 's/URI="//; s/.m3u8"$//')
  printf '%s\n' "master /$1/$2/.m3u8" "media-playlist /$1/$2/$video.m3u8" "init /$1/$2/$video.m4s" \
    "video-segment /$1/$2/$video-3.m4s" "audio-segment /$1/$2/$audio-3.m4s" "mpd /$1/$2/.mpd" "smooth /$1/$2/Manifest"
}

for mount in vod remote; do
  [ "$mount" = vod ] && echo "== Storage round trips per request: local folder" || echo "== Storage round trips per request: HTTP storage, 20 ms added per round trip"
  rm -rf "${l2:?}"/*
  start_origin
  declare -A kinds=()
  for asset in ref.ism ref-indexed.ism ref.mp4; do kinds[$asset]=$(paths_of "$mount" "$asset"); done
  stop_origin; rm -rf "${l2:?}"/*
  start_origin
  for asset in ref.ism ref-indexed.ism ref.mp4; do
    echo "  $asset                 cold instance                      warm (same request again)"
    while read -r kind path; do
      printf '    %-16s %-34s %s\n' "$kind" "$(cost "$base$path")" "$(cost "$base$path")"
    done <<< "${kinds[$asset]}"
  done
  stop_origin
  start_origin # a fresh instance: empty memory, but the durable index cache is warm
  for asset in ref.ism ref-indexed.ism ref.mp4; do
    echo "  $asset, fresh instance sharing the durable index cache"
    while read -r kind path; do printf '    %-16s %s\n' "$kind" "$(cost "$base$path")"; done <<< "${kinds[$asset]}"
  done
  if [ "$mount" = remote ]; then
    segments=$(curl -s "$base/remote/ref.ism/ref-video=1200000.m3u8" | grep -v '^#')
    ttfb=()
    for s in $segments $segments $segments; do ttfb+=("$(curl -s -o /dev/null -w '%{time_starttransfer}' "$base/remote/ref.ism/$s")"); done
    printf '  warm video segment time to first byte over %d requests: p50 %.1f ms, p99 %.1f ms\n' "${#ttfb[@]}" \
      "$(printf '%s\n' "${ttfb[@]}" | percentile 50 | awk '{ print $1 * 1000 }')" \
      "$(printf '%s\n' "${ttfb[@]}" | percentile 99 | awk '{ print $1 * 1000 }')"
    stop_origin; rm -rf "${l2:?}"/*; start_origin
    printf '  cold instance, cold cache: master playlist time to first byte %.1f ms\n' "$(curl -s -o /dev/null -w '%{time_starttransfer}' "$base/remote/ref.ism/.m3u8" | awk '{ print $1 * 1000 }')"
    stop_origin; start_origin
    printf '  fresh instance, warm durable cache: master playlist time to first byte %.1f ms\n' "$(curl -s -o /dev/null -w '%{time_starttransfer}' "$base/remote/ref.ism/.m3u8" | awk '{ print $1 * 1000 }')"
  fi
  stop_origin
done
echo "  (a segment's count includes the body's reads, announced before its headers; bytes include gaps read through)"

echo "== Tail latency: HTTP storage with 20-30 ms per round trip and 1 request in 30 ten times slower"
kill "$storage_pid" 2>/dev/null; wait "$storage_pid" 2>/dev/null || true
node bench/slow-storage.mjs "$root/$media" "$storage_port" 20 10 30 &
storage_pid=$!
until curl -s -o /dev/null "http://127.0.0.1:$storage_port/__requests"; do sleep 0.05; done
for hedging in true false; do
  start_origin Origin__UpstreamHedging=$hedging
  segments=$(curl -s "$base/remote/ref.ism/ref-video=1200000.m3u8" | grep -v '^#')
  for s in $segments; do curl -s -o /dev/null "$base/remote/ref.ism/$s"; done # index warm, the host's percentile known
  before=$(curl -s "http://127.0.0.1:$storage_port/__requests")
  ttfb=()
  for s in $segments $segments $segments $segments $segments; do ttfb+=("$(curl -s -o /dev/null -w '%{time_starttransfer}' "$base/remote/ref.ism/$s")"); done
  after=$(curl -s "http://127.0.0.1:$storage_port/__requests")
  printf '  hedging %-5s warm video segment time to first byte over %d requests: p50 %.1f ms, p99 %.1f ms; %d storage requests\n' "$hedging" "${#ttfb[@]}" \
    "$(printf '%s\n' "${ttfb[@]}" | percentile 50 | awk '{ print $1 * 1000 }')" \
    "$(printf '%s\n' "${ttfb[@]}" | percentile 99 | awk '{ print $1 * 1000 }')" "$((after - before - 1))"
  stop_origin
done

rate=
load() { # label, paths file[, server]: prints the run and leaves requests/s in $rate
  local out requests bytes seconds errors p50_ms p90_ms p99_ms
  out=$(PATHS="$2" wrk -t2 -c"$connections" -d"${duration}s" -s bench/segments.lua "${3:-$base}" | grep RESULT)
  eval "$(echo "$out" | sed 's/RESULT //')"
  rate=$(awk -v r="$requests" -v s="$seconds" 'BEGIN { print r / s }')
  awk -v l="$1" -v r="$requests" -v b="$bytes" -v s="$seconds" -v e="$errors" -v p50="$p50_ms" -v p90="$p90_ms" -v p99="$p99_ms" 'BEGIN {
    printf "  %-38s %8.0f req/s  %6.3f GB/s  errors %d  latency p50 %.2f ms  p90 %.2f ms  p99 %.2f ms\n", l, r / s, b / s / 1e9, e, p50, p90, p99 }'
}
load_against_static() { # label, paths file: the origin, then nginx over the very same bytes, and the ratio
  local origin_rate
  mirror "$2"
  load "$1" "$2"
  origin_rate=$rate
  load "  static nginx, same bytes" "$2" "http://127.0.0.1:$static_port"
  awk -v o="$origin_rate" -v s="$rate" 'BEGIN { printf "  %-38s %.2fx the static server\n", "  ratio", o / s }'
}

echo "== Load: wrk, 2 threads, $connections connections, ${duration}s each, over loopback on this machine"
start_origin
start_static
paths=$(mktemp)
curl -s "$base/vod/ref.ism/ref-video=1200000.m3u8" | grep -v '^#' | sed "s#^#/vod/ref.ism/#" > "$paths"
PATHS="$paths" wrk -t2 -c"$connections" -d3s -s bench/segments.lua "$base" >/dev/null # warm-up: JIT tiers, pools
avg=$(curl -s -o /dev/null -w '%{size_download}' "$base/vod/ref.ism/ref-video=1200000-5.m4s")
load_against_static "fragmented video segments (~$((avg / 1024)) KB)" "$paths"
vkey=$(curl -s "$base/vod/ref.mp4/.m3u8" | grep -m1 -E '^ref-video=' | sed 's/.m3u8$//')
curl -s "$base/vod/ref.mp4/$vkey.m3u8" | grep -v '^#' | sed "s#^#/vod/ref.mp4/#" > "$paths"
load_against_static "progressive video segments" "$paths"
curl -s "$base/vod/ref.ism/.mpd" | node -e '
  const mpd = require("fs").readFileSync(0, "utf8"); const out = [];
  for (const set of mpd.split("<AdaptationSet").slice(1)) {
    const media = /media="([^"]+)"/.exec(set)[1], id = /<Representation[^>]* id="([^"]+)"/.exec(set)[1];
    let t = 0;
    for (const s of set.matchAll(/<S (?:t="(\d+)" )?d="(\d+)"(?: r="(\d+)")?/g)) {
      if (s[1]) t = Number(s[1]);
      for (let i = 0; i <= Number(s[3] ?? 0); i++) { out.push(media.replace("$RepresentationID$", id).replace("$Time$", t)); t += Number(s[2]); }
    }
  }
  console.log(out.map((m) => "/vod/ref.ism/" + m).join("\n"));' > "$paths"
load_against_static "DASH segments, video and audio" "$paths"
ts_variant=$(curl -s "$base/vod/ref.ism/.m3u8?hls_fmp4=false" | grep -A1 '^#EXT-X-STREAM-INF' | grep -v '^#' | head -1)
# (without the carried ?hls_fmp4=false: a .ts URL is TS by itself, and nginx would take the query off its file name)
curl -s "$base/vod/ref.ism/$ts_variant" | grep -v '^#' | sed "s#^#/vod/ref.ism/#; s#?.*##" > "$paths"
load_against_static "MPEG-TS segments, audio muxed in" "$paths"
printf '/vod/ref.ism/.m3u8\n/vod/ref.ism/ref-video=1200000.m3u8\n/vod/ref.ism/.mpd\n/vod/ref.ism/Manifest\n' > "$paths"
load_against_static "manifests (master, media, MPD, Smooth)" "$paths"
stop_origin
start_origin # a fresh process, so that its peak is this load's
curl -s "$base/vod/ref.ism/ref-video=1200000.m3u8" | grep -v '^#' | sed "s#^#/vod/ref.ism/#" > "$paths"
PATHS="$paths" wrk -t2 -c64 -d"${duration}s" -s bench/segments.lua "$base" >/dev/null
echo "== Memory: peak resident set under 64 concurrent segment requests: $(( $(awk '/VmHWM/ { print $2 }' /proc/$pid/status) / 1024 )) MiB (the smallest Lambda has 128 MB)"
rm -f "$paths"
