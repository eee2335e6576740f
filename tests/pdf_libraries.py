"""Which library reads the text of Vietnamese PDFs best: pypdfium2, pdfminer.six or
pdfplumber, measured on PDFs that LibreOffice makes (not run by the test suite).

    .venv/bin/pip install -e '.[bench]'      # pdfminer.six and pdfplumber
    .venv/bin/python -m tests.pdf_libraries [ARTICLES.jsonl.gz] [--articles 30]
        [--work instance/pdf-libraries] [--fresh]

The documents are written with python-docx and turned into PDFs by LibreOffice headless (one
``soffice`` call for all of them; kept in ``--work`` and reused until ``--fresh``):

- ``article``: a real article (``--articles`` of them from ARTICLES, a corpus of real
  Vietnamese news in JSON lines: the education ones of 1,500–4,500 characters, first ones
  first), in each of three fonts, Liberation Serif (metrics of Times New Roman), DejaVu Sans
  and FreeSerif (a Times-like face), 13 pt on A4 with the margins of an official document,
  a running header and a "Trang N" footer;
- ``two-column``: a real article set in two columns;
- ``decomposed``: a real article whose marks are combining characters (NFD), as some
  Vietnamese input methods type them;
- ``official``: a real article as an official document: the issuing body and the national
  motto side by side, number and date side by side, the signature block beside the
  recipients (borderless tables, as the templates lay them out);
- ``award table``: hand-written reports with an award table ("Hình thức khen thưởng | Cấp
  khen | Số tập thể | Số cá nhân" and a "Cộng" row), with or without borders, with an
  "STT" column or not, the awarding bodies wrapped over lines or not, numbers centred.

Without ARTICLES, the real-article layouts are left out. The fonts are Debian's
``fonts-liberation2`` and ``fonts-freefont-ttf`` (DejaVu comes with LibreOffice); LibreOffice
puts another font in place of a missing one, and the command says which are missing. Each PDF is read by each library
(pypdfium2: ``get_text_range`` of each page's text page; pdfminer.six: ``extract_text``
with its default layout analysis; pdfplumber: ``extract_text`` of each page) and by the
product's reader (:func:`indexer.pdf.read_pdf`: pypdfium2, page furniture removed, lines
joined, table rows rebuilt from the characters' boxes), and compared with the text the
document was made from (its body: running headers and page numbers are not counted, so
that a reader that drops them loses nothing and one that keeps them is not penalised):

- **syllables**: the share of the source's syllables (runs of letters, NFC) found exactly
  in the extracted text (as a multiset); **marked**: the same over the syllables with a
  diacritic, where a wrong or lost mark shows;
- **order**: the share of the source's syllable sequence that the extracted sequence has
  in the same order (the matching blocks of :class:`difflib.SequenceMatcher`), on
  syllables without marks and case, so that a wrong mark does not count twice;
- **rows**: the share of award-table rows whose non-empty cells are on one line, in order;
- **ms/page**: the time to read the text, per page (best of two runs).

Prints Markdown tables: all documents, then per layout and per font.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import io
import json
import random
import re
import subprocess
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tests.data.formats.make import convert, page_field

ROOT = Path(__file__).resolve().parent.parent
FONTS = ("Liberation Serif", "DejaVu Sans", "FreeSerif")
VERSION = 1  # of the documents made: a change makes --work's files stale


@dataclass
class Doc:
    """One document: what to lay out, and the body text it holds, in reading order."""

    name: str
    layout: str
    font: str
    header: str = ""
    blocks: list = field(default_factory=list)  # ("p", text, style) | ("table", rows, style)

    def source(self) -> str:
        """The body text in reading order: paragraphs, table cells row by row."""
        parts = []
        for kind, content, _ in self.blocks:
            if kind == "p":
                parts.append(content)
            else:
                parts += [cell for row in content for cell in row]
        return "\n".join(parts)

    def rows(self) -> list[list[str]]:
        """The data rows of its award tables (header rows aside)."""
        return [row for kind, content, style in self.blocks
                if kind == "table" and style.get("award") for row in content[1:]]


# -- the documents ----------------------------------------------------------------------

def articles(path: Path | None, count: int) -> list[dict]:
    """Real articles: education ones of 1,500–4,500 characters, in the file's order."""
    if path is None:
        return []
    found = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = record.get("text") or ""
            if record.get("category") in (None, "education") and 1500 <= len(text) <= 4500:
                found.append(record)
                if len(found) == count:
                    break
    return found


