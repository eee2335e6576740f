"""Make the Word, OpenDocument and PDF files of this folder with real tools (not run by the
tests; run it again after changing the report text):

    .venv/bin/python tests/data/formats/make.py

python-docx writes ``report.docx`` from ``report.txt`` (a running header, a footer with the
page number, an award table with a total row); LibreOffice headless converts it to
``report.odt``, ``report.doc`` and ``report.pdf``; ``scan.pdf`` is ``report.pdf``'s pages
rendered to images (pypdfium2, Pillow) and saved as a PDF without a text layer, as a
scanner makes it. ``plan.docx`` and ``plan.pdf`` are a plan (kế hoạch) with the national
motto, made the same way from ``plan.txt``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

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
}
HEADERS = {"report": "Công đoàn Giáo dục huyện Krông Pắc – Báo cáo tổng kết",
           "plan": "Công đoàn ngành Giáo dục Nghệ An – Kế hoạch"}


def _page_field(paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def make_docx(name: str) -> Path:
    path = HERE / f"{name}.docx"
    document = Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADERS[name]
    footer = section.footer.paragraphs[0]
    footer.text = "Trang "
    _page_field(footer)
    paragraphs = (HERE / f"{name}.txt").read_text(encoding="utf-8").split("\n\n")
    for number, paragraph in enumerate(paragraphs):
        document.add_paragraph(paragraph.strip())
        if number == len(paragraphs) // 2:
            table = document.add_table(rows=0, cols=4)
            for row in AWARDS[name]:
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = value
    document.save(path)
    return path


def convert(source: Path, target: str) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}",
                        "--convert-to", target, "--outdir", str(HERE), str(source)],
                       check=True, capture_output=True, timeout=300)


def make_scan(pdf: Path, scan: Path) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf.read_bytes())
    images = [page.render(scale=200 / 72).to_pil().convert("L") for page in document]
    images[0].save(scan, save_all=True, append_images=images[1:], resolution=200)


def main() -> None:
    docx = make_docx("report")
    convert(docx, "odt")
    convert(docx, "doc:MS Word 97")
    convert(docx, "pdf")
    make_scan(HERE / "report.pdf", HERE / "scan.pdf")
    convert(make_docx("plan"), "pdf")
    for name in ("report.docx", "report.odt", "report.doc", "report.pdf", "scan.pdf",
                 "plan.docx", "plan.pdf"):
        print(name, (HERE / name).stat().st_size)
    shutil.rmtree(HERE / "__pycache__", ignore_errors=True)


if __name__ == "__main__":
    main()
