"""Pages, exports and API of the research tools, through Flask's test client."""

import csv
import io
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
    assert html.count("<svg") == 1 and 'role="img"' in html
    assert "<polyline" in html and html.count("<circle") >= 4
    assert "không có báo cáo" in html  # a gap, not a zero
    # each point and each count links to its reports
    assert 'href="/?q=thi+%C4%91ua&amp;school_year=2018-2019"' in html


def test_trend_page_without_terms_shows_the_form(client):
    html = _html(client.get("/trend"))
    assert html.count('name="q"') == 5 and "<svg" not in html


def test_trend_exports(client):
    rows = _csv(client.get(f"/trend.csv?q={THI_DUA}"))
    assert rows[0] == ["by", "period", "term", "reports", "occurrences", "share", "total"]
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
    assert len(rows) - 1 == total and rows[0][5:8] == ["left", "match", "right"]
    assert client.get("/api/kwic?q=x&sort=sideways").status_code == 400


def test_compare_page(client):
    html = _html(client.get(f"/compare?a=000_3fa81f57103253cb.txt&b={SEED}"))
    assert "Độ giống nhau" in html and "<del>" in html and "<ins>" in html
    # picking two results on the search page sends id twice
    assert _html(client.get(f"/compare?id=000_3fa81f57103253cb.txt&id={SEED}")) .count("<tr") > 5
    assert client.get(f"/compare?id={SEED}").status_code == 400
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
    rows = _csv(client.get("/awards.csv?school_year=2018-2019"))
    assert rows[0][:6] == ["school_year", "date", "province", "organization", "award", "body"]
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
