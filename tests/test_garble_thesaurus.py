"""The word-fit training's Aiksaurus reader (training/garble/lexicon.py) and its place in the
training corruption (corrupt.py). Training-side code: CI never trains, but the reader is tested on
small files built here, in the format Debian's libaiksaurus-1.2-data ships."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training" / "garble"))
import corrupt  # noqa: E402
import lexicon  # noqa: E402

END = b"\xff\xff"


def _u16(*values: int) -> bytes:
    return b"".join(v.to_bytes(2, "big") for v in values)


def _write(folder: Path, words: list[tuple[str, list[int]]], meanings: list[list[int]]) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "words.dat").write_bytes(b"".join(w.encode("latin-1") + b"\0" + _u16(*m) + END for w, m in words))
    (folder / "meanings.dat").write_bytes(b"".join(_u16(*m) + END for m in meanings))
    return folder


# words 0-4; meaning 0 ("abandon, desert": abandon, desert, give up, quit), meaning 1 ("desert,
# wasteland": desert, wasteland), meaning 2 ("quit, desist": quit, Desist)
WORDS = [("abandon", [0]), ("desert", [0, 1]), ("give:up", [0]), ("quit", [0, 2]), ("wasteland", [1]),
         ("Desist", [2])]
MEANINGS = [[0, 1, 0, 1, 2, 3], [1, 4, 1, 4], [3, 5, 3, 5]]


def test_reads_words_links_and_meanings(tmp_path):
    words, links, meanings = lexicon.read_aiksaurus(_write(tmp_path / "a", WORDS, MEANINGS))
    assert words == ["abandon", "desert", "give up", "quit", "wasteland", "Desist"]
    assert links == [[0], [0, 1], [0], [0, 2], [1], [2]]
    assert meanings == MEANINGS


def test_a_meaning_index_with_a_zero_or_ff_byte_is_read_whole(tmp_path):
    # indices are two bytes after the NUL: 0x0100 and 0x00ff must not end a word or a record
    many = [[0, 0, 0]] * 0x101
    words, links, _ = lexicon.read_aiksaurus(_write(tmp_path / "a", [("x", [0x100, 0xFF])], many))
    assert words == ["x"] and links == [[0x100, 0xFF]]


@pytest.mark.parametrize("words_dat, meanings_dat, message", [
    (b"abandon\0" + _u16(0), _u16(0, 0, 0) + END, "no ff ff end"),
    (b"abandon", _u16(0, 0, 0) + END, "no NUL"),
    (b"abandon\0" + _u16(0) + END, _u16(0, 0, 0), "no ff ff end"),
    (b"abandon\0" + _u16(0) + END, _u16(0, 0, 0) + END + b"\x01", "odd length"),
    (b"abandon\0" + _u16(1) + END, _u16(0, 0, 0) + END, "points past"),
    (b"abandon\0" + _u16(0) + END, _u16(0, 0, 7) + END, "not two titles"),
])
def test_a_damaged_file_is_a_clear_error(tmp_path, words_dat, meanings_dat, message):
    (tmp_path / "words.dat").write_bytes(words_dat)
    (tmp_path / "meanings.dat").write_bytes(meanings_dat)
    with pytest.raises(ValueError, match=message):
        lexicon.read_aiksaurus(tmp_path)


def test_entries_keep_one_word_lower_case_members_of_each_meaning(tmp_path, monkeypatch):
    monkeypatch.setattr(lexicon, "AIKSAURUS", _write(tmp_path / "a", WORDS, MEANINGS))
    lexicon.aiksaurus.cache_clear()
    try:
        th = lexicon.aiksaurus()
    finally:
        lexicon.aiksaurus.cache_clear()
    # "give up" (two words) and "Desist" (capitalised) are left out, and so is the word itself;
    # a meaning left with no member is dropped
    assert th == {"abandon": [["desert", "quit"]], "desert": [["abandon", "quit"], ["wasteland"]],
                  "quit": [["abandon", "desert"]], "wasteland": [["desert"]]}


def test_thesaurus_kinds_take_their_share_and_keep_the_others_proportions():
    assert corrupt.thesaurus_kinds(0) == corrupt.KINDS
    kinds = dict(corrupt.thesaurus_kinds(0.2))
    assert kinds["loose"] == pytest.approx(0.2)
    assert sum(kinds.values()) == pytest.approx(1.0)
    base = dict(corrupt.KINDS)
    assert kinds["sense"] / kinds["same"] == pytest.approx(base["sense"] / base["same"])


class _NoWordNet:
    def lemmas(self, word, pos=None):
        return []


def test_a_loose_substitute_must_take_the_words_part_of_speech_and_form(monkeypatch):
    pytest.importorskip("lemminflect")
    monkeypatch.setattr(lexicon, "aiksaurus", lambda: {"leave": [["desert", "wasteland", "lagging", "quit"]]})
    monkeypatch.setattr(lexicon, "wordnet", lambda: _NoWordNet())
    cor = corrupt.Corruptor([], seed=1, kinds=corrupt.thesaurus_kinds(1.0))
    # as a verb in the past tense: "wasteland" is no verb, "lagging" no lemma
    got = {cor.loose("leave", "VERB", "VBD") for _ in range(50)}
    assert got == {"desert", "quit"}
    # and replace() inflects it like the original
    toks = [[0, 2, "PRON", "PRP", "we", "s"], [3, 7, "VERB", "VBD", "leave", ""]]
    new, kind = cor.replace("We left early", toks, 1)
    assert kind == "loose" and new in ("deserted", "quit")
    assert cor.loose("arrive", "VERB", "VBD") is None


@pytest.mark.skipif(not (lexicon.AIKSAURUS / "words.dat").exists(), reason="libaiksaurus-1.2-data not installed")
def test_debians_files_read_and_link_both_ways():
    words, links, meanings = lexicon.read_aiksaurus()
    assert len(words) > 20_000 and len(meanings) > 2_000
    # the two files agree: nearly every word is a member of the meanings it points to, and every
    # meaning lists its two title words among its members
    linked = sum(len(m) for m in links)
    back = sum(1 for w, ms in enumerate(links) for m in ms if w in meanings[m][2:])
    assert back / linked > 0.99
    assert all(m[0] in m[2:] and m[1] in m[2:] for m in meanings)


def _words_by_group(n: int) -> dict[str, list[str]]:
    """``n`` made-up lower-case words of each of half 0, half 1's calibration sub-half and its other."""
    import itertools
    import string

    out = {"0": [], "1 calibration": [], "1 other": []}
    for letters in itertools.product(string.ascii_lowercase, repeat=3):
        w = "qu" + "".join(letters)
        key = "0" if lexicon.half(w) == 0 else "1 calibration" if lexicon.sub_half(w) == lexicon.CALIBRATION_SUB \
            else "1 other"
        if len(out[key]) < n:
            out[key].append(w)
        if all(len(v) == n for v in out.values()):
            return out
    raise AssertionError("too few words")


