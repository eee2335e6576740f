"""The engine's interface on one version of the index.

A :class:`Snapshot` holds an immutable :class:`indexer.store.IndexView` and what the engine
derives from it once per version: the facet table, the scorer, the map from folded
syllables to the syllables that fold to them and the lexicon did-you-mean searches
(:class:`search.spelling.Speller`). It never changes, so any number of requests
can read it at once with no lock; :class:`search.engine.Engine` hands each request the
snapshot that is current when the request starts.

Its public methods are the building blocks the search and the research tools share:
``select`` (what a query and filters select), ``facet_counts``, ``rank``, ``hits``,
``spans`` (highlight offsets), ``occurrence_positions`` and ``occurrence_spans`` (a
term's words side by side), ``summary``
and ``text`` of a document, ``docnum`` and ``document`` for an id; ``iter_export`` gives
every result of a search for a download, read a batch at a time (:class:`Export`).
"""

from __future__ import annotations

import functools
import math
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from indexer.analysis import analyze
from indexer.documents import decompress_text
from indexer.fields import (
    BODY_SYLLABLES,
    BODY_WORDS,
    DETAIL_FIELDS,
    FACET_NAMES,
    SUMMARY_FIELDS,
)
from indexer.normalize import fold
from indexer.settings import setting
from indexer.store import IndexView

from .duplicates import find_groups
from .errors import SearchError
from .facets import FacetTable, sort_ranks
from .matching import Matching, build_query
from .occurrences import find_occurrences, find_positions, spans_at
from .query import ParsedQuery, parse_query
from .querytree import Or, Term
from .ranking import Ranked, order, rank_matches
from .scoring import Scorer
from .snippets import SNIPPET_CHARS, make_snippet, merge_spans
from .spelling import Speller
from .suggest import correct_query
from .syllables import syllables_of

__all__ = ["Snapshot", "Selection", "Export", "SORTS", "MAX_PER_PAGE", "FACET_ORDERS",
           "FACET_PAGE", "EXPORT_BATCH", "check_paging", "summary_of"]

SORTS = ("relevance", "newest", "oldest")
MAX_PER_PAGE = 100
# A facet's own page (every value of one facet): its orders and values per page.
FACET_ORDERS = ("count", "az")
FACET_PAGE = 100
# An export (a CSV or JSON download of every result) reads this many reports at a time:
# their stored fields and snippets, then the next ones, so a download of 80,000 reports
# holds one batch in memory, not 80,000 rows.
EXPORT_BATCH = 200
# Ask for a did-you-mean when a query finds fewer reports than this.
_FEW = 3
# More-like-this: how many of a report's most distinctive compound words are searched.
_SIMILAR_WORDS = 25

Filters = dict[str, Iterable[str]] | None


def summary_of(stored: dict[str, Any]) -> dict[str, Any]:
    """What a result or a research row shows of a report, from its stored fields."""
    return {name: stored.get(name, "") for name in SUMMARY_FIELDS}


@dataclass
class Selection:
    """What a query and filters select: ``base`` (query and exclusions), one mask per
    filtered field, the facet values the filters resolved to, and ``final`` (all of it)."""

    parsed: ParsedQuery
    matching: Matching
    base: np.ndarray
    masks: dict[str, np.ndarray]
    selected: dict[str, list[str]]
    final: np.ndarray
    ranked: Ranked | None = None  # relevance and rules of every document, when there are words


