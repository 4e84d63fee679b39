"""The code's shape, checked: rules do not import the fixer, the fixer does not import the rules."""
import ast
import re
from pathlib import Path

from spacy.glossary import GLOSSARY

import copylint

PKG = Path(copylint.__file__).parent


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def _modules(folder: str) -> list[Path]:
    return sorted((PKG / folder).rglob("*.py"))


def test_rules_do_not_import_the_fixer():
    for path in _modules("checks"):
        assert not {m for m in _imports(path) if m.startswith("copylint.fix")}, path


def test_the_fixer_does_not_import_the_rules():
    for path in _modules("fix"):
        bad = {m for m in _imports(path) if m.startswith(("copylint.rule", "copylint.checks", "copylint.engine"))}
        assert not bad, (path, bad)


def test_article_maps_offsets_publicly():
    """The fixer reads the article's offset map through its public segments (no private fields)."""
    from copylint.readers import load_article

    art = load_article("a.md", "# Title\n\nSome *bold* words.\n", "markdown")
    segs = art.segments
    assert art.in_file_order and segs
    assert all(s.text_start <= s.text_end and s.raw_start <= s.raw_end for s in segs)
    assert "".join(art.text[s.text_start:s.text_end] for s in segs) == art.text
    for s in segs:
        if s.copied:
            assert art.raw[s.raw_start:s.raw_end] == art.text[s.text_start:s.text_end]
    bold = art.text.index("bold")
    assert art.replacement(bold, bold + 4, "BOLD") == "BOLD"            # plain prose in the file
    some = art.text.index("Some")
    assert art.replacement(some, bold + 4, "x") is None                 # markup inside the span
    for path in _modules("fix"):
        assert not re.search(r"\b(?:article|art)\._", path.read_text(encoding="utf-8")), path


def test_no_rule_module_imports_another():
    """A module of copylint/checks that registers rules imports no other such module (helpers
    without rules, such as a shared index, may be imported)."""
    from copylint.rule import all_rules

    rule_modules = {cls.__module__ for cls in all_rules().values()}
    for path in _modules("checks"):
        if path.name == "__init__.py":
            continue
        bad = {m for m in _imports(path) if m in rule_modules or m.rsplit(".", 1)[0] in rule_modules}
        assert not bad, (path, bad)


