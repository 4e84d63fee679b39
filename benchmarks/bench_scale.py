"""Time and peak memory of ``copylint check`` on one huge article, at several sizes (issue 11, item 5).

    python benchmarks/bench_scale.py [--sizes 100KB,1MB,10MB] [--shape paragraphs|lines] [--keep DIR]
                                     [--ignore RULE,...] [--select ALL]

For each size, an article of that many bytes is written to a temporary directory and checked by a
fresh ``copylint check --no-cache --format json`` process (every default rule), started from a
fresh measuring process, so the peak resident memory read with ``resource.getrusage`` after it
exits is that check's alone. Prints, per size: seconds (wall clock), CPU seconds (user + system, every thread: the fairer measure
on a loaded machine), peak RSS, findings, words;
then the ratio of the largest size's time to the one ten times smaller (the target: 10 MB costs at
most 12 times what 1 MB costs) and the largest peak (target: at most 1 GB).

The article is Markdown: a headline, then paragraphs drawn with a seeded generator from the
paragraphs of samples/ (with their planted faults: names spelt two ways, contradicting figures,
duplicates) and from bench_speed.py's generated news paragraphs, so that the article-level rules
(duplicates, consistency) have plenty to compare. ``--ignore`` leaves rules out (passed on to
``copylint check --ignore``), e.g. a rule not yet linear; ``--select ALL`` checks with every rule,
those off by default included (passed on to ``copylint check --select``). ``--shape lines`` writes plain text with one
paragraph per line and no blank lines; ``--shape blob`` one single paragraph with no line break.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_speed import generated_paragraph, sample_paragraphs  # noqa: E402

UNITS = {"KB": 1000, "MB": 1000_000, "GB": 1000_000_000}


def parse_size(s: str) -> int:
    s = s.strip().upper()
    for u, m in UNITS.items():
        if s.endswith(u):
            return int(float(s[: -len(u)]) * m)
    return int(s)


def build(path: Path, size: int, shape: str, seed: int = 11) -> None:
    rng = random.Random(seed)
    pool = sample_paragraphs()
    sep = {"paragraphs": "\n\n", "lines": "\n", "blob": " "}[shape]
    head = "# A very long article\n\n" if shape == "paragraphs" else "A very long article.\n"
    parts, n = [head], len(head)
    while n < size:
        p = rng.choice(pool) if rng.random() < 0.6 else generated_paragraph(rng)
        p = " ".join(p.split()) + sep
        parts.append(p)
        n += len(p.encode("utf-8"))
    path.write_text("".join(parts), encoding="utf-8")


def measure(path: str, ignore: str = "", select: str = "") -> None:
    """(In a fresh process) run the check as a child; print seconds, peak RSS and findings as JSON."""
    t = time.perf_counter()
    extra = (["--ignore", ignore] if ignore else []) + (["--select", select] if select else [])
    proc = subprocess.run([sys.executable, "-m", "copylint.cli", "check", "--no-cache", "--format", "json", *extra, path],
                          capture_output=True, text=True, cwd=str(Path(path).parent))
    seconds = time.perf_counter() - t
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kb = usage.ru_maxrss  # KB on Linux
    cpu = usage.ru_utime + usage.ru_stime  # every thread's CPU time: fairer than wall clock on a loaded machine
    if proc.returncode not in (0, 1):
        print(json.dumps({"error": proc.stderr.strip()[-500:], "code": proc.returncode}))
        return
    data = json.loads(proc.stdout)
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak_kb / 1024, "code": proc.returncode,
                      "findings": data["summary"]["findings"], "errors": [f.get("error") for f in data["files"]
                                                                          if f.get("error")]}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100KB,1MB,10MB")
    ap.add_argument("--shape", choices=("paragraphs", "lines", "blob"), default="paragraphs")
    ap.add_argument("--keep", help="write the articles here instead of a temporary directory")
    ap.add_argument("--ignore", default="", help="rules left out, comma-separated")
    ap.add_argument("--select", default="", help="only these rules (ALL: every rule, those off by default too)")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        measure(args.measure, args.ignore, args.select)
        return
    tmp = Path(args.keep or tempfile.mkdtemp(prefix="copylint-scale-"))
    tmp.mkdir(parents=True, exist_ok=True)
    # the sizes go beyond the default max-file-size on purpose when asked: raise it for the run
    (tmp / ".copylint.toml").write_text('max-file-size = "1GB"\n', encoding="utf-8")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; shape: {args.shape}"
          + (f"; rules left out: {args.ignore}" if args.ignore else "")
          + (f"; rules selected: {args.select}" if args.select else "; the default rules"))
    rows = []
    for label in args.sizes.split(","):
        size = parse_size(label)
        path = tmp / f"article-{label.strip()}.{'md' if args.shape == 'paragraphs' else 'txt'}"
        build(path, size, args.shape)
        words = len(path.read_text(encoding="utf-8").split())
        out = subprocess.run([sys.executable, __file__, "--measure", str(path), "--ignore", args.ignore,
                              "--select", args.select],
                             capture_output=True, text=True)
        try:
            r = json.loads(out.stdout.strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            raise SystemExit(f"measuring {label} failed: {out.stderr[-1000:]}")
        if "error" in r:
            raise SystemExit(f"copylint failed on {label} ({r['code']}): {r['error']}")
        rows.append((label.strip(), size, r))
        print(f"{label.strip():>6}: {r['seconds']:8.1f} s  CPU {r['cpu']:8.1f} s  peak {r['peak_mb']:7.0f} MB  {words:>10,} words  "
              f"{r['findings']:>6} findings  ({words / r['seconds']:,.0f} words/s)", flush=True)
    for (la, sa, ra), (lb, sb, rb) in zip(rows, rows[1:]):
        print(f"{lb} / {la}: {sb / sa:.0f}x the size, {rb['seconds'] / ra['seconds']:.1f}x the time "
              f"({rb['cpu'] / ra['cpu']:.1f}x the CPU time), "
              f"{rb['peak_mb'] / ra['peak_mb']:.2f}x the peak memory")
    print(f"largest peak: {max(r['peak_mb'] for _, _, r in rows):.0f} MB")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
