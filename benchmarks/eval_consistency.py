#!/usr/bin/env python3
"""Recall and false alarms of the consistency families on held-apart copy (needs ../shared).

Builds its own planted set, then runs copylint's consistency rules on it and on the untouched text:

- **planted set**: every article of ``news_corpus("test")`` and ``clean_news()`` gets, where it can,
  one changed restated figure (``consistency-number``), one misspelt name (``consistency-name``)
  and one switched spelling (``consistency-spelling``), all three in one copy, the way an editor's
  draft would arrive. The planting never uses copylint's own logic (no parse, no copylint table):
  - a *restated figure* is found by plain text matching: the same number with the same currency,
    scale or ``%`` (``£12bn``, ``15%``) or with the same counted noun or unit written right after
    it (``1,200 jobs``, ``400 metres``, ``a 54-year-old``) at least twice in the article; fixed names
    (``FTSE 250``, ``Boeing 737``), clock times, dates, years and durations (``24 hours``) are not
    quantities. One mention gets another value, one of six kinds, each reported apart: a digit
    changed, two neighbouring digits swapped, a digit dropped, a digit added, the scale switched
    (m/bn, million/billion) and a plainly different value (another figure of the same size);
  - a *name* is a capitalised word the article uses at least twice, always capitalised, at least
    once inside a sentence, whose lower-case form is no English word (SCOWL's word lists, Debian
    ``scowl``); a name that follows a title or a first name (gender-guesser) counts as a *person*,
    others (places, organisations) as *other*. One use gets a one-letter slip: a doubled letter, a
    dropped letter, two neighbouring letters swapped or a vowel changed;
  - a *switched spelling* uses breame's British/American table (not copylint's SCOWL table): in an
    article with at least two spellings of one dialect and none of the other, one word is turned
    into the other dialect's spelling, either a word the article spells its own way elsewhere
    (*twin*: ``kilometers`` beside ``kilometres``) or a word it uses once (*lone*: then only the
    article's other spellings tell its dialect; at least two are left). -ise/-ize is switched only
    where the article spells another -ise word (Oxford British spells -ize).
  Apart from these, ``--apart-rounds`` more copies per article get a figure changed in a way the
  slip model (``tools/train_same_quantity.py``) was never taught, drawn with their own seeds
  (``plant_number_apart``): the restated figure is found by its value and what it measures however
  it is written ("1.2 million" and "1,200,000", "15 per cent" and "15%", "8 kg" and "8 kilograms",
  with this script's own table), and the change is the decimal point moved one place or a figure
  copied from elsewhere in the article. Their recall is reported on its own line, so that the
  figures above stay comparable and this one says what carries over to changes the model never saw.
  A plant is *caught* when a finding of its family (or one of the finding's ``related`` places)
  overlaps the planted span; recall is given at warning level (what fails a run by default) and
  at every level, per family and per kind.
- **false alarms**: warning-level findings of the three families on the untouched articles of
  clean-news and news-corpus test (all professional, edited copy), per 1,000 words; ``--all``
  adds the whole news-corpus (for information: train and tune are where the rules were tuned).

Usage (from the repository root; ``pip install breame gender-guesser`` and ``apt-get install scowl``
first, benchmark-only needs):
    python benchmarks/eval_consistency.py [--sets test,clean] [--all] [--seed 9] [--apart-rounds 3] [--verbose]
                                         [--model FILE]
``--sets tune`` or ``train`` plants in news-corpus tune or train instead (for development).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from splits import clean_news, news_corpus  # noqa: E402

FAMILIES = ("consistency-number", "consistency-name", "consistency-spelling")
#: figures planted apart from the slip model's training (``plant_number_apart``), counted apart
APART = "consistency-number-apart"
#: counts written in words changed to another (``plant_number_words``), counted apart
WORDS = "consistency-number-words"
SCOWL = Path("/usr/share/dict/scowl")


@dataclass
class Plant:
    family: str
    kind: str
    start: int
    end: int
    old: str
    new: str
    #: for a figure: its twin (a mention of the old value) is written another way ("1.2 million" and
    #: "1,200,000", "15 per cent" and "15%", "8 kg" and "8 kilograms")
    notation: bool = False


# --- figures ----------------------------------------------------------------------------------------
_MONTHS = frozenset("january february march april may june july august september october november december "
                    "jan feb mar apr jun jul aug sep sept oct nov dec".split())
_SCALES = {"m": "bn", "bn": "m", "million": "billion", "billion": "million", "k": "m", "mn": "bn"}
_FIG = re.compile(r"(?<![\w.,:/+#-])([$£€]\s?)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
                  r"(?:\s?(%|per cent|percent|bn|mn|m|k|million|billion|trillion)(?![\w]))?"
                  r"(?![\w,:/]\d|\.\d|[-–]\d)")
_AFTER = re.compile(r"(?:-|\s+)([A-Za-z][a-z]+(?:-[a-z]+)*)")
_FUNCTION = frozenset("a an the of in on at to and or but for from by with as than is are was were be been "
                      "this that these those its his her their it he she they we you i more less per each "
                      "out over under about into".split())
#: words after a number that make it something other than a quantity stated twice
_NOT_QUANTITY = frozenset("am pm a.m p.m gmt bst utc hours hour minutes minute seconds second days day weeks week "
                          "months month years year decades century centuries o'clock th st nd rd times percentile "
                          "points point".split())


def figures(text: str):
    """(key, mention) for each figure that carries what it measures: a currency, a scale, %, or the
    word it counts written right after it."""
    for m in _FIG.finditer(text):
        cur, num, scale = (m.group(1) or "").strip(), m.group(2), (m.group(3) or "").lower()
        if scale in ("per cent", "percent"):
            scale = "%"
        before = text[max(0, m.start() - 20):m.start()]
        prev = re.search(r"([A-Za-z][\w.&'’-]*)\s*$", before)
        after = _AFTER.match(text, m.end())
        word = after.group(1).lower() if after else ""
        if after and after.group(0).startswith("-") and word.startswith("year"):
            word = "year-old" if "old" in word else word  # "a 54-year-old", "a 10-year plan"
        if not cur and not scale and re.fullmatch(r"(1[89]|20)\d\d", num):
            continue  # a year
        if prev and (prev.group(1).lower().rstrip(".") in _MONTHS or prev.group(1)[0].isupper() and not cur
                     and not _sentence_initial(text, m.start() - len(before) + prev.start(1))):
            continue  # a date ("May 5"), or part of a name ("FTSE 250", "Boeing 737", "Article 5")
        if word in _MONTHS or (word.split("-")[0] in _NOT_QUANTITY and word != "year-old") or re.match(r"\s*(?:[:.]\d|a\.m|p\.m)",
                                                                                 text[m.end():m.end() + 4]):
            continue  # a date, a clock time, a duration, a rank
        if after and after.group(1)[0].isupper() and not cur and not scale:
            continue  # a name or model ("737 Max")
        if prev and prev.group(1).lower() in ("per", "no", "number", "page", "route", "flight", "line", "room"):
            continue  # "per 100,000", "No. 10"
        if not cur and not scale and (not word or word in _FUNCTION):
            continue  # a bare number: what it counts is not in the text
        if not cur and not scale and word != "year-old" and float(num.replace(",", "")) < 10:
            continue
        key = (cur, num, scale, "" if (cur or scale) and word in _FUNCTION else word)
        yield key, m


def _digits_slip(digits: str, kind: str, rng: random.Random) -> str | None:
    d = list(digits)
    if kind == "swap":
        pairs = [i for i in range(len(d) - 1) if d[i] != d[i + 1]]
        if not pairs:
            return None
        i = rng.choice(pairs)
        d[i], d[i + 1] = d[i + 1], d[i]
    elif kind == "change":
        i = rng.randrange(len(d))
        d[i] = rng.choice([c for c in "0123456789" if c != d[i]])
    elif kind == "add":
        if len(d) > 6:
            return None
        d.insert(rng.randrange(1, len(d) + 1), rng.choice("0123456789"))
    elif kind == "drop":
        if len(d) < 2:
            return None
        del d[rng.randrange(len(d))]
    elif kind == "different":
        value = int(digits)
        for _ in range(20):
            new = str(int(value * rng.choice((0.4, 0.5, 0.6, 0.7, 1.4, 1.6, 1.8, 2, 2.5, 3))))
            new = new[:2] + "0" * (len(new) - 2) if len(new) > 2 and len(digits.rstrip("0")) <= 2 else new
            if new != digits and sum(a != b for a, b in zip(new, digits)) + abs(len(new) - len(digits)) >= 2:
                return new
        return None
    new = "".join(d)
    return None if new == digits or new[0] == "0" else new


KINDS_NUMBER = ("change", "swap", "drop", "add", "scale", "different")


def new_figure(mention: re.Match, kind: str, rng: random.Random) -> tuple[int, int, str] | None:
    """Where to edit and the new text: the number, or the scale word for ``scale``."""
    num = mention.group(2)
    if kind == "scale":
        scale = mention.group(3)
        if not scale or scale.lower() not in _SCALES:
            return None
        other = _SCALES[scale.lower()]
        return mention.start(3), mention.end(3), other
    plain = num.replace(",", "")
    whole, _, frac = plain.partition(".")
    new = _digits_slip(whole + frac, kind, rng)
    if new is None:
        return None
    if frac:
        if len(new) <= len(frac):
            return None
        new = new[:-len(frac)] + "." + new[-len(frac):]
        if new.startswith("0") and not new.startswith("0."):
            return None
    elif "," in num:
        new = f"{int(new):,}"
    return mention.start(2), mention.end(2), new


def _restated(found) -> tuple[dict, list]:
    """(each key's mentions, the keys mentioned twice or more, sorted) of (key, match) pairs."""
    by_key = defaultdict(list)
    for key, m in found:
        by_key[key].append(m)
    return by_key, sorted(k for k, ms in by_key.items() if len(ms) >= 2)


def plant_number(text: str, rng: random.Random) -> Plant | None:
    by_key, restated = _restated(figures(text))
    if not restated:
        return None
    values = {k[1].replace(",", "") for k in by_key}
    for kind in rng.sample(KINDS_NUMBER, len(KINDS_NUMBER)):
        key = rng.choice(restated)
        m = rng.choice(by_key[key])
        edit = new_figure(m, kind, rng)
        if edit is None:
            continue
        s, e, new = edit
        if kind != "scale" and new.replace(",", "") in values:
            continue  # another figure of the article: not a changed value
        return Plant("consistency-number", kind, s, s + len(new), text[s:e], new)
    return None


# --- figures, planted apart from the slip model's training -----------------------------------------
#: kinds of change that ``tools/train_same_quantity.py`` never makes (its slips are one keystroke off,
#: the scale x/÷ 1,000, or another figure x0.3 to x3.3 rounded like the old one): the decimal point
#: moved one place (4.5 -> 45, 15% -> 1.5%) and a figure copied from elsewhere in the article
KINDS_UNTRAINED = ("decimal", "copied")
#: this benchmark's own names for a unit written two ways (not copylint's table)
_UNIT_NAMES = {"kg": "kilogram", "kilograms": "kilogram", "kilos": "kilogram", "km": "kilometre",
               "kilometers": "kilometre", "kilometres": "kilometre", "kilometer": "kilometre",
               "metres": "metre", "meters": "metre", "meter": "metre", "hectares": "hectare", "ha": "hectare",
               "pts": "point", "points": "point", "dollars": "$", "dollar": "$", "euros": "€", "euro": "€",
               "pounds": "£", "usd": "$", "us$": "$", "eur": "€", "gbp": "£"}
_FACTOR = {"": 1.0, "%": 1.0, "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9,
           "billion": 1e9, "trillion": 1e12}


def _what(key) -> str:
    """What a figure measures, in one name however it is written."""
    cur, _, scale, word = key
    word = _UNIT_NAMES.get(word, word)
    cur = _UNIT_NAMES.get(cur.lower(), cur)
    if word in ("$", "€", "£"):
        cur, word = word, ""
    if not cur and not word.startswith("year") and len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]  # "Cases" in a headline, "cases" in the body
    return f"{cur}|{'%' if scale == '%' else ''}|{word}"


