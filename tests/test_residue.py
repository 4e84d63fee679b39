"""The boilerplate rule's line classifier: shipped as plain weights, read in pure Python, judging
lines by what they are and where they stand, with the listed phrases kept as sure hits."""
import json
import subprocess
import sys
from importlib import resources

import pytest

from copylint.checks.residue import (
    ResidueModel, document_features, line_features, line_kind, residue_model,
)
from copylint.config import Config
from copylint.engine import Linter

ARTICLE = (
    "Floods close the valley road\n\n"
    "The valley road was closed on Monday after the river burst its banks near the old mill, the county "
    "council said.\n\n"
    "Engineers will inspect the bridge at Low Ford on Tuesday, and drivers were told to use the hill route.\n\n"
    "Residents in six streets were asked to move valuables upstairs as more rain was forecast.\n"
)


@pytest.fixture(scope="module")
def linter():
    return Linter(config=Config(select=("boilerplate",)))


def _flagged(linter, text):
    lines = text.split("\n")
    return [(lines[f.line - 1], f) for f in linter.check_text(text, path="a.txt", fmt="text")]


def _with_line(line):
    """The article with ``line`` as a paragraph of its own after its second paragraph."""
    paras = ARTICLE.split("\n\n")
    return "\n\n".join(paras[:2] + [line] + paras[2:])


def test_model_is_small_plain_data():
    raw = resources.files("copylint.ruledata").joinpath("residue_model.json").read_bytes()
    assert len(raw) < 4_000_000
    spec = json.loads(raw)
    assert len(spec["passes"]) == 2 and 0.5 <= spec["threshold"] < 1
    assert all(isinstance(w, float) for p in spec["passes"] for w in p["weights"].values())


def test_runs_without_scikit_learn_or_numpy():
    code = ("import sys; sys.modules['sklearn'] = None; sys.modules['numpy'] = None\n"
            "from copylint.checks.residue import residue_model, document_features\n"
            "print(residue_model().probabilities(document_features(['Prices rose.', 'Share this'])))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("[")


def test_clean_article_is_silent(linter):
    assert _flagged(linter, ARTICLE) == []


@pytest.mark.parametrize("line", [
    "Photo: John Smith/Getty Images",
    "Updated 5:30 PM EST Nov 19, 2019",
    "Get our free daily newsletter delivered to your inbox",
    "Accept and continue",
    "Sign in to your account",
])
def test_stray_residue_between_paragraphs_is_reported(linter, line):
    found = _flagged(linter, _with_line(line))
    assert [x for x, _ in found] == [line]
    [(_, f)] = found
    assert f.severity.name == "WARNING"


@pytest.mark.parametrize("line", [
    'She said the pop-up reading "Sign up to our newsletter" had annoyed readers for years.',
    "Newsletters have become the fastest-growing part of the business, the company said on Monday.",
    "The regulator said websites must ask before they set cookies, and fined three firms.",
    "Subscriptions rose by 12% in the year to March.",
    "Share prices fell.",
])
def test_prose_about_newsletters_and_cookies_is_prose(linter, line):
    assert _flagged(linter, _with_line(line)) == []


def test_listed_phrase_is_fixable_and_classifier_line_is_not(linter):
    text = ARTICLE + "\nAdvertisement\n\nPhoto: John Smith/Getty Images\n"
    found = {line: f for line, f in _flagged(linter, text)}
    assert found["Advertisement"].fix == ""                     # a sure hit: --fix deletes it
    assert found["Photo: John Smith/Getty Images"].fix is None  # the classifier's: the editor decides


def test_headline_over_prose_is_not_judged():
    feats = document_features(["Missed out on the rally?", "Shares of the company rose by a third on "
                                                            "Monday after it reported record sales."])
    assert feats[0] is None and feats[1] is not None


def test_run_of_menu_lines_is_residue(linter):
    menu = "\n".join(["News", "Sport", "Business", "Opinion", "Culture", "Lifestyle", "Travel"])
    text = ARTICLE + "\n" + menu + "\n"
    found = [x for x, _ in _flagged(linter, text)]
    assert len(found) >= 5 and set(found) <= set(menu.split("\n"))


def test_features_describe_shape():
    f = line_features("Sign up for our newsletter")
    assert "b:<s>_sign" in f and "end:a" in f and "w:newsletter" in f
    assert line_kind("The council met on Monday to agree the budget for next year.") == "P"
    assert line_kind("Most read") == "S"


def test_probabilities_are_deterministic():
    m = residue_model()
    lines = ARTICLE.split("\n") + ["Share this article", "Loading..."]
    p = m.probabilities(document_features([x for x in lines if x.strip()]))
    assert p == m.probabilities(document_features([x for x in lines if x.strip()]))
    assert all(x is None or 0.0 <= x <= 1.0 for x in p)
    assert isinstance(m, ResidueModel)


def test_marked_heading_is_left_to_the_listed_phrases(linter):
    page = ("<h1>New SUVs and electric vehicles highlight the motor show</h1>\n"
            "<p>Tom Smith, Motoring Writer</p>\n<p>Updated 5:30 PM EST Nov 19, 2019</p>\n"
            "<p>Carmakers showed electric cars and large SUVs on Tuesday at the show, where buyers "
            "will see prices fall next year, the organisers said.</p>\n<h2>Most read</h2>\n")
    found = [f for f in linter.check_text(page, path="a.html", fmt="html")]
    texts = [page[f.raw_start:f.raw_end] for f in found]
    assert "Most read" in texts                       # a listed phrase, heading or not
    assert not any(t.startswith("New SUVs") for t in texts)
