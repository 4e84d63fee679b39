"""The result cache: an unchanged file is not parsed or checked again.

An entry holds one file's findings and word count. Its key hashes everything that can change them:
the file's content and path, its format, the enabled rule set, the configuration (``Config.key()``
plus the content of the words files it names), copylint's version and a fingerprint of its code and
rule data, and the spaCy version and pipeline name and version (as ruff keys its cache on its
version and settings). Entries live in ``<dir>/v1/<2 hex>/<key>.json`` and are written atomically
(a temporary file, then a rename), so two processes may share the cache; a corrupt or missing entry
is a miss. The directory carries a ``CACHEDIR.TAG`` (backup tools skip it) and a ``.gitignore``.
Delete the directory to clear it.

Where: ``--cache-dir``, else ``COPYLINT_CACHE_DIR``, else ``cache-dir`` in the configuration
(relative to the config file), else ``.copylint_cache`` in the current directory.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from copylint.fileio import atomic_write
from copylint.finding import Finding, Related, Severity

SCHEMA = "v1"
DEFAULT_DIR = ".copylint_cache"
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by copylint.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")


# --- findings as plain data ------------------------------------------------------------------------
def finding_to_dict(f: Finding) -> dict:
    """Every field of a Finding (offsets, raw offsets, fix, related) as JSON-ready data."""
    d = {}
    for fld in dataclasses.fields(f):
        v = getattr(f, fld.name)
        if fld.name == "related":
            v = [dataclasses.asdict(r) for r in v]
        elif isinstance(v, Severity):
            v = int(v)
        d[fld.name] = v
    return d


def finding_from_dict(d: dict) -> Finding:
    d = dict(d)
    d["severity"] = Severity(d["severity"])
    d["related"] = [Related(**r) for r in d.get("related", [])]
    return Finding(**d)


# --- key parts -------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """copylint's version and a hash of its source and rule data (so an edited rule misses)."""
    from copylint import __version__, data
    import copylint

    h = hashlib.sha256(__version__.encode())
    root = Path(copylint.__file__).parent
    for p in sorted(root.rglob("*")):
        if p.suffix in (".py", *data.SUFFIXES) and "__pycache__" not in p.parts and p.is_file():
            h.update(str(p.relative_to(root)).encode())
            h.update(p.read_bytes())
    h.update(b"rules\0" + data.fingerprint().encode())
    return h.hexdigest()


@lru_cache(maxsize=8)
def nlp_fingerprint(model: str) -> str:
    """spaCy's version and the pipeline's name and version, without loading either."""
    from importlib import metadata

    parts = [model]
    try:
        parts.append("spacy=" + metadata.version("spacy"))
    except metadata.PackageNotFoundError:
        parts.append("spacy=none")
    meta = Path(model) / "meta.json"
    if meta.is_file():
        try:
            m = json.loads(meta.read_text(encoding="utf-8"))
            parts.append(f"{m.get('name')}={m.get('version')}")
        except (OSError, ValueError):
            parts.append("meta=unreadable")
    else:
        for dist in (model, model.replace("_", "-")):
            try:
                parts.append(f"{dist}={metadata.version(dist)}")
                break
            except metadata.PackageNotFoundError:
                continue
    return ";".join(parts)


def _files_fingerprint(paths: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.encode())
        try:
            h.update(Path(p).read_bytes())
        except OSError:
            h.update(b"<missing>")
    return h.hexdigest()


def entry_key(text: str, path: str, fmt: str, cfg, rule_ids: list[str]) -> str:
    """The cache key of one file's findings."""
    h = hashlib.sha256()
    for part in (SCHEMA, code_fingerprint(), nlp_fingerprint(cfg.spacy_model), cfg.key(),
                 _files_fingerprint(tuple(cfg.dictionary)), ",".join(sorted(rule_ids)), fmt,
                 os.path.abspath(path) if path != "-" else "-"):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def cache_disabled() -> bool:
    """``COPYLINT_NO_CACHE`` set to anything but empty or 0."""
    return os.environ.get("COPYLINT_NO_CACHE", "") not in ("", "0")


# --- the store ---------------------------------------------------------------------------------------
class Cache:
    """A directory of cache entries. ``directory`` None: chosen per configuration (see module doc)."""

    def __init__(self, directory: str | None = None) -> None:
        self.directory = directory
        self.hits = 0
        self.misses = 0
        self._ready: set[str] = set()

    def dir_for(self, cfg) -> str:
        if self.directory:
            return self.directory
        env = os.environ.get("COPYLINT_CACHE_DIR")
        if env:
            return env
        if cfg.cache_dir:
            from copylint.config import folder_of
            return str(folder_of(cfg.source) / cfg.cache_dir)
        return os.path.join(os.getcwd(), DEFAULT_DIR)

    def _prepare(self, root: str) -> bool:
        if root in self._ready:
            return True
        try:
            os.makedirs(os.path.join(root, SCHEMA), exist_ok=True)
            for name, content in (("CACHEDIR.TAG", _TAG), (".gitignore", "# Created by copylint\n*\n")):
                p = os.path.join(root, name)
                if not os.path.exists(p):
                    atomic_write(p, content, sync=False)
        except OSError:
            return False
        self._ready.add(root)
        return True

    def key_for(self, path: str, text: str, cfg, ruleset) -> str:
        """The key of one file (``path`` "-" is standard input, read as plain text)."""
        from copylint.readers import format_for

        fmt = "text" if path == "-" else format_for(path)
        return entry_key(text, path, fmt, cfg, [r.id for r in ruleset.rules])

    @staticmethod
    def _entry(root: str, key: str) -> str:
        return os.path.join(root, SCHEMA, key[:2], key + ".json")

    def get(self, cfg, key: str) -> tuple[list[Finding], int] | None:
        """(findings, words) for a key, or None (a miss, a corrupt or an unreadable entry)."""
        path = self._entry(self.dir_for(cfg), key)
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
            if data.get("key") != key:
                raise ValueError("key mismatch")
            found = ([finding_from_dict(d) for d in data["findings"]], int(data["words"]))
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, cfg, key: str, findings: list[Finding], words: int) -> None:
        """Store an entry; a cache that cannot be written is skipped silently (it is only a cache)."""
        root = self.dir_for(cfg)
        if not self._prepare(root):
            return
        path = self._entry(root, key)
        data = {"key": key, "words": words, "findings": [finding_to_dict(f) for f in findings]}
        content = json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # a TypeError here is a bug
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            atomic_write(path, content, sync=False)
        except (OSError, UnicodeEncodeError):  # a full disk, no rights; a lone surrogate in the text
            pass
