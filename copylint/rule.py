"""The Rule: one small unit with an id, a family, a default severity, a summary and examples.

A rule subclasses ``Rule``, fills the class attributes, and implements ``check(article)`` yielding
``Finding``s with offsets into ``article.text``. ``@register`` adds it to the registry.

Examples, to LanguageTool's standard: each of ``flags`` must produce exactly one finding of the
rule, overlapping the span marked with ``⟦ ⟧``; where the rule suggests a correction, the mark
shows it after an arrow (``⟦the the→the⟧``), and for a fixable rule the text is silent once the
fix is applied. ``passes`` must produce none. The test suite runs them all, and ``copylint explain
RULE`` prints them. A multi-line example is a whole article (for rules that compare paragraphs).
An example is read in the rule's ``example_format``, or in its own when written
``markdown("...")`` or ``html("...")``.
"""
from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, ClassVar, Iterable, Iterator

from copylint.finding import Finding, Related, Severity

if TYPE_CHECKING:
    from copylint.article import Article
    from copylint.config import Config

MARK_OPEN, MARK_CLOSE, MARK_ARROW = "⟦", "⟧", "→"

REGISTRY: dict[str, type["Rule"]] = {}

#: ``Rule.scope`` values: the kinds of article block where a rule's findings count
BODY = frozenset({"paragraph", "quote", "list_item"})   # the article's prose, lists included
PROSE = frozenset({"paragraph", "quote"})               # running sentences only
HEADLINES = frozenset({"heading"})
#: a ``Rule.scope`` value, alone or joined to one above (``PROSE | OUTSIDE_QUOTATIONS``): a finding
#: that lies inside a quotation of the article (``copylint.quotes``; ``Article.in_quotation``) is
#: dropped, for a rule whose fault is the writer's and not the speaker's
OUTSIDE_QUOTATIONS = frozenset({"-quotations"})


class Rule:
    id: ClassVar[str] = ""
    family: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = ""
    #: spaCy components this rule reads (e.g. {"parser", "ner"}); empty = no parse needed.
    needs: ClassVar[frozenset[str]] = frozenset()
    #: rules off by default are switched on with ``select``.
    default_enabled: ClassVar[bool] = True
    #: the rule reads no English (spacing, punctuation, duplicates, placeholders), so it also runs
    #: on an article in another language (``copylint.language``); the others are skipped there, and
    #: their findings inside a paragraph in another language of an English article are dropped.
    any_language: ClassVar[bool] = False
    #: applies a ``fix`` that ``--fix`` may apply without a human.
    fixable: ClassVar[bool] = False
    flags: ClassVar[tuple[str, ...]] = ()
    passes: ClassVar[tuple[str, ...]] = ()
    #: format of the examples ("text", "markdown", "html")
    example_format: ClassVar[str] = "text"
    #: the kinds of article block where the rule's findings count (``BODY``, ``PROSE``,
    #: ``HEADLINES``), and with ``OUTSIDE_QUOTATIONS`` only outside quotations; the engine drops
    #: the others. None: anywhere.
    scope: ClassVar[frozenset[str] | None] = None
    #: where findings of two rules overlap, the engine keeps only those of the higher priority (one
    #: slip, one finding): a general grammar checker is below copylint's dedicated rules.
    priority: ClassVar[int] = 0
    #: the rule also reports under ids of its own making, this prefix and a name (grammar-check:
    #: ``lt:RULE_ID``, LanguageTool's rules); config, suppression and ``--ignore`` accept them.
    id_prefix: ClassVar[str] = ""
    #: named sub-kinds the rule reports at a level of their own: name -> (level, what it is). A
    #: finding of a kind is made with ``finding(..., kind=NAME)``; the configuration addresses it
    #: as ``RULE.NAME`` (``severity = { "double-space.after-stop" = "warning" }``), and a level set
    #: for the whole rule does not flatten it (see ``Config.severity_for``).
    kinds: ClassVar[dict[str, tuple[Severity, str]]] = {}

    def __init__(self, config: "Config") -> None:
        self.config = config
        #: run-level warnings (a backend down, a model missing); the engine collects them and the
        #: CLI prints each once on stderr
        self.warnings: list[str] = []

    def warn(self, message: str) -> None:
        """Report a run-level problem once (e.g. "LanguageTool server unreachable")."""
        if message not in self.warnings:
            self.warnings.append(message)

    def check(self, article: "Article") -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def prepare(self, article: "Article") -> object:
        """Work on the text alone that ``check`` will use, for a rule that needs a parse
        (grammar-check: Harper's lints). The contract:

        - the engine calls ``prepare(article)`` in its background thread, beside the article's
          spaCy parse, and hands what it returns to the same article's ``check``:
          ``check(article, prepared)``;
        - a rule that defines ``prepare`` therefore takes ``check(self, article, prepared=None)``,
          and does the work itself when ``prepared`` is None: ``prepare`` returned None, raised
          (the error is left for ``check`` to meet again and report), or did not run (no
          background thread; a direct call);
        - nothing is kept between the two calls but the returned value, so ``prepare`` keeps no
          state on the rule.

        The default returns None and the engine does not call it."""
        return None

    def finding(self, start: int, end: int, message: str, *, suggestion: str | None = None,
                severity: Severity | None = None, related: list[Related] | None = None,
                fix: str | None = None, kind: str | None = None) -> Finding:
        """A finding of this rule; ``kind`` names one of ``kinds`` (its level is the kind's unless
        ``severity`` is given)."""
        if kind is not None and severity is None:
            severity = self.kind_levels()[kind]
        return Finding(rule=self.id, start=start, end=end, message=message,
                       severity=severity or self.severity, family=self.family,
                       suggestion=suggestion, related=related or [], fix=fix, kind=kind,
                       autofix=self.fixable and fix is not None)

    @classmethod
    def kind_levels(cls) -> dict[str, Severity]:
        """Every named kind of this rule and its default level."""
        return {name: level for name, (level, _) in cls.kinds.items()}

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


