"""Facet counts and filters over document numbers, with per-index value arrays.

Whoosh's ``groupedby`` walks every matching document in Python (~33 µs each). Instead, once
per index version, each facet field's postings are read into NumPy arrays (value id per
document, or (document, value) pairs for multi-valued fields); a result set is a boolean
mask over document numbers, and counting is one ``bincount``.

Filter values are matched to facet values without marks and case ("lang son" → Lạng Sơn); a
value that matches no facet value exactly matches those that contain it ("Lạng" → Lạng Sơn).
``year`` and ``school_year`` take ranges: ``2018..2020``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from indexer.metadata import REPORT_TYPES
from indexer.normalize import fold, normalize_line
from indexer.schema import FACETS

__all__ = ["FacetTable", "resolve_values"]

_RANGE = re.compile(r"^\s*(\d{4})\s*(?:\.\.|-|–)\s*(\d{4})\s*$")
_ENGLISH_TYPES = {label: value for value, label, _ in REPORT_TYPES}
_ENGLISH_TYPES["other"] = "khác"


def _key(text: str) -> str:
    return " ".join(fold(normalize_line(text)).lower().split())


@dataclass
class _Facet:
    values: list[str]
    keys: list[str]  # folded, lowercased values, for matching what users type
    docs: np.ndarray  # multi-valued: the document of each (document, value) pair
    ids: np.ndarray  # the value id of each pair (single-valued: one pair per document)


class FacetTable:
    """Facet values of every document of one index version."""

    def __init__(self, reader) -> None:
        self.size = reader.doc_count_all()
        self.live = np.ones(self.size, dtype=bool)
        if reader.has_deletions():
            for docnum in range(self.size):
                if reader.is_deleted(docnum):
                    self.live[docnum] = False
        self.facets = {name: self._load(reader, name) for name in FACETS}
        # Dates as integers YYYYMMDD for sorting; 0 when unknown. (Read from the postings:
        # Whoosh's multi-segment column reader fails when a segment has no value at all.)
        self.dates = np.zeros(self.size, dtype=np.int64)
        dates = self._load(reader, "date")
        if dates.values:
            as_numbers = np.array([int(v.replace("-", "")) for v in dates.values], dtype=np.int64)
            self.dates[dates.docs] = as_numbers[dates.ids]

    def _load(self, reader, name: str) -> _Facet:
        values, docs, ids = [], [], []
        for term in reader.lexicon(name):
            value = term.decode("utf-8")
            postings = list(reader.postings(name, term).all_ids())
            docs.extend(postings)
            ids.extend([len(values)] * len(postings))
            values.append(value)
        return _Facet(values, [_key(v) for v in values],
                      np.array(docs, dtype=np.int64), np.array(ids, dtype=np.int64))

    def mask_for(self, name: str, values: list[str]) -> np.ndarray:
        """Documents having any of ``values`` (canonical facet values) in ``name``."""
        facet = self.facets[name]
        wanted = np.zeros(len(facet.values) + 1, dtype=bool)
        index = {v: i for i, v in enumerate(facet.values)}
        for value in values:
            if value in index:
                wanted[index[value]] = True
        mask = np.zeros(self.size, dtype=bool)
        mask[facet.docs[wanted[facet.ids]]] = True
        return mask

    def counts(self, name: str, mask: np.ndarray) -> list[tuple[str, int]]:
        """(value, count) of documents in ``mask``, most frequent first (years newest first)."""
        facet = self.facets[name]
        if not facet.values:
            return []
        selected = facet.ids[mask[facet.docs]]
        counts = np.bincount(selected, minlength=len(facet.values))
        pairs = [(facet.values[i], int(c)) for i, c in enumerate(counts) if c]
        if name in ("year", "school_year"):
            return sorted(pairs, key=lambda p: p[0], reverse=True)
        return sorted(pairs, key=lambda p: (-p[1], p[0]))

    def values_of(self, name: str) -> list[str]:
        return self.facets[name].values

    def value_ids(self, name: str) -> np.ndarray:
        """For a single-valued field: the value id of every document, -1 when it has none."""
        facet = self.facets[name]
        ids = np.full(self.size, -1, dtype=np.int64)
        ids[facet.docs] = facet.ids
        return ids

    def resolve(self, name: str, typed: str) -> list[str]:
        """The facet values a typed filter value means (see the module docstring)."""
        facet = self.facets[name]
        return resolve_values(name, typed, facet.values, facet.keys)


def resolve_values(name: str, typed: str, values: list[str], keys: list[str]) -> list[str]:
    """Match a typed filter value against facet values (``keys`` are their folded forms)."""
    if name == "report_type":
        typed = _ENGLISH_TYPES.get(typed.strip().lower(), typed)
    if name in ("year", "school_year"):
        span = _RANGE.match(typed)
        if span and (name == "year" or ".." in typed):
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

