"""Is this pair of figures one quantity stated twice? A classifier of the two mentions' contexts that
never looks at their values, learnt from clean professional copy.

In edited news two mentions of one unit with the *same value* are nearly always one quantity
restated, and two with *different values* nearly always two quantities. So the pairs of mentions
of one unit in clean copy, labelled by whether their values are equal, teach what a restatement
looks like without anyone labelling a pair: the same governing verb, the same words around the
figures, the headline over the lead, the same subject, no "another" or "a further" ... At check
time a pair of *different* values that reads like a restatement is a figure that changed.

The model (small gradient-boosted tree ensembles over the features below, five fitted with
different seeds and averaged, stored as one) is trained by
``tools/train_same_quantity.py`` on news-corpus ``train`` and stored in
``rules/same_quantity.json``; here it is evaluated in plain Python. Beside it the same file holds
the *slip model*, which reads the same context features and ``VALUE_FEATURES`` (how two different
values differ) and gives the log-odds that the pair is one quantity with a figure changed: it is
taught with slips made in clean pairs of one value against clean pairs of two values. Each mention is described once
(``describe``), each pair scored from the two descriptions (``pair_features``), so a pair costs a
few set operations.
"""
from __future__ import annotations

import bisect
import json
import math
import re
from array import array
from functools import lru_cache

from copylint import data
from copylint.textutil import zipf

#: content words around a figure that say it is one of several, by kind: a change ("rose", "up"), an
#: addition ("another", "a further"), a total, a rate ("per", "each"), another time ("first",
#: "earlier"), a part of something ("of whom", "including")
CUES = data.toml("quantities.toml")["cues"]
_CUE_OF = {w: k for k, ws in CUES.items() for w in ws}
#: what stands before a figure: an estimate, a floor, a ceiling
HEDGES = data.toml("quantities.toml")["hedges"]
_CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV"})
_QUOTES_OPEN, _QUOTES_CLOSE = "“‘", "”’"

FEATURES = (
    "unit_money", "unit_percent", "unit_age", "unit_count",
    "same_block", "block_distance", "earlier_heading", "later_heading", "earlier_lead",
    "word_before_same", "word_after_same",
    "tied_overlap", "tied_any", "entities_differ", "entities_shared",
    "sentence_entities_differ", "sentence_entities_overlap",
    "kind_differs", "kind_shared", "measure_differs",
    "governor_same", "subject_same",
    "window_overlap", "sentence_overlap",
    "hedge_same", "hedge_differs", "earlier_hedged", "later_hedged",
    "cue_change", "cue_additive", "cue_total", "cue_rate", "cue_time", "cue_part",
    "dates_differ", "dates_shared",
    "figures_in_sentences", "earlier_quoted", "later_quoted",
    "unit_mentions", "mentions_between", "sources_differ",
    "window_weighted", "sentence_weighted", "after_weighted", "rarest_shared", "relation_same",
    "near_date_differs", "near_date_same", "near_entity_differs", "near_entity_same",
    "earlier_definite", "later_definite", "shared_figures", "earlier_first", "frame_same",
)

#: how two different values of a pair differ, for the slip model only (the same-quantity model never
#: sees values): one keystroke apart, the scale switched, or otherwise; the digits of the larger one;
#: whether they are round; how far apart (log10 of the ratio); and how often the article states
#: each: one of them twice or more ("one"), neither, or both
VALUE_FEATURES = (
    "value_keystroke", "value_scale", "value_other", "value_digits", "value_both_round", "value_any_round",
    "value_log_ratio", "values_one_restated", "values_none_restated", "values_both_restated",
)

