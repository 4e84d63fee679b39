#!/usr/bin/env python3
"""list-intruder alone: every finding on clean copy, and what it catches of eval_garble's planted swaps.

    python benchmarks/eval_list_intruder.py DIR_OR_FILE...        # every finding, in context
    python benchmarks/eval_list_intruder.py --planted [--variants 3]

The first form runs the rule alone over the given files (news-corpus, clean-news, the devset, a
folder of news snippets) and prints each finding with its severity, kind and sentence, then the
counts by severity: the clean-copy findings to sort into kinds. ``--planted`` builds the versions
``eval_garble.py`` builds (its spinner, seed and order: ``--variants`` one-swap versions of every
document of news-corpus ``test`` and clean-news, and one with 3 % of its content words swapped)
and counts the swapped words list-intruder covers, by severity. Needs ../shared and the spinner's
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


def listing(paths: list[str]) -> None:
    files = sorted(p for a in paths for p in ([Path(a)] if Path(a).is_file() else Path(a).rglob("*.txt")))
    arts = [load_article(str(p), p.read_text(encoding="utf-8", errors="replace"), "text") for p in files]
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", help="files or folders of .txt articles")
    ap.add_argument("--planted", action="store_true", help="what it catches of eval_garble's planted swaps")
    ap.add_argument("--variants", type=int, default=3, help="with --planted: one-swap versions per document")
    args = ap.parse_args()
    if args.planted:
        planted(args.variants)
    elif args.paths:
        listing(args.paths)
    else:
        ap.error("give files or folders, or --planted")


if __name__ == "__main__":
    main()