def _amount(key) -> float:
    return round(float(key[1].replace(",", "")) * _FACTOR[key[2]], 6)


def _decimal_moved(num: str, key, rng: random.Random) -> str | None:
    """The decimal point moved one place: 4.5 -> 45 or 0.45; 15 -> 1.5 where a decimal makes sense
    (an amount, a share, a scaled figure)."""
    if "," in num:
        return None
    if "." in num:
        whole, frac = num.split(".")
        digits = whole + frac
        at = len(whole) + rng.choice((-1, 1))
        if at <= 0:
            new = "0." + "0" * -at + digits
        elif at >= len(digits):
            new = digits + "0" * (at - len(digits))
        else:
            new = digits[:at] + "." + digits[at:]
        new = new.lstrip("0") if not new.startswith("0.") else new
        new = new if not new.startswith(".") else "0" + new
    elif (key[0] or key[2]) and len(num) >= 2 and num[-1] != "0":
        new = num[:-1] + "." + num[-1]
    else:
        return None
    return new if new != num and float(new) != float(num) else None


def plant_number_apart(text: str, rng: random.Random) -> Plant | None:
    """A changed figure drawn apart from the slip model's training: the restated figure is found by
    its value and what it measures, however it is written (so a twin may be written another way),
    and the change is one of ``KINDS_UNTRAINED``."""
    by_what = defaultdict(list)
    shapes = []
    for key, m in figures(text):
        by_what[(_what(key), _amount(key))].append((key, m))
        shapes.append(m.group(2))
    restated = sorted(k for k, ms in by_what.items() if len(ms) >= 2)
    if not restated:
        return None
    other_way = [k for k in restated if len({m.group(0).lower() for _, m in by_what[k]}) > 1]
    what = rng.choice(other_way if other_way and rng.random() < 0.5 else restated)
    key, m = rng.choice(by_what[what])
    notation = any(x.group(0).lower() != m.group(0).lower() for _, x in by_what[what])
    num = m.group(2)
    for kind in rng.sample(KINDS_UNTRAINED, len(KINDS_UNTRAINED)):
        if kind == "decimal":
            new = _decimal_moved(num, key, rng)
        else:  # another figure of the article, of the same shape and size, written the way this one is
            v = float(num.replace(",", ""))
            pool = sorted({x.replace(",", "") for x in shapes if ("." in x) == ("." in num)
                           and not re.fullmatch(r"(1[89]|20)\d\d", x) and 2 <= float(x.replace(",", ""))
                           and 0.05 <= float(x.replace(",", "")) / v <= 20 and float(x.replace(",", "")) != v})
            new = rng.choice(pool) if pool else None
            if new is not None and "." not in new and ("," in num or len(new) > 4):
                new = f"{int(new):,}"
        if new is None:
            continue
        if _amount((key[0], new, key[2], key[3])) in {a for w, a in by_what if w == what[0]}:
            continue  # a value this quantity has already
        return Plant("consistency-number", kind, m.start(2), m.start(2) + len(new), num, new, notation)
    return None


