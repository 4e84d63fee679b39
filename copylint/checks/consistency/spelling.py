"""Spellings and styles that disagree inside one article: ``spelling-variant``.

Three kinds of mix, each reported on the minority (or later) form with ``related`` at the other:

- British and American spellings (colour/color, defence/defense, kilometres/kilometers), from the
  SCOWL-derived table ``rules/spelling_variants.txt``; the article's dialect is the config's
  ``dialect`` or, with ``dialect = "auto"`` (the default), the one most of its spellings follow;
- -ise and -ize (organise/organize), which British (Oxford) spelling may use either way;
- house-style forms (U.S./US, ISIS/IS, per cent/percent) from ``rules/house_style.toml``, and a
  title without a name written both capitalised and in lower case.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from copylint import data, tokens
from copylint.article import Article
from copylint.finding import Finding, Related, Severity
from copylint.rule import Rule, register
from copylint.textutil import in_english_use


@lru_cache(maxsize=None)
def _form_pattern(form: str, dotted: bool = False) -> re.Pattern:
    """Whole-token uses of ``form``; with ``dotted``, not when a full stop follows ("Mr" in "Mr.");
    never glued to a dollar sign ("US$1 billion" is a currency's sign, written so in a house that
    dots "U.S.")."""
    tail = r"(?![\w\-‑$]|\.\w" + (r"|\.)" if dotted else ")")
    return re.compile(r"(?<![\w.\-‑])" + re.escape(form) + tail)


def _occurrences(text: str, form: str, dotted: bool = False) -> Iterator[re.Match]:
    if form not in text:  # most forms are not in a given article: a substring search is far cheaper
        return iter(())
    return _form_pattern(form, dotted).finditer(text)


# --- house style ------------------------------------------------------------------------------------
#: titles that are capitalised before a name ("Prime Minister Mustafa al-Kadhimi") and, in most
#: house styles, lower case without one ("the prime minister said")
#: a line is in capitals when more than this share of its letters are (a caps headline, a dateline)
_CAPS_LINE_SHARE = 0.6
#: a heading is in title case when more than this share of its words are capitalised
_TITLE_CASE_SHARE = 0.5
#: characters read after a title for the name it may introduce ("Prime Minister Mustafa al-Kadhimi")
_NAME_AFTER_TITLE = 40
#: characters read before a lower-case title for a generic article ("a former prime minister")
_GENERIC_BEFORE_CHARS = 20
TITLE_WORDS = data.word_list("news-titles")
_TITLE_PAT = re.compile(r"\b(" + "|".join(sorted((re.escape(t) for t in TITLE_WORDS), key=len, reverse=True))
                        + r")\b", re.I)
#: a word that makes a capitalised title part of a longer one ("Deputy First Minister"); searched in
#: the 200 characters before the title, not the whole text before it (linear on a huge file)
_LONGER_TITLE = re.compile(r"(?:Deputy|Vice|Acting|First|Shadow)\s+$")


def _is_caps_line(text: str, i: int) -> bool:
    s = text.rfind("\n", 0, i) + 1
    e = text.find("\n", i)
    line = text[s:e if e >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 3 and sum(c.isupper() for c in letters) > _CAPS_LINE_SHARE * len(letters)


def _title_case_heading(article: Article, i: int) -> bool:
    block = article.block_at(i)
    if block is None or block.kind != "heading":
        return False
    words = [w for w in article.text[block.start:block.end].split() if w[:1].isalpha()]
    return sum(w[0].isupper() for w in words) > _TITLE_CASE_SHARE * len(words)


# --- British and American spellings ---------------------------------------------------------------
@dataclass(frozen=True)
class Variants:
    """The British/American table: each form's counterpart and what kind of pair it is."""

    british: dict[str, str]   # british form -> american form
    american: dict[str, str]  # american form -> british form
    kind: dict[str, str]      # either form -> "" (plain), "dual" or "ize"


@lru_cache(maxsize=1)
def variants() -> Variants:
    gb, us, kind = {}, {}, {}
    for line in data.phrases("spelling_variants.txt"):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) < 2:
            continue
        b, a, k = parts[0], parts[1], (parts[2] if len(parts) > 2 else "")
        gb[b] = a
        us.setdefault(a, b)
        # one-sided pairs: the form right in both dialects (grams, archaeology) says nothing of the
        # article's dialect and is reported only beside the other form of the same word
        kind[b] = "variant" if k == "us-only" else "" if k == "gb-only" else k
        kind[a] = "variant" if k == "gb-only" else "" if k == "us-only" else k
    return Variants(gb, us, kind)


