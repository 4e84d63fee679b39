"""Mechanical faults: spacing around punctuation, doubled spaces, unbalanced quotes and brackets."""
from __future__ import annotations

import re
from typing import Iterator

from copylint.article import Article, Block
from copylint.finding import Finding, Severity
from copylint.rule import Rule, html, markdown, register
from copylint.quotes import CLOSE_AFTER, best_pairing
from copylint.textutil import DOUBLE_QUOTES, token_span

# A token that is a URL, an e-mail address, a domain, a handle or a file name: never prose.
_WEBBY = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.|@|\.(?:com|org|net|gov|edu|int|mil|info|biz|news|io|ai|app|dev|"
    r"co|uk|us|eu|de|fr|au|ca|in|cn|jp|ru|nz|ie|ch|be|nl|es|it|se|no|dk|fi|pl|ly|tv|me|ph|za|ng|ke)"
    r"(?:\b|/)|\.(?:pdf|docx?|xlsx?|html?|php|aspx?|jpe?g|png|gif|mp[34]|txt|csv|json|js|py)\b|::|#\w|=)",
    re.I)


def is_webby(text: str, i: int) -> bool:
    """True when the token containing ``text[i]`` is a URL, an address or a file name."""
    s, e = token_span(text, i, i)
    return bool(_WEBBY.search(text[s:e]))


@register
class MissingSpaceAfterPunctuation(Rule):
    """A comma, semicolon, colon, full stop, question or exclamation mark glued to the next word.

    `year,U.S.` and `Monday,in` read as typing slips and confuse readers and search engines
    alike; they are common in hurried or scraped copy. Numbers (`3,000`, `4.5%`), times (`07:00`),
    abbreviations (`U.S.`, `e.g.`), URLs, e-mail addresses and file names are left alone. A colon
    or an exclamation mark between two capitalised words is how show and brand names are written
    (`TV:Live`, `Re:Mix`, `Yahoo!News`): left alone too, and so is a colon or semicolon inside a
    short word of capitals, an abbreviation written so (`TL;DR`, `IMO;TBH`), and a comma between a
    word of capitals and a figure (a wire's slug, `RUN,0058`); a full stop there
    (`Kostroma.Today`, but also `in London.The`) is reported at info, without a fix. A quote mark after a comma and before
    a space closes a quotation (`years,“ she said`).
    """

    id = "missing-space-after-punctuation"
    any_language = True
    family = "spacing"
    severity = Severity.WARNING
    summary = "Punctuation not followed by a space (`year,U.S.`)."
    fixable = True
    kinds = {"name": (Severity.INFO, "a full stop between two capitalised words: a name written so?")}
    flags = (
        "By the end of the year⟦,U.S.→, U.S.⟧ military forces will leave.",
        "Thousands walked out on Monday⟦,in→, in⟧ a dispute over pay.",
        "The match ended in a penalty⟦,but→, but⟧ fans stayed.",
        "The rain stopped at home⟦.The→. The⟧ roads reopened later.",
        "He gave one reason⟦;it→; it⟧ was late.",
        "Drivers were told to avoid the A9⟦;the→; the⟧ road was blocked.",
        "The strike began on Monday⟦,2→, 2⟧,000 workers walked out.",
        "Mr Kadhimi responded⟦:“Today→: “Today⟧ we meet.",
        html("<p>Thousands walked out on <b>Monday</b>⟦,in→, in⟧ a dispute.</p>"),
    )
    passes = (
        "Tonight on TV:Live and Re:Mix, then Yahoo!News reported it.",
        "“My dad had a go at him for many years,“ his daughter said.",
        "About 3,000 people attended.",
        "Prices rose 4.5% in the U.S. last year.",
        "The train left at 07:00 and arrived at 09:30.",
        "Bring fruit, e.g. apples, i.e. something fresh.",
        "See https://example.com/a,b?x=1,y or write to news@example.co.uk today.",
        "The report (report.pdf) is on www.gov.uk now.",
        "The score was 2-1, and the final was 3:2.",
        "He read John 3:16 aloud.",
        "The firm, Yahoo!, said no.",
        "Here is the TL;DR of the plan, and the IMO;TBH crowd agreed.",
        "The mystery #x2014;what lies beneath the clouds.",
    )

    # punctuation, then a letter or an opening quote
    _PAT = re.compile(r"(?<=[^\W\d_])([,;:!?])(?=[^\W\d_]|[“‘(]\S|\"[^\W\d_])|(?<=[a-z]{2})(\.)(?=[A-Z][a-z])|"
                      r"(?<=\d)([,;])(?=[^\W\d_]{2})|(?<=[^\W\d_]{2})([,;])(?=\d)")
    # a numeric character reference the HTML lost its ampersand or reader for (`#x2014;what`): not prose
    _ENTITY_BEFORE = re.compile(r"&?#x?[0-9a-fA-F]{2,6}$")
    # the word before the mark is capitalised: TV:Live, Yahoo!News (a name), not "home.The"
    _NAME_BEFORE = re.compile(r"(?:^|(?<=[\s(\[\"“‘'-]))[A-Z][\w&-]*$")
    # a colon or semicolon inside one short word of capitals: an abbreviation (TL;DR), no slip
    _CAPS_ABBREVIATION = re.compile(r"(?<![\w.])[A-Z]{1,4}[;:][A-Z]{1,4}(?![\w])")

    def _abbreviation(self, text: str, i: int) -> bool:
        """The mark at ``i`` sits inside a short word of capitals (`TL;DR`)."""
        j = i
        while j > max(0, i - 4) and "A" <= text[j - 1] <= "Z":
            j -= 1
        return bool(self._CAPS_ABBREVIATION.match(text, j))

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        for m in self._PAT.finditer(text):
            i = m.start()
            if is_webby(text, i) or not article.contiguous(i, i + 2):
                continue
            punct = text[i]
            if punct in "!?" and text[i + 1:i + 2].islower():
                continue  # brand names (Yahoo!), interrobang-style interjections
            if punct in ";:" and self._abbreviation(text, i):
                continue  # TL;DR
            if punct == ";" and self._ENTITY_BEFORE.search(text, max(0, i - 8), i):
                continue  # #x2014;what: a broken character reference, not a missing space
            if text[i + 1].isdigit() and text[max(0, i - 2):i].isupper():
                continue  # a wire's slug and its number (`RUN,0058`), a code: no prose
            word = re.match(r"[“‘\"(]?[^\s,;:!?]*", text[i + 1:])
            end = i + 1 + (word.end() if word else 1)
            # trim trailing sentence punctuation from the shown span
            while end > i + 2 and text[end - 1] in ",;:!?)”’\"":
                end -= 1
            brand = punct in ":!." and text[i + 1].isupper() and bool(
                self._NAME_BEFORE.search(text, max(0, i - 40), i))
            if brand and punct != ".":
                continue  # TV:Live, Yahoo!News
            yield self.finding(i, end, f"missing space after '{punct}'" + (" (or a name written so?)" if brand else ""),
                               suggestion=f"{punct} {text[i + 1:end]}",
                               fix=None if brand else article.replacement(i, end, f"{punct} {text[i + 1:end]}"),
                               kind="name" if brand else None)


