"""What ``--fix`` and ``--diff`` print: the unified diff, the errors and the count of fixes."""
from __future__ import annotations

import difflib
import sys

from copylint import exitcodes
from copylint.fileio import atomic_write
from copylint.fix.write import fix_results
from copylint.sources import display_path


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff (``--- a/path``/``+++ b/path``), marking a missing final newline as git does."""
    a = before.splitlines(keepends=True)
    b = after.splitlines(keepends=True)
    out = []
    for line in difflib.unified_diff(a, b, fromfile=f"a/{path}", tofile=f"b/{path}"):
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def run_fixes(linter, results, diff: bool, output: str | None = None,
              quiet: bool = False) -> tuple[bool, int | None]:
    """The command line's ``--fix``/``--diff``: (some fix failed, the exit code when the run ends
    here). ``--diff`` prints the diff (to ``output`` when given) and ends the run: exit 1 when a
    file would change, 0 when none would, 2 when an input could not be checked. ``--fix`` rewrites
    the files (standard input: the fixed text is printed) and lets the report of what remains follow."""
    outcomes = fix_results(linter, results, write=not diff)
    failed = False
    for o in outcomes:
        if o.error:
            print(f"copylint: error: {o.error}", file=sys.stderr)
            failed = True
    changed = [o for o in outcomes if o.changed and not o.error]
    n_fixes = sum(o.applied for o in changed)
    if diff:
        text = "".join(unified_diff(display_path(o.path), o.original, o.fixed)
                       for o in changed)
        if output:
            atomic_write(output, text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
        if not quiet:
            print(f"copylint: {n_fixes} fix(es) would be applied to {len(changed)} file(s)", file=sys.stderr)
        if failed or any(r.error for r in results):
            return failed, exitcodes.INPUT_ERROR
        return failed, exitcodes.FINDINGS if changed else exitcodes.OK
    stdin = [r for r in results if r.path == "-" and not r.error]
    if stdin:
        fixed = {o.path: o.fixed for o in outcomes if not o.error}
        art = stdin[0].article
        sys.stdout.write(fixed.get("-", art.raw if art is not None else ""))
        sys.stdout.flush()
    if not quiet and changed:
        print(f"copylint: fixed {n_fixes} finding(s) in {len(changed)} file(s)", file=sys.stderr)
    return failed, None
