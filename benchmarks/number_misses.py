#!/usr/bin/env python3
"""Where planted figures go: for each figure ``eval_consistency.py`` plants (the same planting, the
same seeds), what ``number-mismatch`` does with it, in buckets (needs ../shared, and the planting's
``pip install breame gender-guesser`` and ``apt-get install scowl``).

A diagnosis, not a score: it reads the rule's internals (the mentions, the pairs, the filters) to say
why a plant is missed or held at info. The buckets:

- ``warning`` / ``info``: caught at that level (by the pair path or the count-of-people path);
- ``not-a-quantity``: the changed figure is no mention the rule reads (a range, a year, a bare figure);
- ``twin-not-read``: its twin (a mention of the old value) is no mention of the same unit;
- ``one-sentence``: the twin is in the same sentence (figures in one sentence are comparisons);
- ``blocked``: the changed figure or its twin opens a range or a comparison;
- ``rounding``: the two values read as a rounded figure beside the exact one;
- ``two-quantities``: the words say outright they are two (other years, named subjects, kinds);
- ``scored-below-info``: the pair was scored, below the info threshold.

Usage (from the repository root):
    python benchmarks/number_misses.py [--sets tune,web] [--seed 9] [--rounds 3] [--apart 3] [--verbose] [--cache DIR]
                                       [--model FILE]
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT))

import eval_consistency as ev  # noqa: E402


def docs_for(set_name: str) -> list:
    """The documents of a set: the benchmark's (test, clean, tune, train) or ``web``, the true article
    text of the English web pages, which the slip model's calibration reads (for development: plant
    there and on tune with another seed, never tune on the report sets' plants)."""
    if set_name == "web":
        from train_same_quantity import calibration_docs

        return calibration_docs("web-pages")
    return ev.docs_for(set_name)


def planted_copies(set_name: str, seed: int, rounds: int, apart: int = 0):
    """(document, planted text, number plant) exactly as eval_consistency plants them; with ``apart``,
    only the figures planted apart from the slip model's training (that many rounds)."""
    docs = docs_for(set_name)
    copies = []
    if not apart:
        rng = random.Random(f"{seed}:{set_name}")
        copies = [(d, *ev.plant(d.text, rng)) for d in docs]
        for r in range(1, rounds):
            rng = random.Random(f"{seed}:{set_name}:{r}")
            copies += [(d, *ev.plant(d.text, rng, (ev.plant_number,))) for d in docs]
    seen = set()
    for r in range(apart):
        rng = random.Random(f"{seed}:{set_name}:apart:{r}")
        for d in docs:
            text, plants = ev.plant(d.text, rng, (ev.plant_number_apart,))
            if text not in seen:
                seen.add(text)
                copies.append((d, text, plants))
    for d, text, plants in copies:
        for p in plants:
            if p.family == "consistency-number":
                yield d, text, p


def bucket(art, p, rule) -> str:
    from copylint.checks.consistency import numbers, same_quantity

    found = [f for f in rule.check(art) if ev._overlaps(f, p)]
    if found:
        return "warning" if any(f.severity >= rule.severity for f in found) else "info"
    allq = numbers.quantities(art.doc)
    mine = [q for q in allq if q.start < p.end and p.start < q.end]
    if not mine:
        return "not-a-quantity"
    q = mine[0]
    old = p.old.replace(",", "")
    twins = [r for r in allq if r is not q and r.unit == q.unit and r.value != q.value
             and (old in art.text[r.start:r.end].replace(",", "") or p.kind == "scale")]
    if not twins:
        return "twin-not-read"
    tw = twins[0]
    if q.blocked or tw.blocked:
        return "blocked"
    if numbers._one_sentence(q, tw):
        return "one-sentence"
    qs = [r for r in allq if not r.blocked]
    same_quantity.describe(qs, art, numbers._attribution)
    if numbers._close(q, tw):
        return "rounding"
    if numbers._two_quantities(q, tw):
        return "two-quantities"
    return "scored-below-info"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default="tune", help="comma-separated: tune, web, train, test, clean")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--apart", type=int, default=0, metavar="ROUNDS",
                    help="diagnose the figures planted apart from the slip model's training instead")
    ap.add_argument("--verbose", action="store_true", help="list each plant that is not caught at warning")
    ap.add_argument("--cache", type=Path, help="a folder to keep the planted copies' parses in between runs")
    ap.add_argument("--model", type=Path, help="score with this pair model (a retrained rules/same_quantity.json)")
    args = ap.parse_args()
    from train_same_quantity import articles

    if args.model is not None:
        ev.use_model(args.model)

    from copylint.checks.consistency.numbers import NumberMismatch
    from copylint.config import Config

    rule = NumberMismatch(Config())
    for set_name in args.sets.split(","):
        items = list(planted_copies(set_name, args.seed, args.rounds, args.apart))
        docs = [SimpleNamespace(name=d.name, group=getattr(d, "group", ""), text=text) for d, text, _ in items]
        buckets, kinds = Counter(), defaultdict(Counter)
        split = f"plants-{set_name}-{args.seed}-{args.rounds}-{args.apart}"
        for (d, text, p), (_, _, art) in zip(items, articles(docs, args.cache, split)):
            b = bucket(art, p, rule)
            buckets[b] += 1
            kinds[b][p.kind] += 1
            if args.verbose and b != "warning":
                print("  ", b, d.name, p.kind, f"{p.old} -> {p.new}",
                      art.text[max(0, p.start - 60):p.end + 40].replace("\n", " "), sep=" | ")
        print(f"{set_name}: {sum(buckets.values())} planted figures")
        for b, n in buckets.most_common():
            print(f"  {b:18} {n:4}  " + " ".join(f"{k} {v}" for k, v in sorted(kinds[b].items())))


if __name__ == "__main__":
    main()
