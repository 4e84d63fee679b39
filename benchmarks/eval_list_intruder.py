#!/usr/bin/env python3
"""list-intruder alone: every finding on clean copy, and what it catches of eval_garble's planted swaps.

    python benchmarks/eval_list_intruder.py DIR_OR_FILE...        # every finding, in context
    python benchmarks/eval_list_intruder.py --rules month-modifier DIR_OR_FILE...
    python benchmarks/eval_list_intruder.py --planted [--variants 3]
    python benchmarks/eval_list_intruder.py --table-swaps 3 [--seed 7] [DIR_OR_FILE...]
    python benchmarks/eval_list_intruder.py --spun-lists [--sets tune test clean-news] [DIR_OR_FILE...]
    python benchmarks/eval_list_intruder.py --kind-swaps [--sets tune test clean-news] [--seed 21] [--show]

The first form runs the rule alone over the given files (news-corpus, clean-news, the devset, a
folder of news snippets) and prints each finding with its severity, kind and sentence, then the
counts by severity: the clean-copy findings to sort into kinds. ``--planted`` builds the versions
``eval_garble.py`` builds (its spinner, seed and order: ``--variants`` one-swap versions of every
document of news-corpus ``test`` and clean-news, and one with 3 % of its content words swapped)
and counts the swapped words list-intruder covers, by severity. ``--table-swaps N`` swaps each member
of every list the noun table reads in the same held-apart documents for N table words of a class
it shares nothing with (a swap the table can see, unlike most of the spinner's) and counts the
level at which the rule reports the swapped word (in the given files instead, if any).
``--spun-lists`` does the same for the lists the hand table does NOT read whole (those the WordNet
classes may read), each member swapped the way eval_garble's spinner swaps a noun: a MyThes synonym
of another sense, and an unrelated noun of the same frequency (tune on ``tune``, report ``test`` and
``clean-news``); it also counts the rule's findings on those sentences unswapped, and findings on
another word of a swapped sentence (``elsewhere``). Needs ../shared and the spinner's packages (see
eval_garble.py).
``--kind-swaps`` swaps one member of every list of three or more common nouns (every list, read by
the hand table or not) for a noun of another kind, drawn by WordNet alone (nltk over Debian's
``wordnet-base``; never the rule's tables or code): a concrete noun of another lexicographer file
(a food among weapons) or an artifact whose nearest common hypernym with the member is no nearer
than ``artifact`` (a violin among guns is not: both are devices), a person, or an abstract noun (an
attribute, a feeling, a cognition); none of its senses may share a file with any sense of the
other members, its first sense must be its commonest by WordNet's tag counts, its Zipf frequency
within 0.5 of the member's, its number the member's (lemminflect). Each member is swapped once per
kind (one sentence a version). Recall is counted by the list's kind (``concrete`` when every other
member's first sense is in a concrete file, else ``abstract``) and the swap's kind, by severity;
the rule's findings on the same sentences unswapped are the clean side. Develop on ``tune``,
report on ``test`` and ``clean-news``.
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


def listing(paths: list[str], rules: tuple[str, ...] = (RULE,)) -> None:
    arts = [load_article(str(p), p.read_text(encoding="utf-8", errors="replace"), "text") for p in files(paths)]
    cfg = Config(select=rules)
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


def _sentence_swaps(docs: list[str], swaps) -> list[tuple[str, tuple[int, int], str]]:
    """One version of a sentence for each swap of a member of a list of three or more common nouns:
    ``swaps(members, m)`` gives the new words for member ``m`` (inflected like it here)."""
    from copylint.checks.garble import conjuncts, list_heads
    from copylint.config import Config as _Config
    from copylint.nlp import get_nlp, parse

    nlp = get_nlp(_Config().spacy_model)
    versions = []  # (sentence with one member swapped, (start, end) of the swap, "old→new")
    for doc in parse(nlp, docs, {"parser", "lemmatizer"}):
        for head in list_heads(doc):
            members = conjuncts(head)
            if len(members) < 3 or any(m.pos_ != "NOUN" or m.ent_type_ for m in members):
                continue
            sent = head.sent
            for m in members:
                for new in swaps(members, m):
                    s = m.idx - sent.start_char
                    text = sent.text[:s] + new + sent.text[s + len(m.text):]
                    versions.append((text, (s, s + len(new)), f"{m.text}→{new}"))
    return versions


def _levels(versions, show=("info", "warning")) -> Counter:
    """The level (severity.kind) at which the rule reports each version's swapped word; findings on
    another word of a version count as ``elsewhere``."""
    cfg = Config(select=(RULE,))
    levels = Counter()
    arts = [load_article("swap", text, "text") for text, _, _ in versions]
    for (text, (s, e), what), fs in zip(versions, Linter(config=cfg).check_articles([(a, cfg) for a in arts])):
        hit = [f for f in fs if f.start < e and s < f.end]
        level = hit[0].severity.name.lower() + (f".{hit[0].kind}" if hit[0].kind else "") if hit else "none"
        levels[level] += 1
        away = [f for f in fs if not (f.start < e and s < f.end)]
        levels["elsewhere"] += bool(away)
        if level.startswith(show):
            print(f"  [{level}] {what}: {text.strip()}")
        for f in away:
            print(f"  [elsewhere: {f.severity.name.lower()}{'.' + f.kind if f.kind else ''} on "
                  f"'{text[f.start:f.end]}'] {what}: {text.strip()}")
    return levels


def table_swaps(per: int, seed: int, paths: list[str]) -> None:
    """Swap one member of every list the noun table reads in the held-apart copy for a table word of
    a class it shares nothing with, and say at which level the rule reports the swapped word."""
    import random

    from lemminflect import getInflection
    from splits import clean_news, news_corpus

    from copylint.checks.garble import member_lemma, noun_classes

    classes = noun_classes()
    pool = sorted(w for w in classes.tags if " " not in w and w not in classes.agent)
    rng = random.Random(seed)

    def swaps(members, m):
        tags = [classes.lookup(member_lemma(x)) for x in members]
        if any(t is None for t in tags) or any(member_lemma(x) in classes.agent for x in members):
            return []
        t = classes.lookup(member_lemma(m))
        far = [w for w in pool if not classes.lookup(w) & t]
        return [(getInflection(w, "NNS") or (w + "s",))[0] if m.tag_ == "NNS" else w
                for w in rng.sample(far, min(per, len(far)))]

    docs = [p.read_text(encoding="utf-8", errors="replace") for p in files(paths)] if paths else [d.text for d in (*news_corpus("test"), *clean_news())]
    levels = _levels(_sentence_swaps(docs, swaps), show=("info",))
    print(f"{sum(levels.values()) - levels['elsewhere']} swapped lists (one member of a list the table reads, for a "
          f"word of a class it shares nothing with): " + ", ".join(f"{k} {v}" for k, v in sorted(levels.items())))


def spun_lists(sets: list[str], paths: list[str]) -> None:
    """Swap each member of every list the hand table does NOT read whole for what the evaluation's
    spinner puts there (eval_garble's Spinner: a MyThes synonym of another sense, or an unrelated noun
    of the same frequency; one version each), in held-apart documents, and say at which level the
    rule reports the swapped word; the unswapped sentences' findings are the clean side."""
    import lexicon
    from eval_garble import Spinner
    from splits import clean_news, news_corpus

    from copylint.checks.garble import member_lemma, noun_classes

    classes = noun_classes()
    spinner = Spinner()
    clean = []

    def swaps(members, m):
        if all(classes.lookup(member_lemma(x)) is not None for x in members):
            return []  # the hand table reads it whole: --table-swaps measures those
        if m is members[0]:
            sent = m.sent
            clean.append((sent.text, (0, 0), "clean"))
        out = []
        for kind in ("sense", "same"):
            new = getattr(spinner, kind)(m.lemma_.lower(), "NOUN")
            form = new and lexicon.inflect_like(new, m.tag_, m.text)
            if form and form.lower() != m.lower_ and form.isalpha():
                out.append(form)
        return out

    chosen = [(p, [Path(p)]) for p in paths] if paths else [(s, s) for s in sets]
    for name, what in chosen:
        clean.clear()
        if isinstance(what, str):
            docs = [d.text for d in (clean_news() if what == "clean-news" else news_corpus(what))]
        else:
            docs = [p.read_text(encoding="utf-8", errors="replace") for p in files([str(x) for x in what])]
        versions = _sentence_swaps(docs, swaps)
        print(f"== {name}: {len(versions)} swapped members of {len(clean)} lists the hand table does not read whole")
        levels = _levels(versions)
        print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in sorted(levels.items())))
        base = _levels(clean)
        print(f"{name}, the {len(clean)} sentences unswapped: findings "
              + ", ".join(f"{k} {v}" for k, v in sorted(base.items()) if k != "none"))


