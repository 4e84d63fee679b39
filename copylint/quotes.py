"""Quotations: where the article quotes someone. The one notion of "inside a quotation" that
the engine's ``QUOTATIONS`` scope and the rules that pair quotation marks themselves share.

Double quotation marks come in every typography copy arrives in: straight, English curly and the
low-9 opener of German-style quotes. Their roles are read from the text around them, not from
the glyph: translated and pasted copy closes quotes with “ („Rumours“, “loss“) or opens them with
”, and the pairing is what a reader needs (``quote_role``, ``marks``).

A quotation (``quotations``) runs from its opening mark to its closing mark, inside one block,
across a line break if the paragraph has one. A mark that opens while a quotation is open either
re-opens it after a sentence end (a quotation over several paragraphs whose breaks were lost in
pasting) or nests a quotation in it; either way the outer quotation goes on until it closes. A
quotation never closed in its block runs to the block's end (the convention for a quotation over
several paragraphs: each paragraph opens, only the last closes), and a block that closes a
quotation opened in the block before it is quoted from its start to that mark. Single curly
quotes (‘…’) count when both marks are there; ’ is an apostrophe too often to open or run on.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterator, Sequence

from copylint.textutil import DOUBLE_QUOTES

_OPEN_BEFORE = "([{—–-/‘'"
CLOSE_AFTER = ".,;:!?)]}—–-…’'"
_CLOSERS = "'’)]"


def after_sentence_end(text: str, start: int, i: int) -> bool:
    """Whether ``text[start:i]`` ends a sentence: a full stop, ! ? or … then closing quotes or
    brackets and white space (read backwards from ``i``, so a paragraph of many marks stays linear)."""
    j = i
    while j > start and text[j - 1].isspace():
        j -= 1
    while j > start and text[j - 1] in _CLOSERS:
        j -= 1
    return j > start and text[j - 1] in ".!?…"
#: a straight quote that may be a mangled apostrophe: `the workers" mood`, `it"s`
APOSTROPHE = re.compile(r'(?<=[a-z]s)"(?=\s+[a-z])|(?<=[a-z])"(?=s\s)')


_MARK = re.compile(f"[{DOUBLE_QUOTES}]")
#: what may follow a closing mark to the end of its block: more marks, closing punctuation, space
_REST = re.compile(f"[{re.escape(DOUBLE_QUOTES + CLOSE_AFTER)} \t\n]*")


def quote_role(text: str, i: int, start: int, end: int) -> str | None:
    """'open', 'close', 'inch', 'skip' or None (ambiguous: the pairing decides) for the double
    quote at ``i`` in the block ``text[start:end]``."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if before.isalnum() and after.isalnum():
        return "skip"  # z"l, Ts"ahal (gershayim), 1974"s: not a quotation mark
    if text[i] == '"' and before.isdigit() and not after.isalnum():
        return "inch"  # 5'10" — an inch mark
    if _REST.match(text, i + 1, end).end() == max(end, i + 1):
        return "close"  # nothing left in the block to quote
    if (before.isspace() or before in _OPEN_BEFORE) and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in CLOSE_AFTER):
        return "close"
    return None


def marks(text: str, start: int, end: int, apostrophes: bool = True) -> Iterator[tuple[int, str, bool]]:
    """The double quotation marks of the block ``text[start:end]``, in order, as (offset, "open" or
    "close", whether a quotation was open before it). Inch marks and marks between two letters are
    left out, and so is a straight quote that may be a mangled apostrophe (`the workers" mood`)
    when nothing is open or ``apostrophes`` is true; an ambiguous mark closes an open quotation and
    otherwise opens one."""
    is_open = False
    for m in _MARK.finditer(text, start, end):
        i = m.start()
        if text[i] == '"' and (apostrophes or not is_open) and APOSTROPHE.match(text, i):
            continue
        role = quote_role(text, i, start, end)
        if role in ("inch", "skip"):
            continue
        if role is None:
            role = "close" if is_open else "open"
        yield i, role, is_open
        is_open = role == "open"


def pair(text: str, start: int, end: int, apostrophes: bool) -> tuple[list[int], list[int]]:
    """(openers never closed, closers with no opener) of the block ``text[start:end]``, in the
    reading ``apostrophes`` (see ``marks``). An opener inside an open quotation leaves the first
    unclosed, unless it follows a sentence end: then it re-opens the open quotation."""
    open_at: int | None = None
    stray: list[int] = []
    unclosed: list[int] = []
    for i, role, was_open in marks(text, start, end, apostrophes):
        if role == "open":
            if was_open and not after_sentence_end(text, start, i):
                unclosed.append(open_at)  # a new quotation inside an open one
            open_at = i
        elif was_open:
            open_at = None
        else:
            stray.append(i)
    if open_at is not None:
        unclosed.append(open_at)
    return unclosed, stray


def best_pairing(text: str, start: int, end: int) -> tuple[bool, tuple[list[int], list[int]]]:
    """(the reading of the block's straight quotes that pairs best, its ``pair``): a straight quote
    that may be a mangled apostrophe (`consumers" pockets`) is read both ways."""
    first = pair(text, start, end, apostrophes=True)
    if not first[0] and not first[1]:
        return True, first
    second = pair(text, start, end, apostrophes=False)
    if len(second[0]) + len(second[1]) < len(first[0]) + len(first[1]):
        return False, second
    return True, first


def _double_spans(text: str, start: int, end: int, open_before: bool) -> tuple[list[tuple[int, int]], bool]:
    """(quotations of double marks in one block, whether one is still open at its end);
    ``open_before``: the block before ended inside a quotation."""
    spans: list[tuple[int, int]] = []
    depth, opened = 0, start
    first = True
    apostrophes, _ = best_pairing(text, start, end)
    for i, role, _ in marks(text, start, end, apostrophes):
        if role == "open":
            if depth == 0:
                opened = i
                depth = 1
            elif not after_sentence_end(text, start, i):
                depth += 1  # a quotation inside the open one
            # after a sentence end the open quotation is re-opened: it goes on
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, i + 1))
        elif first and open_before:
            spans.append((start, i + 1))  # closes the quotation the block before left open
        first = False
    if depth:
        spans.append((opened, end))
    return spans, bool(depth)


_SINGLE = re.compile(r"(?<![\w’'])‘(?=\S)[^‘’\n]*?(?<=\S)’(?![\w’])")


def quotations(text: str, blocks: Sequence) -> list[tuple[int, int]]:
    """The quotations of an article, as sorted, disjoint (start, end) offsets into ``text``, marks
    included; ``blocks`` are its blocks (anything with ``start`` and ``end``), in text order."""
    out: list[tuple[int, int]] = []
    open_before = False
    for b in blocks:
        spans, open_before = _double_spans(text, b.start, b.end, open_before)
        for m in _SINGLE.finditer(text, b.start, b.end):
            spans.append((m.start(), m.end()))
        out.extend(_merge(spans))
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies within one of ``spans`` (sorted and disjoint, from
    ``quotations``)."""
    k = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= start and max(end, start + 1) <= spans[k][1]
