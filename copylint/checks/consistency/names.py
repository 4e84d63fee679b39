"""Names that disagree inside one article: ``name-variant`` (one person's name spelt two ways) and
``confusable-name`` (look-alike names such as Iran and Iraq both used).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Iterator

from copylint import data
from copylint.article import Article
from copylint.finding import Finding, Related, Severity
from copylint.rule import Rule, register

# --- names ------------------------------------------------------------------------------------------
TITLES = {"Mr": "m", "Mr.": "m", "Ms": "f", "Ms.": "f", "Mrs": "f", "Mrs.": "f", "Miss": "f",
          "Dr": "", "Dr.": "", "Prof": "", "Prof.": "", "Sir": "m", "Dame": "f"}
PARTICLES = frozenset("de da di du del della der den van von le la al el bin ben ibn dos das ter".split())
_NAME_WORD = re.compile(r"[A-Z][\w'’-]+|(?:de|da|di|du|del|della|der|den|van|von|le|la|al|el|bin|ibn|dos|das|ter)(?=\s)")


def _core(name: str) -> str:
    """A surname without particles and without an 'al-'/'el-' prefix, lower case."""
    words = [w for w in name.split() if w.lower() not in PARTICLES]
    core = " ".join(words) if words else name
    return re.sub(r"^(?:al|el|ad|as|ash|an|ar|az)[-‑]", "", core, flags=re.I).lower()


def _one_edit(a: str, b: str) -> bool:
    """One substitution, insertion, deletion or transposition apart."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))


class NameUse:
    __slots__ = ("form", "start", "end", "title", "first", "sent_initial")

    def __init__(self, form, start, end, title, first, sent_initial):
        self.form, self.start, self.end = form, start, end
        self.title, self.first, self.sent_initial = title, first, sent_initial


def name_uses(article: Article) -> list[NameUse]:
    """Surnames after a title ("Ms Lund", "Mr de Vries") and at the end of PERSON entities."""
    doc = article.doc
    uses = []
    seen = set()
    for i, tok in enumerate(doc):
        if tok.text in TITLES and i + 1 < len(doc):
            j = i + 1
            words = []
            while j < len(doc) and len(words) < 4 and (doc[j].text[:1].isupper() or doc[j].lower_ in PARTICLES):
                words.append(doc[j])
                j += 1
            while words and words[-1].lower_ in PARTICLES:
                words.pop()
            if not words:
                continue
            # "Mr Joe Biden": the surname is the last word; "Mr de Vries": particles belong to it
            k = len(words) - 1
            while k > 0 and words[k - 1].lower_ in PARTICLES:
                k -= 1
            sur = words[k:]
            first = words[0].text if k > 0 else ""
            s, e = sur[0].idx, sur[-1].idx + len(sur[-1].text)
            seen.add(s)
            uses.append(NameUse(doc.text[s:e], s, e, TITLES[tok.text], first, sur[0].is_sent_start))
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        toks = [t for t in ent if not t.is_punct and t.text not in ("'s", "’s")]
        if len(toks) < 2:
            continue
        k = len(toks) - 1
        while k > 1 and toks[k - 1].lower_ in PARTICLES:
            k -= 1
        sur = toks[k:]
        s, e = sur[0].idx, sur[-1].idx + len(sur[-1].text)
        if s in seen or not sur[-1].text[:1].isupper():
            continue
        uses.append(NameUse(doc.text[s:e], s, e, "", toks[0].text, sur[0].is_sent_start))
    return sorted(uses, key=lambda u: u.start)


#: entity types that are never a person's surname
_NOT_PERSON = frozenset("GPE LOC NORP FAC EVENT PRODUCT LANGUAGE WORK_OF_ART LAW DATE TIME MONEY PERCENT "
                        "QUANTITY ORDINAL CARDINAL".split())


