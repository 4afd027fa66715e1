#!/usr/bin/env python3
"""Trains the red-flag second net (Knowledge/redflag-net.tsv) on the dev sets of Tests/Data.

Usage:
  scripts/train-redflag-net.py              write Knowledge/redflag-net.tsv
  scripts/train-redflag-net.py --forward    forward check: for each later blind dev set, train on
                                            the sets written before it and report the net alone on it

Needs scikit-learn, numpy and PyYAML (pip install scikit-learn pyyaml) and a release build of oih-bench
(swift build -c release --product oih-bench), which prints the tokens the matcher reads.

Training lines: every urgent, benign, short-course and cut-off file of Tests/Data except the
frozen test split (safety-test-*), which is never read here, and the lines of the question dev
splits (questions-dev*.tsv; never questions-test) that no pattern finds urgent, and the answer
words of Knowledge/answers.yaml, as benign. Classes: `benign` (benign and
short-course lines) and each red-flag kind (a cut-off line is `ran-out`, a naloxone line is
`overdose`). Features and weights are described in Sources/KnowledgeBase/RedFlagNet.swift; this
script computes the same features from the same tokens.
"""
import math
import os
import subprocess
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "Tests", "Data")
BENCH = os.environ.get("BENCH", os.path.join(ROOT, ".build", "release", "oih-bench"))
OUT = os.path.join(ROOT, "Knowledge", "redflag-net.tsv")
# Regularization and the firing threshold, chosen with --forward on the dev sets only.
C = float(os.environ.get("NET_C", "10"))
THRESHOLD = float(os.environ.get("NET_THRESHOLD", "0.4"))
# Features in fewer training lines than this are left out.
MIN_DF = int(os.environ.get("NET_MIN_DF", "3"))
# Lines of fewer tokens are left to the patterns: answers and commands are too short to judge.
MIN_TOKENS = int(os.environ.get("NET_MIN_TOKENS", "7"))
# Weights smaller than this are left out of the file (they change no decision).
PRUNE = float(os.environ.get("NET_PRUNE", "0.1"))
# The alert the net raises for each kind: the kind's most general message.
FLAGS = {
    "overdose": "overdose-words",
    "suicide": "suicide-word",
    "emergency": "emergency-signs",
    "allergy": "allergy-signs",
    "child-exposure": "child-exposure-swallowed",
    "serotonin": "serotonin-mix",
    "street-use": "street-use",
    "combination": "combination-mixed",
    "patch-heat": "patch-heat",
    "sleep-breathing": "sleep-breathing",
    "constipation": "constipation-blocked",
    "old-dose": "old-dose-return",
    "ran-out": "stopping-ran-out",
    "stopping": "stopping-suddenly",
}


def rows(name):
    path = os.path.join(DATA, name)
    if not os.path.exists(path):
        return []
    out = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                out.append(line.split("\t"))
    return out


def label(kind):
    return {"overdose-naloxone": "overdose", "stopping-cut-off": "ran-out"}.get(kind, kind)


def sets():
    """The training sets in the order they were written: (name, [(class, text)])."""
    names = [("first", "safety-urgent.tsv", "safety-benign.tsv", None, None),
             ("first-extra", "safety-urgent-extra.tsv", "safety-benign-extra.tsv", None, None),
             ("dev", "safety-dev-urgent.tsv", "safety-dev-benign.tsv", "safety-dev-short-course.tsv", None)]
    number = 2
    while os.path.exists(os.path.join(DATA, f"safety-dev{number}-urgent.tsv")):
        names.append((f"dev{number}", f"safety-dev{number}-urgent.tsv", f"safety-dev{number}-benign.tsv",
                      f"safety-dev{number}-short-course.tsv", f"safety-dev{number}-cut-off.tsv"))
        number += 1
    out = [("questions", [("benign?", r[1]) for name in sorted(os.listdir(DATA))
                          if name.startswith("questions-dev") and name.endswith(".tsv")
                          for r in rows(name) if len(r) >= 2 and r[0] != "urgent" and r[1].strip()])]
    # The program's own answer words ("not sure", "my dose has not changed") are benign.
    import yaml
    with open(os.path.join(ROOT, "Knowledge", "answers.yaml"), encoding="utf-8") as handle:
        answers = yaml.safe_load(handle)["answers"]
    out.append(("answers", [("benign", str(word)) for key, words in answers.items() for word in [key] + words]))
    for name, urgent, benign, short, cut in names:
        assert "-test-" not in urgent + benign
        lines = [(label(r[0]), " ".join(r[1:])) for r in rows(urgent) if len(r) >= 2]
        lines += [("benign", r[-1]) for r in rows(benign)]
        if short:
            lines += [("benign", r[-1]) for r in rows(short)]
        if cut:
            lines += [("ran-out", r[-1]) for r in rows(cut)]
        out.append((name, lines))
    return out


def tokens(texts):
    """The matcher's net tokens of each text, from oih-bench."""
    probe = "I CAN'T breathe"
    clean = [probe] + [" ".join(t.splitlines()) for t in texts]
    result = subprocess.run([BENCH, "safety-tokens"], input="\n".join(clean) + "\n", capture_output=True,
                            text=True, check=True)
    out = result.stdout.split("\n")
    # A knowledge folder that does not load (a bad redflag-net.tsv) would give other tokens.
    if len(out) < len(clean) or out[0] != "i can not breathe\t1":
        sys.exit("oih-bench safety-tokens did not work: check that `oih knowledge validate` passes\n"
                 + result.stdout[:500] + result.stderr[:500])
    out = out[1:len(clean)]
    return [(line.split("\t")[0].split(), line.endswith("\t1")) for line in out]


