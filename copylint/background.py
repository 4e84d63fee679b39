"""Threads of copylint's own, each made on first use and kept for the process.

``submit`` runs work beside the spaCy parse in the background thread: the engine runs the rules
that need no parse (regular expressions over the text, Harper's grammar checker) there while the
main thread parses; spaCy and Harper release the GIL in their heavy loops, so on a machine with a
free core that work costs little wall-clock time. ``worker(name)`` is any such thread by name
(``beside`` is this one; word-fit's model and Harper's speller have their own). Each is a daemon,
started on first use; it runs the calls submitted to it one after another, in order.
"""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from threading import Lock

_workers: dict[str, ThreadPoolExecutor] = {}
_lock = Lock()


def worker(name: str) -> ThreadPoolExecutor:
    """The process's one thread named ``copylint-NAME`` (an executor of one worker)."""
    with _lock:
        executor = _workers.get(name)
        if executor is None:
            executor = _workers[name] = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"copylint-{name}")
        return executor


def submit(fn, *args, **kwargs) -> Future:
    """Run ``fn(*args, **kwargs)`` in the background thread; the Future holds its result."""
    return worker("beside").submit(fn, *args, **kwargs)
