"""LanguageTool: a server the user points copylint at (their newsroom's own, or the public API if
they opt in), or a local LanguageTool directory that language-tool-python starts.

Nothing is ever downloaded: language-tool-python downloads LanguageTool from the internet when it
has neither a server nor an install, so copylint only lets it start a server from a directory the
user named that holds the LanguageTool jar (and refuses otherwise).

The client speaks LanguageTool's documented HTTP API (``POST /v2/check``) with a timeout per
request, one request per batch of paragraphs (at most ``MAX_CHARS`` characters), and stops at the
first failure of the run (server down, slow, an error status or a malformed answer): the caller
warns once and the rest of the run does not wait on a dead server again. Offsets in LanguageTool's
answers count Java UTF-16 code units; they are turned into Python string offsets here (emoji and
other characters outside the Basic Multilingual Plane count twice in UTF-16).
"""
from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request
from functools import lru_cache
from pathlib import Path
from threading import Lock

from copylint import data
from copylint.grammar import BackendMatch, BackendUnavailable

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
MAX_CHARS = 15_000  # characters per request (the public API accepts 20 KB per request)


@lru_cache(maxsize=1)
def lt_defaults() -> dict:
    d = data.toml("grammar_languagetool.toml")
    return {
        "disabled": tuple(dict.fromkeys([*d.get("duplicates", ()), *d.get("noisy", ())])),
        "categories": tuple(d.get("categories", ())),
        "severity": dict(d.get("severity", {})),
        "rule_severity": dict(d.get("rule-severity", {})),
    }


def check_url(base: str) -> str:
    """The /v2/check endpoint of a server given as http://host:8081, .../v2 or .../v2/."""
    base = base.strip().rstrip("/")
    if not re.match(r"^https?://", base, re.I):
        base = "http://" + base
    if base.endswith("/v2/check"):
        return base
    if base.endswith("/v2"):
        return base + "/check"
    return base + "/v2/check"


def utf16_index(text: str):
    """A function mapping a UTF-16 code-unit offset of ``text`` to a Python string offset."""
    if not _ASTRAL.search(text):
        return lambda u: max(0, min(u, len(text)))
    table: list[int] = []  # table[u] = python index of the code unit u
    for i, c in enumerate(text):
        table.append(i)
        if ord(c) > 0xFFFF:
            table.append(i)  # the low surrogate belongs to the same character
    table.append(len(text))

    def convert(u: int) -> int:
        if u <= 0:
            return 0
        if u >= len(table):
            return len(text)
        return table[u]
    return convert


def chunks(text: str, limit: int = MAX_CHARS) -> list[tuple[int, int]]:
    """Split text into (start, end) pieces of at most ``limit`` characters at paragraph breaks
    (else at a line or sentence end) so that one request covers many paragraphs."""
    out = []
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + limit)
        if end < n:
            cut = max(text.rfind("\n\n", start, end), text.rfind("\n", start, end))
            if cut <= start:
                cut = max(text.rfind(". ", start, end), text.rfind(" ", start, end))
            if cut > start:
                end = cut + 1
        out.append((start, end))
        start = end
    return out


def start_local_server(directory: str, language: str):
    """Start LanguageTool from a local directory with language-tool-python, never downloading.

    Returns the ``language_tool_python.LanguageTool`` (its ``url`` is the running server)."""
    d = Path(directory).expanduser()
    if not d.is_dir():
        raise BackendUnavailable(f"LanguageTool directory not found: {d}")
    if not any((d / j).is_file() for j in ("languagetool-server.jar", "languagetool.jar")):
        raise BackendUnavailable(f"{d} holds no languagetool-server.jar: not a LanguageTool directory")
    m = re.match(r"LanguageTool-(\d+\.\d+|\d{8})$", d.name)
    if not m:
        raise BackendUnavailable(f"{d}: name the LanguageTool directory as it unpacks, e.g. LanguageTool-6.6")
    if shutil.which("java") is None:
        raise BackendUnavailable("LanguageTool needs Java and no 'java' was found on PATH")
    try:
        import language_tool_python
    except ImportError as exc:
        raise BackendUnavailable(f"language-tool-python is not installed: {exc}") from None
    # language-tool-python looks for LanguageTool-<version> under LTP_PATH and skips its download
    # step when LTP_JAR_DIR_PATH is set; both point at the user's directory, so nothing is fetched.
    saved = {k: os.environ.get(k) for k in ("LTP_PATH", "LTP_JAR_DIR_PATH")}
    os.environ["LTP_PATH"] = str(d.parent)
    os.environ["LTP_JAR_DIR_PATH"] = str(d)
    try:
        return language_tool_python.LanguageTool(language, language_tool_download_version=m.group(1))
    except Exception as exc:  # Java too old, the server failed to start...
        raise BackendUnavailable(f"could not start LanguageTool from {d}: {exc}") from None
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


