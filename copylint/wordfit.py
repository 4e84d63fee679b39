"""The word-fit model: how well each word fits its context (a ground-floor service, like nlp.py).

The shipped model (``copylint/models/wordfit``, about 20 MB, trained by ``training/garble``) is
the first four layers of MiniLM-L6 fine-tuned with two heads on one encoder pass:

- a replaced-word discriminator (ELECTRA's idea): a logit per wordpiece, "a spinner swapped this";
- a corrector (COCO-LM's corrective LM): from the same pass, which word belongs at a position; its
  output layer is the (tied) input embedding matrix, so it proposes a replacement ("'carriage' is
  unusual here: 'coach'?") and says how likely the observed word is.

It runs with onnxruntime (int8 weights) and HF ``tokenizers``; no PyTorch. Nothing is downloaded:
the files are read from the installed package (or from a directory the ``garble-model`` setting
names, see ``load``). The model is loaded lazily, once per process per directory (``load_count``),
and only when an enabled rule needs it (a rule with ``"wordfit"`` in its ``needs``). The engine
scores each article's body blocks in a worker thread while spaCy parses (onnxruntime releases the
GIL), and hands the rules ``article.wordfit``: a ``WordFit`` with one ``WordScore`` per word.
"""
from __future__ import annotations

import bisect
import re
import threading
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from copylint import blas

#: words in one model window (whitespace words; about 1.3 wordpieces each, under the 128 limit)
MAX_WORDS = 80
_SENT_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_WORD = re.compile(r"\S+")


def windows(text: str, max_words: int = MAX_WORDS) -> list[tuple[int, int]]:
    """Character spans of ``text`` that the model reads one at a time: whole sentences packed up to
    ``max_words`` words, a longer sentence cut at word boundaries."""
    sents = []
    pos = 0
    for m in _SENT_END.finditer(text):
        sents.append((pos, m.end()))
        pos = m.end()
    if pos < len(text):
        sents.append((pos, len(text)))
    out: list[tuple[int, int]] = []
    cur_s = cur_e = None
    cur_n = 0
    for s, e in sents:
        words = [(m.start(), m.end()) for m in _WORD.finditer(text, s, e)]
        if not words:
            continue
        n = len(words)
        if cur_s is not None and cur_n + n <= max_words:
            cur_e, cur_n = words[-1][1], cur_n + n
            continue
        if cur_s is not None:
            out.append((cur_s, cur_e))
            cur_s = None
        while n > max_words:
            out.append((words[0][0], words[max_words - 1][1]))
            words = words[max_words:]
            n = len(words)
        cur_s, cur_e, cur_n = words[0][0], words[-1][1], n
    if cur_s is not None:
        out.append((cur_s, cur_e))
    return out


# --- scores ---------------------------------------------------------------------------------------

