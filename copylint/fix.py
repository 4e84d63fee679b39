"""``--fix`` and ``--diff``: apply the safe mechanical fixes that rules attach to their findings.

A finding of a rule with ``fixable = True`` may carry ``fix``: the replacement text for its span in
the original file (``raw_start``/``raw_end``, filled by the engine). An empty fix deletes the span;
when the span is all the prose of its line(s) (a duplicated line, a standalone boilerplate line),
the whole line goes, with its line ending and one neighbouring blank line, so no double blank line
is left behind. Fixes that overlap are not applied together: the non-overlapping ones are applied,
the text is checked again and the loop repeats (at most ``MAX_PASSES`` times) until nothing is left
to fix. Files are written atomically in their own encoding; line endings are kept because fixes
edit the raw text, which keeps them.
"""
from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, field

from copylint.article import Article
from copylint.finding import Finding
from copylint.sources import display_path

MAX_PASSES = 5
_WS = re.compile(r"\s+")
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$")


def replacement(article: Article, start: int, end: int, text: str) -> str | None:
    """``text`` as the fix for ``article.text[start:end]``, or None when the original file's span is
    not that prose (markup, an entity or a comment inside it) and replacing it could break the file.
    Differences in white space and line endings are allowed. For rules building their ``fix``."""
    if end <= start:
        return None
    rs = article.to_raw(start)
    re_ = article.to_raw_end(end)
    if re_ <= rs:
        return None
    raw = article.raw[rs:re_]
    if _WS.sub(" ", raw) != _WS.sub(" ", article.text[start:end]):
        return None
    return text


@dataclass(frozen=True)
class Edit:
    start: int  # raw offsets, end exclusive
    end: int
    text: str
    rule: str = ""


def fixable(f: Finding) -> bool:
    """A finding whose fix may be applied without a human: it has one and its rule says so."""
    if f.fix is None:
        return False
    from copylint.rule import all_rules

    cls = all_rules().get(f.rule)
    return bool(cls is not None and cls.fixable)


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
    t_starts, r_starts, r_ends, ident = (article._t_starts, article._r_starts, article._r_ends,
                                         article._ident)
    n = len(t_starts)
    ordered = _monotonic(article)  # readers append in file order: look only near the lines
    first = max(0, bisect.bisect_left(r_starts, ls) - 1) if ordered else 0
    for k in range(first, n):
        a, b = r_starts[k], r_ends[k]
        if ordered and a > le:
            break
        if b < ls or a >= le:
            continue
        t0 = t_starts[k]
        t1 = t_starts[k + 1] if k + 1 < n else len(text)
        if ident[k]:
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


def _monotonic(article: Article) -> bool:
    cached = getattr(article, "_fix_monotonic", None)
    if cached is None:
        rs, re_ = article._r_starts, article._r_ends
        cached = all(rs[k] <= rs[k + 1] and re_[k] <= rs[k + 1] for k in range(len(rs) - 1))
        article._fix_monotonic = cached
    return cached


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


# --- driving ------------------------------------------------------------------------------------
def fix_text(linter, raw: str, path: str, fmt: str, cfg, findings: list[Finding],
             encoding: str = "utf-8") -> tuple[str, list[Finding], int]:
    """Apply fixes to ``raw`` until stable: (fixed text, findings that remain, fixes applied)."""
    from copylint.readers import load_article

    text = raw
    applied = 0
    for _ in range(MAX_PASSES):
        if not any(fixable(f) for f in findings):
            break
        article = load_article(path, text, fmt, encoding=encoding)
        edits = plan(article, findings)
        if not edits:
            break
        new = apply(text, edits)
        if new == text:
            break
        applied += len(edits)
        text = new
        findings = linter.check_text(text, path=path, fmt=fmt, cfg=cfg)
    return text, findings, applied


