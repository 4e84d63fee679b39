"""The LanguageTool adapter against a local HTTP server that answers LanguageTool's documented
``POST /v2/check`` API in LanguageTool's own JSON format (offsets in UTF-16 code units, as the
Java server counts them). No real LanguageTool is reached and nothing is downloaded."""
import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import run_cli
from copylint.config import Config, LanguageToolConfig
from copylint.engine import Linter, exit_code
from copylint.finding import Severity
from copylint.grammar import choose_backend
from copylint.grammar.languagetool import check_url, chunks, utf16_index


def _u16(text: str, i: int) -> int:
    """UTF-16 code units before the Python offset i (what LanguageTool reports)."""
    return len(text[:i].encode("utf-16-le")) // 2


# A tiny stand-in for LanguageTool's rules, enough to produce real-format matches.
PATTERNS = [
    (r"\b[Aa] (?=[aeiou])", "EN_A_VS_AN", "Use \u201can\u201d instead of \u2018a\u2019 if the following word starts with a vowel sound, e.g. \u2018an article\u2019, \u2018an hour\u2019.",
     lambda m: ["an"], "misspelling", "MISC", "Miscellaneous", 1),
    (r"\bhomes was\b", "PLURAL_VERB_AFTER_THIS", "The verb \u2018was\u2019 does not agree with the plural subject.",
     lambda m: ["homes were"], "grammar", "GRAMMAR", "Grammar", None),
    (r"\bteh\b", "MORFOLOGIK_RULE_EN_GB", "Possible spelling mistake found.",
     lambda m: ["the", "ten"], "misspelling", "TYPOS", "Possible Typo", None),
    (r"  +", "WHITESPACE_RULE", "Possible typo: you repeated a whitespace",
     lambda m: [" "], "whitespace", "TYPOGRAPHY", "Typography", None),
    (r"\bin order to\b", "IN_ORDER_TO", "Consider a shorter alternative.",
     lambda m: ["to"], "style", "STYLE", "Style", None),
]


def lt_answer(text: str, language: str, disabled: set[str], disabled_cats: set[str]) -> dict:
    matches = []
    for pat, rid, msg, repl, issue, cat, catname, length in PATTERNS:
        if rid in disabled or cat in disabled_cats:
            continue
        for m in re.finditer(pat, text):
            s, e = m.start(), (m.start() + length if length else m.end())
            off, end16 = _u16(text, s), _u16(text, e)
            cs = max(0, s - 20)
            ctx = text[cs:e + 20]
            matches.append({
                "message": msg, "shortMessage": "",
                "replacements": [{"value": v} for v in repl(m)],
                "offset": off, "length": end16 - off,
                "context": {"text": ctx, "offset": _u16(ctx, s - cs), "length": end16 - off},
                "sentence": text.strip().split("\n")[0],
                "type": {"typeName": "Other"},
                "rule": {"id": rid, "description": msg, "issueType": issue,
                         "category": {"id": cat, "name": catname}},
                "ignoreForIncompleteSentence": False, "contextForSureMatch": 0,
            })
    matches.sort(key=lambda x: x["offset"])
    return {
        "software": {"name": "LanguageTool", "version": "6.6", "buildDate": "2025-03-27 16:13:41 +0000",
                     "apiVersion": 1, "premium": False, "premiumHint": "", "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {"name": "English (GB)", "code": language,
                     "detectedLanguage": {"name": "English (GB)", "code": "en-GB", "confidence": 0.99}},
        "matches": matches,
    }


class FakeLT:
    """A local server speaking /v2/check. ``mode``: ok, slow, error, garbage."""

    def __init__(self, mode="ok", delay=2.0):
        self.mode = mode
        self.delay = delay
        self.requests: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"), keep_blank_values=True)
                params = {k: v[0] for k, v in form.items()}
                outer.requests.append({"path": self.path, **params})
                if self.path != "/v2/check":
                    return self._send(404, b"Not found")
                if outer.mode == "slow":
                    time.sleep(outer.delay)
                if outer.mode == "error":
                    return self._send(500, b"Error: Internal Error: java.lang.OutOfMemoryError")
                if outer.mode == "garbage":
                    return self._send(200, b"<html>proxy login</html>", "text/html")
                answer = lt_answer(params["text"], params.get("language", ""),
                                   set(filter(None, params.get("disabledRules", "").split(","))),
                                   set(filter(None, params.get("disabledCategories", "").split(","))))
                self._send(200, json.dumps(answer).encode("utf-8"), "application/json")

            def _send(self, code, body, ctype="text/plain"):
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def _dead_url() -> str:
    """A local URL nobody listens on."""
    srv = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = srv.server_address[1]
    srv.server_close()
    return f"http://127.0.0.1:{port}"


