"""The Rule: one small unit with an id, a family, a default severity, a summary and examples.

A rule subclasses ``Rule``, fills the class attributes, and implements ``check(article)`` yielding
``Finding``s with offsets into ``article.text``. ``@register`` adds it to the registry. Examples:
``flags`` must each produce at least one finding of the rule, overlapping the span marked with
``⟦ ⟧`` when there is one; ``passes`` must produce none. The test suite runs them all, and
``copylint explain RULE`` prints them. A multi-line example is a whole article (for rules that
compare paragraphs).
"""
from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, ClassVar, Iterable, Iterator

from copylint.finding import Finding, Related, Severity

if TYPE_CHECKING:
    from copylint.article import Article
    from copylint.config import Config

MARK_OPEN, MARK_CLOSE = "⟦", "⟧"

REGISTRY: dict[str, type["Rule"]] = {}


class Rule:
    id: ClassVar[str] = ""
    family: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = ""
    #: spaCy components this rule reads (e.g. {"parser", "ner"}); empty = no parse needed.
    needs: ClassVar[frozenset[str]] = frozenset()
    #: rules off by default are switched on with ``select``.
    default_enabled: ClassVar[bool] = True
    #: applies a ``fix`` that ``--fix`` may apply without a human.
    fixable: ClassVar[bool] = False
    flags: ClassVar[tuple[str, ...]] = ()
    passes: ClassVar[tuple[str, ...]] = ()
    #: format of the examples ("text", "markdown", "html")
    example_format: ClassVar[str] = "text"

    def __init__(self, config: "Config") -> None:
        self.config = config
        #: run-level warnings (a backend down, a model missing); the engine collects them and the
        #: CLI prints each once on stderr
        self.warnings: list[str] = []

    def warn(self, message: str) -> None:
        """Report a run-level problem once (e.g. "LanguageTool server unreachable")."""
        if message not in self.warnings:
            self.warnings.append(message)

    @property
    def needs_nlp(self) -> bool:
        return bool(self.needs)

    def check(self, article: "Article") -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def finding(self, start: int, end: int, message: str, *, suggestion: str | None = None,
                severity: Severity | None = None, related: list[Related] | None = None,
                fix: str | None = None) -> Finding:
        return Finding(rule=self.id, start=start, end=end, message=message,
                       severity=severity or self.severity, family=self.family,
                       suggestion=suggestion, related=related or [], fix=fix)

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")


def register(cls: type[Rule]) -> type[Rule]:
    if not cls.id or not cls.family or not cls.summary:
        raise TypeError(f"rule {cls.__name__} needs an id, a family and a summary")
    if cls.id in REGISTRY and REGISTRY[cls.id] is not cls:
        raise TypeError(f"duplicate rule id {cls.id}")
    REGISTRY[cls.id] = cls
    return cls


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule, by id (importing the rule modules on first use)."""
    import copylint.checks  # noqa: F401  (registers the rules)

    return dict(sorted(REGISTRY.items()))


def families() -> set[str]:
    return {r.family for r in all_rules().values()}


def parse_example(example: str) -> tuple[str, tuple[int, int] | None]:
    """Strip the ⟦ ⟧ marker from an example; return (text, marked span or None)."""
    if MARK_OPEN not in example:
        return example, None
    start = example.index(MARK_OPEN)
    end = example.index(MARK_CLOSE) - 1
    return example.replace(MARK_OPEN, "").replace(MARK_CLOSE, ""), (start, end)


def overlapping(findings: Iterator[Finding] | list[Finding], span: tuple[int, int]) -> list[Finding]:
    s, e = span
    return [f for f in findings if f.start < e and s < max(f.end, f.start + 1)]
