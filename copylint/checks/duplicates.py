"""Duplicates: a headline, line or paragraph that appears again, exactly or nearly."""
from __future__ import annotations

import bisect
import re
from collections import Counter, deque
from typing import Iterator

from rapidfuzz import fuzz, process

from copylint.article import Article, Block
from copylint.finding import Finding, Related, Severity
from copylint.rule import Rule, html, register
from copylint.textutil import QUOTE_MARKS

_NORM_DROP = re.compile(r"[^\w\s]")


def normalize(s: str) -> str:
    """Lower case, punctuation dropped, white space folded: what a near-exact copy shares."""
    s = s.replace("’", "'").lower()
    return " ".join(_NORM_DROP.sub(" ", s).split())


def _lines(article: Article) -> list[tuple[int, int]]:
    """Each block, and each line of a multi-line block, as (start, end) in ``article.text``."""
    out = []
    text = article.text
    for b in article.blocks:
        out.append((b.start, b.end))
        if "\n" in text[b.start:b.end]:
            pos = b.start
            for line in text[b.start:b.end].split("\n"):
                out.append((pos, pos + len(line)))
                pos += len(line) + 1
    return sorted(set(out))


_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*$")


#: a heading right under the headline of this many words or more is a standfirst (a dek)
DEK_WORDS = 8


def is_standfirst(article: Article, block: Block | None) -> bool:
    """A heading written as a sentence (it ends with . ! or ?), or the heading right under the
    article's headline, above any paragraph, as long as a sentence (``DEK_WORDS``; a dek is often
    written without its full stop): a standfirst or a summary, which the body may restate on
    purpose; a headline has no full stop."""
    if block is None or block.kind != "heading":
        return False
    line = article.text[block.start:block.end].rstrip()
    if _SENTENCE_END.search(line):
        return True
    blocks = article.blocks
    return len(blocks) > 1 and blocks[0].kind == "heading" and blocks[1].start == block.start \
        and len(line.split()) >= DEK_WORDS


def quoted_once(first: Block | None, later: Block | None) -> bool:
    """One copy in a quote block (a pull quote, a ``<blockquote>`` or an ``<aside>``), the other in
    the body: a pull quote repeats the body's words on purpose."""
    return first is not None and later is not None and (first.kind == "quote") != (later.kind == "quote")


def restated_on_purpose(article: Article, first: Block | None, later: Block | None) -> bool:
    """The later copy repeats the first on purpose: a pull quote and the body (``quoted_once``), or a
    standfirst the body restates (``is_standfirst``)."""
    return quoted_once(first, later) or (
        is_standfirst(article, first) and later is not None and later.kind != "heading")


class _Sections:
    """Which headline each offset stands under, and that headline's text."""

    def __init__(self, article: Article) -> None:
        heads = [b for b in article.blocks if b.kind == "heading"]
        self.starts = [b.start for b in heads]
        self.titles = [normalize(article.text[b.start:b.end]) for b in heads]

    def index(self, i: int) -> int:
        return bisect.bisect_right(self.starts, i) - 1

    def title(self, k: int) -> str | None:
        return self.titles[k] if k >= 0 else None


