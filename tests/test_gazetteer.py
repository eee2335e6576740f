import pytest

from indexer.gazetteer import canonical_province, find_places, gazetteer
from indexer.metadata import extract_metadata
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


@pytest.mark.parametrize(("text", "province", "district"), [
    ("Công đoàn trường THCS thị xã Cửa Lò tổ chức hội nghị", "Nghệ An", "Cửa Lò"),
    ("Công đoàn Giáo dục thị xã Sơn Tây tổ chức hội nghị", "Hà Nội", "Sơn Tây"),
    ("Công đoàn trường THCS huyện Sơn Tây tổ chức hội nghị", "Quảng Ngãi", "Sơn Tây"),
    ("Công đoàn trường Tiểu học thị xã Hoàng Mai tổ chức hội nghị", "Nghệ An", "Hoàng Mai"),
    ("Công đoàn trường THCS quận Hoàng Mai tổ chức hội nghị", "Hà Nội", "Hoàng Mai"),
    ("Công đoàn trường THPT thị xã Buôn Hồ tổ chức hội nghị", "Đắk Lắk", "Buôn Hồ"),
])
def test_towns_give_their_province_and_the_unit_kind_tells_twins_apart(text, province,
                                                                        district):
    meta = extract_metadata([text, text + " năm học 2020-2021 với đông đảo đoàn viên."])
    assert (meta.province, meta.district) == (province, district)


@pytest.mark.parametrize(("issuer", "expected"), [
    ("CÔNG ĐOÀN GIÁO DỤC HUYỆN BÌNH LỤC", "Công đoàn Giáo dục huyện Bình Lục"),
    # a paragraph in capitals above the number is no body's name
    ("CÔNG ĐOÀN " + "VÀ ".join(["CÁC TRƯỜNG TIỂU HỌC TRUNG HỌC CƠ SỞ"] * 5), ""),
])
def test_an_organization_is_a_name_never_a_paragraph(issuer, expected):
    meta = extract_metadata(["Nội dung báo cáo."], hints={"organization": issuer[:1] +
                                                         issuer[1:].lower()})
    assert meta.organization == (expected[:1] + expected[1:].lower() if expected else "")
