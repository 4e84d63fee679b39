import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

# Tests never read ../shared (a user's clone has none) and never reach a real LanguageTool.
os.environ.pop("COPYLINT_LANGUAGETOOL_URL", None)
# The CLI caches results by default; tests opt in (tests/test_cache.py), so none depends on another's run.
os.environ["COPYLINT_NO_CACHE"] = "1"
os.environ.pop("COPYLINT_CACHE_DIR", None)


@pytest.fixture(scope="session")
def linter():
    from copylint.engine import Linter

    return Linter(isolated=True)


def run_cli(args, cwd=None, stdin=None, env=None):
    """Run the installed CLI in-process through typer's runner; returns (exit_code, stdout, stderr)."""
    from typer.testing import CliRunner

    from copylint.cli import app

    runner = CliRunner()
    old = os.getcwd()
    try:
        if cwd:
            os.chdir(cwd)
        res = runner.invoke(app, args, input=stdin, env=env, catch_exceptions=False)
    finally:
        os.chdir(old)
    return res.exit_code, res.stdout, res.stderr
