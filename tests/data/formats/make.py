"""Make the Word, OpenDocument and PDF files of this folder with real tools (not run by the
tests; run it again after changing the report text):

    .venv/bin/python tests/data/formats/make.py

python-docx writes ``report.docx`` from ``report.txt`` (a running header, a footer with the
page number, an award table with a total row); LibreOffice headless converts it to
``report.odt``, ``report.doc`` and ``report.pdf``; ``scan.pdf`` is ``report.pdf``'s pages
rendered to images (pypdfium2, Pillow) and saved as a PDF without a text layer, as a
scanner makes it. ``plan.docx`` and ``plan.pdf`` are a plan (kế hoạch) with the national
motto, made the same way from ``plan.txt``. ``awards.pdf`` is a one-page report laid out as
an official document (A4, 13 pt Liberation Serif, a running header 1.25 cm from the top)
with a bordered award table: an STT column, bold centred headings, awarding bodies wrapped
over two lines, numbers centred in their cells, an empty cell and a "Tổng cộng" row.
``title.pdf`` is a one-page news item whose first line is its title, 1.5 cm from the top
and followed by a blank line, with a page number alone at the bottom and no header.

Only some files: ``make.py awards title`` (the names of the .txt files). Liberation Serif is
Debian's ``fonts-liberation2``; the PDFs embed their fonts, so the tests need none.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
AWARDS = {
    "report": [("Hình thức khen thưởng", "Cấp khen", "Số tập thể", "Số cá nhân"),
               ("Bằng khen", "Tổng Liên đoàn Lao động Việt Nam", "2", "5"),
               ("Giấy khen", "Liên đoàn Lao động tỉnh Đắk Lắk", "4", "10"),
               ("Cộng", "", "6", "15")],
    "plan": [("TT", "Danh hiệu", "Số tập thể", "Số cá nhân"),
             ("1", "Giấy khen", "8", "35"),
             ("2", "Bằng khen", "", "12"),
             ("Tổng cộng", "", "8", "47")],
    "awards": [("STT", "Hình thức khen thưởng", "Cấp khen", "Số tập thể", "Số cá nhân"),
               ("1", "Cờ thi đua", "Liên đoàn Lao động tỉnh Lạng Sơn", "1", ""),
               ("2", "Bằng khen", "Tổng Liên đoàn Lao động Việt Nam", "2", "3"),
               ("3", "Bằng khen", "Ủy ban nhân dân tỉnh Lạng Sơn", "3", "9"),
               ("4", "Giấy khen", "Công đoàn Giáo dục huyện Cao Lộc", "8", "26"),
               ("", "Tổng cộng", "", "14", "38")],
}
HEADERS = {"report": "Công đoàn Giáo dục huyện Krông Pắc – Báo cáo tổng kết",
           "plan": "Công đoàn ngành Giáo dục Nghệ An – Kế hoạch",
           "awards": "Công đoàn Giáo dục huyện Cao Lộc – Thi đua, khen thưởng"}
# The page of an official document (Nghị định 30/2020/NĐ-CP): A4, margins of 2 cm at the
# top and bottom, 3 cm left, 1.5 cm right, 13 pt Times (Liberation Serif has its metrics).
OFFICIAL = {"top": 2.0, "header": 1.25, "font": "Liberation Serif"}
PAGES = {"awards": OFFICIAL, "title": {"top": 1.5, "header": 1.0, "font": "Liberation Serif"}}
# The award table of awards.docx: column widths (cm), bordered, headings and numbers centred.
TABLE_WIDTHS = {"awards": [1.3, 3.7, 5.0, 2.3, 2.3]}


def page_field(paragraph) -> None:
    """A page-number field at the end of ``paragraph`` (Word shows the page's number)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page(document, name: str) -> None:
    page = PAGES.get(name)
    if page is None:  # python-docx's template: Letter, 1" margins, Calibri 11 pt
        return
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(page["top"]), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.header_distance = section.footer_distance = Cm(page["header"])
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = page["font"], Pt(13)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), page["font"])


def _table(document, name: str) -> None:
    rows = AWARDS[name]
    table = document.add_table(rows=0, cols=len(rows[0]))
    widths = TABLE_WIDTHS.get(name)
    if widths:
        table.style = "Table Grid"
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
    for number, row in enumerate(rows):
        cells = table.add_row().cells
        for column, (cell, value) in enumerate(zip(cells, row, strict=True)):
            cell.text = value
            if not widths:
                continue
            cell.width = Cm(widths[column])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            if number == 0 or column == 0 or value.isdigit():
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in paragraph.runs:
                run.bold = number == 0 or value == "Tổng cộng"


def make_docx(name: str) -> Path:
    path = HERE / f"{name}.docx"
    document = Document()
    _page(document, name)
    section = document.sections[0]
    if name in HEADERS:
        section.header.paragraphs[0].text = HEADERS[name]
    footer = section.footer.paragraphs[0]
    if name == "title":  # the page number alone, centred
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        footer.text = "Trang "
    page_field(footer)
    paragraphs = (HERE / f"{name}.txt").read_text(encoding="utf-8").strip().split("\n\n")
    for number, paragraph in enumerate(paragraphs):
        added = document.add_paragraph(paragraph.strip())
        if name == "title" and number == 0:  # a title, then a blank line
            added.runs[0].bold = True
            added.runs[0].font.size = Pt(14)
            document.add_paragraph("")
        if name in AWARDS and (paragraph.endswith("như sau.") if name == "awards"
                               else number == len(paragraphs) // 2):
            _table(document, name)
    document.save(path)
    return path


def convert(source: Path | list[Path], target: str, outdir: Path = HERE,
            timeout: int = 300) -> None:
    """Convert one file or several to ``target`` with LibreOffice headless (one call, a
    profile of its own so that a running LibreOffice is not disturbed)."""
    sources = source if isinstance(source, list) else [source]
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}",
                        "--convert-to", target, "--outdir", str(outdir),
                        *map(str, sources)], check=True, capture_output=True, timeout=timeout)


def make_scan(pdf: Path, scan: Path) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf.read_bytes())
    images = [page.render(scale=200 / 72).to_pil().convert("L") for page in document]
    images[0].save(scan, save_all=True, append_images=images[1:], resolution=200)


def main(names: list[str]) -> None:
    made = []
    if "report" in names:
        docx = make_docx("report")
        convert(docx, "odt")
        convert(docx, "doc:MS Word 97")
        convert(docx, "pdf")
        make_scan(HERE / "report.pdf", HERE / "scan.pdf")
        made += ["report.docx", "report.odt", "report.doc", "report.pdf", "scan.pdf"]
    if "plan" in names:
        convert(make_docx("plan"), "pdf")
        made += ["plan.docx", "plan.pdf"]
    for name in ("awards", "title"):  # only their PDFs are kept
        if name in names:
            docx = make_docx(name)
            convert(docx, "pdf")
            docx.unlink()
            made.append(f"{name}.pdf")
    for name in made:
        print(name, (HERE / name).stat().st_size)
    shutil.rmtree(HERE / "__pycache__", ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:] or ["report", "plan", "awards", "title"])
