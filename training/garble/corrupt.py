"""The training corruption: what a spinner does to copy, drawn from WordNet (never the thesaurus
the evaluation uses) and only on words of half 0 of the vocabulary (``lexicon.half``; calibration
may also swap words of one sub-half of half 1: ``groups``, ``lexicon.GROUPS``).

Kinds, per replaced word:
- ``sense``: a synonym from another sense of the word ("mortar" -> "howitzer" for the building
  paste; "supplies" -> "provisions" vs "issues");
- ``sibling``: a co-hyponym ("rocket" -> "torpedo"), or now and then the generic term;
- ``same``: an unrelated word of the same part of speech and similar frequency;
- ``put``: a month or a name put in before a noun ("the June Sunni group");
- ``loose`` (only when asked: ``thesaurus_kinds``): a member of any Aiksaurus meaning of the word
  (a big, loose thesaurus like a commercial spinner's, whose "synonyms" are often of another
  sense or register: "carriage" -> "comportment"), kept only when it can take the word's part of
  speech and form (``lexicon.can_take``).
"""
from __future__ import annotations

import random
from collections import defaultdict
from functools import lru_cache

import lexicon

KINDS = (("sense", 0.35), ("sibling", 0.2), ("same", 0.35), ("put", 0.1))

#: the tokenizer's mask token (BERT's), put in place of a masked word (``Corruptor.corrupt_masked``)
MASK = "[MASK]"

#: the word sets whose words may be masked (train.py ``--mask-groups``; masked, never swapped):
#: ``all``, the eligible words of both halves; ``mix``, half 0 and half 1's calibration sub-half
#: only (``lexicon.GROUPS["mix"]``), so that the other sub-half (eval_garble.py ``--unseen``) is
#: neither swapped nor masked before the evaluation
MASK_GROUPS = {"all": ((0, None), (1, None)), "mix": lexicon.GROUPS["mix"]}


def thesaurus_kinds(share: float, kinds=KINDS):
    """``kinds`` with ``loose`` (Aiksaurus) drawn ``share`` of the time, the others scaled down."""
    if share <= 0:
        return tuple(kinds)
    return tuple((k, w * (1 - share)) for k, w in kinds) + (("loose", share),)


def by_name(synsets) -> list:
    """WordNet synsets in the order of their names. nltk (3.10) keeps a synset's pointers in a set of
    (pos, offset) tuples, so ``hypernyms()`` and ``hyponyms()`` come in an order that follows
    Python's string hash, salted afresh in every process (PYTHONHASHSEED): drawn from as they come,
    the same seed gave other swaps in every run (calibrate.py ``--prepare``'s versions, train.py's
    corruption). Sorted by name, as older nltk releases sorted them in ``Synset._related``."""
    return sorted(synsets, key=lambda s: s.name())


