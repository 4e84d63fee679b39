#!/usr/bin/env python3
"""Web residue figures: the boilerplate rule on held-apart pages, on residue pasted into clean
articles, on a held-out list of residue lines and on clean copy, and the HTML reader on real pages
(needs ../shared).

1. Residue lines, held-apart pages. Each English page of ``web_pages("test")`` (sites the classifier
   never saw) is shown as plain text, every visible block of the page a line (``read_html(...,
   reader_view=False)``, the text one gets by copying a whole page), and checked as a ``.txt`` with
   the ``boilerplate`` rule alone. A line is residue when it is not in the page's true article text
   (``benchmarks/residue_data.py`` says how lines are labelled; the page's own headline and
   standfirst are neither). Prints the share of residue lines reported (recall), by line length,
   by kind and by judge (listed phrase or classifier), and the article lines reported.
2. Residue pasted into articles: every ``news_corpus("test")`` and ``clean-news`` article, twice,
   with one to three residue lines of the held-apart pages (drawn from their distinct residue
   lines) put in as paragraphs at the top, between paragraphs or at the end (a byline or a
   timestamp only between paragraphs of the body, never right under the headline: at the top, under
   the headline or at the end of an article it is in place). Prints
   the share of those lines reported, by position, kind and length, and the article lines reported
   in those texts.
3. The held-out list ``benchmarks/residue_heldout.tsv`` (residue lines written by hand before any
   score was seen, never trained or tuned on): each line put into three articles of ``clean-news``
   and ``news_corpus("test")`` (at the top, between paragraphs, at the end; bylines between
   paragraphs only). Prints the share reported, by kind and by judge.
4. False alarms on clean copy: boilerplate findings (any severity) per 1,000 words on
   ``clean-news``, on ``news_corpus("test")`` and on the whole news corpus (whose ``train`` part
   the classifier learnt from and whose ``tune`` part set its thresholds), with the lines reported.
5. The devset's boilerplate family: every gold line of family ``boilerplate`` reported; and the
   boilerplate findings on the devset's and the samples' clean articles.
6. The HTML reader on the held-apart pages (English, and all): the share of the true article's
   words it reads, and the share of what it reads that is residue (words matched in runs of 4,
   pooled over pages, with the mean per page), against the old rule (inside ``<article>``, else
   ``<main>``, else the whole page).

Usage (from the repository root):  python benchmarks/eval_residue.py [--show 12] [--held-apart]
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

from residue_data import KINDS, page_as_text, page_titles, residue_kind, words  # noqa: E402
from splits import ROOT, SHARED, clean_news, need_shared, news_corpus, web_pages  # noqa: E402

from copylint import readers  # noqa: E402
from copylint.config import Config  # noqa: E402
from copylint.engine import Linter  # noqa: E402

CFG = Config(select=("boilerplate",))
LINTER = Linter(config=CFG)
SEED = 7
HELDOUT = Path(__file__).resolve().parent / "residue_heldout.tsv"
POSITIONS = ("top", "between", "end")


def flagged_many(texts: list[str]) -> list[dict[int, str]]:
    """For each plain text: line number -> judge ("listed" or "model") of each boilerplate finding."""
    arts = [(readers.load_article(f"t{i}.txt", t, "text"), CFG) for i, t in enumerate(texts)]
    out = []
    for findings in LINTER.check_articles(arts):
        lines: dict[int, str] = {}
        for f in findings:
            for line in range(f.line, f.end_line + 1):
                lines[line] = "model" if f.fix is None else "listed"
        out.append(lines)
    return out


def flagged_lines(text: str) -> dict[int, str]:
    return flagged_many([text])[0]


def _length(n: int) -> str:
    return "1-2 words" if n <= 2 else "3-5 words" if n <= 5 else "6-12 words" if n <= 12 else "13+ words"


def _rate(hit: Counter, tot: Counter, key: str) -> str:
    return f"{hit[key] / max(tot[key], 1):.3f} ({hit[key]}/{tot[key]})"


def residue_recall(show: int) -> list[str]:
    """Section 1; returns the held-apart pages' distinct residue lines (the pool of section 2)."""
    hit, tot = Counter(), Counter()
    judges = Counter()
    prose_alarms, prose_words, pages = [], 0, 0
    missed = []
    pool: set[str] = set()
    recs = [r for r in web_pages("test") if r.get("english")]
    shown = [page_as_text(r) for r in recs]
    for (text, lines), flagged in zip(shown, flagged_many([t for t, _ in shown])):
        pages += 1
        for line in lines:
            no = text.count("\n", 0, line.start) + 1
            if line.label == "residue":
                pool.add(line.text)
                keys = ["all", _length(len(line.text.split())), "kind:" + residue_kind(line.text)]
                for k in keys:
                    tot[k] += 1
                if no in flagged:
                    for k in keys:
                        hit[k] += 1
                    judges[flagged[no]] += 1
                else:
                    missed.append(line.text)
            elif line.label == "prose":
                prose_words += len(line.text.split())
                if no in flagged:
                    prose_alarms.append(line.text)
    print(f"1. Residue lines on {pages} held-apart English pages shown as plain text:")
    print(f"   recall {_rate(hit, tot, 'all')}; {judges['listed']} by a listed phrase, "
          f"{judges['model']} by the classifier")
    for k in ("1-2 words", "3-5 words", "6-12 words", "13+ words"):
        print(f"     {k:11} {_rate(hit, tot, k)}")
    print("     by kind: " + ", ".join(f"{k} {_rate(hit, tot, 'kind:' + k)}" for k in KINDS))
    print(f"   article lines reported: {len(prose_alarms)} ({len(prose_alarms) * 1000 / prose_words:.2f} "
          f"per 1,000 article words, {prose_words} words)")
    rng = random.Random(SEED)
    rng.shuffle(prose_alarms)
    for t in prose_alarms[:show]:
        print(f"     prose reported: {t[:110]}")
    rng.shuffle(missed)
    for t in missed[:show]:
        print(f"     residue missed: {t[:110]}")
    return sorted(pool)


