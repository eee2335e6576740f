"""What the site says about the index itself: the version served, when it was last
updated, and whether an indexing run is under way, with its progress.

Read from the snapshot a request is pinned to and from the files that indexing runs leave
beside the index (:mod:`indexer.status`); it works before the first commit too, when a
first build is under way and there is nothing to search yet.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from indexer.status import read_removed, read_status

from .snapshot import Snapshot

__all__ = ["index_status", "was_removed"]


def _iso(seconds: float | None) -> str | None:
    if not seconds:
        return None
    return datetime.fromtimestamp(seconds, timezone.utc).isoformat(timespec="seconds")


def index_status(index_dir: Path | str, snapshot: Snapshot | None = None) -> dict[str, Any]:
    """``index_version``, ``reports`` and ``updated`` (the commit served; None before the
    first), ``updating`` (an indexing run is under way), ``progress`` (``done`` of
    ``total`` files, ``started``; None when no run is under way) and ``last_run``
    (``finished``, ``summary`` of the latest finished run, or None)."""
    run = read_status(Path(index_dir))
    view = snapshot.view if snapshot is not None else None
    running = bool(run.get("running"))
    return {
        "index_version": view.generation if view else None,
        "reports": view.doc_count if view else 0,
        "updated": _iso(view.committed_at) if view else None,
        "updating": running,
        "progress": {"done": int(run.get("done") or 0), "total": int(run.get("total") or 0),
                     "started": _iso(run.get("started"))} if running else None,
        "last_run": {"finished": _iso(run.get("finished")), "summary": run.get("summary")}
        if run.get("finished") and run.get("summary") else None,
    }


def was_removed(index_dir: Path | str, doc_id: str) -> bool:
    """Whether a report of this id was in the archive and its file was deleted."""
    return doc_id in read_removed(Path(index_dir))