# --- figures written in words ----------------------------------------------------------------------
#: the counts news style writes in words (this benchmark's own table, not copylint's)
_WORD_VALUES = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10}
_VALUE_WORDS = {v: w for w, v in _WORD_VALUES.items()}
_WORD_FIG = re.compile(r"(?<![\w'’-])(" + "|".join(_WORD_VALUES) + r")(?=\s+([A-Za-z][a-z]+)\b)(?![\w'’-])", re.I)
#: words after a count in words that make it no restated quantity: a span of time, a rank, "two of"
_NOT_COUNTED = _NOT_QUANTITY - {"points", "point"} | {"of", "times", "or", "to", "and", "in", "out", "by",
                                                      "hundred", "thousand", "million", "billion"}
_TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety hundred thousand".split())
_NUMBERISH = set(_WORD_VALUES) | {"one", "a"} | _TENS
KIND_WORDS = "words"


def word_figures(text: str):
    """(key, mention) for each count written in words with the word it counts right after it ("six
    people", "eight points"); never a name ("the Three Lions": capitalised inside a sentence), a range
    or ratio ("two or three", "one in five"), a compound or fraction ("twenty-two", "two-thirds")."""
    for m in _WORD_FIG.finditer(text):
        word = m.group(2).lower()
        if word in _FUNCTION or word in _NOT_COUNTED or word in _WORD_VALUES or word in _MONTHS:
            continue
        if m.group(2)[0].isupper() or (m.group(1)[0].isupper() and not _sentence_initial(text, m.start())):
            continue  # a name, a title ("Big Ten", "Three Lions"), or a headline in title case
        before = re.search(r"(\w+)\s+(\w+)\s*$", text[max(0, m.start() - 30):m.start()])
        if before and before.group(2).lower() in ("or", "to", "and", "in", "of", "by") \
                and (before.group(1).lower() in _NUMBERISH or before.group(1).isdigit()):
            continue  # the other end of a range or a ratio: "one or two", "one in five"
        if before and (before.group(2).lower() in _TENS or before.group(2).isdigit()):
            continue  # a compound number: "thirty six"
        yield (m.group(1).lower(), word), m


