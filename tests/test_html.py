from dataclasses import dataclass, field
from pathlib import Path

import pytest

from indexer import load_report
from indexer.chrome import strip_chrome
from indexer.html import extract_article
from indexer.normalize import normalize_line, normalize_text
from indexer.readers import UnreadableFile
from tests.conftest import DATA
from tests.pages import PAGES as PAGES_DIR
from tests.pages import expected, ingest


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


# --- Pages of many site builders (tests/data/pages: NAME.html and its article NAME.txt) ---

BUILDER_PAGES = sorted(path.stem for path in PAGES_DIR.glob("*.html"))

# Chrome that no page may keep, inside the article's container or around it.
CHROME_EVERYWHERE = (
    "Lượt xem", "lượt xem", "Lượt truy cập", "Chia sẻ", "Facebook", "Zalo", "Về đầu trang",
    "Bản quyền", "©", "Thống kê truy cập", "Hôm nay", "Tổng lượt truy cập", "Tin liên quan",
    "In bài", "Gửi email", "Trang chủ", "Đăng nhập", "Tìm kiếm", "Bình luận", "bình luận",
    "Đăng bởi", "Viết bởi", "Xem thêm", "Từ khóa", "Tags", "Nhãn:", "Trước", "Tiếp",
)
# Chrome of each page: its menu, byline, related articles, sidebar, comments, footer ("…\n":
# a whole line).
CHROME_OF = {
    "awards_list": ("Văn bản mới", "Kế hoạch số 12/KH-CĐGD", "Cập nhật lúc", "Các tin khác",
                    "Hội thi “Giáo viên dạy giỏi”", "Thị trấn Lai Cách"),
    "blogger": ("Thứ Hai, 10 tháng 12, 2018", "vào lúc", "Gửi email bài đăng này", "BlogThis!",
                "Hội nghị, Tin hoạt động", "Không có nhận xét nào", "Bài đăng Mới hơn",
                "Đăng Nhận xét (Atom)", "Giới thiệu về tôi", "Lưu trữ Blog",
                "Tập huấn công tác nữ công", "48.213", "Được tạo bởi"),
    "dotnetnuke": ("Tin hoạt động", "Chính sách – Pháp luật", "Chuyên mục", "Thứ Sáu, 18/06/2021",
                   "3.128", "sơ kết học kỳ I năm học 2020-2021", "Đang truy cập",
                   "Liên kết website", "Sở Giáo dục và Đào tạo Đắk Lắk", "08 Nguyễn Tất Thành",
                   "Điều khoản sử dụng"),
    "drupal": ("Chuyển đến nội dung", "Main navigation", "Gửi bởi", "bientap", "thi đua\n",
               "lao động giỏi\n", "1.204", "Thêm bình luận mới", "Tên của bạn", "Tin mới",
               "Tuyên dương 50 chủ tịch", "96 Nguyễn Nghiêm"),
    "egov_portal": ("Chuyên mục", "Tin trong huyện", "Đang truy cập", "3.102.466",
                    "Công đoàn – Đoàn thể", "Thứ Ba, 09/01/2024", "2.345",
                    "Đại hội Công đoàn huyện Krông Pắc lần thứ XI", "Vì em hiếu học",
                    "Các tin đã đưa", "giải bóng đá", "Trưởng ban biên tập", "Cơ quan chủ quản",
                    "Chào mừng kỷ niệm"),
    "google_sites": ("Gmail", "Quay lại trang web", "Tìm kiếm trang web này", "Văn bản",
                     "Đăng ngày 05/01/2024", "Cổng thông tin điện tử huyện Đồng Phú",
                     "Báo cáo lạm dụng", "Google Sites", "Chi tiết trang"),
    "joomla": ("LĐLĐ tỉnh Thái Bình\n", "Bạn đang ở", "Chi tiết", "Quản trị viên",
               "Chuyên mục", "Ngày đăng", "1876", "Tin cùng chuyên mục",
               "Công đoàn Viên chức tỉnh tập huấn", "Quên mật khẩu", "Tất cả", "2315678",
               "Trần Thánh Tông"),
    "joomla15": ("CÔNG ĐOÀN VIỆT NAM – ĐỔI MỚI", "Menu chính", "Thành viên: 12",
                 "Hiện có", "Hoàng Minh\n", "Tháng 1 2013", "Lần cập nhật cuối",
                 "Những tin mới hơn", "Trao quà Tết cho giáo viên vùng cao",
                 "Hội thao giáo viên huyện Văn Chấn"),
    "liferay_portal": ("Bỏ qua nội dung", "Thủ tục hành chính", "Tin hoạt động", "Quay lại",
                       "Ngày đăng", "2.345", "Hội nghị Ban Chấp hành LĐLĐ tỉnh lần thứ 11",
                       "Tin mới", "Hội thao công nhân viên chức lao động tỉnh", "12.345.678",
                       "Cơ quan chủ quản", "Giấy phép số"),
    "news_inline": ("Báo Lao Động Bắc Ninh", "#Lương tối thiểu", "Việc làm", "Nguyễn Hằng Thứ năm",
                    "GMT+7", "“Bữa cơm công đoàn” ấm tình", "nhà trọ công nhân KCN",
                    "Copy link", "Tin cùng chuyên mục", "Thăm hỏi công nhân bị tai nạn",
                    "Đọc nhiều", "Chậm trả lương", "Tổng biên tập"),
    "nukeviet": ("Trình duyệt của bạn", "Thành phố Hà Tĩnh\n", "Trang nhất", "Thứ sáu",
                 "hội nghị viên chức,", "Tổng số điểm", "Click để đánh giá",
                 "vi phạm bản quyền", "Những tin mới hơn", "Trao quà cho đoàn viên nhân Ngày Nhà giáo",
                 "Lễ khai giảng", "Tháng hiện tại", "412,876", "Phường Bắc Hà",
                 "Bạn đã không sử dụng Site"),
    "plain_div": ("LĐLĐ tỉnh Nam Định", "Tin tức", "Chính sách", "Liên hệ", "Tin cùng chuyên mục",
                  "Bữa cơm Công đoàn", "Tết Sum vầy", "Đọc nhiều", "Lương tối thiểu vùng",
                  "100 Hùng Vương", "ldldnamdinh.vn"),
    "print_view": ("CÔNG ĐOÀN NGÀNH GIÁO DỤC TỈNH SƠN LA", "Ngày đăng", "Nguồn:",
                   "In trang này", "Đóng cửa sổ"),
    "search_form": ("Đường dây nóng", "CÔNG ĐOÀN GIÁO DỤC TỈNH CÀ MAU", "Tin hoạt động",
                    "Tin nổi bật", "300 phần quà Tết", "Đăng lúc", "Ý kiến bạn đọc", "Họ và tên",
                    "Gửi ý kiến", "Mật khẩu", "Thăm dò ý kiến", "Rất tốt", "Đọc nhiều nhất",
                    "Đại hội Công đoàn Giáo dục tỉnh Cà Mau lần thứ X", "Phan Ngọc Hiển"),
    "sharepoint": ("Bật chế độ trợ năng", "Skip", "Liên đoàn Lao động tỉnh Lạng Sơn\n",
                   "đổi mới nội dung, phương thức", "Tin tức – Sự kiện", "Văn bản",
                   "Đang online", "5.871.230", "Ngày đăng", "1.245",
                   "Hội nghị viên chức các trường THPT", "Tặng quà Tết Canh Tý",
                   "Hoàng Văn Thụ", "Ghi rõ nguồn"),
    "table_layout": ("DANH MỤC", "Tin hoạt động", "Thi đua khen thưởng", "LIÊN KẾT",
                     "Tổng LĐLĐ Việt Nam", "Cập nhật", "In trang", "Các tin khác",
                     "Hội thao công nhân viên chức", "THỐNG KÊ", "Đang online", "125.430",
                     "THĂM DÒ Ý KIẾN", "Bạn thấy trang web thế nào", "Lê Hồng Phong"),
    "wix": ("top of page", "NGHIỆP ĐOÀN NGHỀ CÁ HOÀI NHƠN", "Tin tức", "Liên hệ", "Ban biên tập",
            "19 thg 9, 2022", "phút đọc", "Twitter", "LinkedIn", "Liên kết bài viết",
            "Bài đăng gần đây", "Xem tất cả", "Hỗ trợ ngư dân", "Chưa có bình luận", "Wix.com"),
    "wordpress": ("Chuyển đến nội dung", "Tổ ấm của người lao động", "Giới thiệu", "Văn bản",
                  "Đăng vào", "bởi admin", "2.345", "Có liên quan", "sơ kết học kỳ I",
                  "Hội thao chào mừng", "Chuyên mục", "Thẻ", "Bài trước",
                  "Trao quà cho con đoàn viên", "Trần Văn Bình", "Để lại một bình luận",
                  "Bài viết mới", "Giải bóng chuyền hơi", "Đang trực tuyến", "184.220",
                  "Vận hành bởi WordPress"),
}


