"""Marking a query's phrases in any text the site shows (a comparison's two sides).

The report page marks matches from the index's offsets; a comparison shows sentences cut
into segments of changed and shared words, so its marks are found in the text itself: each
quoted phrase of the query, and its other words as one phrase, wherever they stand as
typed. As in search, a phrase typed without marks matches with any marks (``cong doan``
marks "Công đoàn"), one typed with marks matches those marks; case never matters.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from indexer.normalize import fold, normalize_line

__all__ = ["query_phrases", "mark_phrases"]

_QUOTED = re.compile(r'"([^"]+)"')
# Not words to find: exclusions, filters (name:value), operators.
_NOT_WORDS = re.compile(r'(?:^|\s)-\S+|\S+:\S*|\b(?:OR|AND|NOT)\b|\|\||&&|[+()"]')


def query_phrases(q: str) -> list[str]:
    """The phrases of a query to mark: each quoted one, then the rest as one phrase."""
    q = normalize_line(q or "")
    quoted = [p.strip() for p in _QUOTED.findall(q) if p.strip()]
    rest = " ".join(_NOT_WORDS.sub(" ", _QUOTED.sub(" ", q)).split())
    return [p for p in [*quoted, rest] if len(p) > 1]


def _folded(text: str) -> str:
    # One character for one, so that positions in the folded text are positions in the text.
    return "".join((fold(ch) or " ")[0] for ch in text).lower()


def _spans(text: str, phrase: str) -> list[tuple[int, int]]:
    marked = phrase != fold(phrase)
    haystack = text.lower() if marked else _folded(text)
    needle = phrase.lower() if marked else _folded(phrase)
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, needle.split())) + r"(?!\w)")
    return [m.span() for m in pattern.finditer(haystack)]


def mark_phrases(text: str, phrases: list[str]) -> Markup:
    """``text`` escaped, every occurrence of a phrase in ``<mark>``."""
    spans = sorted(span for phrase in phrases for span in _spans(text, phrase))
    out, cursor = [], 0
    for start, end in spans:
        if start < cursor:
            continue
        out.append(f"{escape(text[cursor:start])}<mark>{escape(text[start:end])}</mark>")
        cursor = end
    out.append(str(escape(text[cursor:])))
    return Markup("".join(out))
