"""Word and OpenDocument files: the body's paragraphs in order, tables row by row.

Headers, footers and page numbers live outside the body of a ``.docx`` (python-docx) and an
``.odt`` (odfpy), so they are never read: they are chrome. A table row becomes one line,
its cells joined by `` | `` ("Bằng khen | LĐLĐ tỉnh | 3 | 12"), so that what a row says stays
together. Legacy ``.doc`` files are read by ``antiword``, else by LibreOffice headless
(Debian packages ``antiword``, ``libreoffice-writer-nogui``); without either, the file is
reported with the package to install.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from .awards import CELL_SEPARATOR
from .decoding import UnreadableFile

__all__ = ["read_docx", "read_odt", "read_doc"]
# A legacy .doc taking longer than this to convert is reported, not waited for.
_CONVERT_SECONDS = 120


def _row(cells: list[str]) -> str:
    """One table row as a line: every cell in its place (an empty one too, so that the
    columns stay aligned), spaces collapsed."""
    return CELL_SEPARATOR.join(" ".join(cell.split()) for cell in cells)


def read_docx(data: bytes) -> str:
    """The text of a ``.docx``: paragraphs and table rows in document order."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFile(f"not a readable Word file ({exc})") from exc
    lines: list[str] = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(element, document).text)
        elif tag == "tbl":
            table = Table(element, document)
            lines.append("")
            for row in table.rows:
                # A merged cell is the same cell object in each column it spans: once.
                unique = list({id(cell._tc): cell for cell in row.cells}.values())
                lines.append(_row([cell.text for cell in unique]))
            lines.append("")
    return "\n".join(lines)


def read_odt(data: bytes) -> str:
    """The text of an ``.odt``: headings, paragraphs, list items and table rows in order."""
    from odf import teletype
    from odf.namespaces import TABLENS, TEXTNS
    from odf.opendocument import load
    from odf.table import TableRow

    try:
        document = load(io.BytesIO(data))
    except Exception as exc:  # odfpy raises whatever its XML and zip readers raise
        raise UnreadableFile(f"not a readable OpenDocument file ({exc})") from exc
    lines: list[str] = []

    def walk(node) -> None:
        for child in node.childNodes:
            name = getattr(child, "qname", None)
            if name in ((TEXTNS, "p"), (TEXTNS, "h")):
                lines.append(teletype.extractText(child))
            elif name == (TABLENS, "table"):
                lines.append("")
                for row in child.getElementsByType(TableRow):
                    lines.append(_row([teletype.extractText(cell)
                                       for cell in row.childNodes
                                       if getattr(cell, "qname", None) == (TABLENS,
                                                                          "table-cell")]))
                lines.append("")
            elif name is not None:
                walk(child)

    walk(document.text)
    return "\n".join(lines)


def read_doc(path: Path) -> str:
    """The text of a legacy ``.doc``, by antiword, else LibreOffice headless."""
    if shutil.which("antiword"):
        done = _run(["antiword", "-m", "UTF-8.txt", "-w", "0", str(path)])
        if done.returncode == 0 and done.stdout.strip():
            return _antiword_tables(done.stdout.decode("utf-8", "replace"))
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office:
        with tempfile.TemporaryDirectory(prefix="union-search-doc-") as out:
            done = _run([office, "--headless", f"-env:UserInstallation=file://{out}/profile",
                         "--convert-to", "txt:Text (encoded):UTF8", "--outdir", out,
                         str(path)])
            converted = Path(out) / (path.stem + ".txt")
            if converted.exists():
                return converted.read_text(encoding="utf-8-sig", errors="replace")
        raise UnreadableFile("LibreOffice could not convert this Word 97-2003 file")
    raise UnreadableFile("a Word 97-2003 (.doc) file needs antiword or LibreOffice: install "
                         "the Debian package antiword (or libreoffice-writer-nogui)")


def _antiword_tables(text: str) -> str:
    """antiword draws a table row as ``|cell |cell |`` and wraps a long cell onto a row of
    its own whose first cell is empty: rows as the other readers give them, wrapped cells
    joined back."""
    lines: list[str] = []
    previous: list[str] | None = None
    for line in text.split("\n"):
        stripped = line.strip()
        if len(stripped) > 2 and stripped.startswith("|") and stripped.endswith("|"):
            cells = [" ".join(c.split()) for c in stripped[1:-1].split("|")]
            if previous is not None and not cells[0] and len(cells) == len(previous):
                previous[:] = [f"{a} {b}".strip() for a, b in zip(previous, cells, strict=True)]
                lines[-1] = _row(previous)
                continue
            previous = cells
            lines.append(_row(cells))
        else:
            previous = None
            lines.append(line)
    return "\n".join(lines)


def _run(command: list[str]) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(command, capture_output=True, timeout=_CONVERT_SECONDS,
                              check=False)
    except subprocess.TimeoutExpired as exc:
        raise UnreadableFile(f"{Path(command[0]).name} took more than {_CONVERT_SECONDS} s "
                             "on this file; skipped") from exc
