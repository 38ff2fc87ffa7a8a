#!/usr/bin/env bash
# Index MP4 figures: index size against media size and the time origin-tool takes to write them, for the bundled
# samples, the 60 s reference set and a generated 1-hour set (the reference fragments looped with stream copy).
# Usage: bench/index-files.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
media=.cache/bench-media
tool=.cache/bench-tool
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench/make-assets.sh "$media"
dotnet publish tools/Origin.Cli -c Release -o "$tool" --nologo -v quiet >/dev/null
if [ ! -f "$media/hour-video.ismv" ]; then
  ffmpeg -loglevel error -y -stream_loop 59 -i "$media/ref-video.ismv" -c copy -f ismv "$media/hour-video.ismv"
  ffmpeg -loglevel error -y -stream_loop 59 -i "$media/ref-audio.isma" -c copy -f ismv "$media/hour-audio.isma"
fi

report() { # label, files…
  local label=$1; shift
  local copies=() media_bytes=0 index_bytes=0 t0 t1
  for f in "$@"; do cp "$f" "$work/"; copies+=("$work/$(basename "$f")"); media_bytes=$((media_bytes + $(stat -c %s "$f"))); done
  t0=$(date +%s%N)
  "$tool/origin-tool" index "${copies[@]}" >/dev/null
  t1=$(date +%s%N)
  for f in "${copies[@]}"; do index_bytes=$((index_bytes + $(stat -c %s "${f%.*}-index.mp4"))); done
  awk -v l="$label" -v m="$media_bytes" -v i="$index_bytes" -v ms="$(( (t1 - t0) / 1000000 ))" -v n="$#" 'BEGIN {
    printf "  %-34s %d files  media %10.1f MB  index %8.1f KB  (%.2f%%)  written in %d ms\n", l, n, m / 1e6, i / 1e3, 100 * i / m, ms }'
  rm -f "$work"/*
}

echo "== Index MP4s: size against the media they describe, and time to write them (one origin-tool run, local disk)"
report "samples (20 s, 4 files)" samples/media/demo-video-150k.ismv samples/media/demo-video-300k.ismv samples/media/demo-video-500k.ismv samples/media/demo-audio-64k.isma
report "reference set (60 s, 2 s fragments)" "$media/ref-video.ismv" "$media/ref-audio.isma"
report "1-hour set (1800 fragments each)" "$media/hour-video.ismv" "$media/hour-audio.isma"
