"""Figures that disagree inside one article: ``number-mismatch`` (the same quantity stated twice with
different values) and ``wrong-side`` (a count of forces given the wrong nationality).
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Iterator

from copylint import data, tokens
from copylint.article import Article, Block
from copylint.checks.consistency import same_quantity
from copylint.data import noun_classes
from copylint.finding import Finding, Related, Severity
from copylint.rule import Rule, register

# --- numbers ---------------------------------------------------------------------------------------
_SCALE = data.toml("quantities.toml")["scales"]
_NUM = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(bn|mn|m|k|tn|b)?$", re.I)
_WORDNUM = data.toml("quantities.toml")["number-words"]
#: the small counts news style writes in words, read as figures by the general comparison
_COUNT_WORDS = data.toml("quantities.toml")["count-words"]
#: whether ``quantities`` reads ``_COUNT_WORDS`` (a switch for the benchmarks that measure it)
READ_WORDS = True

#: verbs and nouns that count the same thing, by group: a count of people evacuated and a count of
#: people who fled are the same quantity
EVENT_GROUPS = data.toml("quantities.toml")["event-groups"]
_EVENT_OF = {w: g for g, ws in EVENT_GROUPS.items() for w in ws}
METRICS = data.words("money-metrics")
UPDATE_WORDS = data.words("update-words")
REPORTING = data.words("reporting-words")


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
    __slots__ = ("key", "value", "start", "end", "sent", "text", "part", "mods", "post")

    def __init__(self, key, value, start, end, sent, text, part=False, noun=None):
        self.key, self.value, self.start, self.end, self.sent, self.text = key, value, start, end, sent, text
        self.part = part
        # the counted noun's modifiers before and after it ("213 drunk drivers", "13 drivers with fake plates")
        self.mods = _noun_mods(noun) if noun is not None else set()
        self.post = _qualifiers(noun) if noun is not None else set()


#: the words after "of" in "40 of them", "Of those arrested", "14 of the 31", "14 of its 31"
_PARTITIVE = data.words("partitive-words")


def part_of_whole(tok) -> bool:
    """A figure counted out of a whole named around it: "Of those arrested, 40 were charged", "40 of
    them", "of whom 12", "40 of the 120 people", "40 of their officers". Such a figure is a part, not
    a restatement: smaller than the whole it is compared with, it is another quantity."""
    doc, i = tok.doc, tok.i
    j = i + 1
    if j < len(doc) and doc[j].lower_ in _SCALE:
        j += 1
    if j + 1 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].lower_ in _PARTITIVE:
        return True  # "40 of them", "40 of the 120 people"
    k = i - 1 if i and doc[i - 1].text not in "€£$" else i - 2
    if k >= 1 and doc[k].lower_ in ("whom", "which") and doc[k - 1].lower_ == "of":
        return True  # "of whom 12"
    words = [t for t in doc[tok.sent.start:i] if not t.is_space and not (t.is_punct and t.text not in ",;")]
    # "Of those arrested, 40 were charged": the sentence opens with the whole, a comma before the figure
    return len(words) > 2 and words[0].lower_ == "of" and words[1].lower_ in _PARTITIVE \
        and any(t.text == "," for t in words[2:])


def part_before(tok) -> float | None:
    """The value of the part counted out of a whole figure just before it: 14 for the 31 of "close 14
    of the 31 libraries", "14 of its 31 libraries". A headline's "close 14 libraries" restates the
    part, not the whole: another quantity than the 31 (``_two_quantities``)."""
    doc, i = tok.doc, tok.i
    if i < 3 or doc[i - 1].lower_ not in _PARTITIVE or doc[i - 2].lower_ != "of":
        return None
    return _value(doc[i - 3]) if doc[i - 3].text[:1].isdigit() else None


def _part_smaller(part, whole_value: float, part_value: float) -> bool:
    return part and part_value < whole_value


def _part_of_other(a, b) -> bool:
    """One of two mentions (``Mention`` or ``Quantity``) is a part of the whole the other states:
    "120 people were arrested" ... "Of those, 40 were charged"."""
    return any(_part_smaller(p.part, o.value, p.value) for p, o in ((a, b), (b, a)))


def _noun_mods(noun, skip: int = -1) -> set[str]:
    """What a counted noun is by its own modifiers ("imported cases", "213 drunk drivers"): never a
    figure, nor the token at ``skip`` (the count itself), nor a scale word the parser reads as an
    adjective ("2 mln doses": the doses are not of a kind "mln")."""
    return {c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound")
            and c.i != skip and not c.like_num and not _has_digit(c.text) and c.lower_ not in _SCALE}


def _figure_start(first: str) -> bool:
    """A token's first character where the token may be a figure: a digit, or a currency sign."""
    return first.isdigit() or first in ("€", "£", "$")


def _maybe_counts(doc) -> list[int]:
    """The indices, in order, of the tokens ``count_mentions`` may read (found in the document's
    arrays, ``copylint.tokens``): like a number, in an amount of money, or starting as a figure."""
    import numpy as np
    money = np.flatnonzero(tokens.column(doc, "ENT_TYPE") == doc.vocab.strings["MONEY"]).tolist()
    like = np.flatnonzero(tokens.column(doc, "LIKE_NUM")).tolist()
    return sorted({*money, *like, *tokens.where(doc, "PREFIX", _figure_start)})


def count_mentions(doc) -> list[Mention]:
    """Counts of people tied to an event group, and money amounts tied to a metric."""
    classes = noun_classes()
    out = []
    for i in _maybe_counts(doc):
        tok = doc[i]
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
                out.append(Mention(("money", cur, metric), value, s, e, tok.sent, _chars(doc, s, e), part_of_whole(tok)))
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
        out.append(Mention(("people", group), value, s, e, tok.sent, _chars(doc, s, e), part_of_whole(tok), noun))
    return out


def _chars(doc, start: int, end: int) -> str:
    """The text between two token boundaries, from those tokens alone (``doc.text`` is built anew
    from every token of the document on each access: 13 MB a megabyte of article)."""
    span = doc.char_span(start, end)
    return span.text if span is not None else doc.text[start:end]


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
_CURRENCY_WORDS = data.toml("quantities.toml")["currency-words"]
_CURRENCY_PREFIXES = data.toml("quantities.toml")["currency-prefixes"]
_UNIT_ALIASES = data.toml("quantities.toml")["unit-aliases"]
_HEDGES = data.words("number-hedges")
#: words before a figure that make it the other end of a range or a comparison ("from 12%", "between
#: 1,300 and 1,500", "compared with 400"); other words that make it one of several quantities ("another",
#: "rose to", "in total") are what the pair classifier weighs (``same_quantity.CUES``)
_NOT_RESTATED = data.words("range-openers")
_VERSUS = data.words("versus-words")
_DURATIONS = data.words("duration-units")
_STOP = data.words("bag-stopwords")
_BAG_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_ENTS = frozenset({"GPE", "ORG", "PERSON", "NORP", "LOC", "FAC", "EVENT", "PRODUCT"})


class Quantity:
    """A figure and what it measures: its unit (a currency, %, or the noun it counts) and the words
    the parse ties to it (the counted noun's modifiers, the verb that governs it, that verb's subject
    and object, prepositional objects, entities)."""

    __slots__ = ("tok", "value", "unit", "bag", "ents", "start", "end", "sent", "hedged", "blocked", "head",
                 "before", "after", "mods", "sent_ents", "measure", "ctx", "listed", "part", "post", "person",
                 "whole_of")

    def __init__(self, tok, value, unit, bag, ents, start, end, hedged, blocked, head):
        self.tok, self.value, self.unit, self.bag, self.ents = tok, value, unit, bag, ents
        self.start, self.end, self.sent, self.hedged, self.blocked = start, end, tok.sent, hedged, blocked
        self.head = head
        self.listed = False  # an item of a list or a table (``mark_lists``)
        self.part = part_of_whole(tok)  # counted out of a whole named around it
        self.whole_of = part_before(tok)  # the part counted out of it: "14 of the 31 libraries"
        self.post: set[str] = set()  # what the counted noun or aged person is "of" or "with" (``_qualifiers``)
        self.person: frozenset = frozenset()  # an age's person, by the words of the name (``_age_person``)
        doc = tok.doc
        inside = [t for t in doc[max(0, tok.i - 2):tok.i + 6] if start <= t.idx < end] or [tok]
        lo, hi = inside[0].i, inside[-1].i
        words = [t for t in doc[max(0, lo - 3):lo] if not t.is_punct and not t.is_space]
        self.before = words[-1].lower_ if words and not _has_digit(words[-1].text) else ""
        words = [t for t in doc[hi + 1:hi + 4] if not t.is_punct and not t.is_space]
        self.after = words[0].lower_ if words and not _has_digit(words[0].text) else ""
        # money or a share measured as a noun right after it ("$9.1bn revenue", "$2.4bn profit")
        noun = doc[hi] if doc[hi].pos_ == "NOUN" and hi != tok.i else (
            words[0] if words and words[0].pos_ == "NOUN" else None)
        self.measure = noun.lemma_.lower() if noun is not None and (unit.startswith("cur:") or unit.startswith("%")) \
            else ""
        # what the counted noun is: its own modifiers ("imported cases", "severe cases")
        noun = doc[hi] if doc[hi].pos_ in ("NOUN", "PROPN") and doc[hi].i != tok.i else None
        self.mods = _noun_mods(noun, tok.i) if noun is not None else set()
        if noun is not None and _attributive(tok, noun):
            self.mods = self.mods | {noun.head.lemma_.lower()}
        self.sent_ents = {e.text.lower() for e in same_quantity.doc_ents(doc).of_sentence(self.sent)
                          if e.label_ in ("ORG", "PERSON", "GPE")}


def _attributive(tok, unit) -> bool:
    """A figure hyphened to its unit before another noun ("a 2-point lead", "a 10-game stretch", "a
    12-year sentence"), or its unit a plural noun standing as a compound right before another noun,
    as translations write it ("with 2 points lead"): it measures that noun, so the noun qualifies it
    as a modifier does ("2-point lead" and "42 critical points" are two quantities)."""
    head = unit.head
    if unit.i <= tok.i or head.pos_ != "NOUN":
        return False
    if unit.dep_ in ("compound", "amod", "nmod") and unit.i < head.i <= unit.i + 2 \
            and any(t.text in ("-", "–") for t in tok.doc[tok.i + 1:unit.i]):
        return True
    return unit.dep_ == "compound" and unit.tag_ == "NNS" and head.i == unit.i + 1 and unit.i == tok.i + 1