#: WordNet's concrete lexicographer files (the planter's own reading; the rule keeps its own policy)
CONCRETE_FILES = frozenset({"noun.artifact", "noun.food", "noun.animal", "noun.plant", "noun.substance",
                            "noun.object", "noun.body", "noun.phenomenon"})
ABSTRACT_FILES = frozenset({"noun.attribute", "noun.feeling", "noun.cognition"})
FAR_ARTIFACT = frozenset({"artifact.n.01", "whole.n.02", "object.n.01", "physical_entity.n.01", "entity.n.01"})


class KindPlanter:
    """Nouns of another kind than a list's members, by WordNet's files and hypernyms and wordfreq's
    Zipf bands alone."""

    def __init__(self, seed: int) -> None:
        import random

        import lexicon
        from wordfreq import zipf_frequency

        self.wn = lexicon.wordnet()
        self.rng = random.Random(seed)
        self.zipf = lambda w: zipf_frequency(w, "en")
        pool = {"concrete": [], "person": [], "abstract": []}
        for name in sorted({n for n in self.wn.all_lemma_names(pos="n") if n.isalpha() and n.islower()}):
            z = self.zipf(name)
            syns = self.wn.synsets(name, pos="n")
            if z < 3.0 or not syns or self.wn.morphy(name, "n") != name:
                continue
            first = syns[0]
            counts = [sum(l.count() for l in s.lemmas() if l.name().lower() == name) for s in syns]
            if counts[0] < max(counts) or counts[0] == 0:
                continue  # the first sense must be its commonest, and seen
            lex = first.lexname()
            kind = ("person" if lex == "noun.person" else "concrete" if lex in CONCRETE_FILES
                    else "abstract" if lex in ABSTRACT_FILES else None)
            if kind:
                pool[kind].append((z, name))
        self.pool = {k: sorted(v) for k, v in pool.items()}

    def files(self, lemma: str) -> set[str]:
        return {s.lexname() for s in self.wn.synsets(lemma, pos="n")}

    def far(self, new: str, others: list[str]) -> bool:
        """Whether ``new`` shares no file with any sense of ``others``, or, both artifacts, meets them
        no nearer than ``artifact``."""
        mine = self.wn.synsets(new, pos="n")
        for o in others:
            for a in self.wn.synsets(o, pos="n"):
                for b in mine:
                    if a.lexname() != b.lexname():
                        continue
                    if a.lexname() != "noun.artifact":
                        return False
                    if not {h.name() for h in a.lowest_common_hypernyms(b)} <= FAR_ARTIFACT:
                        return False
        return True

    def draw(self, kind: str, lemma: str, others: list[str]) -> str | None:
        import bisect

        pool = self.pool[kind]
        z = self.zipf(lemma)
        lo, hi = bisect.bisect_left(pool, (z - 0.5, "")), bisect.bisect_right(pool, (z + 0.5, "~"))
        cands = [w for _, w in pool[lo:hi] if w != lemma and w not in others]
        self.rng.shuffle(cands)
        for w in cands[:200]:
            if self.far(w, [lemma, *others]):
                return w
        return None

    def list_kind(self, others: list[str]) -> str:
        firsts = [self.wn.synsets(o, pos="n") for o in others]
        return "concrete" if all(f and f[0].lexname() in CONCRETE_FILES for f in firsts) else "abstract"


