"""Whether an article is in English, from its function words and its script.

copylint's rules read English: its spelling, grammar, garble, consistency and residue rules on an
article in another language report what is no error at all (an Italian page's every word
"not in the dictionary"). ``other_language(text)`` names the language an article reads as when it
is clearly not English, and says nothing otherwise:

- mostly written in another script than the Latin alphabet (Cyrillic, CJK, Arabic, Hangul ...);
- or written in the Latin alphabet, with more of another language's function words than of
  English's, and at least ``MIN_SHARE`` of its words (spaCy's stop-word lists,
  ``rules/language_words.json``). English prose is 30-60 % function words, and no other
  language's list takes more than a fifth of it; a table of results or names reads as no language
  and is left as English.

``other_language_blocks(text, blocks)`` names, in an English article, each block (paragraph) that is
clearly another language (a quoted statement in Spanish, a French abstract, the other half of a
bilingual page), with thresholds of its own: a paragraph has fewer words than an article, so it
counts only another language's *own* function words (of two letters or more, and not in English's
list: ``de``, ``und``, ``que``, not ``a``, ``in``, ``do``), at least ``BLOCK_MIN_COUNT`` of them,
``BLOCK_MIN_SHARE`` of the words and more than ``BLOCK_RATIO`` times the English function words;
web addresses are not read. Headlines, lists of places, tables of scores and names stay English (no
language's own function words three times over): measured on every English text of ``../shared``
(docs/measurements.md, "Articles not in English"). The other way round, ``english_block(text)``
tells the blocks of an article named another language that are clearly English (a bilingual page:
the English half is checked as English).

A language-identification library would name more languages, but those available load their models
in 1.3-2.1 s (py3langid, langdetect), which every process checking one file would pay.
"""
from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections import Counter
from functools import lru_cache

from copylint import data
from copylint.textutil import LETTER_WORD, common_word

MIN_WORDS = 30      # fewer words than this: too few to tell ("Die Hard star Bruce Willis")
MIN_SHARE = 0.15    # another language's function words must be at least this share of the words
MIN_LETTERS = 100   # fewer letters than this: too few to judge the script
LATIN_SHARE = 0.5   # under this share of Latin letters: another script
SAMPLE_WORDS = 2000  # an article's first words tell its language (a huge file is not read whole)
SAMPLE_LETTERS = 20000  # and their first letters its script (a run of CJK with no break is one "word")
# a block (paragraph) of an English article, judged on its own (``block_language``)
BLOCK_MIN_LETTERS = 5   # fewer letters than this: too few to judge its script
BLOCK_MIN_COUNT = 3     # at least this many of another language's own function words
BLOCK_MIN_SHARE = 0.15  # and this share of the block's words
BLOCK_RATIO = 2         # and more than this many times the English function words
NEIGHBOUR_MIN_COUNT = 1  # a block next to a named one: this many of its language's own function words
# a block of an article in another language that is clearly English (``english_block``)
QUOTE_MIN_WORDS = 8          # a quotation inside an English block: at least this many words
QUOTE_MAX_ENGLISH_SHARE = 0.1  # English function words under this share of them
QUOTE_MIN_UNCOMMON_SHARE = 0.3  # and at least this share no word in common English use (Zipf 3)

ENGLISH_MIN_WORDS = 8     # at least this many words
ENGLISH_MIN_SHARE = 0.3   # English function words: at least this share of the words
ENGLISH_RATIO = 3         # and more than this many times another language's own function words

_NOT_LATIN = re.compile(r"[^\W\d_\x00-\u024f]+")  # runs of letters past Latin Extended-B
_ADDRESS = re.compile(r"\S+://\S*|www\.\S+|\S+@\S+")  # a web or mail address: letters of no language


@lru_cache(maxsize=1)
def _table() -> dict:
    return json.loads(data.read_text("language_words.json"))


@lru_cache(maxsize=1)
def _languages_of() -> dict[str, tuple[str, ...]]:
    """Each function word -> the languages whose list holds it."""
    out: dict[str, list[str]] = {}
    for lang, words in _table()["words"].items():
        for w in words:
            out.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in out.items()}


