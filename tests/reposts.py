"""Reposted copies found, measured on real articles (not run by the test suite).

    .venv/bin/python -m tests.reposts FILE.jsonl.gz... [--docs 3000] [--reposts 300]
        [--index /tmp/reposts-index]

``--docs`` real articles, and for ``--reposts`` of them a repost made the ways union sites
repost: other page chrome (a menu and a footer left in the text), another title, a
paragraph added (taken from another article, about a sixth of the length), the last
paragraph cut, a few words changed, or all of these at once. All are indexed through
:func:`indexer.indexing.index_records`; then, for each threshold, the groups of
:func:`search.duplicates.find_groups` are checked against what was made: a repost found
(grouped with its original), and reports grouped that are not copies of each other
(wrong). Prints a Markdown table per kind of repost and threshold.
"""

from __future__ import annotations

import argparse
import random
import shutil
import time
from collections import Counter
from pathlib import Path

from indexer.indexing import index_records
from indexer.store import open_view
from search.duplicates import find_groups
from search.facets import FacetTable
from tests.benchmark import records

KINDS = ("chrome", "title", "added", "cut", "edited", "all")
CHROME_TOP = ["Trang chủ | Tin tức | Hoạt động | Văn bản | Liên hệ",
              "Chia sẻ: Facebook | Zalo | In bài viết"]
CHROME_BOTTOM = ["Tin liên quan", "Bản quyền © Công đoàn ngành Giáo dục. Lượt xem: 2.345",
                 "Về đầu trang"]


def repost(record: dict, kind: str, donor: dict, rng: random.Random) -> dict:
    """A repost of ``record`` made the way ``kind`` says (``donor``: another article, for
    an added paragraph)."""
    paragraphs = [p for p in record["text"].split("\n") if p.strip()]
    title = record.get("title") or ""
    if kind in ("title", "all"):
        title = f"Đăng lại: {title} (theo báo điện tử)"
    if kind in ("added", "all"):
        extra = " ".join(donor["text"].split()[:max(20, len(record["text"].split()) // 6)])
        paragraphs.append(extra)
    if kind == "cut" and len(paragraphs) > 3:
        paragraphs = paragraphs[:-1]
    if kind == "edited":
        words = " \n ".join(paragraphs).split(" ")
        for i in rng.sample(range(len(words)), max(1, len(words) // 30)):
            words[i] = rng.choice(["đã", "được", "cũng", "những", "các"])
        paragraphs = " ".join(words).split(" \n ")
    if kind in ("chrome", "edited", "all"):
        paragraphs = [*CHROME_TOP, *paragraphs, *CHROME_BOTTOM]
    return {**record, "id": record["id"] + "-repost", "title": title,
            "text": "\n".join(paragraphs)}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.reposts",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--reposts", type=int, default=300)
    parser.add_argument("--index", type=Path, default=Path("/tmp/reposts-index"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true",
                        help="measure on the index made by an earlier run (same arguments)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    loaded = list(records(args.paths, args.docs))
    originals = rng.sample(loaded, min(args.reposts, len(loaded)))
    made = {}
    copies = []
    for number, record in enumerate(originals):
        kind = KINDS[number % len(KINDS)]
        copy = repost(record, kind, rng.choice(loaded), rng)
        copies.append(copy)
        made[copy["id"]] = (record["id"], kind)
    if not args.keep:
        shutil.rmtree(args.index, ignore_errors=True)
        began = time.perf_counter()
        index_records([*loaded, *copies], args.index, rebuild=True)
        print(f"indexed {len(loaded)} articles and {len(copies)} reposts in "
              f"{time.perf_counter() - began:.0f} s\n")
    view = open_view(args.index)
    table = FacetTable(view)
    id_of = {d: view.stored(d)["id"] for d in range(view.size)}
    source_id = {view.stored(d)["source"].removeprefix("records/"): d for d in range(view.size)}
    unexpected: list[tuple[str, list[str]]] = []
    print("| threshold | kind | reposts | found | missed |")
    print("|---|---|---|---|---|")
    for threshold in (0.6, 0.7, 0.8, 0.9):
        began = time.perf_counter()
        groups = find_groups(view, table.dates, threshold)
        seconds = time.perf_counter() - began
        found, total = Counter(), Counter()
        for copy_id, (original_id, kind) in made.items():
            total[kind] += 1
            a, b = source_id.get(copy_id), source_id.get(original_id)
            if a is not None and b is not None and groups.head[a] == groups.head[b]:
                found[kind] += 1
        pairs = {(source_id[c], source_id[o]) for c, (o, _) in made.items()
                 if c in source_id and o in source_id}
        wrong = 0
        for members in groups.members.values():
            for d in members:
                partners = {x for x in members if x != d}
                true = {o for c, o in pairs if c == d} | {c for c, o in pairs if o == d}
                if partners - true:
                    wrong += 1
                    if threshold == 0.8:
                        unexpected.append((id_of[d], [id_of[x] for x in partners - true]))
        for kind in KINDS:
            print(f"| {threshold:.0%} | {kind} | {total[kind]} | {found[kind]} | "
                  f"{total[kind] - found[kind]} |")
        print(f"| {threshold:.0%} | **all** | {sum(total.values())} | "
              f"**{sum(found.values())}** | {sum(total.values()) - sum(found.values())} |")
        print(f"| {threshold:.0%} | reports grouped with one that is not their copy | "
              f"{len(id_of)} | **{wrong}** | grouping took {seconds * 1000:.0f} ms |")
    titles = {view.stored(d)["id"]: view.stored(d)["title"] for d in range(view.size)}
    print("\nAt 80 %, grouped with a report that is not their made copy (judge by eye):")
    for doc_id, others in unexpected:
        print(f"- {titles[doc_id][:70]!r} ~ " + "; ".join(repr(titles[o][:70]) for o in others))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
