"""Spellings and styles that disagree inside one article: ``spelling-variant``.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterator

from copylint import data
from copylint.article import Article
from copylint.finding import Finding, Related, Severity
from copylint.rule import Rule, register

@lru_cache(maxsize=None)
def _form_pattern(form: str, dotted: bool = False) -> re.Pattern:
    """Whole-token uses of ``form``; with ``dotted``, not when a full stop follows ("Mr" in "Mr.")."""
    tail = r"(?![\w\-‑]|\.\w" + (r"|\.)" if dotted else ")")
    return re.compile(r"(?<![\w.\-‑])" + re.escape(form) + tail)


def _occurrences(text: str, form: str, dotted: bool = False) -> Iterator[re.Match]:
    return _form_pattern(form, dotted).finditer(text)


# --- house style ------------------------------------------------------------------------------------
#: titles that are capitalised before a name ("Prime Minister Mustafa al-Kadhimi") and, in most
#: house styles, lower case without one ("the prime minister said")
TITLE_WORDS = ("prime minister", "deputy prime minister", "foreign minister", "finance minister",
               "defence minister", "defense minister", "interior minister", "health minister",
               "foreign secretary", "home secretary", "defence secretary", "health secretary",
               "chancellor", "president", "vice president", "governor", "mayor", "secretary of state",
               "chief executive", "attorney general")
_TITLE_PAT = re.compile(r"\b(" + "|".join(sorted((re.escape(t) for t in TITLE_WORDS), key=len, reverse=True))
                        + r")\b", re.I)
_ISE = re.compile(r"\b([a-z]{3,})(is|iz)(e|es|ed|ing|ation|ations|ational|er|ers)\b")
_ISE_EXCEPT = frozenset("advert advert compr compromis desp dev disgu exerc improv merchand premis "
                        "promis superv telev rev surpr franch enterpr chast exc inc expert conc prec "
                        "parad otherw likew clockw cru pra bru po ar r w sei capsi".split())


def _zipf(word: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return 0.0
    return zipf_frequency(word, "en")


@lru_cache(maxsize=4096)
def _both_spellings(stem: str, ending: str) -> bool:
    if stem in _ISE_EXCEPT:
        return False
    return _zipf(stem + "is" + ending) >= 1.5 and _zipf(stem + "iz" + ending) >= 1.5


def _is_caps_line(text: str, i: int) -> bool:
    s = text.rfind("\n", 0, i) + 1
    e = text.find("\n", i)
    line = text[s:e if e >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 3 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _title_case_heading(article: Article, i: int) -> bool:
    block = article.block_at(i)
    if block is None or block.kind != "heading":
        return False
    words = [w for w in article.text[block.start:block.end].split() if w[:1].isalpha()]
    return sum(w[0].isupper() for w in words) > 0.5 * len(words)


@register
class SpellingVariant(Rule):
    """Spelling and style variants mixed in one article: `U.S.` and `US`, `ISIS` and `IS`, `-ise` and
    `-ize`, `Prime Minister` and `prime minister` used without a name.

    A house style picks one form; an article that mixes two reads as stitched together from several
    sources. The variant groups come from rules/house_style.toml; -ise/-ize pairs are recognised
    for any word that English spells both ways (word frequencies from wordfreq, so "advise" and
    "size" are never variants; a mix is reported at info level, as clean copy quoting an -ize
    source shows one now and then); a title is compared only where no name follows it ("the prime
    minister", not "Prime Minister Mustafa al-Kadhimi"). The minority form is reported, with the
    first use of the majority form as the related place; on a tie, the later form (for titles,
    the capitalised one, since most house styles lower-case a title without a name).
    """

    id = "spelling-variant"
    family = "consistency-spelling"
    severity = Severity.WARNING
    summary = "Two spellings or styles of one thing in an article (`U.S.` / `US`)."
    flags = (
        "The U.S. military will leave Iraq.\n\nThe U.S. move was welcomed.\n\nThe ⟦US⟧ presence has long "
        "been an issue.",
        "Islamic State (IS) lost its last town in 2019.\n\nIS fighters fled.\n\nThe fight against IS goes "
        "on, and so does the fight against ⟦ISIS⟧ cells.",
        "The council will organise a vote.\n\nIt will also organise a debate.\n\nOfficials ⟦recognize⟧ "
        "the problem.",
        "Iraq's prime minister says foreign forces are not needed.\n\nThe move may help the Iraqi "
        "⟦Prime Minister⟧.",
    )
    passes = (
        "The US military will leave Iraq.\n\nUS troops will stay until December.",
        "Officials advise people to organise their papers.\n\nThe size of the problem is clear.",
        "Prime Minister Mustafa al-Kadhimi met Mr Biden.\n\nThe prime minister said troops were not needed.",
        "WHAT IS THE PLAN?\n\nISIS fighters fled the city.",
        "The World Health Organization says hospitals must prioritise vaccines.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        for group in data.toml("house_style.toml").get("variant", []):
            uses = []
            for form in group["forms"]:
                for m in _occurrences(text, form, dotted=form + "." in group["forms"]):
                    if form.isupper() and len(form) <= 3 and _is_caps_line(text, m.start()):
                        continue
                    block = article.block_at(m.start())
                    if block is None or block.kind == "heading":
                        continue  # headlines follow their own style ("US" in a headline, "U.S." below)
                    uses.append((form, m.start(), m.end()))
            sev = Severity.parse(group["severity"]) if "severity" in group else None
            yield from self._report(uses, group.get("note", ""), sev=sev)
        uses = []
        for m in _ISE.finditer(text):
            if _both_spellings(m.group(1), m.group(3)):
                uses.append(("-" + m.group(2) + "e", m.start(), m.end()))
        # clean copy mixes these now and then (a quoted -ize word in an -ise article): info only
        yield from self._report(uses, "-ise and -ize spellings mixed.", sev=Severity.INFO, words=True)
        uses = []
        for m in _TITLE_PAT.finditer(text):
            after = text[m.end():m.end() + 30]
            if re.match(r"\s+(?:[A-Z][a-z]|al-|de |van |von )", after):
                continue  # a title before a name
            if article.block_at(m.start()) is None or _title_case_heading(article, m.start()):
                continue
            prev = text[max(0, m.start() - 3):m.start()]
            if m.group(0)[0].isupper() and (m.start() == 0 or re.search(r"(?:^|[.!?\n][\"“”]?\s*)$", prev)):
                continue  # sentence-initial capital
            form = "capitalised" if m.group(0)[0].isupper() else "lower case"
            uses.append((form, m.start(), m.end()))
        yield from self._report(uses, "A title without a name is usually lower case: 'the prime minister said'.",
                                prefer_lower=True)

    def _report(self, uses, note, sev=None, words=False, prefer_lower=False) -> Iterator[Finding]:
        counts = Counter(f for f, _, _ in uses)
        if len(counts) < 2:
            return
        first = {}
        for f, s, e in uses:
            first.setdefault(f, (s, e))
        order = sorted(counts, key=lambda f: (-counts[f], first[f][0]))
        if prefer_lower and counts["capitalised"] == counts["lower case"]:
            order = ["lower case", "capitalised"]
        major = order[0]
        ref = first[major]
        for f, s, e in uses:
            if f == major:
                continue
            what = f"'{f}' spellings" if words else f"'{f}'"
            shown = f"{what} and '{major}' both used" if not prefer_lower else \
                f"title in {f} here, in {major} elsewhere"
            yield self.finding(s, e, f"{shown} in this article. {note}".strip(), severity=sev,
                               related=[Related(ref[0], ref[1], f"'{major}' here")])
