"""The matching rules, query language, facets, snippets and sorting, over the one test index
(the sample archive plus the reports of tests/data/search and a few others)."""

import re

import pytest

from search import EXPORT_BATCH, MAX_PER_PAGE, Engine, SearchError

SEEDS = {
    "000": "000_3fa81f57103253cb.txt",
    "001": "001_3b3cf22e4ad63a4c.txt",
    "002": "002_cce08653f4e9e0c2.txt",
    "003": "003_2eb4f2e2c5295c4e.txt",
    "004": "004_54bbc81b5d115ec8.txt",
}
ALL_SEEDS = set(SEEDS)


def _ids(result):
    return [SHORT.get(hit["id"], hit["id"]) for hit in result["hits"]]


SHORT = {v: k for k, v in SEEDS.items()}


def _found(engine, query, **options):
    return _ids(engine.search(query, per_page=100, **options))


# query, reports that must be found, reports that must not be found
FINDS = [
    # compound words, syllables, with or without marks, any case
    ("công đoàn", ALL_SEEDS, set()),
    ("cong doan", ALL_SEEDS, set()),
    ("Cong Doan", ALL_SEEDS, set()),
    ("CÔNG ĐOÀN", ALL_SEEDS, set()),
    ("cong đoàn", ALL_SEEDS, set()),
    ("đoàn", ALL_SEEDS, set()),
    ("lạng sơn", {"002"}, {"000", "001", "003", "004"}),
    ("Lang Son", {"002"}, {"000", "001", "003", "004"}),
    ("LẠNG SƠN", {"002"}, set()),
    # tone-mark variants are one word
    ("Bình Thuỷ", {"000"}, {"001", "002", "003", "004"}),
    ("binh thuy", {"000"}, set()),
    ("hài hoà", {"002", "old_tone_marks.txt"}, set()),
    # typed with marks: exact; "năm" is not "nam"
    ("năm", {"nam_year.txt", "002"}, {"nam_only.txt"}),
    ("nam", {"nam_only.txt", "nam_year.txt"}, set()),
    # codes and dates stay whole
    ("29-NQ/TW", {"000"}, {"001", "002", "003", "004"}),
    ("NQ/TW", {"000"}, set()),
    ("09/2020/TT-BGDĐT", {"long_report.txt"}, ALL_SEEDS),
    ("02/3/2017", {"000"}, {"001", "002", "003", "004"}),  # written "02 tháng 3 năm 2017"
    ("12/8/2019", {"002"}, {"000"}),
    ("2018-2019", {"002", "old_tone_marks.txt"}, {"000", "001"}),
    # abbreviations expand both ways
    ("cán bộ nhà giáo người lao động", {"abbreviation_only.txt", "expansion_only.txt"}, set()),
    ('"cán bộ nhà giáo người lao động"', {"abbreviation_only.txt", "expansion_only.txt"}, set()),
    ("CBNGNLĐ", {"expansion_only.txt", "abbreviation_only.txt", "002", "003"}, set()),
    ("cbngnld", {"expansion_only.txt", "abbreviation_only.txt"}, set()),
    ("đoàn viên công đoàn", {"abbreviation_only.txt"}, set()),
    ("ĐVCĐ", {"expansion_only.txt", "abbreviation_only.txt"}, set()),
    ("công đoàn cơ sở", {"abbreviation_only.txt"}, set()),
    # nothing is a stopword
    ("không", {"scattered.txt", "cms_page.html"}, ALL_SEEDS),
    ("chưa", {"003"}, {"000", "001", "002", "004"}),
    # phrases, exclusion, OR
    ('"hội nghị ban chấp hành mở rộng"', {"000"}, {"001", "002", "003", "004"}),
    ('"mở rộng hội nghị"', set(), ALL_SEEDS),
    ("công đoàn -quà", {"000", "001", "002", "004"}, {"003"}),
    ('công đoàn -"quà Tết"', {"000"}, {"003"}),
    ("công đoàn -qua", {"scattered.txt"}, {"003"}),  # unmarked: quà, quả, qua all go
    ('"quà Tết" OR "Cờ thi đua"', {"001", "003"}, {"000", "002", "004"}),
    # filters, Vietnamese and English names, with or without marks
    ('tỉnh:"Lạng Sơn"', {"002"}, {"000", "001", "003", "004"}),
    ('province:"Lạng Sơn"', {"002"}, {"000"}),
    ('tinh:"lang son"', {"002"}, {"000"}),
    ("tỉnh:Lạng", {"002"}, {"000"}),
    ("huyện:\"Bình Lục\"", {"004"}, {"000", "002"}),
    ("năm_học:2019-2020", {"003", "004"}, {"000", "001", "002"}),
    ("school_year:2019-2020", {"003", "004"}, {"002"}),
    ("năm:2019", {"002"}, {"003", "004"}),
    ("year:2017", {"000"}, {"001", "002", "003", "004"}),
    ("năm:2018..2020", {"002", "003"}, {"000", "001", "004"}),
    ('loại:"sơ kết học kỳ"', {"000", "003"}, {"001", "002", "004"}),
    ('loai:"so ket hoc ky"', {"000", "003"}, {"001"}),
    ('type:"year-end review"', {"001", "002", "004"}, {"000", "003"}),
    ('khen_thưởng:"Cờ thi đua"', {"001"}, {"000", "002", "003", "004"}),
    ('award:"bang khen"', {"001", "002", "004"}, {"000", "003"}),
    ('người:"Vũ Minh Đức"', {"002"}, {"000"}),
    ('-tỉnh:"Lạng Sơn" công đoàn', {"000", "001", "003", "004"}, {"002"}),
    ('công đoàn tỉnh:"Bắc Kạn"', {"003"}, {"000", "001", "002", "004"}),
    ('tỉnh:"Lạng Sơn" tỉnh:"Bắc Kạn"', {"002", "003"}, {"000"}),
    ('tỉnh:"Atlantis"', set(), ALL_SEEDS),
]


