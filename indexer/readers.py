"""Readers: from a file on disk to raw text, with the encoding detected, never guessed.

Plain text (``.txt``, ``.md``) is decoded by :mod:`indexer.decoding`. HTML (``.html``,
``.htm``) goes through :mod:`indexer.html`, which finds the article body. Word and
OpenDocument files (``.docx``, ``.odt``, ``.doc``) are read by :mod:`indexer.office`, PDFs
(scans too) by :mod:`indexer.pdf`.
"""

from __future__ import annotations

import re
from pathlib import Path

from .decoding import RawDocument, UnreadableFile, decode_bytes
from .settings import setting

__all__ = ["RawDocument", "UnreadableFile", "read_file", "decode_bytes", "SUPPORTED_SUFFIXES"]

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
OFFICE_SUFFIXES = (".docx", ".odt", ".doc")
PDF_SUFFIXES = (".pdf",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + OFFICE_SUFFIXES + PDF_SUFFIXES


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
    limit, size = setting("max_file_mb") * 1_000_000, len(data)
    truncated = size > limit
    if suffix in OFFICE_SUFFIXES + PDF_SUFFIXES:
        # A file of pages and pictures is bigger than its text: its text is what is limited.
        return _read_document(path, suffix, data, limit)
    if suffix in HTML_SUFFIXES:
        if truncated:  # cut before a tag, so that no character is cut in two
            data = data[:max(data.rfind(b"<", 0, limit), 1)]
        _check_nesting(data, setting("max_nesting"))
        # Imported here, not for a cycle (there is none) but for start-up: BeautifulSoup
        # costs every command about 90 ms, and only HTML files need it.
        from .html import extract_article

        raw = extract_article(data)
    else:
        text, encoding = decode_bytes(data)
        if not text.strip():
            raise UnreadableFile("empty file (only whitespace)")
        if suffix == ".md":
            text = _MARKDOWN_MARKUP.sub("", text)
        if truncated:  # at most ``limit`` bytes of UTF-8, cut at a line end
            text = text.encode("utf-8")[:limit].decode("utf-8", "ignore")
            text = text[:text.rfind("\n")] if "\n" in text else text
        raw = RawDocument(text=text, format=suffix.lstrip("."), encoding=encoding)
    if truncated:
        raw.warnings.append(f"truncated at {limit // 1_000_000} MB (the file has "
                            f"{size / 1e6:.1f} MB)")
    return raw


def _read_document(path: Path, suffix: str, data: bytes, limit: int) -> RawDocument:
    """A Word, OpenDocument or PDF file's text (at most ``limit`` bytes of it)."""
    from .office import read_doc, read_docx, read_odt
    from .pdf import read_pdf

    hints: dict[str, str] = {}
    warnings: list[str] = []
    if suffix == ".pdf":
        found = read_pdf(data)
        text = found.text
        if found.ocr:
            hints["ocr"] = f"{found.confidence:.2f}" if found.confidence is not None else "?"
            warnings.append("read by OCR (no text layer)" + (
                f", mean confidence {found.confidence:.0%}" if found.confidence is not None
                else ""))
    elif suffix == ".docx":
        text = read_docx(data)
    elif suffix == ".odt":
        text = read_odt(data)
    else:
        text = read_doc(path)
    if not text.strip():
        raise UnreadableFile("no text in this file")
    encoded = text.encode("utf-8")
    if len(encoded) > limit:
        text = encoded[:limit].decode("utf-8", "ignore")
        warnings.append(f"text truncated at {limit // 1_000_000} MB")
    return RawDocument(text=text, format=suffix.lstrip("."), encoding="", hints=hints,
                       warnings=warnings)


_TAG = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*?(/?)>")
_VOID = frozenset(b"area base br col embed hr img input link meta param source track wbr "
                  b"p li option td th tr".split())  # never closed, or closed implicitly


def _check_nesting(data: bytes, limit: int) -> None:
    """Refuse a page nested deeper than ``limit`` elements before parsing it (parsing such a
    page takes time that grows with the square of its depth)."""
    depth = 0
    for match in _TAG.finditer(data):
        if match.group(3) or match.group(2).lower() in _VOID:
            continue
        depth += -1 if match.group(1) else 1
        if depth > limit:
            raise UnreadableFile(f"skipped: nested deeper than {limit} elements")


# Markdown heading markers, emphasis and list bullets are layout, not words.
_MARKDOWN_MARKUP = re.compile(r"(?m)^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)|\*\*|__")
