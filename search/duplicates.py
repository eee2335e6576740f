"""Reposted copies: reports whose texts are mostly the same are one report.

Union news sites repost each other's reports with other chrome, another title, a paragraph
more. Each report's text has a MinHash signature (:mod:`indexer.signature`); once per index
version, reports of which one holds at least ``duplicate_similarity`` per cent of the
other's word runs (estimated from the signatures and the lengths, :func:`_containment`)
are grouped: locality-sensitive hashing (``BANDS`` bands of ``ROWS`` values) finds the
candidates among all reports with whole-array operations, and each candidate pair is
checked on its whole signature. A
sidecar may say ``"duplicate_of": ID`` (grouped with that report, which is then the one
kept) or ``"not_duplicate": true`` (never grouped).

Each group keeps one report, the **earliest and most complete**: the earliest date (undated
last), then the longest text, then the first indexed. A query that selects reports counts each group once
(:meth:`Groups.collapse`): the kept report when it matches, else its first matching copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from indexer.fields import DUPLICATE_OF, NOT_DUPLICATE, SIGNATURE, SIGNATURE_ROW, SIGNATURE_SIZE
from indexer.store import IndexView

__all__ = ["Groups", "find_groups", "BANDS", "ROWS"]

BANDS, ROWS = 32, 4
# In a bucket bigger than this, each report is compared with its neighbours only (a
# template shared by many short notices must not cost a quadratic number of checks).
_ALL_PAIRS_UP_TO = 32
# A copy is at least this long against the other (shorter: an excerpt, not a repost).
_SHORTER_AT_LEAST = 0.5


@dataclass
class Groups:
    """The groups of one index version: ``head[d]`` is the kept report of ``d``'s group
    (``d`` itself when it is alone); ``members`` maps each kept report of a group of two or
    more to all of them (kept first); ``similarity[d]`` is a copy's estimated similarity
    with the kept report (0–1)."""

    head: np.ndarray
    members: dict[int, list[int]] = field(default_factory=dict)
    similarity: dict[int, float] = field(default_factory=dict)

    @property
    def copies(self) -> int:
        """How many reports are copies of another."""
        return sum(len(m) - 1 for m in self.members.values())

    def others(self, docnum: int) -> list[int]:
        """The other reports of ``docnum``'s group (none when it is alone)."""
        return [d for d in self.members.get(int(self.head[docnum]), []) if d != docnum]

    @cached_property
    def grouped(self) -> np.ndarray:
        """Whether each report belongs to a group of two or more (kept or copy); computed
        once per version, not per query."""
        return np.isin(self.head, np.fromiter(self.members, dtype=np.int64))

    def collapse(self, mask: np.ndarray) -> np.ndarray:
        """``mask`` with each group counted once: its kept report when that is in the mask,
        else its first copy that is."""
        if not self.members:
            return mask
        # Only the grouped reports of the mask change (a mask holds thousands of reports,
        # a few of them grouped: they are picked out with one whole-array AND).
        docs = np.flatnonzero(mask & self.grouped)
        if not len(docs):
            return mask
        heads = self.head[docs]
        out = mask.copy()
        out[docs] = False
        # Kept reports first, then document order: the first of each group stays.
        order = np.lexsort((docs, docs != heads, heads))
        _, first = np.unique(heads[order], return_index=True)
        out[docs[order][first]] = True
        return out


