import pytest

from search.query import MAX_TERMS, field_for, parse_query


def _clauses(query):
    return [([(t.text, t.phrase) for t in c.alternatives], c.negated)
            for c in parse_query(query).clauses]


@pytest.mark.parametrize(
    ("query", "clauses"),
    [
        ("công đoàn", [([("công", False)], False), ([("đoàn", False)], False)]),
        ('"tổng kết năm học"', [([("tổng kết năm học", True)], False)]),
        ("thi đua -quà", [([("thi", False)], False), ([("đua", False)], False),
                          ([("quà", False)], True)]),
        ('-"quà Tết" khen', [([("quà Tết", True)], True), ([("khen", False)], False)]),
        ("quà OR khen", [([("quà", False), ("khen", False)], False)]),
        # OR joins the groups of words on either side
        ('"a b" OR c d', [([("a b", True), ("c d", False)], False)]),
        ("bằng khen OR quà tết", [([("bằng khen", False), ("quà tết", False)], False)]),
        ("a OR b -c d", [([("a", False), ("b", False)], False), ([("c", False)], True),
                         ([("d", False)], False)]),
        ("NOT quà khen", [([("quà", False)], True), ([("khen", False)], False)]),
        ("a AND b && c", [([("a", False)], False), ([("b", False)], False),
                          ([("c", False)], False)]),
        # stray operators and punctuation
        ("OR khen OR", [([("khen", False)], False)]),
        ("- -- ((( )))", []),
        ('"unbalanced công', [([("unbalanced", False)], False), ([("công", False)], False)]),
        ("16:29", [([("16:29", False)], False)]),
        ("foo:bar", [([("foo bar", False)], False)]),
        ("\x00công\x07 😀", [([("công", False)], False)]),
        # normalised like report text
        ("Bình Thuỷ", [([("Bình", False)], False), ([("Thủy", False)], False)]),
        ("2018 – 2019", [([("2018-2019", False)], False)]),
    ],
)
def test_clauses(query, clauses):
    assert _clauses(query) == clauses


@pytest.mark.parametrize(
    ("query", "filters", "excluded"),
    [
        ('tỉnh:"Lạng Sơn"', {"province": ["Lạng Sơn"]}, {}),
        ('province:"Lạng Sơn"', {"province": ["Lạng Sơn"]}, {}),
        ('tinh:"lang son"', {"province": ["lang son"]}, {}),
        ("năm_học:2019-2020", {"school_year": ["2019-2020"]}, {}),
        ("school_year:2019-2020", {"school_year": ["2019-2020"]}, {}),
        ("năm:2018..2020", {"year": ["2018..2020"]}, {}),
        ("year:2019 nam:2020", {"year": ["2019", "2020"]}, {}),
        ('loại:"sơ kết học kỳ"', {"report_type": ["sơ kết học kỳ"]}, {}),
        ("type:khác", {"report_type": ["khác"]}, {}),
        ('khen_thưởng:"Bằng khen"', {"award": ["Bằng khen"]}, {}),
        ('award:"Cờ thi đua"', {"award": ["Cờ thi đua"]}, {}),
        ('-tỉnh:"Hà Nội"', {}, {"province": ["Hà Nội"]}),
        ("huyện:Bình_Lục", {"district": ["Bình_Lục"]}, {}),
        ('tỉnh:""', {}, {}),
    ],
)
def test_filters(query, filters, excluded):
    parsed = parse_query(query)
    assert (parsed.filters, parsed.excluded) == (filters, excluded)


@pytest.mark.parametrize(("name", "field"), [("Tỉnh", "province"), ("tinh", "province"),
                                             ("NĂM_HỌC", "school_year"), ("nam", "year"),
                                             ("khen-thuong", "award"), ("colour", None)])
def test_field_for(name, field):
    assert field_for(name) == field


def test_huge_paste_is_capped():
    parsed = parse_query("công đoàn " * 2000)
    assert len(parsed.clauses) == MAX_TERMS

