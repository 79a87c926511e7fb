#!/usr/bin/env bash
# Connect + stream setup latency (docs/benchmarks.md): NativeRtmp with quickAck on and off,
# publishing and playing, and plain librtmp (nrtmp-ref), alternating in one run, against
# nginx-rtmp on 127.0.0.1; prints p50 and p99.
#
#   native/bench/latency.sh [-Dbench.connects=200]
#
# Needs what the tests need (nginx with libnginx-mod-rtmp); about 40 s after the build.
set -euo pipefail
cd "$(dirname "$0")/../.."

mvn -B -q -Pbench test-compile
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
exec java -cp "$classpath" -Dlogback.configurationFile=native/bench/logback-bench.xml "$@" \
  org.nativertmp.bench.ConnectLatency
