"""``copylint server``: the Language Server Protocol over standard input and output (pygls).

An editor starts ``copylint server`` once; it loads spaCy, Harper and the other models at start
and keeps them. For each open document (Markdown, HTML, plain text):

- diagnostics on open, on change (debounced: a check starts ``debounceMs`` after the last change,
  50 ms by default, and changes that arrive meanwhile are checked together) and on save. Each
  diagnostic carries the rule id as its code, the severity mapped (error, warning, information),
  the places it points at (a duplicate's first copy) as related information, and a link to the
  rule's documentation (``copylint explain RULE``, written once as a Markdown file);
- code actions: the safe fix of a fixable finding, "fix all safe fixes", and an inline suppression
  comment for the rule (``<!-- copylint-disable-next-line RULE -->`` in Markdown and HTML,
  ``copylint: ignore RULE`` at the end of the line in plain text) or for the whole file;
- hover on a diagnostic: the rule's documentation;
- the configuration that applies to the file (``pyproject.toml`` / ``.copylint.toml``, found
  upwards from it as on the command line) is read again whenever one of those files changes.

A re-check parses only the blocks whose text changed (``Linter(parse_cache=True)``) and Harper
lints only the paragraphs that changed; the rest of the rules run over the whole article, so the
diagnostics are always those ``copylint check`` gives for the same text. A rule that raises is
logged (window/logMessage) and the other rules' diagnostics are still published; nothing a document
contains stops the server.
"""
from __future__ import annotations

import asyncio
import bisect
import logging
import os
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from copylint import __version__
from copylint import config as config_mod
from copylint import semantic
from copylint.article import Article
from copylint.config import Config, ConfigError
from copylint.finding import Finding, Severity

log = logging.getLogger("copylint.server")

DEBOUNCE_MS = 50
SOURCE = "copylint"
LANGUAGES = {"markdown": "markdown", "html": "html", "plaintext": "text", "text": "text"}
_SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
             Severity.INFO: types.DiagnosticSeverity.Information}
_LINE_BREAK = re.compile(r"\r\n|\n|\r")


# --- positions ---------------------------------------------------------------------------------
class Positions:
    """Offsets in a document's text <-> LSP positions. Lines end at ``\\n``, ``\\r\\n`` or ``\\r``
    (as in LSP and in copylint's own line numbers); characters are counted in the negotiated
    encoding (UTF-16 code units unless the client chose UTF-8 or UTF-32)."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        self.encoding = encoding

    def _units(self, s: str) -> int:
        if self.encoding == types.PositionEncodingKind.Utf32:
            return len(s)
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(s.encode("utf-8", "surrogatepass"))
        return len(s) + sum(1 for c in s if ord(c) > 0xFFFF)

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return types.Position(line=line, character=self._units(self.text[self.starts[line]:offset]))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(max(start, end)))

    def line_end(self, line: int) -> int:
        """Offset of the end of ``line``'s content (before its line break)."""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        while end > self.starts[line] and self.text[end - 1] in "\r\n":
            end -= 1
        return end

    def offset(self, pos: types.Position) -> int:
        if pos.line >= len(self.starts):
            return len(self.text)
        start = self.starts[pos.line]
        end = self.line_end(pos.line)
        units = 0
        for i in range(start, end):
            if units >= pos.character:
                return i
            units += self._units(self.text[i])
        return end


def finding_span(f: Finding) -> tuple[int, int]:
    """The finding's span as offsets into the original text."""
    return f.raw_start, max(f.raw_end, f.raw_start)


# --- documents ---------------------------------------------------------------------------------
@dataclass
class Checked:
    """The result of checking one version of a document."""

    version: int | None
    article: Article | None
    findings: list[Finding]
    positions: Positions
    cfg: Config | None
    #: checked while the embedding model was still loading (list-intruder ran on its noun table)
    semantic_pending: bool = False

    @property
    def stale(self) -> bool:
        """Checked without the embedding model, which has loaded since: check again."""
        return self.semantic_pending and semantic.ready()


@dataclass
class Document:
    uri: str
    text: str
    version: int | None
    language: str
    checked: Checked | None = None
    timer: asyncio.TimerHandle | None = None


