"""Finding the files to check and reading them: decoding, and the one-line errors for bad input."""
from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pathspec

CHECKED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox",
             ".mypy_cache", ".pytest_cache", ".copylint_cache"}
# Legacy encodings tried, in order, when a file is not UTF-8.
LEGACY_ENCODINGS = ("cp1252", "iso-8859-15", "mac_roman")
STDIN_NAME = "<stdin>"


def display_path(path: str) -> str:
    """The name every report gives a file: standard input ("-") is ``<stdin>``."""
    return STDIN_NAME if path == "-" else path


class InputError(Exception):
    """A file that cannot be checked; the message is one line for the user."""


@dataclass
class Source:
    path: str           # as the user named it (or found in a directory)
    text: str = ""
    encoding: str = "utf-8"
    error: str | None = None
    empty: bool = False


@dataclass
class Expansion:
    """What a list of paths expands to: the files to check, in order; (path, message) for paths that
    cannot be checked (an input error, exit code 2); (path, notice) for paths skipped on purpose
    (not a regular file, excluded by name)."""

    files: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def irregular(mode: int) -> str | None:
    """What a file of this ``st_mode`` is when it is not a regular file or a directory (a FIFO, a
    device, a socket: reading one can block forever or never end), else None."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> pathspec.PathSpec:
    import pathspec  # here: the language server, which checks no folder, never needs it (15 ms)
    return pathspec.GitIgnoreSpec.from_lines(patterns)


class Excluder:
    """gitignore-style ``exclude`` patterns: the command line's (relative to the current directory)
    and those of the configuration that applies to each file (relative to the config file's folder;
    the nearest config wins, as for every other setting). ``config_for(path)`` gives a file's
    Config; a config that cannot be read excludes nothing here (its error is reported when the
    file is checked)."""

    def __init__(self, patterns: tuple[str, ...] = (), config_for=None) -> None:
        self.cwd = os.getcwd()
        self.patterns = tuple(patterns)
        self.config_for = config_for

    def _rules(self, path: str):
        out = []
        if self.patterns:
            out.append((self.patterns, self.cwd, "--exclude"))
        if self.config_for is not None:
            from copylint.config import ConfigError, from_a_file
            try:
                cfg = self.config_for(path)
            except ConfigError:
                cfg = None
            if cfg is not None and cfg.exclude:
                real = from_a_file(cfg.source)
                base = os.path.dirname(os.path.abspath(cfg.source)) if real else self.cwd
                out.append((cfg.exclude, base, f"exclude in {cfg.source}" if real else "exclude"))
        return out

    def why(self, path: str, is_dir: bool = False) -> str | None:
        """Which setting excludes ``path`` ("exclude in .copylint.toml"), or None."""
        absolute = os.path.abspath(path)
        probe = os.path.join(absolute, "_") if is_dir else absolute  # a dir's own config governs it
        for patterns, base, where in self._rules(probe):
            rel = os.path.relpath(absolute, base)
            if rel == "." or rel.startswith(".." + os.sep) or rel == "..":
                continue  # patterns apply below their folder only
            rel = rel.replace(os.sep, "/") + ("/" if is_dir else "")
            if _spec(patterns).match_file(rel):
                return where
        return None


def expand(paths: list[str], exclude: tuple[str, ...] = (), config_for=None) -> Expansion:
    """The files to check for the given paths (folders are walked for the checked suffixes), the
    paths that cannot be checked, and the ones skipped: anything that is not a regular file (a FIFO
    would block the run), and files matching ``exclude`` (see ``Excluder``). A file named
    explicitly that is excluded is skipped with a notice, as git refuses to add an ignored file."""
    out = Expansion()
    excluder = Excluder(exclude, config_for)
    for p in paths:
        if p == "-":
            out.files.append("-")
            continue
        try:
            mode = os.stat(p).st_mode
        except FileNotFoundError:
            out.errors.append((p, f"{p}: no such file or directory"))
            continue
        except OSError as exc:
            out.errors.append((p, f"{p}: cannot read ({exc.strerror or exc})"))
            continue
        kind = irregular(mode)
        if kind:
            out.skipped.append((p, f"{kind}, not a regular file: skipped"))
        elif stat.S_ISDIR(mode):
            _walk(p, excluder, out)
        else:
            why = excluder.why(p)
            if why:
                out.skipped.append((p, f"excluded by {why}: skipped"))
            else:
                out.files.append(p)
    return out


def _walk(top: str, excluder: Excluder, out: Expansion) -> None:
    found: list[str] = []
    passed_over = 0  # files or folders excluded, files that are not regular
    for root, dirs, names in os.walk(top):
        kept = []
        for d in sorted(dirs):
            if d in SKIP_DIRS or d.startswith("."):
                continue
            if excluder.why(os.path.join(root, d), is_dir=True):
                passed_over += 1
                continue
            kept.append(d)
        dirs[:] = kept
        for name in sorted(names):
            if not name.lower().endswith(CHECKED_SUFFIXES):
                continue
            fp = os.path.join(root, name)
            if excluder.why(fp):
                passed_over += 1
                continue
            try:
                kind = irregular(os.stat(fp).st_mode)
            except OSError:
                kind = None  # a broken link: reading it reports the error
            if kind:
                passed_over += 1
                out.skipped.append((fp, f"{kind}, not a regular file: skipped"))
                continue
            found.append(fp)
    if not found and not passed_over:
        out.errors.append((top, f"{top}: no .txt, .md, .markdown, .html or .htm files to check in this directory"))
    elif not found:
        out.skipped.append((top, "nothing to check in this directory (every file is excluded or skipped)"))
    out.files.extend(found)


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


def _read_regular(path: str, max_size: int) -> bytes:
    """The bytes of a regular file. Opened without blocking and checked on the open descriptor, so a
    file that became a FIFO or a device since it was listed cannot hang the run."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{path}: is a directory")
        kind = irregular(st.st_mode)
        if kind:
            raise InputError(f"{path}: {kind}, not a regular file")
        if st.st_size > max_size:
            raise InputError(f"{path}: file too large ({st.st_size / 1e6:.1f} MB; the limit is "
                             f"{max_size / 1e6:.1f} MB, set max-file-size to raise it)")
        return fh.read(max_size + 1)


def read_source(path: str, max_size: int) -> Source:
    """Read one file (or stdin for "-"); errors become ``Source.error``, never exceptions."""
    name = display_path(path)
    try:
        if path == "-":
            data = sys.stdin.buffer.read(max_size + 1)
        else:
            data = _read_regular(path, max_size)
        if len(data) > max_size:
            raise InputError(f"{name}: input too large (over the limit of "
                             f"{max_size / 1e6:.1f} MB, set max-file-size to raise it)")
        if not data.strip():
            return Source(path, "", empty=True)
        text, enc = decode(data, name)
        if not text.strip():  # a byte-order mark and white space only
            return Source(path, "", enc, empty=True)
        return Source(path, text, enc)
    except InputError as exc:
        return Source(path, error=str(exc))
    except PermissionError:
        return Source(path, error=f"{name}: permission denied")
    except FileNotFoundError:
        return Source(path, error=f"{name}: no such file or directory")
    except IsADirectoryError:
        return Source(path, error=f"{name}: is a directory")
    except OSError as exc:
        return Source(path, error=f"{name}: cannot read ({exc.strerror or exc})")
