"""Web residue and placeholders: what a scraper, a CMS or a hurried draft leaves in the copy."""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from typing import Iterator

from copylint import data
from copylint.article import Article
from copylint.finding import Finding, Severity
from copylint.rule import Rule, register

# Marks stripped from a line's edges before it is compared (in Python: a regex with "\s+$" takes
# quadratic time on a long run of spaces inside a line).
_LEAD = frozenset("-–—•·*|>#:")
_TRAIL = frozenset(".!?:;…,|>»›-–—")
_SEPARATORS = re.compile(r"[|·•/»›]")
_FOOTER = re.compile(
    r"^(?:©|\(c\)|copyright\b)\s*(?:\d{4}|[A-Z])|^all rights reserved\b|^(?:image|photo|picture)\s+"
    r"(?:caption|source|copyright|credit)\b", re.I)


# Single words that are residue when several stand on one line between separators ("Share | Tweet").
_NAV_WORDS = frozenset("share tweet email e-mail print facebook twitter x linkedin whatsapp pinterest "
                       "reddit telegram comments comment save subscribe follow copy link".split())


def _norm(s: str) -> str:
    s = s.replace("’", "'").replace("“", '"').replace("”", '"')
    i, j = 0, len(s)
    while i < j and (s[i].isspace() or s[i] in _LEAD):
        i += 1
    while j > i and (s[j - 1].isspace() or s[j - 1] in _TRAIL):
        j -= 1
    s = s[i:j]
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


def listed(line: str, exact: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    """A sure hit: the line is a listed phrase, starts with a listed prefix, is a row of listed
    share/follow words between separators, or is a copyright or picture-credit footer."""
    norm = _norm(line)
    if norm in exact or any(norm.startswith(p + " ") or norm == p for p in prefixes):
        return True
    if _SEPARATORS.search(line):
        parts = [_norm(p) for p in _SEPARATORS.split(line) if _norm(p)]
        if len(parts) >= 2 and all(p in exact or p in _NAV_WORDS for p in parts):
            return True
    return bool(_FOOTER.search(line.strip())) and len(norm.split()) <= 10


# --- the line classifier ------------------------------------------------------------------------
# A logistic regression over what a line is (its words and word pairs, its shape: length, final
# punctuation, capitals, digits, separators, quotation marks) and where it stands (the lines
# around it: prose or not, a run of short lines, a line repeated in the article). It is trained by
# benchmarks/train_residue.py on real pages' residue against their article text and professional
# news copy; the weights ship in rules/residue_model.json.
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,:/]\d+)*|[^\w\s]")
_TERMINAL = re.compile(r"""[.!?…]["'”’)\]]*$""")
_QUOTES = frozenset("\"“”«»")
_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk)\b|@\w", re.I)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\b|\b\d+\s*(?:mins?|minutes?|hours?|hrs?|days?)\s+ago\b", re.I)
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
                    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.I)
MAX_MODEL_WORDS = 40   # longer lines are paragraphs; the model never judges them


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[str, ...]]:
    """word -> the kinds of page furniture it belongs to (``rules/residue_lexicon.txt``)."""
    out: dict[str, list[str]] = {}
    for kind, word in data.pairs("residue_lexicon.txt", " "):
        out.setdefault(word, []).append(kind)
    return {w: tuple(k) for w, k in out.items()}


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def line_kind(line: str) -> str:
    """P: prose (a sentence: 8+ words ending in a full stop, or 20+ words); S: short (5 words or
    fewer); O: anything else."""
    s = line.strip()
    n = len(s.split())
    if (n >= 8 and _TERMINAL.search(s)) or n >= 20:
        return "P"
    return "S" if n <= 5 else "O"


