"""Finding the files to check and reading them: decoding, and the one-line errors for bad input."""
from __future__ import annotations

import fnmatch
import os
import sys
from dataclasses import dataclass
from pathlib import Path

CHECKED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox",
             ".mypy_cache", ".pytest_cache", ".copylint_cache"}
# Legacy encodings tried, in order, when a file is not UTF-8.
LEGACY_ENCODINGS = ("cp1252", "iso-8859-15", "mac_roman")


class InputError(Exception):
    """A file that cannot be checked; the message is one line for the user."""


@dataclass
class Source:
    path: str           # as the user named it (or found in a directory)
    text: str = ""
    encoding: str = "utf-8"
    error: str | None = None
    empty: bool = False


def expand(paths: list[str], exclude: tuple[str, ...] = ()) -> tuple[list[str], list[tuple[str, str]]]:
    """Files to check for the given paths, and (path, error) for the ones that cannot be."""
    files: list[str] = []
    errors: list[tuple[str, str]] = []
    for p in paths:
        if p == "-":
            files.append("-")
            continue
        path = Path(p)
        if path.is_dir():
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(names):
                    if name.lower().endswith(CHECKED_SUFFIXES):
                        fp = os.path.join(root, name)
                        rel = os.path.relpath(fp, path)
                        if any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(name, pat) for pat in exclude):
                            continue
                        found.append(fp)
            if not found:
                errors.append((p, f"{p}: no .txt, .md, .markdown, .html or .htm files to check in this directory"))
            files.extend(found)
        elif path.exists():
            files.append(p)
        else:
            errors.append((p, f"{p}: no such file or directory"))
    return files, errors


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode file bytes: UTF-8 (with or without BOM), UTF-16/32 with a BOM, else a legacy 8-bit
    encoding when the text reads as text in it. Raises InputError for binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    for bom, enc in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                     (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                raise InputError(f"{path}: starts with a {enc} byte-order mark but is not valid {enc}") from None
    head = data[:65536]
    if b"\x00" in head:
        raise InputError(f"{path}: binary file (contains NUL bytes), not checked")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    for enc in LEGACY_ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0x7F <= ord(ch) < 0xA0)
        if controls <= max(2, len(text) // 1000):
            return text, enc
    raise InputError(f"{path}: not UTF-8 (invalid byte at offset {utf8_error.start}) nor a common legacy "
                     "encoding; convert it to UTF-8")


def read_source(path: str, max_size: int) -> Source:
    """Read one file (or stdin for "-"); errors become ``Source.error``, never exceptions."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            p = Path(path)
            if p.is_dir():
                raise InputError(f"{path}: is a directory")
            size = p.stat().st_size
            if size > max_size:
                raise InputError(f"{path}: file too large ({size / 1e6:.1f} MB; the limit is "
                                 f"{max_size / 1e6:.1f} MB, set max-file-size to raise it)")
            data = p.read_bytes()
        if len(data) > max_size:
            raise InputError(f"{path}: input too large ({len(data) / 1e6:.1f} MB; the limit is "
                             f"{max_size / 1e6:.1f} MB, set max-file-size to raise it)")
        if not data.strip():
            return Source(path, "", empty=True)
        text, enc = decode(data, path)
        if not text.strip():  # a byte-order mark and white space only
            return Source(path, "", enc, empty=True)
        return Source(path, text, enc)
    except InputError as exc:
        return Source(path, error=str(exc))
    except PermissionError:
        return Source(path, error=f"{path}: permission denied")
    except FileNotFoundError:
        return Source(path, error=f"{path}: no such file or directory")
    except OSError as exc:
        return Source(path, error=f"{path}: cannot read ({exc.strerror or exc})")