# What the indexer must read from each page, written from reading the pages: the
# metadata fields whose value the page states plainly (tests/accuracy.py measures them).
FIELDS_OF = {
    "awards_list": {"date": "2022-06-02", "school_year": "2021-2022",
                    "report_type": "tổng kết năm học", "province": "Hải Dương",
                    "district": "Cẩm Giàng", "organization": "Công đoàn Giáo dục huyện Cẩm Giàng",
                    "awards": [("Bằng khen", 2, 5), ("Giấy khen", 12, 30)]},
    "blogger": {"date": "2018-12-08", "school_year": "2018-2019", "province": "Thừa Thiên Huế",
                "organization": "Công đoàn trường THCS Nguyễn Du",
                "awards": [("Giấy khen", 4, 11)]},
    "dotnetnuke": {"date": "2021-06-17", "school_year": "2020-2021",
                   "report_type": "tổng kết năm học", "province": "Đắk Lắk",
                   "organization": "Công đoàn Giáo dục tỉnh Đắk Lắk",
                   "awards": [("Bằng khen", 3, 5), ("Giấy khen", 42, 97)]},
    "drupal": {"date": "2023-04-24", "province": "Quảng Ngãi",
               "organization": "Liên đoàn Lao động tỉnh Quảng Ngãi",
               "awards": [("Bằng khen", 6, 11), ("Bằng khen", 35, 72)]},
    "egov_portal": {"date": "2024-01-08", "province": "Đắk Lắk", "district": "Krông Pắc",
                    "awards": [("Bằng khen", 2, 3), ("Giấy khen", 18, 35)]},
    "google_sites": {"date": "2024-01-04", "province": "Bình Phước", "district": "Đồng Phú",
                     "organization": "Công đoàn cơ sở xã Tân Phú"},
    "joomla": {"date": "2019-07-15", "province": "Thái Bình",
               "awards": [("Giấy khen", 9, 21)]},
    "joomla15": {"date": "2013-01-19", "school_year": "2012-2013",
                 "report_type": "sơ kết học kỳ", "province": "Yên Bái", "district": "Văn Chấn",
                 "organization": "Công đoàn Giáo dục huyện Văn Chấn"},
    "liferay_portal": {"date": "2023-07-20", "province": "Quảng Trị",
                       "awards": [("Bằng khen", 4, 7)]},
    "news_inline": {"province": "Bắc Ninh"},
    "nukeviet": {"date": "2023-10-12", "school_year": "2023-2024", "province": "Hà Tĩnh",
                 "organization": "Công đoàn trường Tiểu học Kim Đồng"},
    "plain_div": {"date": "2024-03-14", "province": "Nam Định"},
    "print_view": {"date": "2021-09-01", "school_year": "2020-2021", "province": "Sơn La",
                   "organization": "Công đoàn ngành Giáo dục tỉnh Sơn La"},
    "search_form": {"date": "2024-01-24", "school_year": "2023-2024",
                    "report_type": "sơ kết học kỳ", "province": "Cà Mau",
                    "awards": [("Giấy khen", 8, 15)]},
    "sharepoint": {"date": "2020-01-10", "school_year": "2019-2020",
                   "report_type": "sơ kết học kỳ", "province": "Lạng Sơn",
                   "organization": "Công đoàn Viên chức tỉnh Lạng Sơn",
                   "awards": [("Giấy khen", 7, 16)]},
    "table_layout": {"date": "2009-08-10", "school_year": "2008-2009",
                     "report_type": "tổng kết năm học", "province": "Ninh Bình",
                     "awards": [("Bằng khen", 2, 4), ("Giấy khen", 25, 63)]},
    "wix": {"date": "2022-09-18", "province": "Bình Định",
            "organization": "Nghiệp đoàn Nghề cá Hoài Nhơn"},
    "wordpress": {"date": "2023-05-31", "school_year": "2022-2023",
                  "report_type": "tổng kết năm học", "province": "Thanh Hóa",
                  "organization": "Công đoàn trường THPT Chu Văn An"},
}


