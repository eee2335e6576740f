"""The research tools over the test index: figures checked against counts made directly
from the report texts."""

import re
from collections import Counter

import pytest

from indexer.normalize import fold
from search import KWIC_SORTS, SearchError, best_span
from search.kwic import sort_lines

SEEDS = {"000": "000_3fa81f57103253cb.txt", "001": "001_3b3cf22e4ad63a4c.txt",
         "002": "002_cce08653f4e9e0c2.txt", "003": "003_2eb4f2e2c5295c4e.txt",
         "004": "004_54bbc81b5d115ec8.txt"}


def _all_documents(engine):
    ids = [hit["id"] for hit in engine.export("")]
    return [engine.document(doc_id) for doc_id in ids]


def _count_in_text(text, term, folded):
    """The oracle: occurrences of the term's words side by side, counted with a regex."""
    words = term.split()
    source = fold(text).lower() if folded else text.lower()
    pattern = r"(?<!\w)" + r"\W+".join(re.escape(w.lower()) for w in words) + r"(?!\w)"
    return len(re.findall(pattern, source))


@pytest.mark.parametrize(("seed", "collectives", "individuals", "records"), [
    ("000", 0, 0, 0), ("001", 99, 278, 4), ("002", 15, 42, 4), ("003", 0, 0, 0),
    ("004", 14, 28, 1)])
def test_award_totals_of_each_sample_report(engine, seed, collectives, individuals, records):
    rows = [r for r in engine.awards(per_page=1000)["rows"] if r["id"] == SEEDS[seed]]
    assert len(rows) == records
    assert sum(r["collectives"] or 0 for r in rows) == collectives
    assert sum(r["individuals"] or 0 for r in rows) == individuals


def test_award_totals_per_school_year_and_body(engine):
    result = engine.awards(per_page=1000)
    by_year = {g["value"]: (g["collectives"], g["individuals"]) for g in
               result["totals"]["school_year"]}
    assert by_year["2022-2023"] == (99, 278)
    assert by_year["2019-2020"] == (14, 28)
    assert by_year["2018-2019"] == (15, 42)
    bodies = {g["value"]: g["records"] for g in result["totals"]["body"]}
    assert bodies["Công đoàn Giáo dục Việt Nam"] >= 3
    everything = result["totals"]["all"]
    assert everything["records"] == result["total"] == len(result["rows"])
    assert everything["collectives"] == sum(r["collectives"] or 0 for r in result["rows"])


def test_award_list_filters_facets_and_sorts(engine):
    result = engine.awards(filters={"province": ["Lạng Sơn"]}, sort="individuals")
    assert {r["province"] for r in result["rows"]} == {"Lạng Sơn"}
    assert [r["individuals"] for r in result["rows"]] == [25, 7, 6, 4]
    # the province facet still offers the other provinces with award records
    assert {"Hải Phòng", "Hà Nam"} <= {i["value"] for i in result["facets"]["province"]}
    by_award = engine.awards(sort="award")["rows"]
    assert [r["award"].lower() for r in by_award] == sorted(r["award"].lower() for r in by_award)
    newest = [r["date"] for r in engine.awards()["rows"] if r["date"]]
    assert newest == sorted(newest, reverse=True)


# Award filters select award records, not the reports that hold them. The oracle is made
# from the stored records: a record's kinds are the ones the indexer split its award text
# into ("Bằng khen, Giấy khen" in 004 names both).
BANG_KHEN, GIAY_KHEN, CO_THI_DUA = "Bằng khen", "Giấy khen", "Cờ thi đua"


def _stored_records(engine, q="", filters=None):
    """(report id, record number, record) of every stored award record of the reports that
    the search selects with ``q`` and ``filters``."""
    records = []
    for hit in engine.export(q, filters):
        for number, record in enumerate(engine.document(hit["id"]).get("awards", []), 1):
            records.append((hit["id"], number, record))
    return records


def _kinds(record):
    return record.get("kinds") or [record["award"]]


def _listed(result):
    return sorted((r["id"], r["number"]) for r in result["rows"])


