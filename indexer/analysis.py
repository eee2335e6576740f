"""Vietnamese analysis: one pass of pyvi per text, three granularities of tokens.

The same function analyses report text at index time and query text at search time, so the
two always produce the same terms.

Granularities (each token is ``(text, position, startchar, endchar)`` in the analysed text):

``words``
    pyvi's compound words, lowercased, syllables joined by ``_`` ("công_đoàn", "lạng_sơn").
``syllables``
    every syllable, lowercased ("công", "đoàn").
``folded``
    every syllable without marks, đ → d ("cong", "doan"): accent-insensitive matching.
``folded_words``
    the compound words (two syllables or more) without marks ("cong_doan"), so that an
    unmarked query can rank compound matches first too.
``pairs``
    every two syllables side by side, without marks ("cong doan", "doan giao"), so that
    ranking can tell words that stand together as typed from scattered ones with one term
    lookup per pair instead of reading positions. A pair is indexed by a hash of it in
    ``PAIR_BUCKETS`` buckets, not by its text: the texts of all pairs made the term list
    as large as the rest of the index (212 → 373 MB at 10,000 articles); a bucket shared by
    another pair of the same report misleads the ranking for about 1 pair in 250.

Rules:

* pyvi segments the **original-case** text (it segments capitals differently), then tokens
  are lowercased; punctuation pyvi glued to a word ("Bình_Thủy_...", "Bình_Thủy_»") is cut
  off, pieces with no letter or digit are dropped.
* Document codes, dates and ranges stay whole: "29-NQ/TW", "09/2020/TT-BGDĐT", "02/3/2017",
  "2018-2019", and "&"-abbreviations "GD&ĐT". They are one token in every granularity, and
  their parts ("29", "nq", "tw") are syllables at the same position, so "NQ/TW" finds them
  too. Leading zeros of number parts are dropped on both sides ("02/3/2017" = "2/3/2017").
* Nothing is a stopword: "không" and "chưa" are searchable like any word.
"""

from __future__ import annotations

import bisect
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from .normalize import fold, fold_word

__all__ = ["Analysis", "Token", "analyze", "code_key", "is_folded", "pairs_of", "pair_key",
           "PAIR_BUCKETS"]

Token = tuple[str, int, int, int]  # text, position, startchar, endchar

# Codes: "&"-joined abbreviations, or runs of word characters joined by "/", "-" or "."
# that contain a digit (dates, document numbers, school years, 1.200.000đ).
_CODE = re.compile(
    r"(?<![\w&/.\-])(?:\w+(?:&\w+)+|(?=[\w&./\-]*\d)\w+(?:[./\-]\w+)+)(?![\w&]|[./\-]\w)"
)
_CODE_PART = re.compile(r"[^\W_]+")
# A date in words ("ngày 02 tháng 3 năm 2017") is also indexed as the code "2/3/2017".
_WORD_DATE = re.compile(r"(?i)(?<!\d)(\d{1,2}) tháng (\d{1,2}) năm (\d{4})(?!\d)")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_LEADING_ZEROS = re.compile(r"(?<![^\W_])0+(?=\d)")


@dataclass
class Analysis:
    words: list[Token] = field(default_factory=list)
    syllables: list[Token] = field(default_factory=list)
    folded: list[Token] = field(default_factory=list)
    folded_words: list[Token] = field(default_factory=list)
    pairs: list[Token] = field(default_factory=list)


@lru_cache(maxsize=1)
def _tokenizer():
    # Imported on first use: pyvi loads scikit-learn models (about a second).
    from pyvi import ViTokenizer

    return ViTokenizer


def code_key(code: str) -> str:
    """The indexed form of a code: lowercased, number parts without leading zeros."""
    return _LEADING_ZEROS.sub("", code.lower())


def is_folded(syllable: str) -> bool:
    """True when a syllable has no marks (a user typed it without diacritics)."""
    return fold_word(syllable) == syllable


# pyvi is given at most about this many characters at once: its time and memory grew
# faster than the text (a 4 MB text took 127 s and 2.2 GB given whole), and a piece it
# changed was looked for to the end of the text.
CHUNK_CHARS = 2000


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) of the text in pieces of at most about ``CHUNK_CHARS`` characters,
    cut at a line end, else a sentence end, else a space."""
    start, size = 0, len(text)
    while start < size:
        end = min(size, start + CHUNK_CHARS)
        if end < size:
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = max(text.rfind(". ", start, end), text.rfind(" ", start, end))
            if cut > start:
                end = cut + 1
        yield start, text[start:end]
        start = end


def _segments(text: str) -> list[list[tuple[int, int]]]:
    """pyvi's words as lists of syllable spans (start, end) in ``text``."""
    words = []
    for offset, piece_text in _chunks(text):
        segmented = _tokenizer().tokenize(piece_text)
        cursor = 0
        for token in segmented.split():
            spans = []
            for piece in token.split("_"):
                core = _EDGE_PUNCT.sub("", piece)
                if not core:
                    found = piece_text.find(piece, cursor)
                    if found >= 0:
                        cursor = found + len(piece)
                    continue
                found = piece_text.find(core, cursor)
                if found < 0:
                    continue  # pyvi changed the piece; better lose one token than misplace it
                spans.append((offset + found, offset + found + len(core)))
                cursor = found + len(core)
            if spans:
                words.append(spans)
    return words


