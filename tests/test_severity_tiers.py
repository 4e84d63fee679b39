"""A configured level must not flatten the tiers a rule chose for its findings (named kinds)."""
import json

import pytest

from copylint.config import Config, ConfigError, from_mapping
from copylint.engine import Linter
from copylint.finding import Severity
from copylint.rule import all_rules

TEXT = "It rained.  Then it  stopped."


def _levels(severity=()):
    cfg = Config(select=("double-space",), severity=severity)
    found = Linter().check_text(TEXT, path="x.txt", fmt="text", cfg=cfg)
    return [(f.kind, f.severity) for f in found]


def test_default_tiers():
    assert _levels() == [("after-stop", Severity.INFO), (None, Severity.WARNING)]


def test_rule_level_keeps_the_tiers():
    # the rule's own default, written out, changes nothing
    assert _levels((("double-space", "warning"),)) == _levels()
    # raised: the main kind follows, the after-stop hint stays at info
    assert _levels((("double-space", "error"),)) == [("after-stop", Severity.INFO), (None, Severity.ERROR)]
    # the family, likewise
    assert _levels((("spacing", "error"),)) == [("after-stop", Severity.INFO), (None, Severity.ERROR)]


def test_lower_rule_level_quiets_every_kind():
    assert _levels((("double-space", "info"),)) == [("after-stop", Severity.INFO), (None, Severity.INFO)]


def test_a_kind_is_set_by_name():
    assert _levels((("double-space.after-stop", "warning"),)) == [("after-stop", Severity.WARNING),
                                                                   (None, Severity.WARNING)]
    # the kind's own setting wins over the rule's
    assert _levels((("double-space", "info"), ("double-space.after-stop", "error"))) == [
        ("after-stop", Severity.ERROR), (None, Severity.INFO)]


def test_kind_names_are_checked():
    with pytest.raises(ConfigError, match="unknown kind 'double-space.after-comma'.*double-space.after-stop"):
        Config(severity=(("double-space.after-comma", "warning"),))
    cfg = from_mapping({"severity": {"double-space.after-stop": "error"}}, "x.toml")
    assert cfg.severity == (("double-space.after-stop", "error"),)


def test_severity_for_without_kind_keeps_a_lower_level():
    """A finding a rule put below its own level without naming a kind keeps it too."""
    cfg = Config(severity=(("repeated-word", "error"),))
    assert cfg.severity_for("repeated-word", "repetition", Severity.INFO, None, Severity.WARNING) == Severity.INFO
    assert cfg.severity_for("repeated-word", "repetition", Severity.WARNING, None, Severity.WARNING) == Severity.ERROR


def test_every_kind_is_declared_with_a_level_and_a_description():
    for cls in all_rules().values():
        for name, (level, what) in cls.kinds.items():
            assert isinstance(level, Severity) and what, (cls.id, name)
            assert "." not in name and " " not in name, (cls.id, name)


def test_json_output_names_the_kind():
    cfg = Config(select=("double-space",))
    found = Linter().check_text(TEXT, path="x.txt", fmt="text", cfg=cfg)
    assert [f.to_dict()["kind"] for f in found] == ["after-stop", None]


def _kinds(text=TEXT, **settings):
    cfg = Config(**settings)
    return [(f.rule, f.kind) for f in Linter().check_text(text, path="x.txt", fmt="text", cfg=cfg)
            if f.rule == "double-space"]


def test_ignore_names_a_kind():
    # the rule still runs: only the named kind goes
    assert _kinds(select=("double-space",), ignore=("double-space.after-stop",)) == [("double-space", None)]
    assert _kinds(select=("spacing",), ignore=("double-space.after-stop",)) == [("double-space", None)]


def test_select_names_a_kind():
    # selected by one kind only: the rule runs and keeps that kind
    assert _kinds(select=("double-space.after-stop",)) == [("double-space", "after-stop")]
    # selected whole too (by id or family): every kind stays
    assert _kinds(select=("double-space.after-stop", "spacing")) == [("double-space", "after-stop"), ("double-space", None)]
    # extend-select of a kind of a rule already on by default adds nothing and takes nothing away
    assert _kinds(extend_select=("double-space.after-stop",)) == _kinds()


def test_select_and_ignore_check_kind_names():
    for key in ("select", "extend_select", "ignore"):
        with pytest.raises(ConfigError, match="unknown kind 'double-space.after-comma'"):
            Config(**{key: ("double-space.after-comma",)})
    cfg = from_mapping({"ignore": ["double-space.after-stop"]}, "x.toml")
    assert cfg.ignore == ("double-space.after-stop",)


def test_suppression_comment_names_a_kind():
    text = "It rained.  Then it  stopped. copylint: ignore double-space.after-stop\n"
    assert _kinds(text, select=("double-space",)) == [("double-space", None)]
    text = "It rained.  Then it  stopped. copylint: ignore double-space.after-comma\n"
    assert _kinds(text, select=("double-space",)) == [("double-space", "after-stop"), ("double-space", None)]


def test_command_line_names_a_kind(tmp_path):
    from conftest import run_cli

    path = tmp_path / "x.txt"
    path.write_text(TEXT + "\n", encoding="utf-8")
    code, out, _ = run_cli(["check", "--isolated", "--no-cache", "-f", "json", "--select", "double-space",
                            "--ignore", "double-space.after-stop", str(path)])
    assert [f["kind"] for f in json.loads(out)["files"][0]["findings"]] == [None]
    code, _, err = run_cli(["check", "--isolated", "--ignore", "double-space.after-comma", str(path)])
    assert code == 2 and "unknown kind 'double-space.after-comma'" in err
