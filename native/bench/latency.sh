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

source native/bench/common.sh
bench_main java ConnectLatency "$@"
