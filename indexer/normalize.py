"""Vietnamese text normalisation: the one function every part of the product uses.

``normalize_text`` runs on report text at ingest and on queries at search time, so that a
report and a query that differ only in Unicode form, tone-mark placement, dash or quote style
compare equal.

Tone-mark convention
    Syllables ending in the vowel pairs *oa*, *oe* and *uy* carry the mark on the **first**
    vowel: ``hòa``, ``khỏe``, ``thủy``, ``Ủy`` (the "classic" style, the one the gazetteer and
    most of the archive use). ``hoà``, ``khoẻ``, ``thuỷ``, ``Uỷ`` are rewritten to it. When a
    consonant follows the pair (``hoàn``, ``khoảng``, ``tuyển``) both styles agree and nothing
    changes; after ``q`` the ``u`` belongs to the consonant (``quý``) and nothing changes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "LOWER",
    "UPPER",
    "fold",
    "fold_word",
    "slug",
    "iy_variant",
    "normalize_line",
    "normalize_text",
    "normalize_tone_marks",
    "collapse_blank_lines",
    "dedupe_lines",
]

# Regex character-class bodies of the Vietnamese letters (with the basic Latin ones).
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"

# Tone marks in NFD: grave, acute, tilde, hook above, dot below.
_TONE = "\u0300\u0301\u0303\u0309\u0323"

# In NFD, "hoà" is h-o-a-<grave>; the mark is moved before the "a" when nothing letter-like
# (a final consonant or another combining mark) follows. The look-behind keeps "quý" intact.
_NEW_STYLE_MARK = re.compile(
    rf"(?<![qQ])([oO][aAeE]|[uU][yY])([{_TONE}])(?![^\W\d_]|[\u0300-\u036f])"
)

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_RE = re.compile(f"[{_DASHES}]")
# A dash between two numbers is a range or a code: no spaces ("2018 – 2019" -> "2018-2019").
_NUMBER_RANGE = re.compile(r"(?<=\d)[ \t]*-[ \t]*(?=\d)")
# A dash with a space on at least one side separates phrases: one spaced en dash.
_SPACED_DASH = re.compile(r"(?<=\S)(?:[ \t]+-[ \t]*|-[ \t]+)(?=\S)")

_QUOTES = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"', "\uff02": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\uff07": "'",
    # Icelandic eth looks like Vietnamese đ: OCR and old fonts give one for the other.
    "\u00d0": "\u0110", "\u00f0": "\u0111",
}
_QUOTE_TABLE = str.maketrans(_QUOTES)

# Every kind of horizontal space becomes a plain space; zero-width characters and the BOM go.
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MULTISPACE = re.compile(r" {2,}")
_ELLIPSIS = re.compile(r"\.{3,}")


def normalize_tone_marks(text: str) -> str:
    """Move oa/oe/uy tone marks to the documented convention (``hoà`` -> ``hòa``)."""
    decomposed = unicodedata.normalize("NFD", text)
    # The regex captures the vowel pair and the mark; rebuild as first vowel + mark + second.
    moved = _NEW_STYLE_MARK.sub(lambda m: m.group(1)[0] + m.group(2) + m.group(1)[1], decomposed)
    return unicodedata.normalize("NFC", moved)


def normalize_line(line: str) -> str:
    """Normalise one line: NFC, tone marks, dashes, quotes, spaces, ellipses."""
    line = unicodedata.normalize("NFC", line)
    line = _INVISIBLE.sub("", line)
    line = _CONTROL.sub(" ", line)
    line = _SPACES.sub(" ", line)
    line = normalize_tone_marks(line)
    line = line.translate(_QUOTE_TABLE)
    line = _ELLIPSIS.sub("…", line)
    line = _DASH_RE.sub("-", line)
    line = _NUMBER_RANGE.sub("-", line)
    line = _SPACED_DASH.sub(" – ", line)
    line = _MULTISPACE.sub(" ", line)
    return line.strip()


def normalize_text(text: str) -> str:
    """Normalise a whole text line by line, keeping paragraph breaks (one blank line at most).

    Used on report text at ingest and on queries, so the two always agree.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return "\n".join(collapse_blank_lines([normalize_line(line) for line in text.split("\n")]))


def collapse_blank_lines(lines: list[str]) -> list[str]:
    """Lines with runs of blank lines cut to one, and none at the start or the end."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def dedupe_lines(lines: list[str]) -> list[str]:
    """Keep the first of lines repeated verbatim (photo captions are often saved three times).

    A teaser line cut short with an ellipsis ("Nhằm đánh giá … quận Bình Thủy…") that is the
    start of another line is dropped too: it is the page's summary of the paragraph itself.
    """
    seen: set[str] = set()
    kept = []
    for line in lines:
        if line and line in seen:
            continue
        seen.add(line)
        kept.append(line)
    full = [line for line in kept if line and not line.endswith("…")]
    return [line for line in kept if not _is_teaser(line, full)]


def _is_teaser(line: str, others: list[str]) -> bool:
    if not line.endswith("…"):
        return False
    stem = line.rstrip("…").rstrip()
    if len(stem) < 30:
        return False
    return any(other != line and other.startswith(stem) for other in others)


_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Strip every diacritic and map đ to d: the accent-insensitive form ("Đoàn" -> "Doan")."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, limit: int, joiner: str = "-") -> str:
    """Lowercase ASCII letters and digits, each run of anything else a ``joiner``, at most
    ``limit`` characters: a text safe in ids and file names ("Đại hội công đoàn" ->
    "dai-hoi-cong-doan")."""
    return _NOT_SLUG.sub(joiner, fold(text).lower()).strip("-")[:limit]


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """:func:`fold` for one syllable or word, remembered: queries fold the same syllables
    over and over (every n-gram, every synonym lookup)."""
    return fold(word)


# i and y after these consonants are two spellings of one syllable in use side by side
# (kì/kỳ, lí/lý, mĩ/mỹ, hi/hy, sĩ/sỹ, quí/quý, công ti/công ty); the same letter with the
# same tone mark either way.
_IY_ONSET = re.compile(r"^(b|d|đ|h|k|l|m|n|qu|s|t|v)([iíìỉĩịyýỳỷỹỵ])$", re.IGNORECASE)
_I_TO_Y = str.maketrans("iíìỉĩịIÍÌỈĨỊyýỳỷỹỵYÝỲỶỸỴ", "yýỳỷỹỵYÝỲỶỸỴiíìỉĩịIÍÌỈĨỊ")


def iy_variant(syllable: str) -> str | None:
    """The other spelling of a syllable written with i or y either way ("kì" -> "kỳ",
    "ly" -> "li"), or None."""
    match = _IY_ONSET.match(syllable)
    if match is None:
        return None
    return match.group(1) + match.group(2).translate(_I_TO_Y)
