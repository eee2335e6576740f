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
    assert f'href="/documents/{SEED}?q=cong+doan#m1"' in html  # opens at the best passage
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
    assert b"page must be a whole number" in response.data and b"Traceback" not in response.data


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
    took = re.search(r'id="result-count"[^>]*>\s*\d+ báo cáo\s*'
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
