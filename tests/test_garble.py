"""Garble rules: the samples of their own (positive and negative) and the data they read."""
import pytest

from conftest import SAMPLES
from copylint.checks import garble
from copylint.config import Config

GARBLE_RULES = ("list-intruder", "headless-list", "month-modifier", "verbless-sentence", "inverted-phrase")


def _findings(linter, name):
    [result] = linter.check_paths([str(SAMPLES / name)])
    assert result.error is None
    return [f for f in result.findings if f.rule in GARBLE_RULES]


def _text(name, f):
    line = (SAMPLES / name).read_text(encoding="utf-8").split("\n")[f.line - 1]
    return line[f.column - 1:f.end_column - 1]


def test_spun_sample_gives_exactly_the_planted_findings(linter):
    got = sorted((f.rule, f.line, _text("garble-spun.txt", f)) for f in _findings(linter, "garble-spun.txt"))
    assert got == [
        ("headless-list", 5, "rocket, mortar and drone"),
        ("inverted-phrase", 11, "cooperation with terrorism"),
        ("list-intruder", 9, "lettuce"),
        ("month-modifier", 7, "the July militia"),
    ]


def test_clean_sample_with_traps_is_silent_at_every_level(linter):
    assert [(f.rule, f.line, f.message) for f in _findings(linter, "garble-clean.txt")] == []


def test_inverted_phrase_suggests_the_intended_phrase(linter):
    [f] = [f for f in _findings(linter, "garble-spun.txt") if f.rule == "inverted-phrase"]
    assert f.suggestion == "cooperation against terrorism"


def test_inverted_phrase_ignores_hyphenated_compounds(linter):
    text = "The counter-cooperation with terrorism-related groups was ended."
    found = linter.check_text(text, path="x", fmt="text", cfg=Config(select=("inverted-phrase",)))
    assert found == []


def test_list_intruder_leaves_lists_with_unknown_words_alone(linter):
    text = "They discussed tanks, artillery and diplomacy at the summit."
    found = linter.check_text(text, path="x", fmt="text", cfg=Config(select=("list-intruder",)))
    assert found == []


@pytest.mark.parametrize("text,word", [
    ("The storm damaged houses, cars and boats.", "houses"),
    ("The strike shut ports, railways and lorries.", "lorries"),
    ("Investors put money into hotels, ferries and planes.", "hotels"),
])
def test_list_intruder_holds_a_place_among_vehicles_at_info(linter, text, word):
    # a place among the transport that serves it is only a step away (rules/noun_classes.toml
    # [near]): news lists cross it on purpose, so a hint, never a warning
    found = linter.check_text(text, path="x", fmt="text", cfg=Config(select=("list-intruder",)))
    assert [(text[f.start:f.end], f.severity.name, f.kind) for f in found] == [(word, "INFO", "near")]


def test_list_intruder_keeps_far_crossings_of_place_lists_as_warnings(linter):
    text = "The storm damaged roads, bridges and bread."
    found = linter.check_text(text, path="x", fmt="text", cfg=Config(select=("list-intruder",)))
    assert [(text[f.start:f.end], f.severity.name, f.kind) for f in found] == [("bread", "WARNING", None)]


def test_month_modifier_reads_headlines_too_but_not_dated_names(linter):
    text = "The April union strikes again\n\nThe January 6 committee and the June Movement met."
    found = linter.check_text(text, path="x", fmt="text", cfg=Config(select=("month-modifier",)))
    assert [text[f.start:f.end] for f in found] == ["The April union"]


def test_noun_class_data_is_well_formed():
    classes = garble.noun_classes()
    assert "c:food" in classes.lookup("bread") and "c:weather" in classes.lookup("weather")
    assert "group" in classes.agent and "bread" not in classes.agent
    # the [near] pairs name groups some class has, and a place is a step from a vehicle only
    groups = {t for tags in classes.tags.values() for t in tags if t.startswith("g:")}
    assert classes.near and all(pair <= groups for pair in classes.near)
    assert classes.near_to(classes.lookup("bridge"), classes.lookup("truck"))
    assert not classes.near_to(classes.lookup("bread"), classes.lookup("truck"))
    # every class word is lower case and the dated nouns never include a body or a group
    assert all(w == w.lower() for w in classes.tags)
    dated = garble.dated_nouns()
    assert not {w for w in dated if "c:body" in (classes.lookup(w) or set())} - {"class"}


def test_inverted_phrase_entries_match_themselves_and_not_their_correction():
    from copylint import data

    pats = garble.inverted_phrases()
    wrongs = [w for w, _ in data.pairs("inverted_phrases.txt", "=>")]
    assert len(pats) == len(wrongs) > 10
    for (pat, intended, _), wrong in zip(pats, wrongs):
        assert pat.search(f"They said {wrong} was the plan.")
        assert not pat.search(f"They said {intended} was the plan.")