#: the blocks the model reads (headlines and captions are telegraphic: never judged)
BLOCK_KINDS = ("paragraph", "quote", "list_item")
#: the corrector runs only on the CORR_TOP (or calibration.json's ``corr_top``) most doubted
#: open-class-looking words of each window
#: (lower-case, three letters or more, not a stop word) whose discriminator logit is at least
#: CORR_FLOOR: its output layer is 30,522 x 384, far too costly for every word. The rules judge
#: only those words (the swapped word is nearly always among the most doubted of its sentence).
CORR_TOP = 3
CORR_FLOOR = -4.0
BATCH = 32
#: how the shipped model's encoder reads an article's windows (calibration.json's ``encode``, since
#: the scores depend on it and the thresholds were set on them):
#: - ``"batch"`` (absent: every calibration before run 10): BATCH windows at a time, sorted by length
#:   and padded to the longest of each batch. The int8 encoder quantises each batch's activations
#:   with one range (onnxruntime's dynamic quantisation, per tensor), so a window's scores depend on
#:   the windows batched with it and on their padding (by 0.17 logit for the median wordpiece,
#:   against each window read alone, on clean-news), and an edit in one paragraph moves the scores of
#:   others; within an article padding was about 45 % of what the encoder read.
#: - ``"window"``: each window alone, unpadded: a window's scores are its own, and the encoder reads
#:   only real wordpieces (about a third less encoder time on clean-news). The corrector still reads
#:   the words of BATCH windows at once (its output layer is the costly part of a call).
ENCODE = ("batch", "window")
_ALPHA = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(slots=True)
class WordScore:
    start: int                 # offsets into the text scored (Article.text for articles)
    end: int
    disc: float                # the discriminator's logit (max over the word's wordpieces)
    rank_gap: float = 0.0      # disc minus the highest disc of the other words of its window
    p_obs: float | None = None  # corrector: probability of the observed word (of its first piece when
    #                             it has several; 0 when that is no whole word; None: not asked)
    alt: str | None = None     # corrector: its best other whole word
    p_alt: float | None = None
    pieces: int = 1            # wordpieces of the word

    @property
    def corrected(self) -> tuple[float | None, str | None, float | None] | None:
        """The corrector's outputs as ``WordScores`` keeps them, ``(p_obs, alt, p_alt)``; None when
        it did not read the word."""
        got = (self.p_obs, self.alt, self.p_alt)
        return None if got == NOT_CORRECTED else got


#: ``WordScore.corrected`` of a word the corrector did not read
NOT_CORRECTED = (None, None, None)


class WordScores(Sequence):
    """Word scores held as columns, a few dozen bytes a word instead of a Python object each (a
    10 MB article has 1.6 million words: 44 MB a megabyte as objects); indexing and iterating make
    each ``WordScore`` on demand. The corrector's outputs are kept for the words it read."""

    #: the columns and their array type codes
    COLUMNS = (("start", "q"), ("end", "q"), ("disc", "d"), ("rank_gap", "d"), ("pieces", "I"))

    def __init__(self, words: Iterable[WordScore] = ()) -> None:
        self.start, self.end = array("q"), array("q")
        self.disc, self.rank_gap = array("d"), array("d")
        self.pieces = array("I")
        self.corrected: dict[int, tuple] = {}  # index -> WordScore.corrected, for the words it is set
        self.extend(words)

    def extend(self, words: Iterable[WordScore]) -> None:
        for w in words:
            if (got := w.corrected) is not None:
                self.corrected[len(self.start)] = got
            self.start.append(w.start)
            self.end.append(w.end)
            self.disc.append(w.disc)
            self.rank_gap.append(w.rank_gap)
            self.pieces.append(w.pieces)

    def join(self, other: "WordScores") -> None:
        """Append ``other``'s words."""
        n = len(self.start)
        self.corrected.update((n + k, v) for k, v in other.corrected.items())
        for name, _ in self.COLUMNS:
            getattr(self, name).extend(getattr(other, name))

    @classmethod
    def room(cls, n: int) -> "WordScores":
        """Columns of ``n`` words, zeros until ``put`` writes them: room made once for words that
        come back out of order (``Model.score_spans``), instead of a list of pieces joined at the end."""
        out = cls()
        for name, code in cls.COLUMNS:
            col = getattr(out, name)
            col.frombytes(bytes(n * col.itemsize))
        return out

    def put(self, at: int, words: list[WordScore]) -> None:
        """Write ``words`` at index ``at`` onwards (room made by ``room``)."""
        for k, w in enumerate(words, at):
            if (got := w.corrected) is not None:
                self.corrected[k] = got
            self.start[k], self.end[k], self.disc[k] = w.start, w.end, w.disc
            self.rank_gap[k], self.pieces[k] = w.rank_gap, w.pieces

    def keep(self, runs: list[tuple[int, int]]) -> None:
        """Keep only the words of ``runs`` ((index, count), in order, not overlapping), closing the
        gaps in place."""
        n = 0
        moved: dict[int, tuple] = {}
        for at, count in runs:
            if at != n:
                for name, _ in self.COLUMNS:
                    col = getattr(self, name)
                    col[n:n + count] = col[at:at + count]
            n += count
        if n == len(self.start):
            return
        for name, _ in self.COLUMNS:
            del getattr(self, name)[n:]
        firsts = [at for at, _ in runs]
        kept = list(accumulate((count for _, count in runs), initial=0))
        for k, v in self.corrected.items():
            r = bisect.bisect_right(firsts, k) - 1
            if r >= 0 and k < runs[r][0] + runs[r][1]:
                moved[kept[r] + k - runs[r][0]] = v
        self.corrected = moved

    def alt(self, i: int) -> str | None:
        """The corrector's best other word at ``i`` (None: not asked), without making the WordScore."""
        return self.corrected.get(i, NOT_CORRECTED)[1]

    def __len__(self) -> int:
        return len(self.start)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        p_obs, alt, p_alt = self.corrected.get(i, NOT_CORRECTED)
        return WordScore(self.start[i], self.end[i], self.disc[i], self.rank_gap[i], p_obs, alt, p_alt,
                         self.pieces[i])

    def __iter__(self) -> Iterator[WordScore]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other) -> bool:
        return isinstance(other, (WordScores, list)) and len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def in_order(self) -> "WordScores":
        """These words sorted by start (themselves when they already are)."""
        starts = self.start
        if all(starts[k] <= starts[k + 1] for k in range(len(starts) - 1)):
            return self
        return WordScores(sorted(self, key=lambda w: w.start))


