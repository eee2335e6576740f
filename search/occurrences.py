"""Every occurrence of a term in the index, with character offsets, read from the postings.

A term is one word or several ("thi đua", "Bằng khen", "29-NQ/TW"); an occurrence is its
syllables side by side, at consecutive positions of the syllable field, so no text is
re-analysed. Accents follow the search rules: a syllable typed with marks matches exactly,
one typed without marks matches every syllable that folds to it ("thi dua" finds "thi đua").
"""

from __future__ import annotations

import numpy as np

from indexer.analysis import is_folded
from indexer.fields import BODY_SYLLABLES
from indexer.normalize import iy_variant
from indexer.store import IndexView

__all__ = ["find_occurrences"]


def _variants(syllable: str, unfold: dict[str, list[str]]) -> list[str]:
    """The indexed syllables a query syllable stands for: itself (and its other i/y
    spelling) when typed with marks, every syllable that folds to it (or to its other
    spelling) when typed without."""
    spellings = [syllable, *filter(None, [iy_variant(syllable)])]
    if not is_folded(syllable):
        return spellings
    return [found for form in spellings for found in unfold.get(form, [])]


def find_occurrences(view: IndexView, unfold: dict[str, list[str]], syllables: list[str],
                     allowed: np.ndarray | None = None) -> dict[int, list[tuple[int, int]]]:
    """docnum -> [(start, end)] of every occurrence of the syllables side by side, in the
    documents ``allowed`` (a boolean mask over document numbers; None for all).
    ``unfold`` maps a folded syllable to the indexed syllables that fold to it."""
    if not syllables:
        return {}
    levels: list[dict[int, dict[int, tuple[int, int]]]] = []
    candidates: np.ndarray | None = None
    for syllable in syllables:
        level: dict[int, dict[int, tuple[int, int]]] = {}
        for term in _variants(syllable, unfold):
            docs = view.postings(BODY_SYLLABLES, term).docs
            if allowed is not None:
                docs = docs[allowed[docs]]
            if candidates is not None:
                docs = docs[np.isin(docs, candidates, assume_unique=True)]
            for docnum, spots in view.offsets(BODY_SYLLABLES, term, docs.tolist()).items():
                at = level.setdefault(docnum, {})
                for pos, start, end in spots:
                    at.setdefault(pos, (start, end))
        found_here = np.fromiter(level, dtype=np.int64, count=len(level))
        candidates = found_here if candidates is None else np.intersect1d(candidates, found_here)
        levels.append(level)
        if not len(candidates):
            return {}
    found: dict[int, list[tuple[int, int]]] = {}
    for docnum in sorted((candidates if candidates is not None else []).tolist()):
        first = levels[0][docnum]
        spans = []
        for pos in sorted(first):
            if all(pos + i in levels[i][docnum] for i in range(1, len(levels))):
                spans.append((first[pos][0], levels[-1][docnum][pos + len(levels) - 1][1]))
        if spans:
            found[docnum] = spans
    return found
