"""Trend across years: how often terms appear, per school year and per calendar year.

For each term (same query language as search): the reports it matches in each period, its
occurrences there (the term's words side by side, see :mod:`search.occurrences`), the
share of that period's reports that match, and its occurrences per report of the period
(how often the term is used: unlike the share, it does not stop at 100 % once every report
uses the term). Periods run from the first to the last one in the
selected archive; a period with no report at all has ``null`` values (a gap in the chart, not
a zero).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

__all__ = ["PERIODS", "MAX_TERMS", "period_axis", "series_for"]

PERIODS = ("school_year", "year")
MAX_TERMS = 5


def period_axis(name: str, present: list[str]) -> list[str]:
    """Every period from the first to the last present one, missing ones included."""
    starts = sorted({int(match.group()) for value in present
                     if (match := re.match(r"\d{4}", value))})
    if not starts:
        return []
    years = range(starts[0], starts[-1] + 1)
    if name == "school_year":
        return [f"{year}-{year + 1}" for year in years]
    return [str(year) for year in years]


def series_for(table, name: str, axis: list[str], selected: np.ndarray,
               matched: np.ndarray, occurrences: dict[int, int]) -> list[dict[str, Any]]:
    """The points of one term: per period, reports matching, occurrences and share."""
    value_ids = table.value_ids(name)
    values = table.values_of(name)
    index = {value: i for i, value in enumerate(values)}
    totals = np.bincount(value_ids[selected & (value_ids >= 0)], minlength=len(values))
    hits = np.bincount(value_ids[matched & (value_ids >= 0)], minlength=len(values))
    counted = np.zeros(len(values), dtype=np.int64)
    for docnum, count in occurrences.items():
        if value_ids[docnum] >= 0:
            counted[value_ids[docnum]] += count
    points = []
    for period in axis:
        i = index.get(period)
        total = int(totals[i]) if i is not None else 0
        if not total:
            points.append({"period": period, "reports": None, "occurrences": None,
                           "share": None, "per_report": None, "total": 0})
            continue
        points.append({"period": period, "reports": int(hits[i]),
                       "occurrences": int(counted[i]),
                       "share": round(int(hits[i]) / total, 4),
                       "per_report": round(int(counted[i]) / total, 3), "total": total})
    return points
