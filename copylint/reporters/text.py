"""The human report: grouped by file, each finding with its line, the span underlined, a suggestion,
and a summary table. Colour on a terminal (never with ``--no-color`` or ``NO_COLOR``); the source
excerpt is cut to the terminal's width, and carets are measured in terminal cells, so they stay
under the span after wide characters (CJK, emoji) and combining marks."""
from __future__ import annotations

import io
import re
import unicodedata
from typing import Iterator

from rich.cells import get_character_cell_size
from rich.console import Console
from rich.table import Table
from rich.text import Text

from copylint.reporters.tally import tally
from copylint.sources import display_path

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
DEFAULT_WIDTH = 120
GUTTER = 9  # "{line:>6} | "
# Lines end where the engine's line numbers end (Article.position): \r\n, \n or \r only. U+2028,
# U+0085 and form feeds stay inside a line (str.splitlines would cut there and shift every line).
_LINE_BREAK = re.compile(r"\r\n|\n|\r")


def source_lines(raw: str) -> list[str]:
    """The lines of ``raw`` as finding line numbers count them."""
    return _LINE_BREAK.split(raw)


def _printable(ch: str) -> str:
    """One character as the terminal should show it: a control character, a line or paragraph
    separator or a tab is one space (one column, as the finding's column counts it)."""
    if ch == "\t" or unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
        return " "
    return ch


def _cells(line: str, i: int) -> int:
    """Terminal cells of the ``i``-th character of ``line`` as the report shows it."""
    return get_character_cell_size(_printable(line[i]))


def _fits(line: str, width: int) -> bool:
    """Whether the whole of ``line`` fits ``width`` cells (reads no more of it than that takes)."""
    used = 0
    for i in range(len(line)):
        used += _cells(line, i)
        if used > width:
            return False
    return True


def _excerpt(line: str, col: int, end_col: int, width: int = 100) -> tuple[str, tuple[int, int], tuple[int, int]]:
    """A window of ``line`` around the span [col, end_col) (1-based characters) that fits ``width``
    terminal cells: (shown text, the span in its characters, the span in terminal cells).

    A line too long for the width is cut to a window from a little before the span's start, with
    an ellipsis at each cut; a span longer than the window is shown from its start up to the cut
    (the carets end there too). Only the window's characters are measured, so a finding on a
    megabyte-long line (minified HTML, text with no line breaks) costs the width, not the line."""
    n = len(line)
    s, e = min(col - 1, n), min(max(end_col - 1, col), n)
    if _fits(line, width):
        left, right = 0, n
    else:
        width -= 2  # room for the ellipses
        left = s
        budget = min(30, width // 2)  # context before the span; the span's start always shows
        while left > 0 and budget - _cells(line, left - 1) >= 0:
            left -= 1
            budget -= _cells(line, left)
        right, used = left, 0
        while right < n and used + _cells(line, right) <= width:
            used += _cells(line, right)
            right += 1
        while left > 0 and used + _cells(line, left - 1) <= width and right == n:
            left -= 1  # the end of the line is shown: use the room on the left
            used += _cells(line, left)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < n else ""
    shown = prefix + "".join(_printable(c) for c in line[left:right]) + suffix
    e = max(s, min(e, right))  # a span past the cut is underlined up to it
    start_char = len(prefix) + s - left
    start_cell = len(prefix) + sum(_cells(line, i) for i in range(left, s))
    return shown, (start_char, start_char + e - s), (start_cell, start_cell + sum(_cells(line, i) for i in range(s, e)))


def suggestion_text(f) -> str | None:
    """The suggestion as a reader can see it: white space and deletions are named."""
    sugg = f.suggestion
    if sugg is None:
        return None
    if sugg == "":
        return "delete it"
    if not sugg.strip():
        if set(sugg) == {" "}:
            return "a single space" if len(sugg) == 1 else f"{len(sugg)} spaces"
        return repr(sugg)
    return sugg


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def render(results, color: bool = False, width: int | None = None, sources: dict | None = None,
           summary: bool = True, **_options) -> str:
    """The report; ``width`` is the terminal's (default 120 columns), ``summary`` False leaves out
    the summary table and the totals line (``--quiet``); ``sources`` maps a path to its text when
    the file is not to be read again."""
    return "".join(pieces(results, color=color, width=width, sources=sources, summary=summary))


def pieces(results, color: bool = False, width: int | None = None, sources: dict | None = None,
           summary: bool = True, **_options) -> Iterator[str]:
    """``render``'s report in pieces, a finding at a time, for writing as they come (a 10 MB
    article has about 105,000 findings: the report as one string took several times its size)."""
    width = max(40, width or DEFAULT_WIDTH)
    buf = io.StringIO()

    def taken() -> str:
        """What the console has written since the last piece."""
        out = buf.getvalue()
        buf.seek(0)
        buf.truncate()
        return out
    console = Console(file=buf, force_terminal=color, no_color=not color, width=width,
                      highlight=False, soft_wrap=True, emoji=False)
    counts = tally(results)
    by_rule, by_sev, n_files = counts.by_rule, counts.by_severity, counts.files
    for r in results:
        if r.error or r.skipped or not r.findings:
            continue
        name = display_path(r.path)
        console.print(Text(name, style="bold underline"))
        try:
            raw = (sources or {}).get(r.path)
            if raw is None and r.article is not None:
                raw = r.article.raw
            if raw is None and r.path not in ("-", "<stdin>"):
                with open(r.path, encoding=getattr(r.article, "encoding", "utf-8") if r.article else "utf-8",
                          errors="replace", newline="") as fh:
                    raw = fh.read()
            lines = source_lines(raw) if raw is not None else None
        except OSError:
            lines = None
        for f in r.findings:
            sev = str(f.severity)
            head = Text()
            head.append(f"{name}:{f.line}:{f.column}", style="bold")
            head.append("  ")
            head.append(f"{sev:<7}", style=_STYLE[sev])
            head.append("  ")
            head.append(f.rule, style="magenta")
            head.append("  ")
            head.append(f.message)
            console.print(head)
            if lines is not None and 1 <= f.line <= len(lines):
                src = lines[f.line - 1]
                end_col = f.end_column if f.end_line == f.line else len(src) + 1
                shown, (s, e), (cs, ce) = _excerpt(src, f.column, end_col, width - GUTTER - 1)
                gutter = f"{f.line:>6} | "
                line_text = Text(gutter, style="dim")
                body = Text(shown)
                body.stylize("bold " + _STYLE[sev], s, e)
                line_text.append_text(body)
                console.print(line_text)
                console.print(Text(" " * (len(gutter) + cs) + "^" * max(1, ce - cs), style=_STYLE[sev]))
            shown_sugg = suggestion_text(f)
            if shown_sugg is not None:
                console.print(Text(f"         suggestion: {shown_sugg}", style="green"))
            for rel in f.related:
                console.print(Text(f"         see {name}:{rel.line}:{rel.column} ({rel.message})", style="dim"))
            yield taken()
        console.print()
    total = sum(by_sev.values())
    if not summary:
        yield taken()
        return
    if total:
        table = Table(title="Summary", show_edge=False, title_justify="left")
        table.add_column("rule")
        table.add_column("findings", justify="right")
        for rule, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            table.add_row(rule, str(n))
        console.print(table)
    parts = ", ".join(_plural(by_sev[s], s) for s in ("error", "warning", "info") if by_sev[s])
    console.print(Text(f"{_plural(total, 'finding')} in {_plural(n_files, 'file')}"
                       + (f" ({parts})" if parts else ""), style="bold"))
    yield taken()

