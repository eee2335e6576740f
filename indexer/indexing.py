"""Building and updating the index: ``union-search index`` and its Python API.

Incremental: a file whose content hash (file plus sidecar) is already in the index is
skipped; a changed file replaces its document; a document whose file is gone is removed. A
file that fails to read is reported and, if an earlier version was indexed, that version is
kept. pyvi runs in worker processes for bulk loads; the writer commits every
``commit_every`` documents, and commits are atomic (see :mod:`indexer.store`), so a crash or
Ctrl-C leaves the last committed index readable and the next run carries on from there. One writer at a time:
a second ``index`` is refused with a clear message.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from .documents import document_for
from .learned import Census, LineCensus, Thresholds, learn, read_census
from .metadata import extract_metadata
from .normalize import normalize_line, normalize_text
from .readers import UnreadableFile
from .report import (
    Draft,
    Failure,
    Report,
    content_hash,
    finish_report,
    is_supported,
    read_draft,
    report_id,
    scan_corpus,
)
from .settings import setting
from .status import RunStatus, record_removed
from .store import IndexBusy, IndexView, IndexWriter, exclusive, open_view, open_writer

__all__ = [
    "IndexBusy",
    "IndexSummary",
    "index_corpus",
    "check_index",
    "Drift",
    "index_records",
    "report_from_record",
]

# Below this many files, starting worker processes (each loads pyvi) costs more than it saves.
_PARALLEL_FROM = 64
# Files handed to each worker process at a time (what a dying worker makes read again).
_IN_FLIGHT = 4
_PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h)
# The folder, in the index folder, of the drafts files leave between their two steps.
_DRAFTS = "union-search-drafts-"


@dataclass
class IndexSummary:
    """What one indexing run did; ``failed`` maps a source to its reason."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    # unchanged files whose report was rewritten: a line of theirs was learned as chrome
    # (or no longer is)
    chrome_rewritten: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    # source -> what was ignored in a report that was indexed (sidecar values refused)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0
    rebuilt: bool = False
    interrupted: bool = False

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def describe(self) -> str:
        parts = [f"{self.added} added", f"{self.updated} updated", f"{self.removed} removed",
                 f"{self.unchanged} unchanged", f"{len(self.failed)} failed"]
        if self.chrome_rewritten:
            parts.insert(4, f"{self.chrome_rewritten} rewritten for learned chrome")
        if self.warnings:
            parts.append(f"{len(self.warnings)} with warnings")
        text = ", ".join(parts) + f" in {self.seconds:.2f} s"
        if self.rebuilt:
            text = "rebuilt: " + text
        if self.interrupted:
            text = "interrupted (what was committed is kept): " + text
        return text


class Indexed(NamedTuple):
    """What the index knows of a file: its content hash and its stamp when it was read."""

    sha256: str
    stamp: str


def _indexed_files(view: IndexView) -> dict[str, Indexed]:
    """source -> hash and stamp of every live document, read from the columns of the key
    fields (no stored text is loaded; a column reads in one go, postings term by term)."""
    sources, hashes = view.column_values("source"), view.column_values("sha256")
    stamps = view.column_values("stamp")
    return {str(sources[docnum]): Indexed(str(hashes[docnum]), str(stamps[docnum]))
            for docnum in np.flatnonzero(view.live).tolist() if sources[docnum]}


class Read(NamedTuple):
    """What reading a file leaves for the second step: the census of its lines, and the
    file its :class:`~indexer.report.Draft` was pickled into."""

    census: LineCensus
    draft: str


class Prepared(NamedTuple):
    """A worker's result: the document to index, or what a file read gives (None: the
    file failed, ``error`` says why), and what was ignored in it (``warnings``: sidecar
    values refused)."""

    source: str
    document: dict[str, Any] | Read | None
    error: str = ""
    warnings: tuple[str, ...] = ()


