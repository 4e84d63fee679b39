"""numpy's BLAS in one thread for a stretch of work, without touching another thread's results.

Two models multiply with numpy: list-intruder's sentence embeddings (copylint.semantic, the
``embeddings`` extra) and word-fit's corrector output layer (copylint.wordfit). Their products are
small (tens of rows), and on two busy cores a second BLAS thread costs far more than it saves: it
spins beside the work and waits for a core. ``one_thread()`` runs a stretch with one BLAS thread
(threadpoolctl). The BLAS's thread count is the process's, not a thread's: while one thread has it
at one, a product in another thread would run in one thread too, and some products' last bits
differ between one and two threads (word-fit's output layer, in its ``batch`` mode). So every
stretch that multiplies takes one lock, ``one_thread()`` as well as ``as_set()`` (a stretch that
keeps the BLAS's own thread count): a product never runs under another thread's limit.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_controller = None


@contextmanager
def as_set() -> Iterator[None]:
    """The stretch's products with the BLAS's own thread count (no other thread's limit in force)."""
    with _lock:
        yield


@contextmanager
def one_thread() -> Iterator[None]:
    """The stretch's products in one BLAS thread (the thread count restored after)."""
    global _controller
    with _lock:
        if _controller is None:
            from threadpoolctl import ThreadpoolController
            _controller = ThreadpoolController()  # the libraries loaded by now (numpy's BLAS)
        with _controller.limit(limits=1, user_api="blas"):
            yield
