#!/usr/bin/env bash
# Builds the native library for one or more platforms into JNA-prefixed folders:
#
#   native/build.sh [--out=DIR] [--build-dir=DIR] [--version=V] [--source=DIR] [--tls]
#                   [--patches=true|false] [PLATFORM|host|all ...]
#
# --patches=false builds librtmp without native/patches (Maven: -Dnative.patches=false).
# The one list of platforms lives here (PLATFORMS); each maps to a CMake toolchain file, or to
# none for the machine's own compiler. Maven runs this script for the host; the Dockerfile runs
# it for all of them.
set -euo pipefail

readonly PLATFORMS=(linux-x86-64 linux-aarch64 win32-x86-64)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

toolchain_for() {
  case "$1" in
    linux-x86-64)  echo "$here/toolchains/linux-x86-64.cmake" ;;
    linux-aarch64) echo "$here/toolchains/linux-aarch64.cmake" ;;
    win32-x86-64)  echo "$here/toolchains/win32-x86-64.cmake" ;;
    *) return 1 ;;
  esac
}

host_platform() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    MINGW*|MSYS*|CYGWIN*) os=win32 ;;
    Darwin) os=darwin ;;
    *) os=$(uname -s | tr 'A-Z' 'a-z') ;;
  esac
  case "$(uname -m)" in
    x86_64|amd64) arch=x86-64 ;;
    aarch64|arm64) arch=aarch64 ;;
    *) arch=$(uname -m) ;;
  esac
  echo "$os-$arch"
}

out="$root/target/native"
build_dir="$root/target/native-build"
version="0.0.0-dev"
source_dir=""
tls=OFF
patches=ON
requested=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --out=*) out=${1#*=}; shift ;;
    --build-dir) build_dir=$2; shift 2 ;;
    --build-dir=*) build_dir=${1#*=}; shift ;;
    --version) version=$2; shift 2 ;;
    --version=*) version=${1#*=}; shift ;;
    --source) source_dir=$2; shift 2 ;;
    --source=*) source_dir=${1#*=}; shift ;;
    --tls) tls=ON; shift ;;
    --patches=*)
      case "${1#*=}" in
        true|on|ON|1) patches=ON ;; false|off|OFF|0) patches=OFF ;;
        *) echo "build.sh: --patches takes true or false" >&2; exit 2 ;;
      esac; shift ;;
    --list) printf '%s\n' "${PLATFORMS[@]}"; exit 0 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    all) requested+=("${PLATFORMS[@]}"); shift ;;
    host) requested+=("$(host_platform)"); shift ;;
    *) requested+=("$1"); shift ;;
  esac
done
[ ${#requested[@]} -gt 0 ] || requested=("$(host_platform)")
host=$(host_platform)

# Without --source and without a fetched copy, CMake fetches Debian's rtmpdump source, which
# needs apt-get and dpkg-source: where they are missing, say so in one line before CMake runs.
if [ -z "$source_dir" ] && [ ! -f "$build_dir/rtmpdump-src/rtmpdump/librtmp/rtmp.c" ]; then
  for tool in apt-get dpkg-source; do
    command -v "$tool" >/dev/null || {
      echo "build.sh: no librtmp source: fetching Debian's rtmpdump source needs apt-get and dpkg-source ('$tool' is missing); pass -Drtmpdump.source=DIR (Maven) or --source=DIR, DIR being an rtmpdump tree with librtmp/ inside" >&2
      exit 2; }
  done
fi

for platform in "${requested[@]}"; do
  # The host (also one outside the list, such as darwin-aarch64 with Apple's clang) builds
  # with the machine's own compiler; every other platform needs its toolchain file.
  toolchain=""
  if [ "$platform" != "$host" ]; then
    toolchain=$(toolchain_for "$platform") || {
      echo "build.sh: unknown platform '$platform' (known: ${PLATFORMS[*]}, or the host $host)" >&2; exit 2; }
    [ "$tls" = OFF ] || {
      echo "build.sh: --tls builds for the host only; cross builds ($platform) are the no-crypto variant" >&2; exit 2; }
    compiler=$(sed -nE 's/^set\(CMAKE_C_COMPILER ([^ )]+)\)$/\1/p' "$toolchain")
    command -v "$compiler" >/dev/null || {
      echo "build.sh: $platform needs the cross compiler '$compiler' (Debian: $(sed -nE 's/^# Debian: //p' "$toolchain"))" >&2; exit 2; }
  fi
  cmake_args=(
    -S "$root" -B "$build_dir/$platform"
    -DCMAKE_BUILD_TYPE=Release
    -DNRTMP_VERSION="$version"
    -DNRTMP_TLS="$tls"
    -DNATIVERTMP_PATCHES="$patches"
    -DRTMPDUMP_CACHE_DIR="$build_dir/rtmpdump-src"
    -DCMAKE_INSTALL_PREFIX="$out/$platform"
  )
  [ -n "$source_dir" ] && cmake_args+=(-DRTMPDUMP_SOURCE_DIR="$source_dir")
  # The host needs no toolchain file; a cross platform does.
  [ -z "$toolchain" ] || cmake_args+=(-DCMAKE_TOOLCHAIN_FILE="$toolchain")
  echo "build.sh: building $platform"
  mkdir -p "$build_dir"
  log="$build_dir/$platform.log"
  { cmake "${cmake_args[@]}" && cmake --build "$build_dir/$platform" --parallel 2 \
      && cmake --install "$build_dir/$platform"; } >"$log" 2>&1 \
    || { cat "$log" >&2; echo "build.sh: $platform failed (log: $log)" >&2; exit 1; }
  echo "build.sh: $platform -> $(cd "$out/$platform" && ls | tr '\n' ' ')"
done
