"""The engine: read → Article → one spaCy Doc per article (batched) → rules → findings → filters.

    Linter(overrides).check_paths(["drafts/"]) -> [FileResult, ...]

Files are grouped by the configuration that applies to them; each group's rules are instantiated
once; spaCy is loaded only when an enabled rule needs a parse, once per process, and documents are
parsed with ``nlp.pipe`` in batches. Rules report offsets into ``Article.text``; the engine maps
them to lines and columns of the original file, applies inline suppression and severity settings,
and sorts.
"""
from __future__ import annotations

import bisect
import dataclasses
import itertools
import os
from dataclasses import dataclass, field
from typing import Iterable

from copylint import config as config_mod
from copylint import exitcodes
from copylint import heap, language, suppress, wordfit
from copylint.article import Article
from copylint.config import Config
from copylint.finding import Finding, Severity
from copylint.readers import load_article
from copylint.rule import OUTSIDE_QUOTATIONS, Rule, all_rules
from copylint.sources import Source, expand, read_source

NLP_BATCH = 16  # articles per nlp.pipe batch; also how many articles are held in memory at once


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    notice: str | None = None          # e.g. "empty file", "decoded as cp1252"
    article: Article | None = None     # kept only when asked (fixes, HTML report)
    words: int = 0
    skipped: bool = False              # not checked on purpose (excluded, not a regular file)
    internal: bool = False             # ``error`` is a bug in copylint (a reader failed), not bad input


def select_rules(cfg: Config) -> list[type[Rule]]:
    """The rule classes a config enables: select (default: every rule on by default) + extend-select − ignore."""
    rules = all_rules()
    chosen: dict[str, type[Rule]] = {}

    def pick(ids):
        for rid in ids:
            rid = rid.partition(".")[0]  # selecting a kind (RULE.KIND) runs its rule
            for r in rules.values():
                if rid in ("ALL", r.id, r.family):
                    chosen[r.id] = r

    if cfg.select:
        pick(cfg.select)
    else:
        chosen.update({rid: r for rid, r in rules.items() if r.default_enabled})
    pick(cfg.extend_select)
    for rid in cfg.ignore:
        for r in list(chosen.values()):
            if rid in (r.id, r.family):  # ignoring a kind (RULE.KIND) leaves its rule running
                chosen.pop(r.id, None)
    return list(chosen.values())


def kinds_left_out(cfg: Config) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """What a config leaves out of the findings of the rules it runs, by kind (``RULE.KIND``): the
    kinds ``ignore`` names, and for a rule selected only by some of its kinds (not as a rule, a family
    or ``ALL``, nor as a default rule when ``select`` is empty), those kinds, the only ones it keeps."""
    rules = all_rules()
    ignored = frozenset(i for i in cfg.ignore if "." in i)
    whole = {i for i in cfg.select + cfg.extend_select if "." not in i}
    only: dict[str, set[str]] = {}
    for i in cfg.select + cfg.extend_select:
        rule, dot, kind = i.partition(".")
        r = rules.get(rule)
        if not dot or r is None or whole & {"ALL", r.id, r.family} or (not cfg.select and r.default_enabled):
            continue
        only.setdefault(rule, set()).add(kind)
    return ignored, {r: frozenset(k) for r, k in only.items()}


