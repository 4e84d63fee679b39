"""Every rule's documented examples, run automatically: each ``flags`` example gets a finding of the
rule (overlapping the ⟦marked⟧ span), each ``passes`` example gets none."""
import pytest

from copylint.config import Config
from copylint.rule import all_rules, overlapping, parse_example

RULES = all_rules()
CASES = [(rid, "flag", ex) for rid, r in RULES.items() for ex in r.flags] + \
        [(rid, "pass", ex) for rid, r in RULES.items() for ex in r.passes]


def _findings(linter, rid, text):
    cls = RULES[rid]
    cfg = Config(select=(rid,))
    return [f for f in linter.check_text(text, path="example", fmt=cls.example_format, cfg=cfg) if f.rule == rid]


@pytest.mark.parametrize("rid,kind,example", CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_rule_example(linter, rid, kind, example):
    text, span = parse_example(example)
    found = _findings(linter, rid, text)
    if kind == "pass":
        assert found == [], f"{rid} flagged a correct example: {[(f.start, f.end, f.message) for f in found]}"
        return
    assert found, f"{rid} missed: {text!r}"
    if span is not None:
        assert overlapping(found, span), (
            f"{rid} flagged {[text[f.start:f.end] for f in found]} but not the marked {text[span[0]:span[1]]!r}")


@pytest.mark.parametrize("rid", sorted(RULES))
def test_rule_is_documented(rid):
    cls = RULES[rid]
    assert cls.summary and cls.doc(), f"{rid} needs a summary and a docstring"
    assert cls.flags and cls.passes, f"{rid} needs examples it flags and examples it passes"
    assert cls.family and str(cls.severity) in ("error", "warning", "info")
