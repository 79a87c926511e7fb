#!/usr/bin/env bash
# Prints the home of a JDK of 21 or later for what needs virtual threads while the build runs on
# 17 (the virtual-thread tests through .ci/run, native/bench/virtual-threads.sh):
# $NRTMP_JDK21_HOME when set, else the newest one under /usr/lib/jvm by its release file.
# Exits 1, printing nothing, when there is none.
set -euo pipefail
if [ -n "${NRTMP_JDK21_HOME:-}" ]; then
  echo "$NRTMP_JDK21_HOME"
  exit 0
fi
best=; best_feature=0
for home in /usr/lib/jvm/*/; do
  home=${home%/}
  [ -L "$home" ] || [ ! -x "$home/bin/java" ] || [ ! -f "$home/release" ] && continue
  feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  if [ "${feature:-0}" -ge 21 ] && [ "$feature" -gt "$best_feature" ]; then
    best=$home; best_feature=$feature
  fi
done
[ -n "$best" ] || exit 1
echo "$best"
