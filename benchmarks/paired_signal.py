#!/usr/bin/env python3
"""Judge a general signal of ``number-mismatch``'s slip model by paired seeds (needs ../shared,
scikit-learn and the planting's ``pip install breame gender-guesser``, ``apt-get install scowl``).

A retrain's warning threshold moves with its seed alone (the whole clean tail of the calibration
moves: sessions 14 and 15), by as much as most changes of the features, so one retrain with a
signal against the shipped file says nothing. Here the shipped recipe and the same recipe with the
candidate signal (``tools/train_same_quantity.py --signal NAME``, ``same_quantity.SIGNALS``), or
with a share of its slips made to any value (``--any-share S``), are
trained on the same ``--model-seed`` s (the same ensemble members and the same drawn slips, so the
tail's move is shared), each pair is run on the development plants of ``number_misses.py`` (tune
and the web pages, ``--seed 21``, three rounds; the figures planted apart, three rounds; train),
and per seed the catches at warning and at any level and the calibration's clean alarms at
warning and at info are printed for both. A signal *wins on a seed* on a planting when its catches
at warning exceed the shipped recipe's by more than the shipped recipe's own spread over the seeds
(the sd of its catches at warning); the last lines count those seeds, per planting. The rule for
shipping (session 16's brief): a win on at least 4 of the 5 seeds beyond that sd, and then held
apart at least as good as the shipped file, with no more false alarms.

Every model is written to ``--out`` (``base-S.json``, ``TAG-S.json``) and its catches beside it
(``.counts.json``, with the model's md5): a model or a count already there is read, not made again,
so a run stopped half-way goes on where it stopped, and the shipped recipe's five are trained once
for any number of signals. The parses are kept in the two cache folders (as
``tools/train_same_quantity.py --cache`` and ``number_misses.py --cache`` keep them) and read once
per process.

Usage (from the repository root; one heavy job: each retrain takes 2 to 7 minutes):
    python benchmarks/paired_signal.py --signal NAME [--signal NAME2] [--any-share S] [--seeds 0,5,10,15,20]
                                       --out DIR [--cache DIR] [--plants-cache DIR] [--tag TAG]
    python benchmarks/paired_signal.py --out DIR --only-base   # the shipped recipe's seeds alone
"""
from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT))

#: the development plantings (number_misses.py's): name, sets, rounds of the apart planting
PLANTINGS = (("tune+web", "tune,web", 0), ("apart", "tune,web", 3), ("train", "train", 0))
PLANT_SEED = 21
SEEDS = (0, 5, 10, 15, 20)


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


_ARTICLES: dict = {}


def _memo_articles(trainer):
    """``trainer.articles`` read once per split in this process (the parse is the slow part)."""
    original = trainer.articles

    def articles(docs, cache=None, split=""):
        if split not in _ARTICLES:
            _ARTICLES[split] = list(original(docs, cache, split))
        return iter(_ARTICLES[split])
    return articles


def train(out: Path, seed: int, signals: list[str], cache: Path | None, any_share: float = 0.0) -> None:
    """One retrain of the shipped recipe (with ``signals``, and ``--any-share``) at ``--model-seed
    seed``, to ``out``."""
    import train_same_quantity as trainer

    if not getattr(trainer, "_memoized", False):
        trainer.articles = _memo_articles(trainer)
        trainer._memoized = True
    argv = sys.argv
    sys.argv = ["train_same_quantity.py", "--model-seed", str(seed), "--out", str(out)] + \
        (["--cache", str(cache)] if cache else []) + [a for s in signals for a in ("--signal", s)] + \
        (["--any-share", str(any_share)] if any_share else [])
    try:
        trainer.main()
    finally:
        sys.argv = argv


def plant_sets(cache: Path | None) -> dict:
    """For each planting: [(parsed article, plant)], parsed once."""
    import number_misses as nm
    from train_same_quantity import articles

    out = {}
    for name, sets, apart in PLANTINGS:
        items = []
        for set_name in sets.split(","):
            planted = list(nm.planted_copies(set_name, PLANT_SEED, 3, apart))
            docs = [SimpleNamespace(name=d.name, group=getattr(d, "group", ""), text=text) for d, text, _ in planted]
            split = f"plants-{set_name}-{PLANT_SEED}-3-{apart}"
            items += [(art, p) for (_, _, p), (_, _, art) in zip(planted, articles(docs, cache, split))]
        out[name] = items
    return out


def catches(model: Path, plants: dict) -> dict:
    """Per planting: the plants caught at warning and at any level with the pair model ``model``."""
    import eval_consistency as ev
    from copylint.checks.consistency import same_quantity
    from copylint.checks.consistency.numbers import NumberMismatch
    from copylint.config import Config

    keep = same_quantity.model
    ev.use_model(model)
    try:
        rule = NumberMismatch(Config())
        counts = {}
        for name, items in plants.items():
            warning = anywhere = 0
            for art, p in items:
                found = [f for f in rule.check(art) if ev._overlaps(f, p)]
                anywhere += bool(found)
                warning += any(f.severity >= rule.severity for f in found)
            counts[name] = {"warning": warning, "any": anywhere, "planted": len(items)}
    finally:
        same_quantity.model = keep
    return counts


