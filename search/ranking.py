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
   (each within ``WINDOW`` positions of one occurrence of the rarest of them, in the body
   or the title) before those where they are scattered. Positions are read per report, so
   this rule orders the first ``RERANK`` reports of the other rules (ten pages), and only
   for queries of two to ``NEAR_WORDS`` informative syllables;
4. **title** — then the report whose title has more of them side by side;
5. **relevance** — then BM25F over everything that matched: compound words above
   syllables, syllables typed with marks matched exactly above folded matches, title above
   body, rare words above common ones (weights in :mod:`search.matching`).

Question and function words never decide whether a report is selected, only its place.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from indexer.fields import BODY_FOLDED, BODY_PAIRS, TITLE_FOLDED, TITLE_PAIRS
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
    keys: list[np.ndarray | None] = [matched_words] if m.min_words < len(m.words) else []
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
    return Ranked(found, scores, keys)


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
    window[pool] = within_window(view, near, docnums[pool])
    return np.concatenate([by_rules(pool, window), everything[RERANK:]])[first:first + count]


def within_window(view: IndexView, near: list[str], docs: np.ndarray) -> np.ndarray:
    """For each report of ``docs``: whether each of the folded syllables ``near`` (in either
    i/y spelling) occurs within ``WINDOW`` positions of one occurrence of the rarest of
    them, in the body or in the title."""
    found = np.zeros(len(docs), dtype=bool)
    wanted = docs.tolist()
    for field in (BODY_FOLDED, TITLE_FOLDED):
        positions = [_positions(view, field, syllable, wanted) for syllable in near]
        for i, docnum in enumerate(wanted):
            if found[i]:
                continue
            lists = [at.get(docnum) for at in positions]
            if all(p is not None for p in lists):
                found[i] = _close(lists)  # type: ignore[arg-type]
    return found


def _positions(view: IndexView, field: str, syllable: str,
               docs: list[int]) -> dict[int, np.ndarray]:
    """docnum -> sorted positions of a folded syllable (either i/y spelling)."""
    merged: dict[int, list[int]] = {}
    for form in filter(None, (syllable, iy_variant(syllable))):
        for docnum, at in view.positions(field, form, docs).items():
            merged.setdefault(docnum, []).extend(at)
    return {docnum: np.unique(np.asarray(at, dtype=np.int64)) for docnum, at in merged.items()}


def _close(lists: list[np.ndarray]) -> bool:
    """Whether some position of the shortest list has a position of every list within
    ``WINDOW`` of it."""
    anchors = min(lists, key=len)
    ok = np.ones(len(anchors), dtype=bool)
    for at in lists:
        after = np.clip(np.searchsorted(at, anchors), 0, len(at) - 1)
        before = np.clip(after - 1, 0, len(at) - 1)
        gap = np.minimum(np.abs(at[after] - anchors), np.abs(at[before] - anchors))
        ok &= gap <= WINDOW
    return bool(ok.any())
