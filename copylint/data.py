"""Rule data shipped in the wheel: the repository's ``rules/`` folder, installed as ``copylint.ruledata``.

The one loader of rule data: rules read their word lists, phrases and tables through it, never from
Python constants. ``words("months")`` is a named list of ``rules/words.toml``; ``phrases(file)`` a
list one entry a line; ``pairs(file, sep)`` lines ``left SEP right``; ``toml(file)`` a table;
``noun_classes()`` the coarse noun classes of ``rules/noun_classes.toml``; ``wordnet_classes()`` the
classes derived from WordNet (``rules/noun_classes_wordnet.txt``) with the policy of that file's
``[wordnet]`` section.
"""
from __future__ import annotations

import hashlib
import tomllib
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

#: the kinds of file rule data comes in (``.zip``: the residue model, session 17)
SUFFIXES = (".txt", ".toml", ".json", ".zip")


def root():
    """The rule data folder (a ``Traversable``: a folder, or a place inside a zip): the installed
    package ``copylint.ruledata``, or, where copylint is imported from a source checkout without
    its install (the checkout on ``PYTHONPATH``, or a script run from it by a Python whose editable
    install is not there or is being rewritten by ``pip install -e``: "No module named
    copylint.ruledata"), the checkout's own ``rules/`` beside the package."""
    try:
        return resources.files("copylint.ruledata")
    except ModuleNotFoundError:
        checkout = Path(__file__).resolve().parent.parent / "rules"
        if (checkout / "__init__.py").is_file():
            return checkout
        raise


def read_text(name: str) -> str:
    return root().joinpath(name).read_text(encoding="utf-8")


def read_bytes(name: str) -> bytes:
    return root().joinpath(name).read_bytes()