@register
class DoubleSpace(Rule):
    """Two spaces where one belongs.

    A doubled space between words is a leftover of editing (a word deleted, a phrase pasted). Two
    spaces after a full stop (or after the quote mark or bracket that closes a sentence) are an
    old typing habit that most house styles drop: reported at info level. Indentation, alignment in tables and Markdown line breaks are not touched.
    """

    id = "double-space"
    any_language = True
    family = "spacing"
    severity = Severity.WARNING
    summary = "Two or more spaces between words."
    fixable = True
    kinds = {"after-stop": (Severity.INFO, "two spaces after a full stop (or the mark that closes a sentence)")}
    flags = (
        "The council⟦  → ⟧said no.",
        "It rained all day⟦   → ⟧in the north.",
        markdown("- The council⟦  → ⟧said no.\n- The mayor agreed."),
    )
    passes = (
        "The council said no.",
        "    An indented line.",
        "Name      Age      Town\nAnna      34       Leeds",
    )

    _PAT = re.compile(r"(?<=\S)( {2,})(?=\S)")
    _AFTER_SENTENCE = re.compile(r"[.!?:][\"'”’)\]]*$")

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        line_start = 0
        for line in text.split("\n"):
            runs = list(self._PAT.finditer(line))
            if runs and not (len(runs) >= 2 and any(len(r.group(1)) >= 3 for r in runs)):  # tables
                for m in runs:
                    s, e = line_start + m.start(1), line_start + m.end(1)
                    if not article.contiguous(s - 1, e + 1):
                        continue
                    kind = "after-stop" if self._AFTER_SENTENCE.search(text, max(0, s - 4), s) else None
                    yield self.finding(s, e, f"{e - s} spaces where one belongs", suggestion=" ",
                                       fix=" ", kind=kind)
            line_start += len(line) + 1


