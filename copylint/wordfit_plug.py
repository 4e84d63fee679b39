"""A stronger word-fit model the user has: the ``garble-model`` setting names a local directory.

Two formats, never downloaded (everything is read from the directory, Hugging Face offline):

- **ONNX**: a ``*.onnx`` file and the model's ``tokenizer.json``, run with onnxruntime. The graph
  takes ``input_ids`` and ``attention_mask`` (and ``token_type_ids`` if it asks for them); its first
  output is either a replaced-token discriminator's logits ``(batch, seq)`` (ELECTRA) or a masked
  LM's logits ``(batch, seq, vocab)``.
- **Hugging Face**: ``config.json``, the weights and the tokenizer files, run with transformers and
  PyTorch (``pip install transformers`` and a CPU PyTorch): an ELECTRA discriminator
  (``ElectraForPreTraining``) or any masked LM (``AutoModelForMaskedLM``).

A discriminator's logit is the word's doubt. A masked LM is read in one pass without masking: the
doubt is how much likelier its best other word is than the observed one (log ratio), and that
word is the suggestion. The shipped calibration was fitted to the shipped model's scores; with
another model the thresholds are a starting point, not a measurement.
"""
from __future__ import annotations

import math
from pathlib import Path

from copylint.wordfit import Model, ModelError, _rank_gaps, pad, words_of


def load_plugged(directory: Path) -> Model:
    if not directory.is_dir():
        raise ModelError(f"garble-model: not a directory: {directory}")
    onnx = sorted(directory.glob("*.onnx"))
    if onnx:
        return OnnxPlugged(directory, onnx[0])
    if (directory / "config.json").is_file():
        return HFPlugged(directory)
    raise ModelError(f"garble-model: {directory} holds neither an ONNX model (*.onnx + tokenizer.json) "
                     "nor a Hugging Face model (config.json)")


class _Plugged(Model):
    """Turns per-wordpiece outputs into word scores."""

    def _words(self, texts, offsets, ids, logits, mlm: bool):
        import numpy as np

        out = []
        for r, text in enumerate(texts):
            offs = offsets[r]
            if mlm:
                row = logits[r]
                m = row.max(axis=-1, keepdims=True)
                logp = row - m - np.log(np.exp(row - m).sum(axis=-1, keepdims=True))
                obs = logp[np.arange(len(ids[r])), ids[r]]
                masked = logp.copy()
                masked[np.arange(len(ids[r])), ids[r]] = -np.inf
                best = masked.argmax(axis=-1)
                disc = np.clip(masked[np.arange(len(ids[r])), best] - obs, -10, 10)
            else:
                disc = logits[r]
            words = []
            for w, pieces in words_of(text, offs, disc):
                if mlm:
                    p0 = pieces[0]
                    w.pieces = len(pieces)
                    w.p_obs = float(math.exp(obs[p0]))
                    alt = self.token_text(int(best[p0]))
                    if alt and alt.isalpha():
                        w.alt, w.p_alt = alt, float(math.exp(masked[p0, best[p0]]))
                words.append(w)
            _rank_gaps(words)
            out.append(words)
        return out

    def token_text(self, i: int) -> str | None:  # pragma: no cover - overridden
        return None


class OnnxPlugged(_Plugged):
    def __init__(self, directory: Path, path: Path) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - dependencies of the package
            raise ModelError(f"garble-model: {exc}") from None
        if not (directory / "tokenizer.json").is_file():
            raise ModelError(f"garble-model: {directory} has an ONNX model but no tokenizer.json")
        try:
            self.session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
            self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        except Exception as exc:
            raise ModelError(f"garble-model: cannot load {path}: {exc}") from None
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(512)
        self.inputs = [i.name for i in self.session.get_inputs()]

    def token_text(self, i: int) -> str | None:
        return self.tokenizer.id_to_token(i)

    def _run(self, texts):
        import numpy as np

        encs = self.tokenizer.encode_batch(texts)
        ids, mask = pad(encs)
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        out = self.session.run(None, {k: feed[k] for k in self.inputs if k in feed})[0]
        mlm = out.ndim == 3 and out.shape[-1] > 2
        if out.ndim == 3 and not mlm:
            out = out[..., -1]
        return self._words(texts, [e.offsets for e in encs], [e.ids for e in encs], out, mlm)


class HFPlugged(_Plugged):
    def __init__(self, directory: Path) -> None:
        import os
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        try:
            import torch  # noqa: F401
            import transformers
        except ImportError as exc:
            raise ModelError(f"garble-model: a Hugging Face model needs transformers and PyTorch ({exc}); "
                             "or give an ONNX export") from None
        try:
            cfg = transformers.AutoConfig.from_pretrained(str(directory), local_files_only=True)
            archs = cfg.architectures or []
            if any(a.endswith("ForPreTraining") for a in archs) and cfg.model_type == "electra":
                self.model = transformers.ElectraForPreTraining.from_pretrained(str(directory), local_files_only=True)
                self.mlm = False
            else:
                self.model = transformers.AutoModelForMaskedLM.from_pretrained(str(directory), local_files_only=True)
                self.mlm = True
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(str(directory), local_files_only=True)
        except Exception as exc:
            raise ModelError(f"garble-model: cannot load {directory}: {exc}") from None
        if not self.tokenizer.is_fast:
            raise ModelError(f"garble-model: {directory}: a fast tokenizer (tokenizer.json) is needed for offsets")
        self.model.eval()

    def token_text(self, i: int) -> str | None:
        return self.tokenizer.convert_ids_to_tokens(i)

    def _run(self, texts):
        import torch

        enc = self.tokenizer(texts, padding=True, truncation=True, max_length=512, return_offsets_mapping=True,
                             return_tensors="pt")
        offsets = [[tuple(o) for o in row] for row in enc.pop("offset_mapping").tolist()]
        with torch.no_grad():
            logits = self.model(**enc).logits.float().numpy()
        ids = enc["input_ids"].numpy()
        # special tokens have (0, 0) offsets and are never part of a word
        return self._words(texts, offsets, ids, logits, self.mlm)
