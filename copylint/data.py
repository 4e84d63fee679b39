"""Rule data shipped in the wheel: the repository's ``rules/`` folder, installed as ``copylint.ruledata``."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources


def read_text(name: str) -> str:
    return resources.files("copylint.ruledata").joinpath(name).read_text(encoding="utf-8")


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
