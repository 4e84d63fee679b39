"""Harper on news copy: the checker for a configuration's dialect, and the filter that keeps only the
lints that are right on news (titles and names, all-caps datelines, a/an before acronyms and
un- words, and lints the spaCy parse contradicts are dropped). The adapter side of the grammar rules
(``copylint/checks/grammar.py``)."""
from __future__ import annotations

import re

from copylint.grammar import BackendMatch
from copylint.textutil import common_word

_VOWEL_SOUND_U = re.compile(r"^(?:uni|use|usu|ur[aeiou]|eu|ewe|one|once|u[bcdfgklmnprstvz][aeiou])", re.I)
_ACRONYMISH = re.compile(r"^[A-Z0-9][A-Z0-9&.\-]*\b|^[A-Z]\d")


def harper_for(cfg):
    """The Harper checker of the configured dialect (auto: British)."""
    from copylint.grammar.harper_backend import get_harper
    return get_harper("american" if cfg.dialect == "american" else "british")  # auto: british


_SENTENCE_START = re.compile(r"""(?:^|[.!?:;]["'”’)\]]*\s+|\n\s*|^["“‘(\[]|\s["“‘(\[])$""")
_TITLE_WORD = re.compile(r"[A-Z][\w'’-]*")


#: characters read on each side of a grammar finding to see whether it sits in a title
_TITLE_CONTEXT = 60


