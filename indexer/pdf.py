"""PDF files: the text layer read by PDFium (pypdfium2), else the page images read by
Tesseract's Vietnamese model.

A PDF's text comes page by page, in lines as the page lays them out. What the page adds is
taken away: running headers and footers (a line that recurs at the top or the bottom of
most pages, numbers aside), page numbers ("3", "Trang 3", "- 3 -", "3/12"); lines are
joined back into paragraphs (a line that fills the page's width, or does not end a
sentence and is followed by one that starts in lower case, continues it, across a page
break too), and a line ending in a hyphen ("năm học 2020-" / "2021") goes on without a
space.

A page with no text layer (a scan) is rendered at 300 dpi and read by ``tesseract -l vie``
(Debian packages ``tesseract-ocr`` and ``tesseract-ocr-vie``), each page within
``_PAGE_SECONDS``; the document records that it was read by OCR, with Tesseract's mean word
confidence. Without Tesseract's Vietnamese model, a scan is reported "needs OCR", never
indexed empty.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .decoding import UnreadableFile

__all__ = ["read_pdf", "PdfText", "join_pages"]

# Fewer characters than this per page on average: no text layer to speak of (a scan).
_SCAN_CHARS_PER_PAGE = 40
_PAGE_SECONDS = 120
_DPI = 300
_PAGE_NUMBER = re.compile(r"^\s*(?:(?:trang|page)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?"
                          r"(?:\s*(?:/|of|trên)\s*\d{1,4})?\s*$", re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"[.:;!?…\"”’)\]]\s*$")
_HYPHENATED = re.compile(r"(\w)-$")
# A line at least this share of the longest line of its page fills the width: the page
# cut it, and the next line goes on with it.
_FULL = 0.85


@dataclass
class PdfText:
    """What a PDF holds as text, and how it was read."""

    text: str
    ocr: bool = False
    confidence: float | None = None  # Tesseract's mean word confidence, 0–1, for OCR


def read_pdf(data: bytes) -> PdfText:
    """The text of a PDF (see the module docstring)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableFile(f"not a readable PDF ({exc})") from exc
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
        if sum(len(p.strip()) for p in pages) >= _SCAN_CHARS_PER_PAGE * max(1, len(pages)):
            return PdfText(join_pages([p.split("\n") for p in pages]))
        return _ocr(document)
    finally:
        document.close()


def join_pages(pages: list[list[str]]) -> str:
    """The pages' lines as paragraphs: running headers, footers and page numbers dropped,
    broken lines and hyphenated words joined (see the module docstring)."""
    running = _running_lines(pages)
    lines: list[tuple[str, bool]] = []  # (line, whether it fills the page's width)
    for page in pages:
        kept = [line.strip() for line in page]
        filled = [i for i, line in enumerate(kept) if line]
        edges = set(filled[:2] + filled[-2:])  # where page numbers and running lines sit
        kept = [line if line and not (i in edges and (_PAGE_NUMBER.match(line)
                                                      or _shape(line) in running))
                else "" for i, line in enumerate(kept)]
        width = max((len(line) for line in kept), default=0)
        lines += [(line, len(line) >= _FULL * width) for line in kept]
        lines.append(("", False))  # the page break
    paragraphs: list[str] = []
    full = False  # whether the last line added filled its page's width
    gap = False  # a blank line or a page break since the last line
    for line, fills in lines:
        if not line:
            gap = True
            continue
        previous = paragraphs[-1] if paragraphs else ""
        # A line continues the one before when that one was cut by the page's width (it
        # fills the width and does not end a sentence), or when it starts in lower case
        # after an unfinished sentence: across a blank or a page break too.
        unfinished = bool(previous) and not _ENDS_SENTENCE.search(previous)
        if previous and not gap and _HYPHENATED.search(previous) and line[:1].isalnum():
            # "năm học 2020-" / "2021", "COVID-" / "19": the hyphen is the text's own
            # (Vietnamese syllables are words; layout does not hyphenate them).
            paragraphs[-1] = previous + line
        elif previous and ((full and not gap and (unfinished or line[:1].islower()))
                           or (unfinished and line[:1].islower())):
            paragraphs[-1] = previous + " " + line
        else:
            if gap and paragraphs:
                paragraphs.append("")
            paragraphs.append(line)
        full, gap = fills, False
    return "\n".join(paragraphs).strip()


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines (numbers aside) among the first or last two of at least half the pages, on
    two pages or more: running headers and footers."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for page in pages:
        kept = [line for line in page if line.strip()]
        seen.update({_shape(line) for line in kept[:2] + kept[-2:]})
    return {shape for shape, count in seen.items() if count >= max(2, len(pages) / 2)}


def _ocr(document) -> PdfText:
    """Read a scanned PDF with Tesseract's Vietnamese model, page by page."""
    tesseract = shutil.which("tesseract")
    if tesseract is None or "vie" not in _languages(tesseract):
        raise UnreadableFile("needs OCR (a scan without a text layer): install the Debian "
                             "packages tesseract-ocr and tesseract-ocr-vie")
    pages: list[list[str]] = []
    confidences: list[float] = []
    with tempfile.TemporaryDirectory(prefix="union-search-ocr-") as work:
        for number, page in enumerate(document, 1):
            image = Path(work) / f"page-{number}.png"
            page.render(scale=_DPI / 72).to_pil().save(image)
            try:
                done = subprocess.run([tesseract, str(image), "stdout", "-l", "vie", "tsv"],
                                      capture_output=True, timeout=_PAGE_SECONDS, check=False)
            except subprocess.TimeoutExpired as exc:
                raise UnreadableFile(f"OCR of page {number} took more than {_PAGE_SECONDS} s;"
                                     " skipped") from exc
            lines, page_confidences = _tsv_lines(done.stdout.decode("utf-8", "replace"))
            pages.append(lines)
            confidences += page_confidences
    text = join_pages(pages)
    if not text.strip():
        raise UnreadableFile("OCR found no text on any page")
    confidence = round(sum(confidences) / len(confidences) / 100, 2) if confidences else None
    return PdfText(text, ocr=True, confidence=confidence)


def _languages(tesseract: str) -> str:
    try:
        done = subprocess.run([tesseract, "--list-langs"], capture_output=True, timeout=30,
                              check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")


def _tsv_lines(tsv: str) -> tuple[list[str], list[float]]:
    """Tesseract's TSV as lines of words (a blank line between blocks) and the words'
    confidences."""
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences: list[float] = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        key = (int(cells[2]), int(cells[3]), int(cells[4]))
        lines.setdefault(key, []).append(cells[11])
        if float(cells[10]) >= 0:
            confidences.append(float(cells[10]))
    out: list[str] = []
    block = None
    for key in sorted(lines):
        if block is not None and key[0] != block:
            out.append("")
        block = key[0]
        out.append(" ".join(lines[key]))
    return out, confidences
