"""Residue and prose lines from ``../shared``, for training the residue classifier and measuring it.

Nothing here is used by copylint itself or by its tests.

A web page (``../shared/web-pages``) is shown as plain text the way copylint reads a whole page
(``read_html(reader_view=False)``: every visible block, one line per block or ``<br>``), and each
line is labelled by the page's true article text (``truth.jsonl``):

- ``prose``: the line is the article's (most of its words sit in runs of 4 the article has, or a
  short line is a whole line of the article);
- ``title``: the page's own headline or standfirst (its ``<h1>``, ``<title>``, ``og:title``,
  description): not in the benchmark's article text, but not residue either, so it is left out of
  both counts;
- ``residue``: anything else (menus, prompts, captions, credits, related links, legal text...).

Words are matched after normalising (lower case, curly quotes straightened, punctuation dropped).
"""
from __future__ import annotations

import html as html_mod
import re
from dataclasses import dataclass
from pathlib import Path

from copylint.checks.residue import article_lines
from copylint.readers import read_html

_WORD = re.compile(r"\w+")
_META = re.compile(r"<meta\s[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_TITLE_SPLIT = re.compile(r"\s+[|\-–—:•·]\s+")


def words(s: str) -> list[str]:
    return _WORD.findall(s.replace("’", "'").replace("‘", "'").lower())


def _shingles(w: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def _covered(w: list[str], shingles: set, n: int) -> int:
    cov = [False] * len(w)
    for i in range(len(w) - n + 1):
        if tuple(w[i:i + n]) in shingles:
            cov[i:i + n] = [True] * n
    return sum(cov)


def page_titles(raw: str) -> set[str]:
    """Normalised headline-like strings of a page: <title> and its parts, <h1>s, og/twitter titles
    and descriptions."""
    out: list[str] = []
    for m in _TITLE.finditer(raw):
        t = html_mod.unescape(_TAG.sub(" ", m.group(1)))
        out.append(t)
        out.extend(_TITLE_SPLIT.split(t))
    for m in _H1.finditer(raw):
        out.append(html_mod.unescape(_TAG.sub(" ", m.group(1))))
    for m in _META.finditer(raw):
        attrs = {a.lower(): (b or c) for a, b, c in _ATTR.findall(m.group())}
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        if key in ("og:title", "twitter:title", "og:description", "twitter:description", "description"):
            out.append(html_mod.unescape(attrs.get("content", "")))
    return {" ".join(words(t)) for t in out if words(t)}


@dataclass(frozen=True)
class Line:
    start: int      # offsets into the page's Article.text
    end: int
    text: str
    label: str      # prose, residue or title


def label_lines(text: str, spans: list[tuple[int, int]], truth: str, titles: set[str] = frozenset(),
                n: int = 4) -> list[Line]:
    """Label each (start, end) line of ``text`` against the true article text ``truth``."""
    tw = words(truth)
    ts = _shingles(tw, n)
    tlines = {" ".join(words(x)) for x in truth.split("\n") if words(x)}
    out = []
    for s, e in spans:
        line = text[s:e]
        w = words(line)
        if not w:
            continue
        key = " ".join(w)
        if len(w) < n:
            prose = key in tlines
        else:
            prose = _covered(w, ts, n) * 2 >= len(w)
        label = "prose" if prose else ("title" if key in titles else "residue")
        out.append(Line(s, e, line.strip(), label))
    return out


def page_as_text(rec: dict) -> tuple[str, list[Line]]:
    """A web page as plain text (every visible block) and its labelled lines."""
    raw = Path(rec["path"]).read_text(encoding="utf-8")
    art = read_html(rec["file"], raw, reader_view=False)
    return art.text, label_lines(art.text, article_lines(art), rec["articleBody"], page_titles(raw))


def site_of(rec: dict) -> str:
    from splits import site
    return site(rec.get("url", rec["file"]))
