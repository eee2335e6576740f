"""Did-you-mean on typing habits: missing or wrong marks, doubled letters, Telex keys left in
the word; the user's case and right marks kept; never a nonsense word."""

import pytest

from search.suggest import telex_decode

TYPOS = [
    # doubled letters
    ("Lang Sonn", "Lang Son"), ("LANG SONN", "LANG SON"), ("Lạng Sơnn", "Lạng Sơn"),
    ("giáo dụcc", "giáo dục"), ("giao ducc", "giao duc"), ("khenn thưởng", "khen thưởng"),
    ("hội nghịi", "hội nghị"), ("hoi nghii", "hoi nghi"), ("HOI NGHII", "HOI NGHI"),
    ("Bằng khenn", "Bằng khen"), ("tổng kếtt", "tổng kết"), ("tong kett", "tong ket"),
    ("nhà trườngg", "nhà trường"), ("đoàn viênn", "đoàn viên"), ("kết quảa", "kết quả"),
    ("cá nhânn", "cá nhân"), ("ca nhann", "ca nhan"), ("Bắc Kạnn", "Bắc Kạn"),
    ("nam hocc", "nam hoc"), ("công đoàng", "công đoàn"), ("cong doang", "cong doan"),
    # marks missing, misplaced or wrong; the right ones kept
    ("doàn", "đoàn"), ("Lạng Sonn", "Lạng Sơn"), ("Lạng Sớn", "Lạng Sơn"),
    ("hôi nghị", "hội nghị"), ("đòan viên", "đoàn viên"), ("tổng kêt", "tổng kết"),
    ("bằng khến", "bằng khen"), ("khen thưỡng", "khen thưởng"), ("thi đưa", "thi đua"),
    # Telex keys left in the word
    ("congd doanf", "công đoàn"), ("cong doanf", "cong đoàn"), ("năm hocj", "năm học"),
    ("hoij nghij", "hội nghị"), ("khen thuongr", "khen thưởng"),
    ("bang khen thuowngr", "bang khen thưởng"), ("nha truowngf", "nha trường"),
    ("ddoanf vieen", "đoàn viên"),
]


@pytest.mark.parametrize(("typed", "expected"), TYPOS)
def test_typos_get_the_suggestion_a_user_expects(engine, typed, expected):
    result = engine.search(typed)
    assert result["suggestion"] == expected
    assert engine.search(expected)["total"] > result["total"]


@pytest.mark.parametrize("typed", ["16:29", "x:y", "xyzzy", "qq", "zzzz zzzz"])
def test_no_nonsense_suggestions(engine, typed):
    assert engine.search(typed)["suggestion"] is None


@pytest.mark.parametrize("typed", ["công đoàn", "cong doan", "Lạng Sơn", "thi dua"])
def test_no_suggestion_for_words_the_archive_has(engine, typed):
    assert engine.search(typed)["suggestion"] is None


@pytest.mark.parametrize(("word", "decoded"), [
    ("doanf", "doàn"), ("hocj", "học"), ("ddoongf", "đồng"), ("nghiax", "nghĩa"),
    ("thuwowngr", "thưởng"), ("truwowngf", "trường"), ("khen", None), ("cong", None),
])
def test_telex_decoding(word, decoded):
    assert telex_decode(word) == decoded


def test_enough_typos_are_tested():
    assert len(TYPOS) >= 30
