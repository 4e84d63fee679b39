"""``--fix`` and ``--diff``: the safe mechanical fixes that rules attach to their findings.

Three parts, each importing only the one before it: ``plan`` (the edits one article's fixable
findings ask for), ``write`` (applied until stable; files rewritten atomically) and ``output``
(what the command line prints). Rules do not import the fixer: they build a ``fix`` with
``Article.replacement``; the fixer does not import the rules: a finding says itself whether its
fix may be applied (``Finding.autofix``).
"""
from copylint.fix.output import run_fixes, unified_diff
from copylint.fix.plan import Edit, apply, fixable, plan
from copylint.fix.write import MAX_PASSES, FixOutcome, fix_results, fix_text

__all__ = ["Edit", "FixOutcome", "MAX_PASSES", "apply", "fix_results", "fix_text", "fixable", "plan",
           "run_fixes", "unified_diff"]