@pytest.mark.parametrize(("q", "filters", "kinds"), [
    ("", {"award": [BANG_KHEN]}, {BANG_KHEN}),
    ("", {"award": ["bang khen"]}, {BANG_KHEN}),  # without marks, as search resolves it
    ("", {"award": [GIAY_KHEN]}, {GIAY_KHEN}),
    ("", {"award": [CO_THI_DUA]}, {CO_THI_DUA}),
    ("", {"award": [GIAY_KHEN, CO_THI_DUA]}, {GIAY_KHEN, CO_THI_DUA}),  # either
    ('khen_thưởng:"Bằng khen"', None, {BANG_KHEN}),  # the filter typed in the query
    ('award:"giay khen"', None, {GIAY_KHEN}),
    ("", {"award": [BANG_KHEN], "school_year": ["2018-2019"]}, {BANG_KHEN}),
    ("tập thể", {"award": [GIAY_KHEN]}, {GIAY_KHEN}),  # words still select reports
])
def test_award_filter_lists_only_records_of_its_kinds(engine, q, filters, kinds):
    result = engine.awards(q, filters, per_page=1000)
    words = "tập thể" if q == "tập thể" else ""
    others = {k: v for k, v in (filters or {}).items() if k != "award"}
    expected = sorted((doc_id, number) for doc_id, number, record
                      in _stored_records(engine, words, others)
                      if kinds & set(_kinds(record)))
    assert expected, "the case must list something"
    assert _listed(result) == expected
    assert all(kinds & set(r["award"].split(", ")) for r in result["rows"])
    assert result["total"] == len(expected)
    assert result["reports"] == len({doc_id for doc_id, _ in expected})


@pytest.mark.parametrize("filters", [
    {"award": [BANG_KHEN]}, {"award": [GIAY_KHEN]}, {"award": [CO_THI_DUA]},
    {"award": [BANG_KHEN], "province": ["Lạng Sơn"]}])
def test_award_totals_follow_the_records_listed(engine, filters):
    result = engine.awards(filters=filters, per_page=1000)
    others = {k: v for k, v in filters.items() if k != "award"}
    records = [record for _, _, record in _stored_records(engine, "", others)
               if set(filters["award"]) & set(_kinds(record))]
    expected = {"records": len(records),
                "collectives": sum(r["collectives"] or 0 for r in records),
                "individuals": sum(r["individuals"] or 0 for r in records)}
    totals = result["totals"]
    assert {k: totals["all"][k] for k in expected} == expected
    for by in ("school_year", "body"):
        for key in expected:
            assert sum(group[key] for group in totals[by]) == expected[key], (by, key)
    by_year = Counter()
    for row in result["rows"]:
        by_year[row["school_year"]] += row["individuals"] or 0
    assert {g["value"]: g["individuals"] for g in totals["school_year"]} == dict(by_year)


@pytest.mark.parametrize(("q", "filters"), [
    ("", None),
    ("", {"award": [BANG_KHEN]}),  # its own filter left out of its counts
    ("", {"province": ["Lạng Sơn"]}),
    ("", {"school_year": ["2018-2019"], "award": [GIAY_KHEN]}),
    ("tập thể", None),
])
def test_award_facet_counts_records(engine, q, filters):
    result = engine.awards(q, filters)
    others = {k: v for k, v in (filters or {}).items() if k != "award"}
    expected = Counter(kind for _, _, record in _stored_records(engine, q, others)
                       for kind in _kinds(record))
    counted = {item["value"]: item["count"] for item in result["facets"]["award"]}
    assert counted == dict(expected)
    # the other facets still count reports (those of the records listed)
    if "province" not in (filters or {}):
        reports = {(r["id"], r["province"])
                   for r in engine.awards(q, filters, per_page=1000)["rows"]}
        assert ({i["value"]: i["count"] for i in result["facets"]["province"]}
                == dict(Counter(province for _, province in reports if province)))


@pytest.mark.parametrize("kind", [BANG_KHEN, GIAY_KHEN])
def test_a_record_naming_two_kinds_counts_in_both(engine, kind):
    both = SEEDS["004"]
    record = engine.document(both)["awards"][0]
    assert set(_kinds(record)) == {BANG_KHEN, GIAY_KHEN}
    result = engine.awards(filters={"award": [kind]}, per_page=1000)
    assert (both, 1) in _listed(result)
    assert {r["award"] for r in result["rows"] if r["id"] == both} == {"Bằng khen, Giấy khen"}
    counted = {item["value"]: item["count"] for item in result["facets"]["award"]}
    assert counted[kind] == result["total"]
    # in the facet of the whole list, the record is one of each kind's records
    everything = engine.awards(per_page=1000)
    facet = {item["value"]: item["count"] for item in everything["facets"]["award"]}
    assert facet[BANG_KHEN] + facet[GIAY_KHEN] == everything["total"] - facet[CO_THI_DUA] + 1


