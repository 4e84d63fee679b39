"""Repetition: a word typed twice, a list item repeated."""
from __future__ import annotations

import re
from typing import Iterator

from copylint import data
from copylint.article import Article, ends_as_heading
from copylint.finding import Finding, Severity
from copylint.rule import Rule, markdown, register
from copylint.textutil import DOUBLE_QUOTES

# Words that English legitimately doubles ("that that", "had had") or that are doubled on purpose
# in speech ("bye bye", "no no"). Intensifier pairs with a comma ("long, long") never match the
# repeated-word pattern, which needs the two words side by side.
LEGIT_DOUBLES = data.words("legit-doubles")


# Words nobody doubles on purpose, even in a name or a quotation.
_FUNCTION_WORDS = data.words("doubled-function-words")

# a people's adjective is no name doubled on purpose: "the British British Casino Association" is a slip
_DEMONYMS = frozenset(dem for _, dem in data.pairs("demonyms.txt", "|"))

# "great great grandfather": a grader doubled (or more) before a kinship word
_KIN_GRADERS = data.words("kin-graders")
_KIN_WORD = re.compile(r"[\s-]*(?:" + "|".join(sorted(data.words("kin-words"))) + ")", re.I)


def _grades_kin(text: str, word: str, end: int) -> bool:
    """Whether ``word``, doubled up to ``end``, grades a kinship word after any more of itself
    ("great great great grandfather")."""
    if word.lower() not in _KIN_GRADERS:
        return False
    after = re.match(r"(?:[\s-]+" + re.escape(word) + r"\b)*", text[end:end + 80], re.I)
    return bool(_KIN_WORD.match(text, end + after.end()))


def repeats_in_blocks(article: Article, pattern: re.Pattern) -> Iterator[tuple[re.Match, int, int]]:
    """Matches of ``pattern`` (whose group 3 is the repeat) inside each block, overlapping allowed:
    the search resumes at the repeat, so "the the the" gives two matches. Yields (match, block
    start, block end)."""
    text = article.text
    for block in article.blocks:
        pos = block.start
        while True:
            m = pattern.search(text, pos, block.end)
            if not m:
                break
            pos = m.start(3)
            yield m, block.start, block.end


