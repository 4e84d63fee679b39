"""The C heap's free memory, given back to the system after the parse of a huge article.

glibc's malloc keeps memory that was freed for later use, in one heap per thread that allocated it
(an *arena*). The parse of a huge article frees its working memory (spaCy's batches, the pieces'
arrays), and the word-fit thread frees its batches' arrays in its own arena, where the rules, which
run in the main thread, never reuse them: that memory stayed resident through the rules, on top of
what they hold. ``release()`` asks glibc to return every free page (``malloc_trim``) once an
article is parsed and scored; elsewhere (another C library, another system) it does nothing.
"""
from __future__ import annotations

from functools import lru_cache

#: articles shorter than this (characters) leave too little behind to be worth a trim
MIN_CHARS = 500_000


@lru_cache(maxsize=1)
def _trim():
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return None
    try:
        fn = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # musl and others have no malloc_trim
        return None
    fn.argtypes, fn.restype = [ctypes.c_size_t], ctypes.c_int
    return fn


def release(chars: int) -> bool:
    """After an article of ``chars`` characters is parsed: give the heap's free pages back to the
    system when the article is huge. Whether a trim ran."""
    if chars < MIN_CHARS:
        return False
    fn = _trim()
    if fn is None:
        return False
    fn(0)
    return True