@pytest.mark.parametrize("term", ["thi đua", "thi dua", "công đoàn", "Bằng khen", "năm học"])
def test_trend_occurrences_match_the_texts(engine, term):
    folded = fold(term) == term
    expected_occurrences: Counter = Counter()
    expected_reports: Counter = Counter()
    totals: Counter = Counter()
    for document in _all_documents(engine):
        year = document.get("school_year")
        if not year:
            continue
        totals[year] += 1
        count = _count_in_text(document["text"], term, folded)
        expected_occurrences[year] += count
        if count:
            expected_reports[year] += 1
    series = engine.trend([term])["school_year"]["series"][0]
    for point in series["points"]:
        year = point["period"]
        if not totals[year]:
            assert point["reports"] is None and point["occurrences"] is None
            continue
        assert point["occurrences"] == expected_occurrences[year], year
        assert point["reports"] >= expected_reports[year]  # search also matches words apart
        assert point["share"] == round(point["reports"] / totals[year], 4)


def test_trend_periods_have_gaps_not_zeros(engine):
    result = engine.trend(["thi đua"], {"province": ["Lạng Sơn", "Cần Thơ"]})
    points = {p["period"]: p for p in result["school_year"]["series"][0]["points"]}
    assert result["school_year"]["periods"] == ["2016-2017", "2017-2018", "2018-2019"]
    assert points["2017-2018"]["reports"] is None
    assert points["2016-2017"]["occurrences"] == 4 and points["2018-2019"]["occurrences"] == 7
    years = result["year"]["periods"]
    assert years == [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]


@pytest.mark.parametrize(("terms", "message"), [([], "at least one term"),
                                                (["a", "b", "c", "d", "e", "f"], "at most 5")])
def test_trend_bad_terms(engine, terms, message):
    with pytest.raises(SearchError, match=message):
        engine.trend(terms)


@pytest.mark.parametrize("term", ["Bằng khen", "bang khen", "thi đua", "29-NQ/TW"])
def test_kwic_lists_every_occurrence(engine, term):
    folded = fold(term) == term
    expected = sum(_count_in_text(d["text"], term.replace("-", " ").replace("/", " "), folded)
                   for d in _all_documents(engine))
    result = engine.kwic(term, per_page=1000)
    assert result["total"] == expected > 0
    for line in result["lines"]:
        assert fold(line["match"]).lower().split()[0] == fold(term).lower().split()[0] or "/" in term
        spans = engine.highlight(line["id"], term)
        # the page numbers its marks from its best passage on (#m1), then from the top
        first = best_span(engine.document(line["id"])["text"], spans)
        start, end = spans[(line["anchor"] - 1 + first) % len(spans)]
        assert start <= line["start"] < end  # the link lands on this very match


@pytest.mark.parametrize(("text", "left", "right"), [
    # the left context starts after the last sentence end, the right one stops at the first
    ("Hội nghị khai mạc lúc 8 giờ. Công đoàn trao Bằng khen cho 15 tập thể. Sau đó bế mạc.",
     "Công đoàn trao", "cho 15 tập thể."),
    ("Có ai nhận không? Năm nay có Bằng khen nào không? Có hai.", "Năm nay có", "nào không?"),
    ("Thật vui! Trường nhận Bằng khen! Cả trường mừng.", "Trường nhận", "!"),
    ("Về khen thưởng; đề nghị Bằng khen cho 3 tập thể; 5 cá nhân.", "đề nghị",
     "cho 3 tập thể;"),
    # a line break ends a sentence too (titles and list items have no mark), and is not kept
    ("DANH SÁCH\nĐề nghị Bằng khen của Bộ trưởng\nGiấy khen", "Đề nghị", "của Bộ trưởng"),
    # no sentence end in the window: cut at a word boundary, as before
    ("mở đầu " * 15 + "trao Bằng khen cho " + "tập thể " * 15, None, None),
    # a mark without a space after it (a number, a date) is not a sentence end
    ("Năm 2018.2019 trao Bằng khen cho 1.200 đoàn viên.", "Năm 2018.2019 trao",
     "cho 1.200 đoàn viên."),
    # a sentence end right beside the match leaves that side empty
    ("Kết thúc. Bằng khen. Tiếp theo.", "", "."),
])
def test_kwic_context_is_cut_at_sentence_boundaries(text, left, right):
    from search.kwic import CONTEXT_CHARS, context_line

    start = text.index("Bằng khen")
    line = context_line(text, start, start + len("Bằng khen"))
    assert line["match"] == "Bằng khen"
    if left is None:  # the word-boundary cut: whole words, within the window
        assert len(line["left"]) <= CONTEXT_CHARS and len(line["right"]) <= CONTEXT_CHARS
        assert line["left"].startswith("mở đầu") and line["left"].endswith("trao")
        assert line["right"].startswith("cho tập thể") and line["right"].endswith("thể")
        assert len(line["left"]) > 50 and len(line["right"]) > 50
    else:
        assert (line["left"], line["right"]) == (left, right)


