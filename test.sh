#!/usr/bin/env bash
# Runs every test: sets up what the suites need on a fresh machine (ffmpeg, Chromium, pinned player packages),
# then the unit, HTTP, ffmpeg-decode and real-player tests. Prints one "N passed, N failed" summary line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

bash .ci/setup.sh

log=$(mktemp)
status=0
dotnet test Serverless.sln --nologo -v quiet -m:1 2>&1 | tee "$log" || status=$?

count() { grep -oE "$1: +[0-9]+" "$log" | awk '{ total += $2 } END { print total + 0 }'; }
passed=$(count Passed)
failed=$(count Failed)
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
rm -f "$log"
if [ "${passed:-0}" -eq 0 ]; then echo "no tests ran" >&2; exit 1; fi
exit "$status"
