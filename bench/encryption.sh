#!/usr/bin/env bash
# Encrypted against clear: the reference set's video segments served clear and encrypted by one Release build, wrk
# runs alternating between the two; prints the median requests/s and GB/s of each and the encrypted/clear ratio:
# DASH 'cenc' and 'cbcs' (ref-cenc.ism, ref-cbcs.ism: the same media under a clearkey paramGroup) for the fragmented
# set and for the progressive MP4 (ref.mp4, whose samples are cut from interleaved chunks), and HLS AES-128
# (ref-aes.ism, an hls paramGroup) against HLS clear.
# Usage: bench/encryption.sh [seconds per run, default 10] [rounds, default 3] [connections, default 16]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib.sh
bench_setup 18095 "$@"

key='<paramGroup id="clearkey"><meta name="key" content="0123456789abcdef0123456789abcdef:3a2a1b68dd2bd9b2eeb25e84c4776668" /></paramGroup>'
sed "s#<head>#<head>$key#" "$media/ref.ism" > "$media/ref-cenc.ism"
cat > "$media/ref-progressive.ism" <<ISM
<?xml version="1.0" encoding="utf-8"?>
<smil xmlns="http://www.w3.org/2001/SMIL20/Language"><head></head><body><switch>
  <video src="ref.mp4"><param name="trackName" value="video" valuetype="data" /></video>
  <audio src="ref.mp4"><param name="trackName" value="audio" valuetype="data" /></audio>
</switch></body></smil>
ISM
sed "s#<head>#<head>$key#" "$media/ref-progressive.ism" > "$media/ref-progressive-cenc.ism"
cbcs='<meta name="encryption_scheme" content="cbcs" />'
sed "s#<head>#<head>$cbcs$key#" "$media/ref.ism" > "$media/ref-cbcs.ism"
sed "s#<head>#<head>$cbcs$key#" "$media/ref-progressive.ism" > "$media/ref-progressive-cbcs.ism"
aes='<paramGroup id="hls"><meta name="key" content=":3a2a1b68dd2bd9b2eeb25e84c4776668" /><meta name="license_server_url" content="https://keys.example/k" /></paramGroup>'
sed "s#<head>#<head>$aes#" "$media/ref.ism" > "$media/ref-aes.ism"

start_origin

dash_video_paths() { # asset → the video Representation's segment paths, from the MPD's SegmentTimeline
  curl -s "$base/vod/$1/.mpd" | python3 -c '
import sys, re, xml.etree.ElementTree as ET
ns = {"d": "urn:mpeg:dash:schema:mpd:2011"}
asset = sys.argv[1]
root = ET.fromstring(sys.stdin.read())
for aset in root.iter("{urn:mpeg:dash:schema:mpd:2011}AdaptationSet"):
    if aset.get("contentType") != "video": continue
    rep = aset.find("d:Representation", ns)
    template = aset.find("d:SegmentTemplate", ns) or rep.find("d:SegmentTemplate", ns)
    t = 0
    for s in template.find("d:SegmentTimeline", ns):
        t = int(s.get("t", t))
        for _ in range(int(s.get("r", 0)) + 1):
            print(f"/vod/{asset}/" + template.get("media").replace("$RepresentationID$", rep.get("id")).replace("$Time$", str(t)))
            t += int(s.get("d"))
' "$1"
}
echo "== video segments, clear against encrypted: wrk, 2 threads, $connections connections, $rounds alternating runs of ${duration}s"
for case in "dash ref.ism ref-cenc.ism fragmented-cenc" "dash ref-progressive.ism ref-progressive-cenc.ism progressive-cenc" \
            "dash ref.ism ref-cbcs.ism fragmented-cbcs" "dash ref-progressive.ism ref-progressive-cbcs.ism progressive-cbcs" \
            "hls ref.ism ref-aes.ism hls-aes-128"; do
  read -r format clear encrypted label <<< "$case"
  clear_paths=$(mktemp); encrypted_paths=$(mktemp)
  "${format}_video_paths" "$clear" > "$clear_paths"; "${format}_video_paths" "$encrypted" > "$encrypted_paths"
  compare "$label" clear "$clear_paths" encrypted "$encrypted_paths"
  rm -f "$clear_paths" "$encrypted_paths"
done
