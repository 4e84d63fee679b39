"""The boilerplate rule's line classifier: shipped as plain weights, read in pure Python, judging
lines by what they are and where they stand, with the listed phrases kept as sure hits."""
import subprocess
import sys
from importlib import resources

import pytest

from copylint import readers
from copylint.checks import residue
from copylint.checks.residue import (
    headline_and_byline,
    ResidueModel, alone_gate, alone_lines, article_lines, document_features, edge_blocks, furniture_block, head_lines,
    alone_features, beside_features, credit_line, end_lines, end_runs, sign_off_line, edge_lines, outside_prose, line_features, line_kind, line_tags, main_run, overlap_features, place_of,
    closing_own_lines, end_mark_line, residue_model,
    shape_features, stem_counts,
)
from copylint.config import Config
from copylint.engine import Linter

ARTICLE = (
    "Floods close the valley road\n\n"
    "The valley road was closed on Monday after the river burst its banks near the old mill, the county "
    "council said.\n\n"
    "Engineers will inspect the bridge at Low Ford on Tuesday, and drivers were told to use the hill route.\n\n"
    "Residents in six streets were asked to move valuables upstairs as more rain was forecast.\n"
)


@pytest.fixture(scope="module")
def linter():
    return Linter(config=Config(select=("boilerplate",)))


def _flagged(linter, text):
    lines = text.split("\n")
    return [(lines[f.line - 1], f) for f in linter.check_text(text, path="a.txt", fmt="text")]


def _with_line(line):
    """The article with ``line`` as a paragraph of its own after its second paragraph."""
    paras = ARTICLE.split("\n\n")
    return "\n\n".join(paras[:2] + [line] + paras[2:])


def test_model_is_small_plain_data():
    raw = resources.files("copylint.ruledata").joinpath(residue.MODEL_FILE).read_bytes()
    # a few MB (issue 10): since session 15 most of it is the nearest lines' int8 vectors (2.6 MB;
    # 2.0 MB deflated in the zip since session 17, 4.6 MB of JSON and base64 before; 2.7 MB since
    # session 20, the sentence embedder's vectors deflating less than the word-fit encoder's)
    assert len(raw) < 3_000_000
    spec = residue.model_spec(raw)
    assert len(spec["passes"]) == 2
    assert set(spec["thresholds"]) == {"line", "context", "block"}
    t = spec["thresholds"]
    assert 0.5 <= t["line"] <= 1.01 and 0.5 <= t["context"] <= 1.01 and 0 < t["block"] <= 1.01
    assert all(isinstance(w, float) for p in spec["passes"] for w in p["weights"].values())


