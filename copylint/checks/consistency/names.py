"""Names that disagree inside one article: ``name-variant`` (one person's name spelt two ways) and
``confusable-name`` (look-alike names such as Iran and Iraq both used).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Iterator

from copylint import data, tokens
from copylint.article import Article
from copylint.checks.linear import one_edit_pairs
from copylint.finding import Finding, Related, Severity
from copylint.rule import Rule, register
from copylint.textutil import zipf

# --- names ------------------------------------------------------------------------------------------
TITLES = {"Mr": "m", "Mr.": "m", "Ms": "f", "Ms.": "f", "Mrs": "f", "Mrs.": "f", "Miss": "f",
          "Dr": "", "Dr.": "", "Prof": "", "Prof.": "", "Sir": "m", "Dame": "f"}
PARTICLES = data.words("name-particles")
#: titles and roles before a name ("Minister Orna Barbivay", "CEO Murakami"): no first name
ROLES = data.words("person-roles")
class NameUse:
    __slots__ = ("form", "start", "end", "title", "first", "sent_initial")

    def __init__(self, form, start, end, title, first, sent_initial):
        self.form, self.start, self.end = form, start, end
        self.title, self.first, self.sent_initial = title, first, sent_initial


def name_uses(article: Article) -> list[NameUse]:
    """Surnames after a title ("Ms Lund", "Mr de Vries") and at the end of PERSON entities."""
    doc = article.doc
    # a use's text is its tokens' (a Span's): not Doc.text, which spaCy joins from a string per token
    # of the whole document (about 13 MB a megabyte of article for a moment)
    uses = []
    seen = set()
    for i in tokens.text_in(doc, TITLES):
        tok = doc[i]
        if i + 1 < len(doc):
            j = i + 1
            words = []
            while j < len(doc) and len(words) < MAX_NAME_WORDS and (doc[j].text[:1].isupper() or doc[j].lower_ in PARTICLES):
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
            uses.append(NameUse(doc[sur[0].i:sur[-1].i + 1].text, s, e, TITLES[tok.text], first, sur[0].is_sent_start))
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
        uses.append(NameUse(doc[sur[0].i:sur[-1].i + 1].text, s, e, "", toks[0].text, sur[0].is_sent_start))
    return sorted(uses, key=lambda u: u.start)




#: below this Zipf frequency a form is no word or name in common English use: a slip, or a rare name
UNKNOWN_ZIPF = 1.5
#: below this, a form far rarer than the other (by two Zipf points) is a slip of it (Ukranian/Ukrainian)
RARE_ZIPF = 2.5
#: at or above this a form is a well-known word or name (Kyoto, Iraq, Michel): never reported alone
KNOWN_ZIPF = 3.0
#: Zipf points between a rare form and a far better-known one (a hundred times as common)
FAR_COMMONER = 2
#: a name after a title is at most this many words ("Mr Juan Carlos de la Vega" stops there)
MAX_NAME_WORDS = 4
#: a capitalised word shorter than this is not compared (initials, short names too close to others)
MIN_NAME_LETTERS = 4
#: a name this short, in use, one letter from a well-known word or name, is another name (Stav, Star)
SHORT_NAME = 4
#: endings that make another form of the same name: a plural or a people (Icelander/Icelanders), an
#: adjective or demonym (Russia/Russian, Khorasan/Khorasani, Israel/Israeli), a family form
#: (Ivanov/Ivanova)
_SUFFIXES = data.word_list("name-suffixes")


#: a Slavic surname's masculine and feminine endings (Zelensky/Zelenska, Kowalski/Kowalska)
_SLAVIC = re.compile(r"(?:sk|ck|zk|dzk)[iya]$")


def _family_form(a: str, b: str) -> bool:
    """Ivanov/Ivanova, Zelensky/Zelenska, Kowalski/Kowalska, Russia/Russian, Icelander/Icelanders,
    Koreas/Korean: two forms of one name, not a slip (but Korea/Korei is)."""
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and long_[len(short):] in _SUFFIXES and long_[len(short)] != short[-1]:
        return True  # but a doubled last letter is a slip (Spain/Spainn, Nantes/Nantess)
    if len(a) == len(b) and a[:-1] == b[:-1] and {a[-1], b[-1]} <= set("snaie") and zipf(a[:-1]) >= KNOWN_ZIPF:
        return True  # two forms of one well-known name (Koreas, Korean)
    return len(a) == len(b) and a[:-1] == b[:-1] and bool(_SLAVIC.search(a)) and bool(_SLAVIC.search(b))


def _damerau(a: str, b: str) -> int:
    from rapidfuzz.distance import DamerauLevenshtein
    return DamerauLevenshtein.distance(a, b)


class Token:
    """One use of a capitalised word: its form, place, and who it may belong to (``first``: the
    first name before a surname; ``last``: the surname after a first name)."""
    __slots__ = ("form", "start", "end", "first", "title", "role", "last")

    def __init__(self, form, start, end, first, title, role, last=""):
        self.form, self.start, self.end, self.first, self.title, self.role = form, start, end, first, title, role
        self.last = last


_PLACE = frozenset({"GPE", "LOC", "FAC", "NORP"})


def _name_word(tok) -> bool:
    """A word of a person's or organisation's name (the parser's proper noun, not a place)."""
    return tok.pos_ == "PROPN" and tok.is_alpha and tok.text[:1].isupper() and tok.ent_type_ not in _PLACE


def _mixed_case_words(doc) -> list[int]:
    """The indices, in order, of the tokens ``name_tokens`` may read, from the document's arrays
    (``copylint.tokens``): words of letters only, ``MIN_NAME_LETTERS`` or more, neither all in
    capitals nor all in lower case."""
    import numpy as np
    col = tokens.column
    return np.flatnonzero((col(doc, "IS_ALPHA") == 1) & (col(doc, "LENGTH") >= MIN_NAME_LETTERS)
                          & (col(doc, "IS_UPPER") == 0) & (col(doc, "IS_LOWER") == 0)).tolist()


def name_tokens(article: Article) -> list[Token]:
    """Every capitalised word of four letters or more (names and the words of titles and headlines
    alike: the frequency tests below tell them apart), with the first name and title before it
    when the parser reads it as part of a person's name, and its role there (first name or
    surname)."""
    doc = article.doc
    out = []
    seen: dict[str, str] = {}  # one string a distinct word: a long article repeats its names
    for i in _mixed_case_words(doc):
        tok = doc[i]
        text = tok.text
        if len(text) < MIN_NAME_LETTERS or not text[:1].isupper() or not text.isalpha() or text.isupper():
            continue
        text = seen.setdefault(text, text)
        prev = doc[tok.i - 1] if tok.i else None
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        first = title = role = last = ""
        if _name_word(tok) and (tok.ent_type_ == "PERSON" or prev is not None and prev.ent_type_ == "PERSON"):
            if prev is not None and _name_word(prev) and not tok.is_sent_start and prev.text not in TITLES:
                role = "surname"
                if prev.text not in ROLES and not prev.text.isupper():  # "Minister Barbivay", "CEO Murakami"
                    first = seen.setdefault(prev.text, prev.text)
            elif nxt is not None and _name_word(nxt):
                role = "first"
                last = seen.setdefault(nxt.text, nxt.text)
        if prev is not None and prev.text in TITLES:
            title, role = TITLES[prev.text] or prev.text, "surname"
        out.append(Token(text, tok.idx, tok.idx + len(text), first, title, role, last))
    return out


def _same_person_evidence(a: str, b: str, toks: dict[str, list[Token]]) -> bool:
    """Both forms carry the same title or the same first name: one person ("Ms Marquez" ... "Ms
    Marques"). ``toks``: the uses of each form. (So does a titled form referring back to the other's
    full name: ``_refers_back``.)"""
    fa = {t.first for t in toks[a] if t.first} | {t.title for t in toks[a] if t.title}
    fb = {t.first for t in toks[b] if t.first} | {t.title for t in toks[b] if t.title}
    return bool(fa & fb)


def _refers_back(titled: list[Token], named: list[Token]) -> bool:
    """Every use of ``titled`` a title and a surname, none with a first name, the first of them after
    a use of ``named`` with a first name (`John Healey` ... `Mr Healy`): news names a person in full
    before the title alone, so a titled surname the article never introduced refers back to the one
    it did."""
    introduced = [t.start for t in named if t.first]
    return bool(introduced) and all(t.title and not t.first for t in titled) and titled[0].start > introduced[0]


def _first_names_of_others(uses_a: list[Token], uses_b: list[Token]) -> bool:
    """Two first names, each always followed by a surname, and no surname of one the other's (nor
    one edit from it): two people (Jonas Brodin, Joonas Korpisalo; Mattias Ekholm, Matias
    Maccelli), whether or not either first name is in common use. A first name misspelt keeps its
    surname (Adriana Kuch, Adrianna Kuch)."""
    la = {t.last for t in uses_a}
    lb = {t.last for t in uses_b}
    if "" in la or "" in lb:
        return False
    return all(x[0] != y[0] or _damerau(x.lower(), y.lower()) > 1 for x in la for y in lb)


def _different_people(a: str, b: str, toks: dict[str, list[Token]]) -> bool:
    """Two people, not one name spelt twice: different first names (John Lee, Peter Lea), different
    titles (Mr Lund, Ms Lunds), two first names before different surnames (Jonas Brodin, Joonas
    Korpisalo), or one form always a first name and the other always a surname
    (Kelly Smith, Ann Kelley)."""
    def attrs(form, key):
        return {getattr(t, key) for t in toks[form] if getattr(t, key)}
    ta, tb = attrs(a, "title"), attrs(b, "title")
    if ta and tb and not ta & tb:
        return True
    if _first_names_of_others(toks[a], toks[b]):
        return True
    if min(zipf(a), zipf(b)) < UNKNOWN_ZIPF:
        # one form is no name in use: a slip, unless the titles differ. Relatives share a surname
        # (Adriana Kuch, her father Michael Kuch), a first name is transliterated two ways (Sissi,
        # Sissy), and a name in family-name-first order is a "first name" to the parser (Murakami
        # Kenjiro, CEO Murakami)
        return False
    fa, fb = attrs(a, "first"), attrs(b, "first")
    if fa and fb and not fa & fb:
        return True
    ra, rb = {t.role for t in toks[a]}, {t.role for t in toks[b]}
    return len(ra) == len(rb) == 1 and ra != rb and "" not in ra | rb


def _styled(word: str) -> bool:
    """A capital inside the word after a lower-case letter (TrustE, PayPal, YouTube): a brand's own
    styling, which a slip of the keyboard does not make."""
    return any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))


