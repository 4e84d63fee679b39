"""What a line means, for the line-alone judge (issue 10, session 14): a vector of the line (the
word-fit encoder's mean-pooled hidden states), scored by a linear scorer whose bucket is one of the
judge's features."""
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from copylint import wordfit
from copylint.checks import residue
from copylint.checks.residue import VECTOR_EDGES, EncodedLines, ResidueModel, vector_feature

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

PROMPT = "Tap to expand the gallery"
PARA = "The council met on Monday to agree the budget for the coming year, the mayor said."


def test_the_vector_feature_is_the_bucket_of_the_scorers_probability():
    vec = np.array([1.0, 2.0], dtype=np.float32)
    assert vector_feature((0.0, [0.0, 0.0]), vec) == "sv:0.5"
    assert vector_feature((-1.0, [4.0, 0.0]), vec) == f"sv:>{VECTOR_EDGES[-1]}"
    assert vector_feature((0.0, [-2.0, -2.0]), vec) == "sv:0.05"
    assert vector_feature((0.0, [1.0, 1.0]), None) is None


def _model(source=None, width=384):
    """A model whose only judge is the line-alone judge, sure of a line only by its meaning."""
    alone = {"bias": -10.0, "weights": {"sv:>0.95": 20.0}, "threshold": 0.99, "head": True}
    if source:
        alone["vector"] = {"source": source, "bias": -5.0, "weights": [1.0] + [0.0] * (width - 1)}
    return ResidueModel({"passes": [{"bias": -10.0, "weights": {}}] * 2,
                         "thresholds": {"line": 1.01, "context": 1.01, "block": 1.01}, "alone": alone})


def test_the_line_alone_judge_reads_the_vector_when_its_model_has_a_scorer():
    lines = [PARA, PROMPT, PARA]
    high, low = np.zeros(384, dtype=np.float32), np.zeros(384, dtype=np.float32)
    high[0], low[0] = 9.0, 1.0
    assert _model("wordfit").judge(lines, vectors=[None, high, None]) == [False, True, False]
    assert _model("wordfit").judge(lines, vectors=[None, low, None]) == [False, False, False]
    # without the scorer, or without the vectors, the line is not reported
    assert _model().judge(lines, vectors=[None, high, None]) == [False, False, False]
    assert _model("wordfit").judge(lines) == [False, False, False]


@pytest.mark.parametrize("source", [None, "tok2vec"])
def test_a_model_whose_vectors_no_encoder_here_reads_is_refused(source):
    """Only the word-fit encoder reads lines at run time (spaCy's tok2vec was measured, not kept):
    a model file naming another source, or none, is an error, not a scorer silently left unread."""
    spec = {"passes": [{"bias": -10.0, "weights": {}}] * 2, "thresholds": {"line": 1.01, "context": 1.01, "block": 1.01},
            "alone": {"bias": -10.0, "weights": {}, "threshold": 0.99,
                      "vector": {"bias": 0.0, "weights": [0.0] * 4, **({"source": source} if source else {})}}}
    with pytest.raises(ValueError, match="only 'wordfit', 'sentence', 'wordfit\\+sentence'"):
        ResidueModel(spec)


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


