#!/usr/bin/env python3
"""Recall and false alarms of the consistency families on held-apart copy (needs ../shared).

Builds its own planted set, then runs copylint's consistency rules on it and on the untouched text:

- **planted set**: every article of ``news_corpus("test")`` and ``clean_news()`` gets, where it can,
  one changed restated figure (``consistency-number``), one misspelt surname
  (``consistency-name``) and one switched spelling (``consistency-spelling``), all three in one
  copy, the way an editor's draft would arrive. The planting never uses copylint's own logic:
  - a *restated figure* is found by plain text matching: the same number (with its currency, scale
    and the word after it, e.g. ``£12bn`` or ``1,200 jobs``) written twice in the article; one of
    its mentions gets another value (two digits swapped, a digit changed, a digit added or dropped);
  - a *surname* is a capitalised word used at least twice, once right after a title (Mr, Ms, Dr,
    President ...) or a first name (gender-guesser's list of about 40,000 first names), and neither
    a common English word nor a first name itself; one of its uses gets a one-letter slip (a doubled
    or dropped letter, two letters swapped, a vowel changed);
  - a *switched spelling* uses breame's British/American table (Apache-2.0, not copylint's SCOWL
    table): an article with at least two spellings of one dialect and none of the other gets one
    of them turned into the other dialect's spelling.
  A plant is *caught* when a finding of its family (or one of the finding's ``related`` places)
  overlaps the planted span; recall is given at warning level (what fails a run by default) and
  at every level.
- **false alarms**: warning-level findings of the three families on the untouched articles of
  clean-news and news-corpus test (all professional, edited copy), per 1,000 words; ``--all``
  adds the whole news-corpus (for information: train and tune are where the rules were tuned).

Usage (from the repository root; ``pip install breame gender-guesser`` first, benchmark-only needs):
    python benchmarks/eval_consistency.py [--sets test,clean] [--all] [--seed 9] [--verbose]
``--sets tune`` or ``train`` plants in news-corpus tune or train instead (for development).
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from functools import lru_cache
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from splits import clean_news, news_corpus  # noqa: E402

FAMILIES = ("consistency-number", "consistency-name", "consistency-spelling")


@dataclass
class Plant:
    family: str
    start: int
    end: int
    old: str
    new: str


# --- figures ----------------------------------------------------------------------------------------
_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_FIG = re.compile(r"(?<![\w.,:/-])([$£€]\s?)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
                  r"(?:\s?(%|per cent|percent|bn|m|k|million|billion|trillion|thousand))?"
                  r"(?![\w.,:/-]\d|[-–]\d|:\d|\w)")
_NEXT_WORD = re.compile(r"\s+([A-Za-z][a-z]+)")
_FUNCTION = frozenset("a an the of in on at to and or but for from by with as than is are was were be "
                      "this that these those its his her their it he she they we you i".split())


def figures(text: str):
    """(key, number span, whole mention) for figures that carry what they count."""
    for m in _FIG.finditer(text):
        cur, num, scale = (m.group(1) or "").strip(), m.group(2), (m.group(3) or "").lower()
        before = text[max(0, m.start() - 12):m.start()].lower().split()
        after = _NEXT_WORD.match(text, m.end())
        word = after.group(1).lower() if after else ""
        if not cur and not scale and re.fullmatch(r"(1[89]|20)\d\d", num):
            continue  # a year
        if (before and before[-1].strip(",.") in _MONTHS) or word in _MONTHS:
            continue  # a date
        if after and after.group(1)[0].isupper() and not cur and not scale:
            continue  # a name or model ("737 Max")
        if not cur and not scale and (not word or word in _FUNCTION):
            continue  # a bare number: what it counts is not in the text
        if not cur and not scale and float(num.replace(",", "")) < 10:
            continue
        key = (cur, num, scale, "" if (cur or scale == "%") and word in _FUNCTION else word)
        yield key, (m.start(2), m.end(2)), m


def _new_number(num: str, rng: random.Random) -> str | None:
    digits = num.replace(",", "").replace(".", "")
    for _ in range(20):
        kind = rng.choice(("swap", "change", "extra", "drop"))
        d = list(digits)
        if kind == "swap" and len(d) >= 2:
            i = rng.randrange(len(d) - 1)
            d[i], d[i + 1] = d[i + 1], d[i]
        elif kind == "change":
            i = rng.randrange(len(d))
            d[i] = rng.choice([c for c in "0123456789" if c != d[i]])
        elif kind == "extra" and len(d) <= 6:
            i = rng.randrange(1, len(d) + 1)
            d.insert(i, rng.choice("0123456789"))
        elif kind == "drop" and len(d) >= 3:
            del d[rng.randrange(1, len(d))]
        else:
            continue
        new = "".join(d)
        if new == digits or new[0] == "0":
            continue
        # the same format: the decimal point where it was (from the right), thousands commas
        if "." in num:
            dec = len(num.split(".")[1])
            if len(new) <= dec:
                continue
            new = new[:-dec] + "." + new[-dec:]
        elif "," in num:
            new = f"{int(new):,}"
        return new
    return None


def plant_number(text: str, rng: random.Random) -> Plant | None:
    by_key = defaultdict(list)
    for key, span, _ in figures(text):
        by_key[key].append(span)
    restated = [k for k, spans in by_key.items() if len(spans) >= 2]
    if not restated:
        return None
    key = rng.choice(sorted(restated))
    s, e = rng.choice(by_key[key])
    new = _new_number(text[s:e], rng)
    if new is None or any(k[1] == new for k in by_key):
        return None
    return Plant("consistency-number", s, s + len(new), text[s:e], new)


# --- surnames ---------------------------------------------------------------------------------------
_TITLES = ("Mr", "Ms", "Mrs", "Miss", "Dr", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady", "President",
           "Senator", "Judge", "Coach", "Minister", "Governor", "Mayor")
_CAP = re.compile(r"(?<![\w'’-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w'’-]*[\w])")
_VOWELS = "aeiou"


def _common_word(w: str) -> bool:
    from wordfreq import zipf_frequency
    return zipf_frequency(w.lower(), "en") >= 3.0 and zipf_frequency(w, "en") < zipf_frequency(w.lower(), "en") + 1


@lru_cache(maxsize=None)
def _given_name(word: str) -> bool:
    """A first name in gender-guesser's list of about 40,000 (any country)."""
    try:
        import gender_guesser.detector as gd
    except ImportError:
        raise SystemExit("this benchmark tells first names with gender-guesser: pip install gender-guesser") from None
    global _DETECTOR
    if _DETECTOR is None:
        _DETECTOR = gd.Detector(case_sensitive=False)
    return _DETECTOR.get_gender(word) != "unknown"


