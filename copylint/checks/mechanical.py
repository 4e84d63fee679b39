"""Mechanical faults: spacing around punctuation, doubled spaces, unbalanced quotes and brackets."""
from __future__ import annotations

import re
from typing import Iterator

from copylint.article import Article, Block
from copylint.finding import Finding, Severity
from copylint.fix import replacement
from copylint.rule import Rule, register

# A token that is a URL, an e-mail address, a domain, a handle or a file name: never prose.
_WEBBY = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.|@|\.(?:com|org|net|gov|edu|int|mil|info|biz|news|io|ai|app|dev|"
    r"co|uk|us|eu|de|fr|au|ca|in|cn|jp|ru|nz|ie|ch|be|nl|es|it|se|no|dk|fi|pl|ly|tv|me|ph|za|ng|ke)"
    r"(?:\b|/)|\.(?:pdf|docx?|xlsx?|html?|php|aspx?|jpe?g|png|gif|mp[34]|txt|csv|json|js|py)\b|::|#\w|=)",
    re.I)
_TOKEN_BOUNDS = re.compile(r"\S+")


def token_around(text: str, i: int) -> str:
    """The whitespace-delimited token containing ``text[i]``."""
    s = i
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    e = i
    while e < len(text) and not text[e].isspace():
        e += 1
    return text[s:e]


def is_webby(text: str, i: int) -> bool:
    return bool(_WEBBY.search(token_around(text, i)))


@register
class MissingSpaceAfterPunctuation(Rule):
    """A comma, semicolon, colon, full stop, question or exclamation mark glued to the next word.

    `year,U.S.` and `Monday,in` read as typing slips and confuse readers and search engines
    alike; they are common in hurried or scraped copy. Numbers (`3,000`, `4.5%`), times (`07:00`),
    abbreviations (`U.S.`, `e.g.`), URLs, e-mail addresses and file names are left alone.
    """

    id = "missing-space-after-punctuation"
    family = "spacing"
    severity = Severity.WARNING
    summary = "Punctuation not followed by a space (`year,U.S.`)."
    fixable = True
    flags = (
        "By the end of the ⟦year,U.S.⟧ military forces will leave.",
        "Thousands walked out on ⟦Monday,in⟧ a dispute over pay.",
        "The match ended in a ⟦penalty,but⟧ fans stayed.",
        "The rain stopped at ⟦home.The⟧ roads reopened later.",
        "He gave one reason⟦;it⟧ was late.",
        "Mr Kadhimi ⟦responded:“Today⟧ we meet.",
    )
    passes = (
        "About 3,000 people attended.",
        "Prices rose 4.5% in the U.S. last year.",
        "The train left at 07:00 and arrived at 09:30.",
        "Bring fruit, e.g. apples, i.e. something fresh.",
        "See https://example.com/a,b?x=1,y or write to news@example.co.uk today.",
        "The report (report.pdf) is on www.gov.uk now.",
        "The score was 2-1, and the final was 3:2.",
        "He read John 3:16 aloud.",
        "The firm, Yahoo!, said no.",
    )

    # punctuation, then a letter or an opening quote
    _PAT = re.compile(r"(?<=[^\W\d_])([,;:!?])(?=[^\W\d_]|[“‘(]|\"[^\W\d_])|(?<=[a-z]{2})(\.)(?=[A-Z][a-z])|"
                      r"(?<=\d)(,)(?=[^\W\d_]{2})")

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        for m in self._PAT.finditer(text):
            i = m.start()
            if is_webby(text, i) or not article.contiguous(i, i + 2):
                continue
            punct = text[i]
            if punct in "!?" and text[i + 1:i + 2].islower():
                continue  # brand names (Yahoo!), interrobang-style interjections
            word = re.match(r"[“‘\"(]?[^\s,;:!?]*", text[i + 1:])
            end = i + 1 + (word.end() if word else 1)
            # trim trailing sentence punctuation from the shown span
            while end > i + 2 and text[end - 1] in ",;:!?)”’\"":
                end -= 1
            yield self.finding(i, end, f"missing space after '{punct}'",
                               suggestion=f"{punct} {text[i + 1:end]}",
                               fix=replacement(article, i, end, f"{punct} {text[i + 1:end]}"))


