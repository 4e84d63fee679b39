"""Doubled punctuation: ``,,`` and ``;;``, a key struck twice."""
from __future__ import annotations

import re
from typing import Iterator

from copylint.article import Article
from copylint.finding import Finding, Severity
from copylint.rule import Rule, markdown, register


@register
class DoubledPunctuation(Rule):
    """A comma or a semicolon typed twice (`said,, adding`).

    A doubled comma or semicolon is a slip of the keyboard or a leftover of an edit (a word deleted
    between two commas); no English sentence needs one. Ellipses, `?!` and `!!` are a writer's
    choice and are left alone, as is anything inside a URL or code. Off by default (an example of a
    rule made in one file, README "Adding a rule"): switch it on with
    `extend-select = ["doubled-punctuation"]`.
    """

    id = "doubled-punctuation"
    any_language = True
    family = "punctuation"
    severity = Severity.WARNING
    summary = "Comma or semicolon typed twice (`said,, adding`)."
    default_enabled = False
    fixable = True
    flags = (
        "The minister said⟦,,→,⟧ adding nothing.",
        "Prices rose in March⟦;;→;⟧ they fell in April.",
        markdown("- Rice, *flour*⟦,,→,⟧ and oil"),
    )
    passes = (
        "The minister said, adding nothing.",
        "Wait... what?!",
        "See https://example.org/a,,b for the data.",
    )

    _PAT = re.compile(r"(?<=[\w*_)\]”’\"'])([,;])\1+(?![,;])")

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        for m in self._PAT.finditer(text):
            s, e = m.start(), m.end()
            token_start = text.rfind(" ", 0, s) + 1
            if "/" in text[token_start:e] or not article.contiguous(s, e):
                continue  # a URL or a path, or markup between the marks
            mark = m.group(1)
            yield self.finding(s, e, f"'{mark}' typed twice", suggestion=mark,
                               fix=article.replacement(s, e, mark))
