"""PDF files: the text layer read by PDFium (pypdfium2), else the page images read by
Tesseract's Vietnamese model.

PDFium was chosen by measure (``python -m tests.pdf_libraries``, figures in the README): on
Vietnamese PDFs made by LibreOffice it reads every syllable with its marks, as pdfminer.six
and pdfplumber do, keeps the reading order of two-column pages and of official documents'
side-by-side headings (the others mix them up), and is tens of times faster.

A PDF's text comes page by page, in lines as the page lays them out. What the page adds is
taken away: running headers and footers (a line that recurs at the top or the bottom of
most pages, numbers aside), page numbers ("3", "Trang 3", "- 3 -", "3/12"), and on every
page the lines that lie in the top or bottom margin band, parted from the body by wide
white (``_MARGIN_BAND``, ``_MARGIN_GAP``: a one-page document's header, which no other page
repeats), unless in capitals (an issuing body, a title) or a table row; lines are joined
back into paragraphs (a line that fills the page's width, or does not end a sentence
and is followed by one that starts in lower case, continues it, across a page break too),
and a line ending in a hyphen ("năm học 2020-" / "2021") goes on without a space.

A table is read row by row, as the Word readers read it: PDFium gives the box of each run of
characters; the lines of a cell are the runs stacked under each other, the cells of a row
the stacks side by side; a run of rows of three cells or more is a table, and each row
becomes one line of its cells joined by :data:`~indexer.awards.CELL_SEPARATOR` (an empty
cell kept in its column), which the award rule reads (``Bằng khen | Tổng Liên đoàn Lao động
Việt Nam | 2 | 5``). Two-cell rows (the issuing body beside the national motto, the
recipients beside the signature) stay cell after cell, as :mod:`indexer.official` reads
them.

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
from dataclasses import dataclass, field
from pathlib import Path

from .awards import CELL_SEPARATOR
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
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A line at least this share of the longest line of its page fills the width: the page
# cut it, and the next line goes on with it.
_FULL = 0.85
# Runs of characters on one line further apart than this share of the line's height are
# two cells (a word space is a quarter of it, a cell's padding alone more than half).
_CELL_GAP = 0.6
# Lines of one cell: the next line starts at most this share of a line's height below.
_CELL_LINE_GAP = 1.0
# ... and reaches at most this many line heights further left or right than the cell's
# lines so far (a centred cell's next line may be a word wider; a paragraph after a table
# is much wider than the last cell).
_CELL_SLACK = 2.0
# Header and footer: lines whose boxes lie within this many points of the top (or bottom)
# edge, parted from the body by at least _MARGIN_GAP points and _MARGIN_GAP_LINES times the
# white between the lines of a paragraph. Body text starts below a margin of 2 cm (57 pt)
# in an official document, 2.5 cm in Word's default; headers and footers sit 1–1.25 cm from
# the edge, 5–25 pt above the body.
_MARGIN_BAND = 52.0
_MARGIN_GAP = 5.0
_MARGIN_GAP_LINES = 1.5


@dataclass
class PdfText:
    """What a PDF holds as text, and how it was read."""

    text: str
    ocr: bool = False
    confidence: float | None = None  # Tesseract's mean word confidence, 0–1, for OCR


@dataclass
class _Box:
    """A box on the page, in PDF units (points, y upwards)."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def height(self) -> float:
        return self.top - self.bottom

    def union(self, other: _Box) -> _Box:
        return _Box(min(self.left, other.left), min(self.bottom, other.bottom),
                    max(self.right, other.right), max(self.top, other.top))


@dataclass
class _Piece:
    """A run of characters of one line, apart from the rest of the line: a cell's line."""

    text: str
    box: _Box


@dataclass
class _Stack:
    """Pieces under each other: the lines of one cell (or of a paragraph, a column)."""

    pieces: list[_Piece]
    box: _Box

    @property
    def text(self) -> str:
        text = ""
        for piece in self.pieces:
            part = piece.text.strip()
            text += part if not text or _HYPHENATED.search(text) else " " + part
        return text


