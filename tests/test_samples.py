"""The articles in samples/: the faulty ones give exactly the planted findings, the clean ones none."""
import json

import pytest

from conftest import SAMPLES

EXPECTED = [json.loads(line) for line in (SAMPLES / "expected.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
MECHANICAL = {"spacing", "repetition", "duplicate", "boilerplate", "placeholder", "punctuation"}


def _check(linter, name):
    path = SAMPLES / name
    [result] = linter.check_paths([str(path)])
    assert result.error is None
    return result.findings


@pytest.mark.parametrize("name", sorted({e["file"] for e in EXPECTED}))
def test_faulty_sample_exact_findings(linter, name):
    expected = [e for e in EXPECTED if e["file"] == name]
    findings = [f for f in _check(linter, name) if f.family in MECHANICAL]
    got = sorted((f.rule, f.line) for f in findings)
    want = sorted((e["rule"], e["line"]) for e in expected)
    assert got == want
    for e in expected:
        [f] = [f for f in findings if (f.rule, f.line) == (e["rule"], e["line"])]
        assert f.column < e["end_column"] and e["column"] < f.end_column, (e, f.to_dict())


def test_expected_spans_match_the_text():
    for e in EXPECTED:
        line = (SAMPLES / e["file"]).read_text(encoding="utf-8").split("\n")[e["line"] - 1]
        assert line[e["column"] - 1:e["end_column"] - 1] == e["text"]


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.iterdir() if "-clean." in p.name))
def test_clean_sample_is_silent(linter, name):
    # silent at every level, info included: the clean samples are full of traps correct English sets
    assert [f.to_dict() for f in _check(linter, name)] == []
