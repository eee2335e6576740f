"""A facet's own page (/facets/<name>) and the sidebar's "more" links that open it."""

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from search import FACET_NAMES
from webui.views import FACET_SHOWN


def _html(response):
    assert response.status_code == 200, response.data[:500]
    return response.data.decode("utf-8")


def _long_facets(client, q=""):
    """Facets of the search that have more values than the sidebar shows."""
    facets = client.get("/api/search", query_string={"q": q}).get_json()["facets"]
    return {name: items for name, items in facets.items() if len(items) > FACET_SHOWN}


def test_the_sidebar_shows_the_first_values_and_links_to_the_rest(client):
    long = _long_facets(client)
    assert long, "the test archive needs a facet with more values than the sidebar shows"
    html = _html(client.get("/?sort=newest&per_page=5&page=2"))
    assert "<details>" not in html  # the rest is a page of its own, not hidden in this one
    for name, items in long.items():
        section = re.search(rf'<section class="facet" aria-labelledby="facet-{name}">(.*?)'
                            "</section>", html, re.S).group(1)
        assert section.count("<li>") == FACET_SHOWN
        more = re.search(r'<p class="facet-more"><a href="([^"]+)">thêm (\d+)…</a>', section)
        assert more and int(more.group(2)) == len(items) - FACET_SHOWN
        # the search's parameters go along, its page number does not
        assert more.group(1).replace("&amp;", "&") == f"/facets/{name}?sort=newest&per_page=5"


def test_a_chosen_value_beyond_the_first_stays_in_sight(client):
    name, items = next(iter(_long_facets(client).items()))
    last = items[-1]["value"]
    html = _html(client.get("/", query_string={name: last}))
    section = re.search(rf'aria-labelledby="facet-{name}">(.*?)</section>', html, re.S).group(1)
    assert section.count("<li>") == FACET_SHOWN + 1
    assert re.search(r'class="on" aria-current="true">\s*<span class="box" aria-hidden="true">'
                     rf'☑</span>\s*<span class="value">{re.escape(last)}</span>', section)


@pytest.mark.parametrize("order", ["count", "az"])
def test_the_facet_page_lists_every_value_in_order_each_a_link_back(client, order):
    name, items = next(iter(_long_facets(client, "cong doan").items()))
    html = _html(client.get(f"/facets/{name}", query_string={
        "q": "cong doan", "order": order, "sort": "newest"}))
    shown = re.findall(r'<li><a href="([^"]+)">\s*<span class="box" aria-hidden="true">☐</span>'
                       r'\s*<span class="value">([^<]+)</span>\s*<span class="n">(\d+)</span>',
                       html)
    assert {(value, int(n)) for _, value, n in shown} == {
        (item["value"], item["count"]) for item in items}
    counts = [int(n) for _, _, n in shown]
    values = [value for _, value, _ in shown]
    if order == "count":
        assert counts == sorted(counts, reverse=True)
    else:
        assert values[0] < values[-1] or len(set(values)) == 1
    for href, value, _ in shown:
        target = urlsplit(href.replace("&amp;", "&"))
        # back to the search with the value ticked, the search's own parameters kept
        assert target.path == "/"
        assert parse_qs(target.query) == {"q": ["cong doan"], "sort": ["newest"],
                                          name: [value]}


def test_values_come_a_page_at_a_time(engine):
    name = next(n for n in FACET_NAMES if len(engine.facet(n, per_page=0)["values"]) > 4)
    everything = engine.facet(name, per_page=0)["values"]
    pages = [engine.facet(name, page=page, per_page=2) for page in (1, 2, 3)]
    assert [v for page in pages for v in page["values"]] == everything[:6]
    assert pages[0]["pages"] == -(-len(everything) // 2)
    assert engine.facet(name, page=99, per_page=2)["values"] == []


def test_a_page_past_the_end_says_so(client):
    html = _html(client.get("/facets/year?page=50&lang=en"))
    assert "There are not that many pages." in html
    assert 'href="/facets/year?lang=en">Back to the first page' in html


def test_downloads_and_api_have_every_value(client):
    name, items = next(iter(_long_facets(client).items()))
    rows = list(csv.reader(io.StringIO(client.get(f"/facets/{name}.csv").data.decode(
        "utf-8-sig"))))
    assert rows[0] == ["Bộ lọc", "Giá trị", "Số báo cáo"]
    assert [(r[1], int(r[2])) for r in rows[1:]] == [(i["value"], i["count"]) for i in items]
    assert client.get(f"/facets/{name}.json").get_json()["values"] == items
    api = client.get(f"/api/facets/{name}").get_json()
    assert api["values"] == items and api["values_total"] == len(items)


@pytest.mark.parametrize("path, status", [
    ("/facets/nope", 404),
    ("/api/facets/nope", 404),
    ("/facets/year?order=up", 400),
    ("/api/facets/year?order=up", 400),
    ("/facets/year?page=0", 400),
])
def test_bad_facet_requests_are_said(client, path, status):
    assert client.get(path).status_code == status
