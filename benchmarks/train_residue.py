#!/usr/bin/env python3
"""Train the boilerplate rule's line classifier and write ``rules/residue_model.json``.

Needs ``../shared`` and scikit-learn (for training only: ``pip install scikit-learn`` in your venv;
copylint does not depend on it, the shipped model is plain weights read in pure Python).

Data, all from the project's one split (``benchmarks/splits.py``):

- residue: the lines of the ``train`` half of ``web-pages`` (English pages) that are not in the
  page's true article text, in their page (the whole page shown as plain text);
- prose: the article lines of those pages, and every line of ``news_corpus("train")`` (headlines
  included: professional copy);
- residue among prose: each news-corpus training article twice again with one to three residue lines
  (from the training pages, or from ``rules/boilerplate.txt``) put between its paragraphs, at the
  top or at the bottom, so the classifier also knows a stray line inside an article.

Two passes (copylint.checks.residue.ResidueModel): the first scores each line by its own features,
the second adds what the first made of its neighbours, and is trained on the first pass's
out-of-fold scores. The regularisation is chosen by cross-validation by site (and news group)
inside the training data. The threshold is the lowest at which the prose lines' false alarms stay
within ``--budget`` per 1,000 words, counted on the training articles' out-of-fold scores and on
``news_corpus("tune")`` scored by the final model. Nothing of ``web_pages("test")``,
``news_corpus("test")`` or ``clean-news`` is read. The run is deterministic (fixed seeds).

Usage (from the repository root):  python benchmarks/train_residue.py [--budget 0.02]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from residue_data import page_as_text, site_of  # noqa: E402
from splits import ROOT, news_corpus, web_pages  # noqa: E402

from copylint import data  # noqa: E402
from copylint.checks.residue import (  # noqa: E402
    MAX_MODEL_WORDS, ResidueModel, document_features, neighbour_features,
)

OUT = ROOT / "rules" / "residue_model.json"
SEED = 20240610


FOLDS = 5
MIXED_COPIES = 2


@dataclass
class Doc:
    group: str                      # site:HOST, news:GROUP (what cross-validation holds out together)
    kind: str                       # page, news or mixed
    feats: list                     # per line: features, or None (too long for the model)
    labels: list                    # per line: 1 residue, 0 prose, None not counted (title, repeat)
    words: list                     # per line: word count


def doc_lines(text: str) -> list[str]:
    return [x.strip() for x in text.split("\n") if x.strip()]


def news_docs(split: str):
    for d in news_corpus(split):
        yield d.group, doc_lines(d.text)


def gather(rng: random.Random) -> list[Doc]:
    docs: list[Doc] = []
    pool: list[tuple[str, str]] = []   # (group, residue line of 3+ words) to put into articles
    seen = set()
    for rec in web_pages("train"):
        if not rec.get("english"):
            continue
        site = "site:" + site_of(rec)
        _, lines = page_as_text(rec)
        labels = []
        for line in lines:
            key = (site, line.text, line.label)
            if line.label == "title" or key in seen:   # a menu repeated down the page or site
                labels.append(None)
                continue
            seen.add(key)
            labels.append(int(line.label == "residue"))
            if line.label == "residue" and len(line.text.split()) >= 3:
                pool.append((site, line.text))
        docs.append(Doc(site, "page", document_features([x.text for x in lines]), labels,
                        [len(x.text.split()) for x in lines]))
    for p in data.phrases("boilerplate.txt"):
        pool.append(("list", p.rstrip(".… ")))
    for group, lines in news_docs("train"):
        docs.append(Doc("news:" + group, "news", document_features(lines), [0] * len(lines),
                        [len(x.split()) for x in lines]))
        # the same article, twice, with residue lines put in among its paragraphs; only they count
        for _ in range(MIXED_COPIES):
            mixed: list[tuple[str, str | None]] = [(x, None) for x in lines]
            for _ in range(rng.choice((1, 1, 2, 3))):
                g, line = rng.choice(pool)
                mixed.insert(rng.choice((0, len(mixed), rng.randint(0, len(mixed)))), (line, g))
            groups = {g for _, g in mixed if g}
            docs.append(Doc(sorted(groups)[0] if len(groups) == 1 else "news:" + group, "mixed",
                            document_features([x for x, _ in mixed]), [1 if g else None for _, g in mixed],
                            [len(x.split()) for x, _ in mixed]))
    return docs


def _matrix(vec, feats, fit: bool = False):
    import numpy as np

    dicts = [{f: 1 for f in x} for x in feats]
    X = (vec.fit_transform(dicts) if fit else vec.transform(dicts)).tocsr()
    X.indices = X.indices.astype(np.int32)   # liblinear takes 32-bit indices only
    X.indptr = X.indptr.astype(np.int32)
    return X


def fit(feats, y, C: float) -> tuple[float, dict[str, float]]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    X = _matrix(vec, feats, fit=True)
    clf = LogisticRegression(C=C, max_iter=3000, solver="liblinear", class_weight="balanced")
    clf.fit(X, y)
    names = vec.get_feature_names_out()
    return float(clf.intercept_[0]), {str(n): float(w) for n, w in zip(names, clf.coef_[0])}


def rows(docs: list[Doc], feats_of=None):
    """(features, label) of every counted line of ``docs`` (``feats_of(doc, i)`` may add features)."""
    X, y = [], []
    for d in docs:
        for i, (f, lab) in enumerate(zip(d.feats, d.labels)):
            if f is not None and lab is not None:
                X.append(f if feats_of is None else f + feats_of(d, i))
                y.append(lab)
    return X, y


def folds(docs: list[Doc]) -> list[int]:
    groups = sorted({d.group for d in docs})
    random.Random(SEED).shuffle(groups)
    fold_of = {g: i % FOLDS for i, g in enumerate(groups)}
    return [fold_of[d.group] for d in docs]


def first_pass_oof(docs: list[Doc], C: float) -> list[list[float | None]]:
    """Every line's first-pass probability from a model that did not see its site or news group."""
    fold = folds(docs)
    out: list[list[float | None]] = [[] for _ in docs]
    for k in range(FOLDS):
        b, w = fit(*rows([d for d, f in zip(docs, fold) if f != k]), C)
        for j, d in enumerate(docs):
            if fold[j] == k:
                out[j] = [None if f is None else ResidueModel.score(b, w, f) for f in d.feats]
    return out


