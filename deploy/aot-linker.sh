# Sourced by deploy/package.sh and the benchmarks: the C toolchain Native AOT links with, clang on PATH, else Debian's
# versioned clang-NN (the clang-14 package alone installs no `clang`). Prints nothing when there is none.
aot_linker() {
  if command -v clang >/dev/null 2>&1; then echo clang; return; fi
  compgen -c clang- | grep -E '^clang-[0-9]+$' | sort -t- -k2 -n | tail -1 || true
}
