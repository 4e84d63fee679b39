#!/usr/bin/env python3
"""list-intruder alone: every finding on clean copy, and what it catches of eval_garble's planted swaps.

    python benchmarks/eval_list_intruder.py DIR_OR_FILE...        # every finding, in context
    python benchmarks/eval_list_intruder.py --planted [--variants 3]
    python benchmarks/eval_list_intruder.py --table-swaps 3 [--seed 7] [DIR_OR_FILE...]

The first form runs the rule alone over the given files (news-corpus, clean-news, the devset, a
folder of news snippets) and prints each finding with its severity, kind and sentence, then the
counts by severity: the clean-copy findings to sort into kinds. ``--planted`` builds the versions
``eval_garble.py`` builds (its spinner, seed and order: ``--variants`` one-swap versions of every
document of news-corpus ``test`` and clean-news, and one with 3 % of its content words swapped)
and counts the swapped words list-intruder covers, by severity. ``--table-swaps N`` swaps each member
of every list the noun table reads in the same held-apart documents for N table words of a class
it shares nothing with (a swap the table can see, unlike most of the spinner's) and counts the
level at which the rule reports the swapped word (in the given files instead, if any). Needs ../shared and the spinner's
packages (see eval_garble.py).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "training" / "garble"))

from copylint.config import Config  # noqa: E402
from copylint.engine import Linter  # noqa: E402
from copylint.readers import load_article  # noqa: E402

RULE = "list-intruder"


def context(text: str, f) -> str:
    lo = max(text.rfind("\n", 0, f.start), text.rfind(". ", 0, f.start) + 1, f.start - 160)
    hi = min(x for x in (text.find("\n", f.end), text.find(". ", f.end), f.end + 100) if x >= 0)
    return (text[lo:f.start] + "⟦" + text[f.start:f.end] + "⟧" + text[f.end:hi + 1]).strip()


def files(paths: list[str]) -> list[Path]:
    return sorted(p for a in paths for p in ([Path(a)] if Path(a).is_file() else Path(a).rglob("*.txt")))


def listing(paths: list[str]) -> None:
    arts = [load_article(str(p), p.read_text(encoding="utf-8", errors="replace"), "text") for p in files(paths)]
    cfg = Config(select=(RULE,))
    counts = Counter()
    for a, fs in zip(arts, Linter(config=cfg).check_articles([(a, cfg) for a in arts])):
        for f in fs:
            sev = f.severity.name.lower()
            counts[sev] += 1
            print(f"[{sev}{'.' + f.kind if getattr(f, 'kind', None) else ''}] {a.path}: {context(a.text, f)}\n"
                  f"    -- {f.message}")
    words = sum(a.word_count for a in arts)
    print(f"\n{len(arts)} files, {words} words: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


def planted(variants: int) -> None:
    import corrupt
    from eval_garble import Spinner, covered
    from splits import clean_news, news_corpus

    from copylint.nlp import get_nlp, parse

    cfg = Config(select=(RULE,))
    linter = Linter(config=cfg)
    nlp = get_nlp(cfg.spacy_model)
    spinner = Spinner()
    for name, docs in (("news-corpus test", list(news_corpus("test"))), ("clean-news", list(clean_news()))):
        clean = [load_article(d.name, d.text, "text") for d in docs]
        ones, spuns = [], []
        starts = [[b.start for b in a.blocks] for a in clean]
        for a, doc in zip(clean, parse(nlp, [a.text for a in clean], {"parser", "ner", "lemmatizer"},
                                       block_starts=starts)):
            toks = corrupt.article_tokens(a, doc)
            for _ in range(variants):
                text, spans = spinner.spin(a.text, toks, 1)
                if spans:
                    ones.append((load_article(a.path, text, "text"), spans))
            content = sum(1 for t in toks if t[2] in ("NOUN", "VERB", "ADJ", "ADV"))
            text, spans = spinner.spin(a.text, toks, max(1, round(0.03 * content)))
            if spans:
                spuns.append((load_article(a.path, text, "text"), spans))
        for what, versions in (("one-swap", ones), ("3% spun", spuns)):
            res = linter.check_articles([(a, cfg) for a, _ in versions])
            warn = sum(covered(fs, spans, {"warning", "error"}) for (_, spans), fs in zip(versions, res))
            info = sum(covered(fs, spans, {"info"}) for (_, spans), fs in zip(versions, res))
            other = sum(1 for (_, spans), fs in zip(versions, res) for f in fs if not covered([f], spans, {
                "warning", "error", "info"}))
            print(f"{name}, {what}: {len(versions)} versions; a swap covered at warning in {warn}, at info in "
                  f"{info}; findings on no swap {other}")
            for (a, spans), fs in zip(versions, res):
                for f in fs:
                    if covered([f], spans, {"warning", "error", "info"}):
                        print(f"    [{f.severity.name.lower()}] {a.path}: {context(a.text, f)}")


def table_swaps(per: int, seed: int, paths: list[str]) -> None:
    """Swap one member of every list the noun table reads in the held-apart copy for a table word of
    a class it shares nothing with, and say at which level the rule reports the swapped word."""
    import random

    from lemminflect import getInflection
    from splits import clean_news, news_corpus

    from copylint.checks.garble import conjuncts, list_heads, member_lemma, noun_classes
    from copylint.nlp import get_nlp, parse

    classes = noun_classes()
    pool = sorted(w for w in classes.tags if " " not in w and w not in classes.agent)
    rng = random.Random(seed)
    cfg = Config(select=(RULE,))
    linter = Linter(config=cfg)
    nlp = get_nlp(cfg.spacy_model)
    docs = [p.read_text(encoding="utf-8", errors="replace") for p in files(paths)] if paths else [d.text for d in (*news_corpus("test"), *clean_news())]
    versions = []  # (sentence with one member swapped, (start, end) of the swap, "old→new")
    for doc in parse(nlp, docs, {"parser", "lemmatizer"}):
        for head in list_heads(doc):
            members = conjuncts(head)
            if len(members) < 3 or any(m.pos_ != "NOUN" or m.ent_type_ for m in members):
                continue
            tags = [classes.lookup(member_lemma(m)) for m in members]
            if any(t is None for t in tags) or any(member_lemma(m) in classes.agent for m in members):
                continue
            sent = head.sent
            for m, t in zip(members, tags):
                far = [w for w in pool if not classes.lookup(w) & t]
                for w in rng.sample(far, min(per, len(far))):
                    new = (getInflection(w, "NNS") or (w + "s",))[0] if m.tag_ == "NNS" else w
                    s = m.idx - sent.start_char
                    text = sent.text[:s] + new + sent.text[s + len(m.text):]
                    versions.append((text, (s, s + len(new)), f"{m.text}→{new}"))
    levels = Counter()
    arts = [load_article("swap", text, "text") for text, _, _ in versions]
    for (text, (s, e), what), fs in zip(versions, linter.check_articles([(a, cfg) for a in arts])):
        hit = [f for f in fs if f.start < e and s < f.end]
        level = hit[0].severity.name.lower() + (f".{hit[0].kind}" if hit[0].kind else "") if hit else "none"
        levels[level] += 1
        if level.startswith("info"):
            print(f"  [{level}] {what}: {text.strip()}")
    print(f"{len(versions)} swapped lists (one member of a list the table reads, for a word of a class it shares "
          f"nothing with): " + ", ".join(f"{k} {v}" for k, v in sorted(levels.items())))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", help="files or folders of .txt articles")
    ap.add_argument("--planted", action="store_true", help="what it catches of eval_garble's planted swaps")
    ap.add_argument("--variants", type=int, default=3, help="with --planted: one-swap versions per document")
    ap.add_argument("--table-swaps", type=int, metavar="N",
                    help="swap each member of the lists the table reads for N table words of another class")
    ap.add_argument("--seed", type=int, default=7, help="with --table-swaps")
    args = ap.parse_args()
    if args.table_swaps:
        table_swaps(args.table_swaps, args.seed, args.paths)
    elif args.planted:
        planted(args.variants)
    elif args.paths:
        listing(args.paths)
    else:
        ap.error("give files or folders, or --planted")


if __name__ == "__main__":
    main()
