"""The result cache: hits for unchanged files, misses for any change, safe with two processes."""
import dataclasses
import json
import os
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT, run_cli
from copylint.cache import Cache, finding_from_dict, finding_to_dict
from copylint.config import Config
from copylint.engine import Linter
from copylint.rule import REGISTRY, Rule

ARTICLE = ("Flood relief arrives in the valley\n\nThe the council met on Monday,in the hall.\n\n"
           "Paris and London sent aid to Leeds.\n\nFlood relief arrives in the valley\n")


class ProperNouns(Rule):
    """Test-only rule that needs a spaCy parse (tags), to count parses."""

    id = "test-proper-noun"
    family = "testing"
    summary = "Proper noun (test only)."
    needs = frozenset({"tagger"})
    default_enabled = False

    def check(self, article):
        for tok in article.doc:
            if tok.tag_ == "NNP":
                yield self.finding(tok.idx, tok.idx + len(tok), "proper noun")


@pytest.fixture
def parses(monkeypatch):
    """Registers the spaCy-needing test rule and counts the documents parsed by spaCy."""
    import copylint.nlp

    monkeypatch.setitem(REGISTRY, ProperNouns.id, ProperNouns)
    count = {"docs": 0}
    real = copylint.nlp.parse

    def counting(nlp, texts, needs, **kw):
        for doc in real(nlp, texts, needs, **kw):
            count["docs"] += 1
            yield doc

    monkeypatch.setattr(copylint.nlp, "parse", counting)
    return count


def _files(tmp_path, n=3):
    paths = []
    for i in range(n):
        p = tmp_path / f"a{i}.txt"
        p.write_text(ARTICLE + f"\nStory number {i} ends here.\n", encoding="utf-8")
        paths.append(str(p))
    return paths


def _linter(cache_dir, **overrides):
    overrides.setdefault("extend_select", ("test-proper-noun",))
    return Linter(overrides, isolated=True, cache=Cache(str(cache_dir)))


def test_round_trip_is_identical(linter):
    findings = linter.check_text(ARTICLE, path="x.txt")
    assert any(f.related for f in findings) and any(f.fix for f in findings)
    back = [finding_from_dict(json.loads(json.dumps(finding_to_dict(f)))) for f in findings]
    assert back == findings
    assert all(dataclasses.asdict(a) == dataclasses.asdict(b) for a, b in zip(back, findings))