def plant_number_words(text: str, rng: random.Random) -> Plant | None:
    """A count written in words, stated at least twice with the word it counts ("six people" ...
    "six people"), one mention given another count in words: the next one up or down (the likeliest
    slip, "eight" for "nine") or another of two to ten, as written (capitalised at a sentence's start)."""
    by_key, restated = _restated(word_figures(text))
    if not restated:
        return None
    key = rng.choice(restated)
    m = rng.choice(by_key[key])
    value = _WORD_VALUES[key[0]]
    taken = {_WORD_VALUES[k[0]] for k in by_key if k[1] == key[1]}
    near = [v for v in (value - 1, value + 1) if 2 <= v <= 10 and v not in taken]
    far = [v for v in range(2, 11) if v not in taken and v not in near]
    pool = near if near and (rng.random() < 0.7 or not far) else far
    if not pool:
        return None
    new = _VALUE_WORDS[rng.choice(pool)]
    old = m.group(1)
    new = new.capitalize() if old[0].isupper() else new
    return Plant("consistency-number", KIND_WORDS, m.start(1), m.start(1) + len(new), old, new)


# --- names ------------------------------------------------------------------------------------------
_TITLES = frozenset("Mr Ms Mrs Miss Dr Prof Professor Sir Dame Lord Lady President Senator Sen Rep Judge Coach "
                    "Minister Governor Gov Mayor General Gen Colonel Col Captain Capt Chancellor Premier King "
                    "Queen Prince Princess Pope Father Rev Bishop Chairman Secretary Inspector Sergeant "
                    "Officer Detective Justice Ambassador Commissioner".split())