def _plural(unit, tok) -> bool:
    """The noun a figure counts is a plural ("1.5 points", "0.8 metres"): a figure under 2 read as a
    count all the same, since the words say it is one. A "1" before a plural ("the last 1 games",
    "at least 1 people died") is a figure with a digit lost; a bare "1" ("1 dead") is no count."""
    return unit is not tok and unit.tag_ in ("NNS", "NNPS")


def _hyphened(tok, unit) -> bool:
    """A figure hyphened to its unit ("a 1-inch gap", "a 1.5-litre engine"): a measure however small,
    its unit singular as an attributive always is (``_plural`` cannot vouch for it)."""
    return unit.i == tok.i + 2 and unit.pos_ == "NOUN" and tok.doc[tok.i + 1].text in ("-", "–")


_LENGTH_AFTER = data.words("length-adjectives")
_LENGTH_BEFORE = data.words("length-nouns")


def _metres(tok) -> bool:
    """An "m" after a figure that the words make metres, not millions: a length adjective after it
    ("1.93m tall", "1.5m deep", "a 3m-high wall") or a length noun before it ("a height of 1.93m"), or
    a height beside an age, written as heights are, to the centimetre ("(26, 1.93m)", "29 years old
    (1.99 m)", "the 29-year-old Blazer (1.99m)"). A bare "1.75m move" or "4.4m users" is millions."""
    doc, i = tok.doc, tok.i
    m = _NUM.match(tok.text)
    if m is None or (m.group(2) or "").lower() not in ("m", ""):
        return False
    j = i if m.group(2) else i + 1
    if j >= len(doc) or doc[j].text[-1:] != "m" or (j != i and doc[j].text != "m"):
        return False  # "M" is never a metre ("$2M"); nor is the "m" of "1.93mn"
    after = [t for t in doc[j + 1:j + 4] if t.text not in ("-", "–")]
    if after and after[0].lower_ in _LENGTH_AFTER:
        return True
    if any(t.lower_ in _LENGTH_BEFORE for t in doc[max(0, i - 4):i]):
        return True
    if not re.fullmatch(r"\d{1,2}\.\d\d", m.group(1)):
        return False
    # in brackets, after an age and a comma only: "(26, 1.93m)"; or the bracket right after an age
    k = i - 1
    while k >= 0 and i - k <= 3 and (doc[k].text == "," or doc[k].text.isdigit() and len(doc[k].text) <= 2):
        k -= 1
    if k < 0 or doc[k].text != "(":
        return False
    inside = doc[k + 1:i]
    if len(inside) == 2 and inside[0].text.isdigit() and inside[1].text == ",":
        return True  # "(26, 1.93m)": a profile's age and height
    return not len(inside) and any(_is_age(t) for t in doc[max(0, k - 6):k])


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


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


def _numberish(t) -> bool:
    """A figure in digits or words, "one" included: the other end of a range or a ratio."""
    return t.text[:1].isdigit() or t.lower_ in _WORDNUM or t.lower_ in _COUNT_WORDS or t.lower_ == "one"


#: words between two figures that make them one expression: a range ("two or three"), a ratio ("one
#: in five", "three out of four"), a product ("two by two")
_BETWEEN_FIGURES = data.words("figure-joiners")
#: the named-entity labels of a count; a number word in a name ("the Three Lions", "the Big Ten",
#: "Channel Four") is labelled otherwise
_COUNT_ENTS = frozenset({"", "CARDINAL", "QUANTITY", "DATE", "MONEY", "PERCENT"})


def _count_word(tok) -> bool:
    """A number word (``_COUNT_WORDS``) that states a count as a figure would: "Six people were
    killed", "narrowed to nine points", "a five-year-old". Not a word of a name ("the Three Lions"),
    of a compound number or fraction ("twenty-two", "two-thirds") or of a hyphened modifier ("a
    five-year plan": an age is read), nor either end of a range or ratio ("two or three", "one in
    five", "three out of four")."""
    doc, i = tok.doc, tok.i
    if tok.ent_type_ not in _COUNT_ENTS or tok.pos_ == "PROPN":
        return False
    prev = doc[i - 1] if i else None
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if prev is not None and (prev.text in ("-", "–") or prev.like_num):
        return False  # "twenty-two", "Thirty six"
    if nxt is not None and nxt.text in ("-", "–") and not _is_age(tok):
        return False
    if nxt is not None and (_numberish(nxt) or nxt.lower_ in ("hundred", "dozen", "hundreds", "thousands")):
        return False
    if prev is not None and prev.lower_ in _BETWEEN_FIGURES and any(_numberish(t) for t in doc[max(0, i - 3):i - 1]):
        return False
    if nxt is not None and nxt.lower_ in _BETWEEN_FIGURES and any(
            _numberish(t) for t in doc[i + 2:min(len(doc), i + 4)]):
        return False
    return True


def _word_value(tok) -> float:
    """The value of a count in words, with a scale word after it ("two million")."""
    value = float(_COUNT_WORDS[tok.lower_])
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in ("thousand", "million", "billion", "trillion"):
        value *= _SCALE[nxt.lower_]
    return value


def _is_age(tok) -> bool:
    """An age: "a 54-year-old", "aged 54", "54 years old"."""
    doc, i = tok.doc, tok.i
    nxt = [t.lower_ for t in doc[i + 1:i + 5]]
    if nxt[:4] == ["-", "year", "-", "old"] or nxt[:2] == ["years", "old"] or nxt[:1] in (["-year-old"], ["year-old"]) \
            or nxt[:3] == ["year", "-", "old"]:
        return True
    return i > 0 and doc[i - 1].lower_ == "aged"


_DATE_WORDS = data.words("date-words")
#: words before a figure that make it a label, not a count ("No. 4", "number 10", "#1")
_LABELS = data.words("figure-labels")
_MONTHS = data.words("month-and-day-names")


def _year_shaped_count(tok) -> bool:
    """A figure written like a year that counts something and is no recent year: "1745 farmhands",
    "around 1800 suspicious cases", not "2022 elections"."""
    return tok.dep_ == "nummod" and tok.head.tag_ == "NNS" and not 1900 <= int(tok.text) <= 2099


def _is_date(tok) -> bool:
    """A date: the parser's DATE with a date word in it ("May 5", "the 1990s", "two weeks") or a
    year; a count it calls a date ("9001 suspicious cases", "11008 people") is no date."""
    if tok.ent_type_ != "DATE":
        return False
    if re.fullmatch(r"(1[5-9]|20)\d\d", tok.text):
        return not _year_shaped_count(tok)
    ent = same_quantity.doc_ents(tok.doc).at(tok.i)
    words = {t.lower_.strip(".") for t in ent} if ent is not None else {tok.lower_}
    return bool(words & (_DATE_WORDS | _MONTHS)) or any(c in tok.text for c in "./")


def _share_of(tok) -> str:
    """What a percentage is a share of ("80% of its water", "84% of the lands")."""
    doc = tok.doc
    for t in doc[tok.i + 1:min(len(doc), tok.i + 4)]:
        if t.lower_ == "of":
            objs = [c for c in t.children if c.dep_ == "pobj"]
            return ":" + objs[0].lemma_.lower() if objs else ""
    return ""


def _lemma(t) -> str:
    return t.lemma_.lower()


def _noun_lemmas(doc) -> dict[str, str]:
    """The lemma of each lower-case common noun of the document, read once: a headline in title case
    ("46 New Confirmed Cases") leaves "Cases" a proper noun that the lemmatizer does not touch."""
    lemmas = doc.user_data.get("copylint.noun-lemmas")
    if lemmas is None:
        lemmas = doc.user_data["copylint.noun-lemmas"] = {}
        import numpy as np
        nouns = (tokens.column(doc, "POS") == doc.vocab.strings["NOUN"]) & (tokens.column(doc, "IS_LOWER") == 1)
        for i in np.flatnonzero(nouns).tolist():
            t = doc[i]
            lemmas.setdefault(t.lower_, t.lemma_.lower())
    return lemmas


def _unit(t) -> str:
    """The unit a counted noun names: its lemma (the body's lemma for a headline's title-case word),
    one name for a unit written two ways ("kg" and "kilograms")."""
    lemma = _noun_lemmas(t.doc).get(t.lower_, _lemma(t)) if not t.is_lower else _lemma(t)
    return _UNIT_ALIASES.get(lemma, lemma)


def _noun_after(tok):
    """The noun a figure counts when the parse does not tie them: the next noun, with only
    modifiers between ("143 wanted individuals")."""
    doc = tok.doc
    for t in doc[tok.i + 1:min(len(doc), tok.i + 4)]:
        if t.pos_ == "NOUN" and t.lower_ not in _SCALE:
            return t
        if t.pos_ not in ("ADJ", "VERB", "ADV") and t.text not in "-–":
            return None
    return None


