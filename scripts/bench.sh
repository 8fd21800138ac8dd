#!/usr/bin/env bash
# Benchmarks (docs/benchmarks.md): ingestion, simulation and curves on generated Zipf(0.9)
# traces of 10^6..10^8 accesses over 10^6 ids, made by the repository's own `kvcache-bench zipf`
# (no Python, nothing outside the repository). Rows on real traces are added when $SHARED/data
# holds them (default ../shared; skipped with a note otherwise). Inputs are generated into
# bench-data/ (ignored by git), never committed.
#
# Every measurement runs in its own process REPS times (default 3); each row gives the kernel
# time the tool reports (`seconds=`, the trace already in memory for simulate and curve), the
# whole process's wall time (GNU time), both as median [min-max], and the median peak RSS.
#
# Usage: scripts/bench.sh [quick|full]   (full adds 3x10^7 and 10^8)
# Environment: REPS (default 3), SIZES (space-separated access counts, overrides the mode),
#              SHARED (default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-quick}
shared=${SHARED:-../shared}
reps=${REPS:-3}
data=bench-data
mkdir -p "$data"
if [ ! -x /usr/bin/time ]; then
    echo "error: /usr/bin/time (GNU time) is missing; install it, e.g. 'sudo apt-get install time'" >&2
    exit 1
fi
swift build -c release --product kvcache-bench >/dev/null
swift build -c release --product kvcache-sim >/dev/null
bench=.build/release/kvcache-bench
tmp=$(mktemp -d /tmp/bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
notes=()

zipf() {  # zipf N -> bench-data/zipfN/ (zipf10m.txt and zipf10m.oracleGeneral.bin)
    local n=$1 dir="$data/zipf$1"
    if [ ! -f "$dir/zipf10m.oracleGeneral.bin" ] || [ ! -f "$dir/zipf10m.txt" ]; then
        echo "generating $dir ..." >&2
        $bench zipf "$dir" "$n" >/dev/null
    fi
    echo "$dir"
}

# stats v1 v2 ... -> "median min max" (numerically sorted)
stats() {
    printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; print m, v[1], v[NR]}'
}

# measure LABEL CMD... : runs CMD REPS times, each in its own process, and prints one row.
measure() {
    local label=$1; shift
    local ks=() ws=() ms=() accesses="" extra="" r k w m
    for r in $(seq 1 "$reps"); do
        echo "$label run $r/$reps" >&2
        /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" > "$tmp/out"
        k=$(grep -o 'seconds=[0-9.]*' "$tmp/out" | head -1 | cut -d= -f2 || true)
        [ -n "$k" ] && ks+=("$k")
        read -r w m < "$tmp/time"; ws+=("$w"); ms+=("$m")
        accesses=$(grep -o 'accesses=[0-9]*' "$tmp/out" | head -1 | cut -d= -f2 || true)
        # What the run found (hit ratio, hits at sizes, unique ids): the same every run.
        extra=$(tr '\t' '\n' < "$tmp/out" | grep -E '^(hit_ratio_block|hits@|unique)' | tr '\n' ' ' || true)
    done
    local kcell="-" rate="-" km klo khi wm wlo whi mm
    if [ "${#ks[@]}" -gt 0 ]; then
        read -r km klo khi <<< "$(stats "${ks[@]}")"
        kcell=$(printf '%.3f [%.3f-%.3f]' "$km" "$klo" "$khi")
        [ -n "$accesses" ] && rate=$(awk -v a="$accesses" -v s="$km" 'BEGIN {if (s > 0) printf "%.1f", a / s / 1e6; else print "-"}')
    fi
    read -r wm wlo whi <<< "$(stats "${ws[@]}")"
    read -r mm _ _ <<< "$(stats "${ms[@]}")"
    printf '| %s | %s | %s | %.2f [%.2f-%.2f] | %.0f | %s |\n' "$label" "$kcell" "$rate" "$wm" "$wlo" "$whi" \
        "$(awk -v k="$mm" 'BEGIN {print k / 1024}')" "${extra% }" | tee -a "$tmp/rows" >&2
}

sizes="1000000 10000000"
[ "$mode" = full ] && sizes="$sizes 30000000 100000000"
sizes=${SIZES:-$sizes}
mega() { awk -v n="$1" 'BEGIN {printf "%g", n / 1e6}'; }

