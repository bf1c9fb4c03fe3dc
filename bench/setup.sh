#!/bin/sh
# setup.sh - install the peers `make bench` measures awtrack against (Debian 12,
# run as root or through sudo): md4c and cmark headers/libraries, GNU time,
# valgrind (callgrind), qemu-user (qemu-arm: Cortex-M4 instruction counts)
# and the Cortex-M toolchain. Idempotent: installs only
# what is missing, runs apt-get update at most once.
set -eu
pkgs="libmd4c-dev libcmark-dev time valgrind qemu-user gcc-arm-none-eabi libnewlib-arm-none-eabi git build-essential"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
	echo "bench setup: installing$missing"
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing ||
	{ $SUDO apt-get update -q && \
	  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing; }
fi
echo "bench setup: ok"