def test_second_run_hits_the_cache(tmp_path, parses):
    files = _files(tmp_path)
    cache_dir = tmp_path / "cache"
    first = _linter(cache_dir).check_paths(files)
    assert parses["docs"] == 3
    assert any(f.rule == "test-proper-noun" for r in first for f in r.findings)
    second_linter = _linter(cache_dir)
    second = second_linter.check_paths(files)
    assert parses["docs"] == 3, "an unchanged file was parsed again"
    assert second_linter.cache.hits == 3
    assert [(r.path, r.findings, r.words) for r in second] == [(r.path, r.findings, r.words) for r in first]
    assert (cache_dir / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (cache_dir / ".gitignore").read_text().strip().endswith("*")


def test_changes_miss(tmp_path, parses):
    files = _files(tmp_path)
    cache_dir = tmp_path / "cache"
    _linter(cache_dir).check_paths(files)
    assert parses["docs"] == 3
    # a changed file: only it is parsed again
    with open(files[1], "a", encoding="utf-8") as fh:
        fh.write("\nA new paragraph from Berlin.\n")
    lin = _linter(cache_dir)
    lin.check_paths(files)
    assert parses["docs"] == 4 and lin.cache.hits == 2
    # a changed config: everything misses
    lin = _linter(cache_dir, severity=(("repeated-word", "error"),))
    res = lin.check_paths(files)
    assert parses["docs"] == 7 and lin.cache.hits == 0
    assert {str(f.severity) for r in res for f in r.findings if f.rule == "repeated-word"} == {"error"}
    # a changed rule set: misses too
    lin = _linter(cache_dir, ignore=("duplicate",))
    lin.check_paths(files)
    assert parses["docs"] == 10 and lin.cache.hits == 0


def test_config_key_ignores_source_and_cache_dir():
    a = Config(select=("spacing",), source="a/pyproject.toml", cache_dir="x")
    b = Config(select=("spacing",), source="b/.copylint.toml")
    assert a.key() == b.key()
    assert a.key() != Config(select=("spacing",), dialect="american").key()


def test_a_configs_cache_dir_is_read_from_its_files_folder(tmp_path, monkeypatch):
    """cache-dir, like every path in a configuration, is relative to the config file's folder; one
    from the command line or the environment (``<...>``) to the working directory."""
    monkeypatch.delenv("COPYLINT_CACHE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    cache = Cache()
    from_file = Config(source=str(tmp_path / "site" / "pyproject.toml"), cache_dir="cache")
    assert cache.dir_for(from_file) == str(tmp_path / "site" / "cache")
    assert cache.dir_for(Config(source="<command line>", cache_dir="cache")) == str(tmp_path / "cache")
    assert cache.dir_for(Config(cache_dir="cache")) == str(tmp_path / "cache")


def test_corrupt_entries_are_misses(tmp_path):
    files = _files(tmp_path, 2)
    cache_dir = tmp_path / "cache"
    first = Linter(isolated=True, cache=Cache(str(cache_dir))).check_paths(files)
    entries = list((cache_dir / "v1").rglob("*.json"))
    assert len(entries) == 2
    entries[0].write_text("{not json", encoding="utf-8")
    entries[1].write_text(json.dumps({"key": "other", "findings": [], "words": 0}), encoding="utf-8")
    lin = Linter(isolated=True, cache=Cache(str(cache_dir)))
    again = lin.check_paths(files)
    assert lin.cache.hits == 0 and lin.cache.misses == 2
    assert [r.findings for r in again] == [r.findings for r in first]
    lin = Linter(isolated=True, cache=Cache(str(cache_dir)))
    lin.check_paths(files)
    assert lin.cache.hits == 2  # the corrupt entries were rewritten


def test_unwritable_cache_is_skipped(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    files = _files(tmp_path, 1)
    res = Linter(isolated=True, cache=Cache(str(blocker / "cache"))).check_paths(files)
    assert res[0].error is None and res[0].findings


def test_run_level_warning_is_not_cached(tmp_path, monkeypatch):
    """A backend that is down gives incomplete results: they must not be cached."""

    class Down(Rule):
        """Test-only rule whose backend is down."""

        id = "test-backend-down"
        family = "testing"
        summary = "Backend down (test only)."
        default_enabled = False

        def check(self, article):
            self.warn("backend unreachable")
            return []

    monkeypatch.setitem(REGISTRY, Down.id, Down)
    files = _files(tmp_path, 1)
    cache_dir = tmp_path / "cache"
    lin = Linter({"extend_select": ("test-backend-down",)}, isolated=True, cache=Cache(str(cache_dir)))
    lin.check_paths(files)
    assert lin.warnings == ["backend unreachable"]
    assert not list(cache_dir.rglob("*.json"))


def test_cli_cache_locations(tmp_path, monkeypatch):
    monkeypatch.delenv("COPYLINT_NO_CACHE", raising=False)
    monkeypatch.delenv("COPYLINT_CACHE_DIR", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    (work / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, err = run_cli(["check", "--isolated", "a.txt"], cwd=work)
    assert code == 1 and (work / ".copylint_cache" / "CACHEDIR.TAG").is_file()
    code2, out2, err2 = run_cli(["check", "--isolated", "a.txt"], cwd=work)
    assert (code2, out2) == (code, out)  # a cache hit reports the same
    run_cli(["check", "--isolated", "--cache-dir", str(tmp_path / "elsewhere"), "a.txt"], cwd=work)
    assert list((tmp_path / "elsewhere" / "v1").rglob("*.json"))
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "fromenv"))
    run_cli(["check", "--isolated", "a.txt"], cwd=work)
    assert list((tmp_path / "fromenv" / "v1").rglob("*.json"))
    run_cli(["check", "--isolated", "--no-cache", "--cache-dir", str(tmp_path / "never"), "a.txt"], cwd=work)
    assert not (tmp_path / "never").exists()


def test_config_cache_dir_is_relative_to_the_config(tmp_path, monkeypatch):
    monkeypatch.delenv("COPYLINT_NO_CACHE", raising=False)
    proj = tmp_path / "proj"
    (proj / "drafts").mkdir(parents=True)
    (proj / ".copylint.toml").write_text('cache-dir = "build/lintcache"\n', encoding="utf-8")
    (proj / "drafts" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    run_cli(["check", str(proj / "drafts")], cwd=tmp_path)
    assert (proj / "build" / "lintcache" / "CACHEDIR.TAG").is_file()


WRITER = textwrap.dedent("""
    import sys
    from copylint.cache import Cache
    from copylint.engine import Linter
    cache_dir, files = sys.argv[1], sys.argv[2:]
    for _ in range(3):
        Linter(isolated=True, cache=Cache(cache_dir)).check_paths(files)
""")


def test_two_processes_share_the_cache(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    files = []
    for i in range(60):
        p = src / f"s{i}.md"
        p.write_text(f"# Story {i}\n\nThe the council met on Monday,in hall {i}.\n", encoding="utf-8")
        files.append(str(p))
    cache_dir = tmp_path / "cache"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(cache_dir), *files], env=env,
                              stderr=subprocess.PIPE) for _ in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    entries = list((cache_dir / "v1").rglob("*.json"))
    assert len(entries) == 60
    for e in entries:
        json.loads(e.read_text(encoding="utf-8"))  # every entry whole
    assert not list((cache_dir / "v1").rglob(".tmp-*"))
    lin = Linter(isolated=True, cache=Cache(str(cache_dir)))
    cached = lin.check_paths(files)
    assert lin.cache.hits == 60
    assert [r.findings for r in cached] == [r.findings for r in Linter(isolated=True).check_paths(files)]


def test_rule_data_is_part_of_the_key(tmp_path, monkeypatch):
    """Editing a rules/*.txt or *.toml file changes the key (no error is hidden on the way)."""
    from copylint import cache, data

    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "boilerplate.txt").write_text("Subscribe now\n", encoding="utf-8")
    (folder / "house_style.toml").write_text("[[variant]]\nid = 'a'\n", encoding="utf-8")
    before = data.fingerprint(folder)
    (folder / "boilerplate.txt").write_text("Subscribe now\nSign up\n", encoding="utf-8")
    after_txt = data.fingerprint(folder)
    (folder / "house_style.toml").write_text("[[variant]]\nid = 'b'\n", encoding="utf-8")
    after_toml = data.fingerprint(folder)
    assert len({before, after_txt, after_toml}) == 3
    (folder / "notes.md").write_text("not rule data", encoding="utf-8")
    assert data.fingerprint(folder) == after_toml

    # the installed rule data is read (not silently skipped) and feeds the entry key
    assert data.fingerprint() == data.fingerprint(data.root())
    keys = []
    for fp in ("one", "two"):
        monkeypatch.setattr(data, "fingerprint", lambda folder=None, fp=fp: fp)
        cache.code_fingerprint.cache_clear()
        keys.append(cache.entry_key("text", "a.txt", "text", Config(), ["repeated-word"]))
    cache.code_fingerprint.cache_clear()
    assert keys[0] != keys[1]


def test_a_finding_that_cannot_be_stored_is_a_bug(tmp_path):
    """json.dumps failing is a programming error: raised, not swallowed as a cache miss."""
    from copylint.finding import Finding

    store = Cache(str(tmp_path / "c"))
    bad = Finding("repeated-word", 0, 3, "m", fix=object())  # not JSON data
    with pytest.raises(TypeError):
        store.put(Config(), "ab" * 32, [bad], 3)