def test_the_rule_gives_the_judge_the_lines_meaning(monkeypatch):
    """The rule hands the model each line's vector from the encoder: a scorer whose weights the
    line's vector crosses reports it; the same model without vectors (no scorer) does not."""
    from copylint.config import Config
    from copylint.engine import Linter

    text = f"{PARA}\n\n{PROMPT}\n\n{PARA}\n"
    vec = wordfit.load().embed([PROMPT])[0]
    model = _model("wordfit")
    # the scorer's weights: the line's own vector, so that it scores high (and prose lower)
    w = (vec / float(vec @ vec) * 12.0).tolist()
    model.vector = (-5.0, w)
    monkeypatch.setattr(residue, "residue_model", lambda: model)
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
    """The shipped model reads lines through its source's encoder: a text whose lines need no reading
    (prose, and a short line far from any threshold) does not load it; a pasted prompt does, once."""
    code = ("from copylint.engine import Linter\n"
            "from copylint.config import Config\n"
            "from copylint import sentence, wordfit\n"
            "loads = lambda: wordfit.load_count + sentence.load_count\n"
            "lint = Linter(config=Config(select=('boilerplate',)))\n"
            f"lint.check_text({PARA + chr(10) * 2 + PARA!r})\n"
            "print(loads(), 'onnxruntime' in __import__('sys').modules)\n"
            f"for _ in range(2): lint.check_text({PARA + chr(10) * 2 + PROMPT + chr(10) * 2 + PARA!r})\n"
            "print(loads())\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["0", "False", "1"]


def test_the_residue_model_was_trained_on_the_shipped_encoder():
    """The line-vector scorer's weights read the shipped encoders' vectors: the model records the
    encoders it was trained on (``residue.encoder_hash`` of its source: ``wordfit.encoder_hash``,
    ``sentence.encoder_hash``), and a new encoder needs a new model."""
    vector = residue.model_spec()["alone"]["vector"]
    assert vector.get("encoder") == residue.encoder_hash(vector["source"]), (
        f"the shipped encoder ({vector['source']}) is not the one the residue model was trained on: retrain the "
        "residue model: python benchmarks/train_residue.py --cache FILE")


def test_the_encoders_hash_is_its_files_content(tmp_path):
    for name in wordfit.ENCODER_FILES:
        (tmp_path / name).write_bytes(b"weights of " + name.encode())
    first = wordfit.encoder_hash(str(tmp_path))
    assert first.startswith("sha256:") and first != wordfit.encoder_hash()
    (tmp_path / "calibration.json").write_text("{}")   # not part of a line's reading
    assert wordfit.encoder_hash(str(tmp_path)) == first
    (tmp_path / "encoder.onnx").write_bytes(b"weights of encoder.onnx, retrained")
    assert wordfit.encoder_hash(str(tmp_path)) != first


@pytest.mark.parametrize("select, loaded", [(None, True), ('["repeated-word"]', False)])
def test_the_language_server_loads_the_encoder_at_start_when_boilerplate_is_on(monkeypatch, tmp_path, select, loaded):
    """The server's warm-up loads the encoder (and reads a line) when the boilerplate rule is
    enabled, so that an editor's later checks do not pay for it, after it has said it is ready, so
    that the first diagnostics do not wait for it; not when the rule is off."""
    from copylint.server import CopylintServer

    if select:
        (tmp_path / ".copylint.toml").write_text(f"select = {select}\n")
    read, ready_then = [], []

    class Encoder:
        def embed(self, texts):
            read.extend(texts)
            ready_then.append(ls.ready.is_set())
            return [np.zeros(384, dtype=np.float32) for _ in texts]

    monkeypatch.setattr(residue, "_reader", lambda part: Encoder())   # whichever the model reads
    ls = CopylintServer()
    ls.warm_up(str(tmp_path))
    assert ls.ready.is_set()
    assert bool(read) == loaded
    assert all(ready_then)   # loaded once the first document could be checked


def test_an_encoder_that_fails_to_load_leaves_the_servers_warm_up_going(monkeypatch, tmp_path):
    from copylint.server import CopylintServer

    def broken(part):
        raise wordfit.ModelError("no onnxruntime")

    monkeypatch.setattr(residue, "_reader", broken)
    ls = CopylintServer()
    checked = []
    monkeypatch.setattr(ls.linter, "check_articles", lambda items: checked.append(items) or [])
    ls.warm_up(str(tmp_path))
    assert ls.ready.is_set() and checked   # the warm-up check still ran


# --- session 15: the nearest training lines, a scorer per kind -------------------------------
def _spec_with(**more):
    """A model whose line-alone judge is sure of a line only by what the readers of its vector
    (4 wide) say: the linear scorer is there but weighs nothing."""
    alone = {"bias": -10.0, "weights": {"sk:>0.1": 20.0, "sm:>0.95": 20.0, "sm:prompt:>0.95": 20.0},
             "threshold": 0.99, "head": True,
             "vector": {"source": "wordfit", "bias": 0.0, "weights": [0.0] * 4, **more}}
    return {"passes": [{"bias": -10.0, "weights": {}}] * 2,
            "thresholds": {"line": 1.01, "context": 1.01, "block": 1.01}, "alone": alone}


RES = [[1.0, 0.1, 0.0, 0.0], [0.9, 0.0, 0.2, 0.0]]     # residue lines' vectors
PROSE = [[0.0, 0.0, 1.0, 0.1], [0.0, 0.1, 0.9, 0.0]]   # prose lines'
NEAR_RES, NEAR_PROSE = np.array([1.0, 0.05, 0.1, 0.0], np.float32), np.array([0.0, 0.0, 1.0, 0.0], np.float32)


def _neighbours(k=1):
    return {"k": k, "edges": [-0.1, 0.0, 0.1], "residue": residue.int8_rows(RES), "prose": residue.int8_rows(PROSE)}


def test_the_model_file_holds_the_spec_exactly_and_is_written_the_same_bytes():
    """``rules/residue_model.zip`` (session 17): the spec read back is the spec written (every weight
    the same float, the nearest lines' rows the same int8 bytes), the same spec writes the same bytes,
    and the shipped file is what the writer makes of its own spec."""
    import io
    import zipfile

    spec = {"passes": [{"bias": -0.2773, "weights": {"w:share": 1.234, "b:sign_in": -0.069, "n:2": 0.07}}],
            "thresholds": {"line": 0.9785},
            "alone": {"bias": 0.1, "weights": {"sk:>0.1": 1.26, "sv:0.5": -0.001},
                      "vector": {"source": "wordfit", "bias": 0.47164, "weights": [0.1, -0.2, 0.3, 0.4],
                                 "neighbours": _neighbours(k=2)}}}
    raw = residue.model_bytes(spec)
    assert residue.model_bytes(spec) == raw and residue.model_spec(raw) == spec
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        assert [i.date_time for i in z.infolist()] == [(1980, 1, 1, 0, 0, 0)] * 3
    lazy = residue.model_spec(raw, lazy=True)["alone"]["vector"]["neighbours"]
    assert bytes(lazy["residue"]) == spec["alone"]["vector"]["neighbours"]["residue"]
    assert residue.Neighbours(lazy, 4).feature(NEAR_RES) == residue.Neighbours(_neighbours(k=2), 4).feature(NEAR_RES)
    shipped = residue.data.read_bytes(residue.MODEL_FILE)
    assert residue.model_bytes(residue.model_spec(shipped)) == shipped


def test_the_model_files_rows_keep_every_int8_value():
    """The rows are kept less their columns' means, mod 256: every byte value comes back, whatever
    the means (each column here has a different one, up to the int8 range's ends)."""
    rng = np.random.default_rng(3)
    x = rng.integers(-128, 128, size=(300, 8)).astype(np.int8)
    x[:, 0], x[:, 1] = 127, -128
    x[:, 2] = np.arange(300) % 256 - 128
    blob = x.tobytes()
    kept = residue._centred(blob, 8)
    assert len(kept) == len(blob) + 8 and residue._uncentred(kept, 8) == blob


def test_the_nearest_lines_margin_is_residue_minus_prose_kept_as_int8():
    nb = residue.Neighbours(_neighbours(k=2), 4)
    u = NEAR_RES / np.linalg.norm(NEAR_RES)
    unit = lambda m: np.array(m) / np.linalg.norm(m, axis=1, keepdims=True)  # noqa: E731
    want = (unit(RES) @ u).mean() - (unit(PROSE) @ u).mean()
    assert abs(float(nb.margin(NEAR_RES)[0]) - want) < 0.01   # int8 moves a cosine by little
    assert nb.feature(NEAR_RES) == "sk:>0.1" and nb.feature(NEAR_PROSE) == "sk:-0.1"
    # k 1: the nearest line of each only
    near = residue.Neighbours(_neighbours(k=1), 4)
    assert abs(float(near.margin(NEAR_RES)[0]) - (unit(RES) @ u).max() + (unit(PROSE) @ u).max()) < 0.01


def test_the_line_alone_judge_reads_the_nearest_lines_when_its_model_has_them():
    lines = [PARA, PROMPT, PARA]
    assert ResidueModel(_spec_with(neighbours=_neighbours())).judge(
        lines, vectors=[None, NEAR_RES, None]) == [False, True, False]
    assert ResidueModel(_spec_with(neighbours=_neighbours())).judge(
        lines, vectors=[None, NEAR_PROSE, None]) == [False, False, False]
    # without the nearest lines in the model, the same line is not reported
    assert ResidueModel(_spec_with()).judge(lines, vectors=[None, NEAR_RES, None]) == [False, False, False]


def _kinds(mode):
    # prose, prompt, caption: the first component says prompt, the third prose
    return {"kinds": ["prose", "caption", "prompt"], "mode": mode, "edges": list(VECTOR_EDGES),
            "bias": [0.0, 0.0, 0.0], "weights": [[0.0, 0.0, 9.0, 0.0], [0.0, 9.0, 0.0, 0.0], [9.0, 0.0, 0.0, 0.0]]}


@pytest.mark.parametrize("mode,feature", [("top", "sm:>0.95"), ("kind", "sm:prompt:>0.95")])
def test_the_scorer_per_kind_gives_the_likeliest_kinds_bucket(mode, feature):
    kd = residue.Kinds(_kinds(mode))
    assert np.allclose(kd.probabilities(NEAR_RES).sum(), 1.0)
    assert kd.feature(NEAR_RES) == feature
    assert kd.feature(NEAR_PROSE) in ("sm:0.05", "sm:caption:0.05", "sm:prompt:0.05")
    assert feature in kd.labels()
    lines = [PARA, PROMPT, PARA]
    assert ResidueModel(_spec_with(kinds=_kinds(mode))).judge(lines, vectors=[None, NEAR_RES, None]) \
        == [False, True, False]
    assert ResidueModel(_spec_with()).judge(lines, vectors=[None, NEAR_RES, None]) == [False, False, False]


def test_the_lazy_reading_counts_what_every_reader_of_the_meaning_can_add():
    """A line that only the nearest lines' feature can take over the threshold is read: the most
    the meaning adds is the sum of each reader's most (the linear scorer's alone would leave it)."""
    lines = [PARA, PROMPT, PARA]
    spec = _spec_with(neighbours=_neighbours())
    spec["alone"]["weights"] = {"sv:>0.95": 8.0, "sk:>0.1": 12.0}   # -10 + 8 + 12 = 10 > 4.6
    spec["alone"]["vector"]["bias"] = 10.0   # the linear scorer sure of every line: sv:>0.95
    model = ResidueModel(spec)
    assert model._vector_most == 20.0
    assert model.judge(lines, vectors=EncodedVectors([None, NEAR_RES, None])) == [False, True, False]


class EncodedVectors(list):
    """A lazy reader of given vectors (as ``EncodedLines``, without the encoder)."""
    lazy = True


def test_the_scorer_per_kind_and_the_nearest_lines_are_trained_on_the_rows_classes(monkeypatch):
    pytest.importorskip("sklearn")
    import train_residue
    from train_residue import AloneRow, fit_kind_scorer, neighbour_spec, row_kind

    rng = np.random.default_rng(0)
    rows, vectors = [], {}
    for k in range(90):
        cls = k % 3   # prose, a pasted prompt, a page's caption line
        vectors[f"line {k}"] = (rng.normal(size=4) + np.eye(4)[cls] * 5 + [0, 0, 0, 30]).astype(np.float32)
        what = ("news", "pasted:prompt:top", "page")[cls]
        rows.append(AloneRow("news:a", [], int(cls > 0), 1.0, what, False, text=f"line {k}"))
    assert [row_kind(r) for r in rows[:2]] == ["prose", "prompt"]
    monkeypatch.setattr(train_residue, "KINDS", "kind")
    spec = fit_kind_scorer(rows, vectors)
    assert spec["kinds"][0] == "prose" and len(spec["weights"]) == len(spec["kinds"])
    kd = residue.Kinds(spec)
    # on the raw vectors (the standardisation folded in), a row's likeliest class is its own
    got = [kd.kinds[int(kd.probabilities(vectors[r.text])[0].argmax())] for r in rows]
    assert np.mean([g == row_kind(r) for g, r in zip(got, rows)]) > 0.9
    monkeypatch.setattr(train_residue, "NEIGHBOURS", 3)
    nb = residue.Neighbours(neighbour_spec(rows, vectors), 4)
    assert nb.residue.shape == (60, 4) and nb.prose.shape == (30, 4)


_THREADS = """
import runpy, sys
sys.argv = [sys.argv[1], "--help"]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit:
    pass
import numpy, threadpoolctl
print(sorted({p["num_threads"] for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas"}))
"""


@pytest.mark.parametrize("pin", [True, False])
def test_the_training_script_runs_numpys_blas_in_one_thread_whatever_the_environment(pin):
    """train_residue.py sets one thread before numpy loads (session 15: a few of the judge's
    weights moved with the BLAS's thread count), overriding the environment; imported, as the
    tests do, it leaves the environment alone."""
    pytest.importorskip("threadpoolctl")
    script = Path(__file__).resolve().parent.parent / "benchmarks" / "train_residue.py"
    code = _THREADS if pin else _THREADS.replace('run_name="__main__"', 'run_name="train_residue"')
    env = dict(os.environ, OPENBLAS_NUM_THREADS="2", OMP_NUM_THREADS="2", MKL_NUM_THREADS="2")
    out = subprocess.run([sys.executable, "-c", code, str(script)], env=env, capture_output=True, text=True,
                         check=True).stdout.strip().splitlines()[-1]
    assert out == ("[1]" if pin else "[2]")


# --- session 16: the sentence embedder (copylint.sentence) as a source of a line's meaning -------

NEWSLETTER = "Sign up for our newsletter"


def _mean_encoder(directory):
    """A stand-in sentence encoder with the shipped one's inputs and output: the masked input
    embeddings' mean, L2-normalised (an ONNX graph of a few nodes, built here)."""
    from onnx import TensorProto, helper, save
    nodes = [helper.make_node("Cast", ["attention_mask"], ["m"], to=TensorProto.FLOAT),
             helper.make_node("Unsqueeze", ["m", "axis"], ["m3"]),
             helper.make_node("Mul", ["inputs_embeds", "m3"], ["x"]),
             helper.make_node("ReduceMean", ["x"], ["mean"], axes=[1], keepdims=0),
             helper.make_node("LpNormalization", ["mean"], ["vector"], axis=1, p=2)]
    graph = helper.make_graph(
        nodes, "mean", [helper.make_tensor_value_info("inputs_embeds", TensorProto.FLOAT, ["b", "s", 384]),
                        helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["b", "s"])],
        [helper.make_tensor_value_info("vector", TensorProto.FLOAT, ["b", 384])],
        [helper.make_tensor("axis", TensorProto.INT64, [1], [2])])
    save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8),
         str(directory / "encoder.onnx"))


