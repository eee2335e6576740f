"""Field-by-field expectations for the five sample reports (written from reading them) and
for the hand-written hard cases in tests/data/."""

import pytest

from indexer.metadata import extract_metadata
from indexer.report import load_report

SEEDS = {
    "000": {
        "title": "HỘI NGHỊ SƠ KẾT HOẠT ĐỘNG CÔNG ĐOÀN HỌC KỲ I, TRIỂN KHAI NHIỆM VỤ TRỌNG TÂM "
                 "HỌC KỲ II NĂM HỌC 2016-2017 CỦA CÔNG ĐOÀN GIÁO DỤC QUẬN BÌNH THỦY",
        "date": "2017-03-02",
        "published": "",
        "school_year": "2016-2017",
        "semester": "I",
        "report_type": "sơ kết học kỳ",
        "province": "Cần Thơ",
        "district": "Bình Thủy",
        "organization": "Công đoàn Giáo dục quận Bình Thủy",
        "author": "Trương Văn Rua",
        "people": [
            "Lương Hiển Vinh – Ủy viên Ban Chấp hành Liên đoàn Lao động thành phố Cần Thơ, "
            "Chủ tịch Công đoàn ngành Giáo dục thành phố",
            "Nguyễn Kiều Phương – Quận ủy viên, Trưởng phòng Giáo dục và Đào tạo quận Bình Thủy",
        ],
    },
    "001": {
        "title": "Công đoàn ngành Giáo dục tập trung thực hiện chủ đề năm học 2023-2024 hoàn "
                 "thành tốt các mục tiêu đổi mới",
        "date": "2023-09-27",
        "published": "2023-09-27",
        "school_year": "2022-2023",
        "semester": "",
        "report_type": "tổng kết năm học",
        "province": "Hải Phòng",  # only the portal's footer names the city: weak, but alone
        "district": "",
        "organization": "Công đoàn ngành Giáo dục",
        "author": "Phương Mai",
        "people": [],
    },
    "002": {
        "title": "Công đoàn Giáo dục Lạng Sơn tổ chức Hội nghị Tổng kết công tác Công đoàn năm "
                 "học 2018-2019, triển khai nhiệm vụ năm học 2019-2020",
        "date": "2019-08-12",
        "published": "2019-08-14",
        "school_year": "2018-2019",
        "semester": "",
        "report_type": "tổng kết năm học",
        "province": "Lạng Sơn",
        "district": "",
        "organization": "Công đoàn Giáo dục Lạng Sơn",
        "author": "Lan Anh",
        "people": [
            "Vũ Minh Đức – Ủy viên Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam, Chủ tịch "
            "Công đoàn Giáo dục Việt Nam",
            "Lương Chí Công – Phó Chủ tịch Liên đoàn Lao động tỉnh Lạng Sơn",
            "Nguyễn Minh Châu – Phó Giám đốc Sở Giáo dục và Đào tạo tỉnh Lạng Sơn",
        ],
    },
    "003": {
        "title": "Công đoàn Giáo dục tỉnh đã tổ chức Hội nghị sơ kết công tác công đoàn học kì "
                 "I, triển khai nhiệm vụ trong tâm học kỳ II năm học 2020 và trao quà Tết đến "
                 "CBNGNLĐ có hoàn cảnh khó khăn của ngành",
        "date": "2020-01-15",
        "published": "",
        # The text says "năm học 2020"; a semester-I review in January 2020 is 2019-2020.
        "school_year": "2019-2020",
        "semester": "I",
        "report_type": "sơ kết học kỳ",
        "province": "Bắc Kạn",
        "district": "",
        "organization": "Công đoàn Giáo dục tỉnh Bắc Kạn",
        "author": "Phan Tuệ",
        "people": [
            "Ma Thế Quyên – Tỉnh ủy viên, Giám đốc Sở",
            "Nguyễn Thiện Nhân – Ủy viên Bộ Chính trị, Bí thư thành ủy Thành phố Hồ Chí Minh",
            "Phan Văn Anh – Phó Chủ tịch Tổng LĐLĐ Việt Nam",
            "Phan Ngọc Tuệ – Chủ tịch Công đoàn ngành",
        ],
    },
    "004": {
        "title": "LĐLĐ huyện Bình Lục tổ chức hội nghị tổng kết hoạt động công đoàn năm học "
                 "2019-2020 – Triển khai nhiệm vụ công đoàn năm học 2020-2021",
        "date": "",  # the page gives no date at all
        "published": "",
        "school_year": "2019-2020",
        "semester": "",
        "report_type": "tổng kết năm học",
        "province": "Hà Nam",
        "district": "Bình Lục",
        "organization": "Liên đoàn Lao động huyện Bình Lục",
        "author": "",
        "people": [],
    },
}

