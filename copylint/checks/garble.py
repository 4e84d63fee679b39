"""Garbled, machine-spun phrases: a list member that does not belong, a list that lost its head noun,
a month used as the modifier of a body or thing, a verbless sentence, a meaning turned upside down.

The rules read the one spaCy parse the engine gives every rule (``article.doc``): coordination,
dependency labels, part-of-speech tags, lemmas and entity labels. Semantic fit is judged with a
small table of coarse noun classes shipped in ``rules/noun_classes.toml``: a member is an intruder
only when every member's class is known and exactly one member shares no class or group with any
other. Unknown words are never judged by the table; with the optional ``embeddings`` extra
(copylint/semantic.py, config ``semantic``) list-intruder judges those lists by phrase embeddings
instead, at info level.

``word-fit`` reads the word-fit model (copylint/wordfit.py, ``article.wordfit``): every word's
doubt from a small transformer, combined with what the parse knows by a calibrated logistic
combiner (``calibration.json`` beside the model).
"""
from __future__ import annotations

import bisect
import math
import re
from array import array
from dataclasses import dataclass
from itertools import accumulate
from functools import lru_cache
from typing import Iterator, Sequence

from copylint import data, semantic, tokens, wordfit
from copylint.article import Article
from copylint.finding import Finding, Severity
from copylint.textutil import zipf
from copylint.rule import BODY, PROSE, Rule, register

MONTHS = data.words("months")
WEEKDAYS = data.words("weekdays")
WEEKLY_BODIES = data.words("weekly-bodies")
TIME_NAMES = MONTHS | WEEKDAYS  # one object, for tokens.lower_in
#: plural quantity nouns whose "of" needs a plural (or mass) noun: "hundreds of rockets"
#: findings of the embedding judgement (copylint.semantic): hints, not warnings (see README, Accuracy)
SEMANTIC_SEVERITY = Severity.INFO
#: words before a month that make it the end of a time phrase, not a modifier
RANGE_WORDS = data.words("range-words")
QUANTITY_HEADS = data.words("quantity-heads")
COMPLEMENT_PREPOSITIONS = data.words("complement-prepositions")
LIST_INTRODUCERS = data.words("list-introducers")


# --- data -----------------------------------------------------------------------------------------
noun_classes = data.noun_classes  # the noun classes live in copylint.data (consistency reads them too)
wordnet_classes = data.wordnet_classes
hand_wordnet_classes = data.hand_wordnet_classes


@lru_cache(maxsize=1)
def dated_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in data.phrases("dated_nouns.txt"))


_WHOLE_WORDS = (r"(?<![\w-])", r"(?![\w-])")  # a phrase matches as whole words, never in a hyphened compound


@lru_cache(maxsize=1)
def _inverted_entries() -> tuple[tuple[str, str, str], ...]:
    """``inverted_phrases.txt`` as (the wrong phrase's pattern, bare of the whole-word test, the
    intended phrase, the note)."""
    out = []
    for line in data.phrases("inverted_phrases.txt"):
        body, _, note = line.partition("#")
        if "=>" not in body:
            continue
        wrong, intended = (s.strip() for s in body.split("=>", 1))
        out.append((_phrase_pattern(wrong), intended, note.strip()))
    return tuple(out)


@lru_cache(maxsize=1)
def inverted_phrases() -> tuple[tuple[re.Pattern, str, str], ...]:
    return tuple((re.compile(_WHOLE_WORDS[0] + wrong + _WHOLE_WORDS[1], re.I), intended, note)
                 for wrong, intended, note in _inverted_entries())


def _phrase_pattern(phrase: str) -> str:
    return r"\s+".join(re.escape(w) for w in phrase.split())


@lru_cache(maxsize=1)
def any_inverted_phrase() -> re.Pattern:
    """Every phrase of ``inverted_phrases`` in one pattern, the whole-word test once for all: a text
    it finds nothing in has none of them (a phrase's match is one of its matches or overlaps an
    earlier one), so nearly every article is read once, not once a phrase."""
    phrases = [wrong for wrong, _, _ in _inverted_entries()]
    return re.compile(_WHOLE_WORDS[0] + "(?:" + "|".join(phrases) + ")" + _WHOLE_WORDS[1], re.I)


# --- helpers --------------------------------------------------------------------------------------
def member_lemma(tok) -> str:
    """The lemma of a list member, with its noun compound if the compound is a known unit."""
    lemma = tok.lemma_.lower()
    comps = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
    if comps:
        full = " ".join(c.lemma_.lower() for c in comps) + " " + lemma
        if noun_classes().lookup(full) is not None:
            return full
        full2 = " ".join(c.text.lower() for c in comps) + " " + lemma
        if noun_classes().lookup(full2) is not None:
            return full2
    return lemma


#: dependents that make a member a phrase ("cooking oil", "pregnant women", "data centres")
PHRASE_DEPS = frozenset({"compound", "amod", "nmod"})


def member_phrase(tok) -> str:
    """A list member as a bare phrase: the word with the modifiers right before it, no determiner."""
    start = tok.i
    for child in reversed(list(tok.lefts)):
        if child.dep_ not in PHRASE_DEPS or child.right_edge.i != start - 1:
            break
        start = child.left_edge.i
    while start < tok.i and tok.doc[start].pos_ in ("DET", "PRON", "PUNCT", "NUM"):
        start += 1
    return tok.doc[start:tok.i + 1].text.lower()


def conjuncts(tok) -> list:
    """The head of a coordination and every conjunct, in text order."""
    return sorted([tok, *tok.conjuncts], key=lambda t: t.i)


def list_heads(doc) -> Iterator:
    """Tokens that head a coordination (have ``conj`` children but are not a conjunct themselves),
    in order (found once per document, ``tokens.list_heads``)."""
    for i in tokens.list_heads(doc):
        yield doc[i]


def month_of(tok, names=MONTHS) -> bool:
    return tok.lower_ in names and tok.text[:1].isupper() and tok.tag_ == "NNP"


