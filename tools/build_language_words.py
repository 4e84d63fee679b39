#!/usr/bin/env python3
"""Build ``rules/language_words.json``, the function words by which copylint tells an article that
is not in English (``copylint/language.py``): for English and for each other language written in
the Latin alphabet that spaCy knows, its stop-word list (``spacy/lang/XX/stop_words.py``, MIT
licence), lower case, one-word entries only, straight apostrophes. JSON, not TOML: it is read at a
process's first article, and JSON parses in 1 ms where the same table in TOML takes 30.

Languages whose list is shorter than ``--min-words`` are left out (too few words to count on).

Usage:  python tools/build_language_words.py [--min-words 50]
"""
from __future__ import annotations

import argparse
import importlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: spaCy's languages written in the Latin alphabet (the others are told apart by their script)
LATIN = ("en af ca cs da de dsb es et eu fi fo fr ga gd hr hsb ht hu id is it kmr la lb lg lij lt lv ms "
         "nb nl nn pl pt ro sk sl sq sv tl tn tr vi yo").split()

ABOUT = ("Function words by language: spaCy's stop-word lists (spacy/lang/XX/stop_words.py, MIT licence; "
         "spaCy {version}). copylint/language.py counts them to tell an article that is not in English. "
         "Built by tools/build_language_words.py; do not edit by hand.")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-words", type=int, default=50)
    args = ap.parse_args()
    import spacy

    names, lists = {}, {}
    for lang in LATIN:
        try:
            words = importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
        except ImportError:
            continue
        words = sorted({w.lower().replace("\u2019", "'") for w in words if w.strip() and " " not in w.strip()})
        if len(words) < args.min_words:
            continue
        names[lang] = spacy.util.get_lang_class(lang).__name__
        lists[lang] = words
    out = {"about": ABOUT.format(version=spacy.__version__), "names": names, "words": lists}
    text = json.dumps(out, ensure_ascii=False, indent=0, sort_keys=False)
    (ROOT / "rules" / "language_words.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
