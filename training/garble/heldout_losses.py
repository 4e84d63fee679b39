"""Training checkpoints compared on the same corrupted tune windows: the losses train.py logs, held out
(session 16, measuring only).

    python training/garble/heldout_losses.py work/wordfit-run9.pt work/wordfit-run12.pt ...

train.py's log prints each 25-step block's losses on that block's own random training windows, and
the corrector's loss by target kind (``swap``, ``mask0``, ``mask1``) only with ``--mask-share`` or
``--log-targets``, so two runs' logs cannot be set side by side line for line, and a control run
without masks (run 14) logs no ``swap`` loss at all. This script builds the windows once, from the
``tune`` split (work/tune.jsonl: never trained on), corrupted as train.py corrupts (corrupt.py,
``--rate``, the same clean and copy shares, fixed seeds), and scores every checkpoint on the same
targets in one process:

- pass ``half0``: swaps of half-0 words (the training corruption): the discriminator's average
  precision, recall and false alarms at logit 0, and the corrector's loss and top-1 accuracy on the
  swapped words (``swap``) and on unswapped words asked as themselves (``copy``);
- pass ``half1``: the same corruption on half-1 words, which no run was trained to find swapped
  (the evaluation's half: eval_garble.py);
- pass ``mask``: ``--mask-share`` of the unswapped eligible words of both halves put as the mask
  token (train.py ``--mask-share``'s draw): the corrector's loss on them by half (``mask0``, ``mask1``).

Each figure after the first checkpoint's is also printed as a paired difference from it with a 90 %
bootstrap interval over windows (the same windows, the same targets). Forward passes only, one thread.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

WORK = HERE / "work"


def build_batches(args, tokenizer):
    """The three passes' batches: (ids, mask, disc, corr, kind, window index) per batch."""
    import corrupt
    from train import Batcher, load_blocks, window_blocks

    train_blocks = load_blocks(WORK / "train.jsonl")  # the 'same' pools, as in training
    items = window_blocks(load_blocks(WORK / "tune.jsonl"))
    if args.limit:
        items = items[:args.limit]
    order = sorted(range(len(items)), key=lambda i: len(items[i]["text"]))  # little padding
    passes = {}
    for name, groups, share in (("half0", ((0, None),), 0.0), ("half1", ((1, None),), 0.0),
                                ("mask", ((0, None),), args.mask_share)):
        cor = corrupt.Corruptor(train_blocks, seed=args.seed, groups=groups)
        batcher = Batcher(tokenizer, cor, args.rate, 0.2, 0.1, args.seed + 1, share,
                          corrupt.MASK_GROUPS["all"], args.seed + 3)
        batches = []
        for k in range(0, len(order), args.batch):
            idx = order[k:k + args.batch]
            batches.append((*batcher.make([items[i] for i in idx]), idx))
        passes[name] = batches
    return passes, len(items)


def score(model, batches, torch):
    """Per-token discriminator (logit, label) and per-target corrector (kind, window, loss, right)."""
    disc, targets = [], []
    with torch.no_grad():
        for ids, mask, disc_t, corr_t, kind_t, idx in batches:
            d_logit, hidden = model.encode(input_ids=ids, attention_mask=mask)
            m = disc_t >= 0
            disc.extend(zip(d_logit[m].tolist(), (disc_t[m] > 0).tolist(),
                            torch.tensor(idx).unsqueeze(1).expand_as(ids)[m].tolist()))
            cm = corr_t >= 0
            if cm.any():
                logits = model.corr_logits(hidden[cm])
                loss = torch.nn.functional.cross_entropy(logits, corr_t[cm], reduction="none")
                right = logits.argmax(-1) == corr_t[cm]
                rows = torch.tensor(idx).unsqueeze(1).expand_as(ids)[cm]
                targets.extend(zip(kind_t[cm].tolist(), rows.tolist(), loss.tolist(), right.tolist()))
    return disc, targets


def figures(disc, targets):
    from sklearn.metrics import average_precision_score

    from train import TARGETS

    out = {}
    if disc:
        y = [lab for _, lab, _ in disc]
        s = [lg for lg, _, _ in disc]
        pos = sum(y)
        out["AP"] = average_precision_score(y, s) if pos else float("nan")
        out["recall@0"] = sum(1 for lg, lab, _ in disc if lab and lg > 0) / max(1, pos)
        out["fa@0"] = sum(1 for lg, lab, _ in disc if not lab and lg > 0) / max(1, len(y) - pos)
    for j, name in enumerate(TARGETS):
        ts = [t for t in targets if t[0] == j]
        if ts:
            out[f"{name} loss"] = sum(t[2] for t in ts) / len(ts)
            out[f"{name} top1"] = sum(t[3] for t in ts) / len(ts)
            out[f"{name} n"] = len(ts)
    return out


