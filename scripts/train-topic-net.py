#!/usr/bin/env python3
"""Trains the topic classifier of the search (Knowledge/topic-net.tsv) on the dev question splits.

Usage:
  scripts/train-topic-net.py             write Knowledge/topic-net.tsv
  scripts/train-topic-net.py --held-out  for each dev split, train without it and measure, on its
                                         rows that expect a topic, oih's ranking alone and fused
                                         with the classifier at several weights (chooses the weight)
  scripts/train-topic-net.py --without NAME --out FILE
                                         train without dev split NAME (such as dev12) and write FILE,
                                         to measure the whole program on a split it was not trained on

Needs scikit-learn and numpy, and release builds of oih and oih-bench (swift build -c release
--product oih --product oih-bench): oih-bench prints the tokens the program reads and the
ranking without the classifier; oih exports the topics.

Training lines: the rows of the dev question splits (questions-dev*.tsv; never questions-test*)
that expect a topic and have no previous line, each under each topic it names, and every topic's
title and example questions. The features, file format and the program's use of the chances
are described in Sources/KnowledgeBase/LinearTextModel.swift and Sources/Search/SearchIndex.swift
(`RankingSettings.classifierWeight`); the features are the red-flag net's
(scripts/train-redflag-net.py), computed the same way.
"""
import glob
import importlib.util
import json
import os
import subprocess
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "Tests", "Data")
BENCH = os.environ.get("BENCH", os.path.join(ROOT, ".build", "release", "oih-bench"))
OIH = os.environ.get("OIH", os.path.join(ROOT, ".build", "release", "oih"))
OUT = os.path.join(ROOT, "Knowledge", "topic-net.tsv")
C = float(os.environ.get("NET_C", "10"))
MIN_DF = int(os.environ.get("NET_MIN_DF", "2"))
WEIGHTS = [0.5, 1, 2, 4, 8]

# The red-flag net's tokens and features, so that the two files are read by the same code.
_spec = importlib.util.spec_from_file_location("rednet", os.path.join(ROOT, "scripts", "train-redflag-net.py"))
rednet = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rednet)


def splits():
    """The dev question splits by name (never a test split)."""
    out = {"dev": [os.path.join(DATA, f) for f in ("questions-dev.tsv", "questions-dev-context.tsv",
                                                   "questions-dev-unseen.tsv")]}
    for path in sorted(glob.glob(os.path.join(DATA, "questions-dev[0-9]*.tsv")),
                       key=lambda p: int(os.path.basename(p)[13:-4])):
        out[os.path.basename(path)[10:-4]] = [path]
    assert not any("test" in f for files in out.values() for f in files)
    return out


def rows(files, topic_ids):
    """(topics, line) for each row that expects a topic and has no previous line."""
    out = []
    for path in files:
        with open(path, encoding="utf-8") as handle:
            for row in handle:
                if not row.strip() or row.startswith("#"):
                    continue
                cells = row.rstrip("\n").split("\t")
                if len(cells) < 2 or (len(cells) > 2 and cells[2].strip()):
                    continue
                expected = [e for e in cells[0].split("|") if e in topic_ids]
                if expected:
                    out.append((expected, cells[1]))
    return out


def hits(files):
    """oih's ranking without the classifier: line -> {topic: score}."""
    result = subprocess.run([BENCH, "hits", "--lexical"] + files, capture_output=True, text=True, check=True)
    out = {}
    for line in result.stdout.splitlines():
        cells = line.split("\t")
        out[cells[1]] = {h.rsplit("=", 1)[0]: float(h.rsplit("=", 1)[1]) for h in cells[2:] if "=" in h}
    return out


def train(examples, tokenized):
    lists = [rednet.features(tokenized[text]) for _, text in examples]
    vectorizer = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True, min_df=MIN_DF)
    matrix = vectorizer.fit_transform(lists)
    model = LogisticRegression(C=C, max_iter=4000)
    model.fit(matrix, [topic for topic, _ in examples])
    return vectorizer, model


def chances(vectorizer, model, token_lists):
    """The chances the program computes from the file (pruned, rounded weights)."""
    return rednet.chances(vectorizer, model, [rednet.features(t) for t in token_lists])


