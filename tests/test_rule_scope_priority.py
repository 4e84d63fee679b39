"""Declarative ``scope`` and ``priority`` on rules, applied by the engine."""
import pytest

from copylint.config import Config
from copylint.engine import Linter, defer_to_dedicated
from copylint.finding import Finding
from copylint.quotes import quotations
from copylint.readers import load_article
from copylint.rule import BODY, HEADLINES, OUTSIDE_QUOTATIONS, PROSE, REGISTRY, Rule


class EveryWord(Rule):
    """Test-only: every word 'storm'."""

    id = "test-storm"
    family = "testing"
    summary = "storm (test only)."
    default_enabled = False

    def check(self, article):
        text = article.text
        i = text.find("storm")
        while i >= 0:
            yield self.finding(i, i + 5, "storm")
            i = text.find("storm", i + 1)


class HeadlineStorm(EveryWord):
    """Test-only: 'storm' in headlines."""

    id = "test-storm-headline"
    scope = HEADLINES


class BodyStorm(EveryWord):
    """Test-only: 'storm' in the body, below every other rule."""

    id = "test-storm-body"
    scope = BODY
    priority = -5


class UnquotedStorm(EveryWord):
    """Test-only: 'storm' in the writer's own words."""

    id = "test-storm-unquoted"
    scope = OUTSIDE_QUOTATIONS


class UnquotedProseStorm(EveryWord):
    """Test-only: 'storm' in the writer's own running sentences."""

    id = "test-storm-unquoted-prose"
    scope = PROSE | OUTSIDE_QUOTATIONS


@pytest.fixture
def rules(monkeypatch):
    for cls in (EveryWord, HeadlineStorm, BodyStorm, UnquotedStorm, UnquotedProseStorm):
        monkeypatch.setitem(REGISTRY, cls.id, cls)


ARTICLE = "# The storm hits\n\nThe storm hit the coast.\n\n- storm damage\n"


def _found(rule_ids):
    cfg = Config(select=tuple(rule_ids))
    return [(f.rule, f.line) for f in Linter().check_text(ARTICLE, path="a.md", fmt="markdown", cfg=cfg)]


def test_scope_keeps_findings_where_the_rule_reads(rules):
    assert _found(["test-storm"]) == [("test-storm", 1), ("test-storm", 3), ("test-storm", 5)]
    assert _found(["test-storm-headline"]) == [("test-storm-headline", 1)]
    assert _found(["test-storm-body"]) == [("test-storm-body", 3), ("test-storm-body", 5)]


def test_a_lower_priority_rule_defers_where_findings_overlap(rules):
    # the body rule is below test-storm: where both report the same word, only test-storm's stays
    assert _found(["test-storm", "test-storm-body"]) == [("test-storm", 1), ("test-storm", 3), ("test-storm", 5)]
    # without the other rule, its findings stand
    assert _found(["test-storm-headline", "test-storm-body"]) == [
        ("test-storm-headline", 1), ("test-storm-body", 3), ("test-storm-body", 5)]


def test_defer_to_dedicated_by_priority():
    a = Finding("general", 0, 5, "m")
    b = Finding("dedicated", 3, 8, "m")
    c = Finding("general", 10, 12, "m")
    assert defer_to_dedicated([a, b, c], {"general": -1, "dedicated": 0}) == [b, c]
    assert defer_to_dedicated([a, b, c], {"general": 0, "dedicated": 0}) == [a, b, c]
    # LanguageTool's ids are grammar-check's: it is the rule behind them that has the priority
    from copylint.rule import rule_for
    assert rule_for("lt:EN_A_VS_AN").id == "grammar-check" and rule_for("lt:EN_A_VS_AN").priority < 0


def _kept(rule_id: str, text: str, fmt: str = "text") -> list[str]:
    """The line of each finding of ``rule_id`` the engine keeps on ``text``."""
    cfg = Config(select=(rule_id,))
    found = Linter().check_text(text, path="a.md" if fmt == "markdown" else "a.txt", fmt=fmt, cfg=cfg)
    return [f.line for f in found]


@pytest.mark.parametrize("text, lines", [
    # straight and curly quotes: the storm inside them is the speaker's
    ('The storm came.\n\n"The storm took everything," she said.\n\nA storm is due.', [1, 5]),
    ("The storm came.\n\n“The storm took everything,” she said.\n\nA storm is due.", [1, 5]),
    ("She called it ‘the storm of the century’.\n\nThe storm passed.", [3]),
    # across a line break inside a paragraph
    ('She said: "We saw the\nstorm coming, and the\nstorm came." The storm passed.', [3]),
    # an unbalanced quote runs to the paragraph's end, and no further
    ('He said: "The storm will pass and we will rebuild.\n\nThe storm passed.', [3]),
    # a quotation over paragraphs: each opens, the last closes
    ("“The storm was the worst.\n\n“The storm passed,” she said. The storm left.", [3]),
    # an inch mark, a word that is not quoted, a mark between letters: no quotation
    ('A 5" storm drain. The storm came.', [1, 1]),
    ('Officer Raz z"l saw the storm.', [1]),
])
def test_outside_quotations_drops_what_is_quoted(rules, text, lines):
    assert len(_kept("test-storm", text)) == text.count("storm")  # without the scope, every one
    assert _kept("test-storm-unquoted", text) == lines


def test_outside_quotations_joins_a_block_scope(rules):
    text = '# The "storm" hits\n\nThe storm hit. "The storm," she said.\n\n- storm damage\n'
    assert _kept("test-storm-unquoted", text, "markdown") == [3, 5]
    assert _kept("test-storm-unquoted-prose", text, "markdown") == [3]


def test_quotations_are_spans_of_the_text():
    text = 'He said: "Yes." Then “no” and ‘maybe’.\n\n"Open to the end\n\nNone here.'
    art = load_article("a.txt", text, "text")
    spans = [art.text[s:e] for s, e in quotations(art.text, art.blocks)]
    assert spans == ['"Yes."', "“no”", "‘maybe’", '"Open to the end']
    assert art.quotations == quotations(art.text, art.blocks)
    yes = art.text.index("Yes")
    assert art.in_quotation(yes, yes + 3) and not art.in_quotation(0, 2)
    assert not art.in_quotation(yes, art.text.index("Then") + 4)  # runs out of the quotation
    # apostrophes are not quotation marks
    art = load_article("a.txt", "The players’ union and ‘90s music. It’s the workers\" mood.", "text")
    assert art.quotations == []
