#!/bin/bash
# Submits a kvcache-sim sweep to Slurm: an array of N shard jobs, then a merge job that runs
# only when all of them succeeded (afterok).
#
#   examples/slurm/submit.sh SPEC N [PARTS] [OUT]
#
# PARTS and OUT must be on a file system every node sees. KVCACHE_SIM (default: kvcache-sim on
# PATH) is passed on to the jobs; extra sbatch options go in SBATCH_EXTRA (e.g. "-p short").
set -euo pipefail
SPEC=${1:?usage: submit.sh SPEC N [PARTS] [OUT]}
N=${2:?usage: submit.sh SPEC N [PARTS] [OUT]}
PARTS=${3:-parts}
OUT=${4:-merged}
HERE=$(cd "$(dirname "$0")" && pwd)
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
export SPEC=$(abs "$SPEC") PARTS=$(abs "$PARTS") OUT=$(abs "$OUT") KVCACHE_SIM=${KVCACHE_SIM:-kvcache-sim}
mkdir -p "$PARTS"
# Array ids 0..N-1 run shards 1/N..N/N (sweep.sbatch).
array=$(sbatch --parsable ${SBATCH_EXTRA:-} --array="0-$((N - 1))" --export=ALL "$HERE/sweep.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable ${SBATCH_EXTRA:-} --dependency="afterok:${array}" --kill-on-invalid-dep=yes --export=ALL "$HERE/merge.sbatch")
merge=${merge%%;*}
echo "array job ${array} (${N} shards), merge job ${merge} -> ${OUT}/mrc.csv, ${OUT}/summary.json"
