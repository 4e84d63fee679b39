"""The JSON report: a stable shape other tools read (see README).

``files`` lists every file that was checked, with its findings; ``errors`` lists every input that
could not be checked (a missing or binary file, a broken config...), each as ``{"path", "message"}``
with the same one-line message as on stderr; the exit code is then 2. Standard input is ``<stdin>``.
"""
from __future__ import annotations

import json as _json
from typing import Iterator

from copylint import __version__
from copylint.reporters.tally import tally
from copylint.sources import display_path


def as_dict(results, findings=None) -> dict:
    """The report as one structure. ``findings`` (a function of a FileResult), when given, stands
    in for each file's list of findings."""
    files = []
    errors = []
    for r in results:
        if r.error:
            errors.append({"path": display_path(r.path), "message": r.error})
            continue
        if r.skipped:
            continue
        files.append({"path": display_path(r.path),
                      "findings": findings(r) if findings else [f.to_dict() for f in r.findings]})
    counts = tally(results)
    return {
        "version": __version__,
        "files": files,
        "errors": errors,
        "summary": {"files": len(files), "findings": counts.findings, "errors": len(errors),
                    "by_severity": counts.by_severity},
    }


_SLOT = "\0findings\0"  # no path holds a NUL
_FINDING_INDENT = "\n" + " " * 8  # a finding's lines in the report: files > file > findings > finding


def pieces(results, **_options) -> Iterator[str]:
    """``render(results)`` in pieces, a finding at a time, for writing as they come: the whole
    report as one structure of dicts and its encoder's pieces took about 3 KB a finding at once,
    and the report as one string twice its size again (a 10 MB article has about 105,000
    findings)."""
    lists = []

    def slot(r):
        lists.append(r.findings)
        return _SLOT

    parts = _json.dumps(as_dict(results, slot), ensure_ascii=False, indent=2).split(_json.dumps(_SLOT))
    yield parts[0]
    for findings, part in zip(lists, parts[1:]):
        if findings:
            yield "["
            for k, f in enumerate(findings):
                yield ("," if k else "") + _FINDING_INDENT + _json.dumps(
                    f.to_dict(), ensure_ascii=False, indent=2).replace("\n", _FINDING_INDENT)
            yield "\n" + " " * 6 + "]"
        else:
            yield "[]"
        yield part
    yield "\n"


def render(results, **options) -> str:
    """``as_dict(results)`` as ``json.dumps(..., indent=2)`` writes it, each finding encoded on its
    own (``pieces``)."""
    return "".join(pieces(results, **options))