def _linter(url, select=("grammar-check",), **lt):
    cfg = LanguageToolConfig(url=url, **lt)
    return Linter({"languagetool": cfg, "select": select}, isolated=True)


def _lt(findings):
    return [f for f in findings if f.rule.startswith("lt:")]


# --- unit pieces ---------------------------------------------------------------------------------
def test_utf16_offsets_map_to_python_offsets():
    text = "Fans 🎉🎉 cheered: a apple 𝄞 and a owl."
    conv = utf16_index(text)
    for i in range(len(text) + 1):
        assert conv(_u16(text, i)) == i


def test_check_url_forms():
    assert check_url("http://lt.example:8081") == "http://lt.example:8081/v2/check"
    assert check_url("http://lt.example:8081/v2/") == "http://lt.example:8081/v2/check"
    assert check_url("https://api.languagetool.org/v2") == "https://api.languagetool.org/v2/check"
    assert check_url("localhost:8010") == "http://localhost:8010/v2/check"


def test_chunks_cover_the_text_and_respect_the_limit():
    text = "\n\n".join(f"Paragraph {i} says a little about the port strike." for i in range(400))
    parts = chunks(text, limit=1000)
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:]))
    assert all(e - s <= 1000 for s, e in parts)


def test_backend_choice():
    assert choose_backend(Config()) == "harper"
    assert choose_backend(Config(languagetool=LanguageToolConfig(url="http://x"))) == "languagetool"
    assert choose_backend(Config(languagetool=LanguageToolConfig(directory="/opt/LanguageTool-6.6"))) == "languagetool"
    assert choose_backend(Config(languagetool=LanguageToolConfig(url="http://x", enabled=False))) == "harper"
    assert choose_backend(Config(grammar_backend="none", languagetool=LanguageToolConfig(url="http://x"))) is None
    assert choose_backend(Config(grammar_backend="harper", languagetool=LanguageToolConfig(url="http://x"))) == "harper"


# --- against the local server --------------------------------------------------------------------
def test_plain_text_findings_positions_suggestions_severities():
    text = "Storm damage\n\nHundreds of homes was damaged, and a apple tree fell.\n"
    with FakeLT() as lt:
        findings = _lt(_linter(lt.url).check_text(text, path="a.txt", fmt="text"))
    by_rule = {f.rule: f for f in findings}
    assert set(by_rule) == {"lt:EN_A_VS_AN", "lt:PLURAL_VERB_AFTER_THIS"}
    line = text.split("\n")[2]
    a = by_rule["lt:EN_A_VS_AN"]
    assert (a.line, a.column) == (3, line.index("a apple") + 1)
    assert a.suggestion == "an" and a.severity == Severity.WARNING and a.family == "grammar"
    g = by_rule["lt:PLURAL_VERB_AFTER_THIS"]
    assert line[g.column - 1:g.end_column - 1] == "homes was"
    assert g.suggestion == "homes were" and g.severity == Severity.WARNING


def test_emoji_before_the_error_keeps_columns_right():
    text = "Fans 🎉🎉 cheered 𝄞 as a owl landed.\n"
    with FakeLT() as lt:
        [f] = _lt(_linter(lt.url).check_text(text, path="e.txt", fmt="text"))
    assert f.rule == "lt:EN_A_VS_AN"
    assert text[f.column - 1:f.end_column - 1] == "a"
    assert text[f.column - 1:f.column + 4] == "a owl"


def test_markdown_offsets_point_into_the_original_file():
    raw = "# Storm\n\nThe *council* said **hundreds of homes was damaged** and a **apple** fell.\n"
    with FakeLT() as lt:
        findings = _lt(_linter(lt.url).check_text(raw, path="a.md", fmt="markdown"))
        sent = lt.requests[0]["text"]
    assert "**" not in sent and "# " not in sent  # the prose view is sent, not the markup
    line = raw.split("\n")[2]
    by_rule = {f.rule: f for f in findings}
    g = by_rule["lt:PLURAL_VERB_AFTER_THIS"]
    assert g.line == 3 and line[g.column - 1:g.end_column - 1] == "homes was"
    a = by_rule["lt:EN_A_VS_AN"]
    assert line[a.column - 1:a.end_column - 1] == "a"