def line_features(line: str) -> list[str]:
    """What a line is: its words (lower case, digits as 0), word pairs with the line's edges, and
    its shape."""
    s = line.strip()
    toks = [re.sub(r"\d", "0", t.lower().replace("’", "'")) for t in _TOKEN.findall(s)]
    feats = [f"w:{t}" for t in toks]
    edged = ["<s>", *toks, "</s>"]
    feats += [f"b:{a}_{b}" for a, b in zip(edged, edged[1:])]
    words = [t for t in _TOKEN.findall(s) if t[:1].isalpha()]
    n = len(s.split())
    nb = _bucket(n, (1, 2, 3, 4, 6, 9, 14, 20, 30))
    last = s[-1:]
    end = ("." if last == "." else "!" if last == "!" else "?" if last == "?" else ":" if last == ":"
           else "…" if last == "…" else "q" if last in "\"”’')]" else "d" if last.isdigit()
           else "a" if last.isalpha() else "x")
    first = s[:1]
    start = ("U" if first.isupper() else "l" if first.islower() else "d" if first.isdigit()
             else "q" if first in "\"“‘'" else "x")
    caps = sum(w[:1].isupper() for w in words)
    ratio = caps / len(words) if words else 0.0
    cap = ("none" if not words else "all" if s.upper() == s and any(c.isalpha() for c in s)
           else "title" if ratio >= 0.8 else "most" if ratio >= 0.5 else "some" if caps > 1 else "few")
    feats += [f"n:{nb}", f"end:{end}", f"start:{start}", f"cap:{cap}", f"shape:{nb}:{end}:{cap}",
              f"nend:{nb}:{end}"]
    if any(c in _QUOTES for c in s):
        feats.append("has:quote")
    if _URLISH.search(s):
        feats.append("has:url")
    if _TIME.search(s):
        feats.append("has:time")
    if _MONTH.search(s):
        feats.append("has:date")
    if _SEPARATORS.search(s):
        feats.append("has:sep")
    commas = s.count(",")
    feats.append(f"commas:{min(commas, 3)}")
    lex = _lexicon()
    kinds = Counter(k for t in toks for k in lex.get(t, ()))
    for k, c in kinds.items():
        feats += [f"lex:{k}", f"lex:{k}:{min(c, 3)}", f"lex:{k}:{nb}:{end}"]
    if toks and "verb" in lex.get(toks[0], ()):
        feats += ["lex:prompt", f"lex:prompt:{end}"]
    n_kinds = len(kinds.keys() - {"you"})
    feats.append(f"lex:kinds:{min(n_kinds, 3)}:{'you' if 'you' in kinds else 'it'}")
    return feats


def _runs(kinds: list[str]) -> list[int]:
    """For each line, the run of non-prose lines it stands in (a prose line: itself and the
    non-prose runs touching it on either side), in linear time."""
    n = len(kinds)
    block = [0] * n            # length of the non-prose run a non-prose line belongs to
    i = 0
    while i < n:
        j = i
        while j < n and kinds[j] != "P":
            j += 1
        block[i:j] = [j - i] * (j - i)
        i = max(j, i + 1)
    out = []
    for i, k in enumerate(kinds):
        if k != "P":
            out.append(block[i])
        else:
            left = block[i - 1] if i > 0 and kinds[i - 1] != "P" else 0
            right = block[i + 1] if i + 1 < n and kinds[i + 1] != "P" else 0
            out.append(left + 1 + right)
    return out


def context_features(kinds: list[str], norms: list[str], i: int, counts: dict[str, int],
                     runs: list[int] | None = None) -> list[str]:
    """Where line ``i`` stands: the kinds of its neighbours, the run of non-prose lines it is in,
    whether the article repeats it. (Not whether it opens the article: a page's first line is
    residue, an article's is its headline.)"""
    prev = kinds[i - 1] if i > 0 else "N"
    nxt = kinds[i + 1] if i + 1 < len(kinds) else "N"
    run = _bucket((runs or _runs(kinds))[i], (1, 2, 4, 8))
    prose_near = sum(k == "P" for k in kinds[max(0, i - 5):i] + kinds[i + 1:i + 6])
    feats = [f"ctx:prev:{prev}", f"ctx:next:{nxt}", f"ctx:around:{prev}{kinds[i]}{nxt}", f"ctx:run:{run}",
             f"ctx:run:{run}:{kinds[i]}", f"ctx:prose10:{_bucket(prose_near, (0, 2, 5, 8))}"]
    if counts.get(norms[i], 0) > 1:
        feats.append("ctx:repeated")
    return feats