def test_the_sentence_encoder_reads_each_line_alone_on_the_word_fit_models_embeddings(tmp_path):
    from copylint import sentence
    _mean_encoder(tmp_path)
    enc = sentence.Encoder(tmp_path)
    one = enc.embed([NEWSLETTER])[0]
    ids = enc.tokenizer.encode(NEWSLETTER).ids
    rows = wordfit.load()._rows(np.array(ids))   # the word-fit model's input embeddings, as it reads them
    mean = rows.mean(axis=0)
    assert one.shape == (384,) and one.dtype == np.float32
    assert np.allclose(one, mean / np.linalg.norm(mean), atol=1e-5)
    # beside a longer line (which a batch would pad it to) it reads the same
    assert np.array_equal(enc.embed([PARA, NEWSLETTER])[1], one)


def test_a_missing_sentence_encoder_is_a_model_error(tmp_path):
    from copylint import sentence
    with pytest.raises(wordfit.ModelError, match="sentence encoder file missing"):
        sentence.Encoder(tmp_path)


class _Reader:
    """A stand-in encoder: a line's vector is its length times ``scale`` in every component."""

    def __init__(self, scale):
        self.scale = scale

    def embed(self, texts):
        return [np.full(384, len(t) * self.scale, dtype=np.float32) for t in texts]


