"""Decoding: from the bytes of a file to text, with the encoding detected, never guessed.

UTF-8 (with or without BOM), UTF-16 with a BOM, or Windows-1258 (the old Vietnamese Windows
code page, which writes tone marks as combining characters). Bytes are decoded as UTF-8 when
they are valid UTF-8; otherwise as Windows-1258 only if the result reads as Vietnamese text;
otherwise they are refused with the reason. Shared by every reader (text, HTML).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["RawDocument", "UnreadableFile", "decode_bytes"]


class UnreadableFile(Exception):
    """A file that cannot be read as a report; the message is the reason, for a person."""


@dataclass
class RawDocument:
    """Text as read from a file, before normalisation and chrome removal.

    ``hints`` carries metadata that the file format itself gives (an HTML ``<title>``, a
    ``<time>`` stamp), which text heuristics would otherwise have to guess.
    """

    text: str
    format: str
    encoding: str
    hints: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text, returning ``(text, encoding)``.

    ``declared`` is an encoding the file states itself (an HTML ``<meta charset>``); it is
    tried first, but a BOM overrides it, as browsers do.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding), encoding
    if b"\x00" in data:
        raise UnreadableFile("binary file (contains NUL bytes and no UTF-16 byte-order mark)")
    if declared:
        try:
            return _strict(data, declared), declared
        except LookupError:
            pass  # an unknown charset name is ignored, as browsers do
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            raise UnreadableFile(
                f"truncated file: it ends inside a UTF-8 character (byte {exc.start})"
            ) from exc
        utf8_error = exc
    else:
        _check_not_binary(text)
        return text, "utf-8"
    text = data.decode("cp1258", errors="replace")
    if _reads_as_vietnamese(text):
        return text, "windows-1258"
    raise UnreadableFile(
        f"undecodable text: not UTF-8 (invalid byte 0x{data[utf8_error.start]:02x} at "
        f"position {utf8_error.start}) and not Vietnamese in Windows-1258 either"
    )


def _strict(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.reason in ("truncated data", "unexpected end of data"):
            raise UnreadableFile(f"truncated file: it ends inside a {encoding} character") from exc
        raise UnreadableFile(
            f"undecodable text: invalid {encoding} at byte {exc.start} ({exc.reason})"
        ) from exc
    _check_not_binary(text)
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _check_not_binary(text: str) -> None:
    controls = len(_CONTROL.findall(text))
    if controls > max(3, len(text) // 100):
        raise UnreadableFile(f"binary file ({controls} control characters in the text)")


_VIETNAMESE_LETTERS = set(
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstu"
    "ùúủũụưừứửữựvxyỳýỷỹỵfjwz"
)
_COMMON = set("0123456789 \n\r\t.,;:!?\"'()[]{}-–—/\\%&+*=<>#@…“”‘’_|•·")


def _reads_as_vietnamese(text: str) -> bool:
    """Whether a Windows-1258 decoding gives Vietnamese rather than mojibake.

    In real Windows-1258 text every combining tone mark follows a vowel and composes with it;
    in UTF-8 or other bytes read this way, stray symbols (» ™ ‡ Ð) and marks that compose with
    nothing appear.
    """
    composed = unicodedata.normalize("NFC", text)
    if "\ufffd" in composed or any(unicodedata.combining(ch) for ch in composed):
        return False
    letters = [ch for ch in composed.lower() if not ch.isspace()]
    if not letters:
        return False
    odd = sum(1 for ch in letters if ch not in _VIETNAMESE_LETTERS and ch not in _COMMON)
    return odd / len(letters) < 0.01
