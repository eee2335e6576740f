"""Spelling candidates from a field's lexicon, with whole-array edit distances.

Did-you-mean asks for the terms of a field within one or two edits of an unknown word
(:meth:`Speller.suggest`). Whoosh's corrector answers the same question by computing the
Damerau-Levenshtein distance in Python against every term that shares the first letter:
some 1,500 terms for a common letter, 50–80 ms a query on an archive of 10,000 reports.

Here the lexicon is read once per index version (a :class:`Speller` lives on the
:class:`~search.snapshot.Snapshot`) and split by first letter and by length; a query only
looks at the terms whose length is within ``maxdist`` of its own (no edit distance can be
smaller than the difference of lengths), and the distance to all of them is computed at
once, one NumPy row of the dynamic programme per letter of the query. The few terms it
keeps are then checked with Whoosh's own distance function, and ranked the way Whoosh's
corrector ranks them (most frequent first, then alphabetical), so the answers are the
corrector's, only sooner (tests/test_suggest.py compares them).
"""

from __future__ import annotations

import heapq
import threading
from collections.abc import Callable

import numpy as np
from whoosh.support.levenshtein import distance as whoosh_distance

from indexer.store import IndexView

__all__ = ["Speller"]

# Terms of one first letter and one length: the terms, and their letters as code points.
_Bucket = tuple[list[str], np.ndarray]


class Speller:
    """Spelling candidates of one index version (see the module docstring); each field's
    lexicon is read at its first use."""

    def __init__(self, view: IndexView) -> None:
        self.view = view
        self._fields: dict[str, dict[str, dict[int, _Bucket]]] = {}
        self._loading = threading.Lock()

    def _buckets(self, fieldname: str) -> dict[str, dict[int, _Bucket]]:
        """First letter -> length -> the field's terms of that letter and length."""
        found = self._fields.get(fieldname)
        if found is None:
            with self._loading:
                found = self._fields.get(fieldname)
                if found is None:
                    grouped: dict[str, dict[int, list[str]]] = {}
                    for term in self.view.terms(fieldname):
                        if term:
                            grouped.setdefault(term[0], {}).setdefault(len(term), []).append(
                                term)
                    found = {first: {size: (terms, _codes(terms, size))
                                     for size, terms in by_size.items()}
                             for first, by_size in grouped.items()}
                    self._fields[fieldname] = found
        return found

    def within(self, fieldname: str, word: str, maxdist: int, prefix: int = 1) -> list[str]:
        """The field's terms within ``maxdist`` Damerau-Levenshtein edits of ``word`` that
        share its first ``prefix`` letters (Whoosh's ``terms_within``, unordered)."""
        if not word:
            return []
        buckets = self._buckets(fieldname)
        groups = [buckets.get(word[0], {})] if prefix > 0 else list(buckets.values())
        query = _codes([word], len(word))[0]
        found: list[str] = []
        for group in groups:
            for size in range(max(1, len(word) - maxdist), len(word) + maxdist + 1):
                if size not in group:
                    continue
                terms, codes = group[size]
                close = np.flatnonzero(_distances(codes, query) <= maxdist)
                for at in close.tolist():
                    term = terms[at]
                    # Whoosh's own function decides (its early exit may reject a term the
                    # exact distance keeps): the same answers as its corrector.
                    if term.startswith(word[:prefix]) and \
                            whoosh_distance(term, word, limit=maxdist) <= maxdist:
                        found.append(term)
        return found

    def suggest(self, fieldname: str, word: str, limit: int = 1, maxdist: int = 2,
                prefix: int = 1) -> list[str]:
        """What :meth:`indexer.store.IndexView.suggest` answers: terms within ``maxdist``
        edits sharing the first ``prefix`` letters, most frequent first (in the whole
        index), alphabetical among equals; at most ``limit``."""
        frequency: Callable[[str, str], float] = self.view.frequency
        # Whoosh's corrector scores each term so (the distance does not enter its order).
        scored = [(0 - (maxdist + (1.0 / (frequency(fieldname, term) or 1) * 0.5)), term)
                  for term in self.within(fieldname, word, maxdist, prefix)]
        best = heapq.nlargest(limit, scored)
        return [term for _, term in sorted(best, key=lambda item: (0 - item[0], item[1]))]


def _codes(terms: list[str], size: int) -> np.ndarray:
    """The terms' letters as a (terms, size) array of code points (all of length ``size``)."""
    flat = np.frombuffer("".join(terms).encode("utf-32-le"), dtype=np.uint32)
    return flat.reshape(len(terms), size).astype(np.int64)


def _distances(codes: np.ndarray, query: np.ndarray) -> np.ndarray:
    """The optimal-string-alignment (restricted Damerau-Levenshtein) distance between
    ``query`` and each row of ``codes`` (terms of one length), row ``i`` of the dynamic
    programme for all terms at once. Within a row, an insertion depends on the cell to its
    left: ``D[i][j] = min_k (E[k] + j - k)``, a running minimum, so a row is a handful of
    whole-array operations."""
    count, size = codes.shape
    steps = np.arange(size + 1, dtype=np.int64)
    previous = np.broadcast_to(steps, (count, size + 1)).copy()
    before: np.ndarray | None = None
    for i, letter in enumerate(query.tolist(), start=1):
        differs = codes != letter
        best = np.empty((count, size + 1), dtype=np.int64)
        best[:, 0] = i
        np.minimum(previous[:, :-1] + differs, previous[:, 1:] + 1, out=best[:, 1:])
        if before is not None and size >= 2:
            # A transposition: this letter and the one before swapped.
            swapped = ((codes[:, :-1] == letter) & (codes[:, 1:] == int(query[i - 2]))
                       & differs[:, 1:])
            best[:, 2:] = np.where(swapped, np.minimum(best[:, 2:], before[:, :-2] + 1),
                                   best[:, 2:])
        current = steps + np.minimum.accumulate(best - steps, axis=1)
        before, previous = previous, current
    return previous[:, -1]
