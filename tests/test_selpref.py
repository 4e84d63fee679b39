"""Selectional preferences learnt from clean copy (training/garble/selpref.py: measured for issue 8,
not shipped): the relations read from a parse and the misfit judgement, on a made-up table."""
import sys
from pathlib import Path

from copylint import data
from copylint.config import Config
from copylint.nlp import get_nlp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training" / "garble"))
import selpref  # noqa: E402

#: a made-up table: `launch` took weapons and vehicles 40 times; the base rates of the relation
TABLE = ("obj\t*\t1000\tartifact.weapon 50.0\tartifact.vehicle 50.0\tfood 100.0\tperson 400.0\tact 400.0\n"
         "obj\tlaunch\t40\tartifact.weapon 30.0\tartifact.vehicle 10.0\n"
         "obj\tbake\t5\tfood 5.0\n")


def _prefs(**policy):
    return selpref.Preferences({**selpref.POLICY, **policy}, TABLE, data.wordnet_classes())


def _doc(text):
    return get_nlp(Config().spacy_model)(text)


def test_arcs_read_objects_subjects_compounds_and_adjectives():
    doc = _doc("The army fired a rocket at the base, and the mortar attacks left deep craters.")
    got = {a for tok in doc for a in selpref.token_arcs(tok)}
    assert ("subj", "fire", "army", 1) in got
    assert ("obj", "fire", "rocket", 1) in got
    assert ("mod", "attack", "mortar", 1) in got and ("modof", "mortar", "attack", 0) in got
    assert ("amod", "deep", "crater", 0) in got
    # names are never a noun of a relation
    assert not [a for tok in _doc("Officials met Smith in Paris.") for a in selpref.token_arcs(tok)
                if a[2] in ("smith", "paris")]


def test_a_noun_of_a_class_the_word_never_took_is_a_misfit():
    p = _prefs()
    assert p.misfit("obj", "launch", "vinegar")      # food: never launched in 40
    assert not p.misfit("obj", "launch", "missile")  # a weapon
    assert p.fit("obj", "bake", "vinegar") is None   # seen 5 times: too few to judge
    assert p.fit("obj", "unknown", "missile") is None
    assert p.fit("obj", "launch", "xqzzy") is None   # a noun of no class
    # a stricter lift (vinegar's class at 0.024 times its base rate) or a skip list judge otherwise
    assert not _prefs(lift=0.01).misfit("obj", "launch", "vinegar")
    assert _prefs(skip=["food"]).fit("obj", "launch", "vinegar") is None


def test_a_token_in_a_misfit_pair_is_marked_either_word():
    p = _prefs()
    marked = {t.text for t in _doc("The army launched a vinegar at the village.") if p.token_misfit(t)}
    assert marked == {"launched", "vinegar"}
    assert not any(p.token_misfit(t) for t in _doc("The army launched a missile at the village."))
