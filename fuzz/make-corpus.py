#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes seed corpora for the fuzz/ harnesses from the project's own data.

    fuzz/make-corpus.py OUTDIR [--per-source N]

OUTDIR/<fuzzer>/ gets one file per seed, named by content hash. fuzz/corpus/
in the repository holds a small run of this (--per-source 6), replayed by the
test suite; long fuzz runs use a bigger one (the default, 400).
"""
import argparse
import gzip
import hashlib
import json
import os
import random
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATASET = os.path.join(ROOT, "data", "dataset")
TESTDATA = os.path.join(ROOT, "tests", "data")

# First byte of a fuzz-csv input: the format (see fuzz-csv.c).
HISTORY, AUTHORS, PERIOD, AUTO = b"\x00", b"\x01", b"\x02", b"\x03"


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        return f.read()


def pick(items, n, rng):
    items = list(items)
    return items if len(items) <= n else rng.sample(items, n)


def chunks(lines, header, n, rows, rng):
    """n pieces of a line-based file, each the header plus rows lines."""
    out = []
    for _ in range(n):
        start = rng.randrange(max(1, len(lines) - rows))
        out.append(header + b"".join(lines[start:start + rows]))
    return out


def model_entries(n, rng):
    lines = read(os.path.join(DATASET, "hub-models.jsonl.gz")).splitlines(True)
    # Prefer the entries with lineage, cardData or gguf: more branches.
    rich = [l for l in lines if b"baseModels" in l or b"base_model" in l or b"gguf" in l]
    seeds = pick(rich, n, rng) + pick(lines, n // 2, rng)
    seeds += pick(read(os.path.join(DATASET, "trending-captures.jsonl")).splitlines(), n // 4, rng)
    seeds += read(os.path.join(TESTDATA, "bad-entries.jsonl")).splitlines()
    for name in sorted(os.listdir(os.path.join(DATASET, "top-models-daily")))[:1]:
        daily = json.loads(read(os.path.join(DATASET, "top-models-daily", name)))
        seeds += [json.dumps(m).encode() for m in pick(daily.get("models", []), n // 4, rng)]
    for name in ("array-page.json",):
        page = json.loads(read(os.path.join(TESTDATA, name)))
        seeds += [json.dumps(m).encode() for m in page[:n]]
    return seeds


def tag_lists(n, rng):
    seeds = []
    for line in read(os.path.join(DATASET, "hub-models.jsonl.gz")).splitlines():
        if b"base_model:" in line:
            seeds.append("\n".join(json.loads(line).get("tags") or []).encode())
    seeds = pick(seeds, n, rng)
    seeds += [b"base_model:a/b\nbase_model:finetune:a/b", b"base_model:merge:x/y\nbase_model:x/z",
              b"base_model:quantized:", b"base_model::a/b", b"base_model:adapter:gpt2",
              b"base_model:finetune:a/b/c", b"base_model:self/self"]
    return seeds


def csv_inputs(n, rng):
    seeds = []
    history = read(os.path.join(DATASET, "hub-models-history.csv.gz")).splitlines(True)
    seeds += [HISTORY + c for c in chunks(history[1:], history[0], n, 12, rng)]
    authors = read(os.path.join(DATASET, "authors.csv")).splitlines(True)
    seeds += [AUTHORS + c for c in chunks(authors[1:], authors[0], n, 8, rng)]
    period = read(os.path.join(TESTDATA, "kblab-monthly-downloads.csv.gz")).splitlines(True)
    seeds += [PERIOD + c for c in chunks(period[1:], period[0], n, 10, rng)]
    seeds.append(PERIOD + b"model_id,date,downloads\na/b,2024-01-01,5\n\"a/c\",2024-02-01,\"7\"\n")
    seeds.append(PERIOD + b'{"model_id":"a/b","date":"2024-01-01","downloads":5}\n')
    seeds.append(HISTORY + read(os.path.join(TESTDATA, "bad-history.csv")))
    seeds.append(AUTHORS + b'author,display_name,evidence\nx,"multi\nline ""quoted""",e\n')
    models = read(os.path.join(DATASET, "hub-models.jsonl.gz")).splitlines(True)
    seeds += [AUTO + b"".join(pick(models, 3, rng)) for _ in range(max(1, n // 4))]
    seeds.append(AUTO + read(os.path.join(TESTDATA, "array-page.json"))[:4000])
    seeds += [AUTO + c for c in chunks(history[1:], history[0], max(1, n // 4), 6, rng)]
    return seeds


def headers(n, rng):
    text = read(os.path.join(ROOT, "tests", "test-http-headers.c")).decode()
    seeds = [bytes(s, "utf-8").decode("unicode_escape").encode("utf-8")
             for s in re.findall(r'"((?:[^"\\]|\\.)*)"', text)
             if any(k in s for k in ("rel", ";r=", "q=", "t=", "GMT", "<"))]
    seeds += [b'<https://huggingface.co/api/models?cursor=abc&limit=1000>; rel="next"',
              b'"api";r=489;t=189', b'"fixed window";"api";q=500;w=300', b"120",
              b"Wed, 21 Oct 2015 07:28:00 GMT", b'"api";r=0;t=42, "resolvers";r=3;t=9']
    return pick(seeds, 4 * n, rng)


def queries(n, rng):
    seeds = set()
    for name in ("test-query.c", "test-share.c", "test-cli.c"):
        text = read(os.path.join(ROOT, "tests", name)).decode()
        seeds.update(re.findall(r'"((?:by|axis|series|measure|window|attribution|top|task|library|'
                                r'country|org_type|relation|created_from|created_to|min_params|'
                                r'max_params|within)=[^"]*)"', text))
    return [s.encode() for s in pick(sorted(seeds), 4 * n, rng)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir")
    parser.add_argument("--per-source", type=int, default=400)
    args = parser.parse_args()
    rng = random.Random(20260822)
    makers = {
        "fuzz-model-entry": model_entries,
        "fuzz-tags": tag_lists,
        "fuzz-csv": csv_inputs,
        "fuzz-http-headers": headers,
        "fuzz-query": queries,
    }
    for fuzzer, make in makers.items():
        folder = os.path.join(args.outdir, fuzzer)
        os.makedirs(folder, exist_ok=True)
        seeds = make(args.per_source, rng)
        for seed in seeds:
            name = hashlib.sha1(seed).hexdigest()[:16]
            with open(os.path.join(folder, name), "wb") as f:
                f.write(seed)
        print(f"{fuzzer}: {len(set(seeds))} seeds in {folder}")


if __name__ == "__main__":
    main()