class Corruptor:
    def __init__(self, blocks, seed: int, wanted_half: int = 0, kinds=KINDS, groups=None) -> None:
        """``groups``: the word sets to swap (``lexicon.GROUPS``, calibration's ``--half``), instead of
        half ``wanted_half`` of the vocabulary; with two, ``corrupt_n`` draws the swapped words from
        each in turn."""
        self.rng = random.Random(seed)
        self.half = wanted_half
        self.groups = tuple(groups) if groups else ((wanted_half, None),)
        self.kinds = tuple(kinds)
        by_pos: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        names: dict[str, int] = defaultdict(int)
        for b in blocks:
            for tok in b["toks"]:
                s, e, upos, tag, lemma, flags = tok
                if upos in lexicon.CONTENT and "e" not in flags and lemma.isalpha() and lemma.islower():
                    by_pos[upos][lemma] += 1
                elif upos == "PROPN" and "e" in flags and b["text"][s:e].istitle():
                    names[b["text"][s:e]] += 1
        # the same-POS pool: words seen at least 3 times, banded by frequency
        self.pool: dict[str, list[tuple[float, str]]] = {}
        for upos, counts in by_pos.items():
            self.pool[upos] = sorted((lexicon.zipf(w), w) for w, c in counts.items() if c >= 3 and len(w) >= 3)
        self.names = [n for n, c in names.items() if c >= 3]

    # --- substitutes ----------------------------------------------------------------------------
    @lru_cache(maxsize=100_000)
    def _senses(self, lemma: str, upos: str):
        wn = lexicon.wordnet()
        return wn.synsets(lemma, pos=lexicon.UPOS_WN[upos])

    @staticmethod
    def _names(synset, lemma: str) -> list[str]:
        return [n for n in synset.lemma_names() if n.isalpha() and n.islower() and n != lemma]

    def sense(self, lemma, upos):
        senses = self._senses(lemma, upos)
        others = [w for s in senses[1:] for w in self._names(s, lemma)]
        return self.rng.choice(others) if others else None

    def sibling(self, lemma, upos):
        senses = self._senses(lemma, upos)
        if not senses:
            return None
        s = senses[0] if self.rng.random() < 0.6 else self.rng.choice(senses)
        hypers = by_name(s.hypernyms())
        if not hypers:
            return None
        h = self.rng.choice(hypers)
        if self.rng.random() < 0.15:
            cands = self._names(h, lemma)
        else:
            cands = [w for sib in by_name(h.hyponyms()) if sib != s for w in self._names(sib, lemma)]
        return self.rng.choice(cands) if cands else None

    @lru_cache(maxsize=100_000)
    def _loose(self, lemma: str, upos: str, tag: str) -> tuple[tuple[str, ...], ...]:
        senses = lexicon.aiksaurus().get(lemma, [])
        out = (tuple(w for w in sense if lexicon.can_take(w, upos, tag)) for sense in senses)
        return tuple(s for s in out if s)

    def loose(self, lemma, upos, tag="NN"):
        """A member of one of the word's Aiksaurus meanings (a meaning drawn first, as a spinner
        picks a sense) that can take the word's part of speech and the form ``tag``."""
        senses = self._loose(lemma, upos, tag)
        return self.rng.choice(self.rng.choice(senses)) if senses else None

    def same(self, lemma, upos):
        import bisect

        pool = self.pool.get(upos)
        if not pool:
            return None
        z = lexicon.zipf(lemma)
        lo = bisect.bisect_left(pool, (z - 0.6, ""))
        hi = bisect.bisect_right(pool, (z + 0.6, "~"))
        if hi - lo < 5:
            return None
        for _ in range(5):
            w = pool[self.rng.randrange(lo, hi)][1]
            if w != lemma:
                return w
        return None

    def put(self, text, tok, nxt):
        """A month or a name in place of a modifier before a noun."""
        if nxt is None or nxt[2] != "NOUN" or tok[2] not in ("ADJ", "NOUN"):
            return None
        if self.rng.random() < 0.6 or not self.names:
            return self.rng.choice(lexicon.MONTHS)
        return self.rng.choice(self.names)

    def replace(self, text: str, toks: list, i: int) -> tuple[str, str] | None:
        """(new word, kind) for token i, or None."""
        tok = toks[i]
        s, e, upos, tag, lemma, flags = tok
        word = text[s:e]
        kind = lexicon.pick_kind(self.rng, self.kinds)
        if kind == "put":
            new = self.put(text, tok, lexicon.next_token(toks, i))
            return (new, kind) if new else None
        new_lemma = self.loose(lemma, upos, tag) if kind == "loose" else getattr(self, kind)(lemma, upos)
        if new_lemma is None and kind != "same":
            new_lemma, kind = self.same(lemma, upos), "same"
        if not new_lemma:
            return None
        new = lexicon.inflect_like(new_lemma, tag, word)
        if not new or new.lower() == word.lower():
            return None
        return new, kind

    def corrupt(self, block: dict, rate: float) -> tuple[str, list[tuple[int, int, str, str]]]:
        """The block's text with about ``rate`` of its eligible words replaced; and the
        replacements as (start, end, original, kind) in the new text."""
        text, toks = block["text"], block["toks"]
        chosen = [i for i, t in enumerate(toks)
                  if any(lexicon.eligible(t, text, g) for g in self.groups) and self.rng.random() < rate]
        return apply(self, text, toks, chosen, len(chosen))

    def corrupt_masked(self, block: dict, rate: float, share: float, groups, rng, can_mask=None):
        """``corrupt``'s swaps (the same words and substitutes: drawn from the corruptor's generator
        exactly as ``corrupt`` draws them), then about ``share`` of the eligible words of ``groups``
        (``MASK_GROUPS``) that were not swapped put as ``MASK``, drawn from ``rng`` (so the swaps do
        not depend on the masking), and only those for which ``can_mask(word)`` holds (the
        corrector's vocabulary has the word). A masked word's span has the kind ``mask0`` or
        ``mask1``, after the half of its lemma; the swapped words stay those of ``self.groups``."""
        text, toks = block["text"], block["toks"]
        chosen = [i for i, t in enumerate(toks)
                  if any(lexicon.eligible(t, text, g) for g in self.groups) and self.rng.random() < rate]
        done = choose(self, text, toks, chosen, len(chosen))
        for i, t in enumerate(toks):
            if i in done or not any(lexicon.eligible(t, text, g) for g in groups):
                continue
            if (can_mask is None or can_mask(text[t[0]:t[1]])) and rng.random() < share:
                done[i] = (MASK, f"mask{lexicon.half(t[4])}")
        return build(text, toks, done)

    def corrupt_n(self, block: dict, n: int) -> tuple[str, list[tuple[int, int, str, str]]]:
        """The block's text with ``n`` eligible words replaced (fewer when it has too few)."""
        text, toks = block["text"], block["toks"]
        if len(self.groups) == 1:
            pool = [i for i, t in enumerate(toks) if lexicon.eligible(t, text, self.groups[0])]
            self.rng.shuffle(pool)
            return apply(self, text, toks, pool, n)
        # several groups: the pools in turn (from a random one), so that the swaps are shared
        # between them as far as each has words
        pools = [[i for i, t in enumerate(toks) if lexicon.eligible(t, text, g)] for g in self.groups]
        for pool in pools:
            self.rng.shuffle(pool)
        first = self.rng.randrange(len(pools))
        pools = pools[first:] + pools[:first]
        order = [pool[k] for k in range(max(map(len, pools), default=0)) for pool in pools if k < len(pool)]
        return apply(self, text, toks, order, n)


