"""Reporters: pure functions from results to text. ``REPORTERS[name](results, **options) -> str``;
``pieces(name, results, **options)`` gives the same text in pieces, to be written as they come
(the text and JSON reports a finding at a time: a huge article's report is never held whole)."""
from __future__ import annotations

from typing import Iterator

from copylint.reporters import json as _json_reporter
from copylint.reporters import text as _text_reporter
from copylint.reporters.github import render as github
from copylint.reporters.html import render as html
from copylint.reporters.json import render as json
from copylint.reporters.sarif import render as sarif
from copylint.reporters.text import render as text

REPORTERS = {"text": text, "json": json, "github": github, "sarif": sarif, "html": html}
_PIECES = {"text": _text_reporter.pieces, "json": _json_reporter.pieces}


def pieces(name: str, results, **options) -> Iterator[str]:
    """The report ``REPORTERS[name]`` renders, in pieces that join to it."""
    if name in _PIECES:
        return _PIECES[name](results, **options)
    return iter([REPORTERS[name](results, **options)])
