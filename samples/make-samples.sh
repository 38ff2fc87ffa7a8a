#!/usr/bin/env bash
# Regenerates the bundled sample media. The files are committed, so this runs only when the samples change.
# A moving test pattern with a burnt-in clock and a one-beep-per-second tone makes A/V drift visible and audible.
set -euo pipefail
cd "$(dirname "$0")/media"
seconds=20
video=(-f lavfi -i "testsrc2=size=854x480:rate=24,drawtext=text='%{pts\\:hms}':fontsize=40:x=20:y=20:fontcolor=white:box=1:boxcolor=black")
audio=(-f lavfi -i "sine=frequency=880:beep_factor=4:sample_rate=48000")
x264=(-c:v libx264 -preset medium -profile:v high -pix_fmt yuv420p -g 48 -keyint_min 48 -sc_threshold 0 -bf 3)

# Multi-bitrate Smooth/CMAF-style set: one fragmented track per file, 2 s fragments, plus its server manifest.
for rung in "426x240 150k" "640x360 300k" "854x480 500k"; do
  set -- $rung
  ffmpeg -loglevel error -y "${video[@]}" -t $seconds -vf "scale=$1" "${x264[@]}" -b:v "$2" -maxrate "$2" -bufsize "$2" \
    -an -f ismv "demo-video-$2.ismv"
done
ffmpeg -loglevel error -y "${audio[@]}" -t $seconds -c:a aac -b:a 64k -ac 2 -frag_duration 2000000 -f ismv demo-audio-64k.isma

# Progressive MP4 with B-frames, audio interleaved, moov at the end (ffmpeg's default).
ffmpeg -loglevel error -y "${video[@]}" "${audio[@]}" -t $seconds -vf scale=640x360 "${x264[@]}" -b:v 400k \
  -c:a aac -b:a 64k -ac 2 -metadata:s:a:0 language=eng progressive.mp4
ls -l