#: words that tell a computer program from a programme
_COMPUTING = data.words("computing-words")
_CHEQUE_VERBS = data.words("cheque-verbs")
_UNIT_PREMODIFIERS = data.words("unit-premodifiers")
_PROPER = frozenset("ORG GPE FAC LOC PERSON WORK_OF_ART EVENT LAW PRODUCT NORP".split())


def _dual_is_american(tok, block=None) -> bool:
    """An American form that is also a British word in another sense, read in context: a unit
    ("400 meters", not "a gas meter"), a programme ("a TV program", not "a computer program": no
    computer word in its sentence or in its paragraph, ``block``), a
    tyre (the noun, not "to tire"), a licence (the noun), to practise (the verb), a cheque (cashed,
    written, for a sum), a storey ("a 10-story building")."""
    low = tok.lower_
    prev = [t for t in tok.doc[max(0, tok.i - 3):tok.i] if not t.is_punct or t.text == "-"]
    if low.endswith(("meter", "meters")):
        return tok.pos_ == "NOUN" and bool(prev) and (
            prev[-1].like_num or prev[-1].lower_ in _UNIT_PREMODIFIERS
            or (prev[-1].text == "-" and len(prev) > 1 and prev[-2].like_num))
    if low in ("program", "programs"):
        # the paragraph too: "the program" a sentence after the software it names
        span = tok.doc.char_span(block.start, block.end, alignment_mode="expand") if block else None
        words = {t.lower_ for t in (span if span is not None else tok.sent)}
        return tok.pos_ == "NOUN" and not words & _COMPUTING
    if low in ("tire", "tires"):  # a noun with a determiner or modifier: "a flat tire", "tire pressure"
        nxt = tok.doc[tok.i + 1].lower_ if tok.i + 1 < len(tok.doc) else ""
        return tok.tag_ in ("NN", "NNS") and nxt != "of" and (tok.dep_ == "compound" or any(
            c.dep_ in ("det", "amod", "nummod", "compound", "poss") for c in tok.children))
    if low in ("license", "licenses"):
        return tok.pos_ == "NOUN"
    if low in ("practice", "practices"):
        return tok.pos_ == "VERB"
    if low in ("check", "checks"):
        return tok.pos_ == "NOUN" and (tok.head.lemma_.lower() in _CHEQUE_VERBS or any(
            c.lower_ == "for" and any(g.ent_type_ == "MONEY" for g in c.subtree) for c in tok.children))
    if low in ("story", "stories"):
        return bool(prev) and prev[-1].text == "-" and len(prev) > 1 and prev[-2].like_num
    return False  # curb/kerb, draft/draught, prized/prised: no context tells them apart reliably


def _compound_bounds(tok) -> tuple[int, int]:
    """The token indices (first, last) of the hyphenated compound ``tok`` stands in ("Five-hundred-meter":
    the tokens glued by hyphens), ``tok``'s own when it stands alone."""
    doc, a, b = tok.doc, tok.i, tok.i
    while a >= 2 and doc[a - 1].text in "-‑" and not doc[a - 2].whitespace_ and not doc[a - 1].whitespace_:
        a -= 2
    while b + 2 < len(doc) and doc[b + 1].text in "-‑" and not doc[b].whitespace_ and not doc[b + 1].whitespace_:
        b += 2
    return a, b


def _is_name(tok) -> bool:
    """Part of a name or title ("World Trade Center", "Defense Department", "Labor Party"), a word in
    a capitalised hyphenated compound of one included ("the Five-hundred-meter Aperture Spherical
    Radio Telescope")."""
    if not tok.text[:1].isupper():
        a, b = _compound_bounds(tok)
        doc = tok.doc
        return a != tok.i and doc[a].text[:1].isupper() and _is_name(doc[a]) and b + 1 < len(doc) \
            and doc[b + 1].text[:1].isupper() and doc[b].whitespace_ != ""
    first = tok.is_sent_start or tok.i == 0 or tok.doc[tok.i - 1].text in "\"“‘'(\n" \
        or tok.doc[tok.i - 1].is_space
    if not first:
        return True
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    # a sentence's first word: a name when an entity of its own or followed by a capitalised word;
    # the tagger's PROPN is not trusted there ("Travellers arriving ...")
    return (tok.ent_type_ in _PROPER and tok.ent_type_ != "NORP") or (nxt is not None and nxt.text[:1].isupper())


