"""The search engine: one interface for the command line, the web site and the API.

An :class:`Engine` follows the index in one folder. Each call reads the
:class:`~search.snapshot.Snapshot` that is current when it starts: one immutable version of
the index, shared by every request that reads it, with no lock. When a commit makes a new
version, the next call opens a snapshot of it; calls under way finish on theirs. A caller
that makes several calls which must agree (a web request: the page, its facets, its
similar reports) takes a :meth:`Engine.pinned` engine, bound to one snapshot.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from indexer.fields import BODY_FOLDED
from indexer.store import open_view

from . import research
from .snapshot import EXPORT_BATCH, FACET_PAGE, Export, Filters, Snapshot

__all__ = ["Engine", "engine_for", "search", "more_like_this"]


class Engine:
    """Searches the index in ``index_dir``; see the module docstring and the README."""

    def __init__(self, index_dir: Path | str):
        self.index_dir = Path(index_dir)
        self._current: Snapshot | None = None
        self._pinned: Snapshot | None = None
        # Held only while a new version is opened, so that it is opened once.
        self._opening = threading.Lock()
        self.snapshot()  # fail early, with a hint, when there is no index

    def snapshot(self) -> Snapshot:
        """The current version of the index (or the pinned one)."""
        if self._pinned is not None:
            return self._pinned
        current = self._current
        if current is not None and current.is_current():
            return current
        with self._opening:
            current = self._current
            if current is None or not current.is_current():
                current = self._current = Snapshot(open_view(self.index_dir))
        return current

    def warm(self) -> None:
        """Load what the first queries would otherwise load on their way: pyvi's model, the
        current version's fold map (for words typed without marks), the lexicon of spelling
        candidates (for did-you-mean), the reports' order by file (the concordance's), the function words and synonyms, a phrase's
        positions, the facets. A server calls it before it says it is ready, so that the
        first visitor waits no longer than the tenth."""
        snapshot = self.snapshot()
        snapshot.unfold  # noqa: B018 - built on first use; here, before anyone waits for it
        snapshot.source_ranks  # noqa: B018 - the concordance's order by file
        snapshot.speller.within(BODY_FOLDED, "a", 0)  # the lexicon did-you-mean searches
        for q in ("", "công đoàn", "cong doan", '"công đoàn"', "thi đua -khen OR thưởng"):
            snapshot.search(q, per_page=10)

    def pinned(self) -> Engine:
        """An engine whose every call reads the version that is current now."""
        pinned = copy.copy(self)
        pinned._pinned = self.snapshot()
        return pinned

    def close(self) -> None:
        """Close the open version's files (for the end of a program or a test)."""
        current, self._current = self._current, None
        if current is not None:
            current.view.close()

    # -- search and documents -------------------------------------------------------------------

    def search(self, q: str = "", filters: Filters = None, sort: str = "relevance",
               page: int = 1, per_page: int = 10, snippets: bool = True,
               suggest: bool = True) -> dict[str, Any]:
        """Search; see :meth:`Snapshot.search`."""
        return self.snapshot().search(q, filters, sort, page, per_page, snippets, suggest)

    def facet(self, name: str, q: str = "", filters: Filters = None, order: str = "count",
              page: int = 1, per_page: int = FACET_PAGE) -> dict[str, Any]:
        """Every value of one facet for a search; see :meth:`Snapshot.facet`."""
        return self.snapshot().facet(name, q, filters, order, page, per_page)

    def export(self, q: str = "", filters: Filters = None, sort: str = "relevance",
               snippets: bool = False) -> list[dict[str, Any]]:
        """Every matching report, in search order, as one list; see
        :meth:`Snapshot.export`."""
        return self.snapshot().export(q, filters, sort, snippets)

    def iter_export(self, q: str = "", filters: Filters = None, sort: str = "relevance",
                    snippets: bool = False, batch: int = EXPORT_BATCH) -> Export:
        """Every matching report, in search order, read a batch at a time as it is iterated
        (for downloads of any size), all from the version current now, however long the
        reading takes; see :meth:`Snapshot.iter_export`."""
        return self.snapshot().iter_export(q, filters, sort, snippets, batch)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """Every stored field of a report and its text, or None for an unknown id."""
        return self.snapshot().document(doc_id)

    def highlight(self, doc_id: str, q: str) -> list[tuple[int, int]]:
        """Character spans of every match of ``q`` in a report's text, merged."""
        return self.snapshot().highlight(doc_id, q)

    def more_like_this(self, doc_id: str, limit: int = 5) -> list[dict[str, Any]]:
        """Reports most similar to one."""
        return self.snapshot().more_like_this(doc_id, limit)

    # -- research tools (search/research.py) ------------------------------------------------------

    def trend(self, terms: Iterable[str], filters: Filters = None) -> dict[str, Any]:
        """Reports, occurrences and share per school year and year, for one to five terms."""
        return research.trend(self.snapshot(), terms, filters)

    def kwic(self, term: str, filters: Filters = None, sort: str = "date", page: int = 1,
             per_page: int = 100) -> dict[str, Any]:
        """Every occurrence of a term in context."""
        return research.kwic(self.snapshot(), term, filters, sort, page, per_page)

    def compare(self, a: str, b: str) -> dict[str, Any] | None:
        """Two reports side by side, sentences aligned, words marked."""
        return research.compare(self.snapshot(), a, b)

    def awards(self, q: str = "", filters: Filters = None, sort: str = "newest", page: int = 1,
               per_page: int = 100) -> dict[str, Any]:
        """Every award record of the selected reports, with totals and facets."""
        return research.award_list(self.snapshot(), q, filters, sort, page, per_page)

    def duplicates(self, page: int = 1, per_page: int = 50) -> dict[str, Any]:
        """The groups of reposted copies, for review."""
        return research.duplicate_groups(self.snapshot(), page, per_page)


@lru_cache(maxsize=8)
def engine_for(index_dir: str) -> Engine:
    """One engine per index folder, kept for the life of the process."""
    return Engine(index_dir)


def search(index_dir: Path | str, q: str = "", **options: Any) -> dict[str, Any]:
    """:meth:`Engine.search` on the index in ``index_dir``."""
    return engine_for(str(Path(index_dir).resolve())).search(q, **options)


def more_like_this(index_dir: Path | str, doc_id: str, limit: int = 5) -> list[dict[str, Any]]:
    """:meth:`Engine.more_like_this` on the index in ``index_dir``."""
    return engine_for(str(Path(index_dir).resolve())).more_like_this(doc_id, limit)
