"""The command line: ``copylint check``, ``copylint rules``, ``copylint explain``.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings at or above it; 2 a usage, config
or input error (a one-line message on stderr; the other files are still checked and reported);
3 a bug in copylint; 4 checked, but a configured grammar backend (LanguageTool) was unavailable.
"""
from __future__ import annotations

import os
import shutil
import sys
from typing import List, Optional

import typer

from copylint import __version__
from copylint.exitcodes import INPUT_ERROR as EXIT_ERROR

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False,
                  help="copylint: a copy-editing linter for news articles.")


def _die(message: str) -> "typer.Exit":
    typer.echo(f"copylint: error: {message}", err=True)
    return typer.Exit(EXIT_ERROR)


def _split(values: Optional[List[str]]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


def _version(value: bool):
    if value:
        typer.echo(f"copylint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")):
    """copylint: a copy-editing linter for news articles."""


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="Files or directories to check; - reads standard input."),
    fmt: str = typer.Option("text", "--format", "-f", help="text, json, github, sarif or html."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Lowest severity that fails the run: error, warning or info (default warning)."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules or families (comma-separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules or families (comma-separated)."),
    extend_select: Optional[List[str]] = typer.Option(None, "--extend-select", help="Add rules or families to the selection."),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", help="Skip files matching these gitignore-style patterns (comma-separated, relative to the current directory); adds to the config's exclude."),
    config: Optional[str] = typer.Option(None, "--config", help="Use this config file for every file (no discovery)."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore every config file."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline to load (an installed package name or a path)."),
    no_color: bool = typer.Option(False, "--no-color", help="Plain text output even on a terminal (also when NO_COLOR is set)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing for files without findings; no summary."),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe mechanical fixes in place; with -, print the fixed text on stdout (the report goes to stderr)."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff of what --fix would change, and change nothing."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=0, help="Worker processes for large batches (0 = one per core)."),
    cache_dir: Optional[str] = typer.Option(None, "--cache-dir", help="Where to cache results (default .copylint_cache; env COPYLINT_CACHE_DIR)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the result cache (env COPYLINT_NO_CACHE=1)."),
):
    """Check articles and report what a sub-editor would circle."""
    from copylint.config import ConfigError
    from copylint.engine import Linter, exit_code
    from copylint.finding import Severity
    from copylint.nlp import ModelError
    from copylint.reporters import REPORTERS, pieces
    from copylint.sources import display_path

    if fmt not in REPORTERS:
        raise _die(f"unknown format '{fmt}' (use {', '.join(REPORTERS)})")
    overrides: dict = {}
    try:
        from copylint.config import check_severity_ids
        for name, values in (("select", select), ("ignore", ignore), ("extend_select", extend_select)):
            ids = _split(values)
            try:  # a rule, a family, ALL or a kind of a rule (RULE.KIND)
                check_severity_ids(ids, f"--{name.replace('_', '-')}", allow_all=True)
            except ConfigError as exc:
                raise _die(str(exc)) from None
            if ids:
                overrides[name] = ids
        if "select" in overrides:
            # a selection on the command line replaces the config's selection and its ignores
            overrides.setdefault("ignore", ())
            overrides.setdefault("extend_select", ())
        if exclude:
            overrides["exclude"] = _split(exclude)
        if model:
            overrides["spacy_model"] = model
        if fail_on is not None:
            if fail_on not in ("error", "warning", "info"):
                raise _die(f"--fail-on: expected error, warning or info, got '{fail_on}'")
        if (fix or diff) and "-" in paths and len(paths) > 1:
            raise _die("--fix/--diff with - (standard input) takes no other path")
        from copylint.cache import Cache, cache_disabled
        cache = None if no_cache or cache_disabled() else Cache(cache_dir)
        linter = Linter(overrides, config_file=config, isolated=isolated,
                        keep_articles=fmt in ("text", "html") or fix or diff, cache=cache)
        if jobs != 1:
            from copylint.parallel import check_paths_parallel
            results = check_paths_parallel(linter, list(paths), jobs)
        else:
            results = linter.check_paths(list(paths))
    except ConfigError as exc:
        raise _die(str(exc))
    except ModelError as exc:
        raise _die(str(exc))
    for w in linter.warnings:
        typer.echo(f"copylint: warning: {w}", err=True)
    printed: set[str] = set()
    for r in results:
        if r.error:
            if r.error not in printed:  # a broken config shared by many files: said once
                printed.add(r.error)
                typer.echo(f"copylint: error: {r.error}", err=True)
        elif r.notice and not quiet:
            typer.echo(f"copylint: {display_path(r.path)}: {r.notice}", err=True)
    if output:
        _refuse_to_overwrite_an_input(output, results)
    fix_failed = False
    if fix or diff:
        from copylint.fix import run_fixes
        fix_failed, diff_code = run_fixes(linter, results, diff=diff, output=output, quiet=quiet)
        if diff_code is not None:
            raise typer.Exit(diff_code)
    to_stderr = fix and "-" in paths  # the fixed text is on stdout
    stream = sys.stderr if to_stderr else sys.stdout
    if fmt == "text":
        on_terminal = output is None and stream.isatty()
        color = output is None and use_color(no_color, stream)
        width = shutil.get_terminal_size().columns if on_terminal or os.environ.get("COLUMNS") else None
        report = pieces(fmt, results, color=color, width=width, summary=not quiet)
        if quiet and not any(r.findings for r in results):
            report = iter(())
    else:
        report = pieces(fmt, results, warnings=linter.warnings)
    # written as it is made, a finding at a time for text and JSON (never held whole)
    if output:
        from copylint.fileio import atomic_write
        try:
            atomic_write(output, report)
        except OSError as exc:
            raise _die(f"{output}: cannot write the report ({exc.strerror or exc})")
    else:
        for piece in report:
            stream.write(piece)
        stream.flush()
    if fail_on is not None:
        threshold = Severity.parse(fail_on)
    else:  # each file's findings are judged by its own config's fail-on
        def threshold(r):
            return Severity.parse(linter.config_for(r.path).fail_on)
    raise typer.Exit(EXIT_ERROR if fix_failed else exit_code(results, threshold, linter.backend_unavailable))


