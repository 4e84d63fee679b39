"""Grammar and spelling with the embedded offline backend (Harper) and the parse-based rules:
the faulty sample's planted errors are all caught, the clean samples (names, news numbers) stay
silent, and the news filters, the user dictionary, the dialect and the backend switch work."""
import pytest

from conftest import SAMPLES
from copylint.config import Config, from_mapping
from copylint.finding import Severity

GRAMMAR_FAMILIES = {"grammar", "spelling"}
GRAMMAR_RULES = ("grammar-check", "misspelling", "subject-verb-agreement", "verb-form-after-do",
                 "demonstrative-agreement", "less-fewer")

# samples/grammar-errors.txt: (line, context, the faulty text inside it, the rule that must catch it)
PLANTED = [
    (3, "homes was damaged", "was", "subject-verb-agreement"),
    (5, "results was announced", "was", "subject-verb-agreement"),
    (5, "a emergency", "a", "grammar-check"),
    (7, "at it's main", "it's", "grammar-check"),
    (7, "their going", "their", "grammar-check"),
    (9, "could of lost", "could of", "grammar-check"),
    (11, "council knew", "knew", "verb-form-after-do"),
    (11, "will must", "will must", "grammar-check"),
    (13, "interested on", "on", "grammar-check"),
    (13, "more better", "more better", "grammar-check"),
    (15, "goverment", "goverment", "misspelling"),
    (15, "recieved", "recieved", "misspelling"),
    (17, "this are the worst", "this are", "demonstrative-agreement"),
    (17, "less people", "less people", "less-fewer"),
    (19, "dont expect", "dont", "misspelling"),
]


def _findings(linter, text, fmt="text", **cfg):
    cfg.setdefault("select", GRAMMAR_RULES)
    return linter.check_text(text, path="t", fmt=fmt, cfg=Config(**cfg))


def _file(linter, name):
    [res] = linter.check_paths([str(SAMPLES / name)])
    assert res.error is None
    return res.findings


def test_every_planted_error_is_caught_at_warning(linter):
    findings = [f for f in _file(linter, "grammar-errors.txt") if f.family in GRAMMAR_FAMILIES]
    lines = (SAMPLES / "grammar-errors.txt").read_text(encoding="utf-8").split("\n")
    for line, context, text, rule in PLANTED:
        at = lines[line - 1].index(context)
        col = at + context.index(text) + 1
        hits = [f for f in findings if f.rule == rule and f.line == line and f.column <= col < f.end_column]
        assert hits, f"line {line}: {text!r} not caught by {rule}: {[(f.rule, f.line, f.column) for f in findings]}"
        assert all(f.severity >= Severity.WARNING for f in hits)
    # nothing else is reported at warning on that sample
    loud = {(f.rule, f.line) for f in findings if f.severity >= Severity.WARNING}
    assert loud == {(r, line) for line, _, _, r in PLANTED}


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("grammar-clean*.txt")))
def test_clean_samples_have_no_grammar_or_spelling_finding_at_all(linter, name):
    found = [(f.rule, f.line, f.message) for f in _file(linter, name) if f.family in GRAMMAR_FAMILIES]
    assert found == []


def test_names_and_news_conventions_are_not_misspellings(linter):
    text = ("Kadhimi met Soleimani's successor. Shia leaders in Lund backed the £48m plan, the €1.2bn fund "
            "and a 2.5bn-dollar loan; it was 38C at 07:00 GMT and 7.30pm BST. MPs at the G7 said the "
            "'60s were different. Scores finished 2-1 and 3–0. See www.example.co.uk or @newsdesk.")
    assert [f for f in _findings(linter, text) if f.rule == "misspelling"] == []