_CAP = re.compile(r"(?<![\w'’-])([A-Z][a-z]+(?:[A-Z][a-z]+)?)(?![\w'’-]*\w)")
_VOWELS = "aeiou"
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English words (SCOWL up to size 70, every dialect): what is not a name."""
    if not SCOWL.is_dir():
        raise SystemExit("this benchmark tells names from words with SCOWL's lists: apt-get install scowl")
    out = set()
    for path in SCOWL.glob("*-words.*"):
        if int(path.suffix[1:]) <= 70:
            out.update(w for w in path.read_text(encoding="latin-1").split() if w.islower())
    return frozenset(out)


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """SCOWL's proper names: a slip that makes another real name ("Europe" -> "Europa") is not planted."""
    english_words()
    out = set()
    for path in SCOWL.glob("*-proper-names.*"):
        out.update(path.read_text(encoding="latin-1").split())
    return frozenset(out)


_DETECTOR = None


@lru_cache(maxsize=None)
def given_name(word: str) -> bool:
    """A first name in gender-guesser's list of about 40,000 (any country)."""
    global _DETECTOR
    if _DETECTOR is None:
        try:
            import gender_guesser.detector as gd
        except ImportError:
            raise SystemExit("this benchmark tells first names with gender-guesser: pip install gender-guesser") from None
        _DETECTOR = gd.Detector(case_sensitive=False)
    return _DETECTOR.get_gender(word) != "unknown"


def _sentence_initial(text: str, i: int) -> bool:
    return bool(re.search(r"(?:^|[.!?:]['\"”’]?\s+|\n\s*|[\"“‘(]\s*)$", text[max(0, i - 4):i])) or i == 0


def names(text: str) -> dict[str, tuple[str, list[tuple[int, int]]]]:
    """Capitalised words the article uses at least twice, always capitalised, at least once inside a
    sentence, that are no English word: name -> (person or other, spans)."""
    uses = defaultdict(list)
    for m in _CAP.finditer(text):
        uses[m.group(1)].append((m.start(1), m.end(1)))
    words = english_words()
    lower = {w.lower() for w in re.findall(r"\b[a-z]+\b", text)}
    out = {}
    for name, spans in uses.items():
        low = name.lower()
        if len(spans) < 2 or len(name) < 4 or low in words or low in lower or low in _MONTHS or low in _DAYS \
                or name in _TITLES or given_name(name):
            continue
        if all(_sentence_initial(text, s) for s, _ in spans):
            continue
        person = False
        for s, _ in spans:
            m = re.search(r"\b([A-Z][a-z]+)\.?\s+$", text[max(0, s - 25):s])
            if m and (m.group(1) in _TITLES or given_name(m.group(1)) and m.group(1).lower() not in words):
                person = True
                break
        out[name] = ("person" if person else "other", spans)
    return out


