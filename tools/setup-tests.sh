#!/bin/sh
# setup-tests.sh [PACKAGE...] - install what `make test` needs on Debian 12
# on top of tools/setup-debian.sh: valgrind, the Cortex-M toolchain (the
# no-malloc proof), Node.js and npm (the differential oracle), and the
# tools the network and output tests talk to. Root or sudo; idempotent.
set -eu
pkgs="valgrind gcc-arm-none-eabi libnewlib-arm-none-eabi cmake python3 openssl $*"
# outputs (tests/outputs): feed readers, xmllint, headless Chromium, ab
pkgs="$pkgs python3-feedparser sfeed newsboat libxml2-utils chromium apache2-utils"
# small displays (tests/outputs-display): pngcheck reads the PNGs back
pkgs="$pkgs pngcheck"
# keep a newer Node.js that is already installed
command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
exec sh "$(dirname "$0")/setup-debian.sh" $pkgs
