#!/bin/sh
# Builds the image for the VM side of the WireGuard tunnel lab from this Debian machine's own
# binaries (no registry needed): build-tunnel-image.sh [NAME]
# The root file system holds busybox-static (/bin/sh and its applets), ip, wg, wireguard-go, getent,
# iptables (nft and legacy, with their xtables modules) and every shared library they load, at the
# host's paths. Prints the image reference NAME:<hash of the content>; an image that already has
# that tag is reused.
set -eu
name=${1:-host-bridge-tunnel-lab}

missing=
dpkg -s busybox-static >/dev/null 2>&1 || missing="$missing busybox-static"
command -v ip >/dev/null 2>&1 || missing="$missing iproute2"
command -v wg >/dev/null 2>&1 || missing="$missing wireguard-tools"
command -v wireguard-go >/dev/null 2>&1 || missing="$missing wireguard-go"
command -v xtables-nft-multi >/dev/null 2>&1 && command -v xtables-legacy-multi >/dev/null 2>&1 \
  || missing="$missing iptables"
if [ -n "$missing" ]; then
  echo "build-tunnel-image: installing$missing" >&2
  apt-get update -qq >&2
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
chmod 755 "$root"
# Debian's merged /usr, so that a path the host uses (/lib/... or /usr/lib/...) works in the image too.
mkdir -p "$root/usr/bin" "$root/usr/sbin" "$root/usr/lib" "$root/usr/lib64" \
  "$root/proc" "$root/sys" "$root/dev" "$root/etc" "$root/root" "$root/run" "$root/var" "$root/tmp"
ln -s usr/bin "$root/bin"
ln -s usr/sbin "$root/sbin"
ln -s usr/lib "$root/lib"
ln -s usr/lib64 "$root/lib64"
ln -s ../run "$root/var/run"
chmod 1777 "$root/tmp"

# copy FILE: the file (symlinks followed) to the same path in the image, once.
copy() {
  if [ -e "$root$1" ] || [ -L "$root$1" ]; then
    return 0
  fi
  mkdir -p "$root$(dirname "$1")"
  cp -L "$1" "$root$1"
}
# copy_with_libs FILE: the file and every shared library ldd lists for it, the loader included.
copy_with_libs() {
  copy "$1"
  for lib in $(ldd "$1" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
    copy "$lib"
  done
}
# install_tool COMMAND: the real file behind COMMAND at its own path, plus a link from the path
# the host finds it at when that differs (Debian's /usr/sbin/ip -> /usr/bin/ip).
install_tool() {
  found=$(command -v "$1")
  real=$(readlink -f "$found")
  copy_with_libs "$real"
  if [ "$found" != "$real" ] && ! [ -e "$root$found" ] && ! [ -L "$root$found" ]; then
    mkdir -p "$root$(dirname "$found")"
    ln -s "$real" "$root$found"
  fi
}

for tool in ip wg wireguard-go getent xtables-nft-multi xtables-legacy-multi; do
  install_tool "$tool"
done
# glibc >= 2.34 has files and dns built in; the modules are tiny stubs, kept for older lookups.
for lib in $(ldd "$(command -v getent)" | awk '$1 == "libc.so.6" { print $3 }'); do
  for nss in libnss_files.so.2 libnss_dns.so.2; do
    if [ -f "$(dirname "$lib")/$nss" ]; then
      copy "$(dirname "$lib")/$nss"
    fi
  done
done

# iptables: both flavours, named as Debian names them; plain iptables follows the host's choice.
nft=$(readlink -f "$(command -v xtables-nft-multi)")
legacy=$(readlink -f "$(command -v xtables-legacy-multi)")
sbin=$(dirname "$nft")
for family in iptables ip6tables; do
  for suffix in '' -save -restore; do
    ln -s "$(basename "$nft")" "$root$sbin/$family-nft$suffix"
    ln -s "$(basename "$legacy")" "$root$sbin/$family-legacy$suffix"
    case $(readlink -f "$(command -v "$family$suffix" 2>/dev/null || echo /none)") in
      "$legacy") ln -s "$family-legacy$suffix" "$root$sbin/$family$suffix" ;;
      *) ln -s "$family-nft$suffix" "$root$sbin/$family$suffix" ;;
    esac
  done
done
# The extension modules they dlopen (libxt_standard.so, libxt_comment.so, libxt_MASQUERADE.so, ...).
xtables=$(dirname "$(dpkg -L iptables | grep '/xtables/libxt_standard\.so$' | head -n 1)")
for module in "$xtables"/*.so; do
  copy_with_libs "$module"
done

# busybox-static as /bin/sh and its applets, but never over a real tool (busybox has ip too).
busybox=$(dpkg -L busybox-static | grep '/bin/busybox$' | head -n 1)
copy "$busybox"
for applet in $("$busybox" --list); do
  case $applet in busybox | *[!A-Za-z0-9._+-]*) continue ;; esac
  [ -e "$root/usr/bin/$applet" ] || [ -L "$root/usr/bin/$applet" ] \
    || [ -e "$root/usr/sbin/$applet" ] || [ -L "$root/usr/sbin/$applet" ] \
    || ln -s busybox "$root/usr/bin/$applet"
done

echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"
printf 'passwd: files\ngroup: files\nhosts: files dns\nprotocols: files\nservices: files\n' \
  > "$root/etc/nsswitch.conf"
for f in /etc/protocols /etc/services /etc/ethertypes; do
  if [ -f "$f" ]; then
    copy "$f"
  fi
done

env_change='ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
cmd_change='CMD ["/bin/sh"]'
# The tag: a hash over every file's own hash, every link's target, and the image settings.
hash=$(
  cd "$root"
  {
    find . -type f -exec sha256sum {} +
    find . -type l -exec sh -c 'for l; do printf "link %s %s\n" "$l" "$(readlink "$l")"; done' sh {} +
    find . -type d -exec sh -c 'for d; do printf "dir %s %s\n" "$d" "$(stat -c %a "$d")"; done' sh {} +
    echo "$env_change"
    echo "$cmd_change"
  } | LC_ALL=C sort | sha256sum | cut -c 1-12
)
ref="$name:$hash"
if ! docker image inspect "$ref" >/dev/null 2>&1; then
  tar -C "$root" --numeric-owner --owner=0 --group=0 -c . \
    | docker import --change "$env_change" --change "$cmd_change" - "$ref" >/dev/null
fi
echo "$ref"
