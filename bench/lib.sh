# Shared by the side-by-side benchmarks (encryption.sh, ts.sh): start the Release build on the bench media, list
# segment paths from the origin's own manifests, run wrk over a path list, take medians, compare two lists.

bench_setup() { # port [seconds per run] [rounds] [connections]: the run's settings, wrk, the bench media, the Release build
  port=$1 duration=${2:-10} rounds=${3:-3} connections=${4:-16}
  root=$PWD media=.cache/bench-media app=.cache/bench-app
  command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y wrk >/dev/null; } || { echo "install wrk" >&2; exit 1; }
  bench/make-assets.sh "$media"
  dotnet publish functions/Origin.Functions -c Release -o "$app" --nologo -v quiet >/dev/null
}

start_origin() { # the published origin on $port over $media, stopped when the script exits
  (cd "$app" && exec env Origin__Mounts__vod__Path=/vod Origin__Mounts__vod__Storage="file://$root/$media" Origin__IndexCache=none ./origin --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
  origin_pid=$!
  trap 'kill "$origin_pid" 2>/dev/null || true' EXIT
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/none")" = 404 ]; do sleep 0.05; done
  base="http://127.0.0.1:$port"
}

hls_video_paths() { # asset [query] → the first variant's segment paths, from its media playlist
  local playlist
  playlist=$(curl -s "$base/vod/$1/.m3u8${2:-}" | grep -A1 '^#EXT-X-STREAM-INF' | grep -v '^#' | head -1)
  curl -s "$base/vod/$1/$playlist" | grep -v '^#' | sed "s#^#/vod/$1/#"
}

run() { # paths file, seconds → "requests/s GB/s"
  PATHS="$1" wrk -t2 -c"$connections" -d"$2s" -s bench/segments.lua "$base" | grep RESULT | sed 's/RESULT //' |
    awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } print v["requests"] / v["seconds"], v["bytes"] / v["seconds"] / 1e9 }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

compare() { # label, baseline name, baseline paths file, other name, other paths file: alternating runs, medians, ratio
  local label=$1 first=$2 first_paths=$3 second=$4 second_paths=$5 r g
  run "$first_paths" 3 >/dev/null; run "$second_paths" 3 >/dev/null # warm-up
  local a=() b=() ag=() bg=()
  for _ in $(seq "$rounds"); do
    read -r r g < <(run "$first_paths" "$duration"); a+=("$r"); ag+=("$g")
    read -r r g < <(run "$second_paths" "$duration"); b+=("$r"); bg+=("$g")
  done
  local ma mb ga gb
  ma=$(printf '%s\n' "${a[@]}" | median); mb=$(printf '%s\n' "${b[@]}" | median)
  ga=$(printf '%s\n' "${ag[@]}" | median); gb=$(printf '%s\n' "${bg[@]}" | median)
  awk -v l="$label" -v f="$first" -v s="$second" -v a="$ma" -v b="$mb" -v ga="$ga" -v gb="$gb" 'BEGIN {
    printf "  %-17s %s %7.0f req/s %5.3f GB/s   %s %7.0f req/s %5.3f GB/s   %s/%s %.2f\n", l, f, a, ga, s, b, gb, s, f, b / a }'
}
