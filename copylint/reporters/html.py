"""The HTML report: one self-contained page per run (inline CSS and JavaScript, no external assets).

Each article is shown as its text, paragraph by paragraph (everything escaped), with every finding
highlighted in place from its raw offsets (``Finding.raw_start``/``raw_end``, into ``Article.raw``;
the CLI keeps the articles for this format). Plain text and Markdown are shown as the original
lines; an HTML article is shown as what a reader sees, its prose (``Article.text``, block by block:
no tags, entities decoded), each raw offset mapped to its place there. A highlight shows its message on hover
and on keyboard focus (each is focusable; ``aria-describedby`` points at the finding's entry in the
list under the article). Overlapping findings nest; a finding that crosses another is split into
parts that share its ``data-fid``, so the text of a finding's parts is always its span. A panel
filters by rule and severity and keeps the counts up to date. The findings are also embedded as
JSON (``<script id="copylint-data" type="application/json">``) for scripts and tests.
"""
from __future__ import annotations

import bisect
import json as _json
import re
from html import escape

from copylint import __version__
from copylint.reporters.tally import tally

_SEVERITIES = ("error", "warning", "info")
# A paragraph: a run of lines that are not blank (its final line ending excluded).
_PARA = re.compile(r"(?:[^\S\r\n]*\S[^\r\n]*(?:\r\n|\n|\r|$))+")


def _e(s) -> str:
    return escape(str(s), quote=True)


def _read_raw(r) -> str | None:
    """The original text the finding offsets index: the kept article's, else the file's."""
    if r.article is not None:
        return r.article.raw
    if r.path in ("-", "<stdin>"):
        return None
    try:
        with open(r.path, encoding="utf-8-sig", errors="replace", newline="") as fh:
            return fh.read()
    except OSError:
        return None


def _html_view(r, raw: str):
    """An HTML article's prose view: (Article, raw offset of every text character), or None when it
    cannot be had (not HTML, or an offset map that does not run forward)."""
    art = r.article
    if art is None:
        if not r.path.lower().endswith((".html", ".htm")):
            return None
        from copylint.readers import load_article

        art = load_article(r.path, raw, "html")
    if art.fmt != "html" or art.raw != raw:
        return None
    raw_of = [art.to_raw(i) for i in range(len(art.text))]
    if any(b < a for a, b in zip(raw_of, raw_of[1:])):
        return None
    return art, raw_of


def _hint(f) -> str | None:
    """The suggestion as an editor reads it: a replacement in quotes (spaces named), or advice."""
    sugg = f.suggestion
    if sugg is None:
        return None
    if f.fix is not None and sugg == f.fix:
        if sugg == "":
            return "Delete it"
        if not sugg.strip():
            return "Replace with a single space" if sugg == " " else f"Replace with {len(sugg)} spaces"
        return f"Replace with \u201c{sugg}\u201d"
    return f"Suggestion: {sugg}" if sugg.strip() else None


