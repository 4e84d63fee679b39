"""The footing of the boilerplate rule's edge thresholds for a line on its own
(benchmarks/train_residue.py, ``choose_edges`` with ``--edge-one``): their alarms on clean copy are
counted per edge line with an exact binomial bound, which grows as the clean edge lines seen are
few, where a bootstrap of no alarm at all gives a bound of 0."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from bounds import Bound  # noqa: E402
from train_residue import binomial_upper, edge_line_bound  # noqa: E402


@pytest.mark.parametrize("k, n, expected", [
    (0, 100, 0.02951),   # 1 - 0.05 ** (1 / 100): about 3 / n
    (0, 158, 0.01878),
    (2, 86, 0.07140),
    (5, 40, 0.24503),
    (0, 1, 0.95),
])
def test_the_exact_binomial_upper_bound(k, n, expected):
    assert binomial_upper(k, n, 0.95) == pytest.approx(expected, abs=5e-5)


def test_the_bound_grows_as_the_lines_seen_are_fewer_or_more_are_taken():
    assert binomial_upper(0, 0, 0.95) == 1.0 and binomial_upper(3, 3, 0.95) == 1.0
    assert binomial_upper(0, 80, 0.95) > binomial_upper(0, 160, 0.95) > binomial_upper(0, 1600, 0.95) > 0
    assert binomial_upper(1, 160, 0.95) > binomial_upper(0, 160, 0.95)


def test_no_line_taken_of_few_clean_edge_lines_is_no_zero_bound():
    """Of 40 documents with 2 clean closing lines each, none taken: the bootstrap bound per 1,000
    words is 0 (so a threshold just above the highest of them passed any budget); counted per edge
    line, the bound is that of 0 of 80 lines times the edge lines per 1,000 words."""
    words = [500] * 40
    assert Bound(words, ["cal"] * 40, 0.95).upper([0] * 40) == 0.0
    density = 1000 * 80 / sum(words)   # 4 edge lines per 1,000 words
    assert edge_line_bound((None, 0), (0, 80), (0.0, density), 0.95) == pytest.approx(
        binomial_upper(0, 80, 0.95) * density)
    assert edge_line_bound((None, 0), (0, 80), (0.0, density), 0.95) > 0.1


def test_only_an_edge_with_a_threshold_counts():
    """An edge without a threshold for a line on its own (None) adds nothing; the two edges add up."""
    assert edge_line_bound((None, None), (150, 160), (0.4, 0.23), 0.95) == 0.0
    top, end = binomial_upper(0, 150, 0.95) * 0.4, binomial_upper(1, 160, 0.95) * 0.23
    assert edge_line_bound((0, None), (150, 160), (0.4, 0.23), 0.95) == pytest.approx(top)
    assert edge_line_bound((0, 1), (150, 160), (0.4, 0.23), 0.95) == pytest.approx(top + end)


def test_the_budget_left_decides_how_many_clean_edge_lines_a_threshold_needs():
    """Session 12's figures, rounded: the rule's other alarms bound at 0.0241 per 1,000 words of the
    0.025 budget, 0.23 closing lines the judge looks at per 1,000 words. About 160 clean closing
    lines with none taken leave an end threshold over the budget; some 2,000 would not."""
    rest, budget, density = 0.0241, 0.025, (0.0, 0.23)
    assert rest + edge_line_bound((None, 0), (0, 160), density, 0.95) > budget
    assert rest + edge_line_bound((None, 0), (0, 2000), density, 0.95) <= budget
