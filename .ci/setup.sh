#!/usr/bin/env bash
# Fresh-machine setup for the test suite: ffmpeg/ffprobe (test media), Chromium, clang (the Native AOT Lambda
# artifact links with it), the pinned
# player libraries (headless playback checks) and storage emulators (Azurite, s3rver).
# Safe to run repeatedly.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

CHROMIUM=/usr/bin/chromium

missing=()
{ command -v ffmpeg && command -v ffprobe; } >/dev/null 2>&1 || missing+=(ffmpeg)
[ -x "$CHROMIUM" ] || missing+=(chromium)
# Debian's clang-NN without the clang package is enough (deploy/package.sh finds it).
{ command -v clang || compgen -c clang- | grep -qE '^clang-[0-9]+$'; } >/dev/null 2>&1 || missing+=(clang)

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
  else
    echo "setup: ffmpeg, ffprobe, $CHROMIUM and clang are required; missing: ${missing[*]}." >&2
    echo "setup: install them as root, e.g.: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "setup: npm is required (Node.js 20 or newer) for tests/players." >&2
  exit 1
fi

# npm writes node_modules/.package-lock.json on every install, so it is a reliable
# stamp of what is installed; the directory's own mtime is not.
for folder in tests/players tests/emulators; do
  if [ ! -f "$folder/node_modules/.package-lock.json" ] ||
     [ "$folder/package-lock.json" -nt "$folder/node_modules/.package-lock.json" ]; then
    (cd "$folder" && npm ci --no-audit --no-fund)
  fi
done
