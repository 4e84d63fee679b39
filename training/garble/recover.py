"""Rebuild a PyTorch checkpoint of the word-fit model from its shipped export (for ``--resume``).

    python training/garble/recover.py [--export copylint/models/wordfit] [--out work/wordfit-run9.pt] [--check]

Reads the export folder (export.py's output) and writes a state dict that
``WordFit.from_checkpoint`` and ``train.py --resume --out`` accept:

- every parameter of the encoder and the two heads from ``encoder.onnx``'s initialisers,
  dequantised: ``(q - zero point) * scale``. A Linear layer's weight is exported as the
  (transposed) weight of an ONNX MatMul under an anonymous name (``onnx::MatMul_698``); it is
  matched by graph position: the MatMulInteger that consumes it, followed downstream (Cast, Mul by
  the scales) to the Add of a named bias (``...query.bias``), whose module it is; the shape must
  agree. Named initialisers (biases, LayerNorms, the quantised position and token-type embeddings
  behind their Gather and DequantizeLinear) are matched by name and shape;
- the word embeddings (int8 rows times a scale each) and the corrector's output bias from
  ``embeddings.npz``.

Every parameter and buffer of the network must be matched, and every weight initialiser of the
graph used; otherwise a one-line error and exit code 1 (nothing is ever left at the base model's
value silently). It prints what was matched. The optimiser's state is not in the export: a
``--resume`` from the recovered checkpoint starts the optimiser afresh.

``--check`` re-exports the recovered checkpoint with export.py into a temporary folder and
compares, on ``--sentences`` sentences of ``../shared/clean-news``, the discriminator's logits and
the corrector's top word of the re-export and of the recovered float model (PyTorch) against the
shipped export.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

DEFAULT_EXPORT = ROOT / "copylint" / "models" / "wordfit"
CLEAN_NEWS = ROOT.parent / "shared" / "clean-news"


class RecoverError(Exception):
    """A parameter of the network could not be matched in the export."""


def _graph(model):
    inits = {i.name: i for i in model.graph.initializer}
    consumers: dict[str, list] = {}
    producer = {}
    for node in model.graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
        for name in node.output:
            producer[name] = node
    return inits, consumers, producer


def _matmul_weights(inits, consumers, producer, array):
    """{module name: float weight as torch's Linear holds it (out x in)} for every MatMulInteger
    (or float MatMul) whose weight is an initialiser, matched by the named bias its output is
    added to. Raises RecoverError for a weight whose module cannot be found."""
    out = {}
    used = set()
    for name in list(inits):
        for node in consumers.get(name, []):
            if node.op_type not in ("MatMulInteger", "MatMul") or list(node.input).index(name) != 1:
                continue
            w = array(name)
            scale = None
            if node.op_type == "MatMulInteger":
                zp = array(node.input[3]) if len(node.input) > 3 and node.input[3] else np.zeros((), w.dtype)
                used.add(node.input[3])
            # walk downstream through the dequantising Cast / Mul to the Add of a named bias
            tensor, bias = node.output[0], None
            for _ in range(6):
                nxt = consumers.get(tensor, [])
                if len(nxt) != 1:
                    break
                n = nxt[0]
                other = [i for i in n.input if i != tensor]
                if n.op_type == "Add" and len(other) == 1 and other[0] in inits:
                    bias = other[0]
                    break
                if n.op_type == "Mul" and node.op_type == "MatMulInteger":
                    for o in other:  # the product of the input's and the weight's scales
                        p = producer.get(o)
                        if p is not None and p.op_type == "Mul":
                            cands = [i for i in p.input if i in inits]
                            if len(cands) == 1:
                                scale = cands[0]
                elif n.op_type != "Cast":
                    break
                tensor = n.output[0]
            if bias is None or not bias.endswith(".bias"):
                raise RecoverError(f"the MatMul weight {name} {w.shape} feeds no named bias: cannot tell its module")
            if node.op_type == "MatMulInteger":
                if scale is None:
                    raise RecoverError(f"the MatMul weight {name} has no scale in its dequantising Mul")
                used.add(scale)
                w = (w.astype(np.float32) - zp.astype(np.float32)) * array(scale).astype(np.float32)
            module = bias[: -len(".bias")]
            if module in out:
                raise RecoverError(f"two MatMul weights feed the bias of {module}")
            b = array(bias)
            if w.ndim != 2 or w.shape[1] != b.shape[0]:
                raise RecoverError(f"the MatMul weight {name} {w.shape} does not fit its bias {bias} {b.shape}")
            out[module] = np.ascontiguousarray(w.T.astype(np.float32))
            used.add(name)
    return out, used


def _gather_weights(inits, consumers, array):
    """{parameter name: float table} for the quantised embedding tables: an initialiser read by a
    Gather whose output is dequantised (DequantizeLinear: its scale and zero point)."""
    out, used = {}, set()
    for name in inits:
        for node in consumers.get(name, []):
            if node.op_type != "Gather" or node.input[0] != name:
                continue
            deq = [n for n in consumers.get(node.output[0], []) if n.op_type == "DequantizeLinear"]
            q = array(name)
            if not deq:
                out[name] = q.astype(np.float32)
                used.add(name)
                continue
            d = deq[0]
            scale = array(d.input[1]).astype(np.float32)
            zp = array(d.input[2]).astype(np.float32) if len(d.input) > 2 and d.input[2] else 0.0
            if not name.endswith("_quantized"):
                raise RecoverError(f"quantised table {name} is not named after its parameter")
            out[name[: -len("_quantized")]] = (q.astype(np.float32) - zp) * scale
            used.update({name, d.input[1], *d.input[2:3]})
    return out, used


def recover(export: Path) -> tuple[dict, list[str]]:
    """The state dict rebuilt from ``export`` and one line per parameter saying where it came from."""
    import onnx
    import torch
    from onnx import numpy_helper

    from model import WordFit

    for f in ("encoder.onnx", "embeddings.npz"):
        if not (export / f).is_file():
            raise RecoverError(f"no {f} in {export}")
    graph = onnx.load(str(export / "encoder.onnx"))
    inits, consumers, producer = _graph(graph)

    def array(name):
        return numpy_helper.to_array(inits[name])

    layers = len({m.group(1) for m in map(re.compile(r"^bert\.encoder\.layer\.(\d+)\.").match, inits) if m})
    if not layers:
        raise RecoverError("the graph names no encoder layer (bert.encoder.layer.N.*)")
    model = WordFit.from_base(layers)
    expected = {k: tuple(v.shape) for k, v in model.state_dict().items()}
    params = {k for k, _ in model.named_parameters()}

    linear, used_mm = _matmul_weights(inits, consumers, producer, array)
    tables, used_g = _gather_weights(inits, consumers, array)
    state, origin = {}, {}
    for module, w in linear.items():
        state[module + ".weight"] = w
        origin[module + ".weight"] = "MatMul weight (transposed, int8 dequantised) feeding " + module + ".bias"
    for k, w in tables.items():
        state[k] = w
        origin[k] = "Gather table (dequantised)"
    used = used_mm | used_g
    for name in inits:
        if name in expected and name not in state:
            state[name] = array(name).astype(np.float32)
            origin[name] = "named initialiser"
            used.add(name)
    with np.load(export / "embeddings.npz") as z:
        q, scale, bias = z["q"], z["scale"], z["bias"]
    state["bert.embeddings.word_embeddings.weight"] = q.astype(np.float32) * scale.astype(np.float32)[:, None]
    origin["bert.embeddings.word_embeddings.weight"] = "embeddings.npz q x scale"
    state["corr_bias"] = bias.astype(np.float32)
    origin["corr_bias"] = "embeddings.npz bias"

    # buffers that are not trained (position ids and the like): the base model's, said so
    for k in expected:
        if k not in params and k not in state:
            state[k] = model.state_dict()[k].numpy()
            origin[k] = "buffer, not a parameter: the base model's"
    unknown = sorted(set(state) - set(expected))
    if unknown:
        raise RecoverError(f"{len(unknown)} recovered tensors are not parameters of the network: {', '.join(unknown[:4])}")
    missing = sorted(set(expected) - set(state))
    if missing:
        raise RecoverError(f"{len(missing)} parameters not found in the export: {', '.join(missing[:4])}")
    for k, shape in expected.items():
        if tuple(state[k].shape) != shape:
            raise RecoverError(f"{k}: the export holds {tuple(state[k].shape)}, the network wants {shape}")
    # every weight of the graph must have gone somewhere (scales and zero points included)
    left = sorted(n for n in inits if n not in used and array(n).size > 1)
    if left:
        raise RecoverError(f"{len(left)} weights of the graph were not matched: {', '.join(left[:4])}")
    out = {k: torch.from_numpy(np.ascontiguousarray(state[k])).to(model.state_dict()[k].dtype) for k in expected}
    model.load_state_dict(out)  # strict: the network accepts it as a whole
    lines = [f"{k} {list(expected[k])}: {origin[k]}" for k in expected]
    return out, lines


# --- the check ------------------------------------------------------------------------------------

_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+")


def sentences(n: int) -> list[str]:
    """The first ``n`` sentences of five words or more of ``../shared/clean-news``, files in order."""
    out = []
    for f in sorted(CLEAN_NEWS.glob("*.txt")):
        for line in f.read_text(encoding="utf-8").splitlines():
            for s in _SENT_END.split(line.strip()):
                if len(s.split()) >= 5:
                    out.append(s)
                    if len(out) == n:
                        return out
    return out


class Shipped:
    """An export folder run as copylint runs it: onnxruntime, int8 embeddings dequantised."""

    def __init__(self, folder: Path) -> None:
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        self.session = ort.InferenceSession(str(folder / "encoder.onnx"), opts, providers=["CPUExecutionProvider"])
        with np.load(folder / "embeddings.npz") as z:
            self.emb = z["q"].astype(np.float32) * z["scale"].astype(np.float32)[:, None]
            self.bias = z["bias"].astype(np.float32)

    def __call__(self, ids: np.ndarray):
        disc, hidden = self.session.run(None, {"inputs_embeds": self.emb[ids][None],
                                               "attention_mask": np.ones((1, len(ids)), np.int64)})
        return disc[0], (hidden[0] @ self.emb.T + self.bias).argmax(-1)


def compare(a, b, encs) -> dict:
    diffs, agree, n = [], 0, 0
    for ids in encs:
        da, ta = a(ids)
        db, tb = b(ids)
        inner = slice(1, len(ids) - 1)  # [CLS] and [SEP] are never judged
        diffs.append(np.abs(da[inner] - db[inner]))
        agree += int((ta[inner] == tb[inner]).sum())
        n += len(ids) - 2
    d = np.concatenate(diffs)
    return {"max": float(d.max()), "mean": float(d.mean()), "agree": agree / n, "pieces": n}


def check(state: dict, export: Path, n: int) -> None:
    import torch
    from tokenizers import Tokenizer

    from model import WordFit

    sents = sentences(n)
    tok = Tokenizer.from_file(str(export / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(128)
    encs = [np.array(e.ids, dtype=np.int64) for e in tok.encode_batch(sents)]
    shipped = Shipped(export)
    model = WordFit.from_checkpoint(state)
    model.eval()
    emb = model.bert.embeddings.word_embeddings.weight

    def torch_run(ids):
        with torch.no_grad():
            x = emb[torch.from_numpy(ids)][None]
            disc, hidden = model(x, torch.ones(1, len(ids), dtype=torch.long))
            return disc[0].numpy(), model.corr_logits(hidden[0]).argmax(-1).numpy()

    print(f"check: {len(sents)} sentences of {CLEAN_NEWS}, "
          f"{sum(len(e) - 2 for e in encs)} wordpieces", flush=True)
    r = compare(shipped, torch_run, encs)
    print(f"recovered float model (PyTorch) vs shipped ONNX: discriminator logit |diff| max {r['max']:.4f} "
          f"mean {r['mean']:.5f}; corrector's top word agrees on {r['agree']:.4f} of wordpieces", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        ckpt = Path(tmp) / "recovered.pt"
        torch.save(state, ckpt)
        again = Path(tmp) / "export"
        subprocess.run([sys.executable, str(HERE / "export.py"), "--checkpoint", str(ckpt), "--out", str(again)],
                       check=True, stdout=subprocess.DEVNULL)
        same = _same_weights(export / "encoder.onnx", again / "encoder.onnx")
        print(f"re-export: {same}", flush=True)
        with np.load(export / "embeddings.npz") as a, np.load(again / "embeddings.npz") as b:
            print("re-export: embeddings.npz "
                  + ", ".join(f"{k} {'identical' if np.array_equal(a[k], b[k]) else 'differs'}" for k in a.files),
                  flush=True)
        r = compare(shipped, Shipped(again), encs)
    print(f"re-export vs shipped (both ONNX, int8): discriminator logit |diff| max {r['max']:.4f} "
          f"mean {r['mean']:.5f}; corrector's top word agrees on {r['agree']:.4f} of wordpieces", flush=True)


def _same_weights(a: Path, b: Path) -> str:
    """How many of the quantised weights of two graphs are byte-identical (matched by shape in graph
    order: anonymous names differ between exports)."""
    import onnx
    from onnx import numpy_helper

    def weights(p):
        return [numpy_helper.to_array(i) for i in onnx.load(str(p)).graph.initializer
                if i.name.endswith("_quantized")]

    wa, wb = weights(a), weights(b)
    if [w.shape for w in wa] != [w.shape for w in wb]:
        return f"the graphs hold different quantised weights ({len(wa)} and {len(wb)})"
    same = sum(np.array_equal(x, y) for x, y in zip(wa, wb))
    cells = sum(int((x != y).sum()) for x, y in zip(wa, wb))
    return f"{same} of {len(wa)} quantised weight tensors identical, {cells} int8 values differ"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--export", default=str(DEFAULT_EXPORT), help="the export folder (export.py's --out)")
    ap.add_argument("--out", default=str(HERE / "work" / "wordfit-run9.pt"), help="the checkpoint written")
    ap.add_argument("--check", action="store_true", help="re-export and compare with the export (needs ../shared)")
    ap.add_argument("--sentences", type=int, default=300)
    ap.add_argument("--quiet", action="store_true", help="do not list where each parameter came from")
    args = ap.parse_args()
    import torch

    try:
        state, lines = recover(Path(args.export))
    except RecoverError as exc:
        raise SystemExit(f"recover: {exc}") from None
    if not args.quiet:
        print("\n".join(lines))
    print(f"{len(lines)} tensors matched, {sum(v.numel() for v in state.values()):,} values", flush=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(state, out)
    print(f"wrote {out}", flush=True)
    if args.check:
        if not CLEAN_NEWS.is_dir():
            raise SystemExit(f"recover: --check reads {CLEAN_NEWS}, which is not there")
        check(state, Path(args.export), args.sentences)


if __name__ == "__main__":
    main()
