"""--jobs: results from worker processes, in input order, identical to a one-process run."""
import pytest

from conftest import SAMPLES, run_cli
from copylint.engine import NLP_BATCH, Linter
from copylint.parallel import check_paths_parallel, chunked, effective_jobs


def _corpus(tmp_path, n=40):
    d = tmp_path / "corpus"
    d.mkdir()
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md"))
    for i in range(n):
        src = samples[i % len(samples)]
        text = src.read_text(encoding="utf-8")
        if i % 3 == 0:
            text += f"\n\nThe the story {i} ends,here.\n"
        (d / f"{i:03d}-{src.name}").write_text(text, encoding="utf-8")
    (d / "zz-empty.txt").write_text("", encoding="utf-8")
    (d / "zz-binary.txt").write_bytes(b"\x00\x01binary")
    (d / "zz-legacy.txt").write_bytes("Caf\xe9 the the owner said.\n".encode("latin-1"))
    return d


def _shape(results):
    return [(r.path, r.error, r.notice, r.words, r.findings) for r in results]


def test_jobs_2_matches_jobs_1(tmp_path):
    """Every default rule (spaCy loaded in each worker)."""
    d = _corpus(tmp_path, 4)
    paths = [str(d), str(tmp_path / "missing.txt")]
    serial = Linter(isolated=True).check_paths(paths)
    lin = Linter(isolated=True)
    parallel = check_paths_parallel(lin, paths, jobs=2, progress=True)
    assert len(parallel) == len(serial) == 8
    assert _shape(parallel) == _shape(serial)
    assert any(r.findings for r in parallel) and any(r.error for r in parallel)


def test_cli_jobs_output_identical(tmp_path):
    d = _corpus(tmp_path, 40)
    quick = ["--select", "spacing,repetition,duplicate,boilerplate,placeholder,punctuation"]
    one = run_cli(["check", "--isolated", "--format", "json", *quick, str(d)])
    two = run_cli(["check", "--isolated", "--format", "json", "--jobs", "2", *quick, str(d)])
    assert one == two
    assert one[0] == 2  # the binary file is an input error, the others are still reported
    text1 = run_cli(["check", "--isolated", "--no-color", *quick, str(d)])
    text2 = run_cli(["check", "--isolated", "--no-color", "-j", "0", *quick, str(d)])
    assert text1 == text2


def test_helpers():
    assert effective_jobs(0) >= 1 and effective_jobs(3) == 3
    files = [f"f{i}" for i in range(100)]
    chunks = chunked(files, 2)
    assert [f for c in chunks for f in c] == files
    assert max(len(c) for c in chunks) <= NLP_BATCH and len(chunks) >= 2 * 4  # four chunks a worker


def test_single_file_and_stdin_run_here(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("The the end.\n", encoding="utf-8")
    [r] = check_paths_parallel(Linter(isolated=True), [str(p)], jobs=2)
    assert [f.rule for f in r.findings] == ["repeated-word"]
    code, out, err = run_cli(["check", "--isolated", "-j", "2", "-"], stdin="The the end.\n")
    assert code == 1 and "repeated-word" in out


def test_negative_jobs_is_a_usage_error():
    code, out, err = run_cli(["check", "--jobs", "-1", "x.txt"])
    assert code == 2
