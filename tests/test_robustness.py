"""Real files in a newsroom (issue 11): FIFOs, exclude patterns, symlinks and owners under --fix,
per-file fail-on, deep Markdown, file modes, input errors in machine formats, the text report's
lines, widths and colours, --quiet, broken configs, stale temporary files, the pre-commit hook's
file filter, and the small points (unknown rules in the library, explain FAMILY, -o over an
input, the name of standard input)."""
import json
import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

FAULTY = "The council met on Monday and the the plan passed.\n"


def _json(args, cwd=None, stdin=None):
    code, out, err = run_cli(["check", "--no-cache", "--format", "json", *map(str, args)], cwd=cwd, stdin=stdin)
    assert "Traceback" not in err and "internal error" not in err, err
    return code, json.loads(out), err


def _checked(data):
    return sorted(Path(f["path"]).name for f in data["files"])


# 1. anything that is not a regular file is skipped with a notice, never read ---------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_skipped_in_a_folder_and_by_name(tmp_path):
    os.mkfifo(tmp_path / "p.md")
    (tmp_path / "z.txt").write_text(FAULTY, encoding="utf-8")
    for args in ([str(tmp_path)], [str(tmp_path / "p.md"), str(tmp_path / "z.txt")]):
        proc = subprocess.run([sys.executable, "-m", "copylint.cli", "check", "--isolated", "--no-cache",
                               "-f", "json", *args], capture_output=True, text=True, timeout=300)
        data = json.loads(proc.stdout)
        assert proc.returncode == 1, proc.stderr
        assert _checked(data) == ["z.txt"]
        assert "p.md" in proc.stderr and "FIFO" in proc.stderr and "skipped" in proc.stderr


def test_read_source_refuses_a_fifo_without_blocking(tmp_path):
    from copylint.sources import read_source

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs")
    os.mkfifo(tmp_path / "late.txt")  # became a FIFO after it was listed
    src = read_source(str(tmp_path / "late.txt"), 1000)
    assert src.error and "not a regular file" in src.error


# 2. exclude: in the config (relative to its folder) and on the command line -------------------------
def test_exclude_from_the_config_and_the_command_line(tmp_path):
    root = tmp_path / "newsroom"
    (root / "archive" / "2019").mkdir(parents=True)
    (root / "drafts").mkdir()
    (root / ".copylint.toml").write_text('exclude = ["archive/", "*.draft.md"]\n', encoding="utf-8")
    for rel in ("archive/2019/old.txt", "drafts/a.draft.md", "drafts/live.txt", "drafts/other.txt"):
        (root / rel).write_text(FAULTY, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code, data, _ = _json([root], cwd=elsewhere)  # patterns are relative to the config, not the cwd
    assert _checked(data) == ["live.txt", "other.txt"]
    code, data, _ = _json([root, "--exclude", "newsroom/drafts/other.txt"], cwd=tmp_path)
    assert _checked(data) == ["live.txt"]
    # a file named explicitly is skipped too, as git refuses to add an ignored file, but not silently
    code, data, err = _json([root / "drafts" / "a.draft.md", root / "drafts" / "live.txt"])
    assert _checked(data) == ["live.txt"] and code == 1
    assert "a.draft.md" in err and "excluded by exclude in" in err and ".copylint.toml" in err
    # --isolated ignores the config, and with it its patterns
    code, data, _ = _json([root, "--isolated"])
    assert _checked(data) == ["a.draft.md", "live.txt", "old.txt", "other.txt"]


def test_exclude_patterns_are_gitignore_style(tmp_path):
    from copylint.sources import expand

    (tmp_path / "a" / "b").mkdir(parents=True)
    for rel in ("top.md", "a/x.md", "a/b/deep.md", "a/b/keep.md"):
        (tmp_path / rel).write_text(FAULTY, encoding="utf-8")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        found = expand(["."], exclude=("**/b/*.md", "!a/b/keep.md", "/top.md"))
    finally:
        os.chdir(old)
    assert sorted(Path(f).as_posix() for f in found.files) == ["a/b/keep.md", "a/x.md"]


# 3. --fix through a symlink keeps the link, the owner and the mode ------------------------------
def test_fix_through_a_symlink_keeps_link_owner_and_mode(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    target = real / "story.txt"
    target.write_text(FAULTY, encoding="utf-8")
    target.chmod(0o640)
    owner = None
    if os.geteuid() == 0:
        os.chown(target, 1234, 2345)
        owner = (1234, 2345)
    link = tmp_path / "story.txt"
    link.symlink_to(target)
    code, out, err = run_cli(["check", "--isolated", "--no-cache", "--fix", str(link)])
    assert code == 0, out + err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == FAULTY.replace("the the", "the")
    st = target.stat()
    assert stat.S_IMODE(st.st_mode) == 0o640
    if owner:
        assert (st.st_uid, st.st_gid) == owner
    assert not list(real.glob(".copylint-*")) and not list(tmp_path.glob(".copylint-*"))


def test_a_file_whose_owner_cannot_be_kept_is_rewritten_in_place(tmp_path, monkeypatch):
    from copylint import fileio

    p = tmp_path / "shared.txt"
    p.write_text("old text\n", encoding="utf-8")
    inode = p.stat().st_ino
    real_stat = os.stat

    def foreign_stat(path, *a, **k):  # the file belongs to a colleague
        st = real_stat(path, *a, **k)
        if str(path) == str(p):
            return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid + 1,
                                   st.st_gid, st.st_size, st.st_atime, st.st_mtime, st.st_ctime))
        return st

    def refuse(*_a, **_k):
        raise PermissionError("not yours")

    monkeypatch.setattr(fileio.os, "stat", foreign_stat)
    monkeypatch.setattr(fileio.os, "chown", refuse)
    fileio.atomic_write(str(p), "new text\n")
    monkeypatch.undo()
    assert p.read_text(encoding="utf-8") == "new text\n" and p.stat().st_ino == inode
    assert not list(tmp_path.glob(".copylint-*"))


