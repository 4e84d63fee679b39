#!/usr/bin/env python3
"""What each of name-variant's safeguards costs and buys (needs ../shared; the planting needs what
eval_consistency.py needs): recall at warning level on names planted in news-corpus tune, and
warning-level alarms on the untouched tune and 300 train files, with each safeguard switched off
in turn. Development data only (tune and train).

Usage: python benchmarks/ablate_name_variant.py
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import eval_consistency as E  # noqa: E402
from splits import news_corpus  # noqa: E402

from copylint.checks.consistency import names as N  # noqa: E402
from copylint.config import Config  # noqa: E402
from copylint.finding import Severity  # noqa: E402
from copylint.nlp import get_nlp, parse  # noqa: E402
from copylint.readers import load_article  # noqa: E402


def articles(nlp, texts):
    arts = [load_article(f"d{i}.txt", t, "text") for i, t in enumerate(texts)]
    docs = parse(nlp, [a.text for a in arts], frozenset({"tagger", "parser", "ner"}),
                 block_starts=[[b.start for b in a.blocks] for a in arts])
    for a, d in zip(arts, docs):
        a.doc = d
    return arts


def main() -> None:
    nlp = get_nlp(Config().spacy_model)
    rule = N.NameVariant(Config())
    tune = list(news_corpus("tune"))
    rng = random.Random("9:tune")
    planted = [E.plant(d.text, rng, (E.plant_name,)) for d in tune]
    with_plants = [(a, ps) for a, (_, ps) in zip(articles(nlp, [t for t, _ in planted]), planted) if ps]
    clean_docs = tune + list(news_corpus("train"))[:300]
    untouched = articles(nlp, [d.text for d in clean_docs])
    words = sum(len(d.text.split()) for d in clean_docs)

    def warnings(art):
        return [f for f in rule.check(art) if (f.severity or rule.severity) >= Severity.WARNING]

    def measure(label):
        hit = n = 0
        for art, plants in with_plants:
            found = warnings(art)
            for p in plants:
                n += 1
                hit += any(E._overlaps(f, p) for f in found)
        alarms = sum(len(warnings(art)) for art in untouched)
        print(f"{label:45} recall {hit}/{n} = {hit / n:.2f}   alarms on untouched tune + 300 train files "
              f"{alarms} ({1000 * alarms / words:.3f} per 1,000 words, {words:,} words)")

    measure("as built")
    saved = N._family_form
    N._family_form = lambda a, b: False
    measure("without family/plural/demonym forms")
    N._family_form = saved
    saved = N._different_people
    N._different_people = lambda *a: False
    measure("without first names/titles/roles")
    N._different_people = saved
    saved = (N.KNOWN_ZIPF, N.UNKNOWN_ZIPF)
    N.KNOWN_ZIPF = N.UNKNOWN_ZIPF = 99
    measure("without the wordfreq gates")
    N.KNOWN_ZIPF, N.UNKNOWN_ZIPF = saved
    saved = N.RARE_ZIPF
    N.RARE_ZIPF = 0
    measure("without 'far rarer than a well-known form'")
    N.RARE_ZIPF = saved


if __name__ == "__main__":
    main()
