#!/usr/bin/env python3
"""Independent, deliberately naive re-implementation of kvcache-simulator 0.1.3 lru/optimal
(no heap: linear scan for the victim), used to check the FINDINGS pseudo-code against the
real tool. Extras: hit/total *blocks*, configurable warm-up, optional fill check.

usage: ref_port.py TRACE.jsonl --block-size N --caps 2,3,5 [--warmup K|half] [--no-fill-check]
"""
import argparse, json, math


def block_tokens(input_length, block_size, index):
    remaining = input_length - index * block_size
    return 1 if remaining <= 0 else max(1, min(block_size, remaining))


def load(path, block_size):
    reqs = []
    for line in open(path):
        line = line.strip()
        if not line:
            continue
        r = json.loads(line)
        bs = r.get("block_size") or block_size
        ids = [str(h) for h in r["hash_ids"]]
        if not ids:
            continue  # kvcache-sim skips records with empty hash_ids
        toks = r.get("block_tokens") or [block_tokens(int(r["input_length"]), bs, i) for i in range(len(ids))]
        reqs.append((ids, toks))
    # trie: node = (parent node, raw id); root = 0; numbered in first-appearance order
    edges, parent, paths = {}, [0], []
    for ids, _ in reqs:
        p, path = 0, []
        for h in ids:
            n = edges.get((p, h))
            if n is None:
                n = len(parent); edges[(p, h)] = n; parent.append(p)
            path.append(n); p = n
        paths.append(path)
    R = len(reqs)
    nxt = []  # next_use[r][i] = next request index > r whose path contains paths[r][i], else R+1
    last = {}
    for r in range(R - 1, -1, -1):
        nxt.append([last.get(n, R + 1) for n in paths[r]])
        for n in paths[r]:
            last[n] = r
    nxt.reverse()
    return reqs, paths, parent, nxt


def simulate(reqs, paths, parent, nxt, C, optimal, warmup, fill_check=True, per_request=None):
    R = len(reqs)
    present = {0}
    children = [0] * len(parent)
    key = {}
    clock = 0
    full = False
    hit_tok = tot_tok = hit_blk = tot_blk = 0
    for r in range(R):
        if fill_check and r >= warmup and not full:
            return None  # underfilled
        path, toks, measured = paths[r], reqs[r][1], r >= warmup
        # 1. lookup at arrival: longest cached prefix (present => all ancestors present)
        for i, n in enumerate(path):
            if measured:
                tot_tok += toks[i]; tot_blk += 1
            if n in present:
                if measured:
                    hit_tok += toks[i]; hit_blk += 1
                if optimal:
                    key[n] = nxt[r][i]
                else:
                    clock += 1; key[n] = clock
        if per_request is not None:
            per_request.append(sum(1 for n in path if n in present))
        protected = {n for n in path if n in present}
        # 2. insert missing blocks in path order
        for i, n in enumerate(path):
            if n in present:
                continue
            if len(present) - 1 >= C:
                leaves = [m for m in present if m != 0 and children[m] == 0 and m not in protected]
                if not leaves:
                    break
                if optimal:
                    v = max(leaves, key=lambda m: (key[m], m))
                    if key[v] <= nxt[r][i]:
                        break  # bypass: rest of the request is not inserted
                else:
                    v = min(leaves, key=lambda m: (key[m], -m))
                present.discard(v); children[parent[v]] -= 1
            if len(present) - 1 < C and parent[n] in present:
                present.add(n); children[parent[n]] += 1
                if optimal:
                    key[n] = nxt[r][i]
                else:
                    clock += 1; key[n] = clock
                if len(present) - 1 >= C and r < warmup:
                    full = True
            else:
                break
    if fill_check and (not full or tot_tok == 0):
        return None
    return dict(hitTokens=hit_tok, totalTokens=tot_tok, hitBlocks=hit_blk, totalBlocks=tot_blk,
                uniqueBlocks=len(parent) - 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("trace"); ap.add_argument("--block-size", type=int, default=0)
    ap.add_argument("--caps", required=True); ap.add_argument("--warmup", default="half")
    ap.add_argument("--no-fill-check", action="store_true"); ap.add_argument("--policies", default="lru,optimal")
    a = ap.parse_args()
    reqs, paths, parent, nxt = load(a.trace, a.block_size)
    warm = math.floor(len(reqs) * 0.5) if a.warmup == "half" else int(a.warmup)
    out = {"requests": len(reqs), "warmupRequests": warm, "fillCheck": not a.no_fill_check, "points": []}
    for c in [int(x) for x in a.caps.split(",")]:
        pt = {"cacheBlocks": c}
        for pol in a.policies.split(","):
            pt[pol] = simulate(reqs, paths, parent, nxt, c, pol == "optimal", warm, not a.no_fill_check)
        out["points"].append(pt)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
