"""CPU time of each rule on one pass over ../shared/clean-news (a profile, not part of the tests).

    python benchmarks/bench_rules_cpu.py [--passes 2]

Loads everything, runs bare ``nlp.pipe`` over the articles once (so spaCy's own first-time costs
are paid), then checks the articles ``--passes`` times with every default rule, each pass with a
fresh Harper backend (nothing of copylint's Harper caches kept; Harper's own per-process memory of
words it has seen is kept, so a second pass shows a warm process). Prints the pass's CPU time, the
sum over the rules, and the costliest rules: CPU time of the thread each rule ran in
(``time.thread_time``), so a rule run beside the parse is counted too, and so is a rule's
``prepare`` (grammar-check's Harper lints, made beside the parse); Harper's speller runs in a thread
of its own, counted apart (misspelling's questions to it), and so are the costs per 1,000 words.
The first pass carries the speller's suggestion tables, built once per process at the first
unknown word (1.3-1.9 s).
"""
from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def time_prepare_steps(spent: collections.Counter) -> None:
    """Count the CPU time of each default rule's ``prepare`` (``Rule.prepare``: grammar-check's
    Harper lints, misspelling's text pass and speller questions, made beside the parse) in
    ``spent[rule id]``, in the thread it runs in."""
    from copylint import engine
    from copylint.config import Config

    for cls in {type(r) for r in engine.RuleSet(Config()).rules}:
        if "prepare" in cls.__dict__:  # a copylint without Rule.prepare has none
            def timed_prepare(self, article, _prepare=cls.__dict__["prepare"]):
                t = time.thread_time()
                try:
                    return _prepare(self, article)
                finally:
                    spent[self.id] += time.thread_time() - t
            cls.prepare = timed_prepare


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--passes", type=int, default=2)
    ap.add_argument("--top", type=int, default=8)
    args = ap.parse_args()
    folder = ROOT.parent / "shared" / "clean-news"
    files = sorted(str(p) for p in folder.glob("*.txt"))
    if not files:
        raise SystemExit(f"{folder} not found (the product side's data, beside the checkout)")
    from copylint import engine
    from copylint.config import Config
    from copylint.grammar import harper_backend
    from copylint.nlp import get_nlp
    from copylint.readers import load_article

    spent: collections.Counter = collections.Counter()
    check = engine.RuleSet._check

    def timed(self, rule, article, *prepared):
        t = time.thread_time()
        try:
            return check(self, rule, article, *prepared)
        finally:
            spent[rule.id] += time.thread_time() - t

    engine.RuleSet._check = timed
    time_prepare_steps(spent)
    lin = engine.Linter(isolated=True)
    lin.check_text("Warm up: the the council met on Monday,in the hall.", path="w.md")
    texts = [load_article(f, Path(f).read_text(encoding="utf-8")).text for f in files]
    nlp = get_nlp(Config().spacy_model)
    c = time.process_time()
    sum(1 for _ in nlp.pipe(texts, batch_size=32))
    print(f"bare nlp.pipe: {time.process_time() - c:.2f} s CPU ({len(files)} articles)")
    words = sum(len(t.split()) for t in texts)
    for k in range(args.passes):
        spent.clear()
        harper_backend._BACKENDS.clear()
        harper_backend.get_harper(Config().dialect)
        c, speller = time.process_time(), harper_backend.SPELLER_CPU[0]
        lin.check_paths(files)
        spent["(Harper's speller thread)"] = harper_backend.SPELLER_CPU[0] - speller
        print(f"pass {k + 1}: {time.process_time() - c:.2f} s CPU, rules {sum(spent.values()):.2f} s "
              f"({words:,} words; per 1,000 words in ms)")
        for rid, s in spent.most_common(args.top):
            print(f"   {rid:28} {s:.2f} s  {1000 * s / words * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