def _paragraphs(raw: str) -> list[tuple[int, int]]:
    out = []
    for m in _PARA.finditer(raw):
        s, e = m.start(), m.end()
        while e > s and raw[e - 1] in "\r\n":
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _render_paragraph(raw: str, ps: int, pe: int, items: list[tuple[int, int, str, object]],
                      first_part: set[str], desc_id) -> str:
    """``raw[ps:pe]`` with ``<mark>`` elements for ``items`` = (start, end, fid, finding), nested;
    a finding crossing another's boundary is closed and reopened as a continuation part."""
    starts: dict[int, list] = {}
    ends: dict[int, list] = {}
    zero: dict[int, list] = {}
    points = {ps, pe}
    for it in items:
        s, e = it[0], it[1]
        points.update((s, e))
        if e == s:
            zero.setdefault(s, []).append(it)
        else:
            starts.setdefault(s, []).append(it)
            ends.setdefault(e, []).append(it)
    order = sorted(points)
    out: list[str] = []
    stack: list[tuple] = []

    def open_tag(it, extra_cls="") -> str:
        s, e, fid, f = it
        sev = str(f.severity)
        cls = f"f sev-{sev}{extra_cls}"
        attrs = f' data-fid="{fid}" data-rule="{_e(f.rule)}" data-sev="{sev}"'
        if fid not in first_part:
            first_part.add(fid)
            attrs += f' id="m-{fid}" tabindex="0" aria-describedby="{desc_id(fid)}"'
        else:
            cls += " part"
        return f'<mark class="{cls}"{attrs}>'

    for k, p in enumerate(order):
        ending = ends.get(p, [])
        if ending:
            ids = {id(it) for it in ending}
            low = min(i for i, it in enumerate(stack) if id(it) in ids)
            reopen = [it for it in stack[low:] if id(it) not in ids]
            out.append("</mark>" * (len(stack) - low))
            del stack[low:]
        else:
            reopen = []
        for it in zero.get(p, []):
            out.append(open_tag(it, " zero") + "</mark>")
        to_open = reopen + starts.get(p, [])
        to_open.sort(key=lambda it: (-it[1], it[0]))
        for it in to_open:
            out.append(open_tag(it))
            stack.append(it)
        if k + 1 < len(order):
            out.append(_e(raw[p:order[k + 1]]))
    out.append("</mark>" * len(stack))
    return "".join(out)


