"""Doubled punctuation: ``,,``, ``;;`` and ``..``, a key struck twice."""
from __future__ import annotations

import re
from typing import Iterator

from copylint.article import Article
from copylint.finding import Finding, Severity
from copylint.rule import Rule, markdown, register


@register
class DoubledPunctuation(Rule):
    """A comma, a semicolon or a full stop typed twice (`said,, adding`, `the United States..`).

    A doubled comma or semicolon is a slip of the keyboard or a leftover of an edit (a word deleted
    between two commas); no English sentence needs one, nor two full stops after a word (an
    abbreviation's stop closes the sentence too: `Sears, Roebuck & Co.` ends it). Ellipses, `?!`
    and `!!` are a writer's choice and are left alone, as is anything inside a URL or code. On by
    default since session 20: over 1.13 million words of professional copy (news-corpus,
    clean-news, the web pages' article text, news-snippets, mqm-dev) it finds 14, every one a
    slip (`"Make Science Great Again,,"`, `payments..  The number`, `Corp.. of polluting`).
    """

    id = "doubled-punctuation"
    any_language = True
    family = "punctuation"
    severity = Severity.WARNING
    summary = "Comma, semicolon or full stop typed twice (`said,, adding`)."
    fixable = True
    flags = (
        "The minister said⟦,,→,⟧ adding nothing.",
        "Prices rose in March⟦;;→;⟧ they fell in April.",
        markdown("- Rice, *flour*⟦,,→,⟧ and oil"),
        "The suit covers owners across the United States⟦..→.⟧ It was filed on Monday.",
    )
    passes = (
        "The minister said, adding nothing.",
        "Wait... what?!",
        "See https://example.org/a,,b for the data.",
        "And then... nothing. The score was 1..5 in the code, see ../data for more.",
    )

    # a comma or a semicolon twice or more; a full stop twice after a small letter (three are an ellipsis)
    _PAT = re.compile(r"(?<=[\w*_)\]”’\"'])([,;])\1+(?![,;])|(?<=[a-z])(\.)\.(?![.\w/])")

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        for m in self._PAT.finditer(text):
            s, e = m.start(), m.end()
            token_start = text.rfind(" ", 0, s) + 1
            if "/" in text[token_start:e] or not article.contiguous(s, e):
                continue  # a URL or a path, or markup between the marks
            mark = m.group(1) or m.group(2)
            yield self.finding(s, e, f"'{mark}' typed twice", suggestion=mark,
                               fix=article.replacement(s, e, mark))
