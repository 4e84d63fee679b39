"""Readers: turn Markdown and HTML sources into an ``Article`` whose prose keeps its offsets.

Markdown: markdown-it-py finds the blocks (headings, paragraphs, list items, quotes, tables; code
blocks, HTML blocks and front matter are not prose); inline markup (code spans, link targets,
images, autolinks, inline HTML and comments, emphasis markers, escapes) is stripped line by line.
HTML: the standard library's ``HTMLParser`` walks the tags; scripts, styles, code, navigation and the
head are skipped, entities are decoded, runs of white space collapse to one space as a browser shows
them. A whole web page is then read like a browser's reader view: readability-lxml chooses the
article's content and only copylint's blocks whose text it kept stay prose, picture captions and
credits left out (their offsets are copylint's own, so lines and columns still point into the
file); when it finds nothing, or the page
is a fragment without site furniture, a page with an ``<article>`` (else a ``<main>``) is read inside
it only, and anything else is read whole.
"""
from __future__ import annotations

import bisect
import html
import re
from html.parser import HTMLParser

from copylint.article import (
    Article, Block, Directive, TextBuilder, parse_comment_directive, read_plain,
)

FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".txt": "text"}


def format_for(path: str) -> str:
    lower = path.lower()
    for ext, fmt in FORMATS.items():
        if lower.endswith(ext):
            return fmt
    return "text"


def load_article(path: str, raw: str, fmt: str | None = None, encoding: str = "utf-8") -> Article:
    fmt = fmt or format_for(path)
    if fmt == "markdown":
        return read_markdown(path, raw, encoding)
    if fmt == "html":
        return read_html(path, raw, encoding)
    return read_plain(path, raw, encoding)


# --- Markdown ----------------------------------------------------------------------------------
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\.\.\.|\+\+\+)[ \t]*$", re.S | re.M)
# Inline markup, in priority order. Groups: code span, template tag (Hugo/Jekyll shortcodes,
# {{ }} / {% %}, heading attributes {#id}), comment, image, link [text](target),
# reference link [text][ref], autolink, inline HTML tag, escape, entity, emphasis run.
_INLINE = re.compile(
    r"(?P<code>(?P<ticks>`+).+?(?P=ticks))"
    r"|(?P<template>\{\{.*?\}\}|\{%.*?%\}|[ \t]*\{[#.][\w:.#= -]*\}\s*$)"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<image>!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\]))"
    r"|(?P<link>\[(?P<ltext>[^\]]*)\]\((?:<[^>]*>|[^)\s]*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\))"
    r"|(?P<reflink>\[(?P<rtext>[^\]]+)\]\[[^\]]*\])"
    r"|(?P<autolink><(?:https?|ftp|mailto):[^>\s]*>|<[\w.+-]+@[\w-]+(?:\.[\w-]+)+>)"
    r"|(?P<tag></?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<escape>\\[!-/:-@\[-`{-~])"
    r"|(?P<entity>&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<emph>(?<![\w\\])(?:\*{1,3}|_{1,3}|~~)(?=\S)|(?<=\S)(?:\*{1,3}|_{1,3}|~~)(?![\w]))"
)
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
# markdown-it stops reading blocks nested deeper than this (its default, 20, silently dropped a
# list nested nine deep). 100 levels (50 nested lists, 100 nested quotes) is beyond any article and
# keeps markdown-it's recursion well inside Python's limit; deeper parts are reported as unchecked.
MAX_NESTING = 100


def _too_deep(tokens, src_lines: list[str]) -> list[str]:
    """Notices for the parts markdown-it skipped because they nest deeper than ``MAX_NESTING``:
    a container opened at the last level and closed with nothing read inside it."""
    covered = {ln for t in tokens if t.map and t.nesting == 0 for ln in range(*t.map)}
    covered |= {ln for t in tokens if t.map and t.type in ("paragraph_open", "heading_open")
                for ln in range(*t.map)}
    out = []
    for t, nxt in zip(tokens, tokens[1:]):
        if t.nesting == 1 and t.level >= MAX_NESTING - 1 and nxt.nesting == -1 and t.map:
            lost = [ln for ln in range(*t.map) if ln not in covered and ln < len(src_lines)
                    and src_lines[ln].strip(" \t>-*+0123456789.)")]
            if lost:
                where = f"line {lost[0] + 1}" if len(lost) == 1 else f"lines {lost[0] + 1}-{lost[-1] + 1}"
                out.append(f"{where}: nested more than {MAX_NESTING} Markdown levels deep, not checked")
    return out


