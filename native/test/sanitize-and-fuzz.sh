#!/usr/bin/env bash
# librtmp under the sanitizers: builds native/fuzz with clang (AddressSanitizer, LeakSanitizer,
# UndefinedBehaviorSanitizer, libFuzzer) against librtmp with and without native/patches, then
# runs its CTest suite: the hostile-server replays (no report with the patches, a report
# without them) and a bounded fuzzing run seeded with the same sequences.
#
#   native/test/sanitize-and-fuzz.sh [--fuzz-seconds=N] [--build-dir=DIR]
#
# Needs clang, libclang-rt-14-dev and libfuzzer-14-dev (Debian 12), and librtmp's source: the
# one `mvn package` fetched into target/native-build/rtmpdump-src, or else it is fetched here.
# A fuzzer finding is kept in BUILD_DIR/fuzz-findings/ (replay: nrtmp-fuzz FILE).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/target/sanitize"
fuzz_seconds=60
for arg; do
  case "$arg" in
    --fuzz-seconds=*) fuzz_seconds=${arg#*=} ;;
    --build-dir=*) build=${arg#*=} ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "sanitize-and-fuzz: unknown argument $arg" >&2; exit 2 ;;
  esac
done
command -v clang >/dev/null || {
  echo "sanitize-and-fuzz: needs clang (Debian: clang libclang-rt-14-dev libfuzzer-14-dev)" >&2; exit 2; }

mkdir -p "$(dirname "$build")"
CC=clang cmake -S "$root/native/fuzz" -B "$build" -DNRTMP_FUZZ_SECONDS="$fuzz_seconds" \
    -DRTMPDUMP_CACHE_DIR="$root/target/native-build/rtmpdump-src" >"$build.log" 2>&1 \
  && cmake --build "$build" --parallel 2 >>"$build.log" 2>&1 \
  || { cat "$build.log" >&2; echo "sanitize-and-fuzz: build failed (log: $build.log)" >&2; exit 1; }
ctest --test-dir "$build" --output-on-failure
