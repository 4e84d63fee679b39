"""Inconsistencies inside one article: figures that contradict each other for the same quantity, a
count attributed to the wrong side, variant spellings of one name, mixed house-style forms, and
look-alike names (Iran/Iraq) that both appear.

Every rule here reads the whole article before reporting, and reports the later or minority form
with ``related`` pointing at the other one.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Iterator

from copylint import data
from copylint.article import Article
from copylint.checks.garble import in_body, noun_classes
from copylint.checks.linear import EarlierFigures, one_edit_pairs
from copylint.finding import Finding, Related, Severity
from copylint.rule import Rule, register

# --- numbers ---------------------------------------------------------------------------------------
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
          "b": 1e9, "trillion": 1e12, "tn": 1e12}
_NUM = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(bn|mn|m|k|tn|b)?$", re.I)
_WORDNUM = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "dozen": 12, "hundred": 100}

#: verbs and nouns that count the same thing, by group: a count of people evacuated and a count of
#: people who fled are the same quantity
EVENT_GROUPS = {
    "evacuated": "evacuate evacuation leave flee displace relocate escape abandon",
    "killed": "kill die dead death",
    "injured": "injure wound hurt injury",
    "arrested": "arrest detain detention",
    "missing": "miss missing",
    "rescued": "rescue save",
    "striking": "strike walkout walk join",
    "attending": "attend",
    "infected": "infect case",
}
_EVENT_OF = {w: g for g, ws in EVENT_GROUPS.items() for w in ws.split()}
METRICS = frozenset("profit revenue sale turnover loss income earnings budget cost debt deficit "
                    "surplus valuation fine bill spending investment dividend salary bonus".split())
UPDATE_WORDS = frozenset("rise rose risen climb climbed increase increased grow grew another further "
                         "additional latest updated update now total earlier initially first "
                         "previously originally initial revised since including".split())
REPORTING = frozenset("say said says claim claimed estimate estimated according report reported "
                      "tell told put count counted".split())


def parse_number(tok) -> float | None:
    """The value of a number token, with a scale word after it ("2 million", "€1.2bn")."""
    text = tok.text.lstrip("€£$")
    m = _NUM.match(text)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= _SCALE[m.group(2).lower()]
    elif tok.lower_ in _WORDNUM:
        value = float(_WORDNUM[tok.lower_])
    else:
        return None
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in _SCALE and nxt.lower_ not in ("m", "b", "k"):
        value *= _SCALE[nxt.lower_]
    return value


def _attribution(sent) -> str | None:
    """Who the sentence quotes: the subject of its reporting verb ("the union", "a spokesman")."""
    for t in sent:
        if t.lemma_.lower() in REPORTING and t.pos_ == "VERB":
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                return " ".join(w.lower_ for w in subj[0].subtree if not w.is_punct)[:40]
        if t.lower_ == "according":
            return "according " + " ".join(w.lower_ for w in t.subtree)[:40]
    return None


def _verbs_above(tok) -> list:
    out = []
    t = tok
    while t.head.i != t.i:
        t = t.head
        if t.pos_ in ("VERB", "AUX", "NOUN") or t.dep_ == "ROOT":
            out.append(t)
            out.extend(c for c in t.children if c.dep_ in ("xcomp", "dobj", "prep"))
            out.extend(g for c in t.children if c.dep_ in ("xcomp", "prep", "dobj") for g in c.children)
        if t.pos_ == "VERB" and t.dep_ not in ("xcomp", "acl", "relcl"):
            break
    return out


class Mention:
    __slots__ = ("key", "value", "start", "end", "sent", "text", "hedge")

    def __init__(self, key, value, start, end, sent, text):
        self.key, self.value, self.start, self.end, self.sent, self.text = key, value, start, end, sent, text


def count_mentions(doc) -> list[Mention]:
    """Counts of people tied to an event group, and money amounts tied to a metric."""
    classes = noun_classes()
    out = []
    text = doc.text  # spaCy joins every token for Doc.text: once, not per mention
    for tok in doc:
        if tok.ent_type_ in ("DATE", "TIME", "PERCENT", "ORDINAL"):
            continue
        if not (tok.like_num or tok.ent_type_ == "MONEY" or _NUM.match(tok.text.lstrip("€£$"))):
            continue
        value = parse_number(tok)
        if value is None:
            continue
        noun = tok.head if tok.dep_ == "nummod" else None
        if noun is None and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
            noun = next((g for c in of for g in c.children if g.dep_ == "pobj"), None)
            if noun is not None and noun.lower_ in ("them", "us", "these", "those"):
                noun = None
        if tok.ent_type_ == "MONEY" or tok.text[:1] in "€£$" or (tok.i > 0 and tok.doc[tok.i - 1].text in "€£$"):
            cur = tok.text[0] if tok.text[:1] in "€£$" else (tok.doc[tok.i - 1].text if tok.i else "")
            metric = _money_metric(tok)
            if metric:
                s, e = _phrase(tok)
                out.append(Mention(("money", cur, metric), value, s, e, tok.sent, text[s:e]))
            continue
        if noun is None or noun.pos_ != "NOUN" or value < 10:
            continue
        if "c:person" not in (classes.lookup(noun.lemma_.lower()) or set()):
            continue
        group = None
        for v in _verbs_above(noun) + [c for c in noun.children if c.dep_ in ("acl", "relcl")]:
            group = _EVENT_OF.get(v.lemma_.lower())
            if group:
                break
        if group is None:
            continue
        s, e = _phrase(tok, noun)
        out.append(Mention(("people", group), value, s, e, tok.sent, text[s:e]))
    return out


def _money_metric(tok) -> str | None:
    t = tok
    for _ in range(4):
        if t.head.i == t.i:
            break
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].lemma_.lower() in METRICS:
                mods = [c.lower_ for c in subj[0].children if c.dep_ in ("amod", "compound")]
                return " ".join(mods + [subj[0].lemma_.lower()])
            return None
    return None


def _phrase(tok, noun=None) -> tuple[int, int]:
    first = tok
    for c in tok.children:
        if c.dep_ in ("advmod", "quantmod", "amod") and c.i < first.i:
            first = c
    while first.i > 0 and first.doc[first.i - 1].dep_ == "quantmod" and first.doc[first.i - 1].head == tok:
        first = first.doc[first.i - 1]
    last = noun if noun is not None and noun.i > tok.i else tok
    if last.i + 1 < len(tok.doc) and tok.doc[last.i + 1].lower_ in _SCALE:
        last = tok.doc[last.i + 1]
    return first.idx, last.idx + len(last.text)


_SCORE = re.compile(r"\b(?:(a|an|the|their|his|her|its)\s+)?(\d{1,2})-(\d{1,2})\s+(win|victory|defeat|loss|draw|home win|away win)\b", re.I)


@register
class NumberMismatch(Rule):
    """Two figures for the same quantity that contradict each other: `forced more than 3,000 people
    to leave` ... `More than 30,000 residents have been evacuated`; `net profit rose to €1.2bn` ...
    `net profit was €2.1bn`; `a 2-1 win` ... `the 3-1 win`.

    A mistyped or spun figure is the error readers remember. The rule ties each count of people to
    what happened to them (evacuated/fled/left, killed/died, injured, arrested, on strike...), each
    money amount to the metric it measures (net profit, revenue...), and each match score to its
    result, and reports a later figure that differs by half again or more (or swaps the digits) from
    an earlier one for the same thing. Figures in one sentence are comparisons, not errors; a later
    figure introduced as an update ("rose to", "another", "in total") is left alone; different
    figures from different named sources ("the union says 4,000 ... the company said 1,500") are
    reported speech and reported at info level only.
    """

    id = "number-mismatch"
    family = "consistency-number"
    severity = Severity.WARNING
    summary = "Two different figures for the same quantity."
    needs = frozenset({"parser", "ner", "lemmatizer"})
    flags = (
        "A wildfire has forced more than 3,000 people to leave their homes, fire officials said.\n\n"
        "The fire has burned 5,000 hectares.\n\n⟦More than 30,000 residents⟧ have been evacuated.",
        "About 12,000 people were forced to leave the city.\n\nOn Monday, ⟦more than 40,000 people⟧ were "
        "evacuated.",
        "Net profit rose to €1.2bn in 2023.\n\nThe bank said its net profit was ⟦€2.1bn⟧.",
        "United secured a 2-1 win over City.\n\nAfter ⟦the 3-1 win⟧, the manager praised his players.",
    )
    passes = (
        "More than 3,000 people were evacuated on Saturday.\n\nThe number of people evacuated has since "
        "risen to 30,000.",
        "Net profit rose to €2.1bn from €1.2bn a year earlier.",
        "About 3,000 people were evacuated in Ardena.\n\nThe fire burned 3,000 hectares.",
        "United secured a 2-1 win over City.\n\nLast week they lost 3-1.",
        "At least 20 people were killed.\n\nAnother 30 people were killed in a second blast.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        mentions = count_mentions(doc)
        by_key = defaultdict(list)
        for m in mentions:
            by_key[m.key].append(m)
        for key, ms in by_key.items():
            earlier_values = EarlierFigures([m.value for m in ms], RATIO, _digits)
            pending = 0  # mentions of earlier sentences are added when a new sentence starts
            words_of: dict[int, set] = {}
            for j, later in enumerate(ms):
                sent_start = later.sent.start
                while pending < j and ms[pending].sent.start != sent_start:
                    earlier_values.add(ms[pending].value, pending)
                    pending += 1
                if sent_start == ms[0].sent.start:
                    continue
                words = words_of.get(sent_start)
                if words is None:
                    words = words_of[sent_start] = {t.lemma_.lower() for t in later.sent} | {t.lower_ for t in later.sent}
                if words & UPDATE_WORDS or _more_not_than(later.sent):
                    continue
                # the first earlier mention, outside this sentence, whose figure contradicts this one
                k = earlier_values.first_contradicting(later.value)
                if k is None:
                    continue
                earlier = ms[k]
                if earlier_values.has(later.value):
                    continue
                dates_a = {d.text for d in earlier.sent.ents if d.label_ == "DATE"}
                dates_b = {d.text for d in later.sent.ents if d.label_ == "DATE"}
                if dates_a and dates_b and dates_a != dates_b:
                    continue  # figures for different periods
                src_a, src_b = _attribution(earlier.sent), _attribution(later.sent)
                sev = None
                note = ""
                if src_a and src_b and src_a != src_b:
                    sev = Severity.INFO
                    note = " (different sources: reported speech?)"
                yield self.finding(later.start, later.end,
                                   f"'{later.text}' contradicts '{earlier.text}' earlier in the article{note}",
                                   severity=sev,
                                   related=[Related(earlier.start, earlier.end, f"earlier figure: {earlier.text}")])
        yield from self._scores(article)

    def _scores(self, article: Article) -> Iterator[Finding]:
        scores: dict[str, set] = defaultdict(set)   # kind -> every score given so far
        last: dict[str, tuple] = {}                  # kind -> the last one given
        for m in _SCORE.finditer(article.text):
            det, a, b, what = m.group(1), m.group(2), m.group(3), m.group(4).lower().split()[-1]
            kind = "win" if what in ("win", "victory", "defeat", "loss") else what
            score = tuple(sorted((int(a), int(b)), reverse=True))
            if det and det.lower() == "the" and kind in last and score not in scores[kind]:
                p = last[kind]
                yield self.finding(m.start(), m.end(),
                                   f"'{m.group(0)}' refers back to a {p[1]} result given earlier",
                                   related=[Related(p[2], p[3], "earlier score")])
            scores[kind].add(score)
            last[kind] = (score, f"{score[0]}-{score[1]}", m.start(), m.end())


def _more_not_than(sent) -> bool:
    """ "more people were evacuated" (an addition), unlike "more than 30,000 people" """
    return any(t.lower_ == "more" and (t.i + 1 >= len(t.doc) or t.doc[t.i + 1].lower_ != "than") for t in sent)


RATIO = 1.5  # figures this far apart contradict each other


def _digits(v: float) -> str:
    return "".join(sorted(f"{v:g}".replace(".", "")))


def _contradicts(a: float, b: float) -> bool:
    if a == b:
        return False
    hi, lo = max(a, b), min(a, b)
    if lo > 0 and hi / lo >= RATIO:
        return True
    return _digits(a) == _digits(b)  # 1.2 and 2.1: digits swapped


# --- the wrong side --------------------------------------------------------------------------------
FORCE_NOUNS = frozenset("force forces troop troops soldier soldiers personnel adviser advisers advisor "
                        "advisors trainer trainers".split())
HELP_VERBS = frozenset("help assist train advise support aid back".split())


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """demonym -> country"""
    out = {}
    for country, dem in data.pairs("demonyms.txt", "|"):
        out.setdefault(dem, country)
    return out


@register
class WrongSide(Rule):
    """A count of troops attributed to the wrong side: `2,500 Iraqi forces helping local forces` in
    an article about US forces in Iraq.

    Spinners and translators swap one nationality for another. A force that helps "local forces"
    (or forces of its own nationality) cannot itself carry the nationality of the country the
    article is set in: the rule reports a counted force whose demonym belongs to the country the
    article names most often, when it helps, trains, advises or supports local forces.
    """

    id = "wrong-side"
    family = "consistency-number"
    severity = Severity.WARNING
    summary = "Count of forces attributed to the wrong side (`2,500 Iraqi forces helping local forces`)."
    needs = frozenset({"parser", "ner", "lemmatizer"})
    flags = (
        "The US military will leave Iraq this year.\n\nThere are currently ⟦2,500 Iraqi forces⟧ helping "
        "local forces fight militants in Iraq.",
        "Russia has troops in Syria.\n\nAbout ⟦1,000 Syrian soldiers⟧ are training Syrian forces near "
        "Damascus, in Syria.",
    )
    passes = (
        "The US military will leave Iraq this year.\n\nThere are currently 2,500 US troops helping "
        "local forces fight militants in Iraq.",
        "About 5,000 Iraqi soldiers took part in the offensive in Iraq.",
        "Iraq has asked for help.\n\nSome 300 British trainers are helping local forces in Iraq.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        dem = demonyms()
        places = Counter(e.text for e in doc.ents if e.label_ == "GPE")
        if not places:
            return
        host, _ = places.most_common(1)[0]
        first_host = next(e for e in doc.ents if e.label_ == "GPE" and e.text == host)
        for tok in doc:
            if tok.lower_ not in FORCE_NOUNS or not any(c.like_num and c.dep_ == "nummod" for c in tok.children):
                continue
            nat = [c for c in tok.children if c.text in dem and c.dep_ in ("amod", "compound")]
            if not nat or dem[nat[0].text] != host:
                continue
            helps = [c for c in tok.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in HELP_VERBS]
            if not helps and tok.head.lemma_.lower() in HELP_VERBS and tok.dep_ == "nsubj":
                helps = [tok.head]
            if not helps:
                continue
            objs = [o for h in helps for o in h.subtree if o.i != tok.i and o.lower_ in FORCE_NOUNS]
            if not any(c.lower_ == "local" or c.text == nat[0].text for o in objs for c in o.children):
                continue
            num = next(c for c in tok.children if c.like_num and c.dep_ == "nummod")
            start = min(num.idx, nat[0].idx)
            yield self.finding(start, tok.idx + len(tok.text),
                               f"'{article.text[start:tok.idx + len(tok.text)]}' helping local forces: in an "
                               f"article set in {host}, the local forces are {nat[0].text}; whose troops are these?",
                               related=[Related(first_host.start_char, first_host.end_char,
                                                f"the article is set in {host}")])


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
    text = doc.text  # spaCy joins every token for Doc.text: once, not per use
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
            uses.append(NameUse(text[s:e], s, e, TITLES[tok.text], first, sur[0].is_sent_start))
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
        uses.append(NameUse(text[s:e], s, e, "", toks[0].text, sur[0].is_sent_start))
    return sorted(uses, key=lambda u: u.start)


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
        forms = Counter(u.form for u in uses)
        firsts: dict[str, set] = defaultdict(set)
        titles: dict[str, set] = defaultdict(set)
        uses_of: dict[str, list] = defaultdict(list)
        for u in uses:
            uses_of[u.form].append(u)
            if u.first:
                firsts[u.form].add(u.first)
            if u.title:
                titles[u.form].add(u.title)
        for a, b in one_edit_pairs(forms, _core, min_len=4):
            ca, cb = _core(a), _core(b)
            case_only = a != b and a.lower() == b.lower()
            if case_only:
                variant = True
            else:
                variant = min(len(ca), len(cb)) >= 4 and _one_edit(ca, cb) and \
                    ca.rstrip("s") != cb.rstrip("s") and ca.split()[-1] != cb.split()[-1]
            if not variant:
                continue
            if firsts[a] and firsts[b] and not firsts[a] & firsts[b]:
                continue  # John Lee and Peter Lea: two people
            if titles[a] and titles[b] and len(titles[a] | titles[b] - {""}) > 1:
                continue  # Mr Lund and Ms Lunds
            # the rarer form; on a tie, the one that appears later
            minority = min((a, b), key=lambda f: (forms[f], -uses_of[f][0].start))
            majority = b if minority == a else a
            ref = uses_of[majority][0]
            for u in uses_of[minority]:
                if case_only and u.sent_initial:
                    continue  # "De Vries, 54, ..." opens a sentence
                yield self.finding(u.start, u.end,
                                   f"'{minority}' is spelt '{majority}' elsewhere in the article",
                                   suggestion=majority,
                                   related=[Related(ref.start, ref.end, f"'{majority}' here")])


@lru_cache(maxsize=None)
def _form_pattern(form: str, dotted: bool = False) -> re.Pattern:
    """Whole-token uses of ``form``; with ``dotted``, not when a full stop follows ("Mr" in "Mr.")."""
    tail = r"(?![\w\-‑]|\.\w" + (r"|\.)" if dotted else ")")
    return re.compile(r"(?<![\w.\-‑])" + re.escape(form) + tail)


def _occurrences(text: str, form: str, dotted: bool = False) -> Iterator[re.Match]:
    return _form_pattern(form, dotted).finditer(text)


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


# --- house style ------------------------------------------------------------------------------------
#: titles that are capitalised before a name ("Prime Minister Mustafa al-Kadhimi") and, in most
#: house styles, lower case without one ("the prime minister said")
TITLE_WORDS = ("prime minister", "deputy prime minister", "foreign minister", "finance minister",
               "defence minister", "defense minister", "interior minister", "health minister",
               "foreign secretary", "home secretary", "defence secretary", "health secretary",
               "chancellor", "president", "vice president", "governor", "mayor", "secretary of state",
               "chief executive", "attorney general")
_TITLE_PAT = re.compile(r"\b(" + "|".join(sorted((re.escape(t) for t in TITLE_WORDS), key=len, reverse=True))
                        + r")\b", re.I)
_ISE = re.compile(r"\b([a-z]{3,})(is|iz)(e|es|ed|ing|ation|ations|ational|er|ers)\b")
_ISE_EXCEPT = frozenset("advert advert compr compromis desp dev disgu exerc improv merchand premis "
                        "promis superv telev rev surpr franch enterpr chast exc inc expert conc prec "
                        "parad otherw likew clockw cru pra bru po ar r w sei capsi".split())


def _zipf(word: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return 0.0
    return zipf_frequency(word, "en")


@lru_cache(maxsize=4096)
def _both_spellings(stem: str, ending: str) -> bool:
    if stem in _ISE_EXCEPT:
        return False
    return _zipf(stem + "is" + ending) >= 1.5 and _zipf(stem + "iz" + ending) >= 1.5


def _is_caps_line(text: str, i: int) -> bool:
    s = text.rfind("\n", 0, i) + 1
    e = text.find("\n", i)
    line = text[s:e if e >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 3 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _title_case_heading(article: Article, i: int) -> bool:
    block = article.block_at(i)
    if block is None or block.kind != "heading":
        return False
    words = [w for w in article.text[block.start:block.end].split() if w[:1].isalpha()]
    return sum(w[0].isupper() for w in words) > 0.5 * len(words)


@register
class SpellingVariant(Rule):
    """Spelling and style variants mixed in one article: `U.S.` and `US`, `ISIS` and `IS`, `-ise` and
    `-ize`, `Prime Minister` and `prime minister` used without a name.

    A house style picks one form; an article that mixes two reads as stitched together from several
    sources. The variant groups come from rules/house_style.toml; -ise/-ize pairs are recognised
    for any word that English spells both ways (word frequencies from wordfreq, so "advise" and
    "size" are never variants; a mix is reported at info level, as clean copy quoting an -ize
    source shows one now and then); a title is compared only where no name follows it ("the prime
    minister", not "Prime Minister Mustafa al-Kadhimi"). The minority form is reported, with the
    first use of the majority form as the related place; on a tie, the later form (for titles,
    the capitalised one, since most house styles lower-case a title without a name).
    """

    id = "spelling-variant"
    family = "consistency-spelling"
    severity = Severity.WARNING
    summary = "Two spellings or styles of one thing in an article (`U.S.` / `US`)."
    flags = (
        "The U.S. military will leave Iraq.\n\nThe U.S. move was welcomed.\n\nThe ⟦US⟧ presence has long "
        "been an issue.",
        "Islamic State (IS) lost its last town in 2019.\n\nIS fighters fled.\n\nThe fight against IS goes "
        "on, and so does the fight against ⟦ISIS⟧ cells.",
        "The council will organise a vote.\n\nIt will also organise a debate.\n\nOfficials ⟦recognize⟧ "
        "the problem.",
        "Iraq's prime minister says foreign forces are not needed.\n\nThe move may help the Iraqi "
        "⟦Prime Minister⟧.",
    )
    passes = (
        "The US military will leave Iraq.\n\nUS troops will stay until December.",
        "Officials advise people to organise their papers.\n\nThe size of the problem is clear.",
        "Prime Minister Mustafa al-Kadhimi met Mr Biden.\n\nThe prime minister said troops were not needed.",
        "WHAT IS THE PLAN?\n\nISIS fighters fled the city.",
        "The World Health Organization says hospitals must prioritise vaccines.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
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
            sev = Severity.parse(group["severity"]) if "severity" in group else None
            yield from self._report(uses, group.get("note", ""), sev=sev)
        uses = []
        for m in _ISE.finditer(text):
            if _both_spellings(m.group(1), m.group(3)):
                uses.append(("-" + m.group(2) + "e", m.start(), m.end()))
        # clean copy mixes these now and then (a quoted -ize word in an -ise article): info only
        yield from self._report(uses, "-ise and -ize spellings mixed.", sev=Severity.INFO, words=True)
        uses = []
        for m in _TITLE_PAT.finditer(text):
            after = text[m.end():m.end() + 30]
            if re.match(r"\s+(?:[A-Z][a-z]|al-|de |van |von )", after):
                continue  # a title before a name
            if article.block_at(m.start()) is None or _title_case_heading(article, m.start()):
                continue
            prev = text[max(0, m.start() - 3):m.start()]
            if m.group(0)[0].isupper() and (m.start() == 0 or re.search(r"(?:^|[.!?\n][\"“”]?\s*)$", prev)):
                continue  # sentence-initial capital
            form = "capitalised" if m.group(0)[0].isupper() else "lower case"
            uses.append((form, m.start(), m.end()))
        yield from self._report(uses, "A title without a name is usually lower case: 'the prime minister said'.",
                                prefer_lower=True)

    def _report(self, uses, note, sev=None, words=False, prefer_lower=False) -> Iterator[Finding]:
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
            yield self.finding(s, e, f"{shown} in this article. {note}".strip(), severity=sev,
                               related=[Related(ref[0], ref[1], f"'{major}' here")])
