"""Indexes that keep the article-level rules linear on huge files, with the results of the plain
loops they replace (every pair of names, every earlier figure).

``one_edit_pairs``: the pairs of name forms that can be variants (same in lower case, or cores one
edit apart), found through shared keys instead of by comparing every pair.
``EarlierFigures``: "the first earlier mention whose figure contradicts this one" in log time.
"""
from __future__ import annotations

import bisect
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


class EarlierFigures:
    """The figures seen so far for one quantity, each with the index of its first mention.

    Two figures contradict when the larger is at least ``ratio`` times the smaller (both positive)
    or when they differ but have the same ``digits`` (1.2 and 2.1). ``first_contradicting(v)`` is
    the least index of a figure added so far that contradicts ``v``: figures ``ratio`` times smaller
    than ``v`` are a prefix of the sorted figures, those ``ratio`` times larger a suffix, and a
    Fenwick tree over each keeps the least index; figures with the same digits are looked up by
    them. ``values``: every figure that will be added."""

    def __init__(self, values: Iterable[float], ratio: float, digits: Callable[[float], str]) -> None:
        self.ratio = ratio
        self.digits = digits
        self.sorted = sorted({v for v in values if v > 0})
        self.rank = {v: i for i, v in enumerate(self.sorted)}
        n = len(self.sorted)
        self.low: list = [None] * (n + 1)   # least index among the ranks up to r
        self.high: list = [None] * (n + 1)  # the same over the ranks counted from the top
        self.first: dict[float, int] = {}
        self.by_digits: dict[str, list[tuple[int, float]]] = {}  # the first two figures of each

    def add(self, value: float, index: int) -> None:
        if value in self.first:
            return
        self.first[value] = index
        same = self.by_digits.setdefault(self.digits(value), [])
        if len(same) < 2:
            same.append((index, value))
        if value > 0:
            r = self.rank[value]
            _update(self.low, r, index)
            _update(self.high, len(self.sorted) - 1 - r, index)

    def has(self, value: float) -> bool:
        return value in self.first

    def first_contradicting(self, b: float) -> int | None:
        found = []
        if b > 0:
            vs, ratio = self.sorted, self.ratio
            lo, hi = 0, bisect.bisect_left(vs, b)  # smaller figures: b / v >= ratio on a prefix
            while lo < hi:
                mid = (lo + hi) // 2
                if b / vs[mid] >= ratio:
                    lo = mid + 1
                else:
                    hi = mid
            found.append(_least(self.low, lo))
            lo, hi = bisect.bisect_right(vs, b), len(vs)  # larger figures: v / b >= ratio on a suffix
            while lo < hi:
                mid = (lo + hi) // 2
                if vs[mid] / b >= ratio:
                    hi = mid
                else:
                    lo = mid + 1
            found.append(_least(self.high, len(vs) - lo))
        found += [i for i, v in self.by_digits.get(self.digits(b), ()) if v != b][:1]
        found = [i for i in found if i is not None]
        return min(found) if found else None


def _update(tree: list, r: int, index: int) -> None:
    r += 1
    while r < len(tree):
        if tree[r] is None or index < tree[r]:
            tree[r] = index
        r += r & -r


def _least(tree: list, r: int):
    """The least index among the first ``r`` ranks (None when there is none)."""
    best = None
    while r > 0:
        if tree[r] is not None and (best is None or tree[r] < best):
            best = tree[r]
        r -= r & -r
    return best
