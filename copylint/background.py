"""One background thread for work that runs beside the spaCy parse.

The engine runs the rules that need no parse (regular expressions over the text, Harper's grammar
checker) here while the main thread parses: spaCy and Harper release the GIL in their heavy loops,
so on a machine with a free core that work costs little wall-clock time. The thread is a daemon,
started on first use; it runs the submitted calls one after another, in order.
"""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from threading import Lock

_executor: ThreadPoolExecutor | None = None
_lock = Lock()


def submit(fn, *args, **kwargs) -> Future:
    """Run ``fn(*args, **kwargs)`` in the background thread; the Future holds its result."""
    global _executor
    with _lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copylint-beside")
        return _executor.submit(fn, *args, **kwargs)
