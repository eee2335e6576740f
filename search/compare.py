"""Side-by-side comparison of two reports: sentences aligned, words marked same or changed.

Sentences are aligned with difflib on their normalised forms; within a replaced block, each
sentence of the first report is paired with the most similar sentence of the second still
unpaired (when at least ``PAIR_AT`` of their words agree), keeping order. Paired sentences
are then compared word by word. The similarity figure is difflib's ratio over all words of
both texts: 1.0 for the same text, 0.0 for nothing in common.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from indexer.awards import split_sentences

__all__ = ["compare_texts", "PAIR_AT"]

PAIR_AT = 0.4
_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


def _segments(tokens: list[str], opcodes, side: str) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for tag, i1, i2, j1, j2 in opcodes:
        low, high = (i1, i2) if side == "a" else (j1, j2)
        kind = "same" if tag == "equal" else ("removed" if side == "a" else "added")
        text = "".join(tokens[low:high])
        if not text:
            continue
        if out and out[-1]["kind"] == kind:
            out[-1]["text"] += text
        else:
            out.append({"text": text, "kind": kind})
    return out


def word_diff(a: str, b: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Segments of each sentence: ``same`` words, ``removed`` (only in a), ``added`` (only
    in b). Spaces and punctuation ride along with the words around them."""
    tokens_a, tokens_b = _TOKEN.findall(a), _TOKEN.findall(b)
    keys_a = [t.lower() if not t.isspace() else " " for t in tokens_a]
    keys_b = [t.lower() if not t.isspace() else " " for t in tokens_b]
    opcodes = SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes()
    return _segments(tokens_a, opcodes, "a"), _segments(tokens_b, opcodes, "b")


def _row(a: str | None, b: str | None) -> dict[str, Any]:
    if a is not None and b is not None:
        if a == b:
            same = [{"text": a, "kind": "same"}]
            return {"status": "same", "a": same, "b": same, "ratio": 1.0}
        left, right = word_diff(a, b)
        return {"status": "changed", "a": left, "b": right, "ratio": round(_ratio(a, b), 3)}
    if a is not None:
        return {"status": "only_a", "a": [{"text": a, "kind": "removed"}], "b": None,
                "ratio": 0.0}
    return {"status": "only_b", "a": None, "b": [{"text": b or "", "kind": "added"}],
            "ratio": 0.0}


def _pair_block(a: list[str], b: list[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    j = 0
    for sentence in a:
        best, best_ratio = None, PAIR_AT
        for k in range(j, min(len(b), j + 6)):
            ratio = _ratio(sentence, b[k])
            if ratio >= best_ratio:
                best, best_ratio = k, ratio
        if best is None:
            rows.append(_row(sentence, None))
            continue
        rows += [_row(None, extra) for extra in b[j:best]]
        rows.append(_row(sentence, b[best]))
        j = best + 1
    rows += [_row(None, extra) for extra in b[j:]]
    return rows


def compare_texts(text_a: str, text_b: str) -> dict[str, Any]:
    """Aligned rows and the similarity of two texts (see the module docstring)."""
    a, b = split_sentences(text_a), split_sentences(text_b)
    keys_a, keys_b = [" ".join(_words(s)) for s in a], [" ".join(_words(s)) for s in b]
    rows: list[dict[str, Any]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, keys_a, keys_b,
                                               autojunk=False).get_opcodes():
        if tag == "equal":
            rows += [_row(a[i], b[j]) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
        else:
            rows += _pair_block(a[i1:i2], b[j1:j2])
    similarity = SequenceMatcher(None, _words(text_a), _words(text_b), autojunk=False).ratio()
    counts = {status: sum(1 for r in rows if r["status"] == status)
              for status in ("same", "changed", "only_a", "only_b")}
    return {"similarity": round(similarity, 4), "rows": rows, "counts": counts}
