from datetime import date

import pytest

from indexer.dates import find_dates, parse_date, school_year_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày 02 tháng 3 năm 2017, tại hội trường", date(2017, 3, 2)),
        ("ngày 12/8/2019, Công đoàn", date(2019, 8, 12)),
        ("Sáng ngày 15/01/2020, tại Sở", date(2020, 1, 15)),
        ("Thứ tư, 14 Tháng 8 2019 16:29", date(2019, 8, 14)),
        ("2023-09-27T09:15:00+07:00", date(2023, 9, 27)),
        ("15-01-2020", date(2020, 1, 15)),
        # Document numbers are not dates.
        ("Thông tư 09/2020/TT-BGDĐT", None),
        ("Nghị quyết 29-NQ/TW", None),
        ("ngày 31/02/2020", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        (date(2023, 9, 27), date(2023, 9, 27)),
        (date(2023, 10, 2), date(2023, 9, 27)),
        # Published in January: "27/9" was last September.
        (date(2024, 1, 5), date(2023, 9, 27)),
    ],
)
def test_day_month_takes_year_from_anchor(anchor, expected):
    found = find_dates("Chiều 27/9, Công đoàn ngành Giáo dục tổ chức", anchor=anchor)
    assert [f.value for f in found] == [expected]
    assert not found[0].has_year


def test_day_month_without_anchor_is_not_a_date():
    assert find_dates("Chiều 27/9, hội nghị") == []


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2020, 1, 15), "2019-2020"), (date(2019, 8, 12), "2019-2020"), (date(2020, 6, 1), "2019-2020")],
)
def test_school_year_of(day, expected):
    assert school_year_of(day) == expected
