#!/usr/bin/env python3
"""Build ``rules/past_forms.txt``, the past forms of common English verbs, which
``verb-form-after-modal`` and ``verb-form-after-causative`` read to tell a past form where a base
form belongs (`would went`, `could fired`, `made them went`) when spaCy's tagger reads the past form
as a base form (it tags `made` in `would made` and `fired` in `could fired` as VB, lemma itself),
and ``missing-to`` reads as the list of verbs' base forms (the lemma column).

The forms come from lemminflect's inflection tables (``pip install lemminflect``; AGID-based, MIT),
not from a list typed by hand: for every verb lemma English uses commonly (wordfreq Zipf
``--min-zipf`` or more, 3.0 by default), each form its tables give as a past tense (VBD) or past
participle (VBN) that differs from the lemma, regular (-ed) or not. Each line:

    form lemma kind [base]

``kind`` is ``past`` (a simple past only: went, saw, took), ``participle`` (a past participle only:
gone, taken) or ``both`` (made, found). ``base`` marks a form that is also the base form of a verb
in use (its -ing form has wordfreq Zipf ``--base-zipf`` or more, 1.5 by default: found a company,
lay eggs, fell trees, saw wood); the rules take such a form as a past form only where the tagger
reads it as one.

Usage:  python tools/build_past_forms.py [--min-zipf 3.0] [--base-zipf 1.5]
"""
from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(min_zipf: float, base_zipf: float) -> list[str]:
    import lemminflect
    from lemminflect.core.Inflections import Inflections
    from wordfreq import zipf_frequency

    table = Inflections()._getInflDict()  # lemma -> {Penn tag -> forms}
    rows = {}
    for lemma, tags in table.items():
        if "VB" not in tags or not lemma.isalpha() or not lemma.islower():
            continue
        if zipf_frequency(lemma, "en") < min_zipf:
            continue
        infl = lemminflect.getAllInflections(lemma, upos="VERB")
        past, participle = set(infl.get("VBD", ())), set(infl.get("VBN", ()))
        participle = participle or past  # the tables leave out a participle that is the past tense (shared)
        for form in sorted(past | participle):
            if form == lemma or not form.isalpha():
                continue
            kind = "past" if form not in participle else "participle" if form not in past else "both"
            base = ""
            own = table.get(form)
            if own and "VB" in own:
                ing = lemminflect.getAllInflections(form, upos="VERB").get("VBG", ("",))[0]
                if ing and zipf_frequency(ing, "en") >= base_zipf:
                    base = " base"
            rows[(form, lemma)] = f"{form} {lemma} {kind}{base}"
    return [rows[k] for k in sorted(rows)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-zipf", type=float, default=3.0)
    ap.add_argument("--base-zipf", type=float, default=1.5)
    ap.add_argument("--out", type=Path, default=ROOT / "rules" / "past_forms.txt")
    args = ap.parse_args()
    lines = build(args.min_zipf, args.base_zipf)
    head = [
        "# Past forms of common verbs: form lemma kind [base]. Built by tools/build_past_forms.py",
        "# from lemminflect's inflection tables and wordfreq; do not edit by hand. kind: past (simple past",
        "# only), participle (past participle only), both. base: also the base form of a verb in use.",
        f"# --min-zipf {args.min_zipf} --base-zipf {args.base_zipf}",
    ]
    args.out.write_text("\n".join(head + lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} forms -> {args.out}")


if __name__ == "__main__":
    main()
