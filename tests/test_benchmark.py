"""The benchmark's FTS5 side answers right, on a handful of hand-written documents (no
corpora): each query class's MATCH finds what it must, and the full result has the hits,
snippets, total and facet the product's comparison needs."""

from __future__ import annotations

import pytest

from tests.benchmark import QUERIES, Fts5Index, Query, fold, percentile, year_of

DOCS = [
    {"id": "a", "title": "Công an Hà Nội", "date": "2020-05-01",
     "text": "Lực lượng công an thành phố Hồ Chí Minh bắt giữ đối tượng."},
    {"id": "b", "title": "Bóng đá Việt Nam", "date": "2021-02-03",
     "text": "Đội tuyển bóng đá Việt Nam thắng trận. Giá xăng tăng."},
    {"id": "c", "title": "Giáo dục", "date": "2021-07-08",
     "text": "Ngành giáo dục và đào tạo tổ chức thi; bóng đá học đường; giá dầu giảm."},
    {"id": "d", "title": "Công nhân", "date": None,
     "text": "Công việc của người an toàn lao động. Đường về Đà Nẵng."},
]


@pytest.fixture(scope="module")
def fts5(tmp_path_factory) -> Fts5Index:
    path = tmp_path_factory.mktemp("fts5") / "bench.sqlite"
    assert Fts5Index.available()
    assert Fts5Index.build(path, DOCS) == len(DOCS)
    return Fts5Index(path)


def ids(result: dict) -> set[str]:
    return {hit["id"] for hit in result["hits"]}


@pytest.mark.parametrize(("match", "expected"), [
    ('body: "công an"', {"a"}),  # a phrase: not d's "Công việc … người an"
    ('folded: "cong an"', {"a"}),
    ('body: "ðường"', set()),  # a lookalike letter is not đ
    ('folded: "duong"', {"c", "d"}),  # đ folds to d: "học đường", "Đường"
    ('body: "đà nẵng"', {"d"}),
    ('body: ("giáo dục" AND "đào tạo")', {"c"}),
    ('body: ("bóng đá" NOT "việt")', {"c"}),
    ('body: ("xăng" OR "dầu")', {"b", "c"}),
    ('body: "thành phố hồ chí minh"', {"a"}),
    ('body: "giáo dụcc"', set()),
])
def test_matches(fts5, match, expected):
    result = fts5.full_result(Query("test", "x", match))
    assert ids(result) == expected
    assert result["total"] == len(expected)


def test_full_result_has_snippets_total_and_facet(fts5):
    result = fts5.full_result(Query("test", "bóng đá", 'body: "bóng đá"'))
    assert result["total"] == 2
    assert [hit["id"] for hit in result["hits"]][0] in {"b", "c"}
    assert all("<mark>" in hit["snippet"].lower() for hit in result["hits"])
    assert "<mark>bóng đá</mark>" in " ".join(h["snippet"] for h in result["hits"]).lower()
    assert result["facets"]["year"] == [{"value": 2021, "count": 2}]
    unaccented = fts5.full_result(Query("test", "cong an", 'folded: "cong an"'))
    assert "<mark>" in unaccented["hits"][0]["snippet"]


def test_filter_only_counts_the_filter_and_leaves_it_out_of_its_facet(fts5):
    result = fts5.full_result(Query("filter only", "năm:2021", years=(2021, 2021)))
    assert result["total"] == 2
    assert [hit["id"] for hit in result["hits"]] == ["c", "b"]  # newest first
    assert result["facets"]["year"] == [{"value": 2021, "count": 2},
                                        {"value": 2020, "count": 1}]


def test_the_query_mix():
    classes: dict[str, int] = {}
    for query in QUERIES:
        classes[query.label] = classes.get(query.label, 0) + 1
        assert bool(query.match) != (query.years is not None)
    assert len(classes) >= 9 and min(classes.values()) >= 5
    assert len({query.text for query in QUERIES}) == len(QUERIES)


def test_helpers():
    assert fold("Đường Hồ Chí Minh, ĐÀ NẴNG") == "Duong Ho Chi Minh, DA NANG"
    assert year_of({"date": "2019-09-01"}) == 2019 and year_of({"date": None}) is None
    assert percentile([5, 1, 3, 2, 4], 0.5) == 3 and percentile([], 0.5) == 0.0