def _strip_inline(raw: str, start: int, end: int, b: TextBuilder, directives: list[Directive],
                  line_no: int) -> None:
    """Copy the prose of ``raw[start:end]`` (one line of inline content) into the builder."""
    pos = start
    for m in _INLINE.finditer(raw, start, end):
        b.copy(raw, pos, m.start())
        if m.group("link") is not None:
            _strip_inline(raw, m.start("ltext"), m.end("ltext"), b, directives, line_no)
        elif m.group("reflink") is not None:
            _strip_inline(raw, m.start("rtext"), m.end("rtext"), b, directives, line_no)
        elif m.group("escape") is not None:
            b.copy(raw, m.start() + 1, m.end())
        elif m.group("entity") is not None:
            b.synth(html.unescape(m.group()), m.start(), m.end())
        elif m.group("comment") is not None:
            d = parse_comment_directive(m.group("comment"), line_no)
            if d:
                directives.append(d)
        pos = m.end()
    b.copy(raw, pos, end)


def read_markdown(path: str, raw: str, encoding: str = "utf-8") -> Article:
    from markdown_it import MarkdownIt

    # Line starts over "\n" (markdown-it's view); CRs stay in the raw text and are trimmed below.
    starts = [0] + [m.end() for m in re.finditer(r"\n", raw)]
    lines = raw.split("\n")
    src = raw
    fm = _FRONT_MATTER.match(raw)
    if fm:  # blank out the front matter, keeping its lines so markdown-it's line numbers match
        n = raw.count("\n", 0, fm.end())
        src = "\n" * n + raw[fm.end():]
    src = src.replace("\r", "")
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable("table").enable("strikethrough")
    tokens = md.parse(src)
    notices = _too_deep(tokens, src.split("\n"))

    b = TextBuilder()
    blocks: list[Block] = []
    directives: list[Directive] = []
    containers: list[str] = []
    heading_kind = None
    for tok in tokens:
        if tok.type in ("blockquote_open", "list_item_open", "table_open"):
            containers.append(tok.type)
        elif tok.type in ("blockquote_close", "list_item_close", "table_close"):
            if containers:
                containers.pop()
        elif tok.type == "heading_open":
            heading_kind = "heading"
        elif tok.type == "heading_close":
            heading_kind = None
        elif tok.type == "html_block" and tok.map:
            for cm in re.finditer(r"<!--(.*?)-->", tok.content, re.S):
                line = tok.map[0] + tok.content.count("\n", 0, cm.start()) + 1
                d = parse_comment_directive(cm.group(1), line)
                if d:
                    directives.append(d)
        elif tok.type == "inline" and tok.map:
            if heading_kind:
                kind = "heading"
            elif "table_open" in containers:
                kind = "table"
            elif "blockquote_open" in containers:
                kind = "quote"
            elif "list_item_open" in containers:
                kind = "list_item"
            else:
                kind = "paragraph"
            first, last = tok.map
            content_lines = tok.content.split("\n")
            if kind == "paragraph" and all(_REF_DEF.match(c) for c in content_lines):
                continue
            block_start = b.length
            li = first
            for ci, c in enumerate(content_lines):
                c = c.strip()
                # find this content line in the raw lines of the block
                found = -1
                while li < min(last, len(lines)):
                    line = lines[li].rstrip("\r")
                    found = line.find(c) if c else -1
                    if found >= 0:
                        break
                    li += 1
                if found < 0:
                    continue
                if ci > 0 and b.length > block_start:
                    b.synth("\n", starts[li] - 1, starts[li])
                s = starts[li] + found
                e = s + len(c)
                if kind == "heading":  # closing ATX hashes
                    e = s + len(re.sub(r"\s+#+\s*$", "", c))
                _strip_inline(raw, s, e, b, directives, li + 1)
                li += 1
            if b.length > block_start:
                blocks.append(Block(kind, block_start, b.length))
                b.synth("\n\n", b.r_ends[-1])
    article = Article(path, raw, "markdown", b, blocks, directives, encoding)
    article.notices.extend(notices)
    return article