def test_an_unknown_word_is_only_info_and_the_dictionary_silences_it(linter, tmp_path):
    # "finshed" is not in the table of common misspellings; its best suggestion is a near and far
    # more common word, so it reads as a slip: info, not warning
    text = "Officials said the centre would reopen on Monday after the repairs were finshed."
    [f] = [f for f in _findings(linter, text) if f.rule == "misspelling"]
    assert f.severity == Severity.INFO and text[f.start:f.end] == "finshed" and f.suggestion == "finished"
    assert [f for f in _findings(linter, text, words=("finshed",)) if f.rule == "misspelling"] == []
    words = tmp_path / "newsroom-words.txt"
    words.write_text("# names and terms we use\nFinshed\n", encoding="utf-8")
    cfg = from_mapping({"dictionary": ["newsroom-words.txt"], "select": list(GRAMMAR_RULES)},
                       source=str(tmp_path / ".copylint.toml"))
    assert [f for f in linter.check_text(text, cfg=cfg) if f.rule == "misspelling"] == []


def test_a_rare_real_word_is_not_a_misspelling(linter):
    # unknown to Harper, but no near, far more common word: remdesivir -> "redeliver" is no slip
    text = "Doctors gave him remdesivir, and the hryvnia fell as the playmaker scored twice."
    assert [f for f in _findings(linter, text) if f.rule == "misspelling"] == []


def test_a_word_the_article_uses_consistently_is_accepted(linter):
    text = "The zorbing season opened. Zorbing fans queued, and zorbing staff said demand was high."
    assert [f for f in _findings(linter, text) if f.rule == "misspelling"] == []


def test_known_misspellings_are_warnings_even_when_repeated_or_capitalised(linter):
    text = "Goverment ministers met. The goverment said the goverment would act."
    found = [f for f in _findings(linter, text) if f.rule == "misspelling"]
    assert len(found) == 3 and all(f.severity == Severity.WARNING for f in found)
    assert found[0].suggestion == "Government" and found[1].suggestion == "government"


def test_both_dialects_spellings_are_accepted(linter):
    text = "The council will organise a vote on the colour scheme; the center will organize a vote on the color."
    for dialect in ("british", "american"):
        assert [f for f in _findings(linter, text, dialect=dialect) if f.rule == "misspelling"] == []


def test_backend_none_switches_grammar_and_spelling_off(linter):
    text = "She ate a apple. The goverment could of known."
    assert [f.rule for f in _findings(linter, text) if f.rule in ("grammar-check", "misspelling")]
    assert [f for f in _findings(linter, text, grammar_backend="none")
            if f.rule in ("grammar-check", "misspelling")] == []


def test_harper_lints_duplicating_copylint_rules_and_news_noise_are_dropped(linter):
    text = ("Officials said the the port  reopened. Workers, pensioners and students protested. "
            "United won 2-0 at Leicester, and it was a unanimous decision, an historic night.")
    assert [f for f in _findings(linter, text) if f.rule == "grammar-check"] == []
    both = linter.check_text(text, cfg=Config())
    assert "repeated-word" in {f.rule for f in both}


def test_markdown_and_html_positions_point_into_the_original(linter):
    md = "# Storm\n\nThe *council* said she ate **a** apple.\n"
    [f] = [f for f in _findings(linter, md, fmt="markdown") if f.rule == "grammar-check"]
    line = md.split("\n")[2]
    assert f.line == 3 and line[f.column - 1:f.end_column - 1] == "a" and line[f.column - 3:f.column - 1] == "**"
    html = "<p>Smith &amp; Jones said he <em>could of</em> won.</p>"
    [g] = [f for f in _findings(linter, html, fmt="html") if f.rule == "grammar-check"]
    assert html[g.column - 1:g.end_column - 1] == "could of"


def test_agreement_leaves_measures_names_and_collectives_alone(linter):
    text = ("Two years is a long time. The news is grim. The Simpsons is back. The team are happy. "
            "The police have arrived. Fish and chips is a dish. £5m was spent. Each of the homes was checked.")
    assert [f for f in _findings(linter, text) if f.rule == "subject-verb-agreement"] == []


