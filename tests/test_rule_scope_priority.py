"""Declarative ``scope`` and ``priority`` on rules, applied by the engine."""
import pytest

from copylint.config import Config
from copylint.engine import Linter, defer_to_dedicated
from copylint.finding import Finding
from copylint.rule import BODY, HEADLINES, REGISTRY, Rule


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


@pytest.fixture
def rules(monkeypatch):
    for cls in (EveryWord, HeadlineStorm, BodyStorm):
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
