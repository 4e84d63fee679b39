"""Speed of copylint on one generated corpus, in one run (a few minutes; not part of the test suite).

    python benchmarks/bench_speed.py [--words 200000] [--keep DIR]

Prints, on the same text:
  1. bare spaCy: ``nlp.pipe`` over the corpus with the whole pipeline, words/second;
  2. copylint, every default rule, in-process (spaCy already loaded), words/second, and the ratio
     to bare spaCy; then the same without the grammar family (``ignore = ["grammar"]``) when it exists;
  3. ``copylint check --jobs 2`` against ``--jobs 1`` (fresh processes, same corpus): the speed-up;
  4. cold start: a fresh ``copylint check`` process on one short article (best of 3);
  5. re-checking unchanged files from the result cache: files/second and words/second;
  6. real articles: ``../shared/clean-news`` (113 professional news articles, when the folder is
     there), bare ``nlp.pipe`` over the articles' prose with the whole pipeline against copylint's
     whole pipeline (every default rule, spaCy and Harper loaded, no result cache), alternated over
     ``--rounds`` rounds in this one process, with copylint's Harper caches emptied before each
     copylint round; wall-clock and CPU time (the CPU time counts copylint's background thread),
     and where copylint's CPU goes: the main thread's parse and engine, the rules run there after
     the parse, and the background thread beside the parse (Harper's grammar lints, the rules that
     need no parse). Harper keeps lints of text it has seen inside the process (not emptied with
     copylint's caches): round 1 is the cost on text Harper has not seen, as an editor's new copy
     is; later rounds are cheaper for that. Every round is printed alone (wall clock and CPU, both
     sides), then the average over the rounds. What a process pays once, whatever the text, is
     paid in the warm-up, as the language server pays it: Harper's speller builds its suggestion
     tables at the first unknown word a thread asks about (1.3-1.9 s of CPU; every speller call
     runs in one thread of its own, and the server has the tables built once its first
     diagnostics are out; until session 5 of issue 12 round 1 paid it); wordfreq is imported by
     the first rule that reads a word frequency, and the server loads it at start (until session 4
     round 1 paid it, about 0.5 s of CPU). The bare side runs first in
     each round, so its round 1 is spaCy's first sight of the words (new vocabulary entries); each
     bare round is printed too.
     ``--real-only`` runs this part alone.

The corpus (at least 200,000 words) is written to a temporary directory, never to the repository.
It recombines the paragraphs of the articles in samples/ (shuffled, with a seeded random generator,
into articles of 6-14 paragraphs) with paragraphs from this script's own generator (news sentences
built from templates and word lists, with a few planted faults such as a doubled word or a missing
space, as real copy has). Half the articles are Markdown (headline as `# `), half plain text.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SUBJECTS = ["The council", "The minister", "Police", "The company", "Residents", "The union", "Doctors",
            "The mayor", "Officials", "The court", "Farmers", "The school board", "Engineers", "Voters"]
VERBS = ["said", "announced", "warned", "confirmed", "denied", "reported", "agreed", "argued", "insisted"]
CLAUSES = ["the plan would cost more than expected", "talks would resume on Monday",
           "the bridge would stay closed until spring", "prices had risen for a third month",
           "the decision was taken after a long debate", "nobody had been hurt in the fire",
           "the report would be published next week", "the project was running late",
           "funding for libraries would be cut", "more staff were needed in hospitals",
           "the vote had been postponed", "the river had burst its banks overnight"]
TAILS = ["", " on Tuesday", " in a statement", " at a press conference", " last week",
         ", according to local media", " in an interview with the BBC"]
FAULTS = [lambda s: s.replace(" the ", " the the ", 1), lambda s: s.replace(", ", ",", 1),
          lambda s: s.replace(" said", " said ,", 1), lambda s: s]


def generated_paragraph(rng: random.Random) -> str:
    sents = []
    for _ in range(rng.randint(2, 5)):
        s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} that {rng.choice(CLAUSES)}{rng.choice(TAILS)}."
        if rng.random() < 0.05:
            s = rng.choice(FAULTS)(s)
        sents.append(s)
    return " ".join(sents)


def sample_paragraphs() -> list[str]:
    paras = []
    for p in sorted((ROOT / "samples").iterdir()):
        if p.suffix not in (".txt", ".md"):
            continue
        for block in re.split(r"\n\s*\n", p.read_text(encoding="utf-8")):
            block = block.strip()
            if len(block.split()) >= 8 and not block.startswith(("#", "<!--", "---")):
                paras.append(block)
    return paras


def build_corpus(directory: Path, words: int, seed: int = 7) -> tuple[list[str], int]:
    rng = random.Random(seed)
    pool = sample_paragraphs()
    files, total, i = [], 0, 0
    while total < words:
        paras = [rng.choice(pool) if rng.random() < 0.6 else generated_paragraph(rng)
                 for _ in range(rng.randint(6, 14))]
        headline = " ".join(generated_paragraph(rng).split()[:8]).rstrip(".,")
        md = i % 2 == 0
        text = (f"# {headline}\n\n" if md else f"{headline}\n\n") + "\n\n".join(paras) + "\n"
        path = directory / f"article-{i:04d}.{'md' if md else 'txt'}"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
        total += len(text.split())
        i += 1
    return files, total


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def cli(args: list[str], cwd: str) -> float:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "copylint.cli", *args], cwd=cwd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    dt = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        raise SystemExit(f"copylint failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return dt


def both_clocks(fn):
    """(wall seconds, CPU seconds of the whole process, result)."""
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - w, time.process_time() - c, out


def real_articles(rounds: int, extend: tuple[str, ...] = ()) -> None:
    """Part 6: the pipeline against bare nlp.pipe on clean-news, alternated, in this process
    (``extend``: rules added to the default ones, e.g. the word-fit rules that are off by default)."""
    folder = ROOT.parent / "shared" / "clean-news"
    files = sorted(str(p) for p in folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        print(f"real articles: {folder} not found (the product side's data, beside the checkout): skipped")
        return
    from copylint import semantic
    from copylint.config import Config
    from copylint.engine import Linter, RuleSet
    from copylint.grammar import harper_backend
    from copylint.nlp import components, get_nlp
    from copylint.readers import load_article

    nlp = get_nlp(Config().spacy_model)
    texts = [load_article(f, Path(f).read_text(encoding="utf-8")).text for f in files]
    words = sum(len(t.split()) for t in texts)
    lin = Linter({"extend_select": extend} if extend else None, isolated=True)
    # what the language server loads at start (copylint.preload): spaCy, Harper's dictionary,
    # wordfreq's English list; then a short check; then, as the server does once its first
    # diagnostics are out, Harper's speller builds its suggestion tables (in its own thread, once
    # per process). Harper's per-sentence first-time costs stay in round 1: the server does not pay
    # them at start either.
    from copylint.preload import word_frequencies
    word_frequencies()
    lin.check_text("Warm up: the the council met on Monday,in the hall.", path="w.md")
    harper_backend.get_harper(Config().dialect).warm_speller().result()
    used = components(nlp, RuleSet(Config(extend_select=extend)).needs)
    print(f"real articles: {len(files)} clean-news articles, {words:,} words; components the default "
          f"rules{' + ' + ','.join(extend) if extend else ''} use: {'+'.join(used)} (of {'+'.join(nlp.pipe_names)})")
    split = cpu_split()
    bare, full = [], []
    for k in range(rounds):
        bw, bc, _ = both_clocks(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=32)))
        harper_backend._BACKENDS.clear()  # a fresh Harper backend: nothing of copylint's caches kept
        harper_backend.get_harper(Config().dialect)
        if semantic.available() and semantic._scorer is not None:
            semantic._scorer.clear()
        split.clear()
        speller = harper_backend.SPELLER_CPU[0]
        fw, fc, res = both_clocks(lambda: lin.check_paths(files))
        speller = harper_backend.SPELLER_CPU[0] - speller
        bare.append((bw, bc))
        full.append((fw, fc))
        main_rules, beside = split["main"], split["beside"]
        print(f"  round {k + 1}{' (text new to Harper)' if k == 0 else ''}: bare nlp.pipe {bw:.1f} s wall, "
              f"{bc:.1f} s CPU; copylint {fw:.1f} s wall, {fc:.1f} s CPU "
              f"({sum(len(r.findings) for r in res)} findings): {fw / bw:.2f}x wall, {fc / bc:.2f}x CPU")
        print(f"    copylint's CPU: parse, reading and engine (main thread) {fc - main_rules - beside - speller:.1f} s, "
              f"rules after the parse (main thread) {main_rules:.1f} s, background thread beside the parse "
              f"{beside:.1f} s (of which the rules' prepare steps: "
              + (", ".join(f"{rid} {t:.1f} s" for rid, t in sorted(split.items()) if rid not in ("main", "beside"))
                 or "none") + f"), Harper's speller thread {speller:.1f} s")
    summaries = [(f"round {k + 1} alone" + (" (text new to Harper: the editor's case)" if k == 0 else
                                            " (text Harper has seen in this process)"), slice(k, k + 1))
                 for k in range(rounds)]
    for label, picked in summaries + [(f"over {rounds} rounds", slice(None))]:
        bw, bc = sum(b[0] for b in bare[picked]), sum(b[1] for b in bare[picked])
        fw, fc = sum(f[0] for f in full[picked]), sum(f[1] for f in full[picked])
        n = words * len(bare[picked])
        print(f"real articles, copylint / bare nlp.pipe {label}: {fw / bw:.2f}x wall clock "
              f"({n / fw:,.0f} against {n / bw:,.0f} words/s), {fc / bc:.2f}x CPU time")


def cpu_split() -> dict:
    """CPU seconds of copylint's rules by thread, counted from now on (``.clear()`` starts again):
    ``main`` (rules run after the parse), ``beside`` (the background thread: the rules that need no
    parse and the ``prepare`` of the others), and by rule id the ``prepare`` steps (``Rule.prepare``:
    grammar-check's Harper lints, misspelling's text pass and speller questions), part of ``beside``."""
    import collections
    import threading

    from bench_rules_cpu import time_prepare_steps
    from copylint import engine

    spent: collections.Counter = collections.Counter()
    check, each = engine.RuleSet._check, engine.RuleSet._check_each

    def timed_check(self, rule, article, *prepared):
        if threading.current_thread() is not threading.main_thread():
            return check(self, rule, article, *prepared)
        t = time.thread_time()
        try:
            return check(self, rule, article, *prepared)
        finally:
            spent["main"] += time.thread_time() - t

    def timed_each(self, *args):
        t = time.thread_time()
        try:
            return each(self, *args)
        finally:
            spent["beside"] += time.thread_time() - t

    engine.RuleSet._check, engine.RuleSet._check_each = timed_check, timed_each
    time_prepare_steps(spent)
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", type=int, default=200_000)
    ap.add_argument("--keep", help="write the corpus here instead of a temporary directory")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of the real-articles comparison")
    ap.add_argument("--real-only", action="store_true", help="only the real-articles comparison (part 6)")
    ap.add_argument("--extend-select", default="", help="rules added to the default ones in the real-articles "
                    "comparison, comma-separated (e.g. word-fit,spun-article)")
    args = ap.parse_args()
    extend = tuple(r for r in args.extend_select.split(",") if r)
    if args.real_only:
        real_articles(args.rounds, extend)
        return

    from copylint.cache import Cache
    from copylint.config import Config
    from copylint.engine import Linter
    from copylint.nlp import get_nlp
    from copylint.rule import families

    tmp = Path(args.keep or tempfile.mkdtemp(prefix="copylint-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    corpus = tmp / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    corpus.mkdir()
    files, words = build_corpus(corpus, args.words)
    print(f"corpus: {len(files)} articles, {words:,} words (whitespace-separated) in {corpus}")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")

    env_cwd = str(tmp)
    # 1. bare spaCy
    nlp = get_nlp(Config().spacy_model)
    texts = [Path(f).read_text(encoding="utf-8") for f in files]
    dt, _ = timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=32)))
    bare = words / dt
    print(f"bare nlp.pipe ({'+'.join(nlp.pipe_names)}): {bare:,.0f} words/s ({dt:.1f} s)")

    # 2. copylint in-process, spaCy warm
    lin = Linter(isolated=True)
    lin.check_text("Warm up.", path="w.txt")
    dt, res = timed(lambda: lin.check_paths(files))
    full = words / dt
    n_find = sum(len(r.findings) for r in res)
    print(f"copylint, all default rules: {full:,.0f} words/s ({dt:.1f} s, {n_find} findings); "
          f"bare spaCy is {bare / full:.2f}x faster")
    if "grammar" in families():
        lin2 = Linter({"ignore": ("grammar",)}, isolated=True)
        lin2.check_text("Warm up.", path="w.txt")
        dt, _ = timed(lambda: lin2.check_paths(files))
        print(f"copylint without the grammar family: {words / dt:,.0f} words/s ({dt:.1f} s); "
              f"bare spaCy is {bare / (words / dt):.2f}x faster")
    else:
        print("copylint without the grammar family: n/a (no grammar family in this build)")

    # 3. --jobs 2 against --jobs 1, fresh processes
    base = ["check", "--isolated", "--no-cache", "--format", "json", str(corpus)]
    t1 = cli(base + ["--jobs", "1"], env_cwd)
    t2 = cli(base + ["--jobs", "2"], env_cwd)
    print(f"CLI --jobs 1: {t1:.1f} s ({words / t1:,.0f} words/s); --jobs 2: {t2:.1f} s "
          f"({words / t2:,.0f} words/s); speed-up {t1 / t2:.2f}x")

    # 4. cold start
    short = str(ROOT / "samples" / "harbour-clean.txt")
    colds = [cli(["check", "--isolated", "--no-cache", short], env_cwd) for _ in range(3)]
    print(f"cold start, one short article ({len(Path(short).read_text().split())} words, fresh process): "
          f"{min(colds):.2f} s best, {statistics.median(colds):.2f} s median")

    # 5. the cache
    cache_dir = tmp / "cache"
    Linter(isolated=True, cache=Cache(str(cache_dir))).check_paths(files)
    lin3 = Linter(isolated=True, cache=Cache(str(cache_dir)))
    dt, _ = timed(lambda: lin3.check_paths(files))
    assert lin3.cache.hits == len(files), (lin3.cache.hits, len(files))
    print(f"re-check from the cache (unchanged files): {len(files) / dt:,.0f} files/s, {words / dt:,.0f} words/s "
          f"({dt:.2f} s)")
    tc = cli(["check", "--isolated", "--cache-dir", str(cache_dir), "--format", "json", str(corpus)], env_cwd)
    print(f"CLI re-check from the cache, fresh process: {tc:.2f} s for {len(files)} files")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)

    # 6. real articles
    real_articles(args.rounds, extend)


if __name__ == "__main__":
    main()
