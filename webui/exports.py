"""CSV for every list the site exports: UTF-8 with a BOM, so Excel reads Vietnamese.

Shared by the web pages and the command line, so a file is the same wherever it came from.
:func:`iter_csv` is the one writer of the format, in pieces that a download streams as they
come (the search's every result, read a batch at a time: constant memory however many);
:func:`to_csv` joins them. :func:`iter_json` does the same for a JSON download.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from search import EXPORT_BATCH, PERIODS

from .params import N_

__all__ = ["to_csv", "iter_csv", "to_json", "iter_json", "JSON_INDENT", "cell",
           "COLUMN_LABELS", "RESULT_COLUMNS", "TREND_COLUMNS", "KWIC_COLUMNS", "AWARD_COLUMNS",
           "DUPLICATE_COLUMNS", "FACET_COLUMNS", "trend_rows"]

RESULT_COLUMNS = ("id", "title", "date", "school_year", "semester", "province", "district",
                  "organization", "report_type", "author", "awards", "snippet", "source", "url")
TREND_COLUMNS = ("by", "period", "term", "reports", "occurrences", "share", "per_report",
                 "total")
KWIC_COLUMNS = ("school_year", "date", "id", "title", "province", "left", "match", "right",
                "url")
AWARD_COLUMNS = ("school_year", "date", "province", "organization", "award", "body",
                 "collectives", "individuals", "id", "title", "sentence", "url")
FACET_COLUMNS = ("facet", "value", "count")
DUPLICATE_COLUMNS = ("kept_id", "kept_title", "kept_date", "copy_id", "copy_title",
                     "copy_date", "similarity")
# A JSON download's indentation (readable, and small: one space a level).
JSON_INDENT = 1


# What each column is called in a spreadsheet (the web site's downloads, in the UI's
# language; the command line keeps the field names, for scripts).
COLUMN_LABELS = {
    "id": N_("Report id"), "title": N_("Title"), "date": N_("Date"),
    "school_year": N_("School year"), "semester": N_("Semester"), "province": N_("Province"),
    "district": N_("District"), "organization": N_("Organisation"),
    "report_type": N_("Report type"), "author": N_("Author"), "awards": N_("Awards"),
    "snippet": N_("Passage"), "source": N_("File"), "url": N_("Link"),
    "by": N_("Periods of"), "period": N_("Period"), "term": N_("Term"),
    "reports": N_("Reports"), "occurrences": N_("Occurrences"),
    "share": N_("Share of the period's reports"), "per_report": N_("Occurrences per report"),
    "total": N_("Reports in the period"),
    "left": N_("Before"), "match": N_("Match"), "right": N_("After"),
    "award": N_("Award"), "body": N_("Awarding body"), "collectives": N_("Collectives"),
    "individuals": N_("Individuals"), "sentence": N_("Sentence in the report"),
    "kept_id": N_("Counted report id"), "kept_title": N_("Counted report"),
    "kept_date": N_("Counted report's date"), "copy_id": N_("Copy id"),
    "copy_title": N_("Copy"), "copy_date": N_("Copy's date"), "similarity": N_("Similarity"),
    "facet": N_("Filter"), "value": N_("Value"), "count": N_("Reports"),
}

# A cell a spreadsheet would read as a formula starts with one of these (OWASP, "CSV
# injection"): such a text cell is written after an apostrophe, which shows it as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """One CSV cell: lists joined with "; ", None empty, formula-like text neutralised."""
    if isinstance(value, list):
        value = "; ".join(map(str, value))
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def iter_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...],
             url: Callable[[dict[str, Any]], str] | None = None,
             headers: Callable[[str], str] | None = None,
             batch: int = EXPORT_BATCH) -> Iterator[str]:
    """Rows as CSV text with a BOM, in pieces: the BOM and the header row (the column names,
    or what ``headers`` calls them), then the text of every ``batch`` rows (see :func:`cell`
    for each value; ``url`` gives a row's ``url`` column). ``rows`` is read as the pieces
    are, so a download of a lazy iterable holds one piece at a time."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([headers(c) if headers else c for c in columns])
    yield _taken(out)
    for count, row in enumerate(rows, 1):
        values = dict(row)
        if url is not None:
            values["url"] = url(row)
        writer.writerow([cell(values.get(column, "")) for column in columns])
        if count % batch == 0:
            yield _taken(out)
    if out.tell():
        yield _taken(out)


def _taken(out: io.StringIO) -> str:
    """What was written to ``out``, which is emptied for the next piece."""
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text


def to_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...],
           url: Callable[[dict[str, Any]], str] | None = None,
           headers: Callable[[str], str] | None = None) -> str:
    """Rows as CSV text with a BOM, in one string (:func:`iter_csv`'s pieces joined)."""
    return "".join(iter_csv(rows, columns, url, headers))


def to_json(value: Any) -> str:
    """The text of a JSON download (marks kept, ``JSON_INDENT``)."""
    return json.dumps(value, ensure_ascii=False, indent=JSON_INDENT)


def iter_json(result: dict[str, Any], rows_key: str,
              batch: int = EXPORT_BATCH) -> Iterator[str]:
    """:func:`to_json` of ``result``, the same text, in pieces: ``result[rows_key]``, its
    last key (any iterable of rows, e.g. a search's :class:`search.Export`), is read and
    written ``batch`` rows at a time, so a download of any size holds one piece at a time."""
    if list(result)[-1] != rows_key:
        raise ValueError(f"{rows_key!r} must be the last key of the result")
    # The result with no rows ends with that empty list: the rows go between its brackets.
    empty = to_json({**result, rows_key: []})
    opening, closing = "[", "]\n}"
    yield empty[:-len(opening + closing)] + opening
    # A row is an item of a list in the result: each of its lines indented two levels (a
    # JSON string holds no raw line break, so every "\n" of a row's text starts a line).
    inner = "\n" + " " * (2 * JSON_INDENT)
    pieces: list[str] = []
    count = 0
    for count, row in enumerate(result[rows_key], 1):
        pieces.append(("," if count > 1 else "") + inner + to_json(row).replace("\n", inner))
        if count % batch == 0:
            yield "".join(pieces)
            pieces.clear()
    yield "".join(pieces) + ("\n" + " " * JSON_INDENT if count else "") + closing


def trend_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """A trend result flattened: one row per period, term and kind of period."""
    rows = []
    for by in PERIODS:
        for series in result[by]["series"]:
            for point in series["points"]:
                rows.append({"by": by, "term": series["term"], **point})
    return rows
