"""Hostile archives: odd file names, bad sidecar values and formula-like text never take a
page, an export or the server down, and never hide a report."""

import csv
import io
import os
import shutil

import pytest

from indexer import UnreadableFile, load_report
from indexer.indexing import index_corpus
from tests.conftest import CORPUS
from webui import create_app
from webui.cli import main

NAMES = ["Đại hội công đoàn trường.txt", "(2019) Báo cáo.txt", "Báo cáo... tổng kết.txt",
         "_nháp.txt", "a/b.txt", "a--b.txt"]
FORMULA_TITLE = '=HYPERLINK("http://example.invalid","Bấm vào đây") Báo cáo sơ kết'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("hostile")
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, corpus)
    text = (CORPUS / "002_cce08653f4e9e0c2.txt").read_text(encoding="utf-8")
    for number, name in enumerate(NAMES):
        (corpus / name).parent.mkdir(exist_ok=True)
        (corpus / name).write_text(f"{name}\n\nBản số {number}. {text}", encoding="utf-8")
        # The same text under six names: reposted copies, unless said otherwise.
        (corpus / (name + ".meta.json")).write_text('{"not_duplicate": true}')
    (corpus / "formula.txt").write_text(f"{FORMULA_TITLE}\n\n@SUM(1+1) -2+3 công đoàn trường "
                                        "tổ chức sơ kết học kỳ.", encoding="utf-8")
    (corpus / "004_54bbc81b5d115ec8.txt.meta.json").write_text('{"date": "2017-W10-4"}')
    (corpus / "002_cce08653f4e9e0c2.txt.meta.json").write_text(
        '{"awards": [{"award": "Bằng khen", "collectives": "hai"}, '
        '{"award": "Giấy khen", "individuals": 4}], "province": "Lạng Sơn"}')
    return corpus, tmp_path_factory.mktemp("hostile-index")


@pytest.fixture(scope="module")
def indexed(hostile):
    corpus, index = hostile
    status = main(["index", "--corpus", str(corpus), "--index", str(index)])
    return corpus, index, status


@pytest.fixture(scope="module")
def client(indexed):
    corpus, index, _ = indexed
    return create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus),
                       "TESTING": True}).test_client()


def test_bad_sidecar_values_are_warnings_and_the_reports_are_kept(hostile, capsys):
    corpus, _ = hostile
    index = corpus.parent / "strict-index"
    assert main(["index", "--corpus", str(corpus), "--index", str(index), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "warning: 004_54bbc81b5d115ec8.txt: 004_54bbc81b5d115ec8.txt.meta.json: date: " \
           "expected a calendar date YYYY-MM-DD, got '2017-W10-4'" in err
    assert "collectives must be a whole number" in err
    assert "error:" not in err


def test_indexing_succeeds(indexed):
    assert indexed[2] == 0


@pytest.mark.parametrize("path", ["/", "/?q=c%C3%B4ng+%C4%91o%C3%A0n&sort=newest",
                                  "/?sort=oldest", "/awards", "/awards.csv", "/awards.json",
                                  "/api/awards", "/search.csv?q=b%C3%A1o+c%C3%A1o",
                                  "/trend?q=c%C3%B4ng+%C4%91o%C3%A0n",
                                  "/kwic?q=c%C3%B4ng+%C4%91o%C3%A0n", "/documents/x/original"])
def test_every_page_answers(client, path):
    response = client.get(path)
    response.close()
    assert response.status_code == (404 if "original" in path else 200)


def test_every_report_has_a_page_an_original_and_a_record(client):
    ids = [hit["id"] for hit in client.get("/api/search?per_page=100").get_json()["hits"]]
    assert len(ids) == 5 + len(NAMES) + 1  # none hidden, none twice ("a/b" vs "a--b")
    for doc_id in ids:
        for path in (f"/documents/{doc_id}", f"/documents/{doc_id}/original",
                     f"/api/documents/{doc_id}"):
            response = client.get(path)
            response.close()  # the original is a file
            assert response.status_code == 200, path
    odd = [i for i in ids if i.startswith(("dai-hoi", "2019-bao", "bao-cao-tong"))]
    assert len(odd) == 3
    assert client.get(f"/compare?a={odd[0]}&b={odd[1]}").status_code == 200


def test_the_valid_award_of_a_sidecar_is_kept(client):
    rows = client.get("/api/awards?province=L%E1%BA%A1ng+S%C6%A1n").get_json()["rows"]
    assert [(r["award"], r["individuals"]) for r in rows if r["id"].startswith("002")] == [
        ("Giấy khen", 4)]


@pytest.mark.parametrize("path", ["/search.csv?q=b%C3%A1o+c%C3%A1o", "/awards.csv",
                                  "/kwic.csv?q=s%C6%A1+k%E1%BA%BFt", "/trend.csv?q=s%C6%A1+k%E1%BA%BFt"])
def test_no_csv_cell_is_a_formula(client, path):
    rows = list(csv.reader(io.StringIO(client.get(path).data.decode("utf-8-sig"))))
    assert len(rows) > 1
    for row in rows:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    if path.startswith("/search"):
        assert any(value == "'" + FORMULA_TITLE for row in rows for value in row)


def test_a_server_on_an_empty_index_shows_an_empty_archive_then_the_first_reports(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    client = create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus),
                         "TESTING": True}).test_client()
    missing = client.get("/api/search")
    assert missing.status_code == 503 and "union-search index" in missing.get_json()["error"]
    assert main(["index", "--corpus", str(corpus), "--index", str(index)]) == 0  # empty
    assert client.get("/").status_code == 200
    assert client.get("/api/search").get_json()["total"] == 0
    shutil.copy(CORPUS / "002_cce08653f4e9e0c2.txt", corpus)
    assert main(["index", "--corpus", str(corpus), "--index", str(index)]) == 0
    assert client.get("/api/search").get_json()["total"] == 1  # no restart needed


