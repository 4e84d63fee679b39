"""calibrate.py's per-set bound (``--per-set``): a threshold that keeps each calibration set's
false-alarm bound within the budget, not only the sets' pooled bound."""
import sys
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training" / "garble"))
import calibrate  # noqa: E402

WORDS = [1000.0] * 20
SETS = ["news"] * 10 + ["web"] * 10


def test_the_per_set_bound_is_the_highest_of_the_sets_bounds():
    counts = np.array([0] * 10 + [3] * 10)  # every alarm in the web pages: 3 per 1,000 there, 1.5 pooled
    pooled = calibrate.Bound(WORDS, SETS, 0.95)
    per_set = calibrate.SetBound(WORDS, SETS, 0.95)
    assert pooled.upper(counts) == pytest.approx(1.5)
    assert per_set.upper(counts) == pytest.approx(3.0)
    assert per_set.upper(counts[::-1]) == pytest.approx(3.0)


def test_a_threshold_held_per_set_leaves_out_what_one_set_cannot_bear():
    # three alarms in each web page, at doubt 0.9, 0.5 and 0.2; none in the news
    scores = [0.9] * 10 + [0.5] * 10 + [0.2] * 10
    docs = list(range(10, 20)) * 3
    pooled = calibrate.Bound(WORDS, SETS, 0.95).threshold(scores, docs, 2.0)
    per_set = calibrate.SetBound(WORDS, SETS, 0.95).threshold(scores, docs, 2.0)
    assert pooled < 0.2  # 1.5 per 1,000 pooled: every alarm within the budget
    assert 0.2 < per_set <= 0.5  # 2 per 1,000 web words at most: the lowest doubt left out