def result(model: Path, plants_of) -> dict:
    """The model's thresholds, calibration alarms and catches (read from beside it when there)."""
    spec = json.loads(model.read_text(encoding="utf-8"))
    side = model.with_suffix(".counts.json")
    md5 = _md5(model)
    if side.exists():
        kept = json.loads(side.read_text(encoding="utf-8"))
        if kept.get("md5") == md5:
            return kept
    t = spec["training"]
    res = {"md5": md5, "warning": spec["thresholds"]["warning"], "info": spec["thresholds"]["info"],
           "alarms_warning": t["alarms_warning"], "alarms_info": t["alarms_info"],
           "catches": catches(model, plants_of())}
    side.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    return res


def report(rows: list[tuple[int, dict, dict | None]], tag: str, spread: list[dict] | None = None) -> list[str]:
    """The per-seed table and the count of seeds won beyond the shipped recipe's sd (over the
    ``spread`` results, every seed of the shipped recipe measured; by default the rows' own)."""
    names = [n for n, _, _ in PLANTINGS]
    lines = [f"{'seed':>4} {'model':8} {'warning':>7} {'alarms w/i':>10} " +
             " ".join(f"{n + ' w/any':>15}" for n in names)]
    for seed, base, cand in rows:
        for label, r in (("base", base), (tag, cand)):
            if r is None:
                continue
            c = r["catches"]
            lines.append(f"{seed:>4} {label[:8]:8} {r['warning']:7.3f} {r['alarms_warning']:>4}/{r['alarms_info']:<5} " +
                         " ".join(f"{c[n]['warning']:>9}/{c[n]['any']:<5}" for n in names))
    spread = spread or [b for _, b, _ in rows]
    sd = {n: statistics.stdev([b["catches"][n]["warning"] for b in spread]) if len(spread) > 1 else 0.0
          for n in names}
    lines.append(f"base mean (sd) at warning, {len(spread)} seeds: " + ", ".join(
        f"{n} {statistics.mean(b['catches'][n]['warning'] for b in spread):.1f} ({sd[n]:.1f})" for n in names))
    paired = [(b, c) for _, b, c in rows if c is not None]
    if paired:
        for n in names:
            diffs = [c["catches"][n]["warning"] - b["catches"][n]["warning"] for b, c in paired]
            anyd = [c["catches"][n]["any"] - b["catches"][n]["any"] for b, c in paired]
            wins = sum(d > sd[n] for d in diffs)
            lines.append(f"{tag} - base, {n}: at warning {diffs} (mean {statistics.mean(diffs):+.1f}), any level "
                         f"{anyd}; wins beyond the sd {sd[n]:.1f}: {wins} of {len(diffs)}")
        da = [c["alarms_warning"] - b["alarms_warning"] for b, c in paired]
        lines.append(f"{tag} - base, calibration alarms at warning: {da}; thresholds "
                     f"{[round(c['warning'] - b['warning'], 3) for b, c in paired]}")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--signal", action="append", default=[], metavar="NAME",
                    help="the candidate: a signal of same_quantity.SIGNALS (repeatable: together)")
    ap.add_argument("--any-share", type=float, default=0.0, metavar="SHARE",
                    help="the candidate makes this share of its slips to any value of the old one's form "
                         "(train_same_quantity.py --any-share; with or without signals)")
    ap.add_argument("--tag", help="the candidate's name in the files and the table (default: the signals)")
    ap.add_argument("--only-base", action="store_true", help="the shipped recipe's seeds alone")
    ap.add_argument("--seeds", default=",".join(map(str, SEEDS)), help="model seeds (default 0,5,10,15,20)")
    ap.add_argument("--out", type=Path, required=True, help="a folder for the models and their catches")
    ap.add_argument("--cache", type=Path, help="the trainer's parse cache folder")
    ap.add_argument("--plants-cache", type=Path, help="number_misses.py's parse cache folder")
    args = ap.parse_args()
    from copylint.checks.consistency import same_quantity

    if not args.signal and not args.any_share and not args.only_base:
        raise SystemExit("name a candidate with --signal NAME or --any-share SHARE, or give --only-base")
    unknown = [s for s in args.signal if s not in same_quantity.SIGNALS]
    if unknown:
        raise SystemExit(f"unknown --signal {unknown[0]!r}: one of {', '.join(same_quantity.SIGNALS)}")
    try:
        seeds = [int(s) for s in args.seeds.split(",")]
    except ValueError:
        raise SystemExit("--seeds takes whole numbers separated by commas") from None
    tag = args.tag or "+".join(args.signal + ([f"any{args.any_share:g}"] if args.any_share else [])) or "base"
    args.out.mkdir(parents=True, exist_ok=True)
    plants: dict = {}

    def plants_of():
        if not plants:
            plants.update(plant_sets(args.plants_cache))
        return plants

    rows = []
    for seed in seeds:
        t0 = time.time()
        arms = [("base", [], 0.0)] + ([] if args.only_base else [(tag, args.signal, args.any_share)])
        got = []
        for name, signals, any_share in arms:
            path = args.out / f"{name}-{seed}.json"
            if not path.exists():
                train(path, seed, signals, args.cache, any_share)
            got.append(result(path, plants_of))
        rows.append((seed, got[0], got[1] if len(got) > 1 else None))
        print(f"seed {seed} done ({time.time() - t0:.0f} s)", file=sys.stderr, flush=True)
    # the shipped recipe's spread over every seed of it measured in the folder (a partial run is
    # judged against the whole spread)
    spread = []
    for path in sorted(args.out.glob("base-*.counts.json")):
        model = path.with_name(path.name.replace(".counts.json", ".json"))
        kept = json.loads(path.read_text(encoding="utf-8"))
        if model.exists() and kept.get("md5") == _md5(model):
            spread.append(kept)
    print("\n".join(report(rows, tag, spread)))


if __name__ == "__main__":
    main()