_CSS = """
:root{--err:#b3261e;--err-bg:rgba(220,53,45,.16);--warn:#9a6100;--warn-bg:rgba(255,183,0,.30);
--info:#1f5fa8;--info-bg:rgba(30,120,220,.07);--ink:#1d1d1f;--muted:#6b6b70;--rule:#e3e1dc;--paper:#fff;--bg:#f4f2ee}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
header{background:#22252b;color:#fff;padding:14px 28px;display:flex;gap:24px;align-items:baseline;flex-wrap:wrap}
header h1{font-size:18px;margin:0;font-weight:600;letter-spacing:.2px}
header .meta{color:#c9cbd1;font-size:13px}
.layout{display:grid;grid-template-columns:290px minmax(0,1fr);gap:24px;padding:24px 28px;align-items:start}
aside{position:sticky;top:16px;background:var(--paper);border:1px solid var(--rule);border-radius:8px;padding:14px 16px;font-size:13.5px}
aside h2{font-size:12px;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:14px 0 6px}
aside h2:first-child{margin-top:0}
aside label .rid{overflow-wrap:anywhere;font-size:11.5px}
aside label{display:flex;align-items:center;gap:7px;padding:2px 0;cursor:pointer}
aside label .n{margin-left:auto;white-space:nowrap;padding-left:6px;color:var(--muted);font-variant-numeric:tabular-nums}
aside .btns{display:flex;gap:6px;margin-top:6px}
aside button{font:inherit;font-size:12px;padding:2px 8px;border:1px solid var(--rule);background:#faf9f7;border-radius:4px;cursor:pointer}
.dot{width:9px;height:9px;border-radius:50%;display:inline-block;flex:none}
.dot.error{background:var(--err)}.dot.warning{background:#e0a100}.dot.info{background:var(--info)}
.totals{font-size:14px;margin-bottom:4px}
.totals b{font-variant-numeric:tabular-nums}
main{min-width:0}
section.file{background:var(--paper);border:1px solid var(--rule);border-radius:8px;margin-bottom:24px;overflow:hidden}
section.file>h2{margin:0;padding:12px 20px;font-size:15px;font-weight:600;border-bottom:1px solid var(--rule);display:flex;gap:14px;align-items:baseline;flex-wrap:wrap;background:#fbfaf8}
section.file>h2 .path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13.5px}
section.file>h2 .counts{font-weight:400;color:var(--muted);font-size:13px}
.article{padding:18px 20px 8px 64px;font:17px/1.6 Georgia,"Iowan Old Style","Times New Roman",serif;max-width:52em}
.para{position:relative;white-space:pre-wrap;overflow-wrap:anywhere;margin:0 0 .9em}
.para.heading{font-weight:700}.para.caption{font-style:italic;color:#55534e}
.para::before{content:attr(data-line);position:absolute;left:-48px;width:38px;text-align:right;top:.25em;font:11px/1 ui-monospace,Menlo,Consolas,monospace;color:#a3a19b}
mark.f{color:inherit;border-radius:2px;padding:0;cursor:help;border-bottom:2px solid transparent}
mark.sev-error{background:var(--err-bg);border-bottom-color:var(--err)}
mark.sev-warning{background:var(--warn-bg);border-bottom-color:var(--warn)}
mark.sev-info{background:var(--info-bg);border-bottom:2px dotted var(--info)}
mark.f mark.f{padding-bottom:1px}
mark.f.zero::after{content:"\\2038";font-weight:700;color:var(--warn)}
mark.f.zero.sev-error::after{color:var(--err)}mark.f.zero.sev-info::after{color:var(--info)}
mark.f.off{background:none;border-bottom-color:transparent;cursor:text}
mark.f.off.zero::after{content:none}
mark.f:focus{outline:2px solid #22252b;outline-offset:1px}
mark.f.flash{animation:flash 1.2s ease-out}
@keyframes flash{0%{box-shadow:0 0 0 4px rgba(34,37,43,.45)}100%{box-shadow:0 0 0 4px rgba(34,37,43,0)}}
ol.findings{list-style:none;margin:0;padding:10px 20px 16px;border-top:1px dashed var(--rule);font-size:13.5px}
ol.findings li{display:grid;grid-template-columns:84px 70px minmax(0,1fr);gap:8px;padding:4px 0;border-bottom:1px solid #f0eeea}
ol.findings li:last-child{border-bottom:none}
ol.findings li.off{display:none}
ol.findings a{color:inherit;text-decoration:none;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;color:var(--muted)}
ol.findings a:hover{text-decoration:underline}
.sev{font-size:11.5px;font-weight:600;text-transform:uppercase;letter-spacing:.04em}
.sev.error{color:var(--err)}.sev.warning{color:var(--warn)}.sev.info{color:var(--info)}
.rid{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:#7a4a8c;margin-right:6px}
.sugg{color:#2e7d32}
.rel{color:var(--muted)}
.tip{position:absolute;z-index:10;max-width:380px;background:#22252b;color:#fff;border-radius:6px;padding:8px 10px;font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;box-shadow:0 6px 18px rgba(0,0,0,.25);pointer-events:none}
.tip[hidden]{display:none}
.tip .item+.item{border-top:1px solid #444a55;margin-top:6px;padding-top:6px}
.tip .hd{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:#c9cbd1}
.tip .hd .s-error{color:#ff8a80}.tip .hd .s-warning{color:#ffd166}.tip .hd .s-info{color:#8ab4f8}
.tip .sg{color:#a5d6a7}
.clean,.errors{background:var(--paper);border:1px solid var(--rule);border-radius:8px;padding:12px 20px;margin-bottom:24px;font-size:14px}
.errors{border-color:#f1c6c3}
.errors li{color:var(--err)}
.nosrc{padding:12px 20px;color:var(--muted);font-style:italic}
@media (max-width:900px){.layout{grid-template-columns:1fr}aside{position:static}}
@media print{aside,header .meta{display:none}.layout{display:block}}
"""