def _paragraphs(record: dict) -> list[str]:
    return [" ".join(p.split()) for p in record["text"].split("\n") if p.strip()]


DISTRICTS = [("Krông Pắc", "Đắk Lắk"), ("Cao Lộc", "Lạng Sơn"), ("Quỳnh Lưu", "Nghệ An"),
             ("Hải Hậu", "Nam Định"), ("Tuy Phước", "Bình Định"), ("Mường Khương", "Lào Cai")]
BODIES = ["Tổng Liên đoàn Lao động Việt Nam", "Công đoàn Giáo dục Việt Nam",
          "Liên đoàn Lao động tỉnh {province}", "Ủy ban nhân dân tỉnh {province}",
          "Công đoàn Giáo dục huyện {district}", "Sở Giáo dục và Đào tạo tỉnh {province}"]
AWARDS = ["Bằng khen", "Giấy khen", "Cờ thi đua", "Giấy chứng nhận", "Kỷ niệm chương"]
SENTENCES = [
    "Năm học {year}, Công đoàn Giáo dục huyện {district} tiếp tục thực hiện Nghị quyết Đại "
    "hội Công đoàn các cấp, chăm lo đời sống và bảo vệ quyền lợi hợp pháp, chính đáng của "
    "đoàn viên, người lao động trong ngành.",
    "Toàn huyện có {n} công đoàn cơ sở với {m}.{k}00 đoàn viên, trong đó nữ chiếm phần "
    "đông; các công đoàn cơ sở phối hợp với chuyên môn tổ chức hội thi giáo viên dạy giỏi.",
    "Về chăm lo đời sống, công đoàn đã thăm hỏi {n} lượt đoàn viên ốm đau, hỗ trợ đoàn viên "
    "có hoàn cảnh khó khăn xây sửa nhà ở; quỹ \"Mái ấm công đoàn\" tiếp tục được duy trì.",
    "Phong trào thi đua \"Dạy tốt, học tốt\" và cuộc vận động \"Mỗi thầy cô giáo là một tấm "
    "gương đạo đức, tự học và sáng tạo\" được triển khai sâu rộng, thu hút đông đảo đoàn "
    "viên tham gia.",
    "Kết quả khen thưởng trong năm học được tổng hợp như sau, căn cứ quyết định của các cấp "
    "có thẩm quyền đối với những tập thể và cá nhân có thành tích xuất sắc.",
    "Phương hướng năm học tới: tiếp tục đổi mới nội dung và phương thức hoạt động, hướng "
    "mạnh về cơ sở, lấy đoàn viên làm trung tâm; nâng cao chất lượng các phong trào thi đua.",
]