def test_the_rule_reads_lines_with_the_models_source(monkeypatch):
    readers = {"wordfit": _Reader(1.0), "sentence": _Reader(-2.0)}
    monkeypatch.setattr(residue, "_reader", readers.__getitem__)
    lines = [PARA, NEWSLETTER, PARA]
    assert np.array_equal(EncodedLines(lines, "sentence")[1], readers["sentence"].embed([NEWSLETTER])[0])
    assert np.array_equal(EncodedLines(lines)[1], readers["wordfit"].embed([NEWSLETTER])[0])
    # both: each a unit vector, joined
    both = EncodedLines(lines, "wordfit+sentence")[1]
    assert both.shape == (768,) and np.allclose(both[:384], 1 / np.sqrt(384)) and np.allclose(both[384:], -1 / np.sqrt(384))
    # the rule hands the judge the reader of its model's source
    seen = []
    real = residue.EncodedLines.__init__

    def spy(self, lines, source="wordfit"):
        seen.append(source)
        real(self, lines, source)

    monkeypatch.setattr(residue.EncodedLines, "__init__", spy)
    from copylint.config import Config
    from copylint.engine import Linter
    for source in ("sentence", "wordfit+sentence"):
        model = _model(source, 384 * len(source.split("+")))
        monkeypatch.setattr(residue, "residue_model", lambda m=model: m)
        Linter(config=Config(select=("boilerplate",))).check_text(PARA + "\n\n" + NEWSLETTER + "\n\n" + PARA)
    assert seen == ["sentence", "wordfit+sentence"]


