#!/usr/bin/env bash
# Checks every cross-built platform in the packed jars, after
#
#   mvn -B package -Dnative.platforms=all
#
# linux-aarch64: the cli jar runs on an emulated arm64 Debian, and publishes over rtmps (verify-aarch64.sh);
# win32-x86-64:  a MinGW-built C program drives nativertmp.dll under Wine and publishes to
#                nginx-rtmp (verify-win32.sh).
# linux-x86-64, the host, is what the Maven test suite runs on.
#
#   native/container/verify-platforms.sh [--target DIR]   (default: target/)
#
# Installs nothing: it checks for every tool first and names the Debian package of each one
# missing (all of them: bash native/container/ci-packages.sh verify). Runs as root.
set -euo pipefail
NRTMP_SCRIPT=verify-platforms
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$here/common.sh"

# The cli subcommands run on linux-aarch64, each must exit 0 ('version' must report the platform).
AARCH64_CLI_COMMANDS=(version demo demo@engine)

target="$root/target"
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target=$2; shift 2 ;; --target=*) target=${1#*=}; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) nrtmp_die "unknown argument '$1'" ;;
  esac
done

[ -d "$target" ] || nrtmp_die "$target not found: run 'mvn -B package -Dnative.platforms=all' first"
target=$(cd "$target" && pwd)

# Every tool up front, so that one run names everything missing.
missing=()
check() { if [[ $1 == /* ]]; then [ -e "$1" ] || missing+=("$2 ($1)"); else command -v "$1" >/dev/null || missing+=("$2 ($1)"); fi; }
check x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64
check x86_64-w64-mingw32-objdump binutils-mingw-w64-x86-64
check /usr/lib/wine/wine64 wine64
check nginx nginx
check /usr/lib/nginx/modules/ngx_rtmp_module.so libnginx-mod-rtmp
check /usr/lib/nginx/modules/ngx_stream_module.so libnginx-mod-stream
check openssl openssl
check ffmpeg ffmpeg
check unzip unzip
check /usr/libexec/qemu-binfmt/aarch64-binfmt-P qemu-user-static
check update-binfmts binfmt-support
check debootstrap debootstrap
check podman podman
check runc runc
if [ ${#missing[@]} -gt 0 ]; then
  printf 'verify-platforms: missing: %s\n' "${missing[@]}" >&2
  nrtmp_die "install them first: apt-get install -y --no-install-recommends \$(bash native/container/ci-packages.sh verify)"
fi
for jar in native-rtmp.jar native-rtmp-cli.jar; do
  [ -f "$target/$jar" ] || nrtmp_die "$target/$jar not found: run 'mvn -B package -Dnative.platforms=all' first"
done
for entry in linux-aarch64/libnativertmp.so win32-x86-64/nativertmp.dll; do
  unzip -l "$target/native-rtmp-cli.jar" "$entry" >/dev/null 2>&1 \
    || nrtmp_die "$target/native-rtmp-cli.jar holds no $entry: build with -Dnative.platforms=all"
done

status=0
echo "===== linux-aarch64"
start=$SECONDS
bash "$here/verify-aarch64.sh" --jar "$target/native-rtmp-cli.jar" --rtmps "${AARCH64_CLI_COMMANDS[@]}" || status=1
aarch64_time=$((SECONDS - start))
echo "===== win32-x86-64"
start=$SECONDS
bash "$here/verify-win32.sh" --jar "$target/native-rtmp.jar" || status=1
win32_time=$((SECONDS - start))
echo "verify-platforms: linux-aarch64 $aarch64_time s, win32-x86-64 $win32_time s"
[ $status -eq 0 ] || nrtmp_die "FAILED (see above)"
echo "verify-platforms: OK"
