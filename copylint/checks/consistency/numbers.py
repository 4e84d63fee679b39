"""Figures that disagree inside one article: ``number-mismatch`` (the same quantity stated twice with
different values) and ``wrong-side`` (a count of forces given the wrong nationality).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Iterator

from copylint import data
from copylint.article import Article
from copylint.data import noun_classes
from copylint.finding import Finding, Related, Severity
from copylint.rule import Rule, register

# --- numbers ---------------------------------------------------------------------------------------
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
          "bln": 1e9,
          "b": 1e9, "trillion": 1e12, "tn": 1e12}
_NUM = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(bn|mn|m|k|tn|b)?$", re.I)
_WORDNUM = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "dozen": 12, "hundred": 100}

#: verbs and nouns that count the same thing, by group: a count of people evacuated and a count of
#: people who fled are the same quantity
EVENT_GROUPS = {
    "evacuated": "evacuate evacuation leave flee displace relocate escape abandon",
    "killed": "kill die dead death",
    "injured": "injure wound hurt injury",
    "arrested": "arrest detain detention",
    "missing": "miss missing",
    "rescued": "rescue save",
    "striking": "strike walkout walk join",
    "attending": "attend",
    "infected": "infect case",
}
_EVENT_OF = {w: g for g, ws in EVENT_GROUPS.items() for w in ws.split()}
METRICS = frozenset("profit revenue sale turnover loss income earnings budget cost debt deficit "
                    "surplus valuation fine bill spending investment dividend salary bonus".split())
UPDATE_WORDS = frozenset("rise rose risen climb climbed increase increased grow grew another further "
                         "additional latest updated update now total earlier initially first "
                         "previously originally initial revised since including".split())
REPORTING = frozenset("say said says claim claimed estimate estimated according report reported "
                      "tell told put count counted".split())


def parse_number(tok) -> float | None:
    """The value of a number token, with a scale word after it ("2 million", "€1.2bn")."""
    text = tok.text.lstrip("€£$")
    m = _NUM.match(text)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= _SCALE[m.group(2).lower()]
    elif tok.lower_ in _WORDNUM:
        value = float(_WORDNUM[tok.lower_])
    else:
        return None
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in _SCALE and nxt.lower_ not in ("m", "b", "k"):
        value *= _SCALE[nxt.lower_]
    return value


def _attribution(sent) -> str | None:
    """Who the sentence quotes: the subject of its reporting verb ("the union", "a spokesman")."""
    for t in sent:
        if t.lemma_.lower() in REPORTING and t.pos_ == "VERB":
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                return " ".join(w.lower_ for w in subj[0].subtree if not w.is_punct)[:40]
        if t.lower_ == "according":
            return "according " + " ".join(w.lower_ for w in t.subtree)[:40]
    return None


def _verbs_above(tok) -> list:
    out = []
    t = tok
    while t.head.i != t.i:
        t = t.head
        if t.pos_ in ("VERB", "AUX", "NOUN") or t.dep_ == "ROOT":
            out.append(t)
            out.extend(c for c in t.children if c.dep_ in ("xcomp", "dobj", "prep"))
            out.extend(g for c in t.children if c.dep_ in ("xcomp", "prep", "dobj") for g in c.children)
        if t.pos_ == "VERB" and t.dep_ not in ("xcomp", "acl", "relcl"):
            break
    return out


class Mention:
    __slots__ = ("key", "value", "start", "end", "sent", "text", "hedge")

    def __init__(self, key, value, start, end, sent, text):
        self.key, self.value, self.start, self.end, self.sent, self.text = key, value, start, end, sent, text


def count_mentions(doc) -> list[Mention]:
    """Counts of people tied to an event group, and money amounts tied to a metric."""
    classes = noun_classes()
    out = []
    for tok in doc:
        if tok.ent_type_ in ("DATE", "TIME", "PERCENT", "ORDINAL"):
            continue
        if not (tok.like_num or tok.ent_type_ == "MONEY" or _NUM.match(tok.text.lstrip("€£$"))):
            continue
        value = parse_number(tok)
        if value is None:
            continue
        noun = tok.head if tok.dep_ == "nummod" else None
        if noun is None and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
            noun = next((g for c in of for g in c.children if g.dep_ == "pobj"), None)
            if noun is not None and noun.lower_ in ("them", "us", "these", "those"):
                noun = None
        if tok.ent_type_ == "MONEY" or tok.text[:1] in "€£$" or (tok.i > 0 and tok.doc[tok.i - 1].text in "€£$"):
            cur = tok.text[0] if tok.text[:1] in "€£$" else (tok.doc[tok.i - 1].text if tok.i else "")
            metric = _money_metric(tok)
            if metric:
                s, e = _phrase(tok)
                out.append(Mention(("money", cur, metric), value, s, e, tok.sent, doc.text[s:e]))
            continue
        if noun is None or noun.pos_ != "NOUN" or value < 10:
            continue
        if "c:person" not in (classes.lookup(noun.lemma_.lower()) or set()):
            continue
        group = None
        for v in _verbs_above(noun) + [c for c in noun.children if c.dep_ in ("acl", "relcl")]:
            group = _EVENT_OF.get(v.lemma_.lower())
            if group:
                break
        if group is None:
            continue
        s, e = _phrase(tok, noun)
        out.append(Mention(("people", group), value, s, e, tok.sent, doc.text[s:e]))
    return out


def _money_metric(tok) -> str | None:
    t = tok
    for _ in range(4):
        if t.head.i == t.i:
            break
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].lemma_.lower() in METRICS:
                mods = [c.lower_ for c in subj[0].children if c.dep_ in ("amod", "compound")]
                return " ".join(mods + [subj[0].lemma_.lower()])
            return None
    return None


def _phrase(tok, noun=None) -> tuple[int, int]:
    first = tok
    for c in tok.children:
        if c.dep_ in ("advmod", "quantmod", "amod") and c.i < first.i:
            first = c
    while first.i > 0 and first.doc[first.i - 1].dep_ == "quantmod" and first.doc[first.i - 1].head == tok:
        first = first.doc[first.i - 1]
    last = noun if noun is not None and noun.i > tok.i else tok
    if last.i + 1 < len(tok.doc) and tok.doc[last.i + 1].lower_ in _SCALE:
        last = tok.doc[last.i + 1]
    return first.idx, last.idx + len(last.text)


# --- any quantity, from the parse -------------------------------------------------------------------
_CURRENCY_WORDS = {"dollar": "$", "dollars": "$", "euro": "€", "euros": "€", "pound": "£", "pounds": "£",
                   "yuan": "yuan", "rouble": "rub", "roubles": "rub", "ruble": "rub", "rubles": "rub",
                   "yen": "yen", "rupee": "inr", "rupees": "inr", "francs": "chf", "crowns": "czk"}
_HEDGES = frozenset("about around some nearly almost over more than at least up to roughly approximately "
                    "estimated around some just under below above".split())
#: words beside a figure that make it one of several: a range, a comparison, a change, a part
_NOT_RESTATED = frozenset("from between compared versus vs up down rise rose risen fell fall fallen increase "
                          "increased decrease decreased grew grow dropped drop jumped jump another further "
                          "additional extra total totalling totaling per each average other previous "
                          "earlier last next first second third later initially originally previously".split())
_DURATIONS = frozenset("second minute hour day week month year decade century".split())
_STOP = frozenset("be have do say tell make get go take give include reach stand add come "
                  "number figure total amount people person one".split())
_BAG_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_ENTS = frozenset({"GPE", "ORG", "PERSON", "NORP", "LOC", "FAC", "EVENT", "PRODUCT"})


class Quantity:
    """A figure and what it measures: its unit (a currency, %, or the noun it counts) and the words
    the parse ties to it (the counted noun's modifiers, the verb that governs it, that verb's subject
    and object, prepositional objects, entities)."""

    __slots__ = ("tok", "value", "unit", "bag", "ents", "start", "end", "sent", "hedged", "blocked", "head",
                 "before", "after", "mods", "sent_ents", "measure")

    def __init__(self, tok, value, unit, bag, ents, start, end, hedged, blocked, head):
        self.tok, self.value, self.unit, self.bag, self.ents = tok, value, unit, bag, ents
        self.start, self.end, self.sent, self.hedged, self.blocked = start, end, tok.sent, hedged, blocked
        self.head = head
        doc = tok.doc
        inside = [t for t in doc[max(0, tok.i - 2):tok.i + 6] if start <= t.idx < end] or [tok]
        lo, hi = inside[0].i, inside[-1].i
        words = [t for t in doc[max(0, lo - 3):lo] if not t.is_punct and not t.is_space]
        self.before = words[-1].lower_ if words else ""
        words = [t for t in doc[hi + 1:hi + 4] if not t.is_punct and not t.is_space]
        self.after = words[0].lower_ if words else ""
        # money or a share measured as a noun right after it ("$9.1bn revenue", "$2.4bn profit")
        noun = doc[hi] if doc[hi].pos_ == "NOUN" and hi != tok.i else (
            words[0] if words and words[0].pos_ == "NOUN" else None)
        self.measure = noun.lemma_.lower() if noun is not None and (unit.startswith("cur:") or unit.startswith("%")) \
            else ""
        # what the counted noun is: its own modifiers ("imported cases", "severe cases")
        noun = doc[hi] if doc[hi].pos_ in ("NOUN", "PROPN") and doc[hi].i != tok.i else None
        self.mods = {c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound")
                     and c.i != tok.i and not c.like_num} if noun is not None else set()
        self.sent_ents = {e.text.lower() for e in tok.sent.ents if e.label_ in ("ORG", "PERSON", "GPE")}


def _value(tok) -> float | None:
    text = tok.text.lstrip("€£$")
    m = _NUM.match(text)
    if not m:
        return None
    value = float(m.group(1).replace(",", ""))
    if m.group(2):
        value *= _SCALE[m.group(2).lower()]
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in ("thousand", "million", "billion", "trillion", "bn", "mn", "mln", "bln", "tn"):
        value *= _SCALE[nxt.lower_]
    return value


def _is_age(tok) -> bool:
    """An age: "a 54-year-old", "aged 54", "54 years old"."""
    doc, i = tok.doc, tok.i
    nxt = [t.lower_ for t in doc[i + 1:i + 5]]
    if nxt[:4] == ["-", "year", "-", "old"] or nxt[:2] == ["years", "old"] or nxt[:1] == ["-year-old"]:
        return True
    return i > 0 and doc[i - 1].lower_ == "aged"


def _share_of(tok) -> str:
    """What a percentage is a share of ("80% of its water", "84% of the lands"): part of its unit."""
    doc = tok.doc
    for t in doc[tok.i + 1:min(len(doc), tok.i + 4)]:
        if t.lower_ == "of":
            objs = [c for c in t.children if c.dep_ == "pobj"]
            return ":" + objs[0].lemma_.lower() if objs else ""
    return ""


def _lemma(t) -> str:
    return t.lemma_.lower()


def quantities(doc) -> list[Quantity]:
    out = []
    for tok in doc:
        if not tok.text[:1].isdigit() and not (tok.text[:1] in "€£$" and tok.text[1:2].isdigit()):
            continue
        if ":" in tok.text or "/" in tok.text or tok.ent_type_ in ("TIME", "ORDINAL"):
            continue
        age = _is_age(tok)
        if tok.ent_type_ == "DATE" and not age and not (
                tok.i + 1 < len(doc) and doc[tok.i + 1].lemma_.lower() in _DURATIONS
                and (tok.i + 2 >= len(doc) or doc[tok.i + 2].lower_ not in ("ago", "old"))):
            continue  # a date; a duration ("quarantine for 14 days") and an age are quantities
        value = _value(tok)
        if value is None:
            continue
        i = tok.i
        prev = doc[i - 1] if i else None
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ in ("thousand", "million", "billion", "trillion", "bn", "mn", "mln", "bln", "tn"):
            nxt = doc[i + 2] if i + 2 < len(doc) else None
        if (prev is not None and prev.text in ("-", "–", "—", "/", "to") and i > 1 and doc[i - 2].text[:1].isdigit()) \
                or (nxt is not None and nxt.text in ("-", "–", "—", "/") and nxt.i + 1 < len(doc)
                    and doc[nxt.i + 1].text[:1].isdigit()):
            continue  # a range or a score: 10-12, 2-1
        currency = tok.text[0] if tok.text[0] in "€£$" else (prev.text if prev is not None and prev.text in "€£$" else "")
        if not currency and nxt is not None and nxt.lower_ in _CURRENCY_WORDS:
            currency = _CURRENCY_WORDS[nxt.lower_]
        percent = nxt is not None and (nxt.text == "%" or nxt.lower_ == "percent" or
                                       (nxt.lower_ == "per" and nxt.i + 1 < len(doc) and doc[nxt.i + 1].lower_ == "cent"))
        if not currency and not percent and re.fullmatch(r"(1[89]|20)\d\d", tok.text):
            continue  # a year
        # the token the figure quantifies
        anchor = tok
        while anchor.dep_ in ("nummod", "quantmod", "compound", "nmod") and anchor.head.i != anchor.i \
                and (anchor.head.like_num or anchor.head.lower_ in _SCALE or anchor.head.text in "€£$%"
                     or anchor.dep_ in ("nummod", "quantmod")):
            anchor = anchor.head
            if anchor.pos_ in ("NOUN", "PROPN") and anchor.lower_ not in _SCALE:
                break
        if age:
            unit = "age"
        elif currency:
            unit = "cur:" + currency
        elif percent:
            unit = "%" + _share_of(tok)
        elif anchor is not tok and anchor.pos_ in ("NOUN", "PROPN") and anchor.lower_ not in _SCALE:
            unit = _lemma(anchor)
        else:
            continue  # a bare figure: what it counts is not in the parse
        if value < 10 and not currency and not percent and not age:
            continue
        bag: set[str] = set()
        ents: set[str] = set()

        def add(t):
            if t.i == tok.i or t.like_num or t.is_stop or t.lower_ in _SCALE:
                return
            if t.ent_type_ in _ENTS:
                ents.add(t.text.lower())
            if t.pos_ in _BAG_POS and _lemma(t) not in _STOP and _lemma(t) != unit:
                bag.add(_lemma(t))

        for c in anchor.children:
            if c.dep_ in ("amod", "compound", "nmod", "poss"):
                add(c)
            if c.dep_ in ("acl", "relcl"):
                add(c)
                for g in c.children:
                    if g.dep_ in ("dobj", "prep", "advmod", "prt"):
                        add(g)
                        for h in g.children:
                            if h.dep_ == "pobj":
                                add(h)
            if c.dep_ == "prep":
                for g in c.children:
                    if g.dep_ == "pobj":
                        add(g)
                        for h in g.children:
                            if h.dep_ in ("amod", "compound"):
                                add(h)
        gov = anchor.head if anchor.head.i != anchor.i else anchor
        steps = 0
        while gov.pos_ not in ("VERB", "AUX", "NOUN", "PROPN") and gov.head.i != gov.i and steps < 3:
            gov = gov.head
            steps += 1
        if gov.i != anchor.i:
            add(gov)
            if anchor.head.pos_ == "ADP" and gov.head.i != gov.i:
                add(gov.head)  # "212 people in 26 states": sicken
            for c in gov.children:
                if c.i == anchor.i:
                    continue
                if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "compound", "amod", "prt"):
                    add(c)
                    for g in c.children:
                        if g.dep_ in ("compound", "amod"):
                            add(g)
                if c.dep_ == "prep":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            add(g)
        window = [t.lower_ for t in doc[max(0, i - 4):min(len(doc), i + 5)]]
        blocked = bool(set(window) & _NOT_RESTATED) or any(
            t.lower_ == "than" and doc[t.i - 1].lower_ not in ("more", "fewer", "less") for t in doc[i:min(len(doc), i + 5)])
        # a converted amount: "$200bn (£110bn)"
        j = i - 1 if not (prev is not None and prev.text in "€£$") else i - 2
        if j >= 0 and doc[j].text == "(" and j > 0 and any(t.text[:1].isdigit() or t.text in "€£$"
                                                          for t in doc[max(0, j - 4):j]):
            blocked = True
        hedged = any(t.lower_ in _HEDGES for t in doc[max(0, i - 3):i])
        start = min(t.idx for t in (tok, prev) if t is not None and (t is tok or t.text in "€£$"))
        last = anchor if anchor.i > tok.i and anchor.i - tok.i <= 3 else tok
        if percent and nxt is not None:
            last = nxt if nxt.text == "%" or nxt.lower_ == "percent" else doc[nxt.i + 1]
        if age and i + 2 < len(doc) and doc[i + 2].lower_ in ("year", "old"):
            last = doc[min(i + 4, len(doc) - 1)] if doc[i + 2].lower_ == "year" else doc[i + 2]
        end = last.idx + len(last.text)
        out.append(Quantity(tok, value, unit, bag, ents, start, end, hedged, blocked, gov))
    return out


def _one_sentence(a: Quantity, b: Quantity) -> bool:
    """Two figures in one sentence (a headline and the paragraph under it are two, even where the
    parser runs them together)."""
    lo, hi = sorted((a, b), key=lambda q: q.start)
    return a.sent.start == b.sent.start and "\n" not in a.tok.doc.text[lo.end:hi.start]


def restatement(a: Quantity, b: Quantity, headline: bool) -> str:
    """How surely two mentions state one quantity: "strong" (the same unit, the same word right before
    or after the figure, and a word the parse ties to both, or the headline), "weak" (the same unit
    and a tied word, the headline, or two words around the figures), or "" (not the same quantity:
    another unit, the same sentence, other named places, companies or people, another kind of the
    counted thing)."""
    if not same_quantity(a, b, headline):
        if a.unit != b.unit or _one_sentence(a, b) or (a.ents and b.ents and not a.ents & b.ents):
            return ""
    if a.mods and b.mods and not a.mods & b.mods or a.measure and b.measure and a.measure != b.measure:
        return ""  # "11 imported cases", "18 severe cases"; "$9.1bn revenue", "$2.4bn profit"
    tied = bool(a.bag & b.bag) or headline
    beside = (a.after and a.after == b.after) or (a.before and a.before == b.before and a.before not in _FUNCTION)
    # sentences about other named things ("American Airlines ... 23 kilograms", "United Airlines ...
    # 32 kilograms") may still be about one quantity, but not surely
    others = a.sent_ents and b.sent_ents and not a.sent_ents & b.sent_ents and not headline
    if tied and beside and not others:
        return "strong"
    return "weak" if tied else ""


_FUNCTION = frozenset("the a an of in on at to and or by for with from than as".split())


def _headline_like(block: str) -> bool:
    """A headline or subhead: a short line without a full stop at its end."""
    block = block.strip()
    return 0 < len(block.split()) <= 16 and "\n" not in block and not block.endswith((".", "!", "?", '"', "”", ":"))


def _round(v: float) -> bool:
    digits = _digits(v).rstrip("0")
    return len(digits) <= 1 or (len(digits) == 2 and digits[1] == "5")


def _scale_switch(a: float, b: float) -> bool:
    """£12m and £12bn: the scale word switched."""
    hi, lo = max(a, b), min(a, b)
    return lo > 0 and hi / lo in (1000.0, 1e6)


def _severity(a: Quantity, b: Quantity, context: str) -> Severity | None:
    """Warning when both the contexts and the values say "a slip" (one keystroke apart, or the scale
    switched); info when only one does. Two round figures one digit apart (30 and 40 pitches, 40% and
    60%) are as often two quantities as a slip: info at most."""
    keystroke = slip(a.value, b.value) or _scale_switch(a.value, b.value)
    rounds = _round(a.value) and _round(b.value)
    if keystroke and context == "strong" and not rounds:
        return Severity.WARNING
    if keystroke or context == "strong":
        return Severity.INFO
    return None


def same_quantity(a: Quantity, b: Quantity, headline: bool) -> bool:
    """Two mentions of one quantity: the same unit and a word the parse ties to both (the verb that
    governs them, a modifier, a subject or object); a headline restates the body's figure in fewer
    words, so the unit suffices there. Different named places, companies or people: two quantities."""
    if a.unit != b.unit or _one_sentence(a, b):
        return False
    if a.ents and b.ents and not a.ents & b.ents:
        return False
    return headline or bool(a.bag & b.bag)


def _digits(value: float) -> str:
    return ("%f" % value).rstrip("0").rstrip(".").replace(".", "")


def slip(a: float, b: float) -> bool:
    """Figures one keystroke apart: two digits swapped (1,200/2,100), one changed (1,500/1,800), one
    added or dropped (26/265). Two different quantities of one kind seldom are; a slip always is."""
    da, db = _digits(a), _digits(b)
    if da == db or abs(len(da) - len(db)) > 1:
        return False
    if len(da) == len(db):
        diff = [i for i in range(len(da)) if da[i] != db[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and da[diff[0]] == db[diff[1]]
                                  and da[diff[1]] == db[diff[0]])
    short, long_ = sorted((da, db), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _close(a: Quantity, b: Quantity) -> bool:
    """A rounded figure beside the exact one ("about 3,000" ... "3,124")."""
    hi, lo = max(a.value, b.value), min(a.value, b.value)
    return (a.hedged or b.hedged) and hi > 0 and (hi - lo) / hi <= 0.1


_SCORE = re.compile(r"\b(?:(a|an|the|their|his|her|its)\s+)?(\d{1,2})-(\d{1,2})\s+(win|victory|defeat|loss|draw|home win|away win)\b", re.I)


@register
class NumberMismatch(Rule):
    """Two figures for the same quantity that contradict each other: `forced more than 3,000 people
    to leave` ... `More than 30,000 residents have been evacuated`; `net profit rose to €1.2bn` ...
    `net profit was €2.1bn`; `a 2-1 win` ... `the 3-1 win`.

    A mistyped or spun figure is the error readers remember. The rule ties each count of people to
    what happened to them (evacuated/fled/left, killed/died, injured, arrested, on strike...), each
    money amount to the metric it measures (net profit, revenue...), and each match score to its
    result, and reports a later figure that differs by half again or more (or swaps the digits) from
    an earlier one for the same thing: at warning when the two are one keystroke apart (3,000 and
    30,000), at info otherwise (two tolls that far apart are as often two events). Figures in one
    sentence are comparisons, not errors; a later figure introduced as an update ("rose to",
    "another", "in total") is left alone; different figures from different named sources ("the union
    says 4,000 ... the company said 1,500") are reported speech and reported at info level only.

    Any other quantity (money, percentages and what they are a share of, counts of things,
    distances, durations, ages) is compared too, each pair of mentions of one unit (the currency and
    what the money measures, %, or the counted noun) scored twice. Context: strong when a word the
    parse ties to both (the governing verb, a modifier, a subject or object) or a headline or subhead
    above the later one goes with the same word right beside both figures; weak with only one of
    them. Value: strong when one keystroke apart (1,200/2,100, £12bn/£21bn, 1,500m/1,800m, 26/265) or
    the scale switched (£12m/£12bn). Both strong: warning; one strong: info. Two round figures one
    digit apart (30 and 40 pitches, 40% and 60%) are as often two quantities: info at most. Ranges,
    "from X to Y", changes ("up from", "rose to"), comparisons, a converted amount in brackets,
    figures tied to different places, companies or people, counted things of another kind ("11
    imported cases", "18 severe cases"), money measuring other things (revenue, profit), a rounded
    figure beside the exact one and figures in sentences with different dates are left alone; a
    figure restated somewhere with the same value is consistent. The finding points at the later
    mention, with ``related`` at the earlier one.
    """

    id = "number-mismatch"
    family = "consistency-number"
    severity = Severity.WARNING
    summary = "Two different figures for the same quantity."
    kinds = {"one-clue": (Severity.INFO, "only one of the contexts and the values says a slip"),
             "far-apart": (Severity.INFO, "an event count restated with a figure far from the first"),
             "different-sources": (Severity.INFO, "the two figures are attributed to different sources")}
    needs = frozenset({"parser", "ner", "lemmatizer"})
    flags = (
        "A wildfire has forced more than 3,000 people to leave their homes, fire officials said.\n\n"
        "The fire has burned 5,000 hectares.\n\n⟦More than 30,000 residents⟧ have been evacuated.",
        "About 12,000 people were forced to leave the city.\n\nOn Monday, ⟦more than 40,000 people⟧ were "
        "evacuated.",
        "Net profit rose to €1.2bn in 2023.\n\nThe bank said its net profit was ⟦€2.1bn⟧.",
        "United secured a 2-1 win over City.\n\nAfter ⟦the 3-1 win⟧, the manager praised his players.",
        "The government kept the £12bn set aside for schools.\n\nCritics said ⟦the £21bn⟧ set aside for "
        "schools was not enough.",
        "The carmaker will cut 1,200 jobs at its plant in Ardena.\n\nUnions said the ⟦2,100 jobs⟧ cut at "
        "the plant were the first of many.",
    )
    passes = (
        "More than 3,000 people were evacuated on Saturday.\n\nThe number of people evacuated has since "
        "risen to 30,000.",
        "Net profit rose to €2.1bn from €1.2bn a year earlier.",
        "About 3,000 people were evacuated in Ardena.\n\nThe fire burned 3,000 hectares.",
        "United secured a 2-1 win over City.\n\nLast week they lost 3-1.",
        "At least 20 people were killed.\n\nAnother 30 people were killed in a second blast.",
        "The firm reported $9.1bn revenue.\n\nIt also reported $2.4bn profit.",
        "The fund holds $200bn (£110bn) for schools.\n\nThe fund holds £120bn for schools, a rise.",
        "Sales rose to 15% of the market, up from 12% of the market a year earlier.",
        "The storm flooded 3,000 homes in Kent.\n\nThe storm flooded 3,100 homes in Sussex.",
        "The company employs 1,200 people in Ardena.\n\nIt employs between 1,300 and 1,500 people in Brena.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        taken: list[tuple[int, int]] = []
        for f in self._counts(article):
            taken.append((f.start, f.end))
            yield f
        yield from self._general(article, taken)

    def _counts(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        mentions = count_mentions(doc)
        by_key = defaultdict(list)
        for m in mentions:
            by_key[m.key].append(m)
        for key, ms in by_key.items():
            for j, later in enumerate(ms):
                if later.sent.start == ms[0].sent.start:
                    continue
                words = {t.lemma_.lower() for t in later.sent} | {t.lower_ for t in later.sent}
                if words & UPDATE_WORDS or _more_not_than(later.sent):
                    continue
                earlier = next((e for e in ms[:j] if e.sent.start != later.sent.start
                                and _contradicts(e.value, later.value)), None)
                if earlier is None:
                    continue
                if any(e.sent.start != later.sent.start and e.value == later.value for e in ms[:j]):
                    continue
                dates_a = {d.text for d in earlier.sent.ents if d.label_ == "DATE"}
                dates_b = {d.text for d in later.sent.ents if d.label_ == "DATE"}
                if dates_a and dates_b and dates_a != dates_b:
                    continue  # figures for different periods
                src_a, src_b = _attribution(earlier.sent), _attribution(later.sent)
                # one keystroke apart (3,000 and 30,000) is a slip; two figures far apart are as often
                # two events ("139 killed" in this quake, "22,000" in an older one): info
                kind = None if slip(earlier.value, later.value) else "far-apart"
                note = ""
                if src_a and src_b and src_a != src_b:
                    kind = "different-sources"
                    note = " (different sources: reported speech?)"
                yield self.finding(later.start, later.end,
                                   f"'{later.text}' contradicts '{earlier.text}' earlier in the article{note}",
                                   kind=kind,
                                   related=[Related(earlier.start, earlier.end, f"earlier figure: {earlier.text}")])
        yield from self._scores(article)

    def _general(self, article: Article, taken: list[tuple[int, int]]) -> Iterator[Finding]:
        """Any quantity stated twice with two values: each later mention against the earlier ones of
        the same unit, scored by how alike their contexts are and how alike their values are."""
        qs = quantities(article.doc)
        text = article.text
        heads = [b for b in article.blocks if b.kind == "heading" or _headline_like(text[b.start:b.end])]
        for j, later in enumerate(qs):
            if later.blocked or any(s < later.end and later.start < e for s, e in taken):
                continue
            best = None
            for earlier in qs[:j]:
                if earlier.blocked:
                    continue
                headline = any(h.start <= earlier.start < h.end <= later.start for h in heads)
                context = restatement(earlier, later, headline)
                if not context:
                    continue
                if earlier.value == later.value:
                    best = None
                    break  # restated with the same value somewhere: the figure is consistent
                if _close(earlier, later) or _different_dates(earlier.sent, later.sent):
                    continue
                sev = _severity(earlier, later, context)
                if sev is not None and (best is None or sev > best[0]):
                    best = (sev, earlier)
            if best is None:
                continue
            sev, found = best
            taken.append((later.start, later.end))
            a, b = text[found.start:found.end], text[later.start:later.end]
            yield self.finding(later.start, later.end, f"'{b}' here, '{a}' earlier: the same figure?",
                               kind="one-clue" if sev < self.severity else None, related=[Related(found.start, found.end, f"earlier figure: {a}")])

    def _scores(self, article: Article) -> Iterator[Finding]:
        seen: dict[str, list] = defaultdict(list)
        for m in _SCORE.finditer(article.text):
            det, a, b, what = m.group(1), m.group(2), m.group(3), m.group(4).lower().split()[-1]
            kind = "win" if what in ("win", "victory", "defeat", "loss") else what
            score = tuple(sorted((int(a), int(b)), reverse=True))
            if det and det.lower() == "the":
                prior = [p for p in seen[kind] if p[0] != score]
                if prior and not any(p[0] == score for p in seen[kind]):
                    p = prior[-1]
                    yield self.finding(m.start(), m.end(),
                                       f"'{m.group(0)}' refers back to a {p[1]} result given earlier",
                                       related=[Related(p[2], p[3], "earlier score")])
            seen[kind].append((score, f"{score[0]}-{score[1]}", m.start(), m.end()))


def _different_dates(a, b) -> bool:
    dates_a = {d.text for d in a.ents if d.label_ == "DATE"}
    dates_b = {d.text for d in b.ents if d.label_ == "DATE"}
    return bool(dates_a and dates_b and not dates_a & dates_b)


def _more_not_than(sent) -> bool:
    """ "more people were evacuated" (an addition), unlike "more than 30,000 people" """
    return any(t.lower_ == "more" and (t.i + 1 >= len(t.doc) or t.doc[t.i + 1].lower_ != "than") for t in sent)


def _contradicts(a: float, b: float) -> bool:
    if a == b:
        return False
    hi, lo = max(a, b), min(a, b)
    if lo > 0 and hi / lo >= 1.5:
        return True
    da, db = sorted(f"{a:g}".replace(".", "")), sorted(f"{b:g}".replace(".", ""))
    return da == db  # 1.2 and 2.1: digits swapped


# --- the wrong side --------------------------------------------------------------------------------
FORCE_NOUNS = frozenset("force forces troop troops soldier soldiers personnel adviser advisers advisor "
                        "advisors trainer trainers".split())
HELP_VERBS = frozenset("help assist train advise support aid back".split())


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """demonym -> country"""
    out = {}
    for country, dem in data.pairs("demonyms.txt", "|"):
        out.setdefault(dem, country)
    return out


@register
class WrongSide(Rule):
    """A count of troops attributed to the wrong side: `2,500 Iraqi forces helping local forces` in
    an article about US forces in Iraq.

    Spinners and translators swap one nationality for another. A force that helps "local forces"
    (or forces of its own nationality) cannot itself carry the nationality of the country the
    article is set in: the rule reports a counted force whose demonym belongs to the country the
    article names most often, when it helps, trains, advises or supports local forces.
    """

    id = "wrong-side"
    family = "consistency-number"
    severity = Severity.WARNING
    summary = "Count of forces attributed to the wrong side (`2,500 Iraqi forces helping local forces`)."
    needs = frozenset({"parser", "ner", "lemmatizer"})
    flags = (
        "The US military will leave Iraq this year.\n\nThere are currently ⟦2,500 Iraqi forces⟧ helping "
        "local forces fight militants in Iraq.",
        "Russia has troops in Syria.\n\nAbout ⟦1,000 Syrian soldiers⟧ are training Syrian forces near "
        "Damascus, in Syria.",
    )
    passes = (
        "The US military will leave Iraq this year.\n\nThere are currently 2,500 US troops helping "
        "local forces fight militants in Iraq.",
        "About 5,000 Iraqi soldiers took part in the offensive in Iraq.",
        "Iraq has asked for help.\n\nSome 300 British trainers are helping local forces in Iraq.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        dem = demonyms()
        places = Counter(e.text for e in doc.ents if e.label_ == "GPE")
        if not places:
            return
        host, _ = places.most_common(1)[0]
        for tok in doc:
            if tok.lower_ not in FORCE_NOUNS or not any(c.like_num and c.dep_ == "nummod" for c in tok.children):
                continue
            nat = [c for c in tok.children if c.text in dem and c.dep_ in ("amod", "compound")]
            if not nat or dem[nat[0].text] != host:
                continue
            helps = [c for c in tok.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in HELP_VERBS]
            if not helps and tok.head.lemma_.lower() in HELP_VERBS and tok.dep_ == "nsubj":
                helps = [tok.head]
            if not helps:
                continue
            objs = [o for h in helps for o in h.subtree if o.i != tok.i and o.lower_ in FORCE_NOUNS]
            if not any(c.lower_ == "local" or c.text == nat[0].text for o in objs for c in o.children):
                continue
            num = next(c for c in tok.children if c.like_num and c.dep_ == "nummod")
            start = min(num.idx, nat[0].idx)
            first_host = next(e for e in doc.ents if e.label_ == "GPE" and e.text == host)
            yield self.finding(start, tok.idx + len(tok.text),
                               f"'{doc.text[start:tok.idx + len(tok.text)]}' helping local forces: in an "
                               f"article set in {host}, the local forces are {nat[0].text}; whose troops are these?",
                               related=[Related(first_host.start_char, first_host.end_char,
                                                f"the article is set in {host}")])


