#!/usr/bin/env python3
"""Build ``rules/noun_classes_wordnet.txt``, the noun classes that ``list-intruder`` reads where its
hand table (``rules/noun_classes.toml``) is silent, from WordNet 3.0 (Princeton University; Debian's
``wordnet-base``, files in ``/usr/share/wordnet``, read with nltk as training does).

Each line is one common lower-case single-word noun lemma (wordfreq's Zipf frequency ``--min-zipf``
or more; the rule looks up list members one word each), then its classes: for each class, the sum of the tag counts of its
senses in that class (WordNet's ``cntlist.rev``: how often the sense was tagged in the SemCor texts)
and the number of its senses there: ``car<TAB>artifact.vehicle 73/3 artifact.device 0/1``. The rule
weighs them and judges a word only when one class holds nearly all its weight.

A class is the sense's lexicographer file (``food``, ``substance``, ``phenomenon``, ``animal``,
``person``...). Artifacts, a third of common nouns, are split by their hypernyms into the kinds a
list groups (``ARTIFACT_KINDS``: vehicle, weapon, building, device, clothing...; ``artifact`` where
none is above). A sense of ``noun.Tops`` (``food``, ``animal``, ``plant`` as the most general words)
takes the class most of its direct hyponyms have. WordNet's licence allows copying and
distributing the database with its notice, which the file keeps. CI does not run this script.

Usage:  python tools/build_noun_classes.py [--min-zipf 3.0] [--out rules/noun_classes_wordnet.txt]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "training" / "garble"))

from build_event_synonyms import WORDNET_LICENCE  # noqa: E402

#: the kinds of artifact, each named by the WordNet synsets it holds (and their hyponyms); the first
#: that a sense falls under names its class
ARTIFACT_KINDS = (
    ("weapon", ("weapon.n.01", "weaponry.n.01", "ammunition.n.01", "explosive_device.n.01", "bomb.n.01")),
    ("vehicle", ("conveyance.n.03", "craft.n.02")),
    ("drug", ("drug.n.01",)),
    ("clothing", ("clothing.n.01", "footwear.n.01", "headdress.n.01")),
    ("building", ("building.n.01", "structure.n.01", "facility.n.01", "way.n.06", "establishment.n.04")),
    ("device", ("device.n.01", "equipment.n.01", "machine.n.01", "electronic_equipment.n.01")),
    ("container", ("container.n.01",)),
    ("furniture", ("furnishing.n.02", "furniture.n.01")),
    ("fabric", ("fabric.n.01",)),
    ("commodity", ("commodity.n.01", "consumer_goods.n.01")),
)

HEADER = """\
# Noun classes derived from WordNet: list-intruder reads them where rules/noun_classes.toml is
# silent (the hand table is read first and wins; the judging policy is its [wordnet] section).
# One common lower-case single-word noun lemma a line, a tab, then its classes, each "CLASS
# COUNT/SENSES": the summed WordNet tag counts of its senses in that class and how many senses it
# has there. A class is a lexicographer file (food, substance, phenomenon, person...), artifacts
# split by hypernym (artifact.vehicle, artifact.weapon, artifact.building...).
#
# Derived by tools/build_noun_classes.py from WordNet 3.0 (Debian package "wordnet-base"), lemmas
# of Zipf frequency >= {zipf} (wordfreq). WordNet's licence:
#
"""


def build(min_zipf: float) -> list[str]:
    import lexicon
    from wordfreq import zipf_frequency

    wn = lexicon.wordnet()
    kinds = [(name, {wn.synset(s) for s in roots}) for name, roots in ARTIFACT_KINDS]

    def fine(syn) -> str:
        lex = syn.lexname().split(".", 1)[1]
        if lex == "artifact":
            above = {syn, *syn.closure(lambda s: s.hypernyms() + s.instance_hypernyms())}
            for name, roots in kinds:
                if above & roots:
                    return "artifact." + name
        return lex

    def cls(syn) -> str:
        if syn.lexname() != "noun.Tops":
            return fine(syn)
        below = Counter(fine(h) for h in syn.hyponyms() if h.lexname() != "noun.Tops")
        return min(below, key=lambda c: (-below[c], c)) if below else "tops"  # a tie: by name

    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    classes: dict = {}
    for syn in wn.all_synsets("n"):
        for lemma in syn.lemmas():
            name = lemma.name()
            if name != name.lower() or not name.replace("-", "").isalpha():
                continue  # proper nouns ("Turkey", the country), multi-word lemmas and codes
            word = name
            if syn not in classes:
                classes[syn] = cls(syn)
            entry = table[word][classes[syn]]
            entry[0] += lemma.count()
            entry[1] += 1
    lines = []
    for word in sorted(table):
        if zipf_frequency(word, "en") < min_zipf:
            continue
        parts = sorted(table[word].items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
        lines.append(word + "\t" + " ".join(f"{c} {n}/{k}" for c, (n, k) in parts))
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-zipf", type=float, default=3.0, help="the least common lemma kept (default 3.0)")
    ap.add_argument("--out", type=Path, default=ROOT / "rules" / "noun_classes_wordnet.txt")
    args = ap.parse_args()
    lines = build(args.min_zipf)
    args.out.write_text(HEADER.format(zipf=args.min_zipf) + WORDNET_LICENCE + "\n".join(lines) + "\n",
                        encoding="utf-8")
    print(f"wrote {args.out}: {len(lines)} nouns ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
