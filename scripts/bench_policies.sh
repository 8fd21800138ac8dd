#!/usr/bin/env bash
# Whole-process, side-by-side benchmark of `kvcache-sim simulate` against libCacheSim (the C library
# through its PyPI package `libcachesim`, run by a small inline Python program) on the standard Zipf
# trace (oracleGeneral, single-block requests) made by `kvcache-bench zipf`.
#
# For each policy and each capacity (1000, 10000, 100000 blocks) both sides run in their own process
# 3 times (interleaved); the table gives the median wall time [min-max], the median peak RSS
# (/usr/bin/time -f "%e %M"), the speed-up (libCacheSim median / ours median) and both miss ratios.
# For lru, fifo, clock, sieve, s3fifo and arc the miss counts must agree exactly (a difference is
# flagged MISMATCH); lfu (tie-breaking) and belady (which next-access field is used) are shown only.
# Online policies also run as `simulate --stream` (MODEL 3.7: read on a second thread while the
# simulation runs, no trace held; hit counts must equal the in-memory run's, else MISMATCH).
#
# Usage: scripts/bench_policies.sh [N]            (N accesses, default 10000000)
# Environment: LCS_VENV  venv holding libcachesim (default .venv-lcs). When it is missing or lacks
#                        libcachesim, the bench makes it (python3 -m venv, pip install
#                        libcachesim==0.3.5); when that fails (no python3, no PyPI), the peer
#                        columns are skipped with a note. LCS_SETUP=0 never installs.
#              POLICIES  space-separated subset (default: lru fifo clock sieve s3fifo arc lfu belady)
#              CAPACITIES, REPS  (defaults: "1000 10000 100000", 3)
# Needs the release binaries (`swift build -c release`); writes only to bench-data/ and /tmp.
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-10000000}
venv=${LCS_VENV:-.venv-lcs}
policies=${POLICIES:-"lru fifo clock sieve s3fifo arc lfu belady"}
capacities=${CAPACITIES:-"1000 10000 100000"}
reps=${REPS:-3}
exact="lru fifo clock sieve s3fifo arc"
sim=.build/release/kvcache-sim
bench=.build/release/kvcache-bench

if [ ! -x /usr/bin/time ]; then
    echo "error: /usr/bin/time (GNU time) is missing; install it, e.g. 'sudo apt-get install time'" >&2
    exit 1
fi
for b in "$sim" "$bench"; do
    if [ ! -x "$b" ]; then
        echo "error: $b is missing; build it first with 'swift build -c release'" >&2
        exit 1
    fi
done
if [ -n "$(find Sources Package.swift -type f -newer "$sim" 2>/dev/null | head -1)" ]; then
    echo "warning: $sim is older than some sources; 'swift build -c release' to time the current code" >&2
fi