def _format(uri: str, language: str) -> str:
    if language in LANGUAGES:
        return LANGUAGES[language]
    from copylint.readers import format_for
    return format_for(uri)


def _rule_docs(rule_id: str) -> str:
    """A rule's documentation in Markdown (the text of ``copylint explain``)."""
    from copylint.rule import all_rules, render_example

    cls = all_rules().get(rule_id)
    if cls is None:
        return f"**{rule_id}**"
    parts = [f"**{cls.id}** ({cls.family}, {cls.severity}{', fixable' if cls.fixable else ''})", "",
             cls.summary, "", cls.doc()]
    for title, examples in (("Flags", cls.flags), ("Does not flag", cls.passes)):
        if examples:
            parts += ["", f"{title}:", ""]
            parts += ["- " + render_example(ex, "**", "**", newline=" / ") for ex in examples]
    return "\n".join(parts)


def docs_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copylint" / f"rules-{__version__}"


_DOC_URIS: dict[str, str | None] = {}


def rule_doc_uri(rule_id: str) -> str | None:
    """A ``file:`` URI of the rule's documentation, written once per version into the user's cache
    folder (``$XDG_CACHE_HOME/copylint``); None when it cannot be written."""
    if rule_id not in _DOC_URIS:
        uri = None
        if not rule_id.startswith("lt:"):
            try:
                path = docs_dir() / f"{rule_id}.md"
                text = _rule_docs(rule_id) + "\n"
                if not path.is_file() or path.read_text(encoding="utf-8") != text:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    from copylint.fileio import atomic_write
                    atomic_write(str(path), text)
                uri = from_fs_path(str(path))
            except (OSError, UnicodeDecodeError):
                uri = None
        _DOC_URIS[rule_id] = uri
    return _DOC_URIS[rule_id]


