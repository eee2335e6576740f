"""Fuzzing: whatever is typed or sent, the parser answers and no route answers 5xx.

Hypothesis generates the inputs (random text, Vietnamese syllables, query syntax, and
every declared parameter of every route filled with odd values); a failure prints the
smallest input that breaks the rule.
"""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.matching import build_query
from search.query import parse_query
from webui.params import ROUTES

SYNTAX = st.sampled_from(['"', "-", "+", "OR", "AND", "NOT", "&&", "||", ":", "tỉnh:",
                          "năm:", "..", "2030..2010", "(", ")", "*", "\\", "%", "\x00",
                          "29-NQ/TW", "02/3/2017", "GD&ĐT", "TP.HCM"])
WORDS = st.sampled_from(["công", "đoàn", "cong", "doan", "thi", "đua", "Lạng", "Sơn", "kì",
                         "kỳ", "là", "gì", "như", "thế", "nào", "hocj", "CĐ", "Bằng", "khen"])
QUERIES = st.lists(st.one_of(SYNTAX, WORDS, st.text(max_size=12)), max_size=30).map(" ".join)
ODD = st.one_of(st.text(max_size=40), st.integers(-10**12, 10**12).map(str), SYNTAX,
                st.sampled_from(["", " ", "0", "-1", "1e9", "NaN", "²", "³", "١", "..", "a" * 3000]))
FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(QUERIES)
def test_any_query_parses_and_builds(text):
    parsed = parse_query(text)
    build_query(parsed)
    assert all(clause.alternatives for clause in parsed.clauses)


@FAST
@given(QUERIES)
def test_any_query_is_answered(engine, text):
    result = engine.search(text)
    assert result["total"] >= 0 and len(result["hits"]) <= result["per_page"]


PATHS = {"search": ["/", "/api/search", "/search.csv", "/search.json"],
         "trend": ["/trend", "/api/trend", "/trend.csv"],
         "kwic": ["/kwic", "/api/kwic", "/kwic.json"],
         "compare": ["/compare", "/api/compare"],
         "awards": ["/awards", "/api/awards", "/awards.csv"],
         "document": ["/documents/002_cce08653f4e9e0c2.txt"]}


@pytest.mark.parametrize("route", sorted(PATHS))
def test_no_route_answers_5xx_whatever_its_parameters(client, route):
    names = [p.name for p in ROUTES[route]] + ["lang", "unknown"]

    @FAST
    @given(st.lists(st.tuples(st.sampled_from(names), ODD), max_size=8), st.data())
    def check(params, data):
        path = data.draw(st.sampled_from(PATHS[route]))
        response = client.get(f"{path}?{urlencode(params)}")
        response.close()
        assert response.status_code < 500, (path, params)

    check()
