"""Keeping spelling and grammar checkers quiet on news copy.

A spelling alarm is dropped when the word is a name (spaCy tags it a proper noun or an entity, or
it is capitalised inside a sentence), when the article itself uses it more than once, when it is
in the user's dictionary (``dictionary`` words files, ``words``), or when it is a news convention:
money (£48m, €1.2bn), temperatures (38C), times (07:00 GMT), scores (2-1), decades ('60s),
acronyms (MPs, G7), a fragment of a hyphenated compound, a web address or a handle.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from copylint import data
from copylint.language import english_function_words
from copylint.textutil import common_word, token_span, zipf

NEWS_TOKEN = re.compile(
    r"""^(?:
        [£$€¥₹]?\d[\d,.]*(?:m|bn|k|tn|p|c|C|F|km|kg|mm|cm|ft|in|mph|kph|km/h|GW|MW|kW|GWh|MWh|kWh|s|th|st|nd|rd|am|pm|hrs|mins|pc|x)?
      | ['’]?\d{2}s                                   # '60s, 20s
      | \d{1,2}[:.]\d{2}(?:GMT|BST|CET|CEST|EST|EDT|ET|PT|PST|UTC|am|pm)?   # 07:00, 7.30pm
      | \d+[-–]\d+                                   # scores, ranges
      | [A-Z][A-Z0-9&.]*s?                           # acronyms: EU, MPs, PCR, U.N., A&E
      | [A-Z]\d+[A-Za-z]*|[a-z]\d+[A-Za-z]*          # G7, i30, T20Is
      | (?:GMT|BST|CET|CEST|UTC)
    )$""",
    re.X,
)
POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
WEB = re.compile(r"\.(?:org|com|net|co\.uk|gov|io|uk|eu)\b|@|https?:|www\.|^#", re.I)
#: a dot between two letters inside one token: a web address without its scheme (IHNED.cz,
#: zakon.kz, Ecns.cn) or two words run together at a full stop (another rule's slip)
DOTTED = re.compile(r"[^\W\d_]\.[^\W\d_]")
#: a number, then at most a space, right before the word: a unit or a scale (2 mln, 849 mln)
_AFTER_NUMBER = re.compile(r"\d[ \u00a0]?$")
_VOWEL = re.compile(r"[aeiouy]", re.I)
_TRIM = "\"'“”‘’()[]{},;:!?*…"


def whole_token(text: str, start: int, end: int) -> str:
    """The whitespace-delimited token around text[start:end], without surrounding punctuation."""
    ts, te = token_span(text, start, end, limit=80)  # a "token" longer than that is not a word
    tok = text[ts:te].strip(_TRIM)
    return tok[:-1] if tok.endswith(".") else tok


@lru_cache(maxsize=1 << 16)  # the same words come back in every article
def core_word(word: str) -> str:
    """The word without the punctuation around it and a possessive ending."""
    return POSSESSIVE.sub("", word.strip(_TRIM + ".-"))


@lru_cache(maxsize=64)
def _user_words(files: tuple[str, ...], words: tuple[str, ...]) -> frozenset[str]:
    out = {w.strip().lower() for w in words if w.strip()}
    for f in files:
        try:
            lines = Path(f).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue  # the config loader already checked the file exists
        for line in lines:
            line = line.split("#", 1)[0].strip()
            if line:
                out.add(line.lower())
    return frozenset(out)


def user_words(cfg) -> frozenset[str]:
    """Words the newsroom accepts: ``words`` plus every ``dictionary`` words file (lower-cased)."""
    return _user_words(tuple(cfg.dictionary), tuple(cfg.words))


@lru_cache(maxsize=1)
def known_misspellings() -> dict[str, str]:
    """rules/grammar_misspellings.txt: common misspellings -> the right word (lower case)."""
    return {a.lower(): b for a, b in data.pairs("grammar_misspellings.txt", "->")}


_COUNTED = re.compile(r"[\w’'.-]+")


def word_counts(text: str) -> dict[str, int]:
    """How often each word's core (lower case) occurs in ``text``."""
    counts: dict[str, int] = {}
    for token, n in Counter(_COUNTED.findall(text)).items():  # each distinct token's core once
        w = core_word(token).lower()
        if w:
            counts[w] = counts.get(w, 0) + n
    return counts


def is_name(doc, text: str, start: int, end: int) -> bool:
    """A proper noun or an entity for spaCy, or a capitalised word inside a sentence."""
    word = text[start:end]
    if doc is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            if any(t.pos_ == "PROPN" or t.ent_type_ for t in span):
                return True
            first = span[0]
            if word[:1].isupper() and not first.is_sent_start:
                return True
            return False
    # no parse: a capital not after a sentence end reads as a name
    before = text[max(0, start - 200):start].rstrip()
    return word[:1].isupper() and bool(before) and before[-1] not in ".!?\"“‘'\n:"


def news_convention(text: str, start: int, end: int) -> bool:
    """£48m, €1.2bn, 38C, 07:00 GMT, 2-1, '60s, MPs, G7, a hyphen-compound fragment, a URL."""
    return convention_word(core_word(text[start:end])) or convention_around(text, start, end)


def convention_word(core: str) -> bool:
    """The part of ``news_convention`` that reads the word's core alone (too short, 38C, MPs, a
    letter English does not write: shōnen, exposés, a foreign word or a loanword's accents, which
    no slip at an English keyboard makes)."""
    return len(core) < 2 or bool(NEWS_TOKEN.match(core)) or not core.isascii() and any(
        ch.isalpha() and not ch.isascii() for ch in core)


def convention_around(text: str, start: int, end: int, whole: str | None = None) -> bool:
    """The part of ``news_convention`` that reads around the word: its whole token (``whole``,
    when already known: ``whole_token(text, start, end)``) and the characters beside it."""
    if (start > 0 and text[start - 1] in "-‑/") or (end < len(text) and text[end] in "-‑/"):
        return True
    if whole is None:
        whole = whole_token(text, start, end)
    if _AFTER_NUMBER.search(text, max(0, start - 3), start) and (
            not _VOWEL.search(text, start, end) or common_word(text[start:end].lower())):
        return True  # a unit or a scale after a figure: 5.2 mln, 6 bln, and a region's scale word in
        # common English use the speller lacks (Indian English's `₹8 lakh`)
    return bool(NEWS_TOKEN.match(whole) or NEWS_TOKEN.match(core_word(whole)) or WEB.search(whole)
                or DOTTED.search(whole) or any(map(str.isdigit, whole)))


# a regular plural built wrong: `citys` -> `cities`, `branchs` -> `branches`
_BAD_PLURAL = re.compile(r"(?:(?P<y>[^aeiou\W]y)|ch|sh|s|x|z)s$", re.I)


def best_suggestion(word: str, suggestions: list[str]) -> str | None:
    """The suggestion a sub-editor means, from the speller's (best first by its own measure, which
    ranks `wish` before `which` for `wich` and `branch's` before `branches` for `branchs`): a
    regular plural built wrong is repaired when the repair is a common word (wordfreq Zipf 3 or
    more); otherwise, of the suggestions fewest edits away (Damerau-Levenshtein, case folded), the
    most common word, the speller's order breaking ties."""
    from rapidfuzz.distance import DamerauLevenshtein

    m = _BAD_PLURAL.search(word)
    if m:
        fixed = word[:-2] + "ies" if m.group("y") else word[:-1] + "es"
        if common_word(fixed):
            return fixed
    if not suggestions:
        return None
    low = word.lower()
    dist = [DamerauLevenshtein.distance(low, s.lower()) for s in suggestions]
    near = min(dist)
    return max((s for s, d in zip(suggestions, dist) if d == near),
               key=zipf)  # max keeps the first of equals


def likely_typo(word: str, suggestion: str | None) -> bool:
    """An unknown word reads as a slip when the checker's best suggestion is at most two edits away
    and far more common (wordfreq Zipf frequency higher by 1.5, i.e. about 30 times as frequent):
    `councl` → `council`. A rare real word (remdesivir, hryvnia, playmaker) has no such neighbour;
    its suggestions are unrelated (`redeliver`) or no more common than it."""
    if not suggestion:
        return False
    from rapidfuzz.distance import DamerauLevenshtein

    if DamerauLevenshtein.distance(word.lower(), suggestion.lower()) > 2:
        return False
    return zipf(suggestion) >= zipf(word) + 1.5


#: a derivation's base is a common word: wordfreq Zipf at least this (about once in 300,000 words:
#: intoxicating 3.0, hiring 4.2; lase 1.6 and cored 2.5 are not)
BASE_ZIPF = 2.9
#: letters at least in a base (re + sing, re + pat, re + from are slips of design, repeat, reform)
BASE_LETTERS = 5
#: the derived word itself is attested: wordfreq has it (Zipf 1.0: rehiring 1.8, decertified 1.6,
#: biathlete 1.9, troublingly 1.3), where a slip that happens to split into prefix and word does not
#: (replease, proevent, untable: 0)
DERIVED_ZIPF = 1.0
#: a suffix joins a base as it stands: not where the y turns to i (happiness, not happyness), -le
#: and -ic take -ly their own way (possibly, basically), a silent e or a double l drops a letter
#: (truly, wholly, fully)
_IRREGULAR_JOIN = re.compile(r"(?:[^aeiou]y|le|ic|ue|ll)$")


@lru_cache(maxsize=1)
def _affixes() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    return (data.words("derivation-prefixes"), data.words("derivation-verb-prefixes"),
            data.words("derivation-suffixes"))


def derivation_readings(word: str) -> list[tuple[str, bool]]:
    """The ways ``word`` reads as a regular derivation of a base, each as (base, whether the base
    must be a verb's form): a productive prefix before the base (re + hiring; re-, de- and mis- make
    verbs of verbs) or a suffix after it as it stands (intoxicating + ly, not happy + ness; -ly
    only after -ing: quitely and throughly are slips), from rules/words.toml's
    ``derivation-prefixes``, ``derivation-verb-prefixes`` and ``derivation-suffixes``. Empty
    unless wordfreq has the word itself (``DERIVED_ZIPF``) and it is all (English) letters."""
    low = word.lower()
    if not low.isalpha() or not low.isascii():
        return []
    prefixes, verb_prefixes, suffixes = _affixes()
    out = [(low[len(p):], p in verb_prefixes) for p in prefixes | verb_prefixes
           if low.startswith(p) and len(low) - len(p) >= BASE_LETTERS]
    out += [(base, False) for sfx in suffixes if low.endswith(sfx)
            and len(base := low[:-len(sfx)]) >= BASE_LETTERS and not _IRREGULAR_JOIN.search(base)
            and (sfx != "ly" or base.endswith("ing"))]
    if not out:
        return []
    return out if zipf(low) >= DERIVED_ZIPF else []


def _verb_lemmas(form: str) -> list[str]:
    """The lemmas a regular verb form may have (hiring: hir, hire; certified: certify)."""
    for end, lemmas in (("ing", ("", "e")), ("ied", ("y",)), ("ed", ("", "e")), ("ies", ("y",)),
                        ("es", ("", "e")), ("s", ("",))):
        if form.endswith(end):
            stem = form[:-len(end)]
            out = [stem + x for x in lemmas]
            if end in ("ing", "ed") and len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # stopping, stopped
            return out
    return [form]


def _paradigm(lemma: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A regular verb's -ing and -ed forms (both spellings where a consonant may double)."""
    stem = lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma
    past = lemma + "d" if lemma.endswith("e") else (
        lemma[:-1] + "ied" if re.search(r"[^aeiou]y$", lemma) else lemma + "ed")
    double = lemma + lemma[-1]
    return (stem + "ing", double + "ing"), (past, double + "ed")


def _verb_paradigms(base: str):
    """Each lemma ``base`` may be a regular verb's form of, with that verb's -ing and -ed forms."""
    for lemma in _verb_lemmas(base):
        yield (lemma, *_paradigm(lemma))


def derivation_words(readings: list[tuple[str, bool]]) -> set[str]:
    """The words to ask the speller about to judge ``readings``: each base, and for a base that
    must be a verb's form the lemmas it may have with their -ing and -ed forms."""
    out = set()
    for base, verb in readings:
        out.add(base)
        if verb:
            for lemma, ing, ed in _verb_paradigms(base):
                out.update((lemma, *ing, *ed))
    return out


def _a_verb_form(base: str, unknown) -> bool:
    """True when ``base`` is a form of a verb the speller knows with its -ing and -ed forms (hiring:
    hire, hired; story has no storying)."""
    return any(lemma not in unknown and any(w not in unknown for w in ing) and any(w not in unknown for w in ed)
               for lemma, ing, ed in _verb_paradigms(base))


def regular_derivation(readings: list[tuple[str, bool]], unknown, suggestion: str | None) -> bool:
    """True when one of ``derivation_readings`` has a base the speller knows (not in ``unknown``,
    its answer about ``derivation_words``), common (wordfreq Zipf ``BASE_ZIPF`` or more) and at
    least as common as the word the slip reading suggests (rehiring: hiring 4.2 against retiring
    3.8; intersting: sting 3.8 against interesting 5.0), and a verb's form where the prefix makes
    verbs (destory: story is no verb). `rehiring`, `decertified` and `intoxicatingly` are words;
    `recieving` (re + cieving) and `destory` are slips."""

    bar = zipf(suggestion) if suggestion else 0.0
    for base, verb in readings:
        z = zipf(base)
        if base not in unknown and z >= BASE_ZIPF and (z >= bar or base == (suggestion or "").lower()) \
                and (not verb or _a_verb_form(base, unknown)):
            return True
    return False


def solid_compound(word: str, suggestion: str | None) -> bool:
    """The speller's suggestion is the word itself with a hyphen or a space put in: a compound
    written solid, a matter of house style, not a slip, where the suggestion is a hyphened word
    (wellbeing → well-being, rightwing → right-wing) or two content words (webpages → web pages).
    Two function words run together are a slip (eachother → each other, noone → no one: `each`,
    `no` and their partners are English function words)."""
    if not suggestion or suggestion.lower() == word.lower() or \
            re.sub(r"[\s\-‑]", "", suggestion).lower() != word.lower():
        return False
    if not re.search(r"\s", suggestion):
        return True  # a hyphened word
    return not any(part in english_function_words() for part in re.split(r"[\s\-‑]+", suggestion.lower()))
