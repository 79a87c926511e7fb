#!/usr/bin/env bash
# Fetch Debian's rtmpdump source package into DEST without root and without touching the
# system's apt configuration: a private apt state lives under DEST/apt. The deb-src entries
# are derived from the machine's own apt source definitions, so no mirror is named here.
#
#   native/fetch-rtmpdump.sh DEST
#
# What is fetched is pinned in native/rtmpdump.properties: the upstream snapshot and its orig
# tarball's SHA-256. Any source package revision whose orig tarball has that checksum is taken
# (Debian 12's -2 when offered, else the newest, e.g. Ubuntu's -2buildN); anything else fails.
# On success DEST/rtmpdump holds the unpacked tree with that revision's Debian patches applied.
#
# For tests: NRTMP_RTMPDUMP_PIN names another pin file, NRTMP_APT_ETC another folder to read
# sources.list and sources.list.d/ from (default /etc/apt).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
pin_file=${NRTMP_RTMPDUMP_PIN:-$here/rtmpdump.properties}
apt_etc=${NRTMP_APT_ETC:-/etc/apt}

die() { echo "fetch-rtmpdump: $*" >&2; exit 1; }
readonly SOURCE_HINT="pass -Drtmpdump.source=DIR (Maven) or -DRTMPDUMP_SOURCE_DIR=DIR (CMake) with an rtmpdump tree instead"

# pin KEY: the value of KEY in the pin file.
pin() {
  local value
  value=$(awk -F= -v key="$1" '$1 == key { print substr($0, length(key) + 2); exit }' "$pin_file")
  [ -n "$value" ] || die "$pin_file has no '$1=' line"
  echo "$value"
}

# matching_versions TARBALL SHA256: reads 'apt-cache showsrc' output, prints the version of every
# source package that lists TARBALL with checksum SHA256.
matching_versions() {
  awk -v tarball="$1" -v sha="$2" '
    /^Package: /                { version = ""; in_sums = 0 }
    /^Version: /                { version = $2 }
    /^Checksums-Sha256:/        { in_sums = 1; next }
    /^[^ ]/                     { in_sums = 0 }
    in_sums && $1 == sha && $3 == tarball && version != "" { print version }
  ' | sort -u
}

# pick_version PREFERRED: of the versions on stdin, PREFERRED when present, else the newest.
pick_version() {
  local preferred=$1 best="" v
  while read -r v; do
    [ "$v" = "$preferred" ] && { echo "$v"; return 0; }
    if [ -z "$best" ] || dpkg --compare-versions "$v" gt "$best"; then best=$v; fi
  done
  [ -n "$best" ] && echo "$best"
}

[ -f "$pin_file" ] || die "$pin_file not found"
VERSION=$(pin rtmpdump.version)
ORIG_SHA256=$(pin rtmpdump.orig.sha256)
PREFERRED="$VERSION-$(pin rtmpdump.debian.revision)"
ORIG_TARBALL="rtmpdump_$VERSION.orig.tar.gz"

dest=${1:?usage: fetch-rtmpdump.sh DEST}
for tool in apt-get apt-cache dpkg dpkg-source sha256sum; do
  command -v "$tool" >/dev/null \
    || die "'$tool' not found: the automatic fetch of rtmpdump $VERSION needs Debian/Ubuntu tools; $SOURCE_HINT"
done
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)

apt_dir="$dest/apt"
rm -rf "$apt_dir/download"
mkdir -p "$apt_dir/sources" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/download"

# deb822 files: turn every 'Types: deb' stanza into a deb-src one.
: > "$apt_dir/sources/private.sources"
for f in "$apt_etc"/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  sed -E 's/^Types:.*/Types: deb-src/' "$f" >> "$apt_dir/sources/private.sources"
  echo >> "$apt_dir/sources/private.sources"
done
# one-line format: 'deb [opts] URI suite comp...' -> 'deb-src ...'
: > "$apt_dir/sources/private.list"
for f in "$apt_etc"/sources.list "$apt_etc"/sources.list.d/*.list; do
  [ -f "$f" ] || continue
  sed -nE 's/^[[:space:]]*deb([[:space:]])/deb-src\1/p' "$f" >> "$apt_dir/sources/private.list"
done
[ -s "$apt_dir/sources/private.sources" ] || [ -s "$apt_dir/sources/private.list" ] \
  || die "no apt source definitions found in $apt_etc; $SOURCE_HINT"

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

apt-cache "${apt_opts[@]}" showsrc rtmpdump >"$apt_dir/showsrc.txt" 2>/dev/null || true
chosen=$(matching_versions "$ORIG_TARBALL" "$ORIG_SHA256" <"$apt_dir/showsrc.txt" | pick_version "$PREFERRED") || {
  offered=$(awk '/^Version: / { printf "%s%s", sep, $2; sep = ", " }' "$apt_dir/showsrc.txt")
  die "this machine's apt sources offer no rtmpdump source package with $ORIG_TARBALL of SHA-256 $ORIG_SHA256 (pinned in $pin_file); offered: ${offered:-none}; $SOURCE_HINT"
}
[ "$chosen" = "$PREFERRED" ] \
  || echo "fetch-rtmpdump: $PREFERRED is not offered here; taking $chosen, whose orig tarball is the pinned one (its own Debian patches apply)"

(cd "$apt_dir/download" && apt-get "${apt_opts[@]}" source --download-only "rtmpdump=$chosen") \
  >"$apt_dir/source.log" 2>&1 \
  || { tail -20 "$apt_dir/source.log" >&2; die "could not download rtmpdump=$chosen from the machine's apt sources"; }

tarball="$apt_dir/download/$ORIG_TARBALL"
[ -f "$tarball" ] || die "$ORIG_TARBALL missing after download"
echo "$ORIG_SHA256  $tarball" | sha256sum -c --status \
  || die "SHA-256 mismatch for the downloaded $ORIG_TARBALL (expected $ORIG_SHA256)"

rm -rf "$dest/rtmpdump"
dsc="$apt_dir/download/rtmpdump_${chosen#*:}.dsc"
dpkg-source --no-check -x "$dsc" "$dest/rtmpdump" >"$apt_dir/unpack.log" 2>&1 \
  || { tail -20 "$apt_dir/unpack.log" >&2; die "dpkg-source -x failed"; }
cp "$tarball" "$dest/$ORIG_TARBALL"
echo "$ORIG_SHA256" > "$dest/rtmpdump.sha256"
echo "fetch-rtmpdump: rtmpdump $chosen unpacked in $dest/rtmpdump"