@dataclass(frozen=True)
class Page:
    """A builder page with what it must give: metadata fields (``title`` from its ``.txt``),
    chrome that must be gone, and the article's lines."""

    path: Path
    fields: dict = field(default_factory=dict)
    chrome: tuple[str, ...] = ()
    body: tuple[str, ...] = ()


def _labelled(name: str) -> Page:
    path = PAGES_DIR / f"{name}.html"
    title, body = expected(path)
    source = normalize_text(path.read_text(encoding="utf-8"))
    return Page(path, {"title": normalize_line(title), **FIELDS_OF[name]},
                tuple(normalize_line(chrome) for chrome in CHROME_EVERYWHERE + CHROME_OF[name]
                      if not chrome.endswith("\n") and normalize_line(chrome) in source),
                tuple(normalize_line(line) for line in body.split("\n")))


# The labelled pages, for tests/accuracy.py (the chrome that each page's source holds).
PAGES = [_labelled(name) for name in sorted(FIELDS_OF)]


def _page(name: str) -> tuple[str, str, str, dict[str, str]]:
    """(the page's text as ingestion leaves it, its expected title, its expected article,
    its hints)."""
    path = PAGES_DIR / f"{name}.html"
    raw = extract_article(path.read_bytes())
    title, body = expected(path)
    return ingest(raw.text), title, body, raw.hints


