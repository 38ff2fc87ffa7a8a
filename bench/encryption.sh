#!/usr/bin/env bash
# Encrypted against clear: the reference set's DASH video segments served clear (ref.ism) and with 'cenc'
# (ref-cenc.ism, the same media under a clearkey paramGroup) by one Release build, wrk runs alternating between the
# two; prints the median requests/s and GB/s of each and the encrypted/clear ratio, for the fragmented set and for
# the progressive MP4 (ref.mp4 under ref-progressive-cenc.ism, whose samples are cut from interleaved chunks).
# Usage: bench/encryption.sh [seconds per run, default 10] [rounds, default 3] [connections, default 16]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
duration=${1:-10}
rounds=${2:-3}
connections=${3:-16}
root=$PWD
media=.cache/bench-media
app=.cache/bench-app
port=18095
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y wrk >/dev/null; } || { echo "install wrk" >&2; exit 1; }
bench/make-assets.sh "$media"
dotnet publish functions/Origin.Functions -c Release -o "$app" --nologo -v quiet >/dev/null

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

(cd "$app" && exec env Origin__Mounts__vod__Storage="file://$root/$media" Origin__IndexCache=none ./origin --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/none")" = 404 ]; do sleep 0.05; done
base="http://127.0.0.1:$port"

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
run() { # paths file, seconds → "requests/s GB/s"
  PATHS="$1" wrk -t2 -c"$connections" -d"$2s" -s bench/segments.lua "$base" | grep RESULT | sed 's/RESULT //' |
    awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } print v["requests"] / v["seconds"], v["bytes"] / v["seconds"] / 1e9 }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "== DASH video segments, clear against cenc: wrk, 2 threads, $connections connections, $rounds alternating runs of ${duration}s"
for pair in "ref.ism ref-cenc.ism fragmented" "ref-progressive.ism ref-progressive-cenc.ism progressive"; do
  read -r clear encrypted label <<< "$pair"
  clear_paths=$(mktemp); encrypted_paths=$(mktemp)
  dash_video_paths "$clear" > "$clear_paths"; dash_video_paths "$encrypted" > "$encrypted_paths"
  run "$clear_paths" 3 >/dev/null; run "$encrypted_paths" 3 >/dev/null # warm-up
  c=(); e=(); cg=(); eg=()
  for _ in $(seq "$rounds"); do
    read -r r g < <(run "$clear_paths" "$duration"); c+=("$r"); cg+=("$g")
    read -r r g < <(run "$encrypted_paths" "$duration"); e+=("$r"); eg+=("$g")
  done
  mc=$(printf '%s\n' "${c[@]}" | median); me=$(printf '%s\n' "${e[@]}" | median)
  gc=$(printf '%s\n' "${cg[@]}" | median); ge=$(printf '%s\n' "${eg[@]}" | median)
  awk -v l="$label" -v c="$mc" -v e="$me" -v gc="$gc" -v ge="$ge" 'BEGIN {
    printf "  %-12s clear %7.0f req/s %5.3f GB/s   cenc %7.0f req/s %5.3f GB/s   cenc/clear %.2f\n", l, c, gc, e, ge, e / c }'
  rm -f "$clear_paths" "$encrypted_paths"
done
