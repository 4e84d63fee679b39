"""The residue a web page's markup names (benchmarks/residue_data.py's miner, which gives the
boilerplate classifier's training more residue lines): a caption, a byline, a share bar, a related
block, a site's nav and footer are residue by their markup, unless the true article text holds
their words (a caption the article prints as its own is prose, whatever its markup)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from residue_data import marked_lines, structural_residue  # noqa: E402

ARTICLE = ("The valley road was closed on Monday after the river burst its banks near the old mill, the county "
           "council said.\n"
           "Engineers inspect the bridge at Low Ford as the water falls.\n"
           "Residents in six streets were asked to move valuables upstairs as more rain was forecast.")

PAGE = """<html><head><title>Floods close the valley road | The Dale Times</title></head><body>
<nav><ul><li><a href="/">Local News</a></li><li><a href="/sport">Sport and Leisure</a></li></ul></nav>
<article>
<h1>Floods close the valley road</h1>
<div class="article__byline">By Jane Roe, Rural Affairs Correspondent</div>
<p>The valley road was closed on Monday after the river burst its banks near the old mill, the county
council said.</p>
<figure><img src="a.jpg"><figcaption>Engineers inspect the bridge at Low Ford as the water falls.</figcaption></figure>
<figure><img src="b.jpg"><figcaption>A farmer walks his dog along the flooded lane near the mill.</figcaption></figure>
<p>Residents in six streets were asked to move valuables upstairs as more rain was forecast.</p>
<span class="photoCredit">Photo: John Smith/Dale Times</span>
<ul class="share-tools"><li>Share on Facebook</li><li>Share on X</li></ul>
</article>
<aside class="related-stories"><h3>Council votes to repair the old bridge</h3></aside>
<p>An ordinary paragraph outside any marked element.</p>
<footer><p>Terms of use</p></footer>
</body></html>"""


def _found():
    return dict((text, kind) for kind, text in structural_residue(PAGE, ARTICLE))


def test_a_caption_outside_the_article_text_is_residue_and_one_in_it_is_prose():
    found = _found()
    assert found["A farmer walks his dog along the flooded lane near the mill."] == "caption"
    assert "Engineers inspect the bridge at Low Ford as the water falls." not in found


def test_markup_names_the_kind():
    found = _found()
    assert found["By Jane Roe, Rural Affairs Correspondent"] == "byline"
    assert found["Photo: John Smith/Dale Times"] == "caption"
    assert found["Share on Facebook"] == "share"
    assert found["Council votes to repair the old bridge"] == "related"


def test_a_sites_nav_and_footer_take_the_kind_their_words_say():
    found = _found()
    assert found["Terms of use"] == "consent"
    assert "Local News" in found and "Sport and Leisure" in found


def test_unmarked_text_and_the_pages_title_are_not_mined():
    found = _found()
    assert "An ordinary paragraph outside any marked element." not in found
    assert "Floods close the valley road" not in found
    assert not any("river burst its banks" in x for x in found)


def test_each_block_of_a_marked_element_is_a_line_and_an_unparsable_page_gives_none():
    lines = [x for _, x in marked_lines(PAGE)]
    assert "Share on Facebook" in lines and "Share on X" in lines
    assert marked_lines("") == []
