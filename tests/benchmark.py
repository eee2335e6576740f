"""Benchmark: the product beside SQLite FTS5 on the same real news articles (not run by the tests).

    .venv/bin/python -m tests.benchmark --docs 10000 [--index DIR [--keep]] [--repeat 5]
        [--corpora DIR | FILE.jsonl.gz ...] [--workers 2] [--clients 1,8,32]
        [--http-seconds 10] [--skip-pyvi] [--skip-queries] [--skip-research] [--skip-cold]
        [--skip-http] [--out FILE.md]

One command, everything measured on the same N documents (the first N records of the
corpora, by default ``../shared/corpora`` next to the repository: dantri-unc, vietnews-test,
vietnews-val, baomoi-2017, in that order), and printed as Markdown tables:

1. **Indexing.** The product's index is built by :func:`indexer.indexing.index_records`
   (pyvi in ``--workers`` processes, one writer): wall time, docs/s, CPU seconds of the
   writer and of its workers (``getrusage``), each process's peak resident memory (VmHWM,
   sampled from ``/proc``), and the index folder's size against the raw text (UTF-8 bytes of
   title and text). Then pyvi alone (``ViTokenizer.tokenize`` over the same title and text,
   in as many processes) for the CPU per document the segmentation itself costs, and an
   SQLite FTS5 database of the same texts (see :class:`Fts5Index`).
2. **Queries.** The mix of :data:`QUERIES` (classes of at least five queries of words taken
   from the news corpus) through :meth:`search.Engine.search` (hits, total, facets,
   snippets, did-you-mean) and through :meth:`Fts5Index.full_result` (top 10 by
   ``bm25()`` with ``snippet()``, the total, a ``GROUP BY`` facet), interleaved (product,
   FTS5, then FTS5, product…), after one untimed pass that warms both: per class p50 and p95
   in milliseconds, wall-clock around the call in this process for both.
3. **Cold start.** A new process opens the index and answers one query (with marks, then
   in another new process one without), for both engines (``--cold-runs`` processes each,
   median). The system's page cache is warm: the files were just written or read.
4. **HTTP.** ``union-search serve --index DIR --no-watch`` (its default processes and
   threads) and a minimal FTS5 server (:func:`serve_fts5`: ``ThreadingHTTPServer``, the
   same full result as JSON), each on loopback, driven in turn by the same URLs
   (``/api/search?q=…`` of the query mix) at 1, 8 and 32 client threads for
   ``--http-seconds`` each.
5. **Research pages.** Trend, concordance, award list, a report page reached from a search,
   the results page and the search's CSV, each rendered by the web app in this process
   (Flask's test client) for the terms of :data:`RESEARCH_TERMS`: p50 and p95, the largest
   body, and the process's peak memory growth.

The index is kept (``--index``, default ``/tmp/union-search-bench``) with its indexing
figures beside it (``DIR.bench.json``), so ``--keep`` searches it again without rebuilding.
Neither engine is tuned. The FTS5 side only avoids two traps of a first attempt, each noted
where it is done: a join that scans the whole FTS5 table for a filter alone, and
``http.server``'s listen backlog of 5, which drops connections at 32 clients.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import platform
import queue
import re
import resource
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

# The product's modules are imported inside the functions that use them, so that the FTS5
# side (its cold start, its HTTP server) runs in processes that never load them.

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
CORPUS_FILES = ("dantri-unc.jsonl.gz", "vietnews-test.jsonl.gz", "vietnews-val.jsonl.gz",
                "baomoi-2017.jsonl.gz")
MB = 1_000_000  # decimal megabytes, as elsewhere in the README
KB_MB = 1024 / MB  # /proc's kB (KiB) to MB


@dataclass(frozen=True)
class Query:
    """One query of the mix: what a user types into the product, and the FTS5 equivalent.

    ``match`` is the FTS5 MATCH expression (a column filter, ``body`` for the text with its
    marks, ``folded`` for the text without); empty for a filter-only query, which is the
    facet WHERE ``year BETWEEN years[0] AND years[1]`` instead.
    """

    label: str
    text: str
    match: str = ""
    years: tuple[int, int] | None = None

    @property
    def column(self) -> int:
        """The FTS5 column whose snippet is shown (0 body, 1 folded)."""
        return 1 if self.match.startswith("folded") else 0


def _q(label: str, *pairs: tuple[str, str]) -> list[Query]:
    return [Query(label, text, match) for text, match in pairs]


def _years(text: str, low: int, high: int) -> Query:
    return Query("filter only", text, years=(low, high))


# Classes of five queries each, of words that occur in the news corpus. Compound words are
# FTS5 phrases; several words are an AND of pyvi's words (as the product reads them); a
# query typed without marks goes to the folded column; a misspelt one is searched as is.
QUERIES: list[Query] = [
    *_q("common syllable", ("năm", 'body: "năm"'), ("người", 'body: "người"'),
        ("được", 'body: "được"'), ("học", 'body: "học"'), ("tỉnh", 'body: "tỉnh"')),
    *_q("common compound", ("công an", 'body: "công an"'), ("thành phố", 'body: "thành phố"'),
        ("giáo dục", 'body: "giáo dục"'), ("kinh tế", 'body: "kinh tế"'),
        ("bệnh viện", 'body: "bệnh viện"')),
    *_q("unaccented", ("cong an", 'folded: "cong an"'), ("thanh pho", 'folded: "thanh pho"'),
        ("giao duc", 'folded: "giao duc"'), ("kinh te", 'folded: "kinh te"'),
        ("benh vien", 'folded: "benh vien"')),
    *_q("two words", ("giáo dục đào tạo", 'body: ("giáo dục" AND "đào tạo")'),
        ("học sinh trường", 'body: ("học sinh" AND "trường")'),
        ("bóng đá Việt Nam", 'body: ("bóng đá" AND "việt nam")'),
        ("kinh tế xã hội", 'body: ("kinh tế" AND "xã hội")'),
        ("bệnh viện bác sĩ", 'body: ("bệnh viện" AND "bác sĩ")')),
    *_q("phrase", ('"thành phố Hồ Chí Minh"', 'body: "thành phố hồ chí minh"'),
        ('"Bộ Giáo dục và Đào tạo"', 'body: "bộ giáo dục và đào tạo"'),
        ('"tai nạn giao thông"', 'body: "tai nạn giao thông"'),
        ('"Thủ tướng Chính phủ"', 'body: "thủ tướng chính phủ"'),
        ('"biến đổi khí hậu"', 'body: "biến đổi khí hậu"')),
    *_q("rare word", ("công đoàn", 'body: "công đoàn"'), ("ma túy", 'body: "ma túy"'),
        ("lũ lụt", 'body: "lũ lụt"'), ("động đất", 'body: "động đất"'),
        ("xâm hại", 'body: "xâm hại"')),
    *_q("exclusion", ("bóng đá -Việt", 'body: ("bóng đá" NOT "việt")'),
        ('công an -"giao thông"', 'body: ("công an" NOT "giao thông")'),
        ('giáo dục -"đại học"', 'body: ("giáo dục" NOT "đại học")'),
        ('bệnh viện -"Hà Nội"', 'body: ("bệnh viện" NOT "hà nội")'),
        ("thời tiết -mưa", 'body: ("thời tiết" NOT "mưa")')),
    *_q("OR", ("xăng OR dầu", 'body: ("xăng" OR "dầu")'), ("bão OR lũ", 'body: ("bão" OR "lũ")'),
        ("Hà Nội OR Hải Phòng", 'body: ("hà nội" OR "hải phòng")'),
        ("bác sĩ OR y tá", 'body: ("bác sĩ" OR "y tá")'),
        ("điện thoại OR máy tính", 'body: ("điện thoại" OR "máy tính")')),
    _years("năm:2019", 2019, 2019), _years("năm:2020", 2020, 2020),
    _years("năm:2021", 2021, 2021), _years("năm:2019..2020", 2019, 2020),
    _years("năm:2020..2021", 2020, 2021),
    *_q("misspelt", ("giáo dụcc", 'body: "giáo dụcc"'), ("bóng đáa", 'body: "bóng đáa"'),
        ("côngg an", 'body: "côngg an"'), ("bệnhh viện", 'body: "bệnhh viện"'),
        ("thành phốo", 'body: "thành phốo"')),
]
BY_TEXT = {query.text: query for query in QUERIES}
COLD_QUERIES = (BY_TEXT["công an"], BY_TEXT["cong an"])  # with marks, then without


# -- the documents -----------------------------------------------------------------------------


def records(paths: list[Path], limit: int) -> Iterator[dict]:
    """The first ``limit`` records of gzip JSON Lines files, in order; ids made unique by
    the file's name (``dantri-unc-123``)."""
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