# --- the server --------------------------------------------------------------------------------
class CopylintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("copylint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        from copylint.engine import Linter

        self.linter = Linter(parse_cache=True, on_rule_error=self._rule_failed)
        self.docs: dict[str, Document] = {}
        self.debounce = DEBOUNCE_MS / 1000
        # one thread checks (the Linter is not shared between threads); the event loop stays free
        self.checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copylint-check")
        self._check_lock: asyncio.Lock | None = None
        self._config_stamps: dict[str, tuple] = {}
        self._told: set[str] = set()
        self.ready = threading.Event()
        self.preloading: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._root: str | None = None
        self._semantic_wanted = False  # list-intruder's embedding model is to be loaded (warm_up says)
        self._checked_one = False  # a document has been checked (the first check's time is logged)
        self._speller_warm = False  # Harper's speller has been asked to build its tables

    # --- messages ------------------------------------------------------------------------------
    def log(self, message: str, kind=types.MessageType.Log) -> None:
        log.info(message)
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        except Exception:  # no client yet (or gone): the log on stderr is enough
            pass

    def tell(self, message: str, kind=types.MessageType.Warning, key: str | None = None) -> None:
        """Show a message to the user once (a broken config, a backend down); ``key``: what makes
        it the same message (default: its text)."""
        key = message if key is None else key
        if key in self._told:
            return
        self._told.add(key)
        self.log(message, kind)
        try:
            self.window_show_message(types.ShowMessageParams(type=kind, message=f"copylint: {message}"))
        except Exception:
            pass

    def _rule_failed(self, rule, article, exc) -> None:
        self.call_soon(self.log, f"rule {rule.id} failed on {article.path}: {type(exc).__name__}: {exc}; "
                       "the other rules' diagnostics are published", types.MessageType.Error)

    def call_soon(self, fn, *args) -> None:
        """Run ``fn`` on the event loop (messages are written from its thread only)."""
        loop = self._loop
        if loop is not None and loop.is_running() and threading.current_thread() is not threading.main_thread():
            loop.call_soon_threadsafe(fn, *args)
        else:
            fn(*args)

    # --- start -----------------------------------------------------------------------------------
    def warm_up(self, root: str | None) -> None:
        """Load spaCy, Harper and the other models once, before the first document comes."""
        t = time.perf_counter()
        if self.preloading is not None:
            self.preloading.join()
        from copylint.preload import timed
        encoder = False
        try:
            cfg = self._config(os.path.join(root, "untitled.md") if root else None)
            from copylint.grammar import choose_backend
            from copylint.background import submit

            harper = None
            if choose_backend(cfg) == "harper":  # Harper builds its dictionary beside spaCy's load
                from copylint.grammar.harper_backend import get_harper
                harper = submit(get_harper, cfg.dialect)
            rs = timed("rules", self.linter.ruleset, cfg)
            if rs.needs:
                from copylint.nlp import get_nlp
                get_nlp(cfg.spacy_model)
            if harper is not None:
                harper.result()
            encoder = any(r.id == "boilerplate" for r in rs.rules)
            if semantic.enabled(cfg.semantic) and any(r.id == "list-intruder" for r in rs.rules):
                # 3 s and more with PyTorch (its imports hold the GIL): loaded in a thread of its
                # own once the first diagnostics are out, or now if no document waits; checks do
                # not wait for it, the open documents are checked again once it is there
                semantic.defer()
                self._semantic_wanted = True
                if not self.docs:
                    self._load_semantic()
            timed("warm-up check", self.linter.check_articles, [(self._load(
                "untitled.md", "The council met on Monday, officials said.\n", "markdown"), cfg)])
        except Exception as exc:  # a broken model or config: said when a document is checked
            log.warning("warm-up: %s: %s", type(exc).__name__, exc)
        finally:
            log.info("models loaded, ready in %.2f s", time.perf_counter() - t)
            self.ready.set()
        if encoder:
            # boilerplate's line-alone judge reads a few lines through the encoder its model reads
            # with (``load_encoder``: the residue model's source; about 0.3-0.5 s to load): loaded
            # once the first document may be checked, not before, so that the start's first
            # diagnostics do not wait for it; a check that reads a line meanwhile waits for this one
            # load (the encoder's ``load`` holds a lock), and the later ones find it
            from copylint.checks.residue import load_encoder
            try:
                timed("the residue model's line encoder (boilerplate's line reader, after ready)", load_encoder)
            except Exception as exc:  # said when a check reads a line
                log.warning("warm-up: the residue model's line encoder: %s: %s", type(exc).__name__, exc)

    def _load_semantic(self) -> None:
        if self._semantic_wanted:
            semantic.load_in_background(self._semantic_loaded)

    def _semantic_loaded(self) -> None:
        log.info("embedding model loaded (%.2f s)", semantic.load_seconds)
        if self._loop is not None and self._loop.is_running():
            self._loop.call_soon_threadsafe(lambda: asyncio.ensure_future(self.recheck_stale()))

    async def recheck_stale(self) -> None:
        """Check again the documents checked before the embedding model had loaded."""
        for uri, doc in list(self.docs.items()):
            if doc.checked is not None and doc.checked.stale:
                await self.schedule(uri, 0)

    # --- configuration -------------------------------------------------------------------------
    def _config(self, path: str | None) -> Config:
        """The configuration for a document, read again when a config file on its path changed."""
        directory = os.path.dirname(os.path.abspath(path)) if path else (self._root or os.getcwd())
        stamp = _config_stamp(directory)
        if self._config_stamps.get(directory) != stamp:
            self._config_stamps[directory] = stamp
            config_mod.discover.cache_clear()
        try:
            return self.linter.config_for(path or os.path.join(directory, "untitled"))
        except ConfigError as exc:
            self.call_soon(self.tell, f"{exc}; checking with the default configuration", types.MessageType.Error)
            return config_mod.env_overrides(Config())

    def reload_config(self) -> None:
        config_mod.discover.cache_clear()
        self._config_stamps.clear()
        self.linter._rulesets.clear()
        self._told.clear()

    # --- checking ------------------------------------------------------------------------------
    @staticmethod
    def _load(path: str, text: str, fmt: str) -> Article:
        from copylint.readers import load_article
        return load_article(path, text, fmt)

    def check_document(self, uri: str, text: str, version, language: str) -> Checked:
        """Check one version of a document (in the checker thread)."""
        self.ready.wait()
        pending = not semantic.ready()
        positions = Positions(text, self.workspace.position_encoding if self._workspace_ready() else
                              types.PositionEncodingKind.Utf16)
        path = to_fs_path(uri) if uri.startswith("file:") else None
        cfg = self._config(path)
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > cfg.max_file_size:
            self.call_soon(self.tell, f"{path or uri}: too large to check ({size / 1e6:.1f} MB; the limit is "
                           f"{cfg.max_file_size / 1e6:.1f} MB, set max-file-size to raise it)")
            return Checked(version, None, [], positions, cfg)
        if not text.strip():
            return Checked(version, None, [], positions, cfg)
        try:
            article = self._load(path or uri, text, _format(uri, language))
        except Exception as exc:
            self.call_soon(self.log, f"{uri}: could not be read: {type(exc).__name__}: {exc}", types.MessageType.Error)
            return Checked(version, None, [], positions, cfg)
        w, c = time.perf_counter(), time.thread_time()
        try:
            findings = self.linter.check_articles([(article, cfg)])[0]
        except Exception as exc:  # the parse itself failed: the rules that need none still run
            self.call_soon(self.log, f"{uri}: check failed ({type(exc).__name__}: {exc}); "
                           "rules that need no parse were run", types.MessageType.Error)
            article.doc = None
            try:
                findings = self.linter.ruleset(cfg).run(article)
            except Exception:
                findings = []
        if not self._checked_one:
            self._checked_one = True
            log.info("start phase: first document's check: %.2f s wall, %.2f s CPU (this thread)",
                     time.perf_counter() - w, time.thread_time() - c)
        for warning in self.linter.warnings:
            self.call_soon(self.tell, warning)
        for notice in article.notices:  # a part not checked; a language not English
            # once a document, whatever lines it names as the text is edited
            self.call_soon(self.tell, f"{path or uri}: {notice}", types.MessageType.Info,
                           f"{path or uri}: {re.sub(r'[0-9]+', '#', notice)}")
        return Checked(version, article, findings, positions, cfg, semantic_pending=pending)

    def _workspace_ready(self) -> bool:
        try:
            return self.workspace is not None
        except Exception:
            return False

    def diagnostics(self, uri: str, checked: Checked) -> list[types.Diagnostic]:
        out = []
        pos = checked.positions
        for f in checked.findings:
            start, end = finding_span(f)
            related = []
            for r in f.related:
                rs, re_ = checked.article.to_raw(r.start), checked.article.to_raw_end(r.end)
                related.append(types.DiagnosticRelatedInformation(
                    location=types.Location(uri=uri, range=pos.range(rs, max(rs, re_))), message=r.message or f.rule))
            href = rule_doc_uri(f.rule)
            message = f.message + (f" (suggestion: {f.suggestion})" if f.suggestion else "")
            out.append(types.Diagnostic(
                range=pos.range(start, end), message=message, severity=_SEVERITY[f.severity], code=f.rule,
                code_description=types.CodeDescription(href=href) if href else None, source=SOURCE,
                related_information=related or None))
        return out

    async def schedule(self, uri: str, delay: float) -> None:
        doc = self.docs.get(uri)
        if doc is None:
            return
        if doc.timer is not None:
            doc.timer.cancel()
        loop = asyncio.get_running_loop()
        if delay <= 0:
            doc.timer = None
            await self.run_check(uri)
        else:
            doc.timer = loop.call_later(delay, lambda: asyncio.ensure_future(self.run_check(uri)))

    async def run_check(self, uri: str) -> None:
        if self._check_lock is None:
            self._check_lock = asyncio.Lock()
        async with self._check_lock:  # one check at a time; a queued one takes the latest text
            doc = self.docs.get(uri)
            if doc is None or (doc.checked is not None and doc.checked.version == doc.version
                               and doc.version is not None and not doc.checked.stale):
                return
            loop = asyncio.get_running_loop()
            try:
                checked = await loop.run_in_executor(self.checker, self.check_document, uri, doc.text,
                                                     doc.version, doc.language)
                diagnostics = self.diagnostics(uri, checked) if checked.article is not None else []
            except Exception as exc:  # a bug: logged, never fatal
                log.exception("check of %s failed", uri)
                self.log(f"{uri}: internal error: {type(exc).__name__}: {exc}", types.MessageType.Error)
                return
            doc = self.docs.get(uri)
            if doc is None or doc.version != checked.version:
                return  # changed meanwhile: the check scheduled for the new text publishes
            doc.checked = checked
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, version=checked.version, diagnostics=diagnostics))
            if checked.stale:  # the embedding model loaded during this check: once more, with it
                asyncio.ensure_future(self.run_check(uri))
            elif checked.semantic_pending:
                self._load_semantic()  # the first diagnostics are out: now the embedding model
            self._warm_speller(checked.cfg)

    def _warm_speller(self, cfg: Config | None) -> None:
        """Once the first diagnostics are out: have Harper's spelling suggester build its tables
        (``HarperBackend.warm_speller``: 1.3-1.9 s of CPU once per process, in the speller's own
        thread, the GIL released), so the check after a half-typed word does not pay it. Not at
        start: it would compete with the first check, and a document with no unknown word never
        needs it."""
        if self._speller_warm or cfg is None:
            return
        self._speller_warm = True
        try:
            from copylint.grammar import choose_backend
            if choose_backend(cfg) == "harper":
                from copylint.grammar.harper_filter import harper_for
                harper_for(cfg).warm_speller()
        except Exception as exc:  # said when a document is checked
            log.info("speller warm-up: %s: %s", type(exc).__name__, exc)

    async def recheck_all(self) -> None:
        for doc in self.docs.values():
            doc.checked = None
        for uri in list(self.docs):
            await self.schedule(uri, 0)

    # --- code actions and hover --------------------------------------------------------------
    def _current(self, uri: str) -> tuple[Document, Checked] | None:
        doc = self.docs.get(uri)
        if doc is None or doc.checked is None or doc.checked.article is None or doc.checked.version != doc.version:
            return None
        return doc, doc.checked

    def findings_in(self, checked: Checked, start: int, end: int, rules: set[str] | None = None) -> list[Finding]:
        out = []
        for f in checked.findings:
            s, e = finding_span(f)
            if s <= end and start <= max(e, s + 1) and (rules is None or f.rule in rules):
                out.append(f)
        return out

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        cur = self._current(params.text_document.uri)
        if cur is None:
            return []
        doc, checked = cur
        uri = doc.uri
        pos = checked.positions
        start, end = pos.offset(params.range.start), pos.offset(params.range.end)
        wanted = {str(d.code) for d in params.context.diagnostics if d.source == SOURCE} or None
        findings = self.findings_in(checked, start, end, wanted)
        only = params.context.only
        actions: list[types.CodeAction] = []
        from copylint.fix import fixable, plan

        def edit(edits) -> types.WorkspaceEdit:
            return types.WorkspaceEdit(changes={uri: [
                types.TextEdit(range=pos.range(e.start, e.end), new_text=e.text) for e in edits]})

        def diag(f: Finding) -> list[types.Diagnostic]:
            s, e = finding_span(f)
            return [d for d in params.context.diagnostics
                    if str(d.code) == f.rule and d.range == pos.range(s, e)] or None

        def allowed(kind: str) -> bool:
            return not only or any(kind == k or kind.startswith(k + ".") for k in only)

        if allowed(types.CodeActionKind.QuickFix):
            seen_rules = set()
            for f in findings:
                if fixable(f):
                    edits = plan(checked.article, [f])
                    if edits:
                        what = "delete it" if all(not e.text for e in edits) else f"'{edits[0].text}'"
                        actions.append(types.CodeAction(
                            title=f"copylint: fix {f.rule} ({what})", kind=types.CodeActionKind.QuickFix,
                            diagnostics=diag(f), edit=edit(edits), is_preferred=True))
                if f.rule in seen_rules:
                    continue
                seen_rules.add(f.rule)
                line_edit = suppress_line_edit(checked.article, pos, f)
                if line_edit is not None:
                    title, te = line_edit
                    actions.append(types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix,
                                                    diagnostics=diag(f),
                                                    edit=types.WorkspaceEdit(changes={uri: [te]})))
                title, te = suppress_file_edit(checked.article, pos, f.rule)
                actions.append(types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix,
                                                diagnostics=diag(f), edit=types.WorkspaceEdit(changes={uri: [te]})))
        if allowed(types.CodeActionKind.SourceFixAll):
            edits = plan(checked.article, [f for f in checked.findings if fixable(f)])
            if edits:
                actions.append(types.CodeAction(title="copylint: apply every safe fix",
                                                kind=types.CodeActionKind.SourceFixAll, edit=edit(edits)))
        return actions

    def hover(self, params: types.HoverParams) -> types.Hover | None:
        cur = self._current(params.text_document.uri)
        if cur is None:
            return None
        _, checked = cur
        at = checked.positions.offset(params.position)
        found = self.findings_in(checked, at, at)
        if not found:
            return None
        rules = list(dict.fromkeys(f.rule for f in found))
        parts = []
        for f in found:
            parts.append(f"**{f.rule}** ({f.severity}): {f.message}"
                         + (f" — suggestion: `{f.suggestion}`" if f.suggestion else ""))
        for rid in rules:
            parts += ["", "---", "", _rule_docs(rid)]
        s = min(finding_span(f)[0] for f in found)
        e = max(finding_span(f)[1] for f in found)
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n".join(parts)),
                           range=checked.positions.range(s, e))


