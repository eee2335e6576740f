import pytest

from indexer.gazetteer import canonical_province, find_places, gazetteer
from indexer.normalize import normalize_line


def test_63_provinces_before_the_merger():
    assert len(gazetteer().canonical) == 63
    assert "Thừa Thiên Huế" in gazetteer().canonical
    assert "Hà Tây" not in gazetteer().canonical  # merged into Hà Nội in 2008


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("LĐLĐ huyện Bình Lục tổ chức", [("Hà Nam", "Bình Lục")]),
        ("Phòng Giáo dục quận Bình Thủy", [("Cần Thơ", "Bình Thủy")]),
        ("CÔNG ĐOÀN GIÁO DỤC QUẬN BÌNH THỦY", [("Cần Thơ", "Bình Thủy")]),
        ("quận Bình Thuỷ", [("Cần Thơ", "Bình Thủy")]),  # old-style tone mark
        ("Công đoàn Giáo dục Lạng Sơn", [("Lạng Sơn", "")]),
        ("LĐLĐ tỉnh Lạng Sơn", [("Lạng Sơn", "")]),
        ("Cổng tin tức Thành phố Hải Phòng", [("Hải Phòng", "")]),
        ("huyện Tam Đảo", [("Vĩnh Phúc", "Tam Đảo")]),
        ("tỉnh Hòa Bình", [("Hòa Bình", "")]),
        # Ordinary words and a doctrine's name are not places.
        ("xây dựng hòa bình", []),
        ("phong cách Hồ Chí Minh", []),
        ("Thành phố Hồ Chí Minh", [("Hồ Chí Minh", "")]),
        # A district name found in several provinces gives no province by itself.
        ("huyện Châu Thành", [("", "Châu Thành")]),
        ("Thừa Thiên Huế", [("Thừa Thiên Huế", "")]),
        ("tỉnh Bắc Cạn", [("Bắc Kạn", "")]),
    ],
)
def test_find_places(text, places):
    found = find_places(normalize_line(text))
    assert [(p.province, p.district) for p in found] == places


@pytest.mark.parametrize(
    ("name", "expected"),
    [("lạng sơn", "Lạng Sơn"), ("Thanh Hoá", "Thanh Hóa"), ("Huế", "Thừa Thiên Huế"), ("Paris", "")],
)
def test_canonical_province(name, expected):
    assert canonical_province(name) == expected


def test_names_do_not_match_across_lines():
    # Once a KeyError: "TP.\nHCM" matched the alias "TP. HCM" but was looked up as written.
    assert [p.province for p in find_places("Tại TP.\nHCM và TP.  HCM")] == ["Hồ Chí Minh"]
