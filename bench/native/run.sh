#!/bin/bash
# Build and run the DPDK C harness (dpdk_bench.c); the CSV goes to stdout, everything else to stderr.
#
# Usage: bench/native/run.sh [--out DIR] [harness args...]
#   --out DIR      where to build the binary (default: bench/native/target/, git-ignored)
#   harness args   passed to the program after EAL's "--", e.g. -r 5 -t 1 R1 M1 (default: all, quick)
#
# Exit codes: 0 ok; 3 DPDK is not installed (see install-dpdk.sh; this script installs nothing);
# anything else: build or run failure.
#
# DPDK_BENCH_BOOST=1 (root only) runs the program in its own session with its autogroup's priority
# raised: plain nice has no effect across autogroups, and on this shared 2-vCPU machine this was
# what kept runs repeatable.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out="$here/target"
if [ "${1:-}" = "--out" ]; then
	[ $# -ge 2 ] || { echo "run.sh: --out needs a folder" >&2; exit 2; }
	out=$2
	shift 2
fi

if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libdpdk; then
	echo "run.sh: DPDK is not installed (no pkg-config libdpdk); skipping the DPDK C harness (install: bench/native/install-dpdk.sh)" >&2
	exit 3
fi

# EAL without hugepages, PCI devices or shared config: works in a container, two lcores for R2/M2.
# The EAL log goes to stderr (the program redirects it); keep it to errors.
EAL=(--no-huge -m 512 --no-pci -l 0-1 --no-shconf --no-telemetry --log-level='*:error')

mkdir -p "$out"
bin="$out/dpdk_bench"
# shellcheck disable=SC2046  # pkg-config's output is a list of flags, meant to be split
gcc -O3 -Wall -Wextra -o "$bin" "$here/dpdk_bench.c" $(pkg-config --cflags --libs libdpdk) >&2

if [ "${DPDK_BENCH_BOOST:-0}" = 1 ] && [ -w /proc/self/autogroup ]; then
	# setsid -w: new session (and so a new autogroup), waiting for it to finish.
	exec setsid -w sh -c 'echo -20 > /proc/self/autogroup && exec "$@"' sh "$bin" "${EAL[@]}" -- "$@"
fi
exec "$bin" "${EAL[@]}" -- "$@"
