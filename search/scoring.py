"""BM25F scoring with NumPy over the postings, instead of Whoosh's matchers.

Whoosh scores one document at a time in Python (25–40 µs each), and its top-N collector
prunes optional clauses by score bounds, which misranked documents (see the README). Here a
query built by :mod:`search.matching` is evaluated as whole arrays: each term's postings are
read once per index version into (document numbers, term frequencies) arrays, a term's BM25
contribution is one vectorised expression, and And/Or/AndMaybe/AndNot are boolean masks and
sums. Phrases are checked on positions, only in the documents that hold all their words.

The formula is Whoosh's BM25F (B=0.75, K1=1.2, idf = log(N / (df + 1)) + 1, the field
lengths Whoosh stores), each term scaled by its query boost, so scores read like Whoosh's.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np
from whoosh import query as Q
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield, byte_to_length
from whoosh.reading import TermNotFound

__all__ = ["Scorer", "B", "K1"]

B, K1 = 0.75, 1.2
_CACHE_TERMS = 4096
_BYTE_TO_LENGTH = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)

_Postings = tuple[np.ndarray, np.ndarray]


class Scorer:
    """Evaluates queries on one reader (one index version) as arrays over document numbers."""

    def __init__(self, reader, live: np.ndarray):
        self.reader = reader
        self.live = live
        self.size = len(live)
        self.leaves = reader.leaf_readers()
        self.doc_count = max(1, reader.doc_count_all())
        self._postings: OrderedDict[tuple[str, str], _Postings] = OrderedDict()
        self._lengths: dict[str, np.ndarray] = {}

    # -- reading -------------------------------------------------------------------------------

    def postings(self, fieldname: str, text: str) -> _Postings:
        """(document numbers, term frequencies) of a term, cached (least recently used)."""
        key = (fieldname, text)
        cached = self._postings.get(key)
        if cached is not None:
            self._postings.move_to_end(key)
            return cached
        docs: list[np.ndarray] = []
        freqs: list[np.ndarray] = []
        for leaf, offset in self.leaves:
            try:
                matcher = leaf.postings(fieldname, text.encode("utf-8"))
            except (TermNotFound, KeyError):
                continue
            ids, weights = _read_all(matcher)
            docs.append(np.asarray(ids, dtype=np.int64) + offset)
            freqs.append(np.asarray(weights, dtype=np.float32))
        found = ((np.concatenate(docs), np.concatenate(freqs)) if docs else
                 (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)))
        self._postings[key] = found
        if len(self._postings) > _CACHE_TERMS:
            self._postings.popitem(last=False)
        return found

    def lengths(self, fieldname: str) -> np.ndarray:
        """Each document's length in a field, as Whoosh stores it (approximate above 10)."""
        if fieldname not in self._lengths:
            lengths = np.zeros(self.size, dtype=np.float32)
            for leaf, offset in self.leaves:
                column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
                if column is None:
                    continue
                codes = np.fromiter(column, dtype=np.uint8, count=leaf.doc_count_all())
                lengths[offset:offset + len(codes)] = _BYTE_TO_LENGTH[codes]
            self._lengths[fieldname] = lengths
        return self._lengths[fieldname]

    def _average(self, fieldname: str) -> float:
        average = self.reader.field_length(fieldname) / self.doc_count
        return average if average > 0 else 1.0

    # -- evaluating ----------------------------------------------------------------------------

    def evaluate(self, query: Q.Query) -> tuple[np.ndarray, np.ndarray]:
        """(mask of matching documents, their scores); live documents only."""
        mask, scores = self._evaluate(query)
        return mask & self.live, scores

    def _evaluate(self, query: Q.Query) -> tuple[np.ndarray, np.ndarray]:
        if isinstance(query, Q.Term):
            return self._term(query.fieldname, query.text, query.boost)
        if isinstance(query, Q.Phrase):
            return self._phrase(query.fieldname, list(query.words), query.boost)
        if isinstance(query, Q.AndMaybe):
            mask, scores = self._evaluate(query.a)
            _, extra = self._evaluate(query.b)
            return mask, scores + extra * mask
        if isinstance(query, Q.AndNot):
            mask, scores = self._evaluate(query.a)
            excluded, _ = self._evaluate(query.b)
            return mask & ~excluded, scores
        if isinstance(query, Q.And):
            parts = [self._evaluate(sub) for sub in query.subqueries]
            mask = np.logical_and.reduce([m for m, _ in parts]) if parts else self.live.copy()
            return mask, sum((s for _, s in parts), np.zeros(self.size, dtype=np.float32))
        if isinstance(query, Q.Or):
            parts = [self._evaluate(sub) for sub in query.subqueries]
            mask = np.logical_or.reduce([m for m, _ in parts]) if parts else \
                np.zeros(self.size, dtype=bool)
            return mask, sum((s for _, s in parts), np.zeros(self.size, dtype=np.float32))
        if isinstance(query, Q.Every):
            return self.live.copy(), np.zeros(self.size, dtype=np.float32)
        raise TypeError(f"cannot score {type(query).__name__}")

    def _bm25(self, fieldname: str, docs: np.ndarray, freqs: np.ndarray, idf: float,
              boost: float) -> np.ndarray:
        lengths = self.lengths(fieldname)[docs]
        norm = K1 * ((1 - B) + B * lengths / self._average(fieldname))
        return (boost * idf * (freqs * (K1 + 1)) / (freqs + norm)).astype(np.float32)

    def _idf(self, document_frequency: int) -> float:
        return math.log(self.doc_count / (document_frequency + 1)) + 1

    def _term(self, fieldname: str, text: str, boost: float) -> tuple[np.ndarray, np.ndarray]:
        docs, freqs = self.postings(fieldname, text)
        mask = np.zeros(self.size, dtype=bool)
        scores = np.zeros(self.size, dtype=np.float32)
        if len(docs):
            mask[docs] = True
            scores[docs] = self._bm25(fieldname, docs, freqs, self._idf(len(docs)), boost)
        return mask, scores

    def _phrase(self, fieldname: str, words: list[str],
                boost: float) -> tuple[np.ndarray, np.ndarray]:
        """Documents with the words at consecutive positions, scored like a term whose
        frequency is the number of times the phrase occurs."""
        postings = [self.postings(fieldname, word) for word in words]
        candidates = postings[0][0] if postings else np.zeros(0, dtype=np.int64)
        for docs, _ in postings[1:]:
            candidates = np.intersect1d(candidates, docs, assume_unique=True)
        mask = np.zeros(self.size, dtype=bool)
        scores = np.zeros(self.size, dtype=np.float32)
        if not len(candidates):
            return mask, scores
        counts = self._phrase_counts(fieldname, words, np.sort(candidates))
        if counts:
            docs = np.fromiter(counts, dtype=np.int64, count=len(counts))
            freqs = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
            mask[docs] = True
            scores[docs] = self._bm25(fieldname, docs, freqs, self._idf(len(docs)), boost)
        return mask, scores

    def _phrase_counts(self, fieldname: str, words: list[str],
                       candidates: np.ndarray) -> dict[int, int]:
        positions: list[dict[int, set[int]]] = []
        for word in words:
            found: dict[int, set[int]] = {}
            for leaf, offset in self.leaves:
                local = candidates[(candidates >= offset) &
                                   (candidates < offset + leaf.doc_count_all())] - offset
                if not len(local):
                    continue
                try:
                    matcher = leaf.postings(fieldname, word.encode("utf-8"))
                except (TermNotFound, KeyError):
                    continue
                for docnum in local.tolist():
                    if not matcher.is_active():
                        break
                    matcher.skip_to(docnum)
                    if matcher.is_active() and matcher.id() == docnum:
                        found[docnum + offset] = set(matcher.value_as("positions"))
            positions.append(found)
        counts: dict[int, int] = {}
        for docnum in candidates.tolist():
            first = positions[0].get(docnum, set())
            count = sum(1 for p in first if all(p + i in positions[i].get(docnum, ())
                                                for i in range(1, len(words))))
            if count:
                counts[docnum] = count
        return counts


def _read_all(matcher) -> tuple[list[int], list[float]]:
    """Every id and weight of a leaf matcher, block by block (Whoosh's W3 matcher keeps a
    block's ids and weights as arrays; reading them whole is ten times faster than stepping
    through postings one by one)."""
    ids: list[int] = []
    weights: list[float] = []
    if not hasattr(matcher, "_read_ids"):  # another codec: the slow, public way
        for docnum, weight in ((m.id(), m.weight()) for m in _steps(matcher)):
            ids.append(docnum)
            weights.append(weight)
        return ids, weights
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        ids.extend(matcher._ids[matcher._i:])
        weights.extend(matcher._weights[matcher._i:])
        matcher._next_block()
    return ids, weights


def _steps(matcher):
    while matcher.is_active():
        yield matcher
        matcher.next()
