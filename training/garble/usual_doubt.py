"""Build a word's usual doubt: how much the shipped word-fit model doubts each word in clean copy.

    python training/garble/usual_doubt.py            # writes copylint/models/wordfit/usual_doubt.tsv

The false alarms of word-fit are rare but right words the model doubts wherever they stand
(``foreshadowed``, ``vexation``); a swapped word is doubted *here*, more than the same word usually
is. This script scores the clean text of news-corpus's ``train`` split (never tune, test or
clean-news) with the shipped model exactly as copylint reads an article (``Model.score_article``,
the windows reaching the encoder as the shipped calibration's ``encode`` says) and keeps, per word
form (lower-case as written, the forms copylint may doubt: ``wordfit.is_open``), how many times it
was read and the mean of its discriminator logit, shrunk toward the mean of its Zipf band:

- a band is the word's Zipf frequency (wordfreq) in steps of ``BAND`` (below ``LOW`` one band);
- per band, the between-type variance ``tau2`` of the true means and the within-type variance
  ``s2`` are estimated by the method of moments over the band's types read at least twice, and a
  type's usual doubt is ``(n * mean + k * band_mean) / (n + k)`` with ``k = s2 / tau2`` (the
  empirical-Bayes / credibility weight: a type read ``k`` times is half its own mean, half the
  band's), ``k`` kept within [``K_MIN``, ``K_MAX``];
- the file holds the model's key (``calibrate.model_key``: the scores belong to that model), each
  band's mean and ``k`` (a word not in the table falls back to its band's mean), and one line per
  type read at least ``MIN_COUNT`` times, sorted, the values rounded: rebuilt from the same model
  and text, the file is byte-identical.
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

#: Zipf band width, and the Zipf below which every word shares one band
BAND = 0.5
LOW = 2.0
#: the shrinkage weight's bounds (in reads of the type)
K_MIN, K_MAX = 1.0, 100.0
#: types read fewer times are left out of the file (they fall back to the band's mean, near which
#: their shrunk mean lies anyway)
MIN_COUNT = 2
#: decimals kept in the file
DIGITS = 3


def band_of(zipf: float) -> float:
    """The band of a Zipf frequency (its lower edge)."""
    return LOW if zipf < LOW else math.floor(zipf / BAND) * BAND


def collect(pairs) -> dict[str, list[float]]:
    """(word, doubt) pairs -> word: [reads, sum, sum of squares]."""
    stats: dict[str, list[float]] = {}
    for word, d in pairs:
        s = stats.get(word)
        if s is None:
            s = stats[word] = [0, 0.0, 0.0]
        s[0] += 1
        s[1] += d
        s[2] += d * d
    return stats


def bands(stats: dict[str, list[float]], zipf) -> dict[float, tuple[float, float]]:
    """Each band's mean doubt (over every read) and shrinkage weight ``k`` (method of moments)."""
    by: dict[float, list[list[float]]] = {}
    for w, s in stats.items():
        by.setdefault(band_of(zipf(w)), []).append(s)
    out = {}
    for b, rows in by.items():
        n_all = sum(r[0] for r in rows)
        mu = sum(r[1] for r in rows) / n_all
        two = [r for r in rows if r[0] >= 2]
        k = K_MAX
        if len(two) >= 2:
            # within: pooled variance of a read about its type's mean; between: variance of the type
            # means about the band's, less the part their sampling noise explains (s2 / n)
            ss_within = sum(r[2] - r[1] * r[1] / r[0] for r in two)
            s2 = ss_within / sum(r[0] - 1 for r in two)
            means = [r[1] / r[0] for r in two]
            m = sum(means) / len(means)
            var_means = sum((x - m) ** 2 for x in means) / (len(means) - 1)
            tau2 = var_means - s2 * sum(1.0 / r[0] for r in two) / len(two)
            k = K_MAX if tau2 <= 0 else min(K_MAX, max(K_MIN, s2 / tau2))
        out[b] = (mu, k)
    return out


