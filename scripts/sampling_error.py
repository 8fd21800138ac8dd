#!/usr/bin/env python3
"""Error of a sampled LRU curve against the exact one (MODEL 5.11, docs/benchmarks.md).

Usage: sampling_error.py EXACT_MRC_CSV SAMPLED_CSV [SEMANTICS]
  EXACT_MRC_CSV: `mrc --policies lru --only-listed --all-capacities` (every size 1..U);
  SAMPLED_CSV: an mrc.csv of the sampled run with --all-capacities (policy lru), or a
  capacity_blocks,miss_ratio CSV (scripts/shards_reference.py);
  SEMANTICS: block (default) or prefix.
Prints: mae_all max_all mae_grid max_grid, where
  mae_all  = mean over every cache size C = 1 .. U (U = the exact unique block count, each size
             weighted equally) of |sampled(C) - exact(C)|; past the sampled curve's largest size
             (its estimated unique count) the sampled curve is taken as flat;
  mae_grid = the same over the default grid (40 log-spaced sizes from 1 to U, as mrc's);
  max_*    = the largest absolute error over the same sizes.
"""
import csv
import math
import sys


def curve(path, semantics):
    out = {}
    for row in csv.DictReader(line for line in open(path) if not line.startswith("#")):
        if "policy" in row and (row["policy"] != "lru" or row["semantics"] != semantics):
            continue
        out[int(row["capacity_blocks"])] = float(row["miss_ratio"])
    return out


semantics = sys.argv[3] if len(sys.argv) > 3 else "block"
exact = curve(sys.argv[1], semantics)
sampled = curve(sys.argv[2], semantics)
unique = max(exact)
top = max(sampled)


def at(c):
    return sampled.get(c, sampled[top] if c > top else None)


grid = sorted({int(math.floor(math.exp(math.log(unique) * i / 39) + 0.5)) for i in range(40)} | {1, unique})
errs = [abs(at(c) - exact[c]) for c in range(1, unique + 1) if at(c) is not None]
gerrs = [abs(at(c) - exact[c]) for c in grid if at(c) is not None]
print("%.5f %.5f %.5f %.5f" % (sum(errs) / len(errs), max(errs), sum(gerrs) / len(gerrs), max(gerrs)))