def quantities(doc, as_trained: bool = False, words: bool | None = None) -> list[Quantity]:
    """The figures of a document that measure something, with what they measure (``Quantity``).
    With ``as_trained``, the figures are read as the slip model's training read them: no count under 2
    (``_plural``, ``_hyphened``), no "m" read as metres (``_metres``), no count written like a year
    (``_year_shaped_count``), no count in words. The rule reads them all; the training reads the pairs
    it was trained on, so the model does not move with a reading (any change to its training set
    reshuffles the top clean scores, and the threshold with them). ``words``: whether counts in words
    are read (by default as ``READ_WORDS`` says, never ``as_trained``)."""
    out = []
    at = tokens.where(doc, "PREFIX", _figure_start)  # the tokens that may be figures
    if (READ_WORDS if words is None else words) and not as_trained:
        at = sorted({*at, *tokens.lower_in(doc, _COUNT_WORDS)})  # and counts in words ("six people")
    for i in at:
        tok = doc[i]
        word = tok.lower_ in _COUNT_WORDS
        if word and not _count_word(tok):
            continue
        if not word and not tok.text[:1].isdigit() and not (tok.text[:1] in "€£$" and tok.text[1:2].isdigit()):
            continue
        if ":" in tok.text or "/" in tok.text or tok.ent_type_ in ("TIME", "ORDINAL"):
            continue
        if not tok.whitespace_ and tok.i + 1 < len(doc) and re.fullmatch(r"[A-Z]\+?", doc[tok.i + 1].text):
            continue  # a name: "the 2G rule", "G7", "4K"
        age = _is_age(tok)
        if _is_date(tok) and not age and not (
                tok.i + 1 < len(doc) and doc[tok.i + 1].lemma_.lower() in _DURATIONS
                and (tok.i + 2 >= len(doc) or doc[tok.i + 2].lower_ not in ("ago", "old"))):
            continue  # a date; a duration ("quarantine for 14 days") and an age are quantities
        value = _value(tok) if not word else _word_value(tok)
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
        if nxt is not None and nxt.text == "-" and "".join(t.lower_ for t in doc[nxt.i:nxt.i + 3]).startswith("-in-"):
            continue  # a kind of product, not a count: "a 3-in-1 charging pad"
        if nxt is not None and nxt.lower_ in ("to", "or", "-", "–") and any(
                t.text[:1].isdigit() for t in doc[nxt.i + 1:min(len(doc), nxt.i + 3)]):
            continue  # the start of a range: "12 million to 14 million", "two or 3"
        currency = tok.text[0] if tok.text[0] in "€£$" else (prev.text if prev is not None and prev.text in "€£$" else "")
        if not currency and prev is not None and prev.lower_ in _CURRENCY_PREFIXES:
            currency = _CURRENCY_PREFIXES[prev.lower_]  # "USD 5 million", "NIS 200 million", "US$5m"
        if not currency and nxt is not None and nxt.lower_ in _CURRENCY_WORDS:
            currency = _CURRENCY_WORDS[nxt.lower_]
        percent = nxt is not None and (nxt.text == "%" or nxt.lower_ == "percent" or
                                       (nxt.lower_ == "per" and nxt.i + 1 < len(doc) and doc[nxt.i + 1].lower_ == "cent"))
        if not currency and not percent and re.fullmatch(r"(1[89]|20)\d\d", tok.text) \
                and (as_trained or not _year_shaped_count(tok)):
            continue  # a year, not a count written like one ("1800 suspicious cases")
        metres = not currency and not percent and not as_trained and _metres(tok)
        if metres:
            value = float(_NUM.match(tok.text).group(1))  # "1.93m" beside an age: metres, not 1.93 million
        # the token the figure quantifies
        anchor = tok
        while anchor.dep_ in ("nummod", "quantmod", "compound", "nmod") and anchor.head.i != anchor.i \
                and (anchor.head.like_num or anchor.head.lower_ in _SCALE or anchor.head.text in "€£$%"
                     or anchor.dep_ in ("nummod", "quantmod")):
            anchor = anchor.head
            if anchor.pos_ in ("NOUN", "PROPN") and anchor.lower_ not in _SCALE:
                break
        share = ""
        if age:
            unit = "age"
        elif currency:
            unit = "cur:" + currency
        elif percent:
            unit, share = "%", _share_of(tok)
        elif metres:
            unit = "metre"
        elif anchor is not tok and anchor.pos_ in ("NOUN", "PROPN") and anchor.lower_ not in _SCALE:
            if anchor.i < tok.i:
                continue  # a number, not a count: "volume 4", "Article 5", "room 101"
            unit = _unit(anchor)
        elif (noun := _noun_after(tok)) is not None:
            anchor, unit = noun, _unit(noun)  # "stopped 143 wanted individuals" (parsed as a verb's object)
        elif (not word and _NUM.match(tok.text.lstrip("€£$")).group(2)) or (i + 1 < len(doc) and doc[i + 1].lower_ in _SCALE):
            unit = "scaled"  # an amount without its currency: "a budget of 8 billion", "(26, 1.93m)"
        else:
            continue  # a bare figure: what it counts is not in the parse
        if word and not age and (anchor is tok or anchor.i - tok.i > 3 or _lemma(anchor) in _DURATIONS):
            continue  # a count in words counts the noun right after it, and no span of time ("six days")
        label = doc[i - 2] if prev is not None and prev.text == "." and i > 1 else prev
        if label is not None and label.lower_.rstrip(".") in _LABELS and not currency:
            continue  # a label, not a count: "the No. 4 hitter", "number 10 shirt"
        if value < 2 and not currency and not percent and not (
                not as_trained and (age or metres or _plural(anchor, tok) or _hyphened(tok, anchor))):
            continue  # "1 dead", "1 in 5 adults"; never "1.5 points", "1 games", a "1-year-old", a "1-inch" screen
        bag: set[str] = set()
        ents: set[str] = set()

        def add(t):
            if t.i == tok.i or t.like_num or t.is_stop or t.lower_ in _SCALE or _has_digit(t.text):
                return  # never a figure: "12bn" is one token (the pair classifier must not see values)
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
        before = {t.lower_ for t in doc[max(0, i - 3):i]}
        blocked = bool(before & _NOT_RESTATED) or bool({t.lower_ for t in doc[i:min(len(doc), i + 4)]} & _VERSUS) \
            or any(t.lower_ == "than" and doc[t.i - 1].lower_ not in ("more", "fewer", "less")
                   for t in doc[i:min(len(doc), i + 5)]) \
            or (prev is not None and prev.lower_ in ("to", "and") and any(t.like_num for t in doc[max(0, i - 4):i - 1]))
        # a converted amount: "$200bn (£110bn)"
        j = i - 1 if not (prev is not None and prev.text in "€£$") else i - 2
        while j > 0 and doc[j].lower_ in _HEDGES | {"or", "about", "approximately", "approx", "c.", "ca", "some"}:
            j -= 1  # "(approximately 32.1 billion yen)"
        if j >= 0 and doc[j].text in ("(", "[") and j > 0 and any(
                (t.text[:1].isdigit() and not (metres and _is_age(t))) or t.text in "€£$" for t in doc[max(0, j - 4):j]):
            blocked = True  # (a height after an age, "29 years old (1.99m)", converts nothing)
        hedged = any(t.lower_ in _HEDGES for t in doc[max(0, i - 3):i])
        start = min(t.idx for t in (tok, prev) if t is not None and (t is tok or t.text in "€£$"
                                                                     or t.lower_ in _CURRENCY_PREFIXES))
        last = anchor if anchor.i > tok.i and anchor.i - tok.i <= 3 else tok
        if percent and nxt is not None:
            last = nxt if nxt.text == "%" or nxt.lower_ == "percent" else doc[nxt.i + 1]
        if age and i + 2 < len(doc) and doc[i + 2].lower_ in ("year", "old"):
            last = doc[min(i + 4, len(doc) - 1)] if doc[i + 2].lower_ == "year" else doc[i + 2]
        end = last.idx + len(last.text)
        q = Quantity(tok, value, unit, bag, ents, start, end, hedged, blocked, gov)
        if share:
            q.mods = q.mods | {"of" + share}
        who = _whose_age(tok) if age else None
        if who is not None:
            q.mods = {_lemma(who)}  # whose age: "a 6-year-old child", "a 31-year-old Palestinian"
        qualified = who if who is not None else anchor if anchor is not tok and anchor.pos_ == "NOUN" else None
        if qualified is not None:
            q.post = _qualifiers(qualified)
        if age:
            q.person = _age_person(tok, who)
        out.append(q)
    return out


_AGE_WORDS = data.words("age-words")
_QUALIFYING = data.words("qualifying-prepositions")


