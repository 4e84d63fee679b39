"""The JSON report: a stable shape other tools read (see README).

``files`` lists every file that was checked, with its findings; ``errors`` lists every input that
could not be checked (a missing or binary file, a broken config...), each as ``{"path", "message"}``
with the same one-line message as on stderr; the exit code is then 2. Standard input is ``<stdin>``.
"""
from __future__ import annotations

import json as _json
from copylint import __version__
from copylint.reporters.tally import tally
from copylint.sources import display_path


def as_dict(results) -> dict:
    files = []
    errors = []
    for r in results:
        if r.error:
            errors.append({"path": display_path(r.path), "message": r.error})
            continue
        if r.skipped:
            continue
        files.append({"path": display_path(r.path), "findings": [f.to_dict() for f in r.findings]})
    counts = tally(results)
    return {
        "version": __version__,
        "files": files,
        "errors": errors,
        "summary": {"files": len(files), "findings": counts.findings, "errors": len(errors),
                    "by_severity": counts.by_severity},
    }


def render(results, **_options) -> str:
    return _json.dumps(as_dict(results), ensure_ascii=False, indent=2) + "\n"
