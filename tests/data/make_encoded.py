"""Regenerate the encoded test files from encoded_source.txt (UTF-8).

    python tests/data/make_encoded.py

Writes windows1258.txt (Windows-1258: base letters with their vowel marks precomposed where
the code page has them, tone marks as combining characters, as Vietnamese Windows did),
utf16.txt (UTF-16 with BOM), utf8_bom.txt and nfd.txt (UTF-8, fully decomposed), and
legacy_table_page.html from legacy_table_page.html.src (an old table-layout page served in
Windows-1258, as such sites were).
"""

import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out += base.encode("cp1258") + "".join(c for c in parts if c in TONES).encode("cp1258")
    return bytes(out)


def main() -> None:
    source = (HERE / "encoded_source.txt").read_text(encoding="utf-8")
    (HERE / "windows1258.txt").write_bytes(to_cp1258(source))
    (HERE / "utf16.txt").write_bytes(source.encode("utf-16"))
    (HERE / "utf8_bom.txt").write_bytes(source.encode("utf-8-sig"))
    page = (HERE / "legacy_table_page.html.src").read_text(encoding="utf-8")
    (HERE / "legacy_table_page.html").write_bytes(to_cp1258(page))
    (HERE / "nfd.txt").write_bytes(unicodedata.normalize("NFD", source).encode("utf-8"))


if __name__ == "__main__":
    main()
