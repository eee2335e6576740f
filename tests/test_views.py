"""The HTML pages and exports, through Flask's test client."""

import csv
import io
import json
import re
from urllib.parse import quote

import pytest

from search import FACETS

SEED = "002_cce08653f4e9e0c2.txt"


def _html(response):
    assert response.status_code == 200, response.data[:500]
    return response.data.decode("utf-8")


def test_search_page_lists_results_with_their_facts(client):
    html = _html(client.get("/?q=cong+doan"))
    assert 'role="search"' in html and '<label for="q">' in html
    assert re.search(r'id="result-count"[^>]*role="status"[^>]*aria-live="polite"', html)
    total = client.get("/api/search?q=cong+doan").get_json()["total"]
    assert f"{total} báo cáo" in html
    # opens at the best passage, and knows its place in the results (for previous / next)
    assert re.search(rf'<li class="hit" id="hit-(\d+)">\s*<h2><a href="/documents/'
                     rf'{re.escape(SEED)}\?q=cong\+doan&amp;hit=\1#m1"', html)
    assert "12/08/2019" in html  # dates the Vietnamese way
    assert "<mark>Công đoàn</mark>" in html


def test_facet_links_toggle_values_and_chips_remove_them(client):
    html = _html(client.get("/?q=cong+doan"))
    lang_son = quote("Lạng Sơn").replace("%20", "+")
    assert f'href="/?q=cong+doan&amp;province={lang_son}"' in html
    html = _html(client.get(f"/?q=cong+doan&province={lang_son}"))
    assert "1 báo cáo" in html
    # the chosen value links to its removal, and a chip does the same
    assert html.count('href="/?q=cong+doan"') >= 2
    assert 'aria-current="true"' in html
    # a second province can be added
    bac_kan = quote("Bắc Kạn").replace("%20", "+")
    assert f"province={lang_son}&amp;province={bac_kan}" in html
    html = _html(client.get(f"/?q=cong+doan&province={lang_son}&province={bac_kan}"))
    assert "2 báo cáo" in html


def test_sort_and_pages_are_links(client):
    html = _html(client.get("/?q=cong+doan&per_page=2"))
    assert 'href="/?q=cong+doan&amp;per_page=2&amp;sort=newest"' in html
    assert 'rel="next" href="/?q=cong+doan&amp;per_page=2&amp;page=2"' in html
    second = _html(client.get("/?q=cong+doan&per_page=2&page=2"))
    assert 'aria-current="page">2</a>' in second and 'rel="prev"' in second


def test_zero_results_offer_the_suggestion(client):
    html = _html(client.get("/?q=c%C3%B4ng+%C4%91o%C3%A0ng"))
    assert "Không có báo cáo nào phù hợp" in html
    assert 'href="/?q=c%C3%B4ng+%C4%91o%C3%A0n">công đoàn</a>' in html


def test_english_and_cookie(client):
    html = _html(client.get("/?q=cong+doan&lang=en"))
    assert '<html lang="en">' in html and " reports" in html and "Province" in html
    assert "year-end review" in html  # report types in English too
    assert "lang=en" in client.get("/?lang=en").headers["Set-Cookie"]
    # the cookie keeps the choice on the next page
    assert "Search help" in _html(client.get("/help"))
    assert "Hướng dẫn tìm kiếm" in _html(client.get("/help?lang=vi"))


def test_report_page_highlights_every_match_with_navigation(client):
    html = _html(client.get(f"/documents/{SEED}?q=L%E1%BA%A1ng+S%C6%A1n"))
    marks = [int(n) for n in re.findall(r'<mark id="m(\d+)">', html)]
    # Numbered from the best passage (#m1, where the page opens) to the end, then from the
    # top: the title's "Lạng Sơn" is not #m1.
    first = marks.index(1)
    assert len(marks) >= 5 and marks[first:] + marks[:first] == list(range(1, len(marks) + 1))
    text = html[html.index('<div class="text">'):]
    assert text.index('<mark id="m1">') > text.index("</p>")
    assert 'href="#m2"' in html and 'href="#m1"' in html
    assert "Bằng khen" in html and "<caption>Khen thưởng</caption>" in html
    assert "Vũ Minh Đức – Ủy viên Đoàn Chủ tịch" in html
    assert 'href="/?q=L%C3%A1%BA%A1ng' not in html  # the back link keeps the query as sent
    assert re.search(r'href="/\?q=L[^"]*">← Quay lại kết quả', html)
    assert f"/documents/{SEED}/original" in html
    assert "Báo cáo tương tự" in html