def usual(stats: dict[str, list[float]], band: dict[float, tuple[float, float]], zipf) -> dict[str, tuple[int, float]]:
    """word: (reads, usual doubt shrunk toward its band's mean)."""
    out = {}
    for w, (n, total, _) in stats.items():
        mu, k = band[band_of(zipf(w))]
        out[w] = (int(n), (total + k * mu) / (n + k))
    return out


def render(stats: dict[str, list[float]], zipf, key: str, source: str) -> str:
    """The table's text (copylint/checks/garble.py, ``UsualDoubt``, reads it)."""
    band = bands(stats, zipf)
    table = usual(stats, band, zipf)
    lines = ["# A word's usual doubt: the shipped word-fit model's mean discriminator logit per word form in clean",
             f"# copy ({source}), shrunk toward its Zipf band's mean; built by training/garble/usual_doubt.py.",
             "# '@' lines: the model the scores came from (calibrate.model_key), the bands (lower edge, mean, k);",
             "# then word, reads, usual doubt.",
             f"@model\t{key}",
             f"@band_width\t{BAND}\tlow\t{LOW}"]
    lines += [f"@band\t{b:.1f}\t{mu:.{DIGITS}f}\t{k:.1f}" for b, (mu, k) in sorted(band.items())]
    lines += [f"{w}\t{n}\t{u:.{DIGITS}f}" for w, (n, u) in sorted(table.items()) if n >= MIN_COUNT]
    return "\n".join(lines) + "\n"


def scored_pairs(docs, model):
    """(lower-case word, discriminator logit) for every open-looking word of each document, as
    copylint reads the article."""
    from copylint import wordfit
    from copylint.readers import load_article

    for d in docs:
        a = load_article(d.name, d.text, "text")
        words = model.score_article(a).words
        for s, e, disc in zip(words.start, words.end, words.disc):
            w = a.text[s:e]
            if wordfit.is_open(w):
                yield w, disc


def main() -> None:
    from calibrate import Text, model_key
    from splits import news_corpus

    from copylint import wordfit

    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(wordfit.default_dir() / "usual_doubt.tsv"))
    ap.add_argument("--limit", type=int, default=0, help="documents (for a quick look)")
    ap.add_argument("--dump", help="also keep every (word, doubt) read in this file (pickle), to study other summaries")
    ap.add_argument("--snippets", action="store_true",
                    help="also every item of ../shared/news-snippets (the model trained on it too; nothing of its "
                         "text is in the table, only counts and means of word forms)")
    args = ap.parse_args()
    from wordfreq import zipf_frequency

    t0 = time.time()
    docs = list(news_corpus("train"))
    source = f"news-corpus train, {len(docs)} documents"
    if args.snippets:
        from splits import SHARED

        items = [Text(f"{path.name}:{k}", item) for path in sorted((SHARED / "news-snippets").glob("ag-*.txt"))
                 for k, item in enumerate(path.read_text(encoding="utf-8").split("\n\n")) if item.strip()]
        docs += items
        source += f", news-snippets, {len(items)} items"
    if args.limit:
        docs = docs[:args.limit]
    model = wordfit.load()
    pairs = list(scored_pairs(docs, model))
    if args.dump:
        import pickle

        Path(args.dump).write_bytes(pickle.dumps(pairs))
    stats = collect(pairs)
    zipf = lambda w: zipf_frequency(w, "en")  # noqa: E731
    text = render(stats, zipf, model_key(), f"{source}, encode={model.encode}")
    Path(args.out).write_text(text, encoding="utf-8")
    reads = sum(int(s[0]) for s in stats.values())
    kept = sum(1 for s in stats.values() if s[0] >= MIN_COUNT)
    print(f"{reads} reads of {len(stats)} word forms ({kept} read {MIN_COUNT}+ times, in the file); "
          f"{len(text.encode())} bytes to {args.out} in {time.time() - t0:.0f}s")
    for line in text.splitlines():
        if line.startswith("@band\t"):
            print(" ", line)


if __name__ == "__main__":
    main()
