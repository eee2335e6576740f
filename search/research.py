"""The research tools: trend, concordance, comparison, award lists.

Each function reads one :class:`search.snapshot.Snapshot` through its public methods
(``select``, ``facet_counts``, ``occurrences``, ``spans``, ``summary``…), so the tools select
exactly what search selects, from one version of the index.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np

from indexer.documents import award_kinds

from .compare import compare_texts
from .errors import SearchError
from .kwic import KWIC_SORTS, MAX_LINES, anchor_for, context_line, sort_lines
from .matching import build_query
from .query import parse_query
from .snapshot import Filters, Snapshot, summary_of
from .snippets import best_span, merge_spans
from .trend import MAX_TERMS, PERIODS, period_axis, series_for

__all__ = ["trend", "kwic", "compare", "award_list", "duplicate_groups", "record_kinds", "AWARD_SORTS",
           "MAX_ROWS"]

AWARD_SORTS = ("newest", "oldest", "award", "body", "collectives", "individuals")
# Exports ask for every row at once, up to this many.
MAX_ROWS = 100_000


def _bounds(page: Any, per_page: Any) -> tuple[int, int]:
    """Page and lines per page."""
    try:
        page, per_page = int(page), int(per_page)
    except (TypeError, ValueError) as exc:
        raise SearchError("page and per_page must be whole numbers") from exc
    if page < 1 or not 1 <= per_page <= MAX_ROWS:
        raise SearchError(f"page must be 1 or more and per_page between 1 and {MAX_ROWS}")
    return page, per_page


def _terms(terms: Iterable[str]) -> list[str]:
    cleaned = [t.strip() for t in terms if t and t.strip()]
    if not cleaned:
        raise SearchError("give at least one term")
    if len(cleaned) > MAX_TERMS:
        raise SearchError(f"at most {MAX_TERMS} terms")
    return cleaned


def trend(snapshot: Snapshot, terms: Iterable[str], filters: Filters = None) -> dict[str, Any]:
    """Per school year and per calendar year, for each term: reports matching, occurrences
    and share of the period's reports (see :mod:`search.trend`)."""
    started = time.perf_counter()
    terms = _terms(terms)
    table = snapshot.table
    everything = snapshot.select("", filters)
    per_term = []
    for term in terms:
        matched = snapshot.select(term, filters).final
        docs, _ = snapshot.occurrence_positions(term, matched)
        held, times = np.unique(docs, return_counts=True)
        counts = dict(zip(held.tolist(), times.tolist(), strict=True))
        per_term.append((term, matched, counts))
    result: dict[str, Any] = {"terms": terms, "filters": everything.selected}
    for name in PERIODS:
        present = [v for v, _ in table.counts(name, everything.final)]
        axis = period_axis(name, present)
        result[name] = {
            "periods": axis,
            "series": [{"term": term, "points": series_for(
                table, name, axis, everything.final, matched, counts)}
                for term, matched, counts in per_term],
        }
    result["took_ms"] = round((time.perf_counter() - started) * 1000, 2)
    return result


