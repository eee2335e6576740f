"""The index on disk, behind one seam: the only code that knows the index is Whoosh.

The indexer writes through :func:`open_writer`; the search engine reads through
:class:`IndexView`, one immutable view per committed version.
"""

from .view import FAST_PATHS, IndexView, PositionTable, Postings, index_exists, open_view
from .writer import IndexBusy, IndexWriter, exclusive, index_lock, open_writer

__all__ = [
    "FAST_PATHS",
    "IndexBusy",
    "IndexView",
    "IndexWriter",
    "PositionTable",
    "Postings",
    "exclusive",
    "index_exists",
    "index_lock",
    "open_view",
    "open_writer",
]
