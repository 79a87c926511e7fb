#!/usr/bin/env bash
# Proves the packed linux-aarch64 library works: the cli jar runs on an arm64 Debian with
# its own arm64 JDK, emulated by qemu-user-static through binfmt_misc, inside Podman.
#
#   native/container/verify-aarch64.sh [--jar target/native-rtmp-cli.jar] [--rtmps] [SUBCOMMAND ...]
#
# Each SUBCOMMAND (default: version) runs as 'java -jar native-rtmp-cli.jar SUBCOMMAND' and
# must exit 0 (SUBCOMMAND@engine: the same with every call on the library's engine, its
# fibers); 'version' must also report the platform linux-aarch64. --rtmps also publishes an
# FLV (made by ffmpeg) over rtmps from the arm64 JVM, through the JDK's TLS with --cacert, to
# nginx on the host (its stream module terminating TLS, a certificate made by openssl, in front
# of nginx-rtmp, which records), and checks that nginx recorded it.
# The arm64 root (debootstrap --arch=arm64 --variant=minbase, with openjdk-17-jre-headless,
# from the machine's own apt mirror) is made once, kept in $NRTMP_ARM64_ROOT
# (default /var/tmp/native-rtmp/arm64-root) and imported as the Podman image
# localhost/native-rtmp-arm64-java:bookworm; both are reused by later runs.
# Needs (checked, never installed): podman, runc, debootstrap, qemu-user-static,
# binfmt-support; see native/container/ci-packages.sh. Runs as root.
set -euo pipefail
NRTMP_SCRIPT=verify-aarch64
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$here/common.sh"

jar="$root/target/native-rtmp-cli.jar"
commands=()
rtmps=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar=$2; shift 2 ;; --jar=*) jar=${1#*=}; shift ;;
    --rtmps) rtmps=1; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    -*) nrtmp_die "unknown option '$1'" ;;
    *) commands+=("$1"); shift ;;
  esac
