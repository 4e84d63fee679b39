"""Train the word-fit model (replaced-word discriminator + corrector) on corrupted news text.

    python training/garble/prepare.py                       # once: tag the text (about 5 min)
    python training/garble/train.py --minutes 50            # train, bounded by time
    python training/garble/export.py                        # ONNX + int8 into copylint/models/wordfit

Reads work/train.jsonl (prepare.py), corrupts each window afresh every time it is drawn
(corrupt.py: WordNet substitutes, half 0 of the vocabulary; with ``--mask-share``, also masked-LM
targets for the corrector on words of both halves, masked and never swapped), and saves work/wordfit.pt (every
``--save-every`` minutes and at the end). Prints the losses and the discriminator's accuracy
on replaced words to the log.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import corrupt  # noqa: E402
from model import WordFit, base_path  # noqa: E402

from copylint.wordfit import windows  # noqa: E402


def load_blocks(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def window_blocks(blocks):
    """Each block cut into the windows the shipped model reads (copylint.wordfit.windows)."""
    out = []
    for b in blocks:
        text = b["text"]
        for s, e in windows(text):
            toks = [[t[0] - s, t[1] - s, *t[2:]] for t in b["toks"] if t[0] >= s and t[1] <= e]
            out.append({"text": text[s:e], "toks": toks})
    return out


#: the corrector's targets by kind (``Batcher.make``'s fifth tensor; the log's split with masking)
TARGETS = ("copy", "swap", "mask0", "mask1")


class Batcher:
    def __init__(self, tokenizer, corruptor, rate: float, clean_share: float, copy_share: float, seed: int,
                 mask_share: float = 0.0, mask_groups=(), mask_seed: int = 0):
        """With ``mask_share`` (0: none, the recipe of runs 1-11), about that share of the eligible
        words of ``mask_groups`` (corrupt.MASK_GROUPS) that were not swapped, in the corrupted
        windows, become the mask token: the corrector is asked for the original there, the
        discriminator is not asked (a mask is no word of copy). Its draws have a generator of
        their own (``mask_seed``), so the swaps are the same with or without it."""
        self.tok = tokenizer
        self.cor = corruptor
        self.rate = rate
        self.clean_share = clean_share
        self.copy_share = copy_share
        self.rng = random.Random(seed)
        self.vocab = tokenizer.get_vocab()
        self.mask_share = mask_share
        self.mask_groups = tuple(mask_groups)
        self.mask_rng = random.Random(mask_seed)

    def make(self, items):
        texts, spans_all = [], []
        for b in items:
            if self.rng.random() < self.clean_share:
                texts.append(b["text"])
                spans_all.append([])
            else:
                if self.mask_share > 0:
                    t, spans = self.cor.corrupt_masked(b, self.rate, self.mask_share, self.mask_groups,
                                                       self.mask_rng, lambda w: w.lower() in self.vocab)
                else:
                    t, spans = self.cor.corrupt(b, self.rate)
                texts.append(t)
                spans_all.append(spans)
        enc = self.tok(texts, padding=True, truncation=True, max_length=128, return_offsets_mapping=True,
                       return_tensors="pt")
        ids, mask, offs = enc["input_ids"], enc["attention_mask"], enc["offset_mapping"]
        disc = torch.full(ids.shape, -100.0)
        corr = torch.full(ids.shape, -100, dtype=torch.long)
        kind = torch.zeros(ids.shape, dtype=torch.long)  # TARGETS' index of each corrector target
        for r, spans in enumerate(spans_all):
            o = offs[r].tolist()
            valid = [k for k in range(len(o)) if mask[r, k] and o[k][1] > o[k][0]]
            for k in valid:
                disc[r, k] = 0.0
            for s, e, orig, how in spans:
                first = True
                for k in valid:
                    if o[k][0] >= s and o[k][1] <= e:
                        disc[r, k] = -100.0 if how.startswith("mask") else 1.0
                        if first:
                            tid = self.vocab.get(orig.lower())
                            if tid is not None:
                                corr[r, k] = tid
                                kind[r, k] = TARGETS.index(how) if how.startswith("mask") else 1
                            first = False
            # identity targets on some words that were not replaced: P(observed word) then means
            # something at inference
            text = texts[r]
            for k in valid:
                if disc[r, k] == 0.0 and self.rng.random() < self.copy_share:
                    a, b = o[k]
                    piece = text[a:b].lower()
                    if piece.isalpha() and (a == 0 or not text[a - 1].isalnum()):
                        tid = self.vocab.get(piece)
                        if tid is not None and (b >= len(text) or not text[b].isalnum()):
                            corr[r, k] = tid
        return ids, mask, disc, corr, kind


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=50)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--rate", type=float, default=0.08, help="share of eligible words replaced")
    ap.add_argument("--clean-share", type=float, default=0.2, help="windows left clean")
    ap.add_argument("--copy-share", type=float, default=0.1,
                    help="unreplaced words (of any half, any kind) given identity targets")
    ap.add_argument("--mask-share", type=float, default=0.0,
                    help="share of the eligible, unswapped words of --mask-groups put as the mask token, the "
                    "corrector asked for the original (masked-LM targets; 0: none, runs 1-11)")
    ap.add_argument("--mask-groups", choices=sorted(corrupt.MASK_GROUPS), default="all",
                    help="the words that may be masked: 'all' (both halves) or 'mix' (half 0 and half 1's "
                    "calibration sub-half: eval_garble.py --unseen's words are then neither swapped nor masked)")
    ap.add_argument("--corr-weight", type=float, default=0.5)
    ap.add_argument("--save-every", type=float, default=10)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--thesaurus-share", type=float, default=0.0,
                    help="share of replacements drawn from Aiksaurus (corrupt.py's 'loose' kind; 0: none)")
    ap.add_argument("--log-targets", action="store_true",
                    help="the corrector's loss by target kind in the log without masking too (a control run)")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--layers", type=int, default=4, help="encoder layers of the base model kept (at most 6)")
    ap.add_argument("--grow-from", help="a checkpoint with fewer layers to start from (its layers and "
                    "heads; the layers above come from the base model)")
    ap.add_argument("--data", default=str(HERE / "work" / "train.jsonl"))
    ap.add_argument("--out", default=str(HERE / "work" / "wordfit.pt"))
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    from transformers import AutoTokenizer

    work = HERE / "work"
    blocks = load_blocks(Path(args.data))
    items = window_blocks(blocks)
    print(f"{len(blocks)} blocks, {len(items)} windows", flush=True)
    tokenizer = AutoTokenizer.from_pretrained(base_path(), local_files_only=True)
    cor = corrupt.Corruptor(blocks, seed=args.seed, wanted_half=0,
                            kinds=corrupt.thesaurus_kinds(args.thesaurus_share))
    print(f"kinds {cor.kinds}", flush=True)
    batcher = Batcher(tokenizer, cor, args.rate, args.clean_share, args.copy_share, args.seed + 1,
                      args.mask_share, corrupt.MASK_GROUPS[args.mask_groups], args.seed + 3)
    if args.mask_share > 0:
        print(f"masking {args.mask_share} of the eligible words of {args.mask_groups}", flush=True)
    model = WordFit.from_base(args.layers)
    if args.resume and (Path(args.out)).exists():
        model.load_state_dict(torch.load(Path(args.out)))
        print("resumed", flush=True)
    elif args.grow_from:
        model.grow_from(torch.load(Path(args.grow_from)))
        print(f"grown from {args.grow_from} to {args.layers} layers", flush=True)
    # the word embeddings stay as they are: they are the corrector's (tied) output layer too, and
    # updating 11.7M rows every step would double the step time on two cores
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    model.train()
    heads = [p for n, p in model.named_parameters() if not n.startswith("bert.")]
    body = [p for n, p in model.named_parameters() if n.startswith("bert.") and p.requires_grad]
    opt = torch.optim.AdamW([{"params": body, "lr": args.lr}, {"params": heads, "lr": args.lr * 5}],
                            weight_decay=0.01)
    # steps are bounded by time: estimate after the first 20 steps, decay linearly to the deadline
    deadline = time.time() + args.minutes * 60
    start = time.time()
    warm = 100
    bce = torch.nn.BCEWithLogitsLoss(reduction="none")
    rng = random.Random(args.seed + 2)
    order: list[int] = []
    step = 0
    last_save = time.time()
    stats = {"d": 0.0, "c": 0.0, "n": 0, "pos_hit": 0, "pos": 0, "neg_fa": 0, "neg": 0}
    by_target = torch.zeros(2, len(TARGETS))  # the corrector's summed loss and count by target kind
    split = args.mask_share > 0 or args.log_targets
    # bucket by length: draw a random window, then its neighbours in length order
    by_len = sorted(range(len(items)), key=lambda i: len(items[i]["text"]))
    while time.time() < deadline:
        if not order:
            chunks = [by_len[i:i + args.batch] for i in range(0, len(by_len), args.batch)]
            rng.shuffle(chunks)
            order = [i for c in chunks for i in c]
        idx, order = order[:args.batch], order[args.batch:]
        ids, mask, disc_t, corr_t, kind_t = batcher.make([items[i] for i in idx])
        elapsed = time.time() - start
        frac = min(1.0, elapsed / (deadline - start))
        scale = min(1.0, (step + 1) / warm) * max(0.05, 1.0 - frac)
        for g, base in zip(opt.param_groups, (args.lr, args.lr * 5)):
            g["lr"] = base * scale
        d_logit, hidden = model.encode(input_ids=ids, attention_mask=mask)
        m = disc_t >= 0
        w = torch.where(disc_t > 0, 3.0, 1.0)  # replaced words are few: weigh them up
        d_loss = (bce(d_logit[m], disc_t[m]) * w[m]).sum() / w[m].sum()
        cm = corr_t >= 0
        if cm.any():
            logits = model.corr_logits(hidden[cm])
            if args.mask_share > 0:
                each = torch.nn.functional.cross_entropy(logits, corr_t[cm], reduction="none")
                c_loss = each.mean()
            else:  # the loss of runs 1-11, computed as it was
                c_loss = torch.nn.functional.cross_entropy(logits, corr_t[cm])
            if split:
                with torch.no_grad():
                    if args.mask_share <= 0:
                        each = torch.nn.functional.cross_entropy(logits, corr_t[cm], reduction="none")
                    by_target[0].index_add_(0, kind_t[cm], each.detach())
                    by_target[1].index_add_(0, kind_t[cm], torch.ones_like(each))
        else:
            c_loss = torch.zeros(())
        loss = d_loss + args.corr_weight * c_loss
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        with torch.no_grad():
            p = d_logit[m] > 0
            y = disc_t[m] > 0
            stats["pos_hit"] += int((p & y).sum())
            stats["pos"] += int(y.sum())
            stats["neg_fa"] += int((p & ~y).sum())
            stats["neg"] += int((~y).sum())
        stats["d"] += float(d_loss.detach())
        stats["c"] += float(c_loss.detach())
        stats["n"] += 1
        if step % 25 == 0:
            n = stats["n"]
            print(f"step {step} {elapsed / 60:.1f}min lr {scale * args.lr:.2e} disc {stats['d'] / n:.4f} "
                  f"corr {stats['c'] / n:.3f} recall@0 {stats['pos_hit'] / max(1, stats['pos']):.3f} "
                  f"fa@0 {stats['neg_fa'] / max(1, stats['neg']):.4f}"
                  + ("".join(f" {name} {float(by_target[0, j] / by_target[1, j]):.3f} ({int(by_target[1, j])})"
                             for j, name in enumerate(TARGETS) if by_target[1, j] > 0)
                     if split else ""), flush=True)
            by_target.zero_()
            stats = dict.fromkeys(stats, 0) | {"d": 0.0, "c": 0.0}
        if time.time() - last_save > args.save_every * 60:
            torch.save(model.state_dict(), Path(args.out))
            last_save = time.time()
    torch.save(model.state_dict(), Path(args.out))
    print(f"done: {step} steps in {(time.time() - start) / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
