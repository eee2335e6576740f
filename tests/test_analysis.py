import pytest

from indexer.analysis import analyze, code_key
from indexer.normalize import normalize_line


def _forms(text, granularity):
    return [token[0] for token in getattr(analyze(normalize_line(text)), granularity)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Công đoàn Giáo dục Việt Nam", ["công_đoàn", "giáo_dục", "việt_nam"]),
        # segmented in its original case, then lowercased
        ("CÔNG ĐOÀN GIÁO DỤC", ["công_đoàn", "giáo_dục"]),
        # punctuation pyvi glues to a word is cut off
        ("quận Bình Thủy...", ["quận", "bình_thủy"]),
        ("quận Bình Thủy »", ["quận", "bình_thủy"]),
        # codes and dates stay whole
        ("Nghị quyết 29-NQ/TW", ["nghị_quyết", "29-nq/tw"]),
        ("Thông tư 09/2020/TT-BGDĐT", ["thông_tư", "9/2020/tt-bgdđt"]),
        ("ngày 02/3/2017", ["ngày", "2/3/2017"]),
        ("Sở GD&ĐT", ["sở", "gd&đt"]),
        ("năm học 2018 – 2019", ["năm_học", "2018-2019"]),
        # no stopwords
        ("không chưa và", ["không", "chưa", "và"]),
        ("😀 !!! …", []),
    ],
)
def test_words(text, words):
    assert _forms(text, "words") == words


@pytest.mark.parametrize(
    ("text", "syllables", "folded"),
    [
        ("Công đoàn", ["công", "đoàn"], ["cong", "doan"]),
        ("Bình Thuỷ", ["bình", "thủy"], ["binh", "thuy"]),  # tone variants are one form
        ("29-NQ/TW", ["29-nq/tw", "29", "nq", "tw"], ["29-nq/tw", "29", "nq", "tw"]),
        ("ĐVCĐ", ["đvcđ"], ["dvcd"]),
    ],
)
def test_syllables_and_folded(text, syllables, folded):
    assert _forms(text, "syllables") == syllables
    assert _forms(text, "folded") == folded


def test_offsets_point_at_the_words():
    text = normalize_line("Tin, ảnh: Trương Văn Rua – CĐGD quận Bình Thủy… 29-NQ/TW")
    analysis = analyze(text)
    for granularity in (analysis.words, analysis.syllables):
        for token, _, start, end in granularity:
            if "_" not in token and "/" not in token:
                assert text[start:end].lower() == token
    words = {token: text[start:end] for token, _, start, end in analysis.words}
    assert words["trương_văn_rua"] == "Trương Văn Rua"
    assert words["29-nq/tw"] == "29-NQ/TW"


def test_code_parts_share_the_code_position():
    analysis = analyze("theo 29-NQ/TW")
    positions = {token: pos for token, pos, _, _ in analysis.syllables}
    assert positions["29-nq/tw"] == positions["nq"] == positions["tw"] == positions["theo"] + 1


def test_date_in_words_is_also_a_date_code():
    analysis = analyze(normalize_line("ngày 02 tháng 3 năm 2017, tại hội trường"))
    assert "2/3/2017" in [token for token, *_ in analysis.syllables]
    assert "tháng" in [token for token, *_ in analysis.syllables]


@pytest.mark.parametrize(("code", "key"), [("02/3/2017", "2/3/2017"), ("29-NQ/TW", "29-nq/tw"),
                                           ("2018-2019", "2018-2019"), ("100", "100")])
def test_code_key(code, key):
    assert code_key(code) == key
