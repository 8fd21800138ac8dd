#!/usr/bin/env python3
"""Writes notebooks-data/sample_bailian.jsonl: a small synthetic trace in the layout of the
Alibaba Bailian traces (alibaba-edu/qwen-bailian-usagetraces-anon), for tests and examples.

    python3 scripts/make_bailian_sample.py [OUT]      (default: notebooks-data/sample_bailian.jsonl)

One JSON object per line, keys in the published order:
    chat_id, parent_chat_id (-1 = root), timestamp (seconds, 3 decimals), input_length,
    output_length, type, turn, hash_ids (one id per 16-token block)

The workload: chats start as a Poisson stream (one every 0.7 s on average). A root's input is
one of a few shared system prompts of its type (whole blocks) plus a user message; each finished
turn is followed, with a per-chat probability and after an exponential think time, by a
follow-up whose input is the parent's input, the parent's output and a new user message. Its
hash_ids repeat the parent's full blocks (the parent's last, partly filled block changes, as in
the real traces) and continue with new ids. Ids and chat ids are sequential integers in order of
first appearance, as in the published files. Types: text, search, image, file.

Deterministic: only Python's standard library, one seeded `random.Random`; the same script
writes the same bytes.
"""
import heapq
import json
import math
import random
import sys

SEED = 20250704
BLOCK = 16
CHATS = 150
MAX_INPUT = 3000          # tokens; a chat ends when its next turn would be longer
TYPES = [                 # (type, weight, continue probability, system prompts, prompt blocks)
    ("text", 0.50, 0.70, 2, (8, 24)),
    ("search", 0.20, 0.45, 1, (30, 40)),
    ("image", 0.15, 0.50, 2, (6, 10)),
    ("file", 0.15, 0.60, 1, (12, 16)),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "notebooks-data/sample_bailian.jsonl"
    rng = random.Random(SEED)
    next_raw = [0]

    def fresh(n):
        ids = list(range(next_raw[0], next_raw[0] + n))
        next_raw[0] += n
        return ids

    prompts = {}
    for name, _, _, count, (lo, hi) in TYPES:
        prompts[name] = [fresh(rng.randint(lo, hi)) for _ in range(count)]

    def user_tokens(kind):
        base = {"text": 4.5, "search": 5.5, "image": 6.0, "file": 6.8}[kind]
        return max(1, min(1500, int(rng.lognormvariate(base, 0.6))))

    # Events: (time, order, state). A state describes one request about to be emitted.
    events = []
    order = 0
    t = 0.0
    for _ in range(CHATS):
        t += rng.expovariate(1 / 0.7)
        r = rng.random()
        acc = 0.0
        for kind, weight, p_continue, _, _ in TYPES:
            acc += weight
            if r < acc:
                break
        prompt = rng.choice(prompts[kind])
        message = user_tokens(kind)
        length = len(prompt) * BLOCK + message
        ids = prompt + fresh(math.ceil(length / BLOCK) - len(prompt))
        # Some chats are long-lived (more turns than 10 now and then).
        keep = min(0.93, p_continue + (0.25 if rng.random() < 0.15 else 0.0))
        state = {"parent": None, "turn": 1, "kind": kind, "input": length, "ids": ids, "keep": keep}
        heapq.heappush(events, (round(t, 3), order, state))
        order += 1

    lines = []
    chat_of = {}
    while events:
        time, key, s = heapq.heappop(events)
        chat_id = len(lines)
        chat_of[key] = chat_id
        output = max(1, min(2000, int(rng.lognormvariate(5.0, 0.8))))
        record = {
            "chat_id": chat_id,
            "parent_chat_id": -1 if s["parent"] is None else chat_of[s["parent"]],
            "timestamp": time,
            "input_length": s["input"],
            "output_length": output,
            "type": s["kind"],
            "turn": s["turn"],
            "hash_ids": s["ids"],
        }
        lines.append(record)
        if rng.random() < s["keep"]:
            length = s["input"] + output + user_tokens(s["kind"])
            if length <= MAX_INPUT:
                kept = s["ids"][: s["input"] // BLOCK]   # the parent's full blocks
                ids = kept + fresh(math.ceil(length / BLOCK) - len(kept))
                think = 2.0 + rng.expovariate(1 / 25.0)
                child = {"parent": key, "turn": s["turn"] + 1, "kind": s["kind"], "input": length,
                         "ids": ids, "keep": s["keep"]}
                heapq.heappush(events, (round(time + think, 3), order, child))
                order += 1

    # Ids as sequential integers in order of first appearance (the published remapping).
    remap = {}
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for record in lines:
            record["hash_ids"] = [remap.setdefault(i, len(remap)) for i in record["hash_ids"]]
            f.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
