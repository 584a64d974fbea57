#!/bin/sh
# Side by side in one run: TCP throughput and round-trip time between two network namespaces joined
# by a veth, through (a) wireguard-go on both ends, and (b) `host-bridge wireguard up` on one end
# with wireguard-go on the other, for each JDK given. Also the CPU the A end used per GiB moved and
# while idle. Needs root, wireguard-go, wireguard-tools and busybox-static. Prints figures; asserts none.
#   scripts/bench-wireguard.sh [RUNS] [MIB] [JDK_HOME...]
set -eu
umask 077
cd "$(dirname "$0")/.."
runs=${1:-5}
mib=${2:-256}
shift 2 2>/dev/null || shift $#
jdks=${*:-/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64}
[ -f bridge-cli/target/host-bridge.jar ] || mvn -B -q -DskipTests package
ticks=$(getconf CLK_TCK)

work=$(mktemp -d /dev/shm/hb-bench.XXXXXX)
A=hbbenchA
B=hbbenchB
pids=""
cleanup() {
  for p in $pids; do kill "$p" 2>/dev/null || true; done
  sleep 1
  ip netns del $A 2>/dev/null || true
  ip netns del $B 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

ip netns add $A
ip netns add $B
ip link add hbbva netns $A type veth peer name hbbvb netns $B
ip -n $A addr add 10.197.0.1/30 dev hbbva
ip -n $B addr add 10.197.0.2/30 dev hbbvb
for ns in $A $B; do ip -n $ns link set lo up; done
ip -n $A link set hbbva up
ip -n $B link set hbbvb up

wg genkey > "$work/a.key"
wg genkey > "$work/b.key"
pub_a=$(wg pubkey < "$work/a.key")
pub_b=$(wg pubkey < "$work/b.key")
mkdir "$work/www"
dd if=/dev/urandom of="$work/www/blob" bs=1M count="$mib" status=none
chmod 755 "$work" "$work/www"
chmod 644 "$work/www/blob"
ip netns exec $B busybox httpd -f -p 8080 -h "$work/www" & pids="$pids $!"
ip netns exec $A busybox httpd -f -p 8080 -h "$work/www" & pids="$pids $!"

# wireguard-go NS IFACE KEYFILE LISTEN ADDRESS PEER ENDPOINT: starts it and prints its pid
wireguard_go() {
  WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD=1 ip netns exec "$1" wireguard-go -f "$2" >/dev/null 2>&1 &
  echo $!
  i=0
  while [ ! -S "/var/run/wireguard/$2.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  ip netns exec "$1" wg set "$2" private-key "$3" listen-port "$4" peer "$6" allowed-ips 10.196.0.0/24 endpoint "$7"
  ip -n "$1" addr add "$5" dev "$2"
  ip -n "$1" link set "$2" mtu 1420 up
}

cpu_of() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# transfers FROM TO PEER: one warm-up, then RUNS timed downloads by FROM's namespace from TO's; rates in $work/rates
transfers() {
  ip netns exec "$1" busybox wget -q -O /dev/null "http://$3:8080/blob"
  : > "$work/rates"
  n=0
  while [ $n -lt "$runs" ]; do
    t0=$(date +%s.%N)
    ip netns exec "$1" busybox wget -q -O /dev/null "http://$3:8080/blob"
    t1=$(date +%s.%N)
    echo "$mib $t0 $t1" | awk '{ printf "%.1f\n", $1 * 8 * 1.048576 / ($3 - $2) }' >> "$work/rates"
    n=$((n + 1))
  done
}

# measure LABEL PID: RTT, throughput both ways, the A end's CPU per GiB and while idle
measure() {
  ip netns exec $A busybox ping -c 3 -W 2 -q 10.196.0.2 >/dev/null 2>&1 || true
  rtt=$(ip netns exec $A busybox ping -c 20 -i 0.2 -q 10.196.0.2 | sed -n 's|.*= [0-9.]*/\([0-9.]*\)/.*|\1|p')
  before=$(cpu_of "$2")
  transfers $A $B 10.196.0.2
  to_a="$(median < "$work/rates") ($(tr '\n' ' ' < "$work/rates" | sed 's/ $//'))"
  transfers $B $A 10.196.0.1
  to_b="$(median < "$work/rates") ($(tr '\n' ' ' < "$work/rates" | sed 's/ $//'))"
  after=$(cpu_of "$2")
  cpu=$(echo "$before $after $ticks $runs $mib" | awk '{ printf "%.2f", ($2 - $1) / $3 / (2 * ($4 + 1) * $5 / 1024) }')
  sleep 2
  idle0=$(cpu_of "$2")
  sleep 10
  idle1=$(cpu_of "$2")
  idle=$(echo "$idle0 $idle1 $ticks" | awk '{ printf "%.2f", ($2 - $1) / $3 / 10 * 100 }')
  echo "bench: $1: Mbit/s median (runs) B->A $to_a, A->B $to_b; RTT avg $rtt ms; A end CPU $cpu s/GiB; idle CPU $idle %"
}

go_b=$(wireguard_go $B hbbwb "$work/b.key" 51902 10.196.0.2/24 "$pub_a" 10.197.0.1:51901 | head -1)
pids="$pids $go_b"
go_a=$(wireguard_go $A hbbwa "$work/a.key" 51901 10.196.0.1/24 "$pub_b" 10.197.0.2:51902 | head -1)
pids="$pids $go_a"
measure "(a) wireguard-go <-> wireguard-go" "$go_a"
kill "$go_a"
while ip -n $A link show hbbwa >/dev/null 2>&1; do sleep 0.1; done

cat > "$work/hbbwa.conf" <<CONF
[Interface]
PrivateKey = $(cat "$work/a.key")
ListenPort = 51901
Address = 10.196.0.1/24
MTU = 1420
[Peer]
PublicKey = $pub_b
AllowedIPs = 10.196.0.2/32
Endpoint = 10.197.0.2:51902
CONF
for jdk in $jdks; do
  JAVA_HOME=$jdk ip netns exec $A bin/host-bridge wireguard up --config "$work/hbbwa.conf" > "$work/up.log" 2>&1 &
  up=$!
  pids="$pids $up"
  i=0
  while ! grep -q 'listening' "$work/up.log" && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
  version=$("$jdk/bin/java" -version 2>&1 | head -1)
  measure "(b) host-bridge ($version) <-> wireguard-go" "$up"
  kill "$up"
  wait "$up" 2>/dev/null || true
done
