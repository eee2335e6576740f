"""The Whoosh schema, built from the declarations of :mod:`indexer.fields`.

Analysed fields are filled with tokens made by :func:`indexer.analysis.analyze` (pyvi runs
once per text, in worker processes during bulk loads) and stored with what their queries
need (``BODY_STORES``), so phrase queries work and snippets are cut without re-analysing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh import columns, fields, formats
from whoosh.analysis import IDTokenizer
from whoosh.system import pack_uint

from ..analysis import Token, analyze
from ..fields import (
    BODY_STORES,
    CHROME_CENSUS,
    DUPLICATE_OF,
    FACETS,
    GRANULARITIES,
    KEY_FIELDS,
    LEARNED_CHROME,
    NOT_DUPLICATE,
    SIGNATURE,
    SIGNATURE_ROW,
    STORED_FIELDS,
    TEXT_FIELDS,
)

__all__ = ["build_schema", "to_stored_document", "MULTI_SEPARATOR"]

# Multi-valued facets are indexed as one comma-separated keyword field.
MULTI_SEPARATOR = ","


class PretokenizedText(fields.FieldType):
    """A text field indexed from tokens made beforehand, with positions and char offsets.

    Whoosh would turn a list value into tokens one space apart; this field takes the
    ``(text, position, startchar, endchar)`` tuples as they are. A plain string (never
    passed by this product, but possible from Whoosh tools) is analysed on the spot.
    """

    _FORMATS = {"characters": formats.Characters, "positions": formats.Positions,
                "frequency": formats.Frequency}

    def __init__(self, granularity: str, stores: str = "characters"):
        super().__init__(self._FORMATS[stores](), IDTokenizer(), scorable=True)
        self.granularity = granularity
        self.stores = stores

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        tokens: Iterable[Token] = (
            getattr(analyze(value), self.granularity) if isinstance(value, str) else value
        )
        seen: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for text, pos, start, end in tokens:
            seen[text].append((pos, start, end))
        for text, postings in seen.items():
            if self.stores == "characters":
                encoded = self.format.encode(postings)
            elif self.stores == "positions":
                encoded = self.format.encode([pos for pos, _, _ in postings])
            else:
                encoded = pack_uint(len(postings))
            yield (text.encode("utf-8"), len(postings), float(len(postings)), encoded)


def build_schema() -> fields.Schema:
    """One Whoosh field per declared field."""
    text_fields = {
        name: PretokenizedText(granularity,
                               BODY_STORES[granularity] if part == "body" else "characters")
        for part, names in TEXT_FIELDS.items()
        for name, granularity in zip(names, GRANULARITIES, strict=True)
    }
    keyed = {"stored": True, "sortable": True}
    declared: dict[str, fields.FieldType] = {name: fields.ID(**keyed) for name in KEY_FIELDS}
    declared["id"] = fields.ID(stored=True, unique=True)
    declared.update({name: fields.STORED() for name in STORED_FIELDS})
    for facet in FACETS:
        declared[facet.name] = (
            fields.KEYWORD(commas=True, lowercase=False, stored=True) if facet.multi
            else fields.ID(**keyed))
    # Fixed-size bytes, one row per document: the whole column reads as one array.
    declared[SIGNATURE] = fields.COLUMN(columns.FixedBytesColumn(
        SIGNATURE_ROW * 4, default=bytes(SIGNATURE_ROW * 4)))
    declared[CHROME_CENSUS] = fields.COLUMN(columns.VarBytesColumn())
    declared[LEARNED_CHROME] = fields.STORED()
    declared[DUPLICATE_OF] = fields.ID(stored=True)
    declared[NOT_DUPLICATE] = fields.ID()
    return fields.Schema(**declared, **text_fields)


def to_stored_document(document: dict[str, Any]) -> dict[str, Any]:
    """A document of :func:`indexer.documents.document_for` as Whoosh takes it."""
    converted = dict(document)
    for facet in FACETS:
        if facet.multi and facet.name in converted:
            values = [v for v in converted.pop(facet.name) if v]
            if values:
                converted[facet.name] = MULTI_SEPARATOR.join(values)
    return converted