def apply(spinner, text: str, toks: list, order: list[int], n: int):
    """Replace up to ``n`` of the tokens ``order`` lists (in that order of preference) with
    ``spinner.replace``; the new text and the replacements (start, end, original, kind)."""
    return build(text, toks, choose(spinner, text, toks, order, n))


def choose(spinner, text: str, toks: list, order: list[int], n: int) -> dict[int, tuple[str, str]]:
    """Up to ``n`` of the tokens ``order`` lists (in that order of preference) that
    ``spinner.replace`` finds a substitute for: token index -> (new word, kind)."""
    done = {}
    for i in order:
        if len(done) >= n:
            break
        got = spinner.replace(text, toks, i)
        if got is not None:
            done[i] = got
    return done


def build(text: str, toks: list, done: dict[int, tuple[str, str]]):
    """The text with the tokens ``done`` names replaced, and the replacements (start, end,
    original, kind) in the new text."""
    out, spans, pos, length = [], [], 0, 0
    for i in sorted(done):
        s, e = toks[i][0], toks[i][1]
        out.append(text[pos:s])
        length += s - pos
        new = done[i][0]
        out.append(new)
        spans.append((length, length + len(new), text[s:e], done[i][1]))
        length += len(new)
        pos = e
    out.append(text[pos:])
    return "".join(out), spans


def article_tokens(article, doc) -> list:
    """An article's word tokens in prepare.py's format ([start, end, upos, tag, lemma, flags]), in the
    blocks the word-fit model reads (copylint.wordfit.BLOCK_KINDS) only."""
    from copylint import wordfit

    out = []
    for t in doc:
        if not t.is_alpha:
            continue
        b = article.block_at(t.idx)
        if b is None or b.kind not in wordfit.BLOCK_KINDS:
            continue
        flags = ("e" if t.ent_type_ else "") + ("s" if t.is_stop else "")
        out.append([t.idx, t.idx + len(t.text), t.pos_, t.tag_, t.lemma_.lower(), flags])
    return out


def main() -> None:
    """A dry look at the corruption: ``n`` replacements of one kind in their context, and how often
    each kind was used (``python training/garble/corrupt.py --thesaurus-share 0.2 --kind loose``)."""
    import argparse
    import json
    from collections import Counter
    from pathlib import Path

    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(Path(__file__).resolve().parent / "work" / "train.jsonl"))
    ap.add_argument("--thesaurus-share", type=float, default=0.2)
    ap.add_argument("--kind", default="loose")
    ap.add_argument("-n", type=int, default=30)
    ap.add_argument("--rate", type=float, default=0.08)
    ap.add_argument("--blocks", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=99)
    args = ap.parse_args()
    blocks = [json.loads(line) for line in open(args.data, encoding="utf-8")]
    cor = Corruptor(blocks, seed=args.seed, kinds=thesaurus_kinds(args.thesaurus_share))
    rng = random.Random(5)
    kinds: Counter = Counter()
    shown = 0
    for b in rng.sample(blocks, min(args.blocks, len(blocks))):
        text, spans = cor.corrupt(b, args.rate)
        for s, e, orig, kind in spans:
            kinds[kind] += 1
            if kind == args.kind and shown < args.n:
                ctx = (text[max(0, s - 70):s] + "⟦" + text[s:e] + "⟧" + text[e:e + 50]).replace("\n", " ")
                print(f"{orig} -> {text[s:e]}: {ctx}")
                shown += 1
    total = sum(kinds.values())
    print("kinds used:", ", ".join(f"{k} {c} ({c / total:.0%})" for k, c in kinds.most_common()))


if __name__ == "__main__":
    main()
