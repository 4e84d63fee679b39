"""The counts every report's summary shows: files checked, findings by severity and by rule."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass
class Tally:
    files: int = 0                                  # files checked (not in error, not skipped)
    by_severity: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    by_rule: Counter = field(default_factory=Counter)

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())


def tally(results) -> Tally:
    """Count the findings of the files that were checked."""
    t = Tally()
    for r in results:
        if r.error or r.skipped:
            continue
        t.files += 1
        for f in r.findings:
            t.by_severity[str(f.severity)] += 1
            t.by_rule[f.rule] += 1
    return t