def _hosts() -> list:
    return list(news_corpus("test")) + list(clean_news())


def _pasted_texts(items: list[tuple[list[str], list[tuple[str, str]]]], rng: random.Random):
    """Texts of articles (their paragraphs) with lines put in: per item (paragraphs,
    [(line, where, kind)]); yields (text, {line number: index of the put-in line in the item's list},
    line numbers of the article's own lines)."""
    for paras, puts in items:
        paras = [(p, None) for p in paras]
        for k, (line, where, kind) in enumerate(puts):
            # between paragraphs: after the first (a news-corpus article's first is its headline), and a
            # byline or a timestamp after the second (right under the headline it is in place)
            low = 2 if kind == "byline" and len(paras) > 2 else 1
            at = 0 if where == "top" else len(paras) if where == "end" else rng.randint(low, max(low, len(paras) - 1))
            paras.insert(at, (line, k))
        text, no, ours, own = [], 1, {}, []
        for p, k in paras:
            n = p.count("\n") + 1
            if k is not None:
                ours[no] = k
            else:
                own += [no + j for j, x in enumerate(p.split("\n")) if x.strip()]
            text.append(p)
            no += n + 1
        yield "\n\n".join(text) + "\n", ours, own


def _paragraphs(text: str) -> list[str]:
    return [p.strip("\n") for p in text.split("\n\n") if p.strip()]


def _where(kind: str, rng: random.Random) -> str:
    return "between" if kind == "byline" else rng.choice(POSITIONS)


def pasted_recall(pool: list[str], show: int) -> None:
    rng = random.Random(SEED)
    hosts = _hosts()
    items, meta = [], []
    for _ in range(2):
        for d in hosts:
            puts = []
            for _ in range(rng.choice((1, 2, 3))):
                line = rng.choice(pool)
                kind = residue_kind(line)
                puts.append((line, _where(kind, rng), kind))
            items.append((_paragraphs(d.text), puts))
            meta.append(puts)
    hit, tot = Counter(), Counter()
    own_alarms, own_words, missed = [], 0, []
    texts = list(_pasted_texts(items, rng))
    for (text, ours, own), flagged, puts in zip(texts, flagged_many([t for t, _, _ in texts]), meta):
        for no, k in ours.items():
            line, where, kind = puts[k]
            keys = ["all", "pos:" + where, "kind:" + kind, f"{where}:{kind}", _length(len(line.split()))]
            for key in keys:
                tot[key] += 1
                hit[key] += no in flagged
            if no not in flagged:
                missed.append(line)
        lines = text.split("\n")
        own_words += sum(len(lines[n - 1].split()) for n in own)
        own_alarms += [lines[n - 1] for n in own if n in flagged]
    macro = statistics.mean(hit["kind:" + k] / tot["kind:" + k] for k in KINDS if tot["kind:" + k])
    print(f"2. Residue lines of the held-apart pages pasted into {len(hosts)} articles (news_corpus('test') "
          f"and clean-news), twice: recall {_rate(hit, tot, 'all')}; mean over kinds {macro:.3f}")
    print("     by position: " + ", ".join(f"{p} {_rate(hit, tot, 'pos:' + p)}" for p in POSITIONS))
    print("     by kind: " + ", ".join(f"{k} {_rate(hit, tot, 'kind:' + k)}" for k in KINDS))
    for p in POSITIONS:
        print(f"     {p}, by kind: " + ", ".join(f"{k} {_rate(hit, tot, f'{p}:{k}')}" for k in KINDS if tot[f"{p}:{k}"]))
    print("     by length: " + ", ".join(f"{k} {_rate(hit, tot, k)}" for k in
                                        ("1-2 words", "3-5 words", "6-12 words", "13+ words")))
    print(f"   the articles' own lines reported: {len(own_alarms)} ({len(own_alarms) * 1000 / own_words:.3f} "
          f"per 1,000 words)")
    for t in own_alarms[:show]:
        print(f"     article line reported: {t[:110]}")
    random.Random(SEED).shuffle(missed)
    for t in missed[:show]:
        print(f"     pasted residue missed: {t[:110]}")


