"""Web residue and placeholders: what a scraper, a CMS or a hurried draft leaves in the copy."""
from __future__ import annotations

import calendar
import copy
import io
import itertools
import json
import math
import re
import zipfile
from collections import Counter
from functools import cached_property, lru_cache
from typing import Iterator

from copylint import data, tokens
from copylint.article import Article
from copylint.finding import Finding, Severity
from copylint.rule import Rule, html, markdown, register
from copylint.textutil import LETTER_WORD

# Marks stripped from a line's edges before it is compared (in Python: a regex with "\s+$" takes
# quadratic time on a long run of spaces inside a line).
_LEAD = frozenset("-–—•·*|>#:")
_TRAIL = frozenset(".!?:;…,|>»›-–—")
_SEPARATORS = re.compile(r"[|·•/»›]")
_FOOTER = re.compile(
    r"^(?:©|\(c\)|copyright\b)\s*(?:\d{4}|[A-Z])|^all rights reserved\b|^(?:image|photo|picture)\s+"
    r"(?:caption|source|copyright|credit)\b", re.I)


# Single words that are residue when several stand on one line between separators ("Share | Tweet").
_NAV_WORDS = data.words("share-bar-words")


def _norm(s: str) -> str:
    s = s.replace("’", "'").replace("“", '"').replace("”", '"')
    i, j = 0, len(s)
    while i < j and (s[i].isspace() or s[i] in _LEAD):
        i += 1
    while j > i and (s[j - 1].isspace() or s[j - 1] in _TRAIL):
        j -= 1
    s = s[i:j]
    return " ".join(s.lower().split())


@lru_cache(maxsize=16)
def _phrase_table(extra: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """(exact phrases, prefix phrases) normalised; an entry ending in … or ... is a prefix, and a
    prefix ending in a colon ("Read more:…") keeps it (a label, not the words of a sentence: "Read
    more about it in the report" is prose)."""
    exact, prefixes = set(), []
    for p in data.phrases("boilerplate.txt") + extra:
        if p.endswith(("…", "...")):
            p = p.rstrip(".… ")
            prefixes.append(_norm(p) + (":" if p.endswith(":") else ""))
        else:
            exact.add(_norm(p))
    return frozenset(exact), tuple(prefixes)


def listed(line: str, exact: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    """A sure hit: the line is a listed phrase, starts with a listed prefix, is a row of listed
    share/follow words between separators, or is a copyright or picture-credit footer. A prefix
    without a colon ("Listen to…") that opens a finished sentence of six words or more, not
    addressed to the reader nor in the site's voice ("Listen to the voices of the valley.") is
    prose, not a prompt (the classifier still judges it)."""
    norm = _norm(line)
    if norm in exact:
        return True
    for p in prefixes:
        if norm.startswith(p + " ") or norm == p:
            if (p.endswith(":") or len(norm.split()) < 6 or not _TERMINAL.search(line.strip())
                    or _addresses_reader(norm)):
                return True
    if _SEPARATORS.search(line):
        parts = [_norm(p) for p in _SEPARATORS.split(line) if _norm(p)]
        if len(parts) >= 2 and all(p in exact or p in _NAV_WORDS for p in parts):
            return True
    return bool(_FOOTER.search(line.strip())) and len(norm.split()) <= 10


def _addresses_reader(norm: str) -> bool:
    """Whether a (normalised) line speaks to the reader or as the site ("you", "our": the lexicon's
    voice words)."""
    lex = _lexicon()
    return any(k in ("you", "we") for t in _TOKEN.findall(norm) for k in lex.get(t, ()))


# --- the line classifier ------------------------------------------------------------------------
# Two passes of logistic regression, the weights in rules/residue_model.zip (trained by
# benchmarks/train_residue.py on real pages' residue against their article text, on professional
# news copy, and on that copy with residue lines pasted in).
# - The first pass judges a line by what it is: its words and word pairs; its shape (length, final
#   punctuation, capitals, digits, separators, quotation marks); the kinds of page furniture its
#   words belong to (rules/residue_lexicon.txt); how it speaks (to the reader, "you", "your", or in
#   the site's voice, "we", "our", outside quotation marks; as a prompt, an interface verb first;
#   or as reported news: a verb of saying, a third person); its grammar from spaCy's tagger (a
#   base-form verb first, an imperative; a past, present or no verb; proper nouns); and how many
#   marks of an interface speaking it has together, free of the marks of reported news.
# - The second pass judges where it stands, with the first pass's verdict: the kinds and verdicts
#   of the lines around it, the run of short lines it is in, whether the text repeats it, and its
#   place against the text's main run of prose (before it, inside it, after it, how far, how many
#   lines on its side). No words: the first pass has judged them.
# A line is residue when the first pass is sure of it, when the second is, or when it stands in a
# block of page furniture around the main run (a page copied whole) and the second pass leans to
# residue. The article's head (headline, standfirst, byline) and paragraphs of over 40 words are
# never judged by the two passes. A third judge, the line-alone judge (below), looks at single-line
# paragraphs that do not read as news sentences, the head included, without their surroundings.
_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,:/]\d+)*|[^\w\s]")
_TERMINAL = re.compile(r"""[.!?…]["'”’)\]]*$""")
_QUOTES = frozenset("\"“”«»")
_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|«[^»\n]*»")
_CLAUSE_END = frozenset(".?!:|")
_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk)\b|@\w", re.I)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\b|\b\d+\s*(?:mins?|minutes?|hours?|hrs?|days?)\s+ago\b", re.I)
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
                    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.I)
MAX_MODEL_WORDS = 40   # longer lines are paragraphs; the model never judges them
#: spaCy's fine-grained tags of verbs, by what they say of the line's tense
_PAST, _PRESENT = frozenset({"VBD"}), frozenset({"VBZ", "VBP"})
_VERB_TAGS = frozenset({"VB", "VBD", "VBZ", "VBP", "VBG", "VBN", "MD"})


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[str, ...]]:
    """word -> the kinds of page furniture it belongs to (``rules/residue_lexicon.txt``)."""
    out: dict[str, list[str]] = {}
    for kind, word in data.pairs("residue_lexicon.txt", " "):
        out.setdefault(word, []).append(kind)
    return {w: tuple(k) for w, k in out.items()}


