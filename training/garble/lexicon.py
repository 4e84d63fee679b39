"""Word sources for corrupting text: WordNet and Aiksaurus (training), the LibreOffice thesaurus
(evaluation).

All come from Debian packages read in place, nothing is downloaded:
``apt-get install wordnet-base mythes-en-us libaiksaurus-1.2-data``.

- WordNet 3.0 (``/usr/share/wordnet``) is read with nltk's ``WordNetCorpusReader``. Debian's
  package lacks the ``lexnames`` index that nltk wants, so a copy of the folder plus that standard
  45-line file is made under ``work/`` first.
- MyThes (``/usr/share/mythes/th_en_US_v2.dat``): each head word, then one line per sense:
  ``(pos)|synonym|synonym (generic term)|...``.

- Aiksaurus (``/usr/share/aiksaurus``, GPL-2+, read at training time only; nothing of it is
  shipped): a big, loose thesaurus of 25,433 words and 2,621 meanings, with no parts of speech, the
  kind of word source a commercial spinner uses. ``words.dat`` holds one record a word: the word
  (ASCII, ``:`` for a space), a NUL byte, then the indices of its meanings as 16-bit big-endian
  numbers, ``ff ff`` ending the record; a word's index is its record's place in the file.
  ``meanings.dat`` holds one record a meaning: 16-bit big-endian word indices ended by ``ff ff``,
  the first two being the meaning's title words (which are members too), then its members.
  Read by ``read_aiksaurus``; only ``corrupt.py`` (training) uses it, never the evaluation's spinner.

``half(lemma)`` splits the vocabulary in two by a stable hash: training replaces only words of
half 0 by other words, evaluation only words of half 1, so no replaced word of the evaluation was
ever replaced by another word in training (``train.py --mask-share`` may mask words of both halves,
the mask token in place of the word and the corrector asked for it: never a substitute).

Calibration (calibrate.py ``--half``) may also swap words of half 1, to fit the combiner on words
the model never saw swapped; but only those of one sub-half of it (``sub_half``: a second, salted
hash of the lemma, ``CALIBRATION_SUB``), so that the other sub-half of half 1 holds words that were
swapped neither in training nor in calibration (eval_garble.py ``--unseen``). ``GROUPS`` names the
word sets a corruption may draw from: ``0`` (half 0: training, the shipped calibration), ``1``
(half 1's calibration sub-half), ``mix`` (both, half the swaps from each).
"""
from __future__ import annotations

import hashlib
import shutil
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
WORDNET = Path("/usr/share/wordnet")
MYTHES = Path("/usr/share/mythes/th_en_US_v2.dat")
AIKSAURUS = Path("/usr/share/aiksaurus")

LEXNAMES = """adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute
noun.body noun.cognition noun.communication noun.event noun.feeling noun.food noun.group
noun.location noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession
noun.process noun.quantity noun.relation noun.shape noun.state noun.substance noun.time verb.body
verb.change verb.cognition verb.communication verb.competition verb.consumption verb.contact
verb.creation verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative
verb.weather adj.ppl""".split()
_LEXCAT = {"adj": 3, "adv": 4, "noun": 1, "verb": 2}

