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

__all__ = ["find_occurrences", "find_positions", "spans_at"]

# An occurrence is one integer while the levels are matched: its document in the high
# bits, its position in the low 32.
_SHIFT = 32
_POSITION = (1 << _SHIFT) - 1


def _variants(syllable: str, unfold: dict[str, list[str]]) -> list[str]:
    """The indexed syllables a query syllable stands for: itself (and its other i/y
    spelling) when typed with marks, every syllable that folds to it (or to its other
    spelling) when typed without."""
    spellings = [syllable, *filter(None, [iy_variant(syllable)])]
    if not is_folded(syllable):
        return spellings
    return [found for form in spellings for found in unfold.get(form, [])]


def find_positions(view: IndexView, unfold: dict[str, list[str]], syllables: list[str],
                   allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(documents, positions): where each occurrence of the syllables side by side starts,
    in document then position order, in the live documents ``allowed`` (a boolean mask
    over document numbers; None for all). Whole arrays from the syllables' position tables
    (decoded once per version), so that counting and placing the occurrences of a word
    found 50,000 times reads no text and runs no loop per occurrence."""
    empty = np.zeros(0, dtype=np.int64)
    if not syllables:
        return empty, empty
    keys: np.ndarray | None = None
    for i, syllable in enumerate(syllables):
        parts = []
        for term in _variants(syllable, unfold):
            table = view.position_table(BODY_SYLLABLES, term)
            docs = table.docs[view.live[table.docs]]
            if allowed is not None:
                docs = docs[allowed[docs]]
            if keys is not None:
                docs = docs[np.isin(docs, keys >> _SHIFT)]
            owners, positions = table.select(docs)
            starts = positions - i  # where an occurrence holding this one would start
            fits = starts >= 0
            parts.append((owners[fits] << _SHIFT) | starts[fits])
        level = np.unique(np.concatenate(parts)) if parts else empty
        keys = level if keys is None else np.intersect1d(keys, level, assume_unique=True)
        if not len(keys):
            return empty, empty
    assert keys is not None
    return keys >> _SHIFT, keys & _POSITION


def spans_at(view: IndexView, unfold: dict[str, list[str]], syllables: list[str],
             docs: np.ndarray, positions: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) in the text of each occurrence (``docs[i]``, ``positions[i]``) of
    :func:`find_positions`: the first syllable's start, the last one's end, read from the
    character offsets of those documents only."""
    if not syllables or not len(docs):
        return []
    wanted = sorted(set(docs.tolist()))
    last = len(syllables) - 1

    def offsets(syllable: str) -> dict[tuple[int, int], tuple[int, int]]:
        found: dict[tuple[int, int], tuple[int, int]] = {}
        for term in _variants(syllable, unfold):
            for docnum, spots in view.offsets(BODY_SYLLABLES, term, wanted).items():
                for pos, start, end in spots:
                    found.setdefault((docnum, pos), (start, end))
        return found

    firsts = offsets(syllables[0])
    lasts = firsts if last == 0 else offsets(syllables[last])
    return [(firsts[(d, p)][0], lasts[(d, p + last)][1])
            for d, p in zip(docs.tolist(), positions.tolist(), strict=True)]


def find_occurrences(view: IndexView, unfold: dict[str, list[str]], syllables: list[str],
                     allowed: np.ndarray | None = None) -> dict[int, list[tuple[int, int]]]:
    """docnum -> [(start, end)] of every occurrence of the syllables side by side, in the
    documents ``allowed`` (a boolean mask over document numbers; None for all).
    ``unfold`` maps a folded syllable to the indexed syllables that fold to it."""
    docs, positions = find_positions(view, unfold, syllables, allowed)
    found: dict[int, list[tuple[int, int]]] = {}
    for docnum, span in zip(docs.tolist(), spans_at(view, unfold, syllables, docs, positions),
                            strict=True):
        found.setdefault(docnum, []).append(span)
    return found