#: general signals of a pair that a retrain may add to the slip model's features, after
#: ``VALUE_FEATURES`` (``tools/train_same_quantity.py --signal NAME``), each judged against the shipped
#: recipe on paired seeds (``benchmarks/paired_signal.py``); the shipped model reads none of them:
#:
#: - ``support``: how surely each figure's own value is restated elsewhere, read from the contexts
#:   (the most alike other mention of its unit with its value: the mean of the rarity-weighted overlap
#:   of their windows and of their sentences; 0 with none), the lower and the higher of the two. The
#:   value features count the mentions of each value, blind to whether the other mention of a value is
#:   the same quantity or only the same number in another context;
#: - ``topic``: whether the nouns the two figures are figures *of* agree (``_topic``: "revenue rose 3.2
#:   percent", "growth of 3.5 percent", "the 1,200 jobs"): the same noun, or two different ones.
#:
#: Session 20's restatement readings (each judged the same way):
#:
#: - ``clause``: the rarity-weighted overlap of the content words of the two figures' clauses (the
#:   subtree of the word that governs each figure), the unit left out: a restated quantity keeps what
#:   happened to it ("the plant will cut 1,200 jobs" ... "the 2,100 jobs the plant will cut");
#: - ``synonym``: the two governing verbs or nouns differ but share a WordNet synset
#:   (``rules/event_synonyms.txt``: "cut" and "axe", "jailed" and "imprisoned");
#: - ``phrase``: the rarity-weighted overlap of the content words of the two figures' own phrases
#:   (what hangs from the figure's anchor: "£12bn set aside for schools"), the unit left out;
#: - ``beyond``: the rarity-weighted overlap of the two sentences' content words, the unit left out
#:   (``sentence_weighted`` counts the unit, which every pair shares).
#:
#: (Names of feature groups, the trainer's ``--signal`` values: code, not a word list an editor keeps.)
SIGNALS = dict(
    support=("support_low", "support_high"),
    topic=("topic_same", "topic_differs"),
    clause=("clause_overlap",),
    synonym=("governor_synonym",),
    phrase=("phrase_overlap",),
    beyond=("sentence_beyond",),
)


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _quoted(text: str, start: int, block_start: int, state: list, block: int) -> bool:
    """Inside a quotation of its paragraph: an odd number of straight quotes before it, or more
    opening curly quotes than closing ones. ``state`` carries the counts from one figure to the next
    of the same paragraph (figures come in order), so a long paragraph is read once."""
    if state[0] != block:
        state[:] = [block, block_start, 0, 0, 0]
    before = text[state[1]:start]
    state[1] = max(state[1], start)
    state[2] += before.count('"')
    state[3] += before.count("“")
    state[4] += before.count("”")
    return bool(state[2] % 2) or state[3] > state[4]


class _Ents:
    """The document's named entities by sentence and by token, read once per document (spaCy's
    ``Span.ents`` walks the whole document's list on every call: quadratic over a long article).

    Held as arrays (each entity's first and last token and its sentence's first token, 24 bytes an
    entity), not as a Span per entity and a dict entry per entity token (about 40 MB on a 10 MB
    article, kept for the Doc's life): a Span is made when it is asked for, the same object when
    the same entity is asked for again in a row (``_nearest`` reads consecutive tokens)."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.starts, self.ends, self.labels, self.sents = array("q"), array("q"), array("Q"), array("q")
        sents = iter(doc.sents)
        sent = None
        for e in doc.ents:  # in order, as the sentences are
            while sent is None or sent.end <= e.start:
                sent = next(sents)
            self.starts.append(e.start)
            self.ends.append(e.end)
            self.labels.append(e.label)
            self.sents.append(sent.start)
        self._last: tuple[int, object] = (-1, None)

    def _span(self, k: int):
        if self._last[0] != k:
            from spacy.tokens import Span
            self._last = (k, Span(self.doc, self.starts[k], self.ends[k], label=self.labels[k]))
        return self._last[1]

    def at(self, i: int):
        """The entity token ``i`` is in, or None."""
        k = bisect.bisect_right(self.starts, i) - 1
        return self._span(k) if k >= 0 and i < self.ends[k] else None

    def of_sentence(self, sent) -> list:
        lo = bisect.bisect_left(self.sents, sent.start)
        hi = bisect.bisect_right(self.sents, sent.start, lo)
        return [self._span(k) for k in range(lo, hi)]


def doc_ents(doc) -> _Ents:
    """The entity index of a document, kept in its ``user_data``."""
    index = doc.user_data.get("copylint.ents")
    if index is None:
        index = doc.user_data["copylint.ents"] = _Ents(doc)
    return index


#: how far (in tokens, inside its sentence) a figure's nearest date, entity and other figures are
#: looked for: bounded, so a sentence of thousands of words is not read once per figure
REACH = 30


class Described:
    """What a mention's context is, computed once per mention."""

    __slots__ = ("block", "heading", "lead", "quoted", "window", "sentence", "hedge", "cues", "dates",
                 "figures", "governor", "subject", "source", "order", "after", "relation", "near_date",
                 "near_entity", "definite", "numbers", "named_subject", "frame", "bounds", "peers")