class RuleSet:
    """The instantiated rules for one configuration.

    When some rules need a parse, the others (those that read only the text) run in the background
    thread beside the spaCy parse, after the ``prepare`` step of the rules that need the parse
    (``Rule.prepare``: grammar-check's Harper lints), whose results go to their ``check`` after the
    parse: ``start(article)`` before the article is parsed, ``run(article, started)`` after.
    spaCy and Harper release the GIL
    in their heavy loops, so on a machine with a free core that work costs little wall-clock time.
    Findings are gathered in the rules' order either way, so the result is the same.

    ``on_error(rule, article, exc)``, when set, is told of a rule that raised, and the other rules'
    findings are kept (the language server); otherwise the exception propagates."""

    def __init__(self, cfg: Config, on_error=None) -> None:
        self.config = cfg
        self.on_error = on_error
        self.rules: list[Rule] = [cls(cfg) for cls in select_rules(cfg)]
        self.needs: set[str] = set().union(*(r.needs for r in self.rules)) if self.rules else set()
        self._beside = [r for r in self.rules if not r.needs] if self.needs else []
        #: rules that need the parse but have work to do on the text first (``Rule.prepare``)
        self._prepare = [r for r in self.rules if r.needs and type(r).prepare is not Rule.prepare]

    def start(self, article: Article):
        """Start the rules that need no parse on ``article``, and the others' ``prepare``, in the
        background; a Future, or None."""
        if not self._beside and not self._prepare:
            return None
        from copylint.background import submit
        return submit(self._check_each, self._beside, article, self._prepare)

    def run(self, article: Article, started=None) -> list[Finding]:
        done, prepared = started.result() if started is not None else ({}, {})
        # a huge article: what the parse, the word-fit thread and the background thread freed goes
        # back to the system before the rules run (copylint.heap)
        heap.release(len(article.text))
        findings: list[Finding] = []
        owner: dict[str, Rule] = {}  # the rule behind each reported id (lt:RULE: grammar-check)
        for rule in self.rules:  # each rule's prepared work and findings let go once read
            if rule.id in done:
                found = done.pop(rule.id)
            elif not (rule.needs and article.doc is None):
                found = self._check(rule, article, prepared.pop(rule.id, None))
            else:
                continue
            for f in found:
                if in_scope(article, f, rule.scope) and (rule.any_language or not in_other_language(article, f)):
                    findings.append(f)
                    owner.setdefault(f.rule, rule)
        findings = defer_to_dedicated(findings, {rid: r.priority for rid, r in owner.items()})
        return finalize(article, findings, self.config, {rid: r.severity for rid, r in owner.items()})

    def _check(self, rule: Rule, article: Article, prepared=None) -> list[Finding]:
        """``rule``'s findings on ``article``; ``prepared``: what its ``prepare`` returned (None:
        nothing, and ``check`` is called as every rule's is)."""
        try:
            return list(rule.check(article) if prepared is None else rule.check(article, prepared))
        except Exception as exc:
            if self.on_error is None:
                raise
            self.on_error(rule, article, exc)
            return []

    def _check_each(self, rules: list[Rule], article: Article, prepare=()) -> tuple[dict[str, list[Finding]], dict]:
        """The background thread's work on one article: ``prepare`` of the rules that need the
        parse, then the rules that need none. (findings by rule id, what each ``prepare`` returned
        by rule id.)"""
        prepared = {}
        for rule in prepare:  # first: Harper's lints are the longest work beside the parse
            try:
                prepared[rule.id] = rule.prepare(article)
            except Exception:  # check() meets it again and reports it
                pass
        return {rule.id: self._check(rule, article) for rule in rules}, prepared


def in_scope(article: Article, f: Finding, scope: frozenset[str] | None) -> bool:
    """Whether a finding lies where its rule reads (``Rule.scope``: kinds of block, and with
    ``OUTSIDE_QUOTATIONS`` not inside a quotation; None: anywhere)."""
    if scope is None:
        return True
    kinds = scope - OUTSIDE_QUOTATIONS
    if kinds:
        block = article.block_at(f.start)
        if block is None or block.kind not in kinds:
            return False
    return not (OUTSIDE_QUOTATIONS <= scope and article.in_quotation(f.start, f.end))


NOTICE_RANGES = 10  # a notice names at most this many ranges of lines, then how many more