def body_of(record: dict) -> str:
    """Title and text, NFC: what pyvi alone and FTS5 are given."""
    return unicodedata.normalize("NFC", f"{record.get('title') or ''}\n{record.get('text') or ''}")


def year_of(record: dict) -> int | None:
    """The year of the record's ``date`` (the product's date hint), if any."""
    found = re.match(r"(\d{4})-", str(record.get("date") or ""))
    return int(found.group(1)) if found else None


def fold(text: str) -> str:
    """Text without marks (tone and vowel marks removed, đ → d), for the folded column."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def folder_size(path: Path) -> int:
    """Bytes of the files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# -- SQLite FTS5 -------------------------------------------------------------------------------


class Fts5Index:
    """The comparison: an SQLite FTS5 database of the same documents.

    ``fts(body, folded)``: the title and text (NFC; ``unicode61`` folds case) and the same
    without marks (:func:`fold`), one ``unicode61 remove_diacritics 0`` tokenizer (syllables
    as tokens; marks kept in ``body``); ``docs(id, title, date, year)`` with the same rowid,
    for the hits' fields and the facet (``year``, indexed, from the record's date).
    """

    SCHEMA = (
        "CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT, title TEXT, date TEXT, "
        "year INTEGER)",
        "CREATE INDEX docs_year ON docs(year)",
        "CREATE VIRTUAL TABLE fts USING fts5(body, folded, "
        "tokenize='unicode61 remove_diacritics 0')",
    )
    HITS = ("SELECT d.id, d.title, d.date, top.snip FROM (SELECT rowid, rank, "
            "snippet(fts, ?, '<mark>', '</mark>', '…', 32) AS snip FROM fts WHERE fts MATCH ? "
            "ORDER BY rank LIMIT ?) AS top JOIN docs AS d ON d.rowid = top.rowid "
            "ORDER BY top.rank")
    FACET = ("SELECT d.year, count(*) FROM fts JOIN docs AS d ON d.rowid = fts.rowid "
             "WHERE fts MATCH ? GROUP BY d.year")
    # CROSS JOIN keeps the ten newest first: a plain JOIN scans the whole FTS5 table.
    FILTER_HITS = ("SELECT d.id, d.title, d.date, substr(f.body, 1, 300) FROM (SELECT rowid, "
                   "id, title, date FROM docs WHERE year BETWEEN ? AND ? ORDER BY date DESC "
                   "LIMIT ?) AS d CROSS JOIN fts AS f ON f.rowid = d.rowid ORDER BY d.date DESC")
    FILTER_TOTAL = "SELECT count(*) FROM docs WHERE year BETWEEN ? AND ?"
    ALL_YEARS = "SELECT year, count(*) FROM docs GROUP BY year"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    @staticmethod
    def available() -> bool:
        """Whether this Python's SQLite has FTS5."""
        try:
            sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        except sqlite3.OperationalError:
            return False
        return True

    @classmethod
    def build(cls, path: Path, docs: Iterable[dict]) -> int:
        """Write the database of ``docs`` (records) to ``path``; the number written."""
        path.unlink(missing_ok=True)
        db = sqlite3.connect(path)
        for statement in cls.SCHEMA:
            db.execute(statement)
        count = 0
        for rowid, record in enumerate(docs, 1):
            body = body_of(record)
            db.execute("INSERT INTO docs VALUES (?, ?, ?, ?, ?)",
                       (rowid, str(record["id"]), str(record.get("title") or ""),
                        str(record.get("date") or ""), year_of(record)))
            db.execute("INSERT INTO fts(rowid, body, folded) VALUES (?, ?, ?)",
                       (rowid, body, fold(body)))
            count += 1
        db.execute("INSERT INTO fts(fts) VALUES ('optimize')")  # merge the segments
        db.commit()
        db.close()
        return count

    def full_result(self, query: Query, limit: int = 10) -> dict[str, Any]:
        """What the product's search answers, the FTS5 way: the top ``limit`` with snippets,
        the total, and the year facet (over the matches; a year filter left out of its own
        facet, as the product's facets do)."""
        if query.years is None:
            hits = self.db.execute(self.HITS, (query.column, query.match, limit)).fetchall()
            years = self.db.execute(self.FACET, (query.match,)).fetchall()
            total = sum(count for _, count in years)
        else:
            hits = self.db.execute(self.FILTER_HITS, (*query.years, limit)).fetchall()
            total = self.db.execute(self.FILTER_TOTAL, query.years).fetchone()[0]
            years = self.db.execute(self.ALL_YEARS).fetchall()
        facet = sorted(({"value": year, "count": count} for year, count in years
                        if year is not None), key=lambda item: (-item["count"], -item["value"]))
        return {"total": total,
                "hits": [{"id": i, "title": t, "date": d, "snippet": s} for i, t, d, s in hits],
                "facets": {"year": facet}}


