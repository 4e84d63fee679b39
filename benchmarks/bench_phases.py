"""Where a whole ``copylint check`` process reaches its peak memory, by phase (issue 11, item 5).

    python benchmarks/bench_phases.py [--size 2MB] [--format json] [--select ALL]

Builds bench_scale.py's article at ``--size`` and checks it with the command line, in this one
process (the default rules unless ``--select`` names others, ``--no-cache``, the report to
/dev/null), while a thread samples the process's resident memory (``VmRSS``) every 50 ms. Each
sample is labelled by what the main thread is doing: the parse (with the rules that need none
beside it), the article's Doc being assembled, each rule after the parse, and writing the report
(``report``). Prints the highest RSS seen in each phase, in order, then the process's peak
(``ru_maxrss``). bench_memory.py says what grows inside a phase (tracemalloc); this says which
phase holds the peak in a real check.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scale import build, parse_size  # noqa: E402


def _rss() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", default="2MB")
    ap.add_argument("--format", default="json")
    ap.add_argument("--select", help="only these rules (ALL: every rule, those off by default too)")
    args = ap.parse_args()

    import copylint.engine as engine
    import copylint.nlp as nlp
    import copylint.reporters as reporters
    from copylint.cli import app

    phase = ["start"]
    peaks: dict[str, float] = {}

    def sample() -> None:
        while True:
            label, rss = phase[0], _rss()
            peaks[label] = max(peaks.get(label, 0.0), rss)
            time.sleep(0.05)

    def labelled(obj, name: str, label):
        orig = getattr(obj, name)

        def wrapper(*a, **k):
            if threading.current_thread() is threading.main_thread():
                phase[0] = label(*a)
            return orig(*a, **k)
        setattr(obj, name, wrapper)

    labelled(engine.RuleSet, "_check", lambda _self, rule, *_: f"rule {rule.id}")
    labelled(nlp._Assembly, "finish", lambda *_: "assemble the Doc")
    labelled(reporters, "pieces", lambda *_: "report")

    tmp = Path(tempfile.mkdtemp(prefix="copylint-phases-"))
    path = tmp / "article.md"
    build(path, parse_size(args.size), "paragraphs")
    (tmp / ".copylint.toml").write_text('max-file-size = "1GB"\n', encoding="utf-8")
    os.chdir(tmp)
    threading.Thread(target=sample, daemon=True).start()
    phase[0] = "parse"
    stdout, sys.stdout = sys.stdout, open(os.devnull, "w", encoding="utf-8")
    t = time.process_time()
    try:
        app(["check", "--no-cache", "--format", args.format, *(["--select", args.select] if args.select else []),
             str(path)])
    except SystemExit:
        pass
    finally:
        sys.stdout.close()
        sys.stdout = stdout
    cpu = time.process_time() - t
    time.sleep(0.1)
    for label, rss in peaks.items():  # in the order the phases began
        print(f"{rss:7.0f} MB  {label}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; "
          f"{cpu:.0f} s CPU; {args.size} article; {args.select or 'the default'} rules")
    path.unlink()
    (tmp / ".copylint.toml").unlink()
    tmp.rmdir()


if __name__ == "__main__":
    main()
