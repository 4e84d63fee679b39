"""Reporters: pure functions from results to text. ``REPORTERS[name](results, **options) -> str``."""
from __future__ import annotations

from copylint.reporters.github import render as github
from copylint.reporters.html import render as html
from copylint.reporters.json import render as json
from copylint.reporters.sarif import render as sarif
from copylint.reporters.text import render as text

REPORTERS = {"text": text, "json": json, "github": github, "sarif": sarif, "html": html}