def test_report_text_is_escaped(client):
    html = _html(client.get("/documents/script_report.txt?q=script"))
    assert "<script>alert" not in html and "onerror=alert(1)>" not in html
    assert "&lt;script&gt;" in html or "&lt;<mark" in html


def test_download_original(client, search_corpus):
    response = client.get(f"/documents/{SEED}/original")
    assert response.status_code == 200
    assert response.data == (search_corpus / SEED).read_bytes()
    assert "attachment" in response.headers["Content-Disposition"]
    response.close()


@pytest.mark.parametrize("path", [
    "/documents/nope.txt", "/documents/..%2F..%2Fetc%2Fpasswd", "/documents/../setup.py",
    "/documents/%2e%2e/original", "/documents/nope.txt/original",
    "/documents/.hidden", "/nowhere",
])
def test_unknown_or_malicious_ids_are_404_pages(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"Traceback" not in response.data and b"<!doctype html>" in response.data


def test_csv_export_has_every_match_and_a_bom(client):
    response = client.get("/search.csv?q=cong+doan&per_page=1&page=1")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Mã báo cáo", "Tiêu đề", "Ngày"]  # the UI's language
    total = client.get("/api/search?q=cong+doan").get_json()["total"]
    assert len(rows) - 1 == total > 1
    assert any("Lạng Sơn" in row for row in rows)


def test_json_export(client):
    data = json.loads(client.get(f"/search.json?q=cong+doan&province={quote('Lạng Sơn')}").data)
    assert data["total"] == 1 and data["hits"][0]["id"] == SEED


def test_security_headers(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_bad_parameters_give_a_page_not_a_trace(client):
    response = client.get("/?q=x&page=abc")
    assert response.status_code == 400
    html = response.data.decode()
    assert "page phải là số nguyên" in html and "Traceback" not in html


def test_oversized_requests_are_refused(client):
    assert client.get("/?q=" + "a" * 9000).status_code == 414
    assert client.post("/api/search", data="x" * 100_000).status_code in (405, 413)


def test_every_asset_is_local(client):
    html = _html(client.get("/?q=cong+doan"))
    for url in re.findall(r'(?:href|src)="([^"#]+)"', html):
        assert url.startswith("/"), url
    css = client.get("/static/style.css")
    assert css.status_code == 200 and b"@import" not in css.data and b"http" not in css.data
    css.close()


def test_page_reports_its_time(client):
    # Not a timing assertion (the figures are measured in the README): the count says how
    # long the search took, as a number.
    html = _html(client.get("/?q=cong+doan"))
    took = re.search(r'id="result-count"[^>]*>\s*1–10 trong \d+ báo cáo\s*'
                     r'<span class="took">\((\d+(?:\.\d+)?) ms\)</span>', html)
    assert took and 0 < float(took.group(1)) < 60_000


def test_help_lists_every_filter_with_the_names_it_takes(client):
    html = _html(client.get("/help"))
    for facet in FACETS:
        row = re.search(rf"<tr><td>{re.escape(facet.label_vi)}</td><td>(.*?)</td></tr>", html)
        assert row, facet.name
        assert all(f"<code>{alias}:</code>" in row.group(1) for alias in facet.aliases)


def test_health_says_which_index_version_is_served(client, engine):
    data = client.get("/healthz").get_json()
    assert data["status"] == "ok" and data["reports"] == engine.search("")["total"] > 0
    assert data["index_version"] >= 1 and data["updated"].startswith("20")


def test_one_log_line_per_request(client, caplog):
    with caplog.at_level("INFO", logger="union_search.requests"):
        client.get("/?q=cong+doan")
    assert re.fullmatch(r"GET /\?q=cong\+doan 200 \d+\.\d ms", caplog.records[-1].getMessage())


@pytest.mark.parametrize("path", [
    "/", "/?q=cong+doan", f"/documents/{SEED}", "/trend", "/trend?q=thi+dua", "/kwic",
    "/kwic?q=thi+dua", "/compare", "/awards", "/duplicates", "/help", "/facets/province",
    "/no-such-page",
])
def test_every_page_has_one_h1(client, path):
    html = client.get(path).data.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def _count_line(html):
    return re.sub(r"\s+", " ", re.search(r'id="result-count"[^>]*>(.*?)<span', html,
                                         re.S).group(1)).strip()


@pytest.mark.parametrize(("query", "shown"), [
    ("q=cong+doan", "1–10"), ("q=cong+doan&per_page=5&page=2", "6–10"),
    ("q=cong+doan&per_page=5&page=3", "11–{total}"),
])
def test_the_count_says_which_results_are_shown(client, query, shown):
    total = client.get("/api/search?q=cong+doan").get_json()["total"]
    line = _count_line(_html(client.get(f"/?{query}")))
    assert line == f"{shown.format(total=total)} trong {total} báo cáo"


def test_results_per_page_are_chosen_in_the_page(client):
    html = _html(client.get("/?q=cong+doan&per_page=20"))
    nav = re.search(r'<nav class="per-page".*?</nav>', html, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', nav) == [
        "/?q=cong+doan", "/?q=cong+doan&amp;per_page=20", "/?q=cong+doan&amp;per_page=50",
        "/?q=cong+doan&amp;per_page=100"]
    assert re.search(r'aria-current="true">20</a>', nav)


def test_a_year_range_narrows_and_shows_one_chip(client):
    expected = client.get("/api/search?q=năm:2019..2020").get_json()["total"]
    html = _html(client.get("/?year_from=2019&year_to=2020"))
    assert f"trong {expected} báo cáo" in _count_line(html) and expected < 16
    assert re.search(r'<a class="chip" href="/" aria-label="[^"]+">Năm: 2019–2020 ', html)
    assert 'name="year_from" min="1900" max="2100" inputmode="numeric" value="2019"' in html
    assert "<summary>Bộ lọc (1)</summary>" in html
    # a year alone is open at its other end
    later = client.get("/?year_from=2020").data.decode()
    assert "Năm: 2020–…" in later


def test_a_facet_value_can_be_left_out_and_taken_back(client):
    everything = client.get("/api/search?q=cong+doan").get_json()["total"]
    html = _html(client.get("/?q=cong+doan"))
    leave_out = re.search(r'<a class="exclude" href="([^"]+)" aria-label="Loại Lạng Sơn"',
                          html).group(1).replace("&amp;", "&")
    left = _html(client.get(leave_out))
    assert _count_line(left).endswith(f"trong {everything - 1} báo cáo")
    assert "Tỉnh, thành phố: <s>Lạng Sơn</s>" in left  # a struck chip
    chip = re.search(r'<a class="chip excluded" href="([^"]+)"', left).group(1)
    assert chip == "/?q=cong+doan"  # taking it back
    assert re.search(r'<li class="excluded"><a href="/\?q=cong\+doan"', left)
    assert client.get("/api/search?q=cong+doan&not_province=L%E1%BA%A1ng+S%C6%A1n"
                      ).get_json()["total"] == everything - 1


@pytest.mark.parametrize(("query", "current"), [
    ("", "mới nhất"), ("province=L%E1%BA%A1ng+S%C6%A1n", "mới nhất"),
    ("q=cong+doan", "liên quan nhất"), ("sort=oldest", "cũ nhất"),
])
def test_the_sort_shown_is_the_one_applied(client, query, current):
    html = _html(client.get(f"/?{query}"))
    nav = re.search(r'<nav class="sort".*?</nav>', html, re.S).group(0)
    assert re.findall(r'aria-current="true">([^<]+)</a>', nav) == [current]


def test_the_filters_are_one_skip_link_away(client):
    html = _html(client.get("/?q=cong+doan"))
    assert '<a class="skip" href="#filters">Chuyển đến bộ lọc</a>' in html
    assert '<details class="filters" id="filters">' in html
    # the filters come before the results, so that a phone shows the button above them
    assert html.index('id="filters"') < html.index('class="results"')


# -- the report page's place in the results of its search -------------------------------

def _result_ids(client, query: str) -> list[str]:
    return [hit["id"] for hit in
            client.get(f"/api/search?{query}&per_page=100").get_json()["hits"]]


def test_result_links_carry_their_position(client):
    html = _html(client.get("/?q=cong+doan&per_page=2&page=2"))
    ids = _result_ids(client, "q=cong+doan")
    for number in (3, 4):
        assert f'<li class="hit" id="hit-{number}">' in html
        assert (f'href="/documents/{ids[number - 1]}?q=cong+doan&amp;per_page=2&amp;page=2'
                f'&amp;hit={number}#m1"') in html
    assert 'id="hit-2"' not in html and 'id="hit-5"' not in html


def _result_nav(html: str) -> str | None:
    found = re.search(r'<nav class="result-nav".*?</nav>', html, re.S)
    return found.group() if found else None


@pytest.mark.parametrize("position", ["first", "middle", "last"])
def test_report_page_steps_through_the_results(client, position):
    ids = _result_ids(client, "q=cong+doan")
    total = len(ids)
    assert total >= 3
    hit = {"first": 1, "middle": 2, "last": total}[position]
    html = _html(client.get(f"/documents/{ids[hit - 1]}?q=cong+doan&per_page=2&hit={hit}"))
    nav = _result_nav(html)
    assert nav and f"{hit} / {total}" in nav
    previous = re.search(r'rel="prev" href="([^"]*)"', nav)
    following = re.search(r'rel="next" href="([^"]*)"', nav)
    if hit == 1:
        assert previous is None and 'class="off">« trước' in nav
    else:
        assert previous.group(1) == (f"/documents/{ids[hit - 2]}?q=cong+doan&amp;per_page=2"
                                     f"&amp;hit={hit - 1}#m1")
    if hit == total:
        assert following is None and 'class="off">sau »' in nav
    else:
        assert following.group(1) == (f"/documents/{ids[hit]}?q=cong+doan&amp;per_page=2"
                                      f"&amp;hit={hit + 1}#m1")
    # back to the results page that holds this report, at this report
    page = -(-hit // 2)
    back = "/?q=cong+doan&amp;per_page=2" + (f"&amp;page={page}" if page > 1 else "")
    assert f'href="{back}#hit-{hit}">← Quay lại kết quả' in html
    assert f'id="hit-{hit}"' in _html(client.get(back.replace("&amp;", "&")))


def test_result_navigation_keeps_the_filters_and_the_sort(client):
    query = "q=cong+doan&province=L%E1%BA%A1ng+S%C6%A1n&province=B%E1%BA%AFc+K%E1%BA%A1n&sort=newest"
    ids = _result_ids(client, query)
    assert len(ids) == 2
    html = _html(client.get(f"/documents/{ids[0]}?{query}&hit=1"))
    nav = _result_nav(html)
    assert "1 / 2" in nav
    assert f'href="/documents/{ids[1]}?{query.replace("&", "&amp;")}&amp;hit=2#m1"' in nav


@pytest.mark.parametrize("extra", [
    "", "&hit=abc", "&hit=0", "&hit=-1", "&hit=2.5", "&hit=999", "&hit=99999999999",
    "&hit=2",  # result 2 is another report
    "&hit=1&sort=sideways", "&hit=1&per_page=0", "&hit=1&page=x",  # not a search
])
def test_a_bad_or_missing_position_shows_no_navigation(client, extra):
    first = _result_ids(client, "q=cong+doan")[0]
    html = _html(client.get(f"/documents/{first}?q=cong+doan{extra}"))
    assert _result_nav(html) is None
    assert "<mark" in html  # the report itself is shown, with its matches
    back = re.search(r'href="([^"]*)">← Quay lại kết quả', html).group(1)
    assert back.startswith("/?q=cong+doan") and "hit=" not in back


def test_report_page_counts_matches_with_and_without_script(client):
    html = _html(client.get(f"/documents/{SEED}?q=L%E1%BA%A1ng+S%C6%A1n&lang=en"))
    matches = len(re.findall(r'<mark id="m\d+">', html))
    # without JavaScript: how many, and the anchors
    assert f"{matches} matches of “Lạng Sơn”" in html and f'href="#m{matches}"' in html
    # with it: report.js (this page only) fills in the counter from this template
    assert '<script src="/static/report.js" defer></script>' in html
    assert f'data-matches="{matches}"' in html
    assert f'data-format="match {{n}} of {matches}"' in html
    assert "report.js" not in _html(client.get("/?q=cong+doan"))
    script = client.get("/static/report.js")
    assert script.status_code == 200 and b'"n"' in script.data and b'"p"' in script.data
    script.close()