def heldout_recall(show: int) -> None:
    entries = [x.split("\t", 1) for x in HELDOUT.read_text(encoding="utf-8").splitlines()
               if x.strip() and not x.startswith("#")]
    rng = random.Random(SEED + 1)
    hosts = _hosts()
    items, meta = [], []
    j = 0
    for kind, line in entries:
        for where in POSITIONS:
            items.append((_paragraphs(hosts[j % len(hosts)].text), [(line, "between" if kind == "byline" else where, kind)]))
            meta.append(kind)
            j += 7
    hit, tot, judges = Counter(), Counter(), Counter()
    missed = []
    texts = list(_pasted_texts(items, rng))
    for (text, ours, _), flagged, kind in zip(texts, flagged_many([t for t, _, _ in texts]), meta):
        [(no, _)] = ours.items()
        for key in ("all", kind):
            tot[key] += 1
            hit[key] += no in flagged
        if no in flagged:
            judges[flagged[no]] += 1
        else:
            missed.append(text.split("\n")[no - 1])
    kinds = sorted({k for k, _ in entries}, key=lambda k: KINDS.index(k) if k in KINDS else 99)
    print(f"3. Held-out residue list ({len(entries)} lines written by hand, each pasted into 3 articles): "
          f"recall {_rate(hit, tot, 'all')}; {judges['listed']} by a listed phrase, {judges['model']} by "
          "the classifier")
    print("     by kind: " + ", ".join(f"{k} {_rate(hit, tot, k)}" for k in kinds))
    for t in sorted(set(missed))[:show]:
        print(f"     missed: {t[:110]}")


def false_alarms(name: str, docs, show: int) -> None:
    docs = list(docs)
    texts = [d.text for d in docs]
    n_words = sum(len(t.split()) for t in texts)
    shown = []
    for d, text, flagged in zip(docs, texts, flagged_many(texts)):
        lines = text.split("\n")
        shown += [f"{d.name}:{no}: {lines[no - 1][:100]}" for no in sorted(flagged)]
    n = len(shown)
    print(f"   {name:28} {n:3} lines reported in {n_words:7} words: {n * 1000 / n_words:.3f} per 1,000")
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
    print(f"5. Devset boilerplate family: {caught}/{len(bp)} caught; boilerplate findings on {len(clean)} clean "
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
    """Section 6. Residue is counted twice: every word not in the true article text, and without
    the page's own headline and standfirst (the benchmark's article text leaves them out; a reader
    view shows them, and they are not residue)."""
    rows = {"reader view": [], "old rule": []}
    secs = 0.0
    for rec in web_pages("test"):
        if english_only and not rec.get("english"):
            continue
        raw = Path(rec["path"]).read_text(encoding="utf-8")
        truth = words(rec["articleBody"])
        titles = page_titles(raw)
        t0 = time.perf_counter()
        new = readers.read_html(rec["file"], raw).text
        secs += time.perf_counter() - t0
        for name, text in (("reader view", new), ("old rule", old_rule_text(raw))):
            got = words(text)
            read = _shingle_cover(truth, _shingles(got))
            residue = len(got) - _shingle_cover(got, _shingles(truth))
            rest = []   # the words read, without the page's own headline and standfirst
            for block in text.split("\n\n"):
                w = words(block)
                if " ".join(w) not in titles:
                    rest += w
            residue_rest = len(rest) - _shingle_cover(rest, _shingles(truth))
            rows[name].append((read, len(truth), residue, len(got), residue_rest, len(rest)))
    label = "English" if english_only else "all"
    n = len(rows["reader view"])
    for name, r in rows.items():
        read = sum(x[0] for x in r) / sum(x[1] for x in r)
        res = sum(x[2] for x in r) / max(sum(x[3] for x in r), 1)
        res_own = sum(x[4] for x in r) / max(sum(x[5] for x in r), 1)
        m_read = statistics.mean(x[0] / max(x[1], 1) for x in r)
        low = sum(x[0] / max(x[1], 1) < 0.9 for x in r)
        print(f"   {label:7} {n:3} pages, {name:11}: article words read {read:.3f} (mean per page {m_read:.3f}, "
              f"{low} pages under 0.9); residue in what it reads {res_own:.3f} without the page's own "
              f"headline and standfirst, {res:.3f} with them")
    print(f"   {label:7} reader view time: {secs / n * 1000:.0f} ms a page")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", type=int, default=12, help="examples of misses and false alarms to print")
    ap.add_argument("--held-apart", action="store_true",
                    help="leave out the whole news corpus (its train and tune parts built the model; most of the time)")
    args = ap.parse_args()
    need_shared()
    pool = residue_recall(args.show)
    pasted_recall(pool, args.show)
    heldout_recall(args.show)
    print("4. Boilerplate false alarms on clean copy (every finding there is a false alarm):")
    false_alarms("clean-news", clean_news(), args.show)
    false_alarms("news_corpus('test')", news_corpus("test"), args.show)
    if not args.held_apart:
        false_alarms("news-corpus, whole", (d for s in ("train", "tune", "test") for d in news_corpus(s)), args.show)
    devset()
    print("6. The HTML reader on the held-apart pages:")
    reader(True)
    reader(False)


if __name__ == "__main__":
    main()
