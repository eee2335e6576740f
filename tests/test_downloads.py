"""Downloads people open in Excel: headers in the UI's language, a snippet column, file
names that say what is inside, the search's every result streamed in batches
(webui/exports.py and webui/resources.py)."""

import csv
import html
import io
import json
import math
import re
import shutil
from datetime import date

import pytest
from flask import url_for

from indexer.indexing import index_corpus
from search import Engine, Snapshot
from tests.conftest import CORPUS
from webui import create_app
from webui.exports import RESULT_COLUMNS, cell, iter_csv, iter_json, to_csv
from webui.resources import column_header

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


# -- the search's downloads stream (webui/exports.py iter_csv and iter_json,
# search/snapshot.py Export): the same file as when it was built in memory, in pieces -------

LANG_SON = "L%E1%BA%A1ng+S%C6%A1n"
HA_NOI = "H%C3%A0+N%E1%BB%99i"
# a download's query string, and the query, filters and sort it gives the engine
SEARCHES = [
    ("q=cong+doan", "cong doan", {}, "relevance"),
    ("", "", {}, "relevance"),  # every report
    ("q=thi+dua&sort=oldest&lang=en", "thi dua", {}, "oldest"),
    (f"q=c%C3%B4ng+%C4%91o%C3%A0n&province={LANG_SON}", "công đoàn",
     {"province": ["Lạng Sơn"]}, "relevance"),
    (f"q=cong+doan&not_province={HA_NOI}&sort=newest", 'cong doan -province:"Hà Nội"', {},
     "newest"),
    ("q=khongcogica", "khongcogica", {}, "relevance"),  # nothing found: the header alone
]


def _plain(snippet):
    return html.unescape(re.sub("</?mark>", "", snippet))


def _csv_in_memory(app, path, hits):
    """The search CSV as it was built before it streamed (every row in one string): the
    oracle the streamed file must equal, byte for byte."""
    with app.test_request_context(path):
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow([column_header(c) for c in RESULT_COLUMNS])
        for hit in hits:
            row = {**hit, "snippet": _plain(hit["snippet"]),
                   "url": url_for("views.document_page", doc_id=hit["id"], _external=True)}
            writer.writerow([cell(row.get(c, "")) for c in RESULT_COLUMNS])
        return out.getvalue().encode("utf-8")


def _json_in_memory(q, filters, sort, hits):
    return json.dumps({"query": q, "filters": filters, "sort": sort, "total": len(hits),
                       "hits": hits}, ensure_ascii=False, indent=1).encode("utf-8")


def _pieces(response):
    """The response's body as the server sends it: the pieces its iterator yields, in turn."""
    assert response.status_code == 200, response.data[:300]
    pieces = [piece for piece in response.response if piece]
    response.close()
    return pieces


@pytest.fixture(scope="module")
def small_batches(index_dir, search_corpus):
    """The test index served with downloads read and sent 4 rows at a time, so that its
    reports span several batches."""
    return create_app({"INDEX_DIR": str(index_dir), "CORPUS_DIR": str(search_corpus),
                       "TESTING": True, "EXPORT_BATCH": 4})


@pytest.mark.parametrize("batched", [False, True])
@pytest.mark.parametrize(("query", "q", "filters", "sort"), SEARCHES)
def test_the_streamed_search_csv_is_the_file_built_in_memory(app, small_batches, engine,
                                                             batched, query, q, filters, sort):
    served = small_batches if batched else app
    path = "/search.csv?" + query
    body = b"".join(_pieces(served.test_client().get(path)))
    hits = engine.export(q, filters, sort, snippets=True)
    assert body == _csv_in_memory(served, path, hits)
    assert body.startswith("\ufeff".encode()) and body.count(b"\r\n") >= len(hits) + 1


@pytest.mark.parametrize("batched", [False, True])
@pytest.mark.parametrize(("query", "q", "filters", "sort"), SEARCHES)
def test_the_streamed_search_json_is_the_file_built_in_memory(app, small_batches, engine,
                                                              batched, query, q, filters,
                                                              sort):
    served = small_batches if batched else app
    body = b"".join(_pieces(served.test_client().get("/search.json?" + query)))
    hits = engine.export(q, filters, sort, snippets=True)
    assert body == _json_in_memory(q, filters, sort, hits)
    assert json.loads(body)["total"] == len(hits)


@pytest.mark.parametrize("suffix", ["csv", "json"])
def test_a_search_download_is_sent_a_batch_at_a_time(small_batches, engine, suffix,
                                                     monkeypatch):
    read = []  # how many reports each reading of stored fields and snippets read
    hits = Snapshot.hits
    monkeypatch.setattr(Snapshot, "hits", lambda self, matching, ranked, snippets: (
        read.append(len(ranked)) or hits(self, matching, ranked, snippets)))
    response = small_batches.test_client().get(f"/search.{suffix}")
    assert "Content-Length" not in response.headers  # streamed: its size is not known first
    assert response.status_code == 200 and read == []  # nothing read before it starts
    sent = iter(response.response)
    opening = [next(sent), next(sent)]
    assert read == [4]  # the first batch is read when it is sent, not every report at once
    pieces = [piece for piece in [*opening, *sent] if piece]
    response.close()
    total = engine.search("")["total"]
    assert total > 2 * 4  # the test index's reports span three batches or more
    # the opening (the CSV's BOM and header row) comes before any row is read, then one
    # piece per batch of 4 rows (the JSON's closing brackets come with the last)
    assert len(pieces) == 1 + math.ceil(total / 4)
    if suffix == "csv":
        assert pieces[0].decode("utf-8-sig").count("\r\n") == 1
        assert [p.count(b"\r\n") for p in pieces[1:-1]] == [4] * (len(pieces) - 2)


