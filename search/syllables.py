"""A text's syllables as the index has them: the one syllable splitter of the search side."""

from __future__ import annotations

from indexer.analysis import analyze

__all__ = ["syllables_of"]


def syllables_of(text: str) -> list[str]:
    """The syllables of a text, one per position, lowercased (a code counts once, whole)."""
    seen: dict[int, str] = {}
    for token, pos, _, _ in analyze(text).syllables:
        seen.setdefault(pos, token)
    return [seen[pos] for pos in sorted(seen)]