def second_pass_oof(docs: list[Doc], p1: list, C: float) -> list[list[float | None]]:
    fold = folds(docs)
    out: list[list[float | None]] = [[None] * len(d.feats) for d in docs]
    nb = {id(d): p for d, p in zip(docs, p1)}

    def extra(d, i):
        return neighbour_features(nb[id(d)], i)

    for k in range(FOLDS):
        b, w = fit(*rows([d for d, f in zip(docs, fold) if f != k], extra), C)
        for j, d in enumerate(docs):
            if fold[j] == k:
                out[j] = [None if f is None else ResidueModel.score(b, w, f + extra(d, i))
                          for i, f in enumerate(d.feats)]
    return out


def prose_scores(docs: list[Doc], probs: list) -> tuple[list[float], int]:
    """The scores of the news articles' lines (all prose) and their words."""
    scores, words = [], 0
    for d, p in zip(docs, probs):
        if d.kind == "news":
            words += sum(d.words)
            scores += [x for x in p if x is not None]
    return scores, words


def threshold_for(scores: list[float], words: int, budget: float) -> float:
    allowed = int(budget * words / 1000)
    ranked = sorted(scores, reverse=True)
    return max(0.5, ranked[allowed] + 1e-6) if len(ranked) > allowed else 0.5


def recall(docs: list[Doc], probs: list, t: float) -> dict[str, tuple[int, int]]:
    out = {}
    for kind in ("page", "mixed"):
        hit = tot = 0
        for d, p in zip(docs, probs):
            if d.kind == kind:
                for lab, x in zip(d.labels, p):
                    if lab == 1:
                        tot += 1
                        hit += x is not None and x >= t
        out[kind] = (hit, tot)
    return out


def _fmt(rec) -> str:
    return ", ".join(f"{k} residue recall {a / max(b, 1):.3f} ({a}/{b})" for k, (a, b) in rec.items())


def export(passes, threshold: float, eps: float = 0.02) -> dict:
    return {"about": "boilerplate line classifier: two passes of logistic regression over "
                     "copylint.checks.residue features; trained by benchmarks/train_residue.py",
            "max_words": MAX_MODEL_WORDS, "threshold": round(threshold, 4),
            "passes": [{"bias": round(b, 4),
                        "weights": {n: round(w, 3) for n, w in sorted(ws.items()) if abs(w) >= eps}}
                       for b, ws in passes]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--budget", type=float, default=0.02,
                    help="false alarms per 1,000 words of prose allowed (default 0.02; the target is 0.03)")
    ap.add_argument("--C", type=float, nargs="*", default=[0.3],
                    help="regularisation strengths to try by cross-validation (default 0.3: of 0.1, 0.3 "
                         "and 1.0 it gave the best out-of-fold recall at the budget, 1.0 a close second)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    docs = gather(random.Random(SEED))
    X, y = rows(docs)
    print(f"{len(docs)} documents, {len(y)} counted lines ({sum(y)} residue)")
    best = None
    for C in args.C:
        p1 = first_pass_oof(docs, C)
        p2 = second_pass_oof(docs, p1, C)
        for name, p in (("first pass", p1), ("two passes", p2)):
            t = threshold_for(*prose_scores(docs, p), args.budget)
            rec = recall(docs, p, t)
            print(f"C={C} {name}: out-of-fold at the prose budget (p >= {t:.4f}): {_fmt(rec)}")
        score = sum(a / max(b, 1) for a, b in rec.values())
        if best is None or score > best[0]:
            best = (score, C, p1, p2)
    _, C, p1, p2 = best
    b1, w1 = fit(*rows(docs), C)
    nb = {id(d): p for d, p in zip(docs, p1)}
    b2, w2 = fit(*rows(docs, lambda d, i: neighbour_features(nb[id(d)], i)), C)
    model = ResidueModel(export([(b1, w1), (b2, w2)], 0.5))
    # the threshold: out-of-fold scores of the training articles, and the final model on tune
    scores, words = prose_scores(docs, p2)
    tune_words = 0
    for _, lines in news_docs("tune"):
        tune_words += sum(len(x.split()) for x in lines)
        scores += [x for x in model.probabilities(document_features(lines)) if x is not None]
    t = threshold_for(scores, words + tune_words, args.budget)
    fired = sum(x >= t for x in scores)
    print(f"chosen C={C}; threshold {t:.4f}: {fired} prose lines in {words + tune_words} words "
          f"({fired * 1000 / (words + tune_words):.3f} per 1,000); out-of-fold {_fmt(recall(docs, p2, t))}")
    spec = export([(b1, w1), (b2, w2)], t)
    args.out.write_text(json.dumps(spec, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    n = sum(len(x["weights"]) for x in spec["passes"])
    print(f"wrote {args.out} ({n} weights, {args.out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