AWARDS = {
    "000": [],
    "001": [
        ("Cờ thi đua", "Tổng LĐLĐ Việt Nam", 4, None),
        ("Cờ thi đua", "Công đoàn Giáo dục Việt Nam", 12, None),
        ("Bằng khen", "Công đoàn Giáo dục Việt Nam", 65, 278),
        ("Cờ thi đua", "LĐLĐ thành phố", 18, None),
    ],
    "002": [
        ("Bằng khen", "Công đoàn Giáo dục Việt Nam", 3, 6),
        ("Bằng khen", "Liên đoàn Lao động tỉnh", 2, 7),
        ("Giấy khen", "Ban Chấp hành Công đoàn ngành Giáo dục tỉnh", 7, 25),
        ("Giấy khen", "Ban Chấp hành Công đoàn ngành Giáo dục tỉnh", 3, 4),
    ],
    "003": [],  # quà Tết are gifts, not awards
    "004": [("Bằng khen, Giấy khen", "LĐLĐ huyện", 14, 28)],
}

CASES = [(seed, name, value) for seed, fields in SEEDS.items() for name, value in fields.items()]


@pytest.mark.parametrize(("seed", "field", "expected"), CASES)
def test_seed_metadata(seeds, seed, field, expected):
    assert getattr(seeds[seed], field) == expected


@pytest.mark.parametrize("seed", sorted(AWARDS))
def test_seed_awards(seeds, seed):
    records = [(a.award, a.body, a.collectives, a.individuals) for a in seeds[seed].awards]
    assert records == AWARDS[seed]


SEED_CHROME = [
        ("000", "TOÀN ĐẢNG"),  # slogan
        ("001", "Print Thứ Tư"),
        ("001", "QR Code"),
        ("001", "Tin khác"),
        ("001", "Tiện ích thông tin"),
        ("002", "IMG 0661"),
        ("002", "Thứ tư, 14 Tháng 8 2019"),
        ("004", "Skip Ribbon Commands"),
        ("004", "Tin tức – Sự kiện"),
        ("004", "năm học 2020-2021 – Triển khai nhiệm vụ công đoàn nă…"),  # truncated teaser
]


@pytest.mark.parametrize(("seed", "gone"), SEED_CHROME)
def test_seed_chrome_is_gone(seeds, seed, gone):
    assert gone not in seeds[seed].text


def test_repeated_captions_kept_once(seeds):
    caption = "Các tập thể được nhận Cờ thi đua của Tổng LĐLĐ Việt Nam"
    assert seeds["001"].text.count(caption) == 1


def test_teaser_paragraph_dropped(seeds):
    assert seeds["000"].text.count("Nhằm đánh giá những kết quả đạt được") == 1


HARD_CASES = {
    "misleading_chrome.txt": {
        # The slogan says 2024 and the footer names Hồ Chí Minh City; the report says neither.
        "school_year": "2018-2019",
        "date": "2019-01-10",
        "province": "Vĩnh Phúc",
        "district": "Tam Đảo",
        "report_type": "sơ kết học kỳ",
        "semester": "I",
    },
    "chrome_city_only.txt": {"province": "Hải Phòng", "school_year": "2022-2023", "date": ""},
    "old_tone_marks.txt": {
        "title": "Công đoàn Giáo dục tỉnh Hòa Bình tổng kết năm học 2018-2019",
        "province": "Hòa Bình",
        "school_year": "2018-2019",
        "date": "2019-06-05",
        "people": ["Bùi Văn Thủy – Ủy viên Ban Thường vụ Liên đoàn Lao động tỉnh"],
    },
    "windows1258.txt": {
        "title": "Công đoàn Giáo dục huyện Bình Lục sơ kết học kỳ I năm học 2021-2022",
        "province": "Hà Nam",
        "district": "Bình Lục",
        "date": "2022-01-14",
        "semester": "I",
    },
    "nfd.txt": {"province": "Hà Nam", "organization": "Công đoàn Giáo dục huyện Bình Lục"},
    "cms_page.html": {
        "title": "Công đoàn Giáo dục tỉnh Nghệ An tổng kết năm học 2021-2022",
        "date": "2022-08-18",
        "published": "2022-08-20",
        "school_year": "2021-2022",
        "province": "Nghệ An",  # not Hồ Chí Minh (footer, sidebar) nor Hà Nội (tags)
        "organization": "Công đoàn Giáo dục tỉnh Nghệ An",
        "author": "Hồ Minh Tâm",
    },
    "legacy_table_page.html": {
        "title": "LĐLĐ huyện Bình Lục tổng kết hoạt động công đoàn khối trường học",
        "province": "Hà Nam",
        "date": "2020-07-28",
    },
    # Not a union report: still a document with what metadata it has.
    "news_article.md": {
        "title": "Giá xăng giảm lần thứ ba liên tiếp",
        "date": "2022-10-03",
        "report_type": "khác",
        "school_year": "",
        "province": "Đà Nẵng",
    },
}


@pytest.mark.parametrize(
    ("name", "field", "expected"),
    [(name, f, v) for name, fields in HARD_CASES.items() for f, v in fields.items()],
)
def test_hard_case_metadata(data_report, name, field, expected):
    assert getattr(data_report(name), field) == expected