# --- HTML --------------------------------------------------------------------------------------
_BLOCK_TAGS = {
    "p": "paragraph", "div": "paragraph", "section": "paragraph", "article": "paragraph",
    "header": "paragraph", "footer": "paragraph", "main": "paragraph", "aside": "quote",
    "nav": "paragraph", "form": "paragraph", "ul": "paragraph", "ol": "paragraph",
    "dl": "paragraph", "dt": "paragraph", "dd": "paragraph", "table": "table", "tr": "table",
    "td": "table", "th": "table", "figure": "paragraph", "br": None, "hr": "paragraph",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "li": "list_item", "blockquote": "quote", "figcaption": "caption",
    "caption": "caption", "body": "paragraph", "html": "paragraph", "button": "paragraph",
    "label": "paragraph", "option": "paragraph",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "svg", "math", "code", "pre",
              "textarea", "select", "iframe", "object", "nav"}
# A page with an <article> (else a <main>) is read inside it when the reader view finds nothing:
# site navigation, headers and footers around it are page furniture, not copy.
_SCOPE = re.compile(r"<(article|main)[\s>/]", re.I)
# A whole web page (not a CMS fragment or a bare document): it has a body and site furniture.
_BODY = re.compile(r"<body[\s>]", re.I)
_FURNITURE = re.compile(r"<(?:nav|header|footer|aside)[\s>/]|\brole\s*=\s*[\"']?navigation", re.I)
_LINK = re.compile(r"<a\s[^>]*\bhref", re.I)
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source",
         "track", "wbr", "param"}
# Page furniture a CMS marks by name: an element whose class or id has one of these words holds
# captions, credits, bylines, share and follow bars, related links, promotions or advertising; the
# reader view of a whole page leaves it out.
_FURNITURE_NAMES = frozenset(
    "caption captions credit credits byline bylines related share sharing social newsletter "
    "newsletters promo promos promotion sponsor sponsored advert advertisement ad ads subscribe "
    "subscription signup copyright tags taboola outbrain recirc recirculation breadcrumb "
    "breadcrumbs".split())
_NAME_PARTS = re.compile(r"[\s_-]+")
_MARKABLE = frozenset("div section aside figure ul ol p li span header footer".split())
# An element whose class or id names it a pull quote (pullquote, pull-quote, pull_quote) repeats
# the body's words on purpose: its block is a quote, whatever the tag (a layout table's cell).
_PULL_QUOTE = re.compile(r"pull[\s_-]?quote", re.I)


