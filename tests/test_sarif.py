"""--format sarif: valid against the official SARIF 2.1.0 schema (shipped in tests/data, never fetched),
rules metadata, results pointing at the right rule and the right characters, related locations,
fixes, and input errors as tool execution notifications."""
import json
from pathlib import Path

import jsonschema
import pytest

from conftest import run_cli

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
# every format jsonschema knows, so "uri-reference" (not a draft-4 format) is checked too
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())

PARA = "The cuts fall hardest on libraries, and both mobile library vans will be withdrawn."
DRAFT = (
    "Flood relief\n\n"
    "Café owners in Zoë's street 😀 said the the water rose fast.\n\n"
    f"{PARA}\n\n"
    "Volunteers worked  through the night.\n\n"
    f"{PARA}\n"
)


def _sarif(args, cwd):
    code, out, err = run_cli(["check", "--isolated", "--format", "sarif", *args], cwd=cwd)
    log = json.loads(out)
    errors = sorted(VALIDATOR.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    return code, log, err


@pytest.fixture
def draft_dir(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "flood relief.md").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def test_schema_rejects_a_broken_log():
    """The validator really checks: a wrong level, a 0 column and a missing driver name all fail."""
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"ruleId": "r", "level": "warning", "message": {"text": "m"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.md"},
                                             "region": {"startLine": 1, "startColumn": 1}}}]}]}]}
    assert VALIDATOR.is_valid(log)
    bad = json.loads(json.dumps(log))
    bad["runs"][0]["results"][0]["level"] = "warn"
    assert not VALIDATOR.is_valid(bad)
    bad = json.loads(json.dumps(log))
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
    assert not VALIDATOR.is_valid(bad)
    bad = json.loads(json.dumps(log))
    del bad["runs"][0]["tool"]["driver"]["name"]
    assert not VALIDATOR.is_valid(bad)
    bad = json.loads(json.dumps(log))
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "a b\\c:"
    assert not VALIDATOR.is_valid(bad)


def test_rules_metadata(draft_dir):
    from copylint.rule import all_rules

    _, log, _ = _sarif(["news"], draft_dir)
    [run] = log["runs"]
    assert log["version"] == "2.1.0"
    driver = run["tool"]["driver"]
    assert driver["name"] == "copylint"
    rules = {d["id"]: d for d in driver["rules"]}
    registered = all_rules()
    assert set(registered) <= set(rules)
    rw = rules["repeated-word"]
    cls = registered["repeated-word"]
    assert rw["name"] == "RepeatedWord"
    assert rw["shortDescription"]["text"] == cls.summary.replace("`", "")
    assert rw["fullDescription"]["text"] == cls.doc()
    assert "the the" in rw["help"]["markdown"]            # the examples are in the help
    assert rw["defaultConfiguration"]["level"] == "warning"
    assert rw["properties"]["family"] == "repetition"
    for d in driver["rules"]:
        c = registered[d["id"]]
        assert d["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[str(c.severity)]
        assert d["defaultConfiguration"]["enabled"] == c.default_enabled


def test_results_locations_and_columns(draft_dir):
    code, log, _ = _sarif(["news"], draft_dir)
    assert code == 1
    [run] = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == draft_dir.resolve().as_uri() + "/"
    rules = run["tool"]["driver"]["rules"]
    lines = DRAFT.split("\n")
    by_rule = {}
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        [loc] = res["locations"]
        art = loc["physicalLocation"]["artifactLocation"]
        assert art == {"uri": "news/flood%20relief.md", "uriBaseId": "%SRCROOT%"}
        by_rule.setdefault(res["ruleId"], []).append(res)
    [rw] = by_rule["repeated-word"]
    reg = rw["locations"][0]["physicalLocation"]["region"]
    line = lines[reg["startLine"] - 1]
    # columns are code points, 1-based, end exclusive: the emoji before the span counts as one
    assert line[reg["startColumn"] - 1:reg["endColumn"] - 1] == "the the"
    assert reg["startLine"] == reg["endLine"] == 3
    assert rw["level"] == "warning" and "suggestion: the" in rw["message"]["text"]
    [fix] = rw["fixes"]
    [change] = fix["artifactChanges"]
    [rep] = change["replacements"]
    assert rep["deletedRegion"] == reg and rep["insertedContent"]["text"] == "the"
    [ds] = by_rule["double-space"]
    reg = ds["locations"][0]["physicalLocation"]["region"]
    assert lines[reg["startLine"] - 1][reg["startColumn"] - 1:reg["endColumn"] - 1] == "  "
    [dup] = by_rule["duplicate-line"]
    [rel] = dup["relatedLocations"]
    rreg = rel["physicalLocation"]["region"]
    assert (rreg["startLine"], rreg["startColumn"]) == (5, 1)
    assert lines[rreg["startLine"] - 1][rreg["startColumn"] - 1:rreg["endColumn"] - 1] == PARA
    assert dup["locations"][0]["physicalLocation"]["region"]["startLine"] == 9
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_same_findings_as_json(draft_dir):
    _, log, _ = _sarif(["news"], draft_dir)
    _, out, _ = run_cli(["check", "--isolated", "--format", "json", "news"], cwd=draft_dir)
    want = sorted((f["rule"], f["line"], f["column"], f["end_line"], f["end_column"])
                  for f in json.loads(out)["files"][0]["findings"])
    got = sorted((r["ruleId"], *(r["locations"][0]["physicalLocation"]["region"][k]
                                 for k in ("startLine", "startColumn", "endLine", "endColumn")))
                 for r in log["runs"][0]["results"])
    assert got == want and got


def test_input_errors_are_notifications(draft_dir, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "other.txt"
    outside.write_text("It was was late.\n", encoding="utf-8")
    code, log, err = _sarif(["news", "missing.md", str(outside)], draft_dir)
    assert code == 2 and "missing.md" in err
    [run] = log["runs"]
    [inv] = run["invocations"]
    assert inv["executionSuccessful"] is False
    [note] = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and "missing.md" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing.md"
    # a file outside the current directory gets an absolute file URI and no base id
    [other] = [r for r in run["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]
               .get("uri", "").endswith("other.txt")]
    assert other["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": outside.resolve().as_uri()}


def test_clean_run_and_run_warnings(tmp_path):
    from copylint.reporters.sarif import as_dict

    (tmp_path / "ok.txt").write_text("The council met on Tuesday.\n", encoding="utf-8")
    code, log, _ = _sarif(["ok.txt"], tmp_path)
    assert code == 0 and log["runs"][0]["results"] == []
    log = as_dict([], warnings=["LanguageTool server unreachable"])
    assert VALIDATOR.is_valid(log)
    [note] = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "warning" and "unreachable" in note["message"]["text"]


def test_stdin_and_unregistered_rule():
    from copylint.engine import FileResult
    from copylint.finding import Finding, Severity
    from copylint.reporters.sarif import as_dict

    f = Finding(rule="lt:MORFOLOGIK_RULE_EN_GB", start=0, end=3, message="Possible spelling mistake",
                severity=Severity.INFO, family="grammar", line=1, column=1, end_line=1, end_column=4)
    log = as_dict([FileResult("-", findings=[f])])
    assert VALIDATOR.is_valid(log)
    [res] = log["runs"][0]["results"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[res["ruleIndex"]]["id"] == "lt:MORFOLOGIK_RULE_EN_GB" and res["level"] == "note"
    assert "uri" not in res["locations"][0]["physicalLocation"]["artifactLocation"]
