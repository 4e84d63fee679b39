"""Bigram counts from a big corpus (copylint/collocations.py) and the word-fit features made of them
(garble.collocation_features)."""
import subprocess
import sys

import pytest

from copylint import collocations
from copylint.checks import garble
from copylint.config import Config
from copylint.nlp import get_nlp

#: a few counts in the lists' form (lower case; the real lists hold 82,834 words and 242,342 bigrams)
SMALL = collocations.Counts(
    {"they": 2_000_000_000, "hope": 90_000_000, "to": 12_000_000_000, "land": 160_000_000, "a": 9_000_000_000,
     "deal": 60_000_000, "ladle": 400_000, "the": 23_000_000_000, "oil": 80_000_000, "price": 100_000_000},
    {"to land": 39_000_000, "land a": 14_865_472, "a deal": 120_000_000, "to ladle": 6_500_000,
     "oil price": 18_000_000, "the oil": 60_000_000})


def _token(text: str, word: str):
    doc = get_nlp(Config().spacy_model)(text)
    return next(t for t in doc if t.text == word)


def test_an_attested_pair_and_an_unattested_one():
    assert SMALL.pair("land", "a") == 14_865_472
    assert SMALL.pair("ladle", "a") == 0  # not among the listed pairs: seen fewer than FLOOR times
    # an unlisted pair of common words is far less likely than their frequencies predict; of a rare
    # word, an unlisted pair says little (the PMI counts it at half the floor)
    assert SMALL.pmi("a", "the") < 0 < SMALL.pmi("the", "oil")
    assert SMALL.pmi("a", "the") < SMALL.pmi("ladle", "a")
    assert SMALL.word("zyzzyva") == collocations.UNLISTED_WORD


def test_the_features_of_a_word_that_fits_and_of_a_swapped_one():
    # "land" stands in two attested bigrams ("to land", "land a"), neither with a content word
    fits = garble.collocation_features(_token("They hope to land a deal.", "land"), "secure", SMALL)
    assert fits[0] == 2 and fits[1] > 2 and fits[4] == 0
    # "ladle a" is unattested, and the corrector's "land" makes both bigrams likelier
    swapped = garble.collocation_features(_token("They hope to ladle a deal.", "ladle"), "land", SMALL)
    assert swapped[0] == 1  # "to ladle" only
    assert swapped[2] > 0  # the corrector's word: more attested pairs (log counts above the floor)
    gain = (SMALL.pmi("to", "land") + SMALL.pmi("land", "a")) - (SMALL.pmi("to", "ladle") + SMALL.pmi("ladle", "a"))
    assert swapped[3] == pytest.approx(gain)
    # a content collocation: "oil price", both words content words
    price = garble.collocation_features(_token("The oil price fell.", "price"), None, SMALL)
    assert price[4] == 1 and price[2] == -price[1] and price[3] == 0.0


def test_a_neighbour_across_punctuation_or_a_sentence_is_none():
    tok = _token("They hope, land a deal.", "land")
    assert garble._neighbour(tok, -1) is None and garble._neighbour(tok, 1) == "a"
    doc = get_nlp(Config().spacy_model)("The council met. Land prices rose.")
    land = next(t for t in doc if t.text == "Land")
    assert garble._neighbour(land, -1) is None
    assert garble._neighbour(doc[-1], 1) is None


def test_the_installed_lists_are_read():
    counts = collocations.counts()
    assert counts.pair("land", "a") > collocations.FLOOR
    assert counts.pair("june", "sunni") == 0
    assert len(counts.bigrams) > 240_000 and len(counts.unigrams) > 80_000


def test_missing_lists_are_a_clear_error(tmp_path):
    with pytest.raises(collocations.Missing, match="could not be read"):
        collocations.Counts.read(tmp_path)


def test_the_lists_are_read_only_when_a_word_fit_rule_is_on():
    code = ("from copylint.engine import Linter\n"
            "from copylint.config import Config\n"
            "from copylint import collocations\n"
            "Linter(config=Config()).check_text('The council met on Monday to spend more on roads.')\n"
            "print(collocations.counts.cache_info().currsize, 'symspellpy' in __import__('sys').modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["0", "False"]