def paired(base, other, rounds: int, rng: random.Random):
    """90 % bootstrap interval over windows of other's mean target loss less base's, per kind."""
    import numpy as np

    from train import TARGETS

    out = {}
    for j, name in enumerate(TARGETS):
        b = [t for t in base if t[0] == j]
        o = [t for t in other if t[0] == j]
        if not b:
            continue
        rows = sorted({t[1] for t in b})
        pos = {r: k for k, r in enumerate(rows)}
        diff = np.zeros(len(rows))
        cnt = np.zeros(len(rows))
        for tb, to in zip(b, o):  # the same targets in the same order
            diff[pos[tb[1]]] += to[2] - tb[2]
            cnt[pos[tb[1]]] += 1
        gen = np.random.default_rng(rng.randrange(2**32))
        draws = []
        for _ in range(rounds):
            k = gen.integers(0, len(rows), len(rows))
            draws.append(diff[k].sum() / cnt[k].sum())
        out[name] = (diff.sum() / cnt.sum(), float(np.percentile(draws, 5)), float(np.percentile(draws, 95)))
    return out


def paired_ap(base, other, rounds: int, rng: random.Random):
    """The discriminator's average precision, other's less base's, with a 90 % bootstrap interval over
    windows (the same tokens in the same order)."""
    import numpy as np
    from sklearn.metrics import average_precision_score

    y = np.array([lab for _, lab, _ in base])
    sb = np.array([lg for lg, _, _ in base])
    so = np.array([lg for lg, _, _ in other])
    win = np.array([w for _, _, w in base])
    rows = np.unique(win)
    members = [np.flatnonzero(win == r) for r in rows]
    gen = np.random.default_rng(rng.randrange(2**32))
    draws = []
    for _ in range(rounds):
        k = np.concatenate([members[i] for i in gen.integers(0, len(rows), len(rows))])
        if y[k].any():
            draws.append(average_precision_score(y[k], so[k]) - average_precision_score(y[k], sb[k]))
    d = average_precision_score(y, so) - average_precision_score(y, sb)
    return d, float(np.percentile(draws, 5)), float(np.percentile(draws, 95))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("checkpoints", nargs="+", type=Path,
                    help="train.py checkpoints (state dicts); the first is the base")
    ap.add_argument("--rate", type=float, default=0.04, help="share of eligible words swapped (runs 9-14: 0.04)")
    ap.add_argument("--mask-share", type=float, default=0.05, help="the mask pass's share (runs 12-13: 0.05)")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--seed", type=int, default=1616)
    ap.add_argument("--limit", type=int, default=0, help="windows (for a quick look)")
    ap.add_argument("--rounds", type=int, default=1000)
    ap.add_argument("--ap-rounds", type=int, default=300, help="bootstrap rounds for the paired average precision")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    for c in args.checkpoints:
        if not c.exists():
            raise SystemExit(f"no checkpoint at {c}")
    import torch
    from transformers import AutoTokenizer
    from transformers.utils import logging

    logging.set_verbosity_error()

    from model import WordFit, base_path

    torch.set_num_threads(args.threads)
    tokenizer = AutoTokenizer.from_pretrained(base_path(), local_files_only=True)
    passes, n = build_batches(args, tokenizer)
    print(f"{n} tune windows, {len(passes['half0'])} batches a pass, rate {args.rate}, mask share {args.mask_share}",
          flush=True)
    results = {}
    for c in args.checkpoints:
        model = WordFit.from_checkpoint(torch.load(c))
        model.eval()
        results[c] = {name: score(model, batches, torch) for name, batches in passes.items()}
        print(f"scored {c.name}", flush=True)
    rng = random.Random(args.seed)
    base = args.checkpoints[0]
    for name in passes:
        print(f"\n== pass {name}")
        for c in args.checkpoints:
            disc, targets = results[c][name]
            f = figures(disc if name != "mask" else [], targets)
            line = "  ".join(f"{k} {v:.4f}" if isinstance(v, float) else f"{k} {v}" for k, v in f.items())
            print(f"  {c.name:34} {line}")
            if c != base:
                d = paired(results[base][name][1], targets, args.rounds, rng)
                if name != "mask":
                    d = {"AP": paired_ap(results[base][name][0], disc, args.ap_rounds, rng), **d}
                print(" " * 37 + "  ".join(f"{k} {m:+.3f} [{lo:+.3f}, {hi:+.3f}]" for k, (m, lo, hi) in d.items()))


if __name__ == "__main__":
    main()
