#!/bin/sh
# Start-up of the command, whole-process wall time, median of RUNS (default 11): `--version`, and
# `status` answered by a running watcher, from the checkout (bin/host-bridge) and from the release
# archive unpacked as a package manager would (a prefix without spaces) and into a directory with
# spaces in its name, each run through a symbolic link; beside
# them `docker network inspect bridge` as a yardstick. Needs dockerd (as .ci/run starts it); the
# watcher runs with the tap strategy in a scratch state directory and changes nothing (its steps
# wait for an install that never comes). Prints the figures; asserts none.
#   scripts/bench-startup.sh [RUNS]
set -eu
cd "$(dirname "$0")/.."
runs=${1:-11}
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
archive=bridge-cli/target/host-bridge-$version.tar.gz
[ -f "$archive" ] || mvn -B -q -DskipTests install
work=$(mktemp -d)
watcher=
trap '[ -z "$watcher" ] || kill "$watcher" 2>/dev/null; rm -rf "$work"' EXIT
# unpack PREFIX: the release unpacked under PREFIX, its command linked from PREFIX/bin, and the
# class-data-sharing archive its first run makes there awaited; prints the link.
unpack() {
  mkdir -p "$1/bin"
  tar -xzf "$archive" -C "$1"
  ln -s "$1/host-bridge-$version/bin/host-bridge" "$1/bin/host-bridge"
  key="$1/host-bridge-$version/lib/host-bridge.jsa.key"
  shipped=$(cat "$key")
  "$1/bin/host-bridge" --version >/dev/null
  i=0
  while [ "$(cat "$key")" = "$shipped" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
  printf '%s\n' "$1/bin/host-bridge"
}
installed=$(unpack "$work/prefix")
spaced=$(unpack "$work/with spaces")

state=$work/state
bin/host-bridge watch --strategy tap --state-dir "$state" >"$work/watch.log" 2>&1 &
watcher=$!
i=0
until bin/host-bridge status --json --state-dir "$state" 2>/dev/null | grep -q '"answeredBy":"watcher"'; do
  i=$((i + 1))
  [ $i -lt 120 ] || { echo "bench: the watcher did not answer; its log:" >&2; cat "$work/watch.log" >&2; exit 1; }
  sleep 0.5
done

median() {
  sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
measure() {
  label=$1
  shift
  n=0
  while [ $n -lt "$runs" ]; do
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", e - s }'
    n=$((n + 1))
  done | median | awk -v l="$label" -v r="$runs" '{ printf "bench: %-52s %s s (median of %d)\n", l, $1, r }'
}
echo "bench: $(java -version 2>&1 | head -n 1), $(nproc) cores"
measure "docker network inspect bridge" docker network inspect bridge
measure "checkout: bin/host-bridge --version" bin/host-bridge --version
measure "installed: --version" "$installed" --version
measure "installed, spaces in its path: --version" "$spaced" --version
measure "checkout: bin/host-bridge status (watcher)" bin/host-bridge status --state-dir "$state"
measure "installed: status (watcher)" "$installed" status --state-dir "$state"
measure "installed, spaces in its path: status (watcher)" "$spaced" status --state-dir "$state"
