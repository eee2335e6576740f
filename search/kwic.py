"""Concordance (keyword in context): every occurrence of a term with its left and right
context, for reading a phrase in all the places it was used."""

from __future__ import annotations

import bisect
import re
from typing import Any

from indexer.normalize import fold

__all__ = ["KWIC_SORTS", "CONTEXT_CHARS", "MAX_LINES", "context_line", "sort_lines"]

KWIC_SORTS = ("date", "left", "right")
CONTEXT_CHARS = 70
# Very common words: the concordance stops collecting after this many lines (and says so).
MAX_LINES = 5000

_SPACE = re.compile(r"\s+")


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text)


def context_line(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> dict[str, str]:
    """Left context, match and right context, cut at word boundaries, on one line."""
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    if start - width > 0 and " " in left:
        left = left[left.index(" ") + 1:]
    if end + width < len(text) and " " in right:
        right = right[:right.rindex(" ")]
    return {"left": _clean(left), "match": _clean(text[start:end]), "right": _clean(right)}


def anchor_for(spans: list[tuple[int, int]], start: int, first: int = 0) -> int:
    """The number of the report page's highlight (``#mN``) that contains ``start``; the
    page numbers its highlights from ``first`` (its best passage) on, then from the top."""
    starts = [s for s, _ in spans]
    index = bisect.bisect_right(starts, start) - 1
    if index < 0 or spans[index][1] <= start:
        return 1
    return (index - first) % len(spans) + 1


def _word_key(text: str, last: bool) -> str:
    words = re.findall(r"\w+", fold(text).lower())
    if not words:
        return ""
    return " ".join(reversed(words[-3:])) if last else " ".join(words[:3])


def sort_lines(lines: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    """By school year (newest first) then date; or by the words before / after the match."""
    if sort == "left":
        return sorted(lines, key=lambda line: (_word_key(line["left"], True), line["date"]))
    if sort == "right":
        return sorted(lines, key=lambda line: (_word_key(line["right"], False), line["date"]))
    return sorted(lines, key=lambda line: (line["school_year"] or "0", line["date"],
                                           line["id"], line["start"]), reverse=True)