def _lines(article: Article, spans) -> str:
    """``line 3`` or ``lines 3-5, 9 (French)``: where the spans (start, end[, language]) of whole
    blocks lie, neighbouring blocks of one language as one range."""
    index = {b.start: k for k, b in enumerate(article.blocks)}
    runs: list[list] = []  # [first block, last block, start, end, language]
    for span in spans:
        k, lang = index.get(span[0], -2), span[2] if len(span) > 2 else None
        if runs and runs[-1][1] == k - 1 and runs[-1][4] == lang:
            runs[-1][1], runs[-1][3] = k, span[1]
        else:
            runs.append([k, k, span[0], span[1], lang])
    where = []
    for _, _, start, end, lang in runs[:NOTICE_RANGES]:
        line, _, end_line, _ = article.span(start, end)
        where.append(f"{line}{f'-{end_line}' if end_line > line else ''}"
                     f"{f' ({language.name(lang)})' if lang else ''}")
    more = f" and {len(runs) - NOTICE_RANGES} more" if len(runs) > NOTICE_RANGES else ""
    return f"{'lines' if len(where) > 1 or '-' in where[0] else 'line'} {', '.join(where)}{more}"


def in_other_language(article: Article, f: Finding) -> bool:
    """Whether a finding lies within one block that reads as another language
    (``Article.other_language_blocks``); a finding that spans blocks is not. A quotation in another
    language (its language ``""``) holds a finding that starts in it and lies mostly in it: the
    sentence its foreign words make verbless to the parser runs on to its reporting clause
    (`"Pyaar karna hai ... log hai na," the poem read.`)."""
    blocks = article.other_language_blocks
    if not blocks:
        return False
    k = bisect.bisect_right(blocks, (f.start, float("inf"))) - 1
    if k < 0 or not blocks[k][0] <= f.start < blocks[k][1]:
        return False
    end = max(f.end, f.start + 1)
    if blocks[k][2] == "":
        return 2 * (min(end, blocks[k][1]) - f.start) > end - f.start
    return end <= blocks[k][1]


def defer_to_dedicated(findings: list[Finding], priority: dict[str, int]) -> list[Finding]:
    """One slip, one finding: a finding that overlaps a finding of a rule of higher ``priority``
    (``Rule.priority``, by rule id) is dropped. A general grammar checker is below copylint's own
    rules ("can can": repeated-word; "did he went": verb-form-after-do)."""
    levels = sorted({priority.get(f.rule, 0) for f in findings})
    dropped: set[int] = set()
    for level in levels[:-1]:
        above = sorted((f.start, max(f.end, f.start + 1)) for f in findings if priority.get(f.rule, 0) > level)
        starts = [s for s, _ in above]
        reach = list(itertools.accumulate((e for _, e in above), max))  # furthest end among the first k
        for i, f in enumerate(findings):
            if priority.get(f.rule, 0) == level:
                k = bisect.bisect_left(starts, max(f.end, f.start + 1)) - 1  # spans starting before f ends
                if k >= 0 and reach[k] > f.start:
                    dropped.add(i)
    return [f for i, f in enumerate(findings) if i not in dropped] if dropped else findings


def finalize(article: Article, findings: Iterable[Finding], cfg: Config,
             defaults: dict[str, Severity] | None = None) -> list[Finding]:
    """Map offsets to lines/columns, apply suppression and severity settings, de-duplicate, sort.
    ``defaults`` gives each rule id's own level, so a configured level keeps the rule's tiers."""
    defaults = defaults or {}
    ignored, only = kinds_left_out(cfg)
    out = []
    seen = set()
    for f in findings:
        if (f.kind is not None and f"{f.rule}.{f.kind}" in ignored) or (f.rule in only and f.kind not in only[f.rule]):
            continue
        f.raw_start = article.to_raw(f.start)
        f.raw_end = max(article.to_raw_end(f.end), f.raw_start) if f.end > f.start else f.raw_start
        f.line, f.column, f.end_line, f.end_column = article.span(f.start, f.end)
        for r in f.related:
            r.line, r.column, r.end_line, r.end_column = article.span(r.start, r.end)
        f.severity = cfg.severity_for(f.rule, f.family, f.severity, f.kind, defaults.get(f.rule))
        key = (f.rule, f.line, f.column, f.end_line, f.end_column)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    out = suppress.apply(article, out)
    out.sort(key=Finding.sort_key)
    return out