@dataclass
class _Line:
    """One line of a page: its text and, when PDFium gave it, its box."""

    text: str
    box: _Box | None = None
    pieces: list[_Piece] = field(default_factory=list)


def read_pdf(data: bytes) -> PdfText:
    """The text of a PDF (see the module docstring)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableFile(f"not a readable PDF ({exc})") from exc
    try:
        pages: list[list[str]] = []
        margins: list[set[int]] = []
        for page in document:
            lines = _page_lines(page.get_textpage())
            pages.append([line.text for line in lines])
            margins.append(_margin_lines(lines, page.get_height()))
        if sum(len(line.strip()) for page in pages for line in page) \
                >= _SCAN_CHARS_PER_PAGE * max(1, len(pages)):
            return PdfText(join_pages(pages, margins))
        return _ocr(document)
    finally:
        document.close()


def _page_lines(textpage) -> list[_Line]:
    """A page's lines as PDFium gives them, each with its box and its pieces (runs of
    characters further apart than ``_CELL_GAP``), table rows rebuilt."""
    text = textpage.get_text_range()
    if len(text) != textpage.count_chars():  # a character outside the BMP: no positions
        return [_Line(line) for line in _LINE_BREAK.split(text)]
    lines: list[_Line] = []
    start = 0
    for match in [*_LINE_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        lines.append(_measure(textpage, text, start, end))
        start = match.end() if match else end
    return _rebuild_tables(lines)


def _measure(textpage, text: str, start: int, end: int) -> _Line:
    """The line of ``text[start:end]``: its box and its pieces (PDFium's boxes of runs of
    characters, joined unless ``_CELL_GAP`` apart)."""
    content = text[start:end]
    count = textpage.count_rects(start, end - start) if content.strip() else 0
    rects = [_Box(*textpage.get_rect(i)) for i in range(count)]
    if not rects:
        return _Line(content)
    height = max(rect.height for rect in rects)
    runs = [rects[0]]
    for rect in rects[1:]:
        if rect.left - runs[-1].right > _CELL_GAP * height or rect.left < runs[-1].left:
            runs.append(rect)
        else:
            runs[-1] = runs[-1].union(rect)
    box = runs[0]
    for run in runs[1:]:
        box = box.union(run)
    if box.height > box.right - box.left and len(content.strip()) > 2:
        return _Line(content, box)  # text set upright, down the page: no cells of a row
    if len(runs) == 1 or any(b.left < a.left for a, b in zip(runs, runs[1:], strict=False)):
        return _Line(content, box, [_Piece(content, box)])
    # Which run each character belongs to: the last run starting at or before its middle.
    parts = [""] * len(runs)
    for index in range(start, end):
        left, _, right, _ = textpage.get_charbox(index)
        middle = (left + right) / 2
        run = max((i for i, r in enumerate(runs) if r.left <= middle + 0.5), default=0)
        parts[run] += text[index]
    return _Line(content, box, [_Piece(part, run)
                                for part, run in zip(parts, runs, strict=True) if part.strip()])


def _rebuild_tables(lines: list[_Line]) -> list[_Line]:
    """The page's lines with each table's pieces replaced by its rows, one line a row."""
    pieces = [piece for line in lines for piece in line.pieces]
    rows_at: dict[int, list[_Line]] = {}  # id of a table's first piece: its rows
    in_table: set[int] = set()
    for table in _tables(_groups(_stacks(pieces))):
        rows_at[id(table[0][0].pieces[0])] = _rows(table)  # where the table starts
        in_table |= {id(p) for group in table for stack in group for p in stack.pieces}
    if not rows_at:
        return lines
    out: list[_Line] = []
    for line in lines:
        if not any(id(piece) in in_table for piece in line.pieces):
            out.append(line)
            continue
        rest: list[_Piece] = []
        for piece in line.pieces:
            if id(piece) in rows_at:
                out += rows_at[id(piece)]
            elif id(piece) not in in_table:
                rest.append(piece)
        if rest:
            box = rest[0].box
            for piece in rest[1:]:
                box = box.union(piece.box)
            out.append(_Line(" ".join(p.text.strip() for p in rest), box, rest))
    return out


def _stacks(pieces: list[_Piece]) -> list[_Stack]:
    """Pieces in the page's order, gathered into stacks: the next piece just under the last
    one, overlapping it and not reaching much further on either side, is the next line of
    the same cell (Word and LibreOffice write a table cell after cell)."""
    stacks: list[_Stack] = []
    for piece in pieces:
        box = piece.box
        if stacks:
            stack = stacks[-1]
            last = stack.pieces[-1].box
            slack = _CELL_SLACK * last.height
            if (box.top <= last.bottom + 0.4 * last.height
                    and last.bottom - box.top <= _CELL_LINE_GAP * last.height
                    and box.left < last.right and box.right > last.left
                    and box.left >= stack.box.left - slack
                    and box.right <= stack.box.right + slack):
                stack.pieces.append(piece)
                stack.box = stack.box.union(box)
                continue
        stacks.append(_Stack([piece], box))
    return stacks


def _groups(stacks: list[_Stack]) -> list[list[_Stack]]:
    """Stacks in the page's order, gathered into rows: a stack beside the row's stacks, at
    their height (a cell centred in a taller row too), is another cell of the row."""
    groups: list[list[_Stack]] = []
    for stack in stacks:
        box = stack.box
        if groups:
            group = groups[-1]
            apart = all(box.left >= s.box.right - 1 or box.right <= s.box.left + 1
                        for s in group)
            top = max(s.box.top for s in group)
            bottom = min(s.box.bottom for s in group)
            if apart and min(top, box.top) - max(bottom, box.bottom) \
                    > 0.3 * stack.pieces[0].box.height:
                group.append(stack)
                continue
        groups.append([stack])
    return groups


def _tables(groups: list[list[_Stack]]) -> list[list[list[_Stack]]]:
    """Runs of rows of two cells or more, two of them of three or more, with three columns
    or more parted by white that runs down the whole run: tables. (The lines of a justified
    paragraph broken at wide word spaces are no table: their pieces overlap from line to
    line.)"""
    tables: list[list[list[_Stack]]] = []
    run: list[list[_Stack]] = []
    for group in [*groups, []]:
        if len(group) >= 2:
            run.append(group)
            continue
        if sum(len(row) >= 3 for row in run) >= 2 and len(_covered(run)) >= 3:
            tables.append(run)
        run = []
    return tables


def _rows(table: list[list[_Stack]]) -> list[_Line]:
    """A table's rows as lines of cells, each cell in its column."""
    columns = _columns(table)
    out = []
    for group in table:
        cells = [""] * len(columns)
        for stack in sorted(group, key=lambda s: s.box.left):
            column = _column(columns, stack.box)
            cells[column] = f"{cells[column]} {stack.text}".strip()
        box = group[0].box
        for stack in group[1:]:
            box = box.union(stack.box)
        out.append(_Line(CELL_SEPARATOR.join(cells), box))
    return out