def _list_intruder(linter, text):
    # the noun table and the WordNet classes alone: the embeddings extra, where installed, judges
    # lists by meaning besides (its own tests are in test_semantic.py)
    found = linter.check_text(text, path="x", fmt="text", cfg=Config(select=("list-intruder",), semantic="off"))
    return [(text[f.start:f.end], f.severity.name, f.kind) for f in found]


def test_list_intruder_reads_the_wordnet_classes_where_the_hand_table_is_silent(linter, monkeypatch):
    # `pumpkin` is in no class of rules/noun_classes.toml: the classes derived from WordNet read the list
    text = "Troops found pistols, bullets and pumpkins in the house."
    assert _list_intruder(linter, text) == [("pumpkins", "WARNING", "wordnet")]
    # with the derived table empty, the list is left alone (or to the embeddings extra, as a hint)
    from copylint import data
    empty = data.WordNetClasses(data.toml("noun_classes.toml")["wordnet"], "")
    monkeypatch.setattr(garble, "wordnet_classes", lambda: empty)
    assert [f for f in _list_intruder(linter, text) if f[1] != "INFO"] == []


@pytest.mark.parametrize("text", [
    "The museum displays swords, shields and helmets.",           # kinds of artifact that go together
    "The city helps them with electricity, gas, and gasoline costs.",  # a list of the last noun's modifiers
    "Rebels looted apples, pears and cabbages from the farms.",   # food or plant: one kind in WordNet
])
def test_list_intruder_passes_sound_lists_the_wordnet_classes_read(linter, text):
    assert _list_intruder(linter, text) == []


def test_wordnet_class_data_is_well_formed():
    wn = garble.wordnet_classes()
    assert 5000 < len(wn.senses) and all(w == w.lower() and " " not in w for w in wn.senses)
    assert wn.dominant_class("bread") == "food" and wn.dominant_class("rifle") == "artifact.weapon"
    assert wn.dominant_class("helicopter") == "artifact.vehicle"
    # a word of two common senses in different classes is not judged (a weapon, a building material)
    assert wn.dominant_class("mortar") is None
    # the policy names classes the file has, and groups only classes it names
    classes = {c for senses in wn.senses.values() for c, _, _ in senses}
    assert wn.judged <= classes and wn.agent <= classes and set(wn.groups) <= wn.judged
    groups = {t[2:] for tags in wn.groups.values() for t in tags if t.startswith("g:")}
    assert wn.near and all(pair <= groups for pair in wn.near)


def test_hand_classes_read_as_wordnet_classes():
    """A class of the hand table reads as the WordNet class most of its clear words have
    (``data.hand_wordnet_classes``); a class whose words scatter, and people, read as none."""
    from copylint import data
    got = data.hand_wordnet_classes()
    assert got["weapon"] == "artifact.weapon" and got["food"] == "food" and got["vehicle"] == "artifact.vehicle"
    assert "utensil" not in got and "person" not in got


def test_list_intruder_holds_an_abstract_odd_one_among_things_at_info(linter):
    # a quality, a feeling or a thought among members of one concrete kind (rules/noun_classes.toml
    # [wordnet] `abstract`): only a hint, since a news list mixes things and ideas on purpose
    text = "Neighbours brought blankets, pillows and courage to the shelter."
    assert _list_intruder(linter, text) == [("courage", "INFO", "wordnet-abstract")]


@pytest.mark.parametrize("text", [
    "They discussed tanks, artillery and diplomacy at the summit.",  # an act: sound news as often as not
    "Allies sent the rebels rifles, ammunition and intelligence.",   # a sense of a group and a message too
    "Troops seized rifles, grenades and information.",               # a message as much as a thought
    "Guests came dressed in wool coats, top hats and false beards.",  # a costume: clothes and a beard
    "The new phone has a brighter screen, faster memory and a better camera.",  # memory: a device too
    "The market sells bread, cheese and baked goods.",              # goods, read as "good": a commodity too
])
def test_list_intruder_leaves_abstract_odd_ones_of_other_kinds_alone(linter, text):
    assert _list_intruder(linter, text) == []


def test_wordnet_abstract_classes_are_classes_the_file_has_and_not_judged():
    wn = garble.wordnet_classes()
    classes = {c for senses in wn.senses.values() for c, _, _ in senses}
    assert wn.abstract and wn.abstract <= classes and not wn.abstract & (wn.judged | wn.agent)
    assert 0 <= wn.abstract_share < 0.5
