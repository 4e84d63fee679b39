"""Where a huge article's memory goes, per megabyte of article (issue 11, item 5).

    python benchmarks/bench_memory.py [--size 200KB] [--select ALL]

Builds bench_scale.py's article at ``--size`` (and a 20 KB one to warm up on), then, in this one
process, with Python's ``tracemalloc`` (memory of Python objects, numpy arrays and spaCy's Doc):
what the article's spaCy Doc holds, what its word-fit scores hold (when a selected rule reads the
model), and the peak each rule reaches above that while it checks the article. Every rule first
checks the small article, so the models and tables a rule loads once per process are not counted:
the figures are what grows with the article. ``bench_scale.py`` measures the whole process (peak
RSS, which also counts the libraries and the loaded models); these figures say which part grows.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scale import build, parse_size  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", default="200KB")
    ap.add_argument("--select", default="ALL", help="rules checked (default: every rule)")
    args = ap.parse_args()

    from copylint import wordfit
    from copylint.config import Config
    from copylint.engine import RuleSet
    from copylint.nlp import get_nlp, parse
    from copylint.readers import load_article

    cfg = Config(select=tuple(args.select.split(",")))
    rs = RuleSet(cfg)
    nlp = get_nlp(cfg.spacy_model)
    tmp = Path(tempfile.mkdtemp(prefix="copylint-memory-"))

    def article(size: int):
        path = tmp / f"article-{size}.md"
        build(path, size, "paragraphs")
        art = load_article(str(path), path.read_text(encoding="utf-8"), "markdown")
        path.unlink()
        return art

    def prepare(art) -> None:
        if rs.needs - {"wordfit"}:
            [art.doc] = parse(nlp, [art.text], rs.needs, block_starts=[[b.start for b in art.blocks]])
        if "wordfit" in rs.needs:
            art.wordfit = wordfit.load().score_article(art)

    warm = article(20_000)
    prepare(warm)
    for rule in rs.rules:
        list(rule.check(warm))
    del warm

    art = article(parse_size(args.size))
    mb = len(art.raw.encode("utf-8")) / 1e6
    tracemalloc.start()
    t = time.process_time()
    if rs.needs - {"wordfit"}:
        [art.doc] = parse(nlp, [art.text], rs.needs, block_starts=[[b.start for b in art.blocks]])
    doc_held = tracemalloc.get_traced_memory()[0]
    parse_cpu = time.process_time() - t
    if "wordfit" in rs.needs:
        art.wordfit = wordfit.load().score_article(art)
    fit_held = tracemalloc.get_traced_memory()[0] - doc_held
    print(f"{mb:.2f} MB article, {len(art.text.split()):,} words; rules: {args.select}")
    print(f"{'spaCy Doc':34} holds {doc_held / 1e6 / mb:6.1f} MB a MB  (parse {parse_cpu:.0f} s CPU)")
    if "wordfit" in rs.needs:
        print(f"{'word-fit scores':34} hold  {fit_held / 1e6 / mb:6.1f} MB a MB")
    rows = []
    for rule in rs.rules:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        t = time.process_time()
        found = len(list(rule.check(art)))
        rows.append((tracemalloc.get_traced_memory()[1] - base, rule.id, found, time.process_time() - t))
    for peak, rid, found, cpu in sorted(rows, reverse=True):
        print(f"{rid:34} peak  {peak / 1e6 / mb:6.1f} MB a MB  {found:6} findings  {cpu:6.1f} s CPU")
    tmp.rmdir()


if __name__ == "__main__":
    main()