def _covered(table: list[list[_Stack]]) -> list[tuple[float, float]]:
    """The stretches, left to right, that a table's cells cover, parted by white that runs
    down the whole table."""
    spans = sorted((s.box.left, s.box.right) for group in table for s in group)
    covered = [spans[0]]
    for left, right in spans[1:]:
        if left < covered[-1][1]:
            covered[-1] = (covered[-1][0], max(covered[-1][1], right))
        else:
            covered.append((left, right))
    return covered


def _columns(table: list[list[_Stack]]) -> list[tuple[float, float]]:
    """A table's columns, left to right: the stretches its cells cover when there are as
    many as the cells of its fullest row; else those cells (a cell spanning two columns
    joins their stretches, numbers set right under a heading set left part one)."""
    covered = _covered(table)
    fullest = max(table, key=len)
    if len(covered) == len(fullest):
        return covered
    return sorted((s.box.left, s.box.right) for s in fullest)


def _column(columns: list[tuple[float, float]], box: _Box) -> int:
    """The column a cell is in: the one it overlaps most, else the nearest."""
    def fit(index: int) -> tuple[float, float]:
        left, right = columns[index]
        overlap = min(right, box.right) - max(left, box.left)
        return overlap, -abs((left + right) / 2 - (box.left + box.right) / 2)
    return max(range(len(columns)), key=fit)


