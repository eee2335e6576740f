"""Pages, exports and API of the research tools, through Flask's test client."""

import csv
import io
import json
import re
from urllib.parse import quote

import pytest

SEED = "002_cce08653f4e9e0c2.txt"
THI_DUA = quote("thi đua")


def _html(response):
    assert response.status_code == 200, response.data[:300]
    return response.data.decode("utf-8")


def _csv(response):
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_navigation_reaches_every_tool(client):
    html = _html(client.get("/"))
    for path in ("/trend", "/kwic", "/compare", "/awards"):
        assert f'href="{path}"' in html


def test_trend_page_has_chart_and_table(client):
    html = _html(client.get(f"/trend?q={THI_DUA}&q=B%E1%BA%B1ng+khen"))
    assert html.count('<svg class="chart"') == 1
    # a group of links, not an image: screen readers reach every point
    assert '<svg class="chart" viewBox="0 0 760 320" role="group"' in html
    chart = re.search(r'<svg class="chart".*?</svg>', html, re.S).group(0)
    assert "<polyline" in chart and len(re.findall(r"<a href=", chart)) >= 4
    assert "không có báo cáo" in html  # a gap, not a zero
    # each point and each count links to its reports
    assert 'href="/?q=thi+%C4%91ua&amp;school_year=2018-2019"' in html


def test_trend_page_without_terms_shows_the_form(client):
    html = _html(client.get("/trend"))
    assert html.count('name="q"') == 5 and '<svg class="chart"' not in html


def test_trend_exports(client):
    rows = _csv(client.get(f"/trend.csv?q={THI_DUA}&lang=en"))
    assert rows[0] == ["Periods of", "Period", "Term", "Reports", "Occurrences",
                       "Share of the period's reports", "Occurrences per report",
                       "Reports in the period"]
    row = next(r for r in rows if r[:3] == ["school_year", "2016-2017", "thi đua"])
    assert row[3:5] == ["1", "4"]
    data = client.get(f"/api/trend?q={THI_DUA}").get_json()
    assert data["school_year"]["series"][0]["term"] == "thi đua"
    assert client.get("/api/trend").status_code == 400
    six = "&".join(f"q=t{i}" for i in range(6))
    assert client.get(f"/api/trend?{six}").status_code == 400


def test_kwic_page_columns_groups_and_links(client):
    html = _html(client.get("/kwic?q=B%E1%BA%B1ng+khen"))
    assert re.search(r"\d+ chỗ dùng trong \d+ báo cáo", html)
    assert 'class="left"' in html and 'class="right"' in html
    assert "Năm học 2018-2019" in html  # grouped by school year
    assert re.search(rf'href="/documents/{re.escape(SEED)}\?q=B%E1%BA%B1ng\+khen#m\d+"', html)


def test_kwic_sort_and_exports(client):
    html = _html(client.get("/kwic?q=bang+khen&sort=right"))
    assert 'aria-current="true">theo từ đứng sau' in html
    rows = _csv(client.get("/kwic.csv?q=bang+khen&page=2"))
    total = client.get("/api/kwic?q=bang+khen").get_json()["total"]
    assert len(rows) - 1 == total and rows[0][5:8] == ["Phía trước", "Từ khớp", "Phía sau"]
    assert client.get("/api/kwic?q=x&sort=sideways").status_code == 400


def test_compare_page(client):
    html = _html(client.get(f"/compare?a=000_3fa81f57103253cb.txt&b={SEED}"))
    assert "Độ giống nhau" in html and "<del>" in html and "<ins>" in html
    # picking two results on the search page sends id twice
    assert _html(client.get(f"/compare?id=000_3fa81f57103253cb.txt&id={SEED}")) .count("<tr") > 5
    assert client.get(f"/api/compare?id={SEED}").status_code == 400  # the API is strict
    assert client.get("/compare?a=nope.txt&b=x.txt").status_code == 404
    assert client.get("/compare?a=../x&b=y").status_code == 404


def test_search_results_can_be_ticked_for_comparison(client):
    html = _html(client.get("/?q=cong+doan"))
    assert 'action="/compare"' in html and 'type="checkbox" name="id"' in html


