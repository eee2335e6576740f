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
    text = page.locator("#result-count").inner_text()
    return int(re.search(r"\d+", text).group())


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
    follow(page, provinces.get_by_role("link", name=re.compile("Lạng Sơn")))
    assert _count(page) == 1
    provinces = page.locator("section.facet", has=page.get_by_role("heading",
                                                                    name="Tỉnh, thành phố"))
    follow(page, provinces.get_by_role("link", name=re.compile("Bắc Kạn")))
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
    assert rows[0][4:6] == ["award", "body"] and len(rows) > 5
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
