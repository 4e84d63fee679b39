"""One split of the product side's corpora, shared by every training, tuning and evaluation script.

Nothing here is used by copylint itself or by its tests (they never read ``../shared``).

``../shared/news-corpus`` is split by its ``group`` column (two translations of one article share a
group), by a hash of the group, so the split never changes when files are added:

- ``train`` (70 %): models learn from it (the garble word-fit model, the residue classifier);
- ``tune``  (15 %): thresholds and calibration are chosen on it;
- ``test``  (15 %): held apart. Figures are reported on it; nothing is tuned on it.

``../shared/clean-news`` is a report set (every alarm there is false): figures are reported on it,
and its alarms may be read to find *kinds* of false alarm, never to fit a threshold or a word.

``../shared/web-pages`` is split by site (the host of the page's URL) the same way, into ``train``
and ``test`` halves.

Usage::

    from splits import news_corpus, clean_news, web_pages
    for doc in news_corpus("test"):
        doc.name, doc.group, doc.text
"""
from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

NEWS_SPLITS = {"train": (0, 70), "tune": (70, 85), "test": (85, 100)}
WEB_SPLITS = {"train": (0, 50), "test": (50, 100)}


@dataclass(frozen=True)
class Doc:
    name: str
    group: str
    path: Path

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def bucket(key: str) -> int:
    """A stable bucket in [0, 100) for a key (sha1, not Python's salted hash)."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 100


def _in(split: str, key: str, table: dict[str, tuple[int, int]]) -> bool:
    if split not in table:
        raise ValueError(f"unknown split {split!r}; one of {', '.join(table)}")
    lo, hi = table[split]
    return lo <= bucket(key) < hi


def need_shared(shared: Path = SHARED) -> Path:
    if not shared.is_dir():
        raise SystemExit(f"this script needs the product side's data folder beside the checkout: "
                         f"{shared} (news-corpus/, clean-news/, web-pages/ ...) was not found")
    return shared


def news_corpus(split: str, shared: Path = SHARED) -> Iterator[Doc]:
    """The documents of ``news-corpus`` in one split (``train``, ``tune`` or ``test``), in file order."""
    folder = need_shared(shared) / "news-corpus"
    with open(folder / "MANIFEST.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if _in(split, row["group"], NEWS_SPLITS):
                yield Doc(row["file"], row["group"], folder / row["file"])


def clean_news(shared: Path = SHARED) -> Iterator[Doc]:
    for path in sorted((need_shared(shared) / "clean-news").glob("*.txt")):
        yield Doc(path.name, path.stem, path)


def site(url: str) -> str:
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def web_pages(split: str, shared: Path = SHARED) -> Iterator[dict]:
    """The pages of ``web-pages`` in one split, by site: each a ``truth.jsonl`` record plus ``path``."""
    folder = need_shared(shared) / "web-pages"
    for line in (folder / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if _in(split, site(rec.get("url", rec["file"])), WEB_SPLITS):
            rec["path"] = folder / rec["file"]
            yield rec


if __name__ == "__main__":
    for s in NEWS_SPLITS:
        docs = list(news_corpus(s))
        words = sum(len(d.text.split()) for d in docs)
        print(f"news-corpus {s:5}: {len(docs):5} files, {len({d.group for d in docs}):4} groups, {words:7} words")
    for s in WEB_SPLITS:
        pages = list(web_pages(s))
        print(f"web-pages   {s:5}: {len(pages):5} pages, {len({site(p['url']) for p in pages}):4} sites")
