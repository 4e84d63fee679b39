"""SARIF 2.1.0: the format GitHub code scanning and many editors read.

One run per invocation. ``tool.driver.rules`` describes every registered rule (id, a readable name,
the summary, the documentation, the default level, the family); each result points at its rule by
``ruleId`` and ``ruleIndex``. Locations are relative to the current directory when the file is
under it (``uriBaseId`` ``%SRCROOT%``, declared in ``originalUriBaseIds``), absolute ``file:`` URIs
otherwise. Lines and columns are 1-based with exclusive end columns, as in copylint; columns count
characters, which the run declares with ``columnKind: "unicodeCodePoints"``. Files that could not
be checked, notices and run-level warnings are ``toolExecutionNotifications`` of the invocation,
which is ``executionSuccessful: false`` when an input could not be checked.
"""
from __future__ import annotations

import json as _json
import os
import re
from pathlib import Path
from urllib.parse import quote

from copylint import __version__
from copylint.sources import STDIN_NAME, display_path

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_STDIN = ("-", "<stdin>")


def _rule_name(rule_id: str) -> str:
    """``repeated-word`` -> ``RepeatedWord`` (SARIF's readable rule name)."""
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[^0-9A-Za-z]+", rule_id) if p) or rule_id


def _plain(markdown: str) -> str:
    """The text of a summary without Markdown code ticks."""
    return markdown.replace("`", "")


def _help_markdown(cls) -> str:
    from copylint.rule import render_example

    parts = [cls.summary, "", cls.doc()]

    def examples(title, items):
        if items:
            parts.extend(["", f"**{title}**", ""])
            for ex in items:
                parts.append("- " + render_example(ex, "**", "**", newline=" / "))

    examples("Flags (the span in bold)", cls.flags)
    examples("Does not flag", cls.passes)
    return "\n".join(parts).strip()


def _descriptor(cls) -> dict:
    doc = cls.doc() or _plain(cls.summary)
    return {
        "id": cls.id,
        "name": _rule_name(cls.id),
        "shortDescription": {"text": _plain(cls.summary), "markdown": cls.summary},
        "fullDescription": {"text": doc},
        "help": {"text": doc, "markdown": _help_markdown(cls)},
        "defaultConfiguration": {"level": _LEVEL[str(cls.severity)], "enabled": bool(cls.default_enabled)},
        "properties": {"family": cls.family, "tags": ["copy-editing", cls.family],
                       "fixable": bool(cls.fixable), "needsParse": bool(cls.needs)},
    }


def _dynamic_descriptor(rule_id: str, family: str, severity: str) -> dict:
    """A rule known only from its findings (e.g. a LanguageTool rule ``lt:...``)."""
    return {
        "id": rule_id,
        "name": _rule_name(rule_id),
        "shortDescription": {"text": f"{rule_id} ({family or 'external'} rule)"},
        "defaultConfiguration": {"level": _LEVEL[severity]},
        "properties": {"family": family, "tags": ["copy-editing", family] if family else ["copy-editing"]},
    }


class _Locator:
    """Turns the paths copylint was given into SARIF artifact locations."""

    def __init__(self, base: str | None = None) -> None:
        self.base = Path(base or os.getcwd()).resolve()
        self.used_base = False

    def artifact(self, path: str) -> dict:
        if path in _STDIN:
            return {"description": {"text": STDIN_NAME}}
        p = Path(path)
        absolute = (p if p.is_absolute() else self.base / p).resolve()
        try:
            rel = absolute.relative_to(self.base)
        except ValueError:
            return {"uri": absolute.as_uri()}
        self.used_base = True
        return {"uri": quote(rel.as_posix(), safe="/"), "uriBaseId": SRCROOT}

    def base_ids(self) -> dict:
        uri = self.base.as_uri()
        return {SRCROOT: {"uri": uri if uri.endswith("/") else uri + "/"}}


def _region(obj) -> dict:
    return {"startLine": obj.line, "startColumn": obj.column,
            "endLine": obj.end_line, "endColumn": obj.end_column}


def _message(f) -> str:
    msg = f.message
    if f.suggestion is not None and f.suggestion != "":
        msg += f" (suggestion: {f.suggestion})"
    return msg


def as_dict(results, warnings: list[str] | tuple[str, ...] = (), base: str | None = None) -> dict:
    from copylint.rule import all_rules

    registered = all_rules()
    rules: list[dict] = [_descriptor(cls) for cls in registered.values()]
    index = {d["id"]: i for i, d in enumerate(rules)}
    loc = _Locator(base)
    out_results: list[dict] = []
    notes: list[dict] = []
    failed = False
    for r in results:
        artifact = loc.artifact(r.path)
        if r.error:
            failed = True
            notes.append({"level": "error", "message": {"text": r.error},
                          "locations": [{"physicalLocation": {"artifactLocation": artifact}}],
                          "descriptor": {"id": "input-error"}})
            continue
        if r.notice:
            notes.append({"level": "note", "message": {"text": f"{display_path(r.path)}: {r.notice}"},
                          "locations": [{"physicalLocation": {"artifactLocation": artifact}}],
                          "descriptor": {"id": "input-notice"}})
        for f in r.findings:
            sev = str(f.severity)
            if f.rule not in index:
                index[f.rule] = len(rules)
                rules.append(_dynamic_descriptor(f.rule, f.family, sev))
            res: dict = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": _LEVEL[sev],
                "message": {"text": _message(f)},
                "locations": [{"physicalLocation": {"artifactLocation": dict(artifact),
                                                    "region": _region(f)}}],
                "properties": {"family": f.family, "severity": sev},
            }
            if f.suggestion is not None:
                res["properties"]["suggestion"] = f.suggestion
            if f.related:
                res["relatedLocations"] = [
                    {"id": k, "message": {"text": rel.message or "related"},
                     "physicalLocation": {"artifactLocation": dict(artifact), "region": _region(rel)}}
                    for k, rel in enumerate(f.related, start=1)]
            if f.fix is not None and "uri" in artifact:
                what = f"Replace with '{f.fix}'" if f.fix else "Delete"
                res["fixes"] = [{
                    "description": {"text": what},
                    "artifactChanges": [{
                        "artifactLocation": dict(artifact),
                        "replacements": [{"deletedRegion": _region(f), "insertedContent": {"text": f.fix}}],
                    }],
                }]
            out_results.append(res)
    for w in warnings:
        notes.append({"level": "warning", "message": {"text": w}, "descriptor": {"id": "run-warning"}})
    invocation: dict = {"executionSuccessful": not failed}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    run: dict = {
        "tool": {"driver": {"name": "copylint", "version": __version__, "semanticVersion": __version__,
                            "rules": rules}},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": out_results,
    }
    if loc.used_base:
        run["originalUriBaseIds"] = loc.base_ids()
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(results, warnings: list[str] | tuple[str, ...] = (), **_options) -> str:
    return _json.dumps(as_dict(results, warnings=warnings), ensure_ascii=False, indent=2) + "\n"
