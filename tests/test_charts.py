"""Trend charts that tell the truth: series told apart by more than colour, labelled at
their ends, points that overlap still visible, links reachable (webui/charts.py)."""

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from webui.charts import DASHES, LABEL_GAP, _spread_labels, legend_key, line_chart

SVG = "{http://www.w3.org/2000/svg}"
PERIODS = ["2018-2019", "2019-2020", "2020-2021"]


def _series(*values_per_term):
    return [{"term": f"term {n}", "points": [
        {"period": period, "per_report": value} for period, value in zip(PERIODS, values,
                                                                         strict=True)]}
        for n, values in enumerate(values_per_term)]


def _chart(series, standalone=False):
    markup = line_chart(PERIODS, series, "per_report", lambda term, period: f"/?q={term}",
                        title="t", description="d", standalone=standalone)
    return ET.fromstring(str(markup).split("?>", 1)[-1])


def test_each_series_has_its_own_dash_and_marker_and_a_label_at_its_end():
    chart = _chart(_series([1, 2, 3], [1, 2, 3], [3, 2, 1], [0.5, 1, 1.5], [2, 2, 2]))
    lines = chart.findall(f"{SVG}polyline")
    assert [line.get("stroke-dasharray") for line in lines] == [d or None for d in DASHES]
    shapes = []
    for link in chart.findall(f"{SVG}a"):
        shapes.append(next(child.tag.removeprefix(SVG) for child in link
                           if child.tag != f"{SVG}title"))
    # circle, square (rect), triangle and diamond (polygons), cross (path): five kinds
    assert len(shapes) == 15 and len({shapes[i * 3] + str(i) for i in range(5)}) == 5
    assert [shapes[i * 3] for i in range(5)] == ["circle", "rect", "polygon", "polygon", "path"]
    labels = [text.text for group in chart.findall(f"{SVG}g") for text in group.iter(f"{SVG}text")]
    assert labels == [f"term {n}" for n in range(5)]


def test_points_with_the_same_value_stand_side_by_side():
    chart = _chart(_series([1, 2, 3], [1, 2, 3]))
    first, second = chart.findall(f"{SVG}a")[::3][:2]  # each series' first point
    circle, square = first.find(f"{SVG}circle"), second.find(f"{SVG}rect")
    centre = float(square.get("x")) + float(square.get("width")) / 2
    assert circle.get("cy") == f"{float(square.get('y')) + float(square.get('height')) / 2:.1f}"
    assert abs(float(circle.get("cx")) - centre) >= 3


@pytest.mark.parametrize("wanted", [[100, 100, 100], [50, 52, 300, 301, 302], [280, 290, 299]])
def test_end_labels_never_overlap(wanted):
    placed = _spread_labels(wanted, 20, 300)
    ordered = sorted(placed)
    assert all(b - a >= LABEL_GAP - 1e-9 for a, b in zip(ordered, ordered[1:], strict=False))
    assert max(placed) <= 300


def test_every_point_is_a_named_link_in_a_group_not_an_image():
    chart = _chart(_series([1, None, 3]))
    assert chart.get("role") == "group" and chart.get("aria-labelledby")
    links = chart.findall(f"{SVG}a")
    assert len(links) == 2  # a period without reports is a gap, not a point
    assert all(link.get("aria-label").startswith("term 0, ") for link in links)


def test_the_legend_key_shows_dash_and_marker():
    key = str(legend_key(1))
    assert 'stroke-dasharray="7 4"' in key and "<rect" in key and 'aria-hidden="true"' in key


def test_the_chart_downloads_as_an_svg_file(client):
    response = client.get("/trend.svg?q=thi+%C4%91ua&q=khen")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    disposition = response.headers["Content-Disposition"]
    assert disposition.endswith(f"xu-huong_thi-dua_khen_{date.today().isoformat()}.svg")
    chart = ET.fromstring(response.data)
    assert chart.get("width") == "760" and chart.find(f"{SVG}rect").get("fill") == "#fff"
    hrefs = [link.get("href") for link in chart.iter(f"{SVG}a")]
    assert hrefs and all(h.startswith("http://localhost/?") for h in hrefs)
    assert client.get("/trend.svg").status_code == 400


def test_the_default_measure_is_how_often_not_a_share_that_saturates(client):
    html = client.get("/trend?q=thi+%C4%91ua").data.decode()
    assert re.search(r'<option value="per_report" selected>số lần xuất hiện mỗi báo cáo', html)
    assert re.search(r'<title id="chart-title">số lần xuất hiện mỗi báo cáo', html, re.I)
