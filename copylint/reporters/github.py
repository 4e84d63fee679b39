"""GitHub Actions workflow commands: ``::warning file=…,line=…,col=…::message``."""
from __future__ import annotations

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(results, **_options) -> str:
    out = []
    for r in results:
        if r.error:
            continue
        for f in r.findings:
            msg = f.message + (f" (suggestion: {f.suggestion})" if f.suggestion else "")
            out.append(
                f"::{_LEVEL[str(f.severity)]} file={_escape_prop(r.path)},line={f.line},col={f.column},"
                f"endLine={f.end_line},endColumn={f.end_column},title={_escape_prop(f.rule)}::"
                f"{_escape_data(msg)}")
    return "\n".join(out) + ("\n" if out else "")
