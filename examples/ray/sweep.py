#!/usr/bin/env python3
"""Runs a kvcache-sim sweep on a Ray cluster (MODEL 9.5): one Ray task per shard, each calling
`kvcache-sim sweep run --shard i/N` into a scratch folder of its worker and returning the
partial result's bytes; the driver writes them to --parts and runs `kvcache-sim sweep merge`.

Workers need the executable and the spec's inputs at the same paths (a shared file system or
the same checkout); the partial results travel through Ray, so --parts and --out are only on the
driver's machine. A shard that fails is retried (shards are idempotent: a rerun gives the same
bytes); if it still fails, nothing is merged.

    python examples/ray/sweep.py --spec configs/sweep.yaml --shards 4 --out merged \
        [--parts parts] [--address 127.0.0.1:6379] [--kvcache-sim .build/release/kvcache-sim]
"""
import argparse
import os
import subprocess
import sys
import tempfile

import ray


@ray.remote(max_retries=2, num_cpus=1)
def run_shard(kvcache_sim, spec, index, count):
    """Shard `index`/`count` (1-based); returns (file name, bytes) of its partial result."""
    with tempfile.TemporaryDirectory(prefix="kvcache-sweep-") as scratch:
        done = subprocess.run(
            [kvcache_sim, "sweep", "run", "--spec", spec, "--shard", f"{index}/{count}", "--out", scratch],
            capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"shard {index}/{count} failed (exit {done.returncode}): {done.stderr.strip()}")
        names = [n for n in os.listdir(scratch) if n.startswith("sweep-") and n.endswith(".json")]
        if len(names) != 1:
            raise RuntimeError(f"shard {index}/{count} wrote {names}, expected one partial result")
        with open(os.path.join(scratch, names[0]), "rb") as f:
            return names[0], f.read()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--spec", required=True)
    p.add_argument("--shards", type=int, required=True, help="N: shards 1/N .. N/N, one Ray task each")
    p.add_argument("--out", required=True, help="folder for mrc.csv and summary.json")
    p.add_argument("--parts", default=None, help="folder for the partial results (default: OUT/parts)")
    p.add_argument("--address", default=None, help="Ray cluster address (default: RAY_ADDRESS, else a local Ray)")
    p.add_argument("--kvcache-sim", default=os.environ.get("KVCACHE_SIM", "kvcache-sim"))
    a = p.parse_args()
    if a.shards < 1:
        p.error("--shards must be at least 1")
    kvcache_sim = os.path.abspath(a.kvcache_sim) if os.sep in a.kvcache_sim else a.kvcache_sim
    spec = os.path.abspath(a.spec)
    parts = a.parts or os.path.join(a.out, "parts")
    os.makedirs(parts, exist_ok=True)

    ray.init(address=a.address, log_to_driver=False)
    try:
        futures = [run_shard.remote(kvcache_sim, spec, i, a.shards) for i in range(1, a.shards + 1)]
        for name, data in ray.get(futures):
            # Atomic, as the CLI writes: a temporary name, then a rename.
            tmp = os.path.join(parts, "." + name + ".tmp")
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, os.path.join(parts, name))
            print(f"shard partial {name}", file=sys.stderr)
    finally:
        ray.shutdown()
    subprocess.run([kvcache_sim, "sweep", "merge", parts, "--out", a.out], check=True)


if __name__ == "__main__":
    main()
