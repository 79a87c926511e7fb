#!/usr/bin/env bash
# Proves the packed Windows library works, without Windows: a small C program
# (native/smoke/nativertmp-smoke.c), cross-built with MinGW-w64 and run under Wine, loads
# nativertmp.dll with LoadLibrary/GetProcAddress, prints nrtmp_version and RTMP_LibVersion,
# publishes a generated FLV stream to an nginx-rtmp server on 127.0.0.1 that records it (once
# connected by RTMP_Connect, once by the shim's nrtmp_connect, once through the shim's pipe,
# once with every call on the shim's engine: Fibers and WSAPoll, and twice through
# nrtmp_attach_loopback as rtmps does, on the engine and off it), and checks that each
# recording holds exactly the published tags.
#
#   native/container/verify-win32.sh [--jar target/native-rtmp.jar | --dll PATH/nativertmp.dll]
#
# Needs (checked, never installed): x86_64-w64-mingw32-gcc and -objdump, wine64, nginx with
# the RTMP module; see native/container/ci-packages.sh.
set -euo pipefail
NRTMP_SCRIPT=verify-win32
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$here/common.sh"

jar="$root/target/native-rtmp.jar"
dll=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar=$2; shift 2 ;; --jar=*) jar=${1#*=}; shift ;;
    --dll) dll=$2; shift 2 ;; --dll=*) dll=${1#*=}; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) nrtmp_die "unknown argument '$1'" ;;
  esac
done

wine=${NRTMP_WINE:-/usr/lib/wine/wine64}
nginx_module=/usr/lib/nginx/modules/ngx_rtmp_module.so
nrtmp_need x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64 "cross-builds the smoke test"
nrtmp_need x86_64-w64-mingw32-objdump binutils-mingw-w64-x86-64 "lists the DLL's imports and exports"
nrtmp_need "$wine" wine64 "runs the smoke test"
nrtmp_need nginx nginx "the RTMP server the smoke test publishes to"
[ -f "$nginx_module" ] || nrtmp_die "$nginx_module not found: install the Debian package 'libnginx-mod-rtmp'"

work=$(mktemp -d "${TMPDIR:-/tmp}/nrtmp-win32.XXXXXX")
nginx_pid=""
cleanup() {
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  # The wineserver this run started for its prefix would linger for a few seconds.
  [ -z "${WINEPREFIX:-}" ] || [ ! -x "$(dirname "$wine")/wineserver" ] || "$(dirname "$wine")/wineserver" -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "$dll" ]; then
  [ -f "$jar" ] || nrtmp_die "$jar not found: run 'mvn package -Dnative.platforms=all' first, or pass --dll"
  jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
  mkdir -p "$work/jar"
  if command -v unzip >/dev/null; then (cd "$work/jar" && unzip -q "$jar" 'win32-x86-64/*')
  else nrtmp_need jar openjdk-17-jdk-headless; (cd "$work/jar" && jar xf "$jar" win32-x86-64/nativertmp.dll); fi
  dll="$work/jar/win32-x86-64/nativertmp.dll"
  [ -f "$dll" ] || nrtmp_die "$jar holds no win32-x86-64/nativertmp.dll"
  echo "== win32-x86-64/nativertmp.dll from $jar"
fi
[ -f "$dll" ] || nrtmp_die "$dll not found"

# 1. Static checks: only system DLLs imported, only RTMP*/AMF*/nrtmp_* exported.
x86_64-w64-mingw32-objdump -p "$dll" > "$work/objdump.txt"
imports=$(sed -nE 's/^[[:space:]]*DLL Name: (.*)$/\1/p' "$work/objdump.txt" | sort -f | tr '\n' ' ')
echo "imports: $imports"
for name in $imports; do
  case "${name^^}" in
    # ADVAPI32: the statically linked libssp (stack protector) seeds its guard with
    # CryptGenRandom. A system DLL on every Windows, unlike a MinGW runtime DLL.
    KERNEL32.DLL|MSVCRT.DLL|WINMM.DLL|WS2_32.DLL|ADVAPI32.DLL) ;;
    *) nrtmp_die "nativertmp.dll imports $name: only KERNEL32, msvcrt, WINMM, WS2_32 and ADVAPI32 are allowed (no MinGW runtime DLLs)" ;;
  esac