def features(words):
    """The same features as RedFlagNet.swift: words, neighbouring pairs, 3 to 5 letter pieces."""
    out = []
    for index, word in enumerate(words):
        out.append("w:" + word)
        letters = "<" + word + ">"
        for length in (3, 4, 5):
            for start in range(0, len(letters) - length + 1):
                out.append("c:" + letters[start:start + length])
        if index + 1 < len(words):
            out.append("b:" + word + " " + words[index + 1])
    return out


def train(lines, feature_lists):
    vectorizer = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True, min_df=MIN_DF)
    matrix = vectorizer.fit_transform(feature_lists)
    model = LogisticRegression(C=C, max_iter=4000)
    model.fit(matrix, [kind for kind, _ in lines])
    return vectorizer, model


def pruned(model):
    """The weights as the file keeps them: rounded to thousandths, small ones left out."""
    weights = np.round(model.coef_, 3)
    weights[np.abs(weights) < PRUNE] = 0
    return weights


def chances(vectorizer, model, feature_lists):
    """The chances the program computes from the file (pruned, rounded weights)."""
    scores = np.asarray(vectorizer.transform(feature_lists) @ pruned(model).T) + np.round(model.intercept_, 5)
    scores = np.exp(scores - scores.max(axis=1, keepdims=True))
    return scores / scores.sum(axis=1, keepdims=True)


def forward(all_sets, tokenized):
    """For each of the last blind dev sets, train on the sets before it and measure the net alone."""
    print("| held-out set | urgent lines | net alone: caught (right kind) | benign lines | net false alarms |")
    print("|---|---|---|---|---|")
    for held in range(len(all_sets) - 4, len(all_sets)):
        train_lines = [line for s in all_sets[:held] for line in s[1]]
        train_features = [features(tokenized[text]) for _, text in train_lines]
        vectorizer, model = train(train_lines, train_features)
        classes = list(model.classes_)
        benign = classes.index("benign")
        name, lines = all_sets[held]
        probabilities = chances(vectorizer, model, [features(tokenized[text]) for _, text in lines])
        urgent = caught = right = benign_lines = alarms = 0
        for (kind, text), p in zip(lines, probabilities):
            fires = p[benign] < THRESHOLD and len(tokenized[text]) >= MIN_TOKENS
            best = classes[max((i for i in range(len(p)) if i != benign), key=lambda i: p[i])]
            if kind == "benign":
                benign_lines += 1
                alarms += fires
            else:
                urgent += 1
                caught += fires
                right += fires and best == kind
        print(f"| {name} | {urgent} | {caught} ({right}) | {benign_lines} | {alarms} |")


def number(value, digits):
    """A number as the file writes it: `-.249`, `1.226`, `12.5` (only a leading zero dropped;
    replacing every "0." would turn 10.5 into 1.5)."""
    text = f"{value:.{digits}f}"
    if text.startswith("0."):
        return text[1:]
    if text.startswith("-0."):
        return "-" + text[2:]
    return text


def write_features(out, names, idf, weights):
    """One row per feature: the feature, its idf, and class:weight for each weight kept."""
    for column, name in enumerate(names):
        kept = [f"{c}:{number(weights[c, column], 3)}" for c in range(weights.shape[0]) if weights[c, column] != 0]
        out.write(f"{name}\t{idf[column]:.3f}\t{' '.join(kept)}\n")


def write(all_sets, tokenized):
    lines = [line for s in all_sets for line in s[1]]
    feature_lists = [features(tokenized[text]) for _, text in lines]
    vectorizer, model = train(lines, feature_lists)
    classes = list(model.classes_)
    names = vectorizer.get_feature_names_out()
    idf = vectorizer.idf_
    weights = pruned(model)
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("# The red-flag second net: a linear classifier over word and letter features, read by\n")
        out.write("# Sources/KnowledgeBase/RedFlagNet.swift. Generated by scripts/train-redflag-net.py from\n")
        out.write("# the dev sets of Tests/Data (never the frozen test split); do not edit by hand.\n")
        out.write(f"# {len(lines)} training lines; C {C}; weights below {PRUNE} left out.\n")
        out.write("classes\t" + "\t".join(classes) + "\n")
        out.write("flags\t" + "\t".join("-" if c == "benign" else FLAGS[c] for c in classes) + "\n")
        out.write(f"threshold\t{THRESHOLD}\n")
        out.write(f"min-tokens\t{MIN_TOKENS}\n")
        out.write("intercepts\t" + "\t".join(f"{v:.5f}" for v in model.intercept_) + "\n")
        write_features(out, names, idf, weights)
    print(f"wrote {OUT}: {len(names)} features, {len(lines)} lines, classes {classes}")


def main():
    all_sets = sets()
    texts = sorted({text for _, lines in all_sets for _, text in lines})
    tokenized = {}
    alerted = set()
    for text, (words, urgent) in zip(texts, tokens(texts)):
        tokenized[text] = words
        if urgent:
            alerted.add(text)
    # Question lines of the dev splits are benign examples, except those a pattern finds urgent
    # (a question can hold a crisis or a mix taken): the net must not learn to let those pass.
    all_sets = [(name, [("benign", text) if kind == "benign?" else (kind, text) for kind, text in lines
                        if kind != "benign?" or text not in alerted]) for name, lines in all_sets]
    if "--forward" in sys.argv:
        forward(all_sets, tokenized)
    else:
        write(all_sets, tokenized)


if __name__ == "__main__":
    main()
