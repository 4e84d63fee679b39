"""Grammar and spelling: the grammar backend (Harper offline, or LanguageTool when configured),
a spelling rule with news filters and a user dictionary, and subject-verb agreement from the parse.

``grammar_backend`` (config) picks the backend: ``auto`` (LanguageTool when a server URL or a
LanguageTool directory is configured, else Harper), ``harper``, ``languagetool`` or ``none``.
"""
from __future__ import annotations

import re
from typing import Iterator

from copylint.article import Article
from copylint.finding import Finding, Severity
from copylint.grammar import UNAVAILABLE, BackendMatch, BackendUnavailable, choose_backend
from copylint.grammar import news
from copylint.rule import Rule, register

_VOWEL_SOUND_U = re.compile(r"^(?:uni|use|usu|ur[aeiou]|eu|ewe|one|once|u[bcdfgklmnprstvz][aeiou])", re.I)
_ACRONYMISH = re.compile(r"^[A-Z0-9][A-Z0-9&.\-]*\b|^[A-Z]\d")
_SEVERITIES = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


def _harper(cfg):
    from copylint.grammar.harper_backend import get_harper
    return get_harper("american" if cfg.dialect == "american" else "british")  # auto: british


_SENTENCE_START = re.compile(r"""(?:^|[.!?:;]["'”’)\]]*\s+|\n\s*|^["“‘(\[]|\s["“‘(\[])$""")
_TITLE_WORD = re.compile(r"[A-Z][\w'’-]*")