tmp=$(mktemp -d /tmp/bench_policies.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# The peer: libCacheSim's oracleGeneral reader with ignore_obj_size (every object has size 1), so
# cache_size counts objects; consider_obj_metadata stays False (the default), so no per-object
# metadata is charged against the capacity. process_trace runs the whole trace in C.
peer_py='
import sys, libcachesim as lcs
path, cls, cap = sys.argv[1], sys.argv[2], int(sys.argv[3])
params = lcs.ReaderInitParam()
params.ignore_obj_size = True
reader = lcs.TraceReader(path, lcs.TraceType.ORACLE_GENERAL_TRACE, params)
cache = getattr(lcs, cls)(cache_size=cap)
obj_miss_ratio, _ = cache.process_trace(reader)
print(f"{obj_miss_ratio:.12f} {reader.n_read_req}")
'
peer=1
peer_note=""
if [ "${LCS_SETUP:-1}" = 1 ] && ! "$venv/bin/python" -c 'import libcachesim' 2>/dev/null; then
    echo "setting up the libCacheSim peer: $venv (python3 -m venv; pip install libcachesim==0.3.5) ..." >&2
    if command -v python3 >/dev/null && { [ -x "$venv/bin/python" ] || python3 -m venv "$venv" >&2; } \
        && "$venv/bin/pip" install -q --disable-pip-version-check libcachesim==0.3.5 >&2; then
        echo "installed libcachesim into $venv" >&2
    else
        echo "warning: could not install libcachesim into $venv (no python3 with venv, or PyPI unreachable)" >&2
    fi
fi
if [ ! -x "$venv/bin/python" ]; then
    peer=0
    peer_note="libCacheSim columns skipped: no venv at $venv (python3 -m venv $venv && $venv/bin/pip install libcachesim==0.3.5)"
elif ! "$venv/bin/python" -c 'import libcachesim' 2>/dev/null; then
    peer=0
    peer_note="libCacheSim columns skipped: $venv has no libcachesim ($venv/bin/pip install libcachesim==0.3.5)"
else
    peer_version=$("$venv/bin/python" -c 'import libcachesim; print(libcachesim.__version__)')
fi

peer_class() {
    case $1 in
        lru) echo LRU ;; fifo) echo FIFO ;; clock) echo Clock ;; sieve) echo Sieve ;;
        s3fifo) echo S3FIFO ;; arc) echo ARC ;; lfu) echo LFU ;; belady) echo Belady ;;
        *) echo "" ;;
    esac
}

notes=()
[ -n "$peer_note" ] && notes+=("$peer_note")

# The trace: bench-data/zipfN/zipf10m.oracleGeneral.bin, generated when missing.
dir=bench-data/zipf$n
trace=$dir/zipf10m.oracleGeneral.bin
if [ ! -f "$trace" ]; then
    echo "generating $trace ..." >&2
    mkdir -p "$dir"
    "$bench" zipf "$dir" "$n" >/dev/null
fi
cat "$trace" > /dev/null   # into the page cache

in_list() {  # in_list WORD LIST... -> whether WORD is one of LIST
    local w=$1; shift
    local x
    for x in "$@"; do [ "$x" = "$w" ] && return 0; done
    return 1
}

# stats v1 v2 ... -> "median min max" (numerically sorted)
stats() {
    printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; print m, v[1], v[NR]}'
}

