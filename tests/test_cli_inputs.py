"""The bad-input matrix from the command line: each problem is one line on stderr (never a traceback),
exit code 2, and the other files of the same run are still checked and reported."""
import json
import os

import pytest

from conftest import run_cli

GOOD = "The the council met on Monday.\n"


def _good(tmp_path):
    p = tmp_path / "good.txt"
    p.write_text(GOOD, encoding="utf-8")
    return p


def _run(*args, cwd=None, stdin=None):
    code, out, err = run_cli(["check", "--isolated", "--no-cache", "--format", "json", *map(str, args)],
                             cwd=cwd, stdin=stdin)
    assert "Traceback" not in err and "internal error" not in err, err
    return code, out, err


def _error_lines(err):
    return [line for line in err.splitlines() if line.startswith("copylint: error: ")]


def _reported(out):
    return {f["path"]: [x["rule"] for x in f["findings"]] for f in json.loads(out)["files"]}


def _bad_inputs(tmp_path):
    """(path, words the one-line message must contain) for every kind of bad input."""
    cases = []
    cases.append((tmp_path / "missing.txt", ["missing.txt", "no such file"]))
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    (empty_dir / "notes.docx").write_bytes(b"PK\x03\x04")
    cases.append((empty_dir, ["nothing", "no .txt"]))
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    cases.append((binary, ["image.txt", "binary"]))
    undecodable = tmp_path / "garbage.txt"
    undecodable.write_bytes(b"text \x81\x8d\xfd" * 10 + b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20)
    cases.append((undecodable, ["garbage.txt", "not UTF-8"]))
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.write(b"The council met. " * (20_000_000 // 17 + 1))
    cases.append((big, ["big.txt", "too large"]))
    bad_cfg_dir = tmp_path / "badcfg"
    bad_cfg_dir.mkdir()
    (bad_cfg_dir / ".copylint.toml").write_text('selekt = ["spacing"]\n', encoding="utf-8")
    (bad_cfg_dir / "a.txt").write_text(GOOD, encoding="utf-8")
    cases.append((bad_cfg_dir / "a.txt", ["selekt", ".copylint.toml"]))
    return cases


def test_each_bad_input_alone(tmp_path):
    for path, words in _bad_inputs(tmp_path):
        code, out, err = run_cli(["check", "--no-cache", "--format", "json", str(path)])
        assert code == 2, (path, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("copylint: error: "), (path, err)
        for w in words:
            assert w in lines[0], (path, w, lines[0])
        assert "Traceback" not in err


def test_bad_inputs_do_not_hide_good_files(tmp_path):
    good = _good(tmp_path)
    bad = _bad_inputs(tmp_path)
    code, out, err = run_cli(["check", "--no-cache", "--format", "json", *(str(p) for p, _ in bad), str(good)])
    assert code == 2
    assert len(_error_lines(err)) == len(bad), err
    assert _reported(out)[str(good)] == ["repeated-word"]


def test_cp1252_decodes_with_a_notice(tmp_path):
    p = tmp_path / "legacy.txt"
    p.write_bytes("The caf\u00e9 \u2013 \u201cthe the\u201d best \u2013 opened.\n".encode("cp1252"))
    code, out, err = _run(p)
    assert code == 1
    assert "decoded as cp1252" in err
    assert _reported(out)[str(p)] == ["repeated-word"]
    f = json.loads(out)["files"][0]["findings"][0]
    assert (f["line"], f["column"]) == (1, 13)  # columns count characters, not bytes


def test_empty_and_blank_files_exit_0(tmp_path):
    for name, data in (("empty.txt", b""), ("blank.md", b"\n\n  \r\n"), ("bom.txt", b"\xef\xbb\xbf")):
        p = tmp_path / name
        p.write_bytes(data)
        code, out, err = _run(p)
        assert code == 0, (name, err)
        assert "empty" in err


def test_utf16_with_bom_is_read(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("The the council met.\n".encode("utf-16"))
    code, out, err = _run(p)
    assert code == 1 and _reported(out)[str(p)] == ["repeated-word"]


def test_broken_toml_names_the_file(tmp_path):
    d = tmp_path / "proj"
    d.mkdir()
    (d / "pyproject.toml").write_text("[tool.copylint\nselect = 1\n", encoding="utf-8")
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    other = _good(tmp_path)
    code, out, err = run_cli(["check", "--no-cache", "--format", "json", str(d / "a.txt"), str(other)])
    assert code == 2
    [line] = _error_lines(err)
    assert "pyproject.toml" in line and "TOML" in line
    assert _reported(out)[str(other)] == ["repeated-word"]


def test_bad_value_names_the_key(tmp_path):
    d = tmp_path / "proj"
    d.mkdir()
    (d / ".copylint.toml").write_text('max-file-size = "lots"\n', encoding="utf-8")
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    code, out, err = run_cli(["check", "--no-cache", str(d)])
    assert code == 2
    [line] = _error_lines(err)
    assert "max-file-size" in line


def test_explicit_bad_config_file(tmp_path):
    cfg = tmp_path / "lint.toml"
    cfg.write_text('ignore = ["no-such-rule"]\n', encoding="utf-8")
    code, out, err = run_cli(["check", "--no-cache", "--config", str(cfg), str(_good(tmp_path))])
    assert code == 2 and err.count("\n") == 1 and "no-such-rule" in err


def test_binary_on_stdin():
    code, out, err = run_cli(["check", "--isolated", "--no-cache", "-"], stdin="\x00\x01\x02binary")
    assert code == 2 and err.count("\n") == 1 and "binary" in err


def test_file_at_the_size_limit_is_checked(tmp_path):
    d = tmp_path / "proj"
    d.mkdir()
    (d / ".copylint.toml").write_text('max-file-size = "1KB"\n', encoding="utf-8")
    (d / "small.txt").write_text("The the council met.\n" * 40, encoding="utf-8")  # 840 bytes
    (d / "large.txt").write_text("The council met.\n" * 100, encoding="utf-8")     # 1700 bytes
    code, out, err = run_cli(["check", "--no-cache", "--format", "json", str(d / "small.txt"), str(d / "large.txt")])
    assert code == 2
    [line] = _error_lines(err)
    assert "large.txt" in line and "too large" in line
    assert "repeated-word" in _reported(out)[str(d / "small.txt")]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path):
    p = _good(tmp_path)
    p.chmod(0)
    try:
        code, out, err = _run(p)
    finally:
        p.chmod(0o644)
    assert code == 2 and "permission denied" in err


def test_broken_symlink(tmp_path):
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    code, out, err = _run(link, _good(tmp_path))
    assert code == 2 and len(_error_lines(err)) == 1 and "dangling.txt" in err


def test_unknown_format_and_rule_are_one_line():
    for args in (["--format", "xml", "x.txt"], ["--select", "nonsense", "x.txt"], ["--fail-on", "never", "x.txt"]):
        code, out, err = run_cli(["check", "--isolated", "--no-cache", *args])
        assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, (args, err)


def test_a_reader_bug_is_exit_3_and_the_other_files_are_checked(tmp_path, monkeypatch):
    """A bug inside a reader is copylint's fault, not the input's: exit code 3, one line naming the
    file, and the run goes on with the other files."""
    import copylint.engine

    real = copylint.engine.load_article

    def broken(path, text, fmt=None, **kw):
        if path.endswith("bad.md"):
            raise IndexError("list index out of range")
        return real(path, text, fmt, **kw)

    monkeypatch.setattr(copylint.engine, "load_article", broken)
    monkeypatch.delenv("COPYLINT_DEBUG", raising=False)
    good = _good(tmp_path)
    bad = tmp_path / "bad.md"
    bad.write_text("Some prose.\n", encoding="utf-8")
    code, out, err = run_cli(["check", "--isolated", "--no-cache", "--format", "json", str(good), str(bad)])
    assert code == 3
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if "bad.md" in line and "internal error" in line and "IndexError" in line]
    assert _reported(out)[str(good)] == ["repeated-word"]


def test_default_size_limit_is_the_documented_one(tmp_path):
    """The default max-file-size is the README's, a file of that size is read, one byte more is an
    input error (read from the file's size, never by reading it all)."""
    import re
    from pathlib import Path

    from copylint.config import Config, _size
    from copylint.sources import read_source

    limit = Config().max_file_size
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    documented = re.search(r'^max-file-size = "([^"]+)"', readme, re.M).group(1)
    assert _size(documented, "README") == limit
    line = "The council met on Monday and agreed the budget for the year.\n"
    at_limit = tmp_path / "at-limit.txt"
    at_limit.write_text(line * (limit // len(line)) + "x" * (limit % len(line)), encoding="utf-8")
    assert at_limit.stat().st_size == limit
    src = read_source(str(at_limit), limit)
    assert src.error is None and len(src.text) == limit
    over = tmp_path / "over.txt"
    with open(over, "wb") as fh:
        fh.truncate(limit + 1)  # sparse: its size is what is judged
    err = read_source(str(over), limit).error
    assert "too large" in err and f"{limit / 1e6:.1f} MB" in err
