"""Export the trained word-fit model for the package: ONNX (int8) + int8 embeddings + tokenizer.

    python training/garble/export.py [--checkpoint work/wordfit.pt] [--out copylint/models/wordfit]
                                     [--weights int8|int8-channel|fp32]

Writes into ``--out``:
- ``encoder.onnx``: input embeddings + attention mask -> discriminator logits, corrector hidden
  vectors; weights dynamically quantised to int8 (onnxruntime.quantization), one scale per
  tensor (the default, as shipped), one per output channel (`--weights int8-channel`), or left
  fp32 (`--weights fp32`: about four times the size; for measuring what quantising costs);
- ``embeddings.npz``: the word-embedding matrix as int8 with one scale per row (the input lookup
  and the corrector's tied output layer) and the corrector's output bias;
- ``tokenizer.json``: the base model's WordPiece tokenizer (BERT uncased vocabulary).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

from model import WordFit, base_path  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint", default=str(HERE / "work" / "wordfit.pt"))
    ap.add_argument("--out", default=str(ROOT / "copylint" / "models" / "wordfit"))
    ap.add_argument("--weights", choices=("int8", "int8-channel", "fp32"), default="int8",
                    help="encoder weights: int8 with one scale per tensor (shipped), per output channel, or fp32")
    args = ap.parse_args()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    if Path(args.checkpoint).exists():
        model = WordFit.from_checkpoint(torch.load(args.checkpoint))
    else:
        print(f"warning: no checkpoint at {args.checkpoint}: exporting the untrained network")
        model = WordFit.from_base()
    print(f"{model.bert.config.num_hidden_layers} layers")
    model.eval()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    h = model.bert.config.hidden_size
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "encoder-fp32.onnx"
        emb = torch.randn(2, 16, h)
        mask = torch.ones(2, 16, dtype=torch.long)
        torch.onnx.export(model, (emb, mask), str(fp32), input_names=["inputs_embeds", "attention_mask"],
                          output_names=["disc", "hidden"], opset_version=17, dynamo=False,
                          dynamic_axes={"inputs_embeds": {0: "batch", 1: "seq"},
                                        "attention_mask": {0: "batch", 1: "seq"},
                                        "disc": {0: "batch", 1: "seq"}, "hidden": {0: "batch", 1: "seq"}})
        if args.weights == "fp32":
            shutil.copyfile(fp32, out / "encoder.onnx")
        else:
            quantize_dynamic(str(fp32), str(out / "encoder.onnx"), weight_type=QuantType.QInt8,
                             per_channel=args.weights == "int8-channel")
    w = model.bert.embeddings.word_embeddings.weight.detach().numpy().astype(np.float32)
    scale = np.abs(w).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.round(w / scale[:, None]).astype(np.int8)
    np.savez_compressed(out / "embeddings.npz", q=q, scale=scale.astype(np.float32),
                        bias=model.corr_bias.detach().numpy().astype(np.float16))
    shutil.copyfile(Path(base_path()) / "tokenizer.json", out / "tokenizer.json")
    for f in sorted(out.iterdir()):
        print(f"{f.name}: {f.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
