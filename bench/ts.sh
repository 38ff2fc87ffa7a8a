#!/usr/bin/env bash
# HLS over MPEG-TS against HLS in fMP4, one Release build, wrk runs alternating between the two: the first variant's
# segments of the reference set (fMP4: video only; TS: video with its audio muxed in) and of the progressive MP4,
# and that variant's media playlist; prints the median requests/s and GB/s of each and the TS/fMP4 ratio.
# Usage: bench/ts.sh [seconds per run, default 10] [rounds, default 3] [connections, default 16]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib.sh
bench_setup 18096 "$@"
start_origin

playlist_path() { # asset [query] → the first variant's media playlist path
  echo "/vod/$1/$(curl -s "$base/vod/$1/.m3u8${2:-}" | grep -A1 '^#EXT-X-STREAM-INF' | grep -v '^#' | head -1)"
}

echo "== HLS fMP4 against MPEG-TS: wrk, 2 threads, $connections connections, $rounds alternating runs of ${duration}s"
for asset in ref.ism ref.mp4; do
  fmp4=$(mktemp); ts=$(mktemp)
  hls_video_paths "$asset" > "$fmp4"; hls_video_paths "$asset" "?hls_fmp4=false" > "$ts"
  compare "segments $asset" fmp4 "$fmp4" ts "$ts"
  playlist_path "$asset" > "$fmp4"; playlist_path "$asset" "?hls_fmp4=false" > "$ts"
  compare "playlist $asset" fmp4 "$fmp4" ts "$ts"
  rm -f "$fmp4" "$ts"
done