: > "$tmp/rows"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
section() { printf '| **%s** | | | | | |\n' "$1" >> "$tmp/rows"; }

section "ingestion (kvcache-bench ingest)"
for n in $sizes; do
    dir=$(zipf "$n")
    cat "$dir/zipf10m.txt" "$dir/zipf10m.oracleGeneral.bin" > /dev/null   # into the page cache
    measure "ids text, $(mega "$n")M lines" $bench ingest "$dir/zipf10m.txt" ids
    measure "oracle-general, $(mega "$n")M records" $bench ingest "$dir/zipf10m.oracleGeneral.bin" oracle-general
done
# Compressed inputs: the same bytes through zlib and libzstd (decompressed on a second thread).
dir=$(zipf 10000000)
[ -f "$dir/zipf10m.oracleGeneral.bin.gz" ] || gzip -kf "$dir/zipf10m.oracleGeneral.bin"
measure "oracle-general 10M, gzip" $bench ingest "$dir/zipf10m.oracleGeneral.bin.gz" oracle-general
measure "reference: gzip -dc \\| wc -c" bash -c "gzip -dc '$dir/zipf10m.oracleGeneral.bin.gz' | wc -c"
if command -v zstd >/dev/null; then
    [ -f "$dir/zipf10m.oracleGeneral.bin.zst" ] || zstd -qkf "$dir/zipf10m.oracleGeneral.bin"
    measure "oracle-general 10M, zstd" $bench ingest "$dir/zipf10m.oracleGeneral.bin.zst" oracle-general
    measure "reference: zstd -dc \\| wc -c" bash -c "zstd -dc '$dir/zipf10m.oracleGeneral.bin.zst' | wc -c"
else
    notes+=("zstd rows skipped: no zstd command")
fi
if [ -f "$shared/data/mooncake/conversation_trace.jsonl" ]; then
    measure "Mooncake JSONL (shared)" $bench ingest "$shared/data/mooncake/conversation_trace.jsonl"
else
    notes+=("Mooncake rows skipped: no $shared/data/mooncake/conversation_trace.jsonl (outside the repository)")
fi
sessions="$shared/data/kv-cache-tester/traces"
if [ -d "$sessions" ]; then
    # The agentic sessions as one decompressed JSONL (MB/s of JSON), at 64 tokens.
    [ -f "$data/sessions.jsonl" ] || for f in "$sessions"/*.json.gz; do gzip -dc "$f"; echo; done > "$data/sessions.jsonl"
    measure "sessions JSONL, 64-token blocks (shared)" $bench ingest "$data/sessions.jsonl" sessions 64
else
    notes+=("sessions rows skipped: no $sessions (outside the repository)")
fi

section "simulation, one capacity per process (kvcache-bench simulate)"
for n in $sizes; do
    dir=$(zipf "$n")
    for p in lru belady; do
        for c in 1000 10000 100000; do
            measure "$p, $(mega "$n")M accesses, $c blocks" $bench simulate "$dir/zipf10m.oracleGeneral.bin" $p $c
        done
    done
done

section "exact curves, every size in one pass (kvcache-bench curve)"
for n in $sizes; do
    dir=$(zipf "$n")
    measure "lru curve, $(mega "$n")M accesses" $bench curve "$dir/zipf10m.oracleGeneral.bin" lru
    measure "belady curve, $(mega "$n")M accesses" $bench curve "$dir/zipf10m.oracleGeneral.bin" belady
done
if [ -f "$shared/data/mooncake/conversation_trace.jsonl" ]; then
    for p in lru prefix_lru belady; do
        measure "$p curve, Mooncake (shared)" $bench curve "$shared/data/mooncake/conversation_trace.jsonl" $p
    done
    measure "kvcache-sim mrc lru,prefix_lru,lfu,belady, Mooncake (shared)" .build/release/kvcache-sim mrc \
        --trace "$shared/data/mooncake/conversation_trace.jsonl" --policies lru,prefix_lru,lfu,belady --out "$tmp/mrc"
fi

echo
echo "$(uname -m), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); load average at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$reps runs per row, each its own process: median [min-max]; peak RSS median (GNU time)."
echo
echo "| measurement | kernel s | M accesses/s | whole process s | peak MiB | found |"
echo "|---|---:|---:|---:|---:|---|"
cat "$tmp/rows"
if [ "${#notes[@]}" -gt 0 ]; then
    echo
    printf -- '- %s\n' "${notes[@]}"
fi
