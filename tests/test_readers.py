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


WEB_PAGE = """<!DOCTYPE html><html><head><title>Floods close the valley road | The Courier</title></head>
<body><header><a href="/">The Courier</a><p>Sign up to receive our top stories every weekday</p></header>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="layout"><div class="content" id="story">
<h1>Floods close the valley road</h1>
<p>The valley road was closed on Monday after the river burst its banks near the old mill, the
county council said, and drivers were told to use the hill route until the water goes down.</p>
<p>Engineers will inspect the bridge at Low Ford on Tuesday. &ldquo;We cannot open it until we
know the piers are sound,&rdquo; said Ana Ruiz, who leads the council&rsquo;s highways team.</p>
<p>Residents in six streets were asked to move valuables upstairs, and sandbags were handed out
at the village hall through the night by volunteers from the rescue service.</p>
<p>The Environment Agency said more rain was expected on Wednesday, with a flood warning in
place for the lower valley until the weekend at least.</p>
</div>
<aside class="sidebar"><h3>Most read</h3><ul>
<li><a href="/a">Council tax to rise by five per cent</a></li>
<li><a href="/b">School wins national chess title</a></li>
<li><a href="/c">New bus timetable from June</a></li></ul></aside></div>
<footer><p>&copy; 2024 The Courier. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def test_web_page_is_read_like_a_reader_view():
    a = load_article("page.html", WEB_PAGE)
    assert "The valley road was closed on Monday" in a.text
    assert "flood warning in place for the lower valley" in a.text
    for furniture in ("Sign up to receive", "Most read", "chess title", "All rights reserved", "Sport"):
        assert furniture not in a.text
    for needle in ("burst its banks", "sandbags", "\u201cWe cannot open it"):
        line, col, eline, ecol = _find(a, needle)
        if needle.startswith("\u201c"):  # an entity: the span covers "&ldquo;We cannot open it"
            assert _raw_at(WEB_PAGE, line, col, ecol) == "&ldquo;We cannot open it"
        else:
            assert _raw_at(WEB_PAGE, line, col, ecol) == needle


def test_whole_page_view_reads_every_visible_block():
    from copylint.readers import read_html

    a = read_html("page.html", WEB_PAGE, reader_view=False)
    assert "Most read" in a.text and "Sign up to receive our top stories every weekday" in a.text
    assert "The valley road was closed on Monday" in a.text and "News" not in a.text  # <nav> is never prose


def test_bare_document_is_not_cut_by_the_reader_view():
    doc = "<html><body><h1>Vote</h1><p>The council met.</p><ul><li>One</li><li>Two</li></ul></body></html>"
    a = load_article("doc.html", doc)
    assert [a.text[b.start:b.end] for b in a.blocks] == ["Vote", "The council met.", "One", "Two"]


def test_reader_view_leaves_out_what_the_page_names_as_furniture():
    page = WEB_PAGE.replace(
        "<p>Residents in six streets",
        '<div class="story-related"><p>Town band marches again after a ten-year break, and the '
        'mayor led the parade on Friday</p></div>\n<p class="image-credit">Picture by Jo Smith for '
        'The Courier, taken from the bridge at Low Ford on Monday afternoon</p>\n<p>Residents in six streets')
    a = load_article("page.html", page)
    assert "Town band" not in a.text and "Picture by Jo Smith" not in a.text
    assert "The valley road was closed on Monday" in a.text and "Residents in six streets" in a.text
    # every visible block is still there when the whole page is read
    from copylint.readers import read_html

    assert "Picture by Jo Smith" in read_html("page.html", page, reader_view=False).text
