"""The Article: an article's prose, its blocks, and the map back to the original file.

Every reader (plain text, Markdown, HTML) builds the prose view ``Article.text`` piece by piece with
a ``TextBuilder``: a piece is either copied from the original (``copy``: one character for one
character) or synthetic (``synth``: a block separator, a decoded entity, a collapsed run of white
space), tied to the original range it stands for. Rules work on ``Article.text`` and report
offsets into it; ``Article.to_raw`` and ``Article.position`` turn them into offsets, lines and
columns of the original file. Markup is stripped, offsets are kept.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

@dataclass(frozen=True)
class Block:
    """A unit of prose; ``kind`` is heading, paragraph, list_item, quote, table or caption.
    ``start``/``end`` index ``Article.text``."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Directive:
    """An inline suppression marker found in the source.

    ``action`` is one of ``disable``, ``enable``, ``disable-next-line``, ``ignore-line`` (the line the
    marker stands on) or ``disable-file``; ``rules`` is empty for "every rule"; ``line`` is 1-based.
    """

    action: str
    rules: tuple[str, ...]
    line: int


class TextBuilder:
    """Builds ``Article.text`` and the segment table that maps it back to the raw file."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        # Parallel lists: text offset where a segment starts, raw start, raw end, identity flag.
        self.t_starts: list[int] = []
        self.r_starts: list[int] = []
        self.r_ends: list[int] = []
        self.ident: list[bool] = []

    def _push(self, s: str, raw_start: int, raw_end: int, identity: bool) -> None:
        if not s:
            return
        if (identity and self.ident and self.ident[-1]
                and self.r_ends[-1] == raw_start
                and self.t_starts[-1] + (self.r_ends[-1] - self.r_starts[-1]) == self.length):
            self.r_ends[-1] = raw_end  # extend the previous contiguous copy
        else:
            self.t_starts.append(self.length)
            self.r_starts.append(raw_start)
            self.r_ends.append(raw_end)
            self.ident.append(identity)
        self.parts.append(s)
        self.length += len(s)

    def copy(self, raw: str, start: int, end: int) -> None:
        """Append ``raw[start:end]`` unchanged."""
        if end > start:
            self._push(raw[start:end], start, end, True)

    def synth(self, s: str, raw_start: int, raw_end: int | None = None) -> None:
        """Append ``s``, standing for ``raw[raw_start:raw_end]`` (an empty range for a separator)."""
        self._push(s, raw_start, raw_start if raw_end is None else raw_end, False)

    def text(self) -> str:
        return "".join(self.parts)


_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Segment:
    """One piece of the prose view and the stretch of the original file it stands for: copied one
    character for one character (``copied``), or synthetic (a separator, a decoded entity)."""

    text_start: int
    text_end: int
    raw_start: int
    raw_end: int
    copied: bool


class Article:
    """One article: original text, prose view, blocks, and the offset/line maps between them."""

    def __init__(self, path: str, raw: str, fmt: str, builder: TextBuilder, blocks: list[Block],
                 directives: list[Directive] | None = None, encoding: str = "utf-8") -> None:
        self.path = path
        self.raw = raw
        self.fmt = fmt
        self.encoding = encoding
        self.text = builder.text()
        self._t_starts = builder.t_starts
        self._r_starts = builder.r_starts
        self._r_ends = builder.r_ends
        self._ident = builder.ident
        self.blocks = [b for b in blocks if b.end > b.start]
        self.directives = directives or []
        self.doc = None  # the spaCy Doc of ``text``, set by the engine when a rule needs it
        self.wordfit = None  # copylint.wordfit.WordFit (or the ModelError), set by the engine when a rule needs it
        self.notices: list[str] = []  # parts a reader could not check (told to the user)
        #: (start, end, language) of the blocks of an English article that read as another language
        #: (``copylint.language``), set by the engine: the rules that read English report nothing there
        self.other_language_blocks: list[tuple[int, int, str]] = []

    # --- offsets ---------------------------------------------------------------------------
    def _seg(self, i: int) -> int:
        return max(0, bisect.bisect_right(self._t_starts, i) - 1)

    def to_raw(self, i: int) -> int:
        """Raw offset of the text character at ``i``."""
        if not self._t_starts:
            return 0
        k = self._seg(i)
        if self._ident[k]:
            return min(self._r_starts[k] + (i - self._t_starts[k]), self._r_ends[k])
        return self._r_starts[k]

    def to_raw_end(self, i: int) -> int:
        """Raw offset just after the text character at ``i - 1`` (for exclusive ends)."""
        if i <= 0 or not self._t_starts:
            return self.to_raw(0)
        k = self._seg(i - 1)
        if self._ident[k]:
            return min(self._r_starts[k] + (i - self._t_starts[k]), self._r_ends[k])
        return self._r_ends[k]

    def contiguous(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` is copied unchanged from one stretch of the original."""
        if end <= start:
            return True
        k = self._seg(start)
        if not self._ident[k]:
            return False
        return (end - self._t_starts[k]) <= (self._r_ends[k] - self._r_starts[k])

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        raw = self.raw
        for m in re.finditer(r"\r\n|\n|\r", raw):
            starts.append(m.end())
        return starts

    def position(self, raw_offset: int) -> tuple[int, int]:
        """1-based (line, column) of a raw offset; columns count characters."""
        starts = self._line_starts
        k = bisect.bisect_right(starts, raw_offset) - 1
        return k + 1, raw_offset - starts[k] + 1

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column) in the original file for ``text[start:end]``."""
        rs = self.to_raw(start)
        re_ = self.to_raw_end(end) if end > start else rs
        if re_ < rs:
            re_ = rs
        line, col = self.position(rs)
        if re_ > rs:
            eline, ecol = self.position(re_ - 1)
            ecol += 1
        else:
            eline, ecol = line, col
        return line, col, eline, ecol

    @cached_property
    def segments(self) -> list[Segment]:
        """The map between the prose view and the original, piece by piece, in the order built."""
        t, n = self._t_starts, len(self._t_starts)
        return [Segment(t[k], t[k + 1] if k + 1 < n else len(self.text), self._r_starts[k], self._r_ends[k],
                        self._ident[k]) for k in range(n)]

    @cached_property
    def in_file_order(self) -> bool:
        """True when the pieces follow the original in order, none reaching into the next (readers
        build them so; a search by raw offset may then stop early)."""
        rs, re_ = self._r_starts, self._r_ends
        return all(rs[k] <= rs[k + 1] and re_[k] <= rs[k + 1] for k in range(len(rs) - 1))

    def replacement(self, start: int, end: int, text: str) -> str | None:
        """``text`` as the fix for ``self.text[start:end]``, or None when the original file's span is
        not that prose (markup, an entity or a comment inside it) and replacing it could break the
        file. Differences in white space and line endings are allowed. For rules building a ``fix``."""
        if end <= start:
            return None
        rs, re_ = self.to_raw(start), self.to_raw_end(end)
        if re_ <= rs or _WS.sub(" ", self.raw[rs:re_]) != _WS.sub(" ", self.text[start:end]):
            return None
        return text

    # --- structure -------------------------------------------------------------------------
    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def block_at(self, i: int) -> Block | None:
        """The block containing text offset ``i``, or None (between blocks)."""
        k = bisect.bisect_right(self._block_starts, i) - 1
        if k >= 0 and self.blocks[k].start <= i < self.blocks[k].end:
            return self.blocks[k]
        return None

    @cached_property
    def quotations(self) -> list[tuple[int, int]]:
        """The article's quotations as sorted, disjoint (start, end) text offsets, marks included
        (``copylint.quotes``: the one notion of "inside a quotation")."""
        from copylint.quotes import quotations
        return quotations(self.text, self.blocks)

    def in_quotation(self, start: int, end: int) -> bool:
        """Whether the text span ``[start, end)`` lies inside one quotation of the article."""
        from copylint.quotes import inside
        return inside(self.quotations, start, end)

    @cached_property
    def word_count(self) -> int:
        return len(self.text.split())

    def __repr__(self) -> str:
        return f"Article({self.path!r}, fmt={self.fmt!r}, blocks={len(self.blocks)})"


# --- suppression markers -----------------------------------------------------------------------
_RULE_LIST = r"((?:[\w:.\-]+(?:\s*,\s*|\s+)?)*)"
HTML_DIRECTIVE = re.compile(
    r"copylint-(disable-file|disable-next-line|disable|enable)\b\s*" + _RULE_LIST, re.I)
TEXT_IGNORE = re.compile(
    r"[ \t]*(?:#|//|\[)?[ \t]*copylint:[ \t]*(ignore|disable-file)\b[ \t]*([\w:.,\- \t]*?)\]?[ \t]*$", re.I)


def _split_rules(s: str) -> tuple[str, ...]:
    return tuple(r for r in re.split(r"[\s,]+", s.strip()) if r and r != "-->")


def parse_comment_directive(comment: str, line: int) -> Directive | None:
    m = HTML_DIRECTIVE.search(comment)
    if not m:
        return None
    return Directive(m.group(1).lower(), _split_rules(m.group(2) or ""), line)


# --- plain text --------------------------------------------------------------------------------
_LINE_RE = re.compile(r"([^\r\n]*)(\r\n|\n|\r|$)")
_TERMINAL = re.compile(r"""[.!?…:;]["'”’)\]]*$""")
_FUNCTION_END = re.compile(
    r"\b(?:the|a|an|of|to|in|on|at|by|for|with|and|or|but|from|that|which|who|as|its|their|his|her|"
    r"our|is|are|was|were|be|has|have|had|will|would|said|says|than|into|this|these|those|not)$", re.I)