def find_groups(view: IndexView, dates: np.ndarray, threshold: float) -> Groups:
    """The groups of reposted copies in one index version (see the module docstring);
    ``dates`` as numbers (0: undated), ``threshold`` the share of agreeing values (0–1)."""
    size = view.size
    head = np.arange(size, dtype=np.int64)
    if size < 2:
        return Groups(head)
    rows = view.vectors(SIGNATURE, SIGNATURE_ROW)
    signatures, lengths = rows[:, :SIGNATURE_SIZE], rows[:, SIGNATURE_SIZE].astype(np.int64)
    never = np.zeros(size, dtype=bool)
    for _, docs in view.term_postings(NOT_DUPLICATE):
        never[docs] = True
    usable = np.flatnonzero(view.live & signatures.any(axis=1) & ~never)
    parent = {int(d): int(d) for d in usable}

    def root(d: int) -> int:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    def join(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first, second = _candidates(signatures[usable])
    if len(first):
        a, b = usable[first], usable[second]
        alike = _containment(signatures[a], signatures[b], lengths[a], lengths[b])
        for x, y in zip(a[alike >= threshold].tolist(), b[alike >= threshold].tolist(),
                        strict=True):
            join(x, y)
    chosen: dict[int, int] = {}  # group root -> the report a sidecar named as the original
    for target_id, docs in view.term_postings(DUPLICATE_OF):
        target = view.docnum(target_id)
        if target is None or never[target]:
            continue
        for doc in docs.tolist():
            if doc == target or never[doc]:
                continue
            parent.setdefault(doc, doc)
            parent.setdefault(target, target)
            join(doc, target)
            chosen[target] = target
    components: dict[int, list[int]] = {}
    for d in parent:
        components.setdefault(root(d), []).append(d)
    named = {root(t) for t in chosen}
    members: dict[int, list[int]] = {}
    similarity: dict[int, float] = {}
    for group_root, docs in components.items():
        if len(docs) < 2:
            continue
        kept = next((t for t in chosen if root(t) == group_root), None) \
            if group_root in named else None
        if kept is None:
            kept = min(docs, key=lambda d: (dates[d] or 99999999, -lengths[d], d))
        ordered = [kept, *sorted(d for d in docs if d != kept)]
        members[kept] = ordered
        head[ordered] = kept
        rest = np.array(ordered[1:], dtype=np.int64)
        alike = _containment(signatures[rest], signatures[[kept] * len(rest)],
                             lengths[rest], lengths[[kept] * len(rest)])
        similarity.update(zip(rest.tolist(), np.round(alike, 2).tolist(), strict=True))
    return Groups(head, members, similarity)


def _containment(a: np.ndarray, b: np.ndarray, length_a: np.ndarray,
                 length_b: np.ndarray) -> np.ndarray:
    """How much of the shorter text of each pair the other holds (0–1), from the signatures'
    agreement (the Jaccard similarity J of their word runs) and their numbers of runs: shared = J / (1 + J) × (|A| + |B|), over the smaller. A repost
    with a paragraph more still holds all of the original, which J alone would mark down.
    A text less than half as long as the other is no copy of it (an excerpt, a brief)."""
    jaccard = (a == b).mean(axis=1)
    small = np.minimum(length_a, length_b).astype(np.float64)
    large = np.maximum(length_a, length_b).astype(np.float64)
    shared = jaccard / (1 + jaccard) * (small + large)
    contained = np.minimum(1.0, shared / np.maximum(small, 1.0))
    return np.where(small >= _SHORTER_AT_LEAST * large, contained, 0.0)


def _candidates(signatures: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of rows (``first[i]``, ``second[i]``) that agree on all values of at least one
    band: the candidates to check."""
    pairs: set[tuple[int, int]] = set()
    for band in range(BANDS):
        part = signatures[:, band * ROWS:(band + 1) * ROWS].astype(np.uint64)
        keys = (part[:, 0] << np.uint64(32) | part[:, 1]) ^ \
            ((part[:, 2] << np.uint64(32) | part[:, 3]) * np.uint64(0x9E3779B97F4A7C15))
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        ends = np.r_[starts[1:], len(keys)]
        for start, end in zip(starts[ends - starts > 1].tolist(),
                              ends[ends - starts > 1].tolist(), strict=True):
            rows = sorted(order[start:end].tolist())
            if len(rows) <= _ALL_PAIRS_UP_TO:
                pairs.update((x, y) for i, x in enumerate(rows) for y in rows[i + 1:])
            else:
                pairs.update(zip(rows, rows[1:], strict=False))
                pairs.update((rows[0], y) for y in rows[1:])
    if not pairs:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    found = np.array(sorted(pairs), dtype=np.int64)
    return found[:, 0], found[:, 1]
