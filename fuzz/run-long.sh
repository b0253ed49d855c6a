#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The long libFuzzer runs of fuzz/README.md, one harness at a time, niced, in
# one process (the build machine is shared).  Each run stops at 10 million
# executions or 20 minutes, whichever comes first (FUZZ_RUNS, FUZZ_SECONDS).
#
#   CC=clang meson setup build-fuzz -Dfuzzing=true -Dsanitize=true
#   ninja -C build-fuzz fuzz/fuzz-model-entry fuzz/fuzz-csv ...
#   fuzz/run-long.sh build-fuzz /tmp/hubeco-fuzz [harness...]
#
# Per harness, SCRATCH/<name>/ holds the grown corpus (corpus/), the crash
# inputs (crash-*, leak-*, timeout-*, oom-*) and libFuzzer's log (fuzz.log,
# ending with the final stats).  The seeds and the regression inputs are read,
# never written.  Exit status: the number of harnesses that failed.
set -u

usage="usage: run-long.sh BUILD_DIR SCRATCH_DIR [harness...]"
[ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd) || exit 2
mkdir -p "$2" && scratch=$(cd "$2" && pwd) || exit 2
shift 2
runs=${FUZZ_RUNS:-10000000}
seconds=${FUZZ_SECONDS:-1200}
[ $# -gt 0 ] || set -- fuzz-model-entry fuzz-csv fuzz-http-headers fuzz-tags fuzz-query fuzz-packed

failed=0
for name in "$@"; do
  exe="$build/fuzz/$name"
  if [ ! -x "$exe" ]; then
    echo "== $name: $exe missing (ninja -C $build fuzz/$name)" >&2
    failed=$((failed + 1))
    continue
  fi
  out="$scratch/$name"
  mkdir -p "$out/corpus"
  regress="$src/tests/data/fuzz-regressions/$name"
  [ -d "$regress" ] || regress=
  echo "== $name: start $(date -u +%FT%TZ)"
  start=$(date +%s)
  status=0
  # As the sanitize=true tests run (tests/meson.build): GSlice off, so that
  # ASan sees every JsonNode and GArray; every UBSan finding is fatal.
  G_SLICE=always-malloc G_DEBUG=gc-friendly \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ASAN_OPTIONS=detect_leaks=1 \
  LSAN_OPTIONS=suppressions="$src/tests/lsan.supp" \
  nice -n 10 "$exe" \
    -runs="$runs" -max_total_time="$seconds" \
    -timeout=30 -rss_limit_mb=2048 -max_len=65536 \
    -dict="$src/fuzz/$name.dict" \
    -artifact_prefix="$out/" -print_final_stats=1 \
    "$out/corpus" "$src/fuzz/corpus/$name" $regress \
    >"$out/fuzz.log" 2>&1 || status=$?
  [ "$status" -eq 0 ] || failed=$((failed + 1))
  echo "== $name: exit $status, $(( $(date +%s) - start )) s," \
       "corpus $(ls "$out/corpus" | wc -l) files, log $out/fuzz.log"
  grep -E '^(#[0-9]+ +DONE|stat::)' "$out/fuzz.log" | tail -n 8
done
exit "$failed"
