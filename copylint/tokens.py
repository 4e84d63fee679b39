"""The rules' bulk reads of a parsed document, without a Python object per token.

Most rules look at a few tokens of an article: a word of a list ("was", "less", a month), a figure,
the head of a list. Walking the whole ``Doc`` to find them makes a ``Token`` object and reads an
attribute for every token, once per rule, a dozen times an article. Here one attribute of every
token is read as an array (spaCy's ``Doc.to_array``: 0.3 ms for 13,000 tokens, so it is made again
where asked rather than kept beside a huge Doc, 8 bytes a token an attribute), and the tokens wanted
are picked out of the array: ``lower_in(doc, words)`` are the indices of the tokens whose ``lower_`` is one of ``words``, in
order, the same tokens a loop ``for tok in doc: if tok.lower_ in words`` reads.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# numpy and spaCy are imported where a document is read: a run with no rule that needs the parse
# imports neither
_HEADS = "copylint.list-heads"  # kept in the Doc's user_data: list-intruder and headless-list read them


def column(doc, attr: str) -> np.ndarray:
    """``doc.to_array(attr)`` (e.g. "LOWER": the hash of each token's ``lower_``; "HEAD": each
    token's head, as an offset from it)."""
    return doc.to_array(attr)


#: the hashes of each word set asked about, by the set's id (the set itself kept, so its id stays its
#: own): the rules ask about module-level sets, a handful per process
_HASHES: dict[int, tuple[object, np.ndarray]] = {}


def _hashes(words) -> np.ndarray:
    """The hashes of ``words`` (spaCy's, as ``Token.lower`` and ``Token.orth`` hold them), sorted."""
    import numpy as np
    got = _HASHES.get(id(words))
    if got is None or got[0] is not words:
        from spacy.strings import hash_string
        got = _HASHES[id(words)] = (words, np.sort(np.fromiter((hash_string(w) for w in words), dtype=np.uint64,
                                                               count=len(words))))
    return got[1]


def lower_in(doc, words) -> list[int]:
    """The indices, in order, of the tokens of ``doc`` whose ``lower_`` is one of ``words`` (a set
    or dict of lower-case strings, the same object from call to call)."""
    return _in(doc, "LOWER", words)


def text_in(doc, words) -> list[int]:
    """The indices, in order, of the tokens of ``doc`` whose ``text`` is one of ``words`` (as
    ``lower_in``, case and all)."""
    return _in(doc, "ORTH", words)


def lemma_in(doc, words) -> list[int]:
    """The indices, in order, of the tokens of ``doc`` whose ``lemma_`` is one of ``words``."""
    return _in(doc, "LEMMA", words)


def tag_in(doc, tags) -> list[int]:
    """The indices, in order, of the tokens of ``doc`` whose fine-grained tag (``tag_``) is one of
    ``tags`` (a set of Penn tags such as {"VBZ"})."""
    return _in(doc, "TAG", tags)


def _in(doc, attr: str, words) -> list[int]:
    import numpy as np
    hashes, values = _hashes(words), column(doc, attr)
    if not len(hashes):
        return []
    # each token's place among the sorted hashes (a binary search; no sort of the document's column
    # per call, as ``numpy.isin`` makes for a large set)
    at = np.minimum(np.searchsorted(hashes, values), len(hashes) - 1)
    return np.flatnonzero(hashes[at] == values).tolist()


def where(doc, attr: str, test) -> list[int]:
    """The indices, in order, of the tokens of ``doc`` whose string attribute ``attr`` passes
    ``test``, asked once per distinct value in the document: for an attribute of few values, such
    as "PREFIX" (a token's first character: ``where(doc, "PREFIX", str.isdigit)``)."""
    import numpy as np
    distinct, inverse = np.unique(column(doc, attr), return_inverse=True)
    strings = doc.vocab.strings
    passed = np.array([bool(test(strings[h])) for h in distinct.tolist()] or [False])
    return np.flatnonzero(passed[inverse.reshape(-1)]).tolist()


def list_heads(doc) -> list[int]:
    """The indices, in order, of the tokens that head a coordination: that have a ``conj`` child and
    are no conjunct themselves."""
    heads = doc.user_data.get(_HEADS)
    if heads is None:
        import numpy as np
        from spacy.symbols import conj
        dep = column(doc, "DEP")
        rel = column(doc, "HEAD").astype(np.int64)  # each token's head, as an offset from the token
        child = np.flatnonzero((dep == conj) & (rel != 0))
        up = np.unique(child + rel[child])
        heads = doc.user_data[_HEADS] = up[dep[up] != conj].tolist()
    return heads


def running_counts(doc, attr: str, values=None) -> np.ndarray:
    """How many tokens before each position have ``attr`` set (a flag such as "IS_ALPHA"), or one
    of ``values`` (strings, e.g. parts of speech, "POS" and ("VERB", "AUX")): ``counts[j] -
    counts[i]`` is the number among ``doc[i:j]`` (one entry more than the document has tokens)."""
    import numpy as np
    col = column(doc, attr)
    if values is not None:
        col = np.isin(col, [doc.vocab.strings[v] for v in values])
    out = np.zeros(len(col) + 1, dtype=np.int64)
    np.cumsum(col, out=out[1:])
    return out

