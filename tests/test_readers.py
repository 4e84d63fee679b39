"""Readers: the prose view strips markup, and every offset maps back into the original file."""
from copylint.readers import load_article


def _find(article, needle):
    i = article.text.index(needle)
    return article.span(i, i + len(needle))


def _raw_at(raw, line, col, end_col):
    return raw.split("\n")[line - 1][col - 1:end_col - 1]


MD = """---
title: "A  title with  spaces"
tags: [a,b]
---
# Council  votes

The **council** voted [on the plan](https://example.com/a,b) and `code,here` was ignored.
It met again\\* on Monday.

<!-- a comment,here -->
```
the the code
```

> Quoted words here.

- first item
- second item
"""


def test_markdown_strips_non_prose():
    a = load_article("x.md", MD)
    assert "title" not in a.text and "code,here" not in a.text and "the the code" not in a.text
    assert "https://" not in a.text and "comment" not in a.text and "**" not in a.text
    assert "The council voted on the plan and" in a.text
    kinds = [b.kind for b in a.blocks]
    assert kinds == ["heading", "paragraph", "quote", "list_item", "list_item"]


def test_markdown_offsets_point_into_the_original():
    a = load_article("x.md", MD)
    for needle in ("Council  votes", "council", "on the plan", "Monday", "Quoted words", "second item"):
        line, col, eline, ecol = _find(a, needle)
        assert line == eline
        assert _raw_at(MD, line, col, ecol) == needle


def test_markdown_escape_keeps_the_character_position():
    a = load_article("x.md", MD)
    i = a.text.index("again*")
    line, col, _, _ = a.span(i + 5, i + 6)
    assert MD.split("\n")[line - 1][col - 1] == "*"


HTML = """<html><head><title>Title</title><style>p{color:red}</style>
<script>var a = "the the";</script></head>
<body><h1>Fire  forces evacuation</h1>
<p>Crews &amp; volunteers   fought
the fire.<br>It spread.</p>
<ul><li>One</li><li>Two</li></ul>
</body></html>"""


def test_html_strips_tags_scripts_and_styles():
    a = load_article("x.html", HTML)
    assert "color" not in a.text and "var a" not in a.text and "Title" not in a.text
    assert "Crews & volunteers fought the fire." in a.text
    assert [b.kind for b in a.blocks] == ["heading", "paragraph", "list_item", "list_item"]


def test_html_offsets_and_entities():
    a = load_article("x.html", HTML)
    line, col, _, ecol = _find(a, "volunteers")
    assert _raw_at(HTML, line, col, ecol) == "volunteers"
    line, col, _, ecol = _find(a, "&")
    assert _raw_at(HTML, line, col, ecol) == "&amp;"
    line, col, _, ecol = _find(a, "It spread")
    assert _raw_at(HTML, line, col, ecol) == "It spread"


def test_plain_text_crlf_and_columns_in_characters():
    raw = "Iran’s café said no.\r\nSecond  line.\r\n"
    a = load_article("x.txt", raw)
    line, col, _, ecol = _find(a, "said")
    assert (line, col, ecol) == (1, 13, 17)
    line, col, _, ecol = _find(a, "  ")
    assert (line, col, ecol) == (2, 7, 9)


def test_plain_text_blocks_headline_and_paragraphs():
    raw = "Headline of the story\nFirst paragraph ends here.\nSecond one follows.\n\nThird after a blank line.\n"
    a = load_article("x.txt", raw)
    texts = [(b.kind, a.text[b.start:b.end]) for b in a.blocks]
    assert texts[0] == ("heading", "Headline of the story")
    assert ("paragraph", "Third after a blank line.") in texts
    assert len(texts) == 4


PAGE = """<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<header><p>Subscribe to our newsletter</p></header>
<article><header><h1>Council approves budget</h1></header>
<p>The council approved the plan.</p><div>Share this article</div></article>
<footer><p>All rights reserved.</p></footer></body></html>"""


def test_html_page_with_article_reads_like_a_reader_view():
    a = load_article("page.html", PAGE)
    assert [a.text[b.start:b.end] for b in a.blocks] == [
        "Council approves budget", "The council approved the plan.", "Share this article"]
    line, col, _, ecol = _find(a, "approved the plan")
    assert _raw_at(PAGE, line, col, ecol) == "approved the plan"


def test_html_fragment_without_article_is_read_whole():
    a = load_article("frag.html", "<p>One.</p><nav>Home</nav><p>Two.</p>")
    assert [a.text[b.start:b.end] for b in a.blocks] == ["One.", "Two."]


def test_markdown_template_tags_are_not_prose():
    md = "# Floods {#floods}\n\n{{< figure src=\"a.jpg\" caption=\"The river,in flood\" >}}\n\n{% include ad.html %}\n\nThe river rose {{ site.unit }} today.\n"
    a = load_article("x.md", md)
    assert [a.text[b.start:b.end] for b in a.blocks] == ["Floods", "The river rose  today."]