class Snapshot:
    """One index version and what the engine derives from it; see the module docstring."""

    def __init__(self, view: IndexView) -> None:
        self.view = view
        #: Facet values of every document (``counts``, ``value_ids``, ``has_value``…).
        self.table = FacetTable(view)
        self.scorer = Scorer(view)
        #: Reposted copies, grouped (each group counts once in every selection).
        self.groups = find_groups(view, self.table.dates,
                                  int(setting("duplicate_similarity")) / 100)
        #: Spelling candidates for did-you-mean (each field's lexicon read at first use).
        self.speller = Speller(view)
        self._unfold: dict[str, list[str]] | None = None
        self._unfolding = threading.Lock()

    def is_current(self) -> bool:
        """False once the index has a newer version."""
        return self.view.is_current()

    @property
    def unfold(self) -> dict[str, list[str]]:
        """Folded syllable -> the indexed syllables that fold to it (built at the first
        query without marks, once per version)."""
        if self._unfold is None:
            with self._unfolding:
                if self._unfold is None:
                    unfolded: dict[str, list[str]] = {}
                    for syllable in self.view.terms(BODY_SYLLABLES):
                        unfolded.setdefault(fold(syllable), []).append(syllable)
                    self._unfold = unfolded
        return self._unfold

    @functools.cached_property
    def source_ranks(self) -> np.ndarray:
        """Each document's place in the order of the files' paths in the archive (to sort
        by source as arrays), made at first use, once per version."""
        return sort_ranks(self.view.column_values("source"))

    # -- selecting and ranking ---------------------------------------------------------------

    def select(self, q: str, filters: Filters = None, only: np.ndarray | None = None,
               found_only: bool = False) -> Selection:
        """The documents a query and filters select (``only``: a further mask, e.g. the
        reports that have award records; ``found_only``: only the selection is wanted, not
        the ranking, whose scores and keys are then left incomplete). Raises
        :class:`SearchError` for an unknown filter field."""
        table = self.table
        parsed = parse_query(q)
        wanted = {name: list(values) for name, values in parsed.filters.items()}
        for name, values in (filters or {}).items():
            if name not in FACET_NAMES:
                raise SearchError(f"unknown filter {name!r}; filters: {', '.join(FACET_NAMES)}")
            wanted.setdefault(name, []).extend(v for v in values if str(v).strip())
        wanted = {name: values for name, values in wanted.items() if values}
        matching = build_query(parsed)
        base = table.live.copy()
        if only is not None:
            base &= only
        ranked = None
        if not matching.is_empty:
            ranked = rank_matches(matching, self.scorer, self.view, found_only)
            base &= ranked.found
        selected: dict[str, list[str]] = {}
        masks: dict[str, np.ndarray] = {}
        for name, values in wanted.items():
            resolved = list(dict.fromkeys(v for raw in values for v in table.resolve(name, raw)))
            selected[name] = resolved
            masks[name] = table.mask_for(name, resolved)
        for name, values in parsed.excluded.items():
            resolved = [v for raw in values for v in table.resolve(name, raw)]
            base &= ~table.mask_for(name, resolved)
        base = self.groups.collapse(base)
        final = base.copy()
        for mask in masks.values():
            final &= mask
        return Selection(parsed, matching, base, masks, selected, final, ranked)

    def facet_counts(self, chosen: Selection,
                     names: Iterable[str] = FACET_NAMES) -> dict[str, list[dict[str, Any]]]:
        """Facet counts for a selection, each field's own filter left out of its counts; a
        chosen value stays listed (with 0) so it can be seen and unticked."""
        facets = {}
        for name in names:
            facet_mask = chosen.base.copy()
            for other, mask in chosen.masks.items():
                if other != name:
                    facet_mask &= mask
            counts = self.table.counts(name, facet_mask)
            present = {value for value, _ in counts}
            facets[name] = ([{"value": value, "count": count} for value, count in counts]
                            + [{"value": value, "count": 0}
                               for value in chosen.selected.get(name, []) if value not in present])
        return facets

    def rank(self, chosen: Selection, sort: str, page: int,
             per_page: int) -> list[tuple[int, float | None]]:
        """One page of (document number, score): by relevance (score, then document order),
        or by date with undated reports last."""
        docnums, scores = self.ordered(chosen, sort, (page - 1) * per_page, per_page)
        return _scored(docnums, scores)

    def ordered(self, chosen: Selection, sort: str, first: int,
                count: int) -> tuple[np.ndarray, np.ndarray | None]:
        """The document numbers ranked ``first`` to ``first + count`` (see :meth:`rank`) and
        their scores (None when sorted by date), as arrays: an export orders every report
        at once this way and reads their fields later, a batch at a time."""
        docnums = np.flatnonzero(chosen.final)
        if sort == "relevance" and chosen.ranked is not None:
            at = order(chosen.ranked, docnums, chosen.matching.near, self.view, first, count)
            return docnums[at], chosen.ranked.scores[docnums[at]]
        dates = self.table.dates[docnums]
        if sort == "oldest":
            by_date = np.lexsort((docnums, np.where(dates == 0, 99999999, dates)))
        else:  # newest, and an empty query's "relevance"
            by_date = np.lexsort((docnums, -dates))
        return docnums[by_date][first:first + count], None

    # -- documents -----------------------------------------------------------------------------

    def summary(self, docnum: int) -> dict[str, Any]:
        """What a result shows of a document (:func:`summary_of`)."""
        return summary_of(self.view.stored(docnum))

    def stored(self, docnum: int) -> dict[str, Any]:
        """Every stored field of a document (the text compressed: :meth:`text_of`)."""
        return self.view.stored(docnum)

    @staticmethod
    def text_of(stored: dict[str, Any]) -> str:
        """The text of a document, from its stored fields."""
        return decompress_text(stored["text_z"])

    def text(self, docnum: int) -> str:
        """A document's text."""
        return self.text_of(self.view.stored(docnum))

    def docnum(self, doc_id: str) -> int | None:
        """The document number of a report id, None when there is no such report."""
        return self.view.docnum(doc_id)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """Every stored field of a report and its text, or None for an unknown id."""
        docnum = self.docnum(doc_id)
        if docnum is None:
            return None
        stored = self.view.stored(docnum)
        stored["text"] = decompress_text(stored.pop("text_z"))
        stored["duplicates"] = self.duplicates_of(docnum)
        return stored

    def duplicates_of(self, docnum: int) -> list[dict[str, Any]]:
        """The other reports of a report's group of reposted copies, the kept one first:
        ``id``, ``title``, ``date``, ``kept`` (whether it is the one counted) and
        ``similarity`` (with the kept one, 0–1)."""
        head = int(self.groups.head[docnum])
        return [{**{k: v for k, v in summary_of(self.view.stored(d)).items()
                    if k in ("id", "title", "date", "source")},
                 "kept": d == head, "similarity": self.groups.similarity.get(d, 1.0)}
                for d in self.groups.others(docnum)]

    def hits(self, matching: Matching, ranked: list[tuple[int, float | None]],
             snippets: bool) -> list[dict[str, Any]]:
        """The result entries of ranked documents, with snippets when asked."""
        spans = self.spans(matching, [d for d, _ in ranked]) if snippets else {}
        hits = []
        for docnum, score in ranked:
            stored = self.view.stored(docnum)
            hit = summary_of(stored)
            hit["score"] = score
            if snippets:
                marked = spans.get(docnum, [])
                # Nothing to mark (a search by filters only): the snippet is the text's
                # opening, so only the opening is decompressed.
                text = self.text_of(stored) if marked else _opening(stored["text_z"])
                hit["snippet"] = make_snippet(text, marked)
            for name in DETAIL_FIELDS:
                hit[name] = stored.get(name, "")
            hit["awards"] = sorted({a["award"] for a in stored.get("awards", [])})
            hit["duplicates"] = [self.view.stored(d)["id"] for d in self.groups.others(docnum)]
            hits.append(hit)
        return hits

    def spans(self, matching: Matching, docnums: list[int]) -> dict[int, list[tuple[int, int]]]:
        """Character spans to mark in each document: each part of the query where its words
        stand together, else its informative words one by one (see
        :class:`search.matching.MarkGroup`); from the offsets of the syllable field."""
        spans: dict[int, list[tuple[int, int]]] = {d: [] for d in docnums}
        if not docnums:
            return spans
        allowed = np.zeros(self.view.size, dtype=bool)
        allowed[docnums] = True
        for group in matching.marks:
            found = self._marked(group.whole, allowed)
            rest = allowed.copy()
            rest[list(found)] = False
            if group.parts and rest.any():
                for forms in group.parts:
                    for docnum, found_spans in self._marked(forms, rest).items():
                        found.setdefault(docnum, []).extend(found_spans)
            for docnum, found_spans in found.items():
                spans[docnum] += found_spans
        return spans

    def _marked(self, forms: tuple[tuple[str, ...], ...],
                allowed: np.ndarray) -> dict[int, list[tuple[int, int]]]:
        found: dict[int, list[tuple[int, int]]] = {}
        for form in forms:
            for docnum, spans in find_occurrences(self.view, self.unfold, list(form),
                                                  allowed).items():
                found.setdefault(docnum, []).extend(spans)
        return found

    def occurrence_positions(self, term: str, allowed: np.ndarray | None = None
                             ) -> tuple[np.ndarray, np.ndarray]:
        """(documents, positions) of every occurrence of ``term``, as arrays: counted and
        placed without reading a text (see :func:`search.occurrences.find_positions`)."""
        return find_positions(self.view, self.unfold, syllables_of(term), allowed)

    def occurrence_spans(self, term: str, docs: np.ndarray,
                         positions: np.ndarray) -> list[tuple[int, int]]:
        """(start, end) in the text of occurrences of :meth:`occurrence_positions`."""
        return spans_at(self.view, self.unfold, syllables_of(term), docs, positions)

    # -- the search ------------------------------------------------------------------------------

    def search(self, q: str = "", filters: Filters = None, sort: str = "relevance",
               page: int = 1, per_page: int = 10, snippets: bool = True,
               suggest: bool = True) -> dict[str, Any]:
        """Search; returns the result structure documented in the README.

        ``filters`` maps facet fields to values (several values of one field: any of them);
        the query's own ``field:value`` filters are added to them. Raises
        :class:`SearchError` for a bad ``sort``, ``page``, ``per_page`` or filter field.
        """
        return self._run(q, filters, sort, page, per_page, snippets, suggest)

    def export(self, q: str = "", filters: Filters = None, sort: str = "relevance",
               snippets: bool = False) -> list[dict[str, Any]]:
        """Every matching report, in search order, as one list (:meth:`iter_export`
        reads them a batch at a time instead)."""
        return list(self.iter_export(q, filters, sort, snippets))

    def iter_export(self, q: str = "", filters: Filters = None, sort: str = "relevance",
                    snippets: bool = False, batch: int = EXPORT_BATCH) -> Export:
        """Every matching report, in search order (for CSV/JSON downloads), with its snippet
        when asked: an :class:`Export` whose ``total`` is known now and whose rows are read
        ``batch`` at a time as it is iterated. The selection and the order are made here,
        so a bad sort or filter raises :class:`SearchError` before any row is sent."""
        sort, _, _ = check_paging(sort, 1, 1)
        if batch < 1:
            raise SearchError("an export's batch must be 1 or more")
        chosen = self.select(q, filters)
        docnums, scores = self.ordered(chosen, sort, 0, int(chosen.final.sum()))
        return Export(self, chosen.matching, docnums, scores, snippets, batch)

    def _run(self, q: str, filters: Filters, sort: str, page: int, per_page: int,
             snippets: bool, suggest: bool) -> dict[str, Any]:
        started = time.perf_counter()
        sort, page, per_page = check_paging(sort, page, per_page)
        chosen = self.select(q, filters)
        total = int(chosen.final.sum())
        ranked = self.rank(chosen, sort, page, per_page)
        suggestion = None
        if suggest and total < _FEW and (chosen.matching.words or chosen.matching.strict):
            suggestion = self._suggestion(q, filters, total)
        return {
            "query": q,
            "filters": chosen.selected,
            "sort": sort,
            "total": total,
            "page": page,
            "per_page": per_page,
            "pages": max(1, math.ceil(total / per_page)),
            "hits": self.hits(chosen.matching, ranked, snippets),
            "facets": self.facet_counts(chosen),
            "suggestion": suggestion,
            "notices": chosen.parsed.notices,
            "took_ms": round((time.perf_counter() - started) * 1000, 2),
        }

    def facet(self, name: str, q: str = "", filters: Filters = None, order: str = "count",
              page: int = 1, per_page: int = FACET_PAGE) -> dict[str, Any]:
        """Every value of one facet for a search, with its count (as the search's sidebar
        counts it), by count or A–Z, one page of ``per_page`` values (``per_page`` 0: all)."""
        if name not in FACET_NAMES:
            raise SearchError(f"unknown facet {name!r}; facets: {', '.join(FACET_NAMES)}")
        if order not in FACET_ORDERS:
            raise SearchError(f"order must be one of {', '.join(FACET_ORDERS)}, not {order!r}")
        chosen = self.select(q, filters)
        values = self.facet_counts(chosen, (name,))[name]
        if order == "az":
            # Vietnamese order is close enough to the folded letters, marks breaking ties.
            values.sort(key=lambda item: (fold(item["value"]).lower(), item["value"]))
        total = len(values)
        size = per_page or max(total, 1)
        return {"facet": name, "query": q, "filters": chosen.selected, "order": order,
                "total": int(chosen.final.sum()), "values_total": total, "page": page,
                "per_page": size, "pages": max(1, math.ceil(total / size)),
                "values": values[(page - 1) * size:page * size]}

    def _suggestion(self, q: str, filters: Filters, total: int) -> str | None:
        """A corrected query (:mod:`search.suggest`) when it finds more reports, with the
        same filters."""
        corrected = correct_query(q, self.view, self.unfold, self.speller)
        if corrected is None:
            return None
        found = self.select(corrected, filters, found_only=True).final
        return corrected if int(found.sum()) > total else None

    def highlight(self, doc_id: str, q: str) -> list[tuple[int, int]]:
        """Character spans of every match of query ``q`` in a report's text (for the report
        page's highlighting), adjacent matches merged."""
        matching = build_query(parse_query(q))
        docnum = self.docnum(doc_id)
        if not matching.marks or docnum is None:
            return []
        return merge_spans(self.spans(matching, [docnum])[docnum], self.text(docnum))

    def more_like_this(self, doc_id: str, limit: int = 5) -> list[dict[str, Any]]:
        """Reports most similar to one: its most distinctive compound words, searched."""
        own = self.docnum(doc_id)
        if own is None:
            return []
        words = Counter(w for w, _, _, _ in analyze(self.text(own)).words if "_" in w)
        fieldname = BODY_WORDS
        size = max(1, self.view.doc_count)
        weighted = []
        for word, count in words.items():
            frequency = self.view.doc_frequency(fieldname, word)
            if frequency > 1:  # appears in another report too
                weighted.append((count * math.log(1 + size / frequency), word))
        top = sorted(weighted, reverse=True)[:_SIMILAR_WORDS]
        if not top:
            return []
        found, scores = self.scorer.evaluate(Or(tuple(Term(fieldname, word, weight)
                                                      for weight, word in top)))
        found[own] = False
        docnums = np.flatnonzero(found)
        similar = []
        for i in np.lexsort((docnums, -scores[docnums]))[:limit]:
            item = self.summary(int(docnums[i]))
            item["score"] = round(float(scores[docnums[i]]), 4)
            similar.append(item)
        return similar


