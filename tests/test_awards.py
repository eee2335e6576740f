import pytest

from indexer.awards import extract_awards, split_sentences


def _records(text):
    return [(a.award, a.body, a.collectives, a.individuals) for a in extract_awards(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # <body> tặng <award> cho <counts>
        ("Sở Giáo dục và Đào tạo tặng Bằng khen cho 5 tập thể và 12 cá nhân.",
         [("Bằng khen", "Sở Giáo dục và Đào tạo", 5, 12)]),
        # <award> của <body> được trao cho <counts>
        ("Bằng khen của Chủ tịch UBND tỉnh được trao cho 3 tập thể, 10 cá nhân.",
         [("Bằng khen", "Chủ tịch UBND tỉnh", 3, 10)]),
        # <counts> được <body> tặng <award>; "04" is 4
        ("Có 01 tập thể và 04 cá nhân được Tổng Liên đoàn Lao động Việt Nam tặng Bằng khen.",
         [("Bằng khen", "Tổng Liên đoàn Lao động Việt Nam", 1, 4)]),
        # <counts> được nhận <award> của <body>, several statements in one sentence
        ("Nhân dịp này, 04 tập thể được nhận Cờ thi đua của Tổng LĐLĐ Việt Nam; 12 tập thể được "
         "nhận Cờ thi đua của Công đoàn Giáo dục Việt Nam; 65 tập thể và 278 cá nhân được nhận "
         "Bằng khen của Công đoàn Giáo dục Việt Nam.",
         [("Cờ thi đua", "Tổng LĐLĐ Việt Nam", 4, None),
          ("Cờ thi đua", "Công đoàn Giáo dục Việt Nam", 12, None),
          ("Bằng khen", "Công đoàn Giáo dục Việt Nam", 65, 278)]),
        # two awards with their own counts in one clause
        ("LĐLĐ tỉnh trao Cờ thi đua cho 2 tập thể và Bằng khen cho 9 cá nhân.",
         [("Cờ thi đua", "LĐLĐ tỉnh", 2, None), ("Bằng khen", "LĐLĐ tỉnh", None, 9)]),
        # two award names sharing one count
        ("Nhân dịp này LĐLĐ huyện đã trao bằng khen, giấy khen cho 14 tập thể 28 cá nhân "
         "đã có thành tích xuất sắc.",
         [("Bằng khen, Giấy khen", "LĐLĐ huyện", 14, 28)]),
        # an elliptic second clause keeps the body of the first
        ("Ban Chấp hành Công đoàn ngành tặng giấy khen cho 07 tập thể thể, 25 cá nhân; tặng "
         "Giấy khen chuyên đề cho 03 tập thể, 04 cá nhân thuộc Liên đoàn Lao động huyện.",
         [("Giấy khen", "Ban Chấp hành Công đoàn ngành", 7, 25),
          ("Giấy khen", "Ban Chấp hành Công đoàn ngành", 3, 4)]),
        # a single statement without counts is kept
        ("Hội nghị trao Bằng khen của Công đoàn Giáo dục Việt Nam cho các tập thể.",
         [("Bằng khen", "Công đoàn Giáo dục Việt Nam", None, None)]),
        # proposals are not awards
        ("Hội nghị đề nghị LĐLĐ tỉnh tặng Bằng khen cho 5 tập thể và 3 cá nhân.", []),
        ("Công đoàn trường đề xuất khen thưởng; Sở tặng Giấy khen cho 2 tập thể.",
         [("Giấy khen", "Sở", 2, None)]),
        # gifts are not awards
        ("CĐGD tỉnh đã trao tặng 05 phần quà Tết, mỗi phần trị giá 500.000 đ.", []),
        ("Phong trào thi đua lao động giỏi được duy trì.", []),
    ],
)
def test_award_statements(sentence, expected):
    assert _records(sentence) == expected


def test_uncounted_caption_repeating_a_counted_award_is_dropped():
    text = (
        "Đ/c Vũ Minh Đức trao Bằng khen cho các tập thể, cá nhân đạt thành tích cao.\n"
        "Nhân dịp này, có 03 tập thể, 06 cá nhân được Công đoàn Giáo dục Việt Nam tặng Bằng khen."
    )
    assert _records(text) == [("Bằng khen", "Công đoàn Giáo dục Việt Nam", 3, 6)]


def test_record_keeps_its_sentence():
    text = "Mở đầu. Sở tặng Giấy khen cho 2 tập thể. Kết thúc."
    assert [a.sentence for a in extract_awards(text)] == ["Sở tặng Giấy khen cho 2 tập thể."]


def test_split_sentences_keeps_numbers_and_abbreviations():
    assert split_sentences("Trị giá 1.200.000đ của Tổng LĐLĐ. Đ/c Phan Tuệ trao quà./.") == [
        "Trị giá 1.200.000đ của Tổng LĐLĐ.",
        "Đ/c Phan Tuệ trao quà.",
    ]
