"""The word-fit model (copylint/wordfit.py) and the rule that reads it (word-fit).

The shipped model is read from the installed package, offline. The pluggable ``garble-model``
plumbing is tested with tiny randomly initialised models built here (transformers and PyTorch are
in CI through the ``embeddings`` extra; those tests skip with the reason where they are missing).
"""
import importlib.util
import subprocess
import sys
from array import array
from pathlib import Path

import pytest

from conftest import run_cli
from copylint import wordfit
from copylint.config import Config, ConfigError, from_mapping
from copylint.engine import Linter

TEXT = ("The council agreed on Monday to spend more on roads and schools.\n\n"
        "Officials said the work would start in the spring and last two years.\n")

has_torch = pytest.mark.skipif(
    importlib.util.find_spec("torch") is None or importlib.util.find_spec("transformers") is None,
    reason="PyTorch and transformers are not installed (pip install torch transformers, or the embeddings extra)")


def _fresh_python(code: str) -> str:
    """What ``code`` prints in a fresh interpreter (which must exit cleanly)."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_the_model_ships_inside_the_installed_package_and_loads_offline():
    import copylint

    d = wordfit.default_dir()
    assert Path(copylint.__file__).parent in d.parents
    for name in ("encoder.onnx", "embeddings.npz", "tokenizer.json", "calibration.json"):
        assert (d / name).is_file(), name
    size = sum(p.stat().st_size for p in d.iterdir())
    assert size < 40_000_000  # tens of MB at most
    # a fresh interpreter with the network unreachable and the hub offline loads and scores
    code = ("import socket\n"
            "def no(*a, **k): raise OSError('network used')\n"
            "socket.socket.connect = no\n"
            "from copylint import wordfit\n"
            "fit = wordfit.load().score_texts(['The council met on Monday.'])[0]\n"
            "print(len(fit.words))\n")
    assert _fresh_python(code).strip() == "5"


def test_same_scores_twice_and_once_per_process():
    m = wordfit.load()
    before = wordfit.load_count
    a = m.score_texts([TEXT])[0]
    b = wordfit.load().score_texts([TEXT])[0]
    assert wordfit.load_count == before
    assert [(w.start, w.end, w.disc, w.p_obs, w.alt) for w in a.words] == \
        [(w.start, w.end, w.disc, w.p_obs, w.alt) for w in b.words]


def test_word_scores_point_at_the_words():
    fit = wordfit.load().score_texts([TEXT])[0]
    words = [TEXT[w.start:w.end] for w in fit.words]
    assert words[:4] == ["The", "council", "agreed", "on"]
    assert all(w.isalpha() for w in words)
    # the corrector ran on a few open words per window, and proposes whole words
    judged = [w for w in fit.words if w.alt is not None]
    assert 0 < len(judged) <= wordfit.CORR_TOP * 2
    assert all(w.alt.isalpha() and 0 <= w.p_obs <= 1 for w in judged)


def test_long_paragraphs_are_read_in_windows():
    text = " ".join(["The council met again on Monday and agreed the budget."] * 40)
    spans = wordfit.windows(text)
    assert len(spans) > 1
    assert all(len(text[s:e].split()) <= wordfit.MAX_WORDS for s, e in spans)
    fit = wordfit.load().score_texts([text])[0]
    assert len(fit.words) == len(text.replace(".", "").split())


def _paragraph_scores(model, text, spans):
    fit = model.score_spans(text, spans)
    return [(text[w.start:w.end], w.disc, w.alt) for w in fit.words]


def test_read_window_by_window_a_paragraph_scores_the_same_whatever_surrounds_it():
    # the int8 encoder quantises a batch's activations with one range, so batched windows move each
    # other's scores; read one at a time, a paragraph's scores are its own
    first = "The council agreed on Monday to spend more on roads and schools."
    second = ("Officials said the work, which the regional government has demanded for more than a decade "
              "and which several contractors had bid for, would start in the spring and last two years.")
    text = first + "\n\n" + second
    both = [(0, len(first)), (len(first) + 2, len(text))]
    model = wordfit.ShippedModel(wordfit.default_dir())  # its own, apart from the process's: encode is changed
    model.encode = "window"
    together = _paragraph_scores(model, text, both)
    alone = _paragraph_scores(model, first, [(0, len(first))])
    assert together[:len(alone)] == alone
    model.encode = "batch"
    batched = _paragraph_scores(model, text, both)
    # batched as the calibrations before run 10 were made: the same words, other logits
    assert [w for w, _, _ in batched] == [w for w, _, _ in together]
    assert [d for _, d, _ in batched] != [d for _, d, _ in together]


def test_the_calibration_says_how_the_encoder_reads_the_windows(monkeypatch):
    cal = wordfit.calibration()
    assert cal.get("encode", "batch") in wordfit.ENCODE
    monkeypatch.setattr(wordfit, "calibration", lambda: {**cal, "encode": "sideways"})
    with pytest.raises(wordfit.ModelError, match="unknown encode 'sideways'"):
        wordfit.ShippedModel(wordfit.default_dir())


def test_the_model_is_loaded_only_when_a_rule_needs_it():
    code = ("from copylint.engine import Linter\n"
            "from copylint.config import Config\n"
            "from copylint import wordfit\n"
            "Linter(config=Config(select=('spacing', 'month-modifier'))).check_text('The the council met.')\n"
            "print(wordfit.load_count, 'onnxruntime' in __import__('sys').modules)\n")
    assert _fresh_python(code).split() == ["0", "False"]


def test_headlines_are_not_judged():
    from copylint.readers import load_article

    art = load_article("x.md", "# Rocket mud drone\n\nThe council met on Monday.\n", "markdown")
    fit = wordfit.load().score_article(art)
    assert all(w.start >= art.text.index("The council") for w in fit.words)


def test_garble_model_must_be_a_directory(tmp_path):
    with pytest.raises(ConfigError, match="garble-model"):
        from_mapping({"garble-model": "no/such/dir"}, str(tmp_path / ".copylint.toml"))
    cfg = from_mapping({"garble-model": "."}, str(tmp_path / ".copylint.toml"))
    assert cfg.garble_model == str(tmp_path)


def test_a_bad_model_directory_is_a_cli_error(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / ".copylint.toml").write_text('garble-model = "models/none"\n', encoding="utf-8")
    code, out, err = run_cli(["check", str(tmp_path / "a.txt")])
    assert code == 2
    assert "garble-model" in err and "Traceback" not in err


def test_a_directory_without_a_model_warns_and_the_rest_runs(tmp_path):
    linter = Linter(config=Config(select=("word-fit", "repeated-word"), garble_model=str(tmp_path)))
    found = linter.check_text("The the council met on Monday.", fmt="text")
    assert [f.rule for f in found] == ["repeated-word"]
    assert any("garble-model" in w and "neither" in w for w in linter.warnings)


# --- the pluggable model, with tiny random models built here ---------------------------------------
WORDS = ("the council met on monday and agreed to spend more roads schools officials said work "
         "would start in spring last two years . ,").split()


def _tokenizer(d: Path):
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors

    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]
    tok = Tokenizer(models.WordPiece({w: i for i, w in enumerate(vocab)}, unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(single="[CLS] $A [SEP]",
                                                       special_tokens=[("[CLS]", 2), ("[SEP]", 3)])
    tok.save(str(d / "tokenizer.json"))
    return len(vocab)


def _hf_model(d: Path, kind: str):
    import torch
    import transformers

    torch.manual_seed(0)
    n = _tokenizer(d)
    transformers.PreTrainedTokenizerFast(tokenizer_file=str(d / "tokenizer.json"), unk_token="[UNK]",
                                         pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]",
                                         mask_token="[MASK]").save_pretrained(str(d))
    if kind == "electra":
        cfg = transformers.ElectraConfig(vocab_size=n, embedding_size=16, hidden_size=16, num_hidden_layers=1,
                                         num_attention_heads=2, intermediate_size=32, max_position_embeddings=64)
        model = transformers.ElectraForPreTraining(cfg)
    else:
        cfg = transformers.BertConfig(vocab_size=n, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                                      intermediate_size=32, max_position_embeddings=64)
        model = transformers.BertForMaskedLM(cfg)
    model.eval()
    model.save_pretrained(str(d))
    return model


def _check_plugged(d: Path, mlm: bool):
    before = wordfit.load_count
    m = wordfit.load(str(d))
    assert wordfit.load(str(d)) is m and wordfit.load_count == before + 1
    text = "The council met on Monday and agreed to spend more on roads."
    fit = m.score_texts([text])[0]
    assert [text[w.start:w.end] for w in fit.words][:3] == ["The", "council", "met"]
    assert len(fit.words) == 12
    if mlm:
        assert all(w.alt is None or w.alt in WORDS for w in fit.words)
        assert any(w.p_obs is not None for w in fit.words)
    again = m.score_texts([text])[0]
    assert [w.disc for w in again.words] == [w.disc for w in fit.words]
    linter = Linter(config=Config(select=("word-fit",), garble_model=str(d)))
    linter.check_text(text, fmt="text")
    assert linter.warnings == []


@has_torch
@pytest.mark.parametrize("kind", ["electra", "mlm"])
def test_a_hugging_face_model_directory_plugs_in(tmp_path, kind):
    _hf_model(tmp_path, kind)
    _check_plugged(tmp_path, mlm=kind == "mlm")


@has_torch
def test_an_onnx_discriminator_plugs_in(tmp_path):
    import torch

    src = tmp_path / "hf"
    src.mkdir()
    model = _hf_model(src, "electra")
    out = tmp_path / "onnx"
    out.mkdir()
    _tokenizer(out)

    class Logits(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask):
            return self.m(input_ids=input_ids, attention_mask=attention_mask).logits

    ids = torch.ones(1, 8, dtype=torch.long)
    torch.onnx.export(Logits(model), (ids, torch.ones_like(ids)), str(out / "model.onnx"),
                      input_names=["input_ids", "attention_mask"], output_names=["logits"], opset_version=17,
                      dynamo=False, dynamic_axes={"input_ids": {0: "b", 1: "s"}, "attention_mask": {0: "b", 1: "s"},
                                                  "logits": {0: "b", 1: "s"}})
    _check_plugged(out, mlm=False)


# --- spun-article: the article-level evidence ------------------------------------------------------
def _cands(ps):
    from copylint.checks.garble import Candidate
    return [Candidate(token=None, score=None, features=[], p=p) for p in ps]


def test_spun_evidence_adds_up_many_doubtful_words_and_fitting_words_pull_it_down():
    from copylint.checks.garble import spun_evidence

    prior, rate = 0.03, 0.06
    # a word as doubtful as the prior is no evidence either way
    assert abs(spun_evidence(_cands([prior]), prior, rate)) < 1e-9
    one = spun_evidence(_cands([0.5]), prior, rate)
    assert one > 0
    # six moderately doubtful words weigh more than one strong one
    assert spun_evidence(_cands([0.3] * 6), prior, rate) > spun_evidence(_cands([0.9]), prior, rate)
    # the same doubtful words in a long article whose other words fit are weaker evidence
    assert spun_evidence(_cands([0.5] + [0.005] * 200), prior, rate) < one
    assert spun_evidence(_cands([0.005] * 200), prior, rate) < 0


def _page(words: int, every: int = 25):
    """A clean page's candidates: every ``every`` words a rare but right word the model half-doubts,
    and two fitting ones; with their places among the page's words."""
    ps, pos = [], []
    for k in range(0, words, every):
        ps += [0.2, 0.01, 0.01]
        pos += [k, k + every // 3, k + 2 * every // 3]
    return _cands(ps), pos


def test_spun_evidence_over_a_stretch_does_not_grow_with_length_alone():
    from copylint.checks.garble import spun_evidence

    prior, rate = 0.04, 0.08
    (short, short_pos), (long, long_pos) = _page(300), _page(3000)
    # summed over the whole article, the same kind of copy scores ten times higher when ten times longer
    whole_short, whole_long = spun_evidence(short, prior, rate), spun_evidence(long, prior, rate)
    assert whole_short > 0 and whole_long > 8 * whole_short
    # the most doubtful stretch of 300 words: a 3,000-word page and a 300-word story face the same bar
    fair_short = spun_evidence(short, prior, rate, short_pos, 300, 300)
    fair_long = spun_evidence(long, prior, rate, long_pos, 300, 3000)
    assert abs(fair_short - whole_short) < 1e-9
    assert abs(fair_long - fair_short) < 0.05 * fair_short


def test_spun_evidence_finds_the_doubtful_stretch_of_a_long_article():
    from copylint.checks.garble import spun_evidence

    prior, rate = 0.04, 0.08
    cands, pos = _page(3000, every=100)  # a quiet page ...
    spun = _cands([0.6] * 5)  # ... with five doubtful words together at words 1,500-1,540
    at = [1500 + 10 * k for k in range(5)]
    order = sorted(range(len(pos) + 5), key=lambda i: (pos + at)[i])
    both, both_pos = [(cands + spun)[i] for i in order], [(pos + at)[i] for i in order]
    quiet = spun_evidence(cands, prior, rate, pos, 300, 3000)
    found = spun_evidence(both, prior, rate, both_pos, 300, 3000)
    assert abs(found - quiet - spun_evidence(spun, prior, rate)) < 0.5
    assert found > quiet + 3
    # a candidate at the first or last word still counts (stretches stay inside the article)
    assert spun_evidence(_cands([0.6, 0.01]), prior, rate, [0, 2999], 300, 3000) == spun_evidence(
        _cands([0.6]), prior, rate)


def test_the_rules_reading_the_model_share_one_judgement_per_article():
    cfg = Config(select=("word-fit", "spun-article"))
    linter = Linter(config=cfg)
    calls = []
    from copylint.checks import garble

    real = garble.wordfit_candidates

    def counting(article):
        calls.append(article.path)
        return real(article)

    garble.wordfit_candidates = counting
    try:
        linter.check_text(TEXT, path="a.txt", fmt="text")
    finally:
        garble.wordfit_candidates = real
    assert calls == ["a.txt"]


def test_a_month_is_judged_by_its_doubt_alone_above_the_calibrated_floor():
    from copylint.checks.garble import MONTH, Candidate, doubt, spun_evidence
    from copylint.wordfit import WordScore

    cal = {"mean": [], "scale": [], "coef": [], "intercept": 0.0, "month": {"disc": -1.0, "p": 0.8}}
    low, high = (Candidate(None, WordScore(0, 4, d), None, pattern=MONTH) for d in (-3.0, 0.5))
    doubt([low, high], cal)
    assert (low.p, high.p) == (0.0, 0.8)
    # a month the model does not doubt is no evidence either way; one it doubts is evidence of spinning
    assert spun_evidence([low], 0.03, 0.06) == 0.0
    assert spun_evidence([high], 0.03, 0.06) > 0


@pytest.mark.parametrize("text, month, head", [
    ("Workers from the April union were offered a rise.", "April", "union"),
    ("Despite threats from the June Sunni group.", "June", "group"),
    ("Voters went to the polls in the June election.", "June", None),
    ("The March 2019 attacks killed 51 people.", "March", None),
    ("He joined the party in April.", "April", None),
    ("He was injured in the game against the Hornets on March 12th.", "March", None),  # a day, not a noun
    # a listed noun whose lemma the parser gives as another word ("data" -> "datum")
    ("Analysts expect the March data to show growth.", "March", None),
    ("The January non-farm employment data beat expectations.", "January", None),
])
def test_the_month_pattern_is_shared_by_month_modifier_and_word_fit(text, month, head):
    from copylint.checks import garble
    from copylint.nlp import get_nlp

    doc = get_nlp(Config().spacy_model)(text)
    [tok] = [t for t in doc if t.text == month]
    got = garble.month_modified_noun(tok)
    assert (got.text if got is not None else None) == head


def _rule_findings(monkeypatch, cands, **cal):
    from copylint.checks import garble
    from copylint.readers import load_article

    shipped = dict(garble.combiner())
    shipped.update(cal)
    monkeypatch.setattr(garble, "combiner", lambda: shipped)
    rule = garble.WordFitRule(Config())
    monkeypatch.setattr(rule, "candidates", lambda article: cands)
    article = load_article("a.txt", "The fleet carried tents, blankets and spoons to the camp.\n", "text")
    return [(f.severity.name.lower(), f.kind) for f in rule.check(article)]


def test_a_confirming_pattern_lowers_the_warning_threshold_and_nothing_else(monkeypatch):
    from copylint.checks.garble import LIST, Candidate
    from copylint.wordfit import WordScore

    class Tok:
        text = "spoons"
        lower_ = "spoons"
        lemma_ = "spoon"

    def cand(p, pattern):
        return Candidate(Tok(), WordScore(44, 50, 1.0), [], p=p, pattern=pattern)

    levels = dict(warning=0.9, confirmed=0.5, info=0.2)
    # a list member the model doubts at 0.6: a warning (kind "confirmed"); the same word outside a
    # pattern: a hint; below the confirmed level, a hint either way
    assert _rule_findings(monkeypatch, [cand(0.6, LIST)], **levels) == [("warning", "confirmed")]
    assert _rule_findings(monkeypatch, [cand(0.6, None)], **levels) == [("info", "hint")]
    assert _rule_findings(monkeypatch, [cand(0.4, LIST)], **levels) == [("info", "hint")]
    assert _rule_findings(monkeypatch, [cand(0.95, None)], **levels) == [("warning", None)]


#: three paragraphs of 20 words: a word at doubt 0.5, 0.3 and 0.4 in each (the hint level 0.2)
CAPPED = ("The council said the new bridge would open in May, after the builders finish the deck and the ramps "
          "there.\n\n"
          "Officials said the work had cost more than planned because the price of steel rose sharply over "
          "the winter.\n\n"
          "Residents said they had waited ten years for a crossing, and that the ferry had been slow and "
          "often very late.\n")


def _capped_hints(monkeypatch, **cal):
    """The hints word-fit gives ``CAPPED`` (one doubted word a paragraph) under ``cal``."""
    from copylint.checks import garble
    from copylint.checks.garble import Candidate
    from copylint.readers import load_article
    from copylint.wordfit import WordScore

    class Tok:
        def __init__(self, text):
            self.text = self.lower_ = self.lemma_ = text

    cands = []
    for word, p in (("ramps", 0.5), ("steel", 0.3), ("ferry", 0.4)):
        start = CAPPED.index(word)
        cands.append(Candidate(Tok(word), WordScore(start, start + len(word), 1.0), [], p=p))
    shipped = {k: v for k, v in garble.combiner().items() if k != "hint_words"}
    shipped.update(warning=0.9, confirmed=0.9, info=0.2, **cal)
    monkeypatch.setattr(garble, "combiner", lambda: shipped)
    rule = garble.WordFitRule(Config())
    monkeypatch.setattr(rule, "candidates", lambda article: cands)
    article = load_article("a.txt", CAPPED, "text")
    assert article.word_count == 60
    return [(f.kind, CAPPED[f.start:f.end]) for f in rule.check(article)]


def test_an_articles_hints_are_capped_by_its_length_the_most_doubtful_kept(monkeypatch):
    every = [("hint", "ramps"), ("hint", "steel"), ("hint", "ferry")]
    # no hint_words in the calibration: one hint a paragraph, as before the cap
    assert _capped_hints(monkeypatch) == every
    assert _capped_hints(monkeypatch, hint_words=20) == every  # 60 words: three hints allowed
    # one per 30 words: two, the most doubtful two (0.5, 0.4), in text order; the third is dropped
    assert _capped_hints(monkeypatch, hint_words=30) == [("hint", "ramps"), ("hint", "ferry")]
    # one per 500 words: a 60-word article still gets one, its most doubtful word
    assert _capped_hints(monkeypatch, hint_words=500) == [("hint", "ramps")]


#: a spinner's swap (agreement made a stipulation, p 0.75 under run 9) and, in the next paragraph, a
#: rare but right word (undercard, 0.38): both over run 9's hint level (0.29), under its warning (0.83)
CAPPED_STORY = ("The two sides reached a stable stipulation on Monday after three weeks of talks, the mediator said.\n\n"
                "The boxer, who fought on the undercard last year, said he was ready for a title bout.\n")


def test_the_cap_drops_a_short_articles_less_doubtful_hint_under_the_shipped_model(monkeypatch, linter):
    from copylint.checks import garble

    shipped = {k: v for k, v in garble.combiner().items() if k != "hint_words"}

    def hints(**cal):
        monkeypatch.setattr(garble, "combiner", lambda: {**shipped, **cal})
        found = linter.check_text(CAPPED_STORY, path="x", fmt="text", cfg=Config(select=("word-fit",)))
        return [(f.kind, CAPPED_STORY[f.start:f.end]) for f in found]

    assert hints() == [("hint", "stipulation"), ("hint", "undercard")]  # one a paragraph, no cap
    assert hints(hint_words=500) == [("hint", "stipulation")]  # 34 words: one hint, the most doubtful


def test_the_hint_cap_is_one_per_w_words_and_at_least_one():
    from copylint.checks.garble import hint_cap

    assert hint_cap(330, None) is None and hint_cap(330, 0) is None
    assert [hint_cap(n, 500) for n in (1, 499, 500, 501, 1000, 1001)] == [1, 1, 1, 2, 2, 3]


def test_a_calibration_may_read_some_of_the_features_in_their_order():
    from copylint.checks.garble import FEATURES, Candidate, doubt, feature_columns
    from copylint.wordfit import WordScore

    feats = [float(i) for i in range(len(FEATURES))]
    every = {"features": list(FEATURES), "mean": [0.0] * len(FEATURES), "scale": [1.0] * len(FEATURES),
             "coef": [0.0] * len(FEATURES), "intercept": 0.0}
    every["coef"][FEATURES.index("zipf")] = 0.5
    some = {"features": ["disc", "zipf"], "mean": [0.0, 0.0], "scale": [1.0, 1.0], "coef": [0.0, 0.5], "intercept": 0.0}
    a, b = (Candidate(None, WordScore(0, 4, 0.0), array("d", feats)) for _ in range(2))
    doubt([a], every)
    doubt([b], some)
    assert a.p == b.p > 0.5  # the same combiner, read from the zipf column either way
    assert feature_columns(("disc", "zipf")) == (0, FEATURES.index("zipf"))
    for bad in (("zipf", "disc"), ("disc", "disc"), ("disc", "bigram"), ()):
        with pytest.raises(wordfit.ModelError):
            feature_columns(bad)
