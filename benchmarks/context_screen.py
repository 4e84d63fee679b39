#!/usr/bin/env python3
"""Screen a signal of ``number-mismatch`` by how much it helps read *one quantity restated* from the
contexts, before the paired seeds judge it (needs ../shared and scikit-learn).

``benchmarks/paired_signal.py`` judges a signal by ten retrains and their development plants: over an
hour on the shared cores. This reads in minutes whether a signal (``same_quantity.SIGNALS``) tells
the contexts of a restated figure from those of two quantities better than the shipped context
features do: on every pair the rule compares in news-corpus ``train`` (labelled, as the trainer
labels them, by whether the two values are equal), the context model (the shipped ``PARAMS``, one
ensemble per seed) is cross-validated in the trainer's grouped folds with ``same_quantity.FEATURES``
alone and with the signal's features added, over ``--seeds``; printed per signal: each feature's
own AUC and the mean cross-validated AUC with it, against the shipped features' (and its sd over the
seeds). A signal that does not raise it reads nothing the features do not already read; one that
does is worth the paired seeds. (The slip model reads the same contexts and the values: a signal can
still help it where the values matter, so the screen is a first look, not a verdict.)

Usage (from the repository root):
    python benchmarks/context_screen.py --signal clause --signal synonym [--seeds 0,1] [--cache DIR]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT))


def cv_auc(X, y, groups, seeds) -> list[float]:
    """The context model's grouped cross-validated AUC, one per seed (the trainer's folds)."""
    import numpy as np
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.metrics import roc_auc_score
    import train_same_quantity as trainer

    fold_of = {g: k % trainer.FOLDS for k, g in enumerate(sorted(set(groups)))}
    folds = np.array([fold_of[g] for g in groups])
    out = []
    for seed in seeds:
        oof = np.zeros(len(y))
        for k in range(trainer.FOLDS):
            fit = GradientBoostingClassifier(**{**trainer.PARAMS, "random_state": seed}).fit(X[folds != k], y[folds != k])
            oof[folds == k] = fit.predict_proba(X[folds == k])[:, 1]
        out.append(float(roc_auc_score(y, oof)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--signal", action="append", default=[], metavar="NAME",
                    help="a signal of same_quantity.SIGNALS (repeatable: each alone, then all together)")
    ap.add_argument("--seeds", default="0,1", help="the context model's seeds (default 0,1)")
    ap.add_argument("--cache", type=Path, help="the trainer's parse cache folder")
    args = ap.parse_args()
    try:
        import numpy as np
        from sklearn.metrics import roc_auc_score
    except ImportError:
        raise SystemExit("the screen needs scikit-learn: pip install scikit-learn") from None
    import train_same_quantity as trainer
    from splits import news_corpus
    from copylint.checks.consistency import same_quantity

    unknown = [s for s in args.signal if s not in same_quantity.SIGNALS]
    if not args.signal or unknown:
        raise SystemExit(f"name signals with --signal NAME, of {', '.join(same_quantity.SIGNALS)}")
    seeds = [int(s) for s in args.seeds.split(",")]
    t0 = time.time()
    X, y, groups, extra = [], [], [], []
    for _, group, art in trainer.articles(news_corpus("train"), args.cache, "train"):
        for x, label, a, b, _, _ in trainer.pairs(art):
            X.append(x)
            y.append(label)
            groups.append(group)
            extra.append(same_quantity.signal_features(args.signal, a, b))
    X, y, extra = np.array(X), np.array(y), np.array(extra)
    print(f"train: {len(y)} pairs, {int(y.sum())} of one value ({time.time() - t0:.0f} s)", flush=True)
    base = cv_auc(X, y, groups, seeds)
    print(f"shipped features: cross-validated AUC {statistics.mean(base):.4f} (sd {statistics.pstdev(base):.4f}, "
          f"seeds {args.seeds})", flush=True)
    at = 0
    spans = []
    for name in args.signal:
        n = len(same_quantity.SIGNALS[name])
        spans.append((name, list(range(at, at + n))))
        at += n
    for name, cols in spans:
        for c, feature in zip(cols, same_quantity.SIGNALS[name]):
            v = extra[:, c]
            print(f"  {feature}: its own AUC {roc_auc_score(y, v):.3f}, non-zero on {np.mean(v != 0):.0%} of the pairs")
    if len(spans) > 1:
        spans.append(("+".join(args.signal), list(range(at))))
    for name, cols in spans:
        got = cv_auc(np.hstack([X, extra[:, cols]]), y, groups, seeds)
        print(f"+ {name}: cross-validated AUC {statistics.mean(got):.4f} (sd {statistics.pstdev(got):.4f}), "
              f"{statistics.mean(got) - statistics.mean(base):+.4f}", flush=True)
    print(f"({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
