"""The word-fit and spun-article rule examples under a candidate model, with their margins.

    python training/garble/rule_examples.py                                  # the shipped files
    python training/garble/rule_examples.py --model training/garble/work/run13-export

``--model`` is an export folder (``encoder.onnx``, ``embeddings.npz``, ``calibration.json``; the
shipped ``tokenizer.json`` when it has none), read in place of copylint/models/wordfit without
touching the package. Each example is checked as tests/test_rule_examples.py checks it (one finding
at the marked span with the suggestion shown, or none) and printed with how far it stands from the
threshold that decides it:

- word-fit, flag: the marked word's probability less the tier's threshold it reaches (info for a
  hint), the next most doubtful word of its paragraph (a hint goes to the paragraph's most
  doubtful), and the corrector's word against the confidence a suggestion needs (``suggest_min``);
- word-fit, pass: the info threshold less the most doubtful word's probability;
- spun-article, flag: the evidence less the threshold, and the marked word's probability less the
  next most doubtful word's (the finding sits at the most doubtful word);
- spun-article, pass: the threshold less the evidence.

Exit 1 if any example fails (a candidate that fails one needs new examples before it ships).
"""
from __future__ import annotations

import argparse
import atexit
import shutil
import sys
import tempfile
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", help="an export folder (default: the shipped files)")
    args = ap.parse_args()

    from copylint import wordfit
    from copylint.checks import garble
    from copylint.config import Config
    from copylint.engine import Linter
    from copylint.rule import all_rules, example_format, parse_marked

    if args.model:
        src = Path(args.model)
        missing = [n for n in ("encoder.onnx", "embeddings.npz", "calibration.json") if not (src / n).is_file()]
        if missing:
            print(f"error: {src} has no {', '.join(missing)}", file=sys.stderr)
            return 2
        tmp = Path(tempfile.mkdtemp(prefix="wordfit-"))
        atexit.register(shutil.rmtree, tmp, True)
        for p in wordfit.default_dir().iterdir():
            if p.is_file():
                (tmp / p.name).symlink_to((src / p.name if (src / p.name).is_file() else p).resolve())
        wordfit.default_dir = lambda: tmp  # read by the model's load and by calibration()

    seen: list = []
    original = garble._WordFitRule.candidates

    def recording(self, article):
        cands = original(self, article)
        fit = article.wordfit  # released once the article is checked
        seen[:] = [garble.word_positions(fit.words, cands) if cands else [], len(fit.words) if cands else 0, cands]
        return cands

    garble._WordFitRule.candidates = recording
    cal = garble.combiner()
    spun = cal["spun"]
    print(f"model: {args.model or 'shipped'}; warning {cal['warning']:.4f}, confirmed "
          f"{cal.get('confirmed', cal['warning']):.4f}, info {cal['info']:.4f}; spun-article threshold "
          f"{spun['threshold']:.2f} (window {spun.get('window', 0)}, min_words {spun['min_words']})")
    linter = Linter(isolated=True)
    rules = all_rules()
    failed = 0
    for rid in ("word-fit", "spun-article"):
        cls = rules[rid]
        for kind, examples in (("flag", cls.flags), ("pass", cls.passes)):
            for i, ex in enumerate(examples):
                text, span, suggestion = parse_marked(ex)
                found = [f for f in linter.check_text(text, path="example", fmt=example_format(cls, ex),
                                                      cfg=Config(select=(rid,))) if f.rule == rid]
                positions, n_words, in_order = seen
                ok, note = _verdict(kind, found, span, suggestion, text)
                failed += not ok
                print(f"{rid} {kind} {i}: {'ok' if ok else 'FAIL'}{note}; "
                      + _margin(rid, kind, positions, n_words, in_order, span, cal, text, garble))
    return 1 if failed else 0


def _verdict(kind, found, span, suggestion, text):
    if kind == "pass":
        return not found, "" if not found else f" ({len(found)} findings)"
    if len(found) != 1:
        return False, f" ({len(found)} findings)"
    f = found[0]
    at = text[f.raw_start:f.raw_end]
    if not (f.raw_start < span[1] and span[0] < max(f.raw_end, f.raw_start + 1)):
        return False, f" (at {at!r}, not the mark)"
    if f.suggestion != suggestion:
        return False, f" (suggests {f.suggestion!r}, the example shows {suggestion!r})"
    return True, f" (at {at!r}, suggestion {f.suggestion!r})"


def _margin(rid, kind, positions, n_words, in_order, span, cal, text, garble):
    cands = sorted(in_order, key=lambda c: -c.p)

    def word(c):
        return f"{c.token.text!r} {c.p:.3f}"

    marked = [c for c in cands if span and c.score.start < span[1] and span[0] < c.score.end]
    if rid == "word-fit":
        if kind == "pass":
            top = cands[0] if cands else None
            return f"top {word(top)}, {cal['info'] - top.p:+.3f} under info" if top else "no candidates"
        if not marked:
            return "the marked word is not a candidate"
        m = marked[0]
        tier = "warning" if m.p >= cal["warning"] else "info"
        same_block = [c for c in cands if c is not m and _block(text, c) == _block(text, m)]
        rival = f"; next in its paragraph {word(same_block[0])}" if same_block else ""
        alt = (f"; its suggestion {m.score.alt!r} at {m.score.p_alt or 0.0:.3f}, "
               f"{(m.score.p_alt or 0.0) - cal.get('suggest_min', 0.05):+.3f} against suggest_min")
        return f"marked {word(m)}, {m.p - cal[tier]:+.3f} over {tier}{rival}{alt}"
    spun = cal["spun"]
    # the evidence as SpunArticle.check sums it
    ev = garble.spun_evidence(in_order, spun["prior"], spun["rate"], positions, spun.get("window", 0),
                              n_words) if in_order else 0.0
    out = f"evidence {ev:.2f}, {ev - spun['threshold']:+.2f} against the threshold"
    if kind == "flag" and marked:
        m = marked[0]
        rival = next((c for c in cands if c is not m), None)
        out += f"; marked {word(m)}" + (f", next {word(rival)} ({m.p - rival.p:+.3f})" if rival else "")
    return out


def _block(text, c):
    return text.rfind("\n\n", 0, c.score.start)


if __name__ == "__main__":
    sys.exit(main())
