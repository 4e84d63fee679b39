"""Checking a corpus on a Dask cluster, when one machine is not enough.

    from dask.distributed import Client
    from copylint.distributed import check_corpus_dask
    client = Client("tcp://scheduler:8786")          # or Client(LocalCluster(...))
    results = check_corpus_dask(["corpus/"], client)  # [FileResult, ...] in input order

The files are listed here and read by the workers, so every worker must see them at the same paths
(a shared or network file system). They are sent in chunks; each worker builds one ``Linter`` per
set of settings, the first time it needs it, and keeps it (spaCy is loaded once per worker
process). The results are the same as ``Linter(...).check_paths(paths)`` on one machine. Install
with ``pip install "copylint[distributed]"``.
"""
from __future__ import annotations

from copylint.engine import NLP_BATCH, FileResult, Linter

_LINTERS: dict[tuple, Linter] = {}


def _worker_linter(state: tuple) -> Linter:
    key = repr(state)
    lin = _LINTERS.get(key)
    if lin is None:
        overrides, fixed_config, cache = state
        lin = _LINTERS[key] = Linter(overrides, cache=cache, config=fixed_config)
    return lin


def check_chunk(files: list[str], state: tuple) -> tuple[list[FileResult], list[str]]:
    """Run on a worker: check a chunk of files with the worker's Linter for these settings."""
    lin = _worker_linter(state)
    return lin.check_files(files), lin.warnings


def check_corpus_dask(paths: list[str], client, overrides: dict | None = None,
                      config_file: str | None = None, isolated: bool = False, cache=None,
                      chunk_size: int = NLP_BATCH, warnings: list[str] | None = None) -> list[FileResult]:
    """``Linter(overrides, config_file, isolated, cache=cache).check_paths(paths)`` on a Dask cluster.

    ``client`` is a ``dask.distributed.Client``. Run-level warnings raised on the workers (a grammar
    backend down, say) are appended to ``warnings`` when a list is given.
    """
    template = Linter(overrides, config_file=config_file, isolated=isolated, cache=cache)
    state = (template.overrides, template.fixed_config, cache)
    files, results = template.expand(list(paths))
    if "-" in files:
        raise ValueError("standard input cannot be checked on a cluster")
    chunks = [files[i:i + chunk_size] for i in range(0, len(files), chunk_size)]
    if not chunks:
        return results
    futures = client.map(check_chunk, chunks, state=state, pure=False)
    for chunk_results, chunk_warnings in client.gather(futures):
        results.extend(chunk_results)
        if warnings is not None:
            warnings.extend(w for w in chunk_warnings if w not in warnings)
    return results
