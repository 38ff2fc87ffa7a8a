#!/usr/bin/env bash
# Generates the benchmark's reference assets into $1 (default .cache/bench-media): 60 s of 720p at about 1.2 Mbit/s
# with 2 s fragments, so a video segment is about 300 KB, as a fragmented set with a server manifest and as one
# progressive MP4 with interleaved audio.
set -euo pipefail
out=${1:-"$(dirname "$0")/../.cache/bench-media"}
mkdir -p "$out"
cd "$out"
[ -f ref.ism ] && [ -f ref.mp4 ] && exit 0
video=(-f lavfi -i "testsrc2=size=1280x720:rate=25")
audio=(-f lavfi -i "sine=frequency=440:sample_rate=48000")
x264=(-c:v libx264 -preset veryfast -pix_fmt yuv420p -g 50 -keyint_min 50 -sc_threshold 0 -b:v 1200k -maxrate 1200k -bufsize 1200k)
ffmpeg -loglevel error -y "${video[@]}" -t 60 "${x264[@]}" -an -f ismv ref-video.ismv
ffmpeg -loglevel error -y "${audio[@]}" -t 60 -c:a aac -b:a 128k -frag_duration 2000000 -f ismv ref-audio.isma
ffmpeg -loglevel error -y "${video[@]}" "${audio[@]}" -t 60 "${x264[@]}" -c:a aac -b:a 128k ref.mp4
cat > ref.ism <<'ISM'
<?xml version="1.0" encoding="utf-8"?>
<smil xmlns="http://www.w3.org/2001/SMIL20/Language">
  <body>
    <switch>
      <video src="ref-video.ismv" systemBitrate="1200000"><param name="trackName" value="video" valuetype="data" /></video>
      <audio src="ref-audio.isma" systemBitrate="128000"><param name="trackName" value="audio" valuetype="data" /></audio>
    </switch>
  </body>
</smil>
ISM
