#!/bin/bash
# Opt-in test: the Slurm scripts of examples/slurm on a single-node Slurm started here
# (Debian's slurm-wlm: munged, slurmctld and slurmd on 127.0.0.1, on free ports, with their own
# state folder; stopped by their process ids at exit). submit.sh submits the array of N shard
# jobs and the dependent merge job; the merged mrc.csv and summary.json must equal a
# single-process `sweep run --shard 1/1` + merge byte for byte.
#
#   scripts/test_slurm_sweep.sh [SPEC] [N]     (defaults: configs/sweep.yaml, 3)
#
# Needs root (slurmd runs jobs as their user) and `apt-get install slurm-wlm`.
set -euo pipefail
cd "$(dirname "$0")/.."
SPEC=${1:-configs/sweep.yaml}
N=${2:-3}
BIN=$(realpath "${KVCACHE_SIM:-.build/debug/kvcache-sim}")
for tool in munged slurmctld slurmd sbatch squeue; do
    command -v "$tool" > /dev/null || { echo "no $tool: apt-get install slurm-wlm" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "no kvcache-sim at $BIN: swift build" >&2; exit 2; }
WORK=$(mktemp -d /tmp/kvsweep-slurm.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
CTLD_PORT=$(free_port); SLURMD_PORT=$(free_port)
HOST=$(hostname -s)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    sleep 1
    for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    if [ -n "${KEEP:-}" ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
mkdir -p "$WORK/munge" "$WORK/state" "$WORK/spool" "$WORK/jobs"
# munged on its own socket, with its own key (it never talks to a system munged).
dd if=/dev/urandom of="$WORK/munge/munge.key" bs=1 count=128 2> /dev/null
chmod 700 "$WORK/munge"; chmod 400 "$WORK/munge/munge.key"
SOCK="$WORK/munge/munge.socket"
munged --foreground --force --key-file "$WORK/munge/munge.key" --socket "$SOCK" \
    --pid-file "$WORK/munge/munged.pid" --log-file "$WORK/munge/munged.log" --seed-file "$WORK/munge/seed" \
    > "$WORK/munge/munged.out" 2>&1 &
PIDS+=($!)
cat > "$WORK/slurm.conf" <<CONF
ClusterName=kvsweep
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$SOCK
CredType=cred/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$WORK/slurm.conf"
sleep 1
slurmctld -D -i -f "$SLURM_CONF" > "$WORK/slurmctld.out" 2>&1 &
PIDS+=($!)
slurmd -D -f "$SLURM_CONF" -N "$HOST" > "$WORK/slurmd.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 60); do
    sinfo -h -o '%T' 2> /dev/null | grep -qE '^idle' && break
    sleep 1
done
if ! sinfo -h -o '%T' 2> /dev/null | grep -qE '^idle'; then
    echo "the single-node Slurm did not come up:" >&2
    sinfo >&2 || true
    tail -20 "$WORK/slurmctld.log" "$WORK/slurmd.log" "$WORK/slurmctld.out" "$WORK/slurmd.out" >&2 || true
    exit 1
fi

"$BIN" sweep run --spec "$SPEC" --shard 1/1 --out "$WORK/single-parts" 2> /dev/null
"$BIN" sweep merge "$WORK/single-parts" --out "$WORK/single" 2> /dev/null
cd "$WORK/jobs"   # the jobs' .out files
KVCACHE_SIM="$BIN" "$OLDPWD/examples/slurm/submit.sh" "$OLDPWD/$SPEC" "$N" "$WORK/parts" "$WORK/merged"
cd "$OLDPWD"
for _ in $(seq 300); do
    [ -z "$(squeue -h 2> /dev/null)" ] && break
    sleep 1
done
squeue -h | grep -q . && { echo "jobs did not finish:" >&2; squeue >&2; exit 1; }
ls "$WORK/parts"
cat "$WORK"/jobs/*.out >&2 || true
cmp "$WORK/single/mrc.csv" "$WORK/merged/mrc.csv"
cmp "$WORK/single/summary.json" "$WORK/merged/summary.json"
echo "slurm sweep: an array of $N shards and the dependent merge equal the single-process run byte for byte"