rows=()
for p in $policies; do
    cls=$(peer_class "$p")
    for c in $capacities; do
        ours_t=(); ours_m=(); peer_t=(); peer_m=(); stream_t=(); stream_m=()
        for r in $(seq 1 "$reps"); do
            echo "$p C=$c run $r/$reps" >&2
            if ! /usr/bin/time -f "%e %M" -o "$tmp/time" \
                "$sim" simulate --trace "$trace" --format oracle-general --policy "$p" \
                --capacity-blocks "$c" --json > "$tmp/ours.json" 2> "$tmp/err"; then
                # e.g. a policy this kvcache-sim build does not know: note it and go on.
                notes+=("$p C=$c skipped: kvcache-sim failed: $(grep -v -m1 -e '^Command exited' -e '^$' "$tmp/err" || true)")
                continue 3
            fi
            read -r t m < "$tmp/time"; ours_t+=("$t"); ours_m+=("$m")
            if [ "$p" != belady ]; then
                /usr/bin/time -f "%e %M" -o "$tmp/time" \
                    "$sim" simulate --stream --trace "$trace" --format oracle-general --policy "$p" \
                    --capacity-blocks "$c" --json > "$tmp/stream.json"
                read -r t m < "$tmp/time"; stream_t+=("$t"); stream_m+=("$m")
            fi
            if [ "$peer" = 1 ] && [ -n "$cls" ]; then
                /usr/bin/time -f "%e %M" -o "$tmp/time" \
                    "$venv/bin/python" -c "$peer_py" "$trace" "$cls" "$c" > "$tmp/peer.out"
                read -r t m < "$tmp/time"; peer_t+=("$t"); peer_m+=("$m")
            fi
        done
        # Ours: miss count = accesses - hits.block (the top-level fields come first in the JSON).
        accesses=$(grep -m1 '"accesses"' "$tmp/ours.json" | tr -dc '0-9')
        hits=$(awk '/"hits": *\{/ {f=1; next} f && /"block"/ {gsub(/[^0-9]/, ""); print; exit}' "$tmp/ours.json")
        ours_miss=$((accesses - hits))
        ours_mr=$(awk -v m="$ours_miss" -v a="$accesses" 'BEGIN {printf "%.6f", m / a}')
        read -r otm otlo othi <<< "$(stats "${ours_t[@]}")"
        read -r omm _ _ <<< "$(stats "${ours_m[@]}")"
        ours_cell=$(printf '%.2f [%.2f-%.2f]' "$otm" "$otlo" "$othi")
        ours_mib=$(awk -v k="$omm" 'BEGIN {printf "%.0f", k / 1024}')
        stream_cell="-"; stream_mib="-"; stm=""
        if [ "${#stream_t[@]}" -gt 0 ]; then
            read -r stm stlo sthi <<< "$(stats "${stream_t[@]}")"
            read -r smm _ _ <<< "$(stats "${stream_m[@]}")"
            stream_cell=$(printf '%.2f [%.2f-%.2f]' "$stm" "$stlo" "$sthi")
            stream_mib=$(awk -v k="$smm" 'BEGIN {printf "%.0f", k / 1024}')
            shits=$(awk '/"hits": *\{/ {f=1; next} f && /"block"/ {gsub(/[^0-9]/, ""); print; exit}' "$tmp/stream.json")
            [ "$shits" = "$hits" ] || stream_cell="$stream_cell **MISMATCH** ($shits vs $hits hits)"
        fi
        if [ "${#peer_t[@]}" -gt 0 ]; then
            read -r pmr pn < "$tmp/peer.out"
            peer_miss=$(awk -v r="$pmr" -v n="$pn" 'BEGIN {printf "%.0f", r * n}')
            peer_mr=$(awk -v r="$pmr" 'BEGIN {printf "%.6f", r}')
            read -r ptm ptlo pthi <<< "$(stats "${peer_t[@]}")"
            read -r pmm _ _ <<< "$(stats "${peer_m[@]}")"
            peer_cell=$(printf '%.2f [%.2f-%.2f]' "$ptm" "$ptlo" "$pthi")
            peer_mib=$(awk -v k="$pmm" 'BEGIN {printf "%.0f", k / 1024}')
            speedup=$(awk -v a="$ptm" -v b="$otm" 'BEGIN {if (b > 0) printf "%.2fx", a / b; else print "n/a"}')
            [ -n "$stm" ] && speedup="$speedup / $(awk -v a="$ptm" -v b="$stm" 'BEGIN {if (b > 0) printf "%.2fx", a / b; else print "n/a"}')"
            mr_cell="$ours_mr / $peer_mr"
            if in_list "$p" $exact; then
                if [ "$ours_miss" = "$peer_miss" ] && [ "$accesses" = "$pn" ]; then
                    mr_cell="$mr_cell (exact)"
                else
                    mr_cell="$mr_cell **MISMATCH** ($ours_miss vs $peer_miss misses)"
                fi
            fi
        else
            peer_cell="-"; peer_mib="-"; speedup="-"; mr_cell="$ours_mr / -"
        fi
        rows+=("| $p | $c | $ours_cell | $ours_mib | $stream_cell | $stream_mib | $peer_cell | $peer_mib | $speedup | $mr_cell |")
    done
done

echo
echo "Trace: $trace ($n accesses, single-block requests); $reps runs per cell, each its own process;"
echo "wall seconds median [min-max], peak RSS median (GNU time); libcachesim ${peer_version:-absent}."
echo
echo "| policy | capacity | ours (s) | ours peak MiB | ours --stream (s) | --stream peak MiB | libCacheSim (s) | libCacheSim peak MiB | speed-up (peer/ours, peer/--stream) | miss ratio ours / peer |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}"
if [ "${#notes[@]}" -gt 0 ]; then
    echo
    printf -- '- %s\n' "${notes[@]}"
fi
