"""Reporters: pure functions from results to text. ``REPORTERS[name](results, **options) -> str``."""
from __future__ import annotations

from copylint.reporters.github import render as github
from copylint.reporters.json import render as json
from copylint.reporters.text import render as text

REPORTERS = {"text": text, "json": json, "github": github}
