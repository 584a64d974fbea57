#!/bin/bash
# host-bridge's checks on your Mac, with a report to paste into an issue.
#
#   scripts/mac-smoke.sh [--no-sudo]
#
# What it does, from the root of a host-bridge checkout:
#   1. builds host-bridge (mvn -DskipTests install; the first build downloads dependencies);
#   2. runs bridge-macos's tests as you: they read lo0's flags, the routing table, sysctls and an
#      Info.plist, and check that changes are refused to a user who is not root;
#   3. unless --no-sudo, runs the root-only test with sudo (it asks for your password): it opens a
#      utun interface (built into macOS, no driver needed), gives it a TEST-NET address and a route
#      through host-bridge's own code, removes them, and closes the utun, which removes it;
#   4. runs `host-bridge doctor` and `host-bridge plan` against your Docker Desktop. plan changes
#      nothing; when Docker runs it starts one short-lived helper container to look into the VM.
# Nothing else on the Mac is changed: no driver, no launcher, no network, no address stays.
# The report is printed at the end and saved as host-bridge-mac-report-<time>.md.
# Written for macOS's own bash 3.2.
set -u

use_sudo=1
for arg in "$@"; do
  case "$arg" in
    --no-sudo) use_sudo=0 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "mac-smoke: unknown argument '$arg' (only --no-sudo and --help)" >&2; exit 2 ;;
  esac
done

if [ "$(uname -s)" != "Darwin" ]; then
  echo "mac-smoke: this is for macOS; here uname says $(uname -s)" >&2
  exit 2
fi
cd "$(dirname "$0")/.." || exit 2
for tool in java mvn; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "mac-smoke: '$tool' is missing: install a JDK 17 or later and Maven (e.g. brew install openjdk@17 maven)" >&2
    exit 2
  fi
done

stamp=$(date +%Y%m%d-%H%M%S)
work=$(mktemp -d "${TMPDIR:-/tmp}/host-bridge-smoke.XXXXXX")
report="host-bridge-mac-report-$stamp.md"

# Runs a command, keeping its output in $work/<name>.log and its exit code in $work/<name>.code.
run() {
  name=$1
  shift
  echo "mac-smoke: $name ..." >&2
  "$@" >"$work/$name.log" 2>&1
  echo $? >"$work/$name.code"
}

# The surefire summary of each test class whose name matches $1 (all when empty).
summary() {
  for file in bridge-macos/target/surefire-reports/*.txt; do
    [ -f "$file" ] || continue
    [ -z "${1:-}" ] || echo "$file" | grep -Eq "$1" || continue
    line=$(grep -m1 'Tests run' "$file")
    echo "- $(basename "$file" .txt | sed 's/^dev\.hostbridge\.macos\.//'): $line"
  done
}

run build mvn -B -ntp -q -DskipTests install
if [ "$(cat "$work/build.code")" != 0 ]; then
  cat "$work/build.log" >&2
  echo "mac-smoke: the build failed (above); nothing was tested" >&2
  exit 1
fi

run tests-user mvn -B -ntp -pl bridge-macos test
summary >"$work/tests-user.summary"

if [ "$use_sudo" = 1 ]; then
  sudo_flags=""
  [ -t 0 ] || sudo_flags="-n"
  run tests-root sudo $sudo_flags --preserve-env=JAVA_HOME,PATH mvn -B -ntp -o \
    -Dmaven.repo.local="$HOME/.m2/repository" -pl bridge-macos test \
    -Dtest='MacosUtunTest,MacosSystemTest,JnaIfaddrsTest,DarwinLibcBindingTest' -Dsurefire.failIfNoSpecifiedTests=false
  summary 'MacosUtunTest|MacosSystemTest|JnaIfaddrsTest|DarwinLibcBindingTest' >"$work/tests-root.summary"
  # Maven ran as root: give the build output and the local repository back to you.
  sudo $sudo_flags chown -R "$(id -u):$(id -g)" . "$HOME/.m2" 2>/dev/null
fi

run doctor bin/host-bridge doctor
run plan bin/host-bridge plan

section() {
  title=$1
  name=$2
  echo
  echo "### $title (exit $(cat "$work/$name.code" 2>/dev/null || echo '?'))"
  echo
  echo '```'
  if [ -f "$work/$name.summary" ]; then
    cat "$work/$name.summary"
    echo
    grep -E 'FAIL|ERROR\]|Tests run:.*Fail' "$work/$name.log" | grep -v 'Failures: 0, Errors: 0' | head -40
  else
    cat "$work/$name.log"
  fi
  echo '```'
}

{
  echo "## host-bridge on a Mac: smoke report ($stamp)"
  echo
  echo "- macOS: $(sw_vers -productVersion) ($(sw_vers -buildVersion)), $(uname -m)"
  echo "- Apple Silicon (hw.optional.arm64): $(sysctl -n hw.optional.arm64 2>/dev/null || echo 'absent: Intel')"
  echo "- Java: $(java -version 2>&1 | head -n 1)"
  echo "- Maven: $(mvn -v 2>/dev/null | head -n 1)"
  echo "- host-bridge: $(git rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout')"
  echo "- tap driver nodes: $(find /dev -maxdepth 1 -name 'tap*' 2>/dev/null | tr '\n' ' ')"
  section "bridge-macos tests as $(id -un)" tests-user
  if [ "$use_sudo" = 1 ]; then
    section "bridge-macos tests as root (utun)" tests-root
  else
    echo
    echo "### bridge-macos tests as root: skipped (--no-sudo)"
  fi
  section "host-bridge doctor" doctor
  section "host-bridge plan" plan
} >"$report"

cat "$report"
echo
echo "mac-smoke: report saved as $report (full logs in $work)" >&2
failed=0
for name in tests-user tests-root; do
  [ -f "$work/$name.code" ] && [ "$(cat "$work/$name.code")" != 0 ] && failed=1
done
exit $failed