done
sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' "$work/objdump.txt" | awk 'NF > 1 && !/Table/ {print $NF}' > "$work/exports.txt"
stray=$(grep -vE '^(RTMP|AMF|nrtmp_)' "$work/exports.txt" || true)
[ -z "$stray" ] || nrtmp_die "nativertmp.dll exports more than RTMP*/AMF*/nrtmp_*: $stray"
grep -q '^nrtmp_version$' "$work/exports.txt" || nrtmp_die "nativertmp.dll does not export nrtmp_version"
echo "exports: $(wc -l < "$work/exports.txt") symbols, all RTMP*/AMF*/nrtmp_*"

# 2. The smoke program, statically linked so that Wine needs no MinGW runtime either.
x86_64-w64-mingw32-gcc -O2 -Wall -Wextra -static -o "$work/nativertmp-smoke.exe" \
  "$root/native/smoke/nativertmp-smoke.c" -lws2_32
cp "$dll" "$work/nativertmp.dll"

export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" \
  WINEPREFIX=${NRTMP_WINEPREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/native-rtmp/wine64}
mkdir -p "$(dirname "$WINEPREFIX")"
winpath() { local p; p=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); echo "Z:${p//\//\\}"; }
run_smoke() { "$wine" "$work/nativertmp-smoke.exe" "$@" 2> >(grep -vE '^wine: |rundll32|^[0-9a-f]{4}:(fixme|err):' >&2); }

echo "== version (Wine: $("$wine" --version 2>/dev/null || echo '?'))"
run_smoke version "$(winpath "$work/nativertmp.dll")"

# 3. A real publish to nginx-rtmp, recorded to FLV, then checked tag by tag.
port=""
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || nrtmp_die "found no free port on 127.0.0.1"
mkdir -p "$work/nginx/rec" "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<CONF
load_module $nginx_module;
daemon off;
master_process off;
error_log $work/nginx/error.log info;
pid $work/nginx/nginx.pid;
events {}
rtmp {
  server {
    listen 127.0.0.1:$port;
    application rec { live on; record all; record_path $work/nginx/rec; }
  }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/nginx/error.log" >&2; nrtmp_die "nginx did not start"; }
  sleep 0.1
done
# Stream "engine" makes every call on the engine, as the Java side does for a virtual thread.
# Stream "librtmp" connects with RTMP_Connect, stream "shim" as the Java side does
# (nrtmp_connect with a time limit and the trace on: the shim's own socket code), stream "pipe"
# through the shim's socket pair (carried to nginx by the smoke program's thread in plain TCP;
# librtmp sees an rtmps:// URL), streams "loopback" and "loopback-engine" as the Java side does
# for rtmps from a platform and from a virtual thread (nrtmp_attach_loopback to a listener of
# the smoke program's, whose thread carries it in plain TCP where Java puts the JDK's TLS).
streams=(librtmp shim pipe engine loopback loopback-engine)
for stream in "${streams[@]}"; do
  flags=()
  scheme=rtmp
  [ "$stream" = shim ] && flags=(--shim-connect)
  [ "$stream" = pipe ] && flags=(--pipe) && scheme=rtmps
  [ "$stream" = engine ] && flags=(--engine)
  [ "$stream" = loopback ] && flags=(--loopback) && scheme=rtmps
  [ "$stream" = loopback-engine ] && flags=(--loopback --engine) && scheme=rtmps
  echo "== publish to nginx-rtmp on 127.0.0.1:$port, stream '$stream'${flags:+ (${flags[*]})}"
  run_smoke publish "$(winpath "$work/nativertmp.dll")" "$scheme://127.0.0.1:$port/rec/$stream" "${flags[@]}" \
    || { tail -20 "$work/nginx/error.log" >&2; nrtmp_die "publish of '$stream' failed"; }
done
# nginx closes a recording when its publisher disconnects.
for _ in $(seq 1 50); do
  [ "$(grep -c 'deleteStream' "$work/nginx/error.log" 2>/dev/null)" -ge "${#streams[@]}" ] && break
  sleep 0.1
done
kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""
for stream in "${streams[@]}"; do
  flv="$work/nginx/rec/$stream.flv"
  [ -f "$flv" ] || nrtmp_die "nginx recorded nothing for '$stream' (expected $flv)"
  echo "== recording of '$stream': $(wc -c < "$flv") bytes"
  run_smoke check "$(winpath "$flv")"
done
echo "verify-win32: OK"
