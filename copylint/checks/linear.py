"""Indexes that keep the article-level rules linear on huge files, with the results of the plain
loops they replace (every pair of names).

``one_edit_pairs``: the pairs of name forms that can be variants (same in lower case, or cores one
edit apart), found through shared keys instead of by comparing every pair.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterable


def one_edit_pairs(forms: Iterable[str], core: Callable[[str], str], min_len: int = 1) -> list[tuple[str, str]]:
    """The pairs (a, b), a < b, of ``forms`` that are the same in lower case or whose ``core``s are
    one substitution, insertion, deletion or transposition apart (the shorter core at least
    ``min_len`` long), in the order a loop over every pair of ``forms`` (``for a in forms: for b in
    forms: if a < b``) meets them. Two such cores share a key: the core with one letter deleted, or
    the shorter core itself. Pairs of forms with the same core are included too (callers judge them)."""
    forms = list(forms)
    order = {f: i for i, f in enumerate(forms)}
    groups: dict[tuple, list[str]] = defaultdict(list)
    for f in forms:
        groups[("lower", f.lower())].append(f)
        c = core(f)
        if len(c) >= min_len:
            for k in {c} | {c[:i] + c[i + 1:] for i in range(len(c))}:
                groups[("core", k)].append(f)
    pairs = {(min(a, b), max(a, b)) for group in groups.values() if len(group) > 1
             for a in group for b in group if a != b}
    return sorted(pairs, key=lambda p: (order[p[0]], order[p[1]]))