def _config_stamp(directory: str) -> tuple:
    """(path, mtime, size) of every config file copylint would look at for files in ``directory``."""
    out = []
    d = Path(directory)
    for parent in (d, *d.parents):
        for name in config_mod.CONFIG_NAMES:
            p = parent / name
            try:
                st = p.stat()
            except OSError:
                continue
            out.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(out)


# --- suppression comments ----------------------------------------------------------------------
_TEXT_MARKER = re.compile(r"(copylint:[ \t]*ignore)\b([ \t]*)([\w:.,\- \t]*?)[ \t]*$", re.I)


def suppress_line_edit(article: Article, pos: Positions, f: Finding) -> tuple[str, types.TextEdit] | None:
    """The edit that silences ``f.rule`` where ``f`` is: a ``copylint: ignore RULE`` marker at the end
    of the line (plain text), a ``<!-- copylint-disable-next-line RULE -->`` line above it (Markdown,
    HTML). None for a finding over several lines of plain text."""
    line = f.line - 1
    if article.fmt == "text":
        if f.end_line != f.line:
            return None
        end = pos.line_end(line)
        content = pos.text[pos.starts[line]:end]
        m = _TEXT_MARKER.search(content)
        if m:  # a marker already there: add the rule to it
            at = pos.starts[line] + m.end(3)
            rules = m.group(3).strip()
            text = f"{',' if rules else ' '}{f.rule}"
            return (f"copylint: ignore {f.rule} on this line",
                    types.TextEdit(range=pos.range(at, at), new_text=text))
        return (f"copylint: ignore {f.rule} on this line",
                types.TextEdit(range=pos.range(end, end), new_text=f"  copylint: ignore {f.rule}"))
    start = pos.starts[line]
    indent = re.match(r"[ \t>]*", pos.text[start:pos.line_end(line)]).group()
    if article.fmt == "markdown":
        indent = indent.replace(">", "").rstrip() if ">" not in indent else indent
    newline = _newline(pos.text)
    return (f"copylint: disable {f.rule} for this line",
            types.TextEdit(range=pos.range(start, start),
                           new_text=f"{indent}<!-- copylint-disable-next-line {f.rule} -->{newline}"))


