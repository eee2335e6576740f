"""The archive watcher: ``serve`` indexes what changes in the archive folder, in the
background, while searches go on.

File events come from watchdog (inotify on Linux); where they are unavailable (inotify
limits, some file systems) or not raised at all (network shares, ``watch_polling``), it
polls the folder every ``watch_interval`` seconds. After a change, the watcher waits for
the folder to be quiet for that long (a copy of many files is one run, not hundreds), then
runs an incremental indexing run in a process of its own: pyvi's work never holds the
server's interpreter, a crash in a run cannot take the server down, and the server's
requests see each commit as it lands (each request reads one committed version). A change
made while a run is under way starts another run after it. When another process holds the
index (a ``union-search index`` run), the watcher waits and tries again.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from .indexing import IndexBusy, index_corpus

__all__ = ["ArchiveWatcher"]

log = logging.getLogger("union-search.watch")

# A run that found the index busy is tried again after this many seconds.
_BUSY_RETRY = 2.0


class _Changed(FileSystemEventHandler):
    def __init__(self, watcher: ArchiveWatcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = [event.src_path, getattr(event, "dest_path", "") or ""]
        index = str(self.watcher.index_dir)
        # An index kept inside the archive folder: its own commits are not changes.
        if all(not p or str(p).startswith(index) for p in paths):
            return
        self.watcher.changed()


class ArchiveWatcher:
    """Watches ``corpus`` and keeps the index in ``index_dir`` up to date with it.

    ``start()`` begins watching (and, with ``initial=True``, runs once at once, for the
    changes made while nothing watched); ``stop()`` ends it. ``runs`` counts the finished
    runs and ``last`` holds the latest run's summary line, for tests and the log.
    """

    def __init__(self, corpus: Path, index_dir: Path, interval: float,
                 polling: bool = False) -> None:
        self.corpus = Path(corpus).resolve()
        self.index_dir = Path(index_dir).resolve()
        self.interval = float(interval)
        self.polling = polling
        self.runs = 0
        self.last: str | None = None
        self.mode = ""
        self._changed_at: float | None = None
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._observer: Any = None
        self._thread = threading.Thread(target=self._loop, name="archive-watcher",
                                        daemon=True)

    def start(self, initial: bool = True) -> None:
        """Start watching; with ``initial``, index once straight away."""
        self._observer = self._observe()
        if initial:
            self._changed_at = time.monotonic() - self.interval
            self._wake.set()
        self._thread.start()

    def stop(self) -> None:
        """Stop watching (a run under way finishes first)."""
        self._stopping.set()
        self._wake.set()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
        if self._thread.is_alive():
            self._thread.join(timeout=60)

    def changed(self) -> None:
        """Note a change in the archive (called by the file events)."""
        self._changed_at = time.monotonic()
        self._wake.set()

    def _observe(self) -> Any:
        handler = _Changed(self)
        if not self.polling:
            try:
                observer = Observer(timeout=self.interval)
                observer.schedule(handler, str(self.corpus), recursive=True)
                observer.start()
                self.mode = "events"
                return observer
            except OSError as exc:  # e.g. the inotify watch limit
                log.warning("file events unavailable (%s); polling every %.0f s", exc,
                            self.interval)
        observer = PollingObserver(timeout=self.interval)
        observer.schedule(handler, str(self.corpus), recursive=True)
        observer.start()
        self.mode = "polling"
        return observer

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._wake.wait()
            if self._stopping.is_set():
                return
            # Quiet for `interval` seconds since the last change: then one run.
            while (changed_at := self._changed_at) is not None and \
                    time.monotonic() - changed_at < self.interval:
                if self._stopping.wait(self.interval - (time.monotonic() - changed_at)):
                    return
            self._wake.clear()
            self._changed_at = None
            if not self._run_once():
                self._changed_at = time.monotonic()  # busy: try again later
                self._wake.set()
                self._stopping.wait(_BUSY_RETRY)

    def _run_once(self) -> bool:
        """One indexing run in a process of its own; False when the index was busy."""
        context = multiprocessing.get_context("spawn")
        results = context.SimpleQueue()
        process = context.Process(target=_index_in_process,
                                  args=(self.corpus, self.index_dir, results),
                                  name="union-search index (watcher)", daemon=False)
        process.start()
        process.join()
        outcome = results.get() if not results.empty() else ("error",
                                                              f"exit {process.exitcode}")
        kind, text = outcome
        if kind == "busy":
            log.info("index busy (another process is indexing); trying again")
            return False
        self.runs += 1
        self.last = text
        if kind == "ok":
            log.info("archive changed: %s", text)
        else:
            log.error("indexing after a change failed: %s", text)
        return True


def _index_in_process(corpus: Path, index_dir: Path, results: Any) -> None:
    """The watcher's run, in its own process: the summary line, or why it did not run."""
    try:
        summary = index_corpus(corpus, index_dir)
    except IndexBusy:
        results.put(("busy", ""))
    except Exception as exc:  # reported by the watcher; the server goes on
        results.put(("error", f"{type(exc).__name__}: {exc}"))
    else:
        results.put(("ok", summary.describe()))
