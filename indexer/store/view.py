"""A read-only view of one committed version of the index.

Everything the search engine reads goes through :class:`IndexView`: postings as NumPy
arrays (document numbers and term frequencies), positions and character offsets of a term in
chosen documents, field lengths, stored fields, term lists, doc-id lookup and spelling
candidates. A view never changes: a commit makes a new version, and the engine opens a new
view for the requests that start after it, while requests under way finish on theirs.

Whoosh's readers are not safe to share between threads (a posting matcher seeks the shared
segment file, then reads), so every call into Whoosh holds the view's own ``_io`` lock, for
the time it takes to decode the bytes. What is decoded is cached per view (postings, field
lengths, the positions of recently used terms as arrays), and the engine's work on it — scoring, facets, snippets — runs outside the lock.

Two reads use Whoosh internals because the public way is ten to a hundred times slower:
a block's id, weight and value arrays of the W3 posting matcher, and the per-document length column
of the W3 codec. Each has a public fallback, and :data:`FAST_PATHS` says which is in use;
tests/test_store.py fails when a Whoosh upgrade changes either.
"""

from __future__ import annotations

import json
import threading
import weakref
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from whoosh import index as whoosh_index
from whoosh.codec import whoosh3
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

from ..fields import FACETS, SCHEMA_VERSION
from .mapped import install as read_segments_in_place
from .schema import MULTI_SEPARATOR

# Segments are read in their memory map, not through a copy of each (indexer/store/mapped.py).
read_segments_in_place()

__all__ = ["IndexView", "Postings", "PositionTable", "open_view", "index_exists", "version_of", "name_of",
           "FAST_PATHS", "VERSION_FILE", "DEFAULT_NAME"]

# Beside Whoosh's files: the schema version the index was built with.
VERSION_FILE = "union-search.json"

_CACHE_TERMS = 4096
_CACHE_FREQUENCIES = 65536
_MULTI = frozenset(f.name for f in FACETS if f.multi)


class Postings(NamedTuple):
    """A term's documents (ascending document numbers) and its frequency in each."""

    docs: np.ndarray
    freqs: np.ndarray


_EMPTY = Postings(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))


