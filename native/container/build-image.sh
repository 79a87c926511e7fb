#!/usr/bin/env bash
# Builds the Dockerfile at the repository root:
#
#   native/container/build-image.sh [--target jars|test|native|maven] [--output DIR] [ENGINE-ARGS...]
#
# --target jars (default) writes dist/native-rtmp.jar, dist/native-rtmp-cli.jar and dist/native-rtmp-testkit.jar (or DIR);
# --target test runs the test suite inside the container.
#
# With a Docker engine that answers, it runs 'docker build' on the default base image.
# Otherwise it uses Podman (rootful, runc; native/container/containers.conf): no image registry
# is needed, since the base image localhost/debian:bookworm is made here with
# 'debootstrap --variant=minbase' from the machine's own apt mirror (read from its apt source
# definitions) and 'podman import'ed; the build then gets --build-arg
# BASE_IMAGE=localhost/debian:bookworm.
# Maven's access is passed on as build secrets, never written into an image:
#   extra-ca        the CA certificates in /usr/local/share/ca-certificates (or
#                   $NRTMP_EXTRA_CA, a PEM file), for TLS-inspecting proxies
#   maven-settings  ~/.m2/settings.xml (or $NRTMP_MAVEN_SETTINGS), when there is one
set -euo pipefail
NRTMP_SCRIPT=build-image
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$here/common.sh"

target=jars
output=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target=$2; shift 2 ;; --target=*) target=${1#*=}; shift ;;
    --output|-o) output=$2; shift 2 ;; --output=*) output=${1#*=}; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) extra+=("$1"); shift ;;
  esac
done
[ "$target" != jars ] || output=${output:-$root/dist}

work=$(mktemp -d "${TMPDIR:-/tmp}/nrtmp-image.XXXXXX")
trap 'rm -rf "$work"' EXIT

secrets=()
extra_ca=${NRTMP_EXTRA_CA:-}
if [ -z "$extra_ca" ] && compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
  cat /usr/local/share/ca-certificates/*.crt > "$work/extra-ca.pem"
  extra_ca=$work/extra-ca.pem
fi
[ -z "$extra_ca" ] || secrets+=(--secret "id=extra-ca,src=$extra_ca")
settings=${NRTMP_MAVEN_SETTINGS:-$HOME/.m2/settings.xml}
[ ! -f "$settings" ] || secrets+=(--secret "id=maven-settings,src=$settings")

if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  engine=(docker build)
  [ -z "${NRTMP_BASE_IMAGE:-}" ] || engine+=(--build-arg "BASE_IMAGE=$NRTMP_BASE_IMAGE")
  nrtmp_log "using Docker"
else
  nrtmp_need podman podman "builds the image where no Docker engine runs"
  nrtmp_need runc runc "Podman's runtime here (native/container/containers.conf)"
  export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/containers.conf}
  base=${NRTMP_BASE_IMAGE:-localhost/debian:bookworm}
  if ! podman image exists "$base"; then
    [ "$(id -u)" = 0 ] || nrtmp_die "making the base image needs root (debootstrap)"
    start=$SECONDS
    nrtmp_make_rootfs amd64 "$work/rootfs"
    [ "$(dpkg --print-architecture)" = amd64 ] || nrtmp_die "the base image is made for amd64 only"
    tar -C "$work/rootfs" -c --exclude=./.nrtmp-complete . \
      | podman import --quiet --change 'CMD ["/bin/bash"]' - "$base" >/dev/null
    rm -rf "$work/rootfs"
    nrtmp_log "base image $base made in $((SECONDS - start)) s"
  fi
  # --network=host: RUN steps reach the package archives and Maven Central the way this
  # machine does (no bridge networking needed).
  engine=(podman build --pull=never --network=host --build-arg "BASE_IMAGE=$base")
  nrtmp_log "using Podman with base image $base"
fi

args=(--target "$target" "${secrets[@]}")
[ -z "$output" ] || args+=(--output "type=local,dest=$output")
start=$SECONDS
(cd "$root" && "${engine[@]}" "${args[@]}" "${extra[@]}" .)
nrtmp_log "target '$target' built in $((SECONDS - start)) s"
[ -z "$output" ] || ls -l "$output"