@register
class SpaceBeforePunctuation(Rule):
    """A space before a comma, full stop, colon, semicolon, question or exclamation mark.

    English sets these marks tight against the word before them (`said ,` should be `said,`);
    a comma or semicolon with the space on its wrong side (`on Friday ,forcing`) is the same slip
    and the most common one in hurried copy. Ellipses, decimals (`.5`) and leading dots of file
    names are left alone.
    """

    id = "space-before-punctuation"
    family = "spacing"
    severity = Severity.WARNING
    summary = "Space before punctuation (`said ,`)."
    fixable = True
    flags = (
        "The minister ⟦said ,→said,⟧ adding nothing.",
        "The roads were closed ⟦today .→today.⟧",
        "What did he ⟦mean ?→mean?⟧",
        "Schools closed on ⟦Friday ,forcing→Friday, forcing⟧ parents to stay home.",
        "The road was ⟦shut ;drivers→shut; drivers⟧ were sent back.",
    )
    passes = (
        "The minister said, adding nothing.",
        "He paused . . . then went on.",
        "Growth was .5 percentage points higher.",
        "Type .gitignore to see it.",
        "Smile :)",
    )

    # the mark, then a space, the end or a closing mark; or a comma or semicolon glued to the next word
    _PAT = re.compile(r"(?<=[\w”’\")])([ \t]+)([,.;:!?])(?:(?=\s|$|[”’\")])|(?<=[,;])(?=[^\W\d_]))", re.M)

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        for m in self._PAT.finditer(text):
            space, p = m.start(1), m.start(2)
            wrong_side = text[p + 1:p + 2].isalpha()   # `Friday ,forcing`: the space belongs after the mark
            if text[p] == "." and (text[p + 1:p + 3] in (" .", "..") or text[p - 2:p] == ". "):
                continue
            if text[p] == ":" and text[p + 1:p + 2] in (")", "("):
                continue
            start = space  # the word before the space (a scan back, not a copy of the text before it)
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            end = p + 1
            if wrong_side:
                while end < len(text) and (text[end].isalnum() or text[end] in "'’-"):
                    end += 1   # the word after the mark, which the space goes before
            if not article.contiguous(space, end) or (wrong_side and is_webby(text, p)):
                continue
            fixed = text[start:space] + text[p] + (" " + text[p + 1:end] if wrong_side else "")
            yield self.finding(start, end, f"space before '{text[p]}'" + (", none after it" if wrong_side else ""),
                               suggestion=fixed, fix=article.replacement(start, end, fixed))


# --- quotes and brackets -----------------------------------------------------------------------
# Quotation marks are paired by copylint.quotes (the notion of a quotation the engine's scope shares).


def _quotes_only(text: str, block: Block) -> bool:
    """A block that is nothing but quotation marks and punctuation: a closing mark the paragraph
    break cut off from its paragraph."""
    segment = text[block.start:block.end]
    return any(c in DOUBLE_QUOTES for c in segment) and not segment.strip(DOUBLE_QUOTES + CLOSE_AFTER + " \t\n")


