#!/bin/sh
# Measures host-bridge watch in the lab (needs what .ci/run provides: root, dockerd, busybox-static,
# gcc): the host address's return after each of 20 VM restarts (p50/p95), the CPU an idle watcher
# uses over 60 s, and its peak resident memory. Prints the figures; asserts none.
#   scripts/bench-watch.sh [RESTARTS] [IDLE_SECONDS]
set -eu
cd "$(dirname "$0")/.."
restarts=${1:-20}
idle=${2:-60}
mvn -B -q -DskipTests install
mvn -B -pl bridge-it verify -Dit.test=WatchBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dhostbridge.bench=true \
  -Dhostbridge.bench.restarts="$restarts" -Dhostbridge.bench.idle="$idle" \
  | grep -E '^bench:|Tests run:|BUILD'
