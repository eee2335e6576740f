import re

import pytest

from search.snippets import SNIPPET_CHARS, make_snippet, mark_text, merge_spans


def _visible(snippet):
    return re.sub(r"</?mark>", "", snippet)


def test_marks_are_the_only_markup():
    text = "A <script>alert(1)</script> & <b>bold</b> công đoàn"
    start = text.index("công")
    snippet = make_snippet(text, [(start, start + 4)])
    assert "<mark>công</mark>" in snippet
    assert re.findall(r"<[^>]*>", snippet) == ["<mark>", "</mark>"]
    assert "&lt;script&gt;" in snippet and "&amp;" in snippet


def test_adjacent_matches_share_one_mark():
    text = "Hội nghị Công đoàn Giáo dục"
    assert mark_text(text, merge_spans([(9, 13), (14, 18)], text)) == \
        "Hội nghị <mark>Công đoàn</mark> Giáo dục"


@pytest.mark.parametrize("where", [10, 5_000, 45_000])
def test_snippet_is_about_300_characters_around_the_match(where):
    text = "lorem ipsum " * 5_000
    text = text[:where] + " thủy điện " + text[where:]
    start = where + 1
    snippet = make_snippet(text, [(start, start + 4), (start + 5, start + 9)])
    assert "<mark>thủy điện</mark>" in snippet
    assert SNIPPET_CHARS * 0.6 <= len(_visible(snippet)) <= SNIPPET_CHARS * 1.3


def test_up_to_three_passages_for_scattered_matches():
    text = " ".join(f"câu số {i} nói về chuyện khác." for i in range(300))
    spans = []
    for word in ("alpha", "beta", "gamma", "delta"):
        position = len(text) * (len(spans) + 1) // 5
        text = text[:position] + f" {word} " + text[position:]
        spans.append((position + 1, position + 1 + len(word)))
    snippet = make_snippet(text, spans)
    assert snippet.count("<mark>") == 3
    assert snippet.count("…") >= 3


def test_no_match_gives_the_opening():
    text = "Mở đầu báo cáo. " * 50
    snippet = make_snippet(text, [])
    assert snippet.startswith("Mở đầu báo cáo.") and snippet.endswith("…")
    assert "<mark>" not in snippet
