#!/usr/bin/env bash
# Accuracy and speed of sampled curves (MODEL 5.11) against the exact ones, whole process each.
# For each trace: the exact `mrc --policies lru` curve (one pass, 40 log-spaced capacities), then
# `mrc --policies lru --sample-rate R` for R in RATES; the table gives each run's wall time and
# peak RSS and the mean and largest absolute miss-ratio error over the grid's capacities whose
# scaled size is at least 1 block (prefix semantics; block semantics agree within 0.001 here).
#
# Usage: scripts/bench_sampling.sh [N]    (N Zipf accesses, default 10000000)
# Environment: RATES (default "0.1 0.01 0.001"); the real traces are used when ../shared/data has them.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000000}
rates=${RATES:-"0.1 0.01 0.001"}
sim=.build/release/kvcache-sim
bench=.build/release/kvcache-bench
[ -x "$sim" ] && [ -x "$bench" ] || { echo "error: build the release binaries first" >&2; exit 1; }
tmp=$(mktemp -d /tmp/bench_sampling.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
zdir=bench-data/zipf$n
[ -d "$zdir" ] || "$bench" zipf "$zdir" "$n" >/dev/null
zipf=$(ls "$zdir"/*.oracleGeneral.bin | head -1)
traces=("zipf $zipf 512")
[ -f ../shared/data/mooncake/conversation_trace.jsonl ] && traces+=("mooncake ../shared/data/mooncake/conversation_trace.jsonl 512")
[ -d ../shared/data/kv-cache-tester/traces ] && traces+=("sessions ../shared/data/kv-cache-tester/traces 64")
echo "| trace | rate | time (s) | peak MiB | mean abs. error | max abs. error | capacities |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for spec in "${traces[@]}"; do
    read -r name path block <<< "$spec"
    /usr/bin/time -f "%e %M" -o "$tmp/t" "$sim" mrc --trace "$path" --block-size-tokens "$block" --policies lru --out "$tmp/exact" >/dev/null 2>&1
    read -r s m < "$tmp/t"
    echo "| $name | exact | $s | $((m / 1024)) | | | |"
    for r in $rates; do
        /usr/bin/time -f "%e %M" -o "$tmp/t" "$sim" mrc --trace "$path" --block-size-tokens "$block" --policies lru \
            --sample-rate "$r" --out "$tmp/s" >/dev/null 2>&1
        read -r s m < "$tmp/t"
        err=$(python3 - "$tmp/exact/mrc.csv" "$tmp/s/mrc.csv" "$r" <<'PY'
import csv, sys
rate = float(sys.argv[3])
ex = {(x["semantics"], int(x["capacity_blocks"])): float(x["miss_ratio"]) for x in csv.DictReader(open(sys.argv[1])) if x["policy"] == "lru"}
errs = [abs(float(x["miss_ratio"]) - ex[(x["semantics"], int(x["capacity_blocks"]))])
        for x in csv.DictReader(open(sys.argv[2]))
        if x["policy"] == "lru" and x["semantics"] == "prefix" and round(int(x["capacity_blocks"]) * rate) >= 1]
print("%.4f %.4f %d" % (sum(errs) / len(errs), max(errs), len(errs)) if errs else "- - 0")
PY
)
        read -r mean mx count <<< "$err"
        echo "| $name | $r | $s | $((m / 1024)) | $mean | $mx | $count |"
    done
done