def _slip(name: str, rng: random.Random) -> str | None:
    for _ in range(40):
        kind = rng.choice(("double", "drop", "swap", "vowel"))
        i = rng.randrange(1, len(name))
        c = name[i]
        if kind == "double" and c not in _VOWELS and name[i - 1] != c and (i + 1 >= len(name) or name[i + 1] != c):
            new = name[:i] + c + name[i:]
        elif kind == "drop" and (i < len(name) - 1 or name[i - 1] == c):
            new = name[:i] + name[i + 1:]
        elif kind == "swap" and i + 1 < len(name) and name[i + 1] != c and name[i + 1].islower():
            new = name[:i] + name[i + 1] + c + name[i + 2:]
        elif kind == "vowel" and c in _VOWELS:
            new = name[:i] + rng.choice([v for v in _VOWELS if v != c]) + name[i + 1:]
        else:
            continue
        if len(new) >= 4 and new.lower() not in english_words() and new not in known_names():
            return new
    return None


def plant_name(text: str, rng: random.Random) -> Plant | None:
    found = names(text)
    if not found:
        return None
    by_kind = defaultdict(list)
    for name, (kind, _) in found.items():
        by_kind[kind].append(name)
    kind = "person" if by_kind["person"] and (not by_kind["other"] or rng.random() < 0.6) else "other"
    name = rng.choice(sorted(by_kind[kind]))
    new = _slip(name, rng)
    if new is None or re.search(r"\b" + re.escape(new) + r"\b", text):
        return None
    s, _ = rng.choice(found[name][1])
    return Plant("consistency-name", kind, s, s + len(new), name, new)


# --- spellings --------------------------------------------------------------------------------------
#: American spellings that are also everyday British words in another sense: not evidence of a dialect
_BOTH = frozenset("program programs practice practices practiced license licenses licensed meter meters tire "
                  "tires draft drafts check checks checked curb curbs story stories storied disk disks "
                  "judgment judgments acknowledgment acknowledgments aging".split())


@lru_cache(maxsize=1)
def breame_tables():
    try:
        from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS
    except ImportError:
        raise SystemExit("this benchmark plants spellings from breame's table: pip install breame") from None
    from wordfreq import zipf_frequency
    gb, us = {}, {}
    for b, a in BRITISH_ENGLISH_SPELLINGS.items():
        if a != b and a not in _BOTH and zipf_frequency(a, "en") >= 1.5 and zipf_frequency(b, "en") >= 1.5:
            gb[b] = a
            us[a] = b
    return gb, us


def _ize(british: str, american: str) -> bool:
    return british.replace("is", "iz") == american or british.replace("ys", "yz") == american


_WORD = re.compile(r"(?<![\w'’-])([A-Za-z]+)(?![\w'’-]*\w)")


def plant_spelling(text: str, rng: random.Random) -> Plant | None:
    gb, us = breame_tables()
    marks = {"british": [], "american": []}
    for m in _WORD.finditer(text):
        w = m.group(1)
        low = w.lower()
        if w[0].isupper() and not _sentence_initial(text, m.start()):
            continue  # a name ("Labor Party", "World Trade Center")
        if low in gb:
            marks["british"].append(m)
        elif low in us:
            marks["american"].append(m)
    for dialect, other in (("british", "american"), ("american", "british")):
        own = [m for m in marks[dialect] if not _ize(*_pair(m.group(1).lower(), dialect))]
        if len(own) < 2 or marks[other]:
            continue
        ise = {m.group(1).lower() for m in marks[dialect] if _ize(*_pair(m.group(1).lower(), dialect))}
        count = Counter(m.group(1).lower() for m in marks[dialect])

        def can(m, kind):
            low = m.group(1).lower()
            if _ize(*_pair(low, dialect)) and dialect == "british" and not ise - {low}:
                return False  # -ize alone is Oxford British
            if kind == "twin":
                return count[low] >= 2
            return count[low] == 1 and sum(1 for x in own if x.group(1).lower() != low) >= 2

        kinds = [k for k in ("twin", "lone") if any(can(m, k) for m in marks[dialect])]
        if not kinds:
            return None
        kind = rng.choice(kinds)
        m = rng.choice([m for m in marks[dialect] if can(m, kind)])
        w = m.group(1)
        new = (gb if dialect == "british" else us)[w.lower()]
        if w[0].isupper():
            new = new[0].upper() + new[1:]
        return Plant("consistency-spelling", kind, m.start(1), m.start(1) + len(new), w, new)
    return None


def _pair(word: str, dialect: str) -> tuple[str, str]:
    gb, us = breame_tables()
    return (word, gb[word]) if dialect == "british" else (us[word], word)


