"""--fix and --diff: the safe mechanical fixes, applied atomically, keeping encoding and line endings."""
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from copylint.engine import Linter
from copylint.fix import fix_results, plan

OLD = 1_000_000_000  # a past mtime, so that any rewrite shows


def _write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    os.utime(path, ns=(OLD, OLD))


def _fix(path):
    lin = Linter(isolated=True, keep_articles=True)
    results = lin.check_paths([str(path)])
    outcomes = fix_results(lin, results, write=True)
    return results, outcomes


def _cli_fix(path, *extra):
    return run_cli(["check", "--isolated", "--no-cache", "--fix", *extra, str(path)])


# Each fixable rule's own examples are fixed and checked again by tests/test_rule_examples.py (the
# replacement made, the rule silent after it); here: whole lines deleted, and the command line.
@pytest.mark.parametrize("before,after", [
    ("Thousands walked out on Monday,in a dispute.\n", "Thousands walked out on Monday, in a dispute.\n"),
    # a duplicated paragraph: the later copy goes, with one blank line
    ("Wildfire forces evacuation of mountain towns\n\nThe fire started on Saturday.\n\n"
     "Wildfire forces evacuation of mountain towns\n\nCrews worked overnight.\n",
     "Wildfire forces evacuation of mountain towns\n\nThe fire started on Saturday.\n\n"
     "Crews worked overnight.\n"),
    # boilerplate in the middle, at the end, at the end without a final newline, at the top
    ("The fire spread.\n\nAdvertisement\n\nCrews arrived.\n", "The fire spread.\n\nCrews arrived.\n"),
    ("The fire spread.\n\nShare this article\n", "The fire spread.\n"),
    ("The fire spread.\n\nShare this article", "The fire spread."),
    ("Advertisement\n\nThe fire spread.\n", "The fire spread.\n"),
    ("The fire spread.\nShare | Tweet | Email\nCrews arrived.\n", "The fire spread.\nCrews arrived.\n"),
])
def test_fixes_plain_text(tmp_path, before, after):
    p = tmp_path / "a.txt"
    _write(p, before)
    code, out, err = _cli_fix(p)
    assert p.read_text(encoding="utf-8") == after
    assert code == 0, (out, err)  # nothing left to report


@pytest.mark.parametrize("name,before,after", [
    ("a.md", "# Budget passed\n\nThe budget passed.\n\n> Share this article\n\nIt rained all day and and night.\n\n"
             "**Advertisement**\n",
     "# Budget passed\n\nThe budget passed.\n\nIt rained all day and night.\n"),
    ("a.md", "- Roads\n- Advertisement\n- Bridges\n", "- Roads\n- Bridges\n"),
    ("a.md", "It passed on **Monday**,in the hall.\n", "It passed on **Monday**, in the hall.\n"),
    ("a.html", "<p>The fire spread.</p>\n<p>Advertisement</p>\n<p>Crews arrived.</p>\n",
     "<p>The fire spread.</p>\n<p>Crews arrived.</p>\n"),
    # another paragraph on the same line: only the residue goes, the line stays
    ("a.html", "<p>The fire spread.</p><p>Advertisement</p>\n", "<p>The fire spread.</p><p></p>\n"),
    ("a.html", "<p>The fire &amp; the the smoke spread.</p>\n", "<p>The fire &amp; the smoke spread.</p>\n"),
])
def test_fixes_markup(tmp_path, name, before, after):
    p = tmp_path / name
    _write(p, before)
    _cli_fix(p)
    assert p.read_text(encoding="utf-8") == after


@pytest.mark.parametrize("name,text", [
    ("a.md", "The budget passed on Monday,in**side** the hall.\n"),   # markup inside the span
    ("a.md", "The **the** budget passed.\n"),
    ("a.md", "The <!-- note -->the budget passed.\n"),
    ("a.html", "<p>Prices <b>rose</b> ,sharply.</p>\n"),
])
def test_no_fix_across_markup(tmp_path, name, text):
    """A span whose original holds markup is reported but never rewritten."""
    p = tmp_path / name
    _write(p, text)
    _cli_fix(p)
    assert p.read_text(encoding="utf-8") == text
    assert os.stat(p).st_mtime_ns == OLD


def test_keeps_crlf_cp1252_and_bom(tmp_path):
    crlf = tmp_path / "crlf.txt"
    _write(crlf, "Caf\u00e9 opens\r\n\r\nThe the caf\u00e9 opened.\r\n\r\nAdvertisement\r\n\r\nIt rained.\r\n", "cp1252")
    bom = tmp_path / "bom.md"
    bom.write_bytes(b"\xef\xbb\xbf" + "Na\u00efve the the plan.\n".encode("utf-8"))
    code, out, err = run_cli(["check", "--isolated", "--no-cache", "--fix", str(crlf), str(bom)])
    assert crlf.read_bytes() == "Caf\u00e9 opens\r\n\r\nThe caf\u00e9 opened.\r\n\r\nIt rained.\r\n".encode("cp1252")
    assert bom.read_bytes() == b"\xef\xbb\xbf" + "Na\u00efve the plan.\n".encode("utf-8")
    assert "decoded as cp1252" in err


