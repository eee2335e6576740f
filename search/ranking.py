"""Which reports a query selects, and in what order: the ranking rules, one after the other.

Reports are sorted by these rules; each rule only orders reports the rules before it left
tied (as Meilisearch's ranking rules do):

1. **words** — in a query of ``LONG_QUERY`` informative words or more, reports that have
   more of them first (a shorter query requires them all, so the rule ties). A long query
   lets in reports missing some of its words only when fewer than ``FULL_PAGE`` reports
   have them all: enough answers, not inflated totals;
2. **proximity** — reports where more of the query's words stand side by side, as typed,
   first: all of them together (the phrase as typed) before some of them, before none;
3. **window** — then reports where all the query's informative words stand close together
   (each within ``WINDOW`` positions of one occurrence of the rarest of them in the body;
   a report with every pair side by side counts as close) before those where they are
   scattered. Positions are read per report, so this rule orders the first ``RERANK``
   reports of the other rules (ten pages), and only for queries of two to ``NEAR_WORDS``
   informative syllables;
4. **title** — then the report whose title has more of them side by side;
5. **relevance** — then BM25F over everything that matched: compound words above
   syllables, syllables typed with marks matched exactly above folded matches, title above
   body, rare words above common ones (weights in :mod:`search.matching`).

Question and function words never decide whether a report is selected, only its place.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from indexer.fields import BODY_FOLDED, BODY_PAIRS, TITLE_PAIRS
from indexer.normalize import iy_variant
from indexer.store import IndexView

from .matching import TITLE, WEIGHTS, Matching
from .querytree import Or, Term
from .scoring import Scorer

__all__ = ["Ranked", "rank_matches", "order", "FULL_PAGE", "WINDOW", "RERANK", "NEAR_WORDS"]

# A long query keeps to the reports with all its words when they fill a page of results.
FULL_PAGE = 10
# The window rule: how close the words must stand, how many reports it orders, and the
# longest query it applies to (in a longer one, words rarely all stand close together).
WINDOW = 8
RERANK = 100
NEAR_WORDS = 8


@dataclass
class Ranked:
    """The reports a query selects (``found``), their BM25F ``scores`` and the ``keys`` of
    the rules before relevance, most significant first (arrays over document numbers; None
    where the window rule goes, computed by :func:`order` for the reports it orders)."""

    found: np.ndarray
    scores: np.ndarray
    keys: list[np.ndarray | None]
    pairs: int = 0  # how many pairs the query has (the proximity key's most)


def rank_matches(m: Matching, scorer: Scorer, view: IndexView,
                 found_only: bool = False) -> Ranked:
    """Apply the rules of the module docstring to a query's :class:`Matching`;
    ``found_only``: only which reports are selected matters (did-you-mean counts a
    correction's reports), so the clauses that only rank are not evaluated."""
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
    keys: list[np.ndarray | None] = [matched_words] if m.min_words < len(m.words) else []
    if found_only:
        return Ranked(found, scores, keys, len(m.pairs))
    for clause in (*m.function_words, *m.boosts):
        scores += scorer.evaluate(clause)[1]
    if m.pairs:
        body = np.zeros(size, dtype=np.int32)
        title = np.zeros(size, dtype=np.int32)
        for spellings in m.pairs:
            in_body, part = scorer.evaluate(Or(tuple(
                Term(field, pair, WEIGHTS["pairs"] * boost) for pair in spellings
                for field, boost in ((BODY_PAIRS, 1.0), (TITLE_PAIRS, TITLE)))))
            in_title, _ = scorer.evaluate(Or(tuple(Term(TITLE_PAIRS, pair)
                                                   for pair in spellings)))
            body += in_body
            title += in_title
            scores += part
        keys.append(body)
        if 2 <= len(m.near) <= NEAR_WORDS:
            keys.append(None)
        keys.append(title)
    return Ranked(found, scores, keys, len(m.pairs))


def order(ranked: Ranked, docnums: np.ndarray, near: list[str], view: IndexView,
          first: int, count: int) -> np.ndarray:
    """Positions in ``docnums`` of the reports ranked ``first`` to ``first + count``: the
    rules' keys, then relevance, then document order (stable across pages). ``near``: the
    query's informative folded syllables, for the window rule."""
    scores = ranked.scores[docnums]
    keys = [key[docnums] if key is not None else None for key in ranked.keys]

    def by_rules(at: np.ndarray, window: np.ndarray | None) -> np.ndarray:
        rules = [-(key if key is not None else window)[at] for key in reversed(keys)
                 if key is not None or window is not None]
        return at[np.lexsort((docnums[at], -scores[at], *rules))]

    everything = by_rules(np.arange(len(docnums)), None)
    if all(key is not None for key in keys) or first >= RERANK:
        return everything[first:first + count]
    pool = everything[:RERANK]
    window = np.zeros(len(docnums), dtype=np.int8)
    # Every pair side by side: close by definition (and most of the first reports, often).
    window_at = next(i for i, key in enumerate(keys) if key is None)
    together = keys[window_at - 1][pool] >= ranked.pairs  # type: ignore[index]
    window[pool[together]] = 1
    apart = pool[~together]
    window[apart] = within_window(view, near, docnums[apart])
    return np.concatenate([by_rules(pool, window), everything[RERANK:]])[first:first + count]


def within_window(view: IndexView, near: list[str], docs: np.ndarray) -> np.ndarray:
    """For each report of ``docs``: whether each of the folded syllables ``near`` (in either
    i/y spelling) occurs within ``WINDOW`` positions of one occurrence of the rarest of
    them in the body (titles are short: the title rule ranks them). Whole arrays: each
    position is a key (document, position), and the nearest occurrence of every other
    syllable is found by binary search."""
    if not len(docs):
        return np.zeros(0, dtype=bool)
    wanted = np.sort(docs)
    keys = [_keys(view, syllable, wanted) for syllable in near]
    anchors = min(keys, key=len)
    close = np.ones(len(anchors), dtype=bool)
    for other in keys:
        if not len(other):
            return np.zeros(len(docs), dtype=bool)
        after = np.clip(np.searchsorted(other, anchors), 0, len(other) - 1)
        before = np.clip(after - 1, 0, len(other) - 1)
        # Keys of one document differ by less than 2**32: the gap is the distance in words.
        gap = np.minimum(np.abs(other[after] - anchors), np.abs(other[before] - anchors))
        close &= gap <= WINDOW
    return np.isin(docs, anchors[close] >> 32)


def _keys(view: IndexView, syllable: str, docs: np.ndarray) -> np.ndarray:
    """Sorted keys ``document << 32 | position`` of a folded syllable (either i/y spelling)
    in ``docs``."""
    found = []
    for form in filter(None, (syllable, iy_variant(syllable))):
        owners, positions = view.position_table(BODY_FOLDED, form).select(docs)
        found.append((owners << 32) | positions)
    return np.unique(np.concatenate(found))
