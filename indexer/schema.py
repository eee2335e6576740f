"""The index schema: every field name, its Whoosh type, and how a report fills it.

The one place that knows the field names; :mod:`search` imports them from here.

Analysed fields are filled with tokens made by :func:`indexer.analysis.analyze` (pyvi runs
once per text, in worker processes during bulk loads) and stored with positions and character
offsets, so phrase queries work and snippets are cut without re-analysing anything.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh import fields, formats
from whoosh.analysis import IDTokenizer
from whoosh.system import pack_uint

from .analysis import Analysis, Token, analyze
from .report import Report

__all__ = [
    "SCHEMA_VERSION",
    "FACETS",
    "TEXT_FIELDS",
    "build_schema",
    "document_for",
    "PretokenizedText",
    "compress_text",
    "decompress_text",
]

# Bump when the schema, the analysis or the metadata extraction changes: an index of
# another version is rebuilt by the next `union-search index` (unchanged files would
# otherwise keep what the old rules extracted).
SCHEMA_VERSION = 3

# Facet fields, in the order the UI shows them. Multi-valued ones hold several values a doc.
FACETS = ("province", "district", "school_year", "year", "report_type", "organization",
          "award", "person")
MULTI_VALUED = ("award", "person")

# The analysed fields: (title or body) x (words, syllables, folded syllables, folded words).
TEXT_FIELDS = {
    "title": ("title_words", "title_syll", "title_fold", "title_fwords"),
    "body": ("body_words", "body_syll", "body_fold", "body_fwords"),
}
GRANULARITIES = ("words", "syllables", "folded", "folded_words")
# What each body field stores per posting, the least that its queries need: character
# offsets only on syllables (snippets are cut from them, folded matches included), positions
# on folded syllables (unmarked phrases), counts on word fields (ranking boosts). Title
# fields are short and keep everything. (Offsets on every field made the index ten times
# the size of the text; see the README's figures.)
BODY_FORMATS = {"words": "frequency", "syllables": "characters", "folded": "positions",
                "folded_words": "frequency"}


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
    text_fields = {
        name: PretokenizedText(granularity,
                               BODY_FORMATS[granularity] if part == "body" else "characters")
        for part, names in TEXT_FIELDS.items()
        for name, granularity in zip(names, GRANULARITIES, strict=True)
    }
    facet = {"stored": True, "sortable": True}
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        source=fields.ID(**facet),
        sha256=fields.ID(**facet),
        title=fields.STORED(),
        text_z=fields.STORED(),  # zlib-compressed text: Vietnamese compresses about 4:1
        date=fields.ID(**facet),
        published=fields.STORED(),
        semester=fields.STORED(),
        author=fields.STORED(),
        people=fields.STORED(),
        awards=fields.STORED(),
        format=fields.STORED(),
        province=fields.ID(**facet),
        district=fields.ID(**facet),
        school_year=fields.ID(**facet),
        year=fields.ID(**facet),
        report_type=fields.ID(**facet),
        organization=fields.ID(**facet),
        award=fields.KEYWORD(commas=True, lowercase=False, stored=True),
        person=fields.KEYWORD(commas=True, lowercase=False, stored=True),
        **text_fields,
    )


def compress_text(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 6)


def decompress_text(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8")


def person_name(person: str) -> str:
    """The name part of "Name – title"."""
    return person.split(" – ", 1)[0].strip()


def document_for(report: Report, title: Analysis | None = None,
                 body: Analysis | None = None) -> dict[str, Any]:
    """The Whoosh document of a report. Analyses are made here unless given (workers make
    them in parallel and send them along)."""
    title = title if title is not None else analyze(report.title)
    body = body if body is not None else analyze(report.text)
    kinds = sorted({kind for award in report.awards for kind in (award.kinds or [award.award])})
    names = list(dict.fromkeys(person_name(p) for p in report.people if person_name(p)))
    document: dict[str, Any] = {
        "id": report.id,
        "source": report.source,
        "sha256": report.sha256,
        "title": report.title,
        "text_z": compress_text(report.text),
        "date": report.date,
        "published": report.published,
        "semester": report.semester,
        "author": report.author,
        "people": list(report.people),
        "awards": [award.to_dict() for award in report.awards],
        "format": report.format,
        "province": report.province,
        "district": report.district,
        "school_year": report.school_year,
        "year": report.date[:4],
        "report_type": report.report_type,
        "organization": report.organization,
        "award": ",".join(kinds),
        "person": ",".join(names),
    }
    for analysis, names_ in ((title, TEXT_FIELDS["title"]), (body, TEXT_FIELDS["body"])):
        for name, granularity in zip(names_, GRANULARITIES, strict=True):
            document[name] = getattr(analysis, granularity)
    # Whoosh rejects empty strings for indexed ID fields only by indexing nothing: leave
    # unknown values out so they are not a facet value "".
    return {key: value for key, value in document.items() if value != ""}
