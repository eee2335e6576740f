import pytest

from indexer.readers import UnreadableFile, read_file
from tests.conftest import DATA

EXPECTED_START = "Công đoàn Giáo dục huyện Bình Lục sơ kết học kỳ I"


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("encoded_source.txt", "utf-8"),
        ("utf8_bom.txt", "utf-8-sig"),
        ("utf16.txt", "utf-16"),
        ("windows1258.txt", "windows-1258"),
        ("nfd.txt", "utf-8"),
    ],
)
def test_text_encodings_are_detected(name, encoding):
    from indexer.normalize import normalize_text

    raw = read_file(DATA / name)
    assert raw.encoding == encoding
    assert normalize_text(raw.text).startswith(EXPECTED_START)
    assert "hài hòa" in normalize_text(raw.text)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("bad/empty.txt", "empty file"),
        ("bad/whitespace.txt", "empty file"),
        ("bad/binary.txt", "binary file"),
        ("bad/truncated.txt", "truncated file"),
        ("bad/undecodable.txt", "undecodable text"),
        ("bad/report.docx", "not a readable Word file"),
        ("no_article.html", "no article text"),
        ("does-not-exist.txt", "cannot read file"),
    ],
)
def test_bad_files_raise_with_reason(name, reason):
    with pytest.raises(UnreadableFile, match=reason):
        read_file(DATA / name)


def test_utf8_mojibake_is_not_taken_for_windows_1258(tmp_path):
    # UTF-8 bytes with one invalid byte must not be "rescued" as Windows-1258 mojibake.
    path = tmp_path / "broken.txt"
    path.write_bytes("Công đoàn Giáo dục tỉnh".encode() + b"\xff" + "đoàn viên".encode())
    with pytest.raises(UnreadableFile, match="undecodable text"):
        read_file(path)


def test_markdown_markup_is_dropped():
    raw = read_file(DATA / "news_article.md")
    assert raw.text.startswith("Giá xăng giảm")
