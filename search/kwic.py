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
# A sentence ends at ".", "?", "!" or ";" followed by a space, or at a line break (titles,
# list items and table rows of the reports end there without a mark).
_SENTENCE_END = re.compile(r"[.?!;](?=\s)|\n")


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def context_line(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> dict[str, str]:
    """Left context, match and right context, on one line, each at most ``width``
    characters: the left context starts after the last sentence end before the match
    within that window, the right context stops at the first one after it (its mark
    kept); where the window holds no sentence end, the cut is at a word boundary."""
    window_start = max(0, start - width)
    left = text[window_start:start]
    ends = list(_SENTENCE_END.finditer(left))
    if ends:
        left = left[ends[-1].end():]
    elif window_start > 0 and " " in left:
        left = left[left.index(" ") + 1:]
    # One character past the window, so that a mark at its very end is seen as an end.
    right = text[end:end + width + 1]
    stop = _SENTENCE_END.search(right)
    if stop and stop.start() < width:
        right = right[:stop.end() if stop.group() != "\n" else stop.start()]
    else:
        right = right[:width]
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
                                           line["source"], line["start"]), reverse=True)
