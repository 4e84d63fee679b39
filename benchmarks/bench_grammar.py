"""Cost and noise of the grammar/spelling backend on clean professional news.

    python benchmarks/bench_grammar.py [FOLDER]    (default ../shared/clean-news)

Prints, with the grammar backend on (default config: Harper offline) and off
(``grammar_backend = "none"`` and the grammar/spelling families ignored):
  - time per article (ms) and per 1,000 words, spaCy already loaded (warm run, best of 2);
  - alarms per 1,000 words at warning/error level (false alarms: the copy is clean), and at info.
It also times the Harper pass alone.
"""
from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

from copylint.config import Config
from copylint.engine import Linter
from copylint.finding import Severity

ROOT = Path(__file__).resolve().parent.parent
FOLDER = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "clean-news"
GRAMMAR = ("grammar", "spelling")


def run(cfg: Config, paths: list[str]):
    lin = Linter(isolated=True)
    lin.fixed_config = cfg
    lin.check_paths(paths[:4])  # warm up: spaCy, Harper
    best = None
    for _ in range(2):
        lin = Linter(isolated=True)
        lin.fixed_config = cfg
        t0 = time.perf_counter()
        results = lin.check_paths(paths)
        dt = time.perf_counter() - t0
        best = dt if best is None or dt < best else best
    return best, results


def main() -> None:
    paths = sorted(str(p) for p in FOLDER.glob("*.txt"))
    if not paths:
        sys.exit(f"no articles in {FOLDER}")
    on = Config()
    off = dataclasses.replace(Config(), grammar_backend="none", ignore=GRAMMAR)
    rows = []
    for name, cfg in (("backend on (harper)", on), ("backend off", off)):
        dt, results = run(cfg, paths)
        words = sum(r.words for r in results)
        loud = sum(1 for r in results for f in r.findings if f.severity >= Severity.WARNING)
        info = sum(1 for r in results for f in r.findings if f.severity == Severity.INFO)
        g_loud = sum(1 for r in results for f in r.findings if f.family in GRAMMAR and f.severity >= Severity.WARNING)
        g_info = sum(1 for r in results for f in r.findings if f.family in GRAMMAR and f.severity == Severity.INFO)
        rows.append((name, dt, len(paths), words, loud, info, g_loud, g_info))
    print(f"{FOLDER} ({rows[0][2]} articles, {rows[0][3]} words)")
    print(f"{'':22s} {'ms/article':>10s} {'ms/1k words':>11s} {'warn+err/1k':>11s} {'info/1k':>8s} "
          f"{'grammar warn/1k':>15s} {'grammar info/1k':>15s}")
    for name, dt, n, words, loud, info, g_loud, g_info in rows:
        k = words / 1000
        print(f"{name:22s} {1000 * dt / n:10.1f} {1000 * dt / k:11.1f} {loud / k:11.3f} {info / k:8.3f} "
              f"{g_loud / k:15.3f} {g_info / k:15.3f}")
    # Harper alone
    from copylint.grammar.harper_backend import HarperBackend
    h = HarperBackend("british")
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    t0 = time.perf_counter()
    for t in texts:
        h.check(t + " ")  # bypass the cache
    dt = time.perf_counter() - t0
    print(f"harper pass alone: {1000 * dt / len(texts):.1f} ms/article")


if __name__ == "__main__":
    main()