UPOS_WN = {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r"}
MYTHES_POS = {"(noun)": "NOUN", "(verb)": "VERB", "(adj)": "ADJ", "(adv)": "ADV"}


def half(lemma: str) -> int:
    """0 or 1, stable across runs and machines."""
    return hashlib.sha1(lemma.lower().encode("utf-8")).digest()[0] & 1


#: the sub-half of half 1 whose words calibration may swap; the other's are never swapped before
#: the evaluation
CALIBRATION_SUB = 0


def sub_half(lemma: str) -> int:
    """0 or 1: a second split of the vocabulary, by a salted hash independent of ``half``."""
    return hashlib.sha1(b"calibration sub-half:" + lemma.lower().encode("utf-8")).digest()[0] & 1


#: a corruption's word sets (calibrate.py ``--half``): each is a list of (half, sub-half or None)
#: groups; with two, the swaps are shared between them
GROUPS = {"0": ((0, None),), "1": ((1, CALIBRATION_SUB),), "mix": ((0, None), (1, CALIBRATION_SUB))}


def in_group(lemma: str, group: tuple[int, int | None]) -> bool:
    """Whether ``lemma`` is in ``group`` (half, sub-half or None for the whole half)."""
    h, sub = group
    return half(lemma) == h and (sub is None or sub_half(lemma) == sub)


@lru_cache(maxsize=1)
def wordnet():
    """nltk's WordNet reader over Debian's wordnet-base."""
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    if not (WORDNET / "data.noun").exists():
        raise SystemExit("WordNet is missing: apt-get install wordnet-base")
    root = WORK / "wordnet"
    root.mkdir(parents=True, exist_ok=True)
    for f in WORDNET.iterdir():
        dest = root / f.name
        if f.is_file() and not dest.exists():
            shutil.copyfile(f, dest)  # nltk refuses links that lead out of its root
    lex = root / "lexnames"
    if not lex.exists():
        lex.write_text("".join(f"{i:02d}\t{n}\t{_LEXCAT[n.split('.')[0]]}\n" for i, n in enumerate(LEXNAMES)))
    nltk.data.path.append(str(root))
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")

        class Reader(WordNetCorpusReader):
            def map_wn(self, version="3.0"):  # Debian's files lack the version line; they are 3.0
                return {}

        return Reader(str(root), None)


@lru_cache(maxsize=1)
def mythes() -> dict[tuple[str, str], list[list[str]]]:
    """(word, UPOS) -> senses, each a list of one-word synonyms (generic/related terms included)."""
    if not MYTHES.exists():
        raise SystemExit("the LibreOffice thesaurus is missing: apt-get install mythes-en-us")
    out: dict[tuple[str, str], list[list[str]]] = {}
    lines = MYTHES.read_text(encoding="utf-8", errors="replace").splitlines()[1:]
    i = 0
    while i < len(lines):
        head, _, n = lines[i].partition("|")
        n = int(n) if n.isdigit() else 0
        for line in lines[i + 1:i + 1 + n]:
            pos, *syns = line.split("|")
            upos = MYTHES_POS.get(pos)
            if upos is None:
                continue
            words = []
            for s in syns:
                s = s.replace(" (generic term)", "").replace(" (related term)", "").replace(
                    " (similar term)", "").replace(" (antonym)", "").strip()
                if s.isalpha() and s.islower() and s != head:
                    words.append(s)
            if words:
                out.setdefault((head.lower(), upos), []).append(words)
        i += 1 + n
    return out


def _record(data: bytes, i: int, what: str) -> tuple[list[int], int]:
    """The 16-bit big-endian numbers of ``data`` from byte ``i`` up to the next ``ff ff``, and the
    byte after it (``what``: the record, for the error)."""
    rec: list[int] = []
    while True:
        if i + 2 > len(data):
            raise ValueError(f"{what} has no ff ff end")
        v = (data[i] << 8) | data[i + 1]
        i += 2
        if v == 0xFFFF:
            return rec, i
        rec.append(v)


def _records(data: bytes, what: str):
    """The 16-bit big-endian numbers of ``data`` cut at each ``ff ff``."""
    if len(data) % 2:
        raise ValueError(f"{what}: odd length, not 16-bit records")
    i = 0
    while i < len(data):
        rec, i = _record(data, i, f"{what}: the last record")
        yield rec


def read_aiksaurus(folder: Path = AIKSAURUS) -> tuple[list[str], list[list[int]], list[list[int]]]:
    """Aiksaurus' two files as they are: the words (``:`` turned into a space), each word's meaning
    indices, and each meaning's word indices (its two title words first)."""
    wdata = (folder / "words.dat").read_bytes()
    words: list[str] = []
    links: list[list[int]] = []
    i = 0
    while i < len(wdata):
        j = wdata.find(b"\0", i)
        if j < 0:
            raise ValueError(f"words.dat: a word with no NUL at byte {i}")
        words.append(wdata[i:j].decode("latin-1").replace(":", " "))
        idx, i = _record(wdata, j + 1, f"words.dat: the record of {words[-1]!r}")
        links.append(idx)
    meanings = list(_records((folder / "meanings.dat").read_bytes(), "meanings.dat"))
    for w, idx in zip(words, links):
        if any(m >= len(meanings) for m in idx):
            raise ValueError(f"words.dat: {w!r} points past the {len(meanings)} meanings")
    for m, rec in enumerate(meanings):
        if len(rec) < 2 or any(w >= len(words) for w in rec):
            raise ValueError(f"meanings.dat: meaning {m} is not two titles and word indices")
    return words, links, meanings


@lru_cache(maxsize=1)
def aiksaurus() -> dict[str, list[list[str]]]:
    """Lower-case one-word entry -> its meanings, each the list of its other one-word, lower-case
    members (multi-word and hyphened entries, names and the word itself left out)."""
    if not (AIKSAURUS / "words.dat").exists():
        raise SystemExit("Aiksaurus is missing: apt-get install libaiksaurus-1.2-data")
    words, links, meanings = read_aiksaurus(AIKSAURUS)
    out: dict[str, list[list[str]]] = {}
    for w, idx in zip(words, links):
        if not (w.isascii() and w.isalpha() and w.islower()):
            continue
        senses = []
        for m in idx:
            members = [words[k] for k in meanings[m][2:]]
            members = [x for x in dict.fromkeys(members) if x != w and x.isascii() and x.isalpha() and x.islower()]
            if members:
                senses.append(members)
        if senses:
            out[w] = senses
    return out


def can_take(word: str, upos: str, tag: str) -> bool:
    """Whether ``word`` (a lemma) can be of part of speech ``upos`` and has the form ``tag`` asks
    for: WordNet or lemminflect's lexicon lists it with that part of speech, and, for an inflected
    tag, lemminflect's lexicon has that form (no guessed inflections)."""
    from lemminflect import getAllInflections

    forms = getAllInflections(word, upos=upos)
    if tag in ("NN", "JJ", "RB", "VB", "VBP"):
        # lemmas(), not synsets(): synsets() lemmatises first, so "lagging" would pass as a verb
        return bool(forms) or bool(wordnet().lemmas(word, pos=UPOS_WN[upos]))
    return tag in forms


# --- shared by the training corruption and the evaluation's spinner ---------------------------------
MONTHS = ("January February March April May June July August September October November "
          "December").split()
CONTENT = ("NOUN", "VERB", "ADJ", "ADV")


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency
    return zipf_frequency(word, "en")


def inflect_like(lemma: str, tag: str, original: str) -> str | None:
    """``lemma`` in the form ``tag`` asks for (lemminflect), with the case of ``original``."""
    from lemminflect import getInflection

    if tag in ("NN", "JJ", "RB", "VB", "VBP") and not (tag == "VBP" and original.endswith("s")):
        form = lemma
    else:
        forms = getInflection(lemma, tag=tag)
        if not forms:
            return None
        form = forms[0]
    if original[:1].isupper():
        form = form[:1].upper() + form[1:]
    return form


def eligible(tok, text: str, wanted_half: int | tuple[int, int | None]) -> bool:
    """A word a spinner would replace: a lower-case content word, not part of a name, not a stop
    word, in the wanted half of the vocabulary (or group: ``in_group``)."""
    start, end, upos, tag, lemma, flags = tok
    word = text[start:end]
    group = (wanted_half, None) if isinstance(wanted_half, int) else wanted_half
    return (upos in CONTENT and "e" not in flags and "s" not in flags and len(word) >= 3
            and word.islower() and lemma.isalpha() and in_group(lemma, group))


def pick_kind(rng, kinds) -> str:
    """A kind drawn from ``kinds`` ((name, weight), ...)."""
    r, acc = rng.random(), 0.0
    for kind, w in kinds:
        acc += w
        if r < acc:
            return kind
    return kinds[-1][0]


def next_token(toks, i):
    """The token right after token i when only one space separates them, else None."""
    return toks[i + 1] if i + 1 < len(toks) and toks[i + 1][0] == toks[i][1] + 1 else None