def month_modified_noun(tok, names=MONTHS):
    """The lower-case noun that ``tok``, a bare month, modifies when no date can be meant: "the June
    Sunni group" -> group; None for a time phrase ("the March 2019 attacks", "from May until August
    sales"), a name ("the 14 March alliance") or a noun that takes a date (rules/dated_nouns.txt:
    "the June election"). Shared by ``month-modifier`` (nouns of the class table) and ``word-fit``
    (any noun, when the model doubts the month too). ``names``: the time words read (months; the
    days of the week for ``month-modifier``'s kind ``weekday``)."""
    if not month_of(tok, names) or tok.dep_ not in ("compound", "nmod", "npadvmod", "amod"):
        return None
    doc = tok.doc
    head = tok.head
    while head.dep_ == "compound" and head.pos_ == "PROPN" and head.head.i > head.i:
        head = head.head  # "the June Sunni group": June -> Sunni -> group
    if head.i <= tok.i or head.pos_ != "NOUN" or not head.is_alpha or not head.text.islower():
        return None  # a name, or a day the parser took for a noun ("March 12th")
    between = doc[tok.i + 1:head.i]
    if any(t.like_num or t.text[:1].isupper() and t.ent_type_ == "DATE" for t in between):
        return None  # "the March 2019 attacks", "the May Day protests"
    if any(t.pos_ in ("CCONJ", "PUNCT") for t in between):
        return None  # a misparse across a clause: "on Tuesday and U.S. forces fought"
    if tok.i > 0 and doc[tok.i - 1].like_num:
        return None  # "the 14 March alliance"
    if tok.i > 0 and doc[tok.i - 1].lower_ in RANGE_WORDS:
        return None  # the end of a time phrase: "from May until August record sales ..."
    dated = dated_nouns()
    last = head
    while last.dep_ == "compound" and last.head.i > last.i and last.head.pos_ == "NOUN":
        last = last.head  # the noun is itself a modifier: "the Sunday council session"
    # the word as written too: the parser lemmatises some listed nouns to another word ("data" -> "datum")
    if any(t.lemma_.lower() in dated or t.lower_ in dated or member_lemma(t) in dated for t in {head, last}):
        return None
    return head


def known_thing(head, classes=None) -> bool:
    """Whether the noun class table knows ``head`` (a body, group or thing)."""
    classes = classes or noun_classes()
    return classes.lookup(member_lemma(head)) is not None or classes.lookup(head.lemma_.lower()) is not None


