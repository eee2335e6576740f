"""Every page through axe-core in a real browser, at desktop and phone widths: no serious
or critical violation, and the chart's links reachable by the keyboard."""

from __future__ import annotations

import pytest

from tests.axe import axe_source
from tests.browser import chromium_path, in_ci

from .test_browser import SEED, base_url, chromium  # noqa: F401 - the shared fixtures

if chromium_path() is None or axe_source() is None:
    if in_ci():
        raise RuntimeError("CI must have Chromium and axe-core (make test fetches it)")
    pytest.skip("needs Chromium and axe-core (make axe)", allow_module_level=True)

PAGES = [
    "/", "/?q=cong+doan", "/?q=cong+doan&province=L%E1%BA%A1ng+S%C6%A1n&not_district=T%C3%A2n",
    "/?q=khongcokq", f"/documents/{SEED}?q=cong+doan", "/trend?q=thi+%C4%91ua&q=khen",
    "/kwic?q=thi+%C4%91ua", "/compare", f"/compare?id={SEED}",
    f"/compare?a=000_3fa81f57103253cb.txt&b={SEED}&q=cong+doan", "/awards",
    "/duplicates", "/help", "/facets/province?q=cong+doan", "/no-such-page",
]
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
SERIOUS = ("serious", "critical")


@pytest.fixture(scope="module", params=list(WIDTHS))
def checked(chromium, base_url, request):  # noqa: F811 - pytest fixtures by name
    # The page's Content-Security-Policy forbids injected scripts, axe is one: bypassed here.
    context = chromium.new_context(base_url=base_url, viewport=WIDTHS[request.param],
                                   bypass_csp=True, locale="vi-VN")
    yield context
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(checked, path):
    page = checked.new_page()
    page.goto(path)
    page.add_script_tag(content=axe_source())
    violations = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ["violations"]});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
    }""")
    page.close()
    serious = [v for v in violations if v["impact"] in SERIOUS]
    assert not serious, "\n".join(f"{v['impact']}: {v['id']} ({v['help']}): {v['nodes']}"
                                  for v in serious)


def test_the_chart_points_are_reached_by_the_keyboard(chromium, base_url):  # noqa: F811
    context = chromium.new_context(base_url=base_url, locale="vi-VN")
    page = context.new_page()
    page.goto("/trend?q=thi+%C4%91ua")
    first = page.locator("svg.chart a").first
    first.focus()
    assert page.evaluate("document.activeElement.closest('svg.chart') !== null")
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label.startswith("thi đua, ")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=thi+%C4%91ua" in page.url and "school_year=" in page.url
    context.close()


def test_the_chart_downloads_as_a_picture(chromium, base_url):  # noqa: F811
    context = chromium.new_context(base_url=base_url, locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    page.goto("/trend?q=thi+%C4%91ua&q=khen")
    with page.expect_download() as download:
        page.get_by_role("button", name="PNG").click()
    path = download.value.path()
    with open(path, "rb") as picture:
        assert picture.read(8) == b"\x89PNG\r\n\x1a\n"
    assert download.value.suggested_filename == "xu hướng.png"
    context.close()