def _block(words: list[str]) -> dict:
    text, toks = "", []
    for w in words:
        toks.append([len(text), len(text) + len(w), "NOUN", "NN", w, ""])
        text += w + " "
    return {"text": text, "toks": toks}


def _swapped(cor, block, n):
    cor.replace = lambda text, toks, i: ("swap", "same")
    return [orig for *_, orig, _ in cor.corrupt_n(block, n)[1]]


def test_the_calibration_sub_half_splits_half_1_and_leaves_half_0_whole():
    groups = _words_by_group(40)
    assert all(lexicon.in_group(w, (0, None)) for w in groups["0"])
    assert all(lexicon.in_group(w, lexicon.GROUPS["1"][0]) for w in groups["1 calibration"])
    assert not any(lexicon.in_group(w, g) for w in groups["1 other"] for name in lexicon.GROUPS
                   for g in lexicon.GROUPS[name])
    # the sub-half is a hash of its own, not the half's: half 0 holds words of both sub-halves
    assert {lexicon.sub_half(w) for w in groups["0"]} == {0, 1}


def test_a_mixed_corruption_swaps_words_of_both_groups_and_never_the_evaluations_own():
    groups = _words_by_group(20)
    words = [w for trio in zip(*groups.values()) for w in trio]
    got = _swapped(corrupt.Corruptor([], seed=3, groups=lexicon.GROUPS["mix"]), _block(words), 10)
    assert len(got) == 10
    assert sum(w in groups["0"] for w in got) == 5 and sum(w in groups["1 calibration"] for w in got) == 5
    # half 1 alone: its calibration sub-half only
    got = _swapped(corrupt.Corruptor([], seed=3, groups=lexicon.GROUPS["1"]), _block(words), 10)
    assert set(got) <= set(groups["1 calibration"]) and len(got) == 10


def test_half_0_as_a_group_draws_what_training_drew():
    words = [w for trio in zip(*_words_by_group(20).values()) for w in trio]
    for seed in (1, 2, 3):
        assert _swapped(corrupt.Corruptor([], seed=seed, groups=lexicon.GROUPS["0"]), _block(words), 4) == \
            _swapped(corrupt.Corruptor([], seed=seed, wanted_half=0), _block(words), 4)


