#!/usr/bin/env python3
"""Where planted names and spellings go: for each misspelt name and switched spelling that
``eval_consistency.py`` plants (the same planting), what ``name-variant`` and ``spelling-variant``
do with it, with the reason for each miss (needs ../shared, and the planting's ``pip install breame
gender-guesser`` and ``apt-get install scowl``). Development data: plant on ``tune`` or ``train``
with several seeds, never diagnose the report sets' plants.

A diagnosis, not a score: it reads the rules' internals to say why a plant is missed.

- names: ``warning``/``info`` (caught at that level), ``not-a-token`` (the slip is no capitalised
  word the rule reads), ``not-paired`` (no other form one edit apart in the article), ``known``
  (the slip is a word or name in use), ``different-people`` (first names, titles or roles differ),
  ``family-form``, ``short``;
- spellings: ``warning``/``info``, ``not-in-table`` (copylint's table lacks the word),
  ``name`` (read as part of a name), ``dual-context`` (a word right in both dialects that the
  context did not make American), ``variant`` (the other dialect accepts it), ``undecided`` (the
  article's dialect is not decided), ``other-dialect`` (decided the other way), ``ize`` (-ise/-ize
  left alone).

Usage (from the repository root):
    python benchmarks/name_spelling_misses.py [--sets tune] [--seeds 1,2,3] [--cache DIR] [--verbose]
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

import eval_consistency as ev  # noqa: E402


def articles(texts: list[str], cache: Path | None):
    """The texts read and parsed as copylint reads them (plain text); parses kept in ``cache``."""
    from spacy.tokens import DocBin

    from copylint.config import Config
    from copylint.nlp import get_nlp, parse
    from copylint.readers import load_article

    nlp = get_nlp(Config().spacy_model)
    arts = [load_article(f"d{i}.txt", t, "text") for i, t in enumerate(texts)]
    keys = [hashlib.sha1(a.text.encode()).hexdigest()[:16] for a in arts]
    todo = []
    for i, (a, k) in enumerate(zip(arts, keys)):
        path = cache / f"{k}.spacy" if cache else None
        if path and path.exists():
            a.doc = next(iter(DocBin().from_disk(path).get_docs(nlp.vocab)))
        else:
            todo.append(i)
    if todo:
        docs = parse(nlp, [arts[i].text for i in todo], frozenset({"tagger", "parser", "ner"}),
                     block_starts=[[b.start for b in arts[i].blocks] for i in todo])
        for i, d in zip(todo, docs):
            arts[i].doc = d
            if cache:
                cache.mkdir(parents=True, exist_ok=True)
                db = DocBin(attrs=["ORTH", "TAG", "POS", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA",
                                   "SENT_START", "NORM", "MORPH"])
                db.add(d)
                db.to_disk(cache / f"{keys[i]}.spacy")
    return arts


def name_bucket(art, p, rule) -> str:
    from copylint.checks.consistency import names as N

    found = [f for f in rule.check(art) if ev._overlaps(f, p)]
    if found:
        return "warning" if any((f.severity or rule.severity) >= rule.severity for f in found) else "info"
    toks = [t for t in N.name_tokens(art) if t.start < p.end and p.start < t.end]
    if not toks:
        return "not-a-token"
    forms = {t.form for t in N.name_tokens(art)}
    new = toks[0].form
    near = [f for f in forms if f != new and f.lower()[0] == new.lower()[0] and N._damerau(f.lower(), new.lower()) == 1]
    if not near:
        return "not-paired"
    if any(N._family_form(new.lower(), f.lower()) for f in near):
        return "family-form"
    if N.zipf(new) >= N.UNKNOWN_ZIPF:
        return f"known (zipf {N.zipf(new):.1f})"
    return "other"


def spelling_bucket(art, p, rule, config) -> str:
    from copylint.checks.consistency import spelling as S

    found = [f for f in rule.check(art) if ev._overlaps(f, p)]
    if found:
        return "warning" if any((f.severity or rule.severity) >= rule.severity for f in found) else "info"
    table = S.variants()
    low = p.new.lower()
    if low not in table.british and low not in table.american:
        return "not-in-table"
    sp = S.dialect_spellings(art)
    mine = [s for s in sp if s.start < p.end and p.start < s.end]
    if not mine:
        tok = next((t for t in art.doc if t.idx < p.end and p.start < t.idx + len(t)), None)
        if tok is not None and S._is_name(tok):
            return "name"
        kind = table.kind.get(low, "")
        return "dual-context" if kind == "dual" else "dropped"
    s = mine[0]
    if s.kind == "variant":
        return "variant"
    if s.axis == "ize":
        return "ize"
    d = S.article_dialect(sp, config.dialect)
    if not d:
        return "undecided"
    if d == s.dialect:
        return "other-dialect"
    return "other"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default="tune", help="comma-separated: tune, train (development sets)")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--cache", type=Path, help="a folder to keep the planted copies' parses in between runs")
    ap.add_argument("--verbose", action="store_true", help="list every miss")
    ap.add_argument("--alarms", action="store_true",
                    help="instead: list the two rules' warnings on the untouched documents of the sets")
    args = ap.parse_args()
    from copylint.checks.consistency.names import NameVariant
    from copylint.checks.consistency.spelling import SpellingVariant
    from copylint.config import Config

    config = Config()
    rules = {"consistency-name": NameVariant(config), "consistency-spelling": SpellingVariant(config)}
    if args.alarms:
        from copylint.finding import Severity

        n = words = 0
        for set_name in args.sets.split(","):
            docs = ev.docs_for(set_name)
            for d, art in zip(docs, articles([d.text for d in docs], args.cache)):
                words += len(art.text.split())
                for fam, rule in rules.items():
                    for f in rule.check(art):
                        if (f.severity or rule.severity) >= Severity.WARNING:
                            n += 1
                            ctx = art.text[max(0, f.start - 60):f.end + 40].replace("\n", " ")
                            print("   ALARM", fam.split("-")[1], d.name, art.text[f.start:f.end], f.message, ctx, sep=" | ")
        print(f"{n} warnings in {words:,} words ({1000 * n / max(words, 1):.3f} per 1,000)")
        return
    buckets = {f: Counter() for f in rules}
    kinds = {f: Counter() for f in rules}
    caught = {f: Counter() for f in rules}
    misses = []
    for set_name in args.sets.split(","):
        docs = ev.docs_for(set_name)
        for seed in args.seeds.split(","):
            rng = random.Random(f"{seed}:{set_name}")
            copies = [(d, *ev.plant(d.text, rng)) for d in docs]
            copies = [c for c in copies if any(p.family in rules for p in c[2])]
            for (d, text, plants), art in zip(copies, articles([c[1] for c in copies], args.cache)):
                for p in plants:
                    if p.family not in rules:
                        continue
                    rule = rules[p.family]
                    b = name_bucket(art, p, rule) if p.family == "consistency-name" else \
                        spelling_bucket(art, p, rule, config)
                    buckets[p.family][b] += 1
                    kinds[p.family][p.kind] += 1
                    caught[p.family][p.kind] += b == "warning"
                    if b != "warning":
                        ctx = art.text[max(0, p.start - 60):p.end + 60].replace("\n", " ")
                        misses.append((p.family.split("-")[1], b, p.kind, f"{p.old} -> {p.new}", d.name, seed, ctx))
    for fam in rules:
        total = sum(kinds[fam].values())
        print(f"{fam}: {sum(caught[fam].values())}/{total} at warning; by kind: "
              + "  ".join(f"{k} {caught[fam][k]}/{n}" for k, n in sorted(kinds[fam].items())))
        print("   " + "  ".join(f"{b} {n}" for b, n in buckets[fam].most_common()))
    if args.verbose:
        for m in sorted(misses):
            print("   MISS", *m, sep=" | ")


if __name__ == "__main__":
    main()