def serve_fts5(db_path: str, port: int) -> None:
    """A minimal FTS5 web server: ``GET /api/search?q=…`` (a query of :data:`QUERIES`)
    answers :meth:`Fts5Index.full_result` as JSON; a thread per connection, connections to
    the database reused from a pool."""
    pool: queue.SimpleQueue[Fts5Index] = queue.SimpleQueue()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            url = urllib.parse.urlsplit(self.path)
            query = BY_TEXT.get(urllib.parse.parse_qs(url.query).get("q", [""])[0])
            if url.path != "/api/search" or query is None:
                self._answer(404, {"error": "not a query of the mix", "status": 404})
                return
            try:
                index = pool.get_nowait()
            except queue.Empty:
                index = Fts5Index(Path(db_path))
            try:
                self._answer(200, index.full_result(query))
            finally:
                pool.put(index)

        def _answer(self, status: int, payload: dict[str, Any]) -> None:
            body = json.dumps(payload, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    ThreadingHTTPServer.request_queue_size = 1024  # waitress's backlog; the default 5 drops
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)  # connections at 32 clients
    server.daemon_threads = True
    server.serve_forever()


# -- measuring processes -------------------------------------------------------------------------


def cpu_seconds(who: int) -> float:
    """User and system CPU seconds of this process (``RUSAGE_SELF``) or of its children
    that have ended and been waited for (``RUSAGE_CHILDREN``)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def status_kb(pid: int | str, key: str) -> int | None:
    """A memory figure of ``/proc/<pid>/status`` (``VmHWM``, ``VmRSS``) in kB."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def reset_peak_rss() -> bool:
    """Reset this process's VmHWM to its current RSS (Linux: ``clear_refs`` 5)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def descendants(root: int) -> list[int]:
    """The processes under ``root`` (children, grandchildren…), from ``/proc``."""
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


class PeakSampler:
    """Samples the peak resident memory (VmHWM) of every process under ``root`` while it
    runs (``with`` block); ``peaks`` maps pid to kB. A process that lives less than the
    interval may be missed; a look at ``/proc`` costs about 2 ms of CPU (under 0.5 % of a
    core), counted in the process that samples."""

    def __init__(self, root: int, interval: float = 0.5) -> None:
        self.root, self.interval = root, interval
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        for pid in descendants(self.root):
            peak = status_kb(pid, "VmHWM")
            if peak is not None:
                self.peaks[pid] = max(peak, self.peaks.get(pid, 0))

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def megabytes(self) -> list[float]:
        """The peaks, largest first, in MB."""
        return sorted((kb * KB_MB for kb in self.peaks.values()), reverse=True)


@dataclass
class Run:
    """Wall time, CPU seconds (this process and its children) and peak memory of a phase."""

    seconds: float = 0.0
    cpu_self: float = 0.0
    cpu_children: float = 0.0
    peak_self_mb: float | None = None
    peak_children_mb: list[float] = field(default_factory=list)

    @property
    def cpu(self) -> float:
        return self.cpu_self + self.cpu_children


@contextmanager
def measured() -> Iterator[Run]:
    """Measure the block: wall time, CPU of this process and of the children it waited
    for, this process's peak RSS (reset at the start when the system allows) and each
    child's peak RSS."""
    run = Run()
    reset = reset_peak_rss()
    self_before, children_before = cpu_seconds(resource.RUSAGE_SELF), cpu_seconds(
        resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with PeakSampler(os.getpid()) as sampler:
        yield run
    run.seconds = time.perf_counter() - started
    run.cpu_self = cpu_seconds(resource.RUSAGE_SELF) - self_before
    run.cpu_children = cpu_seconds(resource.RUSAGE_CHILDREN) - children_before
    peak = status_kb("self", "VmHWM")
    run.peak_self_mb = peak * KB_MB if peak is not None and reset else None
    run.peak_children_mb = sampler.megabytes()


# -- indexing ----------------------------------------------------------------------------------


def build_product(loaded: list[dict], index: Path, workers: int) -> dict[str, Any]:
    """Index ``loaded`` from scratch into ``index``; the figures of the run."""
    from indexer.indexing import index_records

    shutil.rmtree(index, ignore_errors=True)
    # What the benchmark's process holds before indexing (the records, the libraries): the
    # writer's peak beyond it is what indexing itself took.
    before = (status_kb("self", "VmRSS") or 0) * KB_MB
    with measured() as run:
        summary = index_records(loaded, index, workers=workers, commit_every=5_000,
                                rebuild=True)
    return {"docs": len(loaded), "added": summary.added, "failed": len(summary.failed),
            "seconds": run.seconds, "cpu_self": run.cpu_self,
            "cpu_children": run.cpu_children, "peak_writer_mb": run.peak_self_mb,
            "peak_workers_mb": run.peak_children_mb, "rss_before_mb": before,
            "size": folder_size(index),
            "workers": workers, "date": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def _pyvi_tokenize(text: str) -> int:
    from pyvi import ViTokenizer

    return len(ViTokenizer.tokenize(text))


def pyvi_alone(loaded: list[dict], workers: int) -> Run:
    """pyvi over the same texts in ``workers`` processes, forked as the product's workers
    are, from a process holding the same records (each loads pyvi's model, as they do)."""
    with measured() as run, multiprocessing.get_context().Pool(workers) as pool:
        for _ in pool.imap_unordered(_pyvi_tokenize, map(body_of, loaded), chunksize=8):
            pass
        pool.close()
        pool.join()
    return run


def build_fts5(path: Path, paths: list[Path], docs: int) -> Run:
    """The FTS5 database of the first ``docs`` records, built in a new process that reads
    them first (as the product's writer holds them), measured there."""
    code = ("import json, sys\nfrom pathlib import Path\n"
            "from tests.benchmark import fts5_child\n"
            "print(json.dumps(fts5_child(Path(sys.argv[1]), int(sys.argv[2]), "
            "[Path(p) for p in sys.argv[3:]])))")
    done = subprocess.run([sys.executable, "-c", code, str(path), str(docs),
                           *map(str, paths)], cwd=ROOT, check=True, capture_output=True,
                          text=True)
    return Run(**json.loads(done.stdout.strip().splitlines()[-1]))


def fts5_child(path: Path, docs: int, paths: list[Path]) -> dict[str, Any]:
    """In the process :func:`build_fts5` starts: read the records, build, measure."""
    loaded = list(records(paths, docs))
    with measured() as run:
        Fts5Index.build(path, loaded)
    return {"seconds": run.seconds, "cpu_self": run.cpu_self, "cpu_children": 0.0,
            "peak_self_mb": (status_kb("self", "VmHWM") or 0) * KB_MB}


# -- queries ---------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` 0.5 is the median)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def timed(call: Callable[[], dict[str, Any]]) -> tuple[float, dict[str, Any]]:
    """Milliseconds of one call, and what it answered."""
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


@dataclass
class QueryTimes:
    """The timings (ms) and totals of one query on both engines."""

    query: Query
    product: list[float] = field(default_factory=list)
    fts5: list[float] = field(default_factory=list)
    product_total: int = 0
    fts5_total: int = 0


def run_queries(index: Path, fts5: Fts5Index, repeat: int) -> list[QueryTimes]:
    """The mix through both engines, interleaved, ``repeat`` times after a warm-up pass."""
    from search import Engine

    engine = Engine(index)
    engine.search("xin chào")  # loads pyvi (the cold start is measured on its own)
    fts5.full_result(Query("warm-up", "xin chào", 'body: "xin chào"'))
    times = [QueryTimes(query) for query in QUERIES]
    for turn in range(repeat + 1):
        for number, entry in enumerate(times):
            calls = [("product", lambda q=entry.query: engine.search(q.text)),
                     ("fts5", lambda q=entry.query: fts5.full_result(q))]
            if (turn + number) % 2:
                calls.reverse()
            for name, call in calls:
                took, result = timed(call)
                if turn == 0:  # the warm-up pass: totals only
                    setattr(entry, f"{name}_total", result["total"])
                else:
                    getattr(entry, name).append(took)
    return times


def cold_product(index: Path, text: str) -> dict[str, float]:
    """A new process: import, open the index (``Engine``), answer ``text``; seconds."""
    code = ("import json, sys, time\nstarted = time.perf_counter()\n"
            "from search import Engine\nimported = time.perf_counter()\n"
            "engine = Engine(sys.argv[1])\nopened = time.perf_counter()\n"
            "engine.search(sys.argv[2])\nanswered = time.perf_counter()\n"
            "print(json.dumps({'import': imported - started, 'open': opened - imported, "
            "'query': answered - opened}))")
    return _child(code, str(index), text)


def cold_fts5(path: Path, text: str) -> dict[str, float]:
    """A new process: import, connect to the database, answer ``text``; seconds."""
    code = ("import json, sys, time\nstarted = time.perf_counter()\n"
            "from pathlib import Path\nfrom tests.benchmark import BY_TEXT, Fts5Index\n"
            "imported = time.perf_counter()\nindex = Fts5Index(Path(sys.argv[1]))\n"
            "opened = time.perf_counter()\nindex.full_result(BY_TEXT[sys.argv[2]])\n"
            "answered = time.perf_counter()\n"
            "print(json.dumps({'import': imported - started, 'open': opened - imported, "
            "'query': answered - opened}))")
    return _child(code, str(path), text)


def _child(code: str, *argv: str) -> dict[str, float]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *argv], cwd=ROOT, check=True,
                          capture_output=True, text=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["process"] = time.perf_counter() - started
    return figures


# -- HTTP ------------------------------------------------------------------------------------------


@dataclass
class Load:
    """One level of HTTP load: requests answered per second, latency, errors."""

    requests: int
    per_second: float
    p50_ms: float
    p95_ms: float
    errors: int


def drive(base: str, paths: list[str], clients: int, seconds: float) -> Load:
    """``clients`` threads requesting ``paths`` in turn from ``base`` for ``seconds``."""
    from tests.live_load import fetch

    timings: list[tuple[int | None, float]] = []
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        turn = number * 7
        while time.monotonic() < deadline:
            timings.append(fetch(base + paths[turn % len(paths)]))
            turn += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    took = [t for _, t in timings]
    return Load(len(timings), len(timings) / elapsed, percentile(took, 0.5) * 1000,
                percentile(took, 0.95) * 1000, sum(status != 200 for status, _ in timings))


def wait_for(url: str, seconds: float = 120) -> None:
    """Wait until ``url`` answers 200."""
    from tests.live_load import fetch

    deadline = time.monotonic() + seconds
    while fetch(url)[0] != 200:
        if time.monotonic() > deadline:
            raise RuntimeError(f"no answer from {url} within {seconds:.0f} s")
        time.sleep(0.3)


def tree_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process and its descendants, summed, in MB (the
    pages they share counted in each)."""
    return sum(status_kb(p, "VmHWM") or 0 for p in [pid, *descendants(pid)]) * KB_MB


@contextmanager
def server(command: list[str], log: Path, ready: str) -> Iterator[subprocess.Popen]:
    """A server process, answering ``ready`` before the block, stopped after it."""
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(ready)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_http(index: Path, fts5_path: Path, levels: list[int], seconds: float,
             serve_options: list[str], expected_total: int) -> tuple[list[tuple[Load, Load]],
                                                                    dict[str, float]]:
    """Both servers at each level of clients, in turn; their peak memory."""
    from indexer.store.writer import exclusive
    from tests.browser import free_port

    paths = ["/api/search?q=" + urllib.parse.quote(query.text) for query in QUERIES]
    results: list[tuple[Load, Load]] = []
    memory: dict[str, float] = {}
    work = Path(tempfile.mkdtemp(prefix="union-search-bench-http-"))
    empty = work / "archive"
    empty.mkdir()
    product_port, fts5_port = free_port(), free_port()
    product_base, fts5_base = f"http://127.0.0.1:{product_port}", f"http://127.0.0.1:{fts5_port}"
    # The index was built from records, not files: `serve` would bring it "up to date" with
    # an archive that lacks them, i.e. remove them all. Holding the writer lock makes it
    # serve the index as committed ("another process is indexing"), untouched.
    product_command = [sys.executable, "-m", "webui.cli", "serve", "--index", str(index),
                       "--corpus", str(empty), "--no-watch", "--port", str(product_port),
                       *serve_options]
    fts5_command = [sys.executable, "-c", "import sys\nfrom tests.benchmark import serve_fts5\n"
                    "serve_fts5(sys.argv[1], int(sys.argv[2]))", str(fts5_path), str(fts5_port)]
    try:
        with (exclusive(index),
              server(product_command, work / "serve.log", product_base + "/api/status") as product,
              server(fts5_command, work / "fts5.log", fts5_base + paths[0]) as fts5):
            from tests.live_load import fetch

            with urllib.request.urlopen(product_base + "/api/search?per_page=1") as answer:
                served = json.loads(answer.read())["total"]
            if served != expected_total:
                raise RuntimeError(f"the server answers {served} reports, not "
                                   f"{expected_total}: see {work / 'serve.log'}")
            for path in paths:  # warm both, untimed
                fetch(product_base + path)
                fetch(fts5_base + path)
            for clients in levels:
                results.append((drive(product_base, paths, clients, seconds),
                                drive(fts5_base, paths, clients, seconds)))
            memory = {"product": tree_rss_mb(product.pid), "fts5": tree_rss_mb(fts5.pid),
                      "product_processes": 1 + len(descendants(product.pid))}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results, memory


# -- the report ------------------------------------------------------------------------------------


class Report:
    """Markdown lines, printed as they come and written to ``out`` (when given) as well."""

    def __init__(self, out: Path | None) -> None:
        self.out, self.lines = out, []

    def __call__(self, *lines: str) -> None:
        for line in lines:
            print(line, flush=True)
            self.lines.append(line)
        if self.out is not None:
            self.out.write_text("\n".join(self.lines) + "\n", encoding="utf-8")


def ms(seconds: float) -> str:
    """Seconds as milliseconds, to three significant figures or so."""
    value = seconds * 1000
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def ratio(a: float, b: float) -> str:
    """a / b, as "1.5×"."""
    return f"{a / b:.1f}×" if b else "–"


def corpus_paths(args: argparse.Namespace) -> list[Path]:
    """The files to read: those given, else the corpora folder's, in the default order."""
    if args.paths:
        return args.paths
    return [args.corpora / name for name in CORPUS_FILES if (args.corpora / name).exists()]


def machine() -> str:
    """Cores, system, Python and SQLite versions, and the load average."""
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    return (f"{os.cpu_count()} cores, {platform.system()} {platform.release()}, Python "
            f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}; load average "
            f"{load} (1 / 5 / 15 min)")