def rule_for(rule_id: str) -> type[Rule] | None:
    """The registered rule that reports under ``rule_id``: its own id, or one it makes with its
    ``id_prefix`` (``lt:EN_A_VS_AN`` is grammar-check's)."""
    rules = all_rules()
    if rule_id in rules:
        return rules[rule_id]
    return next((r for r in rules.values() if r.id_prefix and rule_id.startswith(r.id_prefix)), None)


def families() -> set[str]:
    return {r.family for r in all_rules().values()}


class Example(str):
    """An example written in a format of its own (see ``markdown`` and ``html``)."""

    fmt: str = "text"


def _example(text: str, fmt: str) -> Example:
    ex = Example(text)
    ex.fmt = fmt
    return ex


def markdown(text: str) -> Example:
    """An example read as Markdown, whatever the rule's ``example_format``."""
    return _example(text, "markdown")


def html(text: str) -> Example:
    """An example read as HTML, whatever the rule's ``example_format``."""
    return _example(text, "html")


def example_format(cls: type[Rule], example: str) -> str:
    return example.fmt if isinstance(example, Example) else cls.example_format


def parse_marked(example: str) -> tuple[str, tuple[int, int] | None, str | None]:
    """(text, marked span or None, suggestion shown after the arrow or None) of an example:
    ``"a ⟦the the→the⟧ b"`` is ``("a the the b", (2, 9), "the")``."""
    if MARK_OPEN not in example:
        return str(example), None, None
    start = example.index(MARK_OPEN)
    close = example.index(MARK_CLOSE)
    inner = example[start + 1:close]
    suggestion = None
    if MARK_ARROW in inner:
        inner, suggestion = inner.split(MARK_ARROW, 1)
    text = example[:start] + inner + example[close + 1:]
    return text, (start, start + len(inner)), suggestion


def parse_example(example: str) -> tuple[str, tuple[int, int] | None]:
    """Strip the ⟦ ⟧ marker (and a shown suggestion) from an example: (text, marked span or None)."""
    text, span, _ = parse_marked(example)
    return text, span


def render_example(example: str, open_: str, close: str, arrow: str = " → ", newline: str = "\n") -> str:
    """An example for people: the mark drawn with ``open_``/``close``, the suggestion after
    ``arrow``, line breaks as ``newline`` (``copylint explain``, the SARIF rule help)."""
    text, span, suggestion = parse_marked(example)
    if span is not None:
        s, e = span
        if suggestion is None:
            shown = ""
        elif not suggestion.strip():
            shown = arrow + ("a single space" if suggestion == " " else "nothing" if not suggestion else repr(suggestion))
        else:
            shown = arrow + suggestion
        text = text[:s] + open_ + text[s:e] + shown + close + text[e:]
    return text.replace("\n", newline)


def overlapping(findings: Iterator[Finding] | list[Finding], span: tuple[int, int]) -> list[Finding]:
    s, e = span
    return [f for f in findings if f.start < e and s < max(f.end, f.start + 1)]