class Export:
    """Every report a search selects, in search order, for a download of any size.

    Made by :meth:`Snapshot.iter_export`: the order is arrays of document numbers (and
    scores), made once; ``total`` is their number. Iterating yields the result entries
    (:meth:`Snapshot.hits`) ``batch`` reports at a time (stored fields read, snippets made,
    rows handed on, the next batch), so memory does not grow with the number of rows. It
    holds the snapshot it was made from: a download that outlasts a commit reads one
    version of the index to its end, and that version's files stay open until then.
    It can be iterated more than once (each time reads the rows again)."""

    def __init__(self, snapshot: Snapshot, matching: Matching, docnums: np.ndarray,
                 scores: np.ndarray | None, snippets: bool, batch: int = EXPORT_BATCH) -> None:
        self.snapshot = snapshot
        self.matching = matching
        self.docnums = docnums
        self.scores = scores
        self.snippets = snippets
        self.batch = batch
        #: How many rows iterating yields.
        self.total: int = len(docnums)

    def batches(self) -> Iterator[list[dict[str, Any]]]:
        """The rows, one list of at most ``batch`` rows at a time."""
        for first in range(0, self.total, self.batch):
            end = first + self.batch
            ranked = _scored(self.docnums[first:end],
                             None if self.scores is None else self.scores[first:end])
            yield self.snapshot.hits(self.matching, ranked, self.snippets)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for rows in self.batches():
            yield from rows