def test_fix_twice_changes_nothing_the_second_time(tmp_path):
    p = tmp_path / "a.txt"
    _write(p, "The council met on Monday,in the hall.\nThe the budget passed.\n\nAdvertisement\n\n"
              "The council met on Monday,in the hall.\n\nRoads, bridges, bridges and schools (closed.\n")
    _cli_fix(p)
    once = p.read_bytes()
    assert once != b"" and b"bridges, bridges" not in once
    os.utime(p, ns=(OLD, OLD))
    code, out, err = _cli_fix(p)
    assert p.read_bytes() == once
    assert os.stat(p).st_mtime_ns == OLD
    assert code == 1 and "unbalanced-brackets" in out  # what cannot be fixed is still reported


def test_untouched_without_fixable_findings(tmp_path):
    clean = tmp_path / "clean.txt"
    _write(clean, "The council met on Monday.\n")
    unfixable = tmp_path / "bracket.txt"
    _write(unfixable, "The council (which met on Monday said no.\n")
    code, out, err = run_cli(["check", "--isolated", "--no-cache", "--fix", str(clean), str(unfixable)])
    assert code == 1
    assert os.stat(clean).st_mtime_ns == OLD and os.stat(unfixable).st_mtime_ns == OLD
    assert not list(tmp_path.glob(".copylint-*"))  # no temporary file left behind


def test_overlapping_fixes_converge(tmp_path):
    """A repeated word inside a duplicated line: the line goes (one pass), nothing is left over."""
    p = tmp_path / "a.txt"
    text = ("The council approved the budget on Monday.\n\nIt passed by 30 votes.\n\n"
            "The council approved the the budget on Monday,in full.\n")
    _write(p, text)
    lin = Linter(isolated=True, keep_articles=True)
    [res] = lin.check_paths([str(p)])
    assert {f.rule for f in res.findings} >= {"repeated-word", "missing-space-after-punctuation"}
    fix_results(lin, [res], write=True)
    fixed = p.read_text(encoding="utf-8")
    assert fixed == ("The council approved the budget on Monday.\n\nIt passed by 30 votes.\n\n"
                     "The council approved the budget on Monday, in full.\n")
    assert [f for f in res.findings if f.fix is not None] == []


def test_plan_never_overlaps(linter):
    from copylint.readers import load_article

    text = "Roads, bridges, bridges and and schools.\n\nRoads, bridges, bridges and and schools.\n"
    findings = linter.check_text(text, path="x.txt")
    art = load_article("x.txt", text)
    edits = plan(art, findings)
    assert edits
    for a, b in zip(edits, edits[1:]):
        assert a.end <= b.start


def test_diff_changes_nothing(tmp_path):
    p = tmp_path / "a.txt"
    _write(p, "The the council met.\n")
    code, out, err = run_cli(["check", "--isolated", "--no-cache", "--diff", str(p)])
    assert code == 1
    assert f"--- a/{p}" in out and "-The the council met." in out and "+The council met." in out
    assert p.read_text() == "The the council met.\n" and os.stat(p).st_mtime_ns == OLD
    clean = tmp_path / "b.txt"
    _write(clean, "The council met.\n")
    code, out, err = run_cli(["check", "--isolated", "--no-cache", "--diff", str(clean)])
    assert code == 0 and out == ""


def test_fix_stdin_prints_the_fixed_text():
    code, out, err = run_cli(["check", "--isolated", "--no-cache", "--fix", "-"],
                             stdin="The the council met.\nIt rained,in the end.\n")
    assert out == "The council met.\nIt rained, in the end.\n"
    assert code == 0
    code, out, err = run_cli(["check", "--isolated", "--no-cache", "--fix", "-", "other.txt"], stdin="x")
    assert code == 2 and "standard input" in err


def test_exit_code_reflects_what_remains(tmp_path):
    p = tmp_path / "a.txt"
    _write(p, "The the council met.\n")
    code, out, err = run_cli(["check", "--isolated", "--no-cache", str(p)])
    assert code == 1
    code, out, err = _cli_fix(p)
    assert code == 0 and "fixed 1 finding" in err


SENTENCES = st.sampled_from([
    "The council met on Monday.", "The the budget passed.", "It rained,in the north.",
    "Farmers grow barley, barley and oats.", "Advertisement", "Share this article",
    "The minister said , nothing.", "Prices  rose.", "Roads, bridges and schools were shut.",
    "Crews worked overnight to clear the roads.", "(An aside.", "",
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(SENTENCES, min_size=1, max_size=12), eol=st.sampled_from(["\n", "\r\n"]),
       fmt=st.sampled_from(["text", "markdown"]))
def test_fix_is_idempotent(linter, lines, eol, fmt):
    from copylint.fix import fix_text

    text = eol.join(lines) + eol
    path = "x.md" if fmt == "markdown" else "x.txt"
    findings = linter.check_text(text, path=path, fmt=fmt)
    once, remaining, _ = fix_text(linter, text, path, fmt, None, findings)
    twice, _, applied = fix_text(linter, once, path, fmt, None, linter.check_text(once, path=path, fmt=fmt))
    assert twice == once and applied == 0
    assert "\n" not in once.replace("\r\n", "") if eol == "\r\n" else "\r" not in once
    assert eol * 3 not in once or eol * 3 in text  # no double blank line left by a deletion
