#!/usr/bin/env bash
# Accuracy and speed of sampled curves (MODEL 5.11) against the exact ones, one process each.
#
# For each trace (Zipf(0.9) over 10^6 ids made by `generate --zipf-ids`, and the sessions and
# Mooncake traces when ../shared/data has them):
#   exact:   `mrc --policies lru --only-listed --all-capacities` (one pass, every size 1..U);
#   rate R:  `mrc --policies lru --only-listed --sample-rate R` on the default grid (the timed
#            run: wall time, peak RSS), then the same with --all-capacities --json, whose curve
#            gives the errors (scripts/sampling_error.py, block semantics unless said):
#            MAE over every size 1..U, its max, MAE over the default 40-size grid, its max, the
#            MAE over every size under prefix semantics, and the run's own estimate (expected
#            mean absolute error from the hash-slice spread, `sampled_error` in the JSON).
# Then the filtering pass alone (rate 10^-6 on the Zipf file: parse + hash + compare) and, with
# STREAM=K, a K-access `generate --zipf-ids ... --stream | mrc --trace - --format ids` pipe with
# both processes' time and peak RSS.
#
# Usage: scripts/bench_sampling.sh [N]   (N Zipf accesses, default 100000000)
# Environment: RATES (default "0.1 0.01 0.001"), SEED (sampling seed, default 42),
#              STREAM (accesses of the stream row, default 0: skipped), STREAM_RATE (0.001).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000000}
rates=${RATES:-"0.1 0.01 0.001"}
seed=${SEED:-42}
sim=.build/release/kvcache-sim
[ -x "$sim" ] || { echo "error: build the release binary first (swift build -c release --product kvcache-sim)" >&2; exit 1; }
tmp=$(mktemp -d /tmp/bench_sampling.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -p bench-data
zipf=bench-data/zipf-$n.txt
[ -f "$zipf" ] || "$sim" generate --zipf-ids 1000000 --alpha 0.9 --accesses "$n" --seed 42 --out "$zipf" 2>/dev/null
traces=("zipf $zipf 512 ids")
[ -d ../shared/data/kv-cache-tester/traces ] && traces+=("sessions ../shared/data/kv-cache-tester/traces 64 sessions")
[ -f ../shared/data/mooncake/conversation_trace.jsonl ] && traces+=("mooncake ../shared/data/mooncake/conversation_trace.jsonl 512 mooncake")
echo "| trace | rate | time (s) | peak MiB | MAE all sizes | max all sizes | MAE grid | max grid | MAE all sizes (prefix) | run's own estimate |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for spec in "${traces[@]}"; do
    read -r name path block format <<< "$spec"
    common=(--trace "$path" --format "$format" --block-size-tokens "$block" --policies lru --only-listed --seed "$seed")
    /usr/bin/time -f "%e %M" -o "$tmp/t" "$sim" mrc "${common[@]}" --all-capacities --out "$tmp/exact" >/dev/null 2>&1
    read -r s m < "$tmp/t"
    echo "| $name | exact | $s | $((m / 1024)) | | | | | | |"
    for r in $rates; do
        /usr/bin/time -f "%e %M" -o "$tmp/t" "$sim" mrc "${common[@]}" --sample-rate "$r" --out "$tmp/grid" >/dev/null 2>&1
        read -r s m < "$tmp/t"
        "$sim" mrc "${common[@]}" --sample-rate "$r" --all-capacities --json --out "$tmp/all" > "$tmp/all.json" 2>/dev/null
        read -r mae mx gmae gmx <<< "$(python3 scripts/sampling_error.py "$tmp/exact/mrc.csv" "$tmp/all/mrc.csv" block)"
        read -r pmae _ _ _ <<< "$(python3 scripts/sampling_error.py "$tmp/exact/mrc.csv" "$tmp/all/mrc.csv" prefix)"
        own=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); c=[c for c in d["sampled_error"]["curves"] if c["policy"]=="lru" and c["semantics"]=="block"][0]; v=c["expected_mean_absolute_error"]; print("%.5f" % v if v is not None else "-")' "$tmp/all.json")
        echo "| $name | $r | $s | $((m / 1024)) | $mae | $mx | $gmae | $gmx | $pmae | $own |"
    done
done
# The filtering pass: a rate so low that almost nothing is kept.
/usr/bin/time -f "%e %M" -o "$tmp/t" "$sim" mrc --trace "$zipf" --format ids --policies lru --only-listed --sample-rate 0.000001 --out "$tmp/f" >/dev/null 2>&1
read -r s m < "$tmp/t"
echo
echo "filtering pass (parse + hash + compare, one core): $n accesses in $s s = $(python3 -c "print('%.1f' % ($n / $s / 1e6))") M accesses/s, peak $((m / 1024)) MiB"
stream=${STREAM:-0}
if [ "$stream" != 0 ]; then
    srate=${STREAM_RATE:-0.001}
    start=$(date +%s.%N)
    /usr/bin/time -f "%e %M" -o "$tmp/g" "$sim" generate --zipf-ids 1000000 --alpha 0.9 --accesses "$stream" --seed 42 --stream \
        | /usr/bin/time -f "%e %M" -o "$tmp/c" "$sim" mrc --trace - --format ids --sample-rate "$srate" --policies lru --only-listed --json --out "$tmp/stream" > "$tmp/stream.json" 2>/dev/null
    end=$(date +%s.%N)
    read -r gs gm < "$tmp/g"; read -r cs cm < "$tmp/c"
    own=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); c=[c for c in d["sampled_error"]["curves"] if c["semantics"]=="block"][0]; print("%.4f" % c["expected_mean_absolute_error"])' "$tmp/stream.json")
    echo "stream: $stream accesses at rate $srate: wall $(python3 -c "print('%.0f' % ($end - $start))") s; generate $gs s, peak $((gm / 1024)) MiB; mrc $cs s, peak $((cm / 1024)) MiB; run's own error estimate $own"
fi
