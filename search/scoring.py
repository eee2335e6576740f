"""BM25F scoring with NumPy over the postings of one index version.

A query tree built by :mod:`search.matching` is evaluated as whole arrays over document
numbers: each term's postings come from the index view as (documents, frequencies) arrays,
a term's BM25 contribution is one vectorised expression, and And/Or/AndMaybe/AndNot are
boolean masks and sums. Phrases are checked on positions, only in the documents that hold
all their words, as whole arrays too (each word's positions decoded once per view). (Scoring one document at a time in Python, as Whoosh does, took 25–40 µs
per document, and Whoosh's top-N collector misranked documents; see the README.)

The formula is Whoosh's BM25F (B=0.75, K1=1.2, idf = log(N / (df + 1)) + 1, the field
lengths the index stores), each term scaled by its query boost, so scores read like
Whoosh's (tests/test_scoring.py compares them).
"""

from __future__ import annotations

import math

import numpy as np

from indexer.store import IndexView

from .querytree import And, AndMaybe, AndNot, Every, Node, Or, Phrase, Term

__all__ = ["Scorer", "B", "K1"]

B, K1 = 0.75, 1.2

_Scored = tuple[np.ndarray, np.ndarray]


class Scorer:
    """Evaluates query trees on one index view, as arrays over document numbers."""

    def __init__(self, view: IndexView):
        self.view = view
        self.size = view.size
        self.doc_count = max(1, view.size)

    def evaluate(self, query: Node) -> _Scored:
        """(mask of matching documents, their scores); live documents only."""
        mask, scores = self._evaluate(query)
        return mask & self.view.live, scores

    def _evaluate(self, query: Node) -> _Scored:
        if isinstance(query, Term):
            return self._term(query.field, query.text, query.boost)
        if isinstance(query, Phrase):
            return self._phrase(query.field, list(query.words), query.boost)
        if isinstance(query, AndMaybe):
            mask, scores = self._evaluate(query.required)
            _, extra = self._evaluate(query.optional)
            return mask, scores + extra * mask
        if isinstance(query, AndNot):
            mask, scores = self._evaluate(query.positive)
            excluded, _ = self._evaluate(query.negative)
            return mask & ~excluded, scores
        if isinstance(query, And):
            parts = [self._evaluate(sub) for sub in query.parts]
            mask = (np.logical_and.reduce([m for m, _ in parts]) if parts
                    else self.view.live.copy())
            return mask, sum((s for _, s in parts), self._zeros())
        if isinstance(query, Or):
            parts = [self._evaluate(sub) for sub in query.parts]
            mask = (np.logical_or.reduce([m for m, _ in parts]) if parts
                    else np.zeros(self.size, dtype=bool))
            return mask, sum((s for _, s in parts), self._zeros())
        if isinstance(query, Every):
            return self.view.live.copy(), self._zeros()
        raise TypeError(f"cannot score {type(query).__name__}")

    def _zeros(self) -> np.ndarray:
        return np.zeros(self.size, dtype=np.float32)

    def _bm25(self, field: str, docs: np.ndarray, freqs: np.ndarray, idf: float,
              boost: float) -> np.ndarray:
        lengths = self.view.lengths(field)[docs]
        norm = K1 * ((1 - B) + B * lengths / self.view.average_length(field))
        return (boost * idf * (freqs * (K1 + 1)) / (freqs + norm)).astype(np.float32)

    def _idf(self, document_frequency: int) -> float:
        return math.log(self.doc_count / (document_frequency + 1)) + 1

    def _scored(self, field: str, docs: np.ndarray, freqs: np.ndarray,
                boost: float) -> _Scored:
        mask = np.zeros(self.size, dtype=bool)
        scores = self._zeros()
        if len(docs):
            mask[docs] = True
            scores[docs] = self._bm25(field, docs, freqs, self._idf(len(docs)), boost)
        return mask, scores

    def _term(self, field: str, text: str, boost: float) -> _Scored:
        docs, freqs = self.view.postings(field, text)
        return self._scored(field, docs, freqs, boost)

    def _phrase(self, field: str, words: list[str], boost: float) -> _Scored:
        """Documents with the words at consecutive positions, scored like a term whose
        frequency is the number of times the phrase occurs."""
        postings = [self.view.postings(field, word) for word in words]
        candidates = postings[0].docs if postings else np.zeros(0, dtype=np.int64)
        for docs, _ in postings[1:]:
            candidates = np.intersect1d(candidates, docs, assume_unique=True)
        if not len(candidates):
            return self._scored(field, candidates, np.zeros(0, dtype=np.float32), boost)
        counts = self._phrase_counts(field, words, candidates)
        docs = np.fromiter(counts, dtype=np.int64, count=len(counts))
        freqs = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        return self._scored(field, docs, freqs, boost)

    def _phrase_counts(self, field: str, words: list[str],
                       candidates: np.ndarray) -> dict[int, int]:
        """How many times the words stand at consecutive positions, in each candidate that
        has them so: the positions of each word, as (document, position - its place in the
        phrase) keys, intersected (whole arrays; the positions are decoded once per view)."""
        found: np.ndarray | None = None
        for place, word in enumerate(words):
            owners, positions = self.view.position_table(field, word).select(candidates)
            wanted = positions >= place
            keys = (owners[wanted] << 32) + (positions[wanted] - place)
            found = keys if found is None else np.intersect1d(found, keys, assume_unique=True)
            if not len(found):
                return {}
        docs, counts = np.unique((found if found is not None else np.zeros(0, np.int64)) >> 32,
                                 return_counts=True)
        return dict(zip(docs.tolist(), counts.tolist(), strict=True))
