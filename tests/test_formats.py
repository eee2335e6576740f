"""Word, OpenDocument, PDF and scanned reports (indexer/office.py, indexer/pdf.py,
indexer/official.py), on real files made by python-docx and LibreOffice
(tests/data/formats/make.py) from one official report with a running header, a page-number
footer and an award table."""

import os
import shutil

import pytest

from indexer.decoding import UnreadableFile
from indexer.pdf import join_pages
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
# the text names is taken for the district; a one-page PDF's running header cannot be told
# from a line of text.
KNOWN_MISSES = {("plan.docx", "district"), ("plan.pdf", "district"),
                ("plan.pdf", "Công đoàn ngành Giáo dục Nghệ An – Kế hoạch")}


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


@pytest.mark.parametrize("name", ["report.docx", "report.odt", "report.doc"])
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
])
def test_pdf_lines_are_joined_into_paragraphs(pages, expected):
    assert join_pages(pages) == expected


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


def test_an_award_table_with_an_empty_cell():
    plan = load_report(FORMATS / "plan.docx", FORMATS)
    assert [(a.award, a.collectives, a.individuals) for a in plan.awards] == [
        (award, collectives, individuals) for award, _, collectives, individuals in PLAN_AWARDS]
