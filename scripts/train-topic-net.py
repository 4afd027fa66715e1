#!/usr/bin/env python3
"""Trains the topic classifier of the search (Knowledge/topic-net.tsv) on the dev question splits.

Usage:
  scripts/train-topic-net.py             write Knowledge/topic-net.tsv
  scripts/train-topic-net.py --held-out  for each dev split, train without it and measure, on its
                                         rows that expect a topic, oih's ranking alone and fused
                                         with the classifier at several weights (chooses the weight)
  scripts/train-topic-net.py --without NAME[,NAME...] --out FILE
                                         train without the dev splits named (such as dev12) and write FILE,
                                         to measure the whole program on a split it was not trained on

Needs scikit-learn and numpy, and release builds of oih and oih-bench (swift build -c release
--product oih --product oih-bench): oih-bench prints the tokens the program reads and the
ranking without the classifier; oih exports the topics.

Training lines: the rows of the dev question splits (questions-dev*.tsv; never questions-test*)
that expect a topic and have no previous line, each under each topic it names; the rows that
expect `none` (nothing in the knowledge base answers them), under the class `none`; the rows
that expect `smalltalk` and every `says` line of Knowledge/smalltalk.yaml, under the class
`smalltalk`; and every topic's title and example questions. The features, file format and the program's use of the chances
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
import yaml
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
# The class of lines no topic answers (SearchIndex.noAnswerClass): it competes with the topics in
# the fused ranking as a topic without words, and when it wins the program has no answer.
NO_ANSWER = "none"
# The class of small talk (SearchIndex.classifiedSmallTalk): when it is the most likely class,
# with at least SMALL_TALK_CHANCE, the line gets the reply of the small-talk intent `heard`.
SMALL_TALK = "smalltalk"
SMALL_TALK_CHANCE = 0.6

# The red-flag net's tokens and features, so that the two files are read by the same code.
_spec = importlib.util.spec_from_file_location("rednet", os.path.join(ROOT, "scripts", "train-redflag-net.py"))
rednet = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rednet)
# Weights below this are left out of the file (the red-flag net's default is 0.1): with 81
# classes the file would pass the loader's 2 MB limit, and every weight kept costs memory.
rednet.PRUNE = float(os.environ.get("TOPIC_NET_PRUNE", "0.25"))


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
    """(topics, line) for each row that expects a topic or `none` and has no previous line."""
    out = []
    for path in files:
        with open(path, encoding="utf-8") as handle:
            for row in handle:
                if not row.strip() or row.startswith("#"):
                    continue
                cells = row.rstrip("\n").split("\t")
                if len(cells) < 2 or (len(cells) > 2 and cells[2].strip()):
                    continue
                expected = [e for e in cells[0].split("|") if e in topic_ids or e in (NO_ANSWER, SMALL_TALK)]
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


def fused_winner(lexical, classes, chances, weight):
    """The fused ranking's winner as the program computes it: None without lexical evidence,
    NO_ANSWER when that class beats every topic."""
    top = max(lexical.values()) if lexical else 0.0
    if top <= 0:
        return None
    fused = dict(lexical)
    for j, topic in enumerate(classes):
        fused[topic] = fused.get(topic, 0.0) + weight * chances[j] * top
    return max(fused, key=fused.get)


def held_out(all_splits, topic_ids, asks, tokenized):
    """Top-1 of the ranking on the held-out split's topic rows, and how many of its `none` rows
    the class NO_ANSWER takes (rows with no topic found by words at all are counted apart)."""
    print("| held-out split | topic rows | oih ranking | " + " | ".join(f"fused, weight {w}" for w in WEIGHTS)
          + f" | classifier alone | `none` rows | no topic by words | `{NO_ANSWER}` wins, weight 4"
          + f" | `{SMALL_TALK}` rows | read as small talk | other rows read as small talk |")
    print("|---|---|---|" + "---|" * len(WEIGHTS) + "---|---|---|---|---|---|---|")
    totals = np.zeros(len(WEIGHTS) + 9)
    for held, files in all_splits.items():
        training = [r for name, f in all_splits.items() if name != held for r in rows(f, topic_ids)]
        vectorizer, model = train(examples_of(training, asks), tokenized)
        classes = list(model.classes_)
        test = rows(files, topic_ids)
        ranked = hits(files)
        p = chances(vectorizer, model, [tokenized[text] for _, text in test])
        right = np.zeros(len(WEIGHTS) + 9)
        small_talk = classes.index(SMALL_TALK)
        for k, (expected, text) in enumerate(test):
            lexical = ranked.get(text, {})
            chatty = int(p[k].argmax()) == small_talk and p[k][small_talk] >= SMALL_TALK_CHANCE
            if expected == [SMALL_TALK]:
                right[-3] += 1
                right[-2] += chatty
                continue
            right[-1] += chatty
            if expected == [NO_ANSWER]:
                right[-6] += 1
                winner = fused_winner(lexical, classes, p[k], 4)
                right[-5] += winner is None
                right[-4] += winner == NO_ANSWER
                continue
            right[0] += 1
            right[1] += bool(lexical) and max(lexical, key=lexical.get) in expected
            for w, weight in enumerate(WEIGHTS):
                right[2 + w] += fused_winner(lexical, classes, p[k], weight) in expected
            right[2 + len(WEIGHTS)] += classes[int(p[k].argmax())] in expected
        totals += right
        print(f"| {held} | " + cells(right) + " |")
    print("| **all** | " + cells(totals) + " |")


def cells(right):
    topics, nones, chats = right[0], right[-6], right[-3]
    share = lambda r, n: f"{100 * r / n:.1f}%" if n else "-"
    others = topics + nones
    return " | ".join([f"{int(topics)}"] + [share(r, topics) for r in right[1:-6]]
                      + [f"{int(nones)}", share(right[-5], nones), share(right[-4], nones)]
                      + [f"{int(chats)}", share(right[-2], chats), share(right[-1], others)])


def write(all_splits, topic_ids, asks, tokenized, out_path=OUT, without=None):
    left_out = set((without or "").split(","))
    training = [r for name, files in all_splits.items() if name not in left_out for r in rows(files, topic_ids)]
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
    with open(os.path.join(ROOT, "Knowledge", "smalltalk.yaml"), encoding="utf-8") as handle:
        intents = yaml.load(handle, Loader=yaml.BaseLoader)["intents"]  # every value a string ("no")
    asks += [(SMALL_TALK, text) for intent in intents for text in intent["says"]]
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