@register
class DuplicateLine(Rule):
    """A headline, line or paragraph that appears again later in the article.

    Pasted twice, or left behind by a CMS that repeats the headline in the body: a reader sees the
    same words again and wonders what went wrong. Exact copies and near-exact ones (differing only
    in case, punctuation or a word or two in a long paragraph) are reported on the later copy, with
    the first copy as the related location. Lines of fewer than four words are left to the
    boilerplate rule. Some repeats are made on purpose, so they are reported at info only: a near
    copy (a standfirst or a summary point restated in the body, in other words or with a full stop;
    the same words but for their spacing are the same paste), and a short line of fewer than eight
    words that neither is nor repeats a headline (a photo credit, a caption, a refrain such as
    "A hit has been detected."), a line that comes three times or more (a running head or a
    section label: a paste goes wrong once, a template repeats), a pull quote (a block the page
    names so, an ``<aside>``, a ``<blockquote>``) and the body line it repeats, a standfirst (a
    heading written as a sentence) that the body restates, and the lines of parallel sections: a
    list item or a table row repeated under another headline (two products' features), a line
    repeated under a short label that repeats the first copy's (Day 1's "Meal 1" and Day 2's).
    """

    id = "duplicate-line"
    any_language = True
    family = "duplicate"
    severity = Severity.WARNING
    summary = "Headline, line or paragraph repeated."
    fixable = True
    kinds = {"on-purpose": (Severity.INFO, "a repeat often made on purpose: a near copy, a short line "
                                           "that is not a headline, a line that comes three times or more, "
                                           "a pull quote, a standfirst the body restates, a line of "
                                           "parallel sections")}
    flags = (
        "Wildfire forces evacuation of mountain towns\n\nThe fire started on Saturday.\n\n"
        "⟦Wildfire forces evacuation of mountain towns→delete the repeated copy⟧",
        "The council approved the budget on Monday.\n\nIt passed by 30 votes.\n\n"
        "⟦the council approved the budget on Monday→delete the repeated copy⟧",
        "The council approved the budget on Monday night after a long debate in the chamber.\n\n"
        "It passed by 30 votes.\n\n"
        "⟦The council approved the budget on Monday night after a long debat in the chamber.→delete the repeated copy⟧",
        # the same words, but for a doubled space: the same paste (main: info)
        "The plan was rushed and would leave other services short.\n\nIt passed.\n\n"
        "⟦The plan was rushed and would leave  other services short.→delete the repeated copy⟧",
    )
    passes = (
        "The council approved the budget on Monday.\n\nThe council rejected the budget on Tuesday.",
        "Advertisement\n\nThe fire spread.\n\nAdvertisement",
        "He said no.\n\nShe said no.",
    )

    MIN_WORDS = 4
    SHORT = 8    # a repeated line shorter than this (not a headline) may be a caption or a refrain
    NEAR = 94.0  # rapidfuzz ratio (0-100) on normalised text for a near-exact copy
    NEAR_MIN_CHARS = 30  # shorter lines are compared exactly only: a few letters change their sense
    TEMPLATE_COPIES = 3  # a line this many times is a template's (a running head), not a paste
    # earlier lines kept per four-word key for the near-copy search: every one in an article; on a
    # huge file whose lines keep opening with the same words, the search stays linear
    NEAR_CANDIDATES = 64

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        seen: dict[str, tuple[int, int]] = {}
        earlier: list[tuple[str, int, int]] = []
        by_key: dict[str, deque[int]] = {}  # first/last four words -> indexes into earlier (the last NEAR_CANDIDATES)
        reported_reach = -1  # the furthest end of a reported copy (lines come in order of their start)
        lines = _lines(article)
        sections = _Sections(article)
        copies = Counter(normalize(text[a:b]) for a, b in lines)
        for start, end in lines:
            raw = text[start:end].strip()
            norm = normalize(raw)
            if len(norm.split()) < self.MIN_WORDS:
                continue
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            s, e = start + lead, start + lead + len(raw)
            first = seen.get(norm)
            near = False
            words = norm.split()
            keys = (" ".join(words[:4]), " ".join(words[-4:]))
            if first is None and len(norm) >= self.NEAR_MIN_CHARS:
                # A near-exact copy differs by a few characters, so it keeps its first or its last
                # four words: only earlier lines sharing one of them are compared (linear, not
                # every pair), the closest in rapidfuzz's C loop.
                cands = list(dict.fromkeys([*by_key.get(keys[0], ()), *by_key.get(keys[1], ())]))
                best = process.extractOne(norm, [earlier[i][0] for i in cands], scorer=fuzz.ratio,
                                          processor=None, score_cutoff=self.NEAR) if cands else None
                if best is not None:
                    first, near = earlier[cands[best[2]]][1:], True
            if first is not None and not (first[0] <= s < first[1]) and e > reported_reach:
                # (not inside a copy already reported)
                reported_reach = e
                what = "nearly repeats" if near or _typed(text[first[0]:first[1]]) != _typed(raw) else "repeats"
                kind = self._kind(article, s)
                on_purpose = what != "repeats" or copies[norm] >= self.TEMPLATE_COPIES or (
                    len(norm.split()) < self.SHORT and "headline" not in (kind, self._kind(article, first[0]))
                ) or self._made_on_purpose(
                    article, sections, first[0], s)
                yield self.finding(
                    s, e, f"this {kind} {what} an earlier one",
                    related=[Related(first[0], first[1], "first copy")],
                    suggestion="delete the repeated copy", fix=None if on_purpose else "",
                    kind="on-purpose" if on_purpose else None)
                continue
            if norm not in seen:
                seen[norm] = (s, e)
                for k in set(keys):
                    by_key.setdefault(k, deque(maxlen=self.NEAR_CANDIDATES)).append(len(earlier))
                earlier.append((norm, s, e))

    @staticmethod
    def _made_on_purpose(article: Article, sections: _Sections, first: int, later: int) -> bool:
        """A pull quote and the body; a standfirst the body restates; a line of parallel sections (a
        list item or a table row repeated under another headline: two products' features; or a line
        under a short label that repeats the first copy's: Day 1's "Meal 1" and Day 2's)."""
        b1, b2 = article.block_at(first), article.block_at(later)
        if restated_on_purpose(article, b1, b2):
            return True
        k1, k2 = sections.index(first), sections.index(later)
        if k1 == k2 or k1 < 0 or b2 is None or b2.kind == "heading":
            return False
        title = sections.title(k1)
        # a label ("Meal 1", "Day 2") heads parallel sections; a longer headline that comes again
        # is a paste's (a related article printed twice), and so are the lines under it
        return b2.kind in ("list_item", "table") or (
            title == sections.title(k2) and len(title.split()) < DuplicateLine.MIN_WORDS)

    @staticmethod
    def _kind(article: Article, i: int) -> str:
        b: Block | None = article.block_at(i)
        return "headline" if b is not None and b.kind == "heading" else "line"


