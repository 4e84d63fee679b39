"""The language server's latency, spoken to over stdio as an editor would (a few minutes).

    python benchmarks/bench_server.py [--edits 40] [--starts 3] [--words 800] [--from-source] [--against DIR]

Builds an article of about 800 words (Markdown: a headline and paragraphs drawn with a seeded
generator from samples/ and bench_speed.py's generated news paragraphs), then:
  1. start -> first diagnostics: from spawning ``copylint server`` to the publishDiagnostics that
     answers the didOpen sent right after ``initialize`` (fresh process each time; median of
     ``--starts``). Targets: <= 3 s.
  2. didChange -> publishDiagnostics: ``--edits`` edits one after another, each a word changed in a
     random paragraph (as typing does), each timed from sending the didChange to receiving the
     diagnostics for that version, with the server's default debounce (50 ms) included. Prints the
     median and the 90th percentile. Target: median <= 150 ms.
Timing is wall clock on a shared machine: run it when the machine is otherwise idle. Beside each
wall-clock figure the server process's CPU time is printed (user + system, from /proc, all its
threads; on a loaded machine the CPU time is the steadier figure): for the start, the CPU spent
up to the first diagnostics (Harper's dictionary is built in a thread of its own beside spaCy's
load, so the CPU time can exceed the wall-clock time on an idle machine); for an edit, the CPU
spent between the didChange and its diagnostics. The start's CPU is also given without Harper's
thread (its dictionary, in Rust, the GIL let go; the server logs its CPU with ``COPYLINT_LOG=info``,
which this sets): the rest is Python, run one thread at a time, and what a start on an idle 2-core
machine takes, nearly; of the figures here, the one a loaded machine moves least.
``--against DIR`` starts another checkout's server (``PYTHONPATH=DIR``; main's, for instance)
before each of this one's, on the same article: the two measured alternately, in one sitting.

copylint's modules are compiled to bytecode first (``compileall``, into their ``__pycache__``), as
pip does when it installs copylint: otherwise, where ``PYTHONDONTWRITEBYTECODE`` is set (as on the
team's machine), every start would compile them from source again (about 0.13 s of CPU), which no
installed copylint does. ``--from-source`` removes that bytecode instead (the figures before
session 10 were measured so).
"""
from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_speed import generated_paragraph, sample_paragraphs  # noqa: E402
from lspclient import Client, T_uri  # noqa: E402
from runs import median_runs  # noqa: E402

WORDS = ["council", "minister", "river", "budget", "hospital", "station", "court", "union", "plan"]


def build_article(words: int, seed: int = 5) -> str:
    rng = random.Random(seed)
    pool = [p for p in sample_paragraphs() if len(p.split()) < 120]
    paras, n = [], 0
    while n < words:
        p = rng.choice(pool) if rng.random() < 0.6 else generated_paragraph(rng)
        p = " ".join(p.split())
        paras.append(p)
        n += len(p.split())
    return "# Council approves the flood defence budget\n\n" + "\n\n".join(paras) + "\n"


def edit(text: str, rng: random.Random) -> str:
    """Change one word of one paragraph (not the headline)."""
    paras = text.split("\n\n")
    k = rng.randrange(1, len(paras))
    words = paras[k].split(" ")
    i = rng.randrange(len(words))
    words[i] = rng.choice(WORDS) + ("," if words[i].endswith(",") else "")
    paras[k] = " ".join(words)
    return "\n\n".join(paras)


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process (all its threads) so far; NaN where /proc is missing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


_HARPER = re.compile(r"Harper's dictionary \(its own thread\): [\d.]+ s wall, ([\d.]+) s CPU")


@dataclass
class Start:
    wall: float         # spawning the server -> the first publishDiagnostics
    cpu: float          # the server's CPU to then, all its threads
    beside_harper: float  # the same without Harper's dictionary (Rust, its own thread, the GIL let go):
    #                       the Python work, one thread at a time, that two cores do not shorten
    diagnostics: int


