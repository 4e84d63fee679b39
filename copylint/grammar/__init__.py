"""Grammar and spelling backends: Harper (offline, embedded) and LanguageTool (a server the user
points copylint at). Both report ``BackendMatch``es with offsets into the text they were given;
``copylint/checks/grammar.py`` turns them into findings, and ``news.py`` keeps them quiet on news
copy (names, money, temperatures, times, acronyms).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from copylint.config import Config


#: run-level warnings about a configured backend that could not be used start with this; the
#: engine reads it (also from worker processes) to exit with code 4
UNAVAILABLE = "grammar backend unavailable: "


class BackendUnavailable(Exception):
    """A configured backend cannot be used (server down, slow, an error answer, a missing install)."""


@dataclass
class BackendMatch:
    """One problem a backend reports: ``start``/``end`` are Python string offsets into the text."""

    start: int
    end: int
    rule: str                    # the backend's rule id ("AnA", "MORFOLOGIK_RULE_EN_GB")
    message: str
    replacements: list[str] = field(default_factory=list)
    kind: str = ""               # harper lint kind / LanguageTool issueType
    category: str = ""           # LanguageTool category id
    spelling: bool = False       # a misspelling (routed through the spelling filters)


def choose_backend(cfg: Config) -> str | None:
    """The grammar backend a config asks for: "languagetool", "harper" or None (switched off).

    ``auto`` uses LanguageTool when the user configured one (a server URL, from the config or
    ``COPYLINT_LANGUAGETOOL_URL``, or a local LanguageTool directory), else Harper."""
    choice = cfg.grammar_backend
    if choice == "none":
        return None
    if choice == "languagetool":
        return "languagetool"
    if choice == "harper":
        return "harper"
    lt = cfg.languagetool
    if lt.enabled and (lt.url or lt.directory):
        return "languagetool"
    return "harper"