_JS = r"""
(function(){
  var data = JSON.parse(document.getElementById('copylint-data').textContent);
  var byId = {};
  data.files.forEach(function(file){ file.findings.forEach(function(f){ f.file = file.id; byId[f.id] = f; }); });
  var ruleBoxes = document.querySelectorAll('input[data-filter-rule]');
  var sevBoxes = document.querySelectorAll('input[data-filter-sev]');
  function enabled(attr, boxes){
    var on = {};
    boxes.forEach(function(b){ on[b.getAttribute(attr)] = b.checked; });
    return on;
  }
  function update(){
    var rules = enabled('data-filter-rule', ruleBoxes), sevs = enabled('data-filter-sev', sevBoxes);
    var total = {all: 0, error: 0, warning: 0, info: 0}, perFile = {}, perRule = {};
    Object.keys(byId).forEach(function(id){
      var f = byId[id], vis = rules[f.rule] !== false && sevs[f.severity] !== false;
      f.visible = vis;
      if (vis){ total.all++; total[f.severity]++; perFile[f.file] = (perFile[f.file] || 0) + 1; }
      if (sevs[f.severity] !== false){ perRule[f.rule] = (perRule[f.rule] || 0) + 1; }
      document.querySelectorAll('mark[data-fid="' + id + '"]').forEach(function(m){
        m.classList.toggle('off', !vis);
        if (m.id) m.tabIndex = vis ? 0 : -1;
      });
      var li = document.getElementById('d-' + id);
      if (li) li.classList.toggle('off', !vis);
    });
    document.querySelectorAll('[data-count]').forEach(function(el){
      var k = el.getAttribute('data-count');
      el.textContent = String(k.indexOf('file:') === 0 ? (perFile[k.slice(5)] || 0)
                            : k.indexOf('rule:') === 0 ? (perRule[k.slice(5)] || 0) : total[k]);
    });
  }
  ruleBoxes.forEach(function(b){ b.addEventListener('change', update); });
  sevBoxes.forEach(function(b){ b.addEventListener('change', update); });
  document.querySelectorAll('button[data-all]').forEach(function(btn){
    btn.addEventListener('click', function(){
      var on = btn.getAttribute('data-all') === '1';
      ruleBoxes.forEach(function(b){ b.checked = on; });
      update();
    });
  });
  var tip = document.getElementById('tip');
  // The findings at a highlight: its own, the ones it sits in, and any with the same span or a
  // wider one (overlapping findings nest, so one element can stand for several).
  function chain(el){
    var out = [], x = byId[el.getAttribute('data-fid')];
    function add(f){ if (f && f.visible && out.indexOf(f) < 0) out.push(f); }
    add(x);
    for (var m = el.parentElement && el.parentElement.closest('mark.f'); m; m = m.parentElement && m.parentElement.closest('mark.f')){
      add(byId[m.getAttribute('data-fid')]);
    }
    if (x){
      Object.keys(byId).forEach(function(id){
        var f = byId[id];
        if (f.file === x.file && f.raw_start <= x.raw_start && f.raw_end >= x.raw_end) add(f);
      });
    }
    var first = out.shift();
    out.sort(function(a, b){ return (a.raw_end - a.raw_start) - (b.raw_end - b.raw_start); });
    return first ? [first].concat(out) : out;
  }
  function show(el){
    var fs = chain(el);
    if (!fs.length){ hide(); return; }
    tip.textContent = '';
    fs.forEach(function(f){
      var item = document.createElement('div'); item.className = 'item';
      var hd = document.createElement('div'); hd.className = 'hd';
      var s = document.createElement('span'); s.className = 's-' + f.severity; s.textContent = f.severity;
      hd.appendChild(s); hd.appendChild(document.createTextNode(' \u00b7 ' + f.rule + ' \u00b7 line ' + f.line + ', col ' + f.column));
      var msg = document.createElement('div'); msg.className = 'msg'; msg.textContent = f.message;
      item.appendChild(hd); item.appendChild(msg);
      if (f.hint){
        var sg = document.createElement('div'); sg.className = 'sg';
        sg.textContent = f.hint;
        item.appendChild(sg);
      }
      tip.appendChild(item);
    });
    tip.hidden = false;
    var r = el.getBoundingClientRect(), w = tip.offsetWidth;
    var left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - w - 8));
    tip.style.left = left + 'px';
    tip.style.top = (window.scrollY + r.bottom + 6) + 'px';
  }
  function hide(){ tip.hidden = true; }
  document.addEventListener('mouseover', function(ev){
    var m = ev.target.closest && ev.target.closest('mark.f');
    if (m) show(m); else if (!(document.activeElement && document.activeElement.matches('mark.f'))) hide();
  });
  document.addEventListener('focusin', function(ev){
    if (ev.target.matches && ev.target.matches('mark.f')) show(ev.target); else hide();
  });
  document.addEventListener('focusout', function(){ hide(); });
  document.addEventListener('keydown', function(ev){ if (ev.key === 'Escape') hide(); });
  document.querySelectorAll('ol.findings a[href^="#m-"]').forEach(function(a){
    a.addEventListener('click', function(){
      var m = document.getElementById(a.getAttribute('href').slice(1));
      if (m){ setTimeout(function(){ m.focus(); m.classList.remove('flash'); void m.offsetWidth; m.classList.add('flash'); }, 0); }
    });
  });
  update();
})();
"""


