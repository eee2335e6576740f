"""Benchmark: the index writer's memory and CPU as the index grows (not run by the tests).

    .venv/bin/python -m tests.writer_memory --docs 80000 [--distinct 2000]
        [--commit-every 1000] [--index DIR] [--corpora DIR | FILE.jsonl.gz ...]

The writer alone, as ``union-search index`` drives it: ``--distinct`` real articles (the
first records of the benchmark's corpora) are analysed once, in this process, then written
again and again under new ids and sources until ``--docs`` reports are indexed, committed
every ``--commit-every`` (the product's default). Each commit prints the reports indexed, the
segments, the writer's CPU so far and the peak of its private memory (``RssAnon``) and of the
index it has mapped (``RssFile``) since the previous commit, sampled every 50 ms. Memory
flat in the number of reports shows as the same peaks from the first commit to the last.
"""

from __future__ import annotations

import argparse
import shutil
import threading
import time
from pathlib import Path

from indexer.indexing import _prepare_record
from indexer.store import open_writer
from tests.benchmark import CORPORA, KB_MB, corpus_paths, records, status_kb


class Peaks:
    """The highest RssAnon and RssFile of this process since the last :meth:`take`."""

    def __init__(self) -> None:
        self.anon = self.file = 0
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while True:
            self.anon = max(self.anon, status_kb("self", "RssAnon") or 0)
            self.file = max(self.file, status_kb("self", "RssFile") or 0)
            time.sleep(0.05)

    def take(self) -> tuple[float, float]:
        taken = (self.anon * KB_MB, self.file * KB_MB)
        self.anon = self.file = 0
        return taken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, metavar="FILE.jsonl.gz")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--docs", type=int, default=80_000)
    parser.add_argument("--distinct", type=int, default=2_000)
    parser.add_argument("--commit-every", type=int, default=1_000)
    parser.add_argument("--index", type=Path, default=Path("/tmp/union-search-writer"))
    args = parser.parse_args(argv)

    documents = [prepared.document for prepared in map(_prepare_record,
                                                        records(corpus_paths(args), args.distinct))
                 if prepared.document is not None]
    print(f"{len(documents):,} articles analysed; RssAnon {status_kb('self', 'RssAnon') * KB_MB:,.0f}"
          f" MB with them in memory", flush=True)
    shutil.rmtree(args.index, ignore_errors=True)
    writer = open_writer(args.index, rebuild=True, commit_every=args.commit_every)
    peaks = Peaks()
    started = time.process_time()
    print("| reports | segments | writer CPU s | peak RssAnon MB | peak RssFile MB |")
    print("|---|---|---|---|---|")
    for n in range(args.docs):
        document = dict(documents[n % len(documents)])
        round_ = n // len(documents)
        document["id"] = f"{round_}-{document['id']}"
        document["source"] = f"{round_}/{document['source']}"
        writer.add(document)
        if writer.pending == 0 or n == args.docs - 1:
            if n == args.docs - 1:
                writer.finish()
            anon, mapped = peaks.take()
            print(f"| {n + 1:,} | {writer.segments} | {time.process_time() - started:,.0f} | "
                  f"{anon:,.0f} | {mapped:,.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