def suppress_file_edit(article: Article, pos: Positions, rule: str) -> tuple[str, types.TextEdit]:
    """The edit that silences ``rule`` in the whole file: a ``copylint: disable-file RULE`` line at the
    top of plain text, a ``<!-- copylint-disable-file RULE -->`` comment in Markdown (after its
    front matter) and HTML."""
    newline = _newline(pos.text)
    at = 0
    if article.fmt == "text":
        text = f"copylint: disable-file {rule}{newline}{newline}"
    else:
        text = f"<!-- copylint-disable-file {rule} -->{newline}"
        if article.fmt == "markdown":
            from copylint.readers import _FRONT_MATTER
            fm = _FRONT_MATTER.match(pos.text)
            if fm:
                at = fm.end()
                text = newline + text.rstrip("\r\n")
        else:
            m = re.match(r"\s*(?:<!doctype[^>]*>\s*)?", pos.text, re.I)
            at = m.end() if m else 0
    return f"copylint: disable {rule} in this file", types.TextEdit(range=pos.range(at, at), new_text=text)


def _newline(text: str) -> str:
    m = _LINE_BREAK.search(text)
    return m.group() if m else "\n"


# --- wiring --------------------------------------------------------------------------------------
def create_server() -> CopylintServer:
    server = CopylintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: CopylintServer, params: types.InitializeParams):
        opts = params.initialization_options or {}
        if isinstance(opts, dict) and isinstance(opts.get("debounceMs"), (int, float)):
            ls.debounce = max(0.0, opts["debounceMs"] / 1000)
        root = None
        if params.root_uri:
            root = to_fs_path(params.root_uri)
        elif params.root_path:
            root = params.root_path
        ls._root = root
        threading.Thread(target=ls.warm_up, args=(root,), name="copylint-warm-up", daemon=True).start()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: CopylintServer, params):
        ls._loop = asyncio.get_running_loop()
        caps = ls.client_capabilities.workspace
        watch = caps and caps.did_change_watched_files and caps.did_change_watched_files.dynamic_registration
        if watch:
            try:
                await ls.client_register_capability_async(types.RegistrationParams(registrations=[
                    types.Registration(id="copylint-config", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                       register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=[
                                           types.FileSystemWatcher(glob_pattern=f"**/{name}")
                                           for name in config_mod.CONFIG_NAMES]))]))
            except Exception as exc:  # the config is also checked for changes at every check
                log.info("could not watch config files: %s", exc)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: CopylintServer, params: types.DidOpenTextDocumentParams):
        ls._loop = asyncio.get_running_loop()
        td = params.text_document
        ls.docs[td.uri] = Document(td.uri, td.text, td.version, td.language_id)
        await ls.schedule(td.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: CopylintServer, params: types.DidChangeTextDocumentParams):
        doc = ls.docs.get(params.text_document.uri)
        if doc is None:
            return
        for change in params.content_changes:  # full sync: the last change holds the whole text
            if isinstance(change, types.TextDocumentContentChangeWholeDocument):
                doc.text = change.text
            else:  # a client that ignores the sync kind: apply the range ourselves
                p = Positions(doc.text)
                s, e = p.offset(change.range.start), p.offset(change.range.end)
                doc.text = doc.text[:s] + change.text + doc.text[e:]
        doc.version = params.text_document.version
        await ls.schedule(doc.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=True))
    async def did_save(ls: CopylintServer, params: types.DidSaveTextDocumentParams):
        uri = params.text_document.uri
        if uri.rsplit("/", 1)[-1] in config_mod.CONFIG_NAMES:
            ls.reload_config()
            await ls.recheck_all()
            return
        doc = ls.docs.get(uri)
        if doc is None:
            return
        if params.text is not None and params.text != doc.text:
            doc.text = params.text
        doc.checked = None
        await ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CopylintServer, params: types.DidCloseTextDocumentParams):
        doc = ls.docs.pop(params.text_document.uri, None)
        if doc is not None and doc.timer is not None:
            doc.timer.cancel()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri,
                                                                            diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: CopylintServer, params: types.DidChangeWatchedFilesParams):
        if any(c.uri.rsplit("/", 1)[-1] in config_mod.CONFIG_NAMES for c in params.changes):
            ls.reload_config()
            await ls.recheck_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def changed_configuration(ls: CopylintServer, params):
        ls.reload_config()
        await ls.recheck_all()

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]))
    def code_action(ls: CopylintServer, params: types.CodeActionParams):
        return ls.code_actions(params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: CopylintServer, params: types.HoverParams):
        return ls.hover(params)

    return server


def main(preloading: threading.Thread | None = None) -> None:
    """Serve over stdio. ``preloading``: the thread ``copylint.preload.start`` began loading the
    models in before this module (and pygls) was imported."""
    from copylint.preload import log_to_stderr
    log_to_stderr()
    server = create_server()
    server.preloading = preloading
    server.start_io()