def _qualifiers(noun) -> set[str]:
    """What a counted noun or an aged person is qualified by after it: "the owner of a Hyundai",
    "drivers with fake plates" ({"hyundai"}, {"plate"}); never a pronoun or a figure ("of whom",
    "of them", "of the 120")."""
    return {o.lemma_.lower() for p in noun.children if p.dep_ == "prep" and p.i > noun.i
            and p.lower_ in _QUALIFYING for o in p.children
            if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN") and not _has_digit(o.text)}


def _qualified_apart(a, b) -> bool:
    """Two counts or ages whose nouns are qualified, before or after, in ways that share no word:
    "213 drunk drivers" and "13 drivers with fake plates", "the owner of a motorcycle" and "the owner
    of a Hyundai" ("drunk driving cases" and "cases of drunk driving" share one)."""
    if a.post and b.post and not a.post & b.post:
        return True
    qa, qb = a.mods | a.post, b.mods | b.post
    return bool(qa and qb and not qa & qb)


def _whose_age(tok):
    """The noun an age modifies ("a 6-year-old child", "a 31-year-old Palestinian man"), with only
    adjectives between; none where the age stands for the person ("injures 9-year-old on lobster
    dive": not the lobster's age)."""
    doc = tok.doc
    for t in doc[tok.i + 1:min(len(doc), tok.i + 8)]:
        if t.lower_ in _AGE_WORDS:
            continue
        if t.pos_ in ("NOUN", "PROPN"):
            return t
        if t.pos_ != "ADJ":
            return None
    return None


#: how many sentences back an age referred to by "the" looks for the person it belongs to
AGE_REACH = 3
#: and how many tokens back at most: a text whose sentences the parser does not end (a pasted table,
#: a run-on blob) is not read back to its start once per age. On news-corpus, clean-news, the devset
#: and mqm-dev (86 ages looked back from) the walk went 104 tokens at most before its third sentence,
#: 67 before the person it found
AGE_REACH_TOKENS = 200


def _person_key(ent) -> frozenset:
    """A person named, by the words of the name ("Felix Brych" and "Brych" share one)."""
    return frozenset(t.lower_ for t in ent if t.is_alpha and t.is_title and t.ent_type_ != "NORP")


def _subject(ent) -> bool:
    """A name that is the subject of its clause ("Felix Brych has identified", "said Fröhlich")."""
    root = ent.root
    while root.dep_ == "appos" or root.dep_ == "conj":
        root = root.head
    return root.dep_ in ("nsubj", "nsubjpass")


def _age_person(tok, who) -> frozenset:
    """Whose age an age is, by the words of the person's name (``_person_key``), or the empty set
    where the words do not say: the name the aged noun stands before or is ("the 34-year-old
    classmate Victoria Max-Theurer", "the 15-year-old mare Weihegold"), the name an appositive age
    describes ("Felix Brych, the 47-year-old referee"), else, for an age referred back to with "the"
    ("the 47-year-old told ...", "the 62-year-old darts player"), the person named last before it,
    at most ``AGE_REACH`` sentences and ``AGE_REACH_TOKENS`` tokens back, where that name is the
    subject of its clause (the person the story is about; a name last seen as an object, "adding
    Adam Ariel", or a club the parser calls a person, is too unsure a referent). An age with "a"
    brings in someone new ("a 31-year-old man"): no one named."""
    doc = tok.doc
    ents = same_quantity.doc_ents(doc)
    if who is not None:
        for t in doc[who.i:min(len(doc), who.i + 4)]:
            e = ents.at(t.i)
            if e is not None and e.label_ == "PERSON":
                return _person_key(e)
            if t.pos_ == "PROPN" and t.is_title and t.ent_type_ != "NORP" and (t.i > who.i or not t.ent_type_):
                # a name the parser calls no person: "the 15-year-old mare Weihegold"
                run = doc[t.i:t.i + 1]
                while run.end < len(doc) and doc[run.end].pos_ == "PROPN" and doc[run.end].is_title:
                    run = doc[t.i:run.end + 1]
                return _person_key(run)
            if t.pos_ not in ("NOUN", "PROPN", "PUNCT"):
                break
        head = who.head if who.dep_ == "appos" else None
        if head is not None and (e := ents.at(head.i)) is not None and e.label_ == "PERSON":
            return _person_key(e)
    words = [t for t in doc[max(0, tok.i - 3):tok.i] if not t.is_punct]
    if not words or words[-1].lower_ != "the":
        return frozenset()
    sents = 0
    for k in range(tok.i - 1, max(-1, tok.i - 1 - AGE_REACH_TOKENS), -1):
        t = doc[k]
        if t.is_sent_start:
            sents += 1
            if sents > AGE_REACH:
                return frozenset()
        e = ents.at(k)
        if e is not None and e.label_ == "PERSON":
            return _person_key(e) if _subject(e) else frozenset()
    return frozenset()


def _one_sentence(a: Quantity, b: Quantity) -> bool:
    """Two figures in one sentence (a headline and the paragraph under it are two, even where the
    parser runs them together)."""
    lo, hi = sorted((a, b), key=lambda q: q.start)
    # the words between them (not ``doc.text``, which spaCy builds anew from the whole document)
    return a.sent.start == b.sent.start and "\n" not in a.tok.doc[lo.tok.i:hi.tok.i].text_with_ws


def _round(v: float) -> bool:
    digits = _digits(v).rstrip("0")
    return len(digits) <= 1 or (len(digits) == 2 and digits[1] == "5")


def _scale_switch(a: float, b: float) -> bool:
    """£12m and £12bn: the scale word switched."""
    hi, lo = max(a, b), min(a, b)
    return lo > 0 and hi / lo in (1000.0, 1e6)


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


def _in_words(q: Quantity) -> bool:
    return q.tok.lower_ in _COUNT_WORDS


def _words_apart(a: Quantity, b: Quantity) -> bool:
    """Two counts, one written in words, governed by different words ("Four goals scored" ...
    "denied two goals", "the capacity of two people" ... "three people were killed"): two groups, as
    far as the words tell. Small counts of one noun stand everywhere in news copy for different
    groups, and the slip model reads any two of them as one keystroke apart (it was taught slips of
    figures in digits), so a count in words is compared only with a mention of the same verb or noun
    (or two of one event group, "killed" and "died", or of one WordNet synset), not a light verb such
    as "be" or "have" (``count-light-verbs``; session 21: at the warning threshold, 14 clean pairs of news-corpus train and tune warned
    without this reading, 2 with it)."""
    if not (_in_words(a) or _in_words(b)):
        return False
    ga, gb = _lemma(a.head), _lemma(b.head)
    if ga in _COUNT_LIGHT or gb in _COUNT_LIGHT:
        return True
    if ga == gb or (ga in _EVENT_OF and _EVENT_OF.get(ga) == _EVENT_OF.get(gb)):
        return False  # one verb, or two of one event group ("killed", "died")
    sets = same_quantity.synonym_sets()
    return not set(sets.get(ga, ())) & set(sets.get(gb, ()))  # nor two of one WordNet synset


_COUNT_LIGHT = data.words("count-light-verbs")


def _nothing_beside_something(a: Quantity, b: Quantity) -> bool:
    """One figure nought, the other not (`$10 might seem a lot beside the $0 people pay for most
    games`): a zero says "nothing", "free", on purpose, and is not one figure mistyped for another."""
    return (a.value == 0) != (b.value == 0)


def _close(a: Quantity, b: Quantity, as_trained: bool = False) -> bool:
    """A rounded figure beside the exact one: "about 3,000" ... "3,124"; "46.6 million" ... "46.57
    million"; "11.3%" ... "11.38%"; "more than 250" ... "258". Unhedged, the exact figure must round
    to the round one ("11,000 families" ... "11,060 families"): "1.70" beside "1.75", or "50"
    beside "58", is a figure changed, not rounded. A hedge widens the rounding only where it stands
    before the rounder figure (or one of two as fine): it says that figure is approximate, and an
    exact figure hedged ("about 260 million" beside "200 million") says nothing of the other.
    ``as_trained``: any hedge widens it, as the slip model's training read roundings."""
    hi, lo = max(a.value, b.value), min(a.value, b.value)
    da, db = _digits(a.value).rstrip("0"), _digits(b.value).rstrip("0")
    if as_trained:
        hedged = a.hedged or b.hedged
    else:
        hedged = (a.hedged and len(da) <= len(db)) or (b.hedged and len(db) <= len(da))
    if hedged and hi > 0 and (hi - lo) / hi <= 0.1:
        return True
    coarse = a.value if len(da) < len(db) else b.value if len(db) < len(da) else None
    if coarse is None or coarse == 0:
        return False
    step = 10.0 ** (math.floor(math.log10(abs(coarse))) - len(min(da, db, key=len)) + 1)
    return hi - lo < (step if hedged else step / 2 + 1e-9 * step)


def value_kind(a: float, b: float) -> tuple[str, str]:
    """How two values differ ("keystroke": one digit changed, two swapped, one dropped or added;
    "scale": £12m and £12bn; "other") and their bucket for the value evidence: the digits of the
    larger one (4 or more counted as 4) and whether both are round ("3:round", "4:exact")."""
    kind = "keystroke" if slip(a, b) else "scale" if _scale_switch(a, b) else "other"
    digits = min(4, len(_digits(max(a, b))))
    return kind, f"{digits}:{'round' if _round(a) and _round(b) else 'exact'}"


def value_features(a: float, b: float, count_a: int, count_b: int) -> list[float]:
    """``same_quantity.VALUE_FEATURES`` of two different values, the article stating the first
    ``count_a`` times and the second ``count_b`` times in their unit."""
    kind, bucket = value_kind(a, b)
    hi, lo = max(a, b), min(a, b)
    both = count_a > 1 and count_b > 1
    one = not both and (count_a > 1 or count_b > 1)
    return [float(kind == "keystroke"), float(kind == "scale"), float(kind == "other"), float(bucket.split(":")[0]),
            float(bucket.endswith("round")), float(_round(a) or _round(b)),
            abs(math.log10(hi / lo)) if lo > 0 else 6.0, float(one), float(not one and not both), float(both)]


def _years(dates: set[str]) -> set[str]:
    return {m.group() for d in dates for m in re.finditer(r"\b(?:1[89]|20)\d\d\b", d)}


_ADDED = data.words("added-words")
_REMAINDER = data.words("remainder-words")
_ANOTHER = data.words("another-instance-words")


def _remainder(q: Quantity) -> bool:
    """The figure is what is left of something, read from the words after it (``remainder-words``):
    "with 500m to go", "10 minutes left". Beside a whole ("the 5,000m") it is another quantity."""
    words = [t.lower_ for t in q.sent if t.idx >= q.end and not t.is_punct and not t.is_space][:2]
    return bool(words) and (words[0] in _REMAINDER or " ".join(words) in _REMAINDER)


def _another_instance(q: Quantity) -> bool:
    """The thing a figure measures is introduced as another one: the noun that governs it ("a second
    earthquake with a 7.5 magnitude") or the subject of the verb that does ("another storm flooded
    7,000 homes"). Its figure is another event's."""
    gov = q.head
    if gov is None or gov.i == q.tok.i:
        return False
    nouns = [gov] if gov.pos_ == "NOUN" else [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")
                                               and c.pos_ == "NOUN"]
    return any(c.lower_ in _ANOTHER and c.dep_ in ("det", "amod") for n in nouns for c in n.children)


_NEGATORS = data.words("bound-negators")


def _bound(q: Quantity, as_trained: bool = False) -> str:
    """ "floor" for a figure stated as a lower bound ("more than 3,000", "starting at $60", "no less
    than 90%"), "ceiling" for an upper one ("up to 2,100", "less than $100", "no more than 40"), else
    "". A negator right before the hedge (``bound-negators``) turns it round, except with
    ``as_trained``, as the slip model's training read it (a "no less than" was a ceiling)."""
    doc, i = q.tok.doc, q.tok.i
    kinds = set()
    for t in doc[max(0, i - 4):i]:
        kind = same_quantity.HEDGES.get(t.lower_)
        if kind not in ("floor", "ceiling") or t.lower_ == "up" and doc[t.i + 1].lower_ != "to":  # "up 12%": a change
            continue
        if not as_trained and t.i > 0 and doc[t.i - 1].lower_ in _NEGATORS:
            kind = "ceiling" if kind == "floor" else "floor"
        kinds.add(kind)
    return kinds.pop() if len(kinds) == 1 else ""


def _bounds_agree(a: Quantity, b: Quantity, as_trained: bool = False) -> bool:
    """A lower bound at or under an upper bound: "less than $100" ... "starting at $60" say the
    same thing two ways (a price range), not two values of one figure."""
    ba, bb = _bound(a, as_trained), _bound(b, as_trained)
    if {ba, bb} != {"floor", "ceiling"}:
        return False
    floor, ceiling = (a, b) if ba == "floor" else (b, a)
    return floor.value <= ceiling.value


def _bounds_apart(a: Quantity, b: Quantity) -> bool:
    """A lower bound over an upper bound: "more than 38,000 searches" ... "less than 9,000 searches",
    "less than 10%" ... "no less than 90%". Of one quantity the two would contradict each other
    whatever the figures; copy says them of two things (one job and another, one share and another),
    and a changed figure keeps its hedge, so a slip does not make a floor of a ceiling."""
    ba, bb = _bound(a), _bound(b)
    return {ba, bb} == {"floor", "ceiling"} and not _bounds_agree(a, b)


_MAXIMA, _MINIMA = data.words("maximum-words"), data.words("minimum-words")


def _limit(q: Quantity) -> str:
    """ "ceiling" for a figure stated as the most something reaches ("a maximum speed of 200 km/h", "a
    max. of 700 vehicles"), "floor" for the least it may be ("minimum electric power 100 MW"), else ""
    (a name's "Max", "iPhone 11 Pro Max for $999", is no limit)."""
    doc, i = q.tok.doc, q.tok.i
    kinds = {"ceiling" if t.lower_ in _MAXIMA else "floor" for t in doc[max(0, i - 4):i]
             if (t.lower_ in _MAXIMA or t.lower_ in _MINIMA) and t.pos_ != "PROPN"}
    return kinds.pop() if len(kinds) == 1 else ""


def _within_limit(a: Quantity, b: Quantity) -> bool:
    """One figure a limit and the other, no limit, within it: "a maximum speed of 200 km/h" ... "a speed
    of 120 km/h", "minimum electric power 100 MW" ... "electric power of 1200 MW". A peak or a required
    least beside one level is as likely two quantities as one (on news-corpus train, tune and the web
    pages, 19 such pairs of two values to 1 of one, "a max. of 700 vehicles" restating "700 vehicles");
    a figure outside the limit contradicts it and is scored as any pair."""
    la, lb = _limit(a), _limit(b)
    if bool(la) == bool(lb):
        return False
    limit, level, kind = (a, b, la) if la else (b, a, lb)
    return level.value <= limit.value if kind == "ceiling" else level.value >= limit.value


_PERIODS, _PER = data.words("period-words"), data.words("period-determiners")
_PERIOD_ADVERBS, _PERIOD_TIMES = data.words("period-adverbs"), data.words("period-time-words")


def _per_period(q: Quantity) -> bool:
    """A sum per period, read in the five words after the figure up to a verb or a stop: "$300 million a
    year", "7,000 crowns per month", "150,000 passengers per day", "$2 billion annually"; "a year earlier"
    and "a year ago" are times, not rates (``period-time-words``)."""
    doc = q.tok.doc
    after = [t for t in doc[q.tok.i:q.sent.end] if t.idx >= q.end][:5]
    for k, t in enumerate(after):
        if t.is_punct or t.pos_ in ("VERB", "AUX"):
            return False
        if t.lower_ in _PERIOD_ADVERBS:
            return True
        if t.lower_ in _PER and k + 1 < len(after) and after[k + 1].lower_ in _PERIODS:
            i = after[k + 1].i + 1
            return i >= len(doc) or doc[i].lower_ not in _PERIOD_TIMES
    return False


def _rate_and_total(a: Quantity, b: Quantity) -> bool:
    """One figure a sum per period and the other a sum with none: "Spending $3 Billion on Stem Cell
    Research" ... "spending $300 million a year". A rate against a total is two quantities; a slip rarely
    adds or drops "a year" (on news-corpus train, tune and the web pages, 98 such pairs of two values to
    3 of one: "up to 7,000 crowns" restated as "up to 7,000 crowns per month", "$53 million a week" as
    "the $53 million figure"). Two rates, whatever their periods, are scored as any pair."""
    return _per_period(a) != _per_period(b)


_CHANGE = frozenset(same_quantity.CUES["change"])


def _change_amount(q: Quantity, as_trained: bool = False) -> bool:
    """A difference, not a level: "rose by 30", "up 12%", "an increase of 5%"; never a phrasal verb's
    particle before its object ("anted up $129": ``_particle_object``), except with ``as_trained``,
    as the slip model's training read it."""
    doc, i = q.tok.doc, q.tok.i
    j = i - 1 if i and doc[i - 1].text not in "€£$" else i - 2
    if j < 0:
        return False
    prev = doc[j]
    if prev.lower_ in ("up", "down") and prev.head.i != q.tok.i and prev.i + 1 < len(doc) \
            and doc[prev.i + 1].lower_ != "to" and (as_trained or not _particle_object(q, prev)):
        return True  # "up 12%", never "up to 2,100" nor "anted up $129"
    return prev.lower_ in ("by", "of") and prev.head.lemma_.lower() in _CHANGE


def _particle_object(q: Quantity, word) -> bool:
    """``word`` ("up", "down") is the particle of a phrasal verb whose object the figure is: "those who
    anted up $129", "the team racked up 120 points", "the firm put up $5m" state an amount, not a
    change ("shares ended up 3%", "prices went up 12%": the parse reads that "up" as an adverb, the
    figure as a measure of the movement, not an object)."""
    if word.dep_ != "prt":
        return False
    verb, t = word.head, q.tok
    for _ in range(4):  # up from the figure to the verb's child: "put up $5 million" (5 -> million -> put)
        if t.head.i == verb.i or t.head.i == t.i:
            break
        t = t.head
    return t.head.i == verb.i and t.dep_ == "dobj"


_COUNTED_IN = data.words("counted-in-words")


def _counted_in(q: Quantity) -> str:
    """The figure a figure is counted in, right after it: "3 goals in 5 games" (5), "12 people in
    11 households" (11), "4 out of 10" (10); "" when none."""
    doc = q.tok.doc
    j = q.tok.i + 1
    while j < len(doc) and doc[j].idx < q.end:
        j += 1
    words = doc[j:j + 3]
    if len(words) < 2 or words[0].lower_ not in _COUNTED_IN:
        return ""
    k = 2 if words[0].lower_ == "out" and words[1].lower_ == "of" else 1
    if k < len(words) and _has_digit(words[k].text) or k < len(words) and words[k].lower_ in _WORDNUM:
        return words[k].lower_
    return ""


def _two_quantities(a: Quantity, b: Quantity, one_person: bool = False, as_trained: bool = False) -> bool:
    """What the words say outright are two quantities: money or shares measuring other things
    ("$9.1bn revenue", "$2.4bn profit"), counted things of other kinds ("11 imported cases", "18
    severe cases"), figures whose subjects are other named places, companies or people ("Ardena has
    1,200 beds", "Brena has 2,100"), sentences about other years, or a figure added to another
    ("another 30 people", "a further £2m", "30 more"), counts of people that different things
    happened to (the event groups of ``quantities.toml``: "killed 120 people" ... "saved 210
    people"), or figures counted in other figures ("3 goals in 5 games" ... "8 goals in 10
    games"), or figures of another instance of what they measure ("a second earthquake with a 7.5
    magnitude", "another storm flooded 7,000 homes"), or what is left of a quantity beside it ("the
    5,000m" ... "with 500m to go", ``_remainder``). Weaker signs of two quantities (other
    entities elsewhere in the sentences, dates that are not years) are weighed by the pair
    classifier: a translation may write "in Britain", then "in England", of one quantity.

    With ``one_person`` (two ages of one person named, ``_same_person``) the nouns the ages modify do
    not make two groups ("the 26-year-old Belgian" ... "the 62-year-old darts player"). The slip
    model's training asks without it: its made slips and its pairs of two values are the ones it was
    trained on before, and the model did not move; so does it with ``as_trained`` (``_change_amount``)."""
    measures = {a.measure, b.measure} - set(_CURRENCY_WORDS) - {"", "euro", "dollar", "pound"}
    if len(measures) == 2 or a.mods and b.mods and not a.mods & b.mods and not one_person:
        return True
    if a.ctx.named_subject and b.ctx.named_subject and a.ctx.named_subject != b.ctx.named_subject:
        return True
    groups = {_EVENT_OF.get(q.head.lemma_.lower()) if q.head is not None else None for q in (a, b)}
    if None not in groups and len(groups) == 2:
        return True  # what happened to them differs: "killed 120 people" ... "saved 210 people"
    ca, cb = _counted_in(a), _counted_in(b)
    if ca and cb and ca != cb:
        return True  # "3 goals in 5 games" ... "8 goals in 10 games"
    if _bounds_agree(a, b, as_trained) or _change_amount(a, as_trained) != _change_amount(b, as_trained):
        return True  # a range's two ends; a change beside a level ("risen by 30" ... "360 people")
    if a.unit != "%" and _part_of_other(a, b):
        return True  # a part of a whole: "120 people were arrested" ... "Of those, 40 were charged"
    if not as_trained and any(q.whole_of is not None and o.value == q.whole_of for q, o in ((a, b), (b, a))):
        return True  # the other restates the part counted out of this whole: "14 of the 31 libraries"
    years_a, years_b = _years(a.ctx.dates), _years(b.ctx.dates)
    if years_a and years_b and not years_a & years_b:
        return True
    if not as_trained and _remainder(a) != _remainder(b):
        return True  # what is left beside the whole: "the women's 5,000m" ... "with 500m to go"
    for q in (a, b):
        doc, i = q.tok.doc, q.tok.i
        if any(t.lower_ in _ADDED for t in doc[max(0, i - 3):i]) or (
                i + 1 < len(doc) and doc[i + 1].lower_ == "more" and q.unit != "age") or _another_instance(q):
            return True
    return False


_LIGHT_VERBS = data.words("duration-light-verbs")


def _event(q: Quantity) -> str:
    """The event a duration measures: the verb or noun that governs it ("settled for 30,000 years",
    "a sentence of 10 years") or that a clause on it names ("the 12 years he served"); under a verb
    that says only that time passed ("the strike lasted 12 days", "the strike, which lasted 12
    days"), that verb's subject; "" when the parse names none."""
    noun = q.tok.head if q.tok.dep_ == "nummod" else None
    clause = [c for c in noun.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"] if noun is not None else []
    gov = clause[0] if clause else q.head
    if gov is None or gov.i == q.tok.i or gov.pos_ not in ("VERB", "AUX", "NOUN") or _unit(gov) == q.unit:
        return ""  # no governor, or the duration's own noun ("30,000 years" as a headline's root)
    lemma = gov.lemma_.lower()
    if gov.pos_ != "AUX" and lemma not in _LIGHT_VERBS:
        return lemma
    subj = next((c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.tag_ == "WDT" and gov.dep_ == "relcl":
        subj = gov.head  # "the strike, which lasted 12 days"
    return subj.lemma_.lower() if subj is not None and subj.pos_ == "NOUN" else ""


def _same_event(a: Quantity, b: Quantity) -> bool:
    """Two durations of one event: the same governing verb or event noun, or two of one WordNet
    synset ("jailed" and "imprisoned")."""
    ea, eb = _event(a), _event(b)
    if not ea or not eb:
        return False
    if ea == eb:
        return True
    sets = same_quantity.synonym_sets()
    return bool(set(sets.get(ea, ())) & set(sets.get(eb, ())))


def _duration(q: Quantity) -> bool:
    return q.unit in _DURATIONS


#: a restated frame: at least this many tokens the same outward from the two figures, this many of
#: them content words
RESTATED_TOKENS, RESTATED_CONTENT = 6, 3


def restated(a: Quantity, b: Quantity) -> bool:
    """Two described mentions whose figures stand in one long frame of the same words, as written
    (``same_quantity.restated_frame``: at least ``RESTATED_TOKENS`` tokens outward from the figures,
    ``RESTATED_CONTENT`` of them content words), that does not end at two different figures (the
    same slot of two items of a parallel list): one sentence written twice with its figure changed
    (``"$53 million a week is coming across the border in drugs"`` ... ``"$35 million a week is coming
    across the border in drugs"``). A pattern that confirms a weaker doubt: such a pair warns from
    its own threshold (``Model.confirmed``), calibrated on the clean pairs in a restated frame."""
    same, content, parallel = same_quantity.restated_frame(a, b)
    return same >= RESTATED_TOKENS and content >= RESTATED_CONTENT and not parallel


def _two_people(a: Quantity, b: Quantity) -> bool:
    """The ages of two people named (``_age_person``): "Felix Brych ... the 47-year-old told" ...
    "said Fröhlich ... The 65-year-old pointed"."""
    return bool(a.person and b.person and not a.person & b.person)


def _same_person(a: Quantity, b: Quantity) -> bool:
    """Two ages of one person named (``_age_person``), however the person is called around them
    ("the 26-year-old Belgian Dimitri Van den Bergh" ... "the 26-year-old darts player")."""
    return bool(a.person & b.person)


def confirmed(a: Quantity, b: Quantity) -> bool:
    """A pair that warns from the confirmed tier's threshold (``Model.confirmed``): one sentence
    written twice with its figure changed (``restated``), or two ages of one person named
    (``_same_person``: a person has one age in a story)."""
    return _same_person(a, b) or restated(a, b)


def info_only(a: Quantity, b: Quantity) -> str | None:
    """Why a pair is compared at info at most, or None: a figure in a list or a table
    (``in-a-list``); two durations that do not measure one event (``other-event``: "settled for
    30,000 years" ... "lived there for 20,000 years"); counted things or aged people qualified two
    ways (``other-group``: "the 34-year-old owner of a motorcycle" ... "the 22-year-old owner of a
    Hyundai"); a lower bound over an upper one (``bounds-apart``: "more than 38,000 searches" ...
    "less than 9,000 searches", ``_bounds_apart``); a limit and a figure within it (``within-limit``: "a
    maximum speed of 200 km/h" ... "a speed of 120 km/h", ``_within_limit``); a sum per period against a
    sum with none (``rate-total``: "$300 million a year" ... "$3 billion", ``_rate_and_total``)."""
    if a.listed or b.listed:
        return "in-a-list"
    if _duration(a) and _duration(b) and not _same_event(a, b):
        return "other-event"
    if not a.unit.startswith(("%", "cur:")) and a.unit != "scaled" and _qualified_apart(a, b) \
            and not _same_person(a, b):
        return "other-group"
    if _bounds_apart(a, b):
        return "bounds-apart"
    if _within_limit(a, b):
        return "within-limit"
    if _rate_and_total(a, b):
        return "rate-total"
    return None


#: a data line: a block of at least ``DATA_FIGURES`` figures, one or more in ``DATA_WORDS`` words (a
#: table's row, a line of match statistics, a line of prices)
DATA_FIGURES, DATA_WORDS = 4, 4
#: a list: at least ``LIST_RUN`` blocks in a row of ``LIST_WORDS`` words or fewer that each hold a
#: figure, where one unit takes ``LIST_VALUES`` values or more ("VIP: 60,000 won" / "R: 50,000 won" /
#: "S: 40,000 won"; a commodity's price and change per line)
LIST_RUN, LIST_WORDS, LIST_VALUES = 3, 20, 3
#: a paragraph of prose, never an item of a list: each of its sentences has a finite verb (Penn tags
#: ``FINITE_TAGS``) and ends as a sentence, it holds no more figures than sentences, and its words
#: outnumber its figures at least ``PROSE_WORDS`` to one ("Police believe the 81-year-old had fallen
#: asleep there."; not "Aluminium on the London Metal Exchange lost 0.06% to $1,737 a tonne.", a line
#: of a market report, nor "VIP: 60,000 won")
FINITE_TAGS, PROSE_WORDS = frozenset({"VBD", "VBZ", "VBP", "MD"}), 5
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")
#: read paragraphs as prose (``_prose``); off, every short block with a figure may be a list's item
READ_PROSE = True


def _prose(article: Article, block: Block, size: int, figures: int) -> bool:
    """Whether a block is a paragraph of prose (``PROSE_WORDS``, ``FINITE_TAGS``): short news
    paragraphs of one sentence each, a figure in each, are no list; a line stating two figures (a
    change and a price) is a line of data however it is worded."""
    if not READ_PROSE or block.kind != "paragraph" or figures * PROSE_WORDS > size:
        return False
    span = article.doc.char_span(block.start, block.end, alignment_mode="expand")
    if span is None:
        return False
    sents = [s for s in span.sents if s.text.strip()]
    return len(sents) >= figures and all(
        any(t.tag_ in FINITE_TAGS for t in s) and _SENTENCE_END.search(s.text.strip()) for s in sents)


def mark_lists(article: Article, qs: list[Quantity]) -> None:
    """Set ``q.listed`` on the mentions (described: ``q.ctx.block``) that are items of a list or a
    table: each item of one has its own value (a price per seat, a player's tackles, a metal's
    change), so two of them, or one of them and a figure in the prose, are as likely two quantities
    as one: compared at info only. A paragraph of prose (``_prose``) is no list's item, however short.
    Read once per article, block by block."""
    text, blocks = article.text, article.blocks
    if not blocks:
        return
    size, figures = [], []
    for b in blocks:
        words = text[b.start:b.end].split()
        size.append(len(words))
        figures.append(sum(1 for w in words if _has_digit(w)))
    by_block: dict[int, list[Quantity]] = defaultdict(list)
    for q in qs:
        by_block[q.ctx.block].append(q)
        q.listed = figures[q.ctx.block] >= DATA_FIGURES and figures[q.ctx.block] * DATA_WORDS >= size[q.ctx.block]
    run: list[int] = []
    for i in range(len(blocks) + 1):
        if i < len(blocks) and figures[i] and size[i] <= LIST_WORDS and not _prose(article, blocks[i], size[i], figures[i]):
            run.append(i)
            continue
        if len(run) >= LIST_RUN:
            values: dict[str, set] = defaultdict(set)
            for b in run:
                for q in by_block.get(b, ()):
                    values[q.unit].add(q.value)
            for b in run:
                for q in by_block.get(b, ()):
                    q.listed = q.listed or len(values[q.unit]) >= LIST_VALUES
        run = []


def figure_pairs(article: Article, skip: list[tuple[int, int]] = (),
                 words: bool = True) -> Iterator[tuple[float, Quantity, Quantity]]:
    """(score, other, odd) for each mention of a quantity that another mention of its unit states
    with another value: the slip model's log-odds that the two are one quantity with one figure
    changed, from the two contexts and how the values differ (one keystroke apart, the scale
    switched; whether one of them is stated twice and the other once). ``odd`` is the mention less
    surely restated elsewhere with its own value (the later one on a tie); a pair whose two values
    are each restated at least as surely as the pair is one quantity, or where one figure is a
    rounding of the other, is consistent. Each mention is compared with a bounded number of
    earlier ones.

    The figures in digits are paired among themselves first, as the models were trained (a count in
    words is no mention the contexts' features were taught to count); then, where the article has
    counts in words (``READ_WORDS`` and ``words``), the pairs with one of them, read among all its
    figures."""
    yield from _figure_pairs(article, skip, False)
    if words and READ_WORDS and tokens.lower_in(article.doc, _COUNT_WORDS):
        yield from (x for x in _figure_pairs(article, skip, True) if _in_words(x[1]) or _in_words(x[2]))


def _figure_pairs(article: Article, skip, words: bool) -> Iterator[tuple[float, Quantity, Quantity]]:
    qs = [q for q in quantities(article.doc, words=words)
          if not q.blocked and not any(s < q.end and q.start < e for s, e in skip)]
    if len(qs) < 2 or (words and not any(_in_words(q) for q in qs)):
        return
    same_quantity.describe(qs, article, _attribution)
    mark_lists(article, qs)
    model = same_quantity.model()
    counts = Counter((q.unit, q.value) for q in qs)
    scored, restated = [], []
    for a, b, n, between in same_quantity.candidate_pairs(qs, _one_sentence):
        if a.value == b.value:
            restated.append((a, b, n, between))
            continue
        if _close(a, b) or _two_people(a, b) or _two_quantities(a, b, _same_person(a, b)) or _words_apart(a, b):
            continue
        context = same_quantity.pair_features(a, b, n, between)
        values = value_features(a.value, b.value, counts[(a.unit, a.value)], counts[(b.unit, b.value)])
        if _in_words(a) != _in_words(b) and values[0]:
            values[0], values[2] = 0.0, 1.0  # "two" and "21" are no keystroke apart: another figure
        if model.signals:  # a retrain judged with general signals (same_quantity.SIGNALS)
            values += same_quantity.signal_features(model.signals, a, b)
        score = model.slip(context, values)
        if score < model.info:
            continue
        scored.append((model.prob(context), score, a, b))
    # how surely another mention restates each mention with its value (asked only where it matters)
    support = [-1.0] * len(qs)
    asked = {q.ctx.order for _, _, a, b in scored for q in (a, b)}
    for a, b, n, between in restated:
        if a.ctx.order in asked or b.ctx.order in asked:
            p = model.prob(same_quantity.pair_features(a, b, n, between))
            support[a.ctx.order] = max(support[a.ctx.order], p)
            support[b.ctx.order] = max(support[b.ctx.order], p)
    best: dict[int, tuple] = {}
    for p, score, a, b in scored:
        sa, sb = support[a.ctx.order], support[b.ctx.order]
        if sa >= p and sb >= p:
            continue  # each value restated at least as surely as the two are one quantity
        other, odd = (b, a) if sa < sb else (a, b)  # the one less surely restated is the odd one
        if odd.ctx.order not in best or score > best[odd.ctx.order][0]:
            best[odd.ctx.order] = (score, other, odd)
    yield from best.values()


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
    distances, durations, ages) is compared too: each mention against the nearest earlier mentions of
    its unit (the currency, %, an age, or the counted noun) and the article's first one. A unit is read
    one way however it is written: a currency code or sign before the figure and a currency word after
    it ("USD 5 million", "$8 million"; "NIS 200 million", "300 million shekels"), a unit abbreviated
    and spelt out ("23 kilograms", "32 kg"), a headline's title-case noun as the body's ("Cases",
    "cases"), an "m" the words make a length as metres, not millions ("1.93m tall", a height beside an
    age: "(26, 1.93m)"), a count written like a year as a count ("around 1800 suspicious cases"); a
    figure under 2 is read where its noun is a plural ("at least 1 people died") or it is hyphened to
    its unit ("a 1-inch MacBook"); a count of two to twelve written in words is read as a figure
    ("Six people were killed" ... "five people were killed", "narrowed to eight points" ... "nine
    points"), but never a word of a name ("the Three Lions"), a compound number or a fraction
    ("thirty six", "two-thirds"), a hyphened modifier ("a five-year plan"; an age is read) or either
    end of a range or a ratio ("two or three", "one in five", "four out of ten"). Whether two
    mentions state one quantity is learnt from clean professional copy, where two mentions of one
    unit with the same value are nearly always one quantity restated and two with different values
    nearly always two quantities: small tree ensembles (``rules/same_quantity.json``, built by
    ``tools/train_same_quantity.py`` from news-corpus train) read the two contexts (the headline or
    lead, the words and lemmas around each figure and their rarity, how many words right before and
    after the two figures are the same (a restatement keeps its frame), the governing verb and subject,
    hedges such as "up to", cues such as "rose", "in total", "first", nearby dates and entities,
    quotations, the sentences' other figures, how far apart they are). One of them never sees the
    values and says how surely a figure is restated elsewhere with its own value; the other, the
    slip model, reads the contexts together with how the two values differ (one keystroke apart,
    1,200/2,100, £12bn/£21bn, 1,500m/1,800m, 26/265; the scale switched, £12m/£12bn; round or
    exact; how many digits; how far apart) and how often the article states each, and was taught
    with slips made in clean pairs of one value against clean pairs of two values. Its log-odds
    give warning or info (thresholds calibrated on clean copy against a false-alarm budget); a pair
    whose figures stand in one long frame of the same words, as written (one sentence written twice
    with its figure changed, not two items of a parallel list that differ in another figure), warns
    from a lower threshold of its own, calibrated on the clean pairs in such a frame, and so do two
    ages of one person named (the name an age stands before or describes, or for "the 47-year-old
    told ..." the subject named last before it: "the 26-year-old Belgian Kim Huybrechts" ... "the
    62-year-old darts player"), while the ages of two people named are two quantities. Ranges,
    "from X to Y", comparisons, a converted amount in brackets, money measuring other things
    (revenue, profit), counted things of another kind ("11 imported cases", "18 severe cases"),
    added figures ("another 30"), a change beside a level ("risen by 30" ... "360 people"; a phrasal
    verb's "up" with the figure its object, "anted up $129", is no change), a lower
    bound under an upper one ("less than $100" ... "starting at $60") and a rounded figure beside the
    exact one ("about 3,000" ... "3,124"; unhedged, the exact one must round to it: "11,000" ...
    "11,040", not "50" ... "58"), a part under its whole ("120 arrested" ... "Of those, 40 were
    charged"), a figure hyphened to its unit that measures another noun ("a 2-point lead" ... "42
    critical points"; unhyphened in translations, "with 2 points lead") and a figure of another instance of its event ("a second earthquake with a
    7.5 magnitude", "another storm flooded 7,000 homes") are left alone; figures in a list or a table (a line of prices, of match statistics),
    whose items each have their own value, are compared at info only, and so are two durations
    that do not measure one event (a duration is the span of an event: "settled for 30,000 years"
    and "lived there for 20,000 years" are two; one event is the same governing verb or event noun,
    two words of one WordNet synset, "jailed" and "imprisoned", or the subject of "lasted") and
    counts or ages whose nouns are qualified two ways ("213 drunk drivers" ... "13 drivers with fake
    plates", "the owner of a motorcycle" ... "the owner of a Hyundai") and a lower bound over an upper
    one ("more than 38,000 searches" ... "less than 3,800 searches": said of two things, since a changed
    figure keeps its hedge; "no less than" is a lower bound) and a limit beside a figure within it ("a
    maximum speed of 200 km/h" ... "a speed of 120 km/h": as likely a peak and a level) and a sum per
    period against a sum with none ("$300 million a year" ... "$3 billion": a rate and a total); a mention
    restated elsewhere with its own value at least as surely is consistent. The finding points at
    the odd mention (the later one unless the earlier one is the only figure not restated), with
    ``related`` at the other.
    """

    id = "number-mismatch"
    family = "consistency-number"
    severity = Severity.WARNING
    summary = "Two different figures for the same quantity."
    kinds = {"less-sure": (Severity.INFO, "the contexts and the values together fall short of the warning "
                                          "threshold: as likely two quantities"),
             "far-apart": (Severity.INFO, "an event count restated with a figure far from the first"),
             "different-sources": (Severity.INFO, "the two figures are attributed to different sources"),
             "in-a-list": (Severity.INFO, "a figure in a list or a table (a line of prices, of statistics): "
                                          "its items are as likely two quantities as one"),
             "other-event": (Severity.INFO, "two durations governed by different verbs or event nouns "
                                            "(settled, lived): as likely the spans of two events"),
             "other-group": (Severity.INFO, "the counted things or aged people are qualified two ways (the "
                                            "owner of a Hyundai, the owner of a motorcycle): as likely two groups"),
             "bounds-apart": (Severity.INFO, "a lower bound over an upper one (more than 38,000, less than 9,000): "
                                             "said of two things, a changed figure keeps its hedge"),
             "within-limit": (Severity.INFO, "a maximum or minimum and a figure within it (a maximum speed of 200 "
                                             "km/h, a speed of 120 km/h): as likely a peak and a level as one figure"),
             "rate-total": (Severity.INFO, "a sum per period against a sum with none ($300 million a year, $3 "
                                           "billion): a rate and a total, as likely two quantities")}
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
        "Carmaker to cut 1,200 jobs\n\nThe carmaker said on Tuesday that it would close its plant in "
        "Ardena.\n\nUp to ⟦2,100 jobs⟧ will go, the company said.",
        "She won the 1,500m in 3:31 on Saturday.\n\nShe was also fastest in the ⟦1,800m⟧ heats.",
        "The project will cost USD 5 million, the ministry said.\n\nThe ⟦$8 million⟧ project will start next "
        "year.",
        "The airline raised its baggage allowance to 23 kilograms.\n\nThe new ⟦32 kg⟧ allowance applies from "
        "May.",
        "Shark injures 9-year-old on lobster dive\n\nA shark attacked and injured a ⟦13-year-old⟧ boy on Saturday "
        "while he was diving for lobster off California, officials said.",
        "Police arrested 120 people at the protest.\n\nOf those, 40 people were charged with assault.\n\nPolice "
        "said the ⟦210 people⟧ arrested had been released by Sunday.",
        "The former minister was jailed for 12 years on Monday.\n\nHis lawyers said the ⟦21 years⟧ he was jailed for "
        "would be appealed.",
        "Salmonella has sickened 212 people in 26 states\n\nThe CDC said the outbreak had sickened ⟦221 people⟧ in 26 "
        "states.",
        "Rovers held a 12-point lead at the top of the table on Monday.\n\nBy Saturday the ⟦21-point⟧ lead had gone.",
        "A powerful earthquake with a 7.8 magnitude struck the region on Monday.\n\nThe earthquake, with an ⟦8.7 "
        "magnitude⟧, destroyed thousands of homes.",
        "The factory produced 2 mln doses in May.\n\nThe factory said the ⟦20 million Sputnik doses⟧ it produced in "
        "May had been shipped.",
        "Inspectors say that $53 million a week is flowing across the border in cash, the senator said.\n\nThe "
        "senator repeated that ⟦$20 million⟧ a week is flowing across the border in cash.",
        "The 26-year-old Belgian Kim Huybrechts reached the final on Sunday.\n\nThe ⟦62-year-old⟧ darts player had beaten "
        "the world number six in the semi-final.",
        "At least 13 people died when a bus crashed in Vietnam on Monday.\n\nPolice said at least ⟦1 people⟧ died when "
        "the bus crashed.",
        "Maccabi Tel Aviv are in talks with Baldwin (26, 1.93m), who played last season in Basconia.\n\nBaldwin (26, "
        "⟦1.39m⟧) played last season in Basconia and averaged 12 points.",
        "The agency says it is investigating 900 suspicious cases of abuse of short-time work.\n\nThe Federal "
        "Employment Agency says it is investigating around ⟦1800 suspicious cases⟧ of abuse.",
        "Those who anted up $129 for the Founder's Edition will get it in November.\n\nThe Founder's Edition, which "
        "costs ⟦$219⟧, ships in November.",
        "Apple's 12-inch MacBook was discontinued in July.\n\nApple said the ⟦1-inch⟧ MacBook would not return.",
        # "no less than" is a lower bound: two of them still warn (``_bound``)
        "The fund must pay owners no less than 90% of the proceeds each quarter.\n\nThe fund must pay owners no "
        "less than ⟦60%⟧ of the proceeds each quarter.",
        # a figure outside its limit contradicts it (``_within_limit``: within it, info)
        "Police counted a max. of 700 vehicles at the meeting.\n\nPolice said ⟦7,000 vehicles⟧ had come to the "
        "meeting.",
        # two rates restated with another value (``_rate_and_total`` holds only a rate against a total)
        "The state will spend $300m a year on stem cell research.\n\nThe state will spend ⟦$530m a year⟧ on stem cell "
        "research, the governor said.",
        # small counts in words, as news style writes them (``_count_word``)
        "Labour lead narrows to eight points\n\nLabour's lead over the Conservatives has narrowed to ⟦nine points⟧, "
        "a new poll suggests.",
        "Six people were killed when a bus crashed on the motorway on Monday.\n\nPolice said ⟦five people⟧ were "
        "killed in the crash.",
        # a hedged exact figure is no rounding of an unhedged round one (``_close``)
        "The council will spend £200 million on new schools.\n\nThe council will spend about ⟦£260 million⟧ on new "
        "schools, the mayor said.",
    )
    passes = (
        "More than 3,000 people were evacuated on Saturday.\n\nThe number of people evacuated has since "
        "risen to 30,000.",
        # a figure of nothing beside one of something: "free", said on purpose
        "The app costs $5. That might seem steep compared to the $0 people pay for most podcasts, but "
        "the app has no advertising.",
        "Net profit rose to €2.1bn from €1.2bn a year earlier.",
        # a headline restating the part counted out of a whole: "14 of the 31", not the 31
        "# Council to close 14 libraries\n\nThe council voted to close 14 of the 31 public libraries on "
        "Tuesday.",
        "About 3,000 people were evacuated in Ardena.\n\nThe fire burned 3,000 hectares.",
        "United secured a 2-1 win over City.\n\nLast week they lost 3-1.",
        # what is left of a distance beside the distance: another quantity
        "She won the 5,000m final in Oslo.\n\nShe kicked with 500m to go and held off her rivals.",
        "At least 20 people were killed.\n\nAnother 30 people were killed in a second blast.",
        "The firm reported $9.1bn revenue.\n\nIt also reported $2.4bn profit.",
        "The fund holds $200bn (£110bn) for schools.\n\nThe fund holds £120bn for schools, a rise.",
        "Sales rose to 15% of the market, up from 12% of the market a year earlier.",
        "The storm flooded 3,000 homes in Kent.\n\nThe storm flooded 3,100 homes in Sussex.",
        "The company employs 1,200 people in Ardena.\n\nIt employs between 1,300 and 1,500 people in Brena.",
        "The city recorded 1,200 burglaries in 2021.\n\nIn 2022 it recorded 2,100 burglaries.",
        "Ardena has 1,200 hospital beds, its council said.\n\nBrena has 2,100 hospital beds, according to its "
        "mayor.",
        "Unemployment fell to 4.2% in March from 4.5% in February.\n\nEconomists had expected 4.3%.",
        "Flights to Rome cost less than $100.\n\nFlights to Lisbon are on sale, with prices starting at $60.",
        "Infections in the army have risen by 30 people.\n\nOf the cases, 360 people are being treated.",
        "The resort will cost NIS 200 million.\n\nThe developer has also set aside $20 million for a marina.",
        "11,000 families received benefits in Tyumen\n\nIn all, 11,040 families in the Tyumen region received "
        "the benefits.",
        # the hedge before the rounder figure: a rounding
        "The council will spend about £200 million on new schools.\n\nThe council will spend £260 million on new "
        "schools, the mayor said.",
        "Police arrested 120 people at the protest.\n\nOf those arrested, 40 people were charged with assault.",
        "Police arrested 120 people at the protest.\n\nPolice said 40 of the 120 people arrested were released.",
        # a part counted out of a whole with a possessive: "40 of their 120" (the count path compares it otherwise)
        "Police arrested 120 people at the protest.\n\nPolice said 40 of their 120 people arrested were released.",
        "The council spent £12bn on schools.\n\nOf that, £2bn went on repairs, of which £1bn went on roofs.",
        "Mophie's 3-in-1 charging pad costs $100.\n\nMophie also sells a 2-in-1 charging pad.",
        "The floods killed 120 people on Monday.\n\nRescuers saved 210 people from the water.",
        "The striker has scored 3 goals in 5 games.\n\nHis team-mate has scored 8 goals in 10 matches this season.",
        "The coaches were credited with 42 critical points this season.\n\nWith a 2-point lead and 40 seconds left, "
        "the coach called a timeout.",
        "A powerful earthquake with a 7.8 magnitude struck the region on Monday.\n\nHours later, a second powerful "
        "earthquake with a 7.5 magnitude struck the region.",
        "The storm flooded 3,000 homes in the county on Monday.\n\nDays later, another storm that hit the coast "
        "flooded 7,000 homes.",
        "The coaches were credited with 42 critical points this season.\n\nWith 2 points lead and 40 seconds left, the "
        "coach called a timeout.",
        "Top referee Felix Brych has seen players crowd officials after decisions. \"It is like a swarm of bees,\" the "
        "47-year-old told reporters.\n\nHead of referees Lutz Fröhlich said the relationship with coaches worked, said "
        "Fröhlich on Monday.\n\nThe 65-year-old pointed to other problems.",
        "The team has won 12 matches this season.\n\nIt lost only 1 match, at home.",
        "The club's 1.93m forward scored twice on Sunday.\n\nThe club said 1.98m fans watched the game on Sunday.",
        "The stock ended up 3% on Monday.\n\nThe stock has returned 30% this year.",
        "The party won the 2019 elections in the region.\n\nIt lost the 2021 elections in the region badly.",
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
            sentences: dict[float, list[int]] = {}  # each value: the first two sentences that state it
            for j, later in enumerate(ms):
                here = later.sent.start
                stated = sentences.setdefault(later.value, [])
                restated = any(s != here for s in stated)
                if here not in stated and len(stated) < 2:
                    stated.append(here)
                if here == ms[0].sent.start or restated:
                    continue  # a figure stated elsewhere with this value is consistent
                words = {t.lemma_.lower() for t in later.sent} | {t.lower_ for t in later.sent}
                if words & UPDATE_WORDS or _more_not_than(later.sent):
                    continue
                # the first mention and the nearest earlier ones: linear in the article's size
                earlier = next((e for e in (ms[0], *ms[max(1, j - same_quantity.NEAREST):j])
                                if e.sent.start != here and _contradicts(e.value, later.value)), None)
                if earlier is None or _part_of_other(earlier, later):
                    continue  # a part of the whole: "120 arrested" ... "Of those, 40 were charged"
                ents = same_quantity.doc_ents(doc)
                dates_a = {d.text for d in ents.of_sentence(earlier.sent) if d.label_ == "DATE"}
                dates_b = {d.text for d in ents.of_sentence(later.sent) if d.label_ == "DATE"}
                if dates_a and dates_b and dates_a != dates_b:
                    continue  # figures for different periods
                src_a, src_b = _attribution(earlier.sent), _attribution(later.sent)
                # one keystroke apart (3,000 and 30,000) is a slip; two figures far apart are as often
                # two events ("139 killed" in this quake, "22,000" in an older one): info
                kind = None if slip(earlier.value, later.value) else "far-apart"
                if _qualified_apart(earlier, later):
                    kind = "other-group"  # "213 drunk drivers" ... "13 drivers with fake plates"
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
        """Any quantity stated twice with two values: each mention against the earlier ones of its
        unit, by how surely the two contexts state one quantity and how like a slip the values are;
        the finding is on the odd mention, ``related`` on the other."""
        model = same_quantity.model()
        text = article.text
        found = []
        odd_at = set()  # a mention is reported once (a pair in digits first, then one with a count in words)
        for score, other, odd in figure_pairs(article, taken):
            if score < model.info or _nothing_beside_something(other, odd) or odd.start in odd_at:
                continue
            odd_at.add(odd.start)
            kind = info_only(other, odd)
            # under warning, a pair warns from the confirmed tier's threshold when confirmed (the
            # model checks confirmed <= warning, so a pair at warning warns either way)
            if kind is None and score < model.warning and (score < model.confirmed or not confirmed(other, odd)):
                kind = "less-sure"
            a, b = text[other.start:other.end], text[odd.start:odd.end]
            where = "earlier" if other.start < odd.start else "later"
            found.append(self.finding(odd.start, odd.end, f"'{b}' here, '{a}' {where}: the same figure?",
                                      kind=kind,
                                      related=[Related(other.start, other.end, f"{where} figure: {a}")]))
        yield from sorted(found, key=lambda f: f.start)

    def _scores(self, article: Article) -> Iterator[Finding]:
        scores: dict[str, set] = defaultdict(set)  # each kind of result: the scores given so far
        last: dict[str, tuple] = {}  # and the latest one
        for m in _SCORE.finditer(article.text):
            det, a, b, what = m.group(1), m.group(2), m.group(3), m.group(4).lower().split()[-1]
            kind = "win" if what in ("win", "victory", "defeat", "loss") else what
            score = tuple(sorted((int(a), int(b)), reverse=True))
            if det and det.lower() == "the" and scores[kind] and score not in scores[kind]:
                p = last[kind]  # "the 3-1 win" refers back to the latest result given, another score
                yield self.finding(m.start(), m.end(),
                                   f"'{m.group(0)}' refers back to a {p[1]} result given earlier",
                                   related=[Related(p[2], p[3], "earlier score")])
            scores[kind].add(score)
            last[kind] = (score, f"{score[0]}-{score[1]}", m.start(), m.end())


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
FORCE_NOUNS = data.words("force-nouns")
HELP_VERBS = data.words("help-verbs")


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
        for i in tokens.lower_in(doc, FORCE_NOUNS):
            tok = doc[i]
            if not any(c.like_num and c.dep_ == "nummod" for c in tok.children):
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
                               f"'{_chars(doc, start, tok.idx + len(tok.text))}' helping local forces: in an "
                               f"article set in {host}, the local forces are {nat[0].text}; whose troops are these?",
                               related=[Related(first_host.start_char, first_host.end_char,
                                                f"the article is set in {host}")])


