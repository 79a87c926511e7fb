#!/usr/bin/env bash
# Checks that the build is reproducible: the current commit, cloned twice into two different
# folders (of different path lengths) and built in each with
#
#   mvn -B -q package -DskipTests -Dnative.platforms=PLATFORMS
#
# must give byte-identical jars (every target/*.jar: the library, its -sources and -javadoc
# jars, the CLI jar, and any other artifact such as a testkit jar) and native libraries
# (target/native/*/*, also compared inside the library jar). On a mismatch diffoscope names
# the difference (Debian package diffoscope-minimal) and the check fails.
#
#   native/container/verify-reproducible.sh [--platforms all|host|NAME...] [--keep]
#
# --platforms  what native/build.sh builds in each clone (default: all)
# --keep       keep the two clones (by default they are removed after a success)
#
# It builds the commit, not uncommitted changes; in a source tree that is no git checkout it
# builds two copies of the tree instead (without target/ and dist/). Needs git, Maven, unzip,
# and what the native build needs (for all: bash native/container/ci-packages.sh build).
#
# The jars record each file's permission bits as the build made them, less group and other
# write: identical under umask 022 and 002 (the two builds run under those two), not under 077.
set -euo pipefail
NRTMP_SCRIPT=verify-reproducible
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$here/common.sh"

platforms=all
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --platforms) platforms=$2; shift 2 ;; --platforms=*) platforms=${1#*=}; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) nrtmp_die "unknown argument '$1'" ;;
  esac
done

nrtmp_need mvn maven
nrtmp_need unzip unzip
# A checkout owned by another user (a CI runner's, run as root) is still ours to read: trust
# it for these commands only (safe.directory on the command line, not in any config file; the
# clone's upload-pack gets it through --upload-pack, since git starts that one without it).
src_git=(git -c safe.directory="*" -C "$root")
if [ -e "$root/.git" ]; then
  nrtmp_need git git
  commit=$("${src_git[@]}" rev-parse HEAD)
  [ -z "$("${src_git[@]}" status --porcelain --untracked-files=no)" ] \
    || nrtmp_log "uncommitted changes in $root are not part of the check: it builds $commit"
else
  commit=""
  nrtmp_log "$root is no git checkout: building two copies of its tree"
fi
what=${commit:-"the source tree"}

work=$(mktemp -d "${TMPDIR:-/tmp}/nrtmp-repro.XXXXXX")
cleanup() { [ -n "$keep" ] || rm -rf "$work"; }
trap cleanup EXIT
# Two folders whose paths differ in length too, so that an embedded path changes offsets.
first="$work/1/native-rtmp"
second="$work/second-build/native-rtmp"

start=$SECONDS
for clone in "$first" "$second"; do
  if [ "$clone" = "$first" ]; then umask 022; else umask 002; fi
  if [ -n "$commit" ]; then
    git -c safe.directory="*" clone --quiet --upload-pack="git -c safe.directory='*' upload-pack" \
        "$root" "$clone"
    [ "$(git -C "$clone" rev-parse HEAD)" = "$commit" ] || nrtmp_die "the clone in $clone is not at $commit"
  else
    mkdir -p "$clone"
    tar -C "$root" --exclude=./target --exclude=./dist -c . | tar -C "$clone" -x
  fi
  nrtmp_log "building $what in $clone (-Dnative.platforms=$platforms, umask $(umask))"
  build_start=$SECONDS
  (cd "$clone" && mvn -B -q package -DskipTests -Dnative.platforms="$platforms") >"$clone.log" 2>&1 \
    || { tail -40 "$clone.log" >&2; keep=1; nrtmp_die "the build in $clone failed (log: $clone.log)"; }
  nrtmp_log "built in $((SECONDS - build_start)) s"
done

# What is compared: every jar, and every native library both in the folder and in the jar.
(cd "$first/target" && ls ./*.jar && find native -mindepth 2 -maxdepth 2 -type f | sort) | sed 's|^\./||' >"$work/files"
(cd "$second/target" && ls ./*.jar && find native -mindepth 2 -maxdepth 2 -type f | sort) | sed 's|^\./||' >"$work/files.second"
cmp -s "$work/files" "$work/files.second" \
  || { diff "$work/files" "$work/files.second" >&2 || true; keep=1; nrtmp_die "the two builds made different files"; }
grep -q '^native-rtmp\.jar$' "$work/files" || nrtmp_die "no native-rtmp.jar was built"
grep -q '^native/' "$work/files" || nrtmp_die "no native library was built"
for dir in "$first" "$second"; do
  mkdir -p "$dir.jar-natives"
  unzip -q -o "$dir/target/native-rtmp.jar" '*/libnativertmp.*' '*/nativertmp.dll' -d "$dir.jar-natives" 2>/dev/null || true
done
(cd "$first.jar-natives" && find . -type f | sed 's|^\./|native-rtmp.jar!/|' | sort) >>"$work/files"

differing=()
while read -r file; do
  case "$file" in
    native-rtmp.jar!/*) a="$first.jar-natives/${file#*!/}"; b="$second.jar-natives/${file#*!/}" ;;
    *) a="$first/target/$file"; b="$second/target/$file" ;;
  esac
  [ -f "$b" ] || { differing+=("$file"); echo "MISSING  $file (second build)"; continue; }
  sum_a=$(sha256sum <"$a" | cut -d' ' -f1)
  sum_b=$(sha256sum <"$b" | cut -d' ' -f1)
  if [ "$sum_a" = "$sum_b" ]; then
    echo "same     $sum_a  $file"
  else
    echo "DIFFERS  $sum_a / $sum_b  $file"
    differing+=("$file")
  fi
done <"$work/files"

if [ ${#differing[@]} -gt 0 ]; then
  keep=1
  nrtmp_log "${#differing[@]} file(s) differ; the clones stay in $work"
  nrtmp_need diffoscope diffoscope-minimal "names the difference"
  for file in "${differing[@]}"; do
    case "$file" in
      native-rtmp.jar!/*) continue ;;  # shown inside the jar's report
    esac
    echo "===== diffoscope $file"
    diffoscope --no-progress --text - "$first/target/$file" "$second/target/$file" | head -n 200 || true
  done
  nrtmp_die "NOT reproducible: ${differing[*]}"
fi
nrtmp_log "OK: $(wc -l <"$work/files") files identical in both builds of $what ($((SECONDS - start)) s)"