@pytest.mark.parametrize("path", [
    "/search.csv?q=cong+doan&sort=best",
    "/search.json?q=cong+doan&sort=best",
    "/search.csv?year_from=twenty",
    "/search.json?year_from=twenty",
])
def test_a_bad_parameter_is_refused_before_a_download_starts(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "Content-Disposition" not in response.headers  # an error, not a file cut short
    text = response.data.decode("utf-8")
    assert "Traceback" not in text
    if path.startswith("/search.json"):
        assert response.get_json()["status"] == 400
    else:
        assert response.mimetype == "text/html" and "<!doctype html>" in text


@pytest.mark.parametrize(("rows", "batch", "pieces"), [
    (0, 2, 1),  # the header alone
    (1, 2, 2),
    (4, 2, 3),  # the last piece is the last full batch
    (5, 2, 4),
    (5, 200, 2),
])
def test_iter_csv_writes_the_header_then_a_piece_per_batch(rows, batch, pieces):
    data = [{"id": f"r{i}", "title": f"=Báo cáo {i}", "awards": ["a", "b"]} for i in range(rows)]
    written = list(iter_csv(iter(data), ("id", "title", "awards"), batch=batch))
    assert len(written) == pieces
    assert "".join(written) == to_csv(data, ("id", "title", "awards"))
    assert list(csv.reader(io.StringIO("".join(written)[1:])))[1:] == [
        [f"r{i}", f"'=Báo cáo {i}", "a; b"] for i in range(rows)]


@pytest.mark.parametrize("rows", [
    [],
    [{}],
    [{"id": "a", "awards": [], "score": 1.5, "title": "Lạng Sơn \"x\"\n"}],
    [{"id": str(i), "duplicates": [str(i + 1)], "nested": {"k": [1, {"v": None}]}}
     for i in range(7)],
])
@pytest.mark.parametrize("batch", [1, 3, 200])
def test_iter_json_writes_the_text_json_dumps_writes(rows, batch):
    result = {"query": "công đoàn", "filters": {"province": ["Lạng Sơn"]}, "sort": "newest",
              "total": len(rows), "hits": iter(rows)}
    written = list(iter_json(result, "hits", batch=batch))
    assert "".join(written) == json.dumps({**result, "hits": rows}, ensure_ascii=False,
                                          indent=1)
    assert len(written) == 2 + len(rows) // batch


# -- a download that outlasts a commit reads the version it started on -----------------------

DELETED = "000_3fa81f57103253cb.txt"
CHANGED = "001_3b3cf22e4ad63a4c.txt"
ADDED = ("Công đoàn trường Tiểu học Hoa Sen tổng kết năm học 2020-2021\n\n"
         "Ngày 20/5/2021, Công đoàn trường tổ chức hội nghị tổng kết phong trào thi đua.\n")


@pytest.fixture
def archive(tmp_path):
    """A copy of the sample archive and its own index (so that it can be changed)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    index = tmp_path / "index"
    assert not index_corpus(corpus, index, workers=1).failed
    return corpus, index


def _change_and_reindex(corpus, index, rebuild):
    """A commit while a download is read: one report deleted, one added, one changed, by an
    incremental run (the old documents' numbers kept, marked deleted) or a rebuild (a new
    index beside the old, whose files go)."""
    (corpus / DELETED).unlink()
    (corpus / "hoa-sen.txt").write_text(ADDED, encoding="utf-8")
    changed = corpus / CHANGED
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThêm một câu.\n",
                       encoding="utf-8")
    assert not index_corpus(corpus, index, workers=1, rebuild=rebuild).failed


@pytest.mark.parametrize("rebuild", [False, True])
def test_an_export_reads_the_version_it_started_on(archive, rebuild):
    corpus, index = archive
    engine = Engine(index)
    before = engine.export("công đoàn", snippets=True)
    # the deleted and the changed reports are read after the commit, marks in their snippets
    assert {DELETED, CHANGED} <= {hit["id"] for hit in before[2:]}
    assert all("<mark>" in hit["snippet"] for hit in before)
    rows = iter(engine.iter_export("công đoàn", snippets=True, batch=2))
    first = [next(rows), next(rows)]
    _change_and_reindex(corpus, index, rebuild)
    assert engine.export("công đoàn", snippets=True) != before  # a new version is served
    assert first + list(rows) == before
    engine.close()


@pytest.mark.parametrize("rebuild", [False, True])
def test_a_download_reads_the_version_it_started_on(archive, rebuild):
    corpus, index = archive
    served = create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus), "TESTING": True,
                         "EXPORT_BATCH": 2})
    client = served.test_client()
    before = client.get("/search.csv?q=cong+doan").data
    response = client.get("/search.csv?q=cong+doan")
    sent = iter(response.response)
    first = [next(sent), next(sent)]  # the header and the first batch of 2 reports
    _change_and_reindex(corpus, index, rebuild)
    body = b"".join([*first, *sent])
    response.close()
    assert body == before
    after = client.get("/search.csv?q=cong+doan").data
    assert DELETED.encode() in before and DELETED.encode() not in after