class _HTMLToArticle(HTMLParser):
    """The whole page's visible text as blocks; ``scoped[k]`` says whether block ``k`` lies inside
    the page's ``<article>`` (else ``<main>``), when it has one."""

    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", raw)]
        self.b = TextBuilder()
        self.blocks: list[Block] = []
        self.scoped: list[bool] = []
        self.furniture: list[bool] = []   # block k lies inside an element named as furniture
        self.marks: list[str] = []        # open elements named as furniture
        self.directives: list[Directive] = []
        self.skip: list[str] = []
        self.kinds: list[str] = []
        self.block_start: int | None = None
        self.pending_space: tuple[int, int] | None = None
        found = {m.group(1).lower() for m in _SCOPE.finditer(raw)}
        self.scope_tag = "article" if "article" in found else ("main" if "main" in found else None)
        self.in_scope = 0

    def _muted(self) -> bool:
        return bool(self.skip)

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def _kind(self) -> str:
        for k in reversed(self.kinds):
            if k != "paragraph":
                return k
        return "paragraph"

    def _break(self) -> None:
        if self.block_start is not None and self.b.length > self.block_start:
            self.blocks.append(Block(self._kind(), self.block_start, self.b.length))
            self.scoped.append(self.in_scope > 0)
            self.furniture.append(bool(self.marks))
            self.b.synth("\n\n", self.b.r_ends[-1])
        self.block_start = None
        self.pending_space = None

    def handle_starttag(self, tag, attrs):
        if tag == self.scope_tag:
            self._break()
            self.in_scope += 1
        if tag in _SKIP_TAGS:
            if tag not in _VOID:
                self.skip.append(tag)
            return
        names = " ".join(v for a, v in attrs if a in ("class", "id") and v)   # what the page calls it
        if tag == "br":
            self._line_break()
        elif tag in _BLOCK_TAGS:
            self._break()
            kind = _BLOCK_TAGS[tag]
            if kind and tag not in _VOID:
                self.kinds.append("quote" if names and _PULL_QUOTE.search(names) else kind)
        if tag in _MARKABLE:
            if tag in ("p", "li") and self.marks and self.marks[-1] == tag:
                self.marks.pop()          # an unclosed <p> or <li> ends where the next begins
            if names and not _FURNITURE_NAMES.isdisjoint(_NAME_PARTS.split(names.lower())):
                self.marks.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self._line_break()
        elif tag in _BLOCK_TAGS:
            self._break()

    def _line_break(self) -> None:
        if self.block_start is not None and self.b.length > self.block_start:
            pos = self._pos()
            self.b.synth("\n", pos, pos)
        self.pending_space = None

    def handle_endtag(self, tag):
        if tag == self.scope_tag and self.in_scope:
            self._break()
            self.in_scope -= 1
        if tag in _SKIP_TAGS:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag in _BLOCK_TAGS and tag not in _VOID:
            self._break()
            kind = _BLOCK_TAGS[tag]
            if kind and self.kinds:
                self.kinds.pop()
        if tag in self.marks:
            while self.marks and self.marks.pop() != tag:
                pass

    def _emit(self, s: str, raw_start: int, raw_end: int, identity: bool) -> None:
        if self._muted():
            return
        if self.block_start is None:
            self.block_start = self.b.length
            self.pending_space = None
        elif self.pending_space is not None:
            self.b.synth(" ", *self.pending_space)
            self.pending_space = None
        if identity:
            self.b.copy(self.raw, raw_start, raw_end)
        else:
            self.b.synth(s, raw_start, raw_end)

    def handle_data(self, data):
        if self._muted():
            return
        start = self._pos()
        for m in re.finditer(r"\s+|\S+", data):
            s, e = start + m.start(), start + m.end()
            if m.group().isspace():
                if self.block_start is not None:
                    self.pending_space = (s, e)
            else:
                self._emit(m.group(), s, e, True)

    def handle_entityref(self, name):
        self._entity(f"&{name};")

    def handle_charref(self, name):
        self._entity(f"&#{name};")

    def _entity(self, ref: str) -> None:
        start = self._pos()
        end = start + len(ref)
        if self.raw[start:end] != ref:  # "&amp" without ";"
            end = start + len(ref) - 1
        ch = html.unescape(ref)
        if ch.isspace():
            if self.block_start is not None:
                self.pending_space = (start, end)
            return
        self._emit(ch, start, end, False)

    def handle_comment(self, data):
        line, _ = self.getpos()
        d = parse_comment_directive(data, line)
        if d:
            self.directives.append(d)


# --- the reader view ---------------------------------------------------------------------------
_WORD = re.compile(r"\w+")
_SHINGLE = 3            # a block is the article's when most of its words sit in runs of 3 it kept
_MIN_ARTICLE_WORDS = 50  # fewer than this kept: the extractor found nothing; fall back
# Block-level elements of the extractor's output: their text is a line of its own.
_EXTRACT_BLOCKS = frozenset("p div section article header footer main aside ul ol li dl dt dd table tr "
                            "td th figure figcaption caption h1 h2 h3 h4 h5 h6 blockquote pre br hr".split())


def _words(s: str) -> list[str]:
    return _WORD.findall(s.replace("’", "'").lower())


