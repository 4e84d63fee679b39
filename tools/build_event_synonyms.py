#!/usr/bin/env python3
"""Build ``rules/event_synonyms.txt``, the synonym sets of verbs and event nouns that
``number-mismatch`` reads to tell whether two durations measure one event ("settled for 30,000
years" and "lived there for 20,000 years" are spans of two events; "jailed for 10 years" and
"imprisoned for 12 years" one), from WordNet 3.0 (Princeton University; Debian's ``wordnet-base``,
files in ``/usr/share/wordnet``).

Each line of the output is one WordNet synset of verbs or nouns: its single-word lemmas that are
common English words (wordfreq's Zipf frequency ``--min-zipf`` or more: a word copy uses), kept
when two or more are left. Two words are synonyms for the rule when one line holds both. WordNet's
licence allows copying and distributing the database with its notice, which the file keeps.

Usage:  python tools/build_event_synonyms.py [--wordnet /usr/share/wordnet] [--min-zipf 2.5]
"""
from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: WordNet's licence, kept in every file derived from it (tools/build_noun_classes.py too)
WORDNET_LICENCE = """\
#   WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
#   Permission to use, copy, modify and distribute this software and database and its
#   documentation for any purpose and without fee or royalty is hereby granted, provided that you
#   agree to comply with the following copyright notice and statements, including the disclaimer,
#   and that the same appear on ALL copies of the software, database and documentation, including
#   modifications that you make for internal use or for distribution.
#   THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
#   REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
#   PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS FOR
#   ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL
#   NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.
#   The name of Princeton University or Princeton may not be used in advertising or publicity
#   pertaining to distribution of the software and/or database. Title to copyright in this
#   software, database and any associated documentation shall at all times remain with Princeton
#   University and LICENSEE agrees to preserve same.
"""

NOTICE = """\
# Synonym sets of verbs and nouns (one WordNet synset a line, its single-word lemmas that are common
# English words, two or more a line): number-mismatch reads them to tell whether two durations
# measure one event (the same governing verb or event noun, or two of one line).
#
# Derived by tools/build_event_synonyms.py from WordNet 3.0 (Debian package "wordnet-base"),
# lemmas of Zipf frequency >= {zipf} (wordfreq). WordNet's licence:
#
""" + WORDNET_LICENCE


def synsets(path: Path):
    """The lemmas of each synset of a WordNet ``data.*`` file, lower case, in the file's order."""
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue  # the licence at the top of the file
        fields = line.split()
        count = int(fields[3], 16)
        yield [fields[4 + 2 * i].lower() for i in range(count)]


def build(wordnet: Path, min_zipf: float) -> list[str]:
    """The synonym sets, one line each: a synset's common single-word lemmas, two or more."""
    from wordfreq import zipf_frequency

    lines, seen = [], set()
    for pos in ("verb", "noun"):
        for lemmas in synsets(wordnet / f"data.{pos}"):
            kept = sorted({w for w in lemmas if w.isalpha() and zipf_frequency(w, "en") >= min_zipf})
            if len(kept) > 1 and tuple(kept) not in seen:
                seen.add(tuple(kept))
                lines.append(" ".join(kept))
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"), help="WordNet's dict folder")
    ap.add_argument("--min-zipf", type=float, default=2.5, help="the least common lemma kept (default 2.5)")
    ap.add_argument("--out", type=Path, default=ROOT / "rules" / "event_synonyms.txt")
    args = ap.parse_args()
    if not (args.wordnet / "data.verb").exists():
        raise SystemExit(f"WordNet is missing at {args.wordnet}: apt-get install wordnet-base")
    lines = build(args.wordnet, args.min_zipf)
    args.out.write_text(NOTICE.format(zipf=args.min_zipf) + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(lines)} synonym sets ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
