"""Harper (harper-py, Apache-2.0): an offline English grammar and spelling checker with a Rust
core. No Java, no server, no download: it works on a fresh install.

One ``harper.Linter`` per dialect, built once per process with the rules that are noise on news
copy or that duplicate copylint's own rules switched off (``rules/grammar_harper.toml``), and a
second one with only Harper's spelling rule on, for ``unknown(words)``.

Spelling is not part of ``check``: Harper's spelling rule computes suggestions for every word its
dictionary lacks, mostly names, which the misspelling rule drops anyway (that was two thirds of
Harper's cost on news copy). The misspelling rule filters the article's words first and asks
``unknown`` about the few that are left, in one batch: one word a line, so each is checked on its
own, with the suggestions computed only for those.

A text is cut into paragraphs (pieces cut at blank lines, and a paragraph longer than
``PIECE_CHARS`` at sentence ends) and each piece's lints are cached by its text, so a re-check (the
language server) lints only the paragraphs that changed. The paragraphs not in the cache are linted
together, a run of them (at most ``PIECE_CHARS`` characters) in one harper call, and the lints
shared out among them: a harper call costs about as much again as a short paragraph's lint, and
Harper's lints do not cross a blank line (a lint that would is never seen; the run is then linted
piece by piece). The lints are the same as linting each paragraph alone (on clean-news and the whole
news corpus, with every one of Harper's rules on too); the cost stays linear on a huge file.

The backend may be called from two threads (the grammar rule's ``prepare`` lints beside the spaCy
parse, see ``engine.RuleSet``); Harper releases the GIL while it lints, so that costs little
wall-clock time on a machine with a free core.

Harper's spelling suggester builds its tables (Levenshtein automata, up to three edits) the first
time a thread asks it for the suggestions of an unknown word, and keeps them for that thread only
(thread-local in harper-core): 1.3-1.9 s of CPU for each new thread that asks. Every speller call
therefore runs in one thread of its own (``background.worker("speller")``), whichever thread asks, so they are built
once per process; the language server has them built once its first diagnostics are out
(``warm_speller``). ``SPELLER_CPU`` counts that thread's CPU time (the benchmarks print it).
"""
from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections import OrderedDict
from concurrent.futures import Future
from functools import lru_cache
from threading import Lock

from copylint import data
from copylint.background import worker
from copylint.textutil import LONG_RUN
from copylint.grammar import BackendMatch, BackendUnavailable

SPELLING_RULE = "SpellCheck"
_LONG_RUN = LONG_RUN  # no English word is this long
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
PIECE_CHARS = 20_000       # a longer paragraph is linted in pieces cut at sentence ends
CACHE_PIECES = 4096        # pieces whose lints are kept
CACHE_WORDS = 100_000      # words whose spelling verdict is kept
_BLANK = re.compile(r"\s|\S{100,}")  # not one word (and a very long run aborts harper's speller)
#: an unknown word long enough to have Harper's suggester build its tables (see ``warm_speller``)
_WARM_WORD = "zqxwvkjhgt"
#: CPU seconds spent in the speller's thread (Harper's spelling lints), for the benchmarks
SPELLER_CPU = [0.0]


def _in_speller_thread(speller, text: str, language) -> Future:
    """``speller.lint(text)`` in the speller's own thread, as (start, end, suggestions) per lint."""
    return worker("speller").submit(_spell, speller, text, language)


