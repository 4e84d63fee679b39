#!/usr/bin/env python3
"""What the optional embedding judgement of ``list-intruder`` (``semantic``, the ``embeddings``
extra) adds and costs, on the product side's evaluation sets (needs ../shared and the extra).

For each of ../shared/clean-news, ../shared/devset and ../shared/mqm-dev it checks every article
twice in this process, with ``semantic = "off"`` and ``"on"``, and prints:
  - the list-intruder findings only the embedding judgement gives, each with its sentence; on
    clean-news every one is a false alarm, on devset/mqm-dev each is marked HIT when it lands on a
    gold span (../shared/score.py's matching) and whether it is on a -clean file;
  - the cost: model load (reading the weights and the tokenizer, once per process), the time per
    article with and without (spaCy already loaded, model already loaded), wall clock and the
    process's CPU (every thread: BLAS's own threads too), the embedding calls, and the judgement's
    own cost (``ListIntruder._judge_semantic``: its wall clock, its thread's CPU, and the process's
    CPU while it ran, which counts a BLAS thread spinning beside it, and whatever else ran then).

``--against DIR`` measures only the cost, of this checkout's code and of another's (DIR: main's,
say), each set checked by a fresh process per code, the two codes alternated ``--rounds`` times.

Usage (from the repository root):
    python benchmarks/bench_semantic.py [--shared ../shared]
    python benchmarks/bench_semantic.py --against DIR [--rounds 3]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from runs import median_runs  # noqa: E402

SETS = ("clean-news", "devset", "mqm-dev")


#: the embedding judgement's own cost in this process: wall, its thread's CPU, the process's CPU, calls
JUDGE = defaultdict(float)


def time_the_judgement() -> None:
    """Count ``ListIntruder._judge_semantic``'s cost in ``JUDGE`` (the findings are unchanged)."""
    from copylint.checks import garble

    judge = garble.ListIntruder._judge_semantic

    def timed(self, lists, classes):
        w, t, p = time.perf_counter(), time.thread_time(), time.process_time()
        try:
            return iter(list(judge(self, lists, classes)))
        finally:
            JUDGE["wall"] += time.perf_counter() - w
            JUDGE["thread"] += time.thread_time() - t
            JUDGE["process"] += time.process_time() - p
            JUDGE["calls"] += 1

    garble.ListIntruder._judge_semantic = timed


def run(files: list[Path], mode: str):
    """(results, wall seconds, process CPU seconds) of checking ``files`` with ``semantic = mode``."""
    from copylint import semantic
    from copylint.engine import Linter

    semantic.scorer().clear()  # cold phrase vectors: every run embeds its lists afresh
    linter = Linter(isolated=True, overrides={"semantic": mode})
    t0, c0 = time.perf_counter(), time.process_time()
    results = linter.check_paths([str(f) for f in files])
    return results, time.perf_counter() - t0, time.process_time() - c0


def key(f):
    return (f.rule, f.line, f.column, f.end_column)


def warm() -> float:
    """spaCy warmed (not part of any figure), then the model loaded: the load's seconds."""
    from copylint import semantic
    from copylint.engine import Linter

    Linter(isolated=True, overrides={"semantic": "off"}).check_text("Warm up.", path="x", fmt="text")
    t0 = time.perf_counter()
    semantic.scorer()
    return time.perf_counter() - t0


def costs(shared: Path) -> dict:
    """The cost figures of this process's copylint on each set (``--timing``): each set checked off,
    on, off, on; the on-runs' judgement cost summed, the best of the two runs of each mode."""
    from copylint import semantic

    out = {"load": warm()}
    time_the_judgement()
    for name in SETS:
        files = sorted((shared / name).glob("*.txt"))
        row = {"files": len(files)}
        for mode in ("off", "on", "off", "on"):
            JUDGE.clear()
            _, wall, cpu = run(files, mode)
            best = row.get(mode)
            if best is None or wall < best[0]:
                row[mode] = (wall, cpu)
            if mode == "on":
                row.setdefault("judge", []).append([JUDGE["wall"], JUDGE["thread"], JUDGE["process"], JUDGE["calls"]])
        out[name] = row
    out["encode_calls"] = semantic.scorer().encode_calls
    return out


