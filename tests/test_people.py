import pytest

from indexer.normalize import normalize_text
from indexer.people import find_byline, find_people


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đến tham dự có đồng chí Lương Hiển Vinh – Ủy viên Ban Chấp hành Liên đoàn Lao động "
         "thành phố Cần Thơ, Chủ tịch Công đoàn ngành Giáo dục thành phố, đồng chí Nguyễn Kiều "
         "Phương – Quận ủy viên, Trưởng phòng Giáo dục và Đào tạo quận Bình Thủy cùng hơn 40 "
         "cán bộ.",
         ["Lương Hiển Vinh – Ủy viên Ban Chấp hành Liên đoàn Lao động thành phố Cần Thơ, Chủ "
          "tịch Công đoàn ngành Giáo dục thành phố",
          "Nguyễn Kiều Phương – Quận ủy viên, Trưởng phòng Giáo dục và Đào tạo quận Bình Thủy"]),
        ("Dự hội nghị có đồng chí Ma Thế Quyên- Tỉnh ủy viên, Giám đốc Sở cùng các đồng chí.",
         ["Ma Thế Quyên – Tỉnh ủy viên, Giám đốc Sở"]),
        ("Đ/c Phan Ngọc Tuệ - Chủ tịch Công đoàn ngành và đồng chí Ma Thế Quyên – Giám đốc Sở "
         "GD&ĐT trao tặng quà.",
         ["Phan Ngọc Tuệ – Chủ tịch Công đoàn ngành", "Ma Thế Quyên – Giám đốc Sở GD&ĐT"]),
        ("Ông Nguyễn Văn A, Chủ tịch Công đoàn trường phát biểu.",
         ["Nguyễn Văn A – Chủ tịch Công đoàn trường"]),
        # the same person twice keeps the first title
        ("đồng chí Lê Văn Tám – Hiệu trưởng. Đồng chí Lê Văn Tám – Bí thư chi bộ.",
         ["Lê Văn Tám – Hiệu trưởng"]),
        ("Công đoàn trường tổ chức hội nghị.", []),
    ],
)
def test_find_people(text, expected):
    assert find_people(normalize_text(text)) == expected


@pytest.mark.parametrize(
    ("lines", "author", "organization"),
    [
        (["Bài.", "Tin, ảnh: Trương Văn Rua – CĐGD quận Bình Thủy"], "Trương Văn Rua",
         "CĐGD quận Bình Thủy"),
        (["Bài.", "Tin & ảnh: Lan Anh", "", "CĐN Giáo dục tỉnh"], "Lan Anh", ""),
        (["Bài.", "Phan Tuệ", "Công đoàn Giáo dục tỉnh Bắc Kạn"], "Phan Tuệ", ""),
        (["Bài.", "", "Phương Mai"], "Phương Mai", ""),
        (["Bài viết không có tác giả."], "", ""),
    ],
)
def test_find_byline(lines, author, organization):
    byline = find_byline(lines)
    assert (byline.author, byline.organization) == (author, organization)
