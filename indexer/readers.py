"""Readers: from a file on disk to raw text, with the encoding detected, never guessed.

Plain text (``.txt``, ``.md``) is decoded by :mod:`indexer.decoding`. HTML (``.html``,
``.htm``) goes through :mod:`indexer.html`, which finds the article body.
"""

from __future__ import annotations

import re
from pathlib import Path

from .decoding import RawDocument, UnreadableFile, decode_bytes

__all__ = ["RawDocument", "UnreadableFile", "read_file", "decode_bytes", "SUPPORTED_SUFFIXES"]

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


def read_file(path: Path) -> RawDocument:
    """Read one report file; raise :class:`UnreadableFile` with the reason when it cannot."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableFile(f"unsupported file type {suffix or '(none)'!r}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise UnreadableFile("empty file")
    if suffix in HTML_SUFFIXES:
        # Imported here, not for a cycle (there is none) but for start-up: BeautifulSoup
        # costs every command about 90 ms, and only HTML files need it.
        from .html import extract_article

        return extract_article(data)
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise UnreadableFile("empty file (only whitespace)")
    if suffix == ".md":
        text = _MARKDOWN_MARKUP.sub("", text)
    return RawDocument(text=text, format=suffix.lstrip("."), encoding=encoding)


# Markdown heading markers, emphasis and list bullets are layout, not words.
_MARKDOWN_MARKUP = re.compile(r"(?m)^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)|\*\*|__")
