#!/usr/bin/env python3
"""Build ``rules/language_words.toml``, the function words by which copylint tells an article that
is not in English (``copylint/language.py``): for English and for each other language written in
the Latin alphabet that spaCy knows, its stop-word list (``spacy/lang/XX/stop_words.py``, MIT
licence), lower case, one-word entries only, straight apostrophes.

Languages whose list is shorter than ``--min-words`` are left out (too few words to count on).

Usage:  python tools/build_language_words.py [--min-words 50]
"""
from __future__ import annotations

import argparse
import importlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: spaCy's languages written in the Latin alphabet (the others are told apart by their script)
LATIN = ("en af ca cs da de dsb es et eu fi fo fr ga gd hr hsb ht hu id is it kmr la lb lg lij lt lv ms "
         "nb nl nn pl pt ro sk sl sq sv tl tn tr vi yo").split()

HEADER = """\
# Function words by language (spaCy's stop-word lists, spacy/lang/XX/stop_words.py, MIT licence;
# spaCy {version}): copylint/language.py counts them to tell an article that is not in English.
# Built by tools/build_language_words.py; do not edit by hand.
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-words", type=int, default=50)
    args = ap.parse_args()
    import spacy

    names, lists = [], []
    for lang in LATIN:
        try:
            words = importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
        except ImportError:
            continue
        words = sorted({w.lower().replace("\u2019", "'") for w in words if w.strip() and " " not in w.strip()})
        if len(words) < args.min_words:
            continue
        names.append(f'{lang} = "{spacy.util.get_lang_class(lang).__name__}"\n')
        lists.append(f"{lang} = [\n" + "".join(f'  "{w}",\n' for w in words) + "]\n")
    out = [HEADER.format(version=spacy.__version__), "[names]\n" + "".join(names), "[words]\n" + "\n".join(lists)]
    (ROOT / "rules" / "language_words.toml").write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()