@register
class UnbalancedQuotes(Rule):
    """A quotation opened and never closed (or closed and never opened) in a paragraph.

    A reader cannot tell where a quotation ends, which can put words in a speaker's mouth. A
    quotation may run on across paragraphs: when the next paragraph opens with a quote mark (or a
    later one does, the paragraphs between holding no quote mark), or a later paragraph closes
    it, the open quote is not reported; when paragraph breaks were lost in
    pasting, an opening mark after a sentence end while a quotation is open re-opens it (the
    convention for a quotation over several paragraphs) and is not an unclosed quote either.
    Marks are paired by where they stand, whatever their glyph (`“Rumours“`, `„Yes“`, `"Yes”`),
    and a mark between two letters (`z"l`, a gershayim) is not a quotation mark. A straight quote
    glued to the end of a word and followed by a lower-case word (`the workers" mood`) is a mangled
    apostrophe, left to the spelling rules. A paragraph of an odd number of marks whose quotation
    runs on through its own attribution to a re-opening mark (`"We will not back down, said the
    leader. "Our members...`) lost the closing mark before the comma: reported at the opening one.
    """

    id = "unbalanced-quotes"
    any_language = True
    family = "punctuation"
    severity = Severity.WARNING
    summary = "Quotation mark without its partner in the paragraph."
    flags = (
        'The chief said. ⟦"→close the quotation⟧We are asking everyone to follow the instructions.\n\nMore than 3,000 left.',
        "She said ⟦“→close the quotation⟧we will fight on.\n\nThe vote is on Monday.",
        "He said the plan was dead⟦”⟧ and left.",
        'Police said ⟦"→close the quotation⟧the road is closed, and officials agreed "it will stay shut" for days.\n\nIt rained.',
        # the attribution read inside the quotation: its closing mark is missing before the comma
        '⟦"→close the quotation before the comma⟧We will not back down, said the union leader. "Our members deserve better."',
    )
    passes = (
        '"We will fight on," she said.',
        "“We will fight on,” she said. “Nobody will stop us.”",
        "“The first paragraph of a long quote.\n\n“The second one, which closes it.”",
        '"I promise you.\n\nWhatever is needed, we will supply it," Biden said.',
        'He said HSBC did not "frame" Huawei, "whatever they say."',
        'He is 5\'10" tall.',
        'The workers" mood is angry.',
        '"In response, the bank presented the facts.\n\nIt did not "fabricate" evidence or "hide" facts."',
        "It's the firm's ‘best’ year.",
        '"We will not give up. "The next step is a vote in the council," she said.',
        'He is 5\'10" tall, said his coach. "He is ready."',
        "The 1977 album “Rumours“ sold 40 million copies. „We were offered champagne“, he said.",
        'Officer Noam Raz z"l was killed in Jenin.',
        '"The water used to stink.\n\n"',
        'He said: "I would like to apologise.\n\nI did not do it well.\n\n"To my family: forgive me."',
        'She called it "a disgrace”, and left.',
    )

    RUN_ON = 8  # paragraphs a quotation may run on before its closing mark

    def _events(self, text: str, block: Block) -> tuple[list[int], list[int]]:
        """(unclosed openers, closers with no opener) in one block (``quotes.best_pairing``)."""
        return best_pairing(text, block.start, block.end)[1]

    def _reopened_later(self, text: str, blocks: list[Block], k: int) -> bool:
        """True when a paragraph after ``blocks[k]`` opens with a quote mark and the paragraphs in
        between hold no quote mark at all: a quotation over several paragraphs, one of which lost
        its opening mark."""
        for j in range(k + 1, min(k + 1 + self.RUN_ON, len(blocks))):
            b = blocks[j]
            if text[b.start:b.start + 1] in DOUBLE_QUOTES:
                return True
            if any(q in text[b.start:b.end] for q in DOUBLE_QUOTES):
                return False
        return False

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        blocks = article.blocks
        events = [self._events(text, b) for b in blocks]
        odd = [sum(text.count(q, b.start, b.end) for q in DOUBLE_QUOTES) % 2 == 1 for b in blocks]
        for k, b in enumerate(blocks):
            if not odd[k]:
                events[k] = ([], [])  # an even number of marks pairs up, whatever the roles looked like
            elif k and _quotes_only(text, b) and events[k - 1][0]:
                events[k - 1], events[k] = ([], events[k - 1][1]), ([], [])  # a cut-off closing mark
        for k, b in enumerate(blocks):
            if odd[k] and not events[k][0] and not events[k][1]:
                m = _THROUGH_ATTRIBUTION.search(text, b.start, b.end)
                if m:   # paired only by reading the second mark as a re-opening: the first never closed
                    yield self.finding(m.start(), m.start() + 1,
                                       "quotation mark not closed before its attribution "
                                       f"('{text[m.start('comma'):m.end('verb')]}')",
                                       suggestion="close the quotation before the comma")
        carried: list[int] = []  # unclosed openers waiting for a later paragraph to close them
        carried_from = 0
        for k, b in enumerate(blocks):
            unclosed, stray = events[k]
            starts_quote = text[b.start:b.start + 1] in ('"', "“")
            for i in stray:
                if carried:
                    carried.pop()  # closes a quotation that ran on across paragraphs
                else:
                    yield self.finding(i, i + 1, "closing quotation mark with no opening one")
            if carried and not starts_quote and not stray and k - carried_from > self.RUN_ON:
                for p in carried:
                    yield self.finding(p, p + 1, "quotation mark opened and not closed",
                                       suggestion="close the quotation")
                carried = []
            if unclosed:
                if self._reopened_later(text, blocks, k):
                    # runs on into a paragraph that reopens it; that paragraph's own opener is
                    # the one that must close
                    continue
                later_closes = any(events[j][1] for j in range(k + 1, min(k + 1 + self.RUN_ON, len(blocks))))
                if later_closes:
                    carried.extend(unclosed)
                    carried_from = k
                    continue
                for p in unclosed:
                    yield self.finding(p, p + 1, "quotation mark opened and not closed in this paragraph",
                                       suggestion="close the quotation")
        for p in carried:
            yield self.finding(p, p + 1, "quotation mark opened and not closed",
                               suggestion="close the quotation")