def examples_of(named_rows, asks):
    return [(topic, text) for expected, text in named_rows for topic in expected] + asks


def held_out(all_splits, topic_ids, asks, tokenized):
    print("| held-out split | rows | oih ranking | " + " | ".join(f"fused, weight {w}" for w in WEIGHTS)
          + " | classifier alone |")
    print("|---|---|---|" + "---|" * len(WEIGHTS) + "---|")
    totals = np.zeros(len(WEIGHTS) + 2)
    count = 0
    for held, files in all_splits.items():
        training = [r for name, f in all_splits.items() if name != held for r in rows(f, topic_ids)]
        vectorizer, model = train(examples_of(training, asks), tokenized)
        classes = list(model.classes_)
        test = rows(files, topic_ids)
        ranked = hits(files)
        p = chances(vectorizer, model, [tokenized[text] for _, text in test])
        right = np.zeros(len(WEIGHTS) + 2)
        for k, (expected, text) in enumerate(test):
            lexical = ranked.get(text, {})
            top = max(lexical.values()) if lexical else 0.0
            right[0] += bool(lexical) and max(lexical, key=lexical.get) in expected
            for w, weight in enumerate(WEIGHTS):
                # As the program fuses: only with some lexical evidence (top > 0).
                if top <= 0:
                    continue
                fused = dict(lexical)
                for j, topic in enumerate(classes):
                    fused[topic] = fused.get(topic, 0.0) + weight * p[k][j] * top
                right[1 + w] += max(fused, key=fused.get) in expected
            right[-1] += classes[int(p[k].argmax())] in expected
        totals += right
        count += len(test)
        print(f"| {held} | {len(test)} | " + " | ".join(f"{100 * r / len(test):.1f}%" for r in right) + " |")
    print(f"| **all** | {count} | " + " | ".join(f"{100 * r / count:.1f}%" for r in totals) + " |")


def write(all_splits, topic_ids, asks, tokenized, out_path=OUT, without=None):
    training = [r for name, files in all_splits.items() if name != without for r in rows(files, topic_ids)]
    examples = examples_of(training, asks)
    vectorizer, model = train(examples, tokenized)
    classes = list(model.classes_)
    names = vectorizer.get_feature_names_out()
    idf = vectorizer.idf_
    weights = rednet.pruned(model)
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("# The topic classifier of the search: a linear classifier over word and letter features,\n")
        out.write("# read by Sources/KnowledgeBase/LinearTextModel.swift and fused with the BM25F ranking in\n")
        out.write("# Sources/Search/SearchIndex.swift. Generated by scripts/train-topic-net.py from the dev\n")
        out.write("# question splits and the topics' example questions (never a test split); do not edit.\n")
        out.write(f"# {len(examples)} training lines; C {C}; weights below {rednet.PRUNE} left out.\n")
        out.write("classes\t" + "\t".join(classes) + "\n")
        out.write("intercepts\t" + "\t".join(f"{v:.5f}" for v in model.intercept_) + "\n")
        rednet.write_features(out, names, idf, weights)
    print(f"wrote {out_path}: {len(names)} features, {len(examples)} lines, {len(classes)} topics")


def main():
    exported = json.loads(subprocess.run([OIH, "knowledge", "export", "--json", "--knowledge", os.path.join(ROOT, "Knowledge")],
                                         capture_output=True, text=True, check=True).stdout)
    topics = [e for e in exported if e["kind"] == "topic"]
    topic_ids = {t["id"] for t in topics}
    asks = [(t["id"], text) for t in topics for text in [t["title"]] + t["asks"]]
    all_splits = splits()
    texts = sorted({text for files in all_splits.values() for _, text in rows(files, topic_ids)}
                   | {text for _, text in asks})
    tokenized = {text: words for text, (words, _) in zip(texts, rednet.tokens(texts))}
    if "--held-out" in sys.argv:
        held_out(all_splits, topic_ids, asks, tokenized)
    else:
        option = lambda name: sys.argv[sys.argv.index(name) + 1] if name in sys.argv else None
        write(all_splits, topic_ids, asks, tokenized, option("--out") or OUT, option("--without"))


if __name__ == "__main__":
    main()
