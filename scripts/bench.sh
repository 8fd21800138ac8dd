#!/usr/bin/env bash
# Benchmarks (README "Benchmarks"): ingestion, simulation and curves on generated Zipf(0.9)
# traces of 10^6..10^8 accesses over 10^6 ids (made by `kvcache-bench zipf`, no Python), and, when
# it is present, on the real trace in $SHARED/data (default ../shared; those rows are skipped
# without it). Inputs are generated into bench-data/ (ignored by git), never committed.
# Usage: scripts/bench.sh [quick|full]   (full adds 3x10^7 and 10^8)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-quick}
shared=${SHARED:-../shared}
data=bench-data
mkdir -p "$data"
swift build -c release --product kvcache-bench >/dev/null
swift build -c release --product kvcache-sim >/dev/null
bench=.build/release/kvcache-bench

zipf() {  # zipf N -> bench-data/zipfN/ (zipf10m.txt and zipf10m.oracleGeneral.bin)
    local n=$1 dir="$data/zipf$1"
    if [ ! -f "$dir/zipf10m.txt" ]; then
        $bench zipf "$dir" "$n" >/dev/null
    fi
    echo "$dir"
}

sizes="1000000 10000000"
[ "$mode" = full ] && sizes="$sizes 30000000 100000000"

echo "== ingestion"
if [ -f "$shared/data/mooncake/conversation_trace.jsonl" ]; then
    $bench ingest "$shared/data/mooncake/conversation_trace.jsonl"
    big="$data/mooncake-500mb.jsonl"
    if [ ! -f "$big" ]; then
        # The Mooncake trace repeated with disjoint ids until it reaches ~500 MB.
        python3 - "$shared/data/mooncake/conversation_trace.jsonl" "$big" <<'PY'
import json, sys
src, dst = sys.argv[1], sys.argv[2]
lines = [json.loads(l) for l in open(src)]
top = max(max(r["hash_ids"]) for r in lines) + 1
with open(dst, "w") as out:
    k = 0
    while out.tell() < 500_000_000:
        for r in lines:
            r2 = dict(r); r2["hash_ids"] = [h + k * top for h in r["hash_ids"]]
            out.write(json.dumps(r2) + "\n")
        k += 1
PY
    fi
    cat "$big" > /dev/null   # into the page cache
    for i in 1 2 3; do $bench ingest "$big"; done
fi
for n in $sizes; do
    dir=$(zipf "$n")
    $bench ingest "$dir/zipf10m.txt" ids
    $bench ingest "$dir/zipf10m.oracleGeneral.bin" oracle-general
done
# Compressed inputs: the same bytes through zlib and libzstd (decompressed on a second thread).
dir=$(zipf 10000000)
[ -f "$dir/zipf10m.oracleGeneral.bin.gz" ] || gzip -kf "$dir/zipf10m.oracleGeneral.bin"
$bench ingest "$dir/zipf10m.oracleGeneral.bin.gz" oracle-general
/usr/bin/env bash -c "time (gzip -dc '$dir/zipf10m.oracleGeneral.bin.gz' | wc -c)" 2>&1 | sed 's/^/gzip -dc reference: /' | grep -E "real|[0-9]{6}"
if command -v zstd >/dev/null; then
    [ -f "$dir/zipf10m.oracleGeneral.bin.zst" ] || zstd -qkf "$dir/zipf10m.oracleGeneral.bin"
    $bench ingest "$dir/zipf10m.oracleGeneral.bin.zst" oracle-general
fi
# Agentic sessions (when the shared kv-cache-tester sessions are present): the directory of
# gzip files, and the same sessions as one decompressed JSONL (MB/s of JSON), at 64 tokens.
sessions="$shared/data/kv-cache-tester/traces"
if [ -d "$sessions" ]; then
    $bench ingest "$sessions" sessions 64
    [ -f "$data/sessions.jsonl" ] || for f in "$sessions"/*.json.gz; do gzip -dc "$f"; echo; done > "$data/sessions.jsonl"
    for i in 1 2 3; do $bench ingest "$data/sessions.jsonl" sessions 64; done
fi

echo "== simulation (one capacity per run)"
for n in $sizes; do
    dir=$(zipf "$n")
    $bench simulate "$dir/zipf10m.oracleGeneral.bin" lru 1000 10000 100000
    $bench simulate "$dir/zipf10m.oracleGeneral.bin" belady 1000 10000 100000
done

echo "== exact curves (every size in one pass)"
for n in $sizes; do
    dir=$(zipf "$n")
    $bench curve "$dir/zipf10m.oracleGeneral.bin" lru
    $bench curve "$dir/zipf10m.oracleGeneral.bin" belady
done
if [ -f "$shared/data/mooncake/conversation_trace.jsonl" ]; then
    for p in lru prefix_lru belady; do $bench curve "$shared/data/mooncake/conversation_trace.jsonl" $p; done
    /usr/bin/time -f "mrc lru,prefix_lru,lfu,belady on Mooncake (default grid): %e s, peak %M KB" \
        .build/release/kvcache-sim mrc --trace "$shared/data/mooncake/conversation_trace.jsonl" \
        --policies lru,prefix_lru,lfu,belady --out "$data" >/dev/null
fi