class PositionTable(NamedTuple):
    """Every position of a term: ``docs`` (ascending document numbers, deleted ones
    included), and ``positions[starts[i]:starts[i + 1]]`` the ascending positions in
    ``docs[i]``."""

    docs: np.ndarray
    starts: np.ndarray
    positions: np.ndarray

    def of(self, docnum: int) -> np.ndarray | None:
        """The positions in one document, None when it does not hold the term."""
        i = int(np.searchsorted(self.docs, docnum))
        if i == len(self.docs) or self.docs[i] != docnum:
            return None
        return self.positions[self.starts[i]:self.starts[i + 1]]

    def select(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(document, position) of every position in ``docs`` (ascending document
        numbers), as two arrays in document then position order; whole arrays, no loop."""
        docs = np.asarray(docs, dtype=np.int64)
        at = np.clip(np.searchsorted(self.docs, docs), 0, max(len(self.docs) - 1, 0))
        held = (self.docs[at] == docs) if len(self.docs) else np.zeros(len(docs), dtype=bool)
        at = at[held]
        first, sizes = self.starts[at], self.starts[at + 1] - self.starts[at]
        before = np.cumsum(sizes) - sizes
        index = np.arange(int(sizes.sum())) - np.repeat(before - first, sizes)
        return np.repeat(docs[held], sizes), self.positions[index]


# Terms whose positions a view keeps decoded: phrases and the proximity rule read the
# positions of a few common syllables again and again.
_CACHE_POSITIONS = 512
# Decoded posting blocks a view keeps for character offsets (snippets read the blocks of
# the same common syllables query after query): about this many bytes of them.
_CACHE_BLOCK_BYTES = 16 * 2**20


def _length_codes_available() -> bool:
    per_doc = getattr(whoosh3, "W3PerDocReader", None)
    return per_doc is not None and hasattr(per_doc, "_cached_reader") and all(
        hasattr(whoosh3, name) for name in ("LENGTHS_COLUMN", "_lenfield", "byte_to_length"))


def _block_arrays_available() -> bool:
    matcher = getattr(whoosh3, "W3LeafMatcher", None)
    return matcher is not None and all(
        hasattr(matcher, name) for name in ("_read_ids", "_read_weights", "_read_values",
                                            "_next_block"))


# Which internal fast paths this Whoosh offers (see the module docstring).
FAST_PATHS = {"postings": _block_arrays_available(), "lengths": _length_codes_available()}
_BYTE_TO_LENGTH = (np.array([whoosh3.byte_to_length(b) for b in range(256)], dtype=np.float32)
                   if FAST_PATHS["lengths"] else None)


# The index served is named in VERSION_FILE: a rebuild writes another one beside it and
# switches the name at the end, so a rebuild killed half-way leaves the old index whole.
DEFAULT_NAME = "MAIN"


def _pointer(index_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((index_dir / VERSION_FILE).read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def version_of(index_dir: Path) -> int | None:
    """The schema version the index in ``index_dir`` was built with (None: unknown)."""
    version = _pointer(index_dir).get("schema_version")
    return version if isinstance(version, int) else None


def name_of(index_dir: Path) -> str:
    """The name of the index served in ``index_dir`` (among those a rebuild leaves)."""
    name = _pointer(index_dir).get("index", DEFAULT_NAME)
    return name if isinstance(name, str) and name.isalpha() else DEFAULT_NAME


def index_exists(index_dir: Path, name: str | None = None) -> bool:
    """True when ``index_dir`` holds an index (even an empty one) of that name (default:
    the one served)."""
    return whoosh_index.exists_in(str(index_dir), indexname=name or name_of(index_dir))


def open_view(index_dir: Path | str) -> IndexView:
    """The view of the latest committed version in ``index_dir``; ``FileNotFoundError``
    with a hint when there is no index there, or one that this version cannot read."""
    index_dir = Path(index_dir)
    hint = f"union-search index --index {index_dir}"
    if not (index_dir / VERSION_FILE).exists():
        raise FileNotFoundError(f"no index in {index_dir}; build it with: {hint}")
    if version_of(index_dir) != SCHEMA_VERSION:
        # Checked before Whoosh unpickles the schema: an older schema may name classes
        # that no longer exist.
        raise FileNotFoundError(f"the index in {index_dir} was built by another version of "
                                f"union-search; rebuild it with: {hint}")
    try:
        if not index_exists(index_dir):
            raise FileNotFoundError(f"no index in {index_dir}; build it with: {hint}")
        return IndexView(whoosh_index.open_dir(str(index_dir), indexname=name_of(index_dir)),
                         index_dir)
    except FileNotFoundError:
        raise
    except Exception as exc:  # a damaged file: any error Whoosh raises reading it
        raise FileNotFoundError(
            f"the index in {index_dir} cannot be read ({type(exc).__name__}: {exc}); "
            f"rebuild it with: union-search index --rebuild --index {index_dir}") from exc


class IndexView:
    """One version of the index, read-only; see the module docstring."""

    def __init__(self, ix: Any, index_dir: Path) -> None:
        self._ix = ix
        self._index_dir = index_dir
        reader = ix.reader()
        self._reader = reader
        self._io = threading.Lock()
        self._leaves = [(leaf, offset, leaf.doc_count_all())
                        for leaf, offset in reader.leaf_readers()]
        #: The version's number: it grows with every commit.
        self.generation: int = reader.generation()
        #: Document numbers run from 0 to ``size - 1``, deleted documents included.
        self.size: int = reader.doc_count_all()
        #: Live (not deleted) documents.
        self.doc_count: int = reader.doc_count()
        live = np.ones(self.size, dtype=bool)
        if reader.has_deletions():
            live[[d for d in range(self.size) if reader.is_deleted(d)]] = False
        live.flags.writeable = False
        #: ``live[d]`` is False for a deleted document.
        self.live: np.ndarray = live
        # Caches of this version's decoded data (lru_cache is safe across threads). They
        # wrap functions of the reader's parts, not bound methods, so that no cycle keeps
        # a view (and its open files) alive once nobody reads it.
        self._postings = lru_cache(maxsize=_CACHE_TERMS)(
            partial(_read_postings, self._leaves, self._io, live))
        self._lengths = lru_cache(maxsize=None)(partial(_read_lengths, self._leaves, self._io,
                                                        self.size))
        self._positions = lru_cache(maxsize=_CACHE_POSITIONS)(
            partial(_read_positions, self._leaves, self._io))
        # Did-you-mean looks up the same candidates' frequencies for every misspelt query.
        self._doc_frequency = lru_cache(maxsize=_CACHE_FREQUENCIES)(
            partial(_read_doc_frequency, reader, self._io))
        self._frequency = lru_cache(maxsize=_CACHE_FREQUENCIES)(
            partial(_read_frequency, reader, self._io))
        self._blocks = _BlockCache(_CACHE_BLOCK_BYTES)
        self._finalizer = weakref.finalize(self, reader.close)

    def is_current(self) -> bool:
        """False once a newer version has been committed (or a rebuild took over)."""
        return (name_of(self._index_dir) == self._ix.indexname
                and self._ix.latest_generation() == self.generation)

    @property
    def committed_at(self) -> float | None:
        """When this version was committed (seconds since the epoch), if known."""
        toc = Path(self._ix.storage.folder) / f"_{self._ix.indexname}_{self.generation}.toc"
        try:
            return toc.stat().st_mtime
        except OSError:
            return None

    def close(self) -> None:
        """Close the files now (otherwise when the view is no longer referenced)."""
        self._finalizer()

    # -- postings --------------------------------------------------------------------------

    def postings(self, fieldname: str, term: str) -> Postings:
        """The term's live documents and its frequency in each (cached)."""
        return self._postings(fieldname, term)

    def term_postings(self, fieldname: str) -> Iterator[tuple[str, np.ndarray]]:
        """Every term of a field with its live documents, read once and not cached (for
        building per-version tables: facets, the indexed files)."""
        for term in self.terms(fieldname):
            yield term, _read_postings(self._leaves, self._io, self.live, fieldname, term).docs

    def doc_frequency(self, fieldname: str, term: str) -> int:
        """How many documents hold the term, deleted ones included (as the index counts
        them; more-like-this and did-you-mean weigh terms by it); cached for the view."""
        return self._doc_frequency(fieldname, term)

    def frequency(self, fieldname: str, term: str) -> float:
        """How many times the term occurs in the whole field, deleted documents included
        (spelling candidates are ranked by it, as Whoosh's corrector ranks them); cached
        for the view."""
        return self._frequency(fieldname, term)

    def positions(self, fieldname: str, term: str,
                  docs: Iterable[int]) -> dict[int, list[int]]:
        """The term's positions in each of ``docs`` that holds it."""
        table = self.position_table(fieldname, term)
        found = {}
        for docnum in docs:
            at = table.of(int(docnum))
            if at is not None:
                found[int(docnum)] = at.tolist()
        return found

    def position_table(self, fieldname: str, term: str) -> PositionTable:
        """Every position of a term in a field that keeps positions, decoded once for the
        view (the most recently used terms are kept)."""
        return self._positions(fieldname, term)

    def offsets(self, fieldname: str, term: str,
                docs: Iterable[int]) -> dict[int, list[tuple[int, int, int]]]:
        """``(position, startchar, endchar)`` of the term in each of ``docs`` that holds it
        (fields that keep character offsets only: the syllable and title fields)."""
        return self._values(fieldname, term, docs, "characters")

    def _values(self, fieldname: str, term: str, docs: Iterable[int],
                kind: str) -> dict[int, list[Any]]:
        # Deleted documents have no values (as Whoosh's filtered matcher skipped them).
        wanted = sorted(d for d in set(int(d) for d in docs) if 0 <= d < self.size
                        and self.live[d])
        found: dict[int, list[Any]] = {}
        if not wanted:
            return found
        with self._io:
            for leaf, offset, count in self._leaves:
                local = [d - offset for d in wanted if offset <= d < offset + count]
                if not local:
                    continue
                matcher = next((m for m, _ in _matchers([(leaf, offset, count)], fieldname,
                                                         term)), None)
                if matcher is None:
                    continue
                decode = matcher.format.decoder(kind)
                if FAST_PATHS["postings"] and isinstance(matcher, whoosh3.W3LeafMatcher):
                    _block_values(matcher, local, offset, decode, found, self._blocks)
                    continue
                for docnum in local:
                    if not matcher.is_active():
                        break
                    matcher.skip_to(docnum)
                    if matcher.is_active() and matcher.id() == docnum:
                        found[docnum + offset] = list(decode(matcher.value()))
        return found

    def vectors(self, fieldname: str, width: int) -> np.ndarray:
        """A column of fixed-size rows of ``width`` 32-bit values, every document's, as one
        ``(size, width)`` array (zeros where a document has none); read segment by segment."""
        parts: list[bytes] = []
        with self._io:
            for leaf, _, count in self._leaves:
                if leaf.has_column(fieldname):
                    parts.append(b"".join(leaf.column_reader(fieldname)))
                else:
                    parts.append(bytes(count * width * 4))
        rows = np.frombuffer(b"".join(parts), dtype=np.uint32)
        return rows.reshape(self.size, width) if self.size else rows.reshape(0, width)

    def column_values(self, fieldname: str) -> list[Any]:
        """Every document's value in a column, deleted documents included, read segment by
        segment in one go: bytes for a column of bytes (``b""`` where a document has none),
        strings for a sortable key field (``""``)."""
        values: list[Any] = []
        with self._io:
            for leaf, _, count in self._leaves:
                if leaf.has_column(fieldname):
                    values.extend(leaf.column_reader(fieldname))
                else:
                    values.extend([b""] * count)
        return values

    # -- lengths -----------------------------------------------------------------------------

    def lengths(self, fieldname: str) -> np.ndarray:
        """Every document's length in a field (in tokens; above 10, approximate, as Whoosh
        stores it); cached for the view."""
        return self._lengths(fieldname)

    def average_length(self, fieldname: str) -> float:
        """The field's mean length over all documents; 1.0 when empty."""
        with self._io:
            total = self._reader.field_length(fieldname)
        average = total / max(1, self.size)
        return average if average > 0 else 1.0

    # -- documents and terms -------------------------------------------------------------------

    def stored(self, docnum: int) -> dict[str, Any]:
        """The stored fields of a document; multi-valued facets as lists (empty when the
        document has no value)."""
        with self._io:
            fields = dict(self._reader.stored_fields(int(docnum)))
        for name in _MULTI:
            fields[name] = [v for v in fields.get(name, "").split(MULTI_SEPARATOR) if v]
        return fields

    def docnum(self, doc_id: str) -> int | None:
        """The document number of a live report id, or None."""
        docs = self.postings("id", doc_id).docs
        return int(docs[0]) if len(docs) else None

    def terms(self, fieldname: str) -> list[str]:
        """Every term of a field, in order (deleted documents' terms may remain)."""
        with self._io:
            return [term.decode("utf-8") for term in self._reader.lexicon(fieldname)]

    def suggest(self, fieldname: str, word: str, limit: int = 1, maxdist: int = 2,
                prefix: int = 1) -> list[str]:
        """Terms of the field within ``maxdist`` edits of ``word`` that share its first
        ``prefix`` letters, most frequent first (spelling candidates)."""
        with self._io:
            return list(self._reader.corrector(fieldname).suggest(
                word, limit=limit, maxdist=maxdist, prefix=prefix))


def _matchers(leaves: list[tuple[Any, int, int]], fieldname: str,
              term: str) -> Iterator[tuple[Any, int]]:
    """Each segment's posting matcher of a term, with the segment's first document number.
    A segment with deletions wraps its matcher in a filter: it is unwrapped (deleted
    documents are dropped with the live mask, or kept as the caller documents), so the
    fast paths stay open. The caller holds the view's lock."""
    for leaf, offset, _ in leaves:
        try:
            matcher = leaf.postings(fieldname, term.encode("utf-8"))
        except (TermNotFound, KeyError):
            continue
        yield (matcher.child if isinstance(matcher, FilterMatcher) else matcher), offset


def _read_postings(leaves: list[tuple[Any, int, int]], io: threading.Lock, live: np.ndarray,
                   fieldname: str, term: str) -> Postings:
    docs: list[np.ndarray] = []
    freqs: list[np.ndarray] = []
    with io:
        for matcher, offset in _matchers(leaves, fieldname, term):
            ids, weights = _read_all(matcher)
            docs.append(np.asarray(ids, dtype=np.int64) + offset)
            freqs.append(np.asarray(weights, dtype=np.float32))
    if not docs:
        return _EMPTY
    found_docs, found_freqs = np.concatenate(docs), np.concatenate(freqs)
    alive = live[found_docs]
    if not alive.all():
        found_docs, found_freqs = found_docs[alive], found_freqs[alive]
    found_docs.flags.writeable = False
    found_freqs.flags.writeable = False
    return Postings(found_docs, found_freqs)


def _read_positions(leaves: list[tuple[Any, int, int]], io: threading.Lock, fieldname: str,
                    term: str) -> PositionTable:
    docs: list[int] = []
    found: list[list[int]] = []
    with io:
        for matcher, offset in _matchers(leaves, fieldname, term):
            decode = matcher.format.decoder("positions")
            if FAST_PATHS["postings"] and isinstance(matcher, whoosh3.W3LeafMatcher):
                while matcher.is_active():  # block by block, as in _read_all
                    if matcher._ids is None:
                        matcher._read_ids()
                    if matcher._values is None:
                        matcher._read_values()
                    docs.extend(d + offset for d in matcher._ids[matcher._i:])
                    found.extend(map(decode, matcher._values[matcher._i:]))
                    matcher._next_block()
            else:
                while matcher.is_active():
                    docs.append(matcher.id() + offset)
                    found.append(decode(matcher.value()))
                    matcher.next()
    counts = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
    starts = np.zeros(len(found) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    positions = np.fromiter((p for at in found for p in at), dtype=np.int64,
                            count=int(starts[-1]))
    table = PositionTable(np.asarray(docs, dtype=np.int64), starts, positions)
    for array in table:
        array.flags.writeable = False
    return table


class _BlockCache:
    """The most recently used decoded posting blocks of a view: ``(segment, block's place
    in the postings file)`` -> (ids, values), up to ``budget`` bytes of values. The caller
    holds the view's lock (it is only used while reading postings)."""

    def __init__(self, budget: int) -> None:
        self._blocks: OrderedDict[tuple[int, int], tuple[Any, Any]] = OrderedDict()
        self._sizes: dict[tuple[int, int], int] = {}
        self._size = 0
        self._budget = budget

    def get(self, key: tuple[int, int]) -> tuple[Any, Any] | None:
        block = self._blocks.get(key)
        if block is not None:
            self._blocks.move_to_end(key)
        return block

    def put(self, key: tuple[int, int], block: tuple[Any, Any]) -> None:
        ids, values = block
        # Roughly what the block holds: its values' bytes and an object per posting.
        size = sum(len(v) for v in values if v) + 100 * len(ids)
        self._blocks[key] = block
        self._sizes[key] = size
        self._size += size
        while self._size > self._budget and len(self._blocks) > 1:
            old, _ = self._blocks.popitem(last=False)
            self._size -= self._sizes.pop(old)


def _block_values(matcher: Any, local: list[int], offset: int, decode: Any,
                  found: dict[int, list[Any]], cache: _BlockCache) -> None:
    """The decoded values of the documents ``local`` (ascending, segment-local numbers)
    that a W3 matcher holds, into ``found`` (by global number). Blocks holding none of them
    are passed on their header's highest id, undecoded; in a block that holds some, each
    is found by binary search in the block's ids and only its value is decoded. (Whoosh's
    ``skip_to`` steps through a block one posting at a time: for the ten hits of a page
    over a common word, that stepping was most of the snippets' time.) Decoded blocks are
    kept in ``cache``: decompressing and unpickling them was the rest. The caller holds
    the view's lock."""
    i, wanted = 0, len(local)
    while i < wanted and matcher.is_active():
        if local[i] > matcher._maxid:
            matcher._next_block()
            continue
        key = (offset, matcher._dataoffset)
        block = cache.get(key)
        if block is None:
            matcher._read_ids()
            matcher._read_values()
            block = (matcher._ids, matcher._values)
            cache.put(key, block)
        ids, values = block
        while i < wanted and local[i] <= matcher._maxid:
            at = bisect_left(ids, local[i])
            if at < len(ids) and ids[at] == local[i]:
                found[local[i] + offset] = list(decode(values[at]))
            i += 1
        matcher._next_block()


def _read_doc_frequency(reader: Any, io: threading.Lock, fieldname: str, term: str) -> int:
    with io:
        return reader.doc_frequency(fieldname, term.encode("utf-8"))


def _read_frequency(reader: Any, io: threading.Lock, fieldname: str, term: str) -> float:
    with io:
        return reader.frequency(fieldname, term.encode("utf-8"))


def _read_lengths(leaves: list[tuple[Any, int, int]], io: threading.Lock, size: int,
                  fieldname: str) -> np.ndarray:
    lengths = np.zeros(size, dtype=np.float32)
    with io:
        for leaf, offset, count in leaves:
            per_doc = getattr(leaf, "_perdoc", None)  # a segment's W3PerDocReader
            if FAST_PATHS["lengths"] and isinstance(per_doc, whoosh3.W3PerDocReader):
                column = per_doc._cached_reader(whoosh3._lenfield(fieldname),
                                                whoosh3.LENGTHS_COLUMN)
                if column is None:
                    continue
                codes = np.fromiter(column, dtype=np.uint8, count=count)
                lengths[offset:offset + count] = _BYTE_TO_LENGTH[codes]
            else:
                for docnum in range(count):
                    lengths[offset + docnum] = leaf.doc_field_length(docnum, fieldname)
    lengths.flags.writeable = False
    return lengths


def _read_all(matcher: Any) -> tuple[list[int], list[float]]:
    """Every id and weight of a leaf matcher, deleted documents included: block by block
    where the W3 matcher allows (ten times faster than stepping through postings), else one
    by one. (A segment with deletions wraps its matcher in a filter; the caller drops the
    deleted documents with the live mask instead, so the fast path stays open.)"""
    ids: list[int] = []
    weights: list[float] = []
    if not (FAST_PATHS["postings"] and isinstance(matcher, whoosh3.W3LeafMatcher)):
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
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
