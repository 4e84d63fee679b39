"""Hostile and broken input thrown at the library and the CLI: no traceback, no hang, and every finding
inside the file (line ≤ number of lines, column ≤ line length + 1, end ≥ start)."""
import re
import signal
import threading
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli

FMTS = ["text", "markdown", "html"]
SUFFIX = {"text": ".txt", "markdown": ".md", "html": ".html"}
PER_INPUT_SECONDS = 30  # far above the normal time (milliseconds) and a first-time cost on a loaded machine
#                        (Harper's speller per word length; once over 10 s at load 13); a hang fails the example

_LINE_BREAK = re.compile(r"\r\n|\n|\r")


@contextmanager
def time_limit(seconds):
    """Fail an example that runs longer than ``seconds`` (a hang), on the main thread only."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def _raise(signum, frame):
        raise TimeoutError(f"input took more than {seconds}s")

    old = signal.signal(signal.SIGALRM, _raise)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def assert_inside(text, findings):
    lines = _LINE_BREAK.split(text)
    for f in findings:
        where = (f.rule, f.line, f.column, f.end_line, f.end_column, f.message)
        assert 1 <= f.line <= len(lines), where
        assert 1 <= f.end_line <= len(lines), where
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1, where
        assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1, where
        assert (f.end_line, f.end_column) >= (f.line, f.column), where
        assert 0 <= f.raw_start <= f.raw_end <= len(text), where
        for r in f.related:
            assert 1 <= r.line <= len(lines) and 1 <= r.column <= len(lines[r.line - 1]) + 1, (where, r)
            assert (r.end_line, r.end_column) >= (r.line, r.column), (where, r)


def check(linter, text, fmt):
    with time_limit(PER_INPUT_SECONDS):
        findings = linter.check_text(text, path="fuzz" + SUFFIX[fmt], fmt=fmt)
    assert_inside(text, findings)
    return findings


# --- strategies ----------------------------------------------------------------------------------
WORDS = st.sampled_from(["the", "The", "council", "said", "Monday", "U.S.", "3,000", "e.g.", "“", "”", '"',
                         "'", "(", ")", "[", "]", ",", ".", "?", "!", ";", ":", "—", "--", "**", "_", "`",
                         "#", ">", "-", "*", "1.", "<p>", "</p>", "<b>", "<br>", "&amp;", "&#0;", "&bogus",
                         "<!--", "-->", "copylint: ignore", "<!-- copylint-disable -->", "TK", "Advertisement",
                         "Share this article", "\t", " ", "  ", "\u00a0", "\u200b", "\ufeff", "é", "ß", "🙂",
                         "\u0301", "\x00", "\x0b", "\x0c", "\x1b", "\x85", "\u2028", "\u2029"])
BREAKS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\r\r", "\n\r"])
TOKENS = st.lists(st.one_of(WORDS, BREAKS, st.text(max_size=8)), max_size=80)
STRUCTURED = TOKENS.map(" ".join) | TOKENS.map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(text=st.text(max_size=400) | STRUCTURED, fmt=st.sampled_from(FMTS))
def test_random_text(linter, text, fmt):
    check(linter, text, fmt)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), fmt=st.sampled_from(FMTS))
def test_random_bytes_decoded(linter, data, fmt):
    """Bytes as a reader sees them after decoding (latin-1 keeps every byte as one character)."""
    check(linter, data.decode("latin-1"), fmt)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.sampled_from(["The the council met.", "It rained,in the north.", "", "> quote",
                                       "- item", "# Head", "<div>", "</div>"]), min_size=1, max_size=30),
       breaks=st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=30, max_size=30),
       fmt=st.sampled_from(FMTS))
def test_mixed_line_endings(linter, lines, breaks, fmt):
    text = "".join(line + brk for line, brk in zip(lines, breaks))
    findings = check(linter, text, fmt)
    if fmt == "text" and "The the council met." in lines:
        assert any(f.rule == "repeated-word" for f in findings)


@pytest.mark.parametrize("fmt", FMTS)
@pytest.mark.parametrize("name,text", [
    ("huge line", ("The the council met on Monday,in the hall. " * 600)),
    ("huge word", "x" * 300_000 + "\n"),
    ("huge url", "See https://example.com/" + "a/" * 50_000 + " now.\n"),
    ("huge line of punctuation", ",.;:!?" * 5_000),
    ("many short lines", "Advertisement\n" * 3000),
    ("nested quotes", ">" * 500 + " The the end.\n"),
    ("nested quotes, spaced", "> " * 500 + "The the end.\n"),
    ("nested lists", "".join("  " * i + "- item the the\n" for i in range(500))),
    ("nested mixed", "".join("> " * (i % 40) + "  " * i + "1. x,y\n" for i in range(300))),
    ("nested emphasis", "*" * 2000 + "word" + "*" * 2000),
    ("nested brackets", "[" * 5000 + "link" + "](x)" * 5000),
    ("nested html", "<div>" * 3000 + "The the end." + "</div>" * 10),
    ("unbalanced html", "<p><b><i>The the <a href='x>broken</p></div></span><script>var a='<p>'"),
    ("html comment unclosed", "<p>The fire</p><!-- copylint-disable"),
    ("cdata and doctype", "<!DOCTYPE html><![CDATA[ the the ]]><?php echo 1 ?><p>x</p>"),
    ("front matter only", "---\ntitle: x\n---"),
    ("front matter unclosed", "---\ntitle: x\nThe the end.\n"),
    ("code fence unclosed", "```\nThe the end.\n"),
    ("table ragged", "| a | b |\n|---|\n| the the | x | y | z |\n"),
    ("only separators", "\r\n\r\n\n\r" * 1000),
    ("control characters", "".join(chr(i) for i in range(32)) * 50),
    ("bidi and zero width", "The\u200b the\u202e council\u2066 met\ufeff.\n"),
    ("surrogate-free astral", "𝕿𝖍𝖊 𝖙𝖍𝖊 🙂🙂 council,met.\n"),
    ("combining marks", "The\u0301 the\u0301 council\u0301,met.\n"),
    ("lone CRs", "The the\rcouncil\rmet,in\rhall.\r"),
])
def test_pathological(linter, fmt, name, text):
    check(linter, text, fmt)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.binary(max_size=200) | STRUCTURED.map(lambda s: s.encode("utf-8", "surrogatepass")),
       fmt=st.sampled_from(FMTS))
def test_cli_never_tracebacks(tmp_path_factory, data, fmt):
    d = tmp_path_factory.mktemp("fuzz")
    p = d / ("f" + SUFFIX[fmt])
    p.write_bytes(data)
    with time_limit(PER_INPUT_SECONDS):
        code, out, err = run_cli(["check", "--isolated", "--no-cache", "--format", "json", str(p)])
    assert code in (0, 1, 2), err
    assert "Traceback" not in err and "internal error" not in err
    if code == 2:
        assert len(err.strip().splitlines()) == 1 and err.startswith("copylint: error: "), err