def test_runs_without_scikit_learn_or_numpy():
    """The model file is read with the standard library alone, the nearest lines' rows too."""
    code = ("import sys; sys.modules['sklearn'] = None; sys.modules['numpy'] = None\n"
            "from copylint.checks.residue import residue_model, model_spec\n"
            "nb = model_spec()['alone']['vector']['neighbours']\n"
            "print(len(nb['residue']) % 384, len(nb['prose']) % 384, len(nb['residue']) > 0)\n"
            "print(residue_model().judge(['Prices rose.', 'Share this', 'Sign in to your account']))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    first, judged = out.split("\n", 1)
    assert first.split() == ["0", "0", "True"] and judged.startswith("[")


def test_clean_article_is_silent(linter):
    assert _flagged(linter, ARTICLE) == []


@pytest.mark.parametrize("line", [
    "Photo: John Smith/Getty Images",
    "Updated 5:30 PM EST Nov 19, 2019",
    "Get our free daily newsletter delivered to your inbox",
    "Accept and continue",
    "Sign in to your account",
])
def test_stray_residue_between_paragraphs_is_reported(linter, line):
    found = _flagged(linter, _with_line(line))
    assert [x for x, _ in found] == [line]
    [(_, f)] = found
    assert f.severity.name == "WARNING"


@pytest.mark.parametrize("line", [
    'She said the pop-up reading "Sign up to our newsletter" had annoyed readers for years.',
    "Newsletters have become the fastest-growing part of the business, the company said on Monday.",
    "The regulator said websites must ask before they set cookies, and fined three firms.",
    "Subscriptions rose by 12% in the year to March.",
    "Share prices fell.",
])
def test_prose_about_newsletters_and_cookies_is_prose(linter, line):
    assert _flagged(linter, _with_line(line)) == []


@pytest.mark.parametrize("line", [
    "The council says the bridge is safe, and the road reopens on Friday.",
    '"We are doing everything we can," the council leader says.',
    "Firefighters from West Yorkshire are at the scene near Leeds, where the river keeps rising.",
])
def test_present_tense_sentences_of_prose_pass(linter, line):
    # a news caption is often a full sentence in the present tense; so is a desk's prose
    assert _flagged(linter, _with_line(line)) == []


def test_listed_phrase_is_fixable_and_classifier_line_is_not(linter):
    text = ARTICLE + "\nAdvertisement\n\nPhoto: John Smith/Getty Images\n"
    found = {line: f for line, f in _flagged(linter, text)}
    assert found["Advertisement"].fix == ""                     # a sure hit: --fix deletes it
    assert found["Photo: John Smith/Getty Images"].fix is None  # the classifier's: the editor decides


def test_head_of_the_article_is_not_judged():
    lines = ["Missed out on the rally?", "Shares of the company rose by a third on Monday after it "
             "reported record sales, the exchange said.", "Traders said the rise would not last."]
    assert list(head_lines(lines)) == [0]
    p1, p2 = residue_model().scores(lines)
    assert p1[0] is None and p2[0] is None and p2[2] is not None
    # a headline that reads like a sentence ("... in U.S.") is still the head
    assert list(head_lines(["Senator criticises the premier over her Covid response in U.S.", *lines[1:]])) == [0]
    assert list(head_lines(["Subscribe", "Floods close road", *lines[1:]])) == [0, 1]
    assert list(head_lines(lines[1:])) == []           # no headline: the text opens with prose


def test_page_pasted_whole_keeps_its_headline_and_byline(linter):
    """A page pasted whole: its stamp and share row between the headline and the first paragraph are
    residue, the headline and the byline are the article's own (main reported all four: the head
    ``head_lines`` leaves alone reaches 4 lines down)."""
    paras = ARTICLE.split("\n\n")
    text = "\n\n".join([paras[0], "Published 3 hours ago", "Share", "By Jane Roe, Local Government "
                         "Correspondent", *paras[1:]])
    found = [x for x, _ in _flagged(linter, text)]
    assert "Share" in found
    assert paras[0] not in found and not any(x.startswith("By Jane Roe") for x in found)
    # a first line naming nothing of the story is no headline of its own
    assert headline_and_byline(["Sign in to your account", "Share", "By Jane Roe", paras[1]]) == set()
    assert headline_and_byline([paras[0], "Share", "By Jane Roe", paras[1]]) == {0, 2}


def test_one_line_text_is_not_judged():
    assert document_features(["Share this article"]) == [None]


def test_run_of_menu_lines_is_residue(linter):
    menu = "\n".join(["News", "Sport", "Business", "Opinion", "Culture", "Lifestyle", "Travel"])
    text = ARTICLE + "\n" + menu + "\n"
    found = [x for x, _ in _flagged(linter, text)]
    assert len(found) >= 5 and set(found) <= set(menu.split("\n"))


def test_features_describe_shape():
    f = line_features("Sign up for our newsletter")
    assert "b:<s>_sign" in f and "end:a" in f and "w:newsletter" in f
    assert line_kind("The council met on Monday to agree the budget for next year.") == "P"
    assert line_kind("Most read") == "S"


def test_voice_counts_only_outside_quotation_marks():
    to_reader = line_features("You can change your preferences at any time.")
    quoted = line_features('"You can change your preferences at any time," the minister said.')
    assert "voice:you" in to_reader and "voice:you" not in quoted
    assert "voice:reported" in quoted and "voice:reported" not in to_reader


def test_grammar_features_from_tags():
    tags = [("sign", "VB"), ("up", "RP"), ("for", "IN"), ("alerts", "NNS")]
    f = line_features("Sign up for alerts", tags)
    assert "tg:first:VB" in f and "tg:imperative:base" in f
    past = line_features("The council voted", [("the", "DT"), ("council", "NN"), ("voted", "VBD")])
    assert "tg:tense:past" in past
    assert not any(x.startswith("tg:") for x in line_features("Sign up for alerts"))


def test_line_tags_follow_the_spans():
    from spacy.lang.en import English
    from spacy.tokens import Doc

    text = "Share this\n\nThe council met."
    doc = Doc(English().vocab, words=["Share", "this", "\n\n", "The", "council", "met", "."],
              spaces=[True, False, False, True, True, False, False], tags=["VB", "DT", "_SP", "DT", "NN", "VBD", "."])
    assert doc.text == text and doc[5].idx == 24
    assert line_tags(doc, [(0, 10), (12, 28)]) == [[("share", "VB"), ("this", "DT")],
                                                    [("the", "DT"), ("council", "NN"), ("met", "VBD"), (".", ".")]]
    # a token before a span's start is read by none; a span with no token has none
    assert line_tags(doc, [(6, 10), (11, 12), (16, 27)]) == [[("this", "DT")], [], [("council", "NN"), ("met", "VBD")]]
    # the spans not wanted (a paragraph the model does not judge) are passed over, the others read as before
    from copylint.checks.residue import iter_line_tags
    assert list(iter_line_tags(doc, [(0, 10), (12, 28)], [False, True])) == \
        [None, [("the", "DT"), ("council", "NN"), ("met", "VBD"), (".", ".")]]
    assert list(iter_line_tags(doc, [(0, 10), (12, 28)], [True, False])) == [[("share", "VB"), ("this", "DT")], None]


def test_the_classifier_streams_each_lines_features_and_judges_the_same():
    """judge() reads the tags as an iterator in step with the lines (a huge article's tags and
    features are never all held) and gives what the lists give."""
    from copylint.checks import residue

    lines = ["Prices rose.", "Share this", "Sign in to your account", "The council met on Monday.",
             "Get our free daily newsletter delivered to your inbox", "Advertisement", "Prices fell."]
    tags = [[(w.lower(), "NN") for w in x.split()] for x in lines]
    m = residue_model()
    held = m.judge(lines, tags, feats=document_features(lines, tags), alone=[True] * len(lines))
    pulled = []

    def lazily():
        for t in tags:
            pulled.append(len(t))
            yield t
    assert m.judge(lines, lazily(), alone=[True] * len(lines)) == held
    assert len(pulled) == len(lines)  # each line's tags read once
    assert m.scores(lines, iter(tags)) == m.scores(lines, tags, document_features(lines, tags))
    assert list(residue.iter_second_pass_features(m.scores(lines)[0], lines)) == \
        residue.second_pass_features(m.scores(lines)[0], lines)
    # the lines the second pass does not score are passed over, the others' features as before
    wanted = [i % 2 == 0 for i in range(len(lines))]
    assert list(residue.iter_second_pass_features(m.scores(lines)[0], lines, wanted)) == \
        [f if w else None for f, w in zip(residue.second_pass_features(m.scores(lines)[0], lines), wanted)]


def test_main_run_is_the_heaviest_stretch():
    assert main_run([-5, -5, 30, -5, 25, -5, -5]) == (2, 4)
    assert main_run([-5, -5]) is None


def test_furniture_block_needs_many_lines_on_one_side():
    prose, menu = 0.01, 0.99
    lines = ["x"] * 3 + ["word " * 30] * 4 + ["x"] * 8
    p1 = [menu] * 3 + [prose] * 4 + [menu] * 8
    block = furniture_block(lines, p1, penalty=10, side=6)
    assert block == [False] * 7 + [True] * 8   # three lines above: an article's head; eight below: a page's


def test_probabilities_are_deterministic():
    m = residue_model()
    lines = [x for x in (ARTICLE.split("\n") + ["Share this article", "Loading..."]) if x.strip()]
    p = m.probabilities(lines)
    assert p == m.probabilities(lines)
    assert all(x is None or 0.0 <= x <= 1.0 for x in p)
    assert isinstance(m, ResidueModel)


def test_marked_heading_is_left_to_the_listed_phrases(linter):
    page = ("<h1>New SUVs and electric vehicles highlight the motor show</h1>\n"
            "<p>Tom Smith, Motoring Writer</p>\n<p>Updated 5:30 PM EST Nov 19, 2019</p>\n"
            "<p>Carmakers showed electric cars and large SUVs on Tuesday at the show, where buyers "
            "will see prices fall next year, the organisers said.</p>\n<h2>Most read</h2>\n")
    found = [f for f in linter.check_text(page, path="a.html", fmt="html")]
    texts = [page[f.raw_start:f.raw_end] for f in found]
    assert "Most read" in texts                       # a listed phrase, heading or not
    assert not any(t.startswith("New SUVs") for t in texts)


def test_page_copied_whole_loses_its_furniture(linter):
    """A web page copied whole: site menus above the article, a column of related headlines below
    (headlines read like copy; where they stand gives them away)."""
    menu = ["Home", "World", "Business", "Markets", "Opinion", "Sport", "Weather", "Podcasts"]
    related = ["Most read", "Council tax to rise by five per cent in April", "2 hours ago",
               "School wins national chess title again", "3 hours ago", "New bus timetable starts in June",
               "Police appeal after bike thefts in the town centre", "Mayor opens the renovated library",
               "Why the river keeps flooding the valley road", "Yesterday",
               "Farmers count the cost of the wet spring", "Listen: our weekly podcast on local politics"]
    text = "\n\n".join(menu + ARTICLE.strip().split("\n\n") + related) + "\n"
    found = [x for x, _ in _flagged(linter, text)]
    assert len(set(found) & set(menu + related)) >= 16
    assert not set(found) & set(ARTICLE.split("\n"))


# --- the line-alone judge ------------------------------------------------------------------------
def test_alone_gate_looks_at_short_lines_that_are_not_news_sentences():
    def gate(line):
        return alone_gate(line_features(line), line)

    assert gate("Turn on notifications for this story")                 # no full stop
    assert gate("You will need an account to keep listening.")          # to the reader
    news = "The council met on Monday to agree the budget."             # a sentence of news
    tags = [("the", "DT"), ("council", "NN"), ("met", "VBD"), ("on", "IN"), ("monday", "NNP"), ("to", "TO"),
            ("agree", "VB"), ("the", "DT"), ("budget", "NN"), (".", ".")]
    assert not alone_gate(line_features(news, tags), news)
    assert not gate('"Sign up to our newsletter," the pop-up said.')    # quoting one
    assert not gate("Residents " + "were asked to move " * 8 + "upstairs")  # too long
    assert not alone_gate(None, "Share this")                           # not judged at all


def test_name_features_say_whether_the_text_names_what_a_line_among_the_paragraphs_names():
    """Session 17: a line's capitalised words after its first are its names; residue pasted from
    another story names people and places the article never does. Read among the paragraphs only."""
    lines = ["The valley road was closed on Monday near Low Ford, Jane Roe said.",
             "US charges two jail guards over Jeffrey Epstein death", "Engineers at Low Ford inspect the bridge",
             "By Anna Kowalski", "Roe said the work at Ford would take a week", "Share this"]
    counts = stem_counts(lines)

    def names(line, c=counts, own=True, place="body"):
        return residue.name_features(line, c, own, place)

    assert names(lines[1]) == ["nm:new:body", "nm:new:2+:body"]
    assert names(lines[2]) == ["nm:known:body", "nm:known:2+:body"]   # the story's own place
    assert names(lines[3])[0] == "nm:new:body"                         # a byline from elsewhere
    assert names(lines[4]) == ["nm:known:body", "nm:known:1:body"]    # "Roe" first: not counted a name
    assert names(lines[5]) == []                                       # no name
    assert names("Jeffrey Epstein and Jane Roe")[0] == "nm:some:body"
    assert names(lines[1], place="head") == names(lines[1], place="last") == []   # bylines are in place there
    # a line from elsewhere is not one of the text's lines: its own names do not count
    assert names("Talks with Anna Kowalski", stem_counts(lines[:3]), own=False)[0] == "nm:new:body"


def test_a_headline_naming_what_the_story_never_names_is_reported_among_the_paragraphs(linter, monkeypatch):
    """The rule's example: the same headline shape is reported when its names are not the article's,
    not when they are; without the names read (``NAME_FEATURES`` off) the shipped model misses it."""
    body = ("The council met on Monday to agree the budget for the coming year, Mayor Jane Roe said at Low Ford."
            "\n\n{}\n\nThe vote was close, and the mayor said more cuts would follow in the spring.\n")
    pasted, own = "Greta Lindqvist wins the Stockholm marathon in record time", "Mayor Jane Roe defends the Low Ford budget"
    assert [x for x, _ in _flagged(linter, body.format(pasted))] == [pasted]
    assert _flagged(linter, body.format(own)) == []
    monkeypatch.setattr(residue, "NAME_FEATURES", False)
    assert _flagged(linter, body.format(pasted)) == []


def test_overlap_counts_words_the_rest_of_the_text_shares():
    lines = ["Floods close the valley road", "The valley road was closed after the floods on Monday.",
             "Turn on notifications"]
    counts = stem_counts(lines)
    assert "ov:>0.8" in overlap_features(lines[0], counts)       # a headline names the story
    assert "ov:0.0" in overlap_features(lines[2], counts)        # pasted residue names nothing of it
    assert overlap_features("of the and", counts)[0] == "ov:none"
    # a line from elsewhere is not one of the text's lines
    assert "ov:>0.8" in overlap_features("Valley floods", stem_counts(lines[1:]), own=False)


def test_listed_prefixes_keep_their_colon_and_leave_sentences_alone():
    from copylint.checks.residue import _phrase_table, listed

    exact, prefixes = _phrase_table(("Read more:…", "Listen to…"))
    assert listed("Read more: Floods close the valley road", exact, prefixes)
    assert not listed("Read more about the floods in the council's report", exact, prefixes)
    assert listed("Listen to this article", exact, prefixes)
    assert listed("Listen to our podcast on the floods.", exact, prefixes)       # to the reader
    assert not listed("Listen to the voices of the valley's miners.", exact, prefixes)  # a sentence


def test_shapes_of_page_furniture():
    def shapes(line, tense="none"):
        return shape_features(line, line_features(line) + [f"tg:tense:{tense}"])

    assert "sh:name" in shapes("Jane Roe")
    assert "sh:name" not in shapes("Jane Roe.") and "sh:name" not in shapes("Jane Roe", "past")
    assert "sh:by" in shapes("By Jane Roe and John Doe")
    assert "sh:by" not in shapes("by the river")
    assert "sh:label" in shapes("Read more: Floods close the valley road")
    assert "sh:slash" in shapes("Firefighters at the mill. Jane Roe/Agency")
    assert "sh:paren-names" in shapes("Firefighters at the mill (Jane Roe)")
    assert "sh:paren" in shapes("Firefighters at the mill (file picture)")
    assert "sh:headline" in shapes("Floods close the valley road")
    assert "sh:headline" not in shapes("Floods closed the valley road.")
    assert shapes("the end") == ["sh:none"]
    # a picture credit: a media word as a label, in the closing parenthesis, or closing a short line
    assert "sh:credit" in shapes("Photo: Jane Roe") and "sh:credit" in shapes("Image by Jane Roe")
    assert "sh:credit" in shapes("Firefighters at the mill (Photo: Jane Roe)")
    assert "sh:credit" in shapes("Jane Roe/Getty Images")
    assert "sh:credit" not in shapes("The photo was taken on Monday.", "past")
    assert "sh:credit" not in shapes("Firefighters at the mill (Jane Roe)")
    # a byline's "NAME, role"
    assert "sh:name-role" in shapes("Jane Roe, Staff Writer") and "sh:name-role" in shapes("Jane Roe | Health Reporter")
    assert "sh:name-role" not in shapes("Jane Roe, 34, was hurt.", "past")
    assert "sh:name-role" not in shapes("Prices rose, the bank said")
    # a headline's grammar: a verb not in the past, no article
    assert "sh:headlinese" in shapes("Floods close valley road", "present")
    assert "sh:headlinese" not in shapes("Floods close the valley road", "present")
    assert "sh:headlinese" not in shapes("Floods closed valley road", "past")


def test_caption_shape_opens_the_gate():
    """A caption describes a scene in the present tense and names someone or somewhere; a sentence
    of news reports in the past, or quotes, or speaks to the reader."""
    def feats(line, tense, nnp=1):
        return line_features(line) + [f"tg:tense:{tense}", f"tg:nnp:{nnp}"]

    caption = "Firefighters battle a blaze at the old mill near Oldtown on Tuesday."
    assert "sh:caption" in shape_features(caption, feats(caption, "present"))
    assert alone_gate(feats(caption, "present"), caption)
    news = "Firefighters battled a blaze at the old mill near Oldtown on Tuesday."
    assert "sh:caption" not in shape_features(news, feats(news, "past"))
    assert not alone_gate(feats(news, "past"), news)
    nameless = "Firefighters battle a blaze at the old mill on a cold night."
    assert "sh:caption" not in shape_features(nameless, feats(nameless, "present", 0))
    quoted = '"Firefighters battle a blaze at the mill," Jane Roe says.'
    assert "sh:caption" not in shape_features(quoted, feats(quoted, "present"))
    assert "sh:caption" not in shape_features("You can watch Jane Roe on Monday.",
                                              feats("You can watch Jane Roe on Monday.", "present"))


def test_alone_judge_reads_a_lines_shapes_once(monkeypatch):
    """The gate reads a line's shapes (a caption's, a credit's); the judge's features reuse them,
    the same features as made afresh."""
    from copylint.checks import residue

    calls = []
    shape = residue.shape_features
    monkeypatch.setattr(residue, "shape_features", lambda line, feats: calls.append(line) or shape(line, feats))
    caption = "Firefighters battle a blaze at the old mill near Oldtown on Tuesday."
    feats = line_features(caption) + ["tg:tense:present", "tg:nnp:1"]
    counts = stem_counts([caption, "The mill closed in 1990, the council said."])
    got = residue.line_alone_features(caption, feats, counts, place="body")
    assert calls == [caption]
    assert got == alone_features(caption, feats, counts, place="body") and "at:body:sh:caption" in got


def test_alone_judge_knows_head_body_and_end():
    lines = ["Floods close road", "By Jane Roe", "The valley road was closed on Monday after the river burst "
             "its banks, the council said.", "By Jane Roe", "Engineers will inspect the bridge on Tuesday."]
    head = head_lines(lines)
    assert [place_of(i, len(lines), head) for i in range(len(lines))] == ["head", "head", "body", "body", "last"]
    counts = stem_counts(lines)
    feats = line_features(lines[1])
    at_head = alone_features(lines[1], feats, counts, place="head")
    in_body = alone_features(lines[3], feats, counts, place="body")
    assert "at:head:sh:by" in at_head and "at:body:sh:by" in in_body
    assert not any(f.startswith("at:") for f in alone_features(lines[2], line_features(lines[2]), counts, place="body"))
    assert not any(f.startswith("at:") for f in alone_features(lines[1], feats, counts))


def test_alone_judge_sees_the_lines_beside():
    """A subheading shares the story's words with the paragraphs beside it; a related headline
    pasted between them does not. Neither line's own words decide this: the lines beside do."""
    para1 = ("The valley road was closed on Monday after the river burst its banks near the old mill, "
             "the county council said.")
    para2 = "Engineers will inspect the mill bridge on Tuesday, and drivers were told to use the hill route."
    sub, other = "Bridge at the old mill", "Singer wins award at film gala"
    f_sub = beside_features(sub, line_features(sub), shape_features(sub, line_features(sub)), [para1], [para2])
    f_other = beside_features(other, line_features(other), shape_features(other, line_features(other)),
                              [para1], [para2])
    assert "nx:PP" in f_sub and "nx:PP" in f_other
    assert "nx:ov:0.0" in f_other and "nx:ov:0.0" not in f_sub
    assert any(f.startswith("nx:ov:0.0:sh:headline") for f in f_other)
    # at the top of an article there is nothing above it
    top = beside_features(other, line_features(other), ["sh:headline"], [], [para1])
    assert "nx:NP" in top
    assert "nx:ov:none" in beside_features("Share", line_features("Share"), ["sh:none"], [], [])
    counts = stem_counts([para1, sub, para2])
    assert not any(f.startswith("nx:") for f in alone_features(sub, line_features(sub), counts))
    assert "nx:PP" in alone_features(sub, line_features(sub), counts, beside=([para1], [para2]))


def test_alone_judge_holds_the_end_to_its_own_threshold():
    """With an ``end_threshold`` (session 19), a line after the article's last paragraph
    (``end_lines``) is reported only at or above it; a line among the paragraphs is held to the
    judge's ``threshold``; a model without one (an older file) holds the end to the body's. A
    text of one paragraph has no end: its closing line is the body's."""
    spec = residue.model_spec()
    line = "Turn on notifications for this story"
    body = [x for x in ARTICLE.split("\n") if x.strip()]
    lines = body[:2] + [line] + body[2:] + [line, line]
    feats = document_features(lines)
    p = ResidueModel(spec).alone_scores(lines, feats)
    assert end_lines(lines) == [len(lines) - 2, len(lines) - 1]
    assert p[2] is not None and p[-1] is not None
    low, high = min(p[2], p[-1]), 1.01
    alone = {k: v for k, v in spec["alone"].items() if k not in ("head_threshold", "end_threshold", "edges", "end_judge")}
    passes = [{"bias": -40.0, "weights": {}}] * 2   # the two passes never report

    def judged(lines, feats, **thresholds):
        out = ResidueModel(dict(spec, passes=passes, alone=dict(alone, **thresholds))).judge(lines, feats=feats)
        return out[2], out[-1]

    assert judged(lines, feats, threshold=low, end_threshold=high) == (True, False)
    assert judged(lines, feats, threshold=high, end_threshold=low) == (False, True)
    assert judged(lines, feats, threshold=low) == (True, True)      # without an end threshold, the body's
    assert judged(lines, feats, threshold=high) == (False, False)
    # one line after the last paragraph is no run, nor is a line with a credit or a sign-off; and
    # a text of one paragraph has no end
    assert end_lines(lines[:-1]) == [] and end_lines(lines[:-1] + ["Editing by Mark Potter"]) == []
    assert end_lines(lines[:-1] + ["Yours sincerely"]) == []
    one = [body[0], body[1], line, line]
    assert end_lines(one) == [] and end_lines(body[:1]) == []
    one_feats = document_features(one)
    pa = ResidueModel(spec).alone_scores(one, one_feats)
    cut = min(pa[2], pa[3])
    assert judged(one, one_feats, threshold=1.01, end_threshold=cut) == (False, False)


def test_alone_judge_reads_the_run_closing_an_article():
    """The lines after the last paragraph of prose: how many, and whether the run shares the
    story's words (a desk's credit and tag do; a block of related headlines does not)."""
    body = ARTICLE.split("\n\n")
    related = ["Singer wins award at film gala", "Ten recipes for a cheap winter supper", "Stocks slide as oil jumps"]
    runs = end_runs(body + related)
    assert set(runs) == {4, 5, 6}
    assert runs[4] == ["closing:run:3+", "closing:ov:new", "closing:run:3+:ov:new"]
    own = end_runs(body + ["Picture: the river at Low Ford on Monday", "Floods"])
    assert set(own) == {4, 5} and "closing:run:2:ov:high" in own[5]
    # one line alone after the last paragraph is no run (a desk's tag), and a text without prose has none
    assert end_runs(body) == {} and end_runs(body + ["Energy"]) == {} and end_runs(related) == {}
    counts = stem_counts(body + related)
    line = related[0]
    assert "closing:run:3+" in alone_features(line, line_features(line), counts, place="last", end=runs[6])
    assert not any(f.startswith("closing:") for f in alone_features(line, line_features(line), counts, place="last"))


def test_alone_lines_are_paragraphs_of_one_line():
    art = readers.load_article("a.md", "Floods close road\nBy A. Writer\n\nThe road was closed.\n\nShare this\n",
                               "markdown")
    assert len(article_lines(art)) == 4
    assert alone_lines(art) == [False, False, True, True]


def test_alone_judge_looks_only_at_paragraphs_of_their_own():
    m = residue_model()
    more = ["The county council said the valley road would stay closed until the engineers had "
            "finished their inspection of the bridge and the river had fallen below the warning level.",
            "Buses between the valley villages and the town will use the hill route, adding about twenty "
            "minutes to each journey, the operator said, and the school run will start earlier.",
            "The river last burst its banks near the old mill four years ago, when the valley road was "
            "closed for nine days and forty homes were flooded."]
    lines = [x for x in ARTICLE.split("\n") if x.strip()] + more + ["Turn on notifications for this story"]
    feats = document_features(lines)
    on = m.alone_scores(lines, feats, alone=[True] * len(lines))
    off = m.alone_scores(lines, feats, alone=[False] * len(lines))
    assert on[-1] is not None and 0.0 <= on[-1] <= 1.0
    assert all(x is None for x in off)
    # the headline is looked at too, and shares the story's words: far from residue
    assert on[0] is not None and on[0] < 0.5 < on[-1]
    # in a brief (the rest under ``BRIEF_WORDS``), the headline is not read (``brief_headline``)
    brief = [x for x in ARTICLE.split("\n") if x.strip()]
    assert m.alone_scores(brief, document_features(brief), alone=[True] * len(brief))[0] is None


def test_alone_judge_holds_the_head_to_its_own_threshold():
    """With a ``head_threshold``, a line in the article's head (``head_lines``) is reported only at
    or above it; elsewhere the judge's ``threshold`` applies."""
    spec = residue.model_spec()
    lines = ["Turn on notifications for this story"] + [x for x in ARTICLE.split("\n") if x.strip()] + \
        ["Turn on notifications for this story"]
    feats = document_features(lines)
    m = ResidueModel(spec)
    p = m.alone_scores(lines, feats)
    assert 0 in head_lines(lines) and len(lines) - 1 not in head_lines(lines)
    assert p[0] is not None and p[-1] is not None
    # thresholds around the two scores: the head's and the rest's each decide their own line
    low, high = min(p[0], p[-1]), 1.01
    alone = {k: v for k, v in spec["alone"].items() if k not in ("head_threshold", "end_judge")}
    passes = [{"bias": -40.0, "weights": {}}] * 2   # the two passes never report

    def judged(**thresholds):
        out = ResidueModel(dict(spec, passes=passes, alone=dict(alone, **thresholds))).judge(lines, feats=feats)
        return out[0], out[-1]

    assert judged(threshold=low, head_threshold=high) == (False, True)
    assert judged(threshold=high, head_threshold=low) == (True, False)
    assert judged(threshold=low) == (True, True)      # without a head threshold, one for both
    assert judged(threshold=high) == (False, False)


def test_edge_blocks_need_two_lines_leaning_to_residue_outside_the_prose():
    """A block at an edge: two lines or more above the first paragraph (never the line just above
    it: the article's own headline stands there) or after the last, each at or above the edge's
    threshold; one such line alone (a desk's sign-off) is no block."""
    para = "The council met on Monday to agree the budget for the coming year, the mayor said."
    lines = ["Most read", "Sport", "Floods close the valley road", para, para, "Jane Roe", "Share this", "Sign up now"]
    pa = [0.9, 0.6, 0.95, None, None, 0.2, 0.8, 0.7]
    assert edge_lines(lines) == ([0, 1], [7, 6, 5])
    assert edge_blocks(lines, pa, 0.5, 0.5) == [0, 1, 6, 7]     # the headline is never taken
    assert edge_blocks(lines, pa, 0.65, 0.5) == [6, 7]           # "Sport" under the top's threshold
    assert edge_blocks(lines, pa, 0.5, 0.75) == [0, 1]           # "Sign up now" under the end's
    assert edge_blocks(lines, pa, None, 0.1) == [5, 6, 7]
    assert edge_blocks(lines, pa, None, None) == []
    # a line the judge does not look at (None) ends the run; a text of short lines alone has no edges
    assert edge_blocks(lines, pa[:6] + [None, 0.7], None, 0.5) == []
    assert edge_blocks(lines[1:], pa[1:], 0.5, None) == []          # one line above the headline
    assert edge_lines(["Most read", "Share this", "Sign up now"]) == ([], [])


def test_edge_lines_on_their_own_at_the_edges_own_threshold():
    """With an edge's threshold for a line on its own (``top_one``, ``end_one``), the run of one
    line or more from the outside in at or above it is residue, though no block; the run still
    stops at a line the judge does not look at, and never takes the line just above the first
    paragraph (the article's own headline)."""
    para = "The council met on Monday to agree the budget for the coming year, the mayor said."
    lines = ["Most read", "Sport", "Floods close the valley road", para, para, "Jane Roe", "Share this", "Sign up now"]
    pa = [0.9, 0.6, 0.99, None, None, 0.2, 0.8, 0.97]
    assert edge_blocks(lines, pa, None, None, None, 0.96) == [7]        # one line at the end
    assert edge_blocks(lines, pa, None, None, None, 0.98) == []
    assert edge_blocks(lines, pa, None, None, None, 0.75) == [6, 7]     # a run at the lower threshold
    assert edge_blocks(lines, pa, None, None, 0.85, None) == [0]        # the headline is never taken
    assert edge_blocks(lines, pa, None, 0.5, None, 0.96) == [6, 7]      # a block holds the line on its own
    assert edge_blocks(lines, pa, None, 0.1, None, 0.96) == [5, 6, 7]
    assert edge_blocks(lines, pa[:7] + [None], None, None, None, 0.5) == []   # not looked at: no run
    assert edge_blocks(lines, pa, 0.5, 0.5) == [0, 1, 6, 7]             # without them, as before


@pytest.mark.parametrize("line", [
    "Reporting by Jane Roe in London; Additional reporting by Sam Holmes in Singapore",
    "Editing by Mark Potter and Susan Fenton",
    "(Writing by Ana Ruiz; Editing by Tom Brown)",
    "Compiled by Ana Ruiz for the Lagos desk",
    "Translated by Élodie Martin",
    "Reporting and writing by Jane Roe",
    "— Additional reporting by Sam Holmes",
])
def test_production_credit_lines(line):
    assert credit_line(line)


@pytest.mark.parametrize("line", [
    "Reporting by the BBC showed the plan had failed",     # no capitalised name after "by"
    "Editing by hand is slow",
    "Photo by John Smith/AFP",                             # a picture credit is residue
    "Facebook Twitter WhatsApp",
    "Jane Roe",
    "Sign up for reporting by email",
])
def test_lines_that_are_no_production_credit(line):
    assert not credit_line(line)


def test_alone_judge_does_not_look_at_a_production_credit():
    """The line-alone judge leaves the article's own credit unscored (None), so it is never reported
    alone and ends a block at an edge (``edge_blocks``); the lines beyond it are no block without it."""
    para = "The council met on Monday to agree the budget for the coming year, the mayor said."
    lines = ["Floods close the valley road", para, para, "Reporting by Jane Roe in London", "Sign up now",
             "Editing by Mark Potter"]
    pa = residue_model().alone_scores(lines, document_features(lines))
    assert pa[3] is None and pa[5] is None and pa[4] is not None
    assert edge_blocks(lines, [0.1, None, None, None, 0.99, None], None, 0.5) == []
    # among the paragraphs a credit is out of place: judged as any line
    lines = ["Floods close the valley road", para, "Reporting by Jane Roe in London", para]
    assert residue_model().alone_scores(lines, document_features(lines))[2] is not None
    assert outside_prose(lines) == {0} and outside_prose(["Share this", "Sign up now"]) == set()


SIGN_OFFS = ("Respectfully yours", "Yours sincerely,", "Yours faithfully, Jane Roe", "Very truly yours,",
             "Sincerely yours — Sam Holmes", "Kind regards", "With best wishes, Jane Roe", "Warmest regards.",
             "Sincerely,")
NO_SIGN_OFFS = (
    "Best wishes to all our readers this Christmas",     # more than a name after it
    "Kind regards to everyone who came",
    "Yours truly, the editors",                          # no capitalised name
    "Sincerely yours, Jane Roe of the Low Ford residents' association",
    "Sincerely, I think the council is wrong",
    "He signed it Respectfully yours",
    "Sign up for our newsletter",
    "Reporting by Jane Roe",
)


def test_sign_off_lines():
    """A letter's or a column's sign-off (``sign_off_line``): the shapes, and lines that are none."""
    assert [x for x in SIGN_OFFS if not sign_off_line(x)] == []
    assert [x for x in NO_SIGN_OFFS if sign_off_line(x)] == []


def test_alone_judge_does_not_look_at_a_sign_off_outside_the_prose(monkeypatch):
    """A letter's sign-off above or after the article's prose is left unscored (None), so it is
    never reported alone and ends a block at an edge (``edge_blocks``); among the paragraphs it is
    judged. Fails with the guard off: the line is scored."""
    para = "The council met on Monday to agree the budget for the coming year, the mayor said."
    lines = ["Floods close the valley road", para, para, "Respectfully yours", "Jane Roe"]
    assert residue_model().alone_scores(lines, document_features(lines))[3] is None
    top = ["Yours sincerely, Jane Roe", para, para]   # a letters page cut after a letter's sign-off
    assert residue_model().alone_scores(top, document_features(top))[0] is None
    inside = ["Floods close the valley road", para, "Respectfully yours", para]
    assert residue_model().alone_scores(inside, document_features(inside))[2] is not None
    monkeypatch.setattr(residue, "sign_off_line", lambda line: False)
    monkeypatch.setattr(residue, "brief_headline", lambda lines, bounds=False: False)  # `top` is short: a brief's head too
    assert residue_model().alone_scores(lines, document_features(lines))[3] is not None
    assert residue_model().alone_scores(top, document_features(top))[0] is not None


@pytest.mark.parametrize("ending", ["Yours sincerely\n\nJane Roe\n", "Kind regards,\n\nJane Roe\n"])
def test_letter_closed_by_its_sign_off_is_clean(linter, monkeypatch, ending):
    """A letter closing with its sign-off and signature: no residue; without the guard the shipped
    model reports both lines as a block at the end."""
    assert _flagged(linter, WIRE_BODY + ending) == []
    monkeypatch.setattr(residue, "sign_off_line", lambda line: False)
    assert [x for x, _ in _flagged(linter, WIRE_BODY + ending)] == [x for x in ending.split("\n") if x]


def test_residue_pasted_after_a_sign_off_is_still_a_block(linter):
    body = WIRE_BODY + "Kind regards\n\n"
    assert [x for x, _ in _flagged(linter, body + "Energy\n\nHousing\n")] == ["Energy", "Housing"]


WIRE_BODY = (
    "Floods close the valley road\n\n"
    "The valley road was closed on Monday after the river burst its banks near the old mill, the county "
    "council said.\n\n"
    "Engineers will inspect the bridge at Low Ford on Tuesday, and drivers were told to use the hill route.\n\n"
    "Residents in six streets were asked to move valuables upstairs as more rain was forecast.\n\n"
)


@pytest.mark.parametrize("ending", [
    "Reporting by Jane Roe in London; Additional reporting by Sam Holmes in Singapore\n\n"
    "Editing by Mark Potter and Susan Fenton\n",
    "(Reporting by Jane Roe in London)\n\n(Editing by Mark Potter and Susan Fenton)\n",
    "Writing by Jane Roe\n\nEditing by Mark Potter\n",
    "Compiled by Jane Roe\n\nTranslated by Sam Holmes\n",
])
def test_wire_story_closed_by_its_desks_credit_is_clean(linter, ending):
    """A whole wire story closing with its desk's own credit on two lines: no residue (the lines
    score high in the line-alone judge, over the end block's threshold; without the credit's
    exemption both are reported)."""
    assert _flagged(linter, WIRE_BODY + ending) == []


def test_residue_pasted_after_the_credit_is_still_a_block(linter):
    body = WIRE_BODY + "Reporting by Jane Roe in London; Editing by Mark Potter\n\n"
    assert [x for x, _ in _flagged(linter, body + "Energy\n\nHousing\n")] == ["Energy", "Housing"]


def test_model_reports_a_block_at_the_end_not_a_single_closing_line():
    """With edge thresholds, two short lines the judge leans to after the last paragraph are
    reported though each is under the judge's own threshold; the same line alone at the end is not."""
    spec = residue.model_spec()
    body = [x for x in ARTICLE.split("\n") if x.strip()]
    two = body + ["Turn on notifications for this story", "Follow us for more stories like this"]
    one = body + ["Turn on notifications for this story"]
    passes = [{"bias": -40.0, "weights": {}}] * 2   # the two passes never report
    base = {k: v for k, v in spec["alone"].items() if k not in ("head_threshold", "edges", "end_judge")}
    pa = ResidueModel(dict(spec, passes=passes, alone=base)).alone_scores(two, document_features(two))
    low = min(pa[-2:])
    assert low > 0.05

    def judged(lines, **edges):
        alone = dict(base, threshold=1.01, edges=edges)
        return ResidueModel(dict(spec, passes=passes, alone=alone)).judge(lines, feats=document_features(lines))

    assert judged(two, end=low)[-2:] == [True, True]
    assert not any(judged(two, end=low)[:-2])
    assert not any(judged(two))                  # no edge thresholds: no blocks
    assert not any(judged(one, end=0.0))         # one line at the end is no block
    assert not any(judged(two, top=0.0))         # the top's threshold does not judge the end


def test_shipped_model_reports_a_block_of_menu_lines_after_the_last_paragraph(linter):
    """Two menu items pasted after the last paragraph are reported as a block (the shipped model's
    ``edges``); either one alone there is left, as a desk may close copy with one short line."""
    body = ("The council met on Monday to agree the budget for the coming year.\n\n"
            "The vote was close, and the mayor said more cuts would follow in the spring.\n\n")
    assert residue_model().edges[1] is not None and residue_model().edges[2:] == (None, None)
    assert [x for x, _ in _flagged(linter, body + "Energy\n\nHousing\n")] == ["Energy", "Housing"]
    assert _flagged(linter, body + "Energy\n") == []
    assert _flagged(linter, body + "Housing\n") == []


#: the edge thresholds for a line on its own that ``train_residue.py --edge-one`` first chose in session 12
#: (``choose_edges`` with the bootstrap bound per 1,000 words alone; measured held apart and not kept: the
#: shipped model has none, and counted per edge line too, ``--edge-one`` now chooses none)
EDGE_ONE = {"top_one": 0.9801, "end_one": 0.8454}


@pytest.fixture()
def edge_one(monkeypatch):
    """The shipped model with session 12's edge thresholds for a line on its own, and the line-alone
    judge's own thresholds out of the way (the model of session 14 reports some of these lines
    alone: what is tested here is the edges' code path)."""
    model = residue_model()
    monkeypatch.setattr(model, "edges", model.edges[:2] + (EDGE_ONE["top_one"], EDGE_ONE["end_one"]))
    monkeypatch.setattr(model, "alone", model.alone[:2] + (1.01,) + model.alone[3:])
    monkeypatch.setattr(model, "alone_head_threshold", 1.01)
    return model


@pytest.mark.parametrize("line", ["Compare mortgage deals", "Turn on notifications for this story"])
def test_a_menu_line_alone_after_the_last_paragraph_over_the_ends_threshold(linter, edge_one, line):
    """One menu item pasted after the last paragraph, under the judge's own threshold but over the
    end's threshold for a line on its own (``edges["end_one"]``), is reported; without that
    threshold (the shipped model) it is left. (Until session 20 the lines were also `Sports`, now a
    desk's tag and the article's own there, ``desk_tag``, and `Mortgages and Loans`, which the
    sentence model scores under session 12's end threshold, 0.77.)"""
    assert edge_one.edges[3] < edge_one.alone[2]
    assert [x for x, _ in _flagged(linter, WIRE_BODY + line + "\n")] == [line]
    edge_one.edges = edge_one.edges[:2] + (None, None)
    assert _flagged(linter, WIRE_BODY + line + "\n") == []


def test_a_menu_line_alone_above_the_headline_over_the_tops_threshold(linter, edge_one):
    """A menu line pasted above the article's own headline, over the top's threshold for a line on
    its own (``edges["top_one"]``), is reported; the headline is not."""
    text = "Compare mortgage deals\n\n" + WIRE_BODY   # "Mortgages and Loans" until session 20: 0.975 now
    assert [x for x, _ in _flagged(linter, text)] == ["Compare mortgage deals"]
    edge_one.edges = edge_one.edges[:2] + (None, edge_one.edges[3])
    assert _flagged(linter, text) == []


@pytest.mark.parametrize("ending", [
    "Editor's note: This story has been updated.",
    "Editor's note: An earlier version misnamed the bridge",
    "Correction: An earlier version of this story gave the wrong date for the vote.",
    "Correction: This article has been amended to correct the name of the bridge",
    "See also: Floods close the hill road",
    "Jane Roe",
    "Bill Hoppe",
    "Jane Roe, London",
    "— Jane Roe",
    "(End)",
    "Additional reporting by Sam Holmes",
])
def test_an_articles_own_last_line_is_no_edge_line_on_its_own(linter, edge_one, ending):
    """An article's real last line, an editor's note, a correction, a sign-off, passes at the end
    with the end's threshold for a line on its own: a line with the shape of the article's own
    closing line (``SIGN_SHAPES``) is never taken on its own (without that, the names are)."""
    assert _flagged(linter, WIRE_BODY + ending + "\n") == []


def test_a_sign_off_at_the_end_is_taken_without_its_shape(linter, edge_one, monkeypatch):
    """The test above fails with the sign-off's shape not looked at: a bare name after the last
    paragraph scores over the end's threshold for a line on its own (the bare signature's guard,
    ``closing_own_lines``, session 20, taken out too: it keeps the name from the judge)."""
    import copylint.checks.residue as residue

    monkeypatch.setattr(residue, "SIGN_SHAPES", frozenset())
    monkeypatch.setattr(residue, "closing_own_lines", lambda lines, bounds=False: set())
    assert [x for x, _ in _flagged(linter, WIRE_BODY + "Jane Roe\n")] == ["Jane Roe"]


def test_shipped_alone_judge_is_plain_data():
    spec = residue.model_spec()
    alone = spec["alone"]
    assert 0.5 <= alone["threshold"] <= 1.0 and isinstance(alone["bias"], float)
    assert all(isinstance(w, float) for w in alone["weights"].values())
    assert any(k.startswith("ov:") for k in alone["weights"])


def test_function_words_are_spacys_stop_words():
    """``rules/function_words.txt`` copies spaCy's English stop words (so that the rule needs no
    spaCy import to read them): it must stay the same list, apostrophes made straight (the rule
    straightens a line's apostrophes before it looks words up)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from copylint import data

    ours = data.phrases("function_words.txt")
    assert len(ours) == len(set(ours))
    spacys = {w.lower().replace("’", "'").replace("‘", "'") for w in STOP_WORDS}
    assert set(ours) == spacys, (sorted(spacys - set(ours)), sorted(set(ours) - spacys))


def test_a_briefs_headline_is_not_read_against_a_body_too_short_to_tell():
    from copylint.checks.residue import BRIEF_WORDS, brief_headline

    body = "Heating bills will rise again in January, the regulator said, though by less than feared."
    assert brief_headline(["Cold Comfort", body])
    assert brief_headline(["Cold Comfort", body, "Suppliers said the cap would be reviewed in the spring."])
    long_body = [body] * (BRIEF_WORDS // len(body.split()) + 1)
    assert not brief_headline(["Cold Comfort", *long_body])          # an article: its words tell
    assert not brief_headline(["Skip to content", "Cold Comfort", body])  # not directly above the prose
    for furniture in ("By Jane Roe", "Photo: Jane Roe/Reuters", "Jane Roe/AFP"):
        assert not brief_headline([furniture, body])                   # a byline or a credit is judged
    assert brief_headline(["Cold Comfort", "By Jane Roe", "10:42 BST", body])  # above its byline and stamp
    assert not brief_headline(["Cold Comfort", "Skip to content", body])


def test_a_byline_or_a_date_stamp_in_the_head_is_the_articles_own(linter):
    """An editor's draft opens with its headline, byline and date: above the first paragraph of
    prose they are in place (``head_stamp_line``), and the line-alone judge does not look at them;
    among the paragraphs a byline is out of place and still judged."""
    from copylint.checks.residue import date_line, head_stamp_line

    for own in ("By Jane Roe", "By JANE ROE and Mark Potter", "By Jane Roe | March 3, 2020",
                "Jane Roe, Energy Correspondent", "Jane Roe - Political editor", "March 3, 2020",
                "Published: 10:42 BST, 3 March 2020", "Updated 5:30 PM EST Nov 19, 2019", "2020-03-03"):
        assert head_stamp_line(own), own
    for other in ("By continuing you accept our terms.", "By the river", "Jane Roe, chief executive",
                  "Sign up, writers", "May 2020 be kind", "10 things to do", "Greta Lindqvist wins the marathon"):
        assert not head_stamp_line(other), other
    assert not date_line("3 March: what we know") and not date_line("2009") and date_line("11/19/19 06:56 AM EST")
    assert date_line("10:42 BST") and date_line("Updated 5.30pm") and not date_line("1:41")
    body = ("The council met on Monday to agree the budget for the coming year, the mayor said.\n\n"
            "The vote was close, and the mayor said more cuts would follow in the spring.")
    assert not _flagged(linter, f"Council agrees budget\n\nBy Jane Roe\n\n{body}")
    # under a standfirst (one sentence right under the headline): a byline and the date stamp below it
    standfirst = "The mayor's plan to cut spending won by a single vote after a long night."
    assert not _flagged(linter, f"Council agrees budget\n\n{standfirst}\n\nBy Jane Roe\n3 March 2020\n\n{body}")
    assert _flagged(linter, "The council met on Monday to agree the budget for the coming year, the mayor "
                    "said.\n\nBy Jane Roe\n\nThe vote was close, and the mayor said more cuts would follow.")


def test_closing_own_lines_shapes():
    """The lines closing an editor's draft that are its own (``closing_own_lines``): a signature and
    its place or role below a sign-off, a press release's end mark and what follows it, a bare
    signature or a desk's tag closing the text alone; and the closing residue they leave to the judge."""
    para = "The council met on Monday to agree the budget for the coming year, the mayor said."
    body = ["Floods close the valley road", para, para]
    own = lambda end: sorted(closing_own_lines(body + end))
    assert own(["Yours sincerely", "Jane Roe", "Low Ford"]) == [4, 5]
    assert own(["Kind regards,", "Jane Roe", "Chair, Low Ford Residents' Association"]) == [4, 5]
    assert own(["Yours faithfully, Sam Holmes", "High Moor, Yorkshire"]) == [4]
    assert own(["ENDS", "For more information contact Sam Holmes on 01234 567890"]) == [3, 4]
    assert own(["-30-"]) == [3] and end_mark_line("# # #") and not end_mark_line("Ends")
    # a desk's tag (session 20): alone after the last paragraph, or below the production credit
    assert own(["Energy"]) == [3] and own(["UK news"]) == [3] and own(["Reporting by Jane Roe", "Energy"]) == [4]
    assert own(["Energy", "Housing"]) == [] and own(["Most read"]) == [] and own(["Sign up"]) == []
    assert own(["Vote 2024"]) == [] and own(["Energy prices rise"]) == [] and not residue.desk_tag("energy")
    # a signature with no sign-off (session 20): alone after the last paragraph, the text's last line
    assert own(["Jane Roe"]) == [3] and own(["Mark Potter, London"]) == [3] and own(["J. K. Rowling"]) == [3]
    assert own(["Jane Roe", "Low Ford"]) == [] and own(["Jane Roe."]) == [] and own(["Follow Us"]) == []
    assert own(["Mark Potter, London, United Kingdom, Europe"]) == [] and own(["Local news"]) == [3]
    assert closing_own_lines(["Floods close the valley road", para, "Jane Roe"]) == set()   # one paragraph
    # residue closing a page: left to the judge
    assert own(["Kind regards", "Energy", "Housing"]) == []           # no name below the sign-off
    assert own(["Yours sincerely", "Share this article", "Sign up now"]) == []
    assert own(["Yours sincerely", "Jane Roe", "Low Ford", "Most read", "Topics"]) == []  # more than a signature
    assert own(["Yours sincerely", "Jane Roe", "Sign up for our newsletter"]) == []   # furniture's words
    assert closing_own_lines(["ENDS", para, para]) == set()          # an end mark above the prose is none
    assert closing_own_lines([para, "ENDS", "Contact: 01234 567890"]) == {1, 2}
    # a release's media contact right above its end mark
    assert own(["Media contact:", "Sam Holmes, press office", "01234 567890", "ENDS"]) == [3, 4, 5, 6]
    assert own(["Share this article", "Most read"]) == []                # no mark: left to the judge


def test_release_head_line_shapes():
    """A press release's own head (``release_head_line``): its label alone or with its embargo's
    date; a headline that opens with the label is not one."""
    from copylint.checks.residue import release_head_line
    assert release_head_line("FOR IMMEDIATE RELEASE") and release_head_line("Press release")
    assert release_head_line("EMBARGOED UNTIL 00:01 GMT, 12 March 2025")
    assert release_head_line("Embargo: 00:01 BST Tuesday 4 March")
    assert not release_head_line("PRESS RELEASE: New ferry for Skye")
    assert not release_head_line("Press release archive") and not release_head_line("Embargoed until further notice")


@pytest.mark.parametrize("ending", ["Yours sincerely\n\nJane Roe\n\nLow Ford\n",
                                    "ENDS\n\nFor more information contact Sam Holmes on 01234 567890\n",
                                    "Jane Roe\n", "Mark Potter, London\n", "Business\n", "Environment\n"])
def test_draft_closed_by_its_own_lines_is_clean(linter, monkeypatch, ending):
    """A draft closing with a signature and its place, a press release's end mark and contact
    line, a columnist's or a letter writer's bare signature, a desk's tag: no residue; without the
    guard the shipped judge reports them (as a block; the bare signature and the tag alone, since
    session 20's model reads a line's meaning through the sentence embedder: fails with the guard
    off)."""
    body = ("The council met on Monday to agree the budget for the coming year.\n\n"
            "The vote was close, and the mayor said more cuts would follow in the spring.\n\n")
    assert _flagged(linter, body + ending) == []
    monkeypatch.setattr(residue, "closing_own_lines", lambda lines, bounds=False: set())
    assert _flagged(linter, body + ending) != []


@pytest.mark.parametrize("ending, reported", [
    ("Police appeal after crash on bypass\n\nSchool wins national award\n",
     ["Police appeal after crash on bypass", "School wins national award"]),
    ("Most read\n\nPolice appeal after crash on bypass\n", ["Most read", "Police appeal after crash on bypass"]),
    ("Yours sincerely\n\nShare this article\n\nSign up for our newsletter\n",
     ["Share this article", "Sign up for our newsletter"]),
    # more than a signature below the sign-off: the page's whole closing run, as on main
    ("Yours sincerely\n\nJane Roe\n\nLow Ford\n\nMost read\n\nTopics\n",
     ["Yours sincerely", "Jane Roe", "Low Ford", "Most read", "Topics"]),
])
def test_residue_closing_a_page_is_still_reported(linter, ending, reported):
    """Residue closing a page is no signature nor a release's closing lines (``closing_own_lines``):
    it is reported as on main (the rule's examples take one finding each, so these blocks of two
    lines or more are tested here)."""
    body = ("The council met on Monday to agree the budget for the coming year.\n\n"
            "The vote was close, and the mayor said more cuts would follow in the spring.\n\n")
    assert [x for x, _ in _flagged(linter, body + ending)] == reported


def test_timeline_lines_shapes():
    """A timeline the article gives (``timeline_lines``): three dated entries or more in a row,
    earliest first, with its title; a page's dated links latest first, two stamps, or dated lines
    with nothing after the date are no timeline."""
    from copylint.checks.residue import timeline_lines
    entries = ["2014: the library moves", "March 2019 - campaigners ask for a lease", "3 June: a survey finds damp",
               "June 2023 – the roof is found unsafe"]
    assert timeline_lines(["Key dates"] + entries) == [True] * 5
    assert timeline_lines(["The council met.", "2014: the library moves"] + entries[1:3]) == [False, True, True, True]
    assert timeline_lines(list(reversed(entries))) == [False] * 4               # latest first: a page's links
    assert timeline_lines(entries[:2]) == [False, False]                        # two are a page's stamps
    assert timeline_lines(["Updated: 3 March 2020", "Published: 1 March 2020", "Posted: 4 March 2020"]) == [False] * 3
    assert timeline_lines(["2019: rules", "2020: more", "2021: change"]) == [False] * 3   # one word after the date
    assert timeline_lines(["Ferry: the boat leaves daily", "Train: two an hour run", "Bus: every ten minutes"]) == [False] * 3


def test_end_judge_reads_the_closing_run_but_not_a_desks_last_tag():
    """The end's own judge (``ResidueModel.end_judge``, session 21) reads the lines after the last
    paragraph when they are two or more (``end_judge_lines``), never the body's nor a single closing
    line, nor a last line with a desk's tag's or a signature's shape ("Energy", "Jane Roe"), which
    stay the line-alone judge's and the blocks'; its threshold decides its lines alone."""
    from copylint.checks.residue import end_judge_lines

    spec = residue.model_spec()
    assert "end_judge" in spec["alone"]
    body = [x for x in ARTICLE.split("\n") if x.strip()]
    line, other = "Turn on notifications for this story", "Follow us for more stories like this"
    assert end_judge_lines(body + [line, other]) == [len(body), len(body) + 1]
    assert end_judge_lines(body + [line]) == []                             # one closing line: no run
    assert end_judge_lines(body + [line, "Energy"]) == [len(body)]          # a desk's tag last
    assert end_judge_lines(body + [line, "Jane Roe"]) == [len(body)]        # a signature last
    passes = [{"bias": -40.0, "weights": {}}] * 2   # the two passes never report
    alone = {k: v for k, v in spec["alone"].items() if k not in ("head_threshold", "end_threshold", "edges")}

    def judged(lines, end):
        a = dict(alone, threshold=1.01, end_judge=dict(spec["alone"]["end_judge"], threshold=end))
        return ResidueModel(dict(spec, passes=passes, alone=a)).judge(lines, feats=document_features(lines))

    lines = body[:2] + [line] + body[2:] + [line, "Energy"]
    assert judged(lines, 0.0) == [False] * (len(lines) - 2) + [True, False]
    assert not any(judged(lines, 1.01))
    assert not any(judged(body + [line], 0.0))


def test_related_headlines_closing_a_page_are_reported_by_the_end_judge(linter, monkeypatch):
    """Three headlines of other stories after the last paragraph (session 19's flag example): the
    line-alone judge and the blocks leave them (main reported none); the end's own judge reports the
    first. Without it (a model with no ``end_judge``) none is reported."""
    body = ("The council met on Monday to agree the budget for the coming year.\n\n"
            "The vote was close, and the mayor said more cuts would follow in the spring.\n\n")
    ending = ("Greta Lindqvist wins the Stockholm marathon in record time\n\nSinger cancels tour after throat "
              "surgery\n\nTen cheap suppers for a cold week\n")
    assert [x for x, _ in _flagged(linter, body + ending)] == ["Greta Lindqvist wins the Stockholm marathon in record time"]
    monkeypatch.setattr(residue.residue_model(), "end_judge", None)
    assert _flagged(linter, body + ending) == []
