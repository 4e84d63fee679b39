"""copylint.blas: numpy's BLAS in one thread for a stretch, never under another thread's limit."""
import threading
import time

import numpy  # noqa: F401  (numpy's BLAS loaded, as where copylint multiplies)
import pytest
from threadpoolctl import threadpool_info

from copylint import blas


def _counts():  # numpy's BLAS, the one its wheel bundles (scipy may bring another)
    found = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas" and "numpy" in i["filepath"]]
    if not found:
        pytest.skip("numpy's BLAS is not the one its wheel bundles")
    return found


def test_one_thread_limits_the_blas_and_restores_it():
    before = _counts()
    with blas.one_thread():
        assert _counts() == [1] * len(before)
    assert _counts() == before


def test_a_stretch_at_the_blas_own_count_waits_for_another_threads_limit():
    """While one thread has the BLAS at one thread, another's ``as_set`` stretch (word-fit's
    products, whose last bits depend on the thread count) does not start: it runs after, with the
    BLAS's own thread count."""
    before = _counts()
    inside, release, seen = threading.Event(), threading.Event(), []

    def limited():
        with blas.one_thread():
            inside.set()
            release.wait(5)

    def own():
        with blas.as_set():
            seen.append(_counts())

    a = threading.Thread(target=limited)
    a.start()
    inside.wait(5)
    b = threading.Thread(target=own)
    b.start()
    time.sleep(0.2)
    assert seen == []  # still waiting
    release.set()
    a.join(5)
    b.join(5)
    assert seen == [before]