def is_web_page(raw: str) -> bool:
    """A whole web page: a ``<body>`` with site furniture (navigation, header, footer, aside) or
    many links. A CMS fragment or a bare document is not one, and is never cut by the reader view."""
    return bool(_BODY.search(raw)) and (bool(_FURNITURE.search(raw)) or len(_LINK.findall(raw)) >= 20)


def extract_content(raw: str) -> list[str] | None:
    """The lines of text readability-lxml keeps as the page's article, or None when it fails."""
    import logging

    import lxml.html
    from readability import Document

    logging.getLogger("readability").setLevel(logging.CRITICAL)  # it logs a traceback on failure
    try:
        summary = Document(raw).summary(html_partial=True)
        tree = lxml.html.fromstring(summary)
    except Exception:  # readability raises several kinds on a page it cannot parse
        return None
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _EXTRACT_BLOCKS:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    return [line for line in tree.text_content().split("\n") if line.strip()]


def _kept_blocks(text: str, blocks: list[Block], lines: list[str]) -> list[bool]:
    """Which blocks are the extractor's article: most of a block's words sit in a run of
    ``_SHINGLE`` words the extractor kept, or (a short block) it is one of its lines."""
    kept_lines = {" ".join(_words(line)) for line in lines}
    shingles: set[tuple[str, ...]] = set()
    for line in lines:
        w = _words(line)
        shingles.update(tuple(w[i:i + _SHINGLE]) for i in range(len(w) - _SHINGLE + 1))
    out = []
    for b in blocks:
        w = _words(text[b.start:b.end])
        if len(w) < _SHINGLE:
            out.append(bool(w) and " ".join(w) in kept_lines)
            continue
        covered = [False] * len(w)
        for i in range(len(w) - _SHINGLE + 1):
            if tuple(w[i:i + _SHINGLE]) in shingles:
                covered[i:i + _SHINGLE] = [True] * _SHINGLE
        out.append(sum(covered) * 2 >= len(w))
    return out


def _subset(raw: str, b: TextBuilder, text: str, blocks: list[Block],
            keep: list[bool]) -> tuple[TextBuilder, list[Block]]:
    """A new builder holding only the kept blocks, each still mapped to its place in the original."""
    nb = TextBuilder()
    out: list[Block] = []
    starts = b.t_starts
    for block, k in zip(blocks, keep):
        if not k:
            continue
        if out:
            nb.synth("\n\n", nb.r_ends[-1])
        t0 = nb.length
        seg = max(0, bisect.bisect_right(starts, block.start) - 1)
        while seg < len(starts) and starts[seg] < block.end:
            s = max(block.start, starts[seg])
            e = min(block.end, starts[seg + 1] if seg + 1 < len(starts) else len(text))
            if e > s:
                if b.ident[seg]:
                    r = b.r_starts[seg] + (s - starts[seg])
                    nb.copy(raw, r, r + (e - s))
                else:
                    nb.synth(text[s:e], b.r_starts[seg], b.r_ends[seg])
            seg += 1
        out.append(Block(block.kind, t0, nb.length))
    if out:
        nb.synth("\n\n", nb.r_ends[-1])
    return nb, out


def read_html(path: str, raw: str, encoding: str = "utf-8", reader_view: bool = True) -> Article:
    """An HTML file's prose. ``reader_view=False`` reads every visible block of the page."""
    p = _HTMLToArticle(raw)
    p.feed(raw)
    p.close()
    p._break()
    b, blocks = p.b, p.blocks
    if reader_view:
        keep = None
        text = b.text()
        if is_web_page(raw):
            lines = extract_content(raw)
            if lines:
                # a picture's caption and credit are the page's, not the article's text; so is
                # what the page names as furniture
                keep = [k and b.kind != "caption" and not f
                        for b, k, f in zip(blocks, _kept_blocks(text, blocks, lines), p.furniture)]
                if sum(len(text[x.start:x.end].split()) for x, k in zip(blocks, keep) if k) < _MIN_ARTICLE_WORDS:
                    keep = None
        if keep is None and p.scope_tag is not None:
            keep = p.scoped
        if keep is not None and not all(keep):
            b, blocks = _subset(raw, b, text, blocks, keep)
    return Article(path, raw, "html", b, blocks, p.directives, encoding)
