#!/usr/bin/env python3
"""Garbled words on held-apart news: recall per level, false alarms per 1,000 words, spun articles.

    python benchmarks/eval_garble.py [--variants 3] [--show 10]
    python benchmarks/eval_garble.py --speed      # words/s: bare spaCy, copylint, copylint + word-fit

Needs ../shared and, for the spinner, Debian's ``mythes-en-us`` and ``wordnet-base``
(``apt-get install mythes-en-us wordnet-base``) and ``pip install lemminflect``.

Documents: the ``test`` split of news-corpus (benchmarks/splits.py; never trained or tuned on) and
every article of clean-news. The spinner here is not the training corruption
(training/garble/corrupt.py): its substitutes come from the LibreOffice thesaurus (MyThes), not
WordNet; it replaces only words of the other half of the vocabulary (``lexicon.half(lemma) == 1``:
no word it replaces was ever replaced by another word in training, nor in the shipped calibration,
which swaps half-0 words like training; a calibration made with ``calibrate.py --half mix`` or
``1`` swapped words of half 1's calibration sub-half, ``lexicon.sub_half``, and ``--unseen`` prints
the recall on the swaps of the other sub-half alone, words that neither training nor any
calibration ever replaced by another word); its own seed; and its kinds are a spinner's: a synonym of a random sense of the word ("sense"), an unrelated word of the same part
of speech and similar frequency from the thesaurus' head words ("same"), a month or a thesaurus
proper name put before a noun ("put"). A model trained with ``train.py --mask-share`` (with the
default ``--mask-groups all``) may also have had any eligible word of either half, these included,
put as the mask token and its corrector asked for the word: seen in its own context, never with a
substitute in its place, and never judged by the discriminator there (the corrector was always
asked for unswapped words of both halves where they stood, ``--copy-share``); with
``--mask-groups mix`` the ``--unseen`` words were neither swapped nor masked.

Prints, per set and for the garble family and the ``word-fit`` rule:
- false alarms per 1,000 words on the clean documents, at warning and at info;
- recall on ``--variants`` one-swap versions of every document: the swapped word covered by a
  finding at warning, and at warning or info;
- ``spun-article`` (when the rule exists): the share of versions with 3 % of their content words
  swapped that it reports, and the share of clean documents it reports;
- with ``--unseen``, the same recall on the one-swap versions whose swapped word is of the sub-half
  of half 1 that no calibration swaps (``lexicon.CALIBRATION_SUB`` is the other): the figure that
  decides for a calibration that swapped half-1 words;
- the ``--show`` most doubtful false alarms on clean copy (to read kinds of error, never to fit).
"""
from __future__ import annotations

import argparse
import bisect
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "training" / "garble"))

from splits import clean_news, news_corpus  # noqa: E402

SEED = 2024
EVAL_HALF = 1
KINDS = (("sense", 0.45), ("same", 0.4), ("put", 0.15))
#: article lengths (words) by which spun-article's figures are printed
LENGTHS = ((0, 400), (400, 800), (800, 10**9))