def _typed(line: str) -> str:
    """The line as typed, but for its spacing: a copy differing only there (a doubled space) is the
    same paste, not a near copy. (One differing by the full stop that closes it is not: a page's
    summary point or headline restated as the body's sentence, `... being posted` over `... being
    posted.`, is made on purpose.)"""
    return re.sub(r"\s+", " ", line).strip()


# A sentence ends at . ! ? (and any closing quotes/brackets) before white space and a capital, a
# digit or an opening quote; common abbreviations do not end sentences.
_SENT_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Mt|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|Jr|Sr|No|Vol|"
                     r"Inc|Ltd|Co|Corp|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$")


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text[start:end]`` (a light splitter; no parse needed)."""
    out = []
    pos = start
    for m in _SENT_END.finditer(text, start, end):
        if _ABBREV.search(text, max(start, m.start() - 6), m.start()):
            continue
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return [(s, e) for s, e in out if text[s:e].strip()]


#: a sentence opening with an ellipsis (after an opening quote or bracket): an excerpt of words
#: quoted before, quoted again on purpose ("… Fares have increased," he had tweeted)
_EXCERPT = re.compile(r"""\s*["“‘'(\[]*\s*(?:…|\.\.\.)""")


@register
class DuplicateSentence(Rule):
    """A sentence that appears again later in the article.

    Spun and merged copy often repeats a sentence a few paragraphs on. Only sentences of eight
    words or more are compared (short ones — "He denied it." — recur naturally), in normalised
    form, except that a shorter one of four words or more typed twice in a row, outside quotation
    marks, is a paste ("Jonny Bairstow made 30. Jonny Bairstow made 30."; a chant or a cry repeated
    in a quotation is the speaker's); a whole repeated paragraph is left to `duplicate-line`. A
    sentence repeated under another headline is about another thing (the same delivery terms for two products in a
    comparison, the same line under each candidate's profile): left alone. So is a sentence that
    a pull quote (a block the page names so, an ``<aside>``, a ``<blockquote>``) takes from the body,
    and a standfirst (a heading written as a sentence, or a dek under the headline) that the body
    restates, and a quotation quoted again as an excerpt, opening with an ellipsis.
    """

    id = "duplicate-sentence"
    any_language = True
    family = "duplicate"
    severity = Severity.WARNING
    summary = "Sentence repeated later in the article."
    flags = (
        "The fire began on Saturday afternoon near the old mill. Crews arrived fast.\n\n"
        "Residents fled. ⟦The fire began on Saturday afternoon near the old mill.→delete the repeated sentence⟧",
        "Crawley was bowled by Kuldeep. Jonny Bairstow made 30. ⟦Jonny Bairstow made 30.→delete the repeated sentence⟧ "
        "India reached 40 at the close.",
    )
    passes = (
        "He denied it. The court heard more.\n\nShe denied it. He denied it.",
        'An officer shouted: "We got her. We got her." The siege was over. He denied it. He denied it.',
        "The fire began on Saturday afternoon near the old mill.\n\n"
        "The fire began on Sunday morning near the new mill.",
        "The fire began on Saturday afternoon near the old mill.\n\n"
        "The fire began on Saturday afternoon near the old mill.",  # a repeated line: duplicate-line
        "Kettle A\n\nA fast kettle with a glass jug. Delivery is free on all orders over £20 in the UK.\n\n"
        "Kettle B\n\nA quiet kettle in brushed steel. Delivery is free on all orders over £20 in the UK.",
        # a pull quote (a block the page names so, an <aside>, a <blockquote>) repeats the body
        html("<p>The agency will build three rockets by 2024. Adding another rocket into the mix is "
             "not something I am confident could happen, he said.</p><table><tr><td class=\"pullquote\">"
             "Adding another rocket into the mix is not something I am confident could happen, he said."
             "</td></tr></table>"),
        # a standfirst (a heading written as a sentence) that the first paragraph restates
        html("<h1>Oxygen bar opens in Delhi</h1><h2>The brains behind the startup are said to be two "
             "former bankers from Mumbai.</h2><p>The brains behind the startup are said to be two "
             "former bankers from Mumbai. They saw an oxygen bar in Las Vegas.</p>"),
        # a quotation quoted again as an excerpt, its ellipsis marking the cut
        "The firm tweeted: \"We are all concerned. Fares have increased to encourage more drivers to come "
        "online in the area.\"\n\nThat opener sounds civic.\n\n\"… Fares have increased to encourage more "
        "drivers to come online in the area.\"\n\nThe rest is a transaction.",
        # ... and a dek, the heading under the headline, written without its full stop
        html("<h1>Coal emissions fall again</h1><h2>Coal has been in a slow-motion death spiral over the "
             "past ten years</h2><p>Emissions fell by 2 percent last year, the firm said.</p><p>Coal has "
             "been in a slow-motion death spiral over the past ten years. Gas took up the slack.</p>"),
    )

    MIN_WORDS = 8
    MIN_ADJACENT_WORDS = 4   # a shorter sentence typed twice in a row
    _QUOTE_MARKS = frozenset(QUOTE_MARKS)

    def _pasted_twice(self, text: str, prev: tuple[int, int] | None, s: int, e: int, norm: str) -> bool:
        """Whether the sentence at ``s:e``, under ``MIN_WORDS`` words, repeats the one right before it
        (``prev``) as a paste does: ``MIN_ADJACENT_WORDS`` or more, closed by a full stop, no
        quotation mark in either."""
        if prev is None or not self.MIN_ADJACENT_WORDS <= len(norm.split()) < self.MIN_WORDS:
            return False
        first, again = text[prev[0]:prev[1]], text[s:e]
        return (normalize(first) == norm and again.rstrip().endswith(".")
                and not self._QUOTE_MARKS & set(first + again))

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        seen_blocks: set[str] = set()
        seen: dict[str, tuple[int, int, int]] = {}  # normalised sentence -> (start, end, section)
        section = 0  # headlines passed so far
        for block in article.blocks:
            if block.kind == "heading":
                section += 1
            block_norm = normalize(text[block.start:block.end])
            repeated_block = block_norm in seen_blocks
            seen_blocks.add(block_norm)
            prev = None
            for s, e in sentences(text, block.start, block.end):
                norm = normalize(text[s:e])
                before, prev = prev, (s, e)
                if len(norm.split()) < self.MIN_WORDS:
                    if self._pasted_twice(text, before, s, e, norm):
                        yield self.finding(s, e, "this sentence repeats the one before it",
                                           related=[Related(before[0], before[1], "first copy")],
                                           suggestion="delete the repeated sentence")
                    continue
                first = seen.get(norm)
                if first is None:
                    seen[norm] = (s, e, section)
                    continue
                if repeated_block or first[2] != section:
                    continue  # a repeated paragraph (duplicate-line), or another section's sentence
                if restated_on_purpose(article, article.block_at(first[0]), block):
                    continue  # a pull quote and the body, or a standfirst the body restates
                if _EXCERPT.match(text, s, e):
                    continue  # a quotation's words quoted again, marked as an excerpt by an ellipsis
                yield self.finding(s, e, "this sentence repeats an earlier one",
                                   related=[Related(first[0], first[1], "first copy")],
                                   suggestion="delete the repeated sentence")