@register
class DoubleSpace(Rule):
    """Two spaces where one belongs.

    A doubled space between words is a leftover of editing (a word deleted, a phrase pasted). Two
    spaces after a full stop are an old typing habit that most house styles drop: reported at
    info level. Indentation, alignment in tables and Markdown line breaks are not touched.
    """

    id = "double-space"
    family = "spacing"
    severity = Severity.WARNING
    summary = "Two or more spaces between words."
    fixable = True
    flags = (
        "The council⟦  ⟧said no.",
        "It rained all day⟦   ⟧in the north.",
    )
    passes = (
        "The council said no.",
        "    An indented line.",
        "Name      Age      Town\nAnna      34       Leeds",
    )

    _PAT = re.compile(r"(?<=\S)( {2,})(?=\S)")

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
                    sev = Severity.INFO if text[s - 1] in ".!?:" else None
                    yield self.finding(s, e, f"{e - s} spaces where one belongs", suggestion=" ",
                                       fix=" ", severity=sev)
            line_start += len(line) + 1


@register
class SpaceBeforePunctuation(Rule):
    """A space before a comma, full stop, colon, semicolon, question or exclamation mark.

    English sets these marks tight against the word before them (`said ,` should be `said,`).
    Ellipses, decimals (`.5`) and leading dots of file names are left alone.
    """

    id = "space-before-punctuation"
    family = "spacing"
    severity = Severity.WARNING
    summary = "Space before punctuation (`said ,`)."
    fixable = True
    flags = (
        "The minister ⟦said ,⟧ adding nothing.",
        "The roads were closed ⟦today .⟧",
        "What did he ⟦mean ?⟧",
    )
    passes = (
        "The minister said, adding nothing.",
        "He paused . . . then went on.",
        "Growth was .5 percentage points higher.",
        "Type .gitignore to see it.",
        "Smile :)",
    )

    _PAT = re.compile(r"(?<=[\w”’\")])([ \t]+)([,.;:!?])(?=\s|$|[”’\")])", re.M)

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        for m in self._PAT.finditer(text):
            p = m.start(2)
            if text[p] == "." and (text[p + 1:p + 3] in (" .", "..") or text[p - 2:p] == ". "):
                continue
            if text[p] == ":" and text[p + 1:p + 2] in (")", "("):
                continue
            start = m.start(1)  # the word before the space (a scan back, not a copy of the text before it)
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            if not article.contiguous(m.start(1), p + 1):
                continue
            yield self.finding(start, p + 1, f"space before '{text[p]}'",
                               suggestion=text[start:m.start(1)] + text[p],
                               fix=replacement(article, start, p + 1, text[start:m.start(1)] + text[p]))


# --- quotes and brackets -----------------------------------------------------------------------
_OPENERS = {"“": "”", "(": ")", "[": "]", "{": "}"}


