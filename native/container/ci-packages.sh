#!/usr/bin/env bash
# Prints the Debian packages that the cross builds and native/container/verify-platforms.sh
# need, one per line, for CI to install:
#
#   apt-get install -y --no-install-recommends $(bash native/container/ci-packages.sh)
#
#   ci-packages.sh [build|verify|all]   (default: all)
#     build   cross compilers for native/build.sh all
#     verify  what verify-platforms.sh runs (Wine + nginx-rtmp, qemu + Podman + debootstrap)
set -euo pipefail

build=(
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross
  gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64
)
verify=(
  gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 wine64 nginx libnginx-mod-rtmp unzip
  libnginx-mod-stream openssl ffmpeg
  qemu-user-static binfmt-support debootstrap podman runc
)

case "${1:-all}" in
  build) printf '%s\n' "${build[@]}" ;;
  verify) printf '%s\n' "${verify[@]}" ;;
  all) printf '%s\n' "${build[@]}" "${verify[@]}" | awk '!seen[$0]++' ;;
  *) echo "usage: ci-packages.sh [build|verify|all]" >&2; exit 2 ;;
esac