def test_hard_links_stay_linked(tmp_path):
    from copylint.fileio import atomic_write

    a = tmp_path / "a.txt"
    a.write_text("one\n", encoding="utf-8")
    os.link(a, tmp_path / "b.txt")
    atomic_write(str(a), "two\n")
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "two\n"


# 4. each file is judged by its own fail-on, whatever the order ---------------------------------
def test_exit_code_does_not_depend_on_argument_order(tmp_path):
    lenient = tmp_path / "lenient"
    strict = tmp_path / "strict"
    lenient.mkdir()
    strict.mkdir()
    (lenient / ".copylint.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    (lenient / "a.txt").write_text(FAULTY, encoding="utf-8")       # warnings only: passes here
    (strict / "b.txt").write_text("The council met.\n", encoding="utf-8")
    a, b = str(lenient / "a.txt"), str(strict / "b.txt")
    assert run_cli(["check", "--no-cache", a, b])[0] == 0
    assert run_cli(["check", "--no-cache", b, a])[0] == 0
    (strict / "b.txt").write_text(FAULTY, encoding="utf-8")        # warnings fail here
    assert run_cli(["check", "--no-cache", a, b])[0] == 1
    assert run_cli(["check", "--no-cache", b, a])[0] == 1
    assert run_cli(["check", "--no-cache", "--fail-on", "error", b, a])[0] == 0  # the flag is for all


# 6. deep Markdown is checked, or the part that is not is named ---------------------------------
def _nested_list(depth: int, last: str) -> str:
    return "Intro.\n\n" + "".join("  " * i + "- item\n" for i in range(depth)) + "  " * depth + f"- {last}\n"


def test_markdown_nested_nine_deep_is_checked(tmp_path):
    p = tmp_path / "deep.md"
    p.write_text(_nested_list(9, "The the deep item."), encoding="utf-8")
    code, data, err = _json(["--isolated", "--select", "repetition", p])
    assert [f["line"] for f in data["files"][0]["findings"]] == [12]


def test_markdown_nested_too_deep_is_named(tmp_path):
    p = tmp_path / "abyss.md"
    p.write_text(_nested_list(60, "The the deep item."), encoding="utf-8")
    code, data, err = _json(["--isolated", "--select", "repetition", p])
    assert re.search(r"abyss\.md: lines \d+-\d+: nested more than 100 Markdown levels deep, not checked", err)


# 7. report files and cache files respect the umask ---------------------------------------------
@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_report_and_cache_files_respect_the_umask(tmp_path, mask, mode):
    (tmp_path / "a.txt").write_text(FAULTY, encoding="utf-8")
    old = os.umask(mask)
    try:
        run_cli(["check", "--isolated", "--cache-dir", str(tmp_path / "cache"), "-f", "json",
                 "-o", str(tmp_path / "report.json"), str(tmp_path / "a.txt")], env={"COPYLINT_NO_CACHE": ""})
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.json").stat().st_mode) == mode
    for name in ("CACHEDIR.TAG", ".gitignore"):
        assert stat.S_IMODE((tmp_path / "cache" / name).stat().st_mode) == mode
    entries = list((tmp_path / "cache").rglob("*.json"))
    assert entries and all(stat.S_IMODE(e.stat().st_mode) == mode for e in entries)


# 8. input errors in JSON and GitHub output ------------------------------------------------------
def test_input_errors_in_json_and_github(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(FAULTY, encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02" * 10)
    missing = tmp_path / "missing.md"
    code, data, err = _json(["--isolated", good, binary, missing])
    assert code == 2
    errors = {Path(e["path"]).name: e["message"] for e in data["errors"]}
    assert set(errors) == {"bin.txt", "missing.md"}
    assert "binary" in errors["bin.txt"] and "no such file" in errors["missing.md"]
    assert data["summary"]["errors"] == 2 and _checked(data) == ["good.txt"]
    code, out, _ = run_cli(["check", "--isolated", "--no-cache", "-f", "github", str(good), str(missing)])
    assert code == 2
    assert f"::error file={missing},title=copylint input error::{missing}: no such file or directory" in out
    assert f"::warning file={good},line=1" in out


# 5. a huge article's report is written a finding at a time, never held whole --------------------
def _many_findings(n=200):
    from copylint.engine import FileResult
    from copylint.finding import Finding, Related, Severity

    raw = "".join(f"Line {i} has the the slip.\n" for i in range(n))
    found = [Finding("repeated-word", 0, 0, f"'the' repeated ({i})", severity=Severity(1 + i % 3), line=i + 1,
                     column=10, end_line=i + 1, end_column=17, suggestion="the" if i % 2 else None,
                     related=[Related(0, 0, "first", line=1, column=1, end_line=1, end_column=4)] if i % 5 == 0 else [])
             for i in range(n)]
    results = [FileResult("big.txt", findings=found), FileResult("clean.txt"),
               FileResult("gone.txt", error="gone.txt: no such file or directory")]
    return results, {"big.txt": raw}


@pytest.mark.parametrize("fmt", ["json", "text", "github", "sarif"])
def test_reports_come_in_pieces_that_join_to_the_report(tmp_path, fmt):
    from copylint.fileio import atomic_write
    from copylint.reporters import REPORTERS, pieces
    from copylint.reporters.json import as_dict

    results, sources = _many_findings()
    whole = REPORTERS[fmt](results, sources=sources)
    parts = list(pieces(fmt, results, sources=sources))
    assert "".join(parts) == whole
    if fmt == "json":  # the shape json.dumps gives the whole structure
        assert whole == json.dumps(as_dict(results), ensure_ascii=False, indent=2) + "\n"
    if fmt in ("json", "text"):  # a finding at a time: no piece grows with the number of findings
        assert len(parts) > 200 and max(map(len, parts[1:-1])) < 1000
    out = tmp_path / "report"
    atomic_write(str(out), pieces(fmt, results, sources=sources))
    assert out.read_text(encoding="utf-8") == whole


# 9. the excerpt is the finding's line, whatever separators the line holds -----------------------
@pytest.mark.parametrize("sep", ["\u2028", "\x85", "\f", "\v", "\u2029"])
def test_text_report_shows_the_right_line(tmp_path, sep):
    p = tmp_path / "a.txt"
    p.write_text(f"First line{sep}still the first.\nThe council met the the next day.\n", encoding="utf-8")
    code, out, _ = run_cli(["check", "--isolated", "--no-cache", "--select", "repetition", str(p)])
    assert f"{p}:2:" in out
    assert "     2 | The council met the the next day." in out
    line = next(ln for ln in out.splitlines() if ln.startswith("     2 | "))
    caret = next(ln for ln in out.splitlines() if set(ln.strip()) == {"^"})
    assert line.index("the the") == caret.index("^")


# 10. width, wide characters, NO_COLOR, plurals, visible suggestions -----------------------------
def test_text_report_follows_the_terminal_width(tmp_path):
    p = tmp_path / "long.txt"
    filler = " ".join(f"word{i}" for i in range(40))
    p.write_text(f"{filler} and the the end {filler}\n", encoding="utf-8")
    code, out, _ = run_cli(["check", "--isolated", "--no-cache", "--select", "repetition", str(p)],
                           env={"COLUMNS": "60"})
    src = next(ln for ln in out.splitlines() if ln.startswith("     1 | "))
    assert len(src) <= 60 and "the the" in src
    caret = next(ln for ln in out.splitlines() if set(ln.strip()) == {"^"})
    assert src.index("the the") == caret.index("^")


def test_a_finding_on_a_very_long_line_reads_only_its_window(monkeypatch):
    """Minified HTML and text with no line breaks put every finding on one line of a megabyte: the
    excerpt measures only the characters it shows, not the whole line for each finding."""
    import importlib

    from copylint.engine import FileResult
    from copylint.finding import Finding

    report = importlib.import_module("copylint.reporters.text")  # the package's `text` is a function
    filler = "word " * 40_000
    raw = f"{filler}the the end {filler}\n"
    col = raw.index("the the") + 1
    measured = []
    real = report.get_character_cell_size
    monkeypatch.setattr(report, "get_character_cell_size", lambda ch: measured.append(ch) or real(ch))
    f = Finding("repeated-word", 0, 0, "'the' repeated", line=1, column=col, end_line=1, end_column=col + 7)
    out = report.render([FileResult("a.txt", findings=[f] * 3)], sources={"a.txt": raw}, width=80)
    assert len(measured) < 3 * 400  # about the width a finding, never the line's 400,000 characters
    src = next(ln for ln in out.splitlines() if ln.startswith("     1 | "))
    caret = next(ln for ln in out.splitlines() if set(ln.strip()) == {"^"})
    assert len(src) <= 80 and src.startswith("     1 | …") and src.endswith("…")
    assert src.index("the the") == caret.index("^") and caret.count("^") == 7


def test_a_span_longer_than_the_width_is_shown_from_its_start_to_the_cut():
    from copylint.engine import FileResult
    from copylint.finding import Finding
    from copylint.reporters.text import render

    sentence = "The council said on Monday that the new road would open next year after a long delay. "
    raw = "Intro. " + sentence * 4 + "\n"
    f = Finding("duplicate-sentence", 0, 0, "repeats", line=1, column=8, end_line=1, end_column=len(raw))
    out = render([FileResult("a.txt", findings=[f])], sources={"a.txt": raw}, width=80)
    src = next(ln for ln in out.splitlines() if ln.startswith("     1 | "))
    caret = next(ln for ln in out.splitlines() if set(ln.strip()) == {"^"})
    assert len(src) <= 80 and src.endswith("…")  # not the whole span wrapped over lines
    assert caret.index("^") == src.index("The council") and len(caret) == len(src) - 1


def test_carets_line_up_after_wide_characters():
    from rich.cells import cell_len

    from copylint.engine import FileResult
    from copylint.finding import Finding
    from copylint.reporters.text import render

    raw = "北京 👍 says the the plan works.\n"
    col = raw.index("the the") + 1
    f = Finding("repeated-word", 0, 0, "'the' repeated", line=1, column=col, end_line=1, end_column=col + 7)
    out = render([FileResult("a.txt", findings=[f])], sources={"a.txt": raw})
    src = next(ln for ln in out.splitlines() if ln.startswith("     1 | "))
    caret = next(ln for ln in out.splitlines() if set(ln.strip()) == {"^"})
    assert cell_len(src[:src.index("the the")]) == caret.index("^")
    assert caret.count("^") == 7


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    from copylint.cli import use_color

    class Tty:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(False, Tty())
    assert not use_color(True, Tty())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(False, Tty())
    monkeypatch.setenv("NO_COLOR", "")  # the convention: set and not empty
    assert use_color(False, Tty())


def test_plurals_and_visible_space_suggestions(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("The council  met the the next day.\n", encoding="utf-8")
    code, out, _ = run_cli(["check", "--isolated", "--no-cache", "--select", "spacing,repetition", str(p)])
    assert "2 findings in 1 file (2 warnings)" in out
    assert "suggestion: a single space" in out


# 11. -q prints no summary ----------------------------------------------------------------------
def test_quiet_prints_findings_but_no_summary(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(FAULTY, encoding="utf-8")
    code, out, _ = run_cli(["check", "--isolated", "--no-cache", "-q", str(p)])
    assert code == 1 and "repeated-word" in out
    assert "Summary" not in out and "1 finding in 1 file" not in out


# 12. a broken config is reported once, with its line --------------------------------------------
@pytest.mark.parametrize("content, line", [('select = ["spacing"\nfoo = 1\n', 2),
                                           ('select = ["spacing"]\n\nselekt = ["x"]\n', 3)])
def test_broken_config_is_reported_once_with_its_line(tmp_path, content, line):
    (tmp_path / ".copylint.toml").write_text(content, encoding="utf-8")
    for name in ("a.txt", "b.txt", "c.md"):
        (tmp_path / name).write_text(FAULTY, encoding="utf-8")
    code, out, err = run_cli(["check", "--no-cache", str(tmp_path)])
    assert code == 2
    errors = [ln for ln in err.splitlines() if ln.startswith("copylint: error: ")]
    assert len(errors) == 1, err
    assert f".copylint.toml:{line}: " in errors[0]


def test_pyproject_key_line_is_below_its_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nselekt = 1\n\n[tool.copylint]\nselect = ["spacing"]\nselekt = ["x"]\n',
        encoding="utf-8")
    (tmp_path / "a.txt").write_text(FAULTY, encoding="utf-8")
    code, _, err = run_cli(["check", "--no-cache", str(tmp_path / "a.txt")])
    assert code == 2 and "pyproject.toml:7: unknown key 'selekt'" in err


# 13. temporary files a killed --fix left behind are cleaned up ----------------------------------
def test_stale_temporary_files_are_removed(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(FAULTY, encoding="utf-8")
    dead = tmp_path / ".copylint-999999999-abcd1234.tmp"      # its process is gone
    old = tmp_path / ".copylint-x1y2z3.tmp"                   # an hour old
    live = tmp_path / f".copylint-{os.getppid()}-busy.tmp"     # another run, still writing
    for t in (dead, old, live):
        t.write_text("partial", encoding="utf-8")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    code, _, err = run_cli(["check", "--isolated", "--no-cache", "--fix", str(p)])
    assert code == 0, err
    assert not dead.exists() and not old.exists() and live.exists()


def test_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    from copylint import fileio

    p = tmp_path / "a.txt"
    p.write_text("before\n", encoding="utf-8")

    def killed(*_a):
        raise SystemExit(143)  # what SIGTERM becomes in the CLI

    monkeypatch.setattr(fileio.os, "replace", killed)
    with pytest.raises(SystemExit):
        fileio.atomic_write(str(p), "after\n")
    assert p.read_text(encoding="utf-8") == "before\n"
    assert not list(tmp_path.glob(".copylint-*"))


# 14. the pre-commit hook picks the documented extensions only -----------------------------------
def test_precommit_hook_selects_only_articles():
    yaml = pytest.importorskip("yaml")
    identify = pytest.importorskip("identify.identify")
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))

    def selected(name):  # pre-commit's filter: files/exclude regexes, then types, types_or
        if not re.search(hook.get("files", ""), name) or re.search(hook.get("exclude", "^$"), name):
            return False
        tags = identify.tags_from_filename(name) or {"text"}
        return set(hook.get("types", ["file"])) - {"file"} <= tags and (
            not hook.get("types_or") or bool(set(hook["types_or"]) & tags))

    for name in ("drafts/a.md", "b.markdown", "c.txt", "d.html", "e.htm", "F.MD"):
        assert selected(name), name
    for name in ("README", "LICENSE", "NEWS", "tool.py", "notes.rst", "data.json"):
        assert not selected(name), name


# 15. the smaller points -------------------------------------------------------------------------
def test_library_rejects_an_unknown_rule():
    from copylint import check_text
    from copylint.config import Config, ConfigError
    from copylint.engine import Linter

    with pytest.raises(ConfigError, match="unknown rule or family 'no-such-rule'"):
        Config(select=("no-such-rule",))
    with pytest.raises(ConfigError, match="severity"):
        Config(severity=(("repeated-word", "loud"),))
    with pytest.raises(ConfigError, match="no-such-rule"):
        Linter({"ignore": ("no-such-rule",)}).check_text("The the end.")
    with pytest.raises(ConfigError, match="fail-on"):
        Config(fail_on="sometimes")
    assert check_text("The the end.", config=Config(select=("repetition",)))


def test_explain_takes_a_family():
    code, out, _ = run_cli(["explain", "spacing"])
    assert code == 0
    for rid in ("missing-space-after-punctuation", "double-space", "space-before-punctuation"):
        assert f"\n{rid} (spacing" in "\n" + out
    code, _, err = run_cli(["explain", "nothing-like-it"])
    assert code == 2 and "unknown rule or family" in err


def test_output_never_overwrites_an_input(tmp_path):
    p = tmp_path / "story.md"
    p.write_text(FAULTY, encoding="utf-8")
    code, _, err = run_cli(["check", "--isolated", "--no-cache", "-f", "json", "-o", str(p), str(tmp_path)])
    assert code == 2 and "one of the files being checked" in err
    assert p.read_text(encoding="utf-8") == FAULTY


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_standard_input_has_one_name(fmt):
    code, out, err = run_cli(["check", "--isolated", "--no-cache", "-f", fmt, "-"], stdin=FAULTY)
    assert code == 1
    assert "<stdin>" in out
    if fmt == "json":
        assert json.loads(out)["files"][0]["path"] == "<stdin>"
    code, _, err = run_cli(["check", "--isolated", "--no-cache", "-f", fmt, "-"], stdin="\x00binary")
    assert code == 2 and "copylint: error: <stdin>: binary" in err