def against(args) -> None:
    """This checkout's cost and DIR's, each in fresh processes, alternated ``--rounds`` times."""
    trees = {"this checkout": ROOT, str(args.against): args.against.resolve()}
    got: dict[str, list[dict]] = {t: [] for t in trees}
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for _ in range(args.rounds):
        for label, tree in trees.items():
            cmd = [sys.executable, str(Path(__file__).resolve()), "--timing", "--tree", str(tree),
                   "--shared", str(args.shared)]
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode != 0:
                sys.exit(f"{label}: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}")
            got[label].append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"load average {os.getloadavg()[0]:.1f} at the end")

    for label, results in got.items():
        print(f"\n## {label} ({len(results)} runs, median (runs))")
        print(f"model load: {median_runs([r['load'] for r in results])}")
        for name in SETS:
            rows = [r[name] for r in results]
            n = rows[0]["files"]
            judge = [j for r in rows for j in r["judge"]]
            print(f"{name} ({n} articles): off {median_runs([r['off'][0] for r in rows], 'ms', 1000 / n)} wall, "
                  f"{median_runs([r['off'][1] for r in rows], 'ms', 1000 / n)} CPU an article; "
                  f"on {median_runs([r['on'][0] for r in rows], 'ms', 1000 / n)} wall, "
                  f"{median_runs([r['on'][1] for r in rows], 'ms', 1000 / n)} CPU an article")
            print(f"  the judgement over the set (articles with lists to judge: {int(judge[0][3])}): "
                  f"wall {median_runs([j[0] for j in judge])}, its thread's CPU {median_runs([j[1] for j in judge])}, "
                  f"the process's CPU meanwhile {median_runs([j[2] for j in judge])}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--against", type=Path, metavar="DIR",
                    help="another checkout: only the cost, of both codes, alternated in fresh processes")
    ap.add_argument("--rounds", type=int, default=3, help="with --against: runs of each code")
    ap.add_argument("--timing", action="store_true", help=argparse.SUPPRESS)  # a child of --against
    ap.add_argument("--tree", type=Path, default=ROOT, help=argparse.SUPPRESS)  # its copylint's checkout
    args = ap.parse_args()
    shared = Path(args.shared)
    sys.path.insert(0, str(args.tree))
    from copylint import semantic

    if not semantic.available():
        sys.exit("the embeddings extra is not installed: pip install -e \".[embeddings]\" (after a CPU PyTorch)")
    if args.timing:
        print(json.dumps(costs(shared)))
        return
    if args.against is not None:
        against(args)
        return
    sys.path.insert(0, str(shared))
    import score as sc  # the scorer's own matching

    load = warm()
    print(f"model load: {load:.2f} s (once per process: map the weights, read the tokenizer; "
          f"load_count={semantic.load_count})")
    time_the_judgement()

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
        off, t_off, c_off = run(files, "off")
        calls0 = semantic.scorer().encode_calls
        JUDGE.clear()
        on, t_on, c_on = run(files, "on")
        judge = dict(JUDGE)
        calls = semantic.scorer().encode_calls - calls0
        t_off, c_off = min((t_off, c_off), run(files, "off")[1:])
        t_on, c_on = min((t_on, c_on), run(files, "on")[1:])
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
              f"({1000 * (t_on - t_off) / len(files):+.1f} ms; {calls} embedding batches); CPU per article "
              f"off {1000 * c_off / len(files):.1f} ms, on {1000 * c_on / len(files):.1f} ms")
        print(f"the judgement (first on-run): {judge.get('wall', 0):.2f} s wall, its thread's CPU "
              f"{judge.get('thread', 0):.2f} s, the process's CPU meanwhile {judge.get('process', 0):.2f} s")
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