_DETECTOR = None


def surnames(text: str) -> dict[str, list[tuple[int, int]]]:
    """Capitalised words used at least twice, at least once after a title or a first name, that are
    neither common English words nor first names themselves."""
    uses = defaultdict(list)
    for m in _CAP.finditer(text):
        uses[m.group(1)].append((m.start(1), m.end(1)))
    out = {}
    for name, spans in uses.items():
        if len(spans) < 2 or len(name) < 4 or name in _TITLES or name.lower() in _MONTHS or _common_word(name) \
                or _given_name(name):
            continue
        for s, _ in spans:
            m = re.search(r"\b([A-Z][a-z]+)\.?\s+$", text[max(0, s - 25):s])
            if m and (m.group(1) in _TITLES or _given_name(m.group(1))):
                out[name] = spans
                break
    return out


def _slip(name: str, rng: random.Random) -> str | None:
    for _ in range(30):
        kind = rng.choice(("double", "drop", "swap", "vowel"))
        i = rng.randrange(1, len(name))
        c = name[i]
        if not c.isalpha():
            continue
        if kind == "double" and c not in _VOWELS and name[i - 1] != c and (i + 1 >= len(name) or name[i + 1] != c):
            new = name[:i] + c + name[i:]
        elif kind == "drop" and i < len(name) - 1 or kind == "drop" and name[i - 1] == c:
            new = name[:i] + name[i + 1:]
        elif kind == "swap" and i + 1 < len(name) and name[i + 1].isalpha() and name[i + 1] != c and i >= 1:
            new = name[:i] + name[i + 1] + c + name[i + 2:]
        elif kind == "vowel" and c in _VOWELS:
            new = name[:i] + rng.choice([v for v in _VOWELS if v != c]) + name[i + 1:]
        else:
            continue
        if len(new) >= 4 and not _common_word(new):
            return new
    return None


def plant_name(text: str, rng: random.Random) -> Plant | None:
    names = surnames(text)
    if not names:
        return None
    name = rng.choice(sorted(names))
    new = _slip(name, rng)
    if new is None or re.search(r"\b" + re.escape(new) + r"\b", text):
        return None
    s, e = rng.choice(names[name])
    return Plant("consistency-name", s, s + len(new), name, new)


# --- spellings --------------------------------------------------------------------------------------
#: American spellings that are also everyday British words in another sense: not evidence of a dialect
_BOTH = frozenset("program programs practice practices license licenses meter meters tire tires draft drafts "
                  "check checks curb curbs story stories disk".split())


def _breame():
    try:
        from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS, BRITISH_ENGLISH_SPELLINGS
    except ImportError:
        raise SystemExit("this benchmark plants spellings from breame's table: pip install breame") from None
    return BRITISH_ENGLISH_SPELLINGS, AMERICAN_ENGLISH_SPELLINGS


_WORD = re.compile(r"(?<![\w'’-])([A-Za-z]+)(?![\w'’-]*\w)")