@register
class RepeatedWord(Rule):
    """The same word twice in a row: `the the`, `closed closed`.

    A classic slip of editing that spell-checkers miss because each word is spelt right. English
    does double some words correctly ("that that", "had had", "what it is is"), and some names are
    doubled ("Ban Ban", "Bora Bora", "Duran Duran"; a people's adjective never is: `British
    British`), and a grader before a kinship word is doubled on purpose (`great great
    grandfather`): those are left alone, and so are a word that
    belongs to a hyphenated compound beside it (`seven-time time trial`, `head-on on`, `three
    three-pointers`) and a doubled word that is a whole quotation (`the "zoom zoom" kid`). Runs
    across a line break inside a paragraph, never from a headline into the next paragraph, nor from
    a paragraph's first line that reads as a headline into the line below (`About zip4you` /
    `zip4you offers`: a lower-case name keeps the two lines one block). A word
    written three times or more in a row (`the the the`) is one slip and one finding, whose fix
    leaves one. Two words typed twice (`in the in the region`, `has been has been`) are the same
    slip, where the four words stand on one line and one of the two is in lower case (a name of
    two capitalised words doubled, `San Diego San Diego-based`, is a dateline or a compound).
    """

    id = "repeated-word"
    family = "repetition"
    severity = Severity.WARNING
    summary = "Word repeated (`the the`)."
    fixable = True
    flags = (
        "He was monitoring ⟦the the→the⟧ situation closely.",
        markdown("## Flood warning\n\nHe was monitoring ⟦the the→the⟧ situation, says the "
                 "[agency](https://example.org/the-the)."),
        "Several roads have been ⟦closed closed→closed⟧ to traffic.",
        "Deliveries of cars, grain ⟦and and→and⟧ medicines.",
        "It was checked by ⟦the\nthe→the⟧ staff.",
        "⟦The the→The⟧ council met.",
        "He said ⟦the the the→the⟧ plan would work.",
        "It was a ⟦great great→great⟧ day for the grandparents.",
        "The ⟦British British→British⟧ Casino Association objected.",
        "The firm will invest ⟦in the in the→in the⟧ region.",
        "For 18 years Tom Brennan ⟦has been has been→has been⟧ a fixture.",
    )
    passes = (
        "He said that that was wrong.",
        "She had had enough.",
        "A long, long day.",
        "It happened again and again.",
        "They met in Ban Ban, a small town.",
        "A very, very good year.",
        "Bye bye, she said.",
        "Ooh la la, the carmaker unveiled its new roadster.",
        "Flood warning\n\nWarning signs went up.",
        "Flood warning\nWarning signs went up across the valley.",
        "About zip4you\nzip4you offers a way to send large files.",
        "The seven-time time trial champion hit a car head-on on a bend and made three three-pointers.",
        'He is the "zoom zoom" kid of the advert.',
        "A photo shows his great great grandfather and her great great great aunt.",
        "SAN DIEGO San Diego San Diego-based Jack in the Box said sales rose.",
        "What's New With Google News\nWhat's New With Google News: a feature.",
    )

    _PAT = re.compile(r"\b([^\W\d_][\w'’-]*)(\s+)(\1)\b", re.I)
    #: two words, then the same two (`in the in the`), on one line
    _PHRASE = re.compile(r"\b([^\W\d_][\w'’]*)([ \t]+)([^\W\d_][\w'’]*)[ \t]+(\1[ \t]+\3)\b(?![\w'’-])", re.I)

    def check(self, article: Article) -> Iterator[Finding]:
        found = []
        run: list[re.Match] = []  # doublings that chain (`the the the`): one slip, one finding
        for m in self._doublings(article):
            if run and m.start(1) != run[-1].start(3):
                found.append(self._report(article, run))
                run = []
            run.append(m)
        if run:
            found.append(self._report(article, run))
        found.extend(self._phrase_doublings(article))
        yield from sorted(found, key=lambda f: f.start)

    def _phrase_doublings(self, article: Article) -> Iterator[Finding]:
        """Two words typed twice side by side (`in the in the`): the second copy is the slip."""
        text, reported_to = article.text, -1
        for m, _, _ in repeats_in_blocks(article, self._PHRASE):
            first, second = m.group(1), m.group(3)
            if m.start(1) < reported_to:
                continue  # `in the in the in the`: one slip, reported once
            if first.lower() == second.lower() or (first[:1].isupper() and second[:1].isupper()):
                continue  # one word doubled (the other reading); a name of two words doubled
            if not article.contiguous(m.start(1), m.end(4)):
                continue
            phrase, reported_to = text[m.start(1):m.end(3)], m.end(4)
            yield self.finding(m.start(1), m.end(4), f"'{phrase}' repeated", suggestion=phrase,
                               fix=article.replacement(m.start(1), m.end(4), phrase))

    def _report(self, article: Article, run: list[re.Match]) -> Finding:
        first, start, end = run[0].group(1), run[0].start(1), run[-1].end(3)
        said = "repeated" if len(run) == 1 else f"written {len(run) + 1} times in a row"
        return self.finding(start, end, f"'{first}' {said}",
                            suggestion=first, fix=article.replacement(start, end, first))

    def _doublings(self, article: Article) -> Iterator[re.Match]:
        """Each word written twice side by side that is a slip, in the order of the text."""
        text = article.text
        for m, block_start, _ in repeats_in_blocks(article, self._PAT):
            first, gap, second = m.group(1), m.group(2), m.group(3)
            if gap.count("\n") > 1 or first.lower() in LEGIT_DOUBLES or _grades_kin(text, first, m.end(3)):
                continue  # "that that", "bye bye"; "great great grandfather"
            if "\n" in gap and "\n" not in text[block_start:m.start(1)] \
                    and ends_as_heading(text[block_start:m.end(1)]):
                continue  # a headline line, then its paragraph: "About zip4you" / "zip4you offers"
            if first[:1].isupper() and second[:1].isupper() and first.lower() not in _FUNCTION_WORDS \
                    and first not in _DEMONYMS:
                continue  # a doubled name: Ban Ban, Bora Bora, Duran Duran (never "British British")
            if not article.contiguous(m.start(3), m.end(3)) or not article.contiguous(m.start(1), m.end(1)):
                continue
            left, right = text[m.start(1) - 1:m.start(1)], text[m.end(3):m.end(3) + 1]
            if left == "-" or right == "-":
                continue  # seven-time time trial: one of them belongs to a compound
            if left and right and left in DOUBLE_QUOTES + "‘'" and right in DOUBLE_QUOTES + "’'" \
                    and first.lower() not in _FUNCTION_WORDS:
                continue  # the "zoom zoom" kid: the doubling is what is quoted
            yield m


INTENSIFIERS = data.words("intensifiers")
#: characters read on each side of a repeated list item to see the list around it
_CONTEXT = 40


