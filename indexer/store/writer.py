"""Writing the index: one writer at a time, periodic atomic commits, the schema version.

Whoosh commits are atomic: a reader sees the version before a commit or the one after,
never half of one, and a crash or Ctrl-C leaves the last committed version readable.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.filelock import FileLock
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from ..fields import SCHEMA_VERSION
from .schema import build_schema, to_stored_document
from .view import DEFAULT_NAME, VERSION_FILE, IndexView, index_exists, name_of, version_of

__all__ = ["IndexBusy", "IndexWriter", "exclusive", "open_writer", "index_lock", "LOCK_FILE",
           "VERSION_FILE"]

LOCK_FILE = "union-search.lock"
# The two names an index takes in its folder: the one served, and its rebuild.
_NAMES = (DEFAULT_NAME, "NEXT")
# What Whoosh may estimate its pool of postings at before it sorts them into a run on disk.
# 1,000 documents (the default commit) of news articles estimate at about 260 MB: at 256 a
# commit spilled a run and merged it back through pickle and a heap, a fifth of the
# writer's CPU (measured on 2,000 articles: 44 s of CPU at 256, 34 s at 512 and above).
_WRITER_MB = 512


class IndexBusy(Exception):
    """Another process is writing to the index."""


def index_lock(index_dir: Path) -> Any:
    """The inter-process lock that makes one writer at a time (``acquire``/``release``)."""
    return FileLock(str(index_dir / LOCK_FILE))


@contextmanager
def exclusive(index_dir: Path) -> Iterator[None]:
    """Hold the writer lock of ``index_dir``, or raise :class:`IndexBusy` at once."""
    index_dir.mkdir(parents=True, exist_ok=True)
    lock = index_lock(index_dir)
    if not lock.acquire(blocking=False):
        raise IndexBusy(
            f"another union-search process is writing to the index in {index_dir}; "
            "wait for it to finish, then run this again"
        )
    try:
        yield
    finally:
        lock.release()


class IndexWriter:
    """Adds, replaces and deletes documents, committing every ``commit_every`` changes.

    Open it with :func:`open_writer` while holding :func:`exclusive`; call :meth:`finish`
    when the run has ended well.
    """

    def __init__(self, ix: Any, commit_every: int, rebuilt: bool, index_dir: Path):
        self._ix = ix
        self._index_dir = index_dir
        self.commit_every = max(1, commit_every)
        self.rebuilt = rebuilt
        #: The name of the index this one replaces when the run ends, if any.
        self.replaces: str | None = None
        self.pending = 0
        self._writer: Any = None  # Whoosh's writer, opened at the first change

    def _open(self) -> Any:
        if self._writer is None:
            self._writer = _SegmentWriter(self._ix, limitmb=_WRITER_MB)
        return self._writer

    @property
    def segments(self) -> int:
        """How many segments the last committed version has (each commit adds one; Whoosh
        merges small ones)."""
        return len(self._ix._segments())

    def view(self) -> IndexView:
        """The last committed version, for reading what is indexed already."""
        return IndexView(self._ix, self._index_dir)

    def take_over(self) -> None:
        """Make this index the one served."""
        _write_pointer(self._index_dir, self._ix.indexname)

    def finish(self) -> None:
        """Commit, and when this index replaces another, serve it and drop the other."""
        self.commit()
        if self.replaces is not None:
            self.take_over()
            _drop(self._index_dir, self.replaces)
            self.replaces = None

    def update(self, document: dict[str, Any]) -> None:
        """Add a document, replacing the one with the same id."""
        self._open().update_document(**to_stored_document(document))
        self._count()

    def add(self, document: dict[str, Any]) -> None:
        """Add a document known to be new: its id is in no committed version and was not
        written since. Replacing looks the id up in every segment, which made the writer's
        memory grow with the index (its peak 110 MB of heap and 200 MB of mapped index
        higher for every 2,000 reports already indexed, 5 GB at 80,000); adding does not."""
        self._open().add_document(**to_stored_document(document))
        self._count()

    def delete_source(self, source: str) -> None:
        """Delete the documents made from the file ``source``."""
        self._open().delete_by_term("source", source)
        self._count()

    def _count(self) -> None:
        self.pending += 1
        if self.pending >= self.commit_every:
            self.commit()

    def commit(self) -> None:
        """Make what was written visible to new views, atomically."""
        if self._writer is not None:
            self._writer.commit()
            self._writer = None
        self.pending = 0

    def cancel(self) -> None:
        """Drop what was written since the last commit."""
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None
        self.pending = 0


class _SegmentWriter(SegmentWriter):
    """Whoosh's writer, with the lengths it writes postings with read once per field.

    Whoosh looks up each posting's document length in the new segment's length column,
    one call through its column reader per posting (3 million for 2,000 articles): a sixth
    of the writer's CPU. The same lengths, decoded once per field into a list, give the
    same segment (the files are byte for byte Whoosh's) in 29 s of CPU instead of 34.
    """

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = _Lengths(self.per_document_reader())
        try:
            self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        finally:
            lengths.close()
        self.fieldwriter.close()


class _Lengths:
    """Each field's document lengths in a new segment, decoded from its length column at
    the first posting of the field (the interface Whoosh's ``add_postings`` asks for)."""

    # A length is kept as one byte (Whoosh's lossy encoding): each byte's length, once.
    _DECODED = [byte_to_length(i) for i in range(256)]

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._fields: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self._fields.get(fieldname)
        if lengths is None:
            column = self._reader._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            decoded = self._DECODED
            lengths = self._fields[fieldname] = (
                [decoded[value] for value in column] if column is not None else [])
        return lengths[docnum] if docnum < len(lengths) else default

    def close(self) -> None:
        self._reader.close()


def open_writer(index_dir: Path, rebuild: bool, commit_every: int) -> IndexWriter:
    """A writer on the index in ``index_dir``: a new empty index when asked (``rebuild``),
    when there is none, or when it was built by another schema version.

    A new index replacing one is written beside it, under the other name, and takes over
    only when the run ends (:meth:`IndexWriter.finish`): until then the old one is served,
    and a run killed half-way leaves it whole. A first index is served from its first
    commit, so a first build shows its progress.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    current = name_of(index_dir)
    stale = version_of(index_dir) != SCHEMA_VERSION
    if not (rebuild or stale or not index_exists(index_dir, current)):
        ix = whoosh_index.open_dir(str(index_dir), indexname=current)
        return IndexWriter(ix, commit_every, rebuilt=False, index_dir=index_dir)
    first = not any(index_exists(index_dir, n) for n in _NAMES)
    new = current if first else next(n for n in _NAMES if n != current)
    ix = whoosh_index.create_in(str(index_dir), build_schema(), indexname=new)
    writer = IndexWriter(ix, commit_every, rebuilt=True, index_dir=index_dir)
    if first:
        writer.take_over()
    else:
        writer.replaces = current
    return writer


def _write_pointer(index_dir: Path, name: str) -> None:
    """Name the index served, atomically (readers see the old file or the new one)."""
    temporary = index_dir / (VERSION_FILE + ".new")
    temporary.write_text(json.dumps({"schema_version": SCHEMA_VERSION, "index": name}))
    os.replace(temporary, index_dir / VERSION_FILE)


def _drop(index_dir: Path, name: str) -> None:
    """Delete the files of the index called ``name`` (a replaced one)."""
    files = re.compile(rf"^(?:_{name}_\d+\.toc|{name}_[0-9a-z]+\..+)$")
    for path in index_dir.iterdir():
        if files.match(path.name):
            path.unlink(missing_ok=True)
