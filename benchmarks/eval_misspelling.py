#!/usr/bin/env python3
"""misspelling on professional copy: its findings on clean text and its recall of planted slips
(needs ../shared).

- **findings on untouched copy**: every ``misspelling`` finding on the articles of a set, by
  severity, per 1,000 words; ``--list`` prints each in context (to judge: real slip or false);
- **planted slips**: in each article, up to ``--per-article`` common words (lower case, letters only,
  at least five of them, wordfreq Zipf 3.5 or more, not beside a hyphen or an apostrophe) get a
  one-letter slip, all in one copy, at least 40 characters apart: a letter inserted (a random
  one), a letter dropped, two neighbouring letters swapped, a letter doubled (a consonant not
  doubled already). The first letter is never touched, and a slip that makes an English word or a
  name (SCOWL's lists up to size 70, as ``eval_consistency.py`` reads them; Debian ``scowl``) is
  not planted: the planting uses nothing of copylint's. A plant is *caught* when a misspelling
  finding overlaps it; recall is given at warning level and at every level, per kind.

Sets: ``test`` (news-corpus test, held apart), ``clean`` (clean-news, held apart), ``tune`` and
``train`` (news-corpus: for development; tune the rule there only).

Usage (from the repository root; ``apt-get install scowl`` first, a benchmark-only need):
    python benchmarks/eval_misspelling.py [--sets test,clean] [--seed 15] [--per-article 3] [--list] [--misses]
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from eval_consistency import docs_for, english_words, known_names  # noqa: E402

RULE = "misspelling"
KINDS = ("insert", "drop", "swap", "double")
_WORD = re.compile(r"(?<![\w'’-])[a-z]{5,}(?![\w'’-])")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_VOWELS = "aeiou"


@dataclass
class Plant:
    kind: str
    start: int
    end: int
    old: str
    new: str


def slip(word: str, kind: str, rng: random.Random) -> str | None:
    """One slip of ``kind`` in ``word`` (never its first letter), or None when this kind cannot
    make one here or makes an English word or a name."""
    for _ in range(20):
        i = rng.randrange(1, len(word))
        c = word[i]
        if kind == "insert":
            new = word[:i] + rng.choice(_LETTERS) + word[i:]
        elif kind == "drop":
            new = word[:i] + word[i + 1:]
        elif kind == "swap" and i + 1 < len(word) and word[i + 1] != c:
            new = word[:i] + word[i + 1] + c + word[i + 2:]
        elif kind == "double" and c not in _VOWELS and word[i - 1] != c and word[i + 1:i + 2] != c:
            new = word[:i] + c + word[i:]
        else:
            continue
        if new != word and new not in english_words() and new.capitalize() not in known_names():
            return new
    return None


def plant(text: str, rng: random.Random, n: int) -> tuple[str, list[Plant]]:
    """Up to ``n`` slips of common words, at least 40 characters apart, in one copy of ``text``."""
    from wordfreq import zipf_frequency

    spots = [m for m in _WORD.finditer(text) if zipf_frequency(m.group(), "en") >= 3.5]
    rng.shuffle(spots)
    plants: list[Plant] = []
    for m in spots:
        if len(plants) == n:
            break
        if any(p.start - 40 < m.end() and m.start() < p.end + 40 for p in plants):
            continue
        kind = rng.choice(KINDS)
        new = slip(m.group(), kind, rng)
        if new:
            plants.append(Plant(kind, m.start(), m.end(), m.group(), new))
    plants.sort(key=lambda p: p.start)
    shift = 0
    for p in plants:
        p.start += shift
        text = text[:p.start] + p.new + text[p.start + len(p.old):]
        shift += len(p.new) - len(p.old)
        p.end = p.start + len(p.new)
    return text, plants


def findings(texts: list[str]) -> list[list]:
    """misspelling's findings for each text (one linter, articles in batches)."""
    from copylint.config import Config
    from copylint.engine import Linter
    from copylint.readers import load_article

    cfg = Config(select=(RULE,))
    linter = Linter(config=cfg)
    out: list[list] = []
    for i in range(0, len(texts), 16):
        arts = [load_article(f"doc{i + j}.txt", t, "text") for j, t in enumerate(texts[i:i + 16])]
        for art, t in zip(arts, texts[i:i + 16]):
            if art.text != t:  # plain text is read as it is: the plants' offsets hold
                raise SystemExit("an article's text differs from the file's")
        out.extend(linter.check_articles([(a, cfg) for a in arts]))
    return out


def untouched(name: str, docs, listing: bool) -> None:
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    by_sev = Counter()
    for d, text, found in zip(docs, texts, findings(texts)):
        for f in found:
            by_sev[f.severity.name.lower()] += 1
            if listing:
                ctx = (text[max(0, f.start - 50):f.start] + "[[" + text[f.start:f.end] + "]]"
                       + text[f.end:f.end + 40]).replace("\n", " ")
                print(f"   {f.severity.name.lower()[:4]} {d.name[:40]:40} {f.suggestion or '-':14} | {ctx}")
    total = sum(by_sev.values())
    print(f"{name:6} untouched: {total} findings in {words:,} words = {1000 * total / max(words, 1):.2f} per 1,000 "
          f"({', '.join(f'{k} {v}' for k, v in sorted(by_sev.items()))})")


def planted(name: str, docs, seed: int, per_article: int, misses: bool) -> Counter:
    from copylint.finding import Severity

    rng = random.Random(f"{seed}:{name}")
    copies = [(d, *plant(d.text, rng, per_article)) for d in docs]
    tally = Counter()
    for (d, text, plants), found in zip(copies, findings([c[1] for c in copies])):
        for p in plants:
            hits = [f for f in found if f.start < p.end and p.start < f.end]
            warn = any(f.severity >= Severity.WARNING for f in hits)
            for key in ("all", p.kind):
                tally[("planted", key)] += 1
                tally[("any", key)] += bool(hits)
                tally[("warning", key)] += warn
            if misses and not hits:
                ctx = text[max(0, p.start - 50):p.end + 30].replace("\n", " ")
                print(f"   MISS {p.kind:6} {p.old} -> {p.new} | {ctx}")
    print(f"{name:6} planted: caught {tally[('any', 'all')]}/{tally[('planted', 'all')]} at any level "
          f"({tally[('any', 'all')] / max(tally[('planted', 'all')], 1):.3f}), {tally[('warning', 'all')]} at warning; by kind: "
          + "  ".join(f"{k} {tally[('any', k)]}/{tally[('planted', k)]}" for k in KINDS))
    return tally


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default="test,clean", help="comma-separated: test, clean, tune, train")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--per-article", type=int, default=3, help="slips planted in each article (default 3)")
    ap.add_argument("--list", action="store_true", help="list every finding on the untouched copy")
    ap.add_argument("--misses", action="store_true", help="list every planted slip not reported")
    ap.add_argument("--no-plant", action="store_true", help="the untouched copy only")
    ap.add_argument("--no-untouched", action="store_true", help="the planted slips only")
    args = ap.parse_args()
    t0 = time.time()
    total = Counter()
    for name in args.sets.split(","):
        docs = docs_for(name)
        if not args.no_untouched:
            untouched(name, docs, args.list)
        if not args.no_plant:
            total += planted(name, docs, args.seed, args.per_article, args.misses)
    if total:
        print(f"planted recall (all sets): {total[('any', 'all')] / total[('planted', 'all')]:.3f} at any level "
              f"({total[('any', 'all')]}/{total[('planted', 'all')]}), "
              f"{total[('warning', 'all')] / total[('planted', 'all')]:.3f} at warning")
    print(f"({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