@dataclass
class Spelt:
    dialect: str   # "british" or "american"
    kind: str      # "" (plain), "dual" (read in context), "variant" (the other dialect accepts it), "ize"
    start: int
    end: int
    word: str
    other: str     # the other dialect's spelling

    @property
    def axis(self) -> str:
        """ise/ize for the -ise/-ize pairs, else ""."""
        return ("ise" if self.dialect == "british" else "ize") if self.kind == "ize" else ""

    @property
    def british_form(self) -> str:
        return self.word.lower() if self.dialect == "british" else self.other


#: how much an -ize spelling says "American" (Oxford British spells -ize too)
IZE_WEIGHT = 0.5


def dialect_spellings(article: Article) -> list[Spelt]:
    """Every word of the article spelt the way only one dialect spells it, quotations and headlines
    included (a house spells a speaker's words its own way). Names are left out."""
    table = variants()
    out = []
    doc = article.doc
    # the words of the table, found in the document's array (``tokens.lower_in``), in order
    for i in sorted({*tokens.lower_in(doc, table.british), *tokens.lower_in(doc, table.american)}):
        tok = doc[i]
        low = tok.lower_
        if not tok.is_alpha or len(low) < 3:
            continue
        if _is_name(tok) or tok.like_url or tok.like_email:
            continue
        block = article.block_at(tok.idx)
        if block is None:
            continue
        kind = table.kind.get(low, "")
        if low.endswith("yses") and tok.pos_ != "VERB":
            continue  # the plural of analysis, right in both dialects; only the verb is British (analyzes)
        if not in_english_use(table.british.get(low) or table.american.get(low)):
            continue  # the table's counterpart is no word in use (colorectal: no "colourectal")
        if low in table.british:
            out.append(Spelt("british", kind, tok.idx, tok.idx + len(tok), tok.text, table.british[low]))
        elif kind != "dual" or _dual_is_american(tok, block):
            out.append(Spelt("american", kind, tok.idx, tok.idx + len(tok), tok.text, table.american[low]))
    return out


def _marks(spellings: list[Spelt]) -> Counter:
    """How many spellings of each dialect the article has: those the other dialect accepts too
    (judgment, cancelled) say nothing; -ize says little."""
    n = Counter()
    for s in spellings:
        if s.kind != "variant":
            n[s.dialect] += IZE_WEIGHT if s.axis == "ize" else 1
    return n


def article_dialect(spellings: list[Spelt], configured: str) -> str:
    """The configured dialect, or (``auto``) the one most of the article's spellings follow (on a tie,
    the one it opens with: the later spellings are the mix)."""
    return dialect_and_tie(spellings, configured)[0]


def dialect_and_tie(spellings: list[Spelt], configured: str) -> tuple[str, bool]:
    """``article_dialect``, and whether it was a tie: ``auto`` found as many spellings of each
    dialect (none of either included)."""
    if configured in ("british", "american"):
        return configured, False
    n = _marks(spellings)
    if n["british"] > n["american"]:
        return "british", False
    if n["american"] > n["british"]:
        return "american", False
    if n["british"]:  # as many of each: the dialect the article opens with
        first = next(s for s in spellings if s.kind != "variant")
        return first.dialect, True
    return "", True


