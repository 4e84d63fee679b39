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


def _article(paragraphs: int, words: int, p: float):
    """An article of ``paragraphs`` paragraphs of ``words`` words, one candidate at doubt ``p`` in each."""
    from copylint.checks.garble import Candidate
    from copylint.readers import load_article
    from copylint.wordfit import WordScore

    para = " ".join(["word"] * (words - 1)) + " end."
    a = load_article("a.txt", "\n\n".join([para] * paragraphs) + "\n", "text")
    return a, [Candidate(None, WordScore(b.start, b.start + 4, 1.0), (), p=p) for b in a.blocks]


def test_the_info_threshold_falls_under_a_cap_of_hints_per_article():
    # one long page (ten paragraphs of 100 words, a rare but right word at 0.6 in each) and nine
    # 100-word stories (a word at 0.3): uncapped, the page's hints hold the threshold above 0.6;
    # with one hint per 500 words the page may get two, and the threshold falls to the stories' words
    clean = [(*_article(10, 100, 0.6), "web")] + [(*_article(1, 100, 0.3), "web") for _ in range(9)]
    assert clean[0][0].word_count == 1000 and len(clean[0][1]) == 10
    bound = calibrate.Bound([a.word_count for a, _, _ in clean], ["web"] * 10, 0.95)
    every = lambda c: True  # noqa: E731
    zero = np.zeros(len(clean))
    uncapped = calibrate.info_threshold(clean, every, bound, zero, 2.0)
    capped = calibrate.info_threshold(clean, every, bound, zero, 2.0, per=500)
    assert capped < 0.6 < uncapped
    page, cands, _ = clean[0]
    assert len(calibrate.rule_hints(page, cands, every, 0.5)) == 10  # one a paragraph
    assert len(calibrate.rule_hints(page, cands, every, 0.5, per=500)) == 2
    assert calibrate.rule_hints(page, cands, every, 0.7) == []
