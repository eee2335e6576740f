"""Snippets: the best one to three passages around the matches, with ``<mark>``.

Character offsets come straight from the index (every highlighted field is indexed with
``chars``), so nothing is re-analysed and a match anywhere in a long report — past Whoosh's
32K-character highlight limit too — gets its passage. Exact, folded, compound and syllable
matches are all marked: they are looked up in each field they were searched in.

The text is HTML-escaped; ``<mark>`` and ``</mark>`` are the only markup in a snippet.
"""

from __future__ import annotations

from html import escape

__all__ = ["make_snippet", "merge_spans", "mark_text", "best_span", "SNIPPET_CHARS"]

SNIPPET_CHARS = 300
MAX_PASSAGES = 3
_CLUSTER_GAP = 80
_ELLIPSIS = "…"


def merge_spans(spans: list[tuple[int, int]], text: str | None = None) -> list[tuple[int, int]]:
    """Sorted spans with overlapping or touching ones merged; with ``text``, also spans
    separated only by spaces ("<mark>Công đoàn</mark>", not two marks)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        joined = merged and text is not None and not text[merged[-1][1]:start].strip(" ")
        if merged and (start <= merged[-1][1] or joined):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark_text(text: str, spans: list[tuple[int, int]], start: int = 0,
              end: int | None = None) -> str:
    """``text[start:end]`` escaped, with the spans wholly inside it wrapped in ``<mark>`` (a
    match cut by the passage's edge is not marked: half a word marked reads as a typo)."""
    end = len(text) if end is None else end
    out = []
    cursor = start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(escape(text[cursor:s], quote=False))
        out.append("<mark>" + escape(text[s:e], quote=False) + "</mark>")
        cursor = e
    out.append(escape(text[cursor:end], quote=False))
    return "".join(out)


def _clusters(spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    groups: list[list[tuple[int, int]]] = []
    for span in spans:
        if groups and span[0] - groups[-1][-1][1] <= _CLUSTER_GAP:
            groups[-1].append(span)
        else:
            groups.append([span])
    return groups


def _ranked_clusters(text: str, spans: list[tuple[int, int]]
                     ) -> list[tuple[int, list[tuple[int, int]]]]:
    """(index, cluster) of the clusters of merged ``spans``, best first: more distinct
    words, then more matches, then earlier. The first line (the title, shown above the
    text anyway) comes last when the text has matches elsewhere."""
    title_end = text.find("\n")
    # A passage never runs from the title line into the body.
    in_title_line = [s for s in spans if title_end >= 0 and s[1] <= title_end]
    rest = spans[len(in_title_line):]
    scored = []
    for index, group in enumerate(_clusters(in_title_line) + _clusters(rest)):
        distinct = len({text[s:e].lower() for s, e in group})
        in_title = title_end >= 0 and group[-1][1] <= title_end
        scored.append((in_title, -(distinct * 3 + len(group)), index, group))
    if all(item[0] for item in scored):
        scored = [(False, *rest) for _, *rest in scored]
    return [(index, group) for _, _, index, group in sorted(scored)]


def best_span(text: str, spans: list[tuple[int, int]]) -> int:
    """The index, in ``spans`` (merged, in text order), of the first span of the best
    passage (the one a snippet shows first); 0 when there are none."""
    ranked = _ranked_clusters(text, spans)
    if not ranked:
        return 0
    return spans.index(ranked[0][1][0])


def _snap_start(text: str, position: int) -> int:
    if position <= 0:
        return 0
    space = text.rfind(" ", max(0, position - 20), position)
    return space + 1 if space >= 0 else position


def _snap_end(text: str, position: int) -> int:
    if position >= len(text):
        return len(text)
    space = text.find(" ", position, position + 20)
    return space if space >= 0 else position


def make_snippet(text: str, spans: list[tuple[int, int]], size: int = SNIPPET_CHARS) -> str:
    """The snippet of ``text`` for the matched ``spans`` (character offsets)."""
    spans = merge_spans([s for s in spans if 0 <= s[0] < s[1] <= len(text)], text)
    if not spans:
        end = _snap_end(text, size)
        return escape(text[:end], quote=False).replace("\n", " ") + (
            _ELLIPSIS if end < len(text) else "")
    words = {text[s:e].lower() for s, e in spans}
    chosen = _ranked_clusters(text, spans)[:MAX_PASSAGES]
    # Fewer passages when one already shows every matched word.
    if chosen and len({text[s:e].lower() for s, e in chosen[0][1]}) == len(words):
        chosen = chosen[:1]
    budget = size // len(chosen)
    passages = []
    for _, group in sorted(chosen, key=lambda item: item[0]):
        first, last = group[0][0], group[-1][1]
        extra = max(0, budget - (last - first))
        start = _snap_start(text, first - extra // 3)
        end = _snap_end(text, max(last, start + budget))
        if end - start > budget * 2:
            end = _snap_end(text, start + budget)
        passages.append((start, end))
    pieces = []
    for start, end in merge_spans(passages):
        piece = mark_text(text, spans, start, end).replace("\n", " ")
        pieces.append((_ELLIPSIS if start > 0 else "") + piece
                      + (_ELLIPSIS if end < len(text) else ""))
    return " ".join(pieces).replace(_ELLIPSIS + " " + _ELLIPSIS, _ELLIPSIS + " ")