@dataclass
class WordFit:
    """The model's reading of one article: word scores sorted by start (``WordScores``; a list of
    ``WordScore`` given is stored that way)."""

    words: WordScores = field(default_factory=WordScores)
    #: the garble rules' candidates with their doubt, computed once per article (checks/garble.py)
    judged: list | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.words, WordScores):
            self.words = WordScores(self.words)


class ModelError(Exception):
    """The word-fit model cannot be loaded (a bad ``garble-model`` directory, a missing package)."""


def default_dir() -> Path:
    return Path(str(resources.files("copylint.models").joinpath("wordfit")))


_lock = threading.Lock()
_models: dict[str, "Model"] = {}
#: how many times this process loaded a model (tests check it stays at one)
load_count = 0


def load(directory: str | None = None) -> "Model":
    """The model in ``directory`` (default: the shipped one), loaded once per process."""
    global load_count
    key = str(Path(directory).resolve()) if directory else ""
    m = _models.get(key)
    if m is None:
        with _lock:
            m = _models.get(key)
            if m is None:
                if directory:
                    from copylint.wordfit_plug import load_plugged
                    m = load_plugged(Path(directory))
                else:
                    m = ShippedModel(default_dir())
                load_count += 1
                _models[key] = m
    return m


def fingerprint(directory: str | None) -> str:
    """What a ``garble-model`` setting resolves to (for result-cache keys)."""
    d = Path(directory) if directory else default_dir()
    try:
        return f"{d}:" + ",".join(f"{p.name}={p.stat().st_size}:{int(p.stat().st_mtime)}" for p in sorted(d.iterdir())
                                  if p.is_file())
    except OSError:
        return f"{d}:missing"


#: the files that make a line's reading (``Model.embed``): what ``encoder_hash`` covers
ENCODER_FILES = ("encoder.onnx", "embeddings.npz", "tokenizer.json")


def hash_files(named: Iterable[tuple[str, Path]]) -> str:
    """The content of files given as (label, path) pairs, hashed with their labels: what a model
    trained on an encoder's readings records of it (``encoder_hash``, ``sentence.encoder_hash``)."""
    import hashlib
    h = hashlib.sha256()
    for label, path in named:
        h.update(label.encode() + b"\0" + Path(path).read_bytes())
    return "sha256:" + h.hexdigest()[:16]


