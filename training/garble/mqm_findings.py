"""Which garble findings land on the marks of machine-translated news (mqm-dev), and by how much
doubt (session 15, measuring only: mqm-dev is the check, never a tuning set).

    python training/garble/mqm_findings.py --out work/mqm-run9.json        # the model in the package
    python training/garble/mqm_findings.py --out X.json --calibration C.json   # another calibration
    python training/garble/mqm_findings.py --diff work/mqm-run9.json work/mqm-run12.json

Checks every article of ``../shared/mqm-dev`` as ``score.py --cmd "python -m copylint.cli check
--no-cache --format json --extend-select word-fit,spun-article"`` does (one Linter, the config of the
working directory, the same rules) and matches the findings to the raters' marks with score.py's
own ``caught`` (a finding counts for precision when it is the first to catch a mark, as there). For
each ``word-fit`` and ``spun-article`` finding it also records the combiner's probability of the word
(and spun-article's evidence), its level and kind, and whether it overlaps any marked span of its
line at all. Prints precision over all findings (score.py's figure), then the garble findings by
level with how many land; ``--diff`` prints the findings one file has and the other lacks.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
MQM = ROOT.parent / "shared" / "mqm-dev"
RULES = ("word-fit", "spun-article")


def _score_module():
    spec = importlib.util.spec_from_file_location("score", ROOT.parent / "shared" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run(calibration: str | None) -> dict:
    from copylint import wordfit
    from copylint.checks import garble
    from copylint.engine import Linter

    if calibration:
        cal = json.loads(Path(calibration).read_text(encoding="utf-8"))
        wordfit.calibration = lambda: cal
    seen: dict[tuple[str, int], tuple[float, str | None]] = {}
    evidence: dict[str, float] = {}
    inner = garble._WordFitRule.candidates

    def candidates(self, article):  # the combiner's probabilities, kept per (article, word start)
        cands = inner(self, article)
        for c in cands:
            seen[(article.path, c.score.start)] = (c.p, c.pattern)
        spun = garble.combiner().get("spun")
        if cands and spun and article.path not in evidence:
            evidence[article.path] = garble.spun_evidence(
                cands, spun["prior"], spun["rate"], garble.word_positions(article.wordfit.words, cands),
                spun.get("window", 0), len(article.wordfit.words))
        return cands

    garble._WordFitRule.candidates = candidates
    score = _score_module()
    linter = Linter({"extend_select": RULES})
    files = sorted(MQM.glob("*.txt"))
    results = linter.check_paths([str(f) for f in files])
    found = {Path(r.path).name: [f.to_dict() for f in r.findings] for r in results}
    extra = {Path(r.path).name: [(f.start, f.rule) for f in r.findings] for r in results}
    gold = [json.loads(x) for x in (MQM / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    used = set()
    for g in gold:
        lines = (MQM / g["file"]).read_text(encoding="utf-8").split("\n")
        hit = score.caught(g, found.get(g["file"], []), lines)
        if hit is not None:
            used.add(id(hit))
    rows, total, matched = [], 0, 0
    for name, fs in found.items():
        path = str(MQM / name)
        for f, (start, rule) in zip(fs, extra[name]):
            total += 1
            matched += id(f) in used
            if rule not in RULES:
                continue
            on_mark = any(score.caught(g, [f], []) is not None for g in gold
                          if g["file"] == name and g["family"] != "duplicate")
            p, pattern = seen.get((path, start), (None, None))
            rows.append({"file": name, "line": f["line"], "column": f["column"], "rule": rule,
                         "severity": f["severity"], "kind": f.get("kind"), "message": f["message"],
                         "p": p, "pattern": pattern, "evidence": evidence.get(path) if rule == "spun-article" else None,
                         "counted": id(f) in used, "on_mark": on_mark})
    return {"findings": total, "matched": matched, "precision": matched / max(1, total), "garble": rows}


def summary(res: dict) -> None:
    print(f"all findings {res['findings']}, on a mark {res['matched']}: precision {res['precision']:.3f}")
    by = Counter()
    for r in res["garble"]:
        lv = f"{r['rule']} {r['severity']}" + (f" ({r['kind']})" if r["kind"] else "")
        by[(lv, r["counted"])] += 1
    for lv in sorted({k for k, _ in by}):
        print(f"  {lv}: {by[(lv, True)] + by[(lv, False)]}, counted {by[(lv, True)]}")


def key(r: dict) -> tuple:
    return (r["file"], r["line"], r["column"], r["rule"])


def show(r: dict) -> str:
    p = "" if r["p"] is None else f" p {r['p']:.3f}"
    ev = "" if r["evidence"] is None else f" evidence {r['evidence']:.2f}"
    mark = "counted" if r["counted"] else ("on a mark, not counted" if r["on_mark"] else "no mark")
    return (f"{r['file']}:{r['line']}:{r['column']} [{r['rule']} {r['severity']}{'/' + r['kind'] if r['kind'] else ''}]"
            f"{p}{ev} {mark}: {r['message']}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", help="write the findings here (JSON)")
    ap.add_argument("--calibration", help="judge with this calibration.json (the model in the package)")
    ap.add_argument("--diff", nargs=2, metavar=("A", "B"), help="two --out files: what each has that the other lacks")
    args = ap.parse_args()
    if args.diff:
        a, b = (json.loads(Path(x).read_text(encoding="utf-8")) for x in args.diff)
        for name, res in zip(args.diff, (a, b)):
            print(f"== {name}")
            summary(res)
        ka, kb = {key(r): r for r in a["garble"]}, {key(r): r for r in b["garble"]}
        for title, x, y in (("only in " + args.diff[0], ka, kb), ("only in " + args.diff[1], kb, ka)):
            print(f"\n{title}:")
            for k in sorted(set(x) - set(y)):
                print("  " + show(x[k]))
        print("\nin both, with another level or outcome:")
        for k in sorted(set(ka) & set(kb)):
            if (ka[k]["severity"], ka[k]["kind"], ka[k]["counted"]) != (kb[k]["severity"], kb[k]["kind"], kb[k]["counted"]):
                print("  A " + show(ka[k]) + "\n  B " + show(kb[k]))
        return
    res = run(args.calibration)
    summary(res)
    if args.out:
        Path(args.out).write_text(json.dumps(res, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