def start_once(root: Path, uri: str, text: str, tree: Path | None = None) -> tuple[Start, Client]:
    """One fresh server (``tree``: another checkout's copylint, e.g. main's, instead of this one's),
    the document opened right after ``initialize``; the client is left running."""
    env = {"COPYLINT_LOG": "info"}
    command = None
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
        entry = "copylint" if (tree / "copylint" / "__main__.py").exists() else "copylint.cli"
        command = [sys.executable, "-m", entry, "server"]
    client = Client(str(root), command=command, env=env)
    client.start()
    client.open(uri, text, "markdown")
    t, params = client.next_published(uri, timeout=300)
    cpu = process_cpu(client.client._server.pid)
    time.sleep(0.2)  # its log
    harper = next((float(m.group(1)) for line in client.stderr for m in [_HARPER.search(line)] if m), 0.0)
    return Start(t - client.started, cpu, cpu - harper, len(params.diagnostics)), client


def _summary(starts: list[Start]) -> str:
    return (f"median {median_runs([s.wall for s in starts])} wall; server CPU to then median "
            f"{median_runs([s.cpu for s in starts])}, of which outside Harper's thread median "
            f"{median_runs([s.beside_harper for s in starts])}; "
            f"{starts[-1].diagnostics} diagnostics")


def compile_package(package: Path, from_source: bool) -> None:
    """copylint's modules compiled to bytecode as pip installs them, or (``from_source``) not."""
    if from_source:
        import shutil
        for cache in package.rglob("__pycache__"):
            shutil.rmtree(cache)
    else:
        import compileall
        compileall.compile_dir(str(package), quiet=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--edits", type=int, default=40)
    ap.add_argument("--starts", type=int, default=3)
    ap.add_argument("--words", type=int, default=800)
    ap.add_argument("--from-source", action="store_true",
                    help="remove copylint's modules' bytecode: each start compiles them")
    ap.add_argument("--against", type=Path, metavar="DIR",
                    help="another checkout (e.g. `git worktree add /tmp/main main`): its starts alternate "
                         "with this one's, on the same article")
    args = ap.parse_args()
    import copylint  # the copylint the server will import (this Python, this PYTHONPATH)
    compile_package(Path(copylint.__file__).parent, args.from_source)
    if args.against is not None:
        compile_package(args.against / "copylint", args.from_source)

    text = build_article(args.words)
    root = Path(tempfile.mkdtemp(prefix="copylint-server-bench-"))
    path = root / "article.md"
    path.write_text(text, encoding="utf-8")
    uri = T_uri(str(path))
    print(f"article: {len(text.split())} words, {text.count(chr(10) + chr(10))} paragraphs; copylint's modules "
          f"{'from source' if args.from_source else 'compiled to bytecode beforehand'}; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    starts, others = [], []
    for k in range(args.starts):
        if args.against is not None:
            other, oc = start_once(root, uri, text, args.against)
            oc.stop()
            others.append(other)
        start, client = start_once(root, uri, text)
        starts.append(start)
        if k == 0:  # the server's own account of its start (COPYLINT_LOG=info), first run
            for line in client.stderr:
                if "start phase:" in line or "ready in" in line:
                    print("  " + line.split("INFO: ", 1)[-1])
        if k < args.starts - 1:
            client.stop()
    print(f"start -> first diagnostics: {_summary(starts)}")
    if others:
        print(f"  {args.against}, alternated with them: {_summary(others)}")

    rng = random.Random(9)
    latencies, cpu = [], []
    current = text
    pid = client.client._server.pid
    for _ in range(args.edits):
        current = edit(current, rng)
        before = process_cpu(pid)
        sent = client.change(uri, current)
        version = client.versions[uri]
        while True:
            t, params = client.next_published(uri, timeout=120)
            if params.version == version:
                break
        latencies.append((t - sent) * 1000)
        cpu.append((process_cpu(pid) - before) * 1000)
    client.stop()
    print(f"didChange -> publishDiagnostics, server CPU per edit: median {statistics.median(cpu):.0f} ms "
          f"(clock ticks of {1000 / os.sysconf('SC_CLK_TCK'):.0f} ms)")
    latencies.sort()
    p90 = latencies[min(len(latencies) - 1, int(0.9 * len(latencies)))]
    print(f"didChange -> publishDiagnostics over {len(latencies)} edits: median {statistics.median(latencies):.0f} ms, "
          f"90th percentile {p90:.0f} ms, fastest {latencies[0]:.0f} ms (debounce 50 ms included)")


if __name__ == "__main__":
    main()