def kind_swaps(sets: list[str], seed: int, show: bool) -> None:
    """Swap one member of every list of common nouns for a noun of another kind (KindPlanter) and
    count the level at which the rule reports it, by the list's kind and the swap's."""
    import lexicon
    from splits import clean_news, news_corpus

    planter = KindPlanter(seed)
    clean, meta = [], []

    def swaps(members, m):
        lemmas = [x.lemma_.lower() for x in members]
        if any(not planter.wn.synsets(w, pos="n") for w in lemmas):
            return []
        if m is members[0]:
            clean.append((m.sent.text, (0, 0), "clean"))
        others = [w for x, w in zip(members, lemmas) if x is not m]
        out = []
        for kind in ("concrete", "person", "abstract"):
            new = planter.draw(kind, m.lemma_.lower(), others)
            form = new and lexicon.inflect_like(new, m.tag_ if m.tag_ in ("NN", "NNS") else "NN", m.text)
            if form and form.isalpha():
                out.append(form)
                meta.append((planter.list_kind(others), kind))
        return out

    for name in sets:
        clean.clear()
        meta.clear()
        docs = [d.text for d in (clean_news() if name == "clean-news" else news_corpus(name))]
        versions = _sentence_swaps(docs, swaps)
        print(f"== {name}: {len(versions)} swapped members of {len(clean)} lists of common nouns")
        by = {}
        for v, key in zip(versions, meta):
            by.setdefault(key, []).append(v)
        for key in sorted(by):
            print(f"-- {name}, a {key[1]} noun in a {key[0]} list")
            levels = _levels(by[key], show=("info", "warning", "none") if show else ())
            found = sum(v for k, v in levels.items() if k not in ("none", "elsewhere"))
            warn = sum(v for k, v in levels.items() if k.startswith("warning"))
            print(f"{name}, {key[1]} in {key[0]} lists: {len(by[key])} swaps, found {found} "
                  f"(warning {warn}); " + ", ".join(f"{k} {v}" for k, v in sorted(levels.items())))
        base = _levels(clean)
        print(f"{name}, the {len(clean)} lists unswapped: findings "
              + (", ".join(f"{k} {v}" for k, v in sorted(base.items()) if k != "none") or "none"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", help="files or folders of .txt articles")
    ap.add_argument("--rules", default=RULE, metavar="ID,...",
                    help="with files: the rules to run (default list-intruder; month-modifier reads time words)")
    ap.add_argument("--planted", action="store_true", help="what it catches of eval_garble's planted swaps")
    ap.add_argument("--variants", type=int, default=3, help="with --planted: one-swap versions per document")
    ap.add_argument("--table-swaps", type=int, metavar="N",
                    help="swap each member of the lists the table reads for N table words of another class")
    ap.add_argument("--seed", type=int, default=None, help="with --table-swaps (default 7) or --kind-swaps (21)")
    ap.add_argument("--kind-swaps", action="store_true",
                    help="swap one member of every list of nouns for a noun of another kind by WordNet (in --sets)")
    ap.add_argument("--show", action="store_true", help="with --kind-swaps: print each swap, found or not")
    ap.add_argument("--spun-lists", action="store_true",
                    help="swap members of lists the hand table does not read whole, the spinner's way (in --sets, "
                         "or in the given folders)")
    ap.add_argument("--sets", nargs="+", default=["test", "clean-news"], metavar="SET",
                    help="with --spun-lists or --kind-swaps: tune, test, clean-news (default test and clean-news)")
    args = ap.parse_args()
    if args.kind_swaps:
        kind_swaps(args.sets, 21 if args.seed is None else args.seed, args.show)
    elif args.spun_lists:
        spun_lists(args.sets, args.paths)
    elif args.table_swaps:
        table_swaps(args.table_swaps, 7 if args.seed is None else args.seed, args.paths)
    elif args.planted:
        planted(args.variants)
    elif args.paths:
        listing(args.paths, tuple(args.rules.split(",")))
    else:
        ap.error("give files or folders, or --planted")


if __name__ == "__main__":
    main()
