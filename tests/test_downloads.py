"""Downloads people open in Excel: headers in the UI's language, a snippet column, file
names that say what is inside (webui/exports.py and webui/resources.py)."""

import csv
import io
from datetime import date

import pytest

TODAY = date.today().isoformat()


def _rows(response):
    assert response.status_code == 200, response.data[:300]
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def _filename(response):
    return response.headers["Content-Disposition"].split("filename=", 1)[1]


@pytest.mark.parametrize(("path", "lang", "first"), [
    ("/search.csv?q=cong+doan", "vi", ["Mã báo cáo", "Tiêu đề", "Ngày", "Năm học"]),
    ("/search.csv?q=cong+doan", "en", ["Report id", "Title", "Date", "School year"]),
    ("/awards.csv", "vi", ["Năm học", "Ngày", "Tỉnh, thành phố", "Đơn vị"]),
    ("/kwic.csv?q=thi+dua", "en", ["School year", "Date", "Report id", "Title"]),
    ("/trend.csv?q=thi+dua", "vi", ["Chia theo", "Thời kỳ", "Cụm từ", "Số báo cáo"]),
    ("/duplicates.csv", "en", ["Counted report id", "Counted report", "Counted report's date"]),
    ("/facets/province.csv", "en", ["Filter", "Value", "Reports"]),
])
def test_headers_are_in_the_language_asked(client, path, lang, first):
    rows = _rows(client.get(path + ("&" if "?" in path else "?") + f"lang={lang}"))
    assert rows[0][:len(first)] == first


def test_headers_follow_the_language_the_visitor_chose(client):
    client.get("/?lang=en")  # the choice is kept in a cookie
    assert _rows(client.get("/awards.csv"))[0][0] == "School year"
    client.get("/?lang=vi")
    assert _rows(client.get("/awards.csv"))[0][0] == "Năm học"


@pytest.mark.parametrize(("path", "name"), [
    ("/search.csv?q=c%C3%B4ng+%C4%91o%C3%A0n&province=L%E1%BA%A1ng+S%C6%A1n",
     f"bao-cao_cong-doan_lang-son_{TODAY}.csv"),
    ("/search.json?q=c%C3%B4ng+%C4%91o%C3%A0n&lang=en", f"reports_cong-doan_{TODAY}.json"),
    ("/awards.csv?school_year=2018-2019", f"khen-thuong_2018-2019_{TODAY}.csv"),
    ("/kwic.csv?q=%22thi+%C4%91ua%22", f"ngu-canh_thi-dua_{TODAY}.csv"),
    ("/trend.csv?q=thi+dua&q=khen&lang=en", f"trend_thi-dua_khen_{TODAY}.csv"),
    ("/facets/province.csv?q=cong+doan", f"tinh-thanh-pho_cong-doan_{TODAY}.csv"),
    ("/search.csv?q=%3D1%2B1+%2F..%2F%2F", f"bao-cao_1-1_{TODAY}.csv"),
])
def test_file_names_say_what_is_inside(client, path, name):
    assert _filename(client.get(path)) == name


def test_the_search_csv_has_each_reports_passage_as_plain_text(client):
    rows = _rows(client.get("/search.csv?q=thi+dua&lang=en"))
    column = rows[0].index("Passage")
    passages = [row[column] for row in rows[1:]]
    assert passages and all("thi đua" in p.lower() for p in passages)
    assert not any("<mark>" in p or "&amp;" in p or "&#" in p for p in passages)


def test_the_award_csv_names_and_links_each_report(client):
    rows = _rows(client.get("/awards.csv?school_year=2018-2019&lang=en"))
    title, link = rows[0].index("Title"), rows[0].index("Link")
    for row in rows[1:]:
        assert row[title].startswith("Công đoàn Giáo dục Lạng Sơn")
        assert row[link].startswith("http://localhost/documents/") and "#award-" in row[link]
