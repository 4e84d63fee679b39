"""Inline suppression, applied once to every rule's findings after all rules have run.

Markdown/HTML: ``<!-- copylint-disable RULE -->`` … ``<!-- copylint-enable RULE -->`` (no RULE:
every rule), ``<!-- copylint-disable-next-line RULE -->``, ``<!-- copylint-disable-file -->``.
Plain text: ``copylint: ignore RULE`` at the end of a line, ``copylint: disable-file`` on a line
of its own. RULE may be a rule id, a family or a kind of a rule (``double-space.after-stop``),
several separated by commas or spaces.
"""
from __future__ import annotations

from copylint.article import Article
from copylint.finding import Finding


def _matches(rules: tuple[str, ...], f: Finding) -> bool:
    """A finding a directive names: by its rule id (``lt:RULE_ID`` too), its family or its kind
    (``RULE.KIND``)."""
    return (not rules or f.rule in rules or f.family in rules
            or (f.kind is not None and f"{f.rule}.{f.kind}" in rules))


def apply(article: Article, findings: list[Finding]) -> list[Finding]:
    ds = article.directives
    if not ds:
        return findings
    if any(d.action == "disable-file" and not d.rules for d in ds):
        return []
    file_rules = [d for d in ds if d.action == "disable-file"]
    ranges = sorted((d for d in ds if d.action in ("disable", "enable")), key=lambda d: d.line)
    line_only = [d for d in ds if d.action in ("ignore-line", "disable-next-line")]
    kept = []
    for f in findings:
        if any(_matches(d.rules, f) for d in file_rules):
            continue
        if any(_matches(d.rules, f) and f.line == (d.line if d.action == "ignore-line" else d.line + 1)
               for d in line_only):
            continue
        disabled = False
        for d in ranges:
            if d.line > f.line:
                break
            if _matches(d.rules, f):
                disabled = d.action == "disable"
            elif d.action == "enable" and not d.rules:
                disabled = False
        if not disabled:
            kept.append(f)
    return kept