def award_report(number: int, font: str) -> Doc:
    """A hand-written report with an award table, laid out one of several ways."""
    rng = random.Random(number)
    district, province = DISTRICTS[number % len(DISTRICTS)]
    values = {"year": f"{2015 + number}-{2016 + number}", "district": district,
              "province": province, "n": rng.randint(12, 60), "m": rng.randint(1, 3),
              "k": rng.randint(1, 9)}
    text = [s.format(**values) for s in SENTENCES]
    numbered = number % 2 == 0  # an STT column
    long_bodies = number % 3 != 0  # bodies that wrap in their column
    header = ["Hình thức khen thưởng", "Cấp khen", "Số tập thể", "Số cá nhân"]
    rows = [(["STT"] if numbered else []) + header]
    total = [0, 0]
    for index in range(rng.randint(3, 6)):
        body = rng.choice(BODIES).format(**values)
        if not long_bodies:
            body = body.replace("Liên đoàn Lao động", "LĐLĐ").replace("Công đoàn Giáo dục",
                                                                        "CĐGD")
        collectives, individuals = rng.choice([0, 1, 2, 3, 5, 8]), rng.randint(1, 40)
        total[0] += collectives
        total[1] += individuals
        rows.append(([str(index + 1)] if numbered else [])
                    + [rng.choice(AWARDS), body, str(collectives) if collectives else "",
                       str(individuals)])
    rows.append(([""] if numbered else []) + ["Cộng", "", str(total[0]), str(total[1])])
    style = {"award": True, "borders": number % 2 == 1, "centre": number % 4 < 2,
             "widths": ([1.5] if numbered else []) + [4.0, 6.0 if long_bodies else 5.0, 2.4,
                                                      2.4]}
    blocks = [("p", "BÁO CÁO", {"bold": True, "centre": True}),
              ("p", f"Tổng kết hoạt động công đoàn năm học {values['year']}",
               {"bold": True, "centre": True})]
    blocks += [("p", sentence, {}) for sentence in text[:4]]
    blocks.append(("table", rows, style))
    blocks += [("p", sentence, {}) for sentence in text[4:]]
    return Doc(f"awards-{number:02d}-{_slug(font)}", "award table", font,
               header=f"Công đoàn Giáo dục huyện {district} – Báo cáo tổng kết",
               blocks=blocks)


def article(record: dict, number: int, layout: str, font: str) -> Doc:
    """A real article laid out as ``layout``."""
    paragraphs = _paragraphs(record)
    title = " ".join((record.get("title") or "").split())
    header = "Công đoàn Giáo dục Việt Nam – Bản tin"
    if layout != "official":
        blocks = [("p", title, {"bold": True})] + [("p", p, {}) for p in paragraphs]
        if layout == "decomposed":
            blocks = [(kind, unicodedata.normalize("NFD", text), style)
                      for kind, text, style in blocks]
        return Doc(f"{_slug(layout)}-{number:02d}-{_slug(font)}", layout, font, header=header,
                   blocks=blocks)
    district, province = DISTRICTS[number % len(DISTRICTS)]
    bare = {"borders": False, "centre": True, "widths": [7.5, 9.0]}
    blocks = [
        ("table", [[f"LIÊN ĐOÀN LAO ĐỘNG TỈNH {province.upper()}\nCÔNG ĐOÀN GIÁO DỤC "
                    f"HUYỆN {district.upper()}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc "
                    "lập - Tự do - Hạnh phúc"],
                   [f"Số: {number + 10}/BC-CĐGD", f"{district}, ngày {number % 27 + 1} "
                    f"tháng {number % 12 + 1} năm 2021"]], bare),
        ("p", "BÁO CÁO", {"bold": True, "centre": True}),
        ("p", title, {"bold": True, "centre": True}),
        *[("p", p, {}) for p in paragraphs],
        ("table", [["Nơi nhận:\n- LĐLĐ tỉnh " + province + ";\n- Lưu VT.",
                    "TM. BAN THƯỜNG VỤ\nCHỦ TỊCH\n\n\nNguyễn Thị Hoa"]],
         {**bare, "widths": [8.0, 8.5]}),
    ]
    return Doc(f"official-{number:02d}-{_slug(font)}", layout, font, header=header,
               blocks=blocks)


