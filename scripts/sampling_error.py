#!/usr/bin/env python3
"""Error of a sampled LRU curve against the exact one (MODEL 5.11, docs/benchmarks.md).

Usage: sampling_error.py EXACT_MRC_CSV SAMPLED_CSV [GRID_MRC_CSV]
  EXACT_MRC_CSV: `mrc --policies lru --all-capacities --no-upper-bound` (every size 1..U);
  SAMPLED_CSV: an mrc.csv (policy lru, block semantics) or a capacity_blocks,miss_ratio CSV;
  GRID_MRC_CSV: an mrc.csv whose lru capacities are the grid (default: 40 log-spaced sizes).
Prints: mae_all max_all mae_grid max_grid sizes grid_sizes. MAE over all sizes weighs every
cache size 1..U equally (past its largest size the sampled curve is taken as flat); the grid MAE weighs the
grid's capacities equally.
"""
import csv
import sys


def curve(path, semantics="block"):
    out = {}
    for row in csv.DictReader(line for line in open(path) if not line.startswith("#")):
        if "policy" in row and (row["policy"] != "lru" or row["semantics"] != semantics):
            continue
        out[int(row["capacity_blocks"])] = float(row["miss_ratio"])
    return out


exact = curve(sys.argv[1])
sampled = curve(sys.argv[2])
grid = sorted(curve(sys.argv[3])) if len(sys.argv) > 3 else None
unique = max(exact)
if grid is None:
    grid = sorted({max(1, round(unique ** (i / 39))) for i in range(40)})
top = max(sampled)


def at(c):  # past the sample's estimated unique count the sampled curve is flat
    return sampled.get(c, sampled[top] if c > top else None)


errs = [abs(at(c) - exact[c]) for c in range(1, unique + 1) if at(c) is not None]
gerrs = [abs(at(c) - exact[min(c, unique)]) for c in grid if at(c) is not None]
print("%.5f %.5f %.5f %.5f %d %d" % (sum(errs) / len(errs), max(errs), sum(gerrs) / len(gerrs), max(gerrs), len(errs), len(gerrs)))
