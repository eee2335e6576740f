"""CSV for every list the site exports: UTF-8 with a BOM, so Excel reads Vietnamese.

Shared by the web pages and the command line, so a file is the same wherever it came from.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any

from search import PERIODS

__all__ = ["to_csv", "RESULT_COLUMNS", "TREND_COLUMNS", "KWIC_COLUMNS", "AWARD_COLUMNS",
           "trend_rows"]

RESULT_COLUMNS = ("id", "title", "date", "school_year", "semester", "province", "district",
                  "organization", "report_type", "author", "awards", "source", "url")
TREND_COLUMNS = ("by", "period", "term", "reports", "occurrences", "share", "total")
KWIC_COLUMNS = ("school_year", "date", "id", "title", "province", "left", "match", "right",
                "url")
AWARD_COLUMNS = ("school_year", "date", "province", "organization", "award", "body",
                 "collectives", "individuals", "id", "title", "sentence", "url")


def to_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...],
           url: Callable[[dict[str, Any]], str] | None = None) -> str:
    """Rows as CSV text with a BOM; lists are joined with "; ", None is empty."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        values = dict(row)
        if url is not None:
            values["url"] = url(row)
        writer.writerow(["; ".join(v) if isinstance(v, list) else ("" if v is None else v)
                         for v in (values.get(column, "") for column in columns)])
    return out.getvalue()


def trend_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """A trend result flattened: one row per period, term and kind of period."""
    rows = []
    for by in PERIODS:
        for series in result[by]["series"]:
            for point in series["points"]:
                rows.append({"by": by, "term": series["term"], **point})
    return rows
