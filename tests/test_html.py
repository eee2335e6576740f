import pytest

from indexer.html import extract_article
from indexer.normalize import normalize_text
from indexer.readers import UnreadableFile
from tests.conftest import DATA


def _article(name: str):
    raw = extract_article((DATA / name).read_bytes())
    return raw, normalize_text(raw.text)


@pytest.mark.parametrize(
    "kept",
    [
        "Ngày 18/8/2022, Công đoàn Giáo dục tỉnh Nghệ An tổ chức Hội nghị tổng kết",
        "Đồng chí Trần Thị Thủy – Phó Giám đốc",  # "đồng chí" as written
        "tổ chức nhiều hoạt động thiết thực <không> phô trương",  # entities decoded once
        "tặng Giấy khen cho 20 tập thể và 45 cá nhân",
        "Tin, ảnh: Hồ Minh Tâm",
    ],
)
def test_cms_page_keeps_the_article(kept):
    _, text = _article("cms_page.html")
    assert kept.lower() in text.lower()


@pytest.mark.parametrize(
    "dropped",
    [
        "window.dataLayer",  # script
        "font-family",  # style
        "CHÀO MỪNG ĐẠI HỘI",  # banner in the header
        "Liên hệ",  # menu
        "Chia sẻ Facebook",  # share widget
        "Lượt xem",  # post meta
        "Tags:",  # tag list
        "Tin khác",  # related articles
        "LĐLĐ tỉnh Cà Mau",
        "Thời tiết",  # sidebar
        "Bản quyền",
        "Lê Lợi",  # footer
    ],
)
def test_cms_page_drops_the_chrome(dropped):
    _, text = _article("cms_page.html")
    assert dropped not in text


def test_cms_page_hints():
    raw, _ = _article("cms_page.html")
    assert raw.hints["title"] == "Công đoàn Giáo dục tỉnh Nghệ An tổng kết năm học 2021 – 2022"
    assert raw.hints["published"].startswith("2022-08-20")


def test_legacy_table_page_in_windows_1258():
    raw, text = _article("legacy_table_page.html")
    assert raw.encoding == "windows-1258"
    assert text.startswith("LĐLĐ huyện Bình Lục tổng kết hoạt động công đoàn khối trường học")
    assert "trao bằng khen, giấy khen cho 14 tập thể 28 cá nhân" in text
    for chrome in ("Giới thiệu", "Hồ Chí Minh", "Bản quyền", "LIÊN ĐOÀN LAO ĐỘNG TỈNH"):
        assert chrome not in text


def test_page_without_article_text_is_refused():
    with pytest.raises(UnreadableFile, match="no article text"):
        extract_article((DATA / "no_article.html").read_bytes())
