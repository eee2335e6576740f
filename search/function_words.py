"""Question and function words, from ``search/data/function_words.txt``: they rank a report
but never exclude one (see :mod:`search.matching`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from indexer.analysis import is_folded
from indexer.normalize import fold, fold_word, normalize_line

__all__ = ["FUNCTION_WORDS_PATH", "function_words", "function_word_flags"]

FUNCTION_WORDS_PATH = Path(__file__).parent / "data" / "function_words.txt"


@lru_cache(maxsize=1)
def function_words() -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]], int]:
    """(entries with marks, entries recognised without marks, the longest entry's syllable
    count); each entry a tuple of lowercase syllables. Without marks: every phrase, and the
    single words listed with "~"."""
    marked: set[tuple[str, ...]] = set()
    folded: set[tuple[str, ...]] = set()
    for line in FUNCTION_WORDS_PATH.read_text(encoding="utf-8").splitlines():
        line = normalize_line(line).lower()
        if line.startswith("~"):
            folded.add(tuple(fold(line[1:]).split()))
        elif line and not line.startswith("#"):
            marked.add(tuple(line.split()))
    folded |= {tuple(fold(s) for s in entry) for entry in marked if len(entry) > 1}
    return frozenset(marked), frozenset(folded), max((len(e) for e in marked), default=0)


def function_word_flags(syllables: list[str]) -> list[bool]:
    """For each syllable of a query run, whether it belongs to a function word or phrase
    there (longest match first). A run typed without any mark is compared without marks;
    in a run with marks, a syllable without marks is taken as typed ("thi", an exam, is
    not "thì")."""
    marked, folded, longest = function_words()
    flags = [False] * len(syllables)
    lowered = [s.lower() for s in syllables]
    unmarked = all(is_folded(s) for s in lowered)
    i = 0
    while i < len(lowered):
        for size in range(min(longest, len(lowered) - i), 0, -1):
            piece = lowered[i:i + size]
            exact = tuple(piece)
            loose = tuple(fold_word(s) for s in piece)
            if exact in marked or (unmarked and loose in folded):
                flags[i:i + size] = [True] * size
                i += size
                break
        else:
            i += 1
    return flags
