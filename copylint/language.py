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

MIN_WORDS = 30      # fewer words than this: too few to tell ("Die Hard star Bruce Willis")
MIN_SHARE = 0.15    # another language's function words must be at least this share of the words
MIN_LETTERS = 100   # fewer letters than this: too few to judge the script
LATIN_SHARE = 0.5   # under this share of Latin letters: another script
SAMPLE_WORDS = 2000  # an article's first words tell its language (a huge file is not read whole)
SAMPLE_LETTERS = 20000  # and their first letters its script (a run of CJK with no break is one "word")

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


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


def other_language(text: str) -> str | None:
    """The language ``text`` reads as when it is clearly not English (an ISO 639-1 code such as
    ``it``, or a script's name such as ``Cyrillic``), else None (English, or too little to tell)."""
    words = [m.group() for m in itertools.islice(_WORD.finditer(text), SAMPLE_WORDS)]
    letters = list(itertools.islice(itertools.chain.from_iterable(words), SAMPLE_LETTERS))
    if len(letters) >= MIN_LETTERS:
        other = [c for c in letters if c >= "ɐ"]  # past Basic Latin to Latin Extended-B
        if len(other) > (1 - LATIN_SHARE) * len(letters):
            top = Counter(map(_script, other)).most_common(1)[0][0] or None
            return top if top is None or len(top) <= 3 else top.title()  # CJK, Cyrillic
    if len(words) < MIN_WORDS:
        return None
    languages_of = _languages_of()
    counts = Counter(lang for w in words for lang in languages_of.get(w.lower().replace("’", "'"), ()))
    english = counts.pop("en", 0)
    best, count = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
    if best is not None and count > english and count >= MIN_SHARE * len(words):
        return best
    return None