@pytest.mark.parametrize(("query", "found", "not_found"), FINDS)
def test_finds(engine, query, found, not_found):
    ids = set(_found(engine, query))
    assert found <= ids
    assert not (not_found & ids)


# query, reports in the order they must rank (others may come between), whether the first
# of them must be the first result
RANKS = [
    # word-level (compound) matches above scattered syllables
    ("công đoàn", ["002", "scattered.txt"], True),
    ("cong doan", ["002", "004", "scattered.txt"], False),
    ("cong doan", ["000", "scattered.txt"], False),
    # literal unmarked match above a folded one
    ("nam", ["nam_only.txt", "nam_year.txt"], True),
    # title above body
    ("Nghệ An", ["cms_page.html"], True),
    ("Lạng Sơn", ["002"], True),
    ("thủy điện", ["long_report.txt"], True),
]


@pytest.mark.parametrize(("query", "order", "first"), RANKS)
def test_ranking(engine, query, order, first):
    ids = _found(engine, query)
    positions = [ids.index(item) for item in order]
    assert positions == sorted(positions)
    assert positions[0] == 0 or not first


@pytest.mark.parametrize(("query", "plain"), [
    ('"công đoàn', "công đoàn"), ("((( OR -", ""), ("OR", ""), ("😀🙂 công", "công"),
    ("tỉnh:", "tỉnh"), (":::", ""), ('"" "" ""', ""), ("-", ""), ("*?+[]{}()\\", ""),
    ("công đoàn " * 1000, "công đoàn"), ("\x00\x1b[31m", "31m"),
    ("http://example.invalid/x?y=1", "http example invalid x y 1"),
])
def test_malformed_queries_are_searched_as_plain_words(engine, query, plain):
    # What is not syntax is plain words: the answer is the plain words' answer.
    odd, words = engine.search(query, per_page=100), engine.search(plain, per_page=100)
    assert odd["total"] == words["total"]
    assert [h["id"] for h in odd["hits"]] == [h["id"] for h in words["hits"]]


