"""Request parameters are declared once: validation, OpenAPI, CLI options and the templates'
sort links all follow the declarations."""

import argparse

import pytest
from werkzeug.datastructures import MultiDict

from search import AWARD_SORTS, FACET_NAMES, KWIC_SORTS, SORTS
from webui.params import ROUTES, BadParameter, add_cli_options, check_cli, narrowed, read


@pytest.mark.parametrize(("route", "args", "expected"), [
    ("search", [], {"q": "", "filters": {}, "excluded": {}, "year_from": None,
                    "year_to": None, "sort": "relevance", "page": 1, "per_page": 10}),
    ("search", [("q", "thi đua"), ("province", "Lạng Sơn"), ("province", "Lạng Sơn"),
                ("province", " "), ("not_province", "Hà Nội"), ("year_to", "2020"),
                ("sort", "newest"), ("page", "3")],
     {"q": "thi đua", "filters": {"province": ["Lạng Sơn"]},
      "excluded": {"province": ["Hà Nội"]}, "year_from": None, "year_to": 2020,
      "sort": "newest", "page": 3, "per_page": 10}),
    ("trend", [("q", "a"), ("q", "b"), ("q", "a")],
     {"q": ["a", "b"], "filters": {}, "year_from": None, "year_to": None,
      "metric": "per_report", "by": "school_year"}),
    ("kwic", [("q", "x"), ("sort", "left"), ("year_from", "2019")],
     {"q": "x", "filters": {}, "year_from": 2019, "year_to": None, "sort": "left", "page": 1,
      "per_page": 100}),
    ("compare", [("id", "a.txt"), ("id", "b.txt")], {"a": None, "b": None,
                                                      "id": ["a.txt", "b.txt"], "q": ""}),
    ("document", [("award", "Bằng khen")], {"q": "", "award": "Bằng khen", "hit": None}),
    # hit, the report's place in its search's results, is lenient: a bad one is no hit
    ("document", [("hit", "23")], {"q": "", "award": "", "hit": 23}),
    ("document", [("hit", "abc")], {"q": "", "award": "", "hit": None}),
    ("document", [("hit", "0")], {"q": "", "award": "", "hit": None}),
    ("document", [("hit", "10000000")], {"q": "", "award": "", "hit": None}),
])
def test_read_gives_checked_values_with_defaults(route, args, expected):
    assert read(route, MultiDict(args)) == expected


@pytest.mark.parametrize(("args", "q", "filters"), [
    ([("q", "thi đua")], "thi đua", {}),
    ([("year_from", "2018"), ("year_to", "2020")], "", {"year": ["2018..2020"]}),
    ([("year_from", "2018")], "", {"year": ["2018..2100"]}),
    ([("year", "2015"), ("year_to", "2012")], "", {"year": ["2015", "1900..2012"]}),
    ([("q", "a"), ("not_province", "Hà Nội"), ("not_award", 'Bằng "khen"')],
     'a -province:"Hà Nội" -award:"Bằng  khen"', {}),
    ([("not_province", '"')], "", {}),  # nothing left to leave out
])
def test_narrowing_becomes_the_engines_query_and_filters(args, q, filters):
    assert narrowed(read("search", MultiDict(args))) == (q, filters)


@pytest.mark.parametrize(("route", "args", "message"), [
    ("search", [("sort", "sideways")], "sort must be one of relevance, newest, oldest"),
    ("search", [("page", "0")], "page must be between 1 and 10000"),
    ("search", [("per_page", "101")], "per_page must be between 1 and 100"),
    ("search", [("page", "two")], "page must be a whole number"),
    ("trend", [("q", f"t{i}") for i in range(6)], "at most 5 values of q"),
    ("trend", [("metric", "colour")], "metric must be one of per_report, share, reports, occurrences"),
    ("kwic", [("per_page", "501")], "per_page must be between 1 and 500"),
    ("awards", [("sort", "x")], "sort must be one of newest"),
    ("search", [("year_from", "99")], "year_from must be between 1900 and 2100"),
    ("search", [("year_to", "soon")], "year_to must be a whole number"),
])
def test_bad_values_say_what_is_wrong(route, args, message):
    with pytest.raises(BadParameter, match=message):
        read(route, MultiDict(args))


@pytest.mark.parametrize(("route", "sorts"), [("search", SORTS), ("kwic", KWIC_SORTS),
                                              ("awards", AWARD_SORTS)])
def test_sort_choices_are_the_engines(route, sorts):
    sort = next(p for p in ROUTES[route] if p.name == "sort")
    assert sort.choices == sorts and set(sort.labels) == set(sorts)


def test_every_facet_is_a_filter_of_the_filtered_routes():
    for route in ("search", "trend", "kwic", "awards"):
        assert set(FACET_NAMES) <= {p.name for p in ROUTES[route]}


@pytest.mark.parametrize("route", ["search", "kwic", "awards"])
def test_cli_options_follow_the_declarations(route):
    parser = argparse.ArgumentParser()
    add_cli_options(parser, route)
    args = parser.parse_args(["--sort", ROUTES[route][-3].choices[-1], "--limit", "7"])
    assert args.per_page == 7 and args.route == route
    check_cli(args)
    with pytest.raises(SystemExit):
        parser.parse_args(["--sort", "sideways"])
    with pytest.raises(BadParameter, match="--limit must be between"):
        check_cli(parser.parse_args(["--limit", "0"]))


@pytest.mark.parametrize("route", ["search", "trend", "kwic", "compare", "awards"])
def test_openapi_parameters_are_the_declared_ones(client, route):
    spec = client.get("/api/openapi.json").get_json()
    described = {p["name"]: p for p in spec["paths"][f"/api/{route}"]["get"]["parameters"]}
    assert list(described) == [p.name for p in ROUTES[route]]
    for param in ROUTES[route]:
        schema = described[param.name]["schema"]
        if param.choices:
            assert schema["enum"] == list(param.choices)
        if param.kind is int:
            assert (schema["minimum"], schema["maximum"]) == (param.low, param.high)


def test_the_page_sizes_offered_are_within_the_declared_bounds():
    from webui.views import PER_PAGE_CHOICES

    per_page = next(p for p in ROUTES["search"] if p.name == "per_page")
    assert PER_PAGE_CHOICES[0] == per_page.default
    assert all(per_page.low <= size <= per_page.high for size in PER_PAGE_CHOICES)
