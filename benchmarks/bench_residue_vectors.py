#!/usr/bin/env python3
"""What reading a line's meaning costs the boilerplate rule (issue 10, session 14; needs ../shared).

The line-alone judge of a model with a line-vector scorer (``rules/residue_model.zip``'s
``alone.vector``, or ``--model FILE``) reads each line it looks at through its encoder (the word-fit
encoder, ``copylint.wordfit``; the sentence embedder, ``copylint.sentence``; or both: the model's
``alone.vector.source``, ``residue.EncodedLines``). This prints, over ``../shared/clean-news`` checked with the default rules in
one process (spaCy loaded and warmed first), the CPU time per article with the model as given
and with its vector scorer taken out (each side first in every other round), the lines the
encoder read and the CPU time a line read took, and the encoder's load time (once per process, when a first line is asked for).

Usage (from the repository root):
    python benchmarks/bench_residue_vectors.py [--model FILE] [--rounds 3] [--select boilerplate]
"""
from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from splits import clean_news, need_shared  # noqa: E402

from copylint.checks import residue  # noqa: E402
from copylint.config import Config  # noqa: E402
from copylint.engine import Linter  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, help="a model file (default: the shipped rules/residue_model.zip)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--select", default="", help="rules to run (comma-separated; default: the default rules)")
    args = ap.parse_args()
    need_shared()
    spec = residue.model_spec(args.model.read_bytes() if args.model else None)
    without = copy.deepcopy(spec)
    without["alone"].pop("vector", None)
    models = {"with the vector scorer": residue.ResidueModel(spec), "without": residue.ResidueModel(without)}
    if models["with the vector scorer"].vector is None:
        print("the model has no vector scorer: both sides are the same")
    texts = [(a.name, a.text) for a in clean_news()]
    words = sum(len(t.split()) for _, t in texts)
    cfg = Config(select=tuple(args.select.split(","))) if args.select else Config()
    lint = Linter(config=cfg)
    asked = [0]
    reading = [0.0]   # CPU seconds reading lines
    real_getitem = residue.EncodedLines.__getitem__

    def counting(self, i):
        if i not in self.done:
            asked[0] += 1
            c = time.process_time()
            got = real_getitem(self, i)
            reading[0] += time.process_time() - c
            return got
        return real_getitem(self, i)

    residue.EncodedLines.__getitem__ = counting
    for name, text in texts[:5]:   # spaCy loaded and warmed, the encoder not yet
        residue.residue_model = lambda: models["without"]
        lint.check_text(text, path=name + ".txt")
    source = models["with the vector scorer"].vector_source
    if source is not None:
        t0, c0 = time.perf_counter(), time.process_time()
        residue.read_meaning(source, ["Share this article"])
        print(f"encoder ({source}) loaded and a first line read: {time.process_time() - c0:.2f} s CPU, "
              f"{time.perf_counter() - t0:.2f} s wall (once per process)")
    cpu = {k: [] for k in models}
    for r in range(args.rounds):
        for k, m in (list(models.items()) if r % 2 == 0 else list(models.items())[::-1]):   # each side first in turn
            residue.residue_model = lambda m=m: m
            asked[0], reading[0] = 0, 0.0
            c0 = time.process_time()
            n = sum(len(lint.check_text(text, path=name + ".txt")) for name, text in texts)
            cpu[k].append(time.process_time() - c0)
            each = f" ({1000 * reading[0] / asked[0]:.1f} ms CPU a line)" if asked[0] else ""
            print(f"round {r + 1}, {k}: {cpu[k][-1]:.2f} s CPU for {len(texts)} articles ({words} words), "
                  f"{n} findings, {asked[0]} lines read by the encoder{each}", flush=True)
    a, b = (min(cpu[k]) for k in models)
    print(f"best of {args.rounds}: with the vector scorer {a:.2f} s, without {b:.2f} s: "
          f"{1000 * (a - b) / len(texts):.1f} ms CPU per article more ({a / b:.3f}x)")


if __name__ == "__main__":
    main()