def test_empty_query_with_filter_lists_newest_first(engine):
    result = engine.search("", filters={"report_type": ["sơ kết học kỳ"]})
    dates = [hit["date"] for hit in result["hits"]]
    assert dates == sorted(dates, reverse=True)
    assert _ids(result)[-1] == "000"  # 2017, the oldest


def test_empty_query_lists_everything(engine):
    assert engine.search("")["total"] == engine.search("", sort="oldest")["total"] >= 17


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_sort_by_date_with_undated_last(engine, sort):
    result = engine.search("công đoàn", sort=sort, per_page=100)
    dates = [hit["date"] for hit in result["hits"]]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=(sort == "newest"))
    assert dates[: len(dated)] == dated  # undated ones at the end
    assert all(hit["score"] is None for hit in result["hits"])


def test_pages(engine):
    everything = _found(engine, "công đoàn")
    first = engine.search("công đoàn", per_page=3)
    second = engine.search("công đoàn", per_page=3, page=2)
    assert first["total"] == len(everything) and first["pages"] == -(-len(everything) // 3)
    assert _ids(first) + _ids(second) == everything[:6]
    assert engine.search("công đoàn", per_page=3, page=99)["hits"] == []


def test_result_structure(engine):
    result = engine.search("công đoàn", filters={"province": ["Lạng Sơn"]})
    assert {"total", "page", "per_page", "hits", "facets", "suggestion"} <= set(result)
    hit = result["hits"][0]
    assert {"id", "title", "date", "school_year", "province", "organization", "report_type",
            "source", "score", "snippet"} <= set(hit)
    assert hit["province"] == "Lạng Sơn" and hit["score"] > 0
    assert set(result["facets"]) == {"province", "district", "school_year", "year",
                                     "report_type", "organization", "document_type", "award",
                                     "person"}


def test_facet_counts_leave_out_their_own_filter(engine):
    plain = engine.search("công đoàn")["facets"]
    chosen = engine.search("công đoàn", filters={"province": ["Lạng Sơn"]})["facets"]
    # other provinces stay listed, with their counts, so a second one can be picked
    assert chosen["province"] == plain["province"]
    assert {"value": "Cần Thơ", "count": 1} in chosen["province"]
    # other facets count only Lạng Sơn's reports
    assert chosen["organization"] == [{"value": "Công đoàn Giáo dục Lạng Sơn", "count": 1}]
    assert chosen["award"] == [{"value": "Bằng khen", "count": 1},
                               {"value": "Giấy khen", "count": 1}]


def test_school_year_facet_has_one_value_per_year(engine):
    values = [item["value"] for item in engine.search("")["facets"]["school_year"]]
    assert len(values) == len(set(values))
    assert all(re.fullmatch(r"\d{4}-\d{4}", value) for value in values)
    counts = {item["value"]: item["count"] for item in engine.search("")["facets"]["school_year"]}
    # 002 wrote "2018 – 2019", old_tone_marks "2018 – 2019", misleading_chrome "2018-2019"
    assert counts["2018-2019"] == 3


def test_selected_value_without_matches_stays_listed(engine):
    facets = engine.search("Bình Thủy", filters={"province": ["Lạng Sơn"]})["facets"]
    assert {"value": "Lạng Sơn", "count": 0} in facets["province"]


def test_snippet_escapes_markup(engine):
    hit = engine.search("script")["hits"][0]
    visible = re.sub(r"</?mark>", "", hit["snippet"])
    assert "&lt;script&gt;alert('xss')&lt;/script&gt;" in visible
    assert "&lt;img src=x onerror=alert(1)&gt;" in visible
    assert set(re.findall(r"<[^>]*>", hit["snippet"])) == {"<mark>", "</mark>"}


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        ("cong doan", {"cong", "doan", "cong doan"}),
        ("Lạng Sơn", {"lạng sơn"}),
        ("Bình Thuỷ", {"bình thủy"}),
        ("29-NQ/TW", {"29-nq/tw"}),
    ],
)
def test_snippet_marks_the_matched_words(engine, query, marked):
    from indexer.normalize import fold

    hit = engine.search(query)["hits"][0]
    words = {m.lower() for m in re.findall(r"<mark>(.*?)</mark>", hit["snippet"])}
    assert words
    expected = {fold(w) for w in marked}
    assert {fold(w) for w in words} <= expected