def bare_uses(article: Article, uses: list[NameUse]) -> tuple[list[NameUse], set[str], set[str]]:
    """Surnames written alone ("said Kobr.", "Kuzmionv won", "Macron"): every capitalised word standing
    alone that is a person's surname in the article (after a title, or tagged a person at least
    once) or one letter away from one. Returns those uses, the person surnames, and the words the
    parser only ever reads as places."""
    doc = article.doc
    seen = {u.start for u in uses}
    persons = {u.form for u in uses}
    words: dict[str, list] = defaultdict(list)
    for tok in doc:
        text = tok.text
        if len(text) < 4 or not text[:1].isupper() or text.isupper() or not text.isalpha():
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and ((nxt.text[:1].isupper() and nxt.is_alpha) or nxt.text in ("-", "‑")):
            continue  # a first name or part of a longer name ("Michele Bachelet", "Deutsche Welle", "Sino-US")
        prev = doc[tok.i - 1] if tok.i else None
        if prev is not None and prev.text[:1].isupper() and prev.is_alpha and not tok.is_sent_start \
                and prev.text not in TITLES and tok.ent_type_ != "PERSON":
            continue  # the end of a longer name that is not a person's ("Groote Kerk")
        words[text].append(tok)
        if tok.ent_type_ == "PERSON":
            persons.add(text)
    # a well-known word the parser reads as a place every time (Iran, Iraq); an unknown word it calls a
    # place ("Mechichi", a misspelt surname) is not trusted
    places = {w for w, toks in words.items() if all(t.ent_type_ in _NOT_PERSON for t in toks) and _zipf(w) >= 3.0}
    cores = {_core(p) for p in persons}
    out = []
    for text, toks in words.items():
        low = text.lower()
        if text not in persons and (text in places or _zipf(low) >= 3.5 or not any(_one_edit(low, c) for c in cores)):
            continue
        for tok in toks:
            if tok.idx not in seen:
                out.append(NameUse(text, tok.idx, tok.idx + len(text), "", "", tok.is_sent_start))
    return out, persons, places


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency
    return zipf_frequency(word, "en")


def _gendered(a: str, b: str) -> bool:
    """Ivanov/Ivanova, Zelensky/Zelenska, Kowalski/Kowalska: a family's surnames, not a slip."""
    short, long_ = sorted((a, b), key=len)
    if long_ == short + "a" or long_ == short + "i":
        return True  # and Khorasan/Khorasani, Baghdad/Baghdadi: a name and its adjective
    return len(a) == len(b) and a[:-1] == b[:-1] and {a[-1], b[-1]} <= set("aiyoe")


