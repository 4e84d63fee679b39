"""Atomic writes: a temporary file in the same folder, then a rename."""
from __future__ import annotations

import os
import tempfile


def atomic_write(path: str, text: str, encoding: str = "utf-8", newline: str | None = "") -> None:
    """Write ``text`` to ``path`` atomically, keeping the file's mode when it exists."""
    directory = os.path.dirname(os.path.abspath(path)) or "."
    fd, tmp = tempfile.mkstemp(prefix=".copylint-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        except FileNotFoundError:
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
