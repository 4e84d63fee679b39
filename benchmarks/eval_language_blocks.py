#!/usr/bin/env python3
"""Paragraphs in another language inside English copy (``copylint.language.block_language``):
how many English blocks are taken for another language (precision), and how many pasted foreign
paragraphs are named and lose their English findings (recall).

    python benchmarks/eval_language_blocks.py english [--show]
        every English text of ../shared (clean-news, mqm-dev, news-corpus all splits, the devset,
        the English web pages' HTML as copylint reads it and their true article text): the blocks
        named another language (each a candidate false naming: --show prints them to read), and
        the cost of judging an article's blocks.
    python benchmarks/eval_language_blocks.py pasted --split train|test [--per-page 30]
        the paragraphs of the true article text of the web pages that are not in English (the
        pages of one half, split by site: benchmarks/splits.py), each pasted into the middle of a
        clean-news article (the hosts in turn): the paragraphs the engine names (by length), and
        the default rules' findings inside the pasted paragraph with ``language-check = "off"``
        (before) and ``"on"`` (after); the findings outside it must be the same either way.
        Thresholds were chosen on ``train``; report ``test``. ``--run 3``: three paragraphs of a
        page pasted together, a foreign passage (its short lines are named beside the long ones).
    python benchmarks/eval_language_blocks.py grid
        how the block thresholds (``language.BLOCK_*``) trade English blocks named (all English
        texts, as ``english``) against the ``train`` half's foreign paragraphs named (as ``pasted``,
        without running the rules): how they were chosen.

news-corpus has no source text in another language (its ``kind=source`` files are English
originals), so the pasted paragraphs come from the web pages alone. Reads ../shared; never run by
the tests.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from splits import SHARED, clean_news, need_shared, site, web_pages  # noqa: E402

from copylint import language  # noqa: E402
from copylint.config import Config  # noqa: E402
from copylint.readers import load_article  # noqa: E402

BUCKETS = ((1, 2), (3, 5), (6, 9), (10, 19), (20, 10**9))


def english_texts():
    """(set, name, path for the reader, text) of every English text of ../shared."""
    shared = need_shared()
    for name in ("clean-news", "mqm-dev", "news-corpus", "devset"):
        for path in sorted((shared / name).glob("*.txt")):
            yield name, path.name, str(path), path.read_text(encoding="utf-8")
    for rec in [*web_pages("train"), *web_pages("test")]:
        if language.other_language(rec["articleBody"]) is not None:
            continue
        yield "web-pages true text", rec["file"], "truth.txt", rec["articleBody"]
        yield "web-pages HTML", rec["file"], str(rec["path"]), rec["path"].read_text(encoding="utf-8", errors="replace")


def english_blocks():
    """(set, name, block text) of every block of the English texts' articles not named whole."""
    for kind, name, path, text in english_texts():
        article = load_article(path, text)
        if language.other_language(article.text) is None:
            for b in article.blocks:
                yield kind, name, article.text[b.start:b.end]


def cmd_grid(args) -> None:
    english = [t for _, _, t in english_blocks()]
    foreign = [p for _, _, p in paragraphs("train", args.per_page)]
    words = [len(language._words(p)) for p in foreign]
    print(f"{len(english)} English blocks; {len(foreign)} foreign paragraphs of the train half, {sum(words)} words")
    print("min count | min share | ratio | English blocks named | foreign paragraphs named | their words")
    for count in (1, 2, 3, 4):
        for share in (0.1, 0.15, 0.2, 0.3):
            for ratio in (1, 2, 3):
                language.BLOCK_MIN_COUNT, language.BLOCK_MIN_SHARE, language.BLOCK_RATIO = count, share, ratio
                false = sum(language.block_language(t) is not None for t in english)
                named = [language.block_language(p) is not None for p in foreign]
                print(f"{count:9} | {share:9} | {ratio:5} | {false:20} | {sum(named):24} | "
                      f"{sum(n for n, k in zip(words, named) if k) / sum(words):.1%}")


def cmd_english(args) -> None:
    per_set: dict[str, Counter] = {}
    spent, judged = 0.0, 0
    for kind, name, path, text in english_texts():
        c = per_set.setdefault(kind, Counter())
        article = load_article(path, text)
        if language.other_language(article.text) is not None:
            c["articles named whole (another language)"] += 1
            continue
        c["articles"] += 1
        c["blocks"] += len(article.blocks)
        t0 = time.perf_counter()
        found = language.other_language_blocks(article.text, article.blocks)
        spent += time.perf_counter() - t0
        judged += 1
        c["blocks named"] += len(found)
        for start, end, lang in found:
            if args.show:
                print(f"{kind}\t{name}\t{language.name(lang)}\t{article.text[start:end][:200]!r}")
    for kind, c in per_set.items():
        print(f"{kind:22} articles {c['articles']:5}  blocks {c['blocks']:6}  named {c['blocks named']:3}"
              f"  (articles named whole: {c['articles named whole (another language)']})")
    print(f"cost: {1000 * spent / max(judged, 1):.2f} ms an article to judge its blocks ({judged} articles)")


def paragraphs(split: str, per_page: int):
    """(site, language of the page, paragraph) of the foreign pages of one half."""
    for rec in web_pages(split):
        lang = language.other_language(rec["articleBody"])
        if lang is None:
            continue
        paras = [p.strip() for p in rec["articleBody"].split("\n") if p.strip()]
        for p in paras[:per_page]:
            yield site(rec["url"]), lang, p