#: a contrast that names a second spelling on purpose, the other form beside it
_AGAINST_BEFORE = r"\b{other},?\s+(?:and\s+)?not\s+(?:as\s+)?[\"“‘']?$|\b(?:not|rather than|instead of)\s+[\"“‘']?$"
_AGAINST_AFTER = r"^[\"”’']?,?\s+(?:but|not|rather than|instead of)\s+(?:as\s+)?[\"“‘']?{other}\b"


def _set_against(text: str, use: Token, other: str) -> bool:
    """A form written in a contrast with the other spelling (a correction's `to Tuva, not Tyva`,
    `spelt Hanna, not Hannah`, `Tyva rather than Tuva`): both spellings named on purpose."""
    before, after = text[max(0, use.start - 60):use.start], text[use.end:use.end + 60]
    o = re.escape(other)
    if re.search(_AGAINST_BEFORE.format(other=o), before):
        return re.search(r"\b" + o + r"\b", before + " " + after) is not None
    return re.search(_AGAINST_AFTER.format(other=o), after) is not None


def _unaccented(word: str) -> str:
    """The word without its diacritics (néon -> neon)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _lower_words(article: Article, memo: list) -> frozenset[str]:
    """The words the article writes in lower case (``memo``: a one-place cache per article)."""
    if not memo:
        memo.append(frozenset(t.text for t in article.doc if t.is_lower and t.is_alpha))
    return memo[0]


@register
class NameVariant(Rule):
    """One name spelt two ways in one article: `Ms Marquez` ... `Ms Marques`, `Ms Lund` ... `Ms
    Lundt`, `Mr de Vries` ... `Mr De Vries`, `Chongqing` ... `Chongquing`.

    A name misspelt is the mistake a subject complains about first, and a misspelt place or
    organisation looks as careless. Every capitalised word is compared with the others of the
    article: two forms one edit apart (a letter doubled, dropped, changed, or two swapped) are one
    name spelt twice when the rarer form is no word or name in common English use (wordfreq), or,
    for two names both in use (Marquez, Marques), when the same title or first name goes with both,
    or when one is only ever a title and a surname after the other was introduced in full (`John
    Healey` ... `Mr Healy`: news names a person in full before the title alone).
    The rarer form in the article is reported (on a tie, the rarer in English, then the later).
    Left alone: two well-known names (Iran, Iraq; Kyoto, Kyodo), a short name one letter from a
    well-known word or name (Stav, Star), a plural, demonym or family form
    (Icelanders, Russian, Khorasani, Ivanova, Zelenska), and two people told apart by their first
    names, titles or roles (John Lee and Peter Lea, Mr Lund and Ms Lunds, Kelly Smith and Ann
    Kelley) or by their surnames (two first names each always before a surname, none shared: Mikael
    Granlund and Mikkael Lindqvist), and a form the article also writes in lower case, a word of
    its own (`"vlop"` ... `Vlop`), or an accented form of one (a French title's `Néon` beside `Neon` and
    `neon`), and a brand styled with a capital inside it (`TrustE` beside `Trusted`). A role before a surname ("Minister", "Director", "CEO") is no first name; and where one
    form is no name in use at all, only different titles keep the two apart (relatives share a
    surname: Adriana Kuch and her father Michael Kuchh; first names are transliterated two ways;
    a name in family-name-first order reads its surname as a first name). Dropping an "al-" prefix after the first mention ("Mustafa al-Kadhimi" then "Mr
    Kadhimi") is correct style; a particle in another case ("de Vries", "De Vries") is reported
    except where it opens a sentence.
    """

    id = "name-variant"
    family = "consistency-name"
    severity = Severity.WARNING
    summary = "A name spelt two ways (`Ms Lund` / `Ms Lundt`, `Chongqing` / `Chongquing`)."
    kinds = {"both-repeated": (Severity.INFO, "two forms each written more than once (as often two names)")}
    needs = frozenset({"tagger", "parser", "ner"})
    flags = (
        "Union leader Marta Lund said workers had been offered 2%.\n\n\"We deserve a fair deal,\" "
        "Ms Lund said.\n\nMs ⟦Lundt→Lund⟧ said the strike could be extended.",
        "Ana Marquez, the mayor, spoke first.\n\nMs Marquez said the plan was ready.\n\nMs ⟦Marques→Marquez⟧ "
        "added that it would cost £2m.",
        "Mr de Vries said the deal was done.\n\nThe board agreed, and Mr de Vries left.\n\nLater, "
        "Mr ⟦De Vries→de Vries⟧ declined to comment.",
        "Heavy rain hit Chongqing on Monday.\n\nRoads in Chongqing were closed, and schools in "
        "⟦Chongquing→Chongqing⟧ stayed shut.",
        "Carlo Ancelotti named his team.\n\n⟦Ancellotti→Ancelotti⟧ said the players were ready.",
        # two surnames in use, one only ever titled after the other was introduced in full (main: silent)
        "Labour's defence spokesman, John Healey, said the plan was unfunded.\n\nMr ⟦Healy→Healey⟧ said "
        "Labour would back a properly funded rise.",
        "Adriana Kuch, 14, died on Sunday.\n\nAdriana Kuch was a happy child, her teacher said.\n\nHer "
        "father, Michael ⟦Kuchh→Kuch⟧, said the school had failed her.",
        "Boris Johnson spoke first.\n\nMr Johnson said the plan was ready.\n\nPrime Minister "
        "⟦Johnsen→Johnson⟧ added that it would cost £2m.",
        "Nashville beat Dallas 3-1 on Sunday. Mikael Granlund scored twice.\n\nThe win was their "
        "third in a row, and ⟦Mikkael→Mikael⟧ Granlund now has 12 goals.",
    )
    passes = (
        "Iraqi Prime Minister Mustafa al-Kadhimi visited Washington.\n\nMr Kadhimi said no foreign "
        "troops were needed.",
        "Mr de Vries said the deal was done.\n\nDe Vries, 54, has led the firm since 2010.",
        "John Lee, the mayor, spoke.\n\nHis rival, Peter Lea, disagreed.",
        "Mr Lund spoke first.\n\nMs Lunds, his colleague, disagreed.",
        "Marta Lund said the strike would go on.\n\nMs Lund said talks had failed.",
        "Kelly Smith spoke first.\n\nAnn Kelley, her lawyer, disagreed, and Kelley left.",
        "Adriana Koch, 14, died on Sunday.\n\nAdriana Koch was a happy child.\n\nHer cousin, Michael "
        "Kuch, said the school had failed her.",
        "The Kyodo news agency reported from Kyoto.\n\nKyoto officials said the festival would go on.",
        "Olena Zelenska spoke first.\n\nVolodymyr Zelensky spoke next.",
        "Iran and Iraq signed the deal.\n\nIceland and Icelanders welcomed it, Russia and Russian "
        "officials too, and the two Koreas sent Korean envoys.",
        "Stav Cohen sang first.\n\nThe Star of David hung above the stage, and the Star choir sang.",
        "Nashville beat Dallas 3-1 on Sunday. Mikael Granlund scored twice.\n\nVegas beat Calgary "
        "4-2. Mikkael Lindqvist stopped 30 shots for his eighth win.",
        'The new word of the year is "vlop". Video flop = Vlop. And Vlog fans hate it.',
        # a brand styled with a capital inside it, one letter from a word of a name beside it
        "Display trust signals such as Norton Secured, TrustE and the Google Trusted Store badge.\n\n"
        "Shoppers who see a Trusted Store badge buy more, the study found.",
        # an accented form of a word the article writes in lower case: a title in another language
        "His book L'Age du Néon tells the history of neon signs.\n\nNeon lit Paris first. Neon signs "
        "spread to New York, and neon became the light of the century.",
        # a correction that names the wrong spelling beside the right one
        "Officials in Tuva said the road would reopen on Monday.\n\nThis version corrects the "
        "spelling of the region to Tuva, not Tyva.",
        # a name in capitals heading the brief, in its own case below
        "JANE R. WHITCOMB\n\nWhitcomb is a partner in the firm's Chicago office. At Tulane, Ms. Whitcomb "
        "served as an editor of the law review.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        done: set[int] = set()
        yield from self._case_only(article, done)
        toks: dict[str, list[Token]] = defaultdict(list)  # form -> its uses, in order
        for t in name_tokens(article):
            if t.start not in done:
                toks[t.form].append(t)
        forms = Counter({f: len(ts) for f, ts in toks.items()})
        # only forms one edit apart in lower case can be judged below: found through shared keys,
        # not by comparing every pair (linear on a huge file)
        lower: list[frozenset[str]] = []  # the article's words in lower case, read once if asked
        for a, b in one_edit_pairs(forms, str.lower):
            yield from self._pair(a, b, forms, toks, lambda: _lower_words(article, lower), article.text)

    def _pair(self, a: str, b: str, forms: Counter, toks: dict[str, list[Token]],
              lower_words, text: str = "") -> Iterator[Finding]:
        """Report the rarer of two forms one edit apart when it reads as a slip of the other
        (``lower_words()``: the article's words in lower case)."""
        la, lb = a.lower(), b.lower()
        if la == lb or la[0] != lb[0] or _damerau(la, lb) != 1 or _family_form(la, lb):
            return
        za, zb = zipf(a), zipf(b)
        # the slip: the rarer form in the article; on a tie, the one referring back to the other's
        # full name (`Mr Healy` after `John Healey`), then the rarer in English, then the later
        first = {f: toks[f][0].start for f in (a, b)}
        back = {a: _refers_back(toks[a], toks[b]), b: _refers_back(toks[b], toks[a])}
        minority = min((a, b), key=lambda f: (forms[f], not back[f], za if f == a else zb, -first[f]))
        majority = b if minority == a else a
        zmin, zmaj = (za, zb) if minority == a else (zb, za)
        tied = back[a] or back[b] or _same_person_evidence(a, b, toks)   # one person, by the names around
        if zmin >= KNOWN_ZIPF and not back[minority] or (zmin >= UNKNOWN_ZIPF and not tied
                                                         and not (zmin < RARE_ZIPF and zmaj - zmin >= FAR_COMMONER)):
            return  # a name in use of its own (Kyoto beside Kyodo) unless tied to one person (a
            # titled surname referring back to a full name ties even a well-known one), or a
            # common misspelling of a far better-known name (Ukranian, Russa)
        if len(minority) <= SHORT_NAME and zmin >= UNKNOWN_ZIPF and zmaj >= KNOWN_ZIPF:
            return  # a short name in use one letter from a well-known word or name is another name (Stav, Star)
        if _different_people(a, b, toks):
            return
        if minority.lower() in lower_words():
            return  # a word the article writes in lower case too ("spim" ... Spim), no misspelt name
        if _styled(minority) and not _styled(majority):
            return  # a brand's own capitals inside the word (TrustE beside Trusted): styled on purpose
        if _unaccented(la) == _unaccented(lb) and _unaccented(la) in lower_words():
            return  # an accented form of a word the article writes in lower case: the word in another
            # language (a French title's "Néon" beside "Neon", the English word opening a sentence)
        if text and all(_set_against(text, t, majority) for t in toks[minority]):
            return  # each use names the other spelling on purpose: "corrects it to Tuva, not Tyva"
        ref = toks[majority][0]
        # a slip is made once; two forms each written more than once are as often two names (Pham and
        # Phan, Haihe and Huaihe): info
        kind = "both-repeated" if forms[minority] >= 2 else None
        for t in toks[minority]:
            yield self.finding(t.start, t.end, f"'{minority}' is spelt '{majority}' elsewhere in the article",
                               suggestion=majority, kind=kind,
                               related=[Related(ref.start, ref.end, f"'{majority}' here")])

    def _case_only(self, article: Article, done: set[int]) -> Iterator[Finding]:
        """A surname's particle in two cases ("Mr de Vries", "Mr De Vries")."""
        uses: dict[str, list[NameUse]] = defaultdict(list)  # form -> its uses, in order
        by_lower: dict[str, list[str]] = defaultdict(list)   # lower case -> its forms, in order
        for u in name_uses(article):
            if u.form not in uses:
                by_lower[u.form.lower()].append(u.form)
            uses[u.form].append(u)
        for group in by_lower.values():
            for a in group:
                for b in group:
                    if a >= b or a.isupper() or b.isupper():
                        continue  # a name in capitals (a heading's `JANE WHITCOMB`) is a case, not a spelling
                    minority = min((a, b), key=lambda f: (len(uses[f]), -uses[f][0].start))
                    majority = b if minority == a else a
                    ref = uses[majority][0]
                    for u in uses[minority]:
                        if not u.sent_initial:  # "De Vries, 54, ..." opens a sentence
                            done.update(range(u.start, u.end))
                            yield self.finding(u.start, u.end,
                                               f"'{minority}' is spelt '{majority}' elsewhere in the article",
                                               suggestion=majority,
                                               related=[Related(ref.start, ref.end, f"'{majority}' here")])


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


