"""GitHub Actions workflow commands: ``::warning file=…,line=…,col=…::message``; an input that
could not be checked is an ``::error`` annotation on its file (standard input: no file)."""
from __future__ import annotations

from copylint.sources import display_path

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _file(path: str) -> str:
    return "" if path == "-" else f"file={_escape_prop(path)},"


def _where(r, f) -> tuple[str, str]:
    """(location properties, message prefix): standard input has no file to annotate, so its
    position goes into the message."""
    if r.path == "-":
        return "", f"{display_path(r.path)}:{f.line}:{f.column}: "
    return (f"file={_escape_prop(r.path)},line={f.line},col={f.column},endLine={f.end_line},"
            f"endColumn={f.end_column},"), ""


def render(results, **_options) -> str:
    out = []
    for r in results:
        if r.error:
            out.append(f"::error {_file(r.path)}title=copylint input error::{_escape_data(r.error)}")
            continue
        for f in r.findings:
            where, prefix = _where(r, f)
            msg = prefix + f.message + (f" (suggestion: {f.suggestion})" if f.suggestion else "")
            out.append(f"::{_LEVEL[str(f.severity)]} {where}title={_escape_prop(f.rule)}::{_escape_data(msg)}")
    return "\n".join(out) + ("\n" if out else "")