def _in_title(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` sits in a run of capitalised words inside a sentence: a title or
    a name (`She sang Their Is No Tomorrow`, `the show You Seems to Be Tasty`), where grammar does
    not apply."""
    before = text[max(0, start - _TITLE_CONTEXT):start]
    words_before = re.findall(r"\S+", before)
    first_cap = bool(_TITLE_WORD.match(text, start))
    sentence_start = bool(_SENTENCE_START.search(before))
    prev_cap = bool(words_before) and bool(_TITLE_WORD.match(words_before[-1].lstrip("\"“‘(")))
    nxt = re.match(r"\s+[\"“‘(]?(\S+)", text[end:end + _TITLE_CONTEXT])
    next_cap = bool(nxt) and bool(_TITLE_WORD.match(nxt.group(1)))
    return first_cap and not sentence_start and (prev_cap or next_cap)


#: the country written `US` where Harper reads the pronoun `us` (`The US was slow`): before the
#: lint's span or opening it
_US_BEFORE = re.compile(r"(?<![\w.])US\s+$")
_US_OPENING = re.compile(r"US\b")


def _country_us(text: str, m: BackendMatch) -> bool:
    """A pronoun rule (`us was` -> `us were`) on the country `US`, written in capitals."""
    return m.rule.startswith("Pronoun") and bool(
        _US_BEFORE.search(text[max(0, m.start - 8):m.start]) or _US_OPENING.match(text, m.start))


def _token_at(doc, i: int):
    """The spaCy token covering character ``i`` of the article's text, or None."""
    if doc is None:
        return None
    span = doc.char_span(i, i + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _parse_disagrees(doc, text: str, m: BackendMatch) -> bool:
    """True when the spaCy parse shows Harper misread the sentence (used when the article was parsed):
    `their` owning a noun (`for their two-month anniversary`), `there` after a preposition
    (`returning from there testing`), `were` with its own subject (`the words spoken were hers`),
    and a pronoun's verb in the past, after a modal, or not a verb (`he beat him`, `can he hide`)."""
    tok = _token_at(doc, m.start)
    if tok is None:
        return False
    if m.rule in ("TheirToTheyre", "TheirToThere"):
        return tok.lower_ == "their" and tok.dep_ == "poss" and tok.head.pos_ in ("NOUN", "PROPN", "NUM")
    if m.rule == "ThereToTheir":
        return tok.lower_ == "there" and (tok.dep_ == "expl" or (tok.i > 0 and tok.doc[tok.i - 1].tag_ == "IN")
                                          or _there_placing_subject(tok))
    if m.rule == "ItsContraction":
        return tok.lower_ == "its" and _owns_noun(tok)
    if m.rule == "ItsPossessive":
        return _names_after_is(tok) or _complement_of_is(tok) or _clause_of_is(tok)
    if m.rule == "DoubleModal":
        return _may_named(tok)
    if m.rule == "AdjectiveDoubleDegree":
        adjective = _token_at(doc, m.end - 1)
        return adjective is not None and adjective.tag_ == "JJ"  # `more modest`: not a comparative
    if m.rule == "WereWhere":
        return tok.lower_ == "were" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    if m.rule == "PronounVerbAgreement":
        verb = _token_at(doc, m.end - 1) or tok
        return verb.tag_ not in ("VB", "VBP", "VBZ") or any(
            c.dep_ == "aux" or c.tag_ == "MD" for c in verb.children)
    return False


def _there_placing_subject(tok) -> bool:
    """`there` as the adverb of place after the noun it places, that noun the subject of the verb
    right after it (`most voters there support Smith's stance`: the voters in that country). A
    possessive `their` never stands between a subject and its verb; `gave the children there
    lunch` (the noun an object, a noun after) is still reported."""
    doc = tok.doc
    if tok.tag_ != "RB" or tok.i == 0 or tok.i + 1 >= len(doc):
        return False
    noun, verb = doc[tok.i - 1], doc[tok.i + 1]
    return (tok.head.i == noun.i and noun.tag_ in ("NN", "NNS", "NNP", "NNPS") and noun.dep_ == "nsubj"
            and noun.head.i == verb.i and verb.tag_ in ("VBP", "VBZ", "VBD"))


def _may_named(tok) -> bool:
    """`May` as a name, not the modal: the month (`the election on 5 May will be`) or a person
    (`Mrs May will speak`), which the parse reads as a proper noun. A capitalised `May` the parse
    reads as a modal (`May will you help`) is still reported."""
    return tok.text == "May" and tok.tag_ != "MD"


def _owns_noun(tok) -> bool:
    """`its` owning the noun after it (`cancelled its failed project`, `celebrated its coming of
    age`), with no determiner or auxiliary between: `Its a shame` and `Its been grueling work` are
    still `It's`."""
    head = tok.head
    if tok.dep_ != "poss" or head.pos_ not in ("NOUN", "PROPN") or head.i <= tok.i:
        return False
    return not any(t.pos_ in ("DET", "AUX") for t in tok.doc[tok.i + 1:head.i])


def _complement_of_is(tok) -> bool:
    """`it's` as "it is" before a noun that takes an infinitive (`feel it's time to move on`: the
    parse reads `time` as the attribute of `'s`, `to move on` as its clause). A bare noun the parse
    also reads as the attribute (`wagged it's tail`: a singular noun with no determiner cannot be a
    complement) and a possessive's noun that is the subject of a verb of its own (`said it's own
    figures showed`) are still reported."""
    doc = tok.doc
    i = tok.i + 1
    if tok.lower_ != "it" or i >= len(doc) or doc[i].lower_ not in ("'s", "’s") or doc[i].tag_ != "VBZ":
        return False
    return any(c.dep_ == "attr" and c.i > i and _takes_infinitive(c) for c in doc[i].children)


#: what opens a clause before `it's`: a clause of its own (`It's sleet; it's rain`)
_CLAUSE_OPENERS = frozenset(";:—–(\"“")
#: what closes the clause after the noun: nothing more to say of it
_CLAUSE_CLOSERS = frozenset(";:—–,.!?)\"”")


def _clause_of_is(tok) -> bool:
    """`it's` opening a clause of its own (after a semicolon, a colon, a dash or an opening quote)
    with a bare noun that closes it (`It's sleet; it's rain; it's 31 degrees`): a possessive `its`
    opening a clause owns that clause's subject, which a verb then follows (`; its fans cheered`,
    still reported); a noun with nothing after it is the complement of `it is`. `wagged it's tail`
    (after a verb) is still reported."""
    doc = tok.doc
    i = tok.i + 1
    if tok.lower_ != "it" or i + 1 >= len(doc) or doc[i].lower_ not in ("'s", "’s") or doc[i].tag_ != "VBZ":
        return False
    if tok.i > 0 and not tok.is_sent_start and doc[tok.i - 1].text not in _CLAUSE_OPENERS:
        return False
    noun = doc[i + 1]
    if noun.head.i != i or noun.dep_ != "attr" or noun.tag_ not in ("NN", "NNS"):
        return False
    end = noun.right_edge.i + 1
    return (end >= len(doc) or doc[end].text in _CLAUSE_CLOSERS) and not any(
        t.pos_ in ("VERB", "AUX") for t in noun.subtree)


def _takes_infinitive(noun) -> bool:
    """The noun has a clause of its own with `to` and a verb after it (`time to move on`)."""
    return any(c.dep_ in ("relcl", "acl") and c.i > noun.i and c.tag_ == "VB"
               and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in noun.children)


def _names_after_is(tok) -> bool:
    """`it's` before a name that is the complement, not a noun's owner: `it's Orlando Hernandez who
    starts` (it is), where `it's British subsidiary` still asks for `its`."""
    doc = tok.doc
    i = tok.i + 1
    if tok.lower_ == "it" and i < len(doc) and doc[i].lower_ in ("'s", "’s"):
        i += 1
    if i >= len(doc) or doc[i].pos_ != "PROPN":
        return False
    while i < len(doc) and doc[i].pos_ == "PROPN":
        i += 1
    return i >= len(doc) or doc[i].pos_ != "NOUN"


def keep_harper_match(text: str, m: BackendMatch, doc=None) -> bool:
    """Harper lints that are right on news copy (the noisy rules are already switched off)."""
    if m.spelling:
        return False  # the misspelling rule's job
    problem = text[m.start:m.end]
    if m.kind == "Capitalization" and problem.isupper():
        return False  # all-caps datelines and headings
    if _in_title(text, m.start, m.end):
        return False  # It's a Wonderful Life, "You Seems to Be Tasty": titles and names
    if m.rule == "AnA":
        nxt = re.match(r"\s*[\"“‘']?(\S+)", text[m.end:])
        word = nxt.group(1) if nxt else ""
        if m.start > 0 and text[m.start - 1].isalnum():
            return False  # not an article but a word's last letter: `the Pixel 3a`
        if not word or _ACRONYMISH.match(word) or text[m.end:m.end + 1] == "&":
            return False  # a/an before an acronym or a number depends on how it is read
        if re.search(r"[A-Za-z]\*", word) or text[m.end:m.end + 1] == "*":
            return False  # a word censored with asterisks (`a f***ing`, `the a**e`): read as the whole word
        # the article it asks for, whatever its case ("A" opening a sentence)
        wanted = m.replacements[0].lower() if m.replacements else ""
        if wanted == "an" and _VOWEL_SOUND_U.match(word):
            return False  # "a unanimous", "a European", "a one-off": harper is wrong there
        if wanted == "a" and word[:1].lower() == "h":
            return False  # "an historic", "an hotel": accepted British usage
        if wanted == "a" and _un_prefixed(word):
            return False  # "an unidentified body": un- + identified, not "uni-" as in "university"
    if _country_us(text, m):
        return False  # "The US was": the country, not the pronoun
    return not _parse_disagrees(doc, text, m)


_UN_MIN_LETTERS = 7  # "unit", "union", "unique" are no un- words


def _un_prefixed(word: str) -> bool:
    """``unidentified``, ``uninsured``: the prefix un- on a word of its own (said "un-"), where
    Harper reads "uni-" as in "unit" and asks for "a"."""
    low = re.sub(r"[^a-z-]", "", word.lower())
    if not low.startswith("un") or len(low) < _UN_MIN_LETTERS:
        return False
    return common_word(low[2:].lstrip("-"))
