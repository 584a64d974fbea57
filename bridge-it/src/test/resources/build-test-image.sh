#!/bin/sh
# Builds a tiny image from a static busybox: build-test-image.sh /bin/busybox NAME
set -eu
busybox=$1
name=$2
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin" "$root/tmp" "$root/proc" "$root/sys" "$root/dev" "$root/etc" "$root/www"
cp "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list); do
  [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
done
echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"
tar -C "$root" -c . | docker import --change 'CMD ["/bin/sh"]' - "$name" >/dev/null