def indexing_section(say: Report, figures: dict[str, Any] | None, kept: bool,
                     pyvi: Run | None, fts5: Run, fts5_size: int, raw: int, docs: int,
                     workers: int) -> None:
    """The indexing table and the CPU-per-document line."""
    say("### Indexing", "")
    if figures is None:
        say("The product's index was reused (`--keep`) and no figures of its build were "
            "found beside it.", "")
    elif kept:
        say(f"The product's figures are those of the run that built the index "
            f"({figures['date']}), reused with `--keep`.", "")
    say("| what | product | SQLite FTS5 |", "|---|---|---|")
    fts5_cpu_ms = fts5.cpu / docs * 1000
    if figures is not None:
        n = figures["added"]
        cpu = figures["cpu_self"] + figures["cpu_children"]
        writer = (f"{figures['peak_writer_mb']:,.0f} MB" if figures["peak_writer_mb"]
                  else "not measured")
        if figures["peak_writer_mb"] and figures.get("rss_before_mb"):
            writer += (f" ({figures['peak_writer_mb'] - figures['rss_before_mb']:,.0f} MB over "
                       f"the {figures['rss_before_mb']:,.0f} MB it held before: the records, "
                       "the libraries)")
        say(f"| documents | {n:,} indexed, {figures['failed']} failed | {docs:,} |",
            f"| wall time | {figures['seconds']:,.1f} s ({figures['workers']} worker processes, "
            f"one writer) | {fts5.seconds:,.1f} s (one process) |",
            f"| documents per second | {n / figures['seconds']:,.1f} | "
            f"{docs / fts5.seconds:,.0f} |",
            f"| CPU, all processes | {cpu:,.1f} s (writer {figures['cpu_self']:,.1f} s, "
            f"workers {figures['cpu_children']:,.1f} s) | {fts5.cpu:,.1f} s |",
            f"| CPU per document | {cpu / n * 1000:,.1f} ms | {fts5_cpu_ms:,.2f} ms |",
            f"| peak memory (RSS) | writer {writer}, workers "
            + ", ".join(f"{mb:,.0f}" for mb in figures["peak_workers_mb"])
            + f" MB | {fts5.peak_self_mb or 0:,.0f} MB |",
            f"| size on disk | {figures['size'] / MB:,.1f} MB, {figures['size'] / raw:.1f}× the "
            f"text | {fts5_size / MB:,.1f} MB, {fts5_size / raw:.1f}× the text (two copies "
            "of it stored) |")
    else:
        say(f"| wall time | – | {fts5.seconds:,.1f} s |",
            f"| CPU per document | – | {fts5_cpu_ms:,.2f} ms |",
            f"| size on disk | – | {fts5_size / MB:,.1f} MB, {fts5_size / raw:.1f}× the text |")
    say("", "Peak memory: the writer and the FTS5 build process each hold the records they "
        "were given; the workers are forked from the writer, so their resident memory "
        "includes the pages they share with it.", "")
    if pyvi is None:
        return
    pyvi_ms = pyvi.cpu / docs * 1000
    say(f"pyvi alone (`ViTokenizer.tokenize` over the same title and text, {workers} "
        f"processes): {pyvi.seconds:,.1f} s, {pyvi.cpu:,.1f} s of CPU, peak memory "
        + ", ".join(f"{mb:,.0f}" for mb in pyvi.peak_children_mb) + " MB per process.", "")
    if figures is not None:
        product_ms = (figures["cpu_self"] + figures["cpu_children"]) / figures["added"] * 1000
        say(f"**CPU per document: product {product_ms:,.1f} ms, pyvi alone {pyvi_ms:,.1f} ms, "
            f"ratio {product_ms / pyvi_ms:.2f}** (SQLite FTS5 {fts5_cpu_ms:,.2f} ms).", "")
    else:
        say(f"CPU per document: pyvi alone {pyvi_ms:,.1f} ms (SQLite FTS5 "
            f"{fts5_cpu_ms:,.2f} ms).", "")