#: an opening mark, a quotation with no other mark, its attribution after a comma (`, said the
#: union leader`, `, he said`), a sentence end and another opening mark: the quotation was never
#: closed before the comma, and the second mark, read as re-opening it, hides that (two single marks,
#: `voters,’’ Will Moy said`, close a quotation as a double one does)
_THROUGH_ATTRIBUTION = re.compile(
    r"(?<![^\s(\[—–-])[\"“](?:(?!’’|'')[^\"“”\n]){2,400}?(?P<comma>,)\s+(?:(?:he|she|they|we|I|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})\s+)?"
    r"(?P<verb>said|says|added|adds|told\s+\w+|asked|insisted|warned|explained)\b[^\"“”\n.!?]{0,80}[.!?]\s+[\"“]")


@register
class UnbalancedBrackets(Rule):
    """A bracket opened and not closed, or closed and not opened, in a paragraph.

    Brackets that do not pair up usually mean a cut or a paste went wrong. List markers such as
    `1)` or `a)` and emoticons are left alone; a bracket that closes an open one always closes it,
    even when it reads like a list marker (`(August 6)`, a football line-up's `(Clichy 71)`); a
    closing bracket that a paragraph break cut off into a paragraph of its own closes the one left
    open before it.
    """

    id = "unbalanced-brackets"
    any_language = True
    family = "punctuation"
    severity = Severity.WARNING
    summary = "Bracket without its partner in the paragraph."
    flags = (
        "The council ⟦(⟧which meets on Monday said no.",
        "The council, which meets on Monday⟦)⟧ said no.",
        markdown("> The council ⟦(⟧which meets on *Monday* said no."),
    )
    passes = (
        "The council (which meets on Monday) said no.",
        "Lehmann; Lauren (Clichy 71), Toure, Cole; Pires (Reyes 63), Vieira.",
        "They play the Flyers (August 6) and the Bruins (August 9), then David Manukyan (DAVA M).",
        "Choose a) the bus or b) the train.",
        "1) Open the door. 2) Walk in.",
        "He smiled :) and left.",
        "Their options [as listed (in part)] were few.",
        "(Note: 1,300 yen including tax and shipping.\n\n)",
    )

    _LIST_MARKER = re.compile(r"(?:^|(?<=\s))(?:[a-zA-Z]|\d{1,2}|[ivx]{1,4})\)")

    _PAIRS = {")": "(", "]": "[", "}": "{"}

    def _block(self, text: str, block: Block) -> tuple[list[Finding], list[int]]:
        """(findings inside the block, openers left unclosed at its end)."""
        pairs = self._PAIRS
        out: list[Finding] = []
        segment = text[block.start:block.end]
        skip = {block.start + m.end() - 1 for m in self._LIST_MARKER.finditer(segment)}
        stack: list[int] = []
        for i in range(block.start, block.end):
            ch = text[i]
            if ch in "([{":
                stack.append(i)
            elif ch in ")]}":
                if stack and text[stack[-1]] == pairs[ch]:
                    stack.pop()  # "(August 6)", "(Clichy 71)": a close, even if it looks like "6)"
                    continue
                if i in skip or (i > 0 and text[i - 1] in ":;=" and ch == ")"):
                    continue
                if stack and any(text[s] == pairs[ch] for s in stack):
                    while stack and text[stack[-1]] != pairs[ch]:
                        s = stack.pop()
                        out.append(self.finding(s, s + 1, f"'{text[s]}' is not closed"))
                    stack.pop()
                else:
                    out.append(self.finding(i, i + 1, f"'{ch}' closes a bracket that was not opened",
                                            suggestion=None))
        return out, stack

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        left_open: list[int] = []
        for block in article.blocks:
            found, stack = self._block(text, block)
            segment = text[block.start:block.end]
            if left_open and not segment.strip(")]}.,;:!?\"'”’ \t\n") and found and all(
                    text[f.start] in ")]}" for f in found):
                # a closing bracket the paragraph break cut off from the paragraph it closes
                found, left_open = found[len(left_open):], left_open[len(found):]
            for s in left_open:
                yield self.finding(s, s + 1, f"'{text[s]}' is not closed in this paragraph")
            yield from found
            left_open = stack
        for s in left_open:
            yield self.finding(s, s + 1, f"'{text[s]}' is not closed in this paragraph")