# --- rules ----------------------------------------------------------------------------------------
@register
class ListIntruder(Rule):
    """A member of a coordinated list that does not belong with the others: `helicopters, aircraft
    and bread`, `food, fuel and weather`, `rocket, mud and drone`.

    Article spinners and machine translation swap a word for a "synonym" of a different sense
    ("bread" for "supplies", "mud" for "mortar"); each word is spelt right and the sentence parses,
    so only the meaning gives it away. The rule reads every coordinated list of three or more
    common nouns from the parse and looks each member up in a table of coarse noun classes (food,
    fuel, vehicles, aircraft, weapons, weather, buildings...). It reports a member only when every
    member is known, the others fit together, and that one shares no class or broader group with
    any of them. A member only a step from the others (a place among the vehicles that serve it:
    `factories, trains and planes`, the table's `[near]` pairs) is reported as a hint (info, kind
    `near`): news lists cross that step on purpose. People and organisations go with anything and
    are never reported. Where the table is silent, the classes derived from WordNet read the list
    (rules/noun_classes_wordnet.txt, policy in the table's `[wordnet]` section: kind `wordnet`, or
    `wordnet-near` at info for a step such as two kinds of artifact): every member's class must be
    clear (one class, or classes that go together, holding most of its WordNet sense weight; a
    member WordNet reads two ways, `mortar` the weapon and the paste, takes the class its hand-table
    class has in WordNet, the one most of that class's words have; the odd one may have senses of
    several classes if every one is concrete and shares nothing with the others), the others of one
    concrete kind and the odd one, concrete too, sharing no sense with them (`pistols,
    bullets and pumpkins`). An odd one that is only a quality, a feeling or a thought among things
    (`blankets, pillows and courage`; a rarer sense of an act or a message, under the policy's
    `abstract_share` of its weight, aside) is a hint (kind `wordnet-abstract`): news lists mix things
    and ideas on purpose more often than kinds of things; an act, an event, a state or a message, or
    a word with any concrete sense or sense of people (`memory`, `intelligence`), is never reported
    that way.
    A beard or a wig goes with clothes (a costume). Lists neither reads are left alone, unless the
    optional `embeddings` extra is installed: then a bare noun far in meaning from every other
    member, among members close to each other, is reported as a hint (info).
    """

    id = "list-intruder"
    family = "garble"
    severity = Severity.WARNING
    summary = "List member that does not fit the others (`helicopters, aircraft and bread`)."
    kinds = {"by-meaning": (SEMANTIC_SEVERITY, "a member far in meaning from the others (embeddings extra)"),
             "wordnet": (Severity.WARNING, "a member of another kind than the others by the WordNet classes, "
                                           "where the hand table is silent (rules/noun_classes_wordnet.txt)"),
             "wordnet-abstract": (Severity.INFO, "a quality, a feeling or a thought among members of one concrete "
                                                 "kind by the WordNet classes (`bread, milk and courage`)"),
             "wordnet-near": (Severity.INFO, "a member a step from the others by the WordNet classes (two kinds "
                                             "of artifact, or a place among vehicles)"),
             "near": (Severity.INFO, "a member only a step from the others: a place among vehicles "
                                     "(`roads, bridges and trucks`; rules/noun_classes.toml [near])")}
    needs = frozenset({"parser", "lemmatizer"})
    flags = (
        "About 400 firefighters, supported by helicopters, aircraft and ⟦bread⟧, are tackling the blaze.",
        "The port handles a third of the country's imports, including food, fuel and ⟦weather⟧.",
        "They carried out hundreds of rocket, ⟦mud⟧ and drone attacks.",
        "Soldiers carried rifles, grenades and ⟦carrots⟧ into the village.",
        "Aid convoys brought tents, blankets, medicine and ⟦thunder⟧ to the camp.",
        "Shelling damaged homes, hospitals and ⟦rain⟧ across the city.",
        "Troops found pistols, bullets and ⟦pumpkins⟧ in the house.",  # the WordNet classes: pumpkin, a food
        # a member WordNet reads two ways (mortar: the weapon, the paste) in its hand-table class
        "Troops fired mortars, shells and ⟦squirrels⟧ at the town.",
        # an odd one of several senses, every one concrete and none near the others (the fruit, the
        # tree, the mineral): judged by all of them
        "The new roads will link factories, warehouses and ⟦limes⟧ to the port.",
        # a quality, a feeling or a thought among things of one kind: a hint (kind wordnet-abstract)
        "The aid convoy carried flour, rice and ⟦jealousy⟧ to the camp.",
        # an abstract word with a rare sense of an act (patience, the card game): still abstract
        "The storm destroyed tents, blankets and ⟦patience⟧.",
    )
    passes = (
        "Shipping firms warned of delays to deliveries of cars, grain and medicines.",
        "Firefighters were working to protect homes, schools and the hospital.",
        "The blaze was fought by helicopters, aircraft and volunteers.",
        "Prices of food, fuel and electricity have risen.",
        "Floods, droughts and wildfires are becoming more common.",
        "The storm damaged roads, bridges and railways.",
        "Police seized guns, drugs and cash.",
        "They sell smartphones, laptops and tablets.",
        "The convoy carried food, water and blankets.",
        "The museum displays swords, shields and helmets.",  # the WordNet classes: kinds of artifact
        "They discussed tanks, artillery and diplomacy at the summit.",  # an abstract noun among things
        "Builders need bricks, mortar and timber, and the workers mixed mortar, sand and cement.",
        # a costume: the beard or the wig goes with the clothes (the body and clothing share a group)
        "He arrived complete with tweed coat, deerstalker hat and a fake mustache.",
        "Guests came dressed in wool coats, top hats and false beards.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        classes = noun_classes()
        unread = []  # lists with a member the table does not know
        for head in list_heads(doc):
            members = conjuncts(head)
            if len(members) < 3 or head.pos_ != "NOUN" or any(m.pos_ == "PROPN" for m in members):
                continue
            if any(m.ent_type_ for m in members):
                continue
            tags = []
            for m in members:
                # the small model now and then tags the last member of a noun list as a verb
                # ("rifles, grenades and carrots/VBZ"): judge it as the noun it is
                t = classes.lookup(member_lemma(m)) if m.pos_ == "NOUN" else self._as_noun(m, classes)
                if t is None:
                    # the hand table is silent: the classes derived from WordNet, then (extra) embeddings
                    found = self._judge_wordnet(members, classes)
                    if found is None:
                        unread.append(members)
                    else:
                        yield found
                    break
                tags.append(t)
            else:
                yield from self._judge(article, members, tags, classes)
        if unread and self._semantic_enabled():
            yield from self._judge_semantic(unread, classes)

    # --- the optional embedding judgement (copylint.semantic) for lists the table cannot read ----
    def _semantic_enabled(self) -> bool:
        mode = self.config.semantic
        if mode == "off":
            return False
        if not semantic.available():
            if mode == "on":
                self.warn("semantic = \"on\" but the embeddings extra is not installed "
                          "(pip install \"copylint[embeddings]\"); list-intruder uses its noun table only")
            return False
        # the language server loads the model in the background: until then, the noun table only
        return semantic.ready()

    def _judge_semantic(self, lists, classes) -> Iterator[Finding]:
        readable = []
        for members in lists:
            if any(not self._plain_noun(m) or m.is_stop for m in members):
                continue
            phrases = [member_phrase(m) for m in members]
            # a list none of whose members could be reported, or that the scorer does not judge,
            # is not embedded at all
            reportable = {i for i, m in enumerate(members) if self._reportable(m, phrases[i], classes)}
            if reportable and semantic.judged(phrases):
                readable.append((members, phrases, reportable))
        if not readable:
            return
        scorer = semantic.scorer()
        scorer.embed(p for _, phrases, _ in readable for p in phrases)  # one batch per article
        for members, phrases, reportable in readable:
            verdict = scorer.odd_one_out(phrases)
            if verdict is None or verdict.index not in reportable:
                continue
            tok = members[verdict.index]
            others = ", ".join(p for i, p in enumerate(phrases) if i != verdict.index)
            yield self.finding(tok.idx, tok.idx + len(tok.text),
                               f"'{tok.text}' is unrelated in meaning to the rest of the list ({others}): "
                               "a swapped word?", kind="by-meaning")

    @staticmethod
    def _reportable(tok, phrase: str, classes) -> bool:
        """Whether the embedding judgement may report this member when it is the odd one out."""
        if member_lemma(tok) in classes.agent:
            return False  # people and organisations go with anything
        # a member with modifiers of its own ("programming novices", "still-life works") is
        # specific, so far from the others in meaning, but rarely a swapped word
        return " " not in phrase and "-" not in phrase

    @staticmethod
    def _plain_noun(tok) -> bool:
        if tok.pos_ == "NOUN":
            return True
        # the last member mis-tagged as a verb, with no dependents ("rifles, grenades and carrots/VBZ")
        return (tok.dep_ == "conj" and tok.tag_ in ("VB", "VBP", "VBZ")
                and not any(c.dep_ not in ("punct", "cc") for c in tok.children)
                and not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ in ("DET", "PRON", "ADP", "PART")))

    @staticmethod
    def _as_noun(tok, classes):
        if tok.dep_ != "conj" or tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ in ("DET", "PRON"):
            return None  # a real verb with its object
        word = tok.lower_
        for cand in (word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word):
            t = classes.lookup(cand)
            if t is not None:
                return t
        return None

    @staticmethod
    def _hang_together(others: list[int], tags) -> bool:
        """Whether the members ``others`` form one chain of shared tags: else nothing is "the" odd
        one out."""
        reached, frontier = {others[0]}, [others[0]]
        while frontier:
            a = frontier.pop()
            for b in others:
                if b not in reached and tags[a] & tags[b]:
                    reached.add(b)
                    frontier.append(b)
        return len(reached) == len(others)

    @staticmethod
    def _wordnet_word(tok, wn) -> str | None:
        """The member as a word of the WordNet classes: nouns only (a member tagged as a verb is
        left alone here: WordNet has a noun for most verbs, "are", "doubles")."""
        if tok.pos_ != "NOUN":
            return None
        lemma = tok.lemma_.lower()
        return lemma if lemma in wn.senses else tok.lower_ if tok.lower_ in wn.senses else None

    @staticmethod
    def _hand_class(tok, classes) -> str | None:
        """The member's one class in the hand table, as a WordNet class (``hand_wordnet_classes``)."""
        tags = classes.lookup(member_lemma(tok)) or set()
        names = [t[2:] for t in tags if t.startswith("c:")]
        return hand_wordnet_classes().get(names[0]) if len(names) == 1 else None

    def _judge_wordnet(self, members, classes) -> Finding | None:
        """A list the hand table does not read whole, judged by the WordNet classes
        (rules/noun_classes_wordnet.txt, policy in rules/noun_classes.toml [wordnet]): every member's
        class clear, the others of one concrete kind, the odd one sharing nothing with them."""
        wn = wordnet_classes()
        words = [self._wordnet_word(m, wn) for m in members]
        if None in words:
            return None
        # a word with several common senses of different classes reads as its class in the hand
        # table when it has one there ("mortar", the weapon and the building paste: a weapon in a
        # list with rockets); else only the odd one may be such a word, judged by every sense
        dom = [wn.dominant_class(w) or self._hand_class(m, classes) for w, m in zip(words, members)]
        unclear = [i for i, d in enumerate(dom) if d is None]
        if len(unclear) > 1:
            return None
        senses = [frozenset([d]) if d else frozenset(c for c, _, _ in wn.senses[w]) for w, d in zip(words, dom)]
        things = [i for i in range(len(members)) if not senses[i] & wn.agent and words[i] not in classes.agent]
        if len(things) < 3:
            return None
        tags = [wn.tags(d) if d else wn.all_tags(w) for w, d in zip(words, dom)]
        isolated = [i for i in things if not any(wn.all_tags(words[i]) & tags[j] for j in things if j != i)]
        if len(isolated) != 1 or unclear and unclear != isolated:
            return None
        k = isolated[0]
        others = [i for i in things if i != k]
        if any(not senses[i] <= wn.judged for i in others) or not self._hang_together(others, tags):
            return None  # the others are not of one concrete kind
        abstract = not senses[k] <= wn.judged
        if abstract and (not set(wn.classes(words[k], wn.abstract_share)) <= wn.abstract
                         or set(wn.classes(words[k])) & (wn.judged | wn.agent)):
            # an odd one that is an act, an event, a state or a message (a sale, money, diplomacy
            # among things) is as often a sound news list ("discussed tanks, artillery and diplomacy")
            # as a swap: measured, not reported; so is one with a concrete sense or a sense of people,
            # however rare ("faster memory", the device; "rifles, ammunition and intelligence", the
            # agencies; "baked goods", read as "good": a commodity too)
            return None
        kinds = sorted({dom[i].split(".")[-1] for i in others})  # "weapon" for artifact.weapon
        tok = members[k]
        if any(c.dep_ in ("compound", "nmod") and wn.all_tags(c.lower_) & tags[i]
               for c in tok.lefts for i in others):
            # the list was of its modifiers, not of it: "electricity, gas and gasoline costs"
            return None
        if abstract:
            # only a quality, a feeling or a thought among things (`bread, milk and courage`): a hint
            kind, how = "wordnet-abstract", "an abstract word among things"
        elif any(c.split(".")[0] == dom[i].split(".")[0] or wn.near_to(wn.tags(c), tags[i]) for c in senses[k] for i in others):
            # two kinds of one lexicographer file (artifact.vehicle, artifact.building) or a [near] pair
            kind, how = "wordnet-near", "a step from the rest of the list"
        else:
            kind, how = "wordnet", "far from the rest of the list"
        return self.finding(tok.idx, tok.idx + len(tok.text),
                            f"'{tok.text}' is {how} (the others are {' or '.join(kinds[:2])}; WordNet): "
                            "a swapped word?", kind=kind)

    def _judge(self, article, members, tags, classes) -> Iterator[Finding]:
        agent = [member_lemma(m) in classes.agent for m in members]
        things = [i for i in range(len(members)) if not agent[i]]
        if len(things) < 3:
            return
        isolated = [i for i in things if not any(tags[i] & tags[j] for j in things if j != i)]
        if len(isolated) != 1:
            return
        k = isolated[0]
        others = [i for i in things if i != k]
        if not self._hang_together(others, tags):
            return
        tok = members[k]
        shared = set.intersection(*(tags[i] for i in others))
        kind = sorted(t[2:] for t in shared if t.startswith("c:")) or sorted(t[2:] for t in shared)
        what = f" (the others are {' or '.join(kind[:2])})" if kind else ""
        if any(classes.near_to(tags[k], tags[i]) for i in others):
            # only a step from the others (a place among the transport that serves it): news lists
            # cross that step on purpose ("factories, trains and planes"), so a hint
            yield self.finding(tok.idx, tok.idx + len(tok.text),
                               f"'{tok.text}' is a step from the rest of the list{what}: a swapped word?",
                               kind="near")
            return
        yield self.finding(tok.idx, tok.idx + len(tok.text),
                           f"'{tok.text}' does not fit with the rest of the list{what}: a swapped word?")