def use_color(no_color: bool, stream) -> bool:
    """Colour only on a terminal, and never with ``--no-color`` or ``NO_COLOR`` set (no-color.org)."""
    return not no_color and not os.environ.get("NO_COLOR") and stream.isatty()


def _refuse_to_overwrite_an_input(output: str, results) -> None:
    """``-o`` naming a file that is being checked would replace an article with a report."""
    if not os.path.exists(output):
        return
    for r in results:
        if r.path == "-":
            continue
        try:
            same = os.path.samefile(output, r.path)
        except OSError:
            continue
        if same:
            raise _die(f"-o {output}: that is one of the files being checked; not overwritten "
                       "(write the report elsewhere)")


@app.command("rules")
def rules_cmd(fmt: str = typer.Option("text", "--format", "-f", help="text or json.")):
    """List every rule: id, family, default severity, summary."""
    from copylint.rule import all_rules

    rules = all_rules()
    if fmt == "json":
        import json
        typer.echo(json.dumps([{"id": r.id, "family": r.family, "severity": str(r.severity),
                                "default_enabled": r.default_enabled, "fixable": r.fixable,
                                "summary": r.summary,
                                "kinds": {k: str(level) for k, level in r.kind_levels().items()}}
                               for r in rules.values()], indent=2))
        return
    width = max(len(r) for r in rules)
    fam_w = max(len(r.family) for r in rules.values())
    for rid, r in rules.items():
        off = "" if r.default_enabled else " (off by default)"
        typer.echo(f"{rid:<{width}}  {r.family:<{fam_w}}  {str(r.severity):<7}  {r.summary}{off}")


@app.command()
def explain(rule: str = typer.Argument(..., help="A rule id or a family, as listed by 'copylint rules'.")):
    """Print a rule's documentation and its examples (every rule of a family, given its name)."""
    from copylint.rule import all_rules, render_example

    rules = all_rules()
    chosen = [rules[rule]] if rule in rules else [c for c in rules.values() if c.family == rule]
    if not chosen:
        raise _die(f"unknown rule or family '{rule}' (see 'copylint rules')")

    def show(title, examples):
        if examples:
            typer.echo(f"\n{title}:")
            for ex in examples:
                typer.echo("  - " + render_example(ex, "[[", "]]", newline="\n    "))

    if len(chosen) > 1:
        typer.echo(f"family {rule}: {', '.join(c.id for c in chosen)}")
    for k, cls in enumerate(chosen):
        if len(chosen) > 1:
            typer.echo("\n" + "=" * 72 + "\n")
        typer.echo(f"{cls.id} ({cls.family}, {cls.severity}{', fixable' if cls.fixable else ''}"
                   f"{', needs spaCy' if cls.needs else ''}{'' if cls.default_enabled else ', off by default'})")
        typer.echo(f"\n{cls.summary}\n")
        typer.echo(cls.doc())
        if cls.kinds:
            first = f"{cls.id}.{next(iter(cls.kinds))}"
            typer.echo(f"\nKinds (each one's level is set by name: severity = {{ \"{first}\" = \"warning\" }}):")
            for name, (level, what) in cls.kinds.items():
                typer.echo(f"  - {cls.id}.{name} ({level}): {what}")
        show("Flags (the span in [[ ]], and what it should be after the arrow)", cls.flags)
        show("Does not flag", cls.passes)


@app.command()
def server():
    """Run the language server for editors: LSP over standard input and output (see the README)."""
    from copylint.preload import serve
    serve()


def main() -> None:
    from copylint.entry import run
    run(app)


if __name__ == "__main__":
    main()