@register
class NameVariant(Rule):
    """One person's name spelt two ways in one article: `Ms Marquez` ... `Ms Marques`, `Ms Lund` ...
    `Ms Lundt`, `Mr de Vries` ... `Mr De Vries`.

    A name misspelt is the mistake a subject complains about first. Surnames are collected from
    titles ("Ms Lund") and from the person names the parser finds ("Marta Lund"); two forms one
    letter apart (or differing only in the case of a particle such as "de", "van", "al") are
    reported on the less frequent form. Dropping an "al-" prefix after the first mention
    ("Mustafa al-Kadhimi" then "Mr Kadhimi") is correct style and not reported; two forms used
    with different first names or different titles (Mr Lee, Ms Lees) are two people.
    """

    id = "name-variant"
    family = "consistency-name"
    severity = Severity.WARNING
    summary = "A name spelt two ways (`Ms Lund` / `Ms Lundt`)."
    needs = frozenset({"parser", "ner"})
    flags = (
        "Union leader Marta Lund said workers had been offered 2%.\n\n\"We deserve a fair deal,\" "
        "Ms Lund said.\n\nMs ⟦Lundt⟧ said the strike could be extended.",
        "Ana Marquez, the mayor, spoke first.\n\nMs Marquez said the plan was ready.\n\nMs ⟦Marques⟧ "
        "added that it would cost £2m.",
        "Mr de Vries said the deal was done.\n\nThe board agreed, and Mr de Vries left.\n\nLater, "
        "Mr ⟦De Vries⟧ declined to comment.",
    )
    passes = (
        "Iraqi Prime Minister Mustafa al-Kadhimi visited Washington.\n\nMr Kadhimi said no foreign "
        "troops were needed.",
        "Mr de Vries said the deal was done.\n\nDe Vries, 54, has led the firm since 2010.",
        "John Lee, the mayor, spoke.\n\nHis rival, Peter Lea, disagreed.",
        "Mr Lund spoke first.\n\nMs Lunds, his colleague, disagreed.",
        "Marta Lund said the strike would go on.\n\nMs Lund said talks had failed.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        uses = name_uses(article)
        bare, persons, places = bare_uses(article, uses)
        uses = sorted(uses + bare, key=lambda u: u.start)
        forms = Counter(u.form for u in uses)
        firsts: dict[str, set] = defaultdict(set)
        titles: dict[str, set] = defaultdict(set)
        for u in uses:
            if u.first:
                firsts[u.form].add(u.first)
            if u.title:
                titles[u.form].add(u.title)
        done = set()
        for a in forms:
            for b in forms:
                if a >= b or (a, b) in done:
                    continue
                done.add((a, b))
                ca, cb = _core(a), _core(b)
                case_only = a != b and a.lower() == b.lower()
                if case_only:
                    variant = True
                else:
                    variant = min(len(ca), len(cb)) >= 4 and _one_edit(ca, cb) and \
                        ca.rstrip("s") != cb.rstrip("s") and ca.split()[-1] != cb.split()[-1] and \
                        not _gendered(ca, cb)
                if not variant or (a not in persons and b not in persons and not case_only):
                    continue
                if a in places or b in places:
                    continue  # Iran and Iraq
                untitled = [f for f in (a, b) if not firsts[f] and not titles[f]]
                if not case_only and untitled and min(_zipf(a), _zipf(b)) >= 2.5:
                    continue  # two names in common use (Kelly, Kelley), one never given a first name or title
                if firsts[a] and firsts[b] and not firsts[a] & firsts[b]:
                    continue  # John Lee and Peter Lea: two people
                if titles[a] and titles[b] and len(titles[a] | titles[b] - {""}) > 1:
                    continue  # Mr Lund and Ms Lunds
                # the rarer form; on a tie, the rarer in English (the slip), then the later one
                minority = min((a, b), key=lambda f: (forms[f], _zipf(f), -_first(uses, f)))
                majority = b if minority == a else a
                ref = next(u for u in uses if u.form == majority)
                for u in uses:
                    if u.form != minority:
                        continue
                    if case_only and u.sent_initial:
                        continue  # "De Vries, 54, ..." opens a sentence
                    yield self.finding(u.start, u.end,
                                       f"'{minority}' is spelt '{majority}' elsewhere in the article",
                                       suggestion=majority,
                                       related=[Related(ref.start, ref.end, f"'{majority}' here")])


def _first(uses, form) -> int:
    return next(u.start for u in uses if u.form == form)


@lru_cache(maxsize=1)
def confusable_pairs() -> tuple[tuple[str, str], ...]:
    return data.pairs("confusables.txt", "|")


@lru_cache(maxsize=1)
def _confusable_pattern() -> re.Pattern:
    names = sorted({n for p in confusable_pairs() for n in p}, key=len, reverse=True)
    return re.compile(r"(?<![\w\-‑])(" + "|".join(re.escape(n) for n in names) + r")(?![\w\-‑])")


def _masked_counts(text: str) -> dict[str, list[tuple[int, int]]]:
    """Occurrences of each name; longer names are tried first, so 'South Sudan' hides its 'Sudan'."""
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in _confusable_pattern().finditer(text):
        out[m.group(1)].append((m.start(), m.end()))
    return out


@register
class ConfusableName(Rule):
    """Two look-alike names in one article: `Iran` and `Iraq`, `Austria` and `Australia`, `Slovakia`
    and `Slovenia`.

    Writers, spinners and translators swap look-alike countries, demonyms and organisations. When
    both names of a known pair (rules/confusables.txt) appear, the less frequent one is pointed out
    for a check, at info level: an article may well be about both.
    """

    id = "confusable-name"
    family = "consistency-name"
    severity = Severity.INFO
    summary = "Two look-alike names in one article (`Iran` / `Iraq`): check the rarer one."
    flags = (
        "The US military will leave Iraq.\n\nIraq's leaders welcomed the move.\n\n⟦Iran⟧'s parties "
        "demanded the withdrawal of US forces from Iraq.",
        "Slovenia's prime minister met EU leaders in Ljubljana.\n\nThe talks in ⟦Slovakia⟧ went well, "
        "Slovenia's government said.",
    )
    passes = (
        "The US military will leave Iraq.\n\nIraq's leaders welcomed the move.",
        "South Sudan held talks in Juba.",
        "Guinea-Bissau held elections.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        pairs = confusable_pairs()
        spots = _masked_counts(text)
        for a, b in pairs:
            if not spots.get(a) or not spots.get(b):
                continue
            minority, majority = (a, b) if len(spots[a]) < len(spots[b]) else (b, a)
            if len(spots[a]) == len(spots[b]):
                minority, majority = (a, b) if spots[a][0] > spots[b][0] else (b, a)
            ref = spots[majority][0]
            for s, e in spots[minority]:
                yield self.finding(s, e, f"'{minority}' and '{majority}' both appear: is '{minority}' meant here?",
                                   related=[Related(ref[0], ref[1], f"'{majority}' here")])


