"""Selectional preferences learnt from clean copy: which classes of noun a word goes with.

A verb takes some kinds of object and subject (`fire` a weapon, a person, a shot; never a
substance); a noun takes some kinds of compound modifier (`mortar attacks`, not `mud attacks`) and
an adjective some kinds of noun. ``rules/selectional_preferences.txt`` (built by
training/garble/selpref.py from the clean news it was trained on, never tune or test) holds, for each
(word, relation) seen often enough, how often each WordNet noun class (rules/noun_classes_wordnet.txt)
stood in the noun's place. A pair whose noun has no class the word has taken in many observations
(its best class no likelier than ``lift`` times the relation's base rate, after smoothing) is a
*selectional misfit*: it confirms the word-fit model's doubt on either of its two words (the swapped
one is the one the model doubts). It reports nothing alone.

The relations, each a (word, noun) pair of one parse arc, are:

- ``obj``: a verb and its object (``dobj``, and the subject of a passive, ``nsubjpass``);
- ``subj``: a verb and its subject (``nsubj``);
- ``mod``: a noun and the noun that modifies it in a compound (word: the head, `attack`);
- ``modof``: the same arc read the other way (word: the modifier, `mortar`; noun: the head);
- ``amod``: an adjective and the noun it modifies.
"""
from __future__ import annotations

from functools import lru_cache

from . import data

RELATIONS = ("obj", "subj", "mod", "modof", "amod")


def _noun(text: str, pos: str, ent: bool) -> bool:
    return pos == "NOUN" and text.isalpha() and text.islower() and not ent


def arcs(text: str, lemma: str, pos: str, dep: str, ent: bool, h_text: str, h_lemma: str, h_pos: str,
         h_ent: bool) -> list[tuple[str, str, str, int]]:
    """The relations one parse arc (a word and its head) gives: ``(relation, word, noun, which)``
    with the word's and the noun's lemmas, and ``which`` 0 when the word is the arc's dependent, 1
    when it is the head. Shared by the training script (cached parses) and the rule (spaCy tokens)."""
    lemma, h_lemma = lemma.lower(), h_lemma.lower()
    if dep in ("dobj", "nsubjpass", "nsubj") and h_pos == "VERB" and _noun(text, pos, ent) and h_text.isalpha():
        return [("subj" if dep == "nsubj" else "obj", h_lemma, lemma, 1)]
    if dep == "compound" and _noun(text, pos, ent) and _noun(h_text, h_pos, h_ent):
        return [("mod", h_lemma, lemma, 1), ("modof", lemma, h_lemma, 0)]
    if dep == "amod" and pos == "ADJ" and text.isalpha() and text.islower() and _noun(h_text, h_pos, h_ent):
        return [("amod", lemma, h_lemma, 0)]
    return []


def token_arcs(tok) -> list[tuple[str, str, str, int]]:
    """The relations of a spaCy token's arc to its head (see ``arcs``)."""
    h = tok.head
    if h is tok:
        return []
    return arcs(tok.text, tok.lemma_, tok.pos_, tok.dep_, bool(tok.ent_type_),
                h.text, h.lemma_, h.pos_, bool(h.ent_type_))


class Preferences:
    """The table (``rules/selectional_preferences.txt``) with the policy of its ``[selpref]``
    section in rules/noun_classes.toml: ``min_seen`` observations of a (word, relation) before it is
    judged, ``smooth`` pseudo-observations at the relation's base rate, ``lift`` the most a misfit
    noun's best class may be likelier than that base rate, ``skip`` noun classes never judged."""

    def __init__(self, policy: dict, text: str, classes: data.WordNetClasses) -> None:
        self.min_seen = float(policy["min_seen"])
        self.smooth = float(policy["smooth"])
        self.lift = float(policy["lift"])
        #: the word-fit combiner's probability from which a misfit confirms the doubt (a warning)
        self.min_doubt = float(policy["min_doubt"])
        self.skip = frozenset(policy.get("skip", ()))
        self.relations = frozenset(policy.get("relations", RELATIONS))
        #: "any": a noun fits when any of its classes does; "dominant": its dominant class alone is
        #: judged, and a noun without one is not
        self.judge = policy.get("judge", "any")
        self.classes = classes
        #: (relation, word) -> (observations, {class: weight}); relation -> (total, {class: share})
        self.table: dict[tuple[str, str], tuple[float, dict[str, float]]] = {}
        self.base: dict[str, dict[str, float]] = {}
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            rel, word, n, *rest = line.split("\t")
            counts = {c: float(v) for c, v in (kv.rsplit(" ", 1) for kv in rest)}
            if word == "*":
                total = sum(counts.values())
                self.base[rel] = {c: v / total for c, v in counts.items()}
            else:
                self.table[(rel, word)] = (float(n), counts)

    def fit(self, rel: str, word: str, noun: str) -> float | None:
        """How much likelier than the relation's base rate the noun's best class is after ``word``
        in ``rel`` (smoothed), or None when the pair is not judged (unknown word or noun, too few
        observations, a noun of a skipped class)."""
        entry = self.table.get((rel, word))
        senses = self.classes.senses.get(noun)
        if entry is None or not senses or rel not in self.relations:
            return None
        n, counts = entry
        if n < self.min_seen or any(c in self.skip for c, _, _ in senses):
            return None
        base = self.base[rel]
        best = 0.0
        if self.judge == "dominant":
            dom = self.classes.dominant_class(noun)
            if dom is None:
                return None
            senses = ((dom, 0, 0),)
        for c, _, _ in senses:
            b = base.get(c, 0.0)
            if b <= 0.0:
                return None  # a class the relation never took anywhere: no evidence
            best = max(best, (counts.get(c, 0.0) + self.smooth * b) / (n + self.smooth) / b)
        return best

    def misfit(self, rel: str, word: str, noun: str) -> bool:
        f = self.fit(rel, word, noun)
        return f is not None and f <= self.lift

    def token_misfit(self, tok) -> bool:
        """Whether the token stands in a misfit pair, either of its two words: as the dependent of
        its arc to its head, or as the head of one of its children's."""
        arcs_ = token_arcs(tok) + [a for ch in tok.children for a in token_arcs(ch)]
        return any(self.misfit(rel, word, noun) for rel, word, noun, _ in arcs_)


@lru_cache(maxsize=1)
def preferences() -> Preferences:
    policy = data.toml("noun_classes.toml")["selpref"]
    return Preferences(policy, data.read_text(policy["file"]), data.wordnet_classes())
