#!/usr/bin/env python3
"""Development reading of the boilerplate rule on residue pasted into tune articles (needs ../shared).

Each line of ``benchmarks/residue_dev.tsv`` (written by hand before the line-alone judge was
scored, never trained on) is pasted into three ``news_corpus("tune")`` articles (at the top,
between paragraphs, at the end; bylines between paragraphs only). Prints the share reported, by
kind, and the lines missed; then the boilerplate findings on the tune articles themselves. The
figures to report are ``eval_residue.py``'s, on held-apart data; this one is for building.

Usage (from the repository root):  python benchmarks/dev_residue.py
"""
from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_residue import POSITIONS, _paragraphs, _pasted_texts, _rate, flagged_many  # noqa: E402
from splits import need_shared, news_corpus  # noqa: E402

DEV = Path(__file__).resolve().parent / "residue_dev.tsv"


def main() -> None:
    need_shared()
    entries = [x.split("\t", 1) for x in DEV.read_text(encoding="utf-8").splitlines()
               if x.strip() and not x.startswith("#")]
    hosts = list(news_corpus("tune"))
    items, meta = [], []
    for j, (kind, line) in enumerate(entries):
        for k, where in enumerate(POSITIONS):
            host = hosts[(j * 3 + k) * 5 % len(hosts)]
            items.append((_paragraphs(host.text), [(line, "between" if kind == "byline" else where)]))
            meta.append((kind, where))
    hit, tot, missed = Counter(), Counter(), []
    texts = list(_pasted_texts(items, random.Random(3)))
    for (text, ours, _), flagged, (kind, where) in zip(texts, flagged_many([t for t, _, _ in texts]), meta):
        [(no, _)] = ours.items()
        for key in ("all", kind, "pos:" + where):
            tot[key] += 1
            hit[key] += no in flagged
        if no not in flagged:
            missed.append(f"{where:7} {text.split(chr(10))[no - 1]}")
    print(f"dev list ({len(entries)} lines, 3 tune articles each): recall {_rate(hit, tot, 'all')}")
    print("   " + ", ".join(f"{k} {_rate(hit, tot, k)}" for k in sorted(tot) if k != "all"))
    for m in missed:
        print(f"   missed: {m}")
    texts = [d.text for d in hosts]
    words = sum(len(t.split()) for t in texts)
    alarms = [(d.name, lines) for d, lines in zip(hosts, flagged_many(texts)) if lines]
    n = sum(len(x) for _, x in alarms)
    print(f"tune articles: {n} lines reported in {words} words ({n * 1000 / words:.3f} per 1,000)")
    for name, lines in alarms:
        text = next(d.text for d in hosts if d.name == name).split("\n")
        for no in lines:
            print(f"   {name}:{no}: {text[no - 1][:100]}")


if __name__ == "__main__":
    main()