def test_a_slip_caught_by_a_copylint_rule_is_not_reported_again_by_the_checker(linter):
    # Harper's DidPast and DoubleModal overlap verb-form-after-do and repeated-word: one finding each
    assert [f.rule for f in _findings(linter, "Did he went to the meeting?", select=("grammar", "repetition"))] \
        == ["verb-form-after-do"]
    assert [f.rule for f in _findings(linter, "She can can swim.", select=("grammar", "repetition"))] \
        == ["repeated-word"]
    assert [f.rule for f in _findings(linter, "She ate a apple.")] == ["grammar-check"]


def test_harper_spelling_is_asked_per_word_in_one_batch_and_agrees_with_linting_in_context():
    """The misspelling rule asks Harper about a batch of words (one a line): each word's verdict and
    best suggestion are those Harper gives the word inside a sentence, and grammar lints carry no
    spelling."""
    import harper

    from copylint.grammar.harper_backend import SPELLING_RULE, get_harper
    b = get_harper("british")
    words = ["goverment", "government", "recieved", "Pelosi's", "goverment's", "O'Mahony", "councl", "colour"]
    got = b.unknown(words)
    assert set(got) >= {"goverment", "recieved", "goverment's", "councl"}
    assert "government" not in got and "colour" not in got
    assert got["goverment"][0] == "government"
    ref = harper.Linter(harper.Dialect.BRITISH)
    ref.set_lint_config({r: r == SPELLING_RULE for r in harper.get_default_lint_config()})
    for w in words:
        text = f"The paper said {w} was there."
        lints = [lt for lt in ref.lint(text, language="plaintext") if text[lt.span.start:lt.span.end] == w]
        assert (w in got) == bool(lints), w
        if lints:
            assert got[w] == [s.replacement_text for s in lints[0].suggestions][:5], w
    assert b.is_word("government") and not b.is_word("goverment")
    assert not [m for m in b.check("The goverment recieved it.") if m.spelling]


def test_the_suggestion_is_the_common_word_the_slip_makes_or_the_plural_repaired():
    """The speller's first guess is not always the editor's word: of its suggestions fewest edits
    away the most common one is offered, and a regular plural built wrong is repaired."""
    from copylint.grammar.news import best_suggestion
    assert best_suggestion("wich", ["wish", "which", "wick"]) == "which"
    assert best_suggestion("polcies", ["polices", "policies", "police's"]) == "policies"
    assert best_suggestion("citys", ["city's", "cites", "city"]) == "cities"  # not among the guesses
    assert best_suggestion("boxs", []) == "boxes"
    assert best_suggestion("councl", ["council", "counsel"]) == "council"
    # fewer edits win over frequency: `could` is far more common, and three edits away
    assert best_suggestion("councl", ["could", "council"]) == "council"
    assert best_suggestion("days", []) is None  # a vowel before the y: no plural to repair
    assert best_suggestion("xqzt", []) is None


def test_regular_derivations_of_known_words_are_not_misspellings(linter):
    # each of these was reported at info before: the speller lacks them, and each has a near, far
    # more common word (rehiring -> retiring, decertified -> certified, webpages -> web pages ...)
    text = ("The firm is rehiring staff after the union was decertified. Troublingly, the biathlete breathed "
            "the intoxicatingly fresh air. The webpages were down.")
    assert [text[f.start:f.end] for f in _findings(linter, text) if f.rule == "misspelling"] == []


def test_slips_that_look_like_derivations_are_still_reported(linter):
    # re + cieving (no word), re + from and de + sing (bases too short: slips of reform and design),
    # de + story (no verb), quite + ly and through + ly (-ly only after -ing), happy + ness and
    # dramatic + ly (the suffix joins otherwise: happiness, dramatically), break + feast,
    # vomit + ting and success + full (no compound is read from its halves)
    text = ("The letter was recieving attention. The minister began to refrom the rules. Officials said the "
            "desing was new. The storm threatened to destory the harbour. It was quitely done, not throughly. "
            "Their happyness was dramaticly gone. The children ate their breakfeast early. He felt like "
            "vomitting. The launch was successfull.")
    found = {text[f.start:f.end] for f in _findings(linter, text) if f.rule == "misspelling"}
    assert found == {"recieving", "refrom", "desing", "destory", "quitely", "throughly", "happyness",
                     "dramaticly", "breakfeast", "vomitting", "successfull"}