def paste(host: str, paras: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """``paras`` pasted as paragraphs in the middle of ``host``: the text, and the 1-based first
    and last lines of each pasted paragraph."""
    blocks = host.strip("\n").split("\n\n")
    k = len(blocks) // 2
    text = "\n\n".join(blocks[:k]) + "\n\n"
    lines = []
    for para in paras:
        first = text.count("\n") + 1
        lines.append((first, first + para.count("\n")))
        text += para + "\n\n"
    return text + "\n\n".join(blocks[k:]) + "\n", lines


def named_lines(article) -> set[int] | None:
    """The lines the engine took for another language in a checked article (None: all of it)."""
    if not article.other_language_blocks:
        return None if any(n.startswith("reads as") for n in article.notices) else set()
    out: set[int] = set()
    for start, end, _ in article.other_language_blocks:
        line, _, end_line, _ = article.span(start, end)
        out.update(range(line, end_line + 1))
    return out


def cmd_pasted(args) -> None:
    from copylint.engine import Linter
    from copylint.finding import Severity

    hosts = [d.text for d in clean_news()]
    pages: dict[tuple[str, str], list[str]] = {}
    for where, lang, para in paragraphs(args.split, args.per_page):
        pages.setdefault((where, lang), []).append(para)
    items = []  # (site, language, paragraphs, text, their lines): ``--run`` paragraphs of a page together
    for (where, lang), paras in pages.items():
        for k in range(0, len(paras), args.run):
            text, lines = paste(hosts[len(items) % len(hosts)], paras[k:k + args.run])
            items.append((where, lang, paras[k:k + args.run], text, lines))
    linter = Linter()
    found: dict[str, list] = {}
    named: list = []
    for setting in ("off", "on"):
        cfg = Config(language_check=setting)
        arts = [(load_article("pasted.txt", it[3]), cfg) for it in items]
        found[setting] = linter.check_articles(arts)
        if setting == "on":
            named = [named_lines(a) for a, _ in arts]
    by_len: dict[tuple[int, int], Counter] = {b: Counter() for b in BUCKETS}
    by_lang: Counter = Counter()
    inside: dict[str, Counter] = {"off": Counter(), "on": Counter()}
    warned: Counter = Counter()
    outside_changed = 0
    for k, (where, lang, paras, text, lines) in enumerate(items):
        pasted = set().union(*(range(a, b + 1) for a, b in lines))
        for para, (first, _) in zip(paras, lines):
            n = len(language._words(para))
            bucket = next(b for b in BUCKETS if b[0] <= max(n, 1) <= b[1])
            is_named = named[k] is None or first in named[k]
            by_len[bucket]["paragraphs"] += 1
            by_len[bucket]["named"] += is_named
            by_len[bucket]["words"] += n
            by_len[bucket]["named words"] += n * is_named
            by_lang[(lang, is_named)] += 1
        outs = {}
        for setting in ("off", "on"):
            fs = found[setting][k]
            inside[setting].update(f.rule for f in fs if f.line in pasted)
            warned[setting] += sum(f.severity >= Severity.WARNING for f in fs if f.line in pasted)
            outs[setting] = sorted((f.rule, f.line, f.column, f.message) for f in fs if f.line not in pasted)
        outside_changed += outs["off"] != outs["on"]
    print(f"split {args.split}: {sum(len(it[2]) for it in items)} pasted paragraphs from "
          f"{len({it[0] for it in items})} sites, {args.run} a host article ({len(items)} hosts)")
    print("words in the paragraph | paragraphs | named | share of their words named")
    for (lo, hi), c in by_len.items():
        if c["paragraphs"]:
            span = f"{lo}+" if hi > 10**8 else f"{lo}-{hi}"
            print(f"{span:>22} | {c['paragraphs']:10} | {c['named']:5} | {c['named words'] / max(c['words'], 1):.0%}")
    total = sum(c["paragraphs"] for c in by_len.values())
    named = sum(c["named"] for c in by_len.values())
    words = sum(c["words"] for c in by_len.values())
    print(f"{'all':>22} | {total:10} | {named:5} | {sum(c['named words'] for c in by_len.values()) / max(words, 1):.0%}")
    print("by the page's language (named / paragraphs):",
          ", ".join(f"{language.name(lang)} {by_lang[(lang, True)]}/{by_lang[(lang, True)] + by_lang[(lang, False)]}"
                    for lang in sorted({lang for lang, _ in by_lang})))
    for setting, label in (("off", "before (language-check off)"), ("on", "after (on)")):
        c = inside[setting]
        print(f"findings inside the pasted paragraphs, {label}: {sum(c.values())} "
              f"({warned[setting]} at warning or error)  " + json.dumps(dict(c.most_common())))
    print(f"hosts whose findings outside the pasted paragraphs differ between off and on: {outside_changed}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("english")
    e.add_argument("--show", action="store_true", help="print each named block")
    p = sub.add_parser("pasted")
    p.add_argument("--split", choices=("train", "test"), required=True)
    p.add_argument("--per-page", type=int, default=30, help="at most this many paragraphs of a page")
    p.add_argument("--run", type=int, default=1, help="paste this many paragraphs of a page together (a passage)")
    g = sub.add_parser("grid")
    g.add_argument("--per-page", type=int, default=30, help="at most this many paragraphs of a page")
    args = ap.parse_args()
    if not SHARED.is_dir():
        need_shared()
    {"english": cmd_english, "pasted": cmd_pasted, "grid": cmd_grid}[args.cmd](args)


if __name__ == "__main__":
    main()
