"""Real-browser tests: Playwright driving Debian's Chromium against a real HTTP server."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tests.browser import browser, chromium_path, in_ci, live_server

SEED = "002_cce08653f4e9e0c2.txt"

if chromium_path() is None:
    if in_ci():
        raise RuntimeError("CI must install Chromium for the browser tests (see .ci/run)")
    pytest.skip("Chromium is not installed: apt-get install chromium to run the browser "
                "tests", allow_module_level=True)


@pytest.fixture(scope="module")
def base_url(app):
    with live_server(app) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    with browser() as instance:
        yield instance


@pytest.fixture
def page(chromium, base_url):
    context = chromium.new_context(base_url=base_url, locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def follow(page, target) -> None:
    """Click a link or button that loads a page, and wait until the new page has loaded
    (reading the page right after a click reads the old one)."""
    with page.expect_navigation(wait_until="load"):
        target.click()


def _count(page) -> int:
    """The number of reports found ("1–10 trong 57 báo cáo": 57)."""
    text = page.locator("#result-count").inner_text()
    return int(re.search(r"(\d+) báo cáo", text).group(1))


def test_search_toggle_two_facets_remove_a_chip(page):
    page.goto("/")
    page.get_by_label("Tìm trong các báo cáo").fill("cong doan")
    follow(page, page.get_by_role("button", name="Tìm kiếm"))
    page.wait_for_url(re.compile(r"q=cong\+doan"))
    everything = _count(page)
    assert everything >= 5
    assert page.locator("mark").count() > 5

    provinces = page.locator("section.facet", has=page.get_by_role("heading",
                                                                    name="Tỉnh, thành phố"))
    follow(page, provinces.get_by_role("link", name=re.compile("^Lạng Sơn")))
    assert _count(page) == 1
    provinces = page.locator("section.facet", has=page.get_by_role("heading",
                                                                    name="Tỉnh, thành phố"))
    follow(page, provinces.get_by_role("link", name=re.compile("^Bắc Kạn")))
    assert _count(page) == 2
    assert "province=" in page.url and page.url.count("province=") == 2

    follow(page, page.locator(".chips").get_by_role("link", name=re.compile("Lạng Sơn")))
    assert _count(page) == 1
    assert page.locator(".hit h2").first.inner_text().startswith("Công đoàn Giáo dục tỉnh")
    # the back button restores the exact view
    page.go_back()
    assert _count(page) == 2


def test_pages(page):
    page.goto("/?q=cong+doan&per_page=3")
    first = page.locator(".hit h2").all_inner_texts()
    follow(page, page.get_by_role("navigation", name="Trang").get_by_role("link", name="2", exact=True))
    second = page.locator(".hit h2").all_inner_texts()
    assert len(first) == 3 and second and not set(first) & set(second)
    assert page.locator('.pages a[aria-current="page"]').inner_text() == "2"


def test_open_a_report_and_jump_between_matches(page):
    page.goto("/?q=L%E1%BA%A1ng+S%C6%A1n")
    follow(page, page.locator(".hit h2 a").first)
    page.wait_for_url(re.compile(r"/documents/"))
    assert page.locator("h1").inner_text().startswith("Công đoàn Giáo dục Lạng Sơn")
    page.get_by_role("link", name="đầu tiên").click()
    assert page.url.endswith("#m1")
    page.locator("#m1 a.next").click()
    assert page.url.endswith("#m2")
    page.locator("#m2 a.prev").click()
    assert page.url.endswith("#m1")
    assert page.evaluate("document.querySelector(':target').id") == "m1"
    follow(page, page.get_by_role("link", name=re.compile("Quay lại kết quả")))
    assert "q=L" in page.url and _count(page) >= 1


def test_export_csv(page):
    page.goto("/?q=cong+doan")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    download = info.value
    data = Path(download.path()).read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) - 1 == _count(page)


def test_switch_language(page):
    page.goto("/?q=cong+doan")
    follow(page, page.get_by_role("link", name="English"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert "reports" in page.locator("#result-count").inner_text()
    assert "q=cong+doan" in page.url
    page.goto("/help")  # the choice is remembered
    assert page.get_by_role("heading", level=1).inner_text() == "How to search"


def test_markup_in_a_report_does_not_execute(page):
    page.goto("/?q=script")
    assert page.locator(".snippet").first.inner_text().count("<script>") == 1
    follow(page, page.locator(".hit h2 a").first)
    page.wait_for_load_state("load")
    assert "<img src=x onerror=alert(1)>" in page.locator(".text").inner_text()
    assert page.locator(".text img, .text script, .snippet img").count() == 0
    assert page.dialogs == []


def test_works_at_phone_width(chromium, base_url):
    context = chromium.new_context(base_url=base_url, viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto("/?q=cong+doan")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 380
    assert page.get_by_role("button", name="Tìm kiếm").is_visible()
    context.close()


def test_works_without_javascript(chromium, base_url):
    context = chromium.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/?q=cong+doan")
    follow(page, page.locator(".facet-more a").first)  # a facet's every value, on its page
    assert "/facets/" in page.url and "q=cong+doan" in page.url
    follow(page, page.locator(".facet-page a").last)
    assert page.url.count("q=cong+doan") == 1 and "/facets/" not in page.url
    assert page.locator(".chips a.chip").count() == 1
    context.close()


def test_trend_chart_is_visible_with_links(page):
    page.goto("/trend")
    page.get_by_label("Cụm từ 1").fill("thi đua")
    page.get_by_label("Cụm từ 2").fill("Bằng khen")
    follow(page, page.get_by_role("button", name="Xem xu hướng"))
    chart = page.locator("svg.chart")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 300 and box["height"] > 100
    assert page.locator("svg.chart circle").count() >= 4
    follow(page, page.locator("svg.chart a").first)
    page.wait_for_url(re.compile(r"school_year="))
    assert _count(page) >= 1


def test_trend_without_javascript_still_has_chart_and_table(chromium, base_url):
    context = chromium.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/trend?q=thi+%C4%91ua")
    assert page.locator("svg.chart").is_visible() and page.locator("table.trend").is_visible()
    context.close()


def test_kwic_sort_by_the_word_after(page):
    page.goto("/kwic?q=B%E1%BA%B1ng+khen")
    by_year = page.locator("td.right").all_inner_texts()
    follow(page, page.get_by_role("link", name="theo từ đứng sau"))
    after = page.locator("td.right").all_inner_texts()
    assert sorted(after) == sorted(by_year) and after != by_year
    follow(page, page.locator("td.match a").first)
    page.wait_for_url(re.compile(r"/documents/.*#m\d+"))
    target = page.evaluate("document.querySelector(':target').textContent")
    assert "khen" in target.lower()


def test_compare_two_ticked_results(page):
    page.goto("/?q=cong+doan")
    boxes = page.get_by_role("checkbox", name="so sánh")
    boxes.nth(0).check()
    boxes.nth(1).check()
    follow(page, page.get_by_role("button", name="So sánh hai báo cáo đã đánh dấu"))
    page.wait_for_url(re.compile(r"/compare\?"))
    assert "Độ giống nhau" in page.locator(".similarity").inner_text()
    assert page.locator("table.compare tbody tr").count() > 3


def test_award_list_sort_and_export(page):
    page.goto("/awards")
    follow(page, page.get_by_role("link", name="nhiều cá nhân nhất"))
    individuals = [int(t) for t in page.locator("table.award-list td:nth-child(8)").all_inner_texts()
                   if t.strip()]
    assert individuals == sorted(individuals, reverse=True) and individuals[0] == 278
    with page.expect_download() as info:
        page.locator(".export").get_by_role("link", name="CSV").click()
    rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_bytes().decode("utf-8-sig"))))
    assert rows[0][4:6] == ["Khen thưởng", "Cơ quan khen thưởng"] and len(rows) > 5
    follow(page, page.locator("table.award-list a").first)
    assert page.locator("mark.sentence").is_visible()


def test_a_search_can_be_shared_and_followed(chromium, base_url):
    context = chromium.new_context(base_url=base_url, locale="vi-VN",
                                   permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto("/?q=thi+%C4%91ua&province=L%E1%BA%A1ng+S%C6%A1n")
    copy = page.get_by_role("button", name="Chép liên kết")
    assert copy.is_visible()  # shown only where JavaScript runs
    copy.click()
    expect_text = page.get_by_role("button", name="Đã chép")
    expect_text.wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.url
    feed = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    response = page.request.get(feed.get_attribute("href"))
    assert response.ok and "<feed" in response.text() and "thi đua" in response.text()
    context.close()

    without = chromium.new_context(base_url=base_url, java_script_enabled=False)
    page = without.new_page()
    page.goto("/?q=thi+%C4%91ua")
    assert not page.get_by_role("button", name="Chép liên kết").is_visible()
    assert page.get_by_label("Liên kết đến tìm kiếm này:").input_value() == page.url
    without.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_filters_sit_behind_one_button_on_a_phone_and_open_on_a_desktop(chromium, base_url,
                                                                        javascript):
    phone = chromium.new_context(base_url=base_url, viewport={"width": 375, "height": 740},
                                 java_script_enabled=javascript)
    page = phone.new_page()
    page.goto("/?q=cong+doan&province=L%E1%BA%A1ng+S%C6%A1n")
    button = page.locator("details.filters > summary")
    assert button.is_visible() and button.inner_text().strip() == "Bộ lọc (1)"
    facets = page.locator("section.facet").first
    assert not facets.is_visible()
    # the button is above the results, the first result within the first screen
    assert button.bounding_box()["y"] < page.locator(".hit").first.bounding_box()["y"] < 740
    box = button.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24
    button.click()
    assert facets.is_visible()
    phone.close()

    desktop = chromium.new_context(base_url=base_url, viewport={"width": 1280, "height": 800},
                                   java_script_enabled=javascript)
    page = desktop.new_page()
    page.goto("/?q=cong+doan")
    assert not page.locator("details.filters > summary").is_visible()
    facets = page.locator("section.facet").first
    assert facets.is_visible()
    # beside the results, on their left
    assert facets.bounding_box()["x"] < page.locator(".hit").first.bounding_box()["x"]
    desktop.close()


def test_narrowing_by_years_and_leaving_a_value_out(page):
    page.goto("/?q=cong+doan")
    everything = _count(page)
    page.get_by_label("từ năm", exact=True).fill("2019")
    page.get_by_label("đến năm", exact=True).fill("2020")
    follow(page, page.get_by_role("button", name="Lọc", exact=True))
    assert "year_from=2019" in page.url and "year_to=2020" in page.url
    assert page.locator(".chips").get_by_text("Năm: 2019–2020").is_visible()
    in_years = _count(page)
    assert 0 < in_years < everything
    follow(page, page.get_by_role("link", name=re.compile("^Loại ")).first)
    assert "not_" in page.url and _count(page) < in_years
    struck = page.locator(".chips a.chip.excluded s")
    assert struck.count() == 1
    follow(page, page.locator(".chips a.chip.excluded"))
    assert "not_" not in page.url and _count(page) == in_years


# -- the report page: its matches, and its place in the search's results -----------------

def _at_match(page, number: int, total: int) -> None:
    """The page is at match ``number`` (URL, :target) and its counter says so."""
    from playwright.sync_api import expect

    expect(page.locator(".match-position")).to_have_text(f"kết quả khớp {number} / {total}")
    assert page.url.endswith(f"#m{number}")
    assert page.evaluate("document.querySelector(':target').id") == f"m{number}"


def test_report_opens_at_the_best_match_and_n_p_move_the_counter(page):
    page.goto("/?q=L%E1%BA%A1ng+S%C6%A1n")
    follow(page, page.locator(".hit h2 a").first)
    total = page.locator(".text mark[id^='m']").count()
    assert total >= 5
    assert "hit=1" in page.url
    _at_match(page, 1, total)  # opened at the best passage, counter "1 / N"
    page.keyboard.press("n")
    _at_match(page, 2, total)
    page.keyboard.press("n")
    _at_match(page, 3, total)
    page.keyboard.press("p")
    _at_match(page, 2, total)
    page.locator("#m2 a.next").click()  # the links in the text move the counter too
    _at_match(page, 3, total)
    page.locator(".stepper .step.prev").click()  # and the ‹ beside the counter
    _at_match(page, 2, total)
    page.get_by_role("link", name="cuối cùng").click()
    _at_match(page, total, total)
    page.keyboard.press("n")  # no further than the last
    _at_match(page, total, total)
    # a key typed into a field is text, not a shortcut
    page.evaluate("""() => { const field = document.createElement('input');
        field.id = 'typing'; document.querySelector('.report').prepend(field); }""")
    page.locator("#typing").type("pn")
    assert page.locator("#typing").input_value() == "pn"
    _at_match(page, total, total)
    assert page.dialogs == []


def test_match_links_are_targets_of_24_px(page):
    page.goto(f"/documents/{SEED}?q=L%E1%BA%A1ng+S%C6%A1n#m2")
    targets = [page.locator("#m2 a.prev"), page.locator("#m2 a.next"),
               page.locator(".stepper .step.prev"), page.locator(".stepper .step.next")]
    for target in targets:
        box = target.bounding_box()
        assert box and box["width"] >= 24 and box["height"] >= 24, box


def test_report_without_javascript_counts_matches_and_keeps_anchors(chromium, base_url):
    context = chromium.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/?q=L%E1%BA%A1ng+S%C6%A1n")
    follow(page, page.locator(".hit h2 a").first)
    assert page.evaluate("document.querySelector(':target').id") == "m1"
    assert re.search(r"\d+ chỗ khớp", page.locator("nav.matches").inner_text())
    assert not page.locator(".stepper").is_visible()
    page.locator("#m1 a.next").click()
    assert page.url.endswith("#m2")
    assert page.locator(".result-nav").is_visible()
    context.close()


def test_previous_next_through_the_results_and_back_to_the_same_place(page):
    page.goto("/?q=cong+doan&per_page=100")
    titles = page.locator(".hit h2").all_inner_texts()
    total = len(titles)
    assert total >= 6
    page.goto("/?q=cong+doan&per_page=2&page=2")
    follow(page, page.locator(".hit h2 a").nth(1))  # result 4
    nav = page.get_by_role("navigation", name="Các kết quả tìm kiếm")
    assert nav.locator(".position").inner_text() == f"4 / {total}"
    assert page.locator("h1").inner_text() == titles[3]
    follow(page, nav.get_by_role("link", name="sau »"))
    nav = page.get_by_role("navigation", name="Các kết quả tìm kiếm")
    assert nav.locator(".position").inner_text() == f"5 / {total}"
    assert page.locator("h1").inner_text() == titles[4]
    assert page.url.endswith("#m1") and "per_page=2" in page.url
    for number in (4, 3):
        follow(page, nav.get_by_role("link", name="« trước"))
        nav = page.get_by_role("navigation", name="Các kết quả tìm kiếm")
        assert nav.locator(".position").inner_text() == f"{number} / {total}"
        assert page.locator("h1").inner_text() == titles[number - 1]
    # back: the results page that holds result 3 (page 2 of 2 a page), scrolled to it
    follow(page, page.get_by_role("link", name=re.compile("Quay lại kết quả")))
    assert "page=2" in page.url and page.url.endswith("#hit-3")
    assert page.evaluate("document.querySelector(':target').id") == "hit-3"
    top = page.evaluate("document.getElementById('hit-3').getBoundingClientRect().top")
    assert -2 <= top < 100 and page.evaluate("window.scrollY") > 0  # sub-pixel rounding
    assert page.locator("#hit-3 h2").inner_text() == titles[2]


# -- the concordance's layout ---------------------------------------------------------------

@pytest.mark.parametrize("width", [1280, 375])
def test_concordance_is_aligned_on_the_match_at_every_width(chromium, base_url, width):
    context = chromium.new_context(base_url=base_url, locale="vi-VN",
                                   viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto("/kwic?q=B%E1%BA%B1ng+khen")
    rows = page.locator("table.kwic tbody tr:not(.group)")
    assert rows.count() >= 5
    boxes = page.evaluate("""() => [...document.querySelectorAll(
        'table.kwic tbody tr:not(.group)')].map(row => {
          const box = (selector) => row.querySelector(selector).getBoundingClientRect();
          const left = box('td.left'), match = box('td.match mark'), right = box('td.right'),
                source = row.querySelector('td.source');
          return {left: left.left, leftEnd: left.right, leftWidth: left.width,
                  leftTop: left.top, match: match.left, matchTop: match.top,
                  right: right.left, rightWidth: right.width, rightTop: right.top,
                  sourceBottom: source.getBoundingClientRect().bottom,
                  sourceEnd: source.getBoundingClientRect().right,
                  sourceClipped: source.scrollWidth > source.clientWidth};
        })""")
    matches = {round(box["match"]) for box in boxes}
    assert len(matches) == 1, matches  # the match column's left edge, the same on every row
    for box in boxes:
        # left context, match, right context side by side, each with room to be read
        assert box["leftEnd"] <= box["match"] + 1 and box["right"] >= box["match"]
        assert box["leftWidth"] > 100 and box["rightWidth"] > 80
        assert box["left"] >= 0 and box["sourceEnd"] <= width
        assert not box["sourceClipped"]
        if width < 600:  # the report on its own line, above the three
            assert box["sourceBottom"] <= box["matchTop"] + 1
            assert abs(box["leftTop"] - box["rightTop"]) < 2
    # the left context ends against the match (right-aligned), its start cut if need be
    gaps = page.evaluate("""() => [...document.querySelectorAll(
        'table.kwic tbody tr:not(.group) td.left span')].filter(s => s.textContent.trim())
        .map(s => s.closest('tr').querySelector('td.match mark').getBoundingClientRect().left
                  - s.getBoundingClientRect().right)""")
    assert gaps and all(0 <= gap < 16 for gap in gaps), gaps
    # no sideways scrolling of the page, nor of the table
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate("""() => { const wrap = document.querySelector('.table-wrap');
        return wrap.scrollWidth <= wrap.clientWidth; }""")
    # the report's title is there in full, wrapped
    title = page.locator("table.kwic td.source a").first
    assert title.is_visible() and len(title.inner_text()) > 20
    context.close()


def test_compare_is_picked_without_typing_an_id(page):
    page.goto("/compare")
    page.get_by_label("Tìm các báo cáo để so sánh").fill('"năm học"')
    follow(page, page.get_by_role("button", name="Tìm kiếm"))
    boxes = page.locator('.pick-list input[type="checkbox"]')
    assert boxes.count() >= 3
    boxes.nth(0).check()
    follow(page, page.get_by_role("button", name="So sánh hai báo cáo đã đánh dấu"))
    assert "hãy chọn thêm một báo cáo nữa" in page.locator(".guide").inner_text()
    page.locator('.pick-list input[type="checkbox"]:not(:checked)').first.check()
    follow(page, page.get_by_role("button", name="So sánh hai báo cáo đã đánh dấu"))
    assert page.locator("table.compare").is_visible()
    page.get_by_label("Đánh dấu cụm từ ở cả hai bên").fill("nam hoc")
    follow(page, page.get_by_role("button", name="Đánh dấu", exact=True))
    assert page.locator("table.compare td:nth-child(1) mark").count() > 0
    assert page.locator("table.compare td:nth-child(2) mark").count() > 0