def test_the_sentence_encoders_hash_is_its_files_content(tmp_path, monkeypatch):
    from copylint import sentence
    (tmp_path / "encoder.onnx").write_bytes(b"weights")
    first = sentence.encoder_hash(tmp_path)
    assert first.startswith("sha256:")
    (tmp_path / "encoder.onnx").write_bytes(b"weights, again")
    assert sentence.encoder_hash(tmp_path) != first
    monkeypatch.setattr(sentence, "default_dir", lambda: tmp_path)
    assert residue.encoder_hash("wordfit+sentence") == wordfit.encoder_hash() + "+" + sentence.encoder_hash(tmp_path)


def test_the_nearest_lines_read_their_part_of_a_joined_vector():
    """--split-readers: with the two encoders' vectors joined, the nearest lines read the sentence
    embedder's part (``offset``) and the linear scorer the word-fit part (its first weights)."""
    rows = np.eye(4, dtype=np.float32)
    spec = {"k": 1, "edges": [0.0], "residue": residue.int8_rows(rows[:2]), "prose": residue.int8_rows(rows[2:])}
    joined = np.concatenate([rows[2], rows[0]])   # word-fit part near prose, sentence part near residue
    assert residue.Neighbours({**spec, "offset": 4}, 4).feature(joined) == "sk:>0.0"
    assert residue.Neighbours(spec, 4).feature(joined) == "sk:0.0"
    assert vector_feature((0.0, [0.0, 0.0, 9.0, 0.0]), joined) == f"sv:>{VECTOR_EDGES[-1]}"
    assert vector_feature((0.0, [9.0, 0.0, 0.0, 0.0]), joined) == "sv:0.5"