# Whoosh (frozen third-party code) leaves the damaged table of contents' file open.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_damaged_index_is_one_clear_message(tmp_path, capsys):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    shutil.copy(CORPUS / "002_cce08653f4e9e0c2.txt", corpus)
    assert main(["index", "--corpus", str(corpus), "--index", str(index)]) == 0
    for toc in index.glob("_MAIN_*.toc"):
        toc.write_bytes(b"not an index")
    assert main(["search", "x", "--index", str(index)]) == 1
    err = capsys.readouterr().err
    assert "cannot be read" in err and "union-search index --rebuild" in err
    assert "Traceback" not in err
    client = create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus),
                         "TESTING": True}).test_client()
    page = client.get("/?q=x")
    assert page.status_code == 503 and "union-search index --rebuild" in page.data.decode()


def test_index_pointing_at_a_file_is_one_line(tmp_path, capsys):
    target = tmp_path / "a-file"
    target.write_text("x")
    assert main(["index", "--corpus", str(CORPUS), "--index", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error:") and err.count("\n") == 1 and "Traceback" not in err


def test_a_page_nested_too_deep_is_skipped_with_the_reason(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 20_000 + "Công đoàn" + "</div>" * 20_000
                    + "</body></html>", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="nested deeper than 500 elements"):
        load_report(page, tmp_path)


def test_a_huge_text_is_truncated_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setenv("UNION_SEARCH_MAX_FILE_MB", "1")
    big = tmp_path / "big.txt"
    lines = [f"Công đoàn trường số {n} tổ chức hội nghị cán bộ viên chức năm học mới."
             for n in range(30_000)]
    big.write_text("Báo cáo rất dài\n\n" + "\n".join(lines), encoding="utf-8")
    report = load_report(big, tmp_path)
    assert 900_000 < len(report.text.encode("utf-8")) <= 1_000_000
    assert report.text.endswith(".")  # cut at a line end
    assert report.warnings == [f"truncated at 1 MB (the file has {big.stat().st_size / 1e6:.1f} MB)"]


def test_links_fifos_and_loops_are_reported_not_skipped_silently(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    shutil.copy(CORPUS / "002_cce08653f4e9e0c2.txt", corpus)
    (corpus / "copy.txt").symlink_to(corpus / "002_cce08653f4e9e0c2.txt")  # indexed once
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "broken.txt").symlink_to(corpus / "missing.txt")
    (corpus / "sub" / "up").symlink_to(corpus, target_is_directory=True)
    os.mkfifo(corpus / "pipe.txt")
    status = main(["index", "--corpus", str(corpus), "--index", str(tmp_path / "index")])
    captured = capsys.readouterr()
    assert status == 1 and "1 added" in captured.out  # the report, once
    for line in ("error: loop.txt: a broken symbolic link, or a loop of links",
                 "error: broken.txt: a broken symbolic link, or a loop of links",
                 "error: sub/up: a link to a folder: not followed",
                 "error: pipe.txt: not a regular file (a FIFO, socket or device)"):
        assert line in captured.err
    assert "copy.txt" not in captured.err


def test_a_report_too_slow_to_analyse_is_skipped_and_the_others_indexed(tmp_path, monkeypatch,
                                                                        capsys):
    # 3 s: room for the ordinary report on a loaded machine (at 1 s it missed it there)
    monkeypatch.setenv("UNION_SEARCH_FILE_SECONDS", "3")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "002_cce08653f4e9e0c2.txt", corpus)
    lines = [f"Công đoàn trường số {n} tổ chức hội nghị cán bộ viên chức năm học mới."
             for n in range(50_000)]  # about 4 MB: over ten seconds of pyvi
    (corpus / "slow.txt").write_text("Báo cáo rất dài\n\n" + "\n".join(lines), encoding="utf-8")
    status = main(["index", "--corpus", str(corpus), "--index", str(tmp_path / "index")])
    captured = capsys.readouterr()
    assert status == 1 and "1 added" in captured.out
    assert "error: slow.txt: skipped: took more than 3 s to read and analyse" in captured.err


def test_a_link_to_a_report_outside_the_archive_is_indexed_under_the_link(tmp_path):
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    shutil.copy(CORPUS / "002_cce08653f4e9e0c2.txt", outside / "báo cáo ngoài kho.txt")
    (corpus / "từ ngoài kho.txt").symlink_to(outside / "báo cáo ngoài kho.txt")
    summary = index_corpus(corpus, tmp_path / "index", workers=1)
    assert (summary.added, summary.failed) == (1, {})