def _cased(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


#: a lower-case title read generically ("a former prime minister"), not as the office the article names
_GENERIC_BEFORE = re.compile(r"(?:\b(?:a|an|former|ex|every|each|successive|future|next|previous|past|any|no|"
                             r"as|whichever|another|first|new|acting|interim)[\s-]+)$", re.I)


@register
class SpellingVariant(Rule):
    """Spellings and styles mixed in one article: `colour` and `color`, `defence` and `defense`,
    `organise` and `organize`, `U.S.` and `US`, `ISIS` and `IS`, `Prime Minister` and `prime
    minister` used without a name.

    A house style picks one form; an article that mixes two reads as stitched together from several
    sources. British and American spellings come from a table derived from SCOWL
    (rules/spelling_variants.txt, about 7,900 pairs, inflections included): the article's dialect is
    the config's ``dialect`` (british or american) or, by default (``auto``), the one most of its
    spellings follow, and a spelling of the other dialect is reported, quotations and headlines
    included (a house spells a speaker's words its own way); a pair whose counterpart no one writes
    (wordfreq) is skipped, and the table leaves out pairs English use does not bear out as one
    word's two spellings (`vivre`/`viver`: a French word SCOWL maps as -re/-er). A spelling the
    other dialect's dictionaries accept says nothing of the dialect (cancelled, judgment, grams, archaeology) and is reported only beside the same word
    spelt the other way; its counterpart may still mark one dialect (canceled, judgement,
    grammes, archeology). With as many spellings of each dialect (one "colour", one "defense"), the
    article is split: the spellings of the dialect it does not open with are reported, and the
    message says the config's ``dialect`` chooses. Names are never read as spellings
    ("World Trade Center", "Defense Department", "Labor Party"). A word that is right in both
    dialects with another sense is read in context: "400 meters" but not "a gas meter", "a TV
    program" but not "a computer program", "a flat tire" but not "to tire", "cash a check" but not
    "to check". -ise and -ize are both British (Oxford spelling uses -ize): only a mix of them is
    reported. The house-style groups come from rules/house_style.toml. A title is compared with the
    same title only, and only where no name follows it ("the prime minister", not "Prime Minister
    Mustafa al-Kadhimi", "the US President, Joe Biden," or "Prime Minister's Questions"); a generic
    "a former home secretary" is lower case in every style; house styles differ on "the President",
    so a title's mixed capitals are reported at info. The minority form is reported, with the
    first use of the majority form as the related place; on a tie, the later form (for titles, the
    capitalised one, since most house styles lower-case a title without a name).
    """

    id = "spelling-variant"
    family = "consistency-spelling"
    severity = Severity.WARNING
    summary = "Two spellings or styles of one thing in an article (`colour` / `color`, `U.S.` / `US`)."
    #: house-style groups by their id (at their own level), and titles capitalised both ways
    kinds = {"title-case": (Severity.INFO, "a title capitalised in one place, lower case in another"),
             **{g["id"]: (Severity.parse(g.get("severity", "warning")), g.get("note", ""))
                for g in data.toml("house_style.toml").get("variant", [])}}
    needs = frozenset({"tagger", "parser", "ner"})
    flags = (
        "The U.S. military will leave Iraq.\n\nThe U.S. move was welcomed.\n\nThe ⟦US⟧ presence has long "
        "been an issue.",
        "Islamic State (IS) lost its last town in 2019.\n\nIS fighters fled.\n\nThe fight against IS goes "
        "on, and so does the fight against ⟦ISIS⟧ cells.",
        "The council will organise a vote.\n\nIt will also organise a debate.\n\nOfficials ⟦recognize→recognise⟧ "
        "the problem.",
        "Iraq's prime minister says foreign forces are not needed.\n\nThe move may help the Iraqi "
        "⟦Prime Minister⟧.",
        "The ministry of defence bought new armour.\n\nThe ⟦defense→defence⟧ budget rose, and the colour of the "
        "uniforms changed.",
        "The runners covered 40 kilometres on the first day.\n\nThey ran another 35 ⟦kilometers→kilometres⟧ on the "
        "second day, in the centre of the country.",
        "The colour of the new theatre is grey.\n\nThe tour ends after 400 ⟦meters→metres⟧.",
        "The TV programme was cancelled.\n\nThe council's housing ⟦program→programme⟧ was delayed, its neighbour said.",
        "The archaeology team dug near the centre.\n\nThe colour of the pots was grey, and the "
        "⟦archeology→archaeology⟧ museum took them.",
        "The color of the theater was gray.\n\nThe baby weighed 900 ⟦grammes→grams⟧ at birth.",
        "The colour of the theatre was grey.\n\nThe ⟦cozy→cosy⟧ room was full.",
        "Her favourite dish was served first.\n\nThe ⟦defense→defence⟧ rested its case.",
    )
    passes = (
        "The US military will leave Iraq.\n\nUS troops will stay until December.",
        "The neighborhood center reopened in the fall, painted in an ombre of reds, and the crowd "
        "showed real joie de vivre.",
        "Officials advise people to organise their papers.\n\nThe size of the problem is clear.",
        "Prime Minister Mustafa al-Kadhimi met Mr Biden.\n\nThe prime minister said troops were not needed.",
        "WHAT IS THE PLAN?\n\nISIS fighters fled the city.",
        "The World Health Organization says hospitals must prioritise vaccines.",
        # an -ize form that is a word of every dialect in its own sense: prized (valued), no prised
        "The council organised a dinner for its volunteers.\n\nThe club's most prized player spoke first.",
        "The colour of the theatre is grey.\n\nEngineers fitted a new gas meter and a computer program "
        "checks it; the neighbours tire of it.",
        # a program named by what it does on a computer: the words of the sentence tell
        "Her favourite shops are online.\n\nRivals now sell programs that let people search their PC "
        "and the web.",
        # ... or of its paragraph: the program a sentence after the software it is
        "Her favourite colour is red.\n\nThe firm sells spyware cleaners. Its free program is labelled "
        "as a wallpaper file.",
        "The defence secretary visited the World Trade Center and the Defense Department.",
        "Her favourite colour is red.\n\nThe Labor Party won in Australia, and the Pearl Harbor memorial "
        "reopened.",
        "South Africa's president spoke.\n\nThe president said the plan was ready.\n\nSouth African "
        "President Ramaphosa agreed, and the US President, Joe Biden, spoke.",
        "The home secretary spoke.\n\nThe Home Secretary, Priti Patel, said yes.",
        "The president of France spoke.\n\nThe president agreed with the Home Secretary.",
        "The first minister spoke on Tuesday.\n\nAt Deputy First Minister's Questions, a former first "
        "minister asked about Prime Minister's Questions.",
        "The organization organized a vote.\n\nIts color was gray.",
        "She analyzes the data.\n\nThe two analyses agree on the color of the soil.",
        "The baby weighed 900 grams.\n\nThe colour of the theatre was grey.",
        "Her favourite dish was served first.\n\nThe judgment was read out in court.",
        # a currency's sign is no abbreviation; a word of a capitalised compound in a name is the name's
        "The U.S. firm will invest US$1 billion.\n\nThe Five-hundred-meter Aperture Spherical Radio "
        "Telescope has a 500-metre-wide dish.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        yield from self._house_style(article)
        yield from self._dialects(article)
        yield from self._titles(article)

    def _house_style(self, article: Article) -> Iterator[Finding]:
        text = article.text
        for group in data.toml("house_style.toml").get("variant", []):
            uses = []
            for form in group["forms"]:
                for m in _occurrences(text, form, dotted=form + "." in group["forms"]):
                    if form.isupper() and len(form) <= 3 and _is_caps_line(text, m.start()):
                        continue
                    block = article.block_at(m.start())
                    if block is None or block.kind == "heading":
                        continue  # headlines follow their own style ("US" in a headline, "U.S." below)
                    uses.append((form, m.start(), m.end()))
            yield from self._report(uses, group.get("note", ""), kind=group["id"])

    def _dialects(self, article: Article) -> Iterator[Finding]:
        spellings = dialect_spellings(article)
        if not spellings:
            return
        dialect, tied = dialect_and_tie(spellings, self.config.dialect)
        done: set[int] = set()
        # -ise against -ize: the minority; on a tie, the one the article's dialect does not prefer
        ise = [s for s in spellings if s.axis == "ise"]
        ize = [s for s in spellings if s.axis == "ize"]
        if ise and ize and dialect != "american":
            if len(ise) != len(ize):
                wrong, right = (ise, ize) if len(ise) < len(ize) else (ize, ise)
            else:
                wrong, right = (ize, ise) if dialect == "british" or ize[0].start > ise[0].start else (ise, ize)
            for s in wrong:
                done.add(s.start)
                yield self.finding(s.start, s.end, f"'{s.word}': -ise and -ize spellings mixed in this article "
                                   f"('{right[0].word}'); pick one", suggestion=_cased(s.other, s.word),
                                   related=[Related(right[0].start, right[0].end, f"'{right[0].word}' here")])
        if dialect:
            right = [s for s in spellings if s.dialect == dialect and s.kind != "variant"]
            for s in spellings:
                if s.start in done or s.dialect == dialect or s.kind == "variant" or \
                        (s.axis == "ize" and dialect == "british"):
                    continue
                done.add(s.start)
                # the related place: the same word spelt the article's way, where it is, else its first spelling
                ref = next((r for r in right if r.british_form == s.british_form), right[0] if right else None)
                yield self._dialect_finding(s, ref, dialect, tied)
        # one word spelt both ways (judgement and judgment): the minority form, on a tie the later one
        by_word: dict[str, list[Spelt]] = {}
        for s in spellings:
            if s.kind != "ize":  # -ise/-ize was settled above
                by_word.setdefault(s.british_form, []).append(s)
        for uses in by_word.values():
            forms = Counter(s.dialect for s in uses)
            if len(forms) < 2:
                continue
            minor = min(forms, key=lambda d: (forms[d], -max(s.start for s in uses if s.dialect == d)))
            ref = next(s for s in uses if s.dialect != minor)
            for s in uses:
                if s.dialect == minor and s.start not in done:
                    done.add(s.start)
                    yield self._dialect_finding(s, ref, "")

    def _dialect_finding(self, s: Spelt, ref: Spelt | None, dialect: str, tied: bool = False) -> Finding:
        why = f"this article has as many {dialect} spellings and opens with one (the config's `dialect` " \
            f"chooses)" if tied and ref else \
            f"this article spells the {dialect} way" if dialect and ref else \
            f"the house spelling is {dialect}" if dialect else f"'{ref.word if ref else s.other}' is used too"
        return self.finding(s.start, s.end, f"'{s.word}' is the {s.dialect} spelling; {why} "
                            f"('{_cased(s.other, s.word)}')", suggestion=_cased(s.other, s.word),
                            related=[Related(ref.start, ref.end, f"'{ref.word}' here")] if ref else [])

    def _titles(self, article: Article) -> Iterator[Finding]:
        text = article.text
        by_title: dict[str, list] = {}
        for m in _TITLE_PAT.finditer(text):
            after = text[m.end():m.end() + _NAME_AFTER_TITLE]
            if re.match(r"\s+(?:[A-Z][a-z]|al-|de |van |von )", after):
                continue  # a title before a name
            if re.match(r"(?:,\s+|\s+\()[A-Z][\w'’-]+(?:\s+[A-Z]|,|\))", after) or re.match(r"['’]s\s+[A-Z]", after):
                continue  # "the US President, Joe Biden," ... "Prime Minister's Questions": a name
            if article.block_at(m.start()) is None or _title_case_heading(article, m.start()):
                continue
            prev = text[max(0, m.start() - 3):m.start()]
            if m.group(0)[0].isupper() and (m.start() == 0 or re.search(r"(?:^|[.!?\n][\"“”]?\s*)$", prev)):
                continue  # sentence-initial capital
            if m.group(0)[0].isupper() and _LONGER_TITLE.search(text, max(0, m.start() - 200), m.start()):
                continue  # part of a longer capitalised title or name ("Deputy First Minister")
            lower = not m.group(0)[0].isupper()
            if lower and _GENERIC_BEFORE.search(text[max(0, m.start() - _GENERIC_BEFORE_CHARS):m.start()]):
                continue  # "a former prime minister": generic, lower case in every style
            form = "lower case" if lower else "capitalised"
            by_title.setdefault(m.group(0).lower(), []).append((form, m.start(), m.end()))
        for uses in by_title.values():  # house styles differ on "the President": a query, not a fault
            yield from self._report(uses, "A title without a name is usually lower case: 'the prime minister "
                                    "said'.", prefer_lower=True, kind="title-case")

    def _report(self, uses, note, kind=None, words=False, prefer_lower=False) -> Iterator[Finding]:
        counts = Counter(f for f, _, _ in uses)
        if len(counts) < 2:
            return
        first = {}
        for f, s, e in uses:
            first.setdefault(f, (s, e))
        order = sorted(counts, key=lambda f: (-counts[f], first[f][0]))
        if prefer_lower and counts["capitalised"] == counts["lower case"]:
            order = ["lower case", "capitalised"]
        major = order[0]
        ref = first[major]
        for f, s, e in uses:
            if f == major:
                continue
            what = f"'{f}' spellings" if words else f"'{f}'"
            shown = f"{what} and '{major}' both used" if not prefer_lower else \
                f"title in {f} here, in {major} elsewhere"
            yield self.finding(s, e, f"{shown} in this article. {note}".strip(), kind=kind,
                               related=[Related(ref[0], ref[1], f"'{major}' here")])
