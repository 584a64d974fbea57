#!/bin/sh
# The tunnel strategy's data path, side by side in one run: HTTP download throughput from a
# container (on the default bridge of this machine's dockerd, which stands for the Docker VM) to a
# network namespace that stands for the Mac, through the tunnel, with (a) wireguard-go as the host's
# end and (b) host-bridge's own endpoint inside `host-bridge watch --strategy tunnel`, for each JDK
# given; the VM's end (wireguard-go in the helper container, as in the lab) and the path stay the
# same. Also the host end's CPU per GiB. Needs root, a running dockerd, curl, wireguard-go,
# wireguard-tools and busybox-static. Prints figures; asserts none.
#   scripts/bench-tunnel.sh [RUNS] [MIB] [JDK_HOME...]
set -eu
umask 077
cd "$(dirname "$0")/.."
runs=${1:-5}
mib=${2:-256}
shift 2 2>/dev/null || shift $#
jdks=${*:-/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64}
[ -f bridge-cli/target/host-bridge.jar ] || mvn -B -q -DskipTests package
ticks=$(getconf CLK_TCK)
image=$(sh bridge-it/src/test/resources/build-tunnel-image.sh | tail -n 1)
web_image=hostbridge-test/busybox:1
docker image inspect "$web_image" >/dev/null 2>&1 || sh bridge-it/src/test/resources/build-test-image.sh /bin/busybox "$web_image"

work=$(mktemp -d /tmp/hb-bench-tunnel.XXXXXX)
ns=hbbenchmac
web=hbbench-web
state="$work/state"
pids=""
settings="--strategy tunnel --tunnel-image $image --tunnel-listen 10.194.0.2 --tunnel-endpoint 10.194.0.2 --state-dir $state"
cleanup() {
  for p in $pids; do kill "$p" 2>/dev/null || true; done
  sleep 1
  # shellcheck disable=SC2086 # the settings are words
  ip netns exec $ns bin/host-bridge uninstall --yes $settings >/dev/null 2>&1 || true
  docker rm -f $web >/dev/null 2>&1 || true
  ip netns del $ns 2>/dev/null || true
  ip link del hbbta 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

ip netns add $ns
ip link add hbbta type veth peer name hbbtb
ip link set hbbtb netns $ns
ip addr add 10.194.0.1/30 dev hbbta
ip link set hbbta up
ip -n $ns addr add 10.194.0.2/30 dev hbbtb
ip -n $ns link set hbbtb up
ip -n $ns link set lo up
docker run -d --name $web "$web_image" sh -c \
  "mkdir -p /www && dd if=/dev/urandom of=/www/blob bs=1M count=$mib 2>/dev/null && exec httpd -f -p 80 -h /www" >/dev/null
ip=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' $web)
subnet=$(docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}' bridge)

cpu_of() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure LABEL PID: one warm-up, then RUNS downloads; median Mbit/s and the host end's CPU per GiB
measure() {
  ip netns exec $ns curl -s -o /dev/null -m 120 "http://$ip/blob"
  : > "$work/rates"
  before=$(cpu_of "$2")
  n=0
  while [ $n -lt "$runs" ]; do
    ip netns exec $ns curl -s -o /dev/null -m 120 -w '%{speed_download}\n' "http://$ip/blob" |
      awk '{ printf "%.1f\n", $1 * 8 / 1000000 }' >> "$work/rates"
    n=$((n + 1))
  done
  after=$(cpu_of "$2")
  cpu=$(echo "$before $after $ticks $runs $mib" | awk '{ printf "%.2f", ($2 - $1) / $3 / ($4 * $5 / 1024) }')
  echo "bench-tunnel: $1: container -> host Mbit/s median $(median < "$work/rates") ($(tr '\n' ' ' < "$work/rates" | sed 's/ $//')); host end CPU $cpu s/GiB"
}

# watch JDK: starts the watcher with that JDK and waits until the tunnel is up; prints its pid
watch() {
  # shellcheck disable=SC2086 # the settings are words
  JAVA_HOME=$1 ip netns exec $ns bin/host-bridge watch $settings > "$work/watch.log" 2>&1 &
  echo $!
  i=0
  until grep -q healthy "$work/watch.log" || [ $i -ge 1200 ]; do sleep 0.1; i=$((i + 1)); done
  grep -q healthy "$work/watch.log" || { cat "$work/watch.log" >&2; exit 1; }
}

for jdk in $jdks; do
  pid=$(watch "$jdk" | head -n 1)
  pids="$pids $pid"
  version=$("$jdk/bin/java" -version 2>&1 | head -n 1)
  measure "(b) host-bridge watch ($version)" "$pid"
  kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
done

# (a) the same path with wireguard-go as the host's end: the host's key and port, the VM as peer.
helper=$(docker ps -q --filter label=dev.hostbridge.tunnel=hbtun0 | head -n 1)
vm_key=$(docker exec "$helper" wg show hbtun0 public-key)
port=$(docker exec "$helper" wg show hbtun0 endpoints | awk '{ print $2 }' | sed 's/.*://')
WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD=1 ip netns exec $ns wireguard-go -f hbtun0 >/dev/null 2>&1 &
go=$!
pids="$pids $go"
i=0
while [ ! -S /var/run/wireguard/hbtun0.sock ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
ip netns exec $ns wg set hbtun0 private-key "$state/tunnel/host.key" listen-port "$port" peer "$vm_key" \
  allowed-ips "10.254.254.254/32,$subnet"
ip -n $ns addr add 10.254.254.253/30 dev hbtun0
ip -n $ns link set hbtun0 mtu 1420 up
ip -n $ns route add "$subnet" dev hbtun0
i=0
until ip netns exec $ns curl -s -o /dev/null -m 2 "http://$ip/" || [ $i -ge 60 ]; do sleep 0.5; i=$((i + 1)); done
measure "(a) wireguard-go" "$go"