@register
class HeadlessList(Rule):
    """A list of modifiers that lost its head noun: `carrying out hundreds of rocket, mud and drone
    in Iraqi military bases` (attacks of what?), `our partnership in economic, environmental and
    cultural`.

    Spinners drop the noun that a list of modifiers belonged to ("rocket, mortar and drone
    attacks", "economic and cultural fields"). Two shapes are reported from the parse: a list of
    bare singular nouns after "hundreds of", "thousands of" and the like (which need a plural:
    "hundreds of rockets"), and a list of three or more adjectives standing where a noun should be
    (object of a preposition or verb) with no noun after it; after "as" such a list is the predicate
    of an object ("described the plan as costly, slow and unfair"), no noun missing, and after a
    noun and a dash or colon it names that noun's members ("threads of several shades - green,
    white and gold").
    """

    id = "headless-list"
    family = "garble"
    severity = Severity.WARNING
    summary = "List of modifiers with no head noun (`hundreds of rocket, mud and drone`)."
    scope = BODY
    needs = frozenset({"parser"})
    flags = (
        "They are accused of carrying out hundreds of ⟦rocket, mud and drone⟧ in military bases.",
        "Rebels fired dozens of ⟦mortar and rocket⟧ at the town.",
        "Our partnership in ⟦economic, environmental, health, educational, cultural and more⟧.",
    )
    passes = (
        "They carried out hundreds of rocket, mortar and drone attacks on bases.",
        "Thousands of people fled.",
        "Hundreds of cars, buses and lorries were stuck.",
        "We work together in economic, environmental and cultural fields.",
        "The plan is economic, social and environmental.",
        "Tens of thousands of dollars were raised.",
        "Many people regard the plan as costly, slow and unfair.",
        'The coach described his players as "tough, fast, and smart" after the game.',
        "The scarf is a weave of threads of several shades - green, white, gold, and orange.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        for head in list_heads(doc):
            members = conjuncts(head)
            first, last = members[0], members[-1]
            nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
            if nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
                continue
            if self._enumerates_noun(doc, first):
                continue  # "threads of several shades - green, white, gold and orange"
            if self._bare_after_quantity(head, members) or self._adjectives(head, members):
                yield self.finding(first.idx, last.idx + len(last.text),
                                   "list of modifiers without the noun they describe: a word was dropped?")

    @staticmethod
    def _enumerates_noun(doc, first) -> bool:
        """The list follows a dash or colon after a noun: it names that noun's members (`shades -
        green, white and gold`), nothing dropped."""
        i = first.i
        return i >= 2 and doc[i - 1].text in LIST_INTRODUCERS and doc[i - 2].pos_ in ("NOUN", "PROPN")

    @staticmethod
    def _bare_after_quantity(head, members) -> bool:
        if head.dep_ != "pobj" or head.head.lower_ != "of" or head.head.head.lower_ not in QUANTITY_HEADS:
            return False
        if len(members) < 2 or any(m.tag_ != "NN" for m in members):
            return False
        return not any(c.dep_ in ("det", "poss", "nummod") for m in members for c in m.children)

    @staticmethod
    def _adjectives(head, members) -> bool:
        attached = head.dep_ in ("pobj", "dobj") or (head.dep_ == "amod" and head.head.pos_ == "ADP")
        if not attached or len(members) < 3:
            return False
        if head.head.lower_ in COMPLEMENT_PREPOSITIONS:
            return False  # a predicate: "described the plan as costly, slow and unfair"
        adjs = [m for m in members if m.tag_ in ("JJ", "JJR")]
        if len(adjs) < len(members) - 1 or head.tag_ != "JJ":
            return False
        return not any(c.dep_ == "det" for c in head.children)


@register
class MonthModifier(Rule):
    """A month used as the modifier of a group, body or thing: `the June Sunni group`, `the April
    union`, `the August fire service`.

    A spinner that mistook a name or an adjective for a month (or a translator that moved a date)
    leaves a month describing something that has no date. A month is right before an event, a
    period, a figure or a publication ("the June election", "the March 2019 attacks", "its March
    forecasts", "the May Day protests", "the September issue"): those nouns are listed in
    rules/dated_nouns.txt. The rule reports a bare month (no day number: "the January 6
    committee" is a name) that the parse attaches to a lower-case noun known to be a body, a group
    or a thing. A day of the week before a body is a hint (kind `weekday`: "the Tuesday union"),
    unless the body is one that meets on a day ("the Sunday school"); before anything else a day
    is left alone (a weekly market, meal or show).
    """

    id = "month-modifier"
    family = "garble"
    severity = Severity.WARNING
    summary = "Month used as the modifier of a body or thing (`the April union`)."
    kinds = {"weekday": (Severity.INFO, "a day of the week as the modifier of a body (`the Tuesday union`): "
                                        "bodies meet on days more often than in months, so a hint")}
    needs = frozenset({"parser", "ner", "lemmatizer"})
    flags = (
        "Despite ongoing threats from ⟦the June Sunni group⟧.",
        "Workers from ⟦the April union⟧ had been offered a rise of 2%.",
        "The fire was hard to control, according to ⟦the August fire service⟧.",
        "Prices of ⟦March energy⟧ have doubled.",
        "Members of ⟦the Thursday committee⟧ walked out.",  # a day: a hint (kind weekday)
    )
    passes = (
        "Voters went to the polls in the June election.",
        "The March 2019 attacks killed 51 people.",
        "The bank cut its March forecasts.",
        "Police broke up the May Day protests.",
        "The January 6 committee met again.",
        "The June Movement won two seats.",
        "March energy prices rose.",
        "Growth in the June quarter was weak.",
        "He joined the party in April.",
        "The season from May until August brought record sales.",
        "Trading from May until August car sales doubled.",
        "The Tuesday vote was delayed.",
        "Children went to the Sunday school.",
        "Tickets for the Saturday concert sold out.",
        "Flyers advertised the upcoming Sunday council session.",  # the council's session is dated
        "A shell killed seven people on Tuesday and U.S. forces fought militia.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        classes = noun_classes()
        for i in tokens.lower_in(doc, TIME_NAMES):  # ``month_of`` reads only these
            tok = doc[i]
            weekday = tok.lower_ in WEEKDAYS
            head = month_modified_noun(tok, WEEKDAYS if weekday else MONTHS)
            if head is None or not known_thing(head, classes):
                continue
            if weekday and not self._weekday_body(head, classes):
                continue
            start = tok.i
            if start > 0 and doc[start - 1].dep_ in ("det", "poss") and doc[start - 1].head == head:
                start -= 1
            s = doc[start].idx
            yield self.finding(s, head.idx + len(head.text),
                               f"'{tok.text}' modifies '{head.text}', which has no date: a garbled word?",
                               kind="weekday" if weekday else None)

    @staticmethod
    def _weekday_body(head, classes) -> bool:
        """Whether a day of the week before ``head`` is reported: only before a body (an organisation
        of the noun table), and not one that meets or appears on a day (rules/words.toml
        ``weekly-bodies``: "the Sunday school", "the Saturday club")."""
        lemma = member_lemma(head)
        tags = classes.lookup(lemma) or classes.lookup(head.lemma_.lower()) or set()
        return "c:body" in tags and lemma not in WEEKLY_BODIES and head.lemma_.lower() not in WEEKLY_BODIES


VERB_POS = ("VERB", "AUX")


@register
class VerblessSentence(Rule):
    """A sentence of body copy without a verb: `Our partnership in economic, environmental, health,
    educational, cultural and more.`

    Spun and machine-translated copy often loses the verb of a sentence. Short verbless sentences
    are a normal device of news writing ("A big mistake.", "Not any more."), and headlines,
    captions and list items have no verbs by design, so only sentences of eight words or more in
    paragraphs are reported, and only at info level.
    """

    id = "verbless-sentence"
    family = "garble"
    severity = Severity.INFO
    summary = "Long sentence in body copy with no verb."
    scope = PROSE
    needs = frozenset({"parser"})
    flags = (
        "Mr Kadhimi responded: \"Today our relationship is stronger than ever. ⟦Our partnership in "
        "economic, environmental, health, educational, cultural and more.⟧\"",
        "The council met on Monday. ⟦A new plan for the roads, the schools and the parks of the "
        "town.⟧",
    )
    passes = (
        "The council met on Monday. A big mistake, critics said.",
        "Not any more.",
        "Storm damage across the north of the country in pictures",
        "He said the plan, which was agreed in May, would cost £2m.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        doc = article.doc
        # how many words and verbs the sentences have, from running counts over the document's
        # arrays: the few long sentences with no verb are then read token by token
        alpha, verbs = tokens.running_counts(doc, "IS_ALPHA"), tokens.running_counts(doc, "POS", VERB_POS)
        for sent in doc.sents:
            if alpha[sent.end] - alpha[sent.start] < 8 or verbs[sent.end] > verbs[sent.start]:
                continue
            last = [t for t in sent if not t.is_space and t.text not in "\"”’'"]
            if not last or last[-1].text not in (".", "!"):
                continue
            if any(t.text in (":", ";", "—", "–") for t in sent):
                continue
            toks = [t for t in sent if not t.is_space and t.text not in "\"“”"]
            yield self.finding(toks[0].idx, toks[-1].idx + len(toks[-1].text),
                               "sentence without a verb: words missing?")


@register
class InvertedPhrase(Rule):
    """A phrase whose meaning a bad synonym turned upside down: `our cooperation with terrorism will
    continue` (counter-terrorism), `crime promotion` (prevention).

    Spinners and translators swap a word for one of opposite sense ("against" becomes "with",
    "anti-" becomes "pro-"). The phrases come from rules/inverted_phrases.txt, each chosen because
    correct news copy does not contain it, not even in a quotation, so quotations are checked too.
    """

    id = "inverted-phrase"
    family = "garble"
    severity = Severity.WARNING
    summary = "Phrase with its meaning inverted (`cooperation with terrorism`)."
    flags = (
        "Mr Biden said “our ⟦cooperation with terrorism→cooperation against terrorism⟧ will continue”.",
        "The ⟦pro-corruption agency→anti-corruption agency⟧ opened an inquiry.",
        "Police say ⟦crime promotion→crime prevention⟧ is a priority.",
    )
    passes = (
        "Our cooperation against terrorism will continue.",
        "The anti-corruption agency opened an inquiry.",
        "Crime prevention is a priority.",
        "He was accused of links with terrorism.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        if not any_inverted_phrase().search(text):
            return
        for pat, intended, note in inverted_phrases():
            for m in pat.finditer(text):
                msg = f"'{m.group(0)}' says the opposite of what is meant: '{intended}'?"
                if note:
                    msg += f" ({note.strip()})"
                yield self.finding(m.start(), m.end(), msg, suggestion=intended)


# --- the word-fit model (copylint/wordfit.py): candidates, features, the calibrated combiner --------
#: parts of speech a spinner replaces; names, numbers and function words are never doubted
CONTENT_POS = ("NOUN", "VERB", "ADJ", "ADV")
FEATURES = ("disc", "rank_gap", "log_p_obs", "one_piece", "alt_margin", "zipf", "repeated", "in_quote",
            "noun", "verb", "adj", "adv")
_QUOTE_OPEN = "“\""
_QUOTE_CLOSE = "”\""


#: the patterns that confirm the model's doubt (Candidate.pattern): a month modifying a noun that
#: takes no date, a member of a coordination of common nouns, a title noun before a person's name
MONTH = "month"
LIST = "list"
TITLE = "title"


@dataclass(slots=True)
class Candidate:
    """One word the model may doubt. Held for the article's life by every word-fit rule (a 10 MB
    article has about 80,000), so without a dict each, and its features as one array of floats."""

    token: object          # the spaCy token
    score: object          # its wordfit.WordScore
    features: Sequence[float] | None  # the combiner's input, array("d") (None for a month: judged by its doubt alone)
    p: float = 0.0         # the combiner's probability that the word was swapped
    pattern: str | None = None  # MONTH, LIST or TITLE when a precise pattern holds there


def _quoted(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans inside quotation marks within text[start:end] (a block)."""
    out, open_at = [], None
    for i in range(start, end):
        c = text[i]
        if open_at is None and (c == "“" or c == '"' and (i == start or not text[i - 1].isalnum())):
            open_at = i
        elif open_at is not None and (c == "”" or c == '"' and i > open_at):
            out.append((open_at, i))
            open_at = None
    if open_at is not None:
        out.append((open_at, end))
    return out


def _eligible(tok) -> bool:
    text = tok.text
    return (tok.pos_ in CONTENT_POS and tok.is_alpha and text.islower() and len(text) >= 3
            and not tok.ent_type_ and not tok.is_stop)


def _pattern(tok) -> str | None:
    """The precise pattern a candidate is in, if any: a member of a coordination of common nouns
    ("helicopters, aircraft and bread"), a title noun right before a person's name ("the opposition
    ladle John Smith")."""
    if tok.pos_ != "NOUN":
        return None
    if tok.conjuncts and all(m.pos_ == "NOUN" for m in tok.conjuncts):
        return LIST
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B":
        return TITLE
    return None


def wordfit_candidates(article: Article) -> list[Candidate]:
    """The words the model may doubt, with the features the combiner reads, in text order.

    A candidate is a lower-case content word (noun, verb, adjective, adverb) outside any named
    entity, not a stop word, in a paragraph, quotation or list item, that the model scored; or a
    bare month modifying a noun that takes no date (``month_modified_noun``: "the April union"),
    which the combiner does not read (its ``features`` are None): its doubt alone judges it."""
    fit = article.wordfit
    doc = article.doc
    if fit is None or isinstance(fit, Exception) or doc is None:
        return []
    starts = doc.to_array("IDX")  # the tokens' offsets, in order (no Python object per token)
    lemmas: dict[str, int] = {}
    for t in doc:
        if t.is_alpha:
            lemmas[t.lemma_.lower()] = lemmas.get(t.lemma_.lower(), 0) + 1
    quotes = sorted(q for b in article.blocks if b.kind in wordfit.BLOCK_KINDS
                    for q in _quoted(article.text, b.start, b.end))
    # a word is quoted when a quotation opened before it reaches past it: the furthest end among the
    # quotations opened before it, by bisection (not a loop over every quotation for every word)
    quote_starts = [a for a, _ in quotes]
    quote_reach = list(accumulate((b for _, b in quotes), max))

    out = []
    words, text = fit.words, article.text
    for i, (s, e) in enumerate(zip(words.start, words.end)):  # a WordScore made only for the words read
        if words.alt(i) is None and not (text[s:s + 1].isupper() and text[s:e].lower() in MONTHS):
            continue  # not among the words the model doubted most in its window, nor a month
        w = words[i]
        k = int(starts.searchsorted(w.start))
        tok = doc[k] if k < len(starts) and starts[k] == w.start else None
        if tok is None or tok.idx + len(tok.text) != w.end:
            continue
        if month_modified_noun(tok) is not None:
            out.append(Candidate(tok, w, None, pattern=MONTH))
            continue
        if w.alt is None or not _eligible(tok):
            continue
        log_obs = math.log(max(w.p_obs or 0.0, 1e-6))
        margin = math.log(max(w.p_alt or 0.0, 1e-6)) - log_obs
        k = bisect.bisect_left(quote_starts, w.start)  # the quotations opened before the word
        in_quote = k > 0 and quote_reach[k - 1] > w.start
        feats = array("d", [w.disc, max(-10.0, min(10.0, w.rank_gap)), log_obs, float(w.pieces == 1), margin,
                 zipf(tok.text), float(lemmas.get(tok.lemma_.lower(), 0) > 1), float(in_quote),
                 *(float(tok.pos_ == p) for p in CONTENT_POS)])
        out.append(Candidate(tok, w, feats, pattern=_pattern(tok)))
    return out


@lru_cache(maxsize=1)
def combiner() -> dict:
    """The calibrated combiner and thresholds shipped beside the model (calibration.json)."""
    cal = wordfit.calibration()
    if cal:
        feature_columns(tuple(cal.get("features", ())))
    return cal


@lru_cache(maxsize=8)
def feature_columns(names: tuple[str, ...]) -> tuple[int, ...]:
    """Where the features a calibration's combiner reads (``names``: all of ``FEATURES`` or some, in
    their order) stand in a candidate's ``features``."""
    if not names or len(set(names)) != len(names) or not set(names) <= set(FEATURES) \
            or sorted(names, key=FEATURES.index) != list(names):
        raise wordfit.ModelError("the word-fit calibration does not match this version of copylint")
    return tuple(FEATURES.index(n) for n in names)


def doubt(cands: list[Candidate], cal: dict | None = None) -> list[Candidate]:
    """Fill in each candidate's probability of being a swapped word (logistic combiner), by the
    shipped calibration or ``cal``."""
    cal = combiner() if cal is None else cal
    if not cal:
        return cands
    mean, scale, coef, icpt = cal["mean"], cal["scale"], cal["coef"], cal["intercept"]
    cols = feature_columns(tuple(cal.get("features", FEATURES)))
    every = len(cols) == len(FEATURES)
    month = cal.get("month")
    for c in cands:
        if c.features is None:  # a month modifying a noun: its doubt alone, with the pattern's odds
            c.p = month["p"] if month and c.score.disc >= month["disc"] else 0.0
            continue
        xs = c.features if every else [c.features[j] for j in cols]
        z = icpt + sum(w * (x - m) / s for w, x, m, s in zip(coef, xs, mean, scale))
        c.p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
    return cands


def spun_terms(cands: list[Candidate], prior: float, rate: float) -> list[float]:
    """Each candidate's share of spun-article's evidence: the log likelihood ratio of "it was swapped
    with probability ``rate``" against "it was not".

    Each word's ``p`` came from a combiner fitted where a share ``prior`` of the candidates were
    swapped, so its likelihood ratio is odds(p) / odds(prior). A word the model finds as doubtful as
    the prior adds nothing; a fitting word subtracts at most -log(1 - rate)."""
    prior_odds = prior / (1.0 - prior)
    out = []
    for c in cands:
        if c.pattern == MONTH and c.p <= 0.0:
            out.append(0.0)  # a month the model does not doubt: no evidence either way
            continue
        p = min(max(c.p, 1e-9), 1.0 - 1e-9)
        out.append(math.log(1.0 - rate + rate * (p / (1.0 - p)) / prior_odds))
    return out


def spun_evidence(cands: list[Candidate], prior: float, rate: float, positions: Sequence[int] | None = None,
                  window: int = 0, words: int = 0) -> float:
    """How much likelier the candidates are if the copy was spun than if it is clean: the sum of
    their ``spun_terms``. Many moderately doubtful words add up where no single one would reach a
    threshold.

    With a ``window`` (a number of scored words), ``positions`` (each candidate's place among the
    article's ``words`` scored words, in text order) and ``words``: the evidence of the most
    doubtful stretch of ``window`` consecutive words (the whole article when it is shorter). Summed
    over a whole article, the evidence grows with length alone (a long clean page has more rare but
    right words than a short story, and the fitting words' pull is weak), so a 3,500-word page and a
    400-word story would not face the same bar; a stretch of fixed size does."""
    terms = spun_terms(cands, prior, rate)
    if not window or positions is None or words <= window:
        return sum(terms)
    pos = list(positions)
    sums = [0.0, *accumulate(terms)]
    last = words - window  # the last start of a stretch inside the article
    # the sum changes only where a stretch starts at a candidate or ends at one
    starts = {min(max(0, q), last) for p in pos for q in (p, p - window + 1)}
    best = -math.inf
    for s in starts:
        a, b = bisect.bisect_left(pos, s), bisect.bisect_left(pos, s + window)
        best = max(best, sums[b] - sums[a])
    return best if starts else 0.0


def word_positions(words: "wordfit.WordScores", cands: list[Candidate]) -> list[int]:
    """Each candidate's place among the article's scored ``words`` (both in text order)."""
    return [bisect.bisect_left(words.start, c.score.start) for c in cands]


class _WordFitRule(Rule):
    """Shared by the rules that read the word-fit model."""

    needs = frozenset({"parser", "ner", "lemmatizer", "wordfit"})

    def candidates(self, article: Article) -> list[Candidate]:
        fit = article.wordfit
        if isinstance(fit, Exception):
            self.warn(f"{self.id}: {fit}")
            return []
        try:
            if not combiner():
                return []
        except wordfit.ModelError as exc:
            self.warn(f"{self.id}: {exc}")
            return []
        if fit is None:
            return []
        if fit.judged is None:  # computed once per article for every rule that reads the model
            fit.judged = doubt(wordfit_candidates(article))
        return fit.judged


def hint_cap(words: int, per: int | None) -> int | None:
    """How many hints an article of ``words`` words may get with one hint per ``per`` words (at
    least one), or None (no cap) when ``per`` is unset: calibration.json's ``hint_words``."""
    return max(1, -(-words // per)) if per else None


def capped_hints(hints: list[Candidate], words: int, per: int | None) -> list[Candidate]:
    """The hints an article keeps under ``hint_cap``: the most doubtful first (ties to the earlier
    word), kept in their own order."""
    cap = hint_cap(words, per)
    if cap is None or len(hints) <= cap:
        return hints
    keep = {id(c) for c in sorted(hints, key=lambda c: (-c.p, c.score.start))[:cap]}
    return [c for c in hints if id(c) in keep]


def _suggestion(c: Candidate) -> str | None:
    """The corrector's word for the place, unless it is unsure or it is a form of the same word."""
    alt, word = c.score.alt, c.token.lower_
    if not alt or (c.score.p_alt or 0.0) < combiner().get("suggest_min", 0.05):
        return None
    if alt[:4] == word[:4] or alt == c.token.lemma_.lower():
        return None  # "beacon" for "beacons", "familiar" for "familiarise"
    return alt


@register
class WordFitRule(_WordFitRule):
    """A word that does not fit its context: a spinner's wrong-sense synonym or unrelated swap
    (`the prime minister's mud`, `a grave crash`), judged by copylint's word-fit model.

    Spun and machine-translated copy swaps words for "synonyms" of another sense; each is spelt
    right and parses, so no table lists them. The shipped model (a small transformer, see
    copylint/wordfit.py) reads each paragraph once and scores every word: how likely it was
    swapped, and which word belongs there. A small combiner, calibrated on held-apart news, adds
    what the model cannot see (how common the word is, whether the article uses it again, whether
    it is quoted). Names, numbers and function words are never doubted. Three tiers: a warning when
    the evidence is strong (calibrated so that the 95 % upper bound of its false alarms stays within
    0.1 per 1,000 words of clean news, about one in 16,000 words measured held apart); a
    warning of kind `confirmed` when a precise pattern backs a weaker doubt (a month modifying a
    noun that takes no date, `the August suspects`, which `month-modifier` reports only for the
    nouns of its table; a member of a list of nouns; a title noun right before a person's name);
    else an info hint, at most one per paragraph (the most doubtful word; a calibration with
    ``hint_words`` W also caps an article's hints at one per W words, at least one, the most doubtful
    kept: the shipped one has none, since the cap found no more held apart, training/garble/README.md).
    A finding offers the word the model would expect only when the model is confident of it (the
    confidence from which at least half its words were right on held-apart news): a poor suggestion
    is worse than none.

    Off by default for now (`extend-select = ["word-fit"]` turns it on): the shipped model finds
    about a quarter of swapped words with its hints, and most of its hints on clean copy are rare
    but right words; it also costs more time than the default rules' budget (README, Garbled words).
    """

    id = "word-fit"
    family = "garble"
    severity = Severity.WARNING
    #: off by default until the shipped model is stronger: on held-apart news its hints find few
    #: swapped words for the rare-but-correct words they doubt (README, Garbled words)
    default_enabled = False
    kinds = {"hint": (Severity.INFO, "a word the model doubts below the warning level: at most one a paragraph, "
                                     "the most doubtful"),
             "confirmed": (Severity.WARNING, "a word the model doubts in a pattern that confirms it: a month "
                                             "modifying a noun that takes no date, a member of a list of "
                                             "nouns, a title before a person's name")}
    summary = "Word that does not fit its context, by the word-fit model (`reshuffle his cupboard`)."
    #: the flag example is a spinner's swap (cabinet, the ministers, made a cupboard) that run 9 (shipped)
    #: and the candidates runs 12 and 13 all warn of, with the same suggestion: the examples are checked
    #: under a candidate before it ships (training/garble/README.md, Shipping a run)
    flags = (
        "The prime minister is expected to reshuffle his ⟦cupboard→cabinet⟧ next week, after two ministers "
        "resigned.",
    )
    passes = (
        "The prime minister is expected to reshuffle his cabinet next week, after two ministers resigned.",
        "Firefighters spent the night tackling the blaze, which destroyed three houses and forced dozens of "
        "families to flee their homes.",
        "The minister said the new hospital would open its doors to patients in the autumn of next year, "
        "after the builders finish the roof and the lifts.",
        "The council will spend £2m repairing potholes on roads across the county this winter, the leader said.",
        "The airline cancelled hundreds of flights after a computer failure left passengers stranded at "
        "airports across the country.",
        "Heavy rain caused flooding in several towns, and the river burst its banks on Tuesday night.",
        "Voters will go to the polls on Sunday to choose a new parliament.",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        cands = self.candidates(article)
        if not cands:
            return
        cal = combiner()
        warn_t, info_t = cal["warning"], cal["info"]
        confirmed_t = cal.get("confirmed", warn_t)
        best_in_block: dict[int, Candidate] = {}
        for c in cands:
            if c.pattern == MONTH:
                head = month_modified_noun(c.token)
                # month-modifier reports the nouns of its class table; the model's doubt confirms the rest
                if c.p > 0.0 and not known_thing(head):
                    yield self.finding(c.score.start, c.score.end,
                                       f"'{c.token.text}' modifies '{head.text}', which takes no date, and the "
                                       "model doubts it here: a swapped word?", kind="confirmed")
                continue
            if c.p >= warn_t or c.pattern is not None and c.p >= confirmed_t:
                alt = _suggestion(c)
                msg = f"'{c.token.text}' does not fit here" + (f": '{alt}'?" if alt else ": a swapped word?")
                yield self.finding(c.score.start, c.score.end, msg, suggestion=alt,
                                   kind=None if c.p >= warn_t else "confirmed")
            elif c.p >= info_t:
                block = article.block_at(c.score.start)
                key = block.start if block is not None else -1
                if key not in best_in_block or c.p > best_in_block[key].p:
                    best_in_block[key] = c
        for c in capped_hints(list(best_in_block.values()), article.word_count, cal.get("hint_words")):
            alt = _suggestion(c)
            msg = f"'{c.token.text}' is unusual here" + (f": '{alt}'?" if alt else "")
            yield self.finding(c.score.start, c.score.end, msg, suggestion=alt, kind="hint")


@register
class SpunArticle(_WordFitRule):
    """An article in which many words fit their context badly at once: copy run through a spinner
    or a poor machine translation (`rocket, mud and drone`, `the June Sunni group`, `a grave crash`
    in one piece).

    One doubtful word may be a rare but right word; six in a hundred words are a pattern, and an
    editor who knows the whole piece was spun reads every line of it with suspicion. The verdict
    adds up the word-fit model's evidence over the words it judged (the log likelihood ratio of "a
    few per cent of these words were swapped" against "none was"), so many moderately doubtful words
    count where no single one would reach a warning. It judges the most doubtful stretch of a fixed
    number of words (``window`` in calibration.json), not the whole article: summed over a whole
    article the evidence grows with length alone, and a long, richly worded clean feature would
    outscore a short spun story. The threshold was calibrated (training/garble/calibrate.py) so that
    the 95 % upper bound of the share of clean articles reported stays within 1 %: none of 344 clean
    news and web articles of every length. With the shipped model that takes heavy spinning (several
    badly fitting words within a hundred, as below); copy with a few swapped words in a hundred is
    rarely reported. One finding per article, at its most doubtful word, naming the words to check.
    """

    id = "spun-article"
    family = "garble"
    severity = Severity.WARNING
    default_enabled = False
    summary = "Article with many words that fit their context badly: it looks machine-spun."
    #: the flag example's mark is its most doubted word under runs 9, 12 and 13, well above the next
    #: (a doubted month's fixed 0.865 is not: any model may rate a swapped noun above it)
    flags = (
        "The prime minister is expected to reshuffle his ⟦cupboard⟧ next week, after two ministers resigned over "
        "the handling of the health service.\n\n"
        "The departures leave the government with a slim bulk in parliament, and opposition pioneers said they "
        "showed a party in chaos. \"The country deserves better than this,\" the opposition chief said.\n\n"
        "A spokesman for the prime minister said the government remained focused on its plans to cut waiting "
        "rosters, and that new ministers would be named within days. Analysts said the shuffle could include "
        "the chancellor, who has faced criticism over the spending strategy.\n",
    )
    passes = (
        "The prime minister is expected to reshuffle his cabinet next week, after two ministers resigned over "
        "the handling of the health service.\n\n"
        "The departures leave the government with a slim majority in parliament, and opposition leaders said "
        "they showed a party in chaos. \"The country deserves better than this,\" the opposition leader said.\n\n"
        "A spokesman for the prime minister said the government remained focused on its plans to cut waiting "
        "lists, and that new ministers would be named within days. Analysts said the shuffle could include "
        "the chancellor, who has faced criticism over the budget.\n",
        "Firefighters spent the night tackling a blaze at a furniture warehouse on the edge of the town, which "
        "destroyed three nearby houses and forced dozens of families to flee their homes.\n\n"
        "The fire service said the flames were visible for miles and that crews from four stations had fought "
        "the fire until dawn. No one was hurt.\n\n"
        "The warehouse owner said the business had been in his family for 40 years. \"We have lost "
        "everything,\" he said, adding that he would rebuild.\n\n"
        "Police said the cause of the fire was not yet known, and asked anyone with information to contact "
        "them.\n",
        "The minister said the new hospital would open its doors to patients in the autumn of next year, "
        "after the builders finish the roof and the lifts.\n\n"
        "The health board said the hospital would have 300 beds and a larger accident and emergency "
        "department, and that staff would move from the old building over several weeks.\n\n"
        "Local people have campaigned for a new hospital for more than a decade. The old building, which "
        "opened in 1962, has suffered from leaking pipes and broken lifts, and inspectors said last year "
        "that its wards were too small for modern equipment.\n\n"
        "The project has cost £450m, paid for by the government. The minister said the money was a sign of "
        "its commitment to the region, and that a second hospital in the north of the county would be "
        "announced before the election.\n",
        "The council will spend £2m repairing potholes on roads across the county this winter, the leader said.\n\n"
        "Work will start in January on the worst-affected routes, and residents will be told of closures in "
        "advance. The council said the money came from savings made elsewhere in its budget.\n",
    )

    def check(self, article: Article) -> Iterator[Finding]:
        cands = self.candidates(article)
        spun = combiner().get("spun")
        if not cands or not spun:
            return
        doubtful = sorted((c for c in cands if c.p >= spun["word"]), key=lambda c: -c.p)
        if len(doubtful) < spun["min_words"]:
            return
        words = article.wordfit.words
        if spun_evidence(cands, spun["prior"], spun["rate"], word_positions(words, cands), spun.get("window", 0),
                         len(words)) < spun["threshold"]:
            return
        top = doubtful[0]
        words = ", ".join(f"'{c.token.text}'" for c in doubtful[:6]) + (", ..." if len(doubtful) > 6 else "")
        yield self.finding(top.score.start, top.score.end,
                           f"this copy looks machine-spun: {len(doubtful)} words fit their context badly "
                           f"({words}); check the whole piece")