def kwic(snapshot: Snapshot, term: str, filters: Filters = None, sort: str = "date",
         page: int = 1, per_page: int = 100) -> dict[str, Any]:
    """Every occurrence of ``term`` with its context (see :mod:`search.kwic`).

    By date (the default), every occurrence is counted and placed from the index alone
    (the positions of the term's words, the reports' school years, dates and files), and
    only the reports on the page asked for are read: a page costs the same for a term
    found 50 times or 50,000. By the word before or after, the words must be read, so the
    first :data:`~search.kwic.MAX_LINES` occurrences are collected and sorted (and the
    result says it was capped)."""
    started = time.perf_counter()
    term = _terms([term])[0]
    if sort not in KWIC_SORTS:
        raise SearchError(f"sort must be one of {', '.join(KWIC_SORTS)}, not {sort!r}")
    page, per_page = _bounds(page, per_page)
    chosen = snapshot.select("", filters)
    docs, positions = snapshot.occurrence_positions(term, chosen.final)
    first = (page - 1) * per_page
    if sort == "date":
        order = _by_date(snapshot, docs, positions)
        total, capped = len(order), False
        lines = _kwic_lines(snapshot, term, docs[order[first:first + per_page]],
                            positions[order[first:first + per_page]])
    else:
        capped = len(docs) > MAX_LINES
        everything = sort_lines(_kwic_lines(snapshot, term, docs[:MAX_LINES],
                                            positions[:MAX_LINES]), sort)
        total, lines = len(everything), everything[first:first + per_page]
    return {
        "term": term, "filters": chosen.selected, "sort": sort, "total": total,
        "capped": capped, "reports": len(np.unique(docs)), "page": page, "per_page": per_page,
        "pages": max(1, -(-total // per_page)), "lines": lines,
        "took_ms": round((time.perf_counter() - started) * 1000, 2),
    }


def _by_date(snapshot: Snapshot, docs: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """The order of occurrences (``docs[i]``, ``positions[i]``) newest school year first,
    then newest date, then file (descending), then last in the text first: the order
    :func:`~search.kwic.sort_lines` gives lines by date, made without reading a text."""
    table = snapshot.table
    # A report without a school year (value id -1) takes the -1 appended: it sorts last.
    year_ranks = np.append(table.facets["school_year"].ranks, -1)[
        table.value_ids("school_year")[docs]]
    return np.lexsort((positions, snapshot.source_ranks[docs], table.dates[docs],
                       year_ranks))[::-1]


def _kwic_lines(snapshot: Snapshot, term: str, docs: np.ndarray,
                positions: np.ndarray) -> list[dict[str, Any]]:
    """The concordance lines of occurrences of ``term`` (``docs[i]``, ``positions[i]``):
    each report read once, and only those."""
    spans = snapshot.occurrence_spans(term, docs, positions)
    docnums = list(dict.fromkeys(docs.tolist()))
    marks_of = snapshot.spans(build_query(parse_query(term)), docnums)
    read: dict[int, tuple[dict[str, Any], str, list[tuple[int, int]], int]] = {}
    for docnum in docnums:
        stored = snapshot.stored(docnum)
        text = snapshot.text_of(stored)
        marks = merge_spans(marks_of.get(docnum, []), text)
        read[docnum] = (summary_of(stored), text, marks, best_span(text, marks))
    lines = []
    for docnum, (start, end) in zip(docs.tolist(), spans, strict=True):
        summary, text, marks, first = read[docnum]
        line = dict(summary)
        line.update(context_line(text, start, end))
        line["start"] = start
        line["anchor"] = anchor_for(marks, start, first)
        lines.append(line)
    return lines


def compare(snapshot: Snapshot, a: str, b: str) -> dict[str, Any] | None:
    """Two reports side by side (see :mod:`search.compare`); None if either is unknown."""
    first, second = snapshot.document(a), snapshot.document(b)
    if first is None or second is None:
        return None
    result = compare_texts(first["text"], second["text"])
    result["a"], result["b"] = summary_of(first), summary_of(second)
    return result


def record_kinds(record: dict[str, Any]) -> list[str]:
    """The award kinds a stored award record counts in (:func:`indexer.documents.award_kinds`)."""
    return award_kinds(record.get("kinds"), record.get("award", ""))


def award_list(snapshot: Snapshot, q: str = "", filters: Filters = None, sort: str = "newest",
               page: int = 1, per_page: int = 100) -> dict[str, Any]:
    """Every award record of the reports a query and filters select, with totals per school
    year and per awarding body, and the search facets.

    The query's words and the other facets select reports (their records are listed); the
    ``award`` filter (a facet value, or ``khen_thưởng:`` in the query) selects records: only
    the records that name one of its kinds (:func:`record_kinds`) are listed and totalled.
    The ``award`` facet counts records, over everything selected but its own filter; the
    other facets count reports, as in search."""
    started = time.perf_counter()
    if sort not in AWARD_SORTS:
        raise SearchError(f"sort must be one of {', '.join(AWARD_SORTS)}, not {sort!r}")
    page, per_page = _bounds(page, per_page)
    chosen = snapshot.select(q, filters, only=snapshot.table.has_value("award"))
    facets = snapshot.facet_counts(chosen)
    wanted = set(chosen.selected.get("award", ()))
    # The reports the award facet counts in: every filter but its own (a superset of final).
    around = chosen.base.copy()
    for name, mask in chosen.masks.items():
        if name != "award":
            around &= mask
    per_kind: Counter[str] = Counter()
    rows = []
    for docnum in np.flatnonzero(around).tolist():
        stored = snapshot.stored(docnum)
        listed = bool(chosen.final[docnum])
        summary = summary_of(stored) if listed else {}
        for number, record in enumerate(stored.get("awards", []), 1):
            kinds = record_kinds(record)
            per_kind.update(kinds)
            if not listed or (wanted and wanted.isdisjoint(kinds)):
                continue
            rows.append({**summary, "number": number, "award": record.get("award", ""),
                         "body": record.get("body", ""),
                         "collectives": record.get("collectives"),
                         "individuals": record.get("individuals"),
                         "sentence": record.get("sentence", "")})
    facets["award"] = _kind_counts(per_kind, chosen.selected.get("award", []))
    rows = _sort_awards(rows, sort)
    first = (page - 1) * per_page
    return {
        "query": q, "filters": chosen.selected, "sort": sort, "total": len(rows),
        "reports": len({row["id"] for row in rows}), "page": page, "per_page": per_page,
        "pages": max(1, -(-len(rows) // per_page)), "rows": rows[first:first + per_page],
        "totals": {"school_year": _totals(rows, "school_year"), "body": _totals(rows, "body"),
                   "all": _totals(rows, None)[0] if rows else
                   {"value": "", "records": 0, "collectives": 0, "individuals": 0}},
        "facets": facets,
        "took_ms": round((time.perf_counter() - started) * 1000, 2),
    }


def _kind_counts(per_kind: Counter[str], chosen: list[str]) -> list[dict[str, Any]]:
    """The award facet of an award list: records per kind, most first, as the facet table
    orders counts; a chosen kind stays listed (with 0) so it can be unticked."""
    counted = sorted(((kind, n) for kind, n in per_kind.items() if kind and n),
                     key=lambda pair: (-pair[1], pair[0]))
    present = {kind for kind, _ in counted}
    return ([{"value": kind, "count": n} for kind, n in counted]
            + [{"value": kind, "count": 0} for kind in chosen if kind not in present])


def _sort_awards(rows: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    if sort in ("collectives", "individuals"):
        return sorted(rows, key=lambda r: (-(r[sort] or 0), r["date"]))
    if sort in ("award", "body"):
        return sorted(rows, key=lambda r: (r[sort].lower(), r["date"]))
    # Dates newest (or oldest) first; a report's records keep their order in its text.
    in_text_order = sorted(rows, key=lambda r: (r["id"], r["number"]))
    dated = sorted((r for r in in_text_order if r["date"]), key=lambda r: r["date"],
                   reverse=sort == "newest")
    return dated + [r for r in in_text_order if not r["date"]]


def _totals(rows: list[dict[str, Any]], by: str | None) -> list[dict[str, Any]]:
    groups: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = row[by] if by else ""
        group = groups.setdefault(key, {"value": key, "records": 0, "collectives": 0,
                                        "individuals": 0})
        group["records"] += 1
        group["collectives"] += row["collectives"] or 0
        group["individuals"] += row["individuals"] or 0
    ordered = sorted(groups.values(), key=lambda g: g["value"], reverse=by == "school_year")
    if by == "body":
        ordered.sort(key=lambda g: -g["records"])
    return ordered


def duplicate_groups(snapshot: Snapshot, page: Any = 1, per_page: Any = 50) -> dict[str, Any]:
    """The groups of reposted copies, for staff to review: each kept report and its copies
    with their similarity; biggest groups first, then the newest kept report. ``rows``: one
    per copy, for CSV."""
    started = time.perf_counter()
    page, per_page = _bounds(page, per_page)
    groups = snapshot.groups
    dates = snapshot.table.dates
    kept = sorted(groups.members, key=lambda d: (-len(groups.members[d]), -dates[d], d))
    listed = []
    for head in kept[(page - 1) * per_page:page * per_page]:
        entry = summary_of(snapshot.stored(head))
        entry["copies"] = [{**summary_of(snapshot.stored(d)),
                            "similarity": groups.similarity.get(d, 1.0)}
                           for d in groups.members[head][1:]]
        listed.append(entry)
    rows = [{"kept_id": g["id"], "kept_title": g["title"], "kept_date": g["date"],
             "copy_id": c["id"], "copy_title": c["title"], "copy_date": c["date"],
             "similarity": c["similarity"]} for g in listed for c in g["copies"]]
    return {"groups": listed, "rows": rows, "total": len(kept), "copies": groups.copies,
            "page": page, "per_page": per_page,
            "pages": max(1, -(-len(kept) // per_page)),
            "took_ms": round((time.perf_counter() - started) * 1000, 1)}