def test_kwic_sentence_end_beyond_the_window_is_not_used():
    from search.kwic import context_line

    text = "Câu đầu. " + "chữ " * 30 + "Bằng khen" + " chữ" * 30 + ". Câu cuối."
    start = text.index("Bằng khen")
    line = context_line(text, start, start + len("Bằng khen"), width=40)
    assert "Câu" not in line["left"] and "Câu" not in line["right"]
    assert line["left"].split() == ["chữ"] * len(line["left"].split())
    assert line["right"].split() == ["chữ"] * len(line["right"].split())


def test_kwic_lines_of_the_index_are_cut_at_sentences(engine):
    for line in engine.kwic("Bằng khen", per_page=1000)["lines"]:
        # no sentence end inside the left context, none before the right one's last mark
        assert not re.search(r"[.?!;] ", line["left"]), line["left"]
        assert not re.search(r"[.?!;] ", line["right"]), line["right"]


def test_kwic_groups_and_sorts(engine):
    by_date = engine.kwic("Bằng khen")["lines"]
    years = [line["school_year"] for line in by_date]
    assert years == sorted(years, reverse=True)
    after = [fold(line["right"]).lower() for line in engine.kwic("Bằng khen", sort="right")["lines"]]
    assert after == sorted(after, key=lambda r: " ".join(re.findall(r"\w+", r)[:3]))
    before = engine.kwic("Bằng khen", sort="left")["lines"]
    # a match that starts its sentence has no left context: it sorts first
    last_before = [(re.findall(r"\w+", fold(line["left"]).lower()) or [""])[-1]
                   for line in before]
    assert last_before == sorted(last_before)


@pytest.mark.parametrize("sort", KWIC_SORTS)
@pytest.mark.parametrize(("page", "per_page"), [(2, 10), (1, 7), (3, 3), (50, 10)])
def test_kwic_pages(engine, sort, page, per_page):
    everything = engine.kwic("công đoàn", sort=sort, per_page=1000)
    one_page = engine.kwic("công đoàn", sort=sort, per_page=per_page, page=page)
    first = (page - 1) * per_page
    assert one_page["lines"] == everything["lines"][first:first + per_page]
    assert one_page["pages"] == -(-everything["total"] // per_page)
    assert one_page["total"] == everything["total"]


@pytest.mark.parametrize("term", [":", "&", "-", "…"])
@pytest.mark.parametrize("sort", KWIC_SORTS)
def test_kwic_of_a_term_without_words_is_empty(engine, term, sort):
    result = engine.kwic(term, sort=sort)
    assert (result["total"], result["lines"], result["reports"]) == (0, [], 0)


@pytest.mark.parametrize("term", ["công đoàn", "Bằng khen", "thi đua", "năm học"])
def test_kwic_by_date_is_the_order_of_its_lines(engine, term):
    # The order by date is made from the index alone; it must be the lines' own order.
    lines = engine.kwic(term, per_page=1000)["lines"]
    assert len(lines) > 1
    assert lines == sort_lines(lines, "date")


def test_compare_the_same_report(engine):
    result = engine.compare(SEEDS["002"], SEEDS["002"])
    assert result["similarity"] == 1.0
    assert {row["status"] for row in result["rows"]} == {"same"}


def test_compare_two_reports(engine):
    result = engine.compare(SEEDS["000"], SEEDS["002"])
    assert 0 < result["similarity"] < 0.5
    a_text = "".join(p["text"] for row in result["rows"] if row["a"] for p in row["a"])
    b_text = "".join(p["text"] for row in result["rows"] if row["b"] for p in row["b"])
    # every sentence of both reports is shown once, nothing lost or repeated
    assert re.sub(r"\s", "", a_text) == re.sub(r"\s", "", engine.document(SEEDS["000"])["text"])
    assert re.sub(r"\s", "", b_text) == re.sub(r"\s", "", engine.document(SEEDS["002"])["text"])


def test_compare_marks_changed_words():
    from search.compare import compare_texts

    result = compare_texts("Công đoàn tổng kết năm học 2018-2019. Hội nghị thành công.",
                           "Công đoàn tổng kết năm học 2019-2020. Hội nghị thành công.")
    changed = [row for row in result["rows"] if row["status"] == "changed"][0]
    assert [p for p in changed["a"] if p["kind"] == "removed"][0]["text"].startswith("2018")
    assert [p for p in changed["b"] if p["kind"] == "added"][0]["text"].startswith("2019")
    assert result["counts"] == {"same": 1, "changed": 1, "only_a": 0, "only_b": 0}


def test_compare_unknown_report(engine):
    assert engine.compare(SEEDS["000"], "nope.txt") is None
