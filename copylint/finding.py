"""Findings: what a rule reports, and their severities."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str | "Severity") -> "Severity":
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None

    def __str__(self) -> str:  # "error", "warning", "info"
        return self.name.lower()


@dataclass(slots=True)
class Related:
    """Another place a finding points at: the first copy of a duplicate, the other form of a variant.

    Rules fill ``start``/``end`` (offsets into ``Article.text``); the engine fills line/column.
    """

    start: int
    end: int
    message: str = ""
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0

    def to_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "message": self.message}


@dataclass(slots=True)
class Finding:
    """One thing a sub-editor would circle.

    ``start``/``end`` are character offsets into ``Article.text`` (the prose view); the engine maps
    them to 1-based ``line``/``column`` in the original file (end exclusive). Slots, no ``__dict__``:
    a 10 MB article has about 105,000 findings, each 0.5 KB smaller so.
    """

    rule: str
    start: int
    end: int
    message: str
    severity: Severity = Severity.WARNING
    family: str = ""
    suggestion: str | None = None
    related: list[Related] = field(default_factory=list)
    #: a named sub-kind of the rule (``Rule.kinds``), reported at a level of its own; None: the main kind
    kind: str | None = None
    # Machine-applicable replacement for ``--fix``: (raw_start, raw_end, text) once mapped.
    fix: str | None = None
    #: ``fix`` may be applied without a human (its rule is ``fixable``); set by ``Rule.finding``
    autofix: bool = False
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    raw_start: int = 0
    raw_end: int = 0

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "family": self.family,
            "severity": str(self.severity),
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "suggestion": self.suggestion,
            "kind": self.kind,
            "related": [r.to_dict() for r in self.related],
        }

    def sort_key(self):
        return (self.line, self.column, self.rule)