def plant(text: str, rng: random.Random, fns=(plant_number, plant_name, plant_spelling)) -> tuple[str, list[Plant]]:
    """Up to one plant of each family; later edits never overlap earlier ones."""
    plants: list[Plant] = []
    for fn in fns:
        p = fn(text, rng)
        if p is None:
            continue
        old_end = p.start + len(p.old)
        if any(q.start < old_end + 40 and p.start - 40 < q.end for q in plants):
            continue  # keep plants apart: one slip, one finding
        text = text[:p.start] + p.new + text[old_end:]
        shift = len(p.new) - len(p.old)
        for q in plants:
            if q.start > p.start:
                q.start += shift
                q.end += shift
        plants.append(p)
    return text, plants


# --- running copylint -------------------------------------------------------------------------------
def run(texts: list[str]):
    from copylint.config import Config
    from copylint.engine import Linter
    from copylint.readers import load_article

    cfg = Config(select=FAMILIES)
    linter = Linter(config=cfg)
    out = []
    batch = 16
    for i in range(0, len(texts), batch):
        items = [(load_article(f"doc{i + j}.txt", t, "text"), cfg) for j, t in enumerate(texts[i:i + batch])]
        for j, ((art, _), res) in enumerate(zip(items, linter.check_articles(items))):
            if art.text != texts[i + j]:  # plain text is read as it is: plant offsets hold
                raise SystemExit(f"doc{i + j}: the article text differs from the file's")
            out.append((art, res))
    return out


