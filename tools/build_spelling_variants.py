#!/usr/bin/env python3
"""Build ``rules/spelling_variants.txt``, the British/American spelling pairs that
``spelling-variant`` reads, from SCOWL (Spell Checker Oriented Word Lists, Kevin Atkinson).

SCOWL sorts English words into lists: ``english-words.N`` (spelt the same in every dialect),
``american-words.N`` (American spellings only), ``british-words.N`` (British spellings only) and
``british_z-words.N`` (British with -ize, the Oxford spelling), N being a size level from 10 (the
commonest) to 95. Debian ships them in the ``scowl`` package (``apt-get install scowl``, files in
``/usr/share/dict/scowl``). SCOWL's lists say *which* words belong to one dialect; this script pairs
each American-only word with its British-only counterpart through the regular correspondences
of the two spellings (colour/color, centre/center, defence/defense, travelled/traveled,
organise/organize, analyse/analyze, manoeuvre/maneuver, catalogue/catalog, judgement/judgment,
cheque/check, programme/program ...), one or two of them per word. A pair is kept only when both
words are in SCOWL's lists: the American side American-only, or (``dual``) spelt the same in every
dialect with another sense (a gas meter, a computer program, to check, to tire), which the rule
then reads in context; an -ise/-ize pair whose -ize form is an inflection of a word SCOWL spells
the same in every dialect (prised/prized: "a prized scalp" is British too) is ``dual`` as well. SCOWL's own mapping spells some foreign words and obscure ones "American"
(entendre/entender, notre/noter, pandoura/pandora): a pair whose two forms English use (wordfreq)
does not bear out as one word's two spellings is left out (``not_in_use``).

Usage:  python tools/build_spelling_variants.py [--scowl /usr/share/dict/scowl] [--level 80]
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEVELS = (10, 20, 35, 40, 50, 55, 60, 70, 80, 95)

#: British -> American correspondences (regular expressions on the British word). Each is a
#: spelling pattern of the two dialects, not a word: the words come from SCOWL.
CORRESPONDENCES = [
    (r"our", "or"),                                 # colour, honourable, flavoursome
    (r"(?<=[bcdfghklmnpstvz])re(?=s?$|d$|ly$|[bfgp])", "er"),  # centre(s), metre, fibreglass, sombrely
    (r"(?<=[bcdfghklmnpstvz])red$", "ered"),        # centred
    (r"(?<=[bcdfghklmnpstvz])ring$", "ering"),      # centring
    (r"is(?=e|ing|ation|able|abl|er)", "iz"),       # organise, organising, organisation, recognisable
    (r"ys(?=e|ing|able)", "yz"),                    # analyse
    (r"ence", "ense"),                              # defence, defenceless, licence
    (r"ll(?=ed|ing|er|ous|y$|en|or|ist|ery|ation|est)", "l"),  # travelled, marvellous, councillor, cruellest
    (r"tt(?=ist|or)", "t"),                         # clarinettist, carburettor
    (r"l(?=ful)", "ll"),                            # skilful, wilful
    (r"(?<=[^l])l(?=s?$|ment|ments)", "ll"),        # fulfil, enrol, enrolment
    (r"pp(?=ed|ing|er)", "p"),                      # worshipped
    (r"ae(?!$)", "e"),                              # anaemia, paediatric (not Latin plurals: formulae)
    (r"oe", "e"),                                   # oestrogen, manoeuvre
    (r"oeuvr", "euver"),                            # manoeuvre, manoeuvring
    (r"ogue", "og"),                                # catalogue
    (r"ogu(?=ed|ing|er)", "og"),                    # catalogued, cataloguing
    (r"ll(?=i)", "l"),                              # tranquillity
    (r"(?<=g)ement", "ment"),                       # judgement, acknowledgement
    (r"eing", "ing"),                               # ageing
    (r"e(?=able|abl|abi)", ""),                     # likeable, saleable, likeability
    (r"que", "ck"),                                 # cheque, chequered
    (r"ough", "ow"),                                # plough
    (r"ou(?=ld|lt|lder|stach)", "o"),               # mould, moult, smoulder
    (r"ou(?=stach)", "u"),                          # moustache
    (r"mme", "m"),                                  # programme
    (r"ey", "ay"),                                  # grey
    (r"^ty", "ti"),                                 # tyre
    (r"^py", "pa"),                                 # pyjamas
    (r"ium$", "um"),                                # aluminium
    (r"ph", "f"),                                   # sulphur
    (r"^kerb", "curb"),
    (r"^draught", "draft"), (r"draught", "draft"),
    (r"^storey", "story"), (r"^storeys", "stories"),
    (r"^practis", "practic"),                       # practise (the verb)
    (r"^sc(?=ept)", "sk"),                          # sceptic
    (r"ette", "et"),                                # omelette, cigarette
    (r"tte(?=s?$)", "t"),                           # matte
    (r"ll(?=er$|ers$|ery)", "l"),                   # jewellery
    (r"ellery", "elry"),                            # jewellery
    (r"^ts", "cz"),                                 # tsar
    (r"^ax(?=e)", "ax"), (r"axe(?=s?$)", "ax"),     # axe
    (r"ef(?=act)", "if"),                           # artefact
    (r"ton(?=ne)", "ton"), (r"onne", "on"),         # tonne
    (r"(?<=co)s(?=y|ily|iness|ier|ies|iest|ied|ying)", "z"),  # cosy, cosier, cosying
    (r"(?<=yo)gh", "g"),                            # yoghurt
    (r"^aero(?=plane)", "air"),                     # aeroplane
    (r"^flau", "flu"),                              # flautist
    (r"^rou(?=ble)", "ru"),                         # rouble
    (r"(?<=llu)sc", "sk"),                          # mollusc
    (r"(?<=e)xion", "ction"),                       # connexion, inflexion
    (r"ise$", "ize"),
]
#: correspondences allowed when the American form is an everyday word in both dialects ("dual")
DUAL = frozenset({r"(?<=[bcdfghklmnpstvz])re(?=s?$|d$|ly$|[bfgp])", r"que", r"^ty", r"^kerb", r"^draught",
                  r"^storey", r"^storeys", r"^practis", r"mme", r"ence"})

#: correspondences too loose to pair a word with one that only one dialect uses (sloe/sle, pheer/feer,
#: eyrie/ayrie): one-sided pairs ("gb-only", "us-only") are built without them, and with "oe" only
#: inside a word (foetus, amoeba; not sloe, kyloes)
ONE_SIDED_SKIP = frozenset({r"ph", r"ey", r"^ty", r"^py", r"oe"})


#: a real American spelling is in English use about as much as the British one or more (wordfreq's
#: English is mostly American text): an "American" form ten times rarer (a Zipf point) than a British
#: form in use is no spelling of it but SCOWL's -re/-er or -ise/-ize mapping of a foreign word
#: (entendre/entender, notre/noter, vivre/viver, ombre/omber, Blaise/blaize)
RARER_AMERICAN = 1.0
#: a British form no English text uses (wordfreq's Zipf under this) beside a common American word
#: (at least ``COMMON_AMERICAN``, ``UNUSED_GAP`` points more) is an obscure word paired with another
#: one (pandoura/pandora, lourdy/lordy, gaed/ged), or a spelling British copy no longer uses
#: (colourectal): the common word says nothing of the article's dialect
UNUSED_BRITISH, COMMON_AMERICAN, UNUSED_GAP = 1.3, 2.5, 1.5


def not_in_use(gb: str, us: str, flag: str, zipf) -> bool:
    """True when English use (``zipf``: a word's Zipf frequency) says the pair is no pair of
    spellings: the American form far rarer than the British one (unless it is the rare American
    form by definition, ``us-only``), or the British form unused beside a common American word
    (unless only the British form is ever reported, ``gb-only``). Pairs both dialects accept
    (``variant``) are kept."""
    if flag == "variant":
        return False
    g, a = zipf(gb), zipf(us)
    if flag != "us-only" and g >= 1.0 and a < g - RARER_AMERICAN:
        return True
    return flag != "gb-only" and g < UNUSED_BRITISH and a >= COMMON_AMERICAN and a - g >= UNUSED_GAP


def nearest(forms, word: str) -> str:
    """Of the candidate ``forms`` for ``word``, the one nearest it in length (then the first alphabetically)."""
    return min(forms, key=lambda f: (abs(len(f) - len(word)), f))


def load(folder: Path, category: str, level: int) -> set[str]:
    out: set[str] = set()
    for lvl in LEVELS:
        if lvl > level:
            break
        path = folder / f"{category}-words.{lvl}"
        if path.exists():
            for w in path.read_text(encoding="latin-1").split():
                if w.isalpha() and w.islower() and len(w) >= 3:
                    out.add(w)
    return out


def american_forms(gb: str, table=CORRESPONDENCES) -> set[str]:
    """Every form reached from the British word by one or two correspondences of ``table``."""
    out = set()
    for pat, rep in table:
        for m in re.finditer(pat, gb):
            a = gb[:m.start()] + rep + gb[m.end():]
            if a != gb:
                out.add(a)
                for pat2, rep2 in table:
                    for m2 in re.finditer(pat2, a):
                        b = a[:m2.start()] + rep2 + a[m2.end():]
                        if b != a:
                            out.add(b)
    return out


def inflected_from(word: str, words: set[str]) -> bool:
    """``word`` is in ``words`` or an inflection of one of them (-d, -s, -r, -rs, -ing)."""
    stems = {word}
    for suffix, add in (("d", ""), ("s", ""), ("r", ""), ("rs", ""), ("ing", "e"), ("ing", "")):
        if word.endswith(suffix):
            stems.add(word[:-len(suffix)] + add)
    return bool(stems & words)


def kind(gb: str, us: str) -> str:
    """ize: the pair differs only by -ise/-ize, which Oxford British spelling shares (not -yse/-yze:
    Oxford spells "analyse")."""
    return "ize" if re.sub(r"is(?=e|ed|es|ing|er|ers|ation|ations|able|ably)", "iz", gb) == us else ""


HEADER = """\
# British | American spelling pairs for the spelling-variant rule, one pair a line:
#   british | american [| flags]
# flags: "dual" = the American form is also a correct British word with another sense (a gas meter,
# a computer program, to check): the rule decides it in context; "ize" = the pair differs by -ise/-ize
# only (Oxford British spelling uses -ize too, so only a mix of the two is reported); "variant" = each
# dialect's dictionaries accept the other's spelling too (inflexion, inflection), so the pair is
# reported only where the article spells the same word both ways; "gb-only" = only the British form
# marks a dialect, the American form is right in British too (grammes | grams, foetus | fetus,
# judgement | judgment); "us-only" = only the American form marks a dialect (archaeology | archeology,
# analyses | analyzes, cancelled | canceled): the form right in both is reported only where the
# article spells the same word both ways.
#
# Derived by tools/build_spelling_variants.py from SCOWL (Spell Checker Oriented Word Lists,
# version 2020.12.07, Debian package "scowl"), size level <= {level}; pairs that English use
# (wordfreq) says are no pair of spellings are left out (entendre/entender: a French word SCOWL
# maps as -re/-er; pandoura/pandora). SCOWL's licence:
#
#   Copyright 2000-2020 by Kevin Atkinson
#   Permission to use, copy, modify, distribute and sell these word lists, the associated scripts,
#   the output created from the scripts, and its documentation for any purpose is hereby granted
#   without fee, provided that the above copyright notice appears in all copies and that both that
#   copyright notice and this permission notice appear in supporting documentation. Kevin Atkinson
#   makes no representations about the suitability of this array for any purpose. It is provided
#   "as is" without express or implied warranty.
#
# (SCOWL's parts are public domain or under similar permissive notices; see the scowl package's
# copyright file.)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scowl", type=Path, default=Path("/usr/share/dict/scowl"))
    ap.add_argument("--level", type=int, default=80)
    ap.add_argument("--out", type=Path, default=ROOT / "rules" / "spelling_variants.txt")
    args = ap.parse_args()
    if not args.scowl.is_dir():
        raise SystemExit(f"{args.scowl}: not found (apt-get install scowl)")
    us_only = load(args.scowl, "american", args.level)
    gb_only = load(args.scowl, "british", args.level)
    common = load(args.scowl, "english", args.level)
    # spellings the other dialect accepts as a variant (British dictionaries list "judgment" too)
    british_variants = load(args.scowl, "british_variant_1", args.level)  # gramme, foetus
    british_accepts = british_variants | load(args.scowl, "british_variant_2", args.level)
    american_accepts = load(args.scowl, "variant_1", args.level)  # archeology, esthetic
    american_variants = american_accepts | load(args.scowl, "variant_2", args.level)  # + cancelation, kidnaped
    rows = []
    for gb in sorted(gb_only):
        forms = american_forms(gb)
        us = sorted(f for f in forms if f in us_only)
        dual = sorted(f for f in american_forms(gb, [c for c in CORRESPONDENCES if c[0] in DUAL])
                      if f in common and f not in gb_only)
        if us:
            # the nearest American-only form (fewest changed letters)
            best = nearest(us, gb)
            flag = kind(gb, best)
            if flag == "ize" and inflected_from(best, common) and not inflected_from(gb, common):
                # the -ize form is an everyday word of every dialect in its own sense (prized, a
                # prized scalp; seizer): a British article writes it too, beside its -ise words
                flag = "dual"
            if not flag:  # a form the other dialect accepts says nothing of the article's dialect
                us_ok, gb_ok = best in british_accepts, gb in american_accepts
                flag = "variant" if us_ok and gb_ok else "gb-only" if us_ok else "us-only" if gb_ok else ""
            rows.append((gb, best, flag))
        elif dual:
            best = nearest(dual, gb)
            rows.append((gb, best, "dual"))
    # one side marks a dialect, the other is right in both: British variants that American spelling
    # rejects (grammes, foetus, mediaeval beside grams, fetus, medieval, which British spells too) and
    # American spellings that British rejects (archeology, esthetic, analyzes beside archaeology,
    # aesthetic, analyses, which American spells too)
    one_sided = [c for c in CORRESPONDENCES if c[0] not in ONE_SIDED_SKIP] + [(r"oe(?=[a-z]{2})", "e")]
    paired_gb = {gb for gb, _, _ in rows}
    paired_us = {us for _, us, _ in rows}
    rejected_by_us = british_variants - common - us_only - american_accepts - gb_only
    for gb in sorted(rejected_by_us - paired_gb):
        both = sorted(f for f in american_forms(gb, one_sided) if f in common or (f in us_only and f in gb_only)
                      and not kind(gb, f))
        if both:
            rows.append((gb, nearest(both, gb), "gb-only"))
    rejected_by_gb = (us_only | american_variants) - common - gb_only - british_accepts - paired_us
    for gb in sorted(common - paired_gb):
        marks = sorted(f for f in american_forms(gb, one_sided) if f in rejected_by_gb and not kind(gb, f))
        if marks:
            rows.append((gb, nearest(marks, gb), "us-only"))
    from wordfreq import zipf_frequency
    zipf = lambda w: zipf_frequency(w, "en")  # noqa: E731
    before = len(rows)
    rows = sorted(r for r in rows if not not_in_use(*r, zipf))
    print(f"{before - len(rows)} pairs dropped: not a pair of spellings in English use (wordfreq)")
    lines = [HEADER.format(level=args.level)]
    for gb, us, flag in rows:
        lines.append(f"{gb} | {us}" + (f" | {flag}" if flag else ""))
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    paired = {us for _, us, _ in rows}
    print(f"{len(rows)} pairs ({sum(1 for r in rows if r[2] == 'dual')} dual, "
          f"{sum(1 for r in rows if r[2] == 'variant')} accepted variants, "
          f"{sum(1 for r in rows if r[2] == 'ize')} -ise/-ize, {sum(1 for r in rows if r[2] == 'gb-only')} British "
          f"only, {sum(1 for r in rows if r[2] == 'us-only')} American only) -> {args.out}; "
          f"{len(gb_only)} British-only words, {len(us_only - paired)} American-only words left unpaired")


if __name__ == "__main__":
    main()