def test_snippet_beyond_32k_characters(engine):
    hit = engine.search("thủy điện")["hits"][0]
    assert hit["id"] == "long_report.txt"
    assert "<mark>thuỷ điện</mark>" in hit["snippet"] or "<mark>thủy điện</mark>" in hit["snippet"]


@pytest.mark.parametrize(("query", "suggestion"), [("công đoàng", "công đoàn"),
                                                   ("cong doanf", "cong đoàn")])
def test_did_you_mean(engine, query, suggestion):
    result = engine.search(query)
    assert result["total"] == 0 and result["suggestion"] == suggestion


def test_no_suggestion_when_results_are_plenty(engine):
    assert engine.search("công đoàn")["suggestion"] is None


def test_more_like_this(engine):
    similar = engine.more_like_this(SEEDS["004"])
    assert similar and SEEDS["004"] not in [item["id"] for item in similar]
    assert engine.more_like_this("no-such-id") == []


def test_document(engine):
    document = engine.document(SEEDS["002"])
    assert document["province"] == "Lạng Sơn"
    assert document["text"].startswith("Công đoàn Giáo dục Lạng Sơn")
    assert document["awards"][0]["collectives"] == 3
    assert engine.document("../../etc/passwd") is None


@pytest.mark.parametrize(
    ("options", "message"),
    [({"sort": "random"}, "sort must be one of"), ({"page": 0}, "page must be"),
     ({"per_page": 1000}, "per_page must be"), ({"page": "x"}, "whole numbers"),
     ({"filters": {"colour": ["red"]}}, "unknown filter")],
)
def test_bad_parameters_raise_search_error(engine, options, message):
    with pytest.raises(SearchError, match=message):
        engine.search("công đoàn", **options)


def test_warming_loads_the_fold_map_before_the_first_query(index_dir):
    fresh = Engine(index_dir)
    try:
        assert fresh.snapshot()._unfold is None  # built lazily, by the first query without marks
        fresh.warm()
        assert fresh.snapshot()._unfold  # a server warms before it says it is ready
    finally:
        fresh.close()


# An export (every result, for a download): query, filters, sort, with snippets.
EXPORTS = [
    ("", None, "relevance", True),  # every report, newest first
    ("công đoàn", None, "relevance", True),
    ("cong doan", {"province": ["Lạng Sơn"]}, "newest", False),
    ("thi đua", None, "oldest", True),
    ('"cán bộ nhà giáo người lao động"', None, "relevance", True),
    ("khongcogica", None, "relevance", True),  # nothing found
]


@pytest.mark.parametrize("batch", [1, 4, EXPORT_BATCH])
@pytest.mark.parametrize(("query", "filters", "sort", "snippets"), EXPORTS)
def test_an_export_reads_every_result_in_order_a_batch_at_a_time(engine, query, filters, sort,
                                                                 snippets, batch):
    page = engine.search(query, filters, sort, per_page=MAX_PER_PAGE, snippets=snippets)
    assert page["pages"] == 1  # one page holds every result of the test index
    exported = engine.iter_export(query, filters, sort, snippets, batch=batch)
    assert exported.total == page["total"]
    batches = list(exported.batches())
    assert [len(rows) for rows in batches] == [min(batch, page["total"] - first)
                                               for first in range(0, page["total"], batch)]
    assert [hit for rows in batches for hit in rows] == page["hits"]
    assert list(exported) == page["hits"] == engine.export(query, filters, sort, snippets)


@pytest.mark.parametrize(
    ("options", "message"),
    [({"sort": "random"}, "sort must be one of"), ({"filters": {"colour": ["red"]}},
                                                   "unknown filter"),
     ({"batch": 0}, "batch must be")],
)
def test_a_bad_export_is_refused_before_any_row_is_read(engine, options, message):
    with pytest.raises(SearchError, match=message):
        engine.iter_export("công đoàn", **options)  # not when its rows are read