def plant_spelling(text: str, rng: random.Random) -> Plant | None:
    gb, us = _breame()
    marks = {"british": [], "american": []}
    for m in _WORD.finditer(text):
        w = m.group(1)
        low = w.lower()
        if low in _BOTH or gb.get(low) == low:
            continue
        sent_start = re.search(r"(?:^|[.!?\"“]\s+|\n)$", text[max(0, m.start() - 3):m.start()])
        if w[0].isupper() and not sent_start:
            continue  # a name ("Labor Party", "World Trade Center")
        if low in gb:
            marks["british"].append(m)
        elif low in us:
            marks["american"].append(m)
    for dialect, other in (("british", "american"), ("american", "british")):
        if len(marks[dialect]) >= 2 and not marks[other]:
            table = gb if dialect == "british" else us
            m = rng.choice(marks[dialect])
            w = m.group(1)
            new = table[w.lower()]
            if w[0].isupper():
                new = new[0].upper() + new[1:]
            return Plant("consistency-spelling", m.start(1), m.start(1) + len(new), w, new)
    return None


def plant(text: str, rng: random.Random) -> tuple[str, list[Plant]]:
    """Up to one plant of each family; later edits never overlap earlier ones."""
    plants: list[Plant] = []
    for fn in (plant_number, plant_name, plant_spelling):
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


def _overlaps(f, p: Plant) -> bool:
    places = [(f.start, f.end)] + [(r.start, r.end) for r in f.related]
    return any(s < p.end and p.start < max(e, s + 1) for s, e in places)


def docs_for(name: str):
    if name == "clean":
        return list(clean_news())
    return list(news_corpus(name))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default="test,clean", help="comma-separated: test, clean, tune, train")
    ap.add_argument("--all", action="store_true", help="also false alarms on the whole news-corpus")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--verbose", action="store_true", help="list every miss and false alarm")
    args = ap.parse_args()
    from copylint.finding import Severity

    t0 = time.time()
    recall = {lvl: Counter() for lvl in ("warning", "any")}
    planted = Counter()
    misses = []
    for set_name in args.sets.split(","):
        docs = docs_for(set_name)
        texts = [d.text for d in docs]
        words = sum(len(t.split()) for t in texts)
        # false alarms: the untouched articles
        fa = Counter()
        fa_list = []
        for d, (art, found) in zip(docs, run(texts)):
            for f in found:
                if f.family in FAMILIES and f.severity >= Severity.WARNING:
                    fa[f.family] += 1
                    fa_list.append((d.name, f.rule, art.text[f.start:f.end], f.message))
        total = sum(fa.values())
        print(f"{set_name:6} false alarms at warning: {total} in {words:,} words = "
              f"{1000 * total / max(words, 1):.3f} per 1,000 words  "
              + "  ".join(f"{k.split('-')[1]}={fa[k]}" for k in FAMILIES))
        if args.verbose:
            for row in fa_list:
                print("   FA", *row, sep=" | ")
        # the planted copies
        rng = random.Random(f"{args.seed}:{set_name}")
        planted_texts, plants = [], []
        for t in texts:
            nt, ps = plant(t, rng)
            planted_texts.append(nt)
            plants.append(ps)
        set_planted = Counter()
        set_caught = Counter()
        for d, ps, (art, found) in zip(docs, plants, run(planted_texts)):
            for p in ps:
                set_planted[p.family] += 1
                fam = [f for f in found if f.family == p.family and _overlaps(f, p)]
                if fam:
                    recall["any"][p.family] += 1
                    set_caught[("any", p.family)] += 1
                if any(f.severity >= Severity.WARNING for f in fam):
                    recall["warning"][p.family] += 1
                    set_caught[("warning", p.family)] += 1
                else:
                    ctx = art.text[max(0, p.start - 60):p.end + 60].replace("\n", " ")
                    misses.append((set_name, d.name, p.family, p.old, p.new, ctx, bool(fam)))
        planted.update(set_planted)
        print(f"{set_name:6} planted: " + "  ".join(
            f"{k.split('-')[1]} {set_caught[('warning', k)]}/{set_planted[k]} (any level {set_caught[('any', k)]})"
            for k in FAMILIES))
    print("recall at warning level (all sets): " + "  ".join(
        f"{k.split('-')[1]}={recall['warning'][k] / max(planted[k], 1):.2f} ({recall['warning'][k]}/{planted[k]})"
        for k in FAMILIES) + "   at any level: " + "  ".join(
        f"{k.split('-')[1]}={recall['any'][k] / max(planted[k], 1):.2f}" for k in FAMILIES))
    if args.verbose:
        for m in misses:
            print("   MISS", *m, sep=" | ")
    if args.all:
        docs = list(news_corpus("train")) + list(news_corpus("tune")) + list(news_corpus("test"))
        texts = [d.text for d in docs]
        words = sum(len(t.split()) for t in texts)
        fa = Counter()
        for d, (art, found) in zip(docs, run(texts)):
            for f in found:
                if f.family in FAMILIES and f.severity >= Severity.WARNING:
                    fa[f.family] += 1
                    if args.verbose:
                        print("   FA-all", d.name, f.rule, art.text[f.start:f.end], f.message, sep=" | ")
        total = sum(fa.values())
        print(f"news-corpus (all) false alarms at warning: {total} in {words:,} words = "
              f"{1000 * total / words:.3f} per 1,000 words  "
              + "  ".join(f"{k.split('-')[1]}={fa[k]}" for k in FAMILIES))
    print(f"({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
