"""From a report to the document the index stores: field values, tokens, compressed text."""

from __future__ import annotations

import zlib
from typing import Any

from .analysis import Analysis, analyze
from .fields import (
    CHROME_CENSUS,
    DUPLICATE_OF,
    GRANULARITIES,
    LEARNED_CHROME,
    NOT_DUPLICATE,
    SIGNATURE,
    TEXT_FIELDS,
)
from .report import Report
from .signature import text_signature

__all__ = ["document_for", "compress_text", "decompress_text", "person_name", "award_kinds"]


def compress_text(text: str) -> bytes:
    """The report text as stored: Vietnamese compresses about 4:1."""
    return zlib.compress(text.encode("utf-8"), 6)


def decompress_text(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8")


def person_name(person: str) -> str:
    """The name part of "Name – title"."""
    return person.split(" – ", 1)[0].strip()


def award_kinds(kinds: list[str] | None, award: str) -> list[str]:
    """The kinds an award record counts in, as the ``award`` facet knows them: the kinds its
    award text was split into ("Bằng khen, Giấy khen": both), else that text. A report's
    ``award`` values are its records' kinds, so a record of a kind is in a report of it."""
    return list(dict.fromkeys(kinds or [award]))


def document_for(report: Report, title: Analysis | None = None,
                 body: Analysis | None = None, census: bytes = b"") -> dict[str, Any]:
    """The index document of a report. Analyses are made here unless given (workers make
    them in parallel and send them along). Multi-valued facets are lists. ``census`` is
    the report's census of its lines for learning chrome (:mod:`indexer.learned`), as
    :meth:`~indexer.learned.LineCensus.encode` makes it (none for reports not from files)."""
    title = title if title is not None else analyze(report.title)
    body = body if body is not None else analyze(report.text)
    kinds = sorted({kind for award in report.awards
                    for kind in award_kinds(award.kinds, award.award)})
    names = list(dict.fromkeys(person_name(p) for p in report.people if person_name(p)))
    document: dict[str, Any] = {
        "id": report.id,
        "source": report.source,
        "sha256": report.sha256,
        "stamp": report.stamp,
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
        "award": kinds,
        "person": names,
        "overrides": list(report.overrides),
        "ocr": report.ocr,
        "number": report.number,
        "place": report.place,
        "signer": report.signer,
        "document_type": report.document_type,
        DUPLICATE_OF: report.duplicate_of,
        NOT_DUPLICATE: "yes" if report.not_duplicate else "",
    }
    if report.learned_chrome:
        document[LEARNED_CHROME] = list(report.learned_chrome)
    if census:
        document[CHROME_CENSUS] = census
    signature = text_signature(body.folded)
    if signature is not None:
        document[SIGNATURE] = signature
    for analysis, names_ in ((title, TEXT_FIELDS["title"]), (body, TEXT_FIELDS["body"])):
        for name, granularity in zip(names_, GRANULARITIES, strict=True):
            document[name] = getattr(analysis, granularity)
    # Unknown values are left out, so that they are not a facet value "".
    return {key: value for key, value in document.items() if value != ""}