def _bucket(n: float, edges: tuple[float, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def _bucket_labels(edges: tuple[float, ...]) -> list[str]:
    """Every label ``_bucket`` gives with ``edges``."""
    return [str(e) for e in edges] + [f">{edges[-1]}"]


@lru_cache(maxsize=4096)  # a line's kind is read by the second pass, the head, the prose bounds and its neighbours
def line_kind(line: str) -> str:
    """P: prose (a sentence: 8+ words ending in a full stop, or 20+ words); S: short (5 words or
    fewer); O: anything else."""
    s = line.strip()
    n = len(s.split())
    if (n >= 8 and _TERMINAL.search(s)) or n >= 20:
        return "P"
    return "S" if n <= 5 else "O"


@lru_cache(maxsize=1 << 16)  # a word once per process, not once per use: every line's words are read twice or more
def _norm_tok(t: str) -> str:
    return _DIGIT.sub("0", t.lower().replace("’", "'"))


def _voice_features(s: str, toks: list[str], lex: dict[str, tuple[str, ...]]) -> list[str]:
    """How the line speaks: to the reader or in the site's voice (outside quotation marks), as a
    prompt (an interface verb opening the line or a clause), or as reported news."""
    feats = []
    # the words outside quotation marks: all of them in a line without any (most lines)
    outside = toks if _QUOTES.isdisjoint(s) else list(map(_norm_tok, _TOKEN.findall(_QUOTED.sub(" ", s))))
    said = set(itertools.chain.from_iterable(map(lex.get, outside, itertools.repeat(()))))
    voices = said & {"you", "we", "third"}   # the lexicon's kinds of who speaks
    end = "stop" if _TERMINAL.search(s) else "open"
    for v in sorted(voices):
        feats += [f"voice:{v}", f"voice:{v}:{end}"]
    if not voices:
        feats.append(f"voice:none:{end}")
    if "report" in said:
        feats.append("voice:reported")
    if "voice:reported" in feats and _QUOTED.search(s):
        feats.append("voice:quote+reported")
    # an interface verb opening a clause inside the line ("Already a subscriber? Log in")
    for a, b in zip(toks, toks[1:]):
        if a in _CLAUSE_END and "verb" in lex.get(b, ()):
            feats.append("lex:prompt:clause")
            break
    return feats


def _tag_features(tags: list[tuple[str, str]], n_bucket: str) -> list[str]:
    """The line's grammar from spaCy's tagger: (text, fine tag) of its tokens."""
    words = [g for t, g in tags if t[:1].isalnum()]   # the tags of its words
    if not words:
        return ["tg:empty"]
    feats = [f"tg:first:{words[0]}"]
    if len(words) > 1:
        feats.append(f"tg:first2:{words[0]}_{words[1]}")
    present = set(words)
    verbs = present & _VERB_TAGS
    tense = ("past" if verbs & _PAST else "present" if verbs & _PRESENT else "modal" if "MD" in verbs
             else "base" if "VB" in verbs else "participle" if verbs else "none")
    feats += [f"tg:tense:{tense}", f"tg:tense:{tense}:{n_bucket}"]
    if words[0] == "VB":
        feats.append(f"tg:imperative:{tense}")
    for a, b in zip(tags, tags[1:]):
        if a[0] in _CLAUSE_END and b[1] == "VB":
            feats.append("tg:clause-imperative")
            break
    nnp = words.count("NNP") + words.count("NNPS")
    feats.append(f"tg:nnp:{_bucket(nnp, (0, 1, 2, 4))}")
    feats.append(f"tg:nnp-share:{_bucket(nnp / len(words), (0, 0.25, 0.5, 0.8))}")
    if "PRP" in present or "PRP$" in present:
        feats.append("tg:pronoun")
    return feats


def line_features(line: str, tags: list[tuple[str, str]] | None = None) -> list[str]:
    """What a line is: its words (lower case, digits as 0), word pairs with the line's edges, its
    shape, its voice and, given spaCy's tags of its tokens, its grammar."""
    s = line.strip()
    found = _TOKEN.findall(s)
    toks = list(map(_norm_tok, found))
    feats = [f"w:{t}" for t in toks]
    edged = ["<s>", *toks, "</s>"]
    feats += [f"b:{a}_{b}" for a, b in zip(edged, edged[1:])]
    words = [t for t in found if t[:1].isalpha()]
    n = len(s.split())
    nb = _bucket(n, (1, 2, 3, 4, 6, 9, 14, 20, 30))
    last = s[-1:]
    end = ("." if last == "." else "!" if last == "!" else "?" if last == "?" else ":" if last == ":"
           else "…" if last == "…" else "q" if last in "\"”’')]" else "d" if last.isdigit()
           else "a" if last.isalpha() else "x")
    first = s[:1]
    start = ("U" if first.isupper() else "l" if first.islower() else "d" if first.isdigit()
             else "q" if first in "\"“‘'" else "x")
    caps = sum(map(str.isupper, [w[0] for w in words]))
    ratio = caps / len(words) if words else 0.0
    cap = ("none" if not words else "all" if s.upper() == s and any(c.isalpha() for c in s)
           else "title" if ratio >= 0.8 else "most" if ratio >= 0.5 else "some" if caps > 1 else "few")
    feats += [f"n:{nb}", f"end:{end}", f"start:{start}", f"cap:{cap}", f"shape:{nb}:{end}:{cap}",
              f"nend:{nb}:{end}"]
    quoted = not _QUOTES.isdisjoint(s)
    if quoted:
        feats.append("has:quote")
    if _URLISH.search(s):
        feats.append("has:url")
    if _DIGIT.search(s):   # a time and a date have a digit
        if _TIME.search(s):
            feats.append("has:time")
        if _MONTH.search(s):
            feats.append("has:date")
    if _SEPARATORS.search(s):
        feats.append("has:sep")
    commas = s.count(",")
    feats.append(f"commas:{min(commas, 3)}")
    lex = _lexicon()
    kinds = Counter(itertools.chain.from_iterable(map(lex.get, toks, itertools.repeat(()))))
    del kinds["report"], kinds["third"]   # who speaks, not furniture (``_voice_features``)
    for k, c in kinds.items():
        feats += [f"lex:{k}", f"lex:{k}:{min(c, 3)}", f"lex:{k}:{nb}:{end}"]
    prompt = bool(toks) and "verb" in lex.get(toks[0], ())
    if prompt:
        feats += ["lex:prompt", f"lex:prompt:{end}"]
    n_kinds = len(kinds.keys() - {"you", "we"})
    feats.append(f"lex:kinds:{min(n_kinds, 3)}:{'you' if 'you' in kinds else 'it'}")
    voice = _voice_features(s, toks, lex)
    feats += voice
    grammar = _tag_features(tags, nb) if tags is not None else []
    feats += grammar
    # the interface speaking: how many of its marks the line has together (to the reader, in the
    # site's voice, its vocabulary, a prompt's verb first), and whether it is free of what marks
    # reported news (a past tense, a verb of saying, quotation marks)
    cues = (("voice:you" in voice) + ("voice:we" in voice)
            + bool(kinds.keys() & {"site", "media", "legal", "social", "nav"})
            + (prompt or "lex:prompt:clause" in voice
               or "tg:imperative:base" in grammar or "tg:clause-imperative" in grammar))
    news = "voice:reported" in voice or quoted or "tg:tense:past" in grammar
    gate = "news" if news else "plain"
    feats += [f"iface:{cues}:{gate}", f"iface:{cues}:{gate}:{end}", f"iface:{cues}:{gate}:{nb}"]
    return feats


def _runs(kinds: list[str]) -> list[int]:
    """For each line, the run of non-prose lines it stands in (a prose line: itself and the
    non-prose runs touching it on either side), in linear time."""
    n = len(kinds)
    block = [0] * n            # length of the non-prose run a non-prose line belongs to
    i = 0
    while i < n:
        j = i
        while j < n and kinds[j] != "P":
            j += 1
        block[i:j] = [j - i] * (j - i)
        i = max(j, i + 1)
    out = []
    for i, k in enumerate(kinds):
        if k != "P":
            out.append(block[i])
        else:
            left = block[i - 1] if i > 0 and kinds[i - 1] != "P" else 0
            right = block[i + 1] if i + 1 < n and kinds[i + 1] != "P" else 0
            out.append(left + 1 + right)
    return out


def main_run(weights: list[float]) -> tuple[int, int] | None:
    """The document's main run of prose: the stretch of lines with the greatest total weight
    (prose lines weigh their words, other lines count against it), in linear time; None when no
    line weighs anything."""
    best, best_span = 0.0, None
    cur, start = 0.0, 0
    for i, w in enumerate(weights):
        if cur <= 0:
            cur, start = 0.0, i
        cur += w
        if cur > best:
            best, best_span = cur, (start, i)
    return best_span


def place_features(name: str, span: tuple[int, int] | None, i: int, n: int, share: float) -> list[str]:
    """Line ``i``'s place (of ``n`` lines) against a main run ``span``: before, inside or after it,
    how far, and how many lines stand on its side of the run (an article's head has one to three,
    a web page's furniture dozens)."""
    if span is None:
        return [f"{name}:none"]
    a, b = span
    pos = "in" if a <= i <= b else "before" if i < a else "after"
    feats = [f"{name}:{pos}", f"{name}:{pos}:share{_bucket(share, (0.5, 0.8, 0.95))}"]
    if pos != "in":
        side = _bucket(a if i < a else n - 1 - b, (1, 2, 3, 5, 9))
        feats += [f"{name}:{pos}:{_bucket(a - i if i < a else i - b, (1, 2, 3, 5, 10))}",
                  f"{name}:{pos}:side{side}"]
    else:
        feats.append(f"{name}:in:sides{_bucket(a, (0, 1, 2, 3, 5, 9))}:{_bucket(n - 1 - b, (0, 1, 2, 3, 5, 9))}")
    return feats


def context_features(kinds: list[str], norms: list[str], i: int, counts: dict[str, int],
                     runs: list[int] | None = None) -> list[str]:
    """Where line ``i`` stands: the kinds of its neighbours, the run of non-prose lines it is in,
    whether the article repeats it, whether it opens or closes the text."""
    prev = kinds[i - 1] if i > 0 else "N"
    nxt = kinds[i + 1] if i + 1 < len(kinds) else "N"
    run = _bucket((runs or _runs(kinds))[i], (1, 2, 4, 8))
    prose_near = sum(k == "P" for k in kinds[max(0, i - 5):i] + kinds[i + 1:i + 6])
    feats = [f"ctx:prev:{prev}", f"ctx:next:{nxt}", f"ctx:around:{prev}{kinds[i]}{nxt}", f"ctx:run:{run}",
             f"ctx:run:{run}:{kinds[i]}", f"ctx:prose10:{_bucket(prose_near, (0, 2, 5, 8))}"]
    if counts.get(norms[i], 0) > 1:
        feats.append("ctx:repeated")
    if i == 0:
        feats.append(f"ctx:first:{kinds[i]}")
    if i == len(kinds) - 1:
        feats.append(f"ctx:last:{kinds[i]}")
    return feats


def article_lines(article: Article) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line of the article's blocks, in order."""
    out = []
    text = article.text
    for block in article.blocks:
        pos = block.start
        for line in text[block.start:block.end].split("\n"):
            if line.strip():
                out.append((pos, pos + len(line)))
            pos += len(line) + 1
    return out


def block_line_counts(article: Article) -> list[int]:
    """How many lines of ``article_lines`` each of the article's blocks holds (its non-blank lines)."""
    text = article.text
    return [sum(1 for line in text[b.start:b.end].split("\n") if line.strip()) for b in article.blocks]


def alone_lines(article: Article) -> list[bool]:
    """For each line of ``article_lines``: whether it is a paragraph of its own (its block's only
    non-blank line)."""
    out: list[bool] = []
    for n in block_line_counts(article):
        out += [n == 1] * n
    return out


#: a run of this many table cells or more, most of them this short, is a table of data (a league
#: table, election results), not a page's layout table holding a prompt or the story's paragraphs
DATA_TABLE_CELLS = 4
DATA_CELL_WORDS = 3


def data_table_lines(article: Article) -> list[bool]:
    """For each line of ``article_lines``: whether it is a cell of a table of data the markup
    declares (HTML, Markdown): a run of at least ``DATA_TABLE_CELLS`` table blocks, most of them at
    most ``DATA_CELL_WORDS`` words long. Plain text has no such mark."""
    text = article.text
    counts = block_line_counts(article)
    out: list[bool] = []
    if article.fmt not in ("html", "markdown"):
        return [False] * sum(counts)
    for is_table, run in itertools.groupby(zip(article.blocks, counts), key=lambda bc: bc[0].kind == "table"):
        run = list(run)
        short = sum(1 for b, _ in run if len(text[b.start:b.end].split()) <= DATA_CELL_WORDS)
        data = is_table and len(run) >= DATA_TABLE_CELLS and 2 * short >= len(run)
        out += [data] * sum(n for _, n in run)
    return out


#: a timeline needs this many entries in a row: two dated lines may be a page's stamps
TIMELINE_ENTRIES = 3
#: a timeline's title above it is a short line ("Timeline", "Key dates")
TIMELINE_TITLE_WORDS = 4
#: a timeline's entry: a date opening the line, a colon or a spaced dash, then what happened then
_TIMELINE_ENTRY = re.compile(r"(?P<date>[^:–—]{1,30}?)\s*(?::|\s[-–—])\s+(?P<what>\S.*)")
_MONTH_ABBR = [m.lower() for m in calendar.month_abbr]   # "", "jan", ... "dec"
_DATE_PIECE = re.compile(r"(?P<year>\d{4})s?|(?P<day>\d{1,2})(?:st|nd|rd|th)?|(?P<word>[^\W\d_]+)\.?|,")


def _timeline_date(date: str, year: int | None) -> tuple[int, int, int] | None:
    """The (year, month, day) a timeline entry's date names ("April 2017", "3 March", "March 3,
    2020", "2019", "1990s"), the year carried from the entry above when it names none; None when the
    words are not a date alone (a month or a year needed)."""
    got: dict[str, int] = {}
    pos, s = 0, date.strip()
    for m in _DATE_PIECE.finditer(s):
        if s[pos:m.start()].strip():
            return None
        pos = m.end()
        if m["year"]:
            got.setdefault("year", int(m["year"]))
        elif m["day"]:
            if "day" in got or not 1 <= int(m["day"]) <= 31:
                return None
            got["day"] = int(m["day"])
        elif m["word"]:
            low = m["word"].lower()
            if low not in data.words("month-and-day-names") or low[:3] not in _MONTH_ABBR or "month" in got:
                return None
            got["month"] = _MONTH_ABBR.index(low[:3])
    if s[pos:].strip() or not ("year" in got or "month" in got):
        return None
    if "year" not in got and year is None:
        return None
    return got.get("year", year), got.get("month", 0), got.get("day", 0)


def timeline_lines(lines: list[str]) -> list[bool]:
    """For each line: whether it is an entry of a timeline the article gives (an explainer's "April
    2017: limit introduced" / "July 2021: Supreme Court rules the policy lawful"): at least
    ``TIMELINE_ENTRIES`` lines in a row, each a date, a colon or a spaced dash and what happened
    then (two words or more), the dates in order, earliest first, with its title right above it when
    it has one (a short line, no full stop). A timeline is the article's own: the classifier reads
    the lines around it as if it were not there, as around a table of data (``data_table_lines``),
    where each entry, a short dated line, looked like a page's stamp. A page's list of dated links
    runs latest first, and is judged."""
    keys: list[tuple[int, int, int] | None] = []
    year = None
    for line in lines:
        m = _TIMELINE_ENTRY.fullmatch(line.strip())
        key = _timeline_date(m["date"], year) if m and len(m["what"].split()) >= 2 else None
        keys.append(key)
        year = key[0] if key else None
    out = [False] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j + 1 < len(lines) and keys[j] and keys[j + 1] and keys[j + 1] >= keys[j]:
            j += 1
        if keys[i] and j + 1 - i >= TIMELINE_ENTRIES:
            out[i:j + 1] = [True] * (j + 1 - i)
            # its title right above it ("Timeline", "Key dates:")
            if i and 0 < len(lines[i - 1].split()) <= TIMELINE_TITLE_WORDS \
                    and not _TERMINAL.search(lines[i - 1].strip().rstrip(":")):
                out[i - 1] = True
        i = j + 1
    return out


#: a line an article numbers itself: "1. Finland", "2) Improve site search"
_NUMBERED = re.compile(r"\s*(\d{1,2})[.)]\s+\S")
#: the fewest items of an article's own numbered list, and the words of a line of prose between the
#: headings of a numbered listicle or of the sentence that introduces a list (ending with a colon)
ENUMERATED_ITEMS = 3
ENUMERATED_PROSE_WORDS = 8
ENUMERATED_INTRO_WORDS = 5


def enumerated_lines(lines: list[str]) -> list[bool]:
    """For each line: whether it is an item of a list the article numbers itself, 1, 2, 3 ... in
    order, at least ``ENUMERATED_ITEMS`` of them, in either shape: a run of lines right under a
    sentence of the article that introduces it (`The countries ranked as follows:` / `1. Finland` /
    `2. Norway` ...), or a listicle's numbered headings each followed by its paragraphs of prose
    (`1. Upsell and cross-sell` / its paragraph / `2. Improve site search` ...). A page's numbered
    list of related headlines comes as a run under a label (`Most read`), not under a sentence."""
    out = [False] * len(lines)
    nums = [int(m.group(1)) if (m := _NUMBERED.match(x)) else None for x in lines]
    prose = [len(x.split()) >= ENUMERATED_PROSE_WORDS and nums[i] is None for i, x in enumerate(lines)]
    for i, first in enumerate(nums):
        if first != 1:
            continue
        # a run of items right under a sentence that introduces it
        run = [i]
        while run[-1] + 1 < len(lines) and nums[run[-1] + 1] == len(run) + 1:
            run.append(run[-1] + 1)
        intro = lines[i - 1].rstrip() if i else ""
        if len(run) >= ENUMERATED_ITEMS and intro.endswith(":") and len(intro.split()) >= ENUMERATED_INTRO_WORDS:
            for j in run:
                out[j] = True
            continue
        # a listicle's headings: each item followed by prose before the next
        items, j = [i], i + 1
        while j < len(lines):
            if nums[j] == len(items) + 1 and any(prose[items[-1] + 1:j]):
                items.append(j)
            elif nums[j] is not None:
                break
            j += 1
        if len(items) >= ENUMERATED_ITEMS and any(prose[items[-1] + 1:]):
            for j in items:
                out[j] = True
    return out


def line_tags(doc, spans: list[tuple[int, int]]) -> list[list[tuple[str, str]]]:
    """spaCy's (lower-case text, fine tag) of the tokens inside each (start, end) span of the
    document's text, in linear time (spans in order, not overlapping)."""
    return list(iter_line_tags(doc, spans))


def iter_line_tags(doc, spans: list[tuple[int, int]], wanted: list[bool] | None = None
                   ) -> Iterator[list[tuple[str, str]] | None]:
    """``line_tags`` one span at a time: a huge article's tags are never all held at once. Read from
    the document's arrays (``copylint.tokens``), not a Token object per token: a span's tokens are
    found by bisection among the offsets of the tokens that are not white space. ``wanted``: whether
    each span's tags are read (None for the others: a paragraph the model does not judge, whose
    tokens are most of an article's)."""
    import numpy as np
    words = np.flatnonzero(tokens.column(doc, "IS_SPACE") == 0)
    offsets = tokens.column(doc, "IDX")[words]
    lower, tag = tokens.column(doc, "LOWER")[words], tokens.column(doc, "TAG")[words]
    strings = doc.vocab.strings
    text: dict[int, str] = {}   # each hash's string, looked up once (the StringStore costs ten times a dict)
    # every span's first token and the token after its last, in one call (not two a span)
    bounds = np.searchsorted(offsets, np.asarray(spans, dtype=np.int64).reshape(-1, 2)).tolist()
    at = 0  # the first token not yet read: each token belongs to the first span that ends after it
    for k, (first, stop) in enumerate(bounds):
        stop = max(at, stop)
        if wanted is None or wanted[k]:
            first = max(at, first)
            hs, gs = lower[first:stop].tolist(), tag[first:stop].tolist()
            for h in set(hs + gs).difference(text):
                text[h] = strings[h]
            yield [(text[h], text[g]) for h, g in zip(hs, gs)]
        else:
            yield None
        at = stop


def document_features(lines: list[str], tags: list[list[tuple[str, str]]] | None = None
                      ) -> list[list[str] | None]:
    """Every line's first-pass features (what the line is); None for a line the model does not
    judge: one too long (a paragraph), and the only line of a one-line text (no context to judge
    it by). ``tags``: spaCy's tags of each line's tokens (see ``line_tags``), or None."""
    return list(iter_document_features(lines, tags))


def iter_document_features(lines: list[str], tags=None) -> Iterator[list[str] | None]:
    """``document_features`` one line at a time (``tags``: a list, or an iterator read in step
    with the lines, e.g. ``iter_line_tags``): the classifier scores each line's features and drops
    them, so a huge article's features are never all held at once."""
    if len(lines) < 2:
        yield from [None] * len(lines)
        return
    tag_iter = iter(tags) if tags is not None else None
    for x in lines:
        t = next(tag_iter) if tag_iter is not None else None
        yield line_features(x, t) if modelled(x) else None


def modelled(line: str) -> bool:
    """Whether the classifier judges a line by its length: ``MAX_MODEL_WORDS`` words or fewer (a
    longer line is a paragraph)."""
    return len(line.split()) <= MAX_MODEL_WORDS


_ABBREVIATION_END = re.compile(r"\b(?:[A-Z]\.){2,}[\"'”’)]*$")   # "... in U.S." ends no sentence


def head_lines(lines: list[str], within: int = 4) -> range:
    """The article's head: the lines above its first paragraph (a headline, a standfirst, a
    byline), when that paragraph is one of its first ``within`` lines. A first line that reads like a
    sentence only because it ends in an abbreviation ("... in U.S.") is a headline. The
    classifier leaves the head alone; the listed phrases still apply there."""
    opens = 1 if lines and _ABBREVIATION_END.search(lines[0].strip()[-40:]) else 0
    first = next((j for j, x in enumerate(lines[opens:within], opens) if line_kind(x) == "P"), None)
    return range(first or 0)


def _p_bucket(p: float | None) -> str:
    if p is None:
        return "N"
    return "0" if p < 0.2 else "1" if p < 0.5 else "2" if p < 0.8 else "3" if p < 0.95 else "4"


def _z_bucket(p: float | None) -> str:
    """The first pass's verdict, finely: its log-odds in bins."""
    if p is None:
        return "N"
    z = math.log(max(p, 1e-9) / max(1.0 - p, 1e-9))
    return _bucket(z, (-4.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0))


def second_pass_features(p1: list[float | None], lines: list[str]) -> list[list[str]]:
    """Every line's second-pass features (see ``iter_second_pass_features``)."""
    return list(iter_second_pass_features(p1, lines))


def iter_second_pass_features(p1: list[float | None], lines: list[str], wanted: list[bool] | None = None
                              ) -> Iterator[list[str] | None]:
    """Where each line stands, with what the first pass made of it: its shape, its neighbours
    (their kinds and first-pass verdicts: residue rarely comes alone), the run of short lines it
    is in, whether the text repeats it, and its place against the text's main run of prose,
    found twice from the lines' shapes and once from the first pass's verdicts (before it, inside
    it, after it, how far, how many lines on its side). No words: the first pass has judged them.
    ``wanted``: whether each line's features are made (None for the others: the lines the second
    pass does not score)."""
    n = len(lines)
    kinds = [line_kind(x) for x in lines]
    norms = [_norm(x) for x in lines]
    counts: dict[str, int] = {}
    for x in norms:
        counts[x] = counts.get(x, 0) + 1
    runs = _runs(kinds)
    sizes = [len(x.split()) for x in lines]
    total = sum(sizes) or 1
    weights = []
    for p, size in zip(p1, sizes):
        if p is not None:
            weights.append((0.5 - p) * min(max(size, 3), MAX_MODEL_WORDS))
        else:
            weights.append(float(size) if size > MAX_MODEL_WORDS else 0.0)
    spans = {"run2": main_run(weights)}
    for pen in (5, 20):
        spans[f"run{pen}"] = main_run([size if k == "P" else -pen for size, k in zip(sizes, kinds)])
    shares = {k: sum(sizes[v[0]:v[1] + 1]) / total if v else 0.0 for k, v in spans.items()}
    for i in range(n):
        if wanted is not None and not wanted[i]:
            yield None
            continue
        z = _z_bucket(p1[i])
        line = lines[i].strip()
        nb = _bucket(sizes[i], (1, 2, 3, 4, 6, 9, 14, 20, 30))
        end = "stop" if _TERMINAL.search(line) else "open"
        f = [f"p1:{z}", f"p1:{z}:{kinds[i]}", f"p1:{z}:{end}", f"n:{nb}", f"nend:{nb}:{end}"]
        ctx = context_features(kinds, norms, i, counts, runs)
        f += ctx + [f"p1:{z}:{ctx[2]}"]   # the verdict, given the kinds of lines around
        prev = p1[i - 1] if i > 0 else None
        nxt = p1[i + 1] if i + 1 < n else None
        near = [p for p in p1[max(0, i - 2):i] + p1[i + 1:i + 3] if p is not None]
        wide = [p for p in p1[max(0, i - 5):i] + p1[i + 1:i + 6] if p is not None]
        pb, nxb = _p_bucket(prev), _p_bucket(nxt)
        f += [f"nb:prev:{pb}", f"nb:next:{nxb}", f"nb:both:{pb}{nxb}",
              f"nb:max2:{_p_bucket(max(near) if near else None)}",
              f"nb:mean5:{_p_bucket(sum(wide) / len(wide) if wide else None)}",
              f"p1:{z}:nb:{pb}{nxb}"]
        for name, span in spans.items():
            place = place_features(name, span, i, n, shares[name])
            f += place
            f += [f"p1:{z}:{x}" for x in place[:1] + place[3:4]]   # the verdict, given the place
        yield f


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


#: the line-alone judge's buckets of the line-vector scorer's probability (``vector_feature``)
VECTOR_EDGES = (0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95)


def vector_feature(model: tuple, vec) -> str | None:
    """The line-alone judge's feature of what a line means (a vector: ``wordfit.Model.embed``): the bucket of the probability of residue a linear scorer of the
    vector gives (``model``: its bias and weights, the training rows' standardisation folded in,
    and optionally its buckets' edges, else ``VECTOR_EDGES``); None without a vector."""
    if vec is None:
        return None
    bias, weights, *edges = model
    # a vector wider than the weights (a joined one) is read by its first len(weights) numbers
    z = bias + float(sum(a * b for a, b in zip(weights, vec.tolist())))
    return "sv:" + _bucket(_logistic(z), tuple(edges[0]) if edges else VECTOR_EDGES)


def int8_rows(rows) -> bytes:
    """Unit vectors kept as the model file holds them (``Neighbours``): each row scaled to its
    largest component, rounded to int8 (cosines move by about 0.001), the bytes row by row."""
    import numpy as np

    x = np.asarray(rows, dtype=np.float32)
    x = x / np.maximum(np.abs(x).max(axis=1, keepdims=True), 1e-12) * 127.0
    return np.rint(x).astype(np.int8).tobytes()


def _unit_rows(rows, width: int):
    """A matrix of row vectors (a list, an array, ``int8_rows``'s bytes or the model file's
    ``_Rows``) with unit rows."""
    import numpy as np

    if isinstance(rows, (bytes, _Rows)):
        rows = np.frombuffer(bytes(rows), dtype=np.int8).reshape(-1, width)
    x = np.asarray(rows, dtype=np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


# --- the model file -----------------------------------------------------------------------------
# ``rules/residue_model.zip`` (session 17; ``residue_model.json`` before, 4.5 MB): a zip of
# deflated members, ``model.json`` (the spec: thresholds, the passes' and the line-alone judge's
# weights, the vector scorer, exactly as the JSON file held them) and, for each matrix of the
# nearest lines' int8 vectors (``int8_rows``), a member of its own: the rounded mean of each
# column, then each row less its column's mean (mod 256), which deflates 4 % smaller than the rows
# as they are. Read with the standard library alone (no numpy), to the same spec, the rows as the
# bytes ``int8_rows`` made; written the same bytes for the same spec (fixed dates and attributes).
MODEL_FILE = "residue_model.zip"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_BYTE_ROTATIONS = bytes(range(256)) * 2


def _centred(rows: bytes, width: int) -> bytes:
    """``int8_rows``'s bytes as the model file keeps them: the columns' rounded means (int8), then
    each byte less its column's (mod 256)."""
    import numpy as np

    x = np.frombuffer(bytes(rows), dtype=np.int8).reshape(-1, width).astype(np.int16)
    mean = np.rint(x.mean(axis=0)).astype(np.int16) if len(x) else np.zeros(width, np.int16)
    return mean.astype(np.int8).tobytes() + ((x - mean) % 256).astype(np.uint8).tobytes()


def _uncentred(blob: bytes, width: int) -> bytes:
    """``_centred`` undone without numpy: each column's bytes shifted back by its mean (a byte
    table a column)."""
    means, rest = blob[:width], blob[width:]
    out = bytearray(len(rest))
    for j, m in enumerate(means):
        out[j::width] = rest[j::width].translate(_BYTE_ROTATIONS[m:m + 256])
    return bytes(out)


def model_bytes(spec: dict) -> bytes:
    """A model spec as the model file's bytes (``MODEL_FILE``): the same bytes for the same spec."""
    spec = copy.deepcopy(spec)
    members = []
    nb = (spec.get("alone") or {}).get("vector", {}).get("neighbours")
    if nb:
        width = len(spec["alone"]["vector"]["weights"])   # the rows' width, as ``ResidueModel`` reads them
        for part in Neighbours.MATRICES:
            name = f"neighbours-{part}.i8"
            members.append((name, _centred(nb[part], width)))
            nb[part] = name
    members.insert(0, ("model.json", json.dumps(spec, ensure_ascii=False, separators=(",", ":")).encode("utf-8")))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, blob in members:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o644 << 16
            z.writestr(info, blob, compresslevel=9)
    return buf.getvalue()


class _Rows:
    """A matrix of the model file's nearest-line vectors, inflated when first read (``bytes``): a
    process that reads no line's meaning never inflates them (about 17 ms of CPU)."""

    def __init__(self, raw: bytes, name: str, width: int) -> None:
        self.raw, self.name, self.width = raw, name, width

    def __bytes__(self) -> bytes:
        with zipfile.ZipFile(io.BytesIO(self.raw)) as z:
            return _uncentred(z.read(self.name), self.width)


def model_spec(raw: bytes | None = None, lazy: bool = False) -> dict:
    """The model spec a model file's bytes hold (``model_bytes``; by default the shipped file's),
    a fresh dict each call; ``lazy``: the nearest lines' rows inflated when first read (``_Rows``)."""
    raw = data.read_bytes(MODEL_FILE) if raw is None else raw
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        spec = json.loads(z.read("model.json").decode("utf-8"))
    nb = (spec.get("alone") or {}).get("vector", {}).get("neighbours")
    if nb:
        width = len(spec["alone"]["vector"]["weights"])
        for part in Neighbours.MATRICES:
            rows = _Rows(raw, nb[part], width)
            nb[part] = rows if lazy else bytes(rows)
    return spec


class Neighbours:
    """A line's meaning read by its nearest training lines (session 15): the mean cosine of its
    vector (``wordfit.Model.embed``) to its ``k`` nearest residue lines minus that to its ``k``
    nearest prose lines, bucketed (``edges``) as the line-alone judge's feature ``sk:B``. The
    training lines' vectors are kept as int8 (``int8_rows``), read (with numpy) at the first line
    asked for: a model is loaded, and judges lines without vectors, where numpy is not installed."""

    #: the spec's matrices of training lines (each a member of its own in the model file)
    MATRICES = ("residue", "prose")

    def __init__(self, spec: dict, width: int) -> None:
        self.k = int(spec["k"])
        self.edges = tuple(float(e) for e in spec["edges"])
        self.spec, self.width = spec, width
        #: where its part of a joined vector starts (session 16: the sentence embedder's part of
        #: ``wordfit+sentence``, the linear scorer reading the word-fit part); 0: the whole vector
        self.offset = int(spec.get("offset", 0))

    @cached_property
    def residue(self):
        return _unit_rows(self.spec["residue"], self.width)

    @cached_property
    def prose(self):
        return _unit_rows(self.spec["prose"], self.width)

    def margin(self, vecs):
        """Each vector's margin (a matrix of row vectors in, an array out)."""
        import numpy as np

        v = np.asarray(vecs, dtype=np.float32)
        v = (v.reshape(1, -1) if v.ndim == 1 else v)[:, self.offset:self.offset + self.width]
        v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)

        def top(m, u):   # a row at a time, without BLAS's threads (which spin on a busy machine)
            k = min(self.k, m.shape[0])
            return float(np.partition(np.einsum("ij,j->i", m, u), m.shape[0] - k)[-k:].mean())

        return np.array([top(self.residue, u) - top(self.prose, u) for u in v])

    def labels(self) -> list[str]:
        return ["sk:" + b for b in _bucket_labels(self.edges)]

    def feature(self, vec) -> str:
        return "sk:" + _bucket(float(self.margin(vec)[0]), self.edges)


class Kinds:
    """A line's meaning read as a kind of residue (session 15): a multinomial scorer of its vector
    over prose and the kinds of residue the training lines carry (``kinds``, prose first; the
    standardisation folded into ``weights``, one row a class). ``mode`` ``top``: the bucket of the
    likeliest residue kind's probability (``sm:B``); ``kind``: that kind with it (``sm:KIND:B``)."""

    def __init__(self, spec: dict) -> None:
        import numpy as np

        self.kinds = list(spec["kinds"])
        self.bias = np.asarray(spec["bias"], dtype=np.float64)
        self.weights = np.asarray(spec["weights"], dtype=np.float64)
        self.edges = tuple(float(e) for e in spec["edges"])
        self.mode = spec.get("mode", "top")

    def probabilities(self, vecs):
        import numpy as np

        z = np.asarray(vecs, dtype=np.float64).reshape(-1, self.weights.shape[1]) @ self.weights.T + self.bias
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)

    def labels(self) -> list[str]:
        heads = ["sm:"] if self.mode == "top" else [f"sm:{k}:" for k in self.kinds[1:]]
        return [h + t for h in heads for t in _bucket_labels(self.edges)]

    def feature(self, vec) -> str:
        p = self.probabilities(vec)[0]
        j = 1 + int(p[1:].argmax())
        head = "sm:" if self.mode == "top" else f"sm:{self.kinds[j]}:"
        return head + _bucket(float(p[j]), self.edges)


def furniture_block(lines: list[str], p1: list[float | None], penalty: float, side: int) -> list[bool]:
    """Which lines stand in a block of page furniture: outside the text's main run of prose (the
    lines the first pass judged prose weigh their words, the others ``-penalty`` each), on a side
    of it with ``side`` lines or more (a web page copied whole; an article's head or foot has one
    to three lines)."""
    sizes = [len(x.split()) for x in lines]
    weights = [(size if p < 0.5 else -penalty) if p is not None else (size if size > MAX_MODEL_WORDS else 0)
               for p, size in zip(p1, sizes)]
    span = main_run(weights)
    n = len(lines)
    if span is None:
        return [False] * n
    a, b = span
    return [(i < a and a >= side) or (i > b and n - 1 - b >= side) for i in range(n)]


# --- the line-alone judge -----------------------------------------------------------------------
# A residue line pasted singly into an article stands among prose: the second pass sees prose
# around it and no furniture, and the first pass's threshold is set by every short line of
# professional copy. A third logistic regression judges only the lines that stand alone as a
# paragraph and do not read as a finished sentence of news (no sentence-final stop, or it speaks to
# the reader or as the site, or it has the marks of an interface), by what they are (the first
# pass's features) and by how little they share with the article around them: an article's own
# headline, subheading or caption names its people, places and topic; a prompt, a consent line or
# a related headline does not. Of its position: whether it stands in the head, in the body or last
# (a byline is in place at the head of an article, out of place in its body), and how it stands
# against the two lines above it and the two below (``beside_features``): no neighbours' verdicts.
# A caption ends in a full stop: the judge also looks at a sentence with a caption's shape (a scene
# described in the present tense, with a name; ``shape_features``). In the article's head, where
# headlines, bylines and datelines are in place, it may have a threshold of its own.
ALONE_MAX_WORDS = 25
ALONE_MAX_CHARS = 400   # a longer line of 25 words or fewer is not a line of text (a run of symbols, a URL)


#: whether the line-alone judge reads whether a line's names are the text's (``name_features``)
NAME_FEATURES = True


def _stem(t: str) -> str:
    return t[:5]


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """Function words (``rules/function_words.txt``: spaCy's English stop words)."""
    return frozenset(data.phrases("function_words.txt"))


def content_stems(line: str) -> list[str]:
    """The line's content words (three letters or more, not function words), cut to their first
    five letters (a cheap stem: "strikes", "striking" and "striker" share one)."""
    return list(_content_stems(line))


@lru_cache(maxsize=4096)  # the line-alone judge reads a line's stems again for each line beside it
def _content_stems(line: str) -> tuple[str, ...]:
    stop = _stop_words()
    out = []
    for t in LETTER_WORD.findall(line.replace("’", "'")):   # the words _TOKEN finds, not its figures and marks
        t = t.lower()
        if t[:1].isalpha() and len(t) >= 3 and t not in stop:
            t = t.split("'", 1)[0] if "'" in t else t
            if t not in stop:
                out.append(_stem(t))
    return tuple(out)


def stem_counts(lines: list[str]) -> Counter:
    """How many lines of the text use each content stem, and (keyed ``_WORD_KEY`` + the word, for
    ``name_features``) each word, lower-cased."""
    c: Counter = Counter()
    for x in lines:
        c.update(set(content_stems(x)))
        c.update(_WORD_KEY + w for w in _line_words(x))
    return c


_WORD_KEY = "\0"   # a word's key in ``stem_counts`` (no stem starts with it)


@lru_cache(maxsize=4096)
def _line_words(line: str) -> frozenset[str]:
    return frozenset(t.lower().replace("’", "'").split("'", 1)[0] for t in LETTER_WORD.findall(line))


@lru_cache(maxsize=4096)
def _names(line: str) -> tuple[str, ...]:
    """The line's capitalised words after its first (the names a line mentions, or a title's
    capitals), lower-cased, function words left out."""
    stop = _stop_words()
    words = LETTER_WORD.findall(line)
    out = []
    for t in words[1:]:
        w = t.replace("’", "'").split("'", 1)[0]
        if len(w) >= 2 and w[:1].isupper() and w.lower() not in stop:
            out.append(w.lower())
    return tuple(dict.fromkeys(out))


def name_features(line: str, counts: Counter, own: bool = True, place: str | None = None) -> list[str]:
    """Whether the names a line among the paragraphs mentions (``_names``) are the text's (session
    17): residue pasted from another story (a related headline, a caption, a byline) names people
    and places the article never does, where the article's own subheading or caption names its
    own. Only in the body (``place`` "body", ``place_of``): in the head or closing the copy, a
    byline, a dateline or a credit names what the text does not, in place (read there too, the
    calibration copy's head lines rose and the thresholds with them: docs/measurements.md).
    ``counts``: ``stem_counts`` of the text (``own``: the line is one of its lines); features
    ``nm:STATE:body`` and ``nm:STATE:N:body``, STATE new (none of its names elsewhere in the text),
    some or known, N 1 or 2+ names."""
    names = _names(line) if place == "body" else ()
    if not names:
        return []
    mine = int(own)
    new = sum(counts.get(_WORD_KEY + w, 0) - mine <= 0 for w in names)
    state = "new" if new == len(names) else "known" if new == 0 else "some"
    n = "1" if len(names) == 1 else "2+"
    return [f"nm:{state}:body", f"nm:{state}:{n}:body"]


def alone_gate(feats: list[str] | None, line: str) -> bool:
    """Whether the line-alone judge looks at a line (given its first-pass features): short, and not
    a finished sentence of reported news: no sentence-final stop, or an interface's marks (to the
    reader, in the site's voice, its vocabulary, a prompt's verb) free of reported news's (a past
    tense, a verb of saying, quotation marks), or a shape of a byline, a timestamp or a credit
    (``shape_features``: "By NAME", "Label: ...", "Name/Agency", a picture credit, a time or a
    date), or a caption's (a scene described in the present tense, with a name)."""
    return _alone_gate(feats, line)[0]


def _alone_gate(feats: list[str] | None, line: str) -> tuple[bool, list[str] | None]:
    """``alone_gate``, and the line's ``shape_features`` when the gate read them (else None), so
    that the judge's features do not make them again."""
    if feats is None or len(line) > ALONE_MAX_CHARS:
        return False, None
    n = len(line.split())
    if n > ALONE_MAX_WORDS:
        return False, None
    if not _TERMINAL.search(line.strip()):
        return True, None
    if not _IFACE_PLAIN.isdisjoint(feats):
        return True, None
    if n > 12 and not _caption_grammar(feats):   # past this, only a caption's shape is looked at
        return False, None
    shapes = shape_features(line, feats)
    if "sh:caption" in shapes:
        return True, shapes
    return n <= 12 and bool(
        _STAMP_SHAPES.intersection(shapes) or "has:time" in feats or "has:date" in feats), shapes


#: an interface's marks free of reported news's (``line_features``' "iface:CUES:plain", CUES 1-4)
_IFACE_PLAIN = frozenset(f"iface:{c}:plain" for c in range(1, 5))


def _caption_grammar(feats: list[str]) -> bool:
    """What a caption's shape (``shape_features``) asks of a line's first-pass features: a name, the
    present tense or a participle, not reported nor speaking to the reader or as the site."""
    return ("tg:nnp:0" not in feats and ("tg:tense:present" in feats or "tg:tense:participle" in feats)
            and "voice:reported" not in feats and "voice:you" not in feats and "voice:we" not in feats)


def overlap_features(line: str, counts: Counter, own: bool = True) -> list[str]:
    """How much of the line's vocabulary the rest of the text shares: ``counts`` counts, per content
    stem, the lines of the text that use it (``own``: the line is one of them)."""
    stems = set(content_stems(line))
    s = line.strip()
    end = "stop" if _TERMINAL.search(s) else "open"
    if not stems:
        return ["ov:none", f"ov:none:{end}"]
    mine = int(own)
    share = sum(counts.get(t, 0) - mine > 0 for t in stems) / len(stems)
    shared2 = sum(counts.get(t, 0) - mine > 1 for t in stems) / len(stems)
    n = _bucket(len(stems), (1, 2, 4, 7))
    sb = _bucket(share, (0.0, 0.2, 0.4, 0.6, 0.8))
    return [f"ov:{sb}", f"ov:{sb}:{n}", f"ov:{sb}:{end}", f"ov2:{_bucket(shared2, (0.0, 0.2, 0.5))}",
            f"ov:{sb}:{'caps' if s[:1].isupper() else 'low'}"]


_NAME_WORD = re.compile(r"[^\W\d_][\w.'’-]*")
_SLASH = re.compile(r"\s?/\s?[^\W\d_]")
_RUN_END = re.compile(r"[\w.'’-]+$")
_PAREN_TAIL = re.compile(r"[(\[]([^()\[\]]{2,60})[)\]]\W*$")            # "... (Jane Roe)"
_LABEL = re.compile(r"^[^\W\d_][\w'’-]*(?:\s+[\w'’-]+){0,2}\s*:\s+\S")  # "Label: rest"


_STAMP_SHAPES = frozenset({"sh:by", "sh:label", "sh:slash", "sh:paren-names", "sh:credit", "sh:name-role"})
#: the shapes the line-alone judge crosses with a line's place (``place_of``): a byline, a credit
#: or a caption is in place at an article's head or under its picture, not pasted between paragraphs
_PLACED_SHAPES = _STAMP_SHAPES | {"sh:caption", "sh:name", "sh:headlinese"}
_DETERMINERS = data.words("headline-articles")
_ROLE_TAIL = re.compile(r"^((?:[^\W\d_][\w.'’-]*\s+){1,3}[^\W\d_][\w.'’-]*)\s*(?:,|\||–|—|\s-)\s*(\S.{0,60})$")


def _slash_credit(s: str) -> bool:
    """A picture credit's "Name/Agency": a run of word characters with a letter in it, a slash, a
    letter (in linear time: each slash looks back at most 80 characters)."""
    for m in _SLASH.finditer(s):
        run = _RUN_END.search(s[max(0, m.start() - 80):m.start()])
        if run and any(c.isalpha() for c in run.group()):
            return True
    return False


def _by_name(words: list[str]) -> bool:
    """A "By NAME" line's words (a byline): "by", then a capitalised word."""
    return len(words) >= 2 and words[0].lower() == "by" and words[1][:1].isupper()


def _capitalised(words: list[str]) -> bool:
    return bool(words) and all(w[:1].isupper() for w in words)


def shape_features(line: str, feats: list[str]) -> list[str]:
    """The shapes of page furniture a line has, by its form alone (``feats``: its first-pass
    features, for its grammar): a bare name (two to four capitalised words, no verb, no stop), a
    "By NAME" line, a "Label: ..." line, a picture credit's "Name/Agency" or a closing parenthesis
    of capitalised words, a picture credit (``_credit``), a "NAME, role" line, a headline
    (capitalised, three words or more, no full stop, no quotation marks) and a headline's grammar
    (a verb not in the past, no article: "Floods close valley road"), a caption (a scene
    described in the present tense with a name, no quotation, not reported nor speaking to the
    reader). How much each shape weighs, and where, the judge learns from the pages."""
    s = line.strip()
    words = _NAME_WORD.findall(s)
    stop = bool(_TERMINAL.search(s))
    verbless = "tg:tense:none" in feats
    out = []
    if 2 <= len(words) <= 4 and _capitalised(words) and verbless and not stop and not any(c.isdigit() for c in s):
        out.append("sh:name")
    if _by_name(words):
        out.append("sh:by" if _capitalised(words[1:3]) else "sh:by-low")
    if _LABEL.search(s):
        out.append("sh:label")
    if _slash_credit(s):
        out.append("sh:slash")
    m = _PAREN_TAIL.search(s)
    if m:
        inner = _NAME_WORD.findall(m.group(1))
        out.append("sh:paren-names" if _capitalised(inner) else "sh:paren")
    quoted = not _QUOTES.isdisjoint(s)
    if len(words) >= 3 and s[:1].isupper() and not stop and not quoted:
        out.append("sh:headline" if verbless else "sh:headline-verb")
        if len(words) >= 4 and not verbless and "tg:tense:past" not in feats \
                and not _DETERMINERS.intersection(w.lower() for w in words):
            out.append("sh:headlinese")
    if _credit(s, m):
        out.append("sh:credit")
    r = _ROLE_TAIL.search(s)
    if (r and not stop and _capitalised(_NAME_WORD.findall(r.group(1))) and len(r.group(2).split()) <= 6
            and not any(c.isdigit() for c in s)):
        out.append("sh:name-role")
    if 6 <= len(words) <= ALONE_MAX_WORDS and s[:1].isupper() and not quoted and _caption_grammar(feats):
        out.append("sh:caption")
    return out or ["sh:none"]


def _credit(s: str, paren: re.Match | None) -> bool:
    """A picture credit's shape: a word of the media lexicon ("Photo", "Getty", "Reuters") opening
    the line as a label ("Photo: ...", "Image by ...", "Picture courtesy ..."), in its closing
    parenthesis ("... (Photo: Jane Roe)") or closing a short line ("Jane Roe, AP")."""
    lex = _lexicon()
    toks = [_norm_tok(t) for t in _TOKEN.findall(s)]
    media = [("media" in lex.get(t, ())) for t in toks]
    for i in range(min(2, len(toks) - 1)):
        if media[i] and (toks[i + 1] in (":", "/", "|", "by", "courtesy", "credit")):
            return True
    if paren is not None and any("media" in lex.get(_norm_tok(t), ()) for t in _TOKEN.findall(paren.group(1))):
        return True
    return len(toks) <= 12 and any(media[-2:]) and not _TERMINAL.search(s) and toks[0][:1].isalpha()


ALONE_HEAD_LINES = 6   # the line-alone judge's head: the lines above a first paragraph among the first six


def place_of(i: int, n: int, head: range) -> str:
    """Where a line stands in its text, for the line-alone judge: in the article's head (headline,
    standfirst, byline, dateline: ``head_lines(lines, ALONE_HEAD_LINES)``), last, or in the body. A
    byline or a timestamp is in place at the head; in the body it was pasted there."""
    return "head" if i in head else "last" if i == n - 1 else "body"


_SHAPES_BESIDE = frozenset({"sh:headline", "sh:headline-verb", "sh:name", "sh:label", "sh:none"})


def _tense(feats: list[str]) -> str:
    """The line's tense as the first pass read it from spaCy's tags ("untagged" without tags)."""
    return next((f[9:] for f in feats if f.startswith("tg:tense:") and f.count(":") == 2), "untagged")


def beside_features(line: str, feats: list[str], shapes: list[str], before: list[str],
                    after: list[str]) -> list[str]:
    """How a line stands against the lines beside it (``before``: up to two lines above it, the
    nearest last; ``after``: up to two below, the nearest first): whether they are prose
    paragraphs, sentences or short lines (``line_kind``), how much of its vocabulary they share (a
    subheading or a caption of the article shares the story's words with the paragraphs beside
    it; a related headline or a prompt does not), each crossed with its end, its tense (a caption
    describes a scene in the present tense among paragraphs reporting in the past) and its
    furniture shape (``shape_features``)."""
    prev = line_kind(before[-1]) if before else "N"
    nxt = line_kind(after[0]) if after else "N"
    around = prev + nxt
    end = "stop" if _TERMINAL.search(line.strip()) else "open"
    tense = _tense(feats)
    out = [f"nx:{around}", f"nx:{around}:{end}", f"nx:{around}:{tense}", f"nx:{tense}:{end}:{'prose' if 'P' in around else 'short'}"]
    stems = set(content_stems(line))
    near: set[str] = set()
    for x in before + after:
        near.update(content_stems(x))
    if not stems or not near:
        return out + ["nx:ov:none"]
    sb = _bucket(len(stems & near) / len(stems), (0.0, 0.25, 0.5))
    out += [f"nx:ov:{sb}", f"nx:ov:{sb}:{end}", f"nx:ov:{sb}:{around}", f"nx:ov:{sb}:{tense}"]
    out += [f"nx:ov:{sb}:{x}" for x in shapes if x in _SHAPES_BESIDE]
    return out


def end_runs(lines: list[str]) -> dict[int, list[str]]:
    """What the run of lines closing an article says of each of its lines (session 18): the lines
    after the last paragraph of prose (``prose_bounds``), when two or more: how many they are
    (``closing:run:2``, ``3+``) and how much of the run's vocabulary the text above it uses
    (``closing:ov:new``: none, ``low``: under half, ``high``; ``none``: the run has no content
    word), alone and crossed. A desk's closing lines (a credit, a sign-off, a tag) are one or two
    and share the story's names; a block of related headlines pasted after it runs longer on
    words of other stories. One line alone after the last paragraph has no run: that is how desks
    close copy too (a tag such as ``Energy``), never a block. A text without prose has no run."""
    bounds = prose_bounds(lines)
    if bounds is None or bounds[1] >= len(lines) - 2:
        return {}
    last = bounds[1]
    above: set[str] = set()
    for x in lines[:last + 1]:
        above.update(content_stems(x))
    run: set[str] = set()
    for x in lines[last + 1:]:
        run.update(content_stems(x))
    size = len(lines) - 1 - last
    r = "3+" if size >= 3 else str(size)
    share = len(run & above) / len(run) if run else None
    ov = "none" if share is None else "new" if share == 0 else "low" if share < 0.5 else "high"
    feats = [f"closing:run:{r}", f"closing:ov:{ov}", f"closing:run:{r}:ov:{ov}"]
    return {i: feats for i in range(last + 1, len(lines))}


def alone_features(line: str, feats: list[str], counts: Counter, own: bool = True,
                   place: str | None = None, beside: tuple[list[str], list[str]] | None = None,
                   shapes: list[str] | None = None, end: list[str] | None = None) -> list[str]:
    """The line-alone judge's features: the first pass's (what the line is), its vocabulary's
    overlap with the rest of the text (``counts``: see ``overlap_features``), its furniture shapes
    (``shape_features``), given its ``place`` (``place_of``) each of them crossed with it, and given
    the lines ``beside`` it (the two above, the two below), how it stands against them
    (``beside_features``). ``shapes``: the line's ``shape_features``, when already made; ``end``:
    the line's ``end_runs`` features, when it closes the article."""
    shapes = shape_features(line, feats) if shapes is None else shapes
    out = feats + overlap_features(line, counts, own) + shapes
    if NAME_FEATURES:
        out += name_features(line, counts, own, place)
    if place is not None:
        stamps = [x for x in shapes if x in _PLACED_SHAPES] + [f for f in feats if f in ("has:time", "has:date")]
        out += [f"at:{place}:{k}" for k in stamps]
    if beside is not None:
        out += beside_features(line, feats, shapes, *beside)
    if end:
        out += end
    return out


def line_alone_features(line: str, feats: list[str] | None, counts: Counter, alone: bool = True,
                        place: str | None = None, beside: tuple[list[str], list[str]] | None = None,
                        end: list[str] | None = None) -> list[str] | None:
    """The line-alone judge's features of one line (``feats``: its first-pass features; ``counts``:
    the text's ``stem_counts``; ``alone``: whether it is a paragraph of its own; ``place``: see
    ``place_of``; ``beside``: the lines above and below it, see ``beside_features``), or None when
    the judge does not look at it."""
    judged, shapes = _alone_gate(feats, line) if alone else (False, None)
    if not judged:
        return None
    return alone_features(line, feats, counts, place=place, beside=beside, shapes=shapes, end=end)


def prose_bounds(lines: list[str]) -> tuple[int, int] | None:
    """The first and the last paragraph of prose (``line_kind`` P) among ``lines``; None in a text
    without prose."""
    prose = [i for i, x in enumerate(lines) if line_kind(x) == "P"]
    return (prose[0], prose[-1]) if prose else None


def end_lines(lines: list[str]) -> list[int]:
    """The lines closing an article where the line-alone judge's ``end_threshold`` holds (session
    19): those after its last paragraph of prose (``prose_bounds``), when they are two or more,
    as ``end_runs`` reads them. One line alone there is how a desk closes copy (a tag such as
    ``Energy``, a signature), and is held to the body's threshold; the article's own production
    credit and a letter's sign-off (``credit_line``, ``sign_off_line``), which the judge does not
    read, do not count towards the two. A text needs two paragraphs of prose or more to have an
    end: after a single paragraph nothing shows that the article has closed (a fragment, a
    brief), and its lines are the body's."""
    bounds = prose_bounds(lines)
    if bounds is None or bounds[0] == bounds[1]:
        return []
    run = [i for i in range(bounds[1] + 1, len(lines)) if not (credit_line(lines[i]) or sign_off_line(lines[i]))]
    return run if len(run) >= 2 else []


def end_judge_lines(lines: list[str]) -> list[int]:
    """The lines the end's own judge reads (``ResidueModel.end_judge``, session 21): the lines
    closing an article (``end_lines``), less the text's last line when it has the shape of a
    desk's tag or of a signature (``desk_tag``, ``bare_signature``: "Energy" under the author's
    line or a caption, "Jane Roe" under a standfirst's credit), which stay the line-alone judge's
    and the blocks' to report, as before."""
    run = end_lines(lines)
    if run and run[-1] == len(lines) - 1 and (desk_tag(lines[-1]) or bare_signature(lines[-1])):
        run = run[:-1]
    return run


#: a standfirst is one sentence of at most this many words
STANDFIRST_WORDS = 40
#: a sentence's end inside a line: a full stop, a question or an exclamation mark before a space and a capital
_INNER_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+[\"'“‘(]?[A-Z]")


def head_stamps(lines: list[str], bounds: tuple[int, int] | None) -> set[int]:
    """The article's own byline and date stamp lines in its head (``head_stamp_line``), which no
    judge reads there: above its first paragraph of prose (``prose_bounds``: ``bounds``), and, when
    that paragraph is a standfirst (one sentence of ``STANDFIRST_WORDS`` or fewer right under the
    first line), between it and the next paragraph of prose a "By NAME" byline (``by_line``) and a
    date stamp right under it ("Headline / Standfirst. / By Jane Roe / 3 March 2020 / The lead
    ..."): a standfirst and a one-sentence lead look alike, and a timestamp alone after a lead is
    stray."""
    if bounds is None:
        return set()
    stamped = {i for i in range(bounds[0]) if head_stamp_line(lines[i])}
    first = lines[bounds[0]].strip()
    if bounds[0] == 1 and len(first.split()) <= STANDFIRST_WORDS and not _INNER_SENTENCE_END.search(first):
        for i in range(2, len(lines)):
            if line_kind(lines[i]) == "P" or not (by_line(lines[i]) or (i - 1 in stamped and date_line(lines[i]))):
                break
            stamped.add(i)
    return stamped


def outside_prose(lines: list[str], bounds: tuple[int, int] | None | bool = False) -> set[int]:
    """The lines above the first paragraph of prose (``prose_bounds``, or ``bounds`` when given) and
    after the last, the places of an article's own headline, byline and closing credit; none in a
    text without prose."""
    if bounds is False:
        bounds = prose_bounds(lines)
    if bounds is None:
        return set()
    first, last = bounds
    return set(range(first)) | set(range(last + 1, len(lines)))


def edge_lines(lines: list[str], bounds: tuple[int, int] | None | bool = False) -> tuple[list[int], list[int]]:
    """The lines an edge block of residue may take (``edge_blocks``), each edge's from its outside
    in: at the top, from the first line down to the line above the one just above the first
    paragraph of prose (``prose_bounds``; that line is the place of the article's own headline or
    byline, which a block pasted above it must not take); at the end, from the last line up to
    the one after the last paragraph. A text without a paragraph of prose has no edges.
    ``bounds``: ``prose_bounds(lines)`` when the caller has it."""
    if bounds is False:
        bounds = prose_bounds(lines)
    if bounds is None:
        return [], []
    first, last = bounds
    return list(range(first - 1)), list(range(len(lines) - 1, last, -1))


def _word_alternation(name: str, upper: bool = False) -> str:
    """A word list of ``rules/words.toml`` as a regular-expression group matching any of its entries,
    the longest first, the spaces inside an entry matching any run of white space; ``upper``: the
    entries in capitals."""
    words = sorted((w.upper() if upper else w for w in data.word_list(name)), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")"


@lru_cache(maxsize=1)
def _production_credit() -> re.Pattern:
    """A production credit's opening (``credit_line``): the roles and qualifiers of
    ``rules/words.toml`` (``credit-roles``, ``credit-qualifiers``), then "by" and a word."""
    role = _word_alternation("credit-roles")
    return re.compile(rf"[(\[\s\-–—]*(?:{_word_alternation('credit-qualifiers')}\s+)?{role}"
                      rf"(?:\s*(?:,|and|&)\s*{role})*\s+by\s+([^\W\d_])", re.I)


def credit_line(line: str) -> bool:
    """Whether the line opens as the article's own production credit: who reported, wrote, edited,
    compiled, translated or photographed it (``_production_credit``: a role, "by" and a capitalised name:
    "Reporting by Jane Roe in London; Editing by Mark Potter", "(Compiled by ...)"). A wire desk
    closes its copy so, on a line or two: above or after the article's prose (``outside_prose``)
    the line-alone judge does not look at it (``ResidueModel``), so it is never reported alone there
    nor joins an edge block (``edge_blocks``)."""
    m = _production_credit().match(line)
    return m is not None and m.group(1).isupper()


@lru_cache(maxsize=1)
def _sign_off() -> re.Pattern:
    """A letter's or a column's sign-off (``sign_off_line``), from the word lists of
    ``rules/words.toml``: "yours" with a sign-off adverb (an intensifier may come first) before or after it ("Yours sincerely",
    "Respectfully yours", "Very truly yours"), a qualifier then a noun ("Kind regards", "With best
    wishes"), or a word of ``sign-off-single`` on its own ("Sincerely"); then a comma or a full stop
    and nothing, or a name (group 1)."""
    alt = _word_alternation
    adv = rf"(?:{alt('sign-off-intensifiers')}\s+)?{alt('sign-off-adverbs')}"
    yours = alt("sign-off-pronouns")
    shape = (rf"(?:{adv}\s+{yours}|{yours}\s+{adv}"
             rf"|{alt('sign-off-qualifiers')}\s+{alt('sign-off-nouns')}|{alt('sign-off-single')})")
    return re.compile(rf"[\s\-–—]*{shape}\s*[,.!]?(?:(?:\s*[\-–—]\s*|\s+)(\S.*))?", re.I)


#: a name after a sign-off on its line: one to four words, each opening with a capital letter
_SIGNATURE = re.compile(r"[^\W\d_][\w.'’\-]*(?:\s+[^\W\d_][\w.'’\-]*){0,3}")


def sign_off_line(line: str) -> bool:
    """Whether the line is a letter's or a column's sign-off, the article's own closing line
    (``_sign_off``: "Yours sincerely", "Respectfully yours", "Kind regards, Jane Roe"): alone, or
    followed by a name of one to four capitalised words. Above or after the article's prose
    (``outside_prose``: after it, where a letter or a column closes; above it, where a letters page
    cut between two letters opens with the first one's sign-off) the line-alone judge does not look
    at it (``ResidueModel``), so it is never reported alone there nor joins an edge block
    (``edge_blocks``): as the production credit (``credit_line``) it ends the run."""
    m = _sign_off().fullmatch(line.strip())
    if m is None:
        return False
    name = m.group(1)
    return name is None or (_SIGNATURE.fullmatch(name.strip(" .")) is not None
                            and all(w[0].isupper() for w in name.split()))


#: a signature's name on the line after a sign-off: two to four words, each opening with a capital
_SIGNATURE_NAME = re.compile(r"[^\W\d_][\w.'’\-]*(?:\s+[^\W\d_][\w.'’\-]*){1,3}")
SIGNATURE_LINES = 3       # a signature below a sign-off: a name, then a place or a role, on three lines at most
SIGNATURE_LINE_WORDS = 8  # ... each of this many words at most ("Chair, Low Ford Residents' Association")


def _furniture_words(line: str) -> bool:
    """Whether the line has a word of page furniture's vocabulary (``furniture-kinds`` of the
    residue lexicon, ``share-bar-words``)."""
    lex, kinds = _lexicon(), data.words("furniture-kinds")
    return any(t in _NAV_WORDS or not kinds.isdisjoint(lex.get(t, ()))
               for t in map(str.lower, _NAME_WORD.findall(line)))


def end_mark_line(line: str) -> bool:
    """Whether the line is a press release's or a wire story's end mark (``end-marks`` of
    ``rules/words.toml``: "ENDS", "-30-", "###")."""
    return "".join(line.split()) in data.words("end-marks")


def _signature(lines: list[str], named: bool) -> bool:
    """Whether ``lines``, below a sign-off, are its signature: a name of two to four capitalised words
    first (unless the sign-off has one on its line: ``named``), then a place or a role, each line
    short, opening with a capital, with no full stop closing it and no word of page furniture."""
    if not 0 < len(lines) <= SIGNATURE_LINES - named:
        return False
    first = lines[0].strip(" .,")
    if not named and not (_SIGNATURE_NAME.fullmatch(first) and all(w[0].isupper() for w in first.split())):
        return False
    return all(len(x.split()) <= SIGNATURE_LINE_WORDS and x.strip()[:1].isupper() and not _TERMINAL.search(x.strip())
               and not _furniture_words(x) for x in lines)


def closing_own_lines(lines: list[str], bounds: tuple[int, int] | None | bool = False) -> set[int]:
    """The lines closing an article that are its own, as an editor's draft is closed (session 19,
    i10u-2), besides the production credit and the sign-off (``credit_line``, ``sign_off_line``):
    the line-alone judge does not look at them, so none is reported alone nor joins a block at the
    end (``edge_blocks``). After the last paragraph of prose (``prose_bounds``, or ``bounds``):
    the signature below a letter's sign-off, when it closes the text (``_signature``: "Jane Roe",
    then "Low Ford" or "Chair, Low Ford Residents' Association"). Below the first paragraph: a press
    release's end mark (``end_mark_line``: "ENDS") and every line after it that is no paragraph
    of prose (a contact line, "Notes to editors"), and the lines of no prose right above it (its
    media contact). The classifier's two passes do not read them either. And (session 20, with the
    model that reads a line's meaning through the sentence embedder, which scores a lone closing
    name or section name higher than the word-fit model did) a signature with no sign-off above it
    (``bare_signature``: "Jane Roe", "Mark Potter, London") or a desk's tag (``desk_tag``: "Energy",
    "UK news") when it is the only line after the last of two paragraphs or more, besides a
    production credit or a sign-off, and the text's last (docs/measurements.md, issue 10, sessions
    19 and 20)."""
    if bounds is False:
        bounds = prose_bounds(lines)
    if bounds is None:
        return set()
    first, last = bounds
    out: set[int] = set()
    marks = [i for i in range(first + 1, len(lines)) if end_mark_line(lines[i])]
    if marks:
        out |= {i for i in range(marks[0], len(lines)) if line_kind(lines[i]) != "P"}
        # and the release's contact lines right above its mark ("Media contact:" / a name / a number)
        k = marks[0] - 1
        while k > first and line_kind(lines[k]) != "P":
            out.add(k)
            k -= 1
    after = [i for i in range(last + 1, len(lines)) if i not in out]
    signs = [i for i in after if sign_off_line(lines[i])]
    if signs and _signature(lines[signs[-1] + 1:], _sign_off().fullmatch(lines[signs[-1]].strip()).group(1) is not None):
        out |= set(range(signs[-1] + 1, len(lines)))
    alone = [i for i in after if not credit_line(lines[i]) and not sign_off_line(lines[i])]
    if (len(alone) == 1 and alone[0] == len(lines) - 1 and first < last
            and (bare_signature(lines[-1]) or desk_tag(lines[-1]))):
        out.add(alone[0])
    return out


#: a desk's tag closing its copy (``desk_tag``): this many words at most
DESK_TAG_WORDS = 2


def desk_tag(line: str) -> bool:
    """Whether the line is a desk's tag (session 20): one or two words of letters, the first
    capitalised, no word of page furniture ("Energy", "Local news", "UK news"): a desk closes its
    copy with its section's name. ``closing_own_lines`` takes it as the article's own when it is
    the only line after the last of two paragraphs or more (besides a production credit or a
    sign-off), the text's last."""
    words = line.split()
    return (0 < len(words) <= DESK_TAG_WORDS and all(w.isalpha() for w in words) and words[0][0].isupper()
            and not _furniture_words(line))


#: a signature with no sign-off above it (``bare_signature``): a name of two to four capitalised
#: words, then, after a comma, a place of one to three ("Mark Potter, London")
_BARE_SIGNATURE = re.compile(rf"(?P<name>{_SIGNATURE_NAME.pattern})"
                             r"(?:\s*,\s*(?P<place>[^\W\d_][\w.'’\-]*(?:\s+[^\W\d_][\w.'’\-]*){0,2}))?")


def bare_signature(line: str) -> bool:
    """Whether the line is a column's or a letter's signature standing alone, with no sign-off
    above it (session 20): a name of two to four words, each opening with a capital, then at most a
    comma and a place of one to three ("Jane Roe", "Mark Potter, London": a columnist closes so, and
    a letters page prints each letter's writer and town so), no full stop closing it, no word of
    page furniture.
    ``closing_own_lines`` takes it as the article's own when it is the only line after the last of
    two paragraphs or more, the text's last."""
    m = _BARE_SIGNATURE.fullmatch(line.strip())
    return (m is not None and all(w[0].isupper() for w in line.replace(",", " ").split())
            and not _TERMINAL.search(line.strip()) and not _furniture_words(line))


#: a date written in figures in full (``date_line``): "2020-03-03", "11/19/19", "3.11.2023"
_NUMERIC_DATE = re.compile(r"\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\b")
#: a time of day with its half of the day or its zone: "10:42 BST", "5.30pm" (a bare "1:41" may be a
#: video's length)
_CLOCK_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\b\.?|[A-Z]{2,4}\b)", re.I)
#: a date stamp's pieces (``date_line``): words, figures ("3rd"), punctuation; and of them, a figure
#: and a mark
_STAMP_WORD = re.compile(r"[^\W\d_]+|\d+(?:st|nd|rd|th)?|[^\w\s]", re.I)
_STAMP_FIGURE = re.compile(r"\d{1,4}(?:st|nd|rd|th)?", re.I)
_STAMP_MARK = re.compile(r"[^\w\s]")


def date_line(line: str) -> bool:
    """Whether the line is a date stamp and nothing more: a date with a month's or a day's name or
    written in figures in full ("March 3, 2020", "3 March 2020", "Tuesday", "2020-03-03", "11/19/19";
    a year alone is no stamp) or a time of day with its zone or its half of the day ("10:42 BST",
    "5.30pm"), with a stamp's label (``stamp-labels`` of ``rules/words.toml``: "Published",
    "Updated") and time zones (short capitals)."""
    names, labels = data.words("month-and-day-names"), data.words("stamp-labels")
    s = line.strip()
    dated = bool(_NUMERIC_DATE.search(s) or _CLOCK_TIME.search(s))
    for t in _STAMP_WORD.findall(s):
        low = t.lower()
        if low in names:
            dated = True
        elif not (_STAMP_FIGURE.fullmatch(low) or low in labels or (t.isupper() and len(t) <= 4)
                  or _STAMP_MARK.fullmatch(t)):
            return False
    return dated


@lru_cache(maxsize=1)
def _release_label() -> re.Pattern:
    return re.compile(rf"{_word_alternation('release-labels')}\b", re.I)


def release_head_line(line: str) -> bool:
    """Whether the line is a press release's own head: its label ("FOR IMMEDIATE RELEASE", "PRESS
    RELEASE", ``release-labels`` of ``rules/words.toml``) alone or with its embargo's date and time
    ("EMBARGOED UNTIL 00:01 GMT, 12 March 2025": ``date_line``)."""
    m = _release_label().match(line.strip())
    if m is None:
        return False
    rest = re.sub(r"^[\s:,–—-]*(?:(?:until|till|to)\b[\s:]*)?", "", line.strip()[m.end():], flags=re.I)
    return not rest or date_line(rest)


def by_line(line: str) -> bool:
    """A "By NAME" byline: "by", a capitalised name, twelve words at most, no full stop closing it."""
    s = line.strip()
    words = _NAME_WORD.findall(s)
    return _by_name(words) and len(words) <= 12 and _capitalised(words[1:3]) and not _TERMINAL.search(s)


def head_stamp_line(line: str) -> bool:
    """Whether the line is the article's own byline or date stamp, in place in its head (above the
    first paragraph of prose), or a press release's head (``release_head_line``): "By Jane Roe", "By
    Jane Roe, Energy Correspondent", "By Jane Roe | March 3, 2020" (``by_line``), a name and a journalist's role ("Jane Roe, Energy Correspondent":
    ``byline-roles`` of ``rules/words.toml``) or a date stamp (``date_line``). An editor's draft
    opens so; no judge reads it there (``head_stamps``, ``ResidueModel``), as at the end the
    line-alone judge does not read the desk's production credit (``credit_line``). Among the
    paragraphs, a byline or a timestamp is out of place: judged."""
    if by_line(line) or release_head_line(line):
        return True
    s = line.strip()
    r = _ROLE_TAIL.search(s)   # "Jane Roe, Energy Correspondent": a name, then a journalist's role
    if r and not _TERMINAL.search(s) and _capitalised(_NAME_WORD.findall(r.group(1))):
        role = _NAME_WORD.findall(r.group(2).lower())
        if 0 < len(role) <= 4 and role[-1].rstrip("s") in data.words("byline-roles"):
            return True
    return date_line(s)


#: the shapes of an article's own opening and closing lines (``shape_features``): a sign-off's or a
#: byline's bare name, "NAME, role", "By NAME", a credit's "Name/Agency" or closing parenthesis, a
#: "Label: ..." line (an editor's note, a correction, "See also: ..."): never taken on their own at
#: an edge (``edge_blocks``)
SIGN_SHAPES = frozenset({"sh:name", "sh:name-role", "sh:by", "sh:by-low", "sh:label", "sh:slash", "sh:paren-names",
                         "sh:paren"})


#: a text under this many words below its first line is a brief (a wire item, a news-in-brief
#: paragraph, a listing): its headline shares few words with so short a body
BRIEF_WORDS = 120


def brief_headline(lines: list[str], bounds: tuple[int, int] | None | bool = False) -> bool:
    """Whether the first line is a brief's headline: it stands directly above the first paragraph
    of prose or above its byline or date stamp (``prose_bounds``, ``head_stamp_line``; in a text with
    none, every line below it is more than a short line: a body of one short sentence), the rest of
    the text is under ``BRIEF_WORDS`` words, and it has no shape of a credit or a byline
    ("Name/Agency", "Photo: ...", "By NAME"). The line-alone judge reads a line against the
    vocabulary of the rest of the article (an article's own headline names its story); a body of
    one or two paragraphs is too short to tell, and a brief's headline, often a pun ("When Models
    Explode"), scores as residue there. The listed phrases still apply. ``bounds``:
    ``prose_bounds(lines)`` when the caller has it."""
    if bounds is False:
        bounds = prose_bounds(lines)
    if bounds is None:
        # no line long enough to count as prose: a brief of one short sentence, or one cut short
        # ("The company's earnings beat Wall Street expectations."), is still a body if it is no
        # short line (``line_kind``)
        if len(lines) < 2 or any(line_kind(x) == "S" for x in lines[1:]):
            return False
    elif not all(head_stamp_line(x) for x in lines[1:bounds[0]]):
        return False   # not directly above the first paragraph, nor above its byline or date stamp
    if sum(len(x.split()) for x in lines[1:]) >= BRIEF_WORDS:
        return False
    head = lines[0].strip()
    words = _NAME_WORD.findall(head)
    return not (_by_name(words) or _slash_credit(head) or _credit(head, _PAREN_TAIL.search(head)))


def signed_lines(lines: list[str], feats: list[list[str] | None]) -> set[int]:
    """The lines at the article's edges (``edge_lines``) with the shape of its own opening or
    closing line (``SIGN_SHAPES``; ``feats``: the first pass's features)."""
    return {i for i in itertools.chain(*edge_lines(lines)) if feats[i] is not None and sign_shaped(lines[i], feats[i])}


def sign_shaped(line: str, feats: list[str]) -> bool:
    """Whether a line has the shape of an article's own opening or closing line (``SIGN_SHAPES``)."""
    return not SIGN_SHAPES.isdisjoint(shape_features(line, feats))


def edge_blocks(lines: list[str], pa: list[float | None], top: float | None, end: float | None,
                top_one: float | None = None, end_one: float | None = None, signed: set[int] = frozenset()
                ) -> list[int]:
    """The lines of the blocks of residue at an article's edges (``edge_lines``): at each edge the
    run of lines from the outside in that the line-alone judge scores (``pa``) at or above the
    edge's threshold (``top``, ``end``; None: no block judged there), when two lines or more. A
    desk closes copy (and opens it) with single lines of the same kinds as residue, so one line
    there is ambiguous; two or more lines each leaning to residue are a block pasted in. With an
    edge's threshold for a line on its own (``top_one``, ``end_one``: under the judge's threshold
    for a line anywhere, above every line a desk opens or closes the calibration copy with), the
    run of one line or more from the outside in at or above it is residue too: the judge's
    threshold elsewhere is set by the body's professional short lines, and the edge's own closing
    lines may score lower; that run stops at a line with the shape of the article's own opening or
    closing line (``signed``: see ``signed_lines``; a sign-off's name, an editor's note, a
    correction), which is never taken on its own. The judge does not look at the article's own production credit
    (``credit_line``), nor a letter's sign-off (``sign_off_line``), so either ends
    the run: it is never taken, nor the lines beyond it, which are no block without it."""
    out: list[int] = []
    for t, one, order in zip((top, end), (top_one, end_one), edge_lines(lines)):
        run: list[int] = []
        if t is not None:
            run = list(itertools.takewhile(lambda i: pa[i] is not None and pa[i] >= t, order))
            if len(run) < 2:
                run = []
        if one is not None:   # both runs start at the edge: the longer holds the other
            run = max(run, list(itertools.takewhile(lambda i: pa[i] is not None and pa[i] >= one and i not in signed,
                                                    order)), key=len)
        out += run
    return sorted(out)


class ResidueModel:
    """The shipped weights, two passes of logistic regression: the first scores each line by what
    it is, the second by where it stands too (its neighbours, its place against the text's main
    run of prose) with the first's verdict. A line is residue when the first pass is sure of it
    (``thresholds["line"]``), when the second is (``thresholds["context"]``), or when it stands in
    a block of page furniture around the article and the second pass leans to residue
    (``thresholds["block"]``, see ``furniture_block``). Besides them, the line-alone judge
    (``alone``, see ``line_alone_features``) reports a paragraph of one line it is sure of
    (``alone["threshold"]``; in the article's head, ``alone["head_threshold"]``, and after its
    last paragraph, ``alone["end_threshold"]``, when the model has them), residue pasted singly
    among prose; and, with ``alone["edges"]``, a block of two lines
    or more at the article's top or end that it leans to at the edge's threshold, or a line there
    it scores at or above the edge's threshold for a line on its own (``edge_blocks``).
    The line-alone judge does not look at the article's own production credit (``credit_line``)
    above or after its prose (``outside_prose``), nor at a letter's or a column's sign-off there
    (``sign_off_line``, session 16). With ``alone["vector"]`` (session 14), it also
    reads what a line means: the bucket of a linear scorer of the line's vector (``vector_feature``:
    the word-fit encoder's reading, source ``wordfit``; the sentence embedder's, ``sentence``, and
    both joined were measured in session 16 and are not shipped, nor is spaCy's tok2vec, measured in
    session 14: docs/measurements.md), and with ``alone["vector"]["neighbours"]``
    (session 15) how much nearer the line stands to the training lines of residue than to those of
    prose (``Neighbours``); ``alone["vector"]["kinds"]`` (a scorer per kind, ``Kinds``) was
    measured and is not shipped. With ``alone["end_judge"]`` (session 21), the lines after the last
    paragraph, when two or more (``end_judge_lines``), have a judge of their own besides: taught the
    residue pasted there and reading the closing run (``end_runs``), with the line-alone judge's
    features and meaning; such a line is reported when either is sure of it."""

    def __init__(self, spec: dict) -> None:
        self.passes = [(float(p["bias"]), p["weights"]) for p in spec["passes"]]
        self.thresholds = {k: float(v) for k, v in spec["thresholds"].items()}
        self.block = spec.get("block", {"penalty": 10, "side": 6})
        alone = spec.get("alone")
        self.alone = None if alone is None else (float(alone["bias"]), alone["weights"],
                                                 float(alone["threshold"]), bool(alone.get("head", False)))
        # the line-alone judge's threshold in the article's head (``head_lines``), where headlines,
        # bylines and datelines stand in place: its own, when the calibration set one
        self.alone_head_threshold = None if alone is None else float(alone.get("head_threshold", alone["threshold"]))
        # ... and after the article's last paragraph (``end_lines``: session 19), where a desk's
        # closing lines stand in place: its own, when the calibration set one (an older model
        # without it holds the end to the body's threshold)
        self.alone_end_threshold = None if alone is None else float(alone.get("end_threshold", alone["threshold"]))
        # whether the line-alone judge reads the run of lines closing an article (``end_runs``:
        # session 18's ``--closing``, measured and not shipped), so that it is made only then
        self.closing = alone is not None and any(k.startswith("closing:") for k in alone["weights"])
        # a judge of its own for the lines closing an article (``end_lines``: session 21), taught the
        # residue pasted there and reading the closing run (``end_runs``): a line there is reported
        # when it or the line-alone judge is sure of it (an older model has none)
        ej = None if alone is None else alone.get("end_judge")
        self.end_judge = None if ej is None else (float(ej["bias"]), ej["weights"], float(ej["threshold"]))
        # the thresholds of a block of residue at the article's top and end (``edge_blocks``)
        edges = {} if alone is None else alone.get("edges", {})
        self.edges = (edges.get("top"), edges.get("end"), edges.get("top_one"), edges.get("end_one"))
        # the scorer of what a line means (``vector_feature``), when the model has one
        vector = None if alone is None else alone.get("vector")
        self.vector = None if vector is None else (float(vector["bias"]), [float(x) for x in vector["weights"]],
                                                   tuple(vector.get("edges", VECTOR_EDGES)))
        #: what reads the lines' meaning (``VECTOR_SOURCES``, through ``EncodedLines``)
        self.vector_source = None if vector is None else vector.get("source")
        if vector is not None and self.vector_source not in VECTOR_SOURCES:
            raise ValueError(f"residue model: the line-alone judge's vector source {self.vector_source!r} "
                             f"is not read by this copylint (only {', '.join(map(repr, VECTOR_SOURCES))})")
        # what else reads the vector (session 15): its nearest training lines, a scorer per kind
        width = 0 if vector is None else len(vector["weights"])
        self.neighbours = None if vector is None or not vector.get("neighbours") \
            else Neighbours(vector["neighbours"], width)
        self.kinds = None if vector is None or not vector.get("kinds") else Kinds(vector["kinds"])

    @cached_property
    def _vector_most(self) -> float:
        """The most the meaning's features (``meaning``) can add to the line-alone judge's sum: each
        reader's highest weight, summed."""
        edges = self.vector[2] if len(self.vector) > 2 else VECTOR_EDGES
        groups = [["sv:" + b for b in _bucket_labels(edges)]]
        groups += [r.labels() for r in (self.neighbours, self.kinds) if r is not None]
        return sum(max(0.0, *(float(self.alone[1].get(b, 0.0)) for b in g)) for g in groups)

    def meaning(self, vec) -> list[str]:
        """The line-alone judge's features of what a line means (its vector): the linear scorer's
        bucket (``vector_feature``), and those of ``Neighbours`` and ``Kinds`` when the model has them."""
        if vec is None:
            return []
        return [vector_feature(self.vector, vec)] + [r.feature(vec) for r in (self.neighbours, self.kinds)
                                                     if r is not None]

    @cached_property
    def _vector_floor(self) -> float:
        """The log-odds of the lowest threshold the line-alone judge's scores are held to (its own,
        the head's, the edges'): a line whose sum stays under it, whatever its meaning adds, is
        reported by none of them (``EncodedLines`` then does not read it)."""
        cuts = [self.alone[2], self.alone_head_threshold, self.alone_end_threshold,
                *(t for t in self.edges if t is not None)]
        low = min(cuts)
        return math.log(low / (1 - low)) if 0 < low < 1 else (-math.inf if low <= 0 else math.inf)

    @staticmethod
    def score(bias: float, weights: dict[str, float], feats: list[str]) -> float:
        return _logistic(bias + sum(map(weights.get, feats, itertools.repeat(0.0))))

    def scores(self, lines: list[str], tags: list[list[tuple[str, str]]] | None = None,
               feats: list[list[str] | None] | None = None
               ) -> tuple[list[float | None], list[float | None]]:
        """Each line's first- and second-pass probabilities of being residue (None: not judged);
        ``feats``: the first pass's features, when they are already at hand; ``tags``: a list, or
        an iterator read in step with the lines (``iter_line_tags``)."""
        return self._passes(lines, tags, feats)[:2]

    def _passes(self, lines: list[str], tags=None, feats=None, alone: list[bool] | None = None, vectors=None
                ) -> tuple[list[float | None], list[float | None], list[float | None], set[int]]:
        """(first pass, second pass, line-alone judge) probabilities of every line (see ``scores``
        and ``alone_scores``), and the edge lines the judge looks at with the shape of the article's
        own opening or closing line (``signed_lines``, when the model has edge thresholds for a line
        on its own). Each line's features are scored as they are made and dropped: what
        is held for a huge article is a few numbers a line, never every line's features."""
        (b1, w1), (b2, w2) = self.passes
        head = head_lines(lines)
        bounds = prose_bounds(lines)
        # the article's own byline and date stamp in its head (``head_stamps``):
        # the line-alone judge does not read them, nor do the two passes under a standfirst (above
        # the first paragraph the passes read a page's top, where they are the page's)
        stamped = head_stamps(lines, bounds)
        if bounds is not None and any(i > bounds[0] for i in stamped):
            head = set(head) | {i for i in stamped if i > bounds[0]}
        # nor do they read the lines closing an editor's draft (``closing_own_lines``)
        own_end = closing_own_lines(lines, bounds)
        if own_end:
            head = set(head) | own_end
        if self.alone is not None:
            ba, wa, _, with_head = self.alone
            alone_head = range(0) if with_head else head
            counts = stem_counts(lines)
            place_head, n = head_lines(lines, ALONE_HEAD_LINES), len(lines)
            outside = outside_prose(lines, bounds)
            edge = set(itertools.chain(*edge_lines(lines, bounds))) if self.edges[2:] != (None, None) else set()
            brief = brief_headline(lines, bounds)
            runs = end_runs(lines) if self.closing else {}
            # the lines the end's own judge reads (``end_judge``), and the closing run's features
            ends = set(end_judge_lines(lines)) if self.end_judge is not None else set()
            closing_run = end_runs(lines) if ends else {}
        signed: set[int] = set()
        # a lazy reader of the lines' meaning (``EncodedLines``): the most its feature adds, and the floor
        lazy = ((self._vector_most, self._vector_floor)
                if self.vector is not None and getattr(vectors, "lazy", False) else None)
        p1: list[float | None] = []
        pa: list[float | None] = []
        pe: list[float | None] = []
        judged: list[bool] = []
        for i, (x, f) in enumerate(zip(lines, iter_document_features(lines, tags) if feats is None else feats)):
            p1.append(None if f is None else self.score(b1, w1, f))
            judged.append(f is not None)
            a = e = None
            # the article's own production credit above or after its prose is never residue to
            # this judge: alone, or in a block at an edge (``edge_blocks``), where it closes wire
            # copy on a line or two (among the paragraphs, a credit is out of place: judged);
            # nor is a letter's or a column's sign-off there (``sign_off_line``: a letters page
            # cut between two letters opens with the first one's), nor a brief's headline
            # (``brief_headline``: its body is too short to read it against)
            if self.alone is not None and i not in alone_head and not (i == 0 and brief) \
                    and not (i in outside and (credit_line(x) or sign_off_line(x))) \
                    and i not in stamped and i not in own_end:
                xa = line_alone_features(x, f, counts, alone is None or alone[i], place_of(i, n, place_head),
                                         (lines[max(0, i - 2):i], lines[i + 1:i + 3]), runs.get(i))
                if xa is not None:
                    s = sum(map(wa.get, xa, itertools.repeat(0.0)))   # the judge's sum, the meaning aside
                    meant = None
                    if lazy is not None and ba + s + lazy[0] < lazy[1] and i not in ends:
                        a = _logistic(ba + s + lazy[0])   # under every threshold whatever it means: not read
                    else:
                        if self.vector is not None and vectors is not None:
                            meant = self.meaning(vectors[i])
                            s += sum(map(wa.get, meant, itertools.repeat(0.0)))
                        a = _logistic(ba + s)
                    if i in ends:   # the end's own judge: the same features, the closing run's, the meaning
                        be, we, _ = self.end_judge
                        e = self.score(be, we, xa + closing_run.get(i, []) + (meant or []))
                if a is not None and i in edge and sign_shaped(x, f):
                    signed.add(i)
            pa.append(a)
            pe.append(e)
        wanted = [j and i not in head for i, j in enumerate(judged)]
        p2 = [self.score(b2, w2, x) if x is not None else None
              for x in iter_second_pass_features(p1, lines, wanted)]
        return [None if i in head else p for i, p in enumerate(p1)], p2, pa, signed, pe

    def alone_scores(self, lines: list[str], feats: list[list[str] | None],
                     alone: list[bool] | None = None, vectors=None) -> list[float | None]:
        """The line-alone judge's probability for each line it looks at (None: not looked at, or
        no such judge shipped); ``alone``: whether each line is a paragraph of its own;
        ``vectors``: each line's vector (or None; a list, or ``EncodedLines``, which reads a line
        only where its meaning could change a verdict), read when the model has a scorer of them."""
        return self._passes(lines, None, feats, alone, vectors)[2]

    def probabilities(self, lines: list[str], tags: list[list[tuple[str, str]]] | None = None
                      ) -> list[float | None]:
        """Each line's second-pass probability of being residue (None: not judged)."""
        return self.scores(lines, tags)[1]

    def judge(self, lines: list[str], tags: list[list[tuple[str, str]]] | None = None,
              feats: list[list[str] | None] | None = None, alone: list[bool] | None = None,
              vectors=None) -> list[bool]:
        """Whether each line is residue; ``alone``: whether each line is a paragraph of its own
        (all, when not given); ``tags``: a list, or an iterator read in step with the lines;
        ``vectors``: see ``alone_scores``."""
        p1, p2, pa, signed, pe = self._passes(lines, tags, feats, alone, vectors)
        out = self.decide(lines, p1, p2)
        if self.alone is not None:
            out = [v or r for v, r in zip(out, self.alone_reported(lines, pa, pe))]
            for i in edge_blocks(lines, pa, *self.edges, signed=signed):
                out[i] = True
        return out

    def alone_reported(self, lines: list[str], pa: list[float | None], pe: list[float | None] | None = None
                       ) -> list[bool]:
        """Whether the line-alone judge reports each line on its own (``pa``: its scores, see
        ``alone_scores``): at or above its threshold, in the article's head (``head_lines``) the
        head's own, after its last paragraph (``end_lines``) the end's own; or whether the end's own
        judge (``end_judge``; ``pe``: its scores of the lines after the last paragraph) is sure of it."""
        t, th, te, head = self.alone[2], self.alone_head_threshold, self.alone_end_threshold, head_lines(lines)
        end = set(end_lines(lines)) if te != t else set()
        out = [a is not None and a >= (th if i in head else te if i in end else t) for i, a in enumerate(pa)]
        if pe is not None and self.end_judge is not None:
            out = [r or (e is not None and e >= self.end_judge[2]) for r, e in zip(out, pe)]
        return out

    def decide(self, lines: list[str], p1: list[float | None], p2: list[float | None]) -> list[bool]:
        t = self.thresholds
        block = furniture_block(lines, p1, float(self.block["penalty"]), int(self.block["side"]))
        return [q is not None and (p >= t["line"] or q >= t["context"] or (b and q >= t["block"]))
                for p, q, b in zip(p1, p2, block)]


#: what can read a line's meaning (a residue model's ``alone.vector.source``): the word-fit
#: encoder's mean-pooled hidden states (session 14), the sentence embedder's unit vector (session 16,
#: ``copylint.sentence``), or both side by side (each a unit vector, joined)
VECTOR_SOURCES = ("wordfit", "sentence", "wordfit+sentence")


def _encoder_module(part: str):
    """The module of one encoder a source names (``wordfit``, ``sentence``): its ``load`` and
    ``encoder_hash``."""
    from copylint import sentence, wordfit
    return {"wordfit": wordfit, "sentence": sentence}[part]


def _reader(part: str):
    return _encoder_module(part).load()


def read_meaning(source: str, texts: list[str]) -> list:
    """Each text's vector as ``source`` (of ``VECTOR_SOURCES``) reads it, each text alone, the
    encoders loaded once per process."""
    got = [_reader(part).embed(texts) for part in source.split("+")]
    return got[0] if len(got) == 1 else [joined(vs) for vs in zip(*got)]


def joined(vecs):
    """One line's readings by several encoders as one vector: each scaled to unit length, joined."""
    import numpy as np
    return np.concatenate([v / (float(np.linalg.norm(v)) or 1.0) for v in vecs]).astype(np.float32)


def encoder_hash(source: str) -> str:
    """The content of the encoders ``source`` reads with (``wordfit.encoder_hash``,
    ``sentence.encoder_hash``, joined by ``+``): what a residue model trained on their readings
    records. Reads the files whole: not for run time."""
    return "+".join(_encoder_module(p).encoder_hash() for p in source.split("+"))


class EncodedLines:
    """Each line's meaning as the model's source reads it (``read_meaning``: the word-fit
    encoder's, the sentence embedder's), made only for the lines asked for (the few the line-alone
    judge looks at), the encoders loaded once per process: always the shipped ones, whose readings
    the scorer was trained on, whatever the ``garble-model`` setting names."""

    lazy = True   # ResidueModel reads a line's vector only where it could change a verdict

    def __init__(self, lines: list[str], source: str = "wordfit") -> None:
        self.lines = lines
        self.source = source
        self.done: dict[int, object] = {}

    def __getitem__(self, i: int):
        if i not in self.done:
            self.done[i] = read_meaning(self.source, [self.lines[i]])[0]
        return self.done[i]


@lru_cache(maxsize=1)
def residue_model() -> ResidueModel:
    """The shipped model (``rules/residue_model.zip``: ``model_spec``), loaded once per process."""
    return ResidueModel(model_spec(lazy=True))


def load_encoder() -> bool:
    """Load the encoders the shipped model reads lines with (``EncodedLines``) and read one line
    through them (a first run sets up more), so that a first check that reads a line does not wait
    for them (the language server's start); False, loading nothing, when the model reads none."""
    source = residue_model().vector_source
    if source is None:
        return False
    read_meaning(source, ["Share this article"])
    return True


@register
class Boilerplate(Rule):
    """Web and CMS residue left in the copy: interface text and prompts, share and follow lines,
    cookie, consent, newsletter and paywall text, captions and picture credits, related-link and
    "most read" lists, "Advertisement", bylines and timestamps out of place.

    Scraped and syndicated articles often carry the page furniture around them; published, it
    tells readers nobody read the copy. Two judges, on lines that stand alone: the listed phrases
    (``rules/boilerplate.txt`` and the ``boilerplate`` key in the configuration) are sure hits, and
    a small line classifier trained on real news pages recognises residue by what it is (its words,
    its shape: short, no full stop, capitals, link-like words) and where it stands (among prose or
    in a run of short lines). A line-alone judge, trained on the same pages, looks again at a
    paragraph of one line that does not read as a sentence of news: residue pasted singly among prose,
    judged by what it is, by how little of the article's vocabulary it shares (an article's own
    headline or caption names its story; a prompt or a related headline does not), by how little it
    shares with the paragraphs beside it, whether the names it mentions among the paragraphs are
    the article's (a related headline names people and places the story never does), by the
    shapes of furniture it has where it stands (a
    "By NAME" line or a timestamp is in place at the head of an article, not between its
    paragraphs), and by what it means (the word-fit encoder's reading of the line: residue worded
    as no training line was, "This video can not be played in your browser", reads like its kind). A sentence of
    an article, or one that quotes such a phrase, is prose; the classifier's two passes leave the
    head of an article (headline, standfirst, byline above the first paragraph) to the line-alone
    judge, and headings that HTML or Markdown mark as such alone; nor does the line-alone judge read
    a brief's headline (a body of a paragraph or two is too short to tell it by shared words). A
    table of data and a list the article numbers itself (the items under the sentence that
    introduces them, a listicle's numbered headings over their paragraphs) are read as the
    article's own. Listed phrases can be deleted by
    ``--fix``; the classifiers' lines are left to the editor.
    """

    id = "boilerplate"
    family = "boilerplate"
    severity = Severity.WARNING
    summary = "Standalone web/CMS residue: prompts, share lines, credits, cookie text (`Please enter your comment!`)."
    fixable = True
    # the classifier reads each line's grammar from spaCy's tags; the line-alone judge reads the
    # lines' meaning through the word-fit encoder (``EncodedLines``), not the parse
    needs = frozenset({"tagger"})
    flags = (
        "The fire spread overnight.\n\n⟦Please enter your comment!→delete this line⟧",
        "The strike ended.\n\n⟦Leave a Reply→delete this line⟧",
        "Prices rose.\n\n⟦Share this article→delete this line⟧",
        "Prices rose.\n\n⟦Share | Tweet | Email→delete this line⟧",
        "Prices rose.\n\n⟦Click here to subscribe to our newsletter→delete this line⟧",
        "The council met on Monday to agree the budget for the coming year.\n\n"
        "⟦Updated 5:30 PM EST Nov 19, 2019→delete this line if it is not copy⟧\n\n"
        "The vote was close, and the mayor said more cuts would follow.",
        "The council met on Monday to agree the budget for the coming year.\n\n"
        "⟦Get our free daily newsletter delivered to your inbox→delete this line if it is not copy⟧\n\n"
        "The vote was close, the mayor said.",
        # a headline pasted among the paragraphs naming people and places the story never names
        # (``name_features``, session 17)
        "The council met on Monday to agree the budget for the coming year, Mayor Jane Roe said at "
        "Low Ford.\n\n⟦Greta Lindqvist wins the Stockholm marathon in record time→delete this line if it "
        "is not copy⟧\n\nThe vote was close, and the mayor said more cuts would follow in the spring.",
        # a picture credit over a brief is still residue (``brief_headline``)
        "⟦Photo: Jane Roe/Reuters→delete this line if it is not copy⟧\n\nThe city's buses will run a "
        "reduced timetable from Monday after the operator said it could not find enough drivers.",
    )
    passes = (
        'The site showed "Please enter your comment!" to every visitor, she said.',
        "Readers were asked to leave a reply on the forum if they had seen the fire.",
        "Advertisement revenue fell by 5% last year.",
        "Read more about the budget in the council's report",
        "The strike ended.\n\nListen to the voices of the valley's miners and their families.\n\nPrices rose.",
        "Share prices fell.",
        "The council met on Monday.\n\nNewsletters have become the fastest-growing part of the "
        "business, the company said.\n\nThe regulator said websites must ask before they set cookies.",
        # one short line after the last paragraph is no block: a desk closes copy that way too (two
        # such lines are reported together: tests/test_residue.py, a rule's example has one finding)
        "The council met on Monday to agree the budget for the coming year.\n\n"
        "The vote was close, and the mayor said more cuts would follow in the spring.\n\nEnergy",
        # the desk's own credit closing the copy, on two lines, is no block (``credit_line``)
        "The council met on Monday to agree the budget for the coming year.\n\n"
        "The vote was close, and the mayor said more cuts would follow in the spring.\n\n"
        "Writing by Jane Roe\n\nEditing by Mark Potter",
        # a letter's sign-off and its signature closing the copy are the article's own, no block
        # (``sign_off_line``)
        "The council met on Monday to agree the budget for the coming year.\n\n"
        "The vote was close, and the mayor said more cuts would follow in the spring.\n\n"
        "Yours sincerely\n\nJane Roe",
        # the lines closing an editor's draft are its own (``closing_own_lines``, session 19): a
        # signature and its place below a sign-off, a press release's end mark and contact line;
        # main reported each as a block at the end
        "The council met on Monday to agree the budget for the coming year.\n\n"
        "The vote was close, and the mayor said more cuts would follow in the spring.\n\n"
        "Yours sincerely\n\nJane Roe\n\nLow Ford",
        "The council met on Monday to agree the budget for the coming year.\n\n"
        "The vote was close, and the mayor said more cuts would follow in the spring.\n\n"
        "ENDS\n\nFor more information contact Sam Holmes on 01234 567890",
        # a press release's head, its media contact above its end mark and the mark: its own, and
        # the classifier's two passes no longer read them (main reported the contact and the mark)
        "FOR IMMEDIATE RELEASE\n\nCouncil opens new swimming pool\n\nThe council opened its new "
        "swimming pool in Low Ford on Monday, two years after the old one closed.\n\nThe pool cost 6 "
        "million pounds and will open seven days a week, the council said.\n\nMedia contact:\nSam "
        "Holmes, press office\n01234 567890\n\nENDS",
        # a subheading among the paragraphs that names the story's own people and places
        "The council met on Monday to agree the budget for the coming year, Mayor Jane Roe said at "
        "Low Ford.\n\nMayor Jane Roe defends the Low Ford budget\n\nThe vote was close, and the mayor "
        "said more cuts would follow in the spring.",
        # a draft's own byline and date stamp under its headline (``head_stamp_line``)
        "Council agrees budget\n\nBy Jane Roe, Local Government Correspondent\n\nUpdated 5:30 PM, 3 March "
        "2020\n\nThe council met on Monday to agree the budget for the coming year.\n\nThe vote was "
        "close, and the mayor said more cuts would follow in the spring.",
        # a brief's headline, a pun sharing no word with its one paragraph (``brief_headline``)
        "Cold Comfort\n\nHeating bills will rise again in January, the regulator said, though by "
        "less than many households had feared.",
        # ... and over a body of one short sentence, too short to count as a paragraph of prose
        "Strong Sales Lift Carmaker\n\nThe firm's quarterly earnings beat forecasts.",
        # a timeline the article gives, under its title, is its own (``timeline_lines``): its dated
        # entries at the end read as a page's stamps to main's classifier
        "The council voted on Monday to sell the old library building on Bridge Street, ending a "
        "ten-year campaign to reopen it.\n\nThe building has stood empty since the library moved, and "
        "repairs would now cost more than it is worth, officers said.\n\nKey dates\n2014 - the library "
        "moves to the civic centre\nMarch 2019 - campaigners ask for a community lease\nJune 2023 - a "
        "survey finds the roof unsafe",
        # a table of data the markup declares is the article's own (``data_table_lines``): each cell
        # read as a line of its own looked like a page's furniture, and so did the lead above it
        markdown("# United climb to third\n\nUnited moved up to third in the table after a 2-1 win at "
                 "Villa on Sunday, with both goals in the second half.\n\n| Pos | Team | Points |\n"
                 "|---|---|---|\n| 1 | Liverpool | 29 |\n| 2 | Arsenal | 27 |\n| 3 | United | 26 |\n\n"
                 "The manager said his side had shown great character after a difficult first half."),
        # a list the article numbers itself (``enumerated_lines``): a run of items under the sentence
        # that introduces it, and a listicle's numbered headings over their paragraphs (main
        # reported two of the items, and one heading)
        "A new report ranks ten wealthy countries on poverty, inequality and jobs, and the United "
        "States comes last.\n\nThe overall rankings of the countries were as follows:\n1. Finland\n"
        "2. Norway\n3. Australia\n4. Canada\n5. Germany\n\nThe low ranking the U.S. received was due "
        "to its extreme levels of wealth and income inequality, the authors said.",
        "Shops lose sales when visitors cannot find what they want, and a few changes bring more of "
        "them to the checkout.\n\n1. Upsell and Cross Sell\n\nOffering related products on product "
        "pages to sell more than one product is a common strategy known as cross-selling.\n\n2. "
        "Improve Site Search\n\nMake sure your customers can find what they want quickly, and test "
        "your site search so that all your products show up.\n\n3. Be Easy to Contact\n\nPeople "
        "don't buy unless they're confident they are making the right decision, so have a contact "
        "page that is easy to find.",
        html("<article><p>Labour won a large majority in the general election, official results "
             "showed on Friday.</p><table><tr><th>Party</th><th>Seats</th></tr><tr><td>Labour</td>"
             "<td>412</td></tr><tr><td>Conservative</td><td>121</td></tr></table><p>Turnout fell to "
             "about 60 per cent, the lowest since 2001, the electoral commission said.</p></article>"),
        # a subheading quoting the paragraph under it (``quoted_subheading``)
        "Factory towns across the state have lost thousands of jobs since the recession, and many of "
        "those who stayed say they cannot find work.\n\n‘No Work’\n\n“The economy is tough and there is "
        "no work for us here, and few options and not enough money,” said Tom Reed, who has sent out 20 "
        "applications in the past year and had no interviews. He worked in a variety of manufacturing "
        "and construction jobs before the recession. “Eventually I think it has to get better.”\n\n"
        "Others have left for the cities, where wages are higher but rents are too.",
        # a people-on-the-move brief's name heading in capitals (``capitals_name_heading``)
        "JANE R. WHITCOMB\n\nHired: Baker & Lane LLP, Partner\n\nWhitcomb is a partner in the firm's "
        "Chicago office, practicing in the areas of tax and estate planning. She received her law degree "
        "from Tulane University, where she graduated with honors. At Tulane, Ms. Whitcomb served as an "
        "editor of the law review. Whitcomb was recognized as a scholar and received the dean's award for "
        "her work on the state's tax code. Before joining the firm, she served as a clerk to a federal "
        "judge in New Orleans.",
    )

    MAX_WORDS = 14   # a listed phrase is a short line

    def check(self, article: Article) -> Iterator[Finding]:
        exact, prefixes = _phrase_table(tuple(self.config.boilerplate))
        text = article.text
        every = article_lines(article)
        # a table of data the markup declares is the article's own: the classifier reads the lines
        # around it as if it were not there (each cell is a block of its own, and a league table's
        # cells read as a page's furniture); the listed phrases are still looked for in its cells
        every_line = [text[s:e] for s, e in every]
        # ... and so are a list the article numbers itself and a timeline it gives
        # (``enumerated_lines``, ``timeline_lines``): their items read alone as a page's short lines
        # of furniture, or as its stamps
        in_table = [t or n or d for t, n, d in zip(data_table_lines(article), enumerated_lines(every_line),
                                                   timeline_lines(every_line))]
        spans = [span for span, t in zip(every, in_table) if not t]
        lines = [x for x, t in zip(every_line, in_table) if not t]
        tags = None if article.doc is None else iter_line_tags(article.doc, spans, [modelled(x) for x in lines])
        model = residue_model()
        # what each line means, when the model reads it: the word-fit encoder's reading of the
        # lines the line-alone judge looks at (made when asked)
        vectors = None if model.vector_source is None else EncodedLines(lines, model.vector_source)
        alone = [a for a, t in zip(alone_lines(article), in_table) if not t]
        judged = iter(model.judge(lines, tags, alone=alone, vectors=vectors) if lines else ())
        verdicts = [False if t else next(judged) for t in in_table]
        # a heading the markup declares (HTML, Markdown) is the article's own: the classifier
        # leaves it alone (plain text has no such mark: a short line there only looks like one)
        marked = article.fmt in ("html", "markdown")
        own_head = headline_and_byline(every_line)
        for i, ((start, end), line, residue) in enumerate(zip(every, every_line, verdicts)):
            if residue and marked and (b := article.block_at(start)) is not None and b.kind == "heading":
                residue = False
            if residue and (quoted_subheading(every_line, i) or capitals_name_heading(every_line, i)
                            or i in own_head):
                residue = False
            lead = len(line) - len(line.lstrip())
            s, e = start + lead, start + len(line.rstrip())
            if len(line.split()) <= self.MAX_WORDS and listed(line, exact, prefixes):
                yield self.finding(s, e, "web or CMS residue, not part of the article",
                                   suggestion="delete this line", fix="")
            elif residue:
                yield self.finding(s, e, "looks like web or CMS residue (page furniture), not part of "
                                   "the article", suggestion="delete this line if it is not copy")


_QUOTED_LINE = re.compile(r"^\s*[\"“‘']([^\"“”‘’']{2,60})[\"”’']\s*$")
_SUBHEAD_WORDS = 6       # a subheading quoting the copy is a few words
_NAME_HEAD_WORDS = 5     # a name in capitals: first names, an initial, a surname
_NAME_USES = 2           # the surname written in the copy below, in its own case, at least this often


#: lines a page may put between the headline and the first paragraph (a stamp, a share row, a
#: byline, a caption): the head the classifier leaves alone reaches only 4 lines down
_HEAD_REACH = 10
_BYLINE = re.compile(r"^\s*By [A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){0,3}(?:,|\s*$| and | in )")


def headline_and_byline(lines: list[str]) -> set[int]:
    """The article's own headline and byline in a page pasted whole, its furniture between them and
    the first paragraph (`Published 3 hours ago`, `Share`): the first line, when it names the
    story (two content words or more of the first paragraph of prose, within ``_HEAD_REACH`` lines),
    and a `By NAME` line above that paragraph. The furniture between is still read (a listed
    phrase, the classifier); the head ``head_lines`` leaves alone is only the lines right above
    the first paragraph."""
    first = next((j for j, x in enumerate(lines[:_HEAD_REACH]) if x.strip() and line_kind(x) == "P"), None)
    if not first or line_kind(lines[0]) == "P" or not 3 <= len(lines[0].split()) <= 20:
        return set()
    if len(set(content_stems(lines[0])) & set(content_stems(lines[first]))) < 2:
        return set()
    return {0} | {j for j in range(1, first) if _BYLINE.match(lines[j]) and len(lines[j].split()) <= 10}


def quoted_subheading(lines: list[str], i: int) -> bool:
    """Line ``i`` a subheading that quotes the paragraph under it (`‘No Jobs’` over `"... there are no
    jobs for us here," said Foreman`): a few words wholly in quotation marks, each of them in the
    next paragraph, in that order. A page's quoted teaser names words its article does not."""
    m = _QUOTED_LINE.match(lines[i])
    if m is None or len(m.group(1).split()) > _SUBHEAD_WORDS:
        return False
    words = [w.lower() for w in LETTER_WORD.findall(m.group(1))]
    nxt = next((x for x in lines[i + 1:i + 3] if x.strip()), "")
    if not words or len(nxt.split()) < 8:
        return False
    return re.search(r"\b" + r"\W+(?:\w+\W+){0,2}?".join(map(re.escape, words)) + r"\b", nxt.lower()) is not None


def capitals_name_heading(lines: list[str], i: int) -> bool:
    """Line ``i`` a name in capitals heading a profile or a people-on-the-move brief (`JANE R.
    WHITCOMB` over `Whitcomb is a partner in ...`): a few words, each a name word or an initial, all
    in capitals, its last word the surname the copy below writes in its own case at least twice."""
    words = lines[i].split()
    if not 2 <= len(words) <= _NAME_HEAD_WORDS or not all(re.fullmatch(r"[A-Z][A-Z'’-]*\.?", w) for w in words):
        return False
    surname = words[-1].rstrip(".")
    if len(surname) < 3:
        return False
    title = surname[:1] + surname[1:].lower()
    below = " ".join(lines[i + 1:])
    return len(re.findall(r"\b" + re.escape(title) + r"\b", below)) >= _NAME_USES


@lru_cache(maxsize=1)
def _placeholder_patterns() -> re.Pattern:
    sensitive, insensitive = [], []
    for p in data.phrases("placeholders.txt"):
        pat = r"\s+".join(re.escape(w) for w in p.split())
        (sensitive if p.upper() == p and any(c.isalpha() for c in p) else insensitive).append(pat)
    # a bracketed gap ("[INSERT QUOTE]", "[SOURCE]"), a note to the desk ("[Ed: need a quote]"), a
    # writer's note in double parentheses ("((need latest figures))") or query ("(spelling?)")
    bracket = (rf"\[\s*(?:(?:{_word_alternation('placeholder-bracket-words')}|XX+)\b[^\]\n]{{0,60}}"
               rf"|(?-i:{_word_alternation('placeholder-bracket-slots', upper=True)}\b[A-Z ]{{0,40}})"
               rf"|{_word_alternation('placeholder-note-openers')}\s*[:.]\s[^\]\n]{{0,120}})\]"
               rf"|\(\([^()\n]{{2,120}}\)\)|\((?:{_word_alternation('placeholder-queries')}\s*)?\?\)")
    # the whole-word test once for every phrase (not once a phrase at every character): at each place
    # the phrases are tried in the same order as before, each followed by the same test
    words = sorted(sensitive, key=len, reverse=True)
    words += [f"(?i:{p})" for p in sorted(insensitive, key=len, reverse=True)]
    return re.compile(rf"(?i:{bracket})|(?<![\w-])(?:{_NUMBER_SLOT}|{'|'.join(words)})(?![\w-])")


#: a figure left as X's where the number goes, in a shape only a figure takes: an amount (`£XXm`,
#: `$xx.xbn`), a share (`XX%`), a year (`19XX`), a time (`xx:xx`), a date (`XX/XX/XXXX`); the X's in
#: one case (a run of capitals that is a word is the listed `XX`/`XXX`, read with the name test)
_NUMBER_SLOT = (r"[£$€]\s?(?:XX+|xx+)(?:[.,](?:X+|x+))?(?:m|bn|mn|k)?|(?:XX+|xx+)\s?%|(?:1[89]|20)(?:XX|xx)"
                r"|(?:XX|xx):(?:XX|xx)|(?:XX|xx)/(?:XX|xx)/(?:XX|xx){1,2}")


@register
class Placeholder(Rule):
    """A placeholder left in the draft: TK, TKTK, lorem ipsum, XXX, [INSERT QUOTE], [SOURCE],
    "headline here", a figure left as X's (£XXm, XX%, 19XX, xx:xx), or a writer's note to the
    desk: [Ed: need a quote here], ((check figures)), (spelling?), NOTE TO SUBS.

    These mark what the writer meant to come back to; published, they are the most embarrassing
    fault in the list. A slot a template names is read in capitals only ("[SOURCE]", "[CITY
    NAME]"; "[Source: Xinhua]" is a credit); square brackets a writer puts inside a quotation
    ("He [the minister] was wrong") are published text. All-capital markers (TK, XXX) match only in
    capitals and only as words, so "Atkins" and "XXL" are left alone, and so is such a marker that is part of a name: followed by a
    capitalised word ("TK Maxx"; not a month's name: "by XX December" is a date to fill), a Roman
    numeral after one ("Super Bowl XX"; not after the capital that opens a sentence: "About XXX
    people"), or an abbreviation the article itself defines or compounds ("Techniker Krankenkasse
    (TK)", "TK-Safe").
    """

    id = "placeholder"
    any_language = True
    family = "placeholder"
    severity = Severity.ERROR
    summary = "Placeholder or writer's note left in the copy (`TK`, `lorem ipsum`, `[INSERT QUOTE]`, `[Ed: check]`)."
    flags = (
        "The council will cut ⟦TK→replace it with the real text⟧ jobs.",
        "⟦Lorem ipsum→replace it with the real text⟧ dolor.",
        "The mayor said ⟦[INSERT QUOTE]→replace it with the real text⟧ on Monday.",
        "The bridge at dawn. ⟦[CAPTION TK]→replace it with the real text⟧",
        # a writer's note to the desk, a query, a gap named by what should fill it
        "The council should have acted sooner. ⟦[Ed: need a quote from Wilkes here]→replace it with the real text⟧",
        "The bridge carries 30,000 vehicles a day ⟦((need latest traffic figures))→replace it with the real text⟧.",
        "said council leader Amanda Hopgood ⟦(spelling?)→replace it with the real text⟧.",
        "The work will take 18 months, according to ⟦[SOURCE]→replace it with the real text⟧.",
        "⟦Headline here→replace it with the real text⟧\n\nThe council met.",
        # a figure left as X's: a date, a count after a capital that only opens the sentence, an amount
        "Officials expect a decision by ⟦XX→replace it with the real text⟧ December.",
        "About ⟦XXX→replace it with the real text⟧ people attended the rally.",
        "The scheme will cost ⟦£XXm→replace it with the real text⟧ over five years.",
        "Turnout was the lowest since ⟦19XX→replace it with the real text⟧.",
    )
    passes = (
        "Mr Atkins said the TKO came in round three.",
        "The company's XXL range sold out.",
        "Insert the key and turn it.",
        "Shoppers queued outside TK Maxx, and the Giants won Super Bowl XX.",
        "The insurer Techniker Krankenkasse (TK) runs TK-Safe. The TK said data stays private.",
        # a WordPress shortcode with its attributes is the CMS's markup (main: an error)
        '[caption id="attachment_12" align="alignnone" width="800"]The site on Eastern Avenue.[/caption]',
        # square brackets a writer puts in a quotation, a credit, an acronym: published text
        '"He [the minister] was wrong," she said. [Editor in charge: Li Wei] [NFL] (Reuters) (pictured)',
        # a Roman numeral in a name at the start of a sentence; X's that are a size
        "XX Corps crossed the river. The XXL and XXXL shirts sold out.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        for m in _placeholder_patterns().finditer(text):
            if _SHORTCODE_ATTRIBUTE.search(m.group()):
                continue   # a CMS shortcode with its attributes ([caption id="..."]): markup, not a gap
            if not _in_a_name(text, m.start(), m.end()):
                yield self.finding(m.start(), m.end(), f"placeholder '{m.group()}' left in the copy",
                                   suggestion="replace it with the real text")


#: an attribute inside brackets: a WordPress shortcode's ``[caption id="attachment_1" width="800"]``
_SHORTCODE_ATTRIBUTE = re.compile(r"^\[\w+\s.*\b\w+=[\"'\w]")
_NAME_AFTER = re.compile(r" [A-Z][a-z]")
_NAME_BEFORE = re.compile(r"[A-Z][a-z]+ $")
_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"’”]?\s+|\n\s*)$")


def _word_at(text: str, at: int) -> str:
    """The word that begins at ``at``."""
    m = re.match(r"\w+", text[at:at + 40])
    return m.group() if m else ""
_ROMAN = re.compile(r"[IVXLCDM]+")


def _in_a_name(text: str, start: int, end: int) -> bool:
    """An all-capital marker (TK, XX) that is part of a name: followed by a capitalised word
    (`TK Maxx`), a Roman numeral after one (`Super Bowl XX`), or an abbreviation the article defines
    or compounds (`Techniker Krankenkasse (TK)`, `TK-Safe`). `Mayor TK said` stays a placeholder."""
    marker = text[start:end]
    if not marker.isupper() or not marker.isalpha():
        return False
    after = _NAME_AFTER.match(text, end)
    before = _ROMAN.fullmatch(marker) and _NAME_BEFORE.search(text, max(0, start - 40), start)
    if after and _word_at(text, end + 1).lower() not in data.words("month-and-day-names"):
        return True   # `TK Maxx`; not `by XX December`, a date left to fill
    if before and _word_at(text, before.start()).lower() not in data.words("month-and-day-names") \
            and not _SENTENCE_START.search(text, max(0, before.start() - 3), before.start()):
        return True   # `Super Bowl XX`; not `December XX` nor `About XXX people` (a capital for the sentence)
    return re.search(rf"\({re.escape(marker)}\)|(?<![\w-]){re.escape(marker)}-\w", text) is not None