def test_every_builder_page_is_tested():
    assert sorted(CHROME_OF) == sorted(FIELDS_OF) == BUILDER_PAGES
    assert len(BUILDER_PAGES) >= 18


@pytest.mark.parametrize("name", BUILDER_PAGES)
def test_builder_page_keeps_its_article(name):
    text, title, body, _ = _page(name)
    lines = set(text.split("\n"))
    for line in body.split("\n"):
        assert normalize_line(line) in lines


@pytest.mark.parametrize("name", BUILDER_PAGES)
def test_builder_page_drops_its_chrome(name):
    text, *_ = _page(name)
    lines = f"\n{text}\n"
    left = [chrome for chrome in CHROME_EVERYWHERE + CHROME_OF[name]
            if (f"\n{normalize_line(chrome.strip())}\n" if chrome.endswith("\n")
                else normalize_line(chrome)) in lines]
    assert left == []


@pytest.mark.parametrize("name", BUILDER_PAGES)
def test_builder_page_title(name):
    text, title, _, hints = _page(name)
    assert hints["title"] == title
    assert text.split("\n")[0] == normalize_line(title)


@pytest.mark.parametrize("name", ["sharepoint", "dotnetnuke", "egov_portal"])
def test_form_wrapped_pages_are_reports(name, tmp_path):
    """The issue's SharePoint and DotNetNuke pages: the whole page sits in one <form>."""
    page = tmp_path / f"{name}.html"
    page.write_bytes((PAGES_DIR / f"{name}.html").read_bytes())
    report = load_report(page, tmp_path)
    title, body = expected(PAGES_DIR / f"{name}.html")
    assert report.title == normalize_line(title)
    assert normalize_line(body.split("\n")[-2]) in report.text  # the award sentence


@pytest.mark.parametrize(
    ("page", "published"),
    [("sharepoint", "2020-01-14"), ("egov_portal", "2024-01-09"), ("joomla15", "2013-01-21")],
)
def test_date_lines_around_the_article_date_it(page, published, tmp_path):
    """A date line inside the article's container is removed by the line rules, which read
    it; one outside it (Joomla 1.5's own table row) is read by html.py."""
    path = tmp_path / f"{page}.html"
    path.write_bytes((PAGES_DIR / f"{page}.html").read_bytes())
    assert load_report(path, tmp_path).published == published