def queries_section(say: Report, times: list[QueryTimes], repeat: int) -> None:
    """Per class and per query: p50 and p95 of both engines, and their ratio."""
    say("### Queries", "",
        f"Each query {repeat} times on each engine, interleaved, after a warm-up pass; "
        "milliseconds, wall-clock around the call (product: `Engine.search`, FTS5: top 10 "
        "by bm25 with snippets, total, year facet). Ratio: product p50 / FTS5 p50.", "",
        "| class | queries | matches, product | matches, FTS5 | product p50 / p95 ms | "
        "FTS5 p50 / p95 ms | ratio |", "|---|---|---|---|---|---|---|")
    classes: dict[str, list[QueryTimes]] = {}
    for entry in times:
        classes.setdefault(entry.query.label, []).append(entry)
    for label, entries in classes.items():
        product = [t for e in entries for t in e.product]
        fts5 = [t for e in entries for t in e.fts5]

        def span(values: list[int]) -> str:
            return f"{min(values):,}–{max(values):,}"

        say(f"| {label} | {len(entries)} | {span([e.product_total for e in entries])} | "
            f"{span([e.fts5_total for e in entries])} | {percentile(product, 0.5):.1f} / "
            f"{percentile(product, 0.95):.1f} | {percentile(fts5, 0.5):.2f} / "
            f"{percentile(fts5, 0.95):.2f} | "
            f"{ratio(percentile(product, 0.5), percentile(fts5, 0.5))} |")
    product_all = [t for e in times for t in e.product]
    fts5_all = [t for e in times for t in e.fts5]
    say(f"| **all** | {len(times)} | | | {percentile(product_all, 0.5):.1f} / "
        f"{percentile(product_all, 0.95):.1f} | {percentile(fts5_all, 0.5):.2f} / "
        f"{percentile(fts5_all, 0.95):.2f} | "
        f"{ratio(percentile(product_all, 0.5), percentile(fts5_all, 0.5))} |", "")
    say("| query | FTS5 equivalent | matches, product / FTS5 | p50 ms, product / FTS5 |",
        "|---|---|---|---|")
    for entry in times:
        equivalent = entry.query.match or "year BETWEEN {} AND {}".format(*entry.query.years)
        say(f"| `{entry.query.text}` | `{equivalent}` | {entry.product_total:,} / "
            f"{entry.fts5_total:,} | {statistics.median(entry.product):.1f} / "
            f"{statistics.median(entry.fts5):.2f} |")
    say("")


