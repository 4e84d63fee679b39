"""The command line end to end: formats, exit codes, config, suppression, rules and explain."""
import json
import subprocess
import sys

import pytest

from conftest import SAMPLES, run_cli

FAULTY = "By the end of the year,U.S. forces will leave.\n\nThe council met the the next day.\n"


@pytest.fixture
def draft(tmp_path):
    p = tmp_path / "draft.txt"
    p.write_text(FAULTY, encoding="utf-8")
    return p


def test_json_shape(draft):
    code, out, _ = run_cli(["check", "--isolated", "--format", "json", str(draft)])
    assert code == 1
    data = json.loads(out)
    assert set(data) == {"version", "files", "errors", "summary"}
    assert data["errors"] == []
    assert data["summary"] == {"files": 1, "findings": 2, "errors": 0,
                               "by_severity": {"error": 0, "warning": 2, "info": 0}}
    [f1, f2] = data["files"][0]["findings"]
    assert set(f1) == {"rule", "family", "severity", "line", "column", "end_line", "end_column", "message",
                       "suggestion", "kind", "related"}
    assert (f1["rule"], f1["line"], f1["column"]) == ("missing-space-after-punctuation", 1, 23)
    assert (f2["rule"], f2["line"], f2["column"], f2["end_column"]) == ("repeated-word", 3, 17, 24)
    assert f2["suggestion"] == "the"


def test_text_format_plain_when_not_a_terminal(draft):
    code, out, _ = run_cli(["check", "--isolated", str(draft)])
    assert code == 1
    assert f"{draft}:3:17  warning  repeated-word  'the' repeated" in out
    assert "\x1b[" not in out
    assert "^^^^^^^" in out and "suggestion: the" in out
    assert "2 findings in 1 file" in out


def test_github_format(draft):
    code, out, _ = run_cli(["check", "--isolated", "--format", "github", str(draft)])
    assert code == 1
    assert f"::warning file={draft},line=3,col=17,endLine=3,endColumn=24,title=repeated-word::" in out


def test_fail_on_threshold(draft):
    assert run_cli(["check", "--isolated", "--fail-on", "error", str(draft)])[0] == 0
    assert run_cli(["check", "--isolated", "--fail-on", "info", str(draft)])[0] == 1


def test_stdin():
    code, out, _ = run_cli(["check", "--isolated", "--format", "json", "-"], stdin=FAULTY)
    assert code == 1
    assert json.loads(out)["summary"]["findings"] == 2


def test_select_and_ignore(draft):
    code, out, _ = run_cli(["check", "--isolated", "-f", "json", "--select", "repetition", str(draft)])
    assert [f["rule"] for f in json.loads(out)["files"][0]["findings"]] == ["repeated-word"]
    code, out, _ = run_cli(["check", "--isolated", "-f", "json", "--ignore", "repeated-word,spacing", str(draft)])
    assert code == 0 and json.loads(out)["summary"]["findings"] == 0


def test_unknown_rule_is_a_usage_error(draft):
    code, _, err = run_cli(["check", "--select", "no-such-rule", str(draft)])
    assert code == 2 and "no-such-rule" in err and "Traceback" not in err


