"""Safe writes: a temporary file in the same folder, then a rename.

- A symbolic link is written through: its target gets the new text, the link stays a link.
- An existing file keeps its mode, owner and group; a new file gets the mode the umask allows
  (``mkstemp`` alone would leave every report ``0600``).
- When the owner or group cannot be kept (another user's file in a shared folder) or the file has
  other hard links, a rename would change them, so the file is rewritten in place instead.
- The temporary file is ``.copylint-<pid>-<random>.tmp``; one left behind by a run that was killed
  is removed by the next write into that folder (its process is gone, or it is over ten minutes
  old).
"""
from __future__ import annotations

import os
import re
import tempfile
import time
from typing import Iterable

TMP_PREFIX = ".copylint-"
_STALE = re.compile(r"\A\.copylint-(?:(\d+)-)?[A-Za-z0-9_]+\.tmp\Z")
STALE_AFTER = 600  # seconds: no write takes this long
_cleaned: set[str] = set()


def umask() -> int:
    """The process's umask (read without changing it where the platform allows)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The mode ``open(path, "w")`` would give a new file: 0666 less the umask."""
    return 0o666 & ~umask()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def clean_stale_temps(directory: str) -> list[str]:
    """Remove the temporary files a killed copylint left in ``directory``; returns their paths."""
    if directory in _cleaned:
        return []
    _cleaned.add(directory)
    removed = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = _STALE.match(entry.name)
        if not m:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            pid = int(m.group(1)) if m.group(1) else None
            if pid == os.getpid():
                continue
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER
            if old or (pid is not None and not _alive(pid)):
                os.unlink(entry.path)
                removed.append(entry.path)
        except OSError:
            continue
    return removed


def atomic_write(path: str, text: str | Iterable[str], encoding: str = "utf-8", newline: str | None = "",
                 sync: bool = True) -> None:
    """Write ``text`` to ``path`` safely (see the module's docstring): a string, or pieces of one,
    written as they come (a report). ``sync`` False skips the ``fsync`` (for the result cache: an
    entry lost in a crash is only a miss)."""
    target = os.path.realpath(path)  # through a symlink: the link stays, its target changes
    directory = os.path.dirname(target) or "."
    clean_stale_temps(directory)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is not None and st.st_nlink > 1:
        _write_in_place(target, text if isinstance(text, str) else "".join(text), encoding, newline)
        return
    fd, tmp = tempfile.mkstemp(prefix=f"{TMP_PREFIX}{os.getpid()}-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as fh:
            for piece in ([text] if isinstance(text, str) else text):
                fh.write(piece)
            fh.flush()
            if sync:
                os.fsync(fh.fileno())
        if st is None:
            os.chmod(tmp, new_file_mode())
        else:
            mine = os.stat(tmp)
            if (mine.st_uid, mine.st_gid) != (st.st_uid, st.st_gid):
                try:
                    os.chown(tmp, st.st_uid, st.st_gid)
                except PermissionError:  # not ours to give away: keep the file, rewrite it
                    if not isinstance(text, str):  # the pieces are written: read them back
                        with open(tmp, encoding=encoding, newline=newline) as fh:
                            text = fh.read()
                    os.unlink(tmp)
                    _write_in_place(target, text, encoding, newline)
                    return
            os.chmod(tmp, st.st_mode & 0o7777)  # after chown, which clears set-id bits
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _write_in_place(target: str, text: str, encoding: str, newline: str | None) -> None:
    """Rewrite an existing file's content, keeping its inode (owner, group, mode, hard links)."""
    data = text.encode(encoding) if newline == "" else None  # encode first: fail before truncating
    if data is not None:
        with open(target, "r+b") as fh:
            fh.write(data)
            fh.truncate()
            fh.flush()
            os.fsync(fh.fileno())
        return
    with open(target, "w", encoding=encoding, newline=newline) as fh:
        fh.write(text)
