"""Grammar and spelling: the grammar backend (Harper offline, or LanguageTool when configured),
a spelling rule with news filters and a user dictionary, and subject-verb agreement from the parse.

``grammar_backend`` (config) picks the backend: ``auto`` (LanguageTool when a server URL or a
LanguageTool directory is configured, else Harper), ``harper``, ``languagetool`` or ``none``.
"""
from __future__ import annotations

import re
from typing import Collection, Iterator

from copylint import data, tokens
from copylint.article import Article
from copylint.finding import Finding, Severity
from copylint.grammar import UNAVAILABLE, BackendMatch, BackendUnavailable, choose_backend
from copylint.grammar import news
from copylint.grammar.harper_filter import harper_for, keep_harper_match
from copylint.rule import Rule, register
from copylint.textutil import in_english_use, zipf

# a word as harper's tokeniser reads it: letters and digits, apostrophes inside (O'Mahony, Pelosi's)
_HARPER_WORD = re.compile(r"\w+(?:['’]\w+)*")
_LETTERS = re.compile(r"[^\W\d_]+")  # a word of letters, as the list of common misspellings has them
_LONG_RUN = re.compile(r"\S{100,}")  # not linted: see harper_backend
_SEVERITIES = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


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
    kinds = {"minor": (Severity.INFO, "a Harper rule of the info tier (rules/grammar_harper.toml)")}
    #: LanguageTool's findings carry its rule id: lt:EN_A_VS_AN
    id_prefix = "lt:"
    #: a general checker: where one of copylint's own rules reports the same slip, that one stays
    priority = -1
    flags = (
        "She ate ⟦a→an⟧ apple on the train.",
        "He ⟦could of→could have⟧ won the race.",
        "Did he ⟦went→go⟧ to the meeting?",
        "⟦Their→They're⟧ going to the match tomorrow.",
        "The dog wagged ⟦it's→its⟧ tail.",
        "They ⟦will must→will⟧ pay the fine.",
        "He is interested ⟦on→in⟧ the project.",
        "The new stadium is ⟦more better→better⟧ than the old one.",
        "They ⟦was→were⟧ late for the hearing, police said.",
        "⟦Its→It's⟧ a shame that the mayor could not attend.",
        "The team said ⟦its→it's⟧ been a long season.",
        "⟦Its→It's⟧ been grueling work, but she made a full recovery.",
        "They left ⟦there→their⟧ bags at the station.",
        "The firm said ⟦it's→its⟧ own figures showed a fall.",
        "The club cut prices; ⟦it's→its⟧ fans cheered the decision.",
        "The teacher gave the children ⟦there→their⟧ lunch.",
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
        # the same exceptions opening a sentence, where Harper asks for a capital "A" or "An"
        "An unidentified gunman fled. An historic vote followed. A unanimous verdict came next.",
        # what the parse tells: `its` owning the noun after it, `there` opening a clause, `it's`
        # before the name it introduces, `more` before an adjective in -est that is no superlative;
        # and a letter glued to a figure is no article
        "Apple cancelled its failed charging mat project. The town celebrated its coming of age.",
        "She said there needs to be zero shame around it.",
        "The Yankees said it's Orlando Hernandez who will start the first game.",
        # `it's` as "it is" before the noun the parse reads as its complement
        "She loves coaching, but says it's time to step back from the club.",
        # ... or opening a clause of its own with a bare noun that closes it
        "\"It's sleet; it's rain; it's 31 degrees. It's ugly out there,\" the forecaster said.",
        # `May` the month or a name before a modal: no double modal
        "The election on 5 May will be the party's first test. Mrs May would not comment.",
        # the country `US` is no pronoun `us`
        "The US was slow to respond to the floods, officials said.",
        "Edwards won by the more modest but still substantial margin of 20 points.",
        "He plugged it into either the Pixel 3a or the computer he was using.",
        # a word censored with asterisks is read as the whole word, whatever its first letter
        "The coach called it more of a f***ing joke than a match. It will bite him on the a**e.",
        # `there` placing the noun before it, that noun the subject of the verb after it
        "Polls also suggest that most voters there support Smith’s tough stance on taxes.",
    )
    # the parse (spaCy) shows where Harper misread a sentence: "their" or "its" owning a noun, "it's"
    # before its complement ("it's time"), "were"
    # with its own subject, a pronoun's verb in the past or after a modal, "there" opening a clause
    needs = frozenset({"parser"})

    def __init__(self, config) -> None:
        super().__init__(config)
        self.backend_unavailable = False
        self._lt = None

    def prepare(self, article: Article) -> list[BackendMatch] | None:
        """Harper's lints of the text, made beside the parse (Harper releases the GIL); the engine
        hands them to ``check``. None when LanguageTool (or nothing) checks grammar."""
        if choose_backend(self.config) == "harper" and article.text.strip():
            return harper_for(self.config).check(article.text)
        return None

    def _languagetool(self):
        if self._lt is None:
            from copylint.grammar.languagetool import LanguageToolClient
            lt = self.config.languagetool
            language = lt.language
            if self.config.dialect == "american" and language == "en-GB":
                language = "en-US"
            extra = tuple(r[len(self.id_prefix):] for r in self.config.ignore if r.startswith(self.id_prefix))
            self._lt = LanguageToolClient(url=lt.url, directory=lt.directory, language=language,
                                          timeout=lt.timeout, disabled_rules=tuple(lt.disabled_rules) + extra)
        return self._lt

    def check(self, article: Article, prepared: list[BackendMatch] | None = None) -> Iterator[Finding]:
        """``prepared``: Harper's lints from ``prepare`` (None: linted here)."""
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
            matches = prepared if prepared is not None else harper_for(self.config).check(article.text)
        except BackendUnavailable as exc:
            self.backend_unavailable = True
            self.warn(f"{UNAVAILABLE}{exc}")
            return
        text = article.text
        from copylint.grammar.harper_backend import harper_rules
        loud = harper_rules()["warning"]
        for m in matches:
            if not keep_harper_match(text, m, article.doc) or m.end <= m.start:
                continue
            message = m.message.rstrip(".") + f" (harper: {m.rule})"
            yield self.finding(m.start, m.end, message, suggestion=m.replacements[0] if m.replacements else None,
                               kind=None if m.rule in loud else "minor")

    def _lt_findings(self, article: Article, matches: list[BackendMatch]) -> Iterator[Finding]:
        from copylint.grammar.languagetool import lt_defaults
        defaults = lt_defaults()
        table, by_rule = defaults["severity"], defaults["rule_severity"]
        ignored = {r[len(self.id_prefix):] for r in self.config.ignore if r.startswith(self.id_prefix)}
        for m in matches:
            if m.spelling or m.rule in ignored:
                continue  # spelling is the misspelling rule's job (same filters, same dictionary)
            start, end = m.start, max(m.end, m.start + 1)
            level = by_rule.get(m.rule) or table.get(m.category) or ("warning" if m.kind == "grammar" else "info")
            sev = _SEVERITIES.get(str(level).lower(), Severity.INFO)
            f = self.finding(start, min(end, len(article.text)), m.message or m.rule,
                             suggestion=m.replacements[0] if m.replacements else None, severity=sev)
            f.rule = f"{self.id_prefix}{m.rule}"
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
    G7, 2 mln, a scale word in common English use after a figure (₹8 lakh), a fragment of a
    hyphenated compound, a web address such as IHNED.cz), a word with a
    letter English does not write (shōnen), or a regular derivation of common words the speller
    knows (``news.regular_derivation``: re + hiring, intoxicating + ly; `recieving`, `refrom`,
    `destory` and `happyness` are still slips) or a compound written solid that it would split
    (webpages). Add the names your newsroom writes every day to a words file once.
    """

    id = "misspelling"
    family = "spelling"
    severity = Severity.WARNING
    summary = "Misspelt word (`goverment`, `recieved`)."
    kinds = {"unknown-word": (Severity.INFO, "a word the dictionary lacks, near a far more common one")}
    needs = frozenset({"tagger", "parser", "ner"})
    flags = (
        "The ⟦goverment→government⟧ announced new measures on Monday.",
        "The letter was ⟦recieved→received⟧ on Tuesday.",
        "Roads stay closed ⟦untill→until⟧ Friday.",
        "⟦Goverment→Government⟧ ministers met on Monday.",
        # the speller's own first guesses are `branch's` and `wish`: the common word a slip's
        # letters make, and a regular plural built wrong, are what the editor meant
        "Opening hours will be cut at the remaining ⟦branchs→branches⟧ next year.",
        "The report, ⟦wich→which⟧ was published on Monday, found no fault.",
        # a prefix or a suffix beside a slip is no derivation: cieving is no word, the base of
        # re + from is too short, story is no verb
        "The letter was ⟦recieving→receiving⟧ attention from the ministry.",
        "The minister began to ⟦refrom→reform⟧ the rules.",
        "The storm threatened to ⟦destory→destroy⟧ the harbour.",
        # two function words run together are a slip, not a compound written solid
        "The two ministers thanked ⟦eachother→each other⟧ after the talks.",
    )
    passes = (
        "Iraqi Prime Minister Mustafa al-Kadhimi met Soleimani's successor in Baghdad.",
        "Shia leaders in Lund and Najaf welcomed the £48m deal and the €1.2bn fund.",
        "Temperatures hit 38C at 07:00 GMT as MPs met at the G7.",
        "The government announced new measures on Monday.",
        "The council will organise a vote; the council will organize a vote.",
        "Doctors gave him remdesivir and the hryvnia fell as the playmaker scored.",
        # regular derivations of common words, a compound the speller would split: not slips
        "The firm is rehiring staff after the union was decertified.",
        "Troublingly, the biathlete breathed the intoxicatingly fresh air.",
        "The webpages were down for hours.",
        # a web address's fragment, a unit after a figure, a word with a letter English lacks
        "The portal IHNED.cz said Serbia produced 2 mln doses of shōnen manga.",
        # a region's scale word in common English use after a figure
        "The startup raised ₹6 lakh from angel investors in its first round.",
    )

    def prepare(self, article: Article) -> tuple[list[Finding], list[tuple[int, int, str]]] | None:
        """The work on the text alone, beside the parse: the findings from the list of common
        misspellings and the words left after every filter that needs no parse (see ``_words``).
        Harper's speller is asked here about those of them that do not read as names from the text
        alone, so its answers (and its own first-time cost for each word length, 1.5-2.5 s of CPU
        once per process) are paid beside the parse too; ``check`` asks again about the words the
        parse keeps and finds the answers in ``HarperBackend``'s word cache. None when no backend
        checks grammar."""
        if choose_backend(self.config) is None or not article.text.strip():
            return None
        flagged, candidates = self._words(article)
        text = article.text
        likely = [c for c in candidates if not news.is_name(None, text, c[0], c[1])]
        if likely:
            unknown = harper_for(self.config).unknown(text[s:e] for s, e, _ in likely)
            if unknown:  # and the other dialect, about those its own does not know
                self._other_dialect().unknown(c[2] for c in _near_slips(text, likely, unknown))
        return flagged, candidates

    def _derived(self, text: str, candidates: list[tuple[int, int, str]],
                 unknown: dict[str, list[str]], best: dict[str, str | None]) -> set[str]:
        """The candidates' cores that are regular derivations of common words the speller knows
        (``news.regular_derivation``: rehiring, decertified, intoxicatingly) or compounds written
        solid that the speller would split (``news.solid_compound``: webpages); ``best``: each
        candidate word's suggestion (``news.best_suggestion``). The words the judgement needs
        (``news.derivation_words``) are asked about in one call to the speller."""
        readings = {c[2]: news.derivation_readings(c[2]) for c in candidates}
        ask = set().union(*map(news.derivation_words, readings.values()))
        missing = harper_for(self.config).unknown(ask) if ask else {}
        out = set()
        for start, end, core in candidates:
            word = text[start:end]
            if any(news.solid_compound(core, s) for s in unknown.get(word) or ()) or (
                    readings[core] and news.regular_derivation(readings[core], missing, best[word])):
                out.add(core)
        return out

    def _other_dialect(self):
        from copylint.grammar.harper_backend import get_harper
        return get_harper("british" if self.config.dialect == "american" else "american")

    def _words(self, article: Article) -> tuple[list[Finding], list[tuple[int, int, str]]]:
        """(the findings from the list of common misspellings, the other words to ask the speller
        about as (start, end, core word) once the names are dropped): the words the text alone
        clears (the user's dictionary, used twice, news conventions, long runs) are left out."""
        cfg = self.config
        text = article.text
        accepted = news.user_words(cfg)
        table = news.known_misspellings()
        flagged: list[tuple[int, int]] = []
        found: list[Finding] = []
        listed = {w for w in set(_LETTERS.findall(text)) if w.lower() in table and w.lower() not in accepted}
        for m in _LETTERS.finditer(text) if listed else ():
            if m.group() not in listed:
                continue
            right = table[m.group().lower()]
            if m.group()[:1].isupper():
                right = right[:1].upper() + right[1:]
            flagged.append((m.start(), m.end()))
            found.append(self.finding(m.start(), m.end(), f"'{m.group()}' is misspelt", suggestion=right, fix=right))
        # The article's words are filtered first; harper is asked about the few left (its
        # suggestions cost most for the names, which the filters drop).
        counts = news.word_counts(text)
        long_runs = [m.span() for m in _LONG_RUN.finditer(text)]
        cores: dict[str, str] = {}  # the words some occurrence of which may be asked about -> their core
        for word in set(_HARPER_WORD.findall(text)):  # what depends on the word alone, once a word
            core = news.core_word(word)
            low = core.lower()
            if core and low not in accepted and counts.get(low, 0) < 2 and not news.convention_word(core):
                cores[word] = core  # (used twice: the article's own term, not a slip)
        candidates = []
        for m in _HARPER_WORD.finditer(text) if cores else ():
            core = cores.get(m.group())
            if core is None:
                continue
            start, end = m.span()
            if (flagged and any(s < end and start < e for s, e in flagged)) \
                    or (long_runs and any(s <= start and end <= e for s, e in long_runs)):
                continue
            whole = news.whole_token(text, start, end)
            if whole.lower() in accepted or news.convention_around(text, start, end, whole):
                continue
            candidates.append((start, end, core))
        return found, candidates

    def check(self, article: Article, prepared=None) -> Iterator[Finding]:
        """``prepared``: what ``prepare`` returned (None: that work is done here)."""
        cfg = self.config
        if choose_backend(cfg) is None or not article.text.strip():
            return
        text = article.text
        found, candidates = prepared if prepared is not None else self._words(article)
        yield from found
        candidates = [c for c in candidates if not news.is_name(article.doc, text, c[0], c[1])]
        if not candidates:
            return
        try:
            unknown = harper_for(cfg).unknown(text[s:e] for s, e, _ in candidates)
        except BackendUnavailable as exc:
            self.warn(str(exc))
            return
        candidates = _near_slips(text, candidates, unknown)
        if not candidates:
            return
        # spelt right in the other dialect: not a slip (asked last: it is the costliest question,
        # suggestions computed for every word neither dialect knows)
        right_there = {c[2] for c in candidates} - set(self._other_dialect().unknown(c[2] for c in candidates))
        candidates = [c for c in candidates if c[2] not in right_there]
        best = {w: news.best_suggestion(w, unknown[w]) for w in {text[s:e] for s, e, _ in candidates}}
        derived = self._derived(text, candidates, unknown, best)
        for start, end, core in candidates:
            if core in derived:
                continue
            word = text[start:end]
            sugg = best[word]
            yield self.finding(start, end, f"'{word}' is not in the dictionary"
                               + (f" (did you mean '{sugg}'?)" if sugg else ""),
                               suggestion=sugg, kind="unknown-word")


def _near_slips(text: str, candidates: list[tuple[int, int, str]],
                unknown: dict[str, list[str]]) -> list[tuple[int, int, str]]:
    """The candidates the speller does not know whose best suggestion is a near, far more common
    word (``news.likely_typo``); a rare real word with no such neighbour is not a slip."""
    return [c for c in candidates if (sugg := unknown.get(text[c[0]:c[1]])) is not None
            and news.likely_typo(c[2], (sugg or [None])[0])]


_UNIT_NEEDS = frozenset({"parser", "lemmatizer"})


# --- subject-verb agreement ---------------------------------------------------------------------
#: tokens at most between a subject and its verb: further apart, the parse is too often wrong
_MAX_SUBJECT_GAP = 6
#: tokens at most between "did" and its verb ("did the council, in the end, knew")
_MAX_DO_GAP = 5
#: the agreement rules' tables (rules/agreement.toml)
_TABLES = data.toml("agreement.toml")
#: singular verbs reported after a plural subject -> the plural suggested
_SINGULAR_VERBS: dict[str, str] = _TABLES["singular-verbs"]
# plural-looking words that take a singular verb, or that spaCy tags NNS wrongly
_SINGULAR_NNS = data.words("singular-plurals")
# measures: "Two years is a long time", "Millions was spent"
_MEASURES = data.words("measures")
_QUANTITY_NOUNS = data.words("quantity-heads")


_CLAUSE_EDGE = frozenset(_TABLES["clause-edges"])
_SUBJECT_VERB_BREAKS = frozenset(_TABLES["subject-verb-breaks"])
_SUBJECT_JOINS = frozenset(_TABLES["subject-joins"])
_DO_FORMS = frozenset(_TABLES["do-forms"])
_DO_VERB_BREAKS = frozenset(_TABLES["do-verb-breaks"])
_MODAL_FORMS = frozenset(_TABLES["modal-forms"])
_VBZ = frozenset({"VBZ"})
#: subject-verb-agreement: how much more common (wordfreq Zipf) an -s form may be than its base
#: form and still be read as a verb
_PLURAL_MARGIN = 0.5
#: verb-form-after-modal: the modals that are also nouns ("Ford's will specified")
_MODAL_NOUNS = frozenset(_TABLES["modal-nouns"])
#: tags of a word before a noun (a determiner, a possessive, an adjective): a "modal" after one is
#: a noun ("the will", "Ford's will", "a tin can")
_NOUN_OPENERS = frozenset({"DT", "PRP$", "POS", "JJ", "JJR", "JJS"})
_PAST_TAGS = ("VBD", "VBN")
#: verb-form-after-causative: lemma -> whether only a simple past is a slip after its object
_CAUSATIVES = {lemma: entry["past-only"] for lemma, entry in _TABLES["causatives"].items()}
#: the causatives after which a past form with no object of its own is still a slip: an object of
#: `let` takes no describing participle (`let his mind wandered`), one of `help` may (`help people
#: infected with COVID-19`)
_NO_OBJECT_CAUSATIVES = frozenset(lemma for lemma, entry in _TABLES["causatives"].items() if entry["no-object"])
_INFINITIVE_ADJECTIVES = frozenset(_TABLES["infinitive-adjectives"])


def _read_past_forms() -> tuple[dict[str, tuple[str, str, bool]], frozenset[str]]:
    """rules/past_forms.txt (tools/build_past_forms.py): (past form -> (its verb's base form,
    ``past``/``participle``/``both``, whether the form is also the base form of a verb in use), the
    verbs' base forms). A form of two verbs keeps the first line's."""
    out: dict[str, tuple[str, str, bool]] = {}
    bases = set()
    for line in data.phrases("past_forms.txt"):
        form, lemma, kind, *rest = line.split()
        out.setdefault(form, (lemma, kind, "base" in rest))
        bases.add(lemma)
    return out, frozenset(bases)


_PAST_FORMS, _VERB_BASES = _read_past_forms()


def _lexical_misread(doc, subj, verb) -> bool:
    """For a lexical verb's -s form after a plural subject (`the tests shows`), the shapes in which
    the parse, not the copy, is most often wrong (each met on news-snippets): a capitalised subject
    inside a sentence or one with no singular of its own (a name's or an abbreviation's: `Govt
    works`), the subject after a preposition or a noun (`growth in legal music downloads
    continues`: the object of `in`), a mark between the two (`NetApp posts profits, continues`), or
    a verb or a colon straight after the -s form (`Web services outfits merge`: two nouns and the
    verb; `Raiders notes:`, a heading)."""
    if not subj.is_lower and not (subj.is_sent_start and subj.lemma_.lower() != subj.lower_):
        return True  # a name or an abbreviation; a sentence's first word is a plural if it has a singular
    edge = subj.left_edge.i
    if edge and (doc[edge - 1].dep_ == "prep" or doc[edge - 1].tag_ in ("NN", "NNS", "NNP", "NNPS")):
        return True
    if any(t.is_punct for t in doc[subj.i + 1:verb.i]):
        return True
    nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    return nxt is not None and (nxt.tag_ in ("VB", "VBP", "VBZ", "VBD", "MD") or nxt.text == ":")


#: a plural-tagged subject this much rarer (Zipf) than its singular is mostly another word class
_RARE_PLURAL_MARGIN = 2.5


def _not_read_as_plural(subj) -> bool:
    """True when a subject the tagger reads as a plural noun (NNS) is hardly one (each met in
    news-snippets' headlines): a form with no plural ending that the lemmatizer cannot reduce and
    that is no noun of WordNet's (`Sudan govt unleashes`: an abbreviation; `people`, `police` and
    `cattle` are nouns), or a plural ``_RARE_PLURAL_MARGIN`` Zipf or more rarer than its singular,
    whose base is then mostly an adjective or a verb (`Sun readies tools line`: `readies` the verb,
    `tools` the noun; `highs`, `locals`, `generals` are plurals in use)."""
    low, lemma = subj.lower_, subj.lemma_.lower()
    if lemma == low and not low.endswith("s"):
        return low not in data.wordnet_classes().senses
    return lemma != low and zipf(low) - zipf(lemma) <= -_RARE_PLURAL_MARGIN


def _mostly_plural_noun(form: str, base: str) -> bool:
    """True when an -s form is far more common than its base form (wordfreq, ``_PLURAL_MARGIN``
    Zipf or more apart): the form is then mostly a plural noun (`riches`: `riche`), which the
    tagger may read as a verb in a garbled or headline-like phrase."""
    return zipf(form) - zipf(base) >= _PLURAL_MARGIN


def _past_reading(verb, simple_past_only: bool = False) -> str | None:
    """The base form of ``verb`` when it reads as a past form (a past tense or participle), else
    None: a past form of rules/past_forms.txt whatever its tag (the tagger reads `made` in `would
    made` and `fired` in `could fired` as base forms), unless the form is also a base form of a
    verb in use (`could found a company`, `lay eggs`), where the tagger's past tag must say so; or
    an -ed form of a verb the table lacks that the tagger reads as past. ``simple_past_only``: only
    a simple past that is no participle (went, saw, took)."""
    low = verb.lower_
    entry = _PAST_FORMS.get(low)
    if entry is not None:
        lemma, kind, also_base = entry
        if (simple_past_only and kind != "past") or (also_base and verb.tag_ not in _PAST_TAGS):
            return None
        return lemma
    if simple_past_only or verb.tag_ not in _PAST_TAGS or not low.endswith("ed"):
        return None
    lemma = verb.lemma_.lower()
    return lemma if lemma and lemma != low and lemma.isalpha() else None
#: the dependencies that give a noun a role in its sentence (subject, object, complement, apposition)
_NOUN_ROLES = frozenset(_TABLES["noun-roles"])


def _gerund_subject(doc, subj) -> bool:
    """True when ``subj`` is the object inside an -ing clause that is the real subject: the clause
    (from the sentence start or a comma, `that`, `whether`...) opens with a gerund, after a
    coordinator or an adverb at most (`moving bears is`, `Finding survivors in the rubble is`, `But
    trying to make predictions about this is`)."""
    start = subj.sent.start
    for t in doc[subj.sent.start:subj.i]:
        if t.lower_ in _CLAUSE_EDGE:
            start = t.i + 1
    for t in doc[start:subj.i]:
        if t.tag_ == "VBG":
            return True
        if t.pos_ not in ("ADV", "PART", "PUNCT", "CCONJ"):
            return False
    return False


def _subject_of_gerund(subj) -> bool:
    """True when ``subj`` is followed directly by an -ing verb it is the subject of: the -ing clause
    is the real subject (`Other teams finding similar results was encouraging`)."""
    nxt = subj.nbor(1) if subj.i + 1 < len(subj.doc) else None
    return nxt is not None and nxt.tag_ == "VBG" and nxt.head.i == subj.i and nxt.dep_ == "acl"


_WH_TAGS = ("WRB", "WDT", "WP")


def _wh_clause_verb(doc, subj) -> bool:
    """True when the plural-tagged subject is the verb of a clause a wh-word opens, its noun read as
    a compound of it (`How the euro fares in such a market is unclear`: `euro fares`, the clause the
    subject of `is`). A plural with no noun before it keeps its verb (`How the tests shows this`)."""
    k = subj.left_edge.i
    opener = doc[k] if doc[k].tag_ in _WH_TAGS and k < subj.i else \
        doc[k - 1] if k > subj.sent.start and doc[k - 1].tag_ in _WH_TAGS else None
    if opener is None or not (opener.i == subj.sent.start or doc[opener.i - 1].is_punct):
        return False
    return any(c.dep_ == "compound" and c.i < subj.i and c.pos_ in ("NOUN", "PROPN") for c in subj.children)


def _name_modifier(child, subj) -> bool:
    """A name that modifies a lower-case plural subject as a compound before it, a common noun
    between (`US army generals`, `Labour party leaders`): the plural is still the subject. A name
    right before the plural (`the Rolling Stones fans`, `Apple shares`) may be a title or a name
    of several words, and is left alone."""
    return child.dep_ == "compound" and child.i < subj.i - 1 and subj.is_lower \
        and subj.doc[subj.i - 1].pos_ == "NOUN" and subj.doc[subj.i - 1].is_lower


def _not_a_word(cfg, low: str) -> bool:
    """True when the lower-case form is not an English word (Harper's dictionary): a capitalised
    plural-looking subject at a sentence start is then a name (Barclays, Lyons, Siemens)."""
    from copylint.grammar import BackendUnavailable
    try:
        return not harper_for(cfg).is_word(low)
    except BackendUnavailable:
        return False


def _names_in(doc) -> frozenset[str]:
    """Capitalised words the article tags as proper nouns away from a sentence start: a
    sentence-initial "Rogers" is the name of "Senator Wendy Rogers" earlier, not a plural."""
    return frozenset(t.text for t in doc if t.tag_ in ("NNP", "NNPS") and not t.is_sent_start
                     and t.text[:1].isupper())


@register
class SubjectVerbAgreement(Rule):
    """A plural subject with a singular verb: `hundreds of homes was damaged`, `the results was`,
    `the tests shows`.

    The subject is read from the parse (spaCy). Only a plural common noun followed by `was`,
    `is`, `has`, `does` or another verb's -s form (tagged VBZ, its base form the plural) is
    reported (an -s form far more common than its base, or after a figure, is a noun the tagger
    read as a verb: `riches`, `1-4 meters`); measures ("two years is a long time"), plural-looking
    singulars ("the news is", "politics is"), names and titles (`Barclays was fined`, a name
    Harper's dictionary does not know as a word, or a sentence-initial word the article names
    elsewhere: `Senator Wendy Rogers ... Rogers has`), coordinated subjects, subjects with a number,
    the object or subject of a gerund when the -ing clause is the real subject (`Reading so many
    reports is`, `Other teams finding similar results was encouraging`), a singular the parser
    reads as a plural (its singular no word: `acumen`, `specimen` read as `acuman`) and a word
    hardly used as a plural (``_not_read_as_plural``: `Sudan govt`, `readies`) are left alone. A
    name before the plural is a compound of it when a common noun stands between (`US army generals
    tells`); a name right before it is left alone (`the Rolling Stones fans`).
    """

    id = "subject-verb-agreement"
    family = "grammar"
    severity = Severity.WARNING
    summary = "Plural subject with a singular verb (`the results was`)."
    needs = _UNIT_NEEDS
    flags = (
        "Hundreds of homes ⟦was→were⟧ damaged in the storm.",
        "The results ⟦was→were⟧ announced on Monday.",
        "The teams ⟦has→have⟧ agreed a deal.",
        "Officials said the new rules ⟦is→are⟧ too strict.",
        "Naturally, the flavors of the region's cuisine ⟦is→are⟧ familiar to visitors.",
        "The tests ⟦shows→show⟧ that the drug works.",
        "Officials said the new rules ⟦means→mean⟧ higher prices.",
        "Senior US army generals ⟦tells→tell⟧ the Senate the war is being won.",
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
        "Senator Wendy Rogers spoke on Sunday.\n\nRogers has been vocal about her stance against communism before.",
        "Her business acumen has grown, and the specimen has been lost.",
        "Other teams finding similar results in other cities was very encouraging.",
        "But trying to make predictions about this is hopeless.",
        "The tests show that the drug works, and the series shows why.",
        # false alarms met on the web pages' true text and news-corpus: a noun the tagger read as
        # a verb, a verb it read as a plural noun
        "The game signals unblockables with a clear red glow.",
        "Underneath the watch hands is a display that sips on battery yet still provides alerts.",
        "At night, intermittent winds of 1–4 meters a second are expected.",
        # and on news-snippets (headlines): a headline and the line below it, a name, an
        # abbreviation, the object of a preposition, two nouns and a verb
        "Trojan horse spies on Web banking\nSecurity continues to hold steady.",
        "Intel drops prices on computer chips\nIntel Corp. has cut prices on its chips.",
        "Raiders notes: Gallery appreciates the silence.",
        "Govt works on roadmap for troops cut.",
        "A steady growth in legal music downloads continues while piracy flourishes.",
        "NetApp posts profits, continues hiring spree.",
        "Sudan govt launches offensive in Darfur.",
        # a subject clause whose verb the parser read as a plural noun (new publishers' copy)
        "How the euro fares in such a market is unclear, traders said.",
        "Sun readies tools line for Java.",
        "BEA mobilizes corporate data...Web services outfits merge...Microsoft sets holiday Xbox bundle.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        # The engine fixes a sentence start at each block start, so no parse crosses a block.
        doc = article.doc
        names = None  # the article's names (``_names_in``), made only if a capitalised subject asks
        listed = tokens.lower_in(doc, _SINGULAR_VERBS)
        for i in sorted(set(listed).union(tokens.tag_in(doc, _VBZ))):
            tok = doc[i]
            low = tok.lower_
            plural = _SINGULAR_VERBS.get(low)
            if plural is None:  # a lexical verb's -s form: "the tests shows"; its plural is the base form
                plural = tok.lemma_.lower()
                if tok.pos_ != "VERB" or not tok.is_lower or not plural.isalpha() or plural == low \
                        or not low.startswith(plural[:-1]) or not in_english_use(low) \
                        or low in _MEASURES or (i and any(ch.isdigit() for ch in doc[i - 1].text)) \
                        or _mostly_plural_noun(low, plural):
                    continue  # a noun the tagger read as a verb: "signals unblockables", "1-4 meters", "riches"
            elif (low == "was" and tok.tag_ != "VBD") or (low != "was" and tok.tag_ != "VBZ"):
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
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in subj.children):
                continue  # a verb the tagger read as a plural noun: "a display that sips ... provides"
            slow = subj.lower_
            if slow in _SINGULAR_NNS or slow in _MEASURES or not subj.is_alpha:
                continue
            if _not_read_as_plural(subj):
                continue  # "Sudan govt unleashes", "Sun readies tools line": the tagger's plural
            if subj.ent_type_ and not (subj.ent_type_ == "CARDINAL" and slow in _QUANTITY_NOUNS):
                continue
            if subj.text[:1].isupper():
                if not subj.is_sent_start or _not_a_word(self.config, slow):
                    continue  # a title or a name: "Friends is back", "Barclays was fined"
                names = _names_in(doc) if names is None else names
                if subj.text in names:
                    continue  # a name the article uses elsewhere: "Senator Wendy Rogers ... Rogers has"
            if _gerund_subject(doc, subj) or _subject_of_gerund(subj):
                continue  # "Reading so many reports is", "Other teams finding similar results was": the -ing clause
            lemma = subj.lemma_.lower()
            if lemma != slow and lemma.isalpha() and not in_english_use(lemma):
                continue  # no plural: the parser's singular is no word ("acumen" read as "acuman")
            kids = list(subj.children)
            if any(c.dep_ in ("conj", "cc", "nummod", "quantmod", "appos") or c.like_num
                   or (c.pos_ == "PROPN" and not _name_modifier(c, subj)) for c in kids):
                continue
            if any(c.dep_ == "nummod" or c.like_num for k in kids for c in k.subtree):
                continue
            sent_start = subj.sent.start
            if any(t.tag_ in ("WDT", "WP") for t in doc[sent_start:subj.left_edge.i]):
                continue  # the subject may sit in a relative clause: "the scope of what befell the troops is"
            if _wh_clause_verb(doc, subj):
                continue  # a clause the parser read as a noun: "How the dollar fares ... is unclear"
            between = doc[subj.i + 1:tok.i]
            if any(t.text in _SUBJECT_VERB_BREAKS for t in between) \
                    or len(between) > _MAX_SUBJECT_GAP:
                continue
            if any(t.lower_ in _SUBJECT_JOINS for t in doc[subj.left_edge.i:tok.i]):
                continue
            if low not in _SINGULAR_VERBS and _lexical_misread(doc, subj, tok):
                continue
            yield self.finding(tok.idx, tok.idx + len(tok.text),
                               f"plural subject '{subj.text}' with singular '{tok.text}'",
                               suggestion=plural if tok.text.islower() else plural.capitalize())


@register
class VerbFormAfterDo(Rule):
    """A past form after `did` or `does`: `did the council knew`, `did not went`, `does it costs`.

    After the auxiliary `do` the verb takes its base form ("did the council know"). Read from the
    parse (spaCy): the verb must be the auxiliary's head, come after it in the same clause, and be
    an inflected form of a verb whose base form differs, with no other auxiliary between (`did not
    get paid`: `get` takes the base form). A verb the parser reads as a relative clause on a noun
    left with no role in its sentence (no other main verb for it) is the main verb, the auxiliary
    ending a relative clause before it (`The plan we did followed the rules`).
    """

    id = "verb-form-after-do"
    family = "grammar"
    severity = Severity.WARNING
    summary = "Past or -s form after `did`/`does` (`did the council knew`)."
    needs = _UNIT_NEEDS
    flags = (
        "Did the council ⟦knew→know⟧ about the risk?",
        "He did not ⟦went→go⟧ to the meeting.",
        "The minister didn't ⟦saw→see⟧ the report.",
    )
    passes = (
        "Did the council know about the risk?",
        "He did what he promised.",
        "She did not go to the meeting.",
        "They did well, winning 2-0.",
        "Does the plan work?",
        "What the council did was lawful.",
        "The plan we did followed the rules in every way.",
        '"The trip we did covered the whole coast in one week," the captain said.',
        '"The trip we did covered the whole coast in one week," Jones, the captain, replied.',
        "He didn't get paid, and the minutes sometimes don't get published at all.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        # The engine fixes a sentence start at each block start, so no parse crosses a block.
        doc = article.doc
        for i in tokens.lower_in(doc, _DO_FORMS):
            tok = doc[i]
            verb = _inflected_after(tok, _PAST_TAGS)
            if verb is None or _main_verb_read_as_relative(verb):
                continue  # "The plan we did followed the rules": `did` ends the relative clause
            yield _base_form_finding(self, tok, verb)


@register
class VerbFormAfterModal(Rule):
    """An -s or past form after a modal: `could means`, `will goes`, `would went`, `could took`.

    After a modal (`can`, `could`, `may`, `will`, ...) the verb takes its base form ("could mean",
    "would go"). Machine translation and spun copy leave the -s or the past tense of the original's
    verb behind. Read from the parse (spaCy), as `verb-form-after-do` reads `did`: the modal, in
    lower case, is the verb's auxiliary, before it in the same clause, no other auxiliary,
    punctuation or clause opener between (`all that they can as he now needs`; `would have gone`:
    `have` takes the base form), and the verb is tagged as a third-person present form whose base
    form differs (``_inflected_after``), or reads as a past form (``_past_reading``): an irregular
    past form of rules/past_forms.txt (built from lemminflect's tables) whatever its tag, since the
    tagger reads `made` in `would made` as a base form, or a regular -ed form tagged as past. A
    past form that is also the base form of a verb in use (`could found a firm`, `will lay
    eggs`) is taken as past only where the tagger reads it so (`could saw the ships`). Questions
    are left alone (the parse reads `How will rules surrounding ...` as a verb).
    """

    id = "verb-form-after-modal"
    family = "grammar"
    severity = Severity.WARNING
    summary = "An -s or past form after a modal (`could means`, `would went`)."
    needs = _UNIT_NEEDS
    flags = (
        "The new rules could ⟦means→mean⟧ higher prices for shoppers.",
        "The plan will ⟦goes→go⟧ ahead next week, officials said.",
        "It may not ⟦costs→cost⟧ more than last year.",
        "He said he would ⟦went→go⟧ to the meeting.",
        "The plan would ⟦made→make⟧ them redundant.",
        "She could ⟦saw→see⟧ the ships from her window.",
        "They said that they could ⟦fired→fire⟧ a missile from there.",
        "Retailers hope their new fashions will ⟦made→make⟧ the grade.",
        "He said its security delegation will ⟦went→go⟧ to Chittagong.",
        "The firm said it will ⟦shared→share⟧ the data with police.",
        # a typo of `be` before a participle: the slip is the typo, the participle is right
        "Under the law, a pension can ⟦ge→be⟧ granted to a widow.",
    )
    passes = (
        "The new rules could mean higher prices for shoppers.",
        "The plan will go ahead next week, and it goes to a vote in May.",
        "It will be used, and the firm says it might have gone further.",
        "Whatever the council may decide, the mayor says the plan works.",
        "The will of the people is clear, she says.",
        "British PM May accuses critics of playing politics.",
        "They are doing all that they can as the player now needs time to recover.",
        "How will rules surrounding inheritance change?",
        "Police would found a new unit, and the storm could fell trees and lay waste to farms.",
        "He would have gone, and the bill will be passed; the team might well lose.",
        # false alarms met on the web pages' true text: `will` the noun, a contraction between
        "In 2006, Ford’s unexecuted will specified that he did not want his family to get his estate.",
        "These little inconsistencies add up, and could’ve soured me on the game.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        for i in tokens.lower_in(doc, _MODAL_FORMS):
            tok = doc[i]
            if tok.tag_ != "MD" or not tok.is_lower or tok.sent.text.rstrip().endswith("?"):
                continue  # "British PM May accuses": a name; questions the parse misreads
            if tok.i and doc[tok.i - 1].tag_ in _NOUN_OPENERS:
                continue  # a noun the tagger read as a modal: "Ford's unexecuted will specified"
            verb = _governed_after(tok)
            if verb is None or any(t.dep_ == "mark" or t.tag_ in ("IN", "WDT", "WP", "WRB") or t.text[:1] in "'’"
                                   for t in doc[tok.i + 1:verb.i]):
                continue  # "all that they can as Filip now needs time": another clause begins; "could've"
            if _inflected_after(tok, _VBZ) is not None:
                yield _base_form_finding(self, tok, verb)
            elif (base := _past_reading(verb)) is not None and not _modal_read_as_noun(tok, verb):
                typo = _typo_of_be(tok, verb)
                if typo is not None:  # "can ge granted": the slip is `be`, the participle is right
                    yield self.finding(typo.idx, typo.idx + len(typo.text),
                                       f"'{typo.text}' between '{tok.text}' and '{verb.text}': 'be'?",
                                       suggestion="be")
                else:
                    yield _base_form_finding(self, tok, verb, base)


@register
class VerbFormAfterCausative(Rule):
    """A past form where `let`, `help` or `make` and its object take a bare infinitive: `let
    10,000 users shared`, `helped them won`, `made them went`.

    After `let`, `help` or `make` and an object the verb takes its base form ("let users share",
    "made them leave"). Read from the parse (spaCy): the verb is the clausal complement of a form
    of one of them (``causatives`` in rules/agreement.toml), its subject (the object of `let`)
    stands between them, with no punctuation, clause opener or auxiliary between, and the verb is
    a past form (``_past_reading``: an irregular past form of rules/past_forms.txt, or a regular
    -ed form the tagger reads as past). After `make` only a simple past that is no participle is
    a slip (`made them went`): a participle completes it (`made his voice heard`). After `help` and
    `make` a regular form or a participle must have an object of its own: with none it describes
    the noun (`help people infected with COVID-19`). After `let` (``no-object``) it need not (`let
    his mind wandered`), unless a bare verb follows it (`let the men trapped inside die`: the
    participle describes them). A verb whose past is its base (`let them set`, `let slip`) and a bare
    verb with no object before it (`help build`) are left alone.
    """

    id = "verb-form-after-causative"
    family = "grammar"
    severity = Severity.WARNING
    summary = "Past form after `let`/`help`/`make` + object (`let users shared`)."
    needs = _UNIT_NEEDS
    flags = (
        "The new service will let 10,000 users ⟦shared→share⟧ their files.",
        "The coach helped the team ⟦won→win⟧ the cup.",
        "The floods made thousands of families ⟦went→go⟧ to the shelters.",
        "He let his mind ⟦wandered→wander⟧ during the long meeting.",
    )
    passes = (
        "The new service will let 10,000 users share their files.",
        "The coach helped the team win the cup, and the fans helped build the stand.",
        "The cuts made them redundant, and he made his voice heard.",
        "She let slip that the deal was done.",
        "The council let them set the rules.",
        "The minister made himself understood.",
        # false alarms met on news-corpus: a participle describing the object
        "The event raised money to help people infected with COVID-19.",
        "They help people lifted out of poverty obtain employment.",
        # a headline and the line below it (news-snippets)
        "JGB Rally Helps\nU.S. Treasury prices rose on Friday.",
        "They let the men trapped inside the mine rest before the rescue.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        for i in tokens.lemma_in(doc, _CAUSATIVES):
            tok = doc[i]
            if tok.pos_ != "VERB":
                continue
            simple_past_only = _CAUSATIVES[tok.lemma_]
            for verb in tok.children:
                if verb.dep_ not in ("ccomp", "xcomp") or verb.i <= tok.i + 1 or verb.i - tok.i > _MAX_DO_GAP \
                        or verb.pos_ != "VERB" or not verb.is_lower:
                    continue
                if not any(c.dep_ == "nsubj" and tok.i < c.i < verb.i for c in verb.children):
                    continue  # no object between: "helped build"
                between = doc[tok.i + 1:verb.i]
                if any(t.is_punct or t.lower_ in _DO_VERB_BREAKS or t.dep_ in ("mark", "aux", "auxpass")
                       or t.tag_ in ("WDT", "WP", "WRB", "MD") for t in between):
                    continue
                base = _past_reading(verb, simple_past_only)
                if base is None:
                    continue
                simple_past = _PAST_FORMS.get(verb.lower_, ("", ""))[1] == "past"
                if not (simple_past or any(c.dep_ == "dobj" for c in verb.children)):
                    if tok.lemma_ not in _NO_OBJECT_CAUSATIVES or _bare_verb_follows(verb):
                        continue  # a participle with no object describes the noun: "help people infected with"
                yield _base_form_finding(self, tok, verb, base)


def _bare_verb_follows(verb) -> bool:
    """A base-form verb (or one the tagger reads as a noun) follows ``verb`` in its sentence before
    any punctuation: ``verb`` describes the noun before it and the bare verb is the one the
    causative takes (`let the men trapped inside die`)."""
    for t in verb.doc[verb.i + 1:verb.sent.end]:
        if t.is_punct:
            return False
        if t.tag_ == "VB" or (t.tag_ in ("NN", "VBP") and t.lower_ in _VERB_BASES):
            return True  # the tagger's NN: "let the crowd gathered outside disperse"
    return False


def _after_be(adj) -> bool:
    """True when a form of `be` comes before ``adj``, adverbs between (`will be able`, `was still
    able`, `were not able`)."""
    j = adj.i - 1
    while j >= adj.sent.start and adj.doc[j].pos_ in ("ADV", "PART"):
        j -= 1
    return j >= adj.sent.start and adj.doc[j].lemma_ == "be"


@register
class MissingTo(Rule):
    """A bare verb after an adjective that takes a to-infinitive: `still able appear`, `unable
    attend`.

    `able` and `unable` (``infinitive-adjectives`` in rules/agreement.toml) take `to` before a verb
    ("able to appear"); a base-form verb straight after one is a `to` dropped in editing. Read
    from the tagger (spaCy): the adjective is a complement of `be` (a form of `be` before it,
    adverbs between: `was still able`, not `an able cook`), and the next word, in lower case, is
    tagged as a verb's base form, or is one (the verbs of rules/past_forms.txt) that the tagger
    reads as a noun (`will be able download film clips`).
    """

    id = "missing-to"
    family = "grammar"
    severity = Severity.WARNING
    summary = "A bare verb after `able`/`unable` (`able appear`: able to appear)."
    needs = _UNIT_NEEDS
    flags = (
        "He was still ⟦able appear→able to appear⟧ on the show.",
        "The council was ⟦unable attend→unable to attend⟧ the meeting.",
        "Customers will be ⟦able download→able to download⟧ film clips.",
    )
    passes = (
        "He was still able to appear on the show.",
        "An able seaman and an able-bodied crew were unable, in the end, to sail.",
        "She is an able cook and a more able leader than her rival.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        for i in tokens.lower_in(doc, _INFINITIVE_ADJECTIVES):
            if i + 1 >= len(doc):
                break
            adj, verb = doc[i], doc[i + 1]
            if adj.pos_ != "ADJ" or not verb.is_lower or not _after_be(adj):
                continue
            if not ((verb.tag_ == "VB" and verb.pos_ in ("VERB", "AUX"))
                    or (verb.tag_ in ("NN", "VBP") and verb.lower_ in _VERB_BASES)):
                continue
            yield self.finding(adj.idx, verb.idx + len(verb.text),
                               f"'{adj.text} {verb.text}': '{adj.lower_}' takes 'to' before a verb",
                               suggestion=f"{adj.text} to {verb.text}")


def _one_edit_from_be(word: str) -> bool:
    """The word is `be` with one letter added, dropped, changed or swapped (`ge`, `bet`, `eb`)."""
    if word == "be" or not word.isalpha() or not 1 <= len(word) <= 3:
        return False
    if len(word) == 2:
        return word[0] == "b" or word[1] == "e" or word == "eb"
    if len(word) == 3:
        return any(word[:k] + word[k + 1:] == "be" for k in range(3))
    return word in ("b", "e")


def _typo_of_be(modal, verb):
    """The word right before a past form after a modal when it is a typo of `be` (one edit from it,
    not a pronoun, article, preposition, conjunction or adverb: `can ge granted`, `can it bet
    swept away`) and the verb can be a participle: the slip is that word, and the verb after it is
    right. Else None."""
    if verb.i - 1 <= modal.i or _PAST_FORMS.get(verb.lower_, ("", "participle"))[1] == "past":
        return None
    word = verb.doc[verb.i - 1]
    if not word.is_lower or word.tag_ in ("PRP", "PRP$", "DT", "IN", "CC", "RB", "MD", "TO", "WDT", "WP"):
        return None
    return word if _one_edit_from_be(word.lower_) else None


def _modal_read_as_noun(modal, verb) -> bool:
    """True when ``modal`` is a modal that is also a noun (``modal-nouns``: `will`), the verb after
    it could be a past participle as well as a tense (`specified`, `left`; not `went`, `began`),
    and the word before it is a singular noun or a participle whose phrase a possessive opens: the
    noun and its owner, the verb after it a past tense (`Ford's unexecuted will specified`). A
    plural before it is the modal's subject (`their new fashions will made the grade`: a slip),
    and so is a noun before a simple past (`its security delegation will went`)."""
    if modal.lower_ not in _MODAL_NOUNS or not modal.i or _PAST_FORMS.get(verb.lower_, ("", ""))[1] == "past":
        return False
    prev = modal.doc[modal.i - 1]
    return prev.tag_ in ("NN", "VBN") and any(t.tag_ in ("PRP$", "POS") for t in modal.doc[prev.left_edge.i:prev.i])


def _governed_after(aux):
    """The verb ``aux`` is the auxiliary of, when it follows in the same clause in lower case with
    nothing between that would start another clause (punctuation, a coordinator) or take the base
    form itself (another auxiliary: "did not get paid"); else None."""
    if aux.dep_ != "aux":
        return None
    verb, doc = aux.head, aux.doc
    if verb.i <= aux.i or verb.i - aux.i > _MAX_DO_GAP or verb.pos_ != "VERB" or not verb.is_lower:
        return None
    between = doc[aux.i + 1:verb.i]
    if any(t.is_punct or t.lower_ in _DO_VERB_BREAKS for t in between):
        return None
    if any(t.dep_ in ("aux", "auxpass") and t.head.i == verb.i for t in between):
        return None
    return verb


def _inflected_after(aux, tags: Collection[str]):
    """The verb ``aux`` governs (``_governed_after``) when it is in an inflected form (one of
    ``tags``) whose base form differs; else None."""
    verb = _governed_after(aux)
    if verb is None or verb.tag_ not in tags:
        return None
    lemma = verb.lemma_.lower()
    if not lemma or lemma == verb.lower_ or not lemma.isalpha():
        return None
    return verb


def _base_form_finding(rule: Rule, aux, verb, base: str | None = None) -> Finding:
    return rule.finding(verb.idx, verb.idx + len(verb.text),
                        f"'{verb.text}' after '{aux.text}': the verb takes its base form",
                        suggestion=base or verb.lemma_.lower())


def _main_verb_read_as_relative(verb) -> bool:
    """True when the parser hangs ``verb`` as a relative clause on a noun left with no role in its
    sentence (the root, hung on a quote mark, or a second subject of the reporting verb after a
    quotation), with no relative pronoun: the sentence has no other main verb for it, so ``verb``
    is it and the auxiliary before it ends a contact relative clause (`The plan we did followed
    the rules`: the plan [that] we did)."""
    head = verb.head
    return verb.dep_ == "relcl" and not _has_role(head) and head.i < verb.i \
        and head.pos_ in ("NOUN", "PROPN", "PRON") \
        and not any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in verb.doc[head.i:verb.i])


def _has_role(noun) -> bool:
    """The noun is a subject, object, complement or apposition in its sentence, and not one of two
    subjects of one verb (a quotation's subject hung on the reporting verb: "The trip we did
    covered the coast," the captain said)."""
    if noun.dep_ not in _NOUN_ROLES:
        return False
    return not (noun.dep_ in ("nsubj", "nsubjpass")
                and any(c.dep_ in ("nsubj", "nsubjpass") and c.i != noun.i for c in noun.head.children))


_LESS = frozenset({"less"})  # less-fewer's one word, as tokens.lower_in asks for a set

#: demonstrative -> (the one of the other number, the verbs that disagree with it, whether it is
#: also a relative pronoun)
_DEMONSTRATIVE = {word: (entry["other"], frozenset(entry["disagree"]), entry.get("relative", False))
                  for word, entry in _TABLES["demonstratives"].items()}


@register
class DemonstrativeAgreement(Rule):
    """A demonstrative pronoun that disagrees with its verb: `this are the results`, `these is`.

    Read from the parse: the demonstrative (tagged DT, not the relative "that") is the subject and
    the verb follows it directly. Relative clauses ("the homes that were damaged") are left alone,
    and so is a "that" after a coordinator or a noun, which the parser may tag DT in a relative
    clause ("Which vaccines exist now or that are in trials").
    """

    id = "demonstrative-agreement"
    family = "grammar"
    severity = Severity.WARNING
    summary = "Demonstrative and verb disagree (`this are`, `these is`)."
    needs = _UNIT_NEEDS
    flags = (
        "⟦This are→These are⟧ the results of the vote.",
        "Officials said ⟦these is→this is⟧ a problem.",
        "⟦Those was→That was⟧ the days, he said.",
    )
    passes = (
        "These are the results of the vote.",
        "This is what these are for.",
        "The homes that were damaged will be rebuilt.",
        "Those were the days, he said.",
        "He said that was the plan.",
        "Which vaccines exist now or that are in trials that could protect children?",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        for i in tokens.lower_in(doc, _DEMONSTRATIVE):
            if i == len(doc) - 1:
                break
            tok = doc[i]
            entry = _DEMONSTRATIVE[tok.lower_]
            if tok.tag_ != "DT" or tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            verb = doc[tok.i + 1]
            if verb.lower_ not in entry[1] or tok.head.i != verb.i:
                continue
            if entry[2] and tok.i and (doc[tok.i - 1].tag_ == "CC" or doc[tok.i - 1].pos_ in ("NOUN", "PROPN")):
                continue  # the relative pronoun: "Which firms exist today or that are planned"
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
        "⟦Less people→Fewer people⟧ came than expected.",
        "There were ⟦less cars→fewer cars⟧ on the road on Monday.",
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
        for i in tokens.lower_in(doc, _LESS):
            if i == len(doc) - 1:
                break
            tok = doc[i]
            if tok.dep_ != "amod":
                continue
            noun = doc[tok.i + 1]
            if noun.tag_ != "NNS" or tok.head.i != noun.i or noun.lower_ in _MEASURES \
                    or noun.lower_ in _SINGULAR_NNS or not noun.is_lower:
                continue
            fewer = "Fewer" if tok.text[:1].isupper() else "fewer"
            yield self.finding(tok.idx, noun.idx + len(noun.text),
                               f"'{tok.text} {noun.text}': '{noun.text}' are counted, so '{fewer.lower()}'",
                               suggestion=f"{fewer} {noun.text}", severity=None)
