"""The fix writer: fixes applied to a text until it is stable, and files rewritten atomically in
their own encoding (line endings are kept: the edits are of the raw text, which keeps them).

Fixes that overlap are not applied together: the others are applied, the text is checked again and
the loop repeats (at most ``MAX_PASSES`` times) until nothing is left to fix.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from copylint.fileio import atomic_write
from copylint.finding import Finding
from copylint.fix.plan import apply, fixable, plan
from copylint.readers import format_for, load_article
from copylint.sources import display_path, read_source

MAX_PASSES = 5


def fix_text(linter, raw: str, path: str, fmt: str, cfg, findings: list[Finding],
             encoding: str = "utf-8") -> tuple[str, list[Finding], int]:
    """Apply fixes to ``raw`` until stable: (fixed text, findings that remain, fixes applied)."""
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


def fix_results(linter, results, write: bool) -> list[FixOutcome]:
    """Fix every file in ``results`` that has a fixable finding (needs ``Linter(keep_articles=True)``).

    With ``write`` the files are rewritten atomically (never standard input: its fixed text is in
    the outcome for the caller to print); the results' findings are replaced by the ones that
    remain. Files without a fixable finding are not touched.
    """
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