def render(results, title: str | None = None, **_options) -> str:
    from copylint.rule import all_rules

    registered = all_rules()
    title = title or "copylint report"
    sections: list[str] = []
    clean: list[str] = []
    errors: list[str] = []
    data_files: list[dict] = []
    counts = tally(results)
    by_rule, by_sev, n_files = counts.by_rule, counts.by_severity, counts.files
    fid_counter = 0
    for file_no, r in enumerate(results):
        if r.error:
            errors.append(r.error)
            continue
        if r.skipped:  # excluded, or not a regular file: not checked, not clean
            continue
        if not r.findings:
            clean.append(r.path)
            continue
        file_id = f"file{file_no}"
        raw = _read_raw(r)
        items = []
        for f in r.findings:
            fid_counter += 1
            items.append((f"f{fid_counter}", f))
        data_files.append({"id": file_id, "path": r.path, "findings": [
            {"id": fid, "rule": f.rule, "family": f.family, "severity": str(f.severity), "line": f.line,
             "column": f.column, "end_line": f.end_line, "end_column": f.end_column, "message": f.message,
             "suggestion": f.suggestion, "hint": _hint(f), "raw_start": f.raw_start, "raw_end": f.raw_end}
            for fid, f in items]})

        def desc_id(fid: str) -> str:
            return f"d-{fid}-msg"

        body: list[str] = []
        if raw is not None:
            line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", raw)]
            first_part: set[str] = set()
            view = _html_view(r, raw) if raw.lstrip()[:1] == "<" or r.path.lower().endswith((".html", ".htm")) else None
            if view is not None:   # an HTML article: its prose, block by block
                art, raw_of = view
                shown = art.text
                spans = {fid: (bisect.bisect_left(raw_of, f.raw_start), bisect.bisect_left(raw_of, f.raw_end))
                         for fid, f in items}
                paras = [(b.start, b.end, art.to_raw(b.start), art.to_raw_end(b.end), b.kind) for b in art.blocks]
                body.append('<div class="article prose">')
            else:                  # plain text and Markdown: the original lines
                shown = raw
                spans = {fid: (f.raw_start, f.raw_end) for fid, f in items}
                paras = [(ps, pe, ps, pe, None) for ps, pe in _paragraphs(raw)]
                body.append('<div class="article">')
            placed: set[str] = set()
            for ps, pe, rs, re_, kind in paras:
                mine = []
                for fid, f in items:
                    s, e = spans[fid]
                    if fid in placed and e == s:
                        continue
                    if (e > s and s < pe and e > ps) or (e == s and ps <= s <= pe):
                        mine.append((max(s, ps), min(e, pe), fid, f))
                        if e == s:
                            placed.add(fid)
                line = bisect.bisect_right(line_starts, rs)
                cls = f"para {kind}" if kind else "para"
                body.append(f'<p class="{cls}" data-start="{rs}" data-end="{re_}" data-line="{line}">'
                            + _render_paragraph(shown, ps, pe, mine, first_part, desc_id) + "</p>")
            body.append("</div>")
        else:
            body.append('<p class="nosrc">The original text is not available; the findings are listed below.</p>')
        body.append('<ol class="findings">')
        for fid, f in items:
            sev = str(f.severity)
            where = f"{f.line}:{f.column}"
            link = f'<a href="#m-{fid}">{where}</a>' if raw is not None else f"<span>{where}</span>"
            extra = ""
            if _hint(f):
                extra += f' <span class="sugg">{_e(_hint(f))}</span>'
            for rel in f.related:
                extra += f' <span class="rel">(see line {rel.line}, col {rel.column}{": " + _e(rel.message) if rel.message else ""})</span>'
            body.append(f'<li id="d-{fid}" data-rule="{_e(f.rule)}" data-sev="{sev}">{link}'
                        f'<span class="sev {sev}">{sev}</span>'
                        f'<span><span class="rid">{_e(f.rule)}</span><span id="{desc_id(fid)}">{_e(f.message)}</span>'
                        f'{extra}</span></li>')
        body.append("</ol>")
        counts = (f'<span class="counts"><span data-count="file:{file_id}">{len(items)}</span> shown of '
                  f'{len(items)} finding{"s" if len(items) != 1 else ""}</span>')
        sections.append(f'<section class="file" id="{file_id}" aria-label="{_e(r.path)}">'
                        f'<h2><span class="path">{_e(r.path)}</span>{counts}</h2>' + "".join(body) + "</section>")

    total = sum(by_sev.values())
    aside = ['<aside aria-label="Filters">', '<h2>Shown</h2>',
             f'<div class="totals"><b data-count="all">{total}</b> of {total} finding{"s" if total != 1 else ""}'
             f' in {n_files} file{"s" if n_files != 1 else ""}</div>', '<h2>Severity</h2>']
    for sev in _SEVERITIES:
        aside.append(f'<label><input type="checkbox" checked data-filter-sev="{sev}"><span class="dot {sev}"></span>'
                     f'{sev}<span class="n"><span data-count="{sev}">{by_sev.get(sev, 0)}</span> / {by_sev.get(sev, 0)}'
                     f'</span></label>')
    if by_rule:
        aside.append("<h2>Rules</h2>")
        for rule in sorted(by_rule, key=lambda k: (-by_rule[k], k)):
            cls = registered.get(rule)
            tip = f' title="{_e(cls.summary.replace("`", ""))}"' if cls is not None else ""
            aside.append(f'<label{tip}><input type="checkbox" checked data-filter-rule="{_e(rule)}">'
                         f'<span class="rid">{_e(rule)}</span><span class="n"><span data-count="rule:{_e(rule)}">'
                         f'{by_rule[rule]}</span> / {by_rule[rule]}</span></label>')
        aside.append('<div class="btns"><button type="button" data-all="1">All rules</button>'
                     '<button type="button" data-all="0">None</button></div>')
    aside.append("</aside>")

    main: list[str] = []
    if errors:
        main.append('<div class="errors"><b>Could not be checked</b><ul>'
                    + "".join(f"<li>{_e(e)}</li>" for e in errors) + "</ul></div>")
    main.extend(sections)
    if clean:
        main.append('<div class="clean"><b>No findings</b>: ' + ", ".join(f"<code>{_e(p)}</code>" for p in clean)
                    + "</div>")
    if not sections and not clean and not errors:
        main.append('<div class="clean">Nothing was checked.</div>')
    data = _json.dumps({"version": __version__, "files": data_files}, ensure_ascii=False)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    parts_sev = ", ".join(f"{by_sev[s]} {s}" for s in _SEVERITIES if by_sev[s])
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="copylint {__version__}">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<header><h1>{_e(title)}</h1><span class="meta">{total} finding{"s" if total != 1 else ""} in '
        f'{n_files} file{"s" if n_files != 1 else ""}{" (" + parts_sev + ")" if parts_sev else ""}'
        f" &middot; copylint {__version__}</span></header>\n"
        '<div class="layout">' + "\n".join(aside) + "<main>" + "\n".join(main) + "</main></div>\n"
        '<div id="tip" class="tip" role="tooltip" hidden></div>\n'
        f'<script id="copylint-data" type="application/json">{data}</script>\n'
        f"<script>{_JS}</script>\n</body>\n</html>\n"
    )
