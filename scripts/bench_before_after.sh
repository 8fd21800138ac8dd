#!/usr/bin/env bash
# Whole-process before/after pairs of the commands issue 11 names, run interleaved (before,
# after, before, ...) so that both binaries meet the same host load.
#
# Usage: scripts/bench_before_after.sh BEFORE_DIR [AFTER_DIR]
#   BEFORE_DIR, AFTER_DIR: folders holding kvcache-sim and kvcache-bench release binaries
#   (AFTER_DIR defaults to .build/release). Make BEFORE_DIR from an older commit, e.g.
#     git worktree add /tmp/old REV && (cd /tmp/old && swift build -c release) && \
#     scripts/bench_before_after.sh /tmp/old/.build/release
# Environment: REPS (default 3); SHARED (default ../shared) for the Mooncake and sessions rows.
# Needs bench-data/zipf10000000 (`kvcache-bench zipf bench-data/zipf10000000 10000000`, which
# `scripts/bench.sh` makes). Prints one Markdown table: median wall s [min-max], median CPU%,
# median peak MiB, per command and binary.
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:?usage: scripts/bench_before_after.sh BEFORE_DIR [AFTER_DIR]}
after=${2:-.build/release}
reps=${REPS:-3}
shared=${SHARED:-../shared}
z=bench-data/zipf10000000
for f in "$z/zipf10m.oracleGeneral.bin" "$z/zipf10m.txt"; do
    [ -f "$f" ] || { echo "error: $f is missing; run: .build/release/kvcache-bench zipf $z 10000000" >&2; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# name|command with SIM and BENCH for the binaries and OUT for a scratch folder
rows=(
  "simulate lru 10k, in memory|SIM simulate --trace $z/zipf10m.oracleGeneral.bin --policy lru --capacity-blocks 10000 --json"
  "simulate lru 10k, --stream|SIM simulate --stream --trace $z/zipf10m.oracleGeneral.bin --policy lru --capacity-blocks 10000 --json"
  "simulate belady 10k, in memory|SIM simulate --trace $z/zipf10m.oracleGeneral.bin --policy belady --capacity-blocks 10000 --json"
  "ingest oracle-general, 10^7 records (240 MB)|BENCH ingest $z/zipf10m.oracleGeneral.bin oracle-general"
  "ingest ids text, 10^7 lines (51 MB)|BENCH ingest $z/zipf10m.txt ids"
  "simulate lru 10k, ids text|SIM simulate --trace $z/zipf10m.txt --policy lru --capacity-blocks 10000 --json"
  "exact LRU curve, 10^7|BENCH curve $z/zipf10m.oracleGeneral.bin lru"
  "exact OPT curve, 10^7|BENCH curve $z/zipf10m.oracleGeneral.bin belady"
)
mooncake="$shared/data/mooncake/conversation_trace.jsonl"
if [ -f "$mooncake" ]; then
    rows+=("report, Mooncake (shared)|SIM report --trace $mooncake --out OUT")
    rows+=("mrc, Mooncake, default policies (shared)|SIM mrc --trace $mooncake --out OUT")
fi
if [ -f bench-data/sessions-mooncake.jsonl ]; then
    rows+=("ingest sessions JSONL, 354 MB (shared)|BENCH ingest bench-data/sessions-mooncake.jsonl mooncake 64")
fi

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "| command | before: wall s | before: CPU% | before: MiB | after: wall s | after: CPU% | after: MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for row in "${rows[@]}"; do
    name=${row%%|*}
    cmd=${row#*|}
    for side in before after; do : > "$tmp/$side"; done
    for _ in $(seq "$reps"); do
        for side in before after; do
            dir=$before; [ "$side" = after ] && dir=$after
            c=${cmd//SIM/$dir/kvcache-sim}
            c=${c//BENCH/$dir/kvcache-bench}
            rm -rf "$tmp/out"
            c=${c//OUT/$tmp/out}
            /usr/bin/time -f "%e %P %M" -o "$tmp/one" $c > /dev/null 2>&1 || { echo "error: $c failed" >&2; exit 1; }
            tail -1 "$tmp/one" >> "$tmp/$side"
        done
    done
    line="| $name"
    for side in before after; do
        wall=$(cut -d' ' -f1 "$tmp/$side" | median)
        lo=$(cut -d' ' -f1 "$tmp/$side" | sort -g | head -1)
        hi=$(cut -d' ' -f1 "$tmp/$side" | sort -g | tail -1)
        cpu=$(cut -d' ' -f2 "$tmp/$side" | tr -d % | median)
        mib=$(cut -d' ' -f3 "$tmp/$side" | median | awk '{printf "%d", $1 / 1024}')
        line+=" | $wall [$lo-$hi] | $cpu% | $mib"
    done
    echo "$line |"
done