class LanguageToolClient:
    """Checks texts against one LanguageTool server. After the first failure every call raises
    ``BackendUnavailable`` at once (``self.error`` says why)."""

    def __init__(self, url: str | None = None, directory: str | None = None, language: str = "en-GB",
                 timeout: float = 10.0, disabled_rules: tuple[str, ...] = ()) -> None:
        self.language = language
        self.timeout = timeout
        defaults = lt_defaults()
        self.disabled_rules = tuple(dict.fromkeys([*defaults["disabled"], *disabled_rules]))
        self.disabled_categories = defaults["categories"]
        self.error: str | None = None
        self._local = None
        self._lock = Lock()
        self._url: str | None = check_url(url) if url else None
        self._directory = directory
        self.requests = 0

    @property
    def endpoint(self) -> str:
        if self._url is None:
            if not self._directory:
                raise BackendUnavailable("no LanguageTool server URL or directory configured")
            self._local = start_local_server(self._directory, self.language)
            atexit.register(self.close)  # the server this process started ends with it
            self._url = check_url(self._local.url)
        return self._url

    def _fail(self, message: str) -> BackendUnavailable:
        self.error = message
        return BackendUnavailable(message)

    def check(self, text: str) -> list[BackendMatch]:
        with self._lock:
            if self.error:
                raise BackendUnavailable(self.error)
            try:
                endpoint = self.endpoint
            except BackendUnavailable as exc:
                raise self._fail(str(exc)) from None
        out: list[BackendMatch] = []
        for start, end in chunks(text):
            piece = text[start:end]
            if not piece.strip():
                continue
            answer = self._post(endpoint, piece)
            out.extend(self._matches(answer, piece, start))
        return out

    def _post(self, endpoint: str, text: str) -> dict:
        params = {"text": text, "language": self.language}
        if self.disabled_rules:
            params["disabledRules"] = ",".join(self.disabled_rules)
        if self.disabled_categories:
            params["disabledCategories"] = ",".join(self.disabled_categories)
        body = urllib.parse.urlencode(params).encode("utf-8")
        req = urllib.request.Request(endpoint, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            "Accept": "application/json", "User-Agent": "copylint"})
        where = endpoint.rsplit("/v2/", 1)[0]
        self.requests += 1
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as exc:
            detail = ""
            try:
                detail = exc.read().decode("utf-8", "replace").strip().splitlines()[0][:200]
            except Exception:
                pass
            raise self._fail(f"LanguageTool server {where} answered HTTP {exc.code}"
                             + (f": {detail}" if detail else "")) from None
        except (TimeoutError, OSError) as exc:  # URLError is an OSError; socket timeouts too
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError) or "timed out" in str(reason):
                raise self._fail(f"LanguageTool server {where} did not answer within {self.timeout:g} s") from None
            raise self._fail(f"LanguageTool server {where} is unreachable ({reason})") from None
        try:
            answer = json.loads(raw.decode("utf-8"))
            if not isinstance(answer, dict) or not isinstance(answer.get("matches"), list):
                raise ValueError("no 'matches' list")
        except (ValueError, UnicodeDecodeError) as exc:
            raise self._fail(f"LanguageTool server {where} sent an answer that is not LanguageTool JSON ({exc})") from None
        return answer

    @staticmethod
    def _matches(answer: dict, text: str, base: int) -> list[BackendMatch]:
        to_index = utf16_index(text)
        out = []
        for m in answer["matches"]:
            try:
                off, length = int(m["offset"]), int(m["length"])
                rule = m.get("rule") or {}
                s, e = to_index(off), to_index(off + length)
                out.append(BackendMatch(
                    start=base + s, end=base + max(e, s), rule=str(rule.get("id", "UNKNOWN")),
                    message=str(m.get("message") or rule.get("description") or "").strip(),
                    replacements=[r["value"] for r in m.get("replacements") or [] if isinstance(r, dict) and "value" in r][:5],
                    kind=str(rule.get("issueType", "")),
                    category=str((rule.get("category") or {}).get("id", "")),
                    spelling=(rule.get("category") or {}).get("id") == "TYPOS"))
            except (KeyError, TypeError, ValueError):
                continue  # one malformed match does not lose the others
        return out

    def close(self) -> None:
        """Stop the local LanguageTool server this client started, if any (registered to run at exit)."""
        if self._local is not None:
            try:
                self._local.close()
            except Exception:
                pass
            self._local = None