def test_a_related_box_in_the_middle_takes_no_paragraph_with_it():
    text, *_ = _page("egov_portal")
    lines = text.split("\n")
    before = lines.index(normalize_line(
        "Phong trào thi đua “Giỏi việc nước, đảm việc nhà” trong nữ công nhân, viên chức, lao "
        "động được duy trì; 12 sáng kiến được Hội đồng sáng kiến huyện công nhận."))
    assert lines[before + 1].startswith("Tại hội nghị, Liên đoàn Lao động tỉnh Đắk Lắk")


def test_a_data_table_row_is_one_line():
    text, *_ = _page("awards_list")
    assert "Bằng khen | LĐLĐ tỉnh Hải Dương | 2 | 5" in text.split("\n")


# --- The rules on small pages ----------------------------------------------------------

ARTICLE = ("<p>Ngày 12/3/2020, Công đoàn trường THCS Lê Lợi tổ chức Hội nghị cán bộ, viên chức "
           "năm học 2019-2020 với sự tham gia của 45 đoàn viên.</p><p>Dịp này, nhà trường tặng "
           "Giấy khen cho 3 tập thể và 9 cá nhân có thành tích xuất sắc trong năm học.</p>")
MENU = '<ul><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc">Tin tức</a></li></ul>'


def _text(body: str) -> str:
    page = f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>"
    return ingest(extract_article(page.encode("utf-8")).text)


@pytest.mark.parametrize(
    "wrapper",
    [
        '<form method="post" action="./default.aspx" id="aspnetForm">{}</form>',  # SharePoint
        '<form method="post" id="Form" enctype="multipart/form-data">{}</form>',  # DotNetNuke
        "<header>{}</header>",
        "<aside>{}</aside>",
        '<div role="complementary">{}</div>',
        '<div class="content has-sidebar">{}</div>',
        '<div class="main-nav-wrapper">{}</div>',
        '<div style="display:none">{}</div>',  # hidden elements are chrome, but not this one
    ],
)
def test_a_container_is_never_dropped_for_its_tag_or_name_alone(wrapper):
    text = _text(wrapper.format(f"<nav>{MENU}</nav><div>{ARTICLE}</div>"))
    assert "tặng Giấy khen cho 3 tập thể và 9 cá nhân" in text
    assert "Tin tức" not in text  # the chrome inside it still goes


@pytest.mark.parametrize(
    "form",
    [
        '<form action="/tim-kiem"><input name="q"><button>Tìm kiếm</button></form>',
        '<form id="login-form"><label>Tên đăng nhập</label><input name="u">'
        '<label>Mật khẩu</label><input type="password"><button>Đăng nhập</button></form>',
        '<form action="/binh-chon"><div>Bạn đánh giá thế nào về trang web?</div>'
        "<label><input type=radio> Rất tốt</label><label><input type=radio> Tốt</label></form>",
    ],
)
def test_small_forms_are_dropped(form):
    text = _text(f"{form}<div>{ARTICLE}</div>")
    assert "tặng Giấy khen cho 3 tập thể" in text
    for chrome in ("Tìm kiếm", "Mật khẩu", "Tên đăng nhập", "Rất tốt", "Bạn đánh giá"):
        assert chrome not in text


@pytest.mark.parametrize(
    "body",
    [
        f'<div class="x9f">{ARTICLE}</div>',  # no semantic name at all
        "<div>Hội nghị tổng kết năm học.</div><div>Trao 5 Bằng khen.</div>",  # short paragraphs
        "Ngày 12/3/2020, Công đoàn trường tổ chức hội nghị viên chức với 45 đoàn viên.",
        f'<div class="comments">{ARTICLE}</div>',  # names that mislead
        f'<div class="sidebar"><p>{ARTICLE}</p></div><div class="related">{ARTICLE}</div>',
        f'<div><span class="share">{ARTICLE}</span></div>',  # inline, named as chrome
    ],
)
def test_a_page_with_paragraphs_never_yields_no_article_text(body):
    assert _text(body).strip()


