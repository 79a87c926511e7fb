#!/usr/bin/env bash
# Installs node-media-server, the Enhanced RTMP server the tests publish HEVC, AV1 and Opus to
# (EnhancedRtmpServerTest), from the npm registry with npm, into a cache folder of the build:
#   ${NRTMP_NODE_MEDIA_SERVER:-${XDG_CACHE_HOME:-$HOME/.cache}/native-rtmp/node-media-server-VERSION}
# which is where the tests look for it (support/NodeMediaServer.java). Nothing is installed
# globally and no install scripts run. The package's own tarball must have the integrity pinned
# here; its dependencies come as npm resolves them. Prints the folder. Needs Node.js 20+ and npm.
set -euo pipefail
version=4.4.3
integrity=sha512-b/p1NQv/OSWrVidnrnGHCbX2oDwjJ4wZquMVHD0AlNjDn8en2GCxSg1qeEVUNOJy0Pdj4hzC6LDL4XEkr30NTA==
dir=${NRTMP_NODE_MEDIA_SERVER:-${XDG_CACHE_HOME:-$HOME/.cache}/native-rtmp/node-media-server-$version}

installed_integrity() {
  [ -f "$dir/node_modules/.package-lock.json" ] || return 0
  node -e 'const p = require(process.argv[1]).packages["node_modules/node-media-server"] || {};
           console.log(p.version + " " + p.integrity)' "$dir/node_modules/.package-lock.json"
}

command -v node >/dev/null && command -v npm >/dev/null || {
  echo "install-node-media-server: node and npm are needed (Node.js 20 or later)" >&2; exit 2; }
if [ "$(installed_integrity)" != "$version $integrity" ]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --ignore-scripts \
    "node-media-server@$version" >&2
  if [ "$(installed_integrity)" != "$version $integrity" ]; then
    echo "install-node-media-server: node-media-server in $dir is not $version with $integrity" \
         "(got: $(installed_integrity))" >&2
    exit 1
  fi
fi
echo "$dir"