def test_html_entities_and_tags_are_mapped_back():
    raw = "<html><body><p>Smith &amp; Jones said <b>a</b> apple fell.</p></body></html>"
    with FakeLT() as lt:
        [f] = _lt(_linter(lt.url).check_text(raw, path="a.html", fmt="html"))
    assert f.line == 1 and raw[f.column - 1:f.end_column - 1] == "a"
    assert raw[f.column - 4:f.column - 1] == "<b>"


def test_duplicates_and_noise_are_disabled_and_spelling_left_to_the_misspelling_rule():
    text = "The  port reopened in order to ease teh queues.\n"
    with FakeLT() as lt:
        findings = _lt(_linter(lt.url, disabled_rules=("SOME_HOUSE_RULE",)).check_text(text, fmt="text"))
        req = lt.requests[0]
    assert findings == []
    disabled = req["disabledRules"].split(",")
    for rid in ("WHITESPACE_RULE", "ENGLISH_WORD_REPEAT_RULE", "SOME_HOUSE_RULE"):
        assert rid in disabled
    assert {"STYLE", "TYPOS"} <= set(req["disabledCategories"].split(","))
    assert req["language"] == "en-GB"


def test_ignore_an_lt_rule_and_american_dialect():
    text = "Hundreds of homes was damaged and a apple fell.\n"
    with FakeLT() as lt:
        lin = Linter({"languagetool": LanguageToolConfig(url=lt.url), "select": ("grammar-check",),
                      "ignore": ("lt:EN_A_VS_AN",), "dialect": "american"}, isolated=True)
        findings = _lt(lin.check_text(text, fmt="text"))
        req = lt.requests[0]
    assert [f.rule for f in findings] == ["lt:PLURAL_VERB_AFTER_THIS"]
    assert "EN_A_VS_AN" in req["disabledRules"].split(",") and req["language"] == "en-US"


def test_long_article_is_batched_and_offsets_stay_right():
    para = "Dockworkers walked out on Monday over pay at the country's largest port. " * 8
    text = "\n\n".join([para] * 60) + "\n\nA late update: a owl was seen.\n"
    with FakeLT() as lt:
        findings = _lt(_linter(lt.url).check_text(text, fmt="text"))
        n = len(lt.requests)
    assert n >= 2
    [f] = findings
    lines = text.split("\n")
    assert lines[f.line - 1][f.column - 1:f.column + 4] == "a owl"


@pytest.mark.parametrize("mode,expect", [("error", "HTTP 500"), ("garbage", "not LanguageTool JSON"),
                                         ("slow", "did not answer within")])
def test_server_failures_warn_once_and_fall_back(mode, expect):
    texts = [f"Article {i}: she ate a apple.\n" for i in range(3)]
    # the offline checker loaded first, as a process that has checked a file has it: the time below is
    # the server's, not a first load's (3.6 s of it on a loaded machine, session 20)
    Linter({"select": ("grammar-check",)}, isolated=True).check_text(texts[0], path="warm.txt", fmt="text")
    with FakeLT(mode=mode, delay=3.0) as lt:
        lin = _linter(lt.url, timeout=0.5)
        t0 = time.perf_counter()
        results = [lin.check_text(t, path=f"{i}.txt", fmt="text") for i, t in enumerate(texts)]
        elapsed = time.perf_counter() - t0
        n = len(lt.requests)
    assert n == 1, "after the first failure the run does not ask the server again"
    assert elapsed < 2.5, "the run waited for the server beyond its timeout"
    [w] = lin.warnings
    assert expect in w and "Harper" in w
    assert lin.backend_unavailable
    # the offline checker still reports the a/an error
    for findings in results:
        assert [f.rule for f in findings] == ["grammar-check"]