def test_report_page_suggests_comparisons(client):
    html = _html(client.get(f"/documents/{SEED}"))
    assert "So sánh với…" in html and f"/compare?a={SEED}&amp;b=" in html


def test_awards_page_totals_links_and_export(client):
    html = _html(client.get("/awards?school_year=2018-2019"))
    assert "4 bản ghi khen thưởng trong 1 báo cáo" in html
    assert "Tổng cộng: 15 tập thể và 42 cá nhân." in html
    assert f'href="/documents/{SEED}?award=1#award-1"' in html
    assert "Tổng theo cơ quan khen thưởng" in html
    rows = _csv(client.get("/awards.csv?school_year=2018-2019&lang=en"))
    assert rows[0][:6] == ["School year", "Date", "Province", "Organisation", "Award",
                           "Awarding body"]
    assert [r[6:8] for r in rows[1:]] == [["3", "6"], ["2", "7"], ["7", "25"], ["3", "4"]]


def test_award_sentence_is_marked_in_the_report(client):
    html = _html(client.get(f"/documents/{SEED}?award=3"))
    mark = re.search(r'<mark class="sentence" id="award-3">(.*?)</mark>', html)
    assert mark and "tặng giấy khen cho 07 tập thể" in mark.group(1)


def test_awards_api(client):
    everything = client.get("/api/awards?per_page=500").get_json()
    data = client.get("/api/awards?award=C%E1%BB%9D+thi+%C4%91ua&per_page=500").get_json()
    assert {r["id"] for r in data["rows"]} == {r["id"] for r in everything["rows"]
                                               if r["award"] == "Cờ thi đua"}
    assert 0 < data["total"] < everything["total"]
    assert data["totals"]["all"]["records"] == data["total"]
    assert client.get("/api/awards?sort=x").status_code == 400


BANG_KHEN, GIAY_KHEN, CO_THI_DUA = quote("Bằng khen"), quote("Giấy khen"), quote("Cờ thi đua")


def _award_rows(client, route, query):
    """(award, collectives, individuals) of every record a route lists."""
    response = client.get(f"{route}?{query}&per_page=500")
    if route == "/awards.csv":
        rows = _csv(response)
        return [(r[4], int(r[6] or 0), int(r[7] or 0)) for r in rows[1:]]
    assert response.status_code == 200
    data = response.get_json() if route == "/api/awards" else json.loads(response.data)
    assert data["totals"]["all"]["records"] == data["total"] == len(data["rows"])
    return [(r["award"], r["collectives"] or 0, r["individuals"] or 0) for r in data["rows"]]


@pytest.mark.parametrize("route", ["/awards.csv", "/awards.json", "/api/awards"])
@pytest.mark.parametrize(("query", "expected"), [
    # 002 (2018-2019) holds two Bằng khen and two Giấy khen records
    (f"school_year=2018-2019&award={BANG_KHEN}", [("Bằng khen", 3, 6), ("Bằng khen", 2, 7)]),
    (f"school_year=2018-2019&award={GIAY_KHEN}", [("Giấy khen", 7, 25), ("Giấy khen", 3, 4)]),
    (f"school_year=2018-2019&q=khen_th%C6%B0%E1%BB%9Fng:%22{GIAY_KHEN}%22",
     [("Giấy khen", 7, 25), ("Giấy khen", 3, 4)]),
    # 001 (2022-2023) holds three Cờ thi đua records and one Bằng khen; several values: any
    (f"school_year=2022-2023&award={CO_THI_DUA}&award={GIAY_KHEN}",
     [("Cờ thi đua", 4, 0), ("Cờ thi đua", 12, 0), ("Cờ thi đua", 18, 0)]),
])
def test_award_filter_selects_records_in_every_export(client, route, query, expected):
    assert sorted(_award_rows(client, route, query)) == sorted(expected)


@pytest.mark.parametrize("route", ["/awards.csv", "/awards.json", "/api/awards"])
@pytest.mark.parametrize(("kind", "other"), [("Bằng khen", "Giấy khen"),
                                             ("Giấy khen", "Bằng khen")])
