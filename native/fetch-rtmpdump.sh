#!/usr/bin/env bash
# Fetch Debian's rtmpdump source package into DEST without root and without touching the
# system's apt configuration: a private apt state lives under DEST/apt. The deb-src entries
# are derived from the machine's own apt source definitions, so no mirror is named here.
#
#   native/fetch-rtmpdump.sh DEST
#
# On success DEST/rtmpdump holds the unpacked tree with Debian's patches applied.
set -euo pipefail

readonly DEB_VERSION="2.4+20151223.gitfa8646d.1-2"
readonly ORIG_TARBALL="rtmpdump_2.4+20151223.gitfa8646d.1.orig.tar.gz"
readonly ORIG_SHA256="5c032f5c8cc2937eb55a81a94effdfed3b0a0304b6376147b86f951e225e3ab5"

dest=${1:?usage: fetch-rtmpdump.sh DEST}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)

die() { echo "fetch-rtmpdump: $*" >&2; exit 1; }

for tool in apt-get dpkg-source sha256sum; do
  command -v "$tool" >/dev/null || die "'$tool' not found: automatic fetch needs Debian/Ubuntu tools; pass -Drtmpdump.source=DIR (Maven) or -DRTMPDUMP_SOURCE_DIR=DIR (CMake) with an rtmpdump tree instead"
done

apt_dir="$dest/apt"
mkdir -p "$apt_dir/sources" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/download"

# deb822 files: turn every 'Types: deb' stanza into a deb-src one.
: > "$apt_dir/sources/private.sources"
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  sed -E 's/^Types:.*/Types: deb-src/' "$f" >> "$apt_dir/sources/private.sources"
  echo >> "$apt_dir/sources/private.sources"
done
# one-line format: 'deb [opts] URI suite comp...' -> 'deb-src ...'
: > "$apt_dir/sources/private.list"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [ -f "$f" ] || continue
  sed -nE 's/^[[:space:]]*deb([[:space:]])/deb-src\1/p' "$f" >> "$apt_dir/sources/private.list"
done
[ -s "$apt_dir/sources/private.sources" ] || [ -s "$apt_dir/sources/private.list" ] \
  || die "no apt source definitions found on this machine; pass -Drtmpdump.source=DIR"

apt_opts=(
  -o Dir::Etc::SourceList=/dev/null
  -o Dir::Etc::SourceParts="$apt_dir/sources"
  -o Dir::State::Lists="$apt_dir/lists"
  -o Dir::Cache="$apt_dir/cache"
  -o Debug::NoLocking=1
  -o APT::Sandbox::User="$(id -un)"
  -q
)
apt-get "${apt_opts[@]}" update >"$apt_dir/update.log" 2>&1 \
  || { tail -20 "$apt_dir/update.log" >&2; die "private 'apt-get update' failed"; }
(cd "$apt_dir/download" && apt-get "${apt_opts[@]}" source --download-only "rtmpdump=$DEB_VERSION") \
  >"$apt_dir/source.log" 2>&1 \
  || { tail -20 "$apt_dir/source.log" >&2; die "could not download rtmpdump=$DEB_VERSION from the machine's apt sources"; }

tarball="$apt_dir/download/$ORIG_TARBALL"
[ -f "$tarball" ] || die "$ORIG_TARBALL missing after download"
echo "$ORIG_SHA256  $tarball" | sha256sum -c --status \
  || die "SHA-256 mismatch for $ORIG_TARBALL (expected $ORIG_SHA256)"

rm -rf "$dest/rtmpdump"
dsc=$(ls "$apt_dir/download"/rtmpdump_*.dsc)
dpkg-source --no-check -x "$dsc" "$dest/rtmpdump" >"$apt_dir/unpack.log" 2>&1 \
  || { tail -20 "$apt_dir/unpack.log" >&2; die "dpkg-source -x failed"; }
cp "$tarball" "$dest/$ORIG_TARBALL"
echo "$ORIG_SHA256" > "$dest/rtmpdump.sha256"
echo "fetch-rtmpdump: rtmpdump $DEB_VERSION unpacked in $dest/rtmpdump"