class Spinner:
    """Spinner-style substitutes from MyThes, on half 1 of the vocabulary."""

    def __init__(self, seed: int = SEED) -> None:
        import lexicon

        self.lx = lexicon
        self.rng = random.Random(seed)
        self.replaced: list[str] = []
        self.th = lexicon.mythes()
        pools: dict[str, list] = {}
        for (word, upos) in self.th:
            if word.isalpha() and word.islower() and len(word) >= 3:
                z = lexicon.zipf(word)
                if z >= 2.5:
                    pools.setdefault(upos, []).append((z, word))
        self.pools = {k: sorted(v) for k, v in pools.items()}
        from lexicon import MYTHES
        names = set()
        head = ""
        for line in MYTHES.read_text(encoding="utf-8", errors="replace").splitlines():
            if not line.startswith("("):
                head = line.split("|", 1)[0]
                continue
            # proper names: a capitalised synonym spelling its (lower-case) head word: "Lincoln"
            for w in line.split("|")[1:]:
                if w.isalpha() and w.istitle() and len(w) > 3 and w.lower() == head and lexicon.zipf(head) >= 2.5:
                    names.add(w)
        self.names = sorted(names)
        if not self.names:
            raise SystemExit("no proper names found in the thesaurus")

    def sense(self, lemma, upos):
        senses = self.th.get((lemma, upos), [])
        if len(senses) > 1 and self.rng.random() < 0.7:
            senses = senses[1:]
        words = [w for s in senses for w in s if w != lemma]
        return self.rng.choice(words) if words else None

    def same(self, lemma, upos):
        pool = self.pools.get(upos, [])
        z = self.lx.zipf(lemma)
        lo = bisect.bisect_left(pool, (z - 0.6, ""))
        hi = bisect.bisect_right(pool, (z + 0.6, "~"))
        if hi - lo < 5:
            return None
        w = pool[self.rng.randrange(lo, hi)][1]
        return None if w == lemma else w

    def replace(self, text, toks, i):
        got = self._replace(text, toks, i)
        if got is not None:
            self.replaced.append(toks[i][4])  # the lemma (corrupt.apply keeps every replacement made)
        return got

    def _replace(self, text, toks, i):
        s, e, upos, tag, lemma, flags = toks[i]
        word = text[s:e]
        kind = self.lx.pick_kind(self.rng, KINDS)
        if kind == "put":
            nxt = self.lx.next_token(toks, i)
            if nxt is not None and nxt[2] == "NOUN" and upos in ("ADJ", "NOUN"):
                return (self.rng.choice(self.lx.MONTHS) if self.rng.random() < 0.6 else self.rng.choice(self.names)), kind
            kind = "sense"
        new_lemma = getattr(self, kind)(lemma, upos)
        if new_lemma is None:
            new_lemma, kind = self.same(lemma, upos), "same"
        if not new_lemma:
            return None
        new = self.lx.inflect_like(new_lemma, tag, word)
        if not new or new.lower() == word.lower():
            return None
        return new, kind

    def spin(self, text, toks, n):
        """``corrupt.apply`` on half-1 words; ``replaced`` then holds the replaced words' lemmas."""
        import corrupt
        self.replaced = []
        pool = [i for i, t in enumerate(toks) if self.lx.eligible(t, text, EVAL_HALF)]
        self.rng.shuffle(pool)
        return corrupt.apply(self, text, toks, pool, n)


def covered(findings, spans, levels):
    return any(f.severity.name.lower() in levels and f.start < e and s < max(f.end, f.start + 1)
               for f in findings for s, e, _, _ in spans)


