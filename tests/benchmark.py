"""Benchmark: index real Vietnamese news articles and time searches (not run by the tests).

    .venv/bin/python -m tests.benchmark ../shared/corpora/dantri-unc.jsonl.gz \\
        ../shared/corpora/vietnews-test.jsonl.gz --docs 10000 --index /tmp/bench-index

Reads gzip JSON Lines records (``id``, ``title``, ``date``, ``text``), indexes the first
``--docs`` of them through :func:`indexer.indexing.index_records` (pyvi in worker
processes), then runs each query of ``QUERIES`` ``--repeat`` times through the same
:meth:`search.Engine.search` the CLI and web UI use (facets and snippets included) and prints
the figures the README records.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

from indexer.indexing import index_records
from search import Engine

QUERIES = [
    ("common syllable", "năm"),
    ("common compound", "công an"),
    ("unaccented", "cong an"),
    ("two words", "giáo dục đào tạo"),
    ("phrase", '"thành phố Hồ Chí Minh"'),
    ("rare word", "công đoàn"),
    ("exclusion", "bóng đá -Việt"),
    ("OR", "xăng OR dầu"),
    ("filter only", "năm:2020"),
    ("misspelt", "giáo dụcc"),
]


def records(paths: list[Path], limit: int) -> Iterator[dict]:
    count = 0
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                record["id"] = f"{path.name.split('.')[0]}-{record['id']}"
                yield record
                count += 1
                if count >= limit:
                    return


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--index", type=Path, default=Path("/tmp/union-search-bench"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="search an existing index")
    args = parser.parse_args()

    if not args.keep:
        shutil.rmtree(args.index, ignore_errors=True)
        loaded = list(records(args.paths, args.docs))
        chars = sum(len(r.get("text") or "") for r in loaded)
        summary = index_records(loaded, args.index, workers=args.workers, commit_every=5_000)
        rate = summary.added / summary.seconds
        print(f"indexed {summary.added} docs ({chars / 1e6:.1f} M chars) in "
              f"{summary.seconds:.1f} s: {rate:.1f} docs/s with {args.workers} worker(s); "
              f"{len(summary.failed)} failed; index {folder_size(args.index) / 1e6:.1f} MB")

    engine = Engine(args.index)
    started = time.perf_counter()
    engine.search("")
    print(f"first search (opens the index, loads pyvi and the facet table): "
          f"{(time.perf_counter() - started) * 1000:.0f} ms")
    print("| query | matches | p50 ms | max ms |\n|---|---|---|---|")
    for label, query in QUERIES:
        times, total = [], 0
        for _ in range(args.repeat):
            result = engine.search(query)
            times.append(result["took_ms"])
            total = result["total"]
        print(f"| {label}: `{query}` | {total} | {statistics.median(times):.0f} | "
              f"{max(times):.0f} |")


if __name__ == "__main__":
    main()
