#!/bin/sh
# Makes the distribution from the built jar (run by Maven in bridge-cli's package phase):
#   host-bridge-VERSION.tar.gz   bin/host-bridge, lib/ (the jar and its class-data-sharing archive),
#                                completions/host-bridge.bash, host-bridge.conf, README.md, LICENSE
#   host-bridge-VERSION.tar.gz.sha256
#   dist/homebrew/host-bridge.rb the formula, packaging/homebrew/host-bridge.rb with the version,
#                                url and SHA-256 of this archive filled in
# and the class-data-sharing archive the checkout's bin/host-bridge uses.
# Usage: make-dist.sh VERSION TARGET_DIR JAVA_HOME URL
set -eu
version=$1
target=$2
java_home=$3
url=$4
repo=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd -P)
case $version in
  *[!A-Za-z0-9._-]*) echo "make-dist: '$version' is not a version" >&2; exit 2 ;;
esac
# The default url is this build's file: its path, percent-encoded byte by byte, may hold anything.
case $url in
  file://*)
    url=file://$(printf '%s' "${url#file://}" | od -An -v -tx1 | awk '
      BEGIN { hex = "0123456789abcdef" }
      { for (i = 1; i <= NF; i++) {
          d = (index(hex, substr($i, 1, 1)) - 1) * 16 + index(hex, substr($i, 2, 1)) - 1
          if ((d >= 48 && d <= 57) || (d >= 65 && d <= 90) || (d >= 97 && d <= 122) || d == 45 || d == 46 || d == 47 || d == 95 || d == 126)
            printf "%c", d
          else
            printf "%%%s", toupper($i)
      } }') ;;
esac
# Nothing else reaches the formula's Ruby string or sed: no quote, backslash, '#' (#{...} and #@
# interpolate in Ruby), '|' or '&' (sed's delimiter and match).
case $url in
  *[!A-Za-z0-9._~:/?@+,=%-]*) echo "make-dist: '$url' is not a URL host-bridge writes into a formula" >&2; exit 2 ;;
esac

# The checkout's own archive, so that bin/host-bridge starts fast from here too.
HOST_BRIDGE_CDS=sync JAVA_HOME=$java_home "$repo/bin/host-bridge" --version >/dev/null

name=host-bridge-$version
stage=$target/dist/$name
rm -rf "$target/dist"
mkdir -p "$stage/bin" "$stage/lib" "$stage/completions" "$target/dist/homebrew"
cp "$repo/bin/host-bridge" "$stage/bin/host-bridge"
chmod 755 "$stage/bin/host-bridge"
cp "$target/host-bridge.jar" "$stage/lib/host-bridge.jar"
cp "$repo/README.md" "$repo/LICENSE" "$repo/packaging/host-bridge.conf" "$stage/"
HOST_BRIDGE_CDS=off JAVA_HOME=$java_home "$stage/bin/host-bridge" completion bash > "$stage/completions/host-bridge.bash"
# The archive made now serves a JDK like the build's at this very path; anywhere else the launcher
# makes its own on first use (an archive names the jar's path, and unpacking moves it).
HOST_BRIDGE_CDS=sync JAVA_HOME=$java_home "$stage/bin/host-bridge" --version >/dev/null
chmod -R u+w,go-w "$stage"

archive=$target/$name.tar.gz
rm -f "$archive" "$archive.sha256"
(cd "$target/dist" && COPYFILE_DISABLE=1 tar -cf - "$name") | gzip -9n > "$archive.part"
mv "$archive.part" "$archive"
if command -v sha256sum >/dev/null 2>&1; then
  sum=$(sha256sum "$archive" | cut -d ' ' -f 1)
else
  sum=$(shasum -a 256 "$archive" | cut -d ' ' -f 1)
fi
printf '%s  %s\n' "$sum" "$name.tar.gz" > "$archive.sha256"
sed -e "s|@VERSION@|$version|g" -e "s|@SHA256@|$sum|g" -e "s|@URL@|$url|g" \
  "$repo/packaging/homebrew/host-bridge.rb" > "$target/dist/homebrew/host-bridge.rb"
echo "make-dist: $archive ($sum)"
