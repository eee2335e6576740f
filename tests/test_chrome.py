import pytest

from indexer.chrome import load_rules, parse_rules, strip_chrome
from indexer.normalize import normalize_line


@pytest.mark.parametrize(
    "line",
    [
        "TOÀN ĐẢNG, TOÀN DÂN, TOÀN QUÂN RA SỨC THI ĐUA THỰC HIỆN THẮNG LỢI NHIỆM VỤ PHÁT TRIỂN "
        "KINH TẾ - XÃ HỘI NĂM 2022!",
        "Skip Ribbon Commands",
        "Skip to main content",
        "Print Thứ Tư, 27/09/2023 23:35 Gốc",
        "Thứ tư, 14 Tháng 8 2019 16:29",
        "Tin tức - Sự kiện",
        "IMG 0661 đc Vũ Minh Đức trao thưởng_opt",
        "QR Code",
        "QR CODE: Công đoàn ngành Giáo dục tập trung thực hiện chủ đề năm học 2023-2024",
        "Mã QR Code truy cập vào Fanpage Cổng tin tức Thành phố Hải Phòng",
        "Chia sẻ",
    ],
)
def test_chrome_lines_are_removed(line):
    result = strip_chrome([normalize_line(line)])
    assert result.lines == []
    assert result.chrome == [normalize_line(line)]


@pytest.mark.parametrize(
    "line",
    [
        "HỘI NGHỊ SƠ KẾT HOẠT ĐỘNG CÔNG ĐOÀN HỌC KỲ I NĂM HỌC 2016-2017",  # a title, no "!"
        "Tin, ảnh: Trương Văn Rua – CĐGD quận Bình Thủy",
        "Phương Mai",
        "Hội nghị tổng kết hoạt động công đoàn năm học 2022-2023.",
    ],
)
def test_report_lines_are_kept(line):
    assert strip_chrome([normalize_line(line)]).lines == [normalize_line(line)]


def test_tail_rule_removes_everything_after_it():
    lines = ["Bài viết.", "Tin khác", "Công đoàn Giáo dục Hà Nội tổng kết năm học 2029-2030"]
    result = strip_chrome(lines)
    assert result.lines == ["Bài viết."]
    assert result.chrome == lines[1:]


def test_captures_title_and_publication_stamp():
    result = strip_chrome([
        "Print Thứ Tư, 27/09/2023 23:35 Gốc",
        "Nội dung.",
        "Tiện ích thông tin",
        "QR CODE: Tiêu đề bài viết",
    ])
    assert result.captures == {"published": "27/09/2023", "title": "Tiêu đề bài viết"}


def test_rules_file_parses_and_is_not_empty():
    assert len(load_rules()) > 10


@pytest.mark.parametrize(
    ("text", "message"),
    [("drop ^x$", "expected 'line REGEX'"), ("line (unclosed", "bad regular expression")],
)
def test_bad_rule_is_reported_with_its_line(text, message):
    with pytest.raises(ValueError, match=message) as info:
        parse_rules(f"# comment\n{text}", "rules.txt")
    assert "rules.txt:2" in str(info.value)