def article_lines(article: Article) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line of the article's blocks, in order."""
    out = []
    text = article.text
    for block in article.blocks:
        pos = block.start
        for line in text[block.start:block.end].split("\n"):
            if line.strip():
                out.append((pos, pos + len(line)))
            pos += len(line) + 1
    return out


def document_features(lines: list[str]) -> list[list[str] | None]:
    """Every line's features; None for a line the model does not judge: one too long, one without
    a letter, and the head of the article, the lines above its first paragraph when that comes
    third at the latest (a headline, a standfirst, a byline; listed phrases are still found there)."""
    kinds = [line_kind(x) for x in lines]
    norms = [_norm(x) for x in lines]
    counts: dict[str, int] = {}
    for x in norms:
        counts[x] = counts.get(x, 0) + 1
    first_prose = next((j for j, k in enumerate(kinds[:3]) if k == "P"), None)
    head = 1 if len(lines) == 1 else first_prose or 0
    runs = _runs(kinds)
    out: list[list[str] | None] = []
    for i, line in enumerate(lines):
        if i < head or len(line.split()) > MAX_MODEL_WORDS or not any(c.isalpha() for c in line):
            out.append(None)
        else:
            out.append(line_features(line) + context_features(kinds, norms, i, counts, runs))
    return out


def _p_bucket(p: float | None) -> str:
    if p is None:
        return "N"
    return "0" if p < 0.2 else "1" if p < 0.5 else "2" if p < 0.8 else "3" if p < 0.95 else "4"


def neighbour_features(p1: list[float | None], i: int) -> list[str]:
    """What the first pass made of the lines around line ``i``: residue rarely comes alone on a page."""
    prev = p1[i - 1] if i > 0 else None
    nxt = p1[i + 1] if i + 1 < len(p1) else None
    near = [p for p in p1[max(0, i - 2):i] + p1[i + 1:i + 3] if p is not None]
    wide = [p for p in p1[max(0, i - 5):i] + p1[i + 1:i + 6] if p is not None]
    pb, nb = _p_bucket(prev), _p_bucket(nxt)
    return [f"nb:prev:{pb}", f"nb:next:{nb}", f"nb:both:{pb}{nb}",
            f"nb:max2:{_p_bucket(max(near) if near else None)}",
            f"nb:mean5:{_p_bucket(sum(wide) / len(wide) if wide else None)}"]


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


class ResidueModel:
    """The shipped weights, two passes of logistic regression: the first scores each line by its
    own features, the second adds what the first made of its neighbours. A line is residue when its
    second-pass probability reaches ``threshold``."""

    def __init__(self, spec: dict) -> None:
        self.passes = [(float(p["bias"]), p["weights"]) for p in spec["passes"]]
        self.threshold = float(spec["threshold"])

    @staticmethod
    def score(bias: float, weights: dict[str, float], feats: list[str]) -> float:
        return _logistic(bias + sum(weights.get(f, 0.0) for f in feats))

    def probabilities(self, feats: list[list[str] | None]) -> list[float | None]:
        (b1, w1), (b2, w2) = self.passes
        p1 = [None if f is None else self.score(b1, w1, f) for f in feats]
        return [None if f is None else self.score(b2, w2, f + neighbour_features(p1, i))
                for i, f in enumerate(feats)]


@lru_cache(maxsize=1)
def residue_model() -> ResidueModel:
    """The shipped model (``rules/residue_model.json``), loaded once per process."""
    return ResidueModel(json.loads(data.read_text("residue_model.json")))


