#!/usr/bin/env bash
# Before/after: the app built from another commit against the working tree, both serving the reference set from
# the same folder, with wrk runs alternating between them (so drifts of a shared machine hit both alike); prints
# the median requests/s of each and their ratio, for fragmented and progressive video segments and a manifest mix.
# Usage: bench/compare.sh <commit> [seconds per run, default 10] [rounds, default 3] [connections, default 16]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rev=${1:?usage: bench/compare.sh <commit> [seconds] [rounds] [connections]}
duration=${2:-10}
rounds=${3:-3}
connections=${4:-16}
root=$PWD
media=.cache/bench-media
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y wrk >/dev/null; } || { echo "install wrk" >&2; exit 1; }
bench/make-assets.sh "$media"

before=.cache/compare/$(git rev-parse --short "$rev")
if [ ! -x "$before/app/origin" ]; then
  rm -rf "$before/src"; mkdir -p "$before"
  git worktree add --detach --force "$before/src" "$rev" >/dev/null 2>&1
  ln -sfn "$root/../shared" "$before/shared" # what the build expects beside the checkout
  dotnet publish "$before/src/functions/Origin.Functions" -c Release -o "$before/app" --nologo -v quiet >/dev/null
  git worktree remove --force "$before/src"
fi
dotnet publish functions/Origin.Functions -c Release -o .cache/compare/after --nologo -v quiet >/dev/null

pids=()
start() { # app folder, port
  (cd "$1" && exec env Origin__Mounts__vod__Path=/vod Origin__Mounts__vod__Storage="file://$root/$media" Origin__IndexCache=none ./origin --urls "http://127.0.0.1:$2" >/dev/null 2>&1) &
  pids+=($!)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/none")" = 404 ]; do sleep 0.05; done
}
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
start "$before/app" 18090
start .cache/compare/after 18091

paths_of() { # kind → paths file
  local file; file=$(mktemp)
  case $1 in
    fragmented) curl -s "http://127.0.0.1:18091/vod/ref.ism/ref-video=1200000.m3u8" | grep -v '^#' | sed "s#^#/vod/ref.ism/#" > "$file" ;;
    progressive)
      local key; key=$(curl -s "http://127.0.0.1:18091/vod/ref.mp4/.m3u8" | grep -m1 -E '^ref-video=' | sed 's/.m3u8$//')
      curl -s "http://127.0.0.1:18091/vod/ref.mp4/$key.m3u8" | grep -v '^#' | sed "s#^#/vod/ref.mp4/#" > "$file" ;;
    manifests) printf '/vod/ref.ism/.m3u8\n/vod/ref.ism/ref-video=1200000.m3u8\n/vod/ref.ism/.mpd\n/vod/ref.ism/Manifest\n' > "$file" ;;
  esac
  echo "$file"
}
rate() { # paths file, port, seconds → requests/s
  PATHS="$1" wrk -t2 -c"$connections" -d"$3s" -s bench/segments.lua "http://127.0.0.1:$2" | grep RESULT | sed 's/RESULT //' |
    awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } print v["requests"] / v["seconds"] }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "== $(git rev-parse --short "$rev") (before) against the working tree (after): wrk, 2 threads, $connections connections, $rounds alternating runs of ${duration}s"
for kind in fragmented progressive manifests; do
  paths=$(paths_of "$kind")
  rate "$paths" 18090 3 >/dev/null; rate "$paths" 18091 3 >/dev/null # warm-up: JIT tiers, pools
  b=(); a=()
  for _ in $(seq "$rounds"); do
    b+=("$(rate "$paths" 18090 "$duration")")
    a+=("$(rate "$paths" 18091 "$duration")")
  done
  mb=$(printf '%s\n' "${b[@]}" | median); ma=$(printf '%s\n' "${a[@]}" | median)
  awk -v k="$kind" -v b="$mb" -v a="$ma" 'BEGIN { printf "  %-12s before %8.0f req/s  after %8.0f req/s  after/before %.2f\n", k, b, a, a / b }'
  rm -f "$paths"
done
