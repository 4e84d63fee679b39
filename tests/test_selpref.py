"""Selectional preferences learnt from clean copy (copylint/selpref.py): the relations read from a
parse, the misfit judgement, the shipped table, and the word-fit rule's use of a misfit as a pattern
that confirms the model's doubt."""
import pytest

from copylint import data, selpref
from copylint.config import Config
from copylint.nlp import get_nlp

POLICY = {"min_seen": 10, "smooth": 1.0, "lift": 0.3, "judge": "dominant", "min_doubt": 0.4}
#: a made-up table: `launch` took weapons and vehicles 40 times; the base rates of the relation
TABLE = ("obj\t*\t1000\tartifact.weapon 50.0\tartifact.vehicle 50.0\tfood 100.0\tperson 400.0\tact 400.0\n"
         "obj\tlaunch\t40\tartifact.weapon 30.0\tartifact.vehicle 10.0\n"
         "obj\tbake\t5\tfood 5.0\n")


def _prefs(**policy):
    return selpref.Preferences({**POLICY, **policy}, TABLE, data.wordnet_classes())


def test_arcs_read_objects_subjects_compounds_and_adjectives():
    doc = get_nlp(Config().spacy_model)("The army fired a rocket at the base, and the mortar attacks left deep craters.")
    got = {a for tok in doc for a in selpref.token_arcs(tok)}
    assert ("subj", "fire", "army", 1) in got
    assert ("obj", "fire", "rocket", 1) in got
    assert ("mod", "attack", "mortar", 1) in got and ("modof", "mortar", "attack", 0) in got
    assert ("amod", "deep", "crater", 0) in got
    # names and capitalised words are never a noun of a relation
    doc = get_nlp(Config().spacy_model)("Officials met Smith in Paris.")
    assert not [a for tok in doc for a in selpref.token_arcs(tok) if a[2] in ("smith", "paris")]


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


def test_a_token_in_a_misfit_pair_is_marked_either_word(monkeypatch):
    monkeypatch.setattr(selpref, "preferences", _prefs)
    doc = get_nlp(Config().spacy_model)("The army launched a vinegar at the village.")
    marked = {t.text for t in doc if selpref.preferences().token_misfit(t)}
    assert marked == {"launched", "vinegar"}
    doc = get_nlp(Config().spacy_model)("The army launched a missile at the village.")
    assert not any(selpref.preferences().token_misfit(t) for t in doc)


def test_the_shipped_table_is_well_formed():
    p = selpref.preferences()
    classes = {c for senses in data.wordnet_classes().senses.values() for c, _, _ in senses}
    assert set(p.base) == set(selpref.RELATIONS)
    for rel, base in p.base.items():
        assert set(base) <= classes and abs(sum(base.values()) - 1.0) < 1e-6
    assert p.table and all(rel in selpref.RELATIONS and n >= 1 and set(by) <= classes and word == word.lower()
                           for (rel, word), (n, by) in p.table.items())


def _rule_findings(monkeypatch, cands, min_doubt, **cal):
    from copylint.checks import garble
    from copylint.readers import load_article

    shipped = {**garble.combiner(), **cal}
    monkeypatch.setattr(garble, "combiner", lambda: shipped)
    monkeypatch.setattr(selpref.preferences(), "min_doubt", min_doubt)
    rule = garble.WordFitRule(Config())
    monkeypatch.setattr(rule, "candidates", lambda article: cands)
    article = load_article("a.txt", "The army launched a vinegar at the village.\n", "text")
    return [(f.severity.name.lower(), f.kind) for f in rule.check(article)]


@pytest.mark.parametrize("p,pattern,expected", [
    (0.5, "selpref", ("warning", "confirmed")),  # a misfit from its own level
    (0.35, "selpref", ("info", "hint")),         # below it: a hint
    (0.5, "list", ("info", "hint")),             # the other patterns keep the confirmed level
    (0.5, None, ("info", "hint")),
])
def test_a_misfit_confirms_from_its_own_level(monkeypatch, p, pattern, expected):
    from copylint.checks.garble import Candidate
    from copylint.wordfit import WordScore

    class Tok:
        text = lower_ = "vinegar"
        lemma_ = "vinegar"

    cand = Candidate(Tok(), WordScore(20, 27, 1.0), [], p=p, pattern=pattern)
    assert _rule_findings(monkeypatch, [cand], 0.4, warning=0.9, confirmed=0.7, info=0.2) == [expected]


def test_the_model_and_a_misfit_together_warn_where_the_model_alone_hints(linter, monkeypatch):
    """The shipped model doubts `vinegar` below its warning level; the verb never took food as its
    object in clean copy, so the doubt is confirmed. With misfits off (their level above any doubt)
    the same word is only a hint."""
    text = "The army launched a vinegar at the village, killing three people.\n"
    cfg = Config(select=("word-fit",))

    def found():
        return [(f.severity.name.lower(), f.kind, text[f.start:f.end])
                for f in linter.check_text(text, path="a.txt", fmt="text", cfg=cfg) if f.rule == "word-fit"]

    assert found() == [("warning", "confirmed", "vinegar")]
    monkeypatch.setattr(selpref.preferences(), "min_doubt", 1.1)
    assert found() == [("info", "hint", "vinegar")]
