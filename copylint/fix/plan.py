"""The fix planner: the edits of the raw text that the fixable findings of one article ask for.

A finding of a rule with ``fixable = True`` may carry ``fix``: the replacement text for its span in
the original file (``raw_start``/``raw_end``, filled by the engine). An empty fix deletes the span;
when the span is all the prose of its line(s) (a duplicated line, a standalone boilerplate line),
the whole line goes, with its line ending and one neighbouring blank line, so no double blank line
is left behind. Edits that overlap are not planned together: the others are, and the next pass
(``copylint.fix.write.fix_text``) takes the rest. Reads the article's public offset map only.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from copylint.article import Article
from copylint.finding import Finding

_LINES = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$")


@dataclass(frozen=True)
class Edit:
    start: int  # raw offsets, end exclusive
    end: int
    text: str
    rule: str = ""


def fixable(f: Finding) -> bool:
    """A finding whose fix may be applied without a human: it has one and its rule says so."""
    return f.fix is not None and f.autofix


# --- planning ------------------------------------------------------------------------------------
def _lines(raw: str) -> list[tuple[int, int, int]]:
    """(start, content end, end including the line ending) for each line of ``raw``."""
    out = []
    for m in _LINES.finditer(raw):
        if m.end() == m.start():
            continue
        s = m.group()
        content = len(s.rstrip("\r\n"))
        out.append((m.start(), m.start() + content, m.end()))
    return out


def _prose_outside(article: Article, ls: int, le: int, rs: int, re_: int) -> bool:
    """True when raw ``[ls, le)`` holds prose other than the raw span ``[rs, re_)`` (markup and
    white space do not count)."""
    text = article.text
    segments = article.segments
    ordered = article.in_file_order  # readers append in file order: look only near the lines
    first = max(0, bisect.bisect_left(segments, ls, key=lambda g: g.raw_start) - 1) if ordered else 0
    for seg in segments[first:]:
        a, b = seg.raw_start, seg.raw_end
        if ordered and a > le:
            break
        if b < ls or a >= le:
            continue
        t0, t1 = seg.text_start, seg.text_end
        if seg.copied:
            lo, hi = max(a, ls), min(b, le)
            for x, y in ((lo, min(hi, rs)), (max(lo, re_), hi)):
                if y > x and text[t0 + x - a:t0 + y - a].strip():
                    return True
        else:
            if not text[t0:t1].strip():
                continue
            inside = rs <= a and b <= re_
            if not inside and (a < le and (b > ls or (a == b and a >= ls))):
                return True
    return False


def _blank(raw: str, line: tuple[int, int, int], fmt: str) -> bool:
    content = raw[line[0]:line[1]]
    if fmt == "markdown":
        content = content.replace(">", "")
    return not content.strip()


def _whole_lines(article: Article, f: Finding, lines: list[tuple[int, int, int]]) -> tuple[int, int] | None:
    """(first, last) line index when a finding's span is all the prose of those lines, else None."""
    rs, re_ = f.raw_start, f.raw_end
    starts = [ln[0] for ln in lines]
    l1 = bisect.bisect_right(starts, rs) - 1
    l2 = bisect.bisect_right(starts, max(re_ - 1, rs)) - 1
    if l1 < 0 or l2 < l1 or _prose_outside(article, lines[l1][0], lines[l2][2], rs, re_):
        return None
    return l1, l2


def _delete_lines(article: Article, l1: int, l2: int, lines: list[tuple[int, int, int]], rule: str) -> Edit:
    """Delete lines ``l1..l2`` with their line endings and one neighbouring blank line."""
    raw = article.raw
    ls, le = lines[l1][0], lines[l2][2]
    n = len(lines)
    prev_blank = l1 > 0 and _blank(raw, lines[l1 - 1], article.fmt)
    has_next = l2 + 1 < n
    next_blank = has_next and _blank(raw, lines[l2 + 1], article.fmt)
    first = l1
    if next_blank and (prev_blank or l1 == 0):
        le = lines[l2 + 1][2]  # between two blank lines (or at the top): one of them goes too
    elif prev_blank and not has_next:
        ls = lines[l1 - 1][0]  # at the end, after a blank line: the blank line goes too
        first = l1 - 1
    if le == len(raw) and raw[-1:] not in ("\n", "\r") and first > 0:
        # the last line had no line ending: keep it that way by taking the previous line's ending
        ls = lines[first - 1][1]
    return Edit(ls, le, "", rule)


def plan(article: Article, findings: list[Finding]) -> list[Edit]:
    """Non-overlapping edits for the fixable findings, in file order. Whole lines to delete that
    touch are merged first, so that the blank lines around them are judged once."""
    lines = None
    edits: list[Edit] = []
    line_groups: list[tuple[int, int, str]] = []
    for f in findings:
        if not fixable(f):
            continue
        rs, re_ = f.raw_start, f.raw_end
        if not (0 <= rs <= re_ <= len(article.raw)):
            continue
        if f.fix == "":
            if lines is None:
                lines = _lines(article.raw)
            whole = _whole_lines(article, f, lines)
            if whole is None:
                edits.append(Edit(rs, re_, "", f.rule))
            else:
                line_groups.append((*whole, f.rule))
        elif article.raw[rs:re_] != f.fix:
            edits.append(Edit(rs, re_, f.fix, f.rule))
    merged: list[list] = []
    for l1, l2, rule in sorted(line_groups):
        if merged and l1 <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], l2)
        else:
            merged.append([l1, l2, rule])
    edits.extend(_delete_lines(article, l1, l2, lines, rule) for l1, l2, rule in merged)
    edits.sort(key=lambda e: (e.start, -(e.end - e.start)))
    chosen: list[Edit] = []
    for e in edits:
        if chosen:
            last = chosen[-1]
            if e.start < last.end or (e.start == last.start and e.end == last.end):
                continue  # overlaps one already taken: left for the next pass
        chosen.append(e)
    return chosen


def apply(raw: str, edits: list[Edit]) -> str:
    out = []
    pos = 0
    for e in edits:
        out.append(raw[pos:e.start])
        out.append(e.text)
        pos = e.end
    out.append(raw[pos:])
    return "".join(out)
