"""Compare two exported word-fit runs on tune: the discriminator's average precision, paired.

    python training/garble/compare_runs.py training/garble/work/run7-export training/garble/work/run8-export

Reads the scores calibrate.py kept in work/ for each run (run calibrate.py with each run's files in
copylint/models/wordfit first), over the same clean and 3 %-spun tune versions calibrate.py ranks
(its "discriminator alone" figure), and resamples tune's documents (each with its clean and spun
version) to say how often the second run ranks the swapped words better than the first: the
difference on 185 documents is small next to what a resample moves it.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"


class _Record:
    """A pickled WordScore or Candidate, whichever form it was kept in: caches written before they
    had slots (session 7; run 9's) hold their attributes as a dict, later ones as a list."""

    def __setstate__(self, state) -> None:
        if isinstance(state, tuple):  # (dict, slots) from copyreg
            state = {**(state[0] or {}), **(state[1] or {})}
        if not isinstance(state, dict):
            state = dict(zip(self.FIELDS, state))
        self.__dict__.update(state)


class _Scores(pickle.Unpickler):
    """Reads a calibrate.py score cache of any session: the word and candidate records as _Record."""

    def find_class(self, module: str, name: str):
        if (module, name) in (("copylint.wordfit", "WordScore"), ("copylint.checks.garble", "Candidate")):
            import dataclasses
            import importlib

            cls = getattr(importlib.import_module(module), name)
            return type(name, (_Record,), {"FIELDS": [f.name for f in dataclasses.fields(cls)]})
        return super().find_class(module, name)


def main() -> None:
    import numpy as np
    from sklearn.metrics import average_precision_score

    from calibrate import model_key, scores_file  # the key and file name calibrate.py keeps scores by

    ap = argparse.ArgumentParser()
    ap.add_argument("first", type=Path, help="export folder of the run to compare against")
    ap.add_argument("second", type=Path, help="export folder of the new run")
    ap.add_argument("--corr-top", type=int, default=5, help="as calibrate.py was run")
    ap.add_argument("--rounds", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    runs = (args.first, args.second)
    caches = []
    for d in runs:
        encode = json.loads((d / "calibration.json").read_text(encoding="utf-8")).get("encode", "batch")
        path = WORK / scores_file(model_key(d), args.corr_top, encode)
        if not path.exists():
            raise SystemExit(f"no scores for {d} ({path.name}): run calibrate.py with its files first")
        with open(path, "rb") as fh:
            caches.append(_Scores(fh).load())
    rows, _ = pickle.loads((WORK / "calibrate-88-0-1.pkl").read_bytes())  # calibrate.py's tune versions
    docs: dict[str, list] = {}
    for kind, name, text, spans in rows:
        if kind == "one":
            continue  # as calibrate.py's figure: the clean and spun versions only
        key = hashlib.sha1(text.encode()).hexdigest()
        per = []
        for cache in caches:
            words = cache[key][1]
            per.append((np.array([w.disc for w in words]),
                        np.array([int(any(w.start < e and s < w.end for s, e, _, _ in spans)) for w in words])))
        docs.setdefault(name, []).append(per)
    names = list(docs)

    def score(sel, r: int) -> float:
        x = np.concatenate([v[r][0] for n in sel for v in docs[n]])
        y = np.concatenate([v[r][1] for n in sel for v in docs[n]])
        return float(average_precision_score(y, x))

    first, second = score(names, 0), score(names, 1)
    rng = np.random.default_rng(args.seed)
    diffs = []
    for _ in range(args.rounds):
        sel = [names[i] for i in rng.integers(0, len(names), len(names))]
        diffs.append(score(sel, 1) - score(sel, 0))
    diffs = np.array(diffs)
    lo, hi = np.percentile(diffs, [5, 95])
    print(f"tune documents {len(names)}: average precision {first:.3f} ({runs[0].name}) against {second:.3f} "
          f"({runs[1].name}); difference {second - first:+.3f}, 90 % interval over {args.rounds} resamples "
          f"[{lo:+.3f}, {hi:+.3f}], second better in {(diffs > 0).mean():.0%} of them")


if __name__ == "__main__":
    main()
