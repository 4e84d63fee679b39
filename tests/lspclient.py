"""A small synchronous LSP client for tests and benchmarks: pygls's ``LanguageClient`` driving a
``copylint server`` subprocess over stdio, with its event loop in a thread of its own.

    with Client(root) as c:
        c.open(uri, text, "markdown")
        diags = c.diagnostics(uri)            # the next publishDiagnostics for uri
"""
from __future__ import annotations

import asyncio
import os
import queue
import sys
import threading
import time

from lsprotocol import types as T
from pygls.lsp.client import LanguageClient


class Client:
    def __init__(self, root: str, command: list[str] | None = None, init_options: dict | None = None,
                 env: dict | None = None, capabilities: T.ClientCapabilities | None = None) -> None:
        self.root = root
        self.command = command or [sys.executable, "-m", "copylint", "server"]  # as `copylint server`
        self.init_options = init_options
        self.env = env
        self.capabilities = capabilities or T.ClientCapabilities(
            workspace=T.WorkspaceClientCapabilities(
                did_change_watched_files=T.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)))
        self.published: dict[str, queue.Queue] = {}
        self.messages: list[str] = []   # window/logMessage and window/showMessage
        self.registrations: list[T.Registration] = []
        self.stderr: list[str] = []
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.client: LanguageClient | None = None
        self.started = 0.0
        self.versions: dict[str, int] = {}

    def _run(self, coro, timeout: float = 120):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def _queue(self, uri: str) -> queue.Queue:
        return self.published.setdefault(uri, queue.Queue())

    # --- life cycle ------------------------------------------------------------------------------
    def start(self) -> T.InitializeResult:
        async def go():
            c = LanguageClient("copylint-tests", "1")

            @c.feature(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            def on_diagnostics(params: T.PublishDiagnosticsParams):
                self._queue(params.uri).put((time.perf_counter(), params))

            @c.feature(T.WINDOW_LOG_MESSAGE)
            def on_log(params):
                self.messages.append(params.message)

            @c.feature(T.WINDOW_SHOW_MESSAGE)
            def on_show(params):
                self.messages.append(params.message)

            @c.feature(T.CLIENT_REGISTER_CAPABILITY)
            def on_register(params: T.RegistrationParams):
                self.registrations.extend(params.registrations)
                return None

            self.started = time.perf_counter()
            env = dict(os.environ, **(self.env or {}))
            await c.start_io(*self.command, env=env, cwd=self.root)

            async def drain():  # the server's stderr must not fill its pipe
                while True:
                    line = await c._server.stderr.readline()
                    if not line:
                        break
                    self.stderr.append(line.decode(errors="replace").rstrip())

            asyncio.ensure_future(drain())
            self.client = c
            result = await c.initialize_async(T.InitializeParams(
                capabilities=self.capabilities, process_id=os.getpid(),
                root_uri=T_uri(self.root), initialization_options=self.init_options))
            c.initialized(T.InitializedParams())
            return result

        return self._run(go())

    def stop(self) -> int | None:
        """shutdown, exit; the server's exit code."""
        async def go():
            c = self.client
            try:
                await asyncio.wait_for(c.shutdown_async(None), 30)
                c.exit(None)
                await asyncio.wait_for(c._server.wait(), 30)
            finally:
                if c._server.returncode is None:
                    c._server.kill()
                await c.stop()
            return c._server.returncode

        try:
            return self._run(go())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(10)

    def __enter__(self) -> "Client":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- documents -------------------------------------------------------------------------------
    def open(self, uri: str, text: str, language: str = "markdown") -> None:
        self.versions[uri] = 1
        self.loop.call_soon_threadsafe(self.client.text_document_did_open, T.DidOpenTextDocumentParams(
            T.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))

    def change(self, uri: str, text: str) -> float:
        """Send the new text; the time it was sent (perf_counter)."""
        self.versions[uri] += 1
        params = T.DidChangeTextDocumentParams(T.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
                                               [T.TextDocumentContentChangeWholeDocument(text=text)])
        t = time.perf_counter()
        self.loop.call_soon_threadsafe(self.client.text_document_did_change, params)
        return t

    def save(self, uri: str) -> None:
        self.loop.call_soon_threadsafe(self.client.text_document_did_save,
                                       T.DidSaveTextDocumentParams(T.TextDocumentIdentifier(uri)))

    def close(self, uri: str) -> None:
        self.loop.call_soon_threadsafe(self.client.text_document_did_close,
                                       T.DidCloseTextDocumentParams(T.TextDocumentIdentifier(uri)))

    def watched_changed(self, uri: str) -> None:
        self.loop.call_soon_threadsafe(self.client.workspace_did_change_watched_files, T.DidChangeWatchedFilesParams(
            [T.FileEvent(uri=uri, type=T.FileChangeType.Changed)]))

    def next_published(self, uri: str, timeout: float = 120) -> tuple[float, T.PublishDiagnosticsParams]:
        """The next publishDiagnostics for ``uri``: (time received, params)."""
        return self._queue(uri).get(timeout=timeout)

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 120) -> list[T.Diagnostic]:
        """Diagnostics published for ``uri`` (for ``version`` when given: older ones are skipped)."""
        deadline = time.monotonic() + timeout
        while True:
            _, params = self.next_published(uri, max(0.1, deadline - time.monotonic()))
            if version is None or params.version is None or params.version >= version:
                return params.diagnostics

    def code_actions(self, uri: str, rng: T.Range, diagnostics: list[T.Diagnostic], only=None) -> list[T.CodeAction]:
        params = T.CodeActionParams(T.TextDocumentIdentifier(uri), rng,
                                    T.CodeActionContext(diagnostics=diagnostics, only=only))
        return self._run(self.client.text_document_code_action_async(params)) or []

    def hover(self, uri: str, position: T.Position) -> T.Hover | None:
        return self._run(self.client.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri), position)))


def T_uri(path: str) -> str:
    from pygls.uris import from_fs_path
    return from_fs_path(os.path.abspath(path))


def apply_edits(text: str, edits: list[T.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions; lines end at \\n, \\r\\n or \\r) to ``text``."""
    from copylint.server import Positions

    pos = Positions(text)
    spans = sorted(((pos.offset(e.range.start), pos.offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for s, e, new in spans:
        text = text[:s] + new + text[e:]
    return text
