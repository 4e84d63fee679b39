"""Web residue and placeholders: what a scraper, a CMS or a hurried draft leaves in the copy."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from copylint import data
from copylint.article import Article
from copylint.finding import Finding, Severity
from copylint.rule import Rule, register

_STRIP = re.compile(r"^[\s\-–—•·*|>#:]+|[\s.!?:;…,|>»›\-–—]+$")
_SEPARATORS = re.compile(r"\s*(?:\||·|•|/|»|›)\s*")
_FOOTER = re.compile(
    r"^(?:©|\(c\)|copyright\b)\s*(?:\d{4}|[A-Z])|^all rights reserved\b|^(?:image|photo|picture)\s+"
    r"(?:caption|source|copyright|credit)\b", re.I)


# Single words that are residue when several stand on one line between separators ("Share | Tweet").
_NAV_WORDS = frozenset("share tweet email e-mail print facebook twitter x linkedin whatsapp pinterest "
                       "reddit telegram comments comment save subscribe follow copy link".split())


def _norm(s: str) -> str:
    s = s.replace("’", "'").replace("“", '"').replace("”", '"')
    s = _STRIP.sub("", s)
    return " ".join(s.lower().split())


@lru_cache(maxsize=16)
def _phrase_table(extra: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """(exact phrases, prefix phrases) normalised; an entry ending in … or ... is a prefix."""
    exact, prefixes = set(), []
    for p in data.phrases("boilerplate.txt") + extra:
        if p.endswith(("…", "...")):
            prefixes.append(_norm(p.rstrip(".… ")))
        else:
            exact.add(_norm(p))
    return frozenset(exact), tuple(prefixes)


@register
class Boilerplate(Rule):
    """Web and CMS residue left in the copy: comment forms, share prompts, cookie and newsletter
    prompts, "Advertisement", "Related Topics", "Click here to…", "Read more".

    Scraped and syndicated articles often carry the page furniture around them; published, it
    tells readers nobody read the copy. Only a line that stands alone as residue is reported: a
    sentence that quotes such a phrase is prose. Extra phrases come from the ``boilerplate`` key in
    the configuration; the shipped list is ``rules/boilerplate.txt``.
    """

    id = "boilerplate"
    family = "boilerplate"
    severity = Severity.WARNING
    summary = "Standalone web/CMS residue (`Please enter your comment!`)."
    fixable = True
    flags = (
        "The fire spread overnight.\n\n⟦Please enter your comment!→delete this line⟧",
        "The strike ended.\n\n⟦Leave a Reply→delete this line⟧",
        "Prices rose.\n\n⟦Share this article→delete this line⟧",
        "Prices rose.\n\n⟦Share | Tweet | Email→delete this line⟧",
        "Prices rose.\n\n⟦Click here to subscribe to our newsletter→delete this line⟧",
    )
    passes = (
        'The site showed "Please enter your comment!" to every visitor, she said.',
        "Readers were asked to leave a reply on the forum if they had seen the fire.",
        "Advertisement revenue fell by 5% last year.",
        "Share prices fell.",
    )

    MAX_WORDS = 14

    def check(self, article: Article) -> Iterator[Finding]:
        exact, prefixes = _phrase_table(tuple(self.config.boilerplate))
        text = article.text
        for block in article.blocks:
            pos = block.start
            for line in text[block.start:block.end].split("\n"):
                start, end = pos, pos + len(line)
                pos = end + 1
                norm = _norm(line)
                if not norm or len(norm.split()) > self.MAX_WORDS:
                    continue
                hit = norm in exact or any(norm.startswith(p + " ") or norm == p for p in prefixes)
                if not hit and _SEPARATORS.search(line):
                    parts = [_norm(p) for p in _SEPARATORS.split(line) if _norm(p)]
                    hit = len(parts) >= 2 and all(p in exact or p in _NAV_WORDS for p in parts)
                if not hit:
                    hit = bool(_FOOTER.search(line.strip())) and len(norm.split()) <= 10
                if hit:
                    lead = len(line) - len(line.lstrip())
                    yield self.finding(start + lead, start + len(line.rstrip()),
                                       "web or CMS residue, not part of the article",
                                       suggestion="delete this line", fix="")


@lru_cache(maxsize=1)
def _placeholder_patterns() -> re.Pattern:
    sensitive, insensitive = [], []
    for p in data.phrases("placeholders.txt"):
        pat = r"\s+".join(re.escape(w) for w in p.split())
        (sensitive if p.upper() == p and any(c.isalpha() for c in p) else insensitive).append(pat)
    bracket = (r"\[\s*(?:INSERT|ADD|TK|TKTK|TBC|TBD|LINK|QUOTE|PHOTO|PIC|IMAGE|CAPTION|NAME|HED|"
               r"DEK|FIGURE|CHECK|XX+|FILL)\b[^\]\n]{0,60}\]")
    alts = [f"(?i:{bracket})"]
    alts += [rf"(?<![\w-]){p}(?![\w-])" for p in sorted(sensitive, key=len, reverse=True)]
    alts += [rf"(?i:(?<![\w-]){p}(?![\w-]))" for p in sorted(insensitive, key=len, reverse=True)]
    return re.compile("|".join(alts))


@register
class Placeholder(Rule):
    """A placeholder left in the draft: TK, TKTK, lorem ipsum, XXX, [INSERT QUOTE], "headline here".

    These mark what the writer meant to come back to; published, they are the most embarrassing
    fault in the list. All-capital markers (TK, XXX) match only in capitals, so "Atkins" or the
    Roman numeral in "Super Bowl XX" are left alone where the list says so.
    """

    id = "placeholder"
    family = "placeholder"
    severity = Severity.ERROR
    summary = "Placeholder left in the copy (`TK`, `lorem ipsum`, `[INSERT QUOTE]`)."
    flags = (
        "The council will cut ⟦TK→replace it with the real text⟧ jobs.",
        "⟦Lorem ipsum→replace it with the real text⟧ dolor.",
        "The mayor said ⟦[INSERT QUOTE]→replace it with the real text⟧ on Monday.",
        "⟦Headline here→replace it with the real text⟧\n\nThe council met.",
    )
    passes = (
        "Mr Atkins said the TKO came in round three.",
        "The company's XXL range sold out.",
        "Insert the key and turn it.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        for m in _placeholder_patterns().finditer(text):
            yield self.finding(m.start(), m.end(), f"placeholder '{m.group()}' left in the copy",
                               suggestion="replace it with the real text")
