"""The JSON report: a stable shape other tools read (see README)."""
from __future__ import annotations

import json as _json
from collections import Counter

from copylint import __version__


def as_dict(results) -> dict:
    files = []
    by_sev: Counter = Counter()
    total = 0
    for r in results:
        if r.error:
            continue
        files.append({"path": r.path, "findings": [f.to_dict() for f in r.findings]})
        for f in r.findings:
            by_sev[str(f.severity)] += 1
            total += 1
    return {
        "version": __version__,
        "files": files,
        "summary": {"files": len(files), "findings": total,
                    "by_severity": {s: by_sev.get(s, 0) for s in ("error", "warning", "info")}},
    }


def render(results, **_options) -> str:
    return _json.dumps(as_dict(results), ensure_ascii=False, indent=2) + "\n"