def _margin_lines(lines: list[_Line], height: float) -> set[int]:
    """The indices of a page's header and footer lines, alone in the margin bands (see
    ``_MARGIN_BAND``): a one-page document's header, which no other page repeats."""
    placed = sorted((line for line in lines if line.box and line.text.strip()),
                    key=lambda line: -line.box.top)
    if len(placed) < 3:
        return set()
    gaps = [g for a, b in zip(placed, placed[1:], strict=False)
            if (g := a.box.bottom - b.box.top) > 0]
    # The white between the lines of a paragraph: the lower quartile of the gaps (those
    # between paragraphs and table rows are wider).
    usual = sorted(gaps)[len(gaps) // 4] if gaps else 0.0
    wide = max(_MARGIN_GAP, _MARGIN_GAP_LINES * usual)
    furniture = (_in_band(placed, lambda line: height - line.box.bottom, wide)
                 | _in_band(placed[::-1], lambda line: line.box.top, wide))
    return {index for index, line in enumerate(lines) if id(line) in furniture}


def _in_band(ordered: list[_Line], reach, wide: float) -> set[int]:
    """The lines that ``ordered`` (from a page's edge inwards) starts with when they all lie
    within ``_MARGIN_BAND`` of the edge (``reach``: how far into the page a line goes) and
    white at least ``wide`` parts them from the next line: a header or a footer."""
    for index, line in enumerate(ordered[:-1]):
        if reach(line) > _MARGIN_BAND or CELL_SEPARATOR in line.text or _capitals(line.text):
            return set()
        here, following = line.box, ordered[index + 1].box
        if max(here.bottom - following.top, following.bottom - here.top) >= wide:
            return {id(previous) for previous in ordered[:index + 1]}
    return set()


def _capitals(line: str) -> bool:
    """A line in capitals (an issuing body, the national motto, "BÁO CÁO"): never a header
    to drop, whatever its place."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def join_pages(pages: list[list[str]], margins: list[set[int]] | None = None) -> str:
    """The pages' lines as paragraphs: running headers, footers and page numbers dropped,
    and the lines of each page that ``margins`` names (its header and footer, found by
    their place), broken lines and hyphenated words joined (see the module docstring). A
    table row (cells joined by ``CELL_SEPARATOR``) stays a line of its own, and the rows of
    a table that a page break cuts stay together."""
    running = _running_lines(pages)  # from every line: a header dropped by its place too
    lines: list[tuple[str, bool]] = []  # (line, whether it fills the page's width)
    for number, page in enumerate(pages):
        dropped = margins[number] if margins else set()
        kept = ["" if i in dropped else line.strip() for i, line in enumerate(page)]
        filled = [i for i, line in enumerate(kept) if line and CELL_SEPARATOR not in line]
        edges = set(filled[:2] + filled[-2:])  # where page numbers and running lines sit
        kept = [line if line and not (i in edges and (_PAGE_NUMBER.match(line)
                                                      or _shape(line) in running))
                else "" for i, line in enumerate(kept)]
        width = max((len(line) for line in kept if CELL_SEPARATOR not in line), default=0)
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
        row = CELL_SEPARATOR in line
        if row or CELL_SEPARATOR in previous:
            # A table row is a line of its own; rows that a page break parted stay together
            # (the award rule reads a table from its header row down, without a blank).
            if gap and paragraphs and not (row and CELL_SEPARATOR in previous):
                paragraphs.append("")
            paragraphs.append(line)
            full, gap = False, False
            continue
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
