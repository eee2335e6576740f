"""Reposted copies are one report (search/duplicates.py): the Lạng Sơn report reposted
with other chrome, another title and a paragraph more, beside the sample archive."""

import json
import shutil

import pytest

from indexer.indexing import index_corpus
from search import Engine
from search.research import award_list, kwic, trend
from tests.conftest import CORPUS

LANG_SON = "002_cce08653f4e9e0c2.txt"
REPOST = "repost-lang-son.html"


def _repost_page(text: str) -> str:
    """The report as another union site would repost it: its own menu, title and footer,
    and a paragraph added at the end."""
    lines = text.splitlines()
    paragraphs = "".join(f"<p>{line}</p>" for line in lines[1:] if line.strip())
    return (
        "<html><head><title>Tin tức - Công đoàn ngành Giáo dục</title></head><body>"
        "<nav><a href='/'>Trang chủ</a> | <a href='/tin'>Tin tức</a></nav>"
        "<article><h1>Lạng Sơn: tổng kết công tác Công đoàn năm học 2018-2019</h1>"
        f"{paragraphs}<p>Bài viết được đăng lại từ trang của Công đoàn Giáo dục Lạng Sơn; "
        "bạn đọc có thể xem thêm hình ảnh tại trang gốc.</p></article>"
        "<footer>Bản quyền © Công đoàn ngành Giáo dục. Lượt xem: 1.024</footer>"
        "</body></html>")


def _archive(tmp_path, sidecar: dict | None = None):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    original = (corpus / LANG_SON).read_text(encoding="utf-8")
    (corpus / REPOST).write_text(_repost_page(original), encoding="utf-8")
    if sidecar is not None:
        (corpus / (REPOST + ".meta.json")).write_text(json.dumps(sidecar), encoding="utf-8")
    index = tmp_path / "index"
    index_corpus(corpus, index, workers=1)
    return Engine(index)


@pytest.fixture(scope="module")
def reposted(tmp_path_factory):
    engine = _archive(tmp_path_factory.mktemp("reposted"))
    yield engine
    engine.close()


def test_a_repost_is_one_result_that_names_its_copies(reposted):
    assert reposted.search("", per_page=100)["total"] == 5  # not 6
    found = [h for h in reposted.search("Lạng Sơn tổng kết")["hits"]
             if h["id"] in (LANG_SON, REPOST)]
    assert len(found) == 1
    other = ({LANG_SON, REPOST} - {found[0]["id"]}).pop()
    assert found[0]["duplicates"] == [other]


def test_the_kept_copy_is_the_earliest_then_the_most_complete(reposted):
    # Same date (the repost carries the original's byline); the repost has a line more.
    original, copy = reposted.document(LANG_SON), reposted.document(REPOST)
    assert original["date"] == copy["date"] and len(copy["text"]) > len(original["text"])
    assert [(d["id"], d["kept"]) for d in original["duplicates"]] == [(REPOST, True)]
    assert [(d["id"], d["kept"]) for d in copy["duplicates"]] == [(LANG_SON, False)]
    assert copy["duplicates"][0]["similarity"] >= 0.8


@pytest.mark.parametrize("q", ["", "Lạng Sơn", "công đoàn"])
def test_facet_counts_count_a_group_once(reposted, q):
    provinces = dict((f["value"], f["count"])
                     for f in reposted.search(q)["facets"]["province"])
    assert provinces.get("Lạng Sơn") == 1


def test_award_totals_count_a_group_once(reposted):
    listed = award_list(reposted.snapshot(), filters={"province": ["Lạng Sơn"]})
    everything = listed["totals"]["all"]
    assert (everything["collectives"], everything["individuals"]) == (15, 42)  # not 30 / 84
    assert listed["total"] == 4


def test_trend_and_concordance_count_a_group_once(reposted):
    lines = kwic(reposted.snapshot(), "Vũ Minh Đức")["lines"]
    assert len({line["id"] for line in lines}) == 1
    counted = trend(reposted.snapshot(), ["Vũ Minh Đức"])
    points = counted["school_year"]["series"][0]["points"]
    assert sum(p["reports"] or 0 for p in points) == 1
    assert {p["period"]: p["total"] for p in points}["2018-2019"] == 1


@pytest.mark.parametrize(("sidecar", "total", "kept"), [
    ({"not_duplicate": True}, 6, None),
    ({"duplicate_of": LANG_SON}, 5, LANG_SON),
])
def test_a_sidecar_says_what_is_a_copy(tmp_path, sidecar, total, kept):
    engine = _archive(tmp_path, sidecar)
    try:
        assert engine.search("", per_page=100)["total"] == total
        if kept is not None:
            copy = engine.document(REPOST)
            assert [d["id"] for d in copy["duplicates"] if d["kept"]] == [kept]
    finally:
        engine.close()


@pytest.fixture
def client(reposted):
    from webui import create_app

    app = create_app({"INDEX_DIR": str(reposted.index_dir), "TESTING": True})
    return app.test_client()


def _kept_and_copy(reposted) -> tuple[str, str]:
    copies = reposted.document(LANG_SON)["duplicates"]
    return (copies[0]["id"], LANG_SON) if copies[0]["kept"] else (LANG_SON, copies[0]["id"])


@pytest.mark.parametrize("url", ["/duplicates", "/duplicates?lang=en"])
def test_the_duplicates_page_lists_the_group(reposted, client, url):
    page = client.get(url).get_data(as_text=True)
    kept, copy = _kept_and_copy(reposted)
    assert f"/documents/{kept}" in page and f"/documents/{copy}" in page
    assert ("1 nhóm" in page) or ("1 groups" in page)


@pytest.mark.parametrize("url", ["/duplicates.csv", "/duplicates.json", "/api/duplicates"])
def test_the_groups_download(reposted, client, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    kept, copy = _kept_and_copy(reposted)
    assert kept in body and copy in body


def test_a_result_links_to_its_reposts(reposted, client):
    page = client.get("/?q=Lạng+Sơn+tổng+kết").get_data(as_text=True)
    kept, copy = _kept_and_copy(reposted)
    assert "1 bản đăng lại:" in page and f"/documents/{copy}" in page


def test_the_report_page_lists_its_reposts(reposted, client):
    kept, copy = _kept_and_copy(reposted)
    page = client.get(f"/documents/{copy}").get_data(as_text=True)
    assert "1 bản đăng lại của báo cáo này" in page and f"/documents/{kept}" in page
    assert "bản được tính trong tìm kiếm" in page


def test_the_duplicates_command_lists_the_groups(reposted):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "webui.cli", "duplicates", "--index",
                           str(reposted.index_dir)], capture_output=True, text=True,
                          check=True, cwd=CORPUS.parent)
    kept, copy = _kept_and_copy(reposted)
    assert "1 group(s) of reposted copies" in done.stdout
    assert kept in done.stdout and copy in done.stdout


@pytest.mark.parametrize(("sidecar", "field"), [({"province": "Cà Mau"}, "province"),
                                                ({"author": "Lan Anh"}, "author")])
def test_fields_set_by_hand_are_shown(tmp_path, sidecar, field):
    from webui import create_app

    engine = _archive(tmp_path, sidecar)
    try:
        client = create_app({"INDEX_DIR": str(engine.index_dir), "TESTING": True}).test_client()
        assert client.get(f"/api/documents/{REPOST}").get_json()["overrides"] == [field]
        page = client.get(f"/documents/{REPOST}").get_data(as_text=True)
        assert "(sửa tay)" in page
        other = client.get(f"/documents/{LANG_SON}").get_data(as_text=True)
        assert "(sửa tay)" not in other
    finally:
        engine.close()
