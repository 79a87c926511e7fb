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

jdk=${NRTMP_JDK21_HOME:-}
if [ -z "$jdk" ]; then
  best=0
  for home in /usr/lib/jvm/*/; do
    home=${home%/}
    [ -L "$home" ] || [ ! -x "$home/bin/java" ] || [ ! -f "$home/release" ] && continue
    feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
    if [ "${feature:-0}" -ge 21 ] && [ "$feature" -gt "$best" ]; then jdk=$home; best=$feature; fi
  done
fi
[ -n "$jdk" ] || { echo "virtual-threads.sh: no JDK 21 or later under /usr/lib/jvm; set NRTMP_JDK21_HOME" >&2; exit 2; }

mvn -B -q -Pbench test-compile
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
exec "$jdk/bin/java" -cp "$classpath" --enable-native-access=ALL-UNNAMED \
  -Djdk.virtualThreadScheduler.parallelism=2 \
  -Dlogback.configurationFile=native/bench/logback-bench.xml "$@" \
  org.nativertmp.bench.VirtualThreadRun
