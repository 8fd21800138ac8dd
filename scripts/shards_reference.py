#!/usr/bin/env python3
"""Independent reference for sampled LRU curves (MODEL 5.11): fixed-rate SHARDS (Waldspurger,
Park, Garthwaite and Ahmad, FAST 2015) on an `ids` trace, in plain Python + numpy.

Rule: an id is sampled when splitmix64's finaliser of (id + (seed + 1) * golden) is below
rate * 2^64 (the hash kvcache-sim applies to raw ids); LRU stack distances are computed over
the sampled accesses (Fenwick tree over access times); the histogram's distance d stands for
d / rate; SHARDS-adj adds (rate * N - sampled accesses) to the first bucket. Miss ratio at
cache size C: 1 - (H(floor(C * rate)) + adj [C * rate >= 1]) / (rate * N), clamped to [0, 1], the
paper's step estimator (kvcache-sim interpolates between floor and ceil instead; the two agree
at every C = k / rate: checked on 10^8 Zipf accesses at rate 0.01, largest difference 1e-16).

Usage: shards_reference.py IDS_FILE RATE [SEED] > curve.csv   (capacity_blocks,miss_ratio for
every C from 1 to the estimated unique count)
"""
import sys
import numpy as np

M64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def mix(ids, seed):
    with np.errstate(over="ignore"):
        z = ids + np.uint64(seed) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def main():
    path, rate = sys.argv[1], float(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 42
    threshold = np.uint64(min(int(rate * 2**64), 2**64 - 1))
    n = 0
    kept = []
    with open(path, "rb") as f:
        while True:
            lines = f.readlines(1 << 26)
            if not lines:
                break
            ids = np.array(lines, dtype=np.uint64) if lines else np.zeros(0, np.uint64)
            n += len(ids)
            kept.append(ids[mix(ids, seed) < threshold])
    sample = np.concatenate(kept) if kept else np.zeros(0, np.uint64)
    m = len(sample)
    # LRU stack distances on the sample: a Fenwick tree marks each id's last access time.
    tree = [0] * (m + 1)

    def add(i, v):
        i += 1
        while i <= m:
            tree[i] += v
            i += i & -i

    def prefix(i):  # sum over times < i
        s = 0
        while i > 0:
            s += tree[i]
            i -= i & -i
        return s

    last = {}
    hist = {}
    live = 0
    for t, x in enumerate(sample.tolist()):
        p = last.get(x)
        if p is not None:
            d = live - prefix(p)  # distinct ids touched at or after p, x included
            hist[d] = hist.get(d, 0) + 1
            add(p, -1)
        else:
            live += 1
        add(t, 1)
        last[x] = t
    adj = rate * n - m
    unique = max(1, round(len(last) / rate))
    maxd = max(hist) if hist else 0
    cum = np.zeros(maxd + 2)
    for d, c in hist.items():
        cum[d] += c
    cum = np.cumsum(cum)
    print("capacity_blocks,miss_ratio")
    for c in range(1, unique + 1):
        k = min(int(c * rate), maxd + 1)
        h = (cum[k] + adj) if k >= 1 else 0.0
        print(f"{c},{min(1.0, max(0.0, 1 - h / (rate * n))):.6f}")
    print(f"# n={n} sampled={m} sampled_unique={len(last)} adj={adj:.0f}", file=sys.stderr)


main()
