"""The upper confidence bound of a false-alarm rate, and the lowest threshold that keeps it within a
budget: how the calibrations of the trained rules (``training/garble/calibrate.py`` for word-fit,
``tools/train_same_quantity.py`` for number-mismatch) set their thresholds on clean copy."""
from __future__ import annotations

import bisect

BOOTSTRAP = 2000  # resamples


class Bound:
    """The one-sided upper confidence bound (``level``) of a rate of alarms per 1,000 words: its
    quantile over ``n`` bootstrap resamples of the calibration units, each calibration set (``sets``,
    one per document) resampled within itself. A unit is a document unless ``units`` (one per
    document) groups several, e.g. the two translations of one article. Alarms cluster in a few
    documents (a translator's habit, a technical piece, a table of results), so the bound is wider
    than counting words as independent would make it; seeded, so a threshold is reproducible."""

    def __init__(self, words, sets, level: float, units=None, seed: int = 0, n: int = BOOTSTRAP) -> None:
        import numpy as np

        rng = np.random.default_rng(seed)
        units = list(range(len(words))) if units is None else list(units)
        names = sorted(set(units))
        index = {u: i for i, u in enumerate(names)}
        self.unit_of = np.array([index[u] for u in units], dtype=int)
        unit_set = dict(zip(units, sets))
        cols = []
        for s in sorted(set(sets)):
            members = np.array([i for i, u in enumerate(names) if unit_set[u] == s])
            cols.append(members[rng.integers(0, len(members), (n, len(members)))])
        self.idx = np.concatenate(cols, axis=1)
        self.n_docs = len(units)
        self.n_units = len(names)
        self.words = self.per_unit(words)[self.idx].sum(axis=1)
        self.total_words = float(np.sum(words))
        self.level = level

    def per_unit(self, counts):
        """``counts`` (one per document) summed per unit."""
        import numpy as np

        return np.bincount(self.unit_of, weights=np.asarray(counts, dtype=float), minlength=self.n_units)

    def upper(self, counts) -> float:
        """The bound of the rate per 1,000 words for ``counts`` alarms per document."""
        import numpy as np

        rates = self.per_unit(counts)[self.idx].sum(axis=1) * 1000 / self.words
        return float(np.quantile(rates, self.level))

    def point(self, counts) -> float:
        """The rate per 1,000 words itself, unresampled."""
        import numpy as np

        return 1000 * float(np.sum(counts)) / self.total_words

    def threshold(self, scores, doc_of, budget: float, base=None, bounded: bool = True, smooth: float = 0.0) -> float:
        """The lowest threshold whose alarms (the ``scores`` at or above it, each in document
        ``doc_of[i]``, plus ``base`` alarms per document) keep the bound (or, not ``bounded``, the
        rate itself) within ``budget``: just above the highest score it leaves out (below every
        score when none need be left out). With ``smooth`` (a bandwidth in the scores' units), each
        score is an alarm in part, the share of a normal kernel of that width around it at or above
        the threshold (``smooth_counts``): the threshold where the smoothed alarms' bound meets the
        budget, between two scores, not on one."""
        import numpy as np

        vals, docs = np.asarray(scores, dtype=float), np.asarray(doc_of, dtype=int)
        order = np.argsort(-vals, kind="stable")
        base = np.zeros(self.n_docs) if base is None else np.asarray(base, dtype=float)
        if smooth > 0 and len(vals):
            return self._smooth_threshold(vals, docs, budget, base, bounded, smooth)

        def ok(k: int) -> bool:  # the k highest scores as alarms
            counts = base + np.bincount(docs[order[:k]], minlength=len(base))
            return (self.upper(counts) if bounded else self.point(counts)) <= budget

        # ok() only turns false as k grows: the first k that fails, less one, is the most allowed
        lo = max(0, bisect.bisect_left(range(len(vals) + 1), True, key=lambda k: not ok(k)) - 1)
        if lo >= len(vals):
            return float(vals.min()) - 1.0 if len(vals) else 0.0
        return float(vals[order[lo]]) + 1e-6

    def _smooth_threshold(self, vals, docs, budget: float, base, bounded: bool, smooth: float) -> float:
        """``threshold`` with smoothed alarms: the lowest threshold (to 1e-6, by bisection) whose
        ``smooth_counts`` keep the bound (or the rate) within ``budget``; the highest score plus six
        bandwidths when ``base`` alone exceeds it, the lowest less six when every score fits."""
        def ok(t: float) -> bool:
            counts = base + smooth_counts(vals, docs, t, smooth, len(base))
            return (self.upper(counts) if bounded else self.point(counts)) <= budget

        lo, hi = float(vals.min()) - 6 * smooth, float(vals.max()) + 6 * smooth
        if ok(lo):
            return lo
        while hi - lo > 1e-6:  # ok(hi) holds, ok(lo) does not
            mid = (lo + hi) / 2
            lo, hi = (lo, mid) if ok(mid) else (mid, hi)
        return hi


def smooth_counts(vals, docs, t: float, width: float, n_docs: int):
    """Alarms per document at threshold ``t`` with each score (``vals[i]``, in document ``docs[i]``)
    counted as the share of a normal kernel of sd ``width`` around it at or above ``t``: a score
    just under the threshold counts a little, one just over it not quite one, so that the count
    moves smoothly as the threshold or the scores move, not a whole alarm at a time."""
    import math

    import numpy as np

    z = (np.asarray(vals, dtype=float) - t) / (width * math.sqrt(2))
    share = 0.5 * (1.0 + np.array([math.erf(v) for v in z]))
    return np.bincount(np.asarray(docs, dtype=int), weights=share, minlength=n_docs)