# The research pages timed (``--skip-research`` leaves them out): terms of the query mix.
RESEARCH_TERMS = ("công an", "giáo dục", "công đoàn", "ma túy", "lũ lụt")


@dataclass
class PageTimes:
    """One kind of page: its URLs' times in seconds, and the most its body weighed."""

    kind: str
    seconds: list[float] = field(default_factory=list)
    largest: int = 0
    memory_mb: float = 0.0  # the process's peak memory growth over its requests


def research_urls(index: Path) -> dict[str, list[str]]:
    """The URLs of each kind of research page (a report page: the first result of each
    term, reached from its search)."""
    from search import Engine

    engine = Engine(index)
    quoted = [urllib.parse.quote(term) for term in RESEARCH_TERMS]
    reports = [(q, engine.search(term, per_page=1, snippets=False, suggest=False)["hits"])
               for q, term in zip(quoted, RESEARCH_TERMS, strict=True)]
    engine.close()
    return {
        "results page `/`": [f"/?q={q}" for q in quoted],
        "trend `/trend` (one term)": [f"/trend?q={q}" for q in quoted],
        "trend `/trend` (three terms)": ["/trend?" + "&".join(f"q={q}" for q in quoted[i:i + 3])
                                         for i in range(3)],
        "concordance `/kwic`": [f"/kwic?q={q}" for q in quoted],
        "award list `/awards`": ["/awards", *(f"/awards?q={q}" for q in quoted[:2])],
        "report page from a search": [f"/documents/{hits[0]['id']}?q={q}&hit=1"
                                      for q, hits in reports if hits],
        "search CSV `/search.csv` (every result)": [f"/search.csv?q={q}" for q in quoted[:2]],
    }


