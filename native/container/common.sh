# Shared helpers for the scripts in native/container/ (sourced, not run).
# Nothing here names a package mirror: it is read from the machine's own apt source definitions.

nrtmp_die() { echo "${NRTMP_SCRIPT:-native-rtmp}: $*" >&2; exit 1; }
nrtmp_log() { echo "${NRTMP_SCRIPT:-native-rtmp}: $*" >&2; }

# nrtmp_need TOOL PACKAGE [WHAT]: fail with a clear message when TOOL is not on PATH
# (or, for an absolute path, not executable).
nrtmp_need() {
  local tool=$1 package=$2 what=${3:-}
  if [[ $tool == /* ]]; then [ -x "$tool" ] && return 0
  else command -v "$tool" >/dev/null 2>&1 && return 0; fi
  nrtmp_die "'$tool' not found${what:+ ($what)}: install the Debian package '$package' (the full list: bash native/container/ci-packages.sh)"
}

# The machine's Debian mirror for the main suite, from /etc/apt/sources.list.d/*.sources
# (deb822) or the one-line lists. Prints "URI SUITE".
nrtmp_host_mirror() {
  local f uri suites
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # First stanza with Types: deb whose suites hold a plain release name (no -security).
    awk '
      BEGIN { RS=""; FS="\n" }
      {
        types=""; uris=""; suites=""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^Types:/)  { sub(/^Types:[ \t]*/, "", $i);  types=$i }
          if ($i ~ /^URIs:/)   { sub(/^URIs:[ \t]*/, "", $i);   uris=$i }
          if ($i ~ /^Suites:/) { sub(/^Suites:[ \t]*/, "", $i); suites=$i }
        }
        if (types ~ /(^| )deb( |$)/ && uris != "") {
          n = split(suites, s, " ")
          for (j = 1; j <= n; j++) if (s[j] !~ /-(security|updates|backports)$/) {
            split(uris, u, " "); print u[1], s[j]; exit
          }
        }
      }' "$f" | grep . && return 0
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -nE 's/^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+)[[:space:]]+([^[:space:]-]+)[[:space:]].*/\2 \3/p' "$f" \
      | head -1 | grep . && return 0
  done
  return 1
}

# nrtmp_make_rootfs ARCH DIR [PACKAGE,...]: a minimal Debian root of the machine's release
# from the machine's own mirror, with the machine's apt sources and Acquire options copied in
# so that apt inside it reaches the same archive. Reuses DIR when it is complete.
nrtmp_make_rootfs() {
  local arch=$1 dir=$2 include=${3:-} mirror suite
  if [ -f "$dir/.nrtmp-complete" ] && [ "$(cat "$dir/.nrtmp-complete")" = "$arch $include" ]; then
    nrtmp_log "reusing the $arch root in $dir"
    return 0
  fi
  nrtmp_need debootstrap debootstrap
  read -r mirror suite < <(nrtmp_host_mirror) \
    || nrtmp_die "no Debian mirror found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
  rm -rf "$dir"
  mkdir -p "$dir"
  nrtmp_log "debootstrap --arch=$arch --variant=minbase $suite${include:+ (with $include)} into $dir"
  debootstrap --arch="$arch" --variant=minbase ${include:+--include="$include"} \
      "$suite" "$dir" "$mirror" >"$dir.debootstrap.log" 2>&1 \
    || { tail -30 "$dir.debootstrap.log" >&2; nrtmp_die "debootstrap failed (log: $dir.debootstrap.log)"; }
  # Same apt sources and the same Acquire options (validity checks, proxies) as the machine.
  rm -f "$dir/etc/apt/sources.list"
  mkdir -p "$dir/etc/apt/sources.list.d" "$dir/etc/apt/apt.conf.d"
  cp /etc/apt/sources.list.d/*.sources "$dir/etc/apt/sources.list.d/" 2>/dev/null || true
  [ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$dir/etc/apt/sources.list"
  apt-config dump 2>/dev/null | grep -E '^Acquire::(Check-Valid-Until|Check-Date|https?::Proxy) ' \
    > "$dir/etc/apt/apt.conf.d/90machine" || true
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*_Packages
  echo "$arch $include" > "$dir/.nrtmp-complete"
}

# Makes the kernel run aarch64 ELF files through qemu-user-static (binfmt_misc).
nrtmp_enable_aarch64_binfmt() {
  [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] && grep -q enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 && return 0
  nrtmp_need update-binfmts binfmt-support
  [ -e /usr/share/binfmts/qemu-aarch64 ] || nrtmp_die "no binfmt entry for qemu-aarch64: install the Debian package 'qemu-user-static'"
  if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc \
      || nrtmp_die "cannot mount binfmt_misc (needs root, or a host that has it mounted)"
  fi
  update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
  grep -q enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null \
    || nrtmp_die "could not enable qemu-aarch64 in binfmt_misc"
}
