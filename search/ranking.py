"""Which reports a query selects, and in what order: the ranking rules, one after the other.

Reports are sorted by these rules; each rule only orders reports the rules before it left
tied (as Meilisearch's ranking rules do):

1. **words** — in a query of ``LONG_QUERY`` informative words or more, reports that have
   more of them first (a shorter query requires them all, so the rule ties). A long query
   lets in reports missing some of its words only when fewer than ``FULL_PAGE`` reports
   have them all: enough answers, not inflated totals;
2. **proximity** — reports where more of the query's words stand side by side, as typed,
   first: all of them together (the phrase as typed) before some of them, before none;
3. **title** — then the report whose title has more of them side by side;
4. **relevance** — then BM25F over everything that matched: compound words above
   syllables, syllables typed with marks matched exactly above folded matches, title above
   body, rare words above common ones (weights in :mod:`search.matching`).

Question and function words never decide whether a report is selected, only its place.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from indexer.fields import BODY_PAIRS, TITLE_PAIRS
from indexer.store import IndexView

from .matching import TITLE, WEIGHTS, Matching
from .querytree import Term
from .scoring import Scorer

__all__ = ["Ranked", "rank_matches", "FULL_PAGE"]

# A long query keeps to the reports with all its words when they fill a page of results.
FULL_PAGE = 10


@dataclass
class Ranked:
    """The reports a query selects (``found``), their BM25F ``scores`` and the ``keys`` of
    the rules before relevance, most significant first (arrays over document numbers)."""

    found: np.ndarray
    scores: np.ndarray
    keys: list[np.ndarray]


def rank_matches(m: Matching, scorer: Scorer, view: IndexView) -> Ranked:
    """Apply the rules of the module docstring to a query's :class:`Matching`."""
    size = view.size
    found = view.live.copy()
    scores = np.zeros(size, dtype=np.float32)
    matched_words = np.zeros(size, dtype=np.int32)
    for clause in m.words:
        mask, part = scorer.evaluate(clause)
        matched_words += mask
        scores += part
    for clause in m.strict:
        mask, part = scorer.evaluate(clause)
        found &= mask
        scores += part
    if m.words:
        every_word = found & (matched_words == len(m.words))
        found &= every_word if every_word.sum() >= FULL_PAGE else matched_words >= m.min_words
    for clause in m.excluded:
        mask, _ = scorer.evaluate(clause)
        found &= ~mask
    for clause in (*m.function_words, *m.boosts):
        scores += scorer.evaluate(clause)[1]
    keys = [matched_words] if m.min_words < len(m.words) else []
    if m.pairs:
        body = np.zeros(size, dtype=np.int32)
        title = np.zeros(size, dtype=np.int32)
        for pair in m.pairs:
            in_body, part = scorer.evaluate(Term(BODY_PAIRS, pair, WEIGHTS["pairs"]))
            in_title, title_part = scorer.evaluate(Term(TITLE_PAIRS, pair,
                                                        WEIGHTS["pairs"] * TITLE))
            body += in_body | in_title
            title += in_title
            scores += part + title_part
        keys += [body, title]
    return Ranked(found, scores, keys)
