#!/usr/bin/env bash
# Virtual threads (docs/benchmarks.md, Virtual threads): publishes from a platform thread and
# from a virtual thread, alternating in one run, and 1000 virtual-thread players waiting for a
# live stream while an unrelated virtual thread ticks. Runs in the newest JDK of 21 or later under
# /usr/lib/jvm (or NRTMP_JDK21_HOME) with two carrier threads, as the figures were measured.
#
#   native/bench/virtual-threads.sh [-Dbench.rounds=8] [-Dbench.flvMegabytes=32]
#                                   [-Dbench.vtPlayers=1000] [-Dbench.vtWaitMillis=10000]
#
# Needs nginx with libnginx-mod-rtmp; a file descriptor limit above twice the players.
set -euo pipefail
cd "$(dirname "$0")/../.."

jdk=$(bash native/test/find-jdk21.sh) \
  || { echo "virtual-threads.sh: no JDK 21 or later under /usr/lib/jvm; set NRTMP_JDK21_HOME" >&2; exit 2; }
source native/bench/common.sh
bench_main "$jdk/bin/java" VirtualThreadRun --enable-native-access=ALL-UNNAMED \
  -Djdk.virtualThreadScheduler.parallelism=2 "$@"
