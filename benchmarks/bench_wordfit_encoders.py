"""The word-fit model's scoring time per word under several encoder exports (not a test).

    python benchmarks/bench_wordfit_encoders.py DIR [DIR ...] [--rounds 3] [--articles 113]

Each DIR is a word-fit export folder (training/garble/export.py: encoder.onnx, embeddings.npz,
tokenizer.json; e.g. ``--weights int8``, ``int8-channel`` or ``fp32``). Every model is loaded once
as copylint loads the shipped one (``ShippedModel``: one onnxruntime thread, the shipped
calibration's way of encoding), then the prose of ``../shared/clean-news`` is scored article by
article (``score_spans`` over the whole text, as the rule scores an article's blocks), the models
alternated over ``--rounds`` rounds so that the machine's load falls on each alike. Prints each
round's milliseconds per word scored, then each model's median, and the ratio to the first DIR.
Figures taken while other jobs run are noisy: compare within one run only.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copylint import wordfit  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="+", type=Path, help="word-fit export folders")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--articles", type=int, default=113, help="clean-news articles read (sorted by name)")
    args = ap.parse_args()
    folder = ROOT.parent / "shared" / "clean-news"
    if not folder.is_dir():
        raise SystemExit(f"error: {folder} not found (the product side's data beside the checkout)")
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:args.articles]]
    models = [wordfit.ShippedModel(d) for d in args.dirs]
    for m in models:  # warm-up: onnxruntime's first runs and numpy's first calls
        m.score_spans(texts[0], [(0, len(texts[0]))])
    times: list[list[float]] = [[] for _ in models]
    words = 0
    for r in range(args.rounds):
        for i, m in enumerate(models):
            t0 = time.perf_counter()
            n = sum(len(m.score_spans(t, [(0, len(t))]).words) for t in texts)
            ms = (time.perf_counter() - t0) * 1000 / n
            times[i].append(ms)
            words = n
            print(f"round {r + 1}: {args.dirs[i]}: {ms:.3f} ms per word ({n:,} words)", flush=True)
    base = statistics.median(times[0])
    print(f"{len(texts)} clean-news articles, {words:,} words scored, {args.rounds} rounds alternated")
    for d, ts in zip(args.dirs, times):
        med = statistics.median(ts)
        print(f"{d}: median {med:.3f} ms per word ({min(ts):.3f}-{max(ts):.3f}), {med / base:.2f}x the first")


if __name__ == "__main__":
    main()
