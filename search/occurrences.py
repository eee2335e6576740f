"""Every occurrence of a term in the index, with character offsets, read from the postings.

A term is one word or several ("thi đua", "Bằng khen", "29-NQ/TW"); an occurrence is its
syllables side by side, at consecutive positions of the syllable field, so no text is
re-analysed. Accents follow the search rules: a syllable typed with marks matches exactly,
one typed without marks matches every syllable that folds to it ("thi dua" finds "thi đua").
"""

from __future__ import annotations

import numpy as np
from whoosh.reading import TermNotFound

from indexer.analysis import is_folded
from indexer.schema import TEXT_FIELDS

__all__ = ["find_occurrences"]

_BODY_SYLL = TEXT_FIELDS["body"][1]


def _variants(syllable: str, unfold: dict[str, list[str]]) -> list[str]:
    return unfold.get(syllable, []) if is_folded(syllable) else [syllable]


def find_occurrences(reader, unfold: dict[str, list[str]], syllables: list[str],
                     allowed: np.ndarray | None = None) -> dict[int, list[tuple[int, int]]]:
    """docnum -> [(start, end)] of every occurrence of the syllables side by side, in the
    documents ``allowed`` (a boolean mask over document numbers; None for all).
    ``unfold`` maps a folded syllable to the indexed syllables that fold to it."""
    if not syllables:
        return {}
    levels: list[dict[int, dict[int, tuple[int, int]]]] = []
    candidates: set[int] | None = None
    for syllable in syllables:
        level: dict[int, dict[int, tuple[int, int]]] = {}
        for term in _variants(syllable, unfold):
            try:
                postings = reader.postings(_BODY_SYLL, term)
            except TermNotFound:
                continue
            while postings.is_active():
                docnum = postings.id()
                if (candidates is None or docnum in candidates) and (
                        allowed is None or (docnum < len(allowed) and allowed[docnum])):
                    spots = level.setdefault(docnum, {})
                    for pos, start, end in postings.value_as("characters"):
                        spots.setdefault(pos, (start, end))
                postings.next()
        candidates = set(level) if candidates is None else candidates & set(level)
        levels.append(level)
        if not candidates:
            return {}
    found: dict[int, list[tuple[int, int]]] = {}
    for docnum in sorted(candidates or ()):
        first = levels[0][docnum]
        spans = []
        for pos in sorted(first):
            if all(pos + i in levels[i][docnum] for i in range(1, len(levels))):
                spans.append((first[pos][0], levels[-1][docnum][pos + len(levels) - 1][1]))
        if spans:
            found[docnum] = spans
    return found