def _straight_quote_role(text: str, i: int) -> str | None:
    """'open', 'close', 'inch' or None (ambiguous) for a straight double quote at ``i``."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isdigit() and not after.isalnum():
        return "inch"  # 5'10" — an inch mark
    if before.isspace() or before in "([{—–-/":
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-":
        return "close"
    return None


def _next_block(article: Article, block: Block) -> Block | None:
    idx = article.blocks.index(block)
    return article.blocks[idx + 1] if idx + 1 < len(article.blocks) else None


@register
class UnbalancedQuotes(Rule):
    """A quotation opened and never closed (or closed and never opened) in a paragraph.

    A reader cannot tell where a quotation ends, which can put words in a speaker's mouth. A
    quotation may run on across paragraphs: when the next paragraph opens with a quote mark, or a
    later paragraph closes it, the open quote is not reported. A straight quote glued to the end of
    a word and followed by a lower-case word (`the workers" mood`) is a mangled apostrophe, left to
    the spelling rules.
    """

    id = "unbalanced-quotes"
    family = "punctuation"
    severity = Severity.WARNING
    summary = "Quotation mark without its partner in the paragraph."
    flags = (
        'The chief said. ⟦"⟧We are asking everyone to follow the instructions.\n\nMore than 3,000 left.',
        "She said ⟦“⟧we will fight on.\n\nThe vote is on Monday.",
        "He said the plan was dead⟦”⟧ and left.",
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
    )

    RUN_ON = 8  # paragraphs a quotation may run on before its closing mark

    _APOSTROPHE = re.compile(r'(?<=[a-z]s)"(?=\s+[a-z])|(?<=[a-z])"(?=s\s)')

    def _events(self, text: str, block: Block) -> tuple[list[int], list[int]]:
        """(unclosed openers, closers with no opener) in one block."""
        opens_straight: int | None = None
        curly: list[int] = []
        stray: list[int] = []
        unclosed: list[int] = []
        odd = text.count('"', block.start, block.end) % 2 == 1
        for i in range(block.start, block.end):
            ch = text[i]
            if ch == '"':
                if self._APOSTROPHE.match(text, i) and (odd or opens_straight is None):
                    continue
                role = _straight_quote_role(text, i)
                if role == "inch":
                    continue
                if role is None:
                    role = "close" if opens_straight is not None else "open"
                if role == "open":
                    if opens_straight is not None:
                        unclosed.append(opens_straight)
                    opens_straight = i
                elif opens_straight is not None:
                    opens_straight = None
                else:
                    stray.append(i)
            elif ch == "“":
                curly.append(i)
            elif ch == "”":
                if curly:
                    curly.pop()
                else:
                    stray.append(i)
        if opens_straight is not None:
            unclosed.append(opens_straight)
        return sorted(unclosed + curly), stray

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        blocks = article.blocks
        events = [self._events(text, b) for b in blocks]
        # An even number of straight quotes in a block pairs up, whatever their roles looked like.
        for k, b in enumerate(blocks):
            if text.count('"', b.start, b.end) % 2 == 0 and all(text[i] == '"' for i in events[k][0] + events[k][1]):
                events[k] = ([], [])
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
                nxt = blocks[k + 1] if k + 1 < len(blocks) else None
                if nxt is not None and text[nxt.start:nxt.start + 1] in ('"', "“"):
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


@register
class UnbalancedBrackets(Rule):
    """A bracket opened and not closed, or closed and not opened, in a paragraph.

    Brackets that do not pair up usually mean a cut or a paste went wrong. List markers such as
    `1)` or `a)` and emoticons are left alone.
    """

    id = "unbalanced-brackets"
    family = "punctuation"
    severity = Severity.WARNING
    summary = "Bracket without its partner in the paragraph."
    flags = (
        "The council ⟦(⟧which meets on Monday said no.",
        "The council, which meets on Monday⟦)⟧ said no.",
        "The fund [set up in 2019⟦)⟧ paid out.",
    )
    passes = (
        "The council (which meets on Monday) said no.",
        "Choose a) the bus or b) the train.",
        "1) Open the door. 2) Walk in.",
        "He smiled :) and left.",
        "Their options [as listed (in part)] were few.",
    )

    _LIST_MARKER = re.compile(r"(?:^|(?<=\s))(?:[a-zA-Z]|\d{1,2}|[ivx]{1,4})\)")

    def check(self, article: Article) -> Iterator[Finding]:
        text = article.text
        pairs = {")": "(", "]": "[", "}": "{"}
        for block in article.blocks:
            segment = text[block.start:block.end]
            skip = {block.start + m.end() - 1 for m in self._LIST_MARKER.finditer(segment)}
            stack: list[int] = []
            for i in range(block.start, block.end):
                ch = text[i]
                if ch in "([{":
                    stack.append(i)
                elif ch in ")]}":
                    if i in skip or (i > 0 and text[i - 1] in ":;=" and ch == ")"):
                        continue
                    if stack and text[stack[-1]] == pairs[ch]:
                        stack.pop()
                    elif stack and any(text[s] == pairs[ch] for s in stack):
                        while stack and text[stack[-1]] != pairs[ch]:
                            s = stack.pop()
                            yield self.finding(s, s + 1, f"'{text[s]}' is not closed")
                        stack.pop()
                    else:
                        yield self.finding(i, i + 1, f"'{ch}' closes a bracket that was not opened",
                                           suggestion=None)
            for s in stack:
                yield self.finding(s, s + 1, f"'{text[s]}' is not closed in this paragraph")