def run_research(index: Path, repeat: int) -> list[PageTimes]:
    """Each research page through the web app (Flask's test client, in this process: the
    page as the server renders it, without the socket), ``repeat`` times after a warm-up."""
    from webui.app import create_app

    client = create_app({"INDEX_DIR": str(index), "TESTING": True}).test_client()
    results = []
    for kind, urls in research_urls(index).items():
        times = PageTimes(kind)
        for url in urls:
            client.get(url).get_data()  # warm-up: this URL's structures, once per version
        reset = reset_peak_rss()
        before = status_kb("self", "VmRSS") or 0
        for _ in range(repeat):
            for url in urls:
                started = time.perf_counter()
                response = client.get(url)
                body = response.get_data()
                times.seconds.append(time.perf_counter() - started)
                if response.status_code != 200:
                    raise RuntimeError(f"{url}: HTTP {response.status_code}")
                times.largest = max(times.largest, len(body))
        if reset:
            times.memory_mb = ((status_kb("self", "VmHWM") or 0) - before) * KB_MB
        results.append(times)
    return results


def research_section(say: Report, pages: list[PageTimes], repeat: int) -> None:
    """Per kind of research page: p50 and p95, the largest body, the memory it took."""
    say("### Research pages", "",
        f"Each URL {repeat} times after a warm-up, through the web app in the benchmark's "
        "process (Flask's test client: the page rendered, no socket); terms: "
        + ", ".join(f"`{term}`" for term in RESEARCH_TERMS) + ". Memory: the process's "
        "peak growth over those requests.", "",
        "| page | URLs | p50 / p95 ms | largest body | peak memory growth |",
        "|---|---|---|---|---|")
    for page in pages:
        say(f"| {page.kind} | {len(page.seconds) // repeat} | "
            f"{percentile(page.seconds, 0.5) * 1000:.0f} / "
            f"{percentile(page.seconds, 0.95) * 1000:.0f} | {page.largest / 1000:,.0f} KB | "
            f"{page.memory_mb:.0f} MB |")
    say("")


def cold_section(say: Report, index: Path, fts5_path: Path, runs: int) -> None:
    """A new process per figure, ``runs`` of each, medians."""
    rows = []
    for query in COLD_QUERIES:
        product = [cold_product(index, query.text) for _ in range(runs)]
        fts5 = [cold_fts5(fts5_path, query.text) for _ in range(runs)]
        rows.append((query, product, fts5))

    def med(figures: list[dict[str, float]], *keys: str) -> float:
        return statistics.median(sum(f[k] for k in keys) for f in figures)

    say("### Cold start", "",
        f"A new process for each figure (median of {runs}); the files are in the system's "
        "page cache. \"Open\" is `Engine(DIR)` (the view and the facet table) or "
        "`sqlite3.connect`; the first query of the product also loads pyvi.", "",
        "| what | product | SQLite FTS5 | ratio |", "|---|---|---|---|")
    for query, product, fts5 in rows:
        typed = "with marks" if query.column == 0 else "without marks"
        opened = med(product, "open", "query"), med(fts5, "open", "query")
        say(f"| open + first query {typed} (`{query.text}`) | {ms(opened[0])} ms (open "
            f"{ms(med(product, 'open'))}, query {ms(med(product, 'query'))}) | "
            f"{ms(opened[1])} ms | {ratio(*opened)} |")
    product, fts5 = rows[0][1], rows[0][2]
    say(f"| process start to first answer, imports included | {ms(med(product, 'process'))} "
        f"ms (imports {ms(med(product, 'import'))}) | {ms(med(fts5, 'process'))} ms | "
        f"{ratio(med(product, 'process'), med(fts5, 'process'))} |", "")