class Linter:
    """Checks files and texts. ``overrides`` are settings from the command line; ``config_file``
    forces one config for every file (otherwise each file's config is discovered)."""

    def __init__(self, overrides: dict | None = None, config_file: str | None = None,
                 isolated: bool = False, keep_articles: bool = False, cache=None,
                 config: Config | None = None, parse_cache: bool = False, on_rule_error=None) -> None:
        self.overrides = overrides or {}
        self.cache = cache  # a copylint.cache.Cache, or None (no caching)
        self.fixed_config: Config | None = config
        if config_file:
            from pathlib import Path
            cfg = config_mod.load_file(Path(config_file))
            if cfg is None:
                raise config_mod.ConfigError(f"{config_file}: no [tool.copylint] table")
            self.fixed_config = cfg
        elif isolated:
            self.fixed_config = Config()
        self.keep_articles = keep_articles
        self._rulesets: dict[Config, RuleSet] = {}
        self.extra_warnings: list[str] = []  # raised in worker processes (--jobs, Dask)
        #: keep parsed blocks for re-checks (the language server): a re-check then parses only the
        #: blocks whose text changed (``copylint.nlp.ParseCache``, one per spaCy pipeline)
        self.parse_cache = parse_cache
        self._parse_caches: dict[str, object] = {}
        #: ``on_rule_error(rule, article, exc)``: a rule that raises is reported there and the other
        #: rules' findings are kept (the language server); None: the exception propagates
        self.on_rule_error = on_rule_error

    # --- configuration ---------------------------------------------------------------------
    def config_for(self, path: str) -> Config:
        if self.fixed_config is not None:
            cfg = self.fixed_config
        else:
            directory = os.getcwd() if path == "-" else os.path.dirname(os.path.abspath(path))
            cfg = config_mod.discover(directory)
        cfg = config_mod.env_overrides(cfg)
        overrides = {k: v for k, v in self.overrides.items() if k != "exclude"}
        if overrides:  # the command line's exclude patterns add to the config's (see expand)
            cfg = dataclasses.replace(cfg, **overrides)
        return cfg

    def expand(self, paths: list[str]) -> tuple[list[str], list[FileResult]]:
        """The files to check, and a result for each path that cannot be checked or is skipped
        (``exclude`` from the command line and from each file's config; not a regular file)."""
        found = expand(paths, tuple(self.overrides.get("exclude", ())), self.config_for)
        return found.files, ([FileResult(p, error=e) for p, e in found.errors]
                             + [FileResult(p, notice=n, skipped=True) for p, n in found.skipped])

    @property
    def warnings(self) -> list[str]:
        """Run-level warnings raised by rules (each once), e.g. a grammar backend that is down."""
        out: list[str] = list(self.extra_warnings)
        for rs in self._rulesets.values():
            for rule in rs.rules:
                out.extend(w for w in rule.warnings if w not in out)
        return out

    @property
    def backend_unavailable(self) -> bool:
        """True when a configured grammar backend (e.g. a LanguageTool server) could not be used."""
        from copylint.grammar import UNAVAILABLE
        return any(getattr(rule, "backend_unavailable", False)
                   for rs in self._rulesets.values() for rule in rs.rules) \
            or any(w.startswith(UNAVAILABLE) for w in self.extra_warnings)  # from worker processes

    def ruleset(self, cfg: Config) -> RuleSet:
        rs = self._rulesets.get(cfg)
        if rs is None:
            rs = self._rulesets[cfg] = RuleSet(cfg, on_error=self.on_rule_error)
        return rs

    # --- checking --------------------------------------------------------------------------
    def check_text(self, text: str, path: str = "<text>", fmt: str | None = None,
                   cfg: Config | None = None) -> list[Finding]:
        cfg = cfg or (self.fixed_config or Config())
        if self.overrides:
            cfg = dataclasses.replace(cfg, **self.overrides)
        article = load_article(path, text, fmt)
        return self.check_articles([(article, cfg)])[0]

    def check_articles(self, items: list[tuple[Article, Config]]) -> list[list[Finding]]:
        """Findings for each (article, config), parsing with spaCy in batches where needed."""
        results: list[list[Finding] | None] = [None] * len(items)
        items = [(article, self._in_language(article, cfg)) for article, cfg in items]
        by_config: dict[Config, list[int]] = {}
        for i, (_, cfg) in enumerate(items):
            by_config.setdefault(cfg, []).append(i)
        for cfg, idxs in by_config.items():
            rs = self.ruleset(cfg)
            if rs.needs:
                from copylint.nlp import get_nlp, parse
                nlp = get_nlp(cfg.spacy_model)
                arts = [items[i][0] for i in idxs]
                started = [rs.start(a) for a in arts]  # the rules that need no parse, beside it
                starts = [[b.start for b in a.blocks] for a in arts]
                # the word-fit model scores the articles in its own thread, beside the parse
                fits = wordfit.submit(arts, cfg.garble_model) if "wordfit" in rs.needs else None
                cache = None
                if self.parse_cache:
                    from copylint.nlp import ParseCache
                    cache = self._parse_caches.setdefault(cfg.spacy_model, ParseCache())
                for k, doc in enumerate(parse(nlp, [a.text for a in arts], rs.needs, block_starts=starts,
                                              cache=cache)):
                    art = arts[k]
                    art.doc = doc
                    art.wordfit = fits[k].result() if fits else None
                    results[idxs[k]] = rs.run(art, started[k])
                    art.doc = art.wordfit = None
            else:
                for i in idxs:
                    results[i] = rs.run(items[i][0])
        return results  # type: ignore[return-value]

    def _in_language(self, article: Article, cfg: Config) -> Config:
        """The config to check ``article`` with: ``cfg``, or for an article clearly in another
        language than English (``copylint.language``) ``cfg`` less the rules that read English,
        which would report its every word; the article's notices say so. In an English article, the
        blocks that read as another language, and the quotations inside English blocks that do
        (``language.quotation_language``), are set on ``article.other_language_blocks``, where
        ``RuleSet.run`` drops those rules' findings. ``language-check``: ``off`` reads everything as
        English, ``articles`` judges whole articles only."""
        if cfg.language_check == "off":
            return cfg
        rs = self.ruleset(cfg)
        english = tuple(r.id for r in rs.rules if not r.any_language)
        if not english:
            return cfg
        kept = sorted({r.family for r in rs.rules if r.any_language})
        lang = language.other_language(article.text)
        if lang is not None:
            # a bilingual page: its blocks that are clearly English are checked as English
            english_blocks = [b for b in article.blocks if language.english_block(article.text[b.start:b.end])] \
                if cfg.language_check == "on" else []
            if not english_blocks:
                article.notices.append(f"reads as {language.name(lang)}, not English: only the rules that read no"
                                       f" English ran ({', '.join(kept) or 'none enabled'}), {len(english)} others"
                                       " skipped")
                return dataclasses.replace(cfg, ignore=tuple(cfg.ignore) + english)
            english_starts = {b.start for b in english_blocks}
            article.other_language_blocks = [(b.start, b.end, lang) for b in article.blocks
                                             if b.start not in english_starts]
            article.notices.append(f"reads as {language.name(lang)}, not English, but for "
                                   f"{_lines(article, [(b.start, b.end) for b in english_blocks])}: only the rules"
                                   f" that read no English reported elsewhere ({', '.join(kept) or 'none enabled'})")
        elif cfg.language_check == "on":
            found = language.other_language_blocks(article.text, article.blocks)
            if found:
                article.notices.append(f"{_lines(article, found)} {'read' if len(found) > 1 else 'reads'} as another"
                                       f" language than English: only the rules that read no English reported there"
                                       f" ({', '.join(kept) or 'none enabled'})")
            # a quotation in another language inside an English block (a couplet, a statement)
            quoted = [(a, b, "") for a, b in article.quotations
                      if not any(s <= a and b <= e for s, e, _ in found)
                      and language.quotation_language(article.text[a:b]) is not None]
            if quoted:
                what = "quotations read" if len(quoted) > 1 else "a quotation reads"
                article.notices.append(f"{_lines(article, quoted)}: {what} as another language than English:"
                                       f" only the rules that read no English"
                                       f" reported there ({', '.join(kept) or 'none enabled'})")
            article.other_language_blocks = sorted(found + quoted)
        return cfg

    def check_paths(self, paths: list[str]) -> list[FileResult]:
        """Every file under ``paths``: a result for each (a path that cannot be checked first)."""
        files, results = self.expand(paths)
        results.extend(self.check_files(files))
        return results

    def check_files(self, files: list[str]) -> list[FileResult]:
        """Files already listed (by ``expand``), one result each in their order, parsed in batches
        of ``NLP_BATCH``. The one loop behind ``check_paths``, ``--jobs`` workers and Dask."""
        results: list[FileResult] = []
        for chunk_start in range(0, len(files), NLP_BATCH):
            results.extend(self._check_chunk(files[chunk_start:chunk_start + NLP_BATCH]))
        return results

    def _check_chunk(self, files: list[str]) -> list[FileResult]:
        out: list[FileResult] = []
        pending: list[tuple[Article, Config]] = []
        pending_results: list[FileResult] = []
        pending_keys: list[str] = []
        for path in files:
            try:
                cfg = self.config_for(path)
            except config_mod.ConfigError as exc:
                out.append(FileResult(path, error=str(exc)))
                continue
            src: Source = read_source(path, cfg.max_file_size)
            res = FileResult(path)
            out.append(res)
            if src.error:
                res.error = src.error
                continue
            if src.empty:
                res.notice = "empty file, nothing to check"
                continue
            if src.encoding not in ("utf-8", "utf-8-sig"):
                res.notice = f"decoded as {src.encoding}"
            key = hit = None
            if self.cache is not None:
                key = self.cache.key_for(path, src.text, cfg, self.ruleset(cfg))
                hit = self.cache.get(cfg, key)
                if hit is not None and not self.keep_articles:
                    res.findings, res.words = hit
                    continue
            try:
                article = load_article("<stdin>" if path == "-" else path, src.text, None if path != "-" else "text",
                                       encoding=src.encoding)
            except Exception as exc:  # a reader bug must not lose the other files; exit code 3
                if os.environ.get("COPYLINT_DEBUG"):
                    raise
                res.error = f"{path}: internal error while reading: {type(exc).__name__}: {exc}"
                res.internal = True
                continue
            res.words = article.word_count
            if self.keep_articles:
                res.article = article
            if hit is not None:
                res.findings = hit[0]
                res.notice = "; ".join(filter(None, [res.notice, *article.notices])) or None
                continue
            pending.append((article, cfg))
            pending_results.append(res)
            pending_keys.append(key)
        for (article, _), res, findings in zip(pending, pending_results, self.check_articles(pending)):
            res.findings = findings  # the reader's notices, and the checks' (a language not English)
            res.notice = "; ".join(filter(None, [res.notice, *article.notices])) or None
        if self.cache is not None and not self.warnings:  # a backend down: results incomplete, not cached
            for (article, cfg), res, key in zip(pending, pending_results, pending_keys):
                if not article.notices:  # a part was not checked: read it again, to say so again
                    self.cache.put(cfg, key, res.findings, res.words)
        return out


def exit_code(results: list[FileResult], fail_on, backend_unavailable: bool = False) -> int:
    """0 clean, 1 findings at or above ``fail_on``, 2 when any input could not be checked, 3 when
    copylint failed on one (a bug in a reader), 4 when everything was checked but a configured
    grammar backend was unavailable (and no finding or input error already gives 1 or 2).
    ``fail_on`` is one Severity for every file, or a function giving each FileResult's own (its
    config's ``fail-on``)."""
    threshold = fail_on if callable(fail_on) else (lambda _r: fail_on)
    if any(r.internal for r in results):
        return exitcodes.INTERNAL
    if any(r.error for r in results):
        return exitcodes.INPUT_ERROR
    if any(r.findings and any(f.severity >= threshold(r) for f in r.findings) for r in results):
        return exitcodes.FINDINGS
    if backend_unavailable:
        return exitcodes.BACKEND_UNAVAILABLE
    return exitcodes.OK
