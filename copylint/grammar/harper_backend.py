"""Harper (harper-py, Apache-2.0): an offline English grammar and spelling checker with a Rust
core. No Java, no server, no download: it works on a fresh install.

One ``harper.Linter`` per dialect, built once per process with the rules that are noise on news
copy or that duplicate copylint's own rules switched off (``rules/grammar_harper.toml``). The
lints of the last few texts are cached, so the grammar rule and the spelling rule share one pass.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from functools import lru_cache
from threading import Lock

from copylint import data
from copylint.grammar import BackendMatch, BackendUnavailable

SPELLING_RULE = "SpellCheck"
_LONG_RUN = re.compile(r"\S{100,}")  # no English word is this long


@lru_cache(maxsize=1)
def harper_rules() -> dict:
    """The rule lists of rules/grammar_harper.toml: duplicates, noisy, warning."""
    d = data.toml("grammar_harper.toml")
    return {k: frozenset(d.get(k, ())) for k in ("duplicates", "noisy", "warning", "info")}


def _dialect(harper, name: str):
    return {"british": harper.Dialect.BRITISH, "american": harper.Dialect.AMERICAN}.get(
        name, harper.Dialect.BRITISH)


class HarperBackend:
    """Harper for one dialect. ``check(text)`` -> every kept lint as a ``BackendMatch``."""

    def __init__(self, dialect: str = "british") -> None:
        try:
            import harper
        except ImportError as exc:  # harper-py is a dependency; a broken install is reported once
            raise BackendUnavailable(f"the offline grammar checker (harper-py) is not installed: {exc}") from None
        self._harper = harper
        self.dialect = dialect
        self.linter = harper.Linter(_dialect(harper, dialect))
        known = harper.get_default_lint_config()
        rules = harper_rules()
        off = rules["duplicates"] | rules["noisy"]
        on = rules["warning"] | rules["info"] | {SPELLING_RULE}
        unknown = sorted(r for r in off | on if r not in known)
        if unknown:  # set_lint_config silently accepts unknown names: check them here
            raise BackendUnavailable(f"rules/grammar_harper.toml names unknown harper rules: {unknown}")
        if on & off:
            raise BackendUnavailable(f"rules/grammar_harper.toml enables noisy or duplicate rules: {sorted(on & off)}")
        self.linter.set_lint_config({r: r in on for r in known})
        self._cache: OrderedDict[str, list[BackendMatch]] = OrderedDict()
        self._lock = Lock()

    def check(self, text: str) -> list[BackendMatch]:
        with self._lock:
            hit = self._cache.get(text)
            if hit is not None:
                self._cache.move_to_end(text)
                return hit
        # A "word" of thousands of characters (a pasted blob) makes harper's speller allocate without
        # bound and abort the process: blank such runs out (same length, so offsets hold).
        safe = _LONG_RUN.sub(lambda m: " " * len(m.group()), text)
        lints = self.linter.organized_lints(safe, language=self._harper.Language.PLAINTEXT)
        out: list[BackendMatch] = []
        for rule, lst in lints.items():
            for lint in lst:
                span = lint.span
                out.append(BackendMatch(
                    start=span.start, end=span.end, rule=rule, message=lint.message,
                    replacements=[s.replacement_text for s in lint.suggestions][:5],
                    kind=str(lint.lint_kind), spelling=rule == SPELLING_RULE))
        out.sort(key=lambda m: (m.start, m.end, m.rule))
        with self._lock:
            self._cache[text] = out
            while len(self._cache) > 8:
                self._cache.popitem(last=False)
        return out

    @lru_cache(maxsize=4096)
    def is_word(self, word: str) -> bool:
        """True when harper's dictionary for this dialect accepts ``word`` on its own."""
        lints = self.linter.organized_lints(word, language=self._harper.Language.PLAINTEXT)
        return not lints.get(SPELLING_RULE)


_BACKENDS: dict[str, HarperBackend] = {}
_BACKENDS_LOCK = Lock()


def get_harper(dialect: str) -> HarperBackend:
    """The process-wide Harper backend for a dialect (built on first use)."""
    with _BACKENDS_LOCK:
        b = _BACKENDS.get(dialect)
        if b is None:
            b = _BACKENDS[dialect] = HarperBackend(dialect)
        return b
