#!/usr/bin/env python3
"""Accuracy figures for copylint on the product side's evaluation sets (needs ../shared).

Prints:
  - ../shared/score.py's figure line on ../shared/devset, ../shared/clean-news and ../shared/mqm-dev;
  - false alarms per 1,000 words at warning level (warning and error findings; every finding on
    these sets is a false alarm or a real slip of the professional source) and at all levels, on
    clean-news, on news-corpus's held-apart ``test`` split and on the whole news-corpus
    (``benchmarks/splits.py``), each with per-rule counts by severity;
  - per-rule precision on mqm-dev (share of a rule's findings that land on a rater-marked span).

Usage (from the repository root):
  python benchmarks/eval_accuracy.py                  # every figure (about 4 minutes)
  python benchmarks/eval_accuracy.py --list           # + every warning-level alarm on clean-news, in context
  python benchmarks/eval_accuracy.py --list news-test --sets news-test   # only news-corpus test, listed
Options: ``--shared DIR`` (default ../shared), ``--rules a,b`` (limit the per-rule tables),
``--sets`` (comma-separated: score, clean-news, news-test, news-corpus, mqm; default all).
Without the data folder it says what it needs and where, and exits with code 2.
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
sys.path.insert(0, str(Path(__file__).resolve().parent))
SETS = ("score", "clean-news", "news-test", "news-corpus", "mqm")
NEEDS = ("score.py", "devset", "clean-news", "mqm-dev", "news-corpus/MANIFEST.tsv")


def copylint_json(files: list[Path]) -> dict:
    proc = subprocess.run([sys.executable, "-m", "copylint.cli", "check", "--no-cache", "--format", "json",
                           *map(str, files)], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode not in (0, 1):
        sys.exit(f"copylint exited {proc.returncode}: {proc.stderr.strip().splitlines()[-1:]}")
    return json.loads(proc.stdout)


def score(shared: Path, folder: str) -> str:
    proc = subprocess.run([sys.executable, str(shared / "score.py"), str(shared / folder),
                           "--cmd", f"{sys.executable} -m copylint.cli check --no-cache --format json"],
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


def loud(f: dict) -> bool:
    return f.get("severity") in ("warning", "error")


def alarm_rates(name: str, files: list[Path], only: set[str]) -> dict:
    """Run copylint on ``files`` and print the alarm rates and the per-rule table; returns the JSON."""
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
    t0 = time.perf_counter()
    data = copylint_json(files)
    per_rule: dict[str, Counter] = defaultdict(Counter)
    n_loud = total = 0
    for entry in data.get("files", []):
        for f in entry.get("findings", []):
            total += 1
            n_loud += loud(f)
            per_rule[f["rule"]][f.get("severity", "warning")] += 1
    print(f"\n{name}: {len(files)} files, {words} words ({time.perf_counter() - t0:.0f}s); alarms per 1,000 "
          f"words: warning level {1000 * n_loud / words:.2f} ({n_loud}), all levels {1000 * total / words:.2f} ({total})")
    print(f"  {'rule':30} {'error':>6} {'warning':>8} {'info':>6}")
    for rule, c in sorted(per_rule.items()):
        if not only or rule in only:
            print(f"  {rule:30} {c['error']:6} {c['warning']:8} {c['info']:6}")
    return data


def list_alarms(name: str, data: dict) -> None:
    """Every warning-level finding with its line in context (the span between ⟦ ⟧)."""
    print(f"\nwarning-level alarms on {name}:")
    for entry in data.get("files", []):
        lines = Path(entry["path"]).read_text(encoding="utf-8").split("\n")
        for f in entry.get("findings", []):
            if not loud(f):
                continue
            line = lines[f["line"] - 1] if 0 < f["line"] <= len(lines) else ""
            s = f["column"] - 1
            e = f["end_column"] - 1 if f["end_line"] == f["line"] else len(line)
            context = line[max(0, s - 70):s] + "⟦" + line[s:e] + "⟧" + line[e:e + 50]
            print(f"- {Path(entry['path']).name}:{f['line']}:{f['column']} {f['rule']}: {f['message']}\n"
                  f"    {'…' if s > 70 else ''}{context.strip()}{'…' if e + 50 < len(line) else ''}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--rules", default="", help="comma-separated rule ids for the per-rule tables")
    ap.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, of: {', '.join(SETS)}")
    ap.add_argument("--list", nargs="?", const="clean-news", default=None, choices=("clean-news", "news-test"),
                    help="list every warning-level alarm of this set (default clean-news) in context")
    args = ap.parse_args()
    shared = Path(args.shared).resolve()
    missing = [n for n in NEEDS if not (shared / n).exists()]
    if missing:
        print(f"eval_accuracy.py needs the product side's data folder beside the checkout: {shared} "
              f"(missing: {', '.join(missing)}); pass --shared DIR if it is elsewhere", file=sys.stderr)
        sys.exit(2)
    import splits

    only = {r for r in args.rules.split(",") if r}
    sets = {s for s in args.sets.split(",") if s}
    if args.list:
        sets.add(args.list)
    unknown = sets - set(SETS)
    if unknown:
        print(f"eval_accuracy.py: unknown set(s) {', '.join(sorted(unknown))}; use {', '.join(SETS)}", file=sys.stderr)
        sys.exit(2)

    if "score" in sets:
        for folder in ("devset", "clean-news", "mqm-dev"):
            t0 = time.perf_counter()
            line = score(shared, folder)
            print(f"{folder:11} {line}  ({time.perf_counter() - t0:.1f}s)")

    listed: dict[str, dict] = {}
    if "clean-news" in sets:
        listed["clean-news"] = alarm_rates("clean-news", [d.path for d in splits.clean_news(shared)], only)
    if "news-test" in sets:
        listed["news-test"] = alarm_rates("news-corpus test split",
                                          [d.path for d in splits.news_corpus("test", shared)], only)
    if "news-corpus" in sets:
        every = [d.path for s in splits.NEWS_SPLITS for d in splits.news_corpus(s, shared)]
        alarm_rates("news-corpus, whole (train + tune + test)", sorted(every), only)
    if args.list:
        list_alarms(args.list, listed[args.list])

    if "mqm" in sets:
        mqm = copylint_json(sorted((shared / "mqm-dev").glob("*.txt")))
        hits = gold_hits(shared, "mqm-dev", mqm)
        print("\nmqm-dev per-rule precision (findings on a rater-marked span / findings)")
        for rule, (h, n) in sorted(hits.items()):
            if not only or rule in only:
                print(f"  {rule:30} {h:4}/{n:<4} {h / n:.2f}")


if __name__ == "__main__":
    main()