def http_section(say: Report, results: list[tuple[Load, Load]], levels: list[int],
                 seconds: float, memory: dict[str, float], serve_options: list[str]) -> None:
    """Requests per second, latency and errors per level, both servers."""
    shown = " ".join(["union-search serve --no-watch", *serve_options])
    say("### HTTP", "",
        f"`{shown}` with its defaults otherwise ({memory.get('product_processes', 1):.0f} "
        "processes in its tree) and the FTS5 server (`ThreadingHTTPServer`, a thread per connection), one "
        f"after the other at each level, {seconds:.0f} s each; the clients are threads of the "
        f"benchmark on the same machine, each requesting the {len(QUERIES)} "
        "`/api/search?q=…` URLs of the mix in turn, a new connection per request. Peak "
        f"memory: product {memory.get('product', 0):,.0f} MB (VmHWM summed over its "
        f"processes, the pages they share counted in each), FTS5 "
        f"{memory.get('fts5', 0):,.0f} MB.", "",
        "| clients | product req/s | product p50 / p95 ms | errors | FTS5 req/s | "
        "FTS5 p50 / p95 ms | errors | req/s, product / FTS5 |",
        "|---|---|---|---|---|---|---|---|")
    for clients, (product, fts5) in zip(levels, results, strict=True):
        say(f"| {clients} | {product.per_second:,.1f} | {product.p50_ms:,.0f} / "
            f"{product.p95_ms:,.0f} | {product.errors} of {product.requests:,} | "
            f"{fts5.per_second:,.1f} | {fts5.p50_ms:,.1f} / {fts5.p95_ms:,.1f} | "
            f"{fts5.errors} of {fts5.requests:,} | "
            f"{product.per_second / fts5.per_second:.2f} |")
    say("")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmark",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, metavar="FILE.jsonl.gz",
                        help="corpus files (default: those of --corpora)")
    parser.add_argument("--corpora", type=Path, default=CORPORA,
                        help=f"folder of the corpus files (default {CORPORA})")
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--index", type=Path, default=Path("/tmp/union-search-bench"))
    parser.add_argument("--fts5", type=Path, help="the FTS5 database (default DIR.fts5.sqlite)")
    parser.add_argument("--keep", action="store_true",
                        help="search the index already in --index instead of building it")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query")
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--http-seconds", type=float, default=10)
    parser.add_argument("--serve-option", action="append", default=[],
                        help="an option for `union-search serve` (repeatable), "
                             "e.g. --serve-option=--threads=8")
    parser.add_argument("--skip-pyvi", action="store_true")
    parser.add_argument("--skip-cold", action="store_true")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--skip-research", action="store_true")
    parser.add_argument("--out", type=Path, help="also write the Markdown to this file")
    args = parser.parse_args(argv)

    if not Fts5Index.available():
        print("error: this Python's SQLite has no FTS5", file=sys.stderr)
        return 2
    paths = corpus_paths(args)
    if not paths:
        print(f"error: no corpus files in {args.corpora}", file=sys.stderr)
        return 2
    index = args.index.resolve()
    fts5_path = (args.fts5 or index.with_name(index.name + ".fts5.sqlite")).resolve()
    figures_path = index.with_name(index.name + ".bench.json")
    say = Report(args.out)
    say(f"## Benchmark: {args.docs:,} documents, the product beside SQLite FTS5", "",
        f"`{shlex.join(['python', '-m', 'tests.benchmark', *(argv or sys.argv[1:])])}`, "
        f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; {machine()}.", "")

    loaded = list(records(paths, args.docs))
    chars = raw = 0
    for record in loaded:
        body = body_of(record)
        chars, raw = chars + len(body), raw + len(body.encode("utf-8"))
    say(f"Corpus: the first {len(loaded):,} records of "
        + ", ".join(f"`{p.name}`" for p in paths) + f"; {chars / 1e6:,.1f} M characters, "
        f"{raw / MB:,.1f} MB of UTF-8 text (title and text).", "")
    # pyvi alone first: its workers are forked from a process in the state the product's
    # are forked from (the records loaded, nothing indexed yet).
    pyvi = None if args.skip_pyvi else pyvi_alone(loaded, args.workers)

    figures: dict[str, Any] | None = None
    if args.keep:
        if not index.is_dir():
            print(f"error: --keep: no index in {index}", file=sys.stderr)
            return 2
        if figures_path.exists():
            saved = json.loads(figures_path.read_text(encoding="utf-8"))
            figures = saved if saved.get("docs") == len(loaded) else None
    else:
        figures = build_product(loaded, index, args.workers)
        figures_path.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    del loaded
    fts5_run = build_fts5(fts5_path, paths, args.docs)
    indexing_section(say, figures, args.keep, pyvi, fts5_run, fts5_path.stat().st_size, raw,
                     args.docs, args.workers)

    if not args.skip_queries:
        times = run_queries(index, Fts5Index(fts5_path), args.repeat)
        queries_section(say, times, args.repeat)
    if not args.skip_research:
        research_section(say, run_research(index, args.repeat), args.repeat)
    if not args.skip_cold:
        cold_section(say, index, fts5_path, args.cold_runs)
    if not args.skip_http:
        from search import Engine

        levels = [int(c) for c in args.clients.split(",")]
        total = Engine(index).search("", per_page=1)["total"]
        results, memory = run_http(index, fts5_path, levels, args.http_seconds,
                                   args.serve_option, total)
        http_section(say, results, levels, args.http_seconds, memory, args.serve_option)
    say(f"Load average at the end: {' / '.join(f'{v:.1f}' for v in os.getloadavg())}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