def encoder_hash(directory: str | None = None) -> str:
    """The content of the shipped encoder (``ENCODER_FILES`` in ``directory``, default the shipped
    one), hashed: a model trained on its readings (the residue model's line-vector scorer) records
    it, and a test checks the two still match. Reads about 19 MB: not for run time."""
    d = Path(directory) if directory else default_dir()
    return hash_files((name, d / name) for name in ENCODER_FILES)


def onnx_session(path: Path):
    """An onnxruntime session of the model at ``path`` on one core (spaCy parses on the other)."""
    import onnxruntime as ort
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


def wordpiece_tokenizer(path: Path, max_pieces: int):
    """The WordPiece tokenizer at ``path``, unpadded, truncating a text at ``max_pieces``."""
    from tokenizers import Tokenizer
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_pieces)
    return tokenizer


def embedding_rows(q, scale, ids):
    """The float32 input embeddings of token ids ``ids`` (any shape) from the shipped int8 rows ``q``
    and their ``scale``: each element exactly as the whole table dequantised at once would hold it."""
    import numpy as np
    return (q[ids].astype(np.float32) * scale[ids][..., None]).astype(np.float32)


def calibration() -> dict:
    """The shipped combiner and thresholds (``calibration.json``, written by training/garble/calibrate.py)."""
    import json
    path = default_dir() / "calibration.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _ALPHA.finditer(text, start, end)]


class Model:
    """Scores texts: one ``WordFit`` per text. Subclasses implement ``_run``."""

    def score_article(self, article) -> WordFit:
        spans = [(b.start, b.end) for b in article.blocks if b.kind in BLOCK_KINDS]
        return self.score_spans(article.text, spans)

    def score_texts(self, texts: Sequence[str]) -> list[WordFit]:
        return [self.score_spans(t, [(0, len(t))]) for t in texts]

    def score_spans(self, text: str, spans: list[tuple[int, int]]) -> WordFit:
        wins = [(s + a, s + b) for s, e in spans for a, b in windows(text[s:e])]
        order = sorted(range(len(wins)), key=lambda i: wins[i][1] - wins[i][0])
        # the batches go by length, not in text order: each window's words are written in place as
        # its batch comes back, in room made once for every word of every window (a window's words
        # are among its alphabetic runs), so the article's scores are never held twice
        room = [sum(1 for _ in _ALPHA.finditer(text, a, b)) for a, b in wins]
        at = list(accumulate(room, initial=0))
        out = WordScores.room(at[-1])
        runs = [(a, 0) for a in at[:-1]]
        spilled: dict[int, list[WordScore]] = {}  # a window with more words than room (another _run)
        for k in range(0, len(order), BATCH):
            idx = order[k:k + BATCH]
            got = self._run([text[wins[i][0]:wins[i][1]] for i in idx])
            for i, words in zip(idx, got):
                base = wins[i][0]
                for w in words:
                    w.start += base
                    w.end += base
                if len(words) > room[i]:
                    spilled[i] = words
                    continue
                out.put(at[i], words)
                runs[i] = (at[i], len(words))
        if spilled:  # not with the shipped model: join the windows one by one
            whole = WordScores()
            for i, (a, n) in enumerate(runs):
                whole.extend(spilled.pop(i) if i in spilled else out[a:a + n])
            out = whole
        else:
            out.keep(runs)
        return WordFit(out.in_order())

    def _run(self, texts: list[str]) -> list[list[WordScore]]:  # pragma: no cover - abstract
        raise NotImplementedError


def words_of(text: str, offsets, disc) -> list[tuple[WordScore, list[int]]]:
    """The words of ``text`` (alphabetic runs) with their wordpieces (indices into ``offsets``, the
    tokenizer's character offsets) and the highest of those pieces' ``disc`` scores."""
    out = []
    k = 0
    for s, t in word_spans(text, 0, len(text)):
        while k < len(offsets) and (offsets[k][1] <= s or offsets[k][0] == offsets[k][1]):
            k += 1
        pieces = []
        j = k
        while j < len(offsets) and offsets[j][0] < t:
            if offsets[j][1] > offsets[j][0]:
                pieces.append(j)
            j += 1
        if pieces:
            out.append((WordScore(s, t, float(max(disc[p] for p in pieces))), pieces))
    return out


