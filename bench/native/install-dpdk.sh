#!/bin/bash
# Install Debian's DPDK (Debian 12: 22.11) and what run.sh needs to build against it. Needs root.
# run.sh never calls this: whoever runs the benchmarks decides whether to install.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
	echo "install-dpdk.sh: needs root (apt-get)" >&2
	exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dpdk dpdk-dev libdpdk-dev pkg-config gcc
pkg-config --modversion libdpdk
