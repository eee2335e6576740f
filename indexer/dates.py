"""Dates as Vietnamese reports write them, read into ISO dates.

Forms read: ``02/3/2017``, ``15-01-2020``, ``ngày 02 tháng 3 năm 2017``, ``14 Tháng 8 2019``,
ISO ``2023-09-27`` (HTML stamps), and a day and month without a year (``Chiều 27/9``), whose
year comes from an anchor date (the publication stamp): the latest such date not after it.
Document numbers are not dates: ``09/2020/TT-BGDĐT`` has no day 9 of month 2020.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["FoundDate", "find_dates", "parse_date", "school_year_of"]

_DMY = re.compile(
    r"(?<![\d/.-])(\d{1,2})\s*(?:/|-|\.)\s*(\d{1,2})\s*(?:/|-|\.)\s*(\d{4})(?![\d/])"
)
_WORDS = re.compile(
    r"(?i)(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm|,)?\s+(\d{4}))?(?!\d)"
)
_DM = re.compile(r"(?<![\d/.-])(\d{1,2})/(\d{1,2})(?![\d/]|\s*(?:/|-)\s*\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


@dataclass(frozen=True)
class FoundDate:
    """A date found in text; ``has_year`` is false when the year came from the anchor."""

    value: date
    start: int
    has_year: bool


def find_dates(text: str, anchor: date | None = None) -> list[FoundDate]:
    """Every date in ``text``, in order of appearance.

    Day-month dates without a year are returned only when ``anchor`` gives their year.
    """
    found: dict[int, FoundDate] = {}
    taken: list[range] = []
    for pattern in (_ISO, _DMY, _WORDS, _DM):
        for match in pattern.finditer(text):
            if any(match.start() in span for span in taken):
                continue
            value = _from_match(pattern, match, anchor)
            if value is None:
                continue
            taken.append(range(match.start(), match.end()))
            has_year = pattern in (_ISO, _DMY) or bool(pattern is _WORDS and match.group(3))
            found[match.start()] = FoundDate(value, match.start(), has_year)
    return [found[start] for start in sorted(found)]


def _from_match(pattern: re.Pattern[str], match: re.Match[str], anchor: date | None) -> date | None:
    if pattern is _ISO:
        return _make(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    day, month = int(match.group(1)), int(match.group(2))
    year = match.group(3) if pattern is not _DM else None
    if year:
        return _make(int(year), month, day)
    if anchor is None:
        return None
    candidate = _make(anchor.year, month, day)
    if candidate is not None and candidate > anchor:
        candidate = _make(anchor.year - 1, month, day)
    return candidate


def _make(year: int, month: int, day: int) -> date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """The first full date (with its year) in ``text``, or ``None``."""
    for found in find_dates(text):
        if found.has_year:
            return found.value
    return None


def school_year_of(day: date) -> str:
    """The school year a date falls in; a Vietnamese school year starts in August.

    (A year-end review in June 2020 belongs to 2019-2020; one in late August usually does
    too, but the text names its year then, and the text wins.)
    """
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}-{start + 1}"
