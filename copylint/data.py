"""Rule data shipped in the wheel: the repository's ``rules/`` folder, installed as ``copylint.ruledata``.

The one loader of rule data: rules read their word lists, phrases and tables through it, never from
Python constants. ``words("months")`` is a named list of ``rules/words.toml``; ``phrases(file)`` a
list one entry a line; ``pairs(file, sep)`` lines ``left SEP right``; ``toml(file)`` a table;
``noun_classes()`` the coarse noun classes of ``rules/noun_classes.toml``.
"""
from __future__ import annotations

import hashlib
import tomllib
from functools import lru_cache
from importlib import resources

#: the kinds of file rule data comes in (``.zip``: the residue model, session 17)
SUFFIXES = (".txt", ".toml", ".json", ".zip")


def root():
    """The rule data folder (a ``Traversable``: a folder, or a place inside a zip)."""
    return resources.files("copylint.ruledata")


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
