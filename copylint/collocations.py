"""How often two English words stand side by side in a very large corpus (Google Books Ngram).

The counts are the word lists that ship with the ``symspellpy`` package (MIT; its lists were made
by SymSpell's author from Google Books Ngram data, CC BY 3.0: "Google Books Ngram Viewer",
http://books.google.com/ngrams): ``frequency_bigramdictionary_en_243_342.txt``, the 242,342 most
frequent bigrams (each seen 6.4 million times or more), and ``frequency_dictionary_en_82_765.txt``,
82,834 words (each seen 12,714 times or more). copylint reads the files where pip put them (it
ships no copy) and only for the word-fit rules: loaded once per process, on the first article they
judge, never at start.

The word-fit combiner (``garble.wordfit_candidates``) reads a word's bigrams with its neighbours: a
spinner's swap breaks collocations (``land a deal`` is attested, ``the June Sunni group`` is not),
and the corrector's word in its place often restores them.
"""
from __future__ import annotations

import importlib.util
import math
from functools import lru_cache
from pathlib import Path

BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"
UNIGRAMS = "frequency_dictionary_en_82_765.txt"
#: the bigram list's smallest count: a pair not listed was seen fewer times
FLOOR = 6_400_000
#: the count given to an unlisted pair in a PMI (half the floor) and to an unlisted word (just
#: under the word list's smallest count, 12,714)
UNLISTED_PAIR = FLOOR / 2
UNLISTED_WORD = 10_000


class Missing(RuntimeError):
    """symspellpy's word lists are not installed."""


def _folder() -> Path:
    spec = importlib.util.find_spec("symspellpy")  # its files, without importing the package
    if spec is None or not spec.submodule_search_locations:
        raise Missing("the word-fit rules need the symspellpy package (pip install symspellpy)")
    return Path(next(iter(spec.submodule_search_locations)))


class Counts:
    """Lower-case unigram and bigram counts; ``pair`` and ``word`` look them up."""

    def __init__(self, unigrams: dict[str, int], bigrams: dict[str, int]) -> None:
        self.unigrams, self.bigrams = unigrams, bigrams
        self.log_total = math.log(sum(unigrams.values()))

    @classmethod
    def read(cls, folder: Path | None = None) -> "Counts":
        folder = folder or _folder()
        try:
            col = (folder / UNIGRAMS).read_text(encoding="utf-8").split()
            uni = dict(zip(col[0::2], map(int, col[1::2])))
            col = (folder / BIGRAMS).read_text(encoding="utf-8").split()
            bi = dict(zip(map(" ".join, zip(col[0::3], col[1::3])), map(int, col[2::3])))
        except (OSError, ValueError) as exc:
            raise Missing(f"symspellpy's word lists could not be read ({exc})") from None
        return cls(uni, bi)

    def pair(self, a: str, b: str) -> int:
        """How often ``a b`` was seen (0: fewer than FLOOR times)."""
        return self.bigrams.get(f"{a} {b}", 0)

    def word(self, w: str) -> int:
        return self.unigrams.get(w, UNLISTED_WORD)

    def pmi(self, a: str, b: str, n: int | None = None) -> float:
        """Pointwise mutual information of ``a b`` (natural log), an unlisted pair counted at half
        the list's floor: for two common words never listed together, strongly negative."""
        n = self.pair(a, b) if n is None else n
        return (math.log(n or UNLISTED_PAIR) + self.log_total - math.log(self.word(a))
                - math.log(self.word(b)))


@lru_cache(maxsize=1)
def counts() -> Counts:
    """The counts, read once per process (about a second, 40 MB)."""
    return Counts.read()