def _scored(docnums: np.ndarray, scores: np.ndarray | None) -> list[tuple[int, float | None]]:
    """(document number, score rounded as results show it, or None) pairs."""
    if scores is None:
        return [(int(d), None) for d in docnums]
    return [(int(d), round(float(s), 4)) for d, s in zip(docnums, scores, strict=True)]


def _opening(text_z: bytes) -> str:
    """The first characters of a stored text, enough for a snippet with nothing marked
    (:func:`search.snippets.make_snippet` reads ``SNIPPET_CHARS`` and up to 20 more to
    end on a space, and adds "…" when more follow: a text cut longer than that gives the
    same snippet as the whole text). UTF-8 takes at most 4 bytes a character."""
    wanted = (SNIPPET_CHARS + 24) * 4
    opened = zlib.decompressobj()
    head = opened.decompress(text_z, wanted)
    # A character cut at the end of the bytes read is dropped (the text stays long enough).
    return head.decode("utf-8", errors="ignore" if len(head) == wanted else "strict")


def check_paging(sort: str, page: Any, per_page: Any) -> tuple[str, int, int]:
    """A valid sort, page and page size, or :class:`SearchError` saying what is wrong."""
    if sort not in SORTS:
        raise SearchError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    try:
        page, per_page = int(page), int(per_page)
    except (TypeError, ValueError) as exc:
        raise SearchError("page and per_page must be whole numbers") from exc
    if page < 1:
        raise SearchError("page must be 1 or more")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise SearchError(f"per_page must be between 1 and {MAX_PER_PAGE}")
    return sort, page, per_page
