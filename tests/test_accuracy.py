"""The labelled set (tests/accuracy.py) is read right: at least 95 % of its checks, on at
least 20 files across the formats. The command prints the figures the README shows."""

from tests.accuracy import labels, measure


def test_the_labelled_set_covers_the_formats():
    found = list(labels())
    assert len(found) >= 20
    assert {label.path.suffix for label in found} >= {".txt", ".html", ".docx", ".odt", ".doc",
                                                      ".pdf"}


def test_the_labelled_set_is_read_right():
    by_format, _, failed = measure()
    every = [right for results in by_format.values() for right in results]
    assert sum(every) >= 0.95 * len(every), failed