def _masked(seed, block, share, groups, can_mask=None):
    cor = corrupt.Corruptor([], seed=seed, wanted_half=0)
    cor.replace = lambda text, toks, i: ("swap", "same")
    import random

    return cor.corrupt_masked(block, 0.3, share, groups, random.Random(seed), can_mask)


def test_masking_nothing_is_the_corruption_of_runs_1_to_11():
    block = _block([w for trio in zip(*_words_by_group(20).values()) for w in trio])
    for seed in (1, 2, 3):
        cor = corrupt.Corruptor([], seed=seed, wanted_half=0)
        cor.replace = lambda text, toks, i: ("swap", "same")
        assert _masked(seed, block, 0.0, corrupt.MASK_GROUPS["all"]) == cor.corrupt(block, 0.3)


def test_masked_words_are_of_the_mask_groups_and_the_swaps_stay_half_0_and_the_same():
    groups = _words_by_group(40)
    block = _block([w for trio in zip(*groups.values()) for w in trio])
    for seed in (1, 2, 3):
        cor = corrupt.Corruptor([], seed=seed, wanted_half=0)
        cor.replace = lambda text, toks, i: ("swap", "same")
        plain = [(orig, kind) for *_, orig, kind in cor.corrupt(block, 0.3)[1]]
        for name in ("all", "mix"):
            text, spans = _masked(seed, block, 0.5, corrupt.MASK_GROUPS[name])
            # the swaps: the same words as without masking, all of half 0
            assert [(orig, kind) for *_, orig, kind in spans if kind == "same"] == plain
            assert all(w in groups["0"] for w, _ in plain)
            masked = {orig: kind for *_, orig, kind in spans if kind.startswith("mask")}
            assert all(text[s:e] == corrupt.MASK for s, e, _, kind in spans if kind.startswith("mask"))
            assert not set(masked) & {w for w, _ in plain}
            assert all(kind == f"mask{lexicon.half(w)}" for w, kind in masked.items())
            assert any(w in groups["0"] for w in masked) and any(w in groups["1 calibration"] for w in masked)
            # 'mix' never masks the sub-half eval_garble.py --unseen measures; 'all' does
            assert any(w in groups["1 other"] for w in masked) == (name == "all")


def test_only_the_words_the_corrector_can_name_are_masked():
    groups = _words_by_group(20)
    block = _block([w for trio in zip(*groups.values()) for w in trio])
    keep = set(groups["1 other"][:5])
    _, spans = _masked(4, block, 1.0, corrupt.MASK_GROUPS["all"], can_mask=lambda w: w in keep)
    assert {orig for *_, orig, kind in spans if kind.startswith("mask")} == keep  # half 1: never swapped


class _Synset:
    """A WordNet synset as corrupt.py reads it, whose relations come in the order given."""

    def __init__(self, name, lemmas, order=1):
        self._name, self._lemmas, self.order, self.up, self.down = name, lemmas, order, [], []

    def name(self):
        return self._name

    def lemma_names(self):
        return list(self._lemmas)

    def hypernyms(self):
        return self.up[::self.order]

    def hyponyms(self):
        return self.down[::self.order]


class _WordNet:
    """Two generic terms over six co-hyponyms of one sense of "rocket"; ``order`` -1 gives every
    relation reversed, as nltk's sets of pointers may come in another process (the salted hash)."""

    def __init__(self, order):
        self.sense = _Synset("rocket.n.01", ["rocket"], order)
        kinds = [_Synset(f"{k}.n.01", [k], order) for k in ("weapon", "vehicle")]
        for kind in kinds:
            kind.down = [self.sense] + [_Synset(f"{kind.name()[:3]}{j}.n.01", [f"{kind.name()[:3]}{j}"], order)
                                        for j in "abc"]
        self.sense.up = kinds

    def synsets(self, lemma, pos=None):
        return [self.sense] if lemma == "rocket" else []


def test_a_sibling_draw_does_not_follow_the_order_nltk_gives_the_relations(monkeypatch):
    # nltk keeps a synset's pointers in a set, so hypernyms() and hyponyms() come in an order set by
    # Python's string hash, salted afresh in each process: calibrate.py --prepare drew other
    # calibration versions in every run from the same seed (session 14)
    draws = []
    for order in (1, -1):
        monkeypatch.setattr(lexicon, "wordnet", lambda order=order: _WordNet(order))
        cor = corrupt.Corruptor([], seed=7)
        draws.append([cor.sibling("rocket", "NOUN") for _ in range(40)])
    assert draws[0] == draws[1]
    assert len(set(draws[0]) - {None}) >= 6  # co-hyponyms under both generic terms, and the terms
