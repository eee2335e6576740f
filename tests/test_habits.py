"""Everyday query habits: OR between groups of words, AND/NOT/+/&&, places and their other
names, TP for thành phố, i/y spellings, ranges typed backwards, names that are not filters."""

import pytest

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