def test_server_down_exit_code_4_and_other_rules_still_report(tmp_path):
    url = _dead_url()
    clean = tmp_path / "clean.txt"
    clean.write_text("The port reopened on Monday after a two-day strike.\n", encoding="utf-8")
    faulty = tmp_path / "faulty.txt"
    faulty.write_text("The port reopened on on Monday.\n", encoding="utf-8")
    (tmp_path / ".copylint.toml").write_text(f'[languagetool]\nurl = "{url}"\ntimeout = 2\n', encoding="utf-8")
    code, out, err = run_cli(["check", "clean.txt", "--format", "json"], cwd=tmp_path)
    assert code == 4, err
    assert err.count("unreachable") == 1 and "copylint: warning:" in err
    assert json.loads(out)["files"][0]["findings"] == []
    code, out, err = run_cli(["check", "clean.txt", "faulty.txt", "--format", "json"], cwd=tmp_path)
    assert code == 1  # findings decide the exit code; the warning is still printed once
    assert err.count("unreachable") == 1
    rules = [f["rule"] for e in json.loads(out)["files"] for f in e["findings"]]
    assert "repeated-word" in rules


def test_env_var_points_at_the_server(tmp_path):
    (tmp_path / "a.txt").write_text("Hundreds of homes was damaged.\n", encoding="utf-8")
    with FakeLT() as lt:
        code, out, err = run_cli(["check", "a.txt", "--format", "json", "--select", "grammar-check"],
                                 cwd=tmp_path, env={"COPYLINT_LANGUAGETOOL_URL": lt.url})
        assert lt.requests and lt.requests[0]["path"] == "/v2/check"
    assert code == 1, err
    [f] = json.loads(out)["files"][0]["findings"]
    assert f["rule"] == "lt:PLURAL_VERB_AFTER_THIS" and f["suggestion"] == "homes were"


def test_config_table_points_at_the_server(tmp_path):
    (tmp_path / "a.txt").write_text("She ate a apple.\n", encoding="utf-8")
    with FakeLT() as lt:
        (tmp_path / "pyproject.toml").write_text(
            f'[tool.copylint]\nselect = ["grammar"]\n\n[tool.copylint.languagetool]\nurl = "{lt.url}"\n'
            'language = "en-GB"\ntimeout = 5\n', encoding="utf-8")
        code, out, err = run_cli(["check", "a.txt", "--format", "json"], cwd=tmp_path)
    assert code == 1, err
    rules = [f["rule"] for f in json.loads(out)["files"][0]["findings"]]
    assert rules == ["lt:EN_A_VS_AN"]


def test_missing_directory_never_downloads(tmp_path, monkeypatch):
    import language_tool_python.download_lt as dl

    def boom(*a, **k):
        raise AssertionError("copylint must never download LanguageTool")

    monkeypatch.setattr(dl, "http_get", boom)
    monkeypatch.setattr(dl.ReleaseLocalLanguageTool, "download", boom)
    for directory in (tmp_path / "nowhere", tmp_path / "LanguageTool-6.6"):
        if directory.name.startswith("LanguageTool"):
            directory.mkdir()  # exists but holds no jar
        lin = Linter({"languagetool": LanguageToolConfig(directory=str(directory)), "select": ("grammar-check",)},
                     isolated=True)
        findings = lin.check_text("She ate a apple.\n", fmt="text")
        assert lin.backend_unavailable and len(lin.warnings) == 1
        assert [f.rule for f in findings] == ["grammar-check"]  # Harper stood in


def test_exit_code_table():
    from copylint.engine import FileResult
    from copylint.finding import Finding
    ok = [FileResult("a.txt")]
    assert exit_code(ok, Severity.WARNING) == 0
    assert exit_code(ok, Severity.WARNING, backend_unavailable=True) == 4
    loud = [FileResult("a.txt", findings=[Finding("x", 0, 1, "m", severity=Severity.WARNING)])]
    assert exit_code(loud, Severity.WARNING, backend_unavailable=True) == 1
    assert exit_code([FileResult("b.txt", error="bad")], Severity.WARNING, backend_unavailable=True) == 2


def test_a_local_server_is_closed_at_exit(monkeypatch):
    """A LanguageTool server started from a directory is stopped when the process ends."""
    import atexit

    from copylint.grammar import languagetool

    class FakeServer:
        url = "http://127.0.0.1:1"
        closed = 0

        def close(self):
            FakeServer.closed += 1

    registered = []
    monkeypatch.setattr(languagetool, "start_local_server", lambda directory, language: FakeServer())
    monkeypatch.setattr(atexit, "register", registered.append)
    client = languagetool.LanguageToolClient(directory="/opt/LanguageTool")
    assert client.endpoint == "http://127.0.0.1:1/v2/check"
    assert registered == [client.close]
    registered[0]()
    assert FakeServer.closed == 1
    client.close()  # once only
    assert FakeServer.closed == 1
