"""``--jobs N``: a large batch of files spread over worker processes.

Workers are started with the ``forkserver`` method where the platform has it (``spawn`` elsewhere):
never a plain ``fork`` of a process that may hold spaCy and threads. Each worker builds one
``Linter`` when it starts (so spaCy is loaded once per worker, not per file) and checks chunks of
files; the results come back in input order and are the same as a one-process run. Standard input
cannot be shared with workers: a run that reads ``-`` is checked in this process.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed

from copylint.engine import NLP_BATCH, FileResult, Linter

PROGRESS_MIN_FILES = 20
_WORKER: Linter | None = None


def effective_jobs(jobs: int) -> int:
    """``0`` means one per core."""
    if jobs <= 0:
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # pragma: no cover - not Linux
            return max(1, os.cpu_count() or 1)
    return jobs


def _context():
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["copylint.engine", "copylint.checks"])
        return ctx
    return multiprocessing.get_context("spawn")


def _linter_state(linter: Linter) -> tuple:
    return (linter.overrides, linter.fixed_config, linter.keep_articles, linter.cache)


def _init_worker(state: tuple) -> None:
    global _WORKER
    overrides, fixed_config, keep_articles, cache = state
    _WORKER = Linter(overrides, keep_articles=keep_articles, cache=cache, config=fixed_config)


def _check_files(files: list[str]) -> tuple[list[FileResult], list[str]]:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.check_files(files), _WORKER.warnings


def chunked(files: list[str], jobs: int) -> list[list[str]]:
    """Chunks small enough to keep every worker busy, big enough to batch ``nlp.pipe``."""
    size = max(1, min(NLP_BATCH, -(-len(files) // (jobs * 4))))
    return [files[i:i + size] for i in range(0, len(files), size)]


def check_paths_parallel(linter: Linter, paths: list[str], jobs: int,
                         progress: bool | None = None) -> list[FileResult]:
    """``linter.check_paths(paths)`` over ``jobs`` processes, results in input order. Run-level
    warnings raised in the workers are added to ``linter.warnings``. ``progress`` None: a progress
    bar on a terminal's stderr for more than ``PROGRESS_MIN_FILES`` files."""
    jobs = effective_jobs(jobs)
    files, results = linter.expand(paths)
    if jobs <= 1 or len(files) <= 1 or "-" in files:
        results.extend(linter.check_files(files))
        return results
    chunks = chunked(files, jobs)
    if progress is None:
        progress = sys.stderr.isatty() and len(files) > PROGRESS_MIN_FILES
    done: list[list[FileResult] | None] = [None] * len(chunks)
    warnings = linter.extra_warnings
    bar = None
    if progress:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        bar = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                       console=Console(stderr=True), transient=True)
        task = bar.add_task("files", total=len(files))
        bar.start()
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=_context(),
                                 initializer=_init_worker, initargs=(_linter_state(linter),)) as ex:
            futures = {ex.submit(_check_files, c): i for i, c in enumerate(chunks)}
            for fut in as_completed(futures):
                i = futures[fut]
                chunk_results, chunk_warnings = fut.result()
                done[i] = chunk_results
                warnings.extend(w for w in chunk_warnings if w not in warnings)
                if bar is not None:
                    bar.advance(task, len(chunks[i]))
    finally:
        if bar is not None:
            bar.stop()
    for chunk_results in done:
        results.extend(chunk_results or [])
    return results
