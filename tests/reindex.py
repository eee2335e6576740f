"""Benchmark: an unchanged re-index of a large archive (not run by the tests).

    .venv/bin/python -m tests.reindex --docs 80000 [--folder DIR] [--runs 3]
        [--corpora DIR | FILE.jsonl.gz ...]

What a start of the server costs when nothing changed: ``union-search index`` over an
archive of N files, every one already indexed. The archive is N real news articles (the
first N records of the benchmark's corpora) written as text files under ``DIR/corpus``,
one folder per corpus file, made once and reused.

The index beside it (``DIR/index``) is a real index of those files, written by the
product's writer, holding what an unchanged run reads: each file's key fields (id, source,
content hash, stamp) and the census of its lines for learned chrome, taken by the same
reading code as a real run. It leaves out the analysed text fields, which an unchanged run
never opens and which pyvi would take an hour and a half to make at 80,000 files. The
timed call is :func:`indexer.indexing.index_corpus` itself, ``--runs`` times, then its
parts one by one.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import statistics
import time
from pathlib import Path
from typing import Any

from indexer.fields import CHROME_CENSUS
from indexer.indexing import IndexSummary, _compare, _indexed_files, _stale, index_corpus
from indexer.learned import Thresholds, read_census
from indexer.report import read_draft, report_id
from indexer.store import open_view, open_writer
from tests.benchmark import CORPORA, corpus_paths, records, timed

DEFAULT_FOLDER = Path("/tmp/union-search-reindex")


def write_archive(corpus: Path, paths: list[Path], docs: int) -> int:
    """The first ``docs`` records as text files (title, blank line, text); kept when the
    folder already holds that many."""
    existing = sum(1 for _ in corpus.rglob("*.txt")) if corpus.is_dir() else 0
    if existing == docs:
        return 0
    shutil.rmtree(corpus, ignore_errors=True)
    for number, record in enumerate(records(paths, docs)):
        folder = record["id"].split("-")[0]  # the corpus file's name
        path = corpus / folder / f"{number:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{record.get('title') or ''}\n\n{record.get('text') or ''}\n",
                        encoding="utf-8")
    return docs


def _key_document(job: tuple[str, str]) -> dict[str, Any] | None:
    """What an unchanged run reads of one file, as the product's reading code takes it."""
    path, root = Path(job[0]), Path(job[1])
    try:
        draft = read_draft(path, root)
    except Exception:  # the run being measured reports it; the census simply lacks it
        return None
    return {"id": report_id(draft.relative), "source": draft.relative, "sha256": draft.sha256,
            "stamp": draft.stamp, CHROME_CENSUS: draft.census.encode()}


def write_index(corpus: Path, index: Path, workers: int) -> float:
    """An index of the archive's key fields and censuses; its build time."""
    started = time.perf_counter()
    jobs = [(str(path), str(corpus)) for path in sorted(corpus.rglob("*.txt"))]
    writer = open_writer(index, rebuild=True, commit_every=len(jobs) + 1)
    with multiprocessing.Pool(workers) as pool:
        for document in pool.imap(_key_document, jobs, chunksize=64):
            if document is not None:
                writer.update(document)
    writer.finish()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, metavar="FILE.jsonl.gz",
                        help="corpus files (default: the benchmark's, in its order)")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--docs", type=int, default=80_000)
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args(argv)
    corpus, index = args.folder / "corpus", args.folder / "index"
    paths = corpus_paths(args)
    if write_archive(corpus, paths, args.docs) or not open_view_ok(index):
        print(f"writing the index of {args.docs:,} files' key fields…", flush=True)
        print(f"  built in {write_index(corpus, index, args.workers):.0f} s", flush=True)

    print(f"\nUnchanged re-index of {args.docs:,} files (`index_corpus`), {args.runs} runs:")
    seconds = []
    for _ in range(args.runs):
        summary = index_corpus(corpus, index, workers=args.workers)
        seconds.append(summary.seconds)
        print(f"  {summary.describe()}")
    print(f"  median {statistics.median(seconds):.2f} s")

    print("\nIts parts:")
    view = open_view(index)
    took, indexed = timed(lambda: _indexed_files(view))
    print(f"  key columns read ({len(indexed):,} files): {took / 1000:.2f} s")
    took, censuses = timed(lambda: read_census(view))
    print(f"  census column read and decoded: {took / 1000:.2f} s")
    view.close()
    took, _ = timed(lambda: _compare(corpus, indexed, IndexSummary()))
    print(f"  archive walked, every stamp compared: {took / 1000:.2f} s")
    kept = {source: census for source, (_, census) in censuses.items()}
    took, _ = timed(lambda: _stale(kept, {}, Thresholds.from_settings()))
    print(f"  chrome learned again from the census: {took / 1000:.2f} s")
    return 0


def open_view_ok(index: Path) -> bool:
    """Whether ``index`` holds an index of this schema version."""
    try:
        open_view(index).close()
    except Exception:
        return False
    return True


if __name__ == "__main__":
    raise SystemExit(main())
