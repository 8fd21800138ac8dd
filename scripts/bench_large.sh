#!/usr/bin/env bash
# The 10^9-access run of issue 11 (docs/benchmarks.md, "10^9 accesses"): a Zipf(0.9) trace over
# 10^6 ids (seed 42, PortableZipf, the same ranks as `kvcache-bench zipf`) is generated on the fly
# by `kvcache-bench zipf-stream` as libCacheSim oracleGeneral records and piped into each
# measured process, so the trace is never on disk nor in memory (the generator runs on the other
# core). Measured (GNU time on the consumer only: wall, CPU%, peak RSS):
#   - kvcache-sim simulate --stream --policy lru --capacity-blocks 10000   (MODEL 3.7)
#   - the exact LRU curve, every capacity, streamed (kvcache-bench curve - lru --stream)
#   - the exact OPT (belady) curve, streamed (kvcache-bench curve - belady --stream)
# Not part of `make bench`: at 10^9 accesses it takes about 20-30 minutes on 2 cores.
#
# Usage: scripts/bench_large.sh [N]     (N accesses, default 10^9; e.g. 10000000 to try it)
# Environment: WHAT="simulate lru belady" (a subset to run)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000000}
what=${WHAT:-"simulate lru belady"}
if [ ! -x /usr/bin/time ]; then echo "error: /usr/bin/time (GNU time) is missing" >&2; exit 1; fi
swift build -c release --product kvcache-bench >/dev/null
swift build -c release --product kvcache-sim >/dev/null
tmp=$(mktemp -d /tmp/bench_large.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# Copies, so that a rebuild during the long run cannot touch the binaries being measured.
cp .build/release/kvcache-bench .build/release/kvcache-sim "$tmp/"
bench=$tmp/kvcache-bench
sim=$tmp/kvcache-sim
gen() { $bench zipf-stream "$n" 1000000 0.9 42 oracle-general; }

rows=()
run() {  # run LABEL CMD... : gen | CMD, timed
    local label=$1; shift
    echo "$label ..." >&2
    local load; load=$(cut -d' ' -f1 /proc/loadavg)
    local start; start=$(date +%s.%N)
    gen | /usr/bin/time -f "%e %P %M" -o "$tmp/time" "$@" > "$tmp/out"
    local end; end=$(date +%s.%N)
    read -r wall cpu kb < "$tmp/time"
    local found; found=$(tr '\t' '\n' < "$tmp/out" | grep -E '^(hits@|accesses=)' | tr '\n' ' ' || true)
    [ -z "$found" ] && found=$(grep -oE '"(accesses|unique_blocks)": *[0-9]+|"block": *[0-9.]+' "$tmp/out" | head -4 | tr '\n' ' ' || true)
    rows+=("| $label | $wall | $cpu | $(awk -v k="$kb" 'BEGIN {printf "%.0f", k / 1024}') | $load | ${found% } |")
    echo "${rows[-1]}" >&2
}
for w in $what; do
    case $w in
        simulate) run "simulate --stream lru, 10,000 blocks" $sim simulate --stream --trace - --format oracle-general \
                      --policy lru --capacity-blocks 10000 --json ;;
        lru) run "exact LRU curve, streamed" $bench curve - lru --stream oracle-general ;;
        belady) run "exact OPT (belady) curve, streamed" $bench curve - belady --stream oracle-general ;;
    esac
done
echo
echo "$n accesses, Zipf(0.9) over 10^6 ids, seed 42, piped from kvcache-bench zipf-stream; $(uname -m), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
echo
echo "| run | wall s | CPU | peak MiB | load at start | found |"
echo "|---|---:|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}"
