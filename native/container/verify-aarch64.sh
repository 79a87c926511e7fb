#!/usr/bin/env bash
# Proves the packed linux-aarch64 library works: the cli jar runs on an arm64 Debian with
# its own arm64 JDK, emulated by qemu-user-static through binfmt_misc, inside Podman.
#
#   native/container/verify-aarch64.sh [--jar target/native-rtmp-cli.jar] [SUBCOMMAND ...]
#
# Each SUBCOMMAND (default: version) runs as 'java -jar native-rtmp-cli.jar SUBCOMMAND' and
# must exit 0; 'version' must also report the platform linux-aarch64.
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
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar=$2; shift 2 ;; --jar=*) jar=${1#*=}; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
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
  echo "== linux-aarch64: java -jar $(basename "$jar") $command"
  start=$SECONDS
  set +e
  output=$(podman run --rm --arch arm64 --network=none -v "$jar:/opt/native-rtmp-cli.jar:ro" "$image" \
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
[ $failed -eq 0 ] || exit 1
echo "verify-aarch64: OK"