@register
class Boilerplate(Rule):
    """Web and CMS residue left in the copy: interface text and prompts, share and follow lines,
    cookie, consent, newsletter and paywall text, captions and picture credits, related-link and
    "most read" lists, "Advertisement", bylines and timestamps out of place.

    Scraped and syndicated articles often carry the page furniture around them; published, it
    tells readers nobody read the copy. Two judges, on lines that stand alone: the listed phrases
    (``rules/boilerplate.txt`` and the ``boilerplate`` key in the configuration) are sure hits, and
    a small line classifier trained on real news pages recognises residue by what it is (its words,
    its shape: short, no full stop, capitals, link-like words) and where it stands (among prose or
    in a run of short lines). A sentence of an article, or one that quotes such a phrase, is prose;
    the classifier leaves the head of an article (headline, standfirst, byline above the first
    paragraph) and headings that HTML or Markdown mark as such alone. Listed phrases can be deleted by ``--fix``; the classifier's lines are left to
    the editor.
    """

    id = "boilerplate"
    family = "boilerplate"
    severity = Severity.WARNING
    summary = "Standalone web/CMS residue: prompts, share lines, credits, cookie text (`Please enter your comment!`)."
    fixable = True
    flags = (
        "The fire spread overnight.\n\n⟦Please enter your comment!⟧\nPlease enter your name here",
        "The strike ended.\n\n⟦Leave a Reply⟧\nCancel reply",
        "Prices rose.\n\n⟦Share this article⟧",
        "Prices rose.\n\n⟦Share | Tweet | Email⟧",
        "Prices rose.\n\n⟦Click here to subscribe to our newsletter⟧",
        "The council met on Monday to agree the budget for the coming year.\n\n"
        "⟦Updated 5:30 PM EST Nov 19, 2019⟧\n\nThe vote was close, and the mayor said more cuts would follow.",
        "The council met on Monday to agree the budget for the coming year.\n\n"
        "⟦Get our free daily newsletter delivered to your inbox⟧\n\nThe vote was close, the mayor said.",
    )
    passes = (
        'The site showed "Please enter your comment!" to every visitor, she said.',
        "Readers were asked to leave a reply on the forum if they had seen the fire.",
        "Advertisement revenue fell by 5% last year.",
        "Share prices fell.",
        "The council met on Monday.\n\nNewsletters have become the fastest-growing part of the "
        "business, the company said.\n\nThe regulator said websites must ask before they set cookies.",
    )

    MAX_WORDS = 14   # a listed phrase is a short line

    def check(self, article: Article) -> Iterator[Finding]:
        exact, prefixes = _phrase_table(tuple(self.config.boilerplate))
        text = article.text
        spans = article_lines(article)
        lines = [text[s:e] for s, e in spans]
        model = residue_model()
        probs = model.probabilities(document_features(lines))
        # a heading the markup declares (HTML, Markdown) is the article's own: the classifier
        # leaves it alone (plain text has no such mark: a short line there only looks like one)
        marked = article.fmt in ("html", "markdown")
        for (start, end), line, p in zip(spans, lines, probs):
            if marked and p is not None and (b := article.block_at(start)) is not None and b.kind == "heading":
                p = None
            lead = len(line) - len(line.lstrip())
            s, e = start + lead, start + len(line.rstrip())
            if len(line.split()) <= self.MAX_WORDS and listed(line, exact, prefixes):
                yield self.finding(s, e, "web or CMS residue, not part of the article",
                                   suggestion="delete this line", fix="")
            elif p is not None and p >= model.threshold:
                yield self.finding(s, e, "looks like web or CMS residue (page furniture), not part of "
                                   "the article", suggestion="delete this line if it is not copy")


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
        "The council will cut ⟦TK⟧ jobs.",
        "⟦Lorem ipsum⟧ dolor sit amet.",
        "The mayor said ⟦[INSERT QUOTE]⟧ on Monday.",
        "⟦Headline here⟧\n\nThe council met.",
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
