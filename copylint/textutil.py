"""Small text helpers shared by rules and the grammar filters (not rules themselves: a rule module
never imports another rule module)."""
from __future__ import annotations

import re
from functools import lru_cache

#: the double quote marks, straight and curly
DOUBLE_QUOTES = '"“”„‟'
#: every mark that opens or closes a quotation as a double quote does: the double quotes and the
#: guillemets (`«Non»`), which copylint.quotes does not pair (their direction is the language's)
QUOTE_MARKS = DOUBLE_QUOTES + "«»"

#: a run without white space longer than any English word: a pasted blob, a wall of punctuation,
#: never prose. spaCy's tokenizer and Harper take quadratic time on one; they read it as spaces.
LONG_RUN = re.compile(r"\S{100,}")

#: a word of letters, with its inner apostrophes (`don't`, `O’Neill`): no figures, no underscores
LETTER_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def token_span(text: str, start: int, end: int, limit: int | None = None) -> tuple[int, int]:
    """The white-space-delimited token around ``text[start:end]``, as (start, end); with ``limit``
    it reaches at most that many characters beyond the span on each side."""
    lo, hi = (0, len(text)) if limit is None else (max(0, start - limit), min(len(text), end + limit))
    s, e = start, end
    while s > lo and not text[s - 1].isspace():
        s -= 1
    while e < hi and not text[e].isspace():
        e += 1
    return s, e


@lru_cache(maxsize=1 << 16)
def zipf(word: str) -> float:
    """How common the word is in English (wordfreq's Zipf scale: 7 for `the`, 0 for a word it
    lacks): the one place the rules ask, wordfreq imported when first asked, answers cached."""
    from wordfreq import zipf_frequency
    return zipf_frequency(word, "en")


#: a word in common use: wordfreq's Zipf scale at this or more, about once in a million words
COMMON_ZIPF = 3.0


def common_word(word: str) -> bool:
    """The word is in common English use (``COMMON_ZIPF``)."""
    return zipf(word) >= COMMON_ZIPF


def in_english_use(word: str) -> bool:
    """The word is written in English, in either dialect (wordfreq's Zipf scale at 1.0 or more:
    `flavor` as well as `flavour`; `acuman` and `colourectal` are not)."""
    return zipf(word) >= 1.0
