#!/bin/sh
# host-bridge: the VM side of the WireGuard tunnel. Runs in a helper container started with
# --net=host --cap-add NET_ADMIN (never --privileged), so that what it makes is the VM's own.
#
# HB_ACTION=up   makes (or keeps) the WireGuard interface HB_IF: its private key is made here and
#                never leaves the VM; its peer is the host (HB_HOST_KEY), reached at HB_ENDPOINT
#                (an IPv4 address or a host name, resolved to IPv4) port HB_PORT, kept alive every
#                HB_KEEPALIVE seconds; its address HB_VM_ADDRESS with HB_HOST_ADDRESS at the other
#                end; and the firewall rules routed traffic needs, each added only when absent and
#                marked as host-bridge's. Kernel WireGuard when the kernel has it; otherwise
#                wireguard-go, and then this script stays in the foreground as long as it runs.
#                HB_NAT_BRIDGES lists bridges (of --internal networks) whose containers have no
#                route back: traffic from the host into them is masqueraded. HB_MACVLANS lists
#                macvlan networks as parent=subnet=address: a macvlan child cannot talk to its
#                parent, so each gets a sibling, hbmvN, with that address, and traffic from the host
#                into it is masqueraded (the network's gateway need not exist).
# HB_ACTION=down removes host-bridge's rules, the macvlan siblings and the interface.
# HB_ACTION=forward (--route-all with the tap; no WireGuard) gives the VM's tap NIC HB_IF the
#                address HB_ADDRESS (address/prefix), removes HB_REMOVE_ADDRESSES (its earlier ones)
#                from it, and adds the firewall rules that let traffic from and to HB_IF through
#                Docker's, each only when absent; traffic from the host (HB_HOST_ADDRESS) into the
#                bridges HB_NAT_BRIDGES is masqueraded, as for the tunnel.
# HB_ACTION=unforward removes those rules and, when given, HB_ADDRESS from HB_IF; the NIC stays.
# HB_ACTION=probe says what the VM offers the tunnel (kernel WireGuard, found by making and at once
# removing an interface hbprobe0; wireguard-go; the firewall; HB_ENDPOINT resolved), changing nothing else.
#
# Every value is checked here again, whoever started the script. It prints key=value lines:
# public_key, mode (kernel or wireguard-go), firewall (iptables-legacy, iptables-nft or none),
# endpoint, rule (one per rule added), then ready=1; or error=... and exits 1.
set -eu

say() { printf '%s=%s\n' "$1" "$2"; }
fail() { say error "$*"; exit 1; }

need() {
  eval "value=\${$1:-}"
  [ -n "$value" ] || fail "$1 is not set"
}

