"""Where indexes built before the store package find their field class.

Whoosh keeps the schema in the index as a pickle, which names each field's class by its
import path; indexes built before the index moved behind :mod:`indexer.store` name
``indexer.schema.PretokenizedText``. This alias lets them open without a rebuild.
"""

from .store.schema import PretokenizedText

__all__ = ["PretokenizedText"]
