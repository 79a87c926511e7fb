#!/usr/bin/env bash
# Benchmarks (docs/benchmarks.md): NativeRtmp against the same librtmp build driven from C
# (nrtmp-ref, nrtmp-bench), plain librtmp and Red5's client, in one run, on nginx-rtmp at
# 127.0.0.1; then 1 to 500 publishers and live players in one JVM. Prints the table of medians
# and paired ratios that docs/benchmarks.md shows.
#
#   native/bench/run.sh [-Dbench.rounds=10] [-Dbench.flvMegabytes=32] [-Dbench.playMegabytes=128]
#                       [-Dbench.scaling=1,10,100,500] [-Dbench.players=1,10,100,500]
#                       [-Dbench.play=true] [-Dbench.jmh=false]
#
# Needs what the tests need (nginx with libnginx-mod-rtmp); about a minute on 2 cores after the build.
# Not part of mvn verify: the sources live in src/bench/java and are built only with -Pbench.
set -euo pipefail
cd "$(dirname "$0")/../.."

source native/bench/common.sh
bench_main java NativeComparison "$@"