@register
class RepeatedListItem(Rule):
    """An item repeated in a list: `train, assist, assist and deal`, `barley, barley and sunflowers`.

    Spun and machine-translated copy often repeats a list member where two different words stood
    in the original. The repetition is only reported inside a real list (another member before or
    after it), so intensifiers ("a long, long day", "very, very") and idioms ("again and again",
    "late, late again") are left alone. Repetition made on purpose is left alone too: three times
    over (`"location, location, location"`), a stammer (`Gen, Gen, Genghis`), and a name repeated as
    part of a longer name or a compound (`Fukui, Fukui Prefecture`, `Guinea, Guinea-Bissau`).
    """

    id = "repeated-list-item"
    family = "repetition"
    severity = Severity.WARNING
    summary = "List item repeated (`train, assist, assist`)."
    fixable = True
    flags = (
        "We can continue to train, ⟦assist, assist→assist⟧ and deal with ISIS.",
        '"We will train, ⟦assist, assist→assist⟧ and deal with it," he said.',
        "Farmers grow ⟦barley, barley→barley⟧ and sunflowers.",
        "Roads, ⟦bridges, bridges→bridges⟧ and schools were damaged.",
        "They sell wheat, rye, ⟦maize and maize→maize⟧.",
    )
    passes = (
        "We waited a long, long time.",
        "It was a very, very good year.",
        "Trains that are late, late again and then cancelled.",
        "Prices went up and up.",
        "It happened again and again, and again.",
        "Roads, bridges and schools were damaged.",
        "A poll put him at two percent nationwide, neck and neck with Ms Jorgensen.",
        'What matters, he said, is "location, location, location" and price.',
        "The slogan was location, location, location, and it worked.",
        "The zoo in Ote, Fukui, Fukui Prefecture, opened in May.",
        "It operates in Sudan, Mozambique, Guinea, Guinea-Bissau and Angola.",
        'The crowd sang "Gen, Gen, Genghis Khan" at the end.',
        # the last member a compound the repeated noun opens (`content protection`)
        "Firms choose the devices, network, content, or content protection they want.",
    )
    # the tags tell a noun opening a compound (`content protection`) from a list member
    needs = frozenset({"tagger"})

    # X, X followed by another member (", Y" / " and Y") or preceded by one ("W, ")
    _PAIR = re.compile(r"\b((?:[^\W\d_][\w'’-]*\s){0,2}[^\W\d_][\w'’-]*)(, | and | or |, and |, or )(\1)\b", re.I)

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        for m, block_start, block_end in repeats_in_blocks(article, self._PAIR):
            item, sep = m.group(1), m.group(2)
            if item.lower().split()[-1] in INTENSIFIERS or item.lower() in INTENSIFIERS:
                continue
            before = text[max(block_start, m.start() - _CONTEXT):m.start()]
            after = text[m.end():min(block_end, m.end() + _CONTEXT)]
            listed_before = bool(re.search(r"[^\W\d_][\w'’-]*, $", before))
            listed_after = bool(re.match(r"(?:,? (?:and|or) |, )[^\W\d_]", after))
            if sep.strip(", ") in ("and", "or"):
                # "wheat, rye, maize and maize": needs two members before it ("neck and neck")
                ok = bool(re.search(r"[^\W\d_][\w'’-]*, [^\W\d_][\w'’-]*, $", before))
            else:
                ok = listed_before or listed_after
            if not ok or self._on_purpose(text, m, block_start, block_end) or self._opens_compound(article, m):
                continue
            yield self.finding(m.start(1), m.end(3), f"list item '{item}' repeated",
                               suggestion=item, fix=article.replacement(m.start(1), m.end(3), item))

    @staticmethod
    def _on_purpose(text: str, m: re.Match, block_start: int, block_end: int) -> bool:
        """A repetition made on purpose: threefold, a stammer, part of a compound or of a longer name. (Being
        quoted is not enough: spun copy repeats words inside quotations too.)"""
        item = m.group(1)
        if text[m.end(3):m.end(3) + 1] == "-" or text[m.start(1) - 1:m.start(1)] == "-":
            return True  # Guinea, Guinea-Bissau: one of them belongs to a compound
        after = text[m.end(3):min(block_end, m.end(3) + len(item) + _CONTEXT)]
        before = text[max(block_start, m.start(1) - len(item) - 6):m.start(1)]
        again = re.compile(rf"(?:,? (?:and |or )?){re.escape(item)}\b", re.I)
        if again.match(after) or re.search(rf"\b{re.escape(item)},? (?:and |or )?$", before, re.I):
            return True  # three times over: rhetoric
        nxt = re.match(r"\W*([^\W\d_][\w'’-]*)", after)
        if nxt and nxt.group(1).lower().startswith(item.lower()) and nxt.group(1).lower() != item.lower():
            return True  # Gen, Gen, Genghis: a stammer
        if item[:1].isupper() and re.match(r" [A-Z]", after):
            return True  # Fukui, Fukui Prefecture; New York, New York City
        return False

    @staticmethod
    def _opens_compound(article: Article, m: re.Match) -> bool:
        """The repeat is the last member of the list and a noun that opens a longer one, a compound
        (`the devices, network, content, or content protection scheme`): the tags read it and the word
        after it as nouns. `Roads, bridges, schools and schools were damaged` is still reported."""
        if article.doc is None or m.group(2).strip(", ") not in ("and", "or"):
            return False
        span = article.doc.char_span(m.start(3), m.end(3), alignment_mode="expand")
        if span is None or not len(span) or span[-1].i + 1 >= len(article.doc):
            return False
        last, nxt = span[-1], article.doc[span[-1].i + 1]
        return last.tag_ == "NN" and nxt.tag_ in ("NN", "NNS") and last.whitespace_ != ""
