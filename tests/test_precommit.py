"""The pre-commit hook for real: a throwaway git repository installs copylint's hook from this
checkout with the ``pre-commit`` tool, a commit with a faulty draft is refused with the findings
shown, and allowed once the draft is fixed.

pre-commit clones the hook repository at a revision, so the test snapshots this working tree
(tracked and untracked files, not ignored ones) into a temporary repository and points the
config at its commit. Building the hook's environment installs copylint and its dependencies with
pip (from the pip cache or PyPI): about 15 s with a warm cache. Marked slow: ``pytest -m "not
slow"`` skips it; CI runs it."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

FAULTY = "Council budget\n\nThe council met the the next day and approved the plan.\n"
FIXED = "Council budget\n\nThe council met the next day and approved the plan.\n"


def _run(args, cwd, env, timeout=600):
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def _snapshot(dest: Path, env) -> str:
    """Copy this checkout's working tree into a fresh repository at ``dest``; return its commit."""
    listed = _run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                  ROOT, env)
    if listed.returncode != 0:
        pytest.skip("not a git checkout: cannot build the hook repository")
    for rel in sorted(set(filter(None, listed.stdout.split("\0")))):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    assert (dest / ".pre-commit-hooks.yaml").is_file()
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "snapshot"]):
        r = _run(cmd, dest, env)
        assert r.returncode == 0, r.stderr
    return _run(["git", "rev-parse", "HEAD"], dest, env).stdout.strip()


def test_hook_refuses_a_faulty_draft_then_allows_the_fix(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (test extra)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_AUTHOR_NAME": "Test",
                "GIT_AUTHOR_EMAIL": "test@example.invalid", "GIT_COMMITTER_NAME": "Test",
                "GIT_COMMITTER_EMAIL": "test@example.invalid", "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_CONFIG_GLOBAL": os.devnull, "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"})
    hook_repo = tmp_path / "hook-repo"
    hook_repo.mkdir()
    rev = _snapshot(hook_repo, env)

    work = tmp_path / "newsroom"
    work.mkdir()
    assert _run(["git", "init", "-q"], work, env).returncode == 0
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: copylint\n", encoding="utf-8")
    pre_commit = [sys.executable, "-m", "pre_commit"]
    r = _run([*pre_commit, "install"], work, env)
    assert r.returncode == 0, r.stdout + r.stderr
    r = _run([*pre_commit, "install-hooks"], work, env)          # builds the hook's environment
    assert r.returncode == 0, r.stdout + r.stderr

    (work / "drafts").mkdir()
    (work / "drafts" / "budget.md").write_text(FAULTY, encoding="utf-8")
    _run(["git", "add", "."], work, env)
    r = _run(["git", "commit", "-m", "budget story"], work, env)
    out = r.stdout + r.stderr
    assert r.returncode != 0, out
    assert "copylint" in out and "Failed" in out
    assert "drafts/budget.md:3:17" in out and "repeated-word" in out
    assert _run(["git", "rev-parse", "--verify", "HEAD"], work, env).returncode != 0   # nothing committed

    (work / "drafts" / "budget.md").write_text(FIXED, encoding="utf-8")
    _run(["git", "add", "."], work, env)
    r = _run(["git", "commit", "-m", "budget story"], work, env)
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert "Passed" in out
    assert _run(["git", "log", "--oneline"], work, env).stdout.count("budget story") == 1

    # only articles are checked: code that happens to contain "the the" is not
    (work / "tool.py").write_text("# the the\n", encoding="utf-8")
    _run(["git", "add", "tool.py"], work, env)
    r = _run(["git", "commit", "-m", "a script"], work, env)
    assert r.returncode == 0 and "no files to check" in (r.stdout + r.stderr)

    # nor are extensionless files that identify calls plain text (README, LICENSE, NEWS)
    for name in ("README", "LICENSE", "NEWS"):
        (work / name).write_text("The the notes.\n", encoding="utf-8")
    _run(["git", "add", "README", "LICENSE", "NEWS"], work, env)
    r = _run(["git", "commit", "-m", "notes"], work, env)
    assert r.returncode == 0 and "no files to check" in (r.stdout + r.stderr), r.stdout + r.stderr
