#!/bin/sh
# setup-debian.sh [PACKAGE...] - install what building and running awtrack
# needs on Debian 12 (a C compiler, make, git, mbedTLS and expat headers),
# plus any PACKAGE named (tools/setup-tests.sh and bench/setup.sh add theirs).
# Run as root, or through sudo. Idempotent; installs only what is missing.
set -eu
pkgs="gcc libc6-dev make git ca-certificates libmbedtls-dev libexpat1-dev $*"
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