def fingerprint(folder=None) -> str:
    """A hash of every rule data file's name and content (``folder``: the rule data by default), so
    that editing ``rules/*.txt`` or ``*.toml`` changes the result cache's key."""
    h = hashlib.sha256()
    folder = root() if folder is None else folder
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file() and entry.name.endswith(SUFFIXES):
            h.update(entry.name.encode("utf-8") + b"\0")
            h.update(entry.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


@lru_cache(maxsize=None)
def phrases(name: str) -> tuple[str, ...]:
    """A phrase list: one entry a line, ``#`` comments and blank lines skipped."""
    out = []
    for line in read_text(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=None)
def pairs(name: str, sep: str) -> tuple[tuple[str, str], ...]:
    """Lines ``left SEP right`` (a trailing ``# note`` is dropped)."""
    out = []
    for line in phrases(name):
        line = line.split("  #", 1)[0].strip()
        if sep in line:
            a, b = line.split(sep, 1)
            out.append((a.strip(), b.strip()))
    return tuple(out)


@lru_cache(maxsize=None)
def toml(name: str) -> dict:
    return tomllib.loads(read_text(name))


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """A named word list of ``rules/words.toml`` (a KeyError names a list that is not there)."""
    return frozenset(toml("words.toml")[name])


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """A named word list of ``rules/words.toml``, in its order."""
    return tuple(toml("words.toml")[name])


class NounClasses:
    """Coarse classes of common nouns (rules/noun_classes.toml)."""

    def __init__(self, table: dict) -> None:
        self.tags: dict[str, set[str]] = {}
        self.agent: set[str] = set()
        #: pairs of groups a step apart (``[near] pairs``), as tags: {frozenset({"g:place", "g:transport"})}
        self.near: set[frozenset[str]] = {frozenset("g:" + g for g in pair)
                                          for pair in table.get("near", {}).get("pairs", [])}
        for name, spec in table.get("class", {}).items():
            tags = {"c:" + name} | {"g:" + g for g in spec.get("groups", [])}
            for w in spec.get("words", []):
                w = w.lower()
                self.tags.setdefault(w, set()).update(tags)
                if spec.get("agent"):
                    self.agent.add(w)

    def lookup(self, lemma: str) -> set[str] | None:
        return self.tags.get(lemma.lower())

    def near_to(self, a: set[str], b: set[str]) -> bool:
        """Whether two members' tags are a step apart: a group of one and a group of the other form
        a ``[near]`` pair."""
        return any(frozenset((x, y)) in self.near for x in a for y in b)


@lru_cache(maxsize=1)
def noun_classes() -> NounClasses:
    return NounClasses(toml("noun_classes.toml"))


class WordNetClasses:
    """Noun classes derived from WordNet (``rules/noun_classes_wordnet.txt``, built by
    tools/build_noun_classes.py), read by the policy of ``rules/noun_classes.toml`` ``[wordnet]``:
    a sense weighs its tag count plus ``smooth``; a word's class is clear when its heaviest class and
    those that share a tag with it hold ``dominant`` of its weight; ``agent`` classes go with
    anything; a class's tags are itself and its ``groups`` (two members fit when they share a tag);
    ``near`` pairs of tags are a step apart."""

    def __init__(self, policy: dict, text: str) -> None:
        self.smooth = float(policy["smooth"])
        self.dominant = float(policy["dominant"])
        self.agent = frozenset(policy["agent"])
        #: the classes a list may be read in (the others' class): concrete kinds
        self.judged = frozenset(policy["judged"])
        #: the abstract classes an odd one may be of among concrete others (a quality, a feeling, a
        #: thought among things), reported as a hint
        self.abstract = frozenset(policy.get("abstract", ()))
        #: an abstract odd one's senses of other abstract classes (an act, a message) rarer than this
        #: share of its weight are set aside
        self.abstract_share = float(policy.get("abstract_share", 0.0))
        self.groups = {c: frozenset(["c:" + c, *("g:" + g for g in gs)]) for c, gs in policy["groups"].items()}
        self.near = {frozenset(pair) for pair in policy.get("near", [])}
        #: word -> ((class, tag count, senses), ...)
        self.senses: dict[str, tuple[tuple[str, int, int], ...]] = {}
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            word, rest = line.split("\t", 1)
            parts = rest.split()
            self.senses[word] = tuple((c, int(n), int(k)) for c, n, k in
                                      ((parts[i], *parts[i + 1].split("/")) for i in range(0, len(parts), 2)))

    def tags(self, cls: str) -> frozenset[str]:
        return self.groups.get(cls, frozenset(["c:" + cls]))

    def dominant_class(self, word: str) -> str | None:
        """The word's heaviest class when the senses that share a tag with it (itself or a group:
        `apple` the food and the plant) hold at least ``dominant`` of its weight, else None (unknown
        too)."""
        senses = self.senses.get(word.lower())
        if not senses:
            return None
        weights = [(n + self.smooth * k, c) for c, n, k in senses]
        cls = max(weights)[1]
        kin = sum(w for w, c in weights if self.tags(c) & self.tags(cls))
        return cls if kin >= self.dominant * sum(w for w, _ in weights) else None

    def classes(self, word: str, share: float = 0.0) -> list[str]:
        """The classes of the word's senses, however rare; with ``share``, those that hold at least
        that share of its weight."""
        senses = self.senses.get(word.lower(), ())
        if share:
            total = sum(n + self.smooth * k for _, n, k in senses)
            senses = [s for s in senses if s[1] + self.smooth * s[2] >= share * total]
        return [c for c, _, _ in senses]

    def all_tags(self, word: str, share: float = 0.0) -> frozenset[str]:
        """The tags of every sense of the word, however rare; with ``share``, of the classes that
        hold at least that share of its weight."""
        return frozenset().union(*(self.tags(c) for c in self.classes(word, share)))

    def near_to(self, a: frozenset[str], b: frozenset[str]) -> bool:
        """Whether a tag of one and a tag of the other form a ``near`` pair (names without the
        ``c:``/``g:`` prefix)."""
        return any(frozenset((x[2:], y[2:])) in self.near for x in a for y in b)


@lru_cache(maxsize=1)
def wordnet_classes() -> WordNetClasses:
    policy = toml("noun_classes.toml")["wordnet"]
    return WordNetClasses(policy, read_text(policy["file"]))


#: a class of the hand table reads as a WordNet class when more than this share of its words whose
#: WordNet class is clear have that one (a majority)
HAND_AS_WORDNET_SHARE = 0.5


@lru_cache(maxsize=1)
def hand_wordnet_classes() -> dict[str, str]:
    """Each class of the hand table (``rules/noun_classes.toml``) as a WordNet class, read from its
    own words: the WordNet class most of its words with a clear one have (``HAND_AS_WORDNET_SHARE``),
    none where its words scatter ("weapon" -> "artifact.weapon", "food" -> "food"; "utensil" none)."""
    wn = wordnet_classes()
    out = {}
    for name, spec in toml("noun_classes.toml").get("class", {}).items():
        if spec.get("agent"):
            continue
        got = Counter(c for w in spec.get("words", []) if (c := wn.dominant_class(w)) is not None)
        if got:
            cls, n = got.most_common(1)[0]
            if n > HAND_AS_WORDNET_SHARE * sum(got.values()):
                out[name] = cls
    return out
