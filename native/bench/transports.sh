#!/usr/bin/env bash
# What rtmps (the JDK's TLS, through the shim's pipe) costs against plain rtmp, in one run:
# nginx-rtmp on 127.0.0.1 directly and behind nginx's stream module; then the same count of raw
# bytes over TCP and from a bare JDK SSLSocket through such a front (the ceiling of TLS here).
# Prints medians in MB/s.
#
#   native/bench/transports.sh [-Dbench.rounds=6] [-Dbench.flvMegabytes=32]
#   JAVA=<a JDK 21+>/bin/java native/bench/transports.sh   # also rtmps from a virtual thread
#
# Needs what the tests need (nginx with libnginx-mod-rtmp and libnginx-mod-stream, openssl).
set -euo pipefail
cd "$(dirname "$0")/../.."

source native/bench/common.sh
bench_main "${JAVA:-java}" TransportThroughput "$@"
