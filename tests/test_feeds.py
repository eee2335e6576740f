"""The Atom feed of a search: a feed reader follows a topic without an account."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest

from webui.feeds import FEED_SIZE, atom_feed

ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(client, query_string):
    response = client.get("/search.atom", query_string=query_string)
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    return ET.fromstring(response.data)


@pytest.mark.parametrize("query_string", [
    {"q": "cong doan"},
    {"q": "công đoàn", "province": "Lạng Sơn"},
    {"q": "", "sort": "oldest"},  # the page's order does not matter: newest first
])
def test_the_feed_holds_the_searchs_reports_newest_first(client, query_string):
    feed = _feed(client, query_string)
    api = client.get("/api/search", query_string={**query_string, "sort": "newest",
                                                  "per_page": FEED_SIZE}).get_json()
    entries = feed.findall(f"{ATOM}entry")
    ids = [e.find(f"{ATOM}id").text.rsplit("/documents/", 1)[1] for e in entries]
    assert ids == [hit["id"] for hit in api["hits"]] and ids
    stamps = [e.find(f"{ATOM}updated").text for e in entries]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})", s)
               for s in stamps)
    assert feed.find(f"{ATOM}updated").text == max(stamps)
    for entry in entries:  # a feed reader opens the report with the search's words marked
        link = urlsplit(entry.find(f"{ATOM}link").get("href"))
        assert link.path.startswith("/documents/")
        assert parse_qs(link.query).get("q", [""]) == [query_string["q"]] or not query_string["q"]


def test_the_feed_names_the_search_and_links_back_to_it(client):
    feed = _feed(client, {"q": "thi đua", "province": "Lạng Sơn"})
    assert feed.find(f"{ATOM}title").text.startswith("thi đua · Lạng Sơn")
    back = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "alternate"][0]
    assert parse_qs(urlsplit(back.get("href")).query) == {
        "q": ["thi đua"], "province": ["Lạng Sơn"], "sort": ["newest"]}


def test_the_search_page_links_its_feed(client):
    html = client.get("/?q=cong+doan&page=1&sort=oldest").data.decode()
    assert re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" '
                     r'href="/search.atom\?q=cong\+doan">', html)
    assert '<a class="feed" href="/search.atom?q=cong+doan">' in html


def test_text_xml_cannot_hold_is_dropped_and_markup_escaped(app):
    hit = {"id": "x.txt", "source": "x.txt", "title": "A <b>title</b>\x0b with \x01 controls",
           "date": "2020-01-02", "snippet": "<mark>công</mark> & đoàn", "organization": ""}
    with app.test_request_context("/search.atom?q=c%C3%B4ng"):
        xml = atom_feed({"hits": [hit]}, {"q": "công", "filters": {}}, "2024-01-01T00:00:00Z")
    entry = ET.fromstring(xml).find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "A <b>title</b> with  controls"
    assert entry.find(f"{ATOM}summary").text == "công & đoàn"


def test_a_bad_parameter_is_a_400_not_a_broken_feed(client):
    assert client.get("/search.atom?province=" + "x" * 10 + "&page=abc").status_code == 400