def describe(qs: list, article, attribution) -> None:
    """Fill ``q.ctx`` for each mention of ``qs`` (``attribution(sent)`` names who a sentence quotes)."""
    text = article.text
    blocks = article.blocks
    starts = [b.start for b in blocks]
    heads = {i for i, b in enumerate(blocks) if b.kind == "heading" or _headline_like(text[b.start:b.end])}
    first_body = next((i for i in range(len(blocks)) if i not in heads), 0)
    sent_cache: dict[int, tuple] = {}
    ents = doc_ents(article.doc) if qs else None
    quotes = [-1, 0, 0, 0, 0]  # block, position read to, straight quotes, opening and closing curly ones
    peers: dict[tuple, list] = {}  # the mentions of each unit and value, one list shared by its members
    for q in qs:
        peers.setdefault((q.unit, q.value), []).append(q)

    for n, q in enumerate(qs):
        d = Described()
        d.order = n
        d.peers = peers[(q.unit, q.value)]
        bi = max(0, bisect.bisect_right(starts, q.start) - 1)
        d.block = bi
        d.heading = bi in heads
        d.lead = bi == first_body
        d.quoted = bool(blocks) and _quoted(text, q.start, blocks[bi].start, quotes, bi)
        tok, doc = q.tok, q.tok.doc
        d.window = {t.lemma_.lower() for t in doc[max(0, tok.i - 6):tok.i + 7] if _word(t) and t.i != tok.i}
        sent = q.sent
        if sent.start not in sent_cache:
            lemmas = {t.lemma_.lower() for t in sent if _word(t) and not t.is_stop}
            dates = {e.text.lower() for e in ents.of_sentence(sent) if e.label_ == "DATE"}
            figures = sum(1 for t in sent if t.like_num)
            sent_cache[sent.start] = (lemmas, dates, figures, attribution(sent))
        d.sentence, dates, d.figures, d.source = sent_cache[sent.start]
        # the mention's own words are no date of the sentence ("a 54-year-old", "for 14 days")
        own = text[q.start:q.end].lower()
        d.dates = {x for x in dates if x not in own and own not in x}
        # the sentence's other figures, as written: "56 residents in 33 homes" restated with its 33
        near = doc[max(sent.start, tok.i - REACH):min(sent.end, tok.i + REACH + 1)]
        d.numbers = {t.text.lower().lstrip("€£$") for t in near if t.i != tok.i and (t.like_num or t.text[:1] in "€£$")
                     and any(c.isdigit() for c in t.text)}
        d.near_date = _nearest(near, ents, tok, q, ("DATE",))
        d.near_entity = _nearest(near, ents, tok, q, ("GPE", "ORG", "PERSON", "NORP", "LOC", "FAC", "EVENT"))
        words = [t.lower_ for t in doc[max(0, tok.i - 3):tok.i]]
        # "the 1,200 jobs", "the £21bn", "the 54-year-old": a figure referred back to
        d.definite = bool(words) and (words[-1] in ("the", "this", "these", "those") or
                                      len(words) > 1 and words[-1] in "€£$" and words[-2] == "the")
        d.hedge = next((HEDGES[w] for w in reversed(words) if w in HEDGES), "")
        d.cues = {_CUE_OF[t.lemma_.lower()] for t in doc[max(0, tok.i - 5):tok.i + 6]
                  if t.lemma_.lower() in _CUE_OF and t.i != tok.i} | {
            _CUE_OF[t.lower_] for t in doc[max(0, tok.i - 5):tok.i + 6] if t.lower_ in _CUE_OF and t.i != tok.i}
        d.after = {t.lemma_.lower() for t in doc[tok.i + 1:tok.i + 9] if _word(t) and not t.is_stop}
        d.bounds = _bounds(doc, tok, q)
        d.frame = _frame(doc, d.bounds)
        d.relation = _anchor(tok).dep_
        gov = q.head
        d.governor = gov.lemma_.lower() if gov is not None and gov.i != tok.i else ""
        subj = [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")] if gov is not None else []
        d.subject = subj[0].lemma_.lower() if subj and subj[0].i != tok.i and _word(subj[0]) else ""
        # a subject that is a named place, company or person: "Ardena has 1,200 beds"
        d.named_subject = subj[0].text.lower() if d.subject and subj[0].ent_type_ in (
            "GPE", "ORG", "PERSON", "NORP", "LOC", "FAC") else ""
        q.ctx = d


def _anchor(tok):
    """The token a figure's phrase hangs from: up from the figure over number, quantity and compound
    links (at most 3 tokens on)."""
    anchor = tok
    while anchor.dep_ in ("nummod", "quantmod", "compound") and anchor.head.i != anchor.i and anchor.i - tok.i < 4:
        anchor = anchor.head
    return anchor


#: how many words on each side of a mention its frame holds
FRAME = 3


def _bounds(doc, tok, q) -> tuple[int, int]:
    """The first and last token of a mention."""
    lo = hi = tok.i
    while lo > 0 and doc[lo - 1].idx >= q.start:
        lo -= 1
    while hi + 1 < len(doc) and doc[hi + 1].idx < q.end:
        hi += 1
    return lo, hi


def _frame(doc, bounds: tuple[int, int]) -> tuple[tuple, tuple]:
    """The words right before and right after a mention (its first and last token ``bounds``;
    outward, lower case; a figure among them read as "#", never its value): a restated figure often
    keeps its frame ("11,000 families in Tyumen region received")."""
    lo, hi = bounds
    mark = lambda t: "#" if any(c.isdigit() for c in t.text) else t.lower_  # noqa: E731
    left = tuple(mark(t) for t in reversed(doc[max(0, lo - FRAME):lo]) if not t.is_space)
    right = tuple(mark(t) for t in doc[hi + 1:hi + 1 + FRAME] if not t.is_space)
    return left, right


#: how many tokens on each side of a mention its wide frame holds (``restated_frame``)
WIDE = 25


def _wide(q, side: int):
    """The tokens of a described mention's wide frame on one side (-1 before, 1 after), outward:
    read from the parse when asked, never stored (a huge article holds many figures)."""
    doc, (lo, hi) = q.tok.doc, q.ctx.bounds
    tokens = reversed(doc[max(0, lo - WIDE):lo]) if side < 0 else doc[hi + 1:hi + 1 + WIDE]
    return (t for t in tokens if not t.is_space)


def restated_frame(a, b) -> tuple[int, int, bool]:
    """How the wide frames of two described mentions agree, as written (lower case; figures as they
    are, not "#"): the tokens that are the same outward from the two figures on both sides, how many
    of them are content words, and whether a side ends at two different figures (the same slot of two
    items of a parallel list: "(6.7% on this rate) will add up to a price increase of about 120 NIS",
    "(3.3% on this rate) ... 220 NIS")."""
    same = content = 0
    parallel = False
    for side in (-1, 1):
        for x, y in zip(_wide(a, side), _wide(b, side)):
            if x.lower_ != y.lower_:
                parallel = parallel or all(any(c.isdigit() for c in t.text) for t in (x, y))
                break
            same += 1
            content += x.is_alpha and not x.is_stop
    return same, content, parallel


def _frame_same(a: tuple, b: tuple) -> int:
    """Words the two frames share on each side, counted outward to the first that differs."""
    n = 0
    for side_a, side_b in zip(a, b):
        for x, y in zip(side_a, side_b):
            if x != y:
                break
            n += 1
    return n


def _word(t) -> bool:
    """A content word, never a figure: "12bn" and "1,500m" are single tokens, and a word set that
    held them would tell the classifier whether two values are equal."""
    return t.pos_ in _CONTENT and not t.like_num and not any(c.isdigit() for c in t.text)


def _nearest(near, ents, tok, q, labels) -> str:
    """The entity of those kinds nearest the figure in the words ``near`` it in its sentence (not the
    figure's own words)."""
    best, dist = "", 1 << 30
    if "DATE" in labels:  # a year the parser does not call a date ("similar to that of 2020")
        for t in near:
            if _YEAR.fullmatch(t.text) and not t.ent_type_ and abs(t.i - tok.i) < dist:
                best, dist = t.text, abs(t.i - tok.i)
    seen = []
    for t in near:
        e = ents.at(t.i)
        if e is not None and (not seen or seen[-1] is not e):
            seen.append(e)
    for e in seen:
        if e.label_ not in labels or e.start_char < q.end and q.start < e.end_char:
            continue
        d = min(abs(e.start - tok.i), abs(e.end - 1 - tok.i))
        if d < dist:
            best, dist = e.text.lower(), d
    return best


def _headline_like(block: str) -> bool:
    """A headline or subhead: a short line without a full stop at its end."""
    block = block.strip()
    return 0 < len(block.split()) <= 16 and "\n" not in block and not block.endswith((".", "!", "?", '"', "”", ":"))


_YEAR = re.compile(r"(19|20)\d\d")
_FUNCTION = data.words("pair-function-words")


@lru_cache(maxsize=20000)
def weight(lemma: str) -> float:
    """How much a shared word says: the rarer in English, the more (wordfreq's Zipf scale)."""

    return max(0.5, 7.5 - zipf(lemma))


def _weighted(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    shared = sum(weight(w) for w in a & b)
    return shared / sum(weight(w) for w in a | b)


def pair_features(a, b, unit_mentions: int, between: int) -> list[float]:
    """The features of an earlier mention ``a`` and a later one ``b`` of one unit, in ``FEATURES``
    order. Never their values."""
    ca, cb = a.ctx, b.ctx
    unit = a.unit
    cues = ca.cues | cb.cues
    f = [
        float(unit.startswith("cur:")), float(unit.startswith("%")), float(unit == "age"),
        float(not unit.startswith(("cur:", "%")) and unit != "age"),
        float(ca.block == cb.block), math.log1p(abs(cb.block - ca.block)),
        float(ca.heading), float(cb.heading), float(ca.lead),
        float(bool(a.before) and a.before == b.before and a.before not in _FUNCTION),
        float(bool(a.after) and a.after == b.after and a.after not in _FUNCTION),
        _jaccard(a.bag, b.bag), float(bool(a.bag & b.bag)),
        float(bool(a.ents and b.ents and not a.ents & b.ents)), float(bool(a.ents & b.ents)),
        float(bool(a.sent_ents and b.sent_ents and not a.sent_ents & b.sent_ents)), _jaccard(a.sent_ents, b.sent_ents),
        float(bool(a.mods and b.mods and not a.mods & b.mods)), float(bool(a.mods & b.mods)),
        float(bool(a.measure and b.measure and a.measure != b.measure)),
        float(bool(ca.governor) and ca.governor == cb.governor), float(bool(ca.subject) and ca.subject == cb.subject),
        _jaccard(ca.window, cb.window), _jaccard(ca.sentence, cb.sentence),
        float(bool(ca.hedge) and ca.hedge == cb.hedge), float(bool(ca.hedge and cb.hedge) and ca.hedge != cb.hedge),
        float(bool(ca.hedge)), float(bool(cb.hedge)),
    ]
    f += [float(k in cues) for k in ("change", "additive", "total", "rate", "time", "part")]
    f += [
        float(bool(ca.dates and cb.dates and not ca.dates & cb.dates)), float(bool(ca.dates & cb.dates)),
        math.log1p(ca.figures + cb.figures), float(ca.quoted), float(cb.quoted),
        math.log1p(unit_mentions), math.log1p(between),
        float(bool(ca.source and cb.source and ca.source != cb.source)),
        _weighted(ca.window, cb.window), _weighted(ca.sentence, cb.sentence), _weighted(ca.after, cb.after),
        max((weight(w) for w in (ca.sentence & cb.sentence) - {unit}), default=0.0) / 7.5,
        float(ca.relation == cb.relation),
        float(bool(ca.near_date and cb.near_date) and ca.near_date != cb.near_date),
        float(bool(ca.near_date) and ca.near_date == cb.near_date),
        float(bool(ca.near_entity and cb.near_entity) and ca.near_entity != cb.near_entity),
        float(bool(ca.near_entity) and ca.near_entity == cb.near_entity),
        float(ca.definite), float(cb.definite),
        math.log1p(len(ca.numbers & cb.numbers)), float(ca.block == 0),
        _frame_same(ca.frame, cb.frame) / (2 * FRAME),
    ]
    return f


#: how many other mentions of a figure's unit and value ``support`` reads (the nearest in the article)
SUPPORT_REACH = 12


def support(q, exclude=()) -> float:
    """How surely another mention restates a described mention ``q`` with its own value, from the
    contexts alone: the most alike of the other mentions of its unit and value (``q.ctx.peers``, the
    nearest ``SUPPORT_REACH``; never one in ``exclude``), as the mean of the rarity-weighted overlap of
    their windows and of their sentences; 0 when none is left."""
    ca = q.ctx
    peers = sorted((r for r in ca.peers if r is not q and all(r is not x for x in exclude)),
                   key=lambda r: abs(r.ctx.order - ca.order))[:SUPPORT_REACH]
    return max(((_weighted(ca.window, r.ctx.window) + _weighted(ca.sentence, r.ctx.sentence)) / 2 for r in peers),
               default=0.0)


def _topic(q) -> str:
    """The noun a figure is a figure *of*, from the parse: the noun its phrase modifies ("the 1,200
    jobs cut" -> the counted noun's own head when that is a noun), the noun a preposition ties it to
    ("growth of 3.5 percent" -> growth), else the subject of the verb that governs it ("revenue rose
    3.2 percent" -> revenue); "" when the parse names none. Never the figure's own unit."""
    anchor = _anchor(q.tok)
    head = anchor.head if anchor.head.i != anchor.i else None
    picks = []
    if head is not None:
        if head.pos_ == "ADP" and head.head.i != head.i:
            picks.append(head.head)
        elif head.pos_ in ("NOUN", "PROPN"):
            picks.append(head)
        elif head.pos_ in ("VERB", "AUX"):
            picks += [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != anchor.i]
    own = (q.unit or "").lower()
    for t in picks:
        if t.pos_ in ("NOUN", "PROPN") and _word(t) and t.lemma_.lower() != own and not (q.start <= t.idx < q.end):
            return t.lemma_.lower()
    return ""


def _content(tokens, q) -> set[str]:
    """The content lemmas of ``tokens`` that are not stop words, the figure's unit left out."""
    return {t.lemma_.lower() for t in tokens if _word(t) and not t.is_stop} - {(q.unit or "").lower()}


def _clause(q) -> set[str]:
    """The content lemmas of a figure's clause: the subtree of the word that governs it (its own
    phrase's when none does), inside its sentence; the unit left out."""
    top = q.head if q.head is not None else _anchor(q.tok)
    return _content(top.subtree, q)


def _phrase(q) -> set[str]:
    """The content lemmas of a figure's own phrase (the subtree of its anchor, ``_anchor``), the unit
    left out."""
    return _content(_anchor(q.tok).subtree, q)


@lru_cache(maxsize=1)
def synonym_sets() -> dict[str, tuple[int, ...]]:
    """Each word of ``rules/event_synonyms.txt`` (WordNet's synsets of common verbs and nouns) and
    the lines it is on (read here, not in ``numbers``, which reads it for two durations of one event,
    so that this helper module imports no rule's module)."""
    out: dict[str, list[int]] = {}
    for n, line in enumerate(data.phrases("event_synonyms.txt")):
        for w in line.split():
            out.setdefault(w, []).append(n)
    return {w: tuple(ns) for w, ns in out.items()}


def _synonyms(x: str, y: str) -> bool:
    """Two different words of one WordNet synset (``rules/event_synonyms.txt``)."""
    if not x or not y or x == y:
        return False
    sets = synonym_sets()
    return bool(set(sets.get(x, ())) & set(sets.get(y, ())))


def signal_features(names, a, b, low_high: tuple[float, float] | None = None) -> list[float]:
    """The features of the ``SIGNALS`` named (in that order) for a pair of described mentions ``a``
    and ``b`` with different values; ``low_high``: the two mentions' ``support`` when the caller
    knows it otherwise (the trainer, for a pair with one figure changed)."""
    f: list[float] = []
    for name in names:
        if name == "support":
            if low_high is None:
                sa, sb = support(a, (b,)), support(b, (a,))
                low_high = (min(sa, sb), max(sa, sb))
            f += list(low_high)
        elif name == "topic":
            ta, tb = _topic(a), _topic(b)
            f += [float(bool(ta) and ta == tb), float(bool(ta and tb) and ta != tb)]
        elif name == "clause":
            f.append(_weighted(_clause(a), _clause(b)))
        elif name == "synonym":
            f.append(float(_synonyms(a.ctx.governor, b.ctx.governor)))
        elif name == "phrase":
            f.append(_weighted(_phrase(a), _phrase(b)))
        elif name == "beyond":
            unit = (a.unit or "").lower()
            f.append(_weighted(a.ctx.sentence - {unit}, b.ctx.sentence - {unit}))
        else:
            raise ValueError(f"unknown signal {name!r}: one of {', '.join(SIGNALS)}")
    return f


class Ensemble:
    """A small gradient-boosted ensemble of decision trees (or a logistic regression) exported from
    scikit-learn as plain lists, evaluated here without scikit-learn or numpy."""

    def __init__(self, spec: dict) -> None:
        self.init = float(spec["init"])
        self.rate = float(spec.get("learning_rate", 1.0))
        self.trees = [(t["feature"], t["threshold"], t["left"], t["right"], t["value"]) for t in spec.get("trees", ())]
        self.coef = [float(w) for w in spec.get("coef", ())]

    def logit(self, x: list[float]) -> float:
        x = array("f", x)  # the trees compare in single precision, as scikit-learn does
        z = self.init + sum(w * v for w, v in zip(self.coef, x))
        for feature, threshold, left, right, value in self.trees:
            node = 0
            while left[node] >= 0:
                node = left[node] if x[feature[node]] <= threshold[node] else right[node]
            z += self.rate * value[node]
        return z


class Model:
    """Two ensembles and the severity thresholds trained with them:

    - ``prob``: P(the two mentions state one quantity) from ``FEATURES`` (the contexts only), learnt
      from clean pairs labelled by whether their values are equal; it says how surely a figure is
      restated elsewhere with its own value;
    - ``slip``: the log-odds that two *different* values are one quantity with one figure changed,
      from the contexts and ``VALUE_FEATURES`` together (how the values differ, how often the
      article states each), learnt from slips made in clean pairs of one value against clean pairs
      of two values. Its score is what the thresholds cut: ``warning``, ``info``, and ``confirmed``,
      the warning threshold of a pair whose two figures stand in one long frame of the same words
      (``numbers.restated``) or of two ages of one person named (``numbers.confirmed``), patterns
      that confirm a weaker doubt."""

    def __init__(self, spec: dict) -> None:
        #: the ``SIGNALS`` the slip model reads after ``VALUE_FEATURES`` (none in the shipped file)
        self.signals = tuple(spec["slip"].get("signals", ()))
        extra = tuple(f for name in self.signals for f in SIGNALS.get(name, ("?",)))
        if tuple(spec["features"]) != FEATURES or tuple(spec["slip"]["features"]) != FEATURES + VALUE_FEATURES + extra:
            raise ValueError("rules/same_quantity.json was trained on other features: retrain it with "
                             "tools/train_same_quantity.py")
        self.spec = spec
        self.same = Ensemble(spec)
        self.slip_model = Ensemble(spec["slip"])
        self.warning = float(spec["thresholds"]["warning"])
        self.info = float(spec["thresholds"]["info"])
        #: the warning threshold of a pair in a restated frame or of one person's two ages
        #: (``numbers.confirmed``): calibrated on its own
        self.confirmed = float(spec["thresholds"].get("confirmed", self.warning))
        if not self.info <= self.confirmed <= self.warning:  # as the trainer clamps it; number-mismatch relies on it
            raise ValueError(f"rules/same_quantity.json: the thresholds are out of order (info {self.info}, "
                             f"confirmed {self.confirmed}, warning {self.warning}; info <= confirmed <= warning): "
                             "retrain it with tools/train_same_quantity.py")

    def logit(self, x: list[float]) -> float:
        return self.same.logit(x)

    def prob(self, x: list[float]) -> float:
        z = self.logit(x)
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0

    def slip(self, context: list[float], values: list[float]) -> float:
        """The log-odds that a pair of different values is a changed figure (``pair_features`` and
        ``value_features`` of the pair)."""
        return self.slip_model.logit(context + values)


@lru_cache(maxsize=1)
def model() -> Model:
    return Model(json.loads(data.read_text("same_quantity.json")))


#: a later mention is compared with at most this many earlier mentions of its unit (the nearest ones)
#: and with the article's first mention of it (a headline, a lead): linear in the article's size
NEAREST = 12


def candidate_pairs(qs: list, one_sentence):
    """(earlier, later, mentions of the unit, mentions between) for each later mention and the
    earlier mentions of its unit it is compared with; never two figures of one sentence."""
    by_unit: dict[str, list] = {}
    for q in qs:
        by_unit.setdefault(q.unit, []).append(q)
    for ms in by_unit.values():
        n = len(ms)
        for j in range(1, n):
            b = ms[j]
            picks = list(range(max(0, j - NEAREST), j))
            if picks[0] != 0:
                picks.insert(0, 0)
            for i in picks:
                a = ms[i]
                if not one_sentence(a, b):
                    yield a, b, n, j - i - 1
