import unicodedata

import pytest

from indexer.normalize import dedupe_lines, fold, normalize_line, normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Tone marks of oa/oe/uy syllables move to the first vowel (the documented convention).
        ("hoà bình", "hòa bình"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
        ("thuỷ lợi", "thủy lợi"),
        ("Uỷ ban Kiểm tra", "Ủy ban Kiểm tra"),
        ("khoẻ mạnh", "khỏe mạnh"),
        ("hoạ sĩ", "họa sĩ"),
        # With a final consonant both styles agree; after q the u is part of the consonant.
        ("hoàn thành", "hoàn thành"),
        ("tuyển dụng", "tuyển dụng"),
        ("quý I", "quý I"),
        # Dashes: ranges lose their spaces, phrase dashes become one spaced en dash.
        ("năm học 2018 – 2019", "năm học 2018-2019"),
        ("năm học 2019 - 2020", "năm học 2019-2020"),
        ("năm học 2018—2019", "năm học 2018-2019"),
        ("Ma Thế Quyên- Tỉnh ủy viên", "Ma Thế Quyên – Tỉnh ủy viên"),
        ("Vũ Minh Đức – Ủy viên", "Vũ Minh Đức – Ủy viên"),
        ("29-NQ/TW", "29-NQ/TW"),
        # Quotes, spaces, ellipses, invisible characters.
        ("“Dạy tốt – Học tốt”", '"Dạy tốt – Học tốt"'),
        ("‘a’", "'a'"),
        ("công\u00a0đoàn   giáo\tdục", "công đoàn giáo dục"),
        ("quận Bình Thủy...", "quận Bình Thủy…"),
        ("công\u200bđoàn\ufeff", "côngđoàn"),
    ],
)
def test_normalize_line(raw, expected):
    assert normalize_line(raw) == expected


def test_nfd_input_becomes_nfc():
    nfd = unicodedata.normalize("NFD", "Công đoàn Giáo dục huyện Bình Lục")
    assert nfd != "Công đoàn Giáo dục huyện Bình Lục"
    assert normalize_line(nfd) == "Công đoàn Giáo dục huyện Bình Lục"


def test_tone_variants_compare_equal():
    assert normalize_line("Bình Thuỷ") == normalize_line("Bình Thủy")
    assert normalize_line(unicodedata.normalize("NFD", "hoà")) == normalize_line("hòa")


def test_normalize_text_keeps_one_blank_line_between_paragraphs():
    assert normalize_text("a\r\n\r\n\r\n  b  \n\n") == "a\n\nb"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["caption", "caption", "caption", "text"], ["caption", "text"]),
        (["", "a", "", "b", ""], ["", "a", "", "b", ""]),
        # A teaser cut with an ellipsis that starts another paragraph is dropped.
        (
            ["Nhằm đánh giá những kết quả đạt được trong học kỳ…",
             "Nhằm đánh giá những kết quả đạt được trong học kỳ I, Ban Thường vụ tổ chức…x"],
            ["Nhằm đánh giá những kết quả đạt được trong học kỳ I, Ban Thường vụ tổ chức…x"],
        ),
        # A short line ending with an ellipsis is not a teaser.
        (["Còn nữa…", "Còn nữa thì sao"], ["Còn nữa…", "Còn nữa thì sao"]),
    ],
)
def test_dedupe_lines(lines, expected):
    assert dedupe_lines(lines) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Công đoàn", "Cong doan"), ("ĐOÀN", "DOAN"), ("Lạng Sơn", "Lang Son"), ("năm", "nam")],
)
def test_fold(text, expected):
    assert fold(text) == expected
