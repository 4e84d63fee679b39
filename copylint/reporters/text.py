"""The human report: grouped by file, each finding with its line, the span underlined, a suggestion,
and a summary table. Colour on a terminal; plain text otherwise or with ``--no-color``."""
from __future__ import annotations

import io
from collections import Counter

from rich.console import Console
from rich.table import Table
from rich.text import Text

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _excerpt(line: str, col: int, end_col: int, width: int = 100) -> tuple[str, int, int]:
    """A window of ``line`` around the span so long paragraphs stay readable."""
    line = line.replace("\t", " ")
    s, e = col - 1, max(end_col - 1, col)
    if len(line) <= width:
        return line, s, e
    left = max(0, min(s - 30, len(line) - width))
    right = min(len(line), max(left + width, e + 10))
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    return prefix + line[left:right] + suffix, s - left + len(prefix), e - left + len(prefix)


def render(results, color: bool = False, width: int | None = None, show_source: bool = True,
           sources: dict | None = None, **_options) -> str:
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=width or 120,
                      highlight=False, soft_wrap=True, emoji=False)
    by_rule: Counter = Counter()
    by_sev: Counter = Counter()
    n_files = 0
    for r in results:
        if r.error:
            continue
        n_files += 1
        if not r.findings:
            continue
        console.print(Text(r.path, style="bold underline"))
        lines = None
        if show_source:
            try:
                raw = (sources or {}).get(r.path)
                if raw is None and r.article is not None:
                    raw = r.article.raw
                if raw is None and r.path not in ("-", "<stdin>"):
                    with open(r.path, encoding=getattr(r.article, "encoding", "utf-8") if r.article else "utf-8",
                              errors="replace") as fh:
                        raw = fh.read()
                lines = raw.splitlines() if raw is not None else None
            except OSError:
                lines = None
        for f in r.findings:
            sev = str(f.severity)
            by_rule[f.rule] += 1
            by_sev[sev] += 1
            head = Text()
            head.append(f"{r.path}:{f.line}:{f.column}", style="bold")
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
                shown, s, e = _excerpt(src, f.column, end_col)
                gutter = f"{f.line:>6} | "
                line_text = Text(gutter, style="dim")
                body = Text(shown)
                body.stylize("bold " + _STYLE[sev], s, e)
                line_text.append_text(body)
                console.print(line_text)
                console.print(Text(" " * len(gutter) + " " * s + "^" * max(1, e - s), style=_STYLE[sev]))
            if f.suggestion is not None:
                console.print(Text(f"         suggestion: {f.suggestion}", style="green"))
            for rel in f.related:
                console.print(Text(f"         see {r.path}:{rel.line}:{rel.column} ({rel.message})", style="dim"))
        console.print()
    total = sum(by_sev.values())
    if total:
        table = Table(title="Summary", show_edge=False, title_justify="left")
        table.add_column("rule")
        table.add_column("findings", justify="right")
        for rule, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            table.add_row(rule, str(n))
        console.print(table)
    parts = ", ".join(f"{by_sev[s]} {s}" for s in ("error", "warning", "info") if by_sev[s])
    console.print(Text(f"{total} finding{'s' if total != 1 else ''} in {n_files} file"
                       f"{'s' if n_files != 1 else ''}" + (f" ({parts})" if parts else ""), style="bold"))
    return buf.getvalue()