def test_a_two_kind_record_is_listed_under_each_kind(client, route, kind, other):
    rows = _award_rows(client, route, f"award={quote(kind)}")
    assert ("Bằng khen, Giấy khen", 14, 28) in rows  # 004's one record names both
    assert all(kind in award.split(", ") for award, _, _ in rows)
    assert not [row for row in rows if row[0] == other]  # 002 holds both: its other records go


@pytest.mark.parametrize(("query", "records", "reports", "collectives", "individuals"), [
    (f"school_year=2018-2019&award={BANG_KHEN}", 2, 1, 5, 13),
    (f"school_year=2018-2019&award={GIAY_KHEN}", 2, 1, 10, 29),
    # Giấy khen records of 002, awards_word_orders, cms_page, windows1258, and 004's
    # "Bằng khen, Giấy khen" record (a Bằng khen too)
    (f"award={GIAY_KHEN}", 6, 5, 50, 128),
])
def test_awards_page_lists_and_totals_the_chosen_kind(client, query, records, reports,
                                                       collectives, individuals):
    html = _html(client.get(f"/awards?{query}"))
    assert f"{records} bản ghi khen thưởng trong {reports} báo cáo" in html
    assert f"Tổng cộng: {collectives} tập thể và {individuals} cá nhân." in html
    table = html[html.index('<table class="award-list"'):html.index("</table>")]
    assert table.count("<tr><td>") == records


def _facet_counts(html, name):
    aside = html[html.index(f'id="facet-{name}"'):]
    aside = aside[:aside.index("</section>")]
    return {value: int(n) for value, n in re.findall(
        r'<span class="value">([^<]*)</span>\s*<span class="n">(\d+)</span>', aside)}


@pytest.mark.parametrize("query", ["", "school_year=2018-2019", f"award={BANG_KHEN}",
                                   "province=L%E1%BA%A1ng+S%C6%A1n"])
def test_awards_page_award_facet_counts_records(client, query):
    html = _html(client.get(f"/awards?{query}"))
    without_award = "&".join(p for p in query.split("&") if p and not p.startswith("award="))
    rows = client.get(f"/api/awards?{without_award}&per_page=500").get_json()["rows"]
    expected = {}
    for row in rows:  # a record counts once for each kind it names
        for kind in row["award"].split(", "):
            expected[kind] = expected.get(kind, 0) + 1
    assert _facet_counts(html, "award") == expected
    api = client.get(f"/api/awards?{query}").get_json()["facets"]["award"]
    assert {i["value"]: i["count"] for i in api} == expected
    assert "Khen thưởng: số bản ghi; các bộ lọc khác: số báo cáo." in html


@pytest.mark.parametrize("path", ["/api/trend", "/api/kwic", "/api/compare", "/api/awards"])
def test_openapi_lists_the_tools(client, path):
    assert path in client.get("/api/openapi.json").get_json()["paths"]


def test_english_tools(client):
    html = _html(client.get(f"/trend?q={THI_DUA}&lang=en"))
    assert "Trend across years" in html and "no reports" in html


LANG_SON = quote("Lạng Sơn")


def test_trend_links_keep_the_filters_in_the_chart_and_the_table(client):
    html = _html(client.get(f"/trend?q={THI_DUA}&province={LANG_SON}"))
    links = re.findall(r'href="(/\?q=[^"]*)"', html)
    table = html[html.index('<table class="trend"'):]
    assert re.findall(r'href="(/\?q=[^"]*)"', table), "the table links to its reports"
    assert links and all("province=L%E1%BA%A1ng+S%C6%A1n" in link for link in links)


@pytest.mark.parametrize("path", ["/", "/awards"])
def test_a_repeated_filter_is_one_chip(client, path):
    html = _html(client.get(f"{path}?province={LANG_SON}&province={LANG_SON}"))
    chips = html[html.index('class="chips"'):]
    chips = chips[:chips.index("</ul>")]
    assert chips.count('class="chip"') == 1


@pytest.mark.parametrize("path", ["/", "/trend?q=thi", "/kwic?q=thi", "/awards", "/compare",
                                  f"/documents/{SEED}"])
