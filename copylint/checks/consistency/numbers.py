"""Figures that disagree inside one article: ``number-mismatch`` (the same quantity stated twice with
different values) and ``wrong-side`` (a count of forces given the wrong nationality).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Iterator

from copylint import data
from copylint.article import Article
from copylint.checks.garble import noun_classes
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
                out.append(Mention(("money", cur, metric), value, s, e, tok.sent, doc.text[s:e]))
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
        out.append(Mention(("people", group), value, s, e, tok.sent, doc.text[s:e]))
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
            for j, later in enumerate(ms):
                if later.sent.start == ms[0].sent.start:
                    continue
                words = {t.lemma_.lower() for t in later.sent} | {t.lower_ for t in later.sent}
                if words & UPDATE_WORDS or _more_not_than(later.sent):
                    continue
                earlier = next((e for e in ms[:j] if e.sent.start != later.sent.start
                                and _contradicts(e.value, later.value)), None)
                if earlier is None:
                    continue
                if any(e.sent.start != later.sent.start and e.value == later.value for e in ms[:j]):
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
        seen: dict[str, list] = defaultdict(list)
        for m in _SCORE.finditer(article.text):
            det, a, b, what = m.group(1), m.group(2), m.group(3), m.group(4).lower().split()[-1]
            kind = "win" if what in ("win", "victory", "defeat", "loss") else what
            score = tuple(sorted((int(a), int(b)), reverse=True))
            if det and det.lower() == "the":
                prior = [p for p in seen[kind] if p[0] != score]
                if prior and not any(p[0] == score for p in seen[kind]):
                    p = prior[-1]
                    yield self.finding(m.start(), m.end(),
                                       f"'{m.group(0)}' refers back to a {p[1]} result given earlier",
                                       related=[Related(p[2], p[3], "earlier score")])
            seen[kind].append((score, f"{score[0]}-{score[1]}", m.start(), m.end()))


def _more_not_than(sent) -> bool:
    """ "more people were evacuated" (an addition), unlike "more than 30,000 people" """
    return any(t.lower_ == "more" and (t.i + 1 >= len(t.doc) or t.doc[t.i + 1].lower_ != "than") for t in sent)


def _contradicts(a: float, b: float) -> bool:
    if a == b:
        return False
    hi, lo = max(a, b), min(a, b)
    if lo > 0 and hi / lo >= 1.5:
        return True
    da, db = sorted(f"{a:g}".replace(".", "")), sorted(f"{b:g}".replace(".", ""))
    return da == db  # 1.2 and 2.1: digits swapped


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
            first_host = next(e for e in doc.ents if e.label_ == "GPE" and e.text == host)
            yield self.finding(start, tok.idx + len(tok.text),
                               f"'{doc.text[start:tok.idx + len(tok.text)]}' helping local forces: in an "
                               f"article set in {host}, the local forces are {nat[0].text}; whose troops are these?",
                               related=[Related(first_host.start_char, first_host.end_char,
                                                f"the article is set in {host}")])


