"""The search engine: one ``search`` used by the command line, the web UI and the API.

An :class:`Engine` keeps one Whoosh searcher and the facet table of the index version it
reads; both are refreshed when the index changes. Calls are serialised by a lock, so one
engine can serve a threaded web server.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import query as Q
from whoosh.reading import TermNotFound

from indexer.analysis import analyze, is_folded
from indexer.indexing import open_index
from indexer.normalize import fold
from indexer.schema import FACETS, TEXT_FIELDS, decompress_text

from . import research
from .facets import FacetTable
from .matching import EXACT, FOLDED, Matching, build_query
from .query import ParsedQuery, parse_query
from .scoring import Scorer
from .snippets import make_snippet, merge_spans

__all__ = ["Engine", "SORTS", "engine_for", "search", "more_like_this", "SearchError"]

SORTS = ("relevance", "newest", "oldest")
MAX_PER_PAGE = 100
# Ask for a did-you-mean when a query finds fewer reports than this.
_FEW = 3

_HIT_FIELDS = ("id", "title", "date", "school_year", "province", "organization",
               "report_type", "source")
_EXTRA_FIELDS = ("district", "semester", "published", "author")


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
    scores: np.ndarray | None = None  # relevance of every document, when there are words


class SearchError(ValueError):
    """A bad parameter (not a bad query: queries never fail)."""


class Engine:
    """Searches one index; see :meth:`search`."""

    def __init__(self, index_dir: Path | str):
        self.index_dir = Path(index_dir)
        self.ix = open_index(self.index_dir)
        self._lock = threading.RLock()
        self._searcher = None
        self._table: FacetTable | None = None
        self._scorer: Scorer | None = None
        self._unfolded: dict[str, list[str]] | None = None

    def _current(self):
        if self._searcher is None:
            self._searcher = self.ix.searcher()
            self._table = None
        elif not self._searcher.up_to_date():
            self._searcher = self._searcher.refresh()
            self._table = None
        if self._table is None:
            self._table = FacetTable(self._searcher.reader())
            self._scorer = Scorer(self._searcher.reader(), self._table.live)
            self._unfolded = None
        return self._searcher, self._table

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    # -- searching -------------------------------------------------------------------------

    def search(
        self,
        q: str = "",
        filters: dict[str, Iterable[str]] | None = None,
        sort: str = "relevance",
        page: int = 1,
        per_page: int = 10,
        snippets: bool = True,
        suggest: bool = True,
    ) -> dict[str, Any]:
        """Search; returns the result structure documented in the README.

        ``filters`` maps facet fields to values (several values of one field: any of them);
        the query's own ``field:value`` filters are added to them. Raises
        :class:`SearchError` for a bad ``sort``, ``page``, ``per_page`` or filter field.
        """
        return self._run(q, filters, sort, page, per_page, snippets, suggest)

    def export(self, q: str = "", filters: dict[str, Iterable[str]] | None = None,
               sort: str = "relevance") -> list[dict[str, Any]]:
        """Every matching report, in search order, without snippets (for CSV/JSON export)."""
        return self._run(q, filters, sort, 1, 1, snippets=False, suggest=False,
                         everything=True)["hits"]

    def _run(self, q: str, filters: dict[str, Iterable[str]] | None, sort: str, page: int,
             per_page: int, snippets: bool, suggest: bool,
             everything: bool = False) -> dict[str, Any]:
        started = time.perf_counter()
        sort, page, per_page = _check(sort, page, per_page)
        with self._lock:
            searcher, table = self._current()
            chosen = self._select(table, q, filters)
            selected, final, matching = chosen.selected, chosen.final, chosen.matching
            facets = self._facets(table, chosen)
            total = int(final.sum())
            ranked = self._page(table, chosen, sort, 1 if everything else page,
                                max(total, 1) if everything else per_page)
            hits = self._hits(searcher, matching, ranked, snippets)
            suggestion = None
            if suggest and total < _FEW and matching.syllables:
                suggestion = self._suggestion(searcher, q, matching, total)
        return {
            "query": q,
            "filters": selected,
            "sort": sort,
            "total": total,
            "page": page,
            "per_page": per_page,
            "pages": max(1, math.ceil(total / per_page)),
            "hits": hits,
            "facets": facets,
            "suggestion": suggestion,
            "took_ms": round((time.perf_counter() - started) * 1000, 2),
        }

    def _select(self, table: FacetTable, q: str,
                filters: dict[str, Iterable[str]] | None, only: np.ndarray | None = None
                ) -> Selection:
        """The documents a query and filters select (``only``: a further mask, e.g. the
        reports that have award records)."""
        parsed = parse_query(q)
        wanted = {name: list(values) for name, values in parsed.filters.items()}
        for name, values in (filters or {}).items():
            if name not in FACETS:
                raise SearchError(f"unknown filter {name!r}; filters: {', '.join(FACETS)}")
            wanted.setdefault(name, []).extend(v for v in values if str(v).strip())
        wanted = {name: values for name, values in wanted.items() if values}
        matching = build_query(parsed)
        base = table.live.copy()
        if only is not None:
            base &= only
        scores = None
        if matching.query is not None:
            found, scores = self._scorer.evaluate(matching.query)
            base &= found
        selected: dict[str, list[str]] = {}
        masks: dict[str, np.ndarray] = {}
        for name, values in wanted.items():
            resolved = list(dict.fromkeys(v for raw in values for v in table.resolve(name, raw)))
            selected[name] = resolved
            masks[name] = table.mask_for(name, resolved)
        for name, values in parsed.excluded.items():
            resolved = [v for raw in values for v in table.resolve(name, raw)]
            base &= ~table.mask_for(name, resolved)
        final = base.copy()
        for mask in masks.values():
            final &= mask
        return Selection(parsed, matching, base, masks, selected, final, scores)

    def _facets(self, table: FacetTable, chosen: Selection) -> dict[str, list[dict[str, Any]]]:
        """Facet counts for a selection, each field's own filter left out of its counts."""
        facets = {}
        for name in FACETS:
            facet_mask = chosen.base.copy()
            for other, mask in chosen.masks.items():
                if other != name:
                    facet_mask &= mask
            facets[name] = _facet_list(table.counts(name, facet_mask),
                                       chosen.selected.get(name, []))
        return facets

    def _page(self, table: FacetTable, chosen: Selection, sort: str, page: int,
              per_page: int) -> list[tuple[int, float | None]]:
        """One page of (document number, score): by relevance (score, then document order),
        or by date with undated reports last."""
        first = (page - 1) * per_page
        docnums = np.flatnonzero(chosen.final)
        if sort == "relevance" and chosen.scores is not None:
            scores = chosen.scores[docnums]
            order = np.lexsort((docnums, -scores))[first:first + per_page]
            return [(int(docnums[i]), round(float(scores[i]), 4)) for i in order]
        dates = table.dates[docnums]
        if sort == "oldest":
            order = np.lexsort((docnums, np.where(dates == 0, 99999999, dates)))
        else:  # newest, and an empty query's "relevance"
            order = np.lexsort((docnums, -dates))
        return [(int(d), None) for d in docnums[order][first:first + per_page]]

    def _hits(self, searcher, matching: Matching, ranked: list[tuple[int, float | None]],
              snippets: bool) -> list[dict[str, Any]]:
        spans = self._spans(searcher, matching, [d for d, _ in ranked]) if snippets else {}
        hits = []
        for docnum, score in ranked:
            stored = searcher.stored_fields(docnum)
            hit = {name: stored.get(name, "") for name in _HIT_FIELDS}
            hit["score"] = score
            if snippets:
                hit["snippet"] = make_snippet(decompress_text(stored["text_z"]),
                                              spans.get(docnum, []))
            for name in _EXTRA_FIELDS:
                hit[name] = stored.get(name, "")
            hit["awards"] = sorted({a["award"] for a in stored.get("awards", [])})
            hits.append(hit)
        return hits

    def _spans(self, searcher, matching: Matching,
               docnums: list[int]) -> dict[int, list[tuple[int, int]]]:
        """Character spans of the highlighted syllables in each document, from the offsets
        of the syllable field; a folded form stands for every syllable that folds to it."""
        reader = searcher.reader()
        spans: dict[int, list[tuple[int, int]]] = {d: [] for d in docnums}
        ordered = sorted(docnums)
        terms = set(matching.highlight.get(EXACT, ()))
        if matching.highlight.get(FOLDED):
            unfold = self._unfold(reader)
            for folded in matching.highlight[FOLDED]:
                terms.update(unfold.get(folded, ()))
        fieldname = TEXT_FIELDS["body"][1]
        for term in terms:
            try:
                postings = reader.postings(fieldname, term)
            except TermNotFound:
                continue
            for docnum in ordered:
                if not postings.is_active():
                    break
                postings.skip_to(docnum)
                if postings.is_active() and postings.id() == docnum:
                    spans[docnum] += [(s, e) for _, s, e in postings.value_as("characters")]
        return spans

    def _unfold(self, reader) -> dict[str, list[str]]:
        """Folded form -> the indexed syllables that fold to it, for this index version."""
        if self._unfolded is None:
            unfolded: dict[str, list[str]] = {}
            for term in reader.lexicon(TEXT_FIELDS["body"][1]):
                syllable = term.decode("utf-8")
                unfolded.setdefault(fold(syllable), []).append(syllable)
            self._unfolded = unfolded
        return self._unfolded

    def _suggestion(self, searcher, q: str, matching: Matching, total: int) -> str | None:
        """A corrected query when some words are not in the index and the correction finds
        more reports."""
        reader = searcher.reader()
        corrected = q
        changed = False
        for syllable in dict.fromkeys(matching.syllables):
            fieldname = TEXT_FIELDS["body"][2] if is_folded(syllable) else TEXT_FIELDS["body"][1]
            if reader.doc_frequency(fieldname, syllable) > 0:
                continue
            # prefix=1: a typo seldom changes the first letter, and scanning the whole
            # lexicon for candidates is what makes a correction slow.
            found = searcher.corrector(fieldname).suggest(syllable, limit=1, maxdist=2,
                                                          prefix=1)
            if found:
                pattern = re.compile(rf"(?<!\w){re.escape(syllable)}(?!\w)", re.IGNORECASE)
                corrected, count = pattern.subn(found[0], corrected)
                changed = changed or count > 0
        if not changed:
            return None
        better = build_query(parse_query(corrected))
        if better.query is None:
            return None
        found = int(self._scorer.evaluate(better.query)[0].sum())
        return corrected if found > total else None

    # -- documents -------------------------------------------------------------------------

    def highlight(self, doc_id: str, q: str) -> list[tuple[int, int]]:
        """Character spans of every match of query ``q`` in a report's text (for the report
        page's highlighting), adjacent matches merged."""
        matching = build_query(parse_query(q))
        if not matching.highlight:
            return []
        with self._lock:
            searcher, _ = self._current()
            docnum = searcher.document_number(id=doc_id)
            if docnum is None:
                return []
            spans = self._spans(searcher, matching, [docnum])[docnum]
            text = decompress_text(searcher.stored_fields(docnum)["text_z"])
        return merge_spans(spans, text)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """Every stored field of a report and its text, or None for an unknown id."""
        with self._lock:
            searcher, _ = self._current()
            docnum = searcher.document_number(id=doc_id)
            if docnum is None:
                return None
            stored = dict(searcher.stored_fields(docnum))
        stored["text"] = decompress_text(stored.pop("text_z"))
        stored["award"] = [v for v in stored.get("award", "").split(",") if v]
        stored["person"] = [v for v in stored.get("person", "").split(",") if v]
        return stored

    # -- research tools (search/research.py) --------------------------------------------------

    def trend(self, terms: Iterable[str], filters: dict[str, Iterable[str]] | None = None
              ) -> dict[str, Any]:
        """Reports, occurrences and share per school year and year, for one to five terms."""
        return research.trend(self, terms, filters)

    def kwic(self, term: str, filters: dict[str, Iterable[str]] | None = None,
             sort: str = "date", page: int = 1, per_page: int = 100) -> dict[str, Any]:
        """Every occurrence of a term in context."""
        return research.kwic(self, term, filters, sort, page, per_page)

    def compare(self, a: str, b: str) -> dict[str, Any] | None:
        """Two reports side by side, sentences aligned, words marked."""
        return research.compare(self, a, b)

    def awards(self, q: str = "", filters: dict[str, Iterable[str]] | None = None,
               sort: str = "newest", page: int = 1, per_page: int = 100) -> dict[str, Any]:
        """Every award record of the selected reports, with totals and facets."""
        return research.award_list(self, q, filters, sort, page, per_page)

    def more_like_this(self, doc_id: str, limit: int = 5) -> list[dict[str, Any]]:
        """Reports most similar to one: its most distinctive compound words, searched."""
        document = self.document(doc_id)
        if document is None:
            return []
        words = Counter(w for w, _, _, _ in analyze(document["text"]).words if "_" in w)
        fieldname = TEXT_FIELDS["body"][0]
        with self._lock:
            searcher, _ = self._current()
            reader = searcher.reader()
            size = max(1, reader.doc_count())
            weighted = []
            for word, count in words.items():
                frequency = reader.doc_frequency(fieldname, word)
                if frequency > 1:  # appears in another report too
                    weighted.append((count * math.log(1 + size / frequency), word))
            top = sorted(weighted, reverse=True)[:25]
            if not top:
                return []
            query = Q.Or([Q.Term(fieldname, word, boost=weight) for weight, word in top])
            own = searcher.document_number(id=doc_id)
            found, scores = self._scorer.evaluate(query)
            found[own] = False
            docnums = np.flatnonzero(found)
            similar = []
            for i in np.lexsort((docnums, -scores[docnums]))[:limit]:
                stored = searcher.stored_fields(int(docnums[i]))
                item = {name: stored.get(name, "") for name in _HIT_FIELDS}
                item["score"] = round(float(scores[docnums[i]]), 4)
                similar.append(item)
            return similar


def _check(sort: str, page: Any, per_page: Any) -> tuple[str, int, int]:
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


def _facet_list(counts: list[tuple[str, int]], selected: list[str]) -> list[dict[str, Any]]:
    items = [{"value": value, "count": count} for value, count in counts]
    present = {value for value, _ in counts}
    # A chosen value stays listed (with 0) so it can be seen and unticked.
    items += [{"value": value, "count": 0} for value in selected if value not in present]
    return items


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
