"""Everyday query habits: OR between groups of words, AND/NOT/+/&&, places and their other
names, TP for thành phố, i/y spellings, ranges typed backwards, names that are not filters."""

import re

import pytest

from indexer.gazetteer import canonical_province
from search import ranking
from search.matching import build_query
from search.query import parse_query


def ids(engine, query: str) -> set[str]:
    return {h["id"] for h in engine.search(query, per_page=100)["hits"]}


@pytest.mark.parametrize(("query", "each"), [
    ("bằng khen OR quà tết", ["bằng khen", "quà tết"]),
    ("bằng khen || quà tết", ["bằng khen", "quà tết"]),
    ('"Cờ thi đua" OR giấy khen', ['"Cờ thi đua"', "giấy khen"]),
])
def test_or_joins_the_groups_of_words_on_either_side(engine, query, each):
    found = ids(engine, query)
    assert found == set().union(*(ids(engine, part) for part in each))
    assert len(found) > max(len(ids(engine, part)) for part in each)


@pytest.mark.parametrize(("query", "same_as"), [
    ("thi đua AND khen thưởng", "thi đua khen thưởng"),
    ("thi đua && khen thưởng", "thi đua khen thưởng"),
    ("khen NOT quà", "khen -quà"),
    ("học kì", "học kỳ"),
    ("Bắc Cạn", "Bắc Kạn"),
    ('tỉnh:"Bắc Cạn"', 'tỉnh:"Bắc Kạn"'),
    ("tinh:bac can", 'tỉnh:"Bắc Kạn"'),
    ("năm:2030..2010", "năm:2010..2030"),
])
def test_habits_mean_what_users_expect(engine, query, same_as):
    assert ids(engine, query) == ids(engine, same_as) != set()


@pytest.mark.parametrize(("query", "spelled_out"), [
    ("TP.HCM", '"Hồ Chí Minh"'),
    ("Sài Gòn", '"Hồ Chí Minh"'),
    ("TP Hồ Chí Minh", '"thành phố Hồ Chí Minh"'),
    ("Tp. Bắc Kạn", '"thành phố Bắc Kạn"'),
])
def test_abbreviated_places_find_the_names_written_out(engine, query, spelled_out):
    assert ids(engine, spelled_out) <= ids(engine, query) != set()


def test_ky_and_ki_are_one_word_in_highlights_too(engine):
    doc = "003_2eb4f2e2c5295c4e.txt"
    marked = {engine.document(doc)["text"][s:e].lower() for s, e in engine.highlight(doc, "kỳ")}
    assert marked >= {"kỳ", "kì"}


def test_a_plus_word_is_required_even_in_a_long_question(engine):
    long = "công đoàn hỗ trợ giáo viên khó khăn được nhận gì"
    assert ids(engine, "+quà " + long) < ids(engine, long)
    for doc_id in ids(engine, "+quà " + long):
        assert "quà" in engine.document(doc_id)["text"].lower()


@pytest.mark.parametrize(("query", "notice"), [
    ("năm:2030..2010 công đoàn", {"code": "range_swapped", "field": "year",
                                   "value": "2010..2030"}),
    ("colour:red công đoàn", {"code": "not_a_filter", "name": "colour"}),
    ("x " * 70, {"code": "words_cut", "limit": "64"}),
])
def test_what_was_done_on_the_users_behalf_is_said(engine, query, notice):
    assert notice in parse_query(query).notices
    assert notice in engine.search(query)["notices"]


def test_notices_are_shown_on_the_page(client):
    html = client.get("/?q=n%C4%83m%3A2030..2010+c%C3%B4ng+%C4%91o%C3%A0n").data.decode()
    assert "Khoảng năm bị gõ ngược; đã tìm theo 2010..2030." in html


@pytest.mark.parametrize(("query", "words"), [("so ket", 2), ("tap the", 2), ("hoi thi", 2),
                                              ("de nghi", 2), ("cong doan nhu the nao", 1),
                                              ("hoi thi la gi", 2)])
def test_unmarked_content_words_are_not_taken_for_function_words(query, words):
    # "so" is also sơ, "the" thể, "thi" thi: only phrases and a short list are recognised.
    assert len(build_query(parse_query(query)).words) == words


@pytest.mark.parametrize("query", ["tong ket nam hoc", "giao duc dao tao nha truong"])
def test_a_long_query_keeps_to_reports_with_every_word_when_there_are_enough(
        engine, query, monkeypatch):
    every_word = engine.search(" ".join(f"+{w}" for w in query.split()))["total"]
    assert every_word >= 1
    monkeypatch.setattr(ranking, "FULL_PAGE", every_word)  # enough: every word required
    assert engine.search(query)["total"] == every_word
    monkeypatch.setattr(ranking, "FULL_PAGE", every_word + 1)  # too few: the rest after
    assert engine.search(query)["total"] > every_word


@pytest.mark.parametrize(("query", "suggestion"), [
    ('type:"year-end review" hocj', 'type:"year-end review" học'),  # filters untouched
    ('"quaf tết"', '"quà tết"'), ("+quaf", "+quà"),  # phrases and +words corrected too
    ("UBND", None), ("THPT", None), ("HCM", None),  # acronyms, synonyms
])
def test_did_you_mean_corrects_only_words_searched_for(engine, query, suggestion):
    assert engine.search(query)["suggestion"] == suggestion


def test_did_you_mean_keeps_the_filters(engine):
    provinces = [item["value"] for item in engine.search("")["facets"]["province"]]
    with_qua = [p for p in provinces if engine.search("quà", {"province": [p]})["total"]]
    without = [p for p in provinces if p not in with_qua]
    assert with_qua and without
    assert engine.search("quaf", {"province": with_qua[:1]})["suggestion"] == "quà"
    # no suggestion that would find nothing under the same filters
    assert engine.search("quaf", {"province": without[:1]})["suggestion"] is None


@pytest.mark.parametrize(("typed", "province"), [("thanh hoa", "Thanh Hóa"),
                                                 ("quang binh", "Quảng Bình"),
                                                 ("bac can", "Bắc Kạn"), ("Thạnh Hóa", "")])
def test_province_names_without_marks_are_provinces_not_districts(typed, province):
    assert canonical_province(typed) == province


def test_function_words_beside_a_phrase_are_not_marked(engine):
    for hit in engine.search('"Bằng khen" của các', per_page=20)["hits"]:
        marked = {m.lower() for m in re.findall(r"<mark>(.*?)</mark>", hit["snippet"])}
        assert marked <= {"bằng khen"}, (hit["id"], marked)