def analyze(text: str) -> Analysis:
    """Tokens of a normalised text in the three granularities (see the module docstring)."""
    result = Analysis()
    if not text.strip():
        return result
    codes = [(m.start(), m.end()) for m in _CODE.finditer(text)]
    code_at = _span_lookup(codes)
    syllable_pos = 0
    word_pos = 0
    emitted_codes: set[int] = set()
    for spans in _segments(text):
        plain: list[tuple[int, int]] = []
        for start, end in spans:
            code = code_at(start)
            if code is None:
                plain.append((start, end))
                continue
            if plain:
                word_pos = _emit_word(result, text, plain, word_pos)
                plain = []
            if code[0] in emitted_codes:
                continue
            emitted_codes.add(code[0])
            syllable_pos = _emit_code(result, text, code, syllable_pos, word_pos)
            word_pos += 1
        if plain:
            for start, end in plain:
                syllable = text[start:end].lower()
                result.syllables.append((syllable, syllable_pos, start, end))
                result.folded.append((fold(syllable), syllable_pos, start, end))
                syllable_pos += 1
            word_pos = _emit_word(result, text, plain, word_pos)
    _add_word_dates(result, text)
    result.pairs = pairs_of(result.folded)
    return result


# Buckets of the pair fields: 2**18 (about 1 chance in 250 that a report of a thousand
# distinct pairs has another pair in the bucket of a query's pair).
PAIR_BUCKETS = 1 << 18


def pair_key(first: str, second: str) -> str:
    """The indexed term of two folded syllables side by side: their bucket, in hex."""
    return format(zlib.crc32(f"{first} {second}".encode()) % PAIR_BUCKETS, "05x")


def pairs_of(folded: list[Token]) -> list[Token]:
    """Folded syllables at consecutive positions, two by two, as :func:`pair_key` terms
    (the first token of each position: a code, not its parts)."""
    first: dict[int, Token] = {}
    for token in folded:
        first.setdefault(token[1], token)
    return [(pair_key(a[0], b[0]), a[1], a[2], b[3])
            for a, b in ((first[p], first.get(p + 1)) for p in sorted(first)) if b is not None]


def _add_word_dates(result: Analysis, text: str) -> None:
    matches = list(_WORD_DATE.finditer(text))
    if not matches:
        return
    syllable_at = {t[2]: t for t in reversed(result.syllables)}
    word_at = {t[2]: t for t in reversed(result.words)}
    for match in matches:
        day, month, year = (int(g) for g in match.groups())
        key = f"{day}/{month}/{year}"
        start = match.start()
        syllable = syllable_at.get(start)
        word = word_at.get(start)
        if syllable is None or word is None:
            continue
        result.syllables.append((key, syllable[1], start, match.end()))
        result.folded.append((key, syllable[1], start, match.end()))
        result.words.append((key, word[1], start, match.end()))
    for tokens in (result.syllables, result.folded, result.words, result.folded_words):
        tokens.sort(key=lambda token: (token[1], token[2]))


def _emit_word(result: Analysis, text: str, spans: list[tuple[int, int]], pos: int) -> int:
    word = "_".join(text[s:e].lower() for s, e in spans)
    result.words.append((word, pos, spans[0][0], spans[-1][1]))
    if len(spans) > 1:
        result.folded_words.append((fold(word), pos, spans[0][0], spans[-1][1]))
    return pos + 1


def _emit_code(
    result: Analysis, text: str, code: tuple[int, int], syllable_pos: int, word_pos: int
) -> int:
    start, end = code
    key = code_key(text[start:end])
    result.words.append((key, word_pos, start, end))
    result.syllables.append((key, syllable_pos, start, end))
    result.folded.append((fold(key), syllable_pos, start, end))
    for part in _CODE_PART.finditer(text, start, end):
        part_key = code_key(part.group())
        if part_key != key:
            result.syllables.append((part_key, syllable_pos, part.start(), part.end()))
            result.folded.append((fold(part_key), syllable_pos, part.start(), part.end()))
    return syllable_pos + 1


def _span_lookup(spans: list[tuple[int, int]]):
    """A function from a character offset to the code span containing it, or None."""
    if not spans:
        return lambda offset: None

    starts = [s for s, _ in spans]

    def lookup(offset: int) -> tuple[int, int] | None:
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and spans[index][0] <= offset < spans[index][1]:
            return spans[index]
        return None

    return lookup
