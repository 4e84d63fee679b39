"""--format html: a self-contained page with every finding highlighted in place.

The structural tests run everywhere. The browser tests load the report in a real headless Chromium
(Debian's ``chromium``, driven by Playwright; ``.ci/run`` installs it) and check the highlights'
text and position, the tooltip on keyboard focus and on hover, and the rule filter and its counts;
they save a screenshot in tests/output/."""
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import run_cli

OUTPUT = Path(__file__).parent / "output"

DRAFT = (
    "Council approves budget\n\n"
    "Café owners in Zoë's street said the the water rose fast,and <b>bold</b> & \"quoted\" text stays text.\n"
    "A second line of the same paragraph with  two spaces.\n\n"
    "The cuts fall hardest on libraries, and both mobile library vans will be withdrawn.\n\n"
    "Volunteers worked through the the night.\n\n"
    "The cuts fall hardest on libraries, and both mobile library vans will be withdrawn.\n"
)


def _data(page_html: str) -> dict:
    m = re.search(r'<script id="copylint-data" type="application/json">(.*?)</script>', page_html, re.S)
    return json.loads(m.group(1))


class _Marks(HTMLParser):
    """Text inside each finding's <mark> parts, and the text of each paragraph."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.paras, self.para, self.ids = [], {}, [], None, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "mark":
            self.stack.append(a["data-fid"])
            self.text.setdefault(a["data-fid"], "")
            if "id" in a:
                self.ids.append(a["data-fid"])
        elif tag == "p" and "data-start" in a:
            self.para = [int(a["data-start"]), int(a["data-end"]), ""]

    def handle_endtag(self, tag):
        if tag == "mark":
            self.stack.pop()
        elif tag == "p" and self.para is not None:
            self.paras.append(tuple(self.para))
            self.para = None

    def handle_data(self, data):
        for fid in self.stack:
            self.text[fid] += data
        if self.para is not None:
            self.para[2] += data


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    d = tmp_path_factory.mktemp("html")
    draft = d / "flood.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    (d / "clean.txt").write_text("The council met on Tuesday.\n", encoding="utf-8")
    out = d / "report.html"
    code, _, _ = run_cli(["check", "--isolated", "--format", "html", "-o", str(out),
                          str(draft), str(d / "clean.txt"), str(d / "missing.md")])
    assert code == 2  # missing.md is an input error; the others are still reported
    return out, out.read_text(encoding="utf-8")


def test_self_contained_and_escaped(report):
    _, page = report
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)   # no external assets
    assert "<link" not in page and "@import" not in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;" in page       # the article's markup is text
    assert "<b>bold</b>" not in page
    assert "missing.md: no such file or directory" in page and "clean.txt" in page


def test_every_finding_marked_with_its_span(report):
    _, page = report
    data = _data(page)
    [file] = data["files"]
    assert {f["rule"] for f in file["findings"]} >= {"repeated-word", "double-space", "duplicate-line",
                                                     "missing-space-after-punctuation"}
    p = _Marks()
    p.feed(page)
    for f in file["findings"]:
        assert p.text[f["id"]] == DRAFT[f["raw_start"]:f["raw_end"]], f
    assert sorted(p.ids) == sorted(f["id"] for f in file["findings"])   # one focusable element each
    for start, end, text in p.paras:
        assert text == DRAFT[start:end]
    assert [DRAFT[s:e] for s, e, _ in p.paras] == [x.strip("\n") for x in DRAFT.split("\n\n")]


def _overlap_page():
    """Findings that nest, cross, share a span and have no width, on a real Article."""
    from copylint.engine import FileResult
    from copylint.finding import Finding, Severity
    from copylint.readers import load_article
    from copylint.reporters.html import render

    raw = "Alpha beta gamma delta epsilon.\n\nZeta eta theta.\n"
    art = load_article("o.txt", raw, "text")

    def f(rule, s, e, sev=Severity.WARNING):
        line, col, eline, ecol = art.span(s, e)
        return Finding(rule=rule, start=s, end=e, message=f"{rule} message", severity=sev, family="test",
                       line=line, column=col, end_line=eline, end_column=ecol, raw_start=s, raw_end=e)

    findings = [f("outer", 0, 16), f("same", 0, 16, Severity.INFO), f("inner", 6, 10, Severity.ERROR),
                f("cross", 11, 22), f("zero", 28, 28), f("later", 33, 37)]
    return raw, findings, render([FileResult("o.txt", findings=findings, article=art)])


def test_overlapping_findings_nest_or_split():
    raw, findings, page = _overlap_page()
    p = _Marks()
    p.feed(page)
    data = _data(page)["files"][0]["findings"]
    for f, d in zip(findings, data):
        assert p.text[d["id"]] == raw[f.raw_start:f.raw_end]
    cross = data[3]["id"]
    assert page.count(f'data-fid="{cross}"') == 2            # split where it leaves "outer"
    assert sorted(p.ids) == sorted(d["id"] for d in data)


# --- in a real browser ------------------------------------------------------------------------
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (test extra)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(5000)
    pg.problems = []
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("request", lambda r: None if r.url.startswith(("file:", "data:", "about:"))
          else pg.problems.append(f"network request: {r.url}"))
    yield pg
    ctx.close()


# Per finding: its parts' text, its paragraph's bounds, and where in the paragraph its first part starts.
_GEOMETRY = """() => {
  const data = JSON.parse(document.getElementById('copylint-data').textContent);
  const out = {};
  for (const file of data.files) for (const f of file.findings) {
    const parts = [...document.querySelectorAll(`mark[data-fid="${f.id}"]`)];
    const first = document.getElementById('m-' + f.id);
    const para = first.closest('p.para');
    const range = document.createRange();
    range.setStart(para, 0);
    range.setEndBefore(first);
    const r = first.getBoundingClientRect();
    out[f.id] = {text: parts.map(p => p.textContent).join(''), first_is_part0: parts[0] === first,
                 para_start: +para.dataset.start, para_end: +para.dataset.end,
                 offset: range.toString().length, para_text: para.textContent,
                 visible: r.width > 0 || f.raw_start === f.raw_end, tabindex: first.tabIndex,
                 described: document.getElementById(first.getAttribute('aria-describedby')).textContent};
  }
  return out;
}"""


def _open(page, path):
    page.goto(Path(path).resolve().as_uri())
    page.wait_for_selector("mark.f")


def test_highlights_in_place_in_the_browser(page, report):
    path, html_text = report
    _open(page, path)
    data = _data(html_text)["files"][0]["findings"]
    geo = page.evaluate(_GEOMETRY)
    for f in data:
        g = geo[f["id"]]
        span = DRAFT[f["raw_start"]:f["raw_end"]]
        assert g["text"] == span, f
        assert g["first_is_part0"]
        assert g["para_start"] <= f["raw_start"] and f["raw_end"] <= g["para_end"], f
        assert g["para_text"] == DRAFT[g["para_start"]:g["para_end"]]
        assert g["offset"] == f["raw_start"] - g["para_start"], f        # the right occurrence
        assert g["visible"] and g["tabindex"] == 0
        assert g["described"] == f["message"]
    # the second "the the" (paragraph 4) is marked there, not on the first occurrence
    rw = sorted((f for f in data if f["rule"] == "repeated-word"), key=lambda f: f["raw_start"])
    assert len(rw) == 2 and geo[rw[1]["id"]]["para_start"] == DRAFT.index("Volunteers")
    assert page.problems == []


def test_tooltip_on_keyboard_focus_and_hover(page, report):
    path, html_text = report
    _open(page, path)
    data = _data(html_text)["files"][0]["findings"]
    first = min(data, key=lambda f: f["raw_start"])
    # Tab from the last control of the filter panel lands on the first highlight
    page.focus('button[data-all="0"]')
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "m-" + first["id"]
    tip = page.locator("#tip")
    assert tip.is_visible()
    assert first["message"] in tip.text_content() and first["rule"] in tip.text_content()
    if first["rule"] == "repeated-word" or any(f["rule"] == "repeated-word" and f["raw_start"] == first["raw_start"]
                                               for f in data):
        assert "Replace with \u201cthe\u201d" in tip.text_content()
    mark_box = page.locator("#m-" + first["id"]).bounding_box()
    tip_box = tip.bounding_box()
    assert tip_box["y"] >= mark_box["y"] + mark_box["height"] - 1          # just under the highlight
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    dup = next(f for f in data if f["rule"] == "duplicate-line")
    page.hover("#m-" + dup["id"])
    assert tip.is_visible() and dup["message"] in tip.text_content()
    assert page.problems == []


def test_rule_filter_hides_highlights_and_updates_counts(page, report):
    path, html_text = report
    _open(page, path)
    data = _data(html_text)["files"][0]["findings"]
    total = len(data)
    n_rw = sum(f["rule"] == "repeated-word" for f in data)
    n_warn = sum(f["severity"] == "warning" for f in data)
    rw_warn = sum(f["rule"] == "repeated-word" and f["severity"] == "warning" for f in data)
    count = lambda key: int(page.locator(f'[data-count="{key}"]').first.inner_text())  # noqa: E731
    assert (count("all"), count("warning")) == (total, n_warn)
    OUTPUT.mkdir(exist_ok=True)
    page.focus("#m-" + min(data, key=lambda f: f["raw_start"])["id"])
    page.screenshot(path=str(OUTPUT / "html_report.png"), full_page=True)

    page.uncheck('input[data-filter-rule="repeated-word"]')
    assert count("all") == total - n_rw and count("warning") == n_warn - rw_warn
    assert count("file:" + _data(html_text)["files"][0]["id"]) == total - n_rw
    styles = page.evaluate("""() => [...document.querySelectorAll('mark.f')].map(m => ({
        rule: m.dataset.rule, off: m.classList.contains('off'),
        bg: getComputedStyle(m).backgroundColor, tab: m.tabIndex, listed: m.id ?
        getComputedStyle(document.getElementById('d-' + m.dataset.fid)).display : null}))""")
    for s in styles:
        if s["rule"] == "repeated-word":
            assert s["off"] and s["bg"] in ("rgba(0, 0, 0, 0)", "transparent") and s["tab"] == -1
            assert s["listed"] in (None, "none")
        else:
            assert not s["off"] and s["bg"] not in ("rgba(0, 0, 0, 0)", "transparent")
            assert s["listed"] in (None, "grid")
    page.screenshot(path=str(OUTPUT / "html_report_filtered.png"), full_page=True)
    page.check('input[data-filter-rule="repeated-word"]')
    assert count("all") == total
    page.uncheck('input[data-filter-sev="warning"]')
    assert count("all") == total - n_warn and count("rule:repeated-word") == n_rw - rw_warn
    assert page.problems == []


def test_overlaps_in_the_browser(page, tmp_path):
    raw, findings, html_text = _overlap_page()
    path = tmp_path / "overlap.html"
    path.write_text(html_text, encoding="utf-8")
    _open(page, path)
    data = _data(html_text)["files"][0]["findings"]
    geo = page.evaluate(_GEOMETRY)
    for f in data:
        assert geo[f["id"]]["text"] == raw[f["raw_start"]:f["raw_end"]]
        assert geo[f["id"]]["offset"] == f["raw_start"] - geo[f["id"]]["para_start"]
    # hovering the inner highlight lists it first, then the two findings around it
    inner = next(f for f in data if f["rule"] == "inner")
    page.hover("#m-" + inner["id"])
    items = page.locator("#tip .item .msg").all_inner_texts()
    assert items[0] == "inner message" and set(items) == {"inner message", "outer message", "same message"}
    page.screenshot(path=str(OUTPUT / "html_report_overlap.png"))
    assert page.problems == []


# --- an HTML article is shown as its text -------------------------------------------------------
HTML_DRAFT = (
    "<!DOCTYPE html>\n<html><head><title>Budget</title><style>p{color:red}</style></head><body>\n"
    "<h1>Council approves budget</h1>\n"
    "<p>Caf&eacute; owners said the the water rose fast,and <b>bold</b> &amp; <i>italic</i> text\n"
    "stays text.</p>\n"
    "<p>Advertisement</p>\n"
    "<p>Volunteers worked through the the night.</p>\n"
    "</body></html>\n"
)


@pytest.fixture(scope="module")
def html_report(tmp_path_factory):
    d = tmp_path_factory.mktemp("htmlart")
    src = d / "budget.html"
    src.write_text(HTML_DRAFT, encoding="utf-8")
    out = d / "report.html"
    code, _, _ = run_cli(["check", "--isolated", "--format", "html", "-o", str(out), str(src)])
    assert code == 1
    return out, out.read_text(encoding="utf-8")


def test_html_article_shown_as_its_text(html_report):
    from copylint.readers import load_article

    _, page = html_report
    art = load_article("budget.html", HTML_DRAFT)
    p = _Marks()
    p.feed(page)
    assert [t for _, _, t in p.paras] == [art.text[b.start:b.end] for b in art.blocks]
    assert p.paras[1][2] == "Café owners said the the water rose fast,and bold & italic text stays text."
    for source in ("&lt;b&gt;", "&lt;p&gt;", "&amp;eacute;", "color:red", "&lt;h1&gt;"):
        assert source not in page                                   # no markup shown as text
    data = _data(page)["files"][0]["findings"]
    marked = {f["rule"]: p.text[f["id"]] for f in data}
    assert marked["repeated-word"] in ("the the", "the")
    assert marked["missing-space-after-punctuation"] in (",a", ",", ",and", "fast,and")
    assert marked["boilerplate"] == "Advertisement"
    for f in data:                                                  # each highlight is its span's prose
        s, e = f["raw_start"], f["raw_end"]
        ts = next(i for i in range(len(art.text) + 1) if i == len(art.text) or art.to_raw(i) >= s)
        te = next(i for i in range(ts, len(art.text) + 1) if i == len(art.text) or art.to_raw(i) >= e)
        assert p.text[f["id"]] == art.text[ts:te], f
    # a paragraph's line number is its line in the file
    [line] = re.findall(r'data-line="(\d+)">(?:<mark[^>]*>)?Advertisement', page)
    assert int(line) == HTML_DRAFT.split("\n").index("<p>Advertisement</p>") + 1


def test_html_article_in_the_browser(page, html_report):
    path, html_text = html_report
    _open(page, path)
    data = _data(html_text)["files"][0]["findings"]
    paras = page.evaluate("() => [...document.querySelectorAll('p.para')].map(p => p.textContent)")
    assert paras[0] == "Council approves budget" and "<b>" not in "".join(paras)
    assert paras[1].startswith("Café owners said the the water")
    geo = page.evaluate(_GEOMETRY)
    for f in data:
        g = geo[f["id"]]
        assert g["visible"] and g["tabindex"] == 0 and g["described"] == f["message"]
        assert g["para_text"][g["offset"]:g["offset"] + len(g["text"])] == g["text"]
    rw = sorted((f for f in data if f["rule"] == "repeated-word"), key=lambda f: f["raw_start"])
    assert [geo[f["id"]]["para_text"].startswith("Volunteers") for f in rw] == [False, True]
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "html_report_html_article.png"), full_page=True)
    assert page.problems == []