def test_config_discovered_walking_up(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.copylint]\nignore = ["spacing"]\nseverity = { repeated-word = "error" }\n', encoding="utf-8")
    sub = tmp_path / "desk" / "drafts"
    sub.mkdir(parents=True)
    (sub / "a.txt").write_text(FAULTY, encoding="utf-8")
    code, out, _ = run_cli(["check", "-f", "json", str(sub)])
    findings = json.loads(out)["files"][0]["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("repeated-word", "error")]
    # CLI flags override the config
    code, out, _ = run_cli(["check", "-f", "json", "--select", "spacing", str(sub)])
    assert [f["rule"] for f in json.loads(out)["files"][0]["findings"]] == ["missing-space-after-punctuation"]


def test_dot_copylint_toml_and_extra_boilerplate(tmp_path):
    (tmp_path / ".copylint.toml").write_text('boilerplate = ["Subscribe to the Daily Brief"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("The council met.\n\nSubscribe to the Daily Brief\n", encoding="utf-8")
    code, out, _ = run_cli(["check", "-f", "json", str(tmp_path / "a.txt")])
    assert [f["rule"] for f in json.loads(out)["files"][0]["findings"]] == ["boilerplate"]


@pytest.mark.parametrize("content,needle", [
    ('[tool.copylint]\nselct = ["spacing"]\n', "selct"),
    ('[tool.copylint]\nselect = ["spaceing"]\n', "spaceing"),
    ('[tool.copylint]\nseverity = { repeated-word = "loud" }\n', "repeated-word"),
    ('[tool.copylint]\nmax-file-size = "big"\n', "max-file-size"),
    ('[tool.copylint\nselect = 1\n', "not valid TOML"),
])
def test_bad_config_names_the_key(tmp_path, content, needle):
    (tmp_path / "pyproject.toml").write_text(content, encoding="utf-8")
    (tmp_path / "a.txt").write_text(FAULTY, encoding="utf-8")
    code, out, err = run_cli(["check", str(tmp_path / "a.txt")])
    assert code == 2
    assert needle in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_suppression_plain_text(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("The council met the the next day. copylint: ignore repeated-word\n\nIt met again again.\n",
                 encoding="utf-8")
    code, out, _ = run_cli(["check", "--isolated", "-f", "json", str(p)])
    assert [(f["rule"], f["line"]) for f in json.loads(out)["files"][0]["findings"]] == [("repeated-word", 3)]


def test_suppression_markdown_ranges_and_file(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("The the one.\n\n<!-- copylint-disable repeated-word -->\n\nThe the two.\n\n"
                 "<!-- copylint-enable repeated-word -->\n\nThe the three.\n\n"
                 "<!-- copylint-disable-next-line repetition -->\nThe the four.\n", encoding="utf-8")
    code, out, _ = run_cli(["check", "--isolated", "-f", "json", str(p)])
    assert [f["line"] for f in json.loads(out)["files"][0]["findings"]] == [1, 9]
    p.write_text("<!-- copylint-disable-file -->\nThe the one.\n", encoding="utf-8")
    code, out, _ = run_cli(["check", "--isolated", "-f", "json", str(p)])
    assert code == 0 and json.loads(out)["summary"]["findings"] == 0


def test_suppression_html(tmp_path):
    p = tmp_path / "a.html"
    p.write_text("<p>The the one.</p>\n<!-- copylint-disable -->\n<p>The the two.</p>\n", encoding="utf-8")
    code, out, _ = run_cli(["check", "--isolated", "-f", "json", str(p)])
    assert [f["line"] for f in json.loads(out)["files"][0]["findings"]] == [1]


def test_rules_and_explain():
    code, out, _ = run_cli(["rules"])
    assert code == 0 and "repeated-word" in out and "repetition" in out
    code, out, _ = run_cli(["explain", "repeated-word"])
    assert code == 0 and "that that" in out and "[[the the → the]]" in out
    code, _, err = run_cli(["explain", "nope"])
    assert code == 2 and "unknown rule" in err


def test_samples_directory_run():
    code, out, _ = run_cli(["check", "--isolated", "-f", "json", str(SAMPLES)])
    assert code == 1
    paths = {f["path"] for f in json.loads(out)["files"]}
    assert any(p.endswith("council-budget.txt") for p in paths)
    assert any(p.endswith("flood-relief.md") for p in paths)


def test_spacy_not_imported_when_no_rule_needs_it(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(FAULTY, encoding="utf-8")
    code = ("import sys\nfrom copylint.engine import Linter\n"
            "from copylint.rule import all_rules\n"
            "ids = tuple(r for r, c in all_rules().items() if not c.needs)\n"
            f"res = Linter({{'select': ids}}, isolated=True).check_paths([{str(p)!r}])\n"
            "assert res[0].findings, res\n"
            "print('spacy' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_library_api(tmp_path):
    from copylint import check_paths, check_text
    from copylint.config import Config

    found = check_text("The the council met.\n")
    assert [(f.rule, f.line, f.column) for f in found] == [("repeated-word", 1, 1)]
    assert check_text("The the council met.\n", config=Config(ignore=("repetition",))) == []
    md = check_text("Run `the the` now, the the end.\n", path="a.md")
    assert [(f.rule, f.column) for f in md] == [("repeated-word", 20)]
    p = tmp_path / "a.txt"
    p.write_text(FAULTY, encoding="utf-8")
    [res] = check_paths([str(p)], config=Config(select=("repetition",)))
    assert [f.rule for f in res.findings] == ["repeated-word"]