def test_web_fragments_units_and_foreign_letters_are_not_misspellings(linter):
    # each reported at info before (cz -> co, mln -> man, shōnen -> shine, exposés -> exposes)
    text = ("The news site SeznamZprávy.cz wrote it first. Serbia produced 2 mln doses. Among recent shōnen "
            "manga, the exposés told another story.")
    assert [text[f.start:f.end] for f in _findings(linter, text) if f.rule == "misspelling"] == []


def test_derivation_readings_and_their_test():
    from copylint.grammar.news import derivation_readings, derivation_words, regular_derivation, solid_compound

    assert ("hiring", True) in derivation_readings("rehiring")    # re- makes verbs of verbs
    assert ("athlete", False) in derivation_readings("biathlete")
    assert ("troubling", False) in derivation_readings("troublingly")
    assert derivation_readings("refrom") == []        # re + from: the base is too short
    assert derivation_readings("exposés") == []       # letters only, English ones
    assert derivation_readings("replease") == []      # wordfreq has no such word
    assert derivation_readings("quitely") == []       # -ly only after -ing
    assert derivation_readings("happyness") == []     # the y turns to i: happiness
    assert {"hire", "hiring", "hired"} <= derivation_words([("hiring", True)])
    assert regular_derivation([("hiring", True)], {}, "retiring")
    assert not regular_derivation([("hiring", True)], {"hiring": []}, "retiring")  # a base the speller lacks
    assert not regular_derivation([("sting", False)], {}, "interesting")  # the slip's word is more common
    assert not regular_derivation([("story", True)], {"storying": [], "storyed": [], "storyying": [],
                                                      "storyyed": [], "storied": []}, "destroy")  # no verb
    assert solid_compound("webpages", "web pages") and solid_compound("rightwing", "right-wing")
    assert not solid_compound("wich", "which") and not solid_compound("webpages", None)
    # function words run together: a slip (the start code reported eachother; a test of the
    # suggestion's shape alone made it silent)
    assert not solid_compound("eachother", "each other") and not solid_compound("noone", "no one")
    assert solid_compound("wellbeing", "well-being")  # a hyphened word: `well` and `being` are function words


def test_the_table_of_past_forms():
    # rules/past_forms.txt, built by tools/build_past_forms.py from lemminflect's tables
    from copylint.checks.grammar import _PAST_FORMS, _VERB_BASES

    assert _PAST_FORMS["went"] == ("go", "past", False) and _PAST_FORMS["gone"] == ("go", "participle", False)
    assert _PAST_FORMS["made"] == ("make", "both", False)
    assert _PAST_FORMS["saw"] == ("see", "past", True)      # also to saw wood: the tagger decides
    assert _PAST_FORMS["found"][2] and _PAST_FORMS["lay"][2]  # found a firm, lay eggs
    assert {"go", "download", "share"} <= _VERB_BASES and "seaman" not in _VERB_BASES
    assert _PAST_FORMS["shared"] == ("share", "both", False)  # a regular past: tense and participle alike
    assert not {"let", "set", "put", "go", "need"} & set(_PAST_FORMS)  # a past that is its base, and no past


def test_past_forms_after_a_modal_or_a_causative(linter):
    text = ("He said he would went to the meeting. The plan would made them redundant. "
            "The service will let 10,000 users shared their files. He was still able appear on the show.")
    got = {(f.rule, text[f.start:f.end], f.suggestion) for f in _findings(
        linter, text, select=("verb-form-after-modal", "verb-form-after-causative", "missing-to"))}
    assert got == {("verb-form-after-modal", "went", "go"), ("verb-form-after-modal", "made", "make"),
                   ("verb-form-after-causative", "shared", "share"),
                   ("missing-to", "able appear", "able to appear")}