done
[ ${#commands[@]} -gt 0 ] || commands=(version)
[ -f "$jar" ] || nrtmp_die "$jar not found: run 'mvn package -Dnative.platforms=all' first, or pass --jar"
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
[ "$(id -u)" = 0 ] || nrtmp_die "needs root (binfmt_misc, debootstrap, rootful Podman)"

nrtmp_need podman podman "runs the arm64 root"
nrtmp_need runc runc "Podman's runtime here (native/container/containers.conf)"
nrtmp_need /usr/libexec/qemu-binfmt/aarch64-binfmt-P qemu-user-static "emulates arm64"
export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/containers.conf}

image=localhost/native-rtmp-arm64-java:bookworm
rootfs=${NRTMP_ARM64_ROOT:-/var/tmp/native-rtmp/arm64-root}
nrtmp_enable_aarch64_binfmt
if ! podman image exists "$image"; then
  start=$SECONDS
  nrtmp_make_rootfs arm64 "$rootfs" openjdk-17-jre-headless
  nrtmp_log "importing $rootfs as $image"
  tar -C "$rootfs" -c --exclude=./.nrtmp-complete . \
    | podman import --quiet --arch arm64 --change 'CMD ["/bin/bash"]' - "$image" >/dev/null
  nrtmp_log "arm64 image ready in $((SECONDS - start)) s"
fi

failed=0
for command in "${commands[@]}"; do
  # SUBCOMMAND@engine: the same with every call on the library's engine (its fibers: switch.c's aarch64 switch; epoll)
  env=()
  if [ "${command%@engine}" != "$command" ]; then
    command=${command%@engine}
    env=(-e JAVA_TOOL_OPTIONS=-Dorg.nativertmp.virtualThreadWaits=engine-all)
  fi
  echo "== linux-aarch64: java -jar $(basename "$jar") $command${env:+ (every call on the engine)}"
  start=$SECONDS
  set +e
  output=$(podman run --rm --arch arm64 --network=none "${env[@]}" -v "$jar:/opt/native-rtmp-cli.jar:ro" "$image" \
      sh -c 'echo "machine: $(uname -m)" && exec java -jar /opt/native-rtmp-cli.jar "$@"' sh $command 2>&1)
  rc=$?
  set -e
  echo "$output" | grep -v 'does not match the expected platform'
  echo "(exit $rc, $((SECONDS - start)) s)"
  if [ $rc -ne 0 ]; then
    echo "verify-aarch64: '$command' failed" >&2; failed=1
  elif [ "$command" = version ] && ! grep -q 'linux-aarch64' <<<"$output"; then
    echo "verify-aarch64: 'version' did not report linux-aarch64" >&2; failed=1
  fi
done
# The rtmps publish: the only native part of it is the shim's socket pair; TLS is the JDK's.
publish_rtmps() {
  local work nginx_pid="" port tls_port rc=0
  nrtmp_need openssl openssl "makes the test certificate"
  nrtmp_need ffmpeg ffmpeg "makes the FLV to publish"
  nrtmp_need nginx nginx "the RTMP server and its TLS front"
  [ -f /usr/lib/nginx/modules/ngx_stream_module.so ] || nrtmp_die "install the Debian package 'libnginx-mod-stream'"
  work=$(mktemp -d "${TMPDIR:-/tmp}/nrtmp-aarch64-rtmps.XXXXXX")
  free_port() {
    local candidate
    for _ in $(seq 1 50); do
      candidate=$((20000 + RANDOM % 40000))
      (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null || { echo "$candidate"; return; }
    done
    nrtmp_die "found no free port on 127.0.0.1"
  }
  port=$(free_port); tls_port=$(free_port)
  mkdir -p "$work/rec" "$work/logs"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost -keyout "$work/key.pem" -out "$work/cert.pem" 2>"$work/openssl.log" \
    || nrtmp_die "openssl failed: $(cat "$work/openssl.log")"
  ffmpeg -v error -f lavfi -i testsrc=size=160x120:rate=10 -t 2 -c:v flv1 -f flv "$work/in.flv" \
    || nrtmp_die "ffmpeg could not make the FLV"
  cat > "$work/nginx.conf" <<CONF
load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
load_module /usr/lib/nginx/modules/ngx_stream_module.so;
daemon off;
master_process off;
error_log $work/logs/error.log info;
pid $work/nginx.pid;
events {}
rtmp { server { listen 127.0.0.1:$port; application rec { live on; record all; record_path $work/rec; } } }
stream {
  ssl_certificate $work/cert.pem;
  ssl_certificate_key $work/key.pem;
  server { listen 127.0.0.1:$tls_port ssl; proxy_pass 127.0.0.1:$port; }
}
CONF
  nginx -p "$work" -c "$work/nginx.conf" &
  nginx_pid=$!
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$tls_port") 2>/dev/null && break
    sleep 0.1
  done
  echo "== linux-aarch64: java -jar $(basename "$jar") publish in.flv rtmps://localhost:$tls_port/rec/arm64 --cacert cert.pem"
  podman run --rm --arch arm64 --network=host -v "$jar:/opt/native-rtmp-cli.jar:ro" -v "$work:/work:ro" "$image" \
      java -jar /opt/native-rtmp-cli.jar publish /work/in.flv "rtmps://localhost:$tls_port/rec/arm64" \
      --cacert /work/cert.pem --timeout 60 || rc=$?
  for _ in $(seq 1 50); do
    grep -q deleteStream "$work/logs/error.log" 2>/dev/null && break
    sleep 0.1
  done
  kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true
  if [ $rc -ne 0 ]; then
    echo "verify-aarch64: the rtmps publish failed (exit $rc)" >&2; tail -20 "$work/logs/error.log" >&2; rc=1
  elif [ ! -s "$work/rec/arm64.flv" ]; then
    echo "verify-aarch64: nginx recorded nothing for the rtmps publish" >&2; rc=1
  else
    echo "rtmps publish recorded by nginx: $(wc -c < "$work/rec/arm64.flv") bytes (published $(wc -c < "$work/in.flv"))"
  fi
  rm -rf "$work"
  return $rc
}
[ -z "$rtmps" ] || publish_rtmps || failed=1

[ $failed -eq 0 ] || exit 1
echo "verify-aarch64: OK"
