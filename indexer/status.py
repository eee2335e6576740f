"""What indexing runs leave beside the index for the server to read: the progress of the
run under way, when the last one finished, and which reports were removed.

``union-search index`` and the server's archive watcher run in other processes than the
server's requests, so they talk through two small JSON files in the index folder, each
replaced whole (written beside, then renamed), so a reader never sees half of one:

* ``STATUS_FILE``: ``{"running", "pid", "started", "done", "total", "finished",
  "summary"}`` of the latest run (times in seconds since the epoch). A run whose process is
  gone (killed) is not running, whatever the file says.
* ``REMOVED_FILE``: ``{report id: time removed}`` of the reports whose file was deleted,
  the latest ``_REMOVED_KEPT``, so that their pages can say "removed" (410) rather than
  "never existed" (404).
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path
from typing import Any

__all__ = ["STATUS_FILE", "REMOVED_FILE", "RunStatus", "read_status", "read_removed",
           "record_removed"]

STATUS_FILE = "union-search-status.json"
REMOVED_FILE = "union-search-removed.json"
_REMOVED_KEPT = 10_000
# Progress is written at most this often (seconds): a run of many small files stays fast.
_EVERY = 0.5


def _write(path: Path, data: dict[str, Any]) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, path)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _alive(pid: Any) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


class RunStatus:
    """The status file of one indexing run, written as the run goes (at most every half
    second for progress)."""

    def __init__(self, index_dir: Path, total: int) -> None:
        self.path = Path(index_dir) / STATUS_FILE
        self.data: dict[str, Any] = {"running": True, "pid": os.getpid(),
                                     "started": time.time(), "done": 0, "total": total,
                                     "finished": _read(self.path).get("finished"),
                                     "summary": None}
        self._written = 0.0
        self._save()

    def advance(self, done: int) -> None:
        """``done`` of ``total`` files handled."""
        self.data["done"] = done
        if time.monotonic() - self._written >= _EVERY:
            self._save()

    def grow(self, more: int) -> None:
        """``more`` files found to handle since the run started."""
        self.data["total"] += more

    def finish(self, summary: str) -> None:
        """The run is over (or was interrupted): say so, with its summary."""
        self.data.update(running=False, finished=time.time(), summary=summary)
        self._save()

    def _save(self) -> None:
        with contextlib.suppress(OSError):  # a full disk must not stop the run
            _write(self.path, self.data)
        self._written = time.monotonic()


def read_status(index_dir: Path) -> dict[str, Any]:
    """The latest run's status (``running`` false when its process is gone), or ``{}``
    when no run has written one."""
    data = _read(Path(index_dir) / STATUS_FILE)
    if data.get("running") and not _alive(data.get("pid")):
        data["running"] = False
    return data


def read_removed(index_dir: Path) -> dict[str, float]:
    """Report id -> when its file was found deleted (the latest ones)."""
    return {str(k): v for k, v in _read(Path(index_dir) / REMOVED_FILE).items()
            if isinstance(v, (int, float))}


def record_removed(index_dir: Path, ids: list[str]) -> None:
    """Remember that these reports were removed (now)."""
    if not ids:
        return
    removed = read_removed(index_dir)
    now = time.time()
    for doc_id in ids:
        removed.pop(doc_id, None)
        removed[doc_id] = now
    kept = dict(list(removed.items())[-_REMOVED_KEPT:])
    with contextlib.suppress(OSError):
        _write(Path(index_dir) / REMOVED_FILE, kept)