def test_links_keep_the_chosen_language(client, path):
    html = _html(client.get(path + ("&" if "?" in path else "?") + "lang=en"))
    nav = html[html.index('<nav aria-label="Site">'):]
    nav = nav[:nav.index("</nav>")]
    assert nav.count("lang=en") == nav.count("<a ") > 4


@pytest.mark.parametrize("query", ["school_year=2019-2020", "by=year&year=2020"])
def test_trend_with_a_filter_on_its_own_periods(client, query):
    html = _html(client.get(f"/trend?q={THI_DUA}&{query}"))
    by = "year" if "by=year" in query else "school_year"
    links = re.findall(r'href="(/\?q=[^"]*)"', html)
    assert links and all(link.count(f"{by}=") == 1 for link in links)


@pytest.mark.parametrize(("query", "guide", "ticked", "listed"), [
    ("", "Tìm báo cáo, rồi đánh dấu chọn hai báo cáo để so sánh.", 0, 0),
    ("q=cong+doan", "Tìm báo cáo, rồi đánh dấu chọn hai báo cáo để so sánh.", 0, 10),
    (f"id={SEED}", "Đã chọn một báo cáo: hãy chọn thêm một báo cáo nữa.", 1, 2),
    (f"id={SEED}&id=000_3fa81f57103253cb.txt&id=001_3b3cf22e4ad63a4c.txt",
     "Đã chọn 3 báo cáo: chỉ giữ lại hai báo cáo.", 3, 3),
])
def test_compare_guides_instead_of_failing(client, query, guide, ticked, listed):
    html = _html(client.get(f"/compare?{query}"))
    assert re.sub(r"\s+", " ", re.search(r'class="guide"[^>]*>(.*?)</p>', html, re.S)
                  .group(1)).strip() == guide
    assert html.count(" checked>") == ticked
    assert len(re.findall(r'<input type="checkbox" name="id"', html)) >= listed
    assert 'id="pick-q"' in html  # a search box to find reports, no ids to type


def test_compare_picks_from_a_search_and_suggestions(client):
    html = _html(client.get(f"/compare?id={SEED}"))
    assert "so sánh với…" in html  # the ticked report's suggestions, ready to tick
    html = _html(client.get("/compare?q=cong+doan"))
    ids = re.findall(r'<input type="checkbox" name="id" value="([^"]+)"', html)
    hits = client.get("/api/search?q=cong+doan&per_page=20").get_json()["hits"]
    assert ids == [hit["id"] for hit in hits]
    assert 'action="/compare"' in html and '<input type="hidden" name="q" value="cong doan">' in html


@pytest.mark.parametrize("q", ["công đoàn", "cong doan", '"Công đoàn"'])
def test_compare_marks_the_words_on_both_sides(client, q):
    html = _html(client.get("/compare", query_string={
        "a": "000_3fa81f57103253cb.txt", "b": SEED, "q": q}))
    rows = re.findall(r"<tr class=\"[^\"]+\">(.*?)</tr>", html, re.S)
    sides = [re.findall(r"<td>(.*?)</td>", row, re.S) for row in rows]
    for column in (0, 1):
        marks = [m for side in sides for m in re.findall(r"<mark>(.*?)</mark>", side[column])]
        assert marks and all(m.lower() == "công đoàn" for m in marks)


def test_kwic_rows_show_the_report_title_and_sentence_contexts(client):
    html = _html(client.get("/kwic?q=B%E1%BA%B1ng+khen"))
    rows = re.findall(r'<td class="left"><span>(.*?)</span></td>\s*<td class="match">.*?</td>'
                      r'\s*<td class="right">(.*?)</td>\s*<td class="source"><a href="([^"]+)">'
                      r'(.*?)</a>', html, re.S)
    lines = client.get("/api/kwic?q=B%E1%BA%B1ng+khen").get_json()["lines"]
    assert len(rows) == len(lines) > 3
    for (left, right, href, title), line in zip(rows, lines, strict=True):
        assert href == f"/documents/{line['id']}"
        assert title == (line["title"] or line["source"]).replace("&", "&amp;")
        # contexts cut at sentence ends: none inside either
        assert not re.search(r"[.?!;] ", left) and not re.search(r"[.?!;] ", right)