class _TooSlow(Exception):
    """A file took longer than the ``file_seconds`` setting."""


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Raise :class:`_TooSlow` in this (main) thread after ``seconds`` (a real-time alarm:
    workers run each file in their main thread)."""
    def expired(signum: int, frame: Any) -> None:
        raise _TooSlow

    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach the main thread only: no limit for a background run
        return
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _failed(source: str, exc: Exception, limit: int) -> Prepared:
    """What a worker reports for a file that failed in either step, with the reason."""
    if isinstance(exc, _TooSlow):
        return Prepared(source, None, f"skipped: took more than {limit} s to read and analyse")
    if isinstance(exc, UnreadableFile):
        return Prepared(source, None, str(exc))
    return Prepared(source, None, f"unexpected error: {type(exc).__name__}: {exc}")


def _read_file(job: tuple[str, str, str]) -> Prepared:
    """Worker, first step: read one file as far as the chrome rules, within the time
    limit; its draft pickled into the folder ``job[2]``, its census returned."""
    path, root = Path(job[0]), Path(job[1])
    source = path.relative_to(root).as_posix()
    limit = setting("file_seconds")
    try:
        with _time_limit(limit):
            draft = read_draft(path, root)
        with tempfile.NamedTemporaryFile(dir=job[2], delete=False, suffix=".draft") as out:
            pickle.dump(draft, out, protocol=pickle.HIGHEST_PROTOCOL)
        return Prepared(source, Read(draft.census, out.name))
    except Exception as exc:  # one broken file must never stop the others
        return _failed(source, exc, limit)


def _prepare_file(job: tuple[str, str, frozenset[int], str]) -> Prepared:
    """Worker, second step: finish and analyse one file, within the time limit; the lines
    of ``job[2]`` (hashes) removed as learned chrome. The file's draft is read from
    ``job[3]`` when the first step left one (removed once used: a worker that dies leaves
    it for the file's second try), else the file is read."""
    path, root, learned, drafted = Path(job[0]), Path(job[1]), job[2], job[3]
    source = path.relative_to(root).as_posix()
    limit = setting("file_seconds")
    try:
        with _time_limit(limit):
            draft = _load_draft(drafted) if drafted else None
            draft = draft or read_draft(path, root)
            report = finish_report(draft, learned)
            document = document_for(report, census=draft.census.encode(learned))
        return Prepared(source, document, warnings=tuple(report.warnings))
    except Exception as exc:  # one broken file must never stop the others
        return _failed(source, exc, limit)
    finally:
        if drafted:
            with suppress(OSError):
                os.unlink(drafted)


def _load_draft(name: str) -> Draft | None:
    """The draft :func:`_read_file` pickled into a file (None when it is gone)."""
    try:
        with open(name, "rb") as drafted:
            return pickle.load(drafted)
    except OSError:
        return None


def _prepare_record(record: Mapping[str, Any]) -> Prepared:
    source = str(record.get("id", "?"))
    try:
        report = report_from_record(record)
        return Prepared(report.source, document_for(report))
    except Exception as exc:
        return Prepared(source, None, f"bad record: {type(exc).__name__}: {exc}")


def _prepared(
    worker: Callable[[Any], Prepared],
    jobs: list[Any],
    workers: int,
    label: str,
    total: int | None = None,
) -> Iterator[Prepared]:
    """The workers' results, with a progress bar on a terminal."""
    with _progress(total or len(jobs), label) as bar:
        results = (_in_processes(worker, jobs, workers)
                   if workers > 1 and len(jobs) >= _PARALLEL_FROM else map(worker, jobs))
        for result in results:
            bar.update(1)
            yield result


def _worker_start() -> None:
    """In each worker: die with the indexing process. A worker left running after its
    parent was killed would go on holding the writer lock (the lock's file is inherited)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)  # Linux: a signal when the parent dies
    except (AttributeError, OSError):
        pass
    parent = os.getppid()

    def watch() -> None:  # elsewhere (and as a safety net): look every second
        while True:
            time.sleep(1)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _in_processes(worker: Callable[[Any], Prepared], jobs: list[Any],
                  workers: int) -> Iterator[Prepared]:
    """Results of ``worker`` over ``jobs`` in ``workers`` processes, as they come.

    A worker that dies (the out-of-memory killer, a crash in a library) breaks the pool:
    the files it and the others were reading are then read again one by one, each in a
    process of its own, so that the one that kills its worker again is reported and
    skipped, and the run goes on. Few files are in flight at once, so few are read twice.

    Results travel through files in a spool folder, and only their names through the
    pool's pipe: a worker killed while it wrote a large result into the pipe left half a
    message there, and the pool's reader, and ``index`` with it, waited for the rest for
    ever. A name is one small write, which the system makes whole or not at all.
    """
    with tempfile.TemporaryDirectory(prefix="union-search-spool-") as spool:
        spooled = partial(_spooled, worker, spool)
        queue, again = deque(jobs), []
        while queue:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(),
                                     initializer=_worker_start) as pool:
                in_flight: dict[Future[str], Any] = {}
                broken = False
                while (queue or in_flight) and not broken:
                    while queue and len(in_flight) < workers * _IN_FLIGHT and not broken:
                        job = queue.popleft()
                        try:
                            in_flight[pool.submit(spooled, job)] = job
                        except BrokenProcessPool:  # a worker died since the last result
                            queue.appendleft(job)
                            broken = True
                    if not in_flight:
                        break
                    done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                    for future in done:
                        job = in_flight.pop(future)
                        try:
                            yield _unspooled(future.result())
                        except BrokenProcessPool:
                            again.append(job)
                            broken = True
                again += in_flight.values()
        for job in again:
            with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context(),
                                     initializer=_worker_start) as alone:
                try:
                    yield _unspooled(alone.submit(spooled, job).result())
                except BrokenProcessPool:
                    yield Prepared(_source_of(job), None, "its worker process died reading "
                                   "it, twice (out of memory?); skipped")


def _spooled(worker: Callable[[Any], Prepared], spool: str, job: Any) -> str:
    """Run ``worker`` on ``job`` in a worker process; its result pickled into a file of
    ``spool``, whose name is returned."""
    result = worker(job)
    with tempfile.NamedTemporaryFile(dir=spool, delete=False, suffix=".pickle") as out:
        pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
    return out.name


def _unspooled(name: str) -> Prepared:
    """The result :func:`_spooled` left in a file; the file removed."""
    try:
        with open(name, "rb") as spooled:
            return pickle.load(spooled)
    finally:
        os.unlink(name)


def _source_of(job: Any) -> str:
    """The source a job is about: a file's path in the archive, or a record's id."""
    if isinstance(job, tuple):
        return Path(job[0]).relative_to(Path(job[1])).as_posix()
    return str(job.get("id", "?"))


@contextmanager
def _committing(writer: IndexWriter, summary: IndexSummary) -> Iterator[None]:
    """Commit what the block wrote; on Ctrl-C keep what was committed and say so; on any
    other error cancel the pending writes and let the error through."""
    try:
        yield
        writer.finish()
    except KeyboardInterrupt:
        writer.cancel()
        summary.interrupted = True
    except BaseException:
        writer.cancel()
        raise


def _progress(total: int, label: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=label, unit="doc", disable=not sys.stderr.isatty(),
                file=sys.stderr, leave=False)


def index_corpus(
    corpus: Path,
    index_dir: Path,
    rebuild: bool = False,
    workers: int | None = None,
    commit_every: int | None = None,
) -> IndexSummary:
    """Bring the index in ``index_dir`` up to date with the files under ``corpus``.

    Two steps, each in the worker processes: every new or changed file is read as far as
    the chrome rules (its draft kept in a folder of the index folder, the census of its
    lines returned); the census of the whole archive (those, and the indexed reports' as the
    index keeps them) gives the learned chrome (:mod:`indexer.learned`); then each file is
    finished with its learned lines removed, analysed and written, and so is each unchanged
    report whose learned lines changed (read again). A first build removes learned chrome
    at once, and an unchanged archive costs one read of the census column.
    """
    started = time.perf_counter()
    workers = workers or setting("workers")
    commit_every = commit_every or setting("commit_every")
    thresholds = Thresholds.from_settings()
    corpus = corpus.resolve()
    if not corpus.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus}")
    summary = IndexSummary()
    with exclusive(index_dir):
        writer = open_writer(index_dir, rebuild, commit_every)
        summary.rebuilt = writer.rebuilt
        indexed: dict[str, Indexed] = {}
        censuses: dict[str, LineCensus] = {}
        if not summary.rebuilt:
            view = writer.view()
            indexed = _indexed_files(view)
            censuses = {source: census for source, (_, census) in read_census(view).items()}
            view.close()
        jobs, gone = _compare(corpus, indexed, summary)
        if not jobs and not gone and not _stale(censuses, {}, thresholds)[1]:
            writer.finish()  # a rebuild of an empty archive still takes over
            summary.seconds = time.perf_counter() - started
            return summary
        status = RunStatus(index_dir, len(jobs) + len(gone))
        for left in index_dir.glob(_DRAFTS + "*"):  # by a run that was killed (we hold the lock)
            shutil.rmtree(left, ignore_errors=True)
        try:
            with _committing(writer, summary), \
                    tempfile.TemporaryDirectory(prefix=_DRAFTS, dir=index_dir) as drafts:
                for source in gone:
                    writer.delete_source(source)
                    summary.removed += 1
                    status.advance(summary.removed)
                read: dict[str, Read] = {}
                handled = len(gone)
                for source, result, error, _ in _prepared(
                        _read_file, [(*job, drafts) for job in jobs], workers, "reading"):
                    if isinstance(result, Read):
                        read[source] = result
                    else:  # handled: it goes no further
                        kept = " (the version indexed before is kept)" if source in indexed else ""
                        summary.failed[source] = error + kept
                        handled += 1
                        status.advance(handled)
                kept_census = {source: census for source, census in censuses.items()
                               if source not in read and source not in gone}
                removals, stale = _stale(kept_census, {s: r.census for s, r in read.items()},
                                         thresholds)
                stale = [s for s in stale if s not in summary.failed]
                status.grow(len(stale))
                second = [(path, root, removals.get(source, frozenset()), read[source].draft)
                          for path, root in jobs
                          if (source := Path(path).relative_to(root).as_posix()) in read]
                second += [(str(corpus / source), str(corpus),
                            removals.get(source, frozenset()), "") for source in stale]
                chrome_rewritten = set(stale)
                for source, document, error, warnings in _prepared(_prepare_file, second,
                                                                   workers, "indexing"):
                    handled += 1
                    status.advance(handled)
                    if warnings:
                        summary.warnings[source] = list(warnings)
                    if document is None or isinstance(document, Read):
                        kept = " (the version indexed before is kept)" if source in indexed else ""
                        summary.failed[source] = error + kept
                        continue
                    if source in indexed:  # a report of this file is in the index
                        writer.update(document)
                    else:  # ids are made from sources: no report has this one's
                        writer.add(document)
                    if source in chrome_rewritten:
                        summary.chrome_rewritten += 1
                        summary.unchanged -= 1
                    elif source in indexed:
                        summary.updated += 1
                    else:
                        summary.added += 1
            if gone and not summary.interrupted:
                record_removed(index_dir, [report_id(source) for source in gone])
        finally:
            summary.seconds = time.perf_counter() - started
            status.finish(summary.describe())
    summary.seconds = time.perf_counter() - started
    return summary


def _stale(kept: Mapping[str, LineCensus], new: Mapping[str, LineCensus],
           thresholds: Thresholds) -> tuple[dict[str, frozenset[int]], list[str]]:
    """Learn chrome from the census of the reports ``kept`` in the index and of the
    ``new`` ones: the lines to remove from each report (source -> hashes), and the kept
    reports whose removed lines are not the learned ones (to be read again)."""
    if not kept and not new:
        return {}, []
    census = Census.of([*kept.items(), *new.items()])
    learning = learn(census, thresholds)
    stale = {census.sources[i] for i in learning.stale()}
    removals = {}
    for i, source in enumerate(census.sources):
        if source in new or source in stale:
            removal = learning.removal(i)
            if removal:
                removals[source] = removal
    return removals, sorted(source for source in stale if source not in new)


def _compare(corpus: Path, indexed: Mapping[str, Indexed],
             summary: IndexSummary) -> tuple[list[tuple[str, str]], list[str]]:
    """The files to (re)index and the indexed sources whose file is gone; unchanged files
    are counted in ``summary`` and files that cannot be read reported there. A file whose
    stamp (size and time) is the one indexed is not read; any other is hashed, so that a
    file touched but not changed stays unchanged."""
    jobs, present = [], set()
    problems: list[Failure] = []
    for path, source, stamp in scan_corpus(corpus, problems):
        present.add(source)
        if not is_supported(path):
            summary.failed[source] = f"unsupported file type {path.suffix or '(none)'!r}"
            continue
        known = indexed.get(source)
        if known is not None and stamp and stamp == known.stamp:
            summary.unchanged += 1
            continue
        try:
            digest = content_hash(path)
        except OSError as exc:
            summary.failed[source] = f"cannot read file: {exc.strerror or exc}"
            continue
        if known is not None and known.sha256 == digest:
            summary.unchanged += 1
        else:
            jobs.append((str(path), str(corpus)))
    summary.failed.update((problem.source, problem.reason) for problem in problems)
    return jobs, sorted(set(indexed) - present)


@dataclass
class Drift:
    """How the index differs from the archive (``union-search index --check``)."""

    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    unchanged: int = 0
    unreadable: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @property
    def in_step(self) -> bool:
        return not (self.new or self.changed or self.gone)


def check_index(corpus: Path, index_dir: Path) -> Drift:
    """Compare the index with the archive without changing anything: files not indexed
    yet, files changed since, reports whose file is gone."""
    corpus = corpus.resolve()
    if not corpus.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus}")
    view = open_view(index_dir)
    try:
        indexed = _indexed_files(view)
    finally:
        view.close()
    summary = IndexSummary()
    jobs, gone = _compare(corpus, indexed, summary)
    sources = [Path(path).relative_to(corpus).as_posix() for path, _ in jobs]
    return Drift(new=[s for s in sources if s not in indexed],
                 changed=[s for s in sources if s in indexed], gone=gone,
                 unchanged=summary.unchanged, unreadable=summary.failed)


def report_from_record(record: Mapping[str, Any]) -> Report:
    """A report from a record that is not a file (JSON Lines, another database…).

    ``id`` and ``text`` are required; ``title``, ``date``, ``source`` and any metadata field
    are taken when present; the rest is extracted from the text as for files.
    """
    raw_id = str(record.get("id") or "").strip()
    text = normalize_text(str(record.get("text") or ""))
    if not raw_id or not text:
        raise ValueError("a record needs a non-empty 'id' and 'text'")
    hints = {key: normalize_line(str(record[key])) for key in ("title", "published")
             if record.get(key)}
    if record.get("date"):
        hints.setdefault("published", str(record["date"]))
    title = hints.get("title", "")
    lines = ([title, ""] if title else []) + text.split("\n")
    meta = extract_metadata(lines, hints=hints)
    source = f"records/{raw_id}"
    report = Report(id=report_id(source), source=source, text="\n".join(lines),
                    format="record", encoding="utf-8",
                    sha256=str(record.get("sha256") or ""),
                    **{name: getattr(meta, name) for name in meta.__dataclass_fields__})
    for name in ("province", "school_year", "report_type", "organization", "author"):
        if record.get(name):
            setattr(report, name, normalize_line(str(record[name])))
    return report


def _last_of_each(records: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The records, the last one of each id only (a writer cannot replace a report it has
    not committed yet, so a repeated id would otherwise be indexed twice)."""
    latest: dict[str, Mapping[str, Any]] = {}
    without: list[Mapping[str, Any]] = []  # reported as bad records, each of them
    for record in records:
        key = str(record.get("id") or "").strip()
        if key:
            latest.pop(key, None)  # in the order of its last appearance
            latest[key] = record
        else:
            without.append(record)
    return [*latest.values(), *without]


def index_records(
    records: Iterable[Mapping[str, Any]],
    index_dir: Path,
    workers: int | None = None,
    commit_every: int | None = None,
    rebuild: bool = False,
    progress_total: int | None = None,
) -> IndexSummary:
    """Index records that are not files (see :func:`report_from_record`); a record whose id
    is already indexed replaces it. Used by the benchmark to load JSONL."""
    started = time.perf_counter()
    workers = workers or setting("workers")
    summary = IndexSummary()
    with exclusive(index_dir):
        writer = open_writer(index_dir, rebuild, commit_every or setting("commit_every"))
        summary.rebuilt = writer.rebuilt
        # The records indexed already, and those written in this run (by their source, of
        # which the id is made): only those are replaced.
        taken: set[str] = set()
        if not writer.rebuilt:
            view = writer.view()
            taken = set(_indexed_files(view))
            view.close()
        with _committing(writer, summary):
            for source, document, error, _ in _prepared(_prepare_record, _last_of_each(records),
                                                        workers, "indexing", progress_total):
                if document is None:
                    summary.failed[source] = error
                    continue
                if source in taken:
                    writer.update(document)
                else:
                    writer.add(document)
                    taken.add(source)
                summary.added += 1
    summary.seconds = time.perf_counter() - started
    return summary

