#!/usr/bin/env python3
"""Accuracy figures for copylint on the product side's evaluation sets (needs ../shared).

Runs ../shared/score.py on ../shared/devset, ../shared/clean-news and ../shared/mqm-dev and prints
its figure line for each, then, from copylint's own JSON output:
  - clean-news alarms per 1,000 words at warning/error level and at all levels;
  - per-rule counts of findings on clean-news (every finding there is a false alarm), by severity;
  - per-rule precision on mqm-dev (share of a rule's findings that land on a rater-marked span).

Usage (from the repository root):  python benchmarks/eval_accuracy.py [--shared ../shared] [--rules a,b]
``--rules`` limits the per-rule tables to some rules (the scorer figures always cover everything).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copylint_json(files: list[Path]) -> dict:
    proc = subprocess.run([sys.executable, "-m", "copylint.cli", "check", "--format", "json",
                           *map(str, files)], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode not in (0, 1):
        sys.exit(f"copylint exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def score(shared: Path, folder: str) -> str:
    proc = subprocess.run([sys.executable, str(shared / "score.py"), str(shared / folder),
                           "--cmd", f"{sys.executable} -m copylint.cli check --format json"],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        return f"score.py failed: {proc.stderr[-500:]}"
    return proc.stdout.strip().splitlines()[-1]


def gold_hits(shared: Path, folder: str, data: dict) -> dict[str, list[int]]:
    """Per rule: [findings on a gold span, findings] (a finding or one of its related places)."""
    sys.path.insert(0, str(shared))
    import score as sc  # the scorer's own matching

    gold = [json.loads(line) for line in (shared / folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    by_file = defaultdict(list)
    for g in gold:
        by_file[g["file"]].append(g)
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for entry in data.get("files", []):
        name = Path(entry["path"]).name
        lines = (shared / folder / name).read_text(encoding="utf-8").split("\n")
        for f in entry.get("findings", []):
            out[f["rule"]][1] += 1
            if any(sc.caught(g, [f], lines) is not None for g in by_file.get(name, [])):
                out[f["rule"]][0] += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--rules", default="", help="comma-separated rule ids for the per-rule tables")
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / "score.py").exists():
        sys.exit(f"no scorer at {shared}/score.py")
    only = {r for r in args.rules.split(",") if r}

    for folder in ("devset", "clean-news", "mqm-dev"):
        t0 = time.perf_counter()
        line = score(shared, folder)
        print(f"{folder:11} {line}  ({time.perf_counter() - t0:.1f}s)")

    files = sorted((shared / "clean-news").glob("*.txt"))
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
    data = copylint_json(files)
    per_rule: dict[str, Counter] = defaultdict(Counter)
    loud = total = 0
    for entry in data.get("files", []):
        for f in entry.get("findings", []):
            total += 1
            loud += f.get("severity") in ("warning", "error")
            per_rule[f["rule"]][f.get("severity", "warning")] += 1
    print(f"\nclean-news: {words} words; alarms per 1,000 words: warning/error {1000 * loud / words:.2f}, "
          f"all levels {1000 * total / words:.2f} ({loud} loud, {total} in all)")
    print(f"{'rule':28} {'error':>6} {'warning':>8} {'info':>6}   (findings on clean-news)")
    for rule, c in sorted(per_rule.items()):
        if only and rule not in only:
            continue
        print(f"{rule:28} {c['error']:6} {c['warning']:8} {c['info']:6}")

    mqm = copylint_json(sorted((shared / "mqm-dev").glob("*.txt")))
    hits = gold_hits(shared, "mqm-dev", mqm)
    print(f"\nmqm-dev per-rule precision (findings on a rater-marked span / findings)")
    for rule, (h, n) in sorted(hits.items()):
        if only and rule not in only:
            continue
        print(f"{rule:28} {h:4}/{n:<4} {h / n:.2f}")


if __name__ == "__main__":
    main()
