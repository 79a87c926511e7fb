#!/usr/bin/env bash
# Benchmarks: the Java path against a C client (nrtmp-ref, nrtmp-bench) on the same librtmp
# build, in one run, on nginx-rtmp at 127.0.0.1; prints a table of medians and Java/C ratios.
#
#   native/bench/run.sh [-Dbench.rounds=10] [-Dbench.flvMegabytes=32] [-Dbench.jmh=false]
#
# Needs what the tests need (nginx with libnginx-mod-rtmp) and takes about 3 minutes on 2 cores.
# Not part of mvn verify: the sources live in src/bench/java and are built only with -Pbench.
set -euo pipefail
cd "$(dirname "$0")/../.."

mvn -B -q -Pbench test-compile
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
exec java -cp "$classpath" -Dlogback.configurationFile=native/bench/logback-bench.xml "$@" \
  org.nativertmp.bench.NativeComparison
