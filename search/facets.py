"""Facet counts and filters over document numbers, with per-index value arrays.

Once per index version, each facet field's postings are read from the index view into NumPy
arrays (value id per
document, or (document, value) pairs for multi-valued fields); a result set is a boolean
mask over document numbers, and counting is one ``bincount``.

Filter values are matched to facet values without marks and case ("lang son" → Lạng Sơn); a
value that matches no facet value exactly matches those that contain it ("Lạng" → Lạng Sơn).
Facets declared with ``ranges`` (years, school years) take ranges: ``2018..2020``; values
may be typed by their English labels (``type:"year-end review"``). Orders, ranges and labels
all come from the facet declarations of :mod:`indexer.fields`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from indexer.fields import FACETS, NEWEST_FIRST, facet
from indexer.normalize import fold, normalize_line
from indexer.store import IndexView

__all__ = ["FacetTable", "resolve_values", "sort_ranks"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RANGE = re.compile(r"^\s*(\d{4})\s*(?:\.\.|-|–)\s*(\d{4})\s*$")


def _key(text: str) -> str:
    return " ".join(fold(normalize_line(text)).lower().split())


@dataclass
class _Facet:
    values: list[str]
    keys: list[str]  # folded, lowercased values, for matching what users type
    docs: np.ndarray  # multi-valued: the document of each (document, value) pair
    ids: np.ndarray  # the value id of each pair (single-valued: one pair per document)
    ranks: np.ndarray  # each value's place in Python's order of the values (for sorting)


class FacetTable:
    """Facet values of every document of one index version."""

    def __init__(self, view: IndexView) -> None:
        self.size = view.size
        self.live = view.live
        self.facets = {f.name: self._load(view, f.name) for f in FACETS}
        # Dates as integers YYYYMMDD for sorting; 0 when unknown.
        self.dates = np.zeros(self.size, dtype=np.int64)
        dates = self._load(view, "date")
        if dates.values:
            # A value that is not YYYY-MM-DD (an index of an older version) sorts as undated.
            as_numbers = np.array([int(v.replace("-", "")) if _DATE.match(v) else 0
                                   for v in dates.values], dtype=np.int64)
            self.dates[dates.docs] = as_numbers[dates.ids]

    @staticmethod
    def _load(view: IndexView, name: str) -> _Facet:
        if name == "date" or not facet(name).multi:
            values, docs, ids = _from_column(view, name)
        else:  # several values a report: no column, the values' postings one by one
            values, postings = [], []
            for value, held in view.term_postings(name):
                values.append(value)
                postings.append(held)
            docs = np.concatenate(postings) if postings else np.zeros(0, dtype=np.int64)
            ids = np.repeat(np.arange(len(values), dtype=np.int64), [len(p) for p in postings])
        ranks = sort_ranks(values)
        return _Facet(values, [_key(v) for v in values], docs.astype(np.int64), ids, ranks)

    def mask_for(self, name: str, values: list[str]) -> np.ndarray:
        """Documents having any of ``values`` (canonical facet values) in ``name``."""
        loaded = self.facets[name]
        wanted = np.zeros(len(loaded.values) + 1, dtype=bool)
        index = {v: i for i, v in enumerate(loaded.values)}
        for value in values:
            if value in index:
                wanted[index[value]] = True
        mask = np.zeros(self.size, dtype=bool)
        mask[loaded.docs[wanted[loaded.ids]]] = True
        return mask

    def counts(self, name: str, mask: np.ndarray) -> list[tuple[str, int]]:
        """(value, count) of documents in ``mask``, most frequent first (years newest first)."""
        loaded = self.facets[name]
        if not loaded.values:
            return []
        selected = loaded.ids[mask[loaded.docs]]
        counts = np.bincount(selected, minlength=len(loaded.values))
        present = np.flatnonzero(counts)
        # Sorted as whole arrays on the values' ranks (a place or a source facet has
        # thousands of values; sorting them as Python tuples cost a millisecond a query).
        if facet(name).order == NEWEST_FIRST:
            ordered = present[np.argsort(-loaded.ranks[present])]
        else:
            ordered = present[np.lexsort((loaded.ranks[present], -counts[present]))]
        values = loaded.values
        return [(values[i], c) for i, c in zip(ordered.tolist(), counts[ordered].tolist(),
                                               strict=True)]

    def has_value(self, name: str) -> np.ndarray:
        """Documents with at least one value in ``name``."""
        mask = np.zeros(self.size, dtype=bool)
        mask[self.facets[name].docs] = True
        return mask

    def values_of(self, name: str) -> list[str]:
        return self.facets[name].values

    def value_ids(self, name: str) -> np.ndarray:
        """For a single-valued field: the value id of every document, -1 when it has none."""
        loaded = self.facets[name]
        ids = np.full(self.size, -1, dtype=np.int64)
        ids[loaded.docs] = loaded.ids
        return ids

    def resolve(self, name: str, typed: str) -> list[str]:
        """The facet values a typed filter value means (see the module docstring)."""
        loaded = self.facets[name]
        return resolve_values(name, typed, loaded.values, loaded.keys)


def sort_ranks(values: list[Any]) -> np.ndarray:
    """Each value's place in Python's order of ``values`` (to sort by them as arrays)."""
    ranks = np.empty(len(values), dtype=np.int64)
    ranks[sorted(range(len(values)), key=values.__getitem__)] = np.arange(len(values))
    return ranks


def _from_column(view: IndexView, name: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """A single-valued field's values (sorted), and the live documents that have one with
    the id of its value, from the field's column: one read per segment. (Reading each
    value's postings took 4.2 of the 6 s an 80,000-report index took to open.)"""
    column = view.column_values(name)
    held = np.flatnonzero(view.live & np.fromiter((bool(v) for v in column), dtype=bool,
                                                    count=len(column)))
    found = [str(column[d]) for d in held.tolist()]
    values, ids = np.unique(np.array(found, dtype=object), return_inverse=True) if found \
        else (np.zeros(0, dtype=object), np.zeros(0, dtype=np.int64))
    return [str(v) for v in values], held.astype(np.int64), ids.astype(np.int64).ravel()


def resolve_values(name: str, typed: str, values: list[str], keys: list[str]) -> list[str]:
    """Match a typed filter value against facet values (``keys`` are their folded forms)."""
    declared = facet(name)
    english = {label.lower(): value for value, label in declared.value_labels.items()}
    typed = english.get(typed.strip().lower(), typed)
    if declared.canonical is not None:
        typed = declared.canonical(typed) or typed
    if declared.ranges:
        span = _RANGE.match(typed)
        if span and any(mark in typed for mark in declared.ranges):
            low, high = sorted((int(span.group(1)), int(span.group(2))))
            return [v for v in values if _in_range(v, low, high)]
    wanted = _key(typed)
    if not wanted:
        return []
    exact = [v for v, k in zip(values, keys, strict=True) if k == wanted]
    if exact:
        return exact
    pattern = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)")
    return [v for v, k in zip(values, keys, strict=True) if pattern.search(k)]


def _in_range(value: str, low: int, high: int) -> bool:
    years = [int(y) for y in re.findall(r"\d{4}", value)]
    return bool(years) and low <= years[0] and years[-1] <= high