def documents(records: list[dict]) -> list[Doc]:
    """Every document of the benchmark (see the module docstring)."""
    docs = [article(record, number, "article", font)
            for number, record in enumerate(records) for font in FONTS]
    for number, record in enumerate(records):
        layout = ("two-column", "decomposed", "official")[number % 3]
        docs.append(article(record, number, layout, FONTS[number // 3 % len(FONTS)]))
    docs += [award_report(number, FONTS[number % len(FONTS)]) for number in range(12)]
    return docs


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def write_docx(doc: Doc, path: Path) -> None:
    """The document as a .docx: A4, the margins of an official document, 13 pt."""
    from docx import Document
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.header_distance = section.footer_distance = Cm(1)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = doc.font, Pt(13)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), doc.font)
    if doc.layout == "two-column":
        columns = section._sectPr.find(qn("w:cols"))
        if columns is None:
            columns = OxmlElement("w:cols")
            section._sectPr.append(columns)
        columns.set(qn("w:num"), "2")
        columns.set(qn("w:space"), "567")
    section.header.paragraphs[0].text = doc.header
    footer = section.footer.paragraphs[0]
    footer.text = "Trang "
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_field(footer)

    def fill(paragraph, text: str, style: dict) -> None:
        paragraph.add_run(text).bold = bool(style.get("bold"))
        if style.get("centre"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif doc.layout != "award table" and not style:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    for kind, content, style in doc.blocks:
        if kind == "p":
            fill(document.add_paragraph(), content, style)
            continue
        table = document.add_table(rows=0, cols=len(content[0]))
        if style.get("borders"):
            table.style = "Table Grid"
        table.autofit = False
        for column, width in zip(table.columns, style["widths"], strict=True):
            column.width = Cm(width)
        for row_number, row in enumerate(content):
            cells = table.add_row().cells
            for column, (cell, value) in enumerate(zip(cells, row, strict=True)):
                cell.width = Cm(style["widths"][column])
                lines = value.split("\n")
                cell.paragraphs[0].text = ""
                for line_number, line in enumerate(lines):
                    paragraph = cell.paragraphs[0] if line_number == 0 else cell.add_paragraph()
                    numeric = line.isdigit() or not line
                    fill(paragraph, line, {"bold": row_number == 0 and style.get("award"),
                                           "centre": style.get("centre") and (
                                               numeric or row_number == 0 or
                                               not style.get("award"))})
                if style.get("centre") and style.get("award"):
                    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    document.save(path)


def make(docs: list[Doc], work: Path) -> None:
    """Write the documents' .docx files and convert them all to PDF in one LibreOffice call."""
    work.mkdir(parents=True, exist_ok=True)
    sources = []
    for doc in docs:
        path = work / f"{doc.name}.docx"
        write_docx(doc, path)
        sources.append(path)
    convert(sources, "pdf", outdir=work, timeout=3600)
    for path in sources:
        path.unlink()


# -- the readers ------------------------------------------------------------------------

def read_pypdfium2(data: bytes) -> tuple[str, int]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        pages = [page.get_textpage().get_text_range() for page in document]
        return "\n".join(pages).replace("\r\n", "\n"), len(pages)
    finally:
        document.close()


def read_pdfminer(data: bytes) -> tuple[str, int]:
    from pdfminer.high_level import extract_text

    text = extract_text(io.BytesIO(data))
    return text.replace("\f", "\n"), max(1, text.count("\f"))


def read_pdfplumber(data: bytes) -> tuple[str, int]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    return "\n".join(pages), len(pages)


def read_product(data: bytes) -> tuple[str, int]:
    import pypdfium2 as pdfium

    from indexer.pdf import read_pdf

    return read_pdf(data).text, len(pdfium.PdfDocument(data))


READERS: dict[str, Callable[[bytes], tuple[str, int]]] = {
    "pypdfium2": read_pypdfium2,
    "pdfminer.six": read_pdfminer,
    "pdfplumber": read_pdfplumber,
    "read_pdf (pypdfium2, rows rebuilt)": read_product,
}


# -- the measures -----------------------------------------------------------------------

_SYLLABLE = re.compile(r"[^\W\d_]+")


def syllables(text: str) -> list[str]:
    return _SYLLABLE.findall(unicodedata.normalize("NFC", text))


def _bare(syllable: str) -> str:
    folded = unicodedata.normalize("NFD", syllable.lower().replace("đ", "d"))
    return "".join(c for c in folded if not unicodedata.combining(c))


def _marked(syllable: str) -> bool:
    return not syllable.isascii()


@dataclass
class Score:
    syllables: int = 0
    found: int = 0
    marked: int = 0
    marked_found: int = 0
    in_order: int = 0
    rows: int = 0
    rows_kept: int = 0
    pages: int = 0
    seconds: float = 0.0

    def add(self, other: Score) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)


def score(doc: Doc, text: str) -> Score:
    source = syllables(doc.source())
    got = syllables(text)
    available = Counter(got)
    common = Counter(source) & available
    marked = [s for s in source if _marked(s)]
    blocks = difflib.SequenceMatcher(None, [_bare(s) for s in source], [_bare(s) for s in got],
                                     autojunk=False).get_matching_blocks()
    lines = [" ".join(unicodedata.normalize("NFC", line).split()) for line in text.split("\n")]
    rows = doc.rows()
    kept = 0
    for row in rows:
        cells = [re.escape(" ".join(cell.split())) for cell in row if cell.strip()]
        pattern = re.compile(r"(?:^|\W)" + r"\W+(?:.*?\W)?".join(cells) + r"(?:\W|$)")
        kept += any(pattern.search(line) for line in lines)
    return Score(syllables=len(source), found=sum(common.values()), marked=len(marked),
                 marked_found=sum(min(count, available[s])
                                  for s, count in Counter(marked).items()),
                 in_order=sum(block.size for block in blocks), rows=len(rows), rows_kept=kept)


def measure(docs: list[Doc], work: Path) -> dict[str, dict[tuple[str, str], Score]]:
    """Per reader, per (layout, font): the scores added up."""
    results: dict[str, dict[tuple[str, str], Score]] = defaultdict(lambda: defaultdict(Score))
    for doc in docs:
        data = (work / f"{doc.name}.pdf").read_bytes()
        for name, reader in READERS.items():
            seconds = []
            for _ in range(2):
                start = time.perf_counter()
                text, pages = reader(data)
                seconds.append(time.perf_counter() - start)
            found = score(doc, text)
            found.pages, found.seconds = pages, min(seconds)
            results[name][doc.layout, doc.font].add(found)
    return results


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "–"


def table(results: dict[str, dict[tuple[str, str], Score]],
          select: Callable[[str, str], bool]) -> str:
    lines = ["| library | syllables | marked | order | rows | ms/page |",
             "|---|---|---|---|---|---|"]
    for name, by_kind in results.items():
        total = Score()
        for (layout, font), found in by_kind.items():
            if select(layout, font):
                total.add(found)
        lines.append(f"| {name} | {_share(total.found, total.syllables)} | "
                     f"{_share(total.marked_found, total.marked)} | "
                     f"{_share(total.in_order, total.syllables)} | "
                     f"{_share(total.rows_kept, total.rows)} | "
                     f"{1000 * total.seconds / max(1, total.pages):.1f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="?", type=Path,
                        help="real Vietnamese articles, JSON lines (gzip)")
    parser.add_argument("--articles", dest="count", type=int, default=30)
    parser.add_argument("--work", type=Path, default=ROOT / "instance" / "pdf-libraries")
    parser.add_argument("--fresh", action="store_true", help="make the PDFs again")
    args = parser.parse_args()

    installed = subprocess.run(["fc-list", ":", "family"], capture_output=True,
                               text=True).stdout
    missing = [font for font in FONTS if font not in installed]
    if missing:
        print(f"fonts missing (LibreOffice puts others in their place): {', '.join(missing)}")
    docs = documents(articles(args.articles, args.count))
    manifest = args.work / "manifest.json"
    wanted = {"version": VERSION, "docs": [doc.name for doc in docs],
              "articles": str(args.articles), "count": args.count}
    if args.fresh or not manifest.exists() or json.loads(manifest.read_text()) != wanted:
        start = time.perf_counter()
        make(docs, args.work)
        manifest.write_text(json.dumps(wanted))
        print(f"made {len(docs)} PDFs in {time.perf_counter() - start:.0f} s")
    results = measure(docs, args.work)
    pages = sum(found.pages for found in results["pypdfium2"].values())
    layouts = sorted({doc.layout for doc in docs})
    print(f"{len(docs)} PDFs, {pages} pages ({len({d.font for d in docs})} fonts, layouts: "
          f"{', '.join(layouts)})\n\n**All documents**\n")
    print(table(results, lambda layout, font: True))
    for layout in layouts:
        print(f"\n**{layout}**\n")
        print(table(results, lambda lay, font, layout=layout: lay == layout))
    for font in FONTS:
        print(f"\n**{font}** (every layout)\n")
        print(table(results, lambda lay, f, font=font: f == font))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