is_ipv4() {
  case $1 in
    *[!0-9.]* | .* | *. | *..* | '') return 1 ;;
  esac
  old_ifs=$IFS
  IFS=.
  # shellcheck disable=SC2086
  set -- $1
  IFS=$old_ifs
  [ $# -eq 4 ] || return 1
  for octet in "$@"; do
    [ ${#octet} -le 3 ] && [ "$octet" -le 255 ] || return 1
  done
}

is_name() {
  case $1 in
    *[!A-Za-z0-9.-]* | '' | -* | .*) return 1 ;;
  esac
  [ ${#1} -le 253 ]
}

is_interface() {
  case $1 in
    [a-z]*) ;;
    *) return 1 ;;
  esac
  case $1 in
    *[!a-z0-9_-]*) return 1 ;;
  esac
  [ ${#1} -le 15 ]
}

is_number() {
  case $1 in
    *[!0-9]* | '') return 1 ;;
  esac
  [ ${#1} -le 5 ] && [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]
}

is_cidr() {
  prefix=${1#*/}
  [ "$prefix" != "$1" ] && is_ipv4 "${1%/*}" && is_number "$prefix" 8 30
}

is_key() {
  case $1 in
    *[!A-Za-z0-9+/=]*) return 1 ;;
  esac
  [ ${#1} -eq 44 ] && case $1 in *=) ;; *) false ;; esac
}

# iproute2's ip by its path: in a busybox shell a bare "ip" runs busybox's own applet, which lacks
# "type wireguard" and "peer". A link to busybox does not count.
IP=ip
for candidate in /usr/sbin/ip /sbin/ip /usr/bin/ip /bin/ip; do
  case $(readlink "$candidate" 2>/dev/null || true) in
    *busybox) continue ;;
  esac
  if [ -x "$candidate" ]; then
    IP=$candidate
    break
  fi
done

need HB_ACTION
need HB_IF
is_interface "$HB_IF" || fail "HB_IF is not an interface name (a to z, digits, _ and -, at most 15)"
COMMENT="host-bridge:$HB_IF"

# The iptables that holds Docker's chains (legacy or nft); none when Docker keeps no DOCKER-USER chain.
firewall() {
  for ipt in iptables-legacy iptables-nft iptables; do
    if command -v "$ipt" >/dev/null 2>&1 && "$ipt" -w -t filter -S DOCKER-USER >/dev/null 2>&1; then
      echo "$ipt"
      return
    fi
  done
  echo none
}

# rule TABLE CHAIN SPEC...: inserts the rule at the top of CHAIN unless it is there already.
rule() {
  table=$1
  chain=$2
  shift 2
  if ! "$IPT" -w -t "$table" -C "$chain" "$@" -m comment --comment "$COMMENT" 2>/dev/null; then
    "$IPT" -w -t "$table" -I "$chain" 1 "$@" -m comment --comment "$COMMENT" || fail "cannot add to $table $chain: $*"
    say rule "$table $chain $*"
  fi
}

# unrule TABLE CHAIN: removes, by number, every rule of CHAIN that carries host-bridge's comment for this interface.
unrule() {
  while number=$("$IPT" -w -t "$1" -L "$2" --line-numbers -n 2>/dev/null |
      awk -v mark="/* $COMMENT */" 'index($0, mark) { print $1; exit }') && [ -n "$number" ]; do
    "$IPT" -w -t "$1" -D "$2" "$number" || break
  done
}

# Removes the macvlan siblings host-bridge made (hbmv0, hbmv1, ...).
siblings() {
  for sibling in $("$IP" -o link show 2>/dev/null | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | grep '^hbmv[0-9][0-9]*$'); do
    "$IP" link del dev "$sibling" 2>/dev/null || true
  done
}

resolve() {
  if is_ipv4 "$1"; then
    echo "$1"
    return
  fi
  found=$(getent ahostsv4 "$1" 2>/dev/null | awk 'NR == 1 { print $1 }') || found=
  if [ -z "$found" ] && command -v nslookup >/dev/null 2>&1; then
    found=$(nslookup -type=a "$1" 2>/dev/null | awk '/^Address: / { print $2 }' | grep -v ':' | head -n 1) || found=
  fi
  is_ipv4 "${found:-x}" || fail "cannot resolve $1 to an IPv4 address"
  echo "$found"
}

case $HB_ACTION in
  probe)
    if "$IP" link add dev hbprobe0 type wireguard 2>/dev/null; then
      "$IP" link del dev hbprobe0
      say kernel_wireguard yes
    else
      say kernel_wireguard no
    fi
    if command -v wireguard-go >/dev/null 2>&1; then say wireguard_go yes; else say wireguard_go no; fi
    say firewall "$(firewall)"
    if [ -n "${HB_ENDPOINT:-}" ] && { is_ipv4 "$HB_ENDPOINT" || is_name "$HB_ENDPOINT"; }; then
      if found=$(resolve "$HB_ENDPOINT"); then say endpoint "$found"; else say endpoint unresolved; fi
    fi
    say ready 1
    exit 0
    ;;
  down)
    IPT=$(firewall)
    if [ "$IPT" != none ]; then
      unrule raw PREROUTING
      unrule filter DOCKER-USER
      unrule nat POSTROUTING
    fi
    siblings
    "$IP" link del dev "$HB_IF" 2>/dev/null || true
    say ready 1
    exit 0
    ;;
  forward)
    need HB_ADDRESS
    need HB_HOST_ADDRESS
    is_cidr "$HB_ADDRESS" || fail "HB_ADDRESS is not an IPv4 address with a prefix of 8 to 30"
    is_ipv4 "$HB_HOST_ADDRESS" || fail "HB_HOST_ADDRESS is not an IPv4 address"
    for old in ${HB_REMOVE_ADDRESSES:-}; do
      is_cidr "$old" || fail "HB_REMOVE_ADDRESSES: $old is not an IPv4 address with a prefix"
    done
    for bridge in ${HB_NAT_BRIDGES:-}; do
      is_interface "$bridge" || fail "HB_NAT_BRIDGES: $bridge is not an interface name"
    done
    "$IP" link show dev "$HB_IF" >/dev/null 2>&1 || fail "the VM has no interface $HB_IF"
    for old in ${HB_REMOVE_ADDRESSES:-}; do
      [ "$old" = "$HB_ADDRESS" ] || "$IP" address del "$old" dev "$HB_IF" 2>/dev/null || true
    done
    "$IP" address replace "$HB_ADDRESS" dev "$HB_IF" || fail "cannot give $HB_IF the address $HB_ADDRESS"
    # (busybox's read returns 1 on this file though it reads the value: cat it.)
    forwarding=$(cat /proc/sys/net/ipv4/ip_forward 2>/dev/null) || forwarding=0
    say forwarding "$forwarding"
    [ "$forwarding" = 1 ] || fail "the VM does not forward IPv4 (net.ipv4.ip_forward is $forwarding; Docker turns it on)"
    IPT=$(firewall)
    say firewall "$IPT"
    if [ "$IPT" != none ]; then
      rule raw PREROUTING -i "$HB_IF" -j ACCEPT
      rule filter DOCKER-USER -o "$HB_IF" -j ACCEPT
      rule filter DOCKER-USER -i "$HB_IF" -j ACCEPT
      # The bridges to masquerade into may have changed since the last run: those rules are made afresh.
      unrule nat POSTROUTING
      for bridge in ${HB_NAT_BRIDGES:-}; do
        rule nat POSTROUTING -s "$HB_HOST_ADDRESS" -o "$bridge" -j MASQUERADE
      done
    fi
    say ready 1
    exit 0
    ;;
  unforward)
    if [ -n "${HB_ADDRESS:-}" ]; then
      is_cidr "$HB_ADDRESS" || fail "HB_ADDRESS is not an IPv4 address with a prefix of 8 to 30"
    fi
    IPT=$(firewall)
    if [ "$IPT" != none ]; then
      unrule raw PREROUTING
      unrule filter DOCKER-USER
      unrule nat POSTROUTING
    fi
    if [ -n "${HB_ADDRESS:-}" ]; then
      "$IP" address del "$HB_ADDRESS" dev "$HB_IF" 2>/dev/null || true
    fi
    say ready 1
    exit 0
    ;;
  up) ;;
  *) fail "HB_ACTION is up, down, forward, unforward or probe, not $HB_ACTION" ;;
