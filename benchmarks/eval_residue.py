#!/usr/bin/env python3
"""Web residue figures: the boilerplate rule on held-apart pages and on clean copy, and the HTML
reader on real pages (needs ../shared).

1. Residue lines, held-apart pages. Each English page of ``web_pages("test")`` (sites the classifier
   never saw) is shown as plain text, every visible block of the page a line (``read_html(...,
   reader_view=False)``, the text one gets by copying a whole page), and checked as a ``.txt`` with
   the ``boilerplate`` rule alone. A line is residue when it is not in the page's true article text
   (``benchmarks/residue_data.py`` says how lines are labelled; the page's own headline and
   standfirst are neither). Prints the share of residue lines reported (recall), by line length and
   by judge (listed phrase or classifier), and the article lines reported.
2. Stray residue in articles: each ``news_corpus("test")`` article with one to three residue lines
   of three words or more from the held-apart pages put among its paragraphs (seeded): the share
   of those lines reported.
3. False alarms on clean copy: boilerplate findings (any severity) per 1,000 words on
   ``clean-news``, on ``news_corpus("test")`` and on the whole news corpus (whose ``train`` part
   the classifier learnt from and whose ``tune`` part set its threshold), with the lines reported.
4. The devset's boilerplate family: every gold line of family ``boilerplate`` reported; and the
   boilerplate findings on the devset's and the samples' clean articles.
5. The HTML reader on the held-apart pages (English, and all): the share of the true article's
   words it reads, and the share of what it reads that is residue (words matched in runs of 4,
   pooled over pages, with the mean per page), against the old rule (inside ``<article>``, else
   ``<main>``, else the whole page).

Usage (from the repository root):  python benchmarks/eval_residue.py [--show 20]
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from residue_data import page_as_text, words  # noqa: E402
from splits import ROOT, SHARED, clean_news, need_shared, news_corpus, web_pages  # noqa: E402

from copylint import readers  # noqa: E402
from copylint.config import Config  # noqa: E402
from copylint.engine import Linter  # noqa: E402

LINTER = Linter(config=Config(select=("boilerplate",)))
SEED = 7


def flagged_lines(text: str) -> dict[int, str]:
    """Line number -> judge ("listed" or "model") of each boilerplate finding in a plain text."""
    out = {}
    for f in LINTER.check_text(text, path="page.txt", fmt="text"):
        for line in range(f.line, f.end_line + 1):
            out[line] = "model" if f.fix is None else "listed"
    return out


def _length(n: int) -> str:
    return "1-2 words" if n <= 2 else "3-5 words" if n <= 5 else "6-12 words" if n <= 12 else "13+ words"


def residue_recall(show: int) -> None:
    hit, tot = Counter(), Counter()
    judges = Counter()
    prose_alarms, prose_words, pages = [], 0, 0
    missed = []
    for rec in web_pages("test"):
        if not rec.get("english"):
            continue
        pages += 1
        text, lines = page_as_text(rec)
        flagged = flagged_lines(text)
        for line in lines:
            no = text.count("\n", 0, line.start) + 1
            if line.label == "residue":
                k = _length(len(line.text.split()))
                tot[k] += 1
                tot["all"] += 1
                if no in flagged:
                    hit[k] += 1
                    hit["all"] += 1
                    judges[flagged[no]] += 1
                else:
                    missed.append(line.text)
            elif line.label == "prose":
                prose_words += len(line.text.split())
                if no in flagged:
                    prose_alarms.append(line.text)
    print(f"1. Residue lines on {pages} held-apart English pages shown as plain text:")
    print(f"   recall {hit['all'] / tot['all']:.3f} ({hit['all']}/{tot['all']} lines; "
          f"{judges['listed']} by a listed phrase, {judges['model']} by the classifier)")
    for k in ("1-2 words", "3-5 words", "6-12 words", "13+ words"):
        print(f"     {k:11} {hit[k] / max(tot[k], 1):.3f} ({hit[k]}/{tot[k]})")
    print(f"   article lines reported: {len(prose_alarms)} ({len(prose_alarms) * 1000 / prose_words:.2f} "
          f"per 1,000 article words, {prose_words} words)")
    for t in prose_alarms[:show]:
        print(f"     prose reported: {t[:110]}")
    random.Random(SEED).shuffle(missed)
    for t in missed[:show]:
        print(f"     residue missed: {t[:110]}")


def stray_recall() -> None:
    rng = random.Random(SEED)
    pool = []
    for rec in web_pages("test"):
        if rec.get("english"):
            pool += [x.text for x in page_as_text(rec)[1] if x.label == "residue" and len(x.text.split()) >= 3]
    pool = sorted(set(pool))
    hit = tot = 0
    for d in news_corpus("test"):
        paras = [p for p in d.text.split("\n\n") if p.strip()]
        inserted = set()
        for _ in range(rng.choice((1, 2, 3))):
            line = rng.choice(pool)
            paras.insert(rng.choice((0, len(paras), rng.randint(0, len(paras)))), line)
        text = "\n\n".join(paras) + "\n"
        lines = text.split("\n")
        for i, x in enumerate(paras):
            if x in pool:
                inserted.add(x)
        flagged = flagged_lines(text)
        for no, line in enumerate(lines, 1):
            if line in inserted:
                tot += 1
                hit += no in flagged
    print(f"2. Stray residue lines (3+ words, from the held-apart pages) put into {sum(1 for _ in news_corpus('test'))} "
          f"news_corpus('test') articles: recall {hit / tot:.3f} ({hit}/{tot})")


def false_alarms(name: str, docs, show: int) -> None:
    n_words = n = 0
    shown = []
    for d in docs:
        text = d.text
        n_words += len(text.split())
        for f in LINTER.check_text(text, path=d.name, fmt="text"):
            n += 1
            line = text.split("\n")[f.line - 1]
            shown.append(f"{d.name}:{f.line}: {line[:100]}")
    print(f"   {name:28} {n:3} findings in {n_words:7} words: {n * 1000 / n_words:.3f} per 1,000")
    for s in shown[:show]:
        print(f"       {s}")


def devset() -> None:
    gold = [json.loads(x) for x in (SHARED / "devset" / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    bp = [g for g in gold if g["family"] == "boilerplate"]
    caught = 0
    for g in bp:
        text = (SHARED / "devset" / g["file"]).read_text(encoding="utf-8")
        caught += g["line"] in flagged_lines(text)
    clean = sorted((SHARED / "devset").glob("*-clean.txt")) + sorted((ROOT / "samples").glob("*clean*"))
    noisy = []
    for path in clean:
        fmt = readers.format_for(path.name)
        fs = LINTER.check_text(path.read_text(encoding="utf-8"), path=path.name, fmt=fmt)
        noisy += [f"{path.name}:{f.line}" for f in fs]
    print(f"4. Devset boilerplate family: {caught}/{len(bp)} caught; boilerplate findings on {len(clean)} clean "
          f"articles (devset and samples, any severity): {len(noisy)} {' '.join(noisy)}")


def _shingle_cover(a: list[str], other: set, n: int = 4) -> int:
    cov = [False] * len(a)
    for i in range(len(a) - n + 1):
        if tuple(a[i:i + n]) in other:
            cov[i:i + n] = [True] * n
    return sum(cov)


def _shingles(a: list[str], n: int = 4) -> set:
    return {tuple(a[i:i + n]) for i in range(len(a) - n + 1)}


def old_rule_text(raw: str) -> str:
    """What the reader read before the reader view: inside <article>, else <main>, else everything."""
    p = readers._HTMLToArticle(raw)
    p.feed(raw)
    p.close()
    p._break()
    text = p.b.text()
    return "\n\n".join(text[b.start:b.end] for b, s in zip(p.blocks, p.scoped) if s or p.scope_tag is None)


def reader(english_only: bool) -> None:
    rows = {"reader view": [], "old rule": []}
    secs = 0.0
    for rec in web_pages("test"):
        if english_only and not rec.get("english"):
            continue
        raw = Path(rec["path"]).read_text(encoding="utf-8")
        truth = words(rec["articleBody"])
        t0 = time.perf_counter()
        new = readers.read_html(rec["file"], raw).text
        secs += time.perf_counter() - t0
        for name, text in (("reader view", new), ("old rule", old_rule_text(raw))):
            got = words(text)
            read = _shingle_cover(truth, _shingles(got))
            residue = len(got) - _shingle_cover(got, _shingles(truth))
            rows[name].append((read, len(truth), residue, len(got)))
    label = "English" if english_only else "all"
    n = len(rows["reader view"])
    for name, r in rows.items():
        read = sum(x[0] for x in r) / sum(x[1] for x in r)
        res = sum(x[2] for x in r) / max(sum(x[3] for x in r), 1)
        m_read = statistics.mean(x[0] / max(x[1], 1) for x in r)
        m_res = statistics.mean(x[2] / max(x[3], 1) for x in r)
        low = sum(x[0] / max(x[1], 1) < 0.9 for x in r)
        print(f"   {label:7} {n:3} pages, {name:11}: article words read {read:.3f} (mean per page {m_read:.3f}, "
              f"{low} pages under 0.9); residue in what it reads {res:.3f} (mean per page {m_res:.3f})")
    print(f"   {label:7} reader view time: {secs / n * 1000:.0f} ms a page")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", type=int, default=12, help="examples of misses and false alarms to print")
    args = ap.parse_args()
    need_shared()
    residue_recall(args.show)
    stray_recall()
    print("3. Boilerplate false alarms on clean copy (every finding there is a false alarm):")
    false_alarms("clean-news", clean_news(), args.show)
    false_alarms("news_corpus('test')", news_corpus("test"), args.show)
    false_alarms("news-corpus, whole", (d for s in ("train", "tune", "test") for d in news_corpus(s)), 0)
    devset()
    print("5. The HTML reader on the held-apart pages:")
    reader(True)
    reader(False)


if __name__ == "__main__":
    main()