def test_rule_modules_are_discovered(tmp_path, monkeypatch):
    """A new rule is one new file in copylint/checks: no import list to edit."""
    import importlib
    import sys

    import copylint.checks
    from copylint.rule import REGISTRY

    pkg = tmp_path / "extra_checks"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "sub" / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "sub" / "made_up.py").write_text(
        "from copylint.rule import Rule, register\n\n@register\nclass MadeUp(Rule):\n"
        "    id = 'test-made-up'\n    family = 'testing'\n    summary = 'A test rule.'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(REGISTRY, "test-made-up", raising=False)
    try:
        copylint.checks._import_all("extra_checks", [str(pkg)])
        assert "test-made-up" in REGISTRY
    finally:
        REGISTRY.pop("test-made-up", None)
        for name in [m for m in sys.modules if m.startswith("extra_checks")]:
            del sys.modules[name]
    importlib.invalidate_caches()


_WORD = re.compile(r"[a-z][a-z'.\-]*")


def _words_of(node: ast.AST) -> list[str] | None:
    """The words a module-level literal lists, if it is a word list: a set, frozenset, tuple or list
    of lower-case words (``"a b c".split()`` included), or a dict keyed by them; else None."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("frozenset", "set", "tuple"):
        return _words_of(node.args[0]) if len(node.args) == 1 else None
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split"
            and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
        return node.func.value.value.split()
    if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
        elts = node.elts
    elif isinstance(node, ast.Dict):
        elts = node.keys
    else:
        return None
    if not all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in elts):
        return None
    return [e.value for e in elts]


#: spaCy's pipeline components (a rule's ``needs`` names them) and dependency labels: a table of
#: these is code reading the parse, not a word list
_LABELS = frozenset({"tok2vec", "tagger", "parser", "ner", "lemmatizer", "attribute_ruler", "senter",
                     "morphologizer", "wordfit"}) | frozenset(k for k in GLOSSARY if k.islower())


def _lexical(s: str) -> bool:
    """A word (lower case) or a punctuation mark: an entry of a word list or a pattern table."""
    return bool(_WORD.fullmatch(s)) or (0 < len(s) <= 2 and not any(c.isalnum() or c.isspace() for c in s))


def _table_of(node: ast.AST) -> list[str] | None:
    """The entries of a module-level pattern table: a word list (see ``_words_of``) that may hold
    punctuation marks, or a dict keyed by words whose values are strings or collections of them
    (``{"was": "were"}``, ``{"this": ("these", "are were")}``); else None."""
    if isinstance(node, ast.Dict):
        if not all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys):
            return None
        out = [k.value for k in node.keys]
        for v in node.values:
            if isinstance(v, ast.Constant) and isinstance(v.value, str):
                out.extend(v.value.split())
            elif isinstance(v, (ast.Tuple, ast.List, ast.Set)) and all(
                    isinstance(e, ast.Constant) and isinstance(e.value, str) for e in v.elts):
                out.extend(w for e in v.elts for w in e.value.split())
            else:
                return None
        return out
    return _words_of(node)


def _code_tables(source: str) -> list[str]:
    """Module-level word lists and pattern tables written in Python: five words or more, or any
    table of two or more entries that are all words or punctuation marks (spaCy's labels and
    component names aside)."""
    found = []
    for node in ast.parse(source).body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            words = _words_of(node.value)
            if words and len(words) >= 5 and all(_WORD.fullmatch(w) for w in words):
                found.append(f"{node.lineno} {ast.unparse(target)}")
                continue
            entries = _table_of(node.value)
            if (entries and len(entries) >= 2 and all(_lexical(w) for w in entries)
                    and sum(bool(_WORD.fullmatch(w)) for w in entries) >= 2 and not set(entries) <= _LABELS):
                found.append(f"{node.lineno} {ast.unparse(target)}")
    return found


def test_rules_keep_no_word_lists_in_python():
    """Word lists and pattern tables live in rules/ behind copylint.data, where an editor can read
    and change them."""
    found = [f"{path.name}:{where}" for path in _modules("checks")
             for where in _code_tables(path.read_text(encoding="utf-8"))]
    assert not found, found


def test_the_word_list_check_sees_a_word_list():
    for src in ('X = frozenset("one two three four five".split())', 'X = {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}',
                'X = ("the", "a", "an", "and", "of")'):
        words = _words_of(ast.parse(src).body[0].value)
        assert words and len(words) == 5, src
    assert _words_of(ast.parse('X = frozenset({"VB", "VBD"})').body[0].value) == ["VB", "VBD"]


def test_the_word_list_check_sees_a_pattern_table():
    """Small tables of words, of words and punctuation, and of words mapped to words are caught
    (grammar.py's agreement tables were all three); labels, feature names and needs are not."""
    for src in ('_VERBS = {"was": "were", "is": "are", "has": "have", "does": "do"}',
                '_EDGE = frozenset({",", ";", "(", "that", "whether", "because"})',
                '_DEM = {"this": ("these", "are were"), "these": ("this", "is was has")}',
                '_JOINS: frozenset[str] = frozenset({"and", "or"})',
                'X = ("the", "a", "an", "and", "of")'):
        assert _code_tables(src), src
    for src in ('_NEEDS = frozenset({"parser", "lemmatizer"})', 'POS = ("NOUN", "VERB", "ADJ")',
                'DEPS = frozenset({"compound", "amod", "nmod"})',
                'FEATURES = ("disc", "rank_gap", "log_p_obs")', '_LEVELS = {"error": Severity.ERROR, "info": Severity.INFO}',
                'X = frozenset({"a"})', 'X = ("(", ")", "[")'):
        assert not _code_tables(src), src


def test_the_rule_data_loads_from_a_checkout_without_its_install():
    """``copylint.ruledata`` is the checkout's ``rules/`` only through the install (pyproject's
    package-dir, an editable install's import finder). A Python that imports copylint from the
    checkout without it (``-S``: no site-packages, so no editable finder; likewise while ``pip install
    -e`` rewrites the finder, or with the checkout on ``PYTHONPATH`` of another environment) still
    reads the rule data, from the checkout's ``rules/`` (on main: "No module named
    copylint.ruledata")."""
    import subprocess
    import sys

    from conftest import ROOT

    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from copylint import data; "
            "print(data.root(), sorted(data.words('months'))[:1])")
    out = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, timeout=60, cwd="/")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [str(ROOT / "rules"), "['april']"]
