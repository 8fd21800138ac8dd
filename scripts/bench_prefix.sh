#!/usr/bin/env bash
# Whole-process, side-by-side benchmark of prefix-cache budgets against KVCache.AI's
# `kvcache-simulator` (PyPI 0.1.3, its C++ core) on the real traces in ../shared/data.
#
# The peer runs its default sweep (1, 2, 4, ... GiB of llama-3.1-8b KV, policies lru and optimal,
# the first half of the requests as warm-up). Ours runs the command a user runs for the same
# question, `kvcache-sim mrc --warmup 0.5 --policies radix_lru` at the same budgets in blocks, which
# also computes belady (one pass), belady_bypass, radix_belady and the upper bound. Each side runs
# in its own process REPS times (interleaved); the table gives the median wall time [min-max] and
# the median peak RSS (/usr/bin/time), and checks that our radix_lru and radix_belady hit tokens
# equal the peer's lru and optimal at every budget the peer reports (MISMATCH otherwise).
#
# Usage: scripts/bench_prefix.sh
# Environment: KVSIM_VENV  venv holding kvcache-simulator (default .venv-kvsim; made when missing
#                          and pip can reach PyPI), REPS (default 3), TRACES (default "mooncake sessions")
# Needs the release binary (`swift build -c release --product kvcache-sim`); writes to bench-data/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d ../shared/data ]; then
    echo "bench_prefix: skipped, the real traces are not in ../shared/data (a clone has none)"
    exit 0
fi
venv=${KVSIM_VENV:-.venv-kvsim}
reps=${REPS:-3}
traces=${TRACES:-"mooncake sessions"}
sim=.build/release/kvcache-sim
shared=../shared/data
[ -x "$sim" ] || { echo "error: $sim is missing; swift build -c release --product kvcache-sim" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time (GNU time) is missing" >&2; exit 1; }
if [ ! -x "$venv/bin/kvcache-simulator" ]; then
    python3 -m venv "$venv" && "$venv/bin/pip" install -q kvcache-simulator==0.1.3 || { echo "error: cannot install kvcache-simulator into $venv" >&2; exit 1; }
fi
mkdir -p bench-data
tmp=$(mktemp -d /tmp/bench_prefix.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f [%.2f-%.2f]", m, a[1], a[NR]}'; }
median1() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f", m}'; }

echo "| trace | budgets | ours: kvcache-sim mrc (s) | ours peak MiB | kvcache-simulator (s) | peer peak MiB | speed-up (peer/ours) | hit tokens |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
for t in $traces; do
    case $t in
        mooncake) in=$shared/mooncake/conversation_trace.jsonl; ours_in=$in; block=512; per_gib=16 ;;
        sessions)
            in=bench-data/sessions-mooncake.jsonl; ours_in=$shared/kv-cache-tester/traces; block=64; per_gib=128
            [ -s "$in" ] || "$venv/bin/python" scripts/parity/sessions_to_jsonl.py "$shared/kv-cache-tester/traces" "$in" >/dev/null ;;
    esac
    [ -e "$ours_in" ] || { echo "| $t | skipped: $ours_in is missing | | | | | | |"; continue; }
    # The peer's budgets that fit the trace, in blocks.
    "$venv/bin/kvcache-simulator" run --trace "$in" --model llama-3.1-8b --block-size $block --policies lru,optimal \
        --format json --output "$tmp/peer.json" --no-progress >/dev/null 2>&1
    caps=$(python3 -c "import json; print(','.join(str(p['cacheBlocks']) for p in json.load(open('$tmp/peer.json'))['points']))")
    : > "$tmp/ours.t"; : > "$tmp/ours.m"; : > "$tmp/peer.t"; : > "$tmp/peer.m"
    for _ in $(seq "$reps"); do
        /usr/bin/time -f "%e %M" -o "$tmp/t" "$sim" mrc --trace "$ours_in" --block-size-tokens $block --warmup 0.5 \
            --policies radix_lru --capacities "$caps" --out "$tmp/ours" >/dev/null 2>&1
        read -r s m < "$tmp/t"; echo "$s" >> "$tmp/ours.t"; echo $((m / 1024)) >> "$tmp/ours.m"
        /usr/bin/time -f "%e %M" -o "$tmp/t" "$venv/bin/kvcache-simulator" run --trace "$in" --model llama-3.1-8b \
            --block-size $block --policies lru,optimal --format json --output "$tmp/peer.json" --no-progress >/dev/null 2>&1
        read -r s m < "$tmp/t"; echo "$s" >> "$tmp/peer.t"; echo $((m / 1024)) >> "$tmp/peer.m"
    done
    check=$(python3 - "$tmp/peer.json" "$tmp/ours/mrc.csv" <<'PY'
import csv, json, sys
peer = json.load(open(sys.argv[1]))["points"]
rows = {(r["policy"], int(r["capacity_blocks"])): int(r["hit_tokens"]) for r in csv.DictReader(open(sys.argv[2])) if r["semantics"] == "prefix"}
bad = [p["cacheBlocks"] for p in peer
       if rows[("radix_lru", p["cacheBlocks"])] != p["results"]["lru"]["hitTokens"]
       or rows[("radix_belady", p["cacheBlocks"])] != p["results"]["optimal"]["hitTokens"]
       or rows[("upper_bound", p["cacheBlocks"])] < p["results"]["optimal"]["hitTokens"]]
print("equal at all %d budgets, bound above optimal" % len(peer) if not bad else "MISMATCH at %s" % bad)
PY
)
    ot=$(median < "$tmp/ours.t"); pt=$(median < "$tmp/peer.t")
    ratio=$(python3 -c "import statistics as s; a=[float(x) for x in open('$tmp/ours.t')]; b=[float(x) for x in open('$tmp/peer.t')]; print('%.1fx' % (s.median(b)/s.median(a)))")
    echo "| $t | $(echo "$caps" | tr ',' '\n' | wc -l) | $ot | $(median1 < "$tmp/ours.m") | $pt | $(median1 < "$tmp/peer.m") | $ratio | $check |"
done
echo
echo "kvcache-simulator $("$venv/bin/pip" show kvcache-simulator 2>/dev/null | awk '/^Version/ {print $2}'), $(nproc) cores, $(date -u +%Y-%m-%d)"
