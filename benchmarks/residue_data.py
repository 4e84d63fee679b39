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


# --- kinds of residue (for reporting recall by kind, and for balancing training lines) --------
_K_CONSENT = re.compile(r"\b(?:cookies?|privacy|terms|conditions|consent|gdpr|copyright(?:ed)?|rights reserved|"
                        r"trademarks?|personal (?:data|information)|agree|policy|licen[cs]e|disclaimer|"
                        r"unsubscribe|affiliate|registered in)\b|©", re.I)
_K_SHARE = re.compile(r"\b(?:share|shares|sharing|tweet|follow|facebook|twitter|instagram|linkedin|whatsapp|"
                      r"pinterest|reddit|telegram|flipboard|youtube|tiktok|e-?mail|print|copy link)\b", re.I)
_K_BYLINE = re.compile(
    r"^(?:by|posted|published|updated|last updated|written by|reporting by|edited by|staff|contributed)\b"
    r"|\b\d+\s*(?:min|mins|minutes?|hours?|hrs?|h|days?)\s*(?:ago|read)\b"
    r"|\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|gmt|bst|et|est|edt|pt|utc)?\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.I)
_K_PROMPT = re.compile(r"\b(?:you|your|click|tap|sign|subscribe|subscriber|register|log|login|download|app|"
                       r"browser|javascript|enable|loading|advertisement|newsletter|inbox|account|continue|"
                       r"scroll|play|listen|unlock|membership|skip|refresh|try again)\b", re.I)
_K_CAPTION = re.compile(r"\b(?:photo|photos|photograph|picture|pictured|image|images|credit|courtesy|getty|"
                        r"reuters|afp|ap|epa|shutterstock|istock|file|video|gallery|illustration|graphic|"
                        r"footage|source)\b", re.I)
_K_RELATED = re.compile(r"^(?:related|more|read|see|also|recommended|trending|most|top|latest|popular|"
                        r"editor'?s?'?|watch|listen|don't miss|up next)\b", re.I)
KINDS = ("prompt", "consent", "caption", "share", "related", "byline", "other")


def residue_kind(line: str) -> str:
    """A rough kind of a residue line, by its words (for reporting and balancing only): consent
    (cookies, terms, copyright), share (share and follow lines), byline (bylines, dates, times),
    prompt (the interface talking to the reader), caption (pictures, video, credits), related
    (headlines and lists pointing elsewhere; any other line of 4+ words), other (short furniture)."""
    s = line.strip()
    n = len(s.split())
    if _K_CONSENT.search(s):
        return "consent"
    if _K_SHARE.search(s) and n <= 8:
        return "share"
    if _K_BYLINE.search(s) and n <= 14:
        return "byline"
    if _K_PROMPT.search(s):
        return "prompt"
    if _K_CAPTION.search(s):
        return "caption"
    if _K_RELATED.search(s) and n <= 12:
        return "related"
    return "related" if n >= 4 else "other"


# --- residue beyond the page's visible text --------------------------------------------------
# Interface text a browser shows that a page's plain text leaves out: labels, buttons, alternative
# and title texts, placeholders, form labels, figure captions, <noscript> notices, and the strings
# of a page's scripts (consent banners, paywall and video prompts are often written there).
_ATTRS = ("aria-label", "alt", "title", "placeholder")
_TEXT_ELEMENTS = frozenset(("button", "label", "figcaption", "noscript", "legend", "summary"))
_JS_STRING = re.compile(r'"((?:[^"\\\n]|\\.){6,400})"|\'((?:[^\'\\\n]|\\.){6,400})\'')
_CODEISH = re.compile(r"^[/.#]|[{}<>=;\\_]|\b(?:function|var|return|null|true|false|undefined|px|rgba?|https?)\b"
                      r"|^[\w.-]+$|[a-z][A-Z]|\.(?:js|css|png|jpe?g|gif|svg|html?|php)\b")


def _js_unescape(s: str) -> str:
    return re.sub(r"\\u([0-9a-fA-F]{4})|\\(.)",
                  lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), s)


def _unmangle(s: str) -> str:
    """UTF-8 read as cp1252 ("presidentâ€™s") put right where that is what happened."""
    if "â" in s or "Ã" in s:
        for enc in ("cp1252", "latin-1"):
            try:
                return s.encode(enc).decode("utf-8")
            except UnicodeError:
                continue
    return s


def mined_residue(rec: dict) -> list[tuple[str, str]]:
    """(source, text) of the interface text of a page that is not its article: attribute and
    element texts and script strings (see above), without the page's own article text (most words
    in runs of 4 the article has, or a whole line of it), its titles, code, file names and keyword
    lists (4+ words all in lower case)."""
    import lxml.html

    raw = Path(rec["path"]).read_text(encoding="utf-8")
    try:
        tree = lxml.html.fromstring(raw.encode("utf-8"))
    except Exception:  # an unparsable page: nothing to mine
        return []
    found: list[tuple[str, str]] = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        for a in _ATTRS:
            if el.get(a):
                found.append((a, el.get(a)))
        if tag == "input" and (el.get("type") or "").lower() in ("submit", "button") and el.get("value"):
            found.append(("value", el.get("value")))
        if tag in _TEXT_ELEMENTS:
            found.append((tag, el.text_content()))
        if tag == "script" and el.text and (el.get("type") or "").lower() != "application/ld+json":
            for m in _JS_STRING.finditer(el.text):
                found.append(("script", _js_unescape(m.group(1) or m.group(2))))
    return _not_article(found, rec["articleBody"], page_titles(raw))