def _in_title(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` sits in a run of capitalised words inside a sentence: a title or
    a name (`She sang Their Is No Tomorrow`, `the show You Seems to Be Tasty`), where grammar does
    not apply."""
    before = text[max(0, start - 60):start]
    words_before = re.findall(r"\S+", before)
    first_cap = bool(_TITLE_WORD.match(text, start))
    sentence_start = bool(_SENTENCE_START.search(before))
    prev_cap = bool(words_before) and bool(_TITLE_WORD.match(words_before[-1].lstrip("\"“‘(")))
    nxt = re.match(r"\s+[\"“‘(]?(\S+)", text[end:end + 60])
    next_cap = bool(nxt) and bool(_TITLE_WORD.match(nxt.group(1)))
    return first_cap and not sentence_start and (prev_cap or next_cap)


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
        return tok.lower_ == "there" and tok.i > 0 and tok.doc[tok.i - 1].tag_ == "IN"
    if m.rule == "WereWhere":
        return tok.lower_ == "were" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    if m.rule == "PronounVerbAgreement":
        verb = _token_at(doc, m.end - 1) or tok
        return verb.tag_ not in ("VB", "VBP", "VBZ") or any(
            c.dep_ == "aux" or c.tag_ == "MD" for c in verb.children)
    return False


def _keep_harper_grammar(text: str, m: BackendMatch, doc=None) -> bool:
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
        if not word or _ACRONYMISH.match(word) or text[m.end:m.end + 1] == "&":
            return False  # a/an before an acronym or a number depends on how it is read
        if m.replacements[:1] == ["an"] and _VOWEL_SOUND_U.match(word):
            return False  # "a unanimous", "a European", "a one-off": harper is wrong there
        if m.replacements[:1] == ["a"] and word[:1].lower() == "h":
            return False  # "an historic", "an hotel": accepted British usage
        if m.replacements[:1] == ["a"] and _un_prefixed(word):
            return False  # "an unidentified body": un- + identified, not "uni-" as in "university"
    return not _parse_disagrees(doc, text, m)


def _un_prefixed(word: str) -> bool:
    """``unidentified``, ``uninsured``: the prefix un- on a word of its own (said "un-"), where
    Harper reads "uni-" as in "unit" and asks for "a"."""
    low = re.sub(r"[^a-z-]", "", word.lower())
    if not low.startswith("un") or len(low) < 7:
        return False
    from wordfreq import zipf_frequency
    return zipf_frequency(low[2:].lstrip("-"), "en") >= 3.0


@register
class GrammarCheck(Rule):
    """Grammar errors found by the grammar backend: `a apple`, `could of`, `did he went`,
    `their going`, `it's tail`, `can can`, `interested on`, `more better`.

    By default the embedded offline checker Harper (harper-py: no Java, no server, no download)
    runs on every article, with the lints that are noise on news copy (serial comma, long
    sentences, en dashes in scores, datelines...) and those that repeat copylint's own rules
    (repeated words, spacing) switched off. Its most reliable rules report at warning, the rest
    at info. Harper's findings inside a title or a name (a run of capitalised words in mid-sentence:
    "It's a Wonderful Life", "She sang Their Is No Tomorrow") are dropped, and so are those the
    spaCy parse contradicts ("the words spoken were hers": `were` has its own subject; "for their
    two-month anniversary": `their` owns a noun; "he beat him": a past tense). When a LanguageTool
    server is configured (``[tool.copylint.languagetool] url`` or
    ``COPYLINT_LANGUAGETOOL_URL``) or a local LanguageTool directory, LanguageTool checks the
    article instead and each of its findings carries the LanguageTool rule id as ``lt:RULE_ID``.
    If LanguageTool is down, slow or answers with an error, copylint warns once, checks grammar
    with Harper for the rest of the run, and exits with code 4 when nothing else failed the run.
    """

    id = "grammar-check"
    family = "grammar"
    severity = Severity.WARNING
    summary = "Grammar error (`a apple`, `could of`, `did he went`, `their going`)."
    flags = (
        "She ate ⟦a⟧ apple on the train.",
        "He ⟦could of⟧ won the race.",
        "Did he ⟦went⟧ to the meeting?",
        "⟦Their⟧ going to the match tomorrow.",
        "The dog wagged ⟦it's⟧ tail.",
        "They ⟦will must⟧ pay the fine.",
        "He is interested ⟦on⟧ the project.",
        "The new stadium is ⟦more better⟧ than the old one.",
        "⟦They was⟧ late for the hearing, police said.",
    )
    passes = (
        "She ate an apple on the train.",
        "He could have won the race.",
        "It was a unanimous decision.",
        "She was an MP for ten years and a NHS nurse before that.",
        "It was an historic win for the club.",
        "Workers, pensioners and students protested in Paris, Lyon and Marseille.",
        "United won 2-0 at Leicester.",
        "VIRGINIA BEACH, Va. -- The city removed the monument.",
        "The bill costs £48m and the scheme €1.2bn, officials said.",
        "Temperatures reached 38C on Tuesday.",
        "She sang Their Is No Tomorrow, and the show You Seems to Be Tasty will tour.",
        "The words spoken were hers.",
        "For their two-month anniversary he took her out; he beat him at the meeting last year.",
        "Police said an unidentified body was found.",
    )
    # the parse (spaCy) shows where Harper misread a sentence: "their" owning a noun, "were" with
    # its own subject, a pronoun's verb in the past or after a modal
    needs = frozenset({"parser"})

    def __init__(self, config) -> None:
        super().__init__(config)
        self.backend_unavailable = False
        self._lt = None

    def _languagetool(self):
        if self._lt is None:
            from copylint.grammar.languagetool import LanguageToolClient
            lt = self.config.languagetool
            language = lt.language
            if self.config.dialect == "american" and language == "en-GB":
                language = "en-US"
            extra = tuple(r[3:] for r in self.config.ignore if r.startswith("lt:"))
            self._lt = LanguageToolClient(url=lt.url, directory=lt.directory, language=language,
                                          timeout=lt.timeout, disabled_rules=tuple(lt.disabled_rules) + extra)
        return self._lt

    def check(self, article: Article) -> Iterator[Finding]:
        backend = choose_backend(self.config)
        if backend is None or not article.text.strip():
            return
        if backend == "languagetool" and not self.backend_unavailable:
            try:
                matches = self._languagetool().check(article.text)
            except BackendUnavailable as exc:
                self.backend_unavailable = True
                self.warn(f"{UNAVAILABLE}{exc}; grammar was checked with the offline checker (Harper) instead")
            else:
                yield from self._lt_findings(article, matches)
                return
        try:
            matches = _harper(self.config).check(article.text)
        except BackendUnavailable as exc:
            self.backend_unavailable = True
            self.warn(f"{UNAVAILABLE}{exc}")
            return
        text = article.text
        from copylint.grammar.harper_backend import harper_rules
        loud = harper_rules()["warning"]
        for m in matches:
            if not _keep_harper_grammar(text, m, article.doc) or m.end <= m.start:
                continue
            message = m.message.rstrip(".") + f" (harper: {m.rule})"
            yield self.finding(m.start, m.end, message, suggestion=m.replacements[0] if m.replacements else None,
                               severity=Severity.WARNING if m.rule in loud else Severity.INFO)

    def _lt_findings(self, article: Article, matches: list[BackendMatch]) -> Iterator[Finding]:
        from copylint.grammar.languagetool import lt_defaults
        defaults = lt_defaults()
        table, by_rule = defaults["severity"], defaults["rule_severity"]
        ignored = {r[3:] for r in self.config.ignore if r.startswith("lt:")}
        for m in matches:
            if m.spelling or m.rule in ignored:
                continue  # spelling is the misspelling rule's job (same filters, same dictionary)
            start, end = m.start, max(m.end, m.start + 1)
            level = by_rule.get(m.rule) or table.get(m.category) or ("warning" if m.kind == "grammar" else "info")
            sev = _SEVERITIES.get(str(level).lower(), Severity.INFO)
            f = self.finding(start, min(end, len(article.text)), m.message or m.rule,
                             suggestion=m.replacements[0] if m.replacements else None, severity=sev)
            f.rule = f"lt:{m.rule}"
            yield f


@register
class Misspelling(Rule):
    """A misspelt word: `goverment`, `recieved`, `untill`.

    Words from a list of common misspellings of common words are reported at warning; any other
    word the spelling checker (Harper's dictionary, in the house dialect set by ``dialect``) does
    not know is reported at info, and only when its best suggestion is a near (two edits at most),
    far more common word (`councl` → `council`; wordfreq frequencies), and only when it is not a
    name: a word spaCy tags as a proper
    noun or an entity, a capitalised word inside a sentence, a word the article uses more than
    once, a word in the newsroom's dictionary (``dictionary`` words files, ``words``), a word
    spelt right in the other dialect, or a news convention (£48m, €1.2bn, 38C, 07:00 GMT, MPs,
    G7, a fragment of a hyphenated compound, a web address). Add the names your newsroom writes
    every day to a words file once.
    """

    id = "misspelling"
    family = "spelling"
    severity = Severity.WARNING
    summary = "Misspelt word (`goverment`, `recieved`)."
    needs = frozenset({"tagger", "parser", "ner"})
    flags = (
        "The ⟦goverment⟧ announced new measures on Monday.",
        "The letter was ⟦recieved⟧ on Tuesday.",
        "Roads stay closed ⟦untill⟧ Friday.",
        "⟦Goverment⟧ ministers met on Monday.",
    )
    passes = (
        "Iraqi Prime Minister Mustafa al-Kadhimi met Soleimani's successor in Baghdad.",
        "Shia leaders in Lund and Najaf welcomed the £48m deal and the €1.2bn fund.",
        "Temperatures hit 38C at 07:00 GMT as MPs met at the G7.",
        "The government announced new measures on Monday.",
        "The council will organise a vote; the council will organize a vote.",
        "Doctors gave him remdesivir and the hryvnia fell as the playmaker scored.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        cfg = self.config
        if choose_backend(cfg) is None or not article.text.strip():
            return
        text = article.text
        accepted = news.user_words(cfg)
        table = news.known_misspellings()
        flagged: list[tuple[int, int]] = []
        for m in re.finditer(r"[^\W\d_]+", text):
            low = m.group().lower()
            right = table.get(low)
            if right is None or low in accepted:
                continue
            if m.group()[:1].isupper():
                right = right[:1].upper() + right[1:]
            flagged.append((m.start(), m.end()))
            yield self.finding(m.start(), m.end(), f"'{m.group()}' is misspelt", suggestion=right, fix=right)
        try:
            matches = _harper(cfg).check(text)
        except BackendUnavailable as exc:
            self.warn(str(exc))
            return
        spelling = [m for m in matches if m.spelling and m.end > m.start]
        if not spelling:
            return
        counts = news.word_counts(text)
        other = None
        for m in spelling:
            if any(s < m.end and m.start < e for s, e in flagged):
                continue
            word = text[m.start:m.end]
            core = news.core_word(word)
            low = core.lower()
            if not core or low in accepted or news.whole_token(text, m.start, m.end).lower() in accepted:
                continue
            if news.news_convention(text, m.start, m.end) or news.is_name(article.doc, text, m.start, m.end):
                continue
            if counts.get(low, 0) >= 2:
                continue  # the article uses it consistently: a term, not a slip
            if other is None:
                from copylint.grammar.harper_backend import get_harper
                other = get_harper("british" if cfg.dialect == "american" else "american")
            if other.is_word(core):
                continue
            sugg = m.replacements[0] if m.replacements else None
            if not news.likely_typo(core, sugg):
                continue  # a rare real word, not a slip: no near, far more common neighbour
            yield self.finding(m.start, m.end, f"'{word}' is not in the dictionary"
                               + (f" (did you mean '{sugg}'?)" if sugg else ""),
                               suggestion=sugg, severity=Severity.INFO)


_UNIT_NEEDS = frozenset({"parser", "lemmatizer"})


# --- subject-verb agreement ---------------------------------------------------------------------
_SINGULAR_VERBS = {"was": "were", "is": "are", "has": "have", "does": "do"}
# plural-looking words that take a singular verb, or that spaCy tags NNS wrongly
_SINGULAR_NNS = frozenset("""
news series species means politics economics physics mathematics athletics gymnastics headquarters
measles mumps diabetes rabies olympics paralympics data media criteria agenda billiards darts
whereabouts crossroads barracks premises lens bus gas chaos analysis crisis thesis basis
""".split())
# measures: "Two years is a long time", "Millions was spent"
_MEASURES = frozenset("""
years months weeks days hours minutes seconds decades centuries miles kilometres kilometers metres
meters feet inches pounds dollars euros pence cents yards tonnes tons litres gallons degrees points
percent per cent
""".split())
_QUANTITY_NOUNS = frozenset("hundreds thousands millions billions dozens scores tens".split())


_CLAUSE_EDGE = frozenset({",", ";", ":", "(", "—", "–", "that", "whether", "because", "if", "while", "when"})


def _gerund_subject(doc, subj) -> bool:
    """True when ``subj`` is the object inside an -ing clause that is the real subject: the clause
    (from the sentence start or a comma, `that`, `whether`...) opens with a gerund (`moving bears
    is`, `Finding survivors in the rubble is`, `Trying to make predictions about this is`)."""
    start = subj.sent.start
    for t in doc[subj.sent.start:subj.i]:
        if t.lower_ in _CLAUSE_EDGE:
            start = t.i + 1
    for t in doc[start:subj.i]:
        if t.tag_ == "VBG":
            return True
        if t.pos_ not in ("ADV", "PART", "PUNCT"):
            return False
    return False


def _not_a_word(cfg, low: str) -> bool:
    """True when the lower-case form is not an English word (Harper's dictionary): a capitalised
    plural-looking subject at a sentence start is then a name (Barclays, Lyons, Siemens)."""
    from copylint.grammar import BackendUnavailable
    try:
        return not _harper(cfg).is_word(low)
    except BackendUnavailable:
        return False


@register
class SubjectVerbAgreement(Rule):
    """A plural subject with a singular verb: `hundreds of homes was damaged`, `the results was`.

    The subject is read from the parse (spaCy). Only a plural common noun followed by `was`,
    `is`, `has` or `does` is reported; measures ("two years is a long time"), plural-looking
    singulars ("the news is", "politics is"), names and titles (`Barclays was fined`, a name
    Harper's dictionary does not know as a word), coordinated subjects, subjects with a number and
    the object of a gerund that is the real subject (`Reading so many reports is`) are left alone.
    """

    id = "subject-verb-agreement"
    family = "grammar"
    severity = Severity.WARNING
    summary = "Plural subject with a singular verb (`the results was`)."
    needs = _UNIT_NEEDS
    flags = (
        "Hundreds of homes ⟦was⟧ damaged in the storm.",
        "The results ⟦was⟧ announced on Monday.",
        "The teams ⟦has⟧ agreed a deal.",
        "Officials said the new rules ⟦is⟧ too strict.",
    )
    passes = (
        "Hundreds of homes were damaged in the storm.",
        "The results were announced on Monday.",
        "Two years is a long time in politics.",
        "The news is bad for farmers.",
        "One of the homes was damaged.",
        "The data is clear, officials said.",
        "Fish and chips is a British dish.",
        "The team has agreed a deal.",
        "The United States is sending aid.",
        "£5m was spent on repairs.",
        "The scope of the disaster that befell the home troops is revealed.",
        "Nvidia was founded in 1993. Barclays was fined £10m.",
        "Reading so many reports is tiring, and residents know that moving bears is a job for experts.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        # The engine fixes a sentence start at each block start, so no parse crosses a block.
        doc = article.doc
        for tok in doc:
            low = tok.lower_
            if low not in _SINGULAR_VERBS:
                continue
            if (low == "was" and tok.tag_ != "VBD") or (low != "was" and tok.tag_ != "VBZ"):
                continue
            head = tok if tok.dep_ in ("ROOT", "ccomp", "conj", "advcl", "relcl", "xcomp") and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) else tok.head
            if tok is not head and tok.dep_ not in ("aux", "auxpass"):
                continue
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if len(subjects) != 1:
                continue
            subj = subjects[0]
            if subj.i > tok.i or subj.tag_ != "NNS" or subj.pos_ == "PROPN":
                continue
            slow = subj.lower_
            if slow in _SINGULAR_NNS or slow in _MEASURES or not subj.is_alpha:
                continue
            if subj.ent_type_ and not (subj.ent_type_ == "CARDINAL" and slow in _QUANTITY_NOUNS):
                continue
            if subj.text[:1].isupper() and (not subj.is_sent_start or _not_a_word(self.config, slow)):
                continue  # a title or a name: "Friends is back", "Barclays was fined"
            if _gerund_subject(doc, subj):
                continue  # "Reading so many reports is": the subject is the -ing clause
            kids = list(subj.children)
            if any(c.dep_ in ("conj", "cc", "nummod", "quantmod", "appos") or c.like_num or c.pos_ == "PROPN"
                   for c in kids):
                continue
            if any(c.dep_ == "nummod" or c.like_num for k in kids for c in k.subtree):
                continue
            sent_start = subj.sent.start
            if any(t.tag_ in ("WDT", "WP") for t in doc[sent_start:subj.left_edge.i]):
                continue  # the subject may sit in a relative clause: "the scope of what befell the troops is"
            between = doc[subj.i + 1:tok.i]
            if any(t.text in ('"', "“", "”", "(", ")", ":", ";", "—", "–") for t in between) or len(between) > 6:
                continue
            if any(t.lower_ in ("and", "or", "nor", "as", "with", "plus") for t in doc[subj.left_edge.i:tok.i]):
                continue
            yield self.finding(tok.idx, tok.idx + len(tok.text),
                               f"plural subject '{subj.text}' with singular '{tok.text}'",
                               suggestion=_SINGULAR_VERBS[low] if tok.text.islower() else _SINGULAR_VERBS[low].capitalize())


@register
class VerbFormAfterDo(Rule):
    """A past form after `did` or `does`: `did the council knew`, `did not went`, `does it costs`.

    After the auxiliary `do` the verb takes its base form ("did the council know"). Read from the
    parse (spaCy): the verb must be the auxiliary's head, come after it in the same clause, and be
    an inflected form of a verb whose base form differs.
    """

    id = "verb-form-after-do"
    family = "grammar"
    severity = Severity.WARNING
    summary = "Past or -s form after `did`/`does` (`did the council knew`)."
    needs = _UNIT_NEEDS
    flags = (
        "Did the council ⟦knew⟧ about the risk?",
        "He did not ⟦went⟧ to the meeting.",
        "The minister didn't ⟦saw⟧ the report.",
    )
    passes = (
        "Did the council know about the risk?",
        "He did what he promised.",
        "She did not go to the meeting.",
        "They did well, winning 2-0.",
        "Does the plan work?",
        "What the council did was lawful.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        # The engine fixes a sentence start at each block start, so no parse crosses a block.
        doc = article.doc
        for tok in doc:
            if tok.lower_ not in ("did", "does", "do") or tok.dep_ != "aux":
                continue
            verb = tok.head
            if verb.i <= tok.i or verb.i - tok.i > 5 or verb.pos_ != "VERB":
                continue
            if verb.tag_ not in ("VBD", "VBN") or not verb.is_lower:
                continue
            lemma = verb.lemma_.lower()
            if not lemma or lemma == verb.lower_ or not lemma.isalpha():
                continue
            if any(t.is_punct or t.lower_ in ("and", "or", "but") for t in doc[tok.i + 1:verb.i]):
                continue
            yield self.finding(verb.idx, verb.idx + len(verb.text),
                               f"'{verb.text}' after '{tok.text}': the verb takes its base form",
                               suggestion=lemma)


_DEMONSTRATIVE = {"this": ("these", "are were"), "that": ("those", "are were"),
                  "these": ("this", "is was has"), "those": ("that", "is was has")}


@register
class DemonstrativeAgreement(Rule):
    """A demonstrative pronoun that disagrees with its verb: `this are the results`, `these is`.

    Read from the parse: the demonstrative (tagged DT, not the relative "that") is the subject and
    the verb follows it directly. Relative clauses ("the homes that were damaged") are left alone.
    """

    id = "demonstrative-agreement"
    family = "grammar"
    severity = Severity.WARNING
    summary = "Demonstrative and verb disagree (`this are`, `these is`)."
    needs = _UNIT_NEEDS
    flags = (
        "⟦This are⟧ the results of the vote.",
        "Officials said ⟦these is⟧ a problem.",
        "⟦Those was⟧ the days, he said.",
    )
    passes = (
        "These are the results of the vote.",
        "This is what these are for.",
        "The homes that were damaged will be rebuilt.",
        "Those were the days, he said.",
        "He said that was the plan.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        for tok in doc[:-1]:
            entry = _DEMONSTRATIVE.get(tok.lower_)
            if entry is None or tok.tag_ != "DT" or tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            verb = doc[tok.i + 1]
            if verb.lower_ not in entry[1].split() or tok.head.i != verb.i:
                continue
            other = entry[0]
            other = other.capitalize() if tok.text[:1].isupper() else other
            yield self.finding(tok.idx, verb.idx + len(verb.text),
                               f"'{tok.text} {verb.text}': the demonstrative and the verb disagree",
                               suggestion=f"{other} {verb.text}")


@register
class LessFewer(Rule):
    """`less` before a plural count noun: `less people`, `less cars` (fewer).

    House styles keep "fewer" for things counted one by one and "less" for amounts. Measures and
    sums ("less than five years", "less money") are left alone: only `less` directly modifying a
    plural noun that is not a measure is reported.
    """

    id = "less-fewer"
    family = "grammar"
    severity = Severity.WARNING
    summary = "`less` with a plural count noun (`less people`: fewer)."
    needs = _UNIT_NEEDS
    flags = (
        "⟦Less people⟧ came than expected.",
        "There were ⟦less cars⟧ on the road on Monday.",
    )
    passes = (
        "Fewer people came than expected.",
        "It cost less money than planned.",
        "No less than 10 people came.",
        "He spent less than five years in jail.",
        "The plan would mean less years of waiting.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        for tok in doc[:-1]:
            if tok.lower_ != "less" or tok.dep_ != "amod":
                continue
            noun = doc[tok.i + 1]
            if noun.tag_ != "NNS" or tok.head.i != noun.i or noun.lower_ in _MEASURES \
                    or noun.lower_ in _SINGULAR_NNS or not noun.is_lower:
                continue
            fewer = "Fewer" if tok.text[:1].isupper() else "fewer"
            yield self.finding(tok.idx, noun.idx + len(noun.text),
                               f"'{tok.text} {noun.text}': '{noun.text}' are counted, so '{fewer.lower()}'",
                               suggestion=f"{fewer} {noun.text}", severity=None)