def name(code: str) -> str:
    """A language's English name (``it`` -> ``Italian``), or a script's (``Cyrillic`` -> ``Cyrillic
    script``)."""
    names = _table()["names"]
    return names.get(code) or f"{code} script"


def _script(ch: str) -> str:
    """The script a letter is written in, the first word of its Unicode name ("CYRILLIC")."""
    return unicodedata.name(ch, "").split(" ", 1)[0]


def _words(text: str, limit: int | None = None) -> list[str]:
    return [m.group() for m in itertools.islice(LETTER_WORD.finditer(text), limit)]


def _script_name(letters) -> str | None:
    """The name of the script most of ``letters`` are written in (CJK, Cyrillic), None if unnamed."""
    top = Counter(map(_script, letters)).most_common(1)[0][0] or None
    return top if top is None or len(top) <= 3 else top.title()


def _other_script(words: list[str], min_letters: int) -> str | None:
    """The script most of ``words``' letters are written in when it is not the Latin alphabet (from
    ``min_letters`` letters on), else None."""
    letters = list(itertools.islice(itertools.chain.from_iterable(words), SAMPLE_LETTERS))
    if len(letters) >= min_letters:
        other = [c for c in letters if c >= "ɐ"]  # past Basic Latin to Latin Extended-B
        if len(other) > (1 - LATIN_SHARE) * len(letters):
            return _script_name(other)
    return None


def _key(word: str) -> str:
    return word.lower().replace("’", "'")


def other_language(text: str) -> str | None:
    """The language ``text`` reads as when it is clearly not English (an ISO 639-1 code such as
    ``it``, or a script's name such as ``Cyrillic``), else None (English, or too little to tell)."""
    words = _words(text, SAMPLE_WORDS)
    script = _other_script(words, MIN_LETTERS)
    if script is not None or len(words) < MIN_WORDS:
        return script
    languages_of = _languages_of()
    counts = Counter(lang for w in words for lang in languages_of.get(_key(w), ()))
    english = counts.pop("en", 0)
    best, count = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
    if best is not None and count > english and count >= MIN_SHARE * len(words):
        return best
    return None


@lru_cache(maxsize=1)
def english_function_words() -> frozenset[str]:
    """English's function words (spaCy's stop list, lower case): `each`, `other`, `in`, `a`."""
    return frozenset(_table()["words"].get("en", ()))


@lru_cache(maxsize=1)
def _own_languages_of() -> dict[str, tuple[str, ...]]:
    """Each function word of another language than English that is not one of English's and has
    two letters or more -> the languages whose list holds it (``de`` -> Spanish, French ...)."""
    english = english_function_words()
    return {w: tuple(lang for lang in langs if lang != "en") for w, langs in _languages_of().items()
            if w not in english and len(w) > 1}


def _block_words(text: str) -> tuple[str, list[str]]:
    """A block's text less its web addresses, and its words in lower case (straight apostrophes).
    A block is read whole, with regular expressions and no loop over its letters in Python: an
    article's blocks are its whole text (1 MB in tens of milliseconds)."""
    if "://" in text or "www." in text or "@" in text:
        text = _ADDRESS.sub(" ", text)
    return text, LETTER_WORD.findall(text.lower().replace("’", "'"))


def _block_script(text: str, words: list[str]) -> str | None:
    """``_other_script`` for a block: runs of letters past Latin Extended-B counted by a regular
    expression, the script named from its first ``SAMPLE_LETTERS`` of them."""
    runs = _NOT_LATIN.findall(text)
    if not runs:
        return None
    letters = sum(map(len, words))
    if letters < BLOCK_MIN_LETTERS or sum(map(len, runs)) <= (1 - LATIN_SHARE) * letters:
        return None
    sample = itertools.islice(itertools.chain.from_iterable(runs), SAMPLE_LETTERS)
    return _script_name(sample)


