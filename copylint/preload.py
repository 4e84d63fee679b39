"""Loading the models early: the language server starts this before importing its own modules."""
from __future__ import annotations

import logging
import threading
import time

log = logging.getLogger("copylint.server")


def preload(directory: str) -> None:
    """Load Harper (its dictionary, built in Rust, which releases the GIL: in the background thread),
    wordfreq's English list, and spaCy for the configuration that applies in ``directory``."""
    from copylint import config as config_mod

    try:
        cfg = config_mod.env_overrides(config_mod.discover(directory))
    except config_mod.ConfigError:
        cfg = config_mod.Config()  # the error is told when a document is checked
    try:
        from copylint.background import submit
        from copylint.grammar import choose_backend

        if choose_backend(cfg) == "harper":
            from copylint.grammar.harper_backend import get_harper
            submit(timed, "Harper's dictionary (its own thread)", get_harper, cfg.dialect)
        timed("wordfreq's English list", word_frequencies)
        from copylint.nlp import get_nlp
        timed("spaCy (import and pipeline)", get_nlp, cfg.spacy_model)
    except Exception as exc:  # said again, clearly, when a document is checked
        log.info("preload: %s: %s", type(exc).__name__, exc)


def timed(what: str, fn, *args):
    """``fn(*args)``, logged (``COPYLINT_LOG=info``) with its wall-clock and its thread's CPU time."""
    w, c = time.perf_counter(), time.thread_time()
    try:
        return fn(*args)
    finally:
        log.info("start phase: %s: %.2f s wall, %.2f s CPU", what, time.perf_counter() - w, time.thread_time() - c)


def word_frequencies() -> None:
    """Load wordfreq's English list and its tokenizer (name-variant, spelling-variant and the
    misspelling rule read word frequencies). Before spaCy, on purpose: wordfreq finds its data
    with ``inspect.stack()``, which looks up the module of every frame among all the modules
    loaded: 0.1 s with the few loaded now, several times that once spaCy's 700 are there."""
    try:
        from wordfreq import zipf_frequency
        zipf_frequency("the", "en")
    except Exception as exc:  # the rules that read it say so when a document is checked
        log.info("preload: wordfreq: %s: %s", type(exc).__name__, exc)


def log_to_stderr() -> None:
    """The server's log on stderr, at the level ``COPYLINT_LOG`` names (WARNING by default)."""
    import os
    logging.basicConfig(level=os.environ.get("COPYLINT_LOG", "WARNING").upper(),
                        format="copylint server: %(levelname)s: %(message)s")


def start(directory: str) -> threading.Thread:
    thread = threading.Thread(target=preload, args=(directory,), name="copylint-preload", daemon=True)
    thread.start()
    return thread


def serve() -> None:
    """``copylint server``: the models start loading (``start``) while the server's modules import,
    then the server runs over standard input and output until the editor ends it."""
    import importlib
    import os

    log_to_stderr()
    early = start(os.getcwd())  # spaCy and Harper start loading while the server's modules import
    server = timed("the server's modules (pygls, lsprotocol)", importlib.import_module, "copylint.server")
    server.main(early)
