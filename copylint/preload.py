"""Loading the models early: the language server starts this before importing its own modules."""
from __future__ import annotations

import logging
import threading


def preload(directory: str) -> None:
    """Load Harper (its dictionary, built in Rust, which releases the GIL: in the background thread)
    and spaCy for the configuration that applies in ``directory``."""
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
            submit(get_harper, cfg.dialect)
        from copylint.nlp import get_nlp
        get_nlp(cfg.spacy_model)
    except Exception as exc:  # said again, clearly, when a document is checked
        logging.getLogger("copylint.server").info("preload: %s: %s", type(exc).__name__, exc)


def start(directory: str) -> threading.Thread:
    thread = threading.Thread(target=preload, args=(directory,), name="copylint-preload", daemon=True)
    thread.start()
    return thread