def test_award_word_orders_file(data_report):
    records = [(a.award, a.body, a.collectives, a.individuals)
               for a in data_report("awards_word_orders.txt").awards]
    assert records == [
        ("Bằng khen", "Sở Giáo dục và Đào tạo", 5, 12),
        ("Bằng khen", "Chủ tịch UBND tỉnh", 3, 10),
        ("Giấy khen", "Công đoàn ngành", None, 15),
        ("Cờ thi đua", "LĐLĐ tỉnh", 2, None),
        ("Cờ thi đua", "LĐLĐ tỉnh", 2, None),
        ("Bằng khen", "LĐLĐ tỉnh", None, 9),
        ("Bằng khen", "Tổng Liên đoàn Lao động Việt Nam", 1, 3),
    ]


@pytest.mark.parametrize(
    ("title", "report_type"),
    [
        ("Hội nghị sơ kết học kỳ I năm học 2019-2020", "sơ kết học kỳ"),
        ("Sơ kết công tác công đoàn học kì II", "sơ kết học kỳ"),
        ("Tổng kết hoạt động công đoàn năm học 2019-2020", "tổng kết năm học"),
        ("Đại hội Công đoàn Giáo dục huyện lần thứ V", "đại hội"),
        ("Lễ tuyên dương nhà giáo tiêu biểu", "khen thưởng"),
        ("Giá xăng giảm", "khác"),
    ],
)
def test_report_type_vocabulary(title, report_type):
    meta = extract_metadata([title, "", "Nội dung."])
    assert meta.report_type == report_type


def test_semester_two():
    meta = extract_metadata(["Hội nghị sơ kết học kỳ II năm học 2019-2020", "", "Nội dung."])
    assert (meta.semester, meta.school_year) == ("II", "2019-2020")


BYLINE_BODY = "Sáng nay, Công đoàn trường THCS Lê Lợi tổ chức hội nghị tổng kết năm học."


@pytest.mark.parametrize(("lines", "title", "published", "gone"), [
    (["Thứ Hai, 17/08/2020-10:25", "Công đoàn trường tổ chức hội nghị"],
     "Công đoàn trường tổ chức hội nghị", "2020-08-17", "Thứ Hai"),
    (["Công đoàn trường tổ chức hội nghị", "Thứ Sáu, 14/10/2016 08:30"],
     "Công đoàn trường tổ chức hội nghị", "2016-10-14", "Thứ Sáu"),
    (["Công đoàn trường tổ chức hội nghị", "Cập nhật lúc: 10:25 17/08/2020"],
     "Công đoàn trường tổ chức hội nghị", "2020-08-17", "Cập nhật"),
    (["Công đoàn trường tổ chức hội nghị", "Ngày đăng: 03/02/2021"],
     "Công đoàn trường tổ chức hội nghị", "2021-02-03", "Ngày đăng"),
    (["Công đoàn trường tổ chức hội nghị", "Đăng lúc 08:30, Thứ Sáu, 14/10/2016"],
     "Công đoàn trường tổ chức hội nghị", "2016-10-14", "Đăng lúc"),
    (["Công đoàn trường tổ chức hội nghị (12/01/2015)"],  # the heading line stays in the text
     "Công đoàn trường tổ chức hội nghị", "2015-01-12", None),
    (["Công đoàn trường tổ chức hội nghị", "(12/01/2015)"],
     "Công đoàn trường tổ chức hội nghị", "2015-01-12", "(12/01/2015)"),
    (["Công đoàn trường tổ chức hội nghị",
      "Chi tiết Được đăng ngày Thứ năm, 14 Tháng 8 2019 16:29 Viết bởi Lan Anh"],
     "Công đoàn trường tổ chức hội nghị", "2019-08-14", "Được đăng"),
])
def test_bylines_give_the_date_and_are_not_text_or_title(tmp_path, lines, title, published,
                                                          gone):
    (tmp_path / "r.txt").write_text("\n\n".join([*lines, BYLINE_BODY]), encoding="utf-8")
    report = load_report(tmp_path / "r.txt", tmp_path)
    assert (report.title, report.published) == (title, published)
    assert gone is None or gone not in report.text


@pytest.mark.parametrize("first", ["Hà Nội, ngày 3 tháng 4 năm 2018",
                                   "Krông Pắc, ngày 28 tháng 5 năm 2021"])
def test_a_place_and_date_line_is_never_the_title(tmp_path, first):
    (tmp_path / "r.txt").write_text(f"{first}\n\nCông đoàn trường tổ chức hội nghị\n\n"
                                    f"{BYLINE_BODY}", encoding="utf-8")
    report = load_report(tmp_path / "r.txt", tmp_path)
    assert report.title == "Công đoàn trường tổ chức hội nghị"
    assert report.date == "-".join(reversed([p.zfill(2) for p in
                                             first.split("ngày ")[1].replace(" tháng ", " ")
                                             .replace(" năm ", " ").split()]))
    assert first not in report.text


def test_a_lead_sentence_that_starts_with_a_date_stays(tmp_path):
    text = "Ngày 12/3/2019, Công đoàn trường THCS Lê Lợi tổ chức hội nghị tổng kết."
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    assert load_report(tmp_path / "r.txt", tmp_path).text == text