esac

for variable in HB_VM_ADDRESS HB_HOST_ADDRESS HB_HOST_KEY HB_ENDPOINT HB_PORT HB_KEEPALIVE; do need "$variable"; done
is_ipv4 "$HB_VM_ADDRESS" || fail "HB_VM_ADDRESS is not an IPv4 address"
is_ipv4 "$HB_HOST_ADDRESS" || fail "HB_HOST_ADDRESS is not an IPv4 address"
is_key "$HB_HOST_KEY" || fail "HB_HOST_KEY is not a WireGuard key (44 characters of base64)"
is_ipv4 "$HB_ENDPOINT" || is_name "$HB_ENDPOINT" || fail "HB_ENDPOINT is neither an IPv4 address nor a host name"
is_number "$HB_PORT" 1 65535 || fail "HB_PORT is not a port (1 to 65535)"
is_number "$HB_KEEPALIVE" 1 65535 || fail "HB_KEEPALIVE is not a number of seconds (1 to 65535)"
for bridge in ${HB_NAT_BRIDGES:-}; do
  is_interface "$bridge" || fail "HB_NAT_BRIDGES: $bridge is not an interface name"
done
for macvlan in ${HB_MACVLANS:-}; do
  parent=${macvlan%%=*}
  rest=${macvlan#*=}
  subnet=${rest%%=*}
  address=${rest#*=}
  case $parent in
    *[!A-Za-z0-9_.-]* | '' | [!A-Za-z0-9]*) fail "HB_MACVLANS: $macvlan has no parent interface name" ;;
  esac
  [ ${#parent} -le 15 ] || fail "HB_MACVLANS: $macvlan has no parent interface name"
  prefix=${subnet#*/}
  if ! is_ipv4 "${subnet%/*}" || ! is_number "$prefix" 8 30; then
    fail "HB_MACVLANS: $macvlan has no subnet"
  fi
  is_ipv4 "$address" || fail "HB_MACVLANS: $macvlan has no address"
done

endpoint=$(resolve "$HB_ENDPOINT")
mode=kernel
waiter=
if "$IP" link show dev "$HB_IF" >/dev/null 2>&1; then
  # made by an earlier run: kernel WireGuard, or the TUN of a wireguard-go that earlier run still keeps
  "$IP" -d link show dev "$HB_IF" | grep -q 'wireguard' || mode=wireguard-go
else
  if ! "$IP" link add dev "$HB_IF" type wireguard 2>/dev/null; then
    command -v wireguard-go >/dev/null 2>&1 || fail "the kernel has no WireGuard and the image has no wireguard-go"
    # A container has no /dev/net/tun unless given one; Docker's device rules let it be made.
    if [ ! -c /dev/net/tun ]; then
      { mkdir -p /dev/net && mknod /dev/net/tun c 10 200; } 2>/dev/null || :
    fi
    WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD=1 wireguard-go -f "$HB_IF" >/dev/null 2>&1 &
    waiter=$!
    tries=0
    until wg show "$HB_IF" >/dev/null 2>&1; do
      tries=$((tries + 1))
      [ $tries -le 50 ] || fail "wireguard-go did not make $HB_IF"
      kill -0 "$waiter" 2>/dev/null || fail "wireguard-go stopped before making $HB_IF"
      sleep 0.1
    done
    mode=wireguard-go
  fi
fi

# A key made here, once: an interface that is there already keeps its own.
if [ "$(wg show "$HB_IF" private-key 2>/dev/null || echo '(none)')" = "(none)" ]; then
  umask 077
  keyfile=$(mktemp)
  wg genkey >"$keyfile"
  wg set "$HB_IF" private-key "$keyfile"
  rm -f "$keyfile"
fi
for peer in $(wg show "$HB_IF" peers); do
  [ "$peer" = "$HB_HOST_KEY" ] || wg set "$HB_IF" peer "$peer" remove
done
wg set "$HB_IF" peer "$HB_HOST_KEY" endpoint "$endpoint:$HB_PORT" persistent-keepalive "$HB_KEEPALIVE" \
  allowed-ips "$HB_HOST_ADDRESS/32"
"$IP" address replace "$HB_VM_ADDRESS" peer "$HB_HOST_ADDRESS" dev "$HB_IF"
"$IP" link set dev "$HB_IF" up

IPT=$(firewall)
say public_key "$(wg show "$HB_IF" public-key)"
say mode "$mode"
say firewall "$IPT"
say endpoint "$endpoint:$HB_PORT"
if [ "$IPT" != none ]; then
  rule raw PREROUTING -i "$HB_IF" -j ACCEPT
  rule filter DOCKER-USER -o "$HB_IF" -j ACCEPT
  rule filter DOCKER-USER -i "$HB_IF" -j ACCEPT
  for bridge in ${HB_NAT_BRIDGES:-}; do
    rule nat POSTROUTING -s "$HB_HOST_ADDRESS" -o "$bridge" -j MASQUERADE
  done
fi
# The macvlan siblings, made afresh: the networks may have changed since the last run. (A rule
# left for a sibling that is not made again names no interface, and goes with down.)
siblings
index=0
for macvlan in ${HB_MACVLANS:-}; do
  parent=${macvlan%%=*}
  rest=${macvlan#*=}
  subnet=${rest%%=*}
  address=${rest#*=}
  sibling=hbmv$index
  index=$((index + 1))
  "$IP" link add link "$parent" name "$sibling" type macvlan mode bridge || fail "cannot make $sibling on $parent"
  "$IP" address add "$address/${subnet#*/}" dev "$sibling"
  "$IP" link set dev "$sibling" up
  say macvlan "$sibling $parent $subnet $address"
  if [ "$IPT" != none ]; then
    rule nat POSTROUTING -s "$HB_HOST_ADDRESS" -o "$sibling" -j MASQUERADE
  fi
done
say ready 1
if [ -n "$waiter" ]; then
  # wireguard-go lives as long as this container: stop with the container, or when the interface goes.
  trap 'kill "$waiter" 2>/dev/null' TERM INT
  wait "$waiter" || true
fi