@dataclass
class FixOutcome:
    """What ``--fix``/``--diff`` did to one file."""

    path: str
    original: str
    fixed: str
    applied: int
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff (``--- a/path``/``+++ b/path``), marking a missing final newline as git does."""
    a = before.splitlines(keepends=True)
    b = after.splitlines(keepends=True)
    out = []
    for line in difflib.unified_diff(a, b, fromfile=f"a/{path}", tofile=f"b/{path}"):
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def fix_results(linter, results, write: bool) -> list[FixOutcome]:
    """Fix every file in ``results`` that has a fixable finding (needs ``Linter(keep_articles=True)``).

    With ``write`` the files are rewritten atomically (never standard input: its fixed text is in
    the outcome for the caller to print); the results' findings are replaced by the ones that
    remain. Files without a fixable finding are not touched.
    """
    from copylint.fileio import atomic_write
    from copylint.readers import format_for, load_article
    from copylint.sources import read_source

    outcomes: list[FixOutcome] = []
    for res in results:
        if res.error or not any(fixable(f) for f in res.findings):
            continue
        art = res.article
        is_stdin = res.path == "-"
        cfg = linter.config_for(res.path)
        fmt = "text" if is_stdin else format_for(res.path)
        shown = display_path(res.path)
        if art is None:
            src = read_source(res.path, cfg.max_file_size) if not is_stdin else None
            if src is None or src.error or src.empty:
                outcomes.append(FixOutcome(res.path, "", "", 0,
                                           error=f"{shown}: cannot re-read the input to fix it"))
                continue
            raw, encoding = src.text, src.encoding
        else:
            raw, encoding = art.raw, art.encoding
        fixed, remaining, applied = fix_text(linter, raw, shown, fmt, cfg, res.findings, encoding)
        out = FixOutcome(res.path, raw, fixed, applied, findings=remaining)
        outcomes.append(out)
        if not out.changed:
            continue
        if write and not is_stdin:
            try:
                fixed.encode(encoding)
                current = read_source(res.path, cfg.max_file_size)
                if current.error or current.text != raw:
                    out.error = f"{res.path}: changed on disk while being checked; not fixed"
                    continue
                atomic_write(res.path, fixed, encoding=encoding, newline="")
            except UnicodeEncodeError:
                out.error = f"{res.path}: the fixed text cannot be written as {encoding}; not fixed"
                continue
            except OSError as exc:
                out.error = f"{res.path}: cannot write the fixed file ({exc.strerror or exc})"
                continue
        if write:
            res.findings = remaining
            if res.article is not None:
                res.article = load_article(shown, fixed, fmt, encoding=encoding)
    return outcomes


def run_fixes(linter, results, diff: bool, output: str | None = None,
              quiet: bool = False) -> tuple[bool, int | None]:
    """The command line's ``--fix``/``--diff``: (some fix failed, the exit code when the run ends
    here). ``--diff`` prints the diff (to ``output`` when given) and ends the run: exit 1 when a
    file would change, 0 when none would, 2 when an input could not be checked. ``--fix`` rewrites
    the files (standard input: the fixed text is printed) and lets the report of what remains follow."""
    import sys

    outcomes = fix_results(linter, results, write=not diff)
    failed = False
    for o in outcomes:
        if o.error:
            print(f"copylint: error: {o.error}", file=sys.stderr)
            failed = True
    changed = [o for o in outcomes if o.changed and not o.error]
    n_fixes = sum(o.applied for o in changed)
    if diff:
        text = "".join(unified_diff(display_path(o.path), o.original, o.fixed)
                       for o in changed)
        if output:
            from copylint.fileio import atomic_write
            atomic_write(output, text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
        if not quiet:
            print(f"copylint: {n_fixes} fix(es) would be applied to {len(changed)} file(s)", file=sys.stderr)
        if failed or any(r.error for r in results):
            return failed, 2
        return failed, 1 if changed else 0
    stdin = [r for r in results if r.path == "-" and not r.error]
    if stdin:
        fixed = {o.path: o.fixed for o in outcomes if not o.error}
        art = stdin[0].article
        sys.stdout.write(fixed.get("-", art.raw if art is not None else ""))
        sys.stdout.flush()
    if not quiet and changed:
        print(f"copylint: fixed {n_fixes} finding(s) in {len(changed)} file(s)", file=sys.stderr)
    return failed, None