def _spell(speller, text: str, language) -> list[tuple[int, int, tuple[str, ...]]]:
    t = time.thread_time()
    try:
        return [(lint.span.start, lint.span.end, tuple(s.replacement_text for s in lint.suggestions))
                for lint in speller.lint(text, language=language)]
    finally:
        SPELLER_CPU[0] += time.thread_time() - t


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
        self.linter.set_lint_config({r: r in on and r != SPELLING_RULE for r in known})
        self.speller = harper.Linter(_dialect(harper, dialect))
        self.speller.set_lint_config({r: r == SPELLING_RULE for r in known})
        self._words: OrderedDict[str, tuple[str, ...] | None] = OrderedDict()  # word -> suggestions, None: known
        self._pieces: OrderedDict[str, tuple[BackendMatch, ...]] = OrderedDict()  # offsets in the piece
        self._lock = Lock()           # the linter is not safe to call from two threads at once
        self._spell_lock = Lock()     # nor the speller (a Linter of its own: the two may run at once)

    def check(self, text: str) -> list[BackendMatch]:
        """Every kept grammar lint of ``text`` (spelling: see ``unknown``), sorted, with offsets
        into ``text``."""
        spans = _pieces(text)
        with self._lock:  # held throughout: a piece another thread is linting is waited for, not linted twice
            per_piece = self._lint_pieces(text, spans)
        out = []
        for (start, _), found in zip(spans, per_piece):
            for m in found:
                out.append(BackendMatch(start=m.start + start, end=m.end + start, rule=m.rule,
                                        message=m.message, replacements=list(m.replacements),
                                        kind=m.kind, spelling=m.spelling))
        out.sort(key=lambda m: (m.start, m.end, m.rule))
        return out

    def _lint_pieces(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[BackendMatch, ...]]:
        """Each piece's lints (offsets in the piece): from the cache, else linted. A run of pieces
        not yet seen is linted in one harper call (at most ``PIECE_CHARS`` characters: each call
        costs about as much again as a short paragraph's lint) and its lints shared out among the
        pieces; a lint that would cross a piece's end (never seen: harper's lints stop at a blank
        line) has the run linted piece by piece instead, so the lints are always each piece's own."""
        out: list[tuple[BackendMatch, ...] | None] = []
        run: list[int] = []
        for j, (s, e) in enumerate(spans):
            hit = self._pieces.get(text[s:e])
            if hit is not None:
                self._pieces.move_to_end(text[s:e])
            elif run and e - spans[run[0]][0] > PIECE_CHARS:
                self._lint_run(text, spans, run, out)
                run = []
            out.append(hit)
            if hit is None:
                run.append(j)
            elif run:
                self._lint_run(text, spans, run, out)
                run = []
        if run:
            self._lint_run(text, spans, run, out)
        while len(self._pieces) > CACHE_PIECES:
            self._pieces.popitem(last=False)
        return out  # type: ignore[return-value]

    def _lint_run(self, text: str, spans, run: list[int], out: list) -> None:
        """Lint the consecutive pieces ``run`` (indexes into ``spans``), in one call when it can."""
        first, last = spans[run[0]][0], spans[run[-1]][1]
        found = self._lint(text[first:last])
        bounds = [spans[j][0] - first for j in run]
        shares: list[list[BackendMatch]] = [[] for _ in run]
        for m in found:
            k = bisect_right(bounds, m.start) - 1
            if len(run) > 1 and m.end > spans[run[k]][1] - first:  # a lint across pieces: each alone
                for j in run:
                    self._lint_run(text, spans, [j], out)
                return
            off = bounds[k]
            shares[k].append(m if not off else BackendMatch(
                start=m.start - off, end=m.end - off, rule=m.rule, message=m.message,
                replacements=m.replacements, kind=m.kind, spelling=m.spelling))
        for j, share in zip(run, shares):
            s, e = spans[j]
            out[j] = self._pieces[text[s:e]] = tuple(share)

    def _lint(self, piece: str) -> list[BackendMatch]:
        """Harper's kept lints of ``piece`` (offsets in it), in harper's order."""
        # A "word" of thousands of characters (a pasted blob) makes harper's speller allocate
        # without bound and abort the process: blank such runs out (same length, offsets hold).
        safe = _LONG_RUN.sub(lambda m: " " * len(m.group()), piece)
        lints = self.linter.organized_lints(safe, language=self._harper.Language.PLAINTEXT)
        found = []
        for rule, lst in lints.items():
            for lint in lst:
                span = lint.span
                found.append(BackendMatch(
                    start=span.start, end=span.end, rule=rule, message=lint.message,
                    replacements=[s.replacement_text for s in lint.suggestions][:5],
                    kind=str(lint.lint_kind), spelling=rule == SPELLING_RULE))
        return found

    def unknown(self, words) -> dict[str, list[str]]:
        """The ``words`` harper's dictionary for this dialect does not accept, each checked on its
        own, with harper's suggestions (best first, at most five). One harper call for the words
        not seen before (one a line); answers are kept for ``CACHE_WORDS`` words."""
        words = {w for w in words if w and not _BLANK.search(w)}
        with self._spell_lock:
            new = sorted(w for w in words if w not in self._words)
            if new:
                batch = "\n".join(new)
                lines, pos = [], 0
                for w in new:
                    lines.append(pos)
                    pos += len(w) + 1
                found: dict[str, tuple[str, ...]] = {}
                lints = _in_speller_thread(self.speller, batch, self._harper.Language.PLAINTEXT).result()
                for start, end, suggestions in lints:
                    i = bisect_right(lines, start) - 1
                    w = new[i]
                    whole = start == lines[i] and end == lines[i] + len(w)
                    # a lint on part of the word (harper split it): unknown, no suggestion for the whole
                    sugg = suggestions[:5] if whole else ()
                    found[w] = found.get(w) or sugg
            else:
                found = {}
            out = {w: list(sugg) for w, sugg in found.items()}
            for w in words:
                if w in self._words:
                    self._words.move_to_end(w)
                    if self._words[w] is not None:
                        out[w] = list(self._words[w])
            for w in new:
                self._words[w] = found.get(w)
            while len(self._words) > CACHE_WORDS:
                self._words.popitem(last=False)
            return out

    def warm_speller(self) -> Future:
        """Have Harper's suggester build its tables in the speller's thread now (1.3-1.9 s of CPU,
        the GIL released), not at the first unknown word; the answer is not kept. A Future."""
        return _in_speller_thread(self.speller, _WARM_WORD, self._harper.Language.PLAINTEXT)

    def is_word(self, word: str) -> bool:
        """True when harper's dictionary for this dialect accepts ``word`` on its own."""
        return word not in self.unknown((word,))


def _pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs of ``text`` (cut after each blank-line run), a paragraph
    longer than ``PIECE_CHARS`` cut at sentence ends."""
    from copylint.nlp import pieces
    starts = [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
    return pieces(text, starts, PIECE_CHARS)


_BACKENDS: dict[str, HarperBackend] = {}
_BACKENDS_LOCK = Lock()


def get_harper(dialect: str) -> HarperBackend:
    """The process-wide Harper backend for a dialect (built on first use)."""
    with _BACKENDS_LOCK:
        b = _BACKENDS.get(dialect)
        if b is None:
            b = _BACKENDS[dialect] = HarperBackend(dialect)
        return b
