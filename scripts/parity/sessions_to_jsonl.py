#!/usr/bin/env python3
"""Convert kv-cache-tester session traces (*.json.gz) to Mooncake-style JSONL.

- sessions concatenated in file-name order
- each session flattened depth-first (request, then nested sub-agent requests);
  a nested record's `t` offsets are relative to the record holding it
- stably sorted by absolute time within a session
- each session starts at the previous session's last request time
- hash ids made globally unique: (session index, hash id) -> fresh int, in order of first appearance
- input_length = in, output_length = out, timestamp in ms (rounded to int)
Usage: sessions_to_jsonl.py TRACE_DIR OUT.jsonl [--block-size-field]
"""
import glob, gzip, json, os, sys


def flatten(reqs, base, out):
    for r in reqs:
        t = base + float(r.get("t", 0.0))
        if "requests" in r and "hash_ids" not in r:
            flatten(r["requests"], t, out)
        else:
            out.append((t, r))
            if "requests" in r:  # defensive: a request that also holds nested ones
                flatten(r["requests"], t, out)


def main():
    trace_dir, out_path = sys.argv[1], sys.argv[2]
    with_bs = "--block-size-field" in sys.argv
    files = sorted(glob.glob(os.path.join(trace_dir, "*.json.gz")))
    ids = {}
    offset = 0.0
    n_req = n_blocks = n_empty = 0
    with open(out_path, "w") as f:
        for si, path in enumerate(files):
            with gzip.open(path, "rt") as g:
                d = json.load(g)
            assert d.get("block_size", 64) == 64, path
            flat = []
            flatten(d["requests"], 0.0, flat)
            flat.sort(key=lambda x: x[0])  # stable
            for t, r in flat:
                hs = []
                for h in r.get("hash_ids", []):
                    k = (si, h)
                    v = ids.get(k)
                    if v is None:
                        v = len(ids)
                        ids[k] = v
                    hs.append(v)
                rec = {"timestamp": int(round((offset + t) * 1000)), "input_length": int(r["in"]),
                       "output_length": int(r["out"]), "hash_ids": hs}
                if with_bs:
                    rec["block_size"] = 64
                f.write(json.dumps(rec, separators=(",", ":")) + "\n")
                n_req += 1
                n_blocks += len(hs)
                n_empty += (len(hs) == 0)
            if flat:
                offset += flat[-1][0]
    print(f"sessions={len(files)} requests={n_req} block_ids={n_blocks} distinct_ids={len(ids)} empty_hash_ids={n_empty}", file=sys.stderr)


if __name__ == "__main__":
    main()
