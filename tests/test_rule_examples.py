"""Every rule's documented examples, run automatically, to LanguageTool's standard: each ``flags``
example gets exactly one finding of the rule, overlapping the ⟦marked⟧ span; the suggestion the rule
makes is the one shown after the arrow (``⟦the the→the⟧``); a fixable rule is silent once its fix is
applied. Each ``passes`` example gets none."""
import pytest

from copylint.config import Config
from copylint.fix import fix_text
from copylint.rule import all_rules, example_format, parse_marked, render_example

RULES = all_rules()
CASES = [(rid, "flag", ex) for rid, r in RULES.items() for ex in r.flags] + \
        [(rid, "pass", ex) for rid, r in RULES.items() for ex in r.passes]


def _check(linter, rid, text, fmt):
    cfg = Config(select=(rid,))
    return cfg, linter.check_text(text, path="example", fmt=fmt, cfg=cfg)


@pytest.mark.parametrize("rid,kind,example", CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_rule_example(linter, rid, kind, example):
    cls = RULES[rid]
    fmt = example_format(cls, example)
    text, span, suggestion = parse_marked(example)
    cfg, everything = _check(linter, rid, text, fmt)
    found = [f for f in everything if f.rule == rid]
    if kind == "pass":
        assert found == [], f"{rid} flagged a correct example: {[(f.start, f.end, f.message) for f in found]}"
        return
    assert len(found) == 1, f"{rid}: {len(found)} findings, not one: {[(text[f.start:f.end], f.message) for f in found]}"
    [f] = found
    assert span is not None, f"{rid}: mark the flagged span with ⟦ ⟧: {example!r}"
    s, e = span  # in the example as written (Markdown, HTML: the markup included), as raw offsets are
    assert f.raw_start < e and s < max(f.raw_end, f.raw_start + 1), (
        f"{rid} flagged {text[f.raw_start:f.raw_end]!r} but not the marked {text[s:e]!r}")
    assert f.suggestion == suggestion, (
        f"{rid} suggests {f.suggestion!r}; the example shows {suggestion!r} (write it as ⟦span→suggestion⟧)")
    if cls.fixable and f.fix is not None:
        fixed, remaining, applied = fix_text(linter, text, "example", fmt, cfg, everything)
        assert applied and fixed != text, f"{rid}: the fix changed nothing"
        if f.fix:  # a replacement (a deletion may take its line and a blank line with it)
            assert fixed == text[:f.raw_start] + f.fix + text[f.raw_end:]
        assert not [g for g in remaining if g.rule == rid], f"{rid} still flags the fixed text {fixed!r}"


def test_examples_in_markdown_and_html():
    """Some examples are Markdown or HTML, read through their readers."""
    fmts = {example_format(r, ex) for r in RULES.values() for ex in (*r.flags, *r.passes)}
    assert {"markdown", "html"} <= fmts


def test_render_example():
    assert render_example("a ⟦the the→the⟧ b", "[[", "]]") == "a [[the the → the]] b"
    assert render_example("a⟦  → ⟧b", "**", "**") == "a**   → a single space**b"
    assert render_example("x ⟦y⟧\nz", "[", "]", newline=" / ") == "x [y] / z"


@pytest.mark.parametrize("rid", sorted(RULES))
def test_rule_is_documented(rid):
    cls = RULES[rid]
    assert cls.summary and cls.doc(), f"{rid} needs a summary and a docstring"
    assert cls.flags and cls.passes, f"{rid} needs examples it flags and examples it passes"
    assert cls.family and str(cls.severity) in ("error", "warning", "info")
