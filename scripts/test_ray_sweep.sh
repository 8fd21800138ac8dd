#!/bin/bash
# Opt-in test: examples/ray/sweep.py against a local Ray head (127.0.0.1) gives the same
# mrc.csv and summary.json, byte for byte, as a single-process `sweep run --shard 1/1` + merge.
#
#   scripts/test_ray_sweep.sh [SPEC] [N]      (defaults: configs/sweep.yaml, 3)
#
# Needs Ray in .venv-ray (python3 -m venv .venv-ray && .venv-ray/bin/pip install ray) or
# RAY_PYTHON, and a built kvcache-sim (KVCACHE_SIM, default .build/debug/kvcache-sim). The head
# runs on a free port with its own temp folder and is stopped by its own process id at exit
# (never `ray stop`, which would stop every Ray on the machine).
set -euo pipefail
cd "$(dirname "$0")/.."
SPEC=${1:-configs/sweep.yaml}
N=${2:-3}
PY=${RAY_PYTHON:-.venv-ray/bin/python}
RAY=$(dirname "$PY")/ray
BIN=${KVCACHE_SIM:-.build/debug/kvcache-sim}
[ -x "$PY" ] || { echo "no Ray python at $PY: python3 -m venv .venv-ray && .venv-ray/bin/pip install ray" >&2; exit 2; }
[ -x "$BIN" ] || { echo "no kvcache-sim at $BIN: swift build" >&2; exit 2; }
WORK=$(mktemp -d /tmp/kvsweep-ray.XXXXXX)
RAYTMP=$(mktemp -d /tmp/rayw.XXXXXX)   # short: Ray's socket paths must fit in 107 bytes
PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
HEAD=
cleanup() {
    if [ -n "$HEAD" ]; then
        kill -TERM -- "-$HEAD" 2>/dev/null || true   # the head's own process group (setsid)
        for _ in $(seq 20); do kill -0 -- "-$HEAD" 2>/dev/null || break; sleep 0.5; done
        kill -KILL -- "-$HEAD" 2>/dev/null || true
    fi
    rm -rf "$WORK" "$RAYTMP"
}
trap cleanup EXIT
export RAY_USAGE_STATS_ENABLED=0
setsid "$RAY" start --head --block --node-ip-address 127.0.0.1 --port "$PORT" --num-cpus 2 \
    --include-dashboard=false --temp-dir "$RAYTMP" --disable-usage-stats > "$WORK/head.log" 2>&1 &
HEAD=$!
disown "$HEAD"   # no "Killed" notice from bash when cleanup stops it
for _ in $(seq 120); do
    grep -q "Ray runtime started" "$WORK/head.log" 2>/dev/null && break
    kill -0 "$HEAD" 2>/dev/null || { cat "$WORK/head.log" >&2; exit 1; }
    sleep 0.5
done
grep -q "Ray runtime started" "$WORK/head.log" || { echo "the Ray head did not start" >&2; cat "$WORK/head.log" >&2; exit 1; }

"$BIN" sweep run --spec "$SPEC" --shard 1/1 --out "$WORK/single-parts" 2>/dev/null
"$BIN" sweep merge "$WORK/single-parts" --out "$WORK/single" 2>/dev/null
"$PY" examples/ray/sweep.py --spec "$SPEC" --shards "$N" --out "$WORK/ray" --address "127.0.0.1:$PORT" --kvcache-sim "$BIN"
ls "$WORK/ray/parts"
cmp "$WORK/single/mrc.csv" "$WORK/ray/mrc.csv"
cmp "$WORK/single/summary.json" "$WORK/ray/summary.json"
echo "ray sweep: $N shards on a local Ray head equal the single-process run byte for byte"