@pytest.mark.parametrize(("path", "expected"), [
    ("/?q=thi+dua&province=L%E1%BA%A1ng+S%C6%A1n&year_from=2018",
     ["/trend?q=thi+dua&province=L%E1%BA%A1ng+S%C6%A1n&year_from=2018",
      "/kwic?q=thi+dua&province=L%E1%BA%A1ng+S%C6%A1n&year_from=2018",
      "/awards?q=thi+dua&province=L%E1%BA%A1ng+S%C6%A1n&year_from=2018"]),
    ("/kwic?q=thi+dua", ["/?q=thi+dua", "/trend?q=thi+dua", "/awards?q=thi+dua"]),
    ("/awards?q=thi+dua&not_province=H%C3%A0+Nam",
     ["/?q=thi+dua&not_province=H%C3%A0+Nam", "/trend?q=thi+dua&not_province=H%C3%A0+Nam",
      "/kwic?q=thi+dua&not_province=H%C3%A0+Nam"]),
    (f"/documents/{SEED}?q=thi+dua&school_year=2018-2019",
     ["/?q=thi+dua&school_year=2018-2019", "/trend?q=thi+dua&school_year=2018-2019",
      "/kwic?q=thi+dua&school_year=2018-2019", "/awards?q=thi+dua&school_year=2018-2019"]),
    ("/awards", ["/"]),  # no words: nothing to chart or to find in context
])
def test_the_tools_link_to_each_other_with_the_words_and_filters_kept(client, path, expected):
    html = _html(client.get(path))
    nav = re.search(r'<nav class="tools".*?</nav>', html, re.S).group(0)
    assert [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', nav)] == expected


def test_the_trend_names_each_terms_links(client):
    html = _html(client.get("/trend?q=thi+dua&q=khen"))
    assert re.findall(r'<nav class="tools" aria-label="([^"]+)"', html) == [
        "“thi dua” trong:", "“khen” trong:"]


def test_the_concordance_has_the_searchs_facet_sidebar(client):
    html = _html(client.get("/kwic?q=thi+dua"))
    assert '<details class="filters" id="filters">' in html
    link = re.search(r'href="(/kwic\?q=thi\+dua&amp;province=L%E1%BA%A1ng\+S%C6%A1n)"', html)
    narrowed = _html(client.get(link.group(1).replace("&amp;", "&")))
    assert re.search(r"\d+ chỗ dùng trong 1 báo cáo", narrowed)
    assert 'class="on" aria-current="true"' in narrowed  # the chosen value, ticked


@pytest.fixture(scope="module")
def many_values(tmp_path_factory):
    """A client over 60 reports of 60 organisations, all using "công đoàn"."""
    from indexer.indexing import index_records
    from webui import create_app

    index = tmp_path_factory.mktemp("many") / "index"
    index_records([{"id": f"r{n}", "title": f"Báo cáo {n}", "organization": f"Trường số {n}",
                    "text": f"Công đoàn Trường số {n} tổ chức hội nghị."} for n in range(60)],
                  index, workers=1)
    return create_app({"INDEX_DIR": str(index), "TESTING": True}).test_client()


@pytest.mark.parametrize("sort", ["date", "left"])
def test_a_research_page_lists_a_long_facet_in_part_and_links_to_all_of_it(many_values, sort):
    from webui.views import FACET_MORE, FACET_SHOWN

    # (and a concordance of reports without a school year orders them by date all the same)
    html = _html(many_values.get(f"/kwic?q=c%C3%B4ng+%C4%91o%C3%A0n&sort={sort}"))
    assert html.count('<td class="match">') == 60
    section = re.search(r'<section class="facet" aria-labelledby="facet-organization">.*?'
                        r"</section>", html, re.S).group(0)
    assert section.count("Trường số") == FACET_SHOWN + FACET_MORE
    link = re.search(r'href="(/facets/organization[^"]*)"', section).group(1)
    listed = _html(many_values.get(link.replace("&amp;", "&")))
    assert all(f"Trường số {n}<" in listed for n in range(60))
