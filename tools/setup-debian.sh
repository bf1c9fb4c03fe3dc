#!/bin/sh
# setup-debian.sh [PACKAGE...] - install what awtrack's build and tests need
# on Debian 12, plus any PACKAGE named (bench/setup.sh adds its peers). Run
# as root, or through sudo. Idempotent; installs only what is missing.
set -eu
pkgs="build-essential git valgrind ca-certificates gcc-arm-none-eabi libnewlib-arm-none-eabi $*"
# Node.js runs the test scripts and the differential oracle (npm packages);
# keep a newer Node.js that is already installed.
command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
	$SUDO apt-get update -q
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
fi
echo "setup: ok"
