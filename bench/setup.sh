#!/bin/sh
# setup.sh - install the peers `make bench` measures awtrack against (Debian 12,
# run as root or through sudo): md4c and cmark headers/libraries, GNU time,
# qemu-user (qemu-arm: Cortex-M4 instruction counts), on top of the build
# and test dependencies. Idempotent: installs only what is missing.
set -eu
exec sh "$(dirname "$0")/../tools/setup-tests.sh" libmd4c-dev libcmark-dev time qemu-user
