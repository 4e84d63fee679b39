"""What a threshold of its own for the lines between two paragraphs of prose could be held to
(benchmarks/train_residue.py ``--between-report``, session 13): the clean lines there, counted per
line as an edge's are (``binomial_upper``), against the budget the rule's other alarms leave."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from bounds import Bound  # noqa: E402
from train_residue import AloneRow, Calibration, Doc, between_lines, between_report, binomial_upper  # noqa: E402

PARA = "The council met on Monday to agree the budget for the coming year, the mayor said."


def test_between_lines_have_a_paragraph_of_prose_just_above_and_below():
    lines = ["Floods close the valley road", "Jane Roe", PARA, "In summary", PARA, "Sport", "Share this", PARA,
             "The vote", PARA, "Jane Roe"]
    # the head (headline, byline) and the edges are not between, nor a line among short lines
    assert between_lines(lines) == [3, 8]
    assert between_lines([PARA, "In summary"]) == []
    assert between_lines(["Sport", PARA, "In summary", PARA]) == [2]


def _calibration(docs):
    words = [sum(len(x.split()) for x in d.lines) for d in docs]
    return Calibration(docs, ["train"] * len(docs), Bound(words, ["train"] * len(docs), 0.95),
                       {id(d): [False] * len(d.lines) for d in docs}, {id(d) for d in docs})


def test_between_report_counts_the_clean_lines_there_and_the_bound_of_none_taken(capsys):
    """Two articles, each with a crosshead between paragraphs (clean, the judge looks at it) and a
    short line among short lines (not between); residue pasted between two paragraphs of a training
    article is caught at the judge's threshold and, one more, just above the highest clean line."""
    clean = [Doc("news:a", "news", ["Head", PARA, "In summary", PARA, "Sport", "Share", PARA], [0] * 7),
             Doc("news:b", "news", ["Head", PARA, "Méribel", PARA, PARA], [0] * 5)]
    cal = _calibration(clean)
    prose = [(0.90, AloneRow("news:a", [], 0, 0.0, "cal:news", False, text="In summary", where=(id(clean[0]), 2))),
             (0.99, AloneRow("news:a", [], 0, 0.0, "cal:news", False, text="Sport", where=(id(clean[0]), 4))),
             (0.95, AloneRow("news:b", [], 0, 0.0, "cal:news", False, text="Méribel", where=(id(clean[1]), 2)))]
    mixed = Doc("news:c", "mixed", ["Head", PARA, "Most read", PARA, "Price", PARA, "Watch live"],
                [0, 0, 1, 0, 1, 0, 1])
    rows = [AloneRow("news:c", [], 1, 1.0, "pasted:other:between", False, text=mixed.lines[i], where=(id(mixed), i))
            for i in (2, 4, 6)]
    oof = {0: 0.985, 1: 0.96, 2: 0.999}   # the last stands at the end: not between
    scores = between_report(prose, cal, [mixed], rows, oof, threshold=0.98, room=0.001,
                            pages=[(["Head", PARA, "Our ruling", PARA], [None, None, 0.7, None])], level=0.95)
    assert scores == [0.95, 0.90, 0.7]   # "Sport" stands among short lines: not between
    out = capsys.readouterr().out
    n, words = 3, sum(cal.words)
    least = binomial_upper(0, n, 0.95) * 1000 * 2 / words
    assert "2 clean lines of the calibration copy" in out and "1 of the training pages' article text" in out
    assert f"{least:.4f} per 1,000 words" in out and "over" in out
    assert "at 0.98: 1 of 2" in out and "at 0.9501: 2 of 2" in out


def test_none_taken_of_many_clean_lines_adds_three_alarms_worth_of_the_copy():
    """Counted per line with none taken, the bound times the lines' density is about 3 alarms over
    the calibration copy's words, however many such lines it holds: many clean lines between
    paragraphs make the share taken sure, not the alarms per 1,000 words smaller (session 13:
    1,576 lines in 381,792 words bound at 0.0073 per 1,000, with 0.0009 of the budget left)."""
    words = 381792
    for n in (150, 1576, 15000):
        assert binomial_upper(0, n, 0.95) * 1000 * n / words == pytest.approx(1000 * 3 / words, rel=0.02)