def use_model(path: Path) -> None:
    """Score number-mismatch's pairs with the pair model in ``path`` (a retrained
    ``rules/same_quantity.json``) instead of the shipped one, in this process."""
    from copylint.checks.consistency import same_quantity

    try:
        model = same_quantity.Model(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as e:
        raise SystemExit(f"cannot read the pair model {path}: {e}") from None
    same_quantity.model = lambda: model


def _overlaps(f, p: Plant) -> bool:
    places = [(f.start, f.end)] + [(r.start, r.end) for r in f.related]
    return any(s < p.end and p.start < max(e, s + 1) for s, e in places)


def docs_for(name: str):
    if name == "clean":
        return list(clean_news())
    return list(news_corpus(name))


def false_alarms(name, docs, verbose, tag="FA"):
    from copylint.finding import Severity

    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    fa = Counter()
    for d, (art, found) in zip(docs, run(texts)):
        for f in found:
            if f.family in FAMILIES and f.severity >= Severity.WARNING:
                fa[f.family] += 1
                if verbose:
                    line = art.text[max(0, f.start - 50):f.end + 30].replace("\n", " ")
                    print(f"   {tag}", d.name, f.rule, art.text[f.start:f.end], f.message, line, sep=" | ")
    total = sum(fa.values())
    print(f"{name:6} false alarms at warning: {total} in {words:,} words = "
          f"{1000 * total / max(words, 1):.3f} per 1,000 words  "
          + "  ".join(f"{k.split('-')[1]}={fa[k]}" for k in FAMILIES))
    return total, words


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default="test,clean", help="comma-separated: test, clean, tune, train")
    ap.add_argument("--all", action="store_true", help="also false alarms on the whole news-corpus")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--verbose", action="store_true", help="list every miss and false alarm")
    ap.add_argument("--rounds", type=int, default=3,
                    help="copies with a changed figure per article that restates one (default 3)")
    ap.add_argument("--apart-rounds", type=int, default=3,
                    help="copies per article with a figure changed in a way the slip model never learnt "
                         "(decimal point moved, a figure copied from elsewhere; default 3)")
    ap.add_argument("--words-rounds", type=int, default=3,
                    help="copies per article with a count written in words changed to another (\"six people\" "
                         "... \"five people\"; default 3), reported on a line of their own")
    ap.add_argument("--words-only", action="store_true",
                    help="plant only the counts written in words (for development)")
    ap.add_argument("--no-plant", action="store_true", help="false alarms only")
    ap.add_argument("--no-fa", action="store_true", help="recall only (skip the untouched copies)")
    ap.add_argument("--model", type=Path, help="score with this pair model (a retrained rules/same_quantity.json)")
    args = ap.parse_args()
    if args.model is not None:
        use_model(args.model)
    from copylint.finding import Severity

    t0 = time.time()
    caught = {lvl: Counter() for lvl in ("warning", "any")}
    planted = Counter()
    misses = []
    for set_name in args.sets.split(","):
        docs = docs_for(set_name)
        if not args.no_fa:
            false_alarms(set_name, docs, args.verbose)
        if args.no_plant:
            continue
        rng = random.Random(f"{args.seed}:{set_name}")
        copies = []  # (doc, planted text, plants): every article once with all three families, then
        for d in docs if not args.words_only else ():  # the articles with a restated figure again,
            copies.append((d, *plant(d.text, rng)))   # a figure changed another way
        for r in range(1, args.rounds if not args.words_only else 0):
            rng = random.Random(f"{args.seed}:{set_name}:{r}")
            for d in docs:
                nt, ps = plant(d.text, rng, (plant_number,))
                if ps:
                    copies.append((d, nt, ps))
        seen = set()  # a small article may draw the same change twice: counted once
        # counts in words, then figures drawn apart: each their own seeds, counted apart
        for tag, rounds, planter in (("words", args.words_rounds, plant_number_words),
                                     ("apart", args.apart_rounds if not args.words_only else 0, plant_number_apart)):
            for r in range(rounds):
                rng = random.Random(f"{args.seed}:{set_name}:{tag}:{r}")
                for d in docs:
                    nt, ps = plant(d.text, rng, (planter,))
                    if ps and nt not in seen:
                        seen.add(nt)
                        copies.append((d, nt, ps))
        set_planted, set_caught = Counter(), Counter()
        for (d, _, ps), (art, found) in zip(copies, run([c[1] for c in copies])):
            for p in ps:
                fam = [f for f in found if f.family == p.family and _overlaps(f, p)]
                warn = any(f.severity >= Severity.WARNING for f in fam)
                group = APART if p.kind in KINDS_UNTRAINED else WORDS if p.kind == KIND_WORDS else p.family
                keys = [group, (group, p.kind)] + ([(group, "twin written another way")] if p.notation else [])
                for key in keys:
                    set_planted[key] += 1
                    planted[key] += 1
                    for lvl, hit in (("any", bool(fam)), ("warning", warn)):
                        if hit:
                            caught[lvl][key] += 1
                            set_caught[(lvl, key)] += 1
                if not warn:
                    ctx = art.text[max(0, p.start - 60):p.end + 60].replace("\n", " ")
                    misses.append((set_name, d.name, p.family, p.kind, p.old, p.new, ctx, "info" if fam else "-"))
        print(f"{set_name:6} planted: " + "  ".join(
            f"{k.split('-')[1]} {set_caught[('warning', k)]}/{set_planted[k]} (any level {set_caught[('any', k)]})"
            for k in FAMILIES))
        if set_planted[WORDS]:
            print(f"{set_name:6} planted counts in words: number {set_caught[('warning', WORDS)]}/"
                  f"{set_planted[WORDS]} (any level {set_caught[('any', WORDS)]})")
        if set_planted[APART]:
            print(f"{set_name:6} planted apart from the slip model's training: number {set_caught[('warning', APART)]}/"
                  f"{set_planted[APART]} (any level {set_caught[('any', APART)]})")
    print("recall at warning level (all sets): " + "  ".join(
        f"{k.split('-')[1]}={caught['warning'][k] / max(planted[k], 1):.2f} ({caught['warning'][k]}/{planted[k]})"
        for k in FAMILIES) + "   at any level: " + "  ".join(
        f"{k.split('-')[1]}={caught['any'][k] / max(planted[k], 1):.2f}" for k in FAMILIES))
    if planted[APART]:
        print(f"figures planted apart from the slip model's training (kinds it never learnt), recall at warning "
              f"{caught['warning'][APART] / planted[APART]:.2f} ({caught['warning'][APART]}/{planted[APART]}), "
              f"at any level {caught['any'][APART] / planted[APART]:.2f}")
    if planted[WORDS]:
        print(f"counts written in words changed to another (\"six people\" ... \"five people\"), recall at warning "
              f"{caught['warning'][WORDS] / planted[WORDS]:.2f} ({caught['warning'][WORDS]}/{planted[WORDS]}), "
              f"at any level {caught['any'][WORDS] / planted[WORDS]:.2f}")
    for fam in FAMILIES + (APART,):
        kinds = sorted(k[1] for k in planted if isinstance(k, tuple) and k[0] == fam)
        print(f"  {fam.split('-', 1)[1]:9} by kind: " + "  ".join(
            f"{kind} {caught['warning'][(fam, kind)]}/{planted[(fam, kind)]}" for kind in kinds))
    if args.verbose:
        for m in misses:
            print("   MISS", *m, sep=" | ")
    if args.all:
        docs = list(news_corpus("train")) + list(news_corpus("tune")) + list(news_corpus("test"))
        false_alarms("news-corpus (all)", docs, args.verbose, tag="FA-all")
    print(f"({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