def speed(repeat: int) -> None:
    """Words per second on clean-news, in one run: bare ``nlp.pipe`` (the whole pipeline), copylint's
    default rules, and the same with ``word-fit`` on (the model scores in a worker thread while spaCy
    parses). Timing on a shared machine is noisy: read the ratios, and the CPU time (every thread of the
    process; on a loaded machine it is steadier than the wall clock)."""
    from copylint.config import Config
    from copylint.engine import Linter
    from copylint.nlp import get_nlp
    from copylint.readers import load_article

    docs = list(clean_news())
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts) * repeat
    nlp = get_nlp(Config().spacy_model)
    plain, with_model = Linter(config=Config()), Linter(config=Config(extend_select=("word-fit",)))
    for lin in (plain, with_model):  # warm up: load spaCy, the model, the grammar checker
        lin.check_articles([(load_article("w.txt", texts[0], "text"), lin.fixed_config)])
    out = {}
    for name, run in (("bare nlp.pipe", lambda: list(nlp.pipe(texts * repeat, batch_size=32))),
                      ("copylint, default rules", lambda: plain.check_articles(
                          [(load_article(d.name, d.text, "text"), plain.fixed_config) for d in docs * repeat])),
                      ("copylint, default rules + word-fit", lambda: with_model.check_articles(
                          [(load_article(d.name, d.text, "text"), with_model.fixed_config) for d in docs * repeat]))):
        t0, c0 = time.perf_counter(), time.process_time()
        run()
        out[name] = (words / (time.perf_counter() - t0), words / (time.process_time() - c0))
    bare, bare_cpu = out["bare nlp.pipe"]
    for name, (wps, cps) in out.items():
        print(f"{name:36} {wps:8.0f} words/s  ({bare / wps:.2f}x the time of bare nlp.pipe); "
              f"CPU {cps:8.0f} words/s ({bare_cpu / cps:.2f}x its CPU time, every thread counted)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--speed", action="store_true", help="only measure speed (words/s) on clean-news")
    ap.add_argument("--repeat", type=int, default=1, help="with --speed: passes over clean-news")
    ap.add_argument("--variants", type=int, default=3, help="one-swap versions per document")
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--limit", type=int, default=0, help="documents per set (for a quick look)")
    ap.add_argument("--sets", default="news-corpus test,clean-news",
                    help="comma-separated, of: news-corpus test, clean-news (one per process runs them side by side)")
    ap.add_argument("--calibration", help="a calibration.json to judge with instead of the shipped one (the same model)")
    ap.add_argument("--unseen", action="store_true",
                    help="also the recall on the swaps of words no calibration ever swapped (half 1's other sub-half)")
    ap.add_argument("--found", help="write each one-swap version's word-fit finding of its swap (0 none, 1 a hint, "
                                     "2 a warning) per set to this JSON file, to pair two calibrations version by version")
    args = ap.parse_args()
    if args.speed:
        speed(args.repeat)
        return
    import corrupt
    import lexicon

    from copylint.config import Config
    from copylint.engine import Linter
    from copylint.nlp import get_nlp, parse
    from copylint.readers import load_article
    from copylint.rule import all_rules

    if args.calibration:
        from copylint import wordfit
        try:
            cal = json.loads(Path(args.calibration).read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise SystemExit(f"--calibration {args.calibration}: {e}") from None
        wordfit.calibration = lambda: cal  # read by the model and the combiner when first used
    t0 = time.time()
    sets = {"news-corpus test": news_corpus("test"), "clean-news": clean_news()}
    wanted = [w.strip() for w in args.sets.split(",") if w.strip()]
    if unknown := [w for w in wanted if w not in sets]:
        raise SystemExit(f"unknown set {', '.join(unknown)}: one of {', '.join(sets)}")
    sets = {k: list(v) for k, v in sets.items() if k in wanted}
    if args.limit:
        sets = {k: v[:args.limit] for k, v in sets.items()}
    cfg = Config(select=("garble",))
    linter = Linter(config=cfg)
    nlp = get_nlp(cfg.spacy_model)
    spinner = Spinner()
    print(f"spinner ready ({time.time() - t0:.0f}s)", flush=True)
    fa_examples = []
    rows = []
    found = {}
    for name, docs in sets.items():
        clean = [load_article(d.name, d.text, "text") for d in docs]
        words = sum(a.word_count for a in clean)
        res = linter.check_articles([(a, cfg) for a in clean])
        counts = Counter()
        for a, fs in zip(clean, res):
            for f in fs:
                counts[(f.rule, f.severity.name.lower())] += 1
                if f.rule == "word-fit":
                    fa_examples.append((name, a.path, f.severity.name.lower(), a.text[max(0, f.start - 60):f.end + 40]
                                        .replace("\n", " "), f.message))
        spun_clean = sum(1 for fs in res if any(f.rule == "spun-article" for f in fs))
        # versions
        starts = [[b.start for b in a.blocks] for a in clean]
        ones, spuns, unseen = [], [], []
        for a, doc in zip(clean, parse(nlp, [a.text for a in clean], {"parser", "ner", "lemmatizer"},
                                       block_starts=starts)):
            toks = corrupt.article_tokens(a, doc)
            for _ in range(args.variants):
                text, spans = spinner.spin(a.text, toks, 1)
                if spans:
                    ones.append((load_article(a.path, text, "text"), spans))
                    unseen.append(not spinner.lx.in_group(spinner.replaced[0], (EVAL_HALF, spinner.lx.CALIBRATION_SUB)))
            content = sum(1 for t in toks if t[2] in ("NOUN", "VERB", "ADJ", "ADV"))
            text, spans = spinner.spin(a.text, toks, max(1, round(0.03 * content)))
            if spans:
                spuns.append((load_article(a.path, text, "text"), spans))
        one_res = linter.check_articles([(a, cfg) for a, _ in ones])
        spun_res = linter.check_articles([(a, cfg) for a, _ in spuns])
        kinds = Counter(sp[0][3] for _, sp in ones)
        rec = {}
        for scope in ("word-fit", "garble"):
            for lv, levels in (("warning", {"warning", "error"}), ("any", {"warning", "error", "info"})):
                hit = hit_unseen = 0
                hit_kind = Counter()
                for (a, spans), fs, new in zip(ones, one_res, unseen):
                    fs = [f for f in fs if (f.rule == scope or scope == "garble") and f.rule != "spun-article"]
                    if covered(fs, spans, levels):
                        hit += 1
                        hit_unseen += new
                        hit_kind[spans[0][3]] += 1
                rec[(scope, lv)] = (hit / max(1, len(ones)), hit_kind)
                rec[(scope, lv, "unseen")] = (hit_unseen, sum(unseen))
        found[name] = [2 if covered(wf, spans, {"warning", "error"}) else int(covered(wf, spans, {"info"}))
                       for (a, spans), fs in zip(ones, one_res) for wf in [[f for f in fs if f.rule == "word-fit"]]]
        spun_hit = sum(1 for fs in spun_res if any(f.rule == "spun-article" for f in fs))
        # spun-article by article length: (spun versions reported, of, clean documents reported, of)
        by_len = {}
        for lo, hi in LENGTHS:
            sp = [any(f.rule == "spun-article" for f in fs) for (a, _), fs in zip(spuns, spun_res)
                  if lo <= a.word_count < hi]
            cl = [any(f.rule == "spun-article" for f in fs) for a, fs in zip(clean, res) if lo <= a.word_count < hi]
            by_len[(lo, hi)] = (sum(sp), len(sp), sum(cl), len(cl))
        fa = lambda rule, sev: counts[(rule, sev)] * 1000 / words  # noqa: E731
        fam_warn = sum(v for (r, s), v in counts.items() if s in ("warning", "error") and r != "spun-article")
        fam_info = sum(v for (r, s), v in counts.items() if s == "info")
        rows.append((name, len(docs), words, fa("word-fit", "warning"), fa("word-fit", "info"),
                     fam_warn * 1000 / words, fam_info * 1000 / words, rec, len(ones), kinds,
                     spun_hit / max(1, len(spuns)), len(spuns), spun_clean / len(clean), by_len))
        print(f"{name} done ({time.time() - t0:.0f}s)", flush=True)
    print()
    for (name, ndocs, words, wf_w, wf_i, fam_w, fam_i, rec, nones, kinds, spun_tp, nspun, spun_fp, by_len) in rows:
        print(f"== {name}: {ndocs} documents, {words} words")
        print(f"  clean copy, per 1,000 words: word-fit warnings {wf_w:.3f}, hints {wf_i:.3f}; "
              f"garble family warnings {fam_w:.3f}, hints {fam_i:.3f}")
        print(f"  one swap per version ({nones} versions; kinds {dict(kinds)}):")
        for scope in ("word-fit", "garble"):
            w, wk = rec[(scope, "warning")]
            a, ak = rec[(scope, "any")]
            print(f"    {scope:9} recall at warning {w:.3f}, at warning or info {a:.3f}  "
                  f"(by kind, any level: {', '.join(f'{k} {ak[k] / max(1, kinds[k]):.2f}' for k in kinds)})")
        if args.unseen:
            n = rec[("garble", "warning", "unseen")][1]
            print(f"  the versions whose swapped word no calibration swapped ({n}: half {EVAL_HALF}, sub-half "
                  f"{1 - lexicon.CALIBRATION_SUB}):")
            for scope in ("word-fit", "garble"):
                (w, _), (a, _) = rec[(scope, "warning", "unseen")], rec[(scope, "any", "unseen")]
                print(f"    {scope:9} recall at warning {w / max(1, n):.3f} ({w}), at warning or info "
                      f"{a / max(1, n):.3f} ({a})")
        if "spun-article" in all_rules():
            print(f"  spun-article: {spun_tp:.3f} of {nspun} versions with 3% of content words swapped reported; "
                  f"{spun_fp:.3f} of clean documents reported")
            print("    by length: " + "; ".join(
                f"{lo}-{hi if hi < 10**9 else ''} words: {sp} of {nsp} spun, {cl} of {ncl} clean"
                for (lo, hi), (sp, nsp, cl, ncl) in by_len.items()))
        else:
            print(f"  spun-article: no such rule in this version; {nspun} versions with 3% of content words swapped "
                  "were checked")
    if args.show:
        print(f"\nfalse alarms of word-fit on clean copy ({len(fa_examples)}), first {args.show}:")
        for name, path, sev, ctx, msg in fa_examples[:args.show]:
            print(f"  [{sev}] {path}: ...{ctx}...  -- {msg}")
    if args.found:
        Path(args.found).write_text(json.dumps(found) + "\n", encoding="utf-8")
    print(f"\n({time.time() - t0:.0f}s)")


if __name__ == "__main__":
    main()
