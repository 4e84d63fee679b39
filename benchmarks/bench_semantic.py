#!/usr/bin/env python3
"""What the optional embedding judgement of ``list-intruder`` (``semantic``, the ``embeddings``
extra) adds and costs, on the product side's evaluation sets (needs ../shared and the extra).

For each of ../shared/clean-news, ../shared/devset and ../shared/mqm-dev it checks every article
twice in this process, with ``semantic = "off"`` and ``"on"``, and prints:
  - the list-intruder findings only the embedding judgement gives, each with its sentence; on
    clean-news every one is a false alarm, on devset/mqm-dev each is marked HIT when it lands on a
    gold span (../shared/score.py's matching) and whether it is on a -clean file;
  - the cost: model load (imports of torch and sentence-transformers plus reading the weights, once
    per process), the time per article with and without (spaCy already loaded, model already loaded),
    and the embedding calls.

Usage (from the repository root):  python benchmarks/bench_semantic.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copylint import semantic  # noqa: E402
from copylint.config import Config  # noqa: E402
from copylint.engine import Linter  # noqa: E402

SETS = ("clean-news", "devset", "mqm-dev")


def run(files: list[Path], mode: str):
    semantic.scorer().clear()  # cold phrase vectors: every run embeds its lists afresh
    linter = Linter(isolated=True, overrides={"semantic": mode})
    t0 = time.perf_counter()
    results = linter.check_paths([str(f) for f in files])
    return results, time.perf_counter() - t0


def key(f):
    return (f.rule, f.line, f.column, f.end_column)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    shared = Path(args.shared)
    if not semantic.available():
        sys.exit("the embeddings extra is not installed: pip install -e \".[embeddings]\" (after a CPU PyTorch)")
    sys.path.insert(0, str(shared))
    import score as sc  # the scorer's own matching

    # warm spaCy (not part of either figure)
    Linter(isolated=True, overrides={"semantic": "off"}).check_text("Warm up.", path="x", fmt="text")
    t0 = time.perf_counter()
    semantic.scorer()
    load = time.perf_counter() - t0
    print(f"model load: {load:.2f} s (once per process; import torch + sentence-transformers and read "
          f"the weights; load_count={semantic.load_count})")

    totals = defaultdict(float)
    for name in SETS:
        folder = shared / name
        files = sorted(folder.glob("*.txt"))
        words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
        gold = defaultdict(list)
        gpath = folder / "gold.jsonl"
        if gpath.is_file():
            for line in gpath.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    g = json.loads(line)
                    gold[g["file"]].append(g)
        # twice each, alternating, best time (the first pass over a set warms caches)
        off, t_off = run(files, "off")
        calls0 = semantic.scorer().encode_calls
        on, t_on = run(files, "on")
        calls = semantic.scorer().encode_calls - calls0
        t_off = min(t_off, run(files, "off")[1])
        t_on = min(t_on, run(files, "on")[1])
        totals["files"] += len(files)
        totals["off"] += t_off
        totals["on"] += t_on
        added, hits, on_clean = [], 0, 0
        for r_off, r_on in zip(off, on):
            before = {key(f) for f in r_off.findings}
            fname = Path(r_on.path).name
            lines = Path(r_on.path).read_text(encoding="utf-8").split("\n")
            for f in r_on.findings:
                if f.rule != "list-intruder" or key(f) in before:
                    continue
                fd = {"line": f.line, "column": f.column, "end_column": f.end_column, "related": []}
                hit = any(sc.caught(g, [fd], lines) is not None for g in gold.get(fname, []))
                hits += hit
                clean = fname.endswith("-clean.txt")
                on_clean += clean
                added.append((fname, f, hit, clean, lines[f.line - 1].strip()))
        lost = sum(len({key(f) for f in a.findings} - {key(f) for f in b.findings}) for a, b in zip(off, on))
        print(f"\n## {name}: {len(files)} articles, {words} words")
        print(f"time per article: off {1000 * t_off / len(files):.1f} ms, on {1000 * t_on / len(files):.1f} ms "
              f"(+{1000 * (t_on - t_off) / len(files):.1f} ms; {calls} embedding batches)")
        print(f"findings added by embeddings: {len(added)} (severity {added[0][1].severity.name.lower() if added else '-'}), "
              f"on a gold span: {hits}, on -clean files: {on_clean}, findings lost: {lost}")
        if name == "clean-news":
            print(f"clean-news alarms from embeddings: {1000 * len(added) / words:.3f} per 1,000 words (any level)")
        for fname, f, hit, clean, line in added:
            tag = "HIT " if hit else ("FP  " if clean or name == "clean-news" else "    ")
            print(f"  {tag}{fname}:{f.line}:{f.column} {f.message}")
            i = f.column - 1
            print(f"        …{line[max(0, i - 90):i + 60]}…")
    n = totals["files"]
    print(f"\nall sets: {int(n)} articles, off {1000 * totals['off'] / n:.1f} ms/article, "
          f"on {1000 * totals['on'] / n:.1f} ms/article (+ model load {load:.2f} s once)")


if __name__ == "__main__":
    main()