def pad(encodings):
    """Token ids and attention mask of a batch of ``tokenizers`` encodings, padded with zeros."""
    import numpy as np

    n = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), n), dtype=np.int64)
    mask = np.zeros((len(encodings), n), dtype=np.int64)
    for r, e in enumerate(encodings):
        ids[r, :len(e.ids)] = e.ids
        mask[r, :len(e.ids)] = 1
    return ids, mask


def _rank_gaps(words: list[WordScore]) -> None:
    if not words:
        return
    ds = sorted((w.disc for w in words), reverse=True)
    top, second = ds[0], (ds[1] if len(ds) > 1 else -20.0)
    for w in words:
        w.rank_gap = w.disc - (second if w.disc == top else top)


def _softmax_rows(logits):
    import numpy as np
    m = logits.max(axis=1, keepdims=True)
    e = np.exp(logits - m)
    return e / e.sum(axis=1, keepdims=True)


class ShippedModel(Model):
    """The packaged ONNX model: int8 encoder, int8 embeddings, WordPiece tokenizer."""

    def __init__(self, directory: Path) -> None:
        try:
            import numpy as np
            import onnxruntime  # noqa: F401 (the session is made by onnx_session: checked here for the error)
            import tokenizers  # noqa: F401 (likewise, wordpiece_tokenizer)
        except ImportError as exc:  # pragma: no cover - dependencies of the package
            raise ModelError(f"the word-fit model needs onnxruntime and tokenizers ({exc})") from None
        for name in ("encoder.onnx", "embeddings.npz", "tokenizer.json"):
            if not (directory / name).is_file():
                raise ModelError(f"word-fit model file missing: {directory / name}")
        self.session = onnx_session(directory / "encoder.onnx")
        with np.load(directory / "embeddings.npz") as z:
            # held as shipped (int8 rows, a scale each) and dequantised row by row when read
            # (``_rows``): the whole float32 table was 47 MB more, and as much again while made
            self.q, self.scale = z["q"], z["scale"]
            self.bias = z["bias"].astype(np.float32)
        self.np = np
        self.tokenizer = wordpiece_tokenizer(directory / "tokenizer.json", 128)
        cal = calibration()
        self.corr_top = int(cal.get("corr_top", CORR_TOP))
        #: how the windows reach the encoder (``ENCODE``): as the shipped calibration was made
        self.encode = cal.get("encode", "batch")
        if self.encode not in ENCODE:
            raise ModelError(f"word-fit calibration: unknown encode {self.encode!r} (of {', '.join(ENCODE)})")
        vocab = self.tokenizer.get_vocab()
        self.id_to_token = {i: t for t, i in vocab.items()}
        self.vocab = vocab
        #: the corrector's outputs: whole lower-case words of two letters or more
        self.whole_words = sorted(t for t in vocab if t.isalpha() and t.islower() and len(t) > 1 and t.isascii())
        self.whole_index = {t: i for i, t in enumerate(self.whole_words)}
        self.stem3 = np.array([t[:3] for t in self.whole_words])
        self.stem4 = np.array([t[:4] for t in self.whole_words])
        whole = np.array([vocab[t] for t in self.whole_words], dtype=np.int64)
        self.out_w = np.ascontiguousarray(self._rows(whole))
        self.out_b = self.bias[whole]

    def _rows(self, ids):
        """The float32 embeddings of token ids ``ids`` (any shape): ``embedding_rows``."""
        return embedding_rows(self.q, self.scale, ids)

    def _corrector_blas(self):
        """How the corrector's output layer runs numpy's BLAS (``copylint.blas``): in ``window`` mode in
        one thread (on two busy cores a second BLAS thread spun beside spaCy and doubled the layer's
        CPU time); in ``batch`` mode with the BLAS's own thread count, whatever another thread does,
        since its results differ from the one-thread ones in the last bits and were calibrated so."""
        return blas.one_thread() if self.encode == "window" else blas.as_set()

    def _encode(self, texts: list[str]) -> list[tuple]:
        """Each text's encoding, discriminator logits and hidden vectors (per wordpiece), the texts
        run through the encoder as ``self.encode`` says."""
        encs = self.tokenizer.encode_batch(texts)
        groups = [[k] for k in range(len(texts))] if self.encode == "window" else [list(range(len(texts)))]
        out: list = [None] * len(texts)
        for group in groups:
            ids, mask = pad([encs[k] for k in group])
            disc, hidden = self.session.run(None, {"inputs_embeds": self._rows(ids), "attention_mask": mask})
            for r, k in enumerate(group):
                out[k] = (encs[k], disc[r], hidden[r])
        return out

    def embed(self, texts: Sequence[str]) -> list:
        """What each text (a short line) means to the encoder: the mean of its wordpieces' hidden
        vectors (the special tokens included), one float32 array each. Each text is run alone: the
        encoder's int8 layers scale their activations by the whole batch, so a text run beside
        others (padded to the longest) reads differently."""
        np = self.np
        out = []
        for text in texts:
            enc = self.tokenizer.encode(text)
            ids, mask = pad([enc])
            _, hidden = self.session.run(None, {"inputs_embeds": self._rows(ids), "attention_mask": mask})
            out.append(hidden[0].mean(axis=0).astype(np.float32))
        return out

    def _run(self, texts: list[str]) -> list[list[WordScore]]:
        np = self.np
        out = []
        need = []  # (hidden vectors of its window, piece, WordScore, observed id, pieces, row)
        for r, (text, (e, disc, hidden)) in enumerate(zip(texts, self._encode(texts))):
            words = []
            open_words = []
            for w, pieces in words_of(text, e.offsets, disc):
                words.append(w)
                if w.disc >= CORR_FLOOR and is_open(text[w.start:w.end]):
                    open_words.append((w, pieces))
            open_words.sort(key=lambda wp: -wp[0].disc)
            for w, pieces in open_words[:self.corr_top]:
                # a word of several pieces is read at its first piece ("familiar" of "familiarise")
                first = text[w.start:w.end].lower() if len(pieces) == 1 else e.tokens[pieces[0]]
                need.append((hidden, pieces[0], w, self.whole_index.get(first), len(pieces), r))
            _rank_gaps(words)
            out.append(words)
        if need:
            h = np.stack([hidden[p] for hidden, p, *_ in need])
            with self._corrector_blas():
                probs = _softmax_rows(h @ self.out_w.T + self.out_b)  # over whole words only
            for (_, p, w, obs, npieces, r), row in zip(need, probs):
                w.pieces = npieces
                w.p_obs = float(row[obs]) if obs is not None else 0.0
                # the best *other* word: not a form of the observed one ("laws" for "law")
                word = texts[r][w.start:w.end].lower()
                row = np.where((self.stem3 if len(word) < 4 else self.stem4) == word[:4], -1.0, row)
                if obs is not None:
                    row[obs] = -1.0
                best = int(np.argmax(row))
                w.alt = self.whole_words[best]
                w.p_alt = float(row[best])
        return out


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS
    return frozenset(STOP_WORDS)


def is_open(word: str) -> bool:
    """Could be a content word a spinner replaced (the rules decide with the parse)."""
    return len(word) >= 3 and word.isalpha() and word.islower() and word not in _stop_words()


# --- the engine's hook: score articles in a worker thread while spaCy parses ----------------------
def submit(articles, directory: str | None = None) -> list:
    """Futures, one per article, of its ``WordFit`` (or the ``ModelError`` that stopped it), scored
    in order by one worker thread: the engine parses the same articles with spaCy meanwhile."""
    from copylint.background import worker

    def job(article):
        try:
            return load(directory).score_article(article)
        except ModelError as exc:
            return exc

    executor = worker("wordfit")
    return [executor.submit(job, a) for a in articles]
