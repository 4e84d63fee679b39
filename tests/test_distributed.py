"""A corpus checked on a local Dask cluster (2 worker processes, loopback only) gives the same results
as a local run, through the same library API."""
import pytest

from conftest import SAMPLES
from copylint.engine import Linter

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None, silence_logs=40)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def _corpus(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md"))
    for i in range(30):
        src = samples[i % len(samples)]
        extra = f"\n\nStory {i}: the the end,here.\n" if i % 2 else ""
        (d / f"{i:02d}-{src.name}").write_text(src.read_text(encoding="utf-8") + extra, encoding="utf-8")
    (d / "zz-binary.txt").write_bytes(b"\x00\x00")
    return d


def _shape(results):
    return [(r.path, r.error, r.notice, r.words, r.findings) for r in results]


def test_dask_matches_local(tmp_path, client):
    from copylint.distributed import check_corpus_dask

    d = _corpus(tmp_path)
    paths = [str(d), str(tmp_path / "missing")]
    overrides = {"select": ("spacing", "repetition", "duplicate", "boilerplate", "placeholder", "punctuation")}
    local = Linter(overrides, isolated=True).check_paths(paths)
    warnings: list[str] = []
    remote = check_corpus_dask(paths, client, overrides=overrides, isolated=True, chunk_size=4,
                               warnings=warnings)
    assert len(remote) == 32
    assert _shape(remote) == _shape(local)
    assert any(r.findings for r in remote) and sum(1 for r in remote if r.error) == 2
    # the workers kept one Linter each for these settings, whatever the number of chunks
    counts = client.run(lambda: len(__import__("copylint.distributed", fromlist=["_LINTERS"])._LINTERS))
    assert set(counts.values()) <= {0, 1} and sum(counts.values()) >= 1


def test_dask_with_spacy_rules(tmp_path, client):
    """Every default rule, spaCy loaded on a worker (one file: one worker pays the load)."""
    from copylint.distributed import check_corpus_dask

    p = tmp_path / "council-budget.txt"
    p.write_bytes((SAMPLES / "council-budget.txt").read_bytes())
    local = Linter(isolated=True).check_paths([str(p)])
    remote = check_corpus_dask([str(p)], client, isolated=True)
    assert _shape(remote) == _shape(local)
