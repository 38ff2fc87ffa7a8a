#!/usr/bin/env bash
# The long load run: the load tests (tests/Origin.Serving.Tests/Load) built in Release, at 64 and 256 concurrent
# connections for N seconds each (default 60), mixing manifests and segments of every format across a fragmented and
# a progressive asset on a local folder and on HTTP storage over loopback. Prints requests/s, MB/s, errors, latency
# percentiles, managed heap before and after (must not grow), peak working set, and HTTP storage requests per
# connection.  Usage: bench/load.sh [seconds per run, default 60]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=0
LOAD_SECONDS=${1:-60} LOAD_REPORT=$report dotnet test tests/Origin.Serving.Tests -c Release --nologo -v quiet \
  --filter Category=Load >/dev/null || status=$?
cat "$report"
[ "$status" = 0 ] || echo "load tests failed (exit $status): run them with --logger 'console;verbosity=detailed' for the reason" >&2
exit "$status"
