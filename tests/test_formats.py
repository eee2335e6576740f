"""Word, OpenDocument, PDF and scanned reports (indexer/office.py, indexer/pdf.py,
indexer/official.py), on real files made by python-docx and LibreOffice
(tests/data/formats/make.py) from one official report with a running header, a page-number
footer and an award table."""

import os
import shutil

import pytest

from indexer.decoding import UnreadableFile
from indexer.pdf import join_pages, read_pdf
from indexer.report import load_report
from tests.conftest import DATA

FORMATS = DATA / "formats"
IN_CI = bool(os.environ.get("CI"))


def _needs(*tools: str) -> None:
    """Skip when a Debian tool is missing on a developer's machine; fail in CI, which
    installs them (.ci/run)."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        if IN_CI:
            pytest.fail(f"CI must install {', '.join(missing)}")
        pytest.skip(f"needs {', '.join(missing)}")


NEEDS = {"report.docx": (), "report.odt": (), "report.doc": ("antiword",),
         "report.pdf": (), "scan.pdf": ("tesseract",)}


@pytest.fixture(scope="module", params=sorted(NEEDS))
def report(request):
    _needs(*NEEDS[request.param])
    return load_report(FORMATS / request.param, FORMATS)


# What every format of the report must give (written from reading tests/data/formats/report.txt).
EXPECTED = {
    "title": "Báo cáo tổng kết hoạt động công đoàn năm học 2020-2021",
    "date": "2021-05-28", "school_year": "2020-2021", "province": "Đắk Lắk",
    "district": "Krông Pắc", "organization": "Công đoàn Giáo dục huyện Krông Pắc",
    "report_type": "tổng kết năm học", "document_type": "báo cáo", "place": "Krông Pắc",
    "signer": "Nguyễn Thị Hoa",
}
CHROME = [
    "Công đoàn Giáo dục huyện Krông Pắc – Báo cáo tổng kết",  # the running header
    "Trang 1", "Trang 2",  # the page-number footer
    "Nơi nhận", "Lưu VT", "TM. BAN THƯỜNG VỤ", "CỘNG HÒA", "LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐẮK LẮK",
]
BODY = [
    "Toàn huyện có 42 công đoàn cơ sở với 1.850 đoàn viên",
    # the paragraph that a page break cuts in the PDF, joined again
    "phong trào thi đua của ngành và của tổ chức công đoàn.",
    'Quỹ "Mái ấm công đoàn" tiếp tục được duy trì',
]
AWARDS = [("Bằng khen", "Tổng Liên đoàn Lao động Việt Nam", 2, 5),
          ("Giấy khen", "Liên đoàn Lao động tỉnh Đắk Lắk", 4, 10)]

# A plan with the national motto (tests/data/formats/plan.txt), as Word and PDF.
PLAN = {
    "title": 'Kế hoạch tổ chức phong trào thi đua "Giỏi việc trường, đảm việc nhà" năm học '
             "2022-2023",
    "date": "2022-09-15", "school_year": "2022-2023", "province": "Nghệ An",
    "district": "",  # a provincial body; the towns its text names are not where it is
    "organization": "Công đoàn ngành Giáo dục tỉnh Nghệ An", "report_type": "khác",
    "document_type": "kế hoạch", "place": "Vinh", "signer": "Trần Thị Mai",
}
PLAN_FILES = ("plan.docx", "plan.pdf")
PLAN_CHROME = ["Công đoàn ngành Giáo dục Nghệ An – Kế hoạch", "CỘNG HÒA XÃ HỘI",
               "Độc lập - Tự do", "Nơi nhận", "PHÓ CHỦ TỊCH", "Trang 1"]
PLAN_BODY = ["động viên nữ cán bộ, nhà giáo, người lao động phát huy vai trò"]
PLAN_AWARDS = [("Giấy khen", None, 8, 35), ("Bằng khen", None, None, 12)]
# What the product still gets wrong on them (measured by python -m tests.accuracy): a town
# the text names is taken for the district.
KNOWN_MISSES = {("plan.docx", "district"), ("plan.pdf", "district")}

# A one-page report as an official document, as PDF only (tests/data/formats/awards.txt): a
# running header 1.25 cm from the top, a bordered award table (STT column, bodies wrapped
# over two lines, numbers centred, an empty cell, a "Tổng cộng" row).
AWARDS_REPORT = {
    "title": "Báo cáo kết quả thi đua, khen thưởng năm học 2022-2023",
    "date": "2023-06-12", "school_year": "2022-2023", "province": "Lạng Sơn",
    "district": "Cao Lộc", "organization": "Công đoàn Giáo dục huyện Cao Lộc",
    "document_type": "báo cáo", "place": "Cao Lộc", "signer": "Hoàng Văn Nam",
}
AWARDS_REPORT_CHROME = ["Công đoàn Giáo dục huyện Cao Lộc – Thi đua, khen thưởng", "Trang 1",
                        "Nơi nhận", "TM. BAN THƯỜNG VỤ", "CỘNG HÒA"]
AWARDS_REPORT_BODY = ["thu hút 1.240 đoàn viên tham gia",
                      "nhân rộng các điển hình tiên tiến trong năm học 2023-2024."]
AWARDS_REPORT_AWARDS = [("Cờ thi đua", "Liên đoàn Lao động tỉnh Lạng Sơn", 1, None),
                        ("Bằng khen", "Tổng Liên đoàn Lao động Việt Nam", 2, 3),
                        ("Bằng khen", "Ủy ban nhân dân tỉnh Lạng Sơn", 3, 9),
                        ("Giấy khen", "Công đoàn Giáo dục huyện Cao Lộc", 8, 26)]


@pytest.mark.parametrize(("field", "expected"), EXPECTED.items())
def test_metadata_of_every_format(report, field, expected):
    assert getattr(report, field) == expected


@pytest.mark.parametrize("chrome", CHROME)
def test_layout_lines_are_not_body(report, chrome):
    assert chrome not in report.text


@pytest.mark.parametrize("sentence", BODY)
def test_body_text_is_whole(report, sentence):
    assert sentence in " ".join(report.text.split())


def test_the_number_stays_searchable(report):
    assert report.text.startswith("Số: 45/BC-CĐ")
    assert report.number.startswith("45/BC-CĐ")


@pytest.mark.parametrize("name", ["report.docx", "report.odt", "report.doc", "report.pdf"])
def test_award_tables_give_records_and_the_total_row_is_not_one(name):
    _needs(*NEEDS[name])
    found = load_report(FORMATS / name, FORMATS)
    assert [(a.award, a.body, a.collectives, a.individuals) for a in found.awards] == AWARDS


def test_a_scan_is_read_by_ocr_and_says_so():
    _needs("tesseract")
    scan = load_report(FORMATS / "scan.pdf", FORMATS)
    assert scan.ocr and float(scan.ocr) >= 0.8
    assert any("read by OCR" in warning for warning in scan.warnings)


@pytest.mark.parametrize(("name", "message"), [
    ("scan.pdf", "needs OCR"),
    ("report.doc", "needs antiword or LibreOffice"),
])
def test_without_the_tools_the_file_says_what_to_install(monkeypatch, tmp_path, name, message):
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing to run
    with pytest.raises(UnreadableFile, match=message):
        load_report(FORMATS / name, FORMATS)


@pytest.mark.parametrize(("pages", "expected"), [
    # a running header and a page number on each page, a sentence cut by the page break
    ([["Báo cáo tổng kết", "Năm học này công đoàn đã làm", "được nhiều việc tốt và", "1"],
      ["Báo cáo tổng kết", "có ích cho đoàn viên.", "2"]],
     "Năm học này công đoàn đã làm được nhiều việc tốt và có ích cho đoàn viên."),
    # a line ending in a hyphen goes on without a space: the hyphen is the text's own
    ([["Công đoàn tổ chức hội nghị tổng kết phong trào thi đua trong năm học 2020-",
       "2021 của huyện."]],
     "Công đoàn tổ chức hội nghị tổng kết phong trào thi đua trong năm học 2020-2021 của "
     "huyện."),
    # a paragraph that ends a sentence on a short line stays a paragraph
    ([["Đoạn một kết thúc.", "Đoạn hai bắt đầu."]], "Đoạn một kết thúc.\nĐoạn hai bắt đầu."),
    # a table row is a line of its own, neither joined to the paragraph before it nor to
    # the next, and it counts for no page width
    ([["Kết quả khen thưởng được tổng hợp như sau",
       "Hình thức | Cấp khen | Số tập thể | Số cá nhân",
       "Bằng khen | Tổng Liên đoàn Lao động Việt Nam | 2 | 5",
       "thêm một dòng viết thường"]],
     "Kết quả khen thưởng được tổng hợp như sau\nHình thức | Cấp khen | Số tập thể | Số cá "
     "nhân\nBằng khen | Tổng Liên đoàn Lao động Việt Nam | 2 | 5\nthêm một dòng viết thường"),
    # a table that a page break cuts stays one table (the award rule reads it from its
    # header row down), and a row at the top of pages is no running header
    ([["Báo cáo tổng kết", "Bảng tổng hợp:", "Hình thức | Số cá nhân", "Bằng khen | 5", "1"],
      ["Báo cáo tổng kết", "Giấy khen | 10", "Cộng | 15", "Hết.", "2"],
      ["Báo cáo tổng kết", "Cộng | 15", "Phụ lục.", "3"]],
     "Bảng tổng hợp:\nHình thức | Số cá nhân\nBằng khen | 5\nGiấy khen | 10\nCộng | 15\nHết."
     "\n\nCộng | 15\nPhụ lục."),
])
def test_pdf_lines_are_joined_into_paragraphs(pages, expected):
    assert join_pages(pages) == expected


NEWSLETTER = [["Bản tin công đoàn", "Trang một có nội dung.", "1"],
              ["Bản tin công đoàn", "Trang hai có nội dung.", "2"],
              ["Bản tin công đoàn", "Trang ba, ngắn.", "3"]]


@pytest.mark.parametrize(("pages", "margins", "expected"), [
    # a header found by its place on one page of three: gone there, and a running header
    # (on two pages or more) everywhere
    (NEWSLETTER, [{0}, set(), set()],
     "Trang một có nội dung.\n\nTrang hai có nội dung.\n\nTrang ba, ngắn."),
    # found by its place on two pages: still a running header on the third
    (NEWSLETTER, [{0}, {0}, set()],
     "Trang một có nội dung.\n\nTrang hai có nội dung.\n\nTrang ba, ngắn."),
    # a one-page document: only its place tells its header
    ([["Công đoàn trường – Thông báo", "Nội dung thông báo.", "Trang 1"]], [{0}],
     "Nội dung thông báo."),
    # (without it, the header runs into the first sentence)
    ([["Công đoàn trường – Thông báo", "Nội dung thông báo.", "Trang 1"]], None,
     "Công đoàn trường – Thông báo Nội dung thông báo."),
])
def test_header_and_footer_lines_found_by_their_place_are_dropped(pages, margins, expected):
    assert join_pages(pages, margins) == expected


@pytest.mark.parametrize(("name", "field"), [(n, f) for n in PLAN_FILES for f in PLAN
                                             if (n, f) not in KNOWN_MISSES])
def test_metadata_of_an_official_plan(name, field):
    assert getattr(load_report(FORMATS / name, FORMATS), field) == PLAN[field]


@pytest.mark.parametrize("name", PLAN_FILES)
def test_the_plan_layout_is_not_body(name):
    plan = load_report(FORMATS / name, FORMATS)
    assert [line for line in PLAN_CHROME
            if line in plan.text and (name, line) not in KNOWN_MISSES] == []
    assert all(sentence in " ".join(plan.text.split()) for sentence in PLAN_BODY)


@pytest.mark.parametrize("name", PLAN_FILES)
def test_an_award_table_with_an_empty_cell(name):
    plan = load_report(FORMATS / name, FORMATS)
    assert [(a.award, a.collectives, a.individuals) for a in plan.awards] == [
        (award, collectives, individuals) for award, _, collectives, individuals in PLAN_AWARDS]


# PDF tables are rebuilt row by row from the characters' boxes: a row is one line of its
# cells, an empty cell kept in its column, a cell's wrapped lines joined.
@pytest.mark.parametrize(("name", "row"), [
    ("report.pdf", "Hình thức khen thưởng | Cấp khen | Số tập thể | Số cá nhân"),  # wrapped
    ("report.pdf", "Bằng khen | Tổng Liên đoàn Lao động Việt Nam | 2 | 5"),  # three lines
    ("report.pdf", "Cộng |  | 6 | 15"),
    ("plan.pdf", "2 | Bằng khen |  | 12"),
    ("awards.pdf", "STT | Hình thức khen thưởng | Cấp khen | Số tập thể | Số cá nhân"),
    ("awards.pdf", "1 | Cờ thi đua | Liên đoàn Lao động tỉnh Lạng Sơn | 1 |"),
    ("awards.pdf", "| Tổng cộng |  | 14 | 38"),
])
def test_a_pdf_table_row_is_one_line_of_cells(name, row):
    assert row in read_pdf((FORMATS / name).read_bytes()).text.split("\n")


@pytest.mark.parametrize(("name", "expected"), [
    ("report.pdf", AWARDS),  # borderless, a body wrapped over three lines, a "Cộng" row
    ("plan.pdf", [(award, "", collectives, individuals)  # an empty cell, "Tổng cộng"
                  for award, _, collectives, individuals in PLAN_AWARDS]),
    ("awards.pdf", AWARDS_REPORT_AWARDS),  # bordered, an STT column, numbers centred
])
def test_pdf_award_tables_give_counts_and_the_total_row_is_not_one(name, expected):
    found = load_report(FORMATS / name, FORMATS)
    assert [(a.award, a.body, a.collectives, a.individuals) for a in found.awards] == expected


@pytest.mark.parametrize("field", AWARDS_REPORT)
def test_metadata_of_a_one_page_official_pdf(field):
    assert getattr(load_report(FORMATS / "awards.pdf", FORMATS), field) == AWARDS_REPORT[field]


def test_the_layout_of_a_one_page_official_pdf_is_not_body():
    found = load_report(FORMATS / "awards.pdf", FORMATS)
    assert [line for line in AWARDS_REPORT_CHROME if line in found.text] == []
    assert all(sentence in " ".join(found.text.split()) for sentence in AWARDS_REPORT_BODY)


# A one-page PDF has no other page to repeat its header: what lies in the top or bottom
# margin, parted from the body, is furniture; a title on the first line is not.
@pytest.mark.parametrize(("name", "header", "page_number", "first_line"), [
    # python-docx's Letter page: a header 0.5" from the top, the body from 1"
    ("plan.pdf", "Công đoàn ngành Giáo dục Nghệ An – Kế hoạch", "Trang 1",
     "CÔNG ĐOÀN GIÁO DỤC VIỆT NAM"),
    # an official A4 page: a header 1.25 cm from the top, the body from 2 cm
    ("awards.pdf", "Công đoàn Giáo dục huyện Cao Lộc – Thi đua, khen thưởng", "Trang 1",
     "LIÊN ĐOÀN LAO ĐỘNG TỈNH LẠNG SƠN"),
    # no header: the title, 1.5 cm from the top and a blank line above the text, stays
    ("title.pdf", None, "1", "Hội nghị tổng kết công tác công đoàn năm học 2022-2023"),
])
def test_a_one_page_pdf_loses_its_header_and_page_number_not_its_title(
        name, header, page_number, first_line):
    text = read_pdf((FORMATS / name).read_bytes()).text
    lines = text.split("\n")
    assert lines[0] == first_line
    assert page_number not in lines
    assert header is None or header not in text