def _encoder_files(source):
    """The package files a source's reading of a line is made of (``residue.encoder_hash`` hashes
    them): the word-fit encoder's, the sentence encoder's with the word-fit files it shares."""
    from copylint import sentence
    files = []
    for part in source.split("+"):
        if part == "wordfit":
            files += [wordfit.default_dir() / name for name in wordfit.ENCODER_FILES]
        else:
            files += [(sentence.default_dir() if d == "sentence" else wordfit.default_dir()) / name
                      for d, name in sentence.FILES]
    return files


def test_the_shipped_models_encoder_is_package_data_and_loads_offline_reading_a_line_the_same_twice():
    """The encoder the shipped residue model reads lines with is in the package (each of its files
    listed as package data in pyproject.toml, so that an installed copylint has it), loads with the
    network shut (nothing is downloaded) and without PyTorch, and reads a line the same twice."""
    import fnmatch
    import tomllib

    import copylint

    source = residue.residue_model().vector_source
    assert source is not None
    package = Path(copylint.__file__).parent
    data_globs = tomllib.loads((package.parent / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    for path in _encoder_files(source):
        assert path.is_file() and package in path.parents, path
        rel = path.relative_to(package / "models").as_posix()
        assert any(fnmatch.fnmatch(rel, g) for g in data_globs["copylint.models"]), f"{rel} is not package data"
    code = ("import socket\n"
            "def no_network(*a, **k): raise OSError('no network in this test')\n"
            "socket.socket.connect = socket.socket.connect_ex = socket.create_connection = no_network\n"
            "import sys\n"
            "from copylint.checks import residue\n"
            "assert residue.load_encoder()\n"
            "source = residue.residue_model().vector_source\n"
            f"a, b = (residue.read_meaning(source, [{PROMPT!r}])[0] for _ in range(2))\n"
            "print(source, a.shape[0], bool((a == b).all()), round(float((a * a).sum()), 3) > 0, 'torch' in sys.modules)\n")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [source, str(384 * len(source.split("+"))), "True", "True", "False"]