def looks_like_heading(line: str) -> bool:
    """A short line with no closing punctuation that starts with a capital or a digit."""
    s = line.strip()
    words = s.split()
    if not words or len(words) > 20 or _TERMINAL.search(s) or s.endswith((",", "-", "—", "–")):
        return False
    return s[:1].isupper() or s[:1].isdigit() or s[:1] in "\"“‘'"


def ends_as_heading(line: str) -> bool:
    """A line that reads as a headline (``looks_like_heading``) and does not end with a function
    word (`It was checked by the` runs on into the next line)."""
    s = line.rstrip()
    return looks_like_heading(s) and not _FUNCTION_END.search(s)


def _closes_block(line: str, next_line: str) -> bool:
    s = line.rstrip()
    if _TERMINAL.search(s):
        return True
    nxt = next_line.lstrip()
    return bool(nxt[:1].isupper() or nxt[:1] in "\"“‘'") and ends_as_heading(s)


def read_plain(path: str, raw: str, encoding: str = "utf-8") -> Article:
    """Plain text. ``Article.text`` keeps the file's lines one for one (line endings become ``\\n``,
    trailing ``copylint: ignore`` markers are cut). Paragraphs are separated by blank lines; a line
    that ends a sentence, or reads as a headline, closes its block even without a blank line."""
    b = TextBuilder()
    directives: list[Directive] = []
    lines: list[tuple[int, int, str]] = []  # (text_start, text_end, content) per raw line
    pos = 0
    line_no = 0
    n = len(raw)
    while True:
        m = _LINE_RE.match(raw, pos)
        line_no += 1
        start, end = m.start(1), m.end(1)
        if "copylint" in raw[start:end].lower():
            tm = TEXT_IGNORE.search(raw, start, end)
            if tm:
                action = "ignore-line" if tm.group(1).lower() == "ignore" else "disable-file"
                directives.append(Directive(action, _split_rules(tm.group(2) or ""), line_no))
                end = tm.start()
            for cm in re.finditer(r"<!--(.*?)-->", raw[start:end]):
                d = parse_comment_directive(cm.group(1), line_no)
                if d:
                    directives.append(d)
        t0 = b.length
        b.copy(raw, start, end)
        lines.append((t0, b.length, raw[start:end]))
        if not m.group(2):
            break
        b.synth("\n", m.start(2), m.end(2))
        pos = m.end()
        if pos > n:
            break
    blocks: list[Block] = []
    group: list[tuple[int, int, str]] = []

    def close() -> None:
        if group:
            kind = "heading" if len(group) == 1 and looks_like_heading(group[0][2]) else "paragraph"
            blocks.append(Block(kind, group[0][0], group[-1][1]))
            group.clear()

    for idx, (t0, t1, content) in enumerate(lines):
        stripped = content.strip()
        if not stripped or (stripped.startswith("<!--") and stripped.endswith("-->")):
            close()
            continue
        group.append((t0, t1, content))
        if idx + 1 < len(lines) and lines[idx + 1][2].strip() and _closes_block(content, lines[idx + 1][2]):
            close()
    close()
    return Article(path, raw, "text", b, blocks, directives, encoding)