@pytest.mark.parametrize(
    "chrome",
    [
        '<div class="x1">Tin liên quan</div><ul><li><a href="/a">Hội nghị sơ kết học kỳ I</a>'
        '</li><li><a href="/b">Trao quà Tết</a></li></ul>',
        '<div><b>Thống kê truy cập</b><div>Đang truy cập: 125</div><div>Hôm nay: 3.456</div></div>',
        '<div class="tool"><a href="#">In bài</a> | <a href="#">Gửi email</a> | '
        '<a href="#top">Về đầu trang</a></div>',
        '<div>Chia sẻ: <a href="#">Facebook</a> | <a href="#">Zalo</a></div>',
        "<div>Lượt xem: 2.345</div>",
        '<div class="p1"><a href="/1">« Trước</a> <a href="/2">Tiếp »</a></div>',
        "<div>Bản quyền © 2023 Công đoàn Giáo dục tỉnh. Địa chỉ: 12 Lê Lợi</div>",
    ],
)
def test_chrome_inside_the_article_container_goes(chrome):
    text = _text(f'<div class="x2">{ARTICLE}{chrome}'
                 '<p>Hội nghị đã thống nhất các chỉ tiêu thi đua của năm học 2020-2021 và bầu '
                 "Ban Thanh tra nhân dân.</p></div>")
    assert "Ban Thanh tra nhân dân" in text
    for word in ("Tin liên quan", "Trao quà Tết", "truy cập", "3.456", "In bài", "Về đầu trang",
                 "Facebook", "Lượt xem", "Trước", "Tiếp", "Bản quyền", "Lê Lợi"):
        assert word not in text.replace("THCS Lê Lợi", "")


# --- Line rules of indexer/data/chrome.txt that web pages need --------------------------


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Chia sẻ: Facebook | Zalo", None),
        ("In bài | Gửi email | Về đầu trang", None),
        ("Bài đăng Mới hơn Bài đăng Cũ hơn Trang chủ", None),
        ("< Trước", None),
        ("Lượt xem: 2.345", None),
        ("1.204 lượt xem", None),
        ("Lượt truy cập: 1876", None),
        ("Thống kê truy cập", None),
        ("Tổng lượt truy cập: 12.345.678", None),
        ("Hiện có 18 khách trực tuyến", None),
        ("Bản quyền © 2020 Liên đoàn Lao động tỉnh Lạng Sơn", None),
        ("© 2024 ldldnamdinh.vn", None),
        ("Viết bởi Quản trị viên", None),
        ("Chi tiết", None),
        ("Lần cập nhật cuối ( Thứ hai, 21 Tháng 1 2013 08:40 )", None),
        ("Từ khóa: hội nghị viên chức, công đoàn", None),
        ("Xem thêm: “Bữa cơm công đoàn” ấm tình cho công nhân", None),
        ("Nguồn: http://congdoangdsonla.edu.vn/tin-tuc/trao-hoc-bong-2021.html", None),
        ("Thứ Ba, 09/01/2024 | Lượt xem: 2.345", "09/01/2024"),
        ("Thứ sáu - 13/10/2023 09:15", "13/10/2023"),
        ("T3, 25/04/2023 - 15:40", "25/04/2023"),
        ("Nguyễn Hằng Thứ năm, 12/05/2022 06:40 (GMT+7)", "12/05/2022"),
        ("Gửi bởi bientap vào T3, 25/04/2023 - 15:40", "25/04/2023"),
    ],
)
def test_web_chrome_lines_are_removed(line, published):
    result = strip_chrome([normalize_line(line)])
    assert result.lines == []
    assert result.captures.get("published") == published


@pytest.mark.parametrize(
    "line",
    [
        "Trước đó, hội nghị đã nghe báo cáo kết quả năm học.",
        "Hội nghị diễn ra vào Thứ năm, 12/05/2022",
        "Hôm nay, 45 đoàn viên đã tham gia hiến máu.",
        "In ấn tài liệu phục vụ hội nghị.",
        "Bản quyền tác giả là một nội dung được tập huấn.",
        "Chi tiết các khoản chi được công khai tại hội nghị.",
        "Tiếp theo, đồng chí Chủ tịch công đoàn phát biểu.",
    ],
)
def test_report_lines_like_web_chrome_are_kept(line):
    assert strip_chrome([normalize_line(line)]).lines == [normalize_line(line)]