def block_language(text: str) -> str | None:
    """Like ``other_language`` for one block (paragraph) of an English article, with the block's own
    thresholds (the ``BLOCK_`` constants): the language it reads as when it is clearly not English,
    else None."""
    text, words = _block_words(text)
    script = _block_script(text, words)
    if script is not None:
        return script
    own = _own_languages_of()
    hits = [own[w] for w in words if w in own]
    if len(hits) < BLOCK_MIN_COUNT:  # most English blocks: none or one
        return None
    best, count = Counter(itertools.chain.from_iterable(hits)).most_common(1)[0]
    if count < BLOCK_MIN_COUNT or count < BLOCK_MIN_SHARE * len(words):
        return None
    if count <= BLOCK_RATIO * sum(map(english_function_words().__contains__, words)):
        return None
    return best


def quotation_language(text: str) -> str | None:
    """``""`` (another language, not named) when a quotation inside an English block is
    ``QUOTE_MIN_WORDS`` words or more, most of them in lower case, and clearly not English: by
    ``block_language`` (a Spanish statement quoted in an English paragraph), or, for a language
    with no function-word list (Urdu or Hindi in Latin letters: `Pyaar karna hai to khud se kar`),
    with hardly an English function word (``QUOTE_MAX_ENGLISH_SHARE``) and many words of no common
    English use (``QUOTE_MIN_UNCOMMON_SHARE``). Else None. The language is not named: a short
    passage's few function words may be another language's too (`hai`, `se`: Italian's). An
    English quotation has a function word in three or four of its words; a quoted headline, or
    names in capitals, stays English."""
    text, words = _block_words(text)
    if len(words) < QUOTE_MIN_WORDS or 2 * sum(1 for w in LETTER_WORD.findall(text) if w.islower()) < len(words):
        return None  # a name, a title or a menu's dishes in capitals (`Soba Hiyashi Chuka`) stays English
    if block_language(text) is not None:
        return ""
    if sum(map(english_function_words().__contains__, words)) >= QUOTE_MAX_ENGLISH_SHARE * len(words):
        return None
    uncommon = sum(1 for w in words if not common_word(w))
    return "" if uncommon >= QUOTE_MIN_UNCOMMON_SHARE * len(words) else None


def english_block(text: str) -> bool:
    """Whether one block of an article in another language is clearly English: in the Latin
    alphabet, ``ENGLISH_MIN_WORDS`` words or more, of which English function words are at least
    ``ENGLISH_MIN_SHARE`` and more than ``ENGLISH_RATIO`` times any other language's own."""
    text, words = _block_words(text)
    if len(words) < ENGLISH_MIN_WORDS or _block_script(text, words) is not None:
        return False
    count = sum(map(english_function_words().__contains__, words))
    if count < ENGLISH_MIN_SHARE * len(words):
        return False
    own = _own_languages_of()
    other = Counter(itertools.chain.from_iterable(own[w] for w in words if w in own)).most_common(1)
    return count > ENGLISH_RATIO * (other[0][1] if other else 0)


def _leans(text: str, lang: str) -> bool:
    """Whether a block has ``NEIGHBOUR_MIN_COUNT`` or more of ``lang``'s own function words and more
    of them than English function words: a short line of a block of that language."""
    text, words = _block_words(text)
    own = _own_languages_of()
    count = sum(1 for w in words if lang in own.get(w, ()))
    return count >= NEIGHBOUR_MIN_COUNT and count > sum(map(english_function_words().__contains__, words))


def other_language_blocks(text: str, spans) -> list[tuple[int, int, str]]:
    """(start, end, language) of each of ``spans`` (objects with ``start`` and ``end`` offsets into
    ``text``: an article's blocks, in order) that reads as another language than English
    (``block_language``), or that is next to one named a language and leans to it (``_leans``: the
    short lines of a foreign passage, ``Leggi anche`` after Italian paragraphs)."""
    langs = [block_language(text[b.start:b.end]) for b in spans]
    todo = [k for k, lang in enumerate(langs) if lang is not None]
    while todo:  # from each named block outwards, through the blocks it names in turn
        k = todo.pop()
        for j in (k - 1, k + 1):
            if 0 <= j < len(spans) and langs[j] is None and _leans(text[spans[j].start:spans[j].end], langs[k]):
                langs[j] = langs[k]
                todo.append(j)
    return [(b.start, b.end, lang) for b, lang in zip(spans, langs) if lang is not None]
