#!/usr/bin/env bash
# What rtmps (the JDK's TLS, through the shim's pipe) costs against plain rtmp, in one run:
# nginx-rtmp on 127.0.0.1 directly and behind nginx's stream module; prints medians in MB/s.
#
#   native/bench/transports.sh [-Dbench.rounds=6] [-Dbench.flvMegabytes=32]
#
# Needs what the tests need (nginx with libnginx-mod-rtmp and libnginx-mod-stream, openssl).
set -euo pipefail
cd "$(dirname "$0")/../.."

mvn -B -q -Pbench test-compile
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
exec java -cp "$classpath" "$@" org.nativertmp.bench.TransportThroughput