def _not_article(found: list[tuple[str, str]], article: str, titles: set[str]) -> list[tuple[str, str]]:
    """The (source, text) pairs of ``found`` whose text is a line a reader sees and not the
    page's article text ``article`` (most words in runs of 4 the article has, or a whole line of
    it) nor one of its ``titles``; no code, file names or keyword lists (4+ words all in lower
    case); each text once."""
    tw = words(article)
    ts = _shingles(tw, 4)
    tlines = {" ".join(words(x)) for x in article.split("\n") if words(x)}
    joined = " " + " ".join(tw) + " "
    out, seen = [], set()
    for src, s in found:
        s = _unmangle(" ".join(html_mod.unescape(s).split()))
        w = words(s)
        if not w or len(w) > 40 or _CODEISH.search(s) or not re.search(r"[A-Za-z]{2}", s):
            continue
        if sum(c.isalpha() for c in s) < 0.6 * len(s.replace(" ", "")):
            continue
        if len(w) >= 4 and s.lower() == s:          # a keyword list, not a line a reader sees
            continue
        if src == "script" and (len(w) < 3 or not s[:1].isupper() or re.search(r"[/&]", s)):
            continue                                # script strings: only text meant to be shown
        key = " ".join(w)
        if key in seen or key in titles or key in tlines or (len(w) < 4 and f" {key} " in joined):
            continue
        if len(w) >= 4 and _covered(w, ts, 4) * 2 >= len(w):
            continue
        seen.add(key)
        out.append((src, s))
    return out


# --- residue a page marks by its structure -----------------------------------------------------
# An element whose tag or class or id names what it holds: a picture's caption or credit, a byline
# or a timestamp, share and follow bars, newsletter and promotion boxes, related links, tags; the
# site's <aside>, <nav> and <footer> (their kind then by their words, ``residue_kind``). Class and
# id words are matched as parts of the name ("article__byline", "photoCredit", "wp-caption-text").
_MARKUP_KINDS = (   # (kind, name parts), the first that matches an element's names decides
    ("caption", ("caption", "credit", "photo-credit", "imagecredit")),
    ("byline", ("byline", "author", "timestamp", "datetime", "dateline", "pubdate", "published", "date")),
    ("share", ("share", "sharing", "social", "follow")),
    ("prompt", ("newsletter", "subscribe", "subscription", "signup", "promo", "paywall", "cta")),
    ("consent", ("cookie", "consent", "gdpr", "copyright", "legal")),
    ("related", ("related", "recommended", "popular", "trending", "recirc", "outbrain", "taboola", "teaser",
                 "latest", "mostread")),
    ("other", ("tags", "tag", "topics", "topic", "breadcrumb", "breadcrumbs")),
)
_MARKUP_TAGS = {"figcaption": "caption", "aside": "", "nav": "", "footer": ""}   # "": kind by the words
_NAME_SPLIT = re.compile(r"[^A-Za-z]+|(?<=[a-z])(?=[A-Z])")
_LEAF_BLOCKS = frozenset("p li div h1 h2 h3 h4 h5 h6 figcaption dt dd td th blockquote section article header "
                         "footer aside nav ul ol figure table tr caption address".split())


def _markup_kind(el) -> str | None:
    """The kind of residue an element's tag or its class and id name (``_MARKUP_KINDS``,
    ``_MARKUP_TAGS``; "" for a site's aside, nav or footer, whose kind its words decide), or None."""
    names = " ".join(el.get(a) or "" for a in ("class", "id"))
    parts = {p.lower() for p in _NAME_SPLIT.split(names) if p}
    for kind, keys in _MARKUP_KINDS:
        if parts.intersection(keys) or any(k in names.lower() for k in keys if len(k) >= 7):
            return kind
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    return _MARKUP_TAGS.get(tag)


def marked_lines(raw: str) -> list[tuple[str, str]]:
    """(kind, text) of the lines of a page's elements that its markup names as residue
    (``_markup_kind``): each block with no block inside it (a paragraph, a list item, a caption)
    within such an element, its kind that of the nearest such element around it (or its own)."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(raw.encode("utf-8"))
    except Exception:  # an unparsable page: nothing to mine
        return []
    out: list[tuple[str, str]] = []

    def walk(el, kind: str | None) -> None:
        if not isinstance(el.tag, str) or el.tag.lower() in ("script", "style", "noscript", "template", "head"):
            return
        own = _markup_kind(el)
        kind = own if own is not None else kind
        blocks = [c for c in el if isinstance(c.tag, str) and c.tag.lower() in _LEAF_BLOCKS]
        if kind is not None and not blocks:
            out.append((kind, el.text_content()))
            return
        for c in el:
            walk(c, kind)
        if kind is not None and blocks:   # the element's own text between its blocks
            loose = " ".join([el.text or ""] + [c.tail or "" for c in el])
            if loose.strip():
                out.append((kind, loose))

    walk(tree, None)
    return out


def structural_residue(raw: str, article: str) -> list[tuple[str, str]]:
    """(kind, text) of the residue lines a page's markup names (``marked_lines``) that are not its
    true article text ``article`` (``_not_article``: a caption among the article's paragraphs that
    the article text holds is prose, whatever its markup), each text once. A line's kind is its
    markup's; for an aside, a nav or a footer, its words' (``residue_kind``)."""
    found = _not_article(marked_lines(raw), article, page_titles(raw))
    return [(kind or residue_kind(s), s) for kind, s in found]
