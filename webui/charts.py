"""Server-side SVG line charts: no JavaScript, no chart library, nothing fetched.

Colours and strokes are SVG presentation attributes, not ``style`` attributes, so the page's
Content-Security-Policy (no inline styles) does not block them. A period with no reports is
a gap in the line, not a zero.

Colour is never the only difference between two series (a reader may not see it, a
printout may not have it): each series has its own marker shape and line dash too, and its
name written at the end of its line. Markers are hollow and each series sits a little to
the side of the others, so points with the same value stay visible side by side. The chart
is a group of links, not an image: each point is a link to its reports, reachable by the
keyboard and named for screen readers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

__all__ = ["line_chart", "legend_key", "COLOURS", "DASHES", "MARKERS"]

COLOURS = ("#a4161a", "#1c64f2", "#2b8a3e", "#d9480f", "#7048e8")
# One dash pattern and one marker per series, in the same order as the colours.
DASHES = ("", "7 4", "2 3", "9 3 2 3", "4 2")
MARKERS = ("circle", "square", "triangle", "diamond", "cross")
WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 120, 16, 64
# How far apart the series' markers stand at one period, and their end labels at least.
SPREAD, LABEL_GAP = 4.0, 13.0


def _nice_max(value: float, percent: bool) -> float:
    if percent:
        return 1.0 if value > 0.5 or value == 0 else min(1.0, (int(value * 10) + 1) / 10)
    if value <= 1:
        return 1 if value > 0.5 or value == 0 else (int(value * 10) + 1) / 10
    if value <= 5:
        return 5
    magnitude = 10 ** (len(str(int(value))) - 1)
    return ((int(value) // magnitude) + 1) * magnitude


def _label(value: float, percent: bool) -> str:
    return f"{value * 100:.0f}%" if percent else f"{value:g}"


def marker(shape: str, cx: float, cy: float, colour: str, size: float = 5.0) -> str:
    """An SVG marker of ``shape`` centred on (cx, cy): hollow, in the series' colour."""
    paint = f'fill="#fff" stroke="{colour}" stroke-width="2"'
    if shape == "square":
        return (f'<rect x="{cx - size + 1:.1f}" y="{cy - size + 1:.1f}" width="{2 * size - 2:.1f}" '
                f'height="{2 * size - 2:.1f}" {paint}/>')
    if shape == "triangle":
        points = f"{cx:.1f},{cy - size - 1:.1f} {cx + size:.1f},{cy + size - 1:.1f} " \
                 f"{cx - size:.1f},{cy + size - 1:.1f}"
        return f'<polygon points="{points}" {paint}/>'
    if shape == "diamond":
        points = f"{cx:.1f},{cy - size - 1:.1f} {cx + size + 1:.1f},{cy:.1f} " \
                 f"{cx:.1f},{cy + size + 1:.1f} {cx - size - 1:.1f},{cy:.1f}"
        return f'<polygon points="{points}" {paint}/>'
    if shape == "cross":
        d = size - 0.5
        return (f'<path d="M{cx - d:.1f},{cy - d:.1f}L{cx + d:.1f},{cy + d:.1f}'
                f'M{cx - d:.1f},{cy + d:.1f}L{cx + d:.1f},{cy - d:.1f}" stroke="{colour}" '
                f'stroke-width="2.5" fill="none"/>'
                f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{size + 1:.1f}" fill="#fff" '
                f'fill-opacity="0"/>')
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{size:.1f}" {paint}/>'


def _spread_labels(wanted: list[float], low: float, high: float) -> list[float]:
    """Label heights as near ``wanted`` as they can be, at least LABEL_GAP apart."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [0.0] * len(wanted)
    floor = low
    for i in order:
        placed[i] = max(wanted[i], floor)
        floor = placed[i] + LABEL_GAP
    overflow = max(0.0, floor - LABEL_GAP - high)
    return [value - overflow for value in placed]


def line_chart(periods: list[str], series: list[dict[str, Any]], metric: str,
               link: Callable[[str, str], str], title: str, description: str,
               standalone: bool = False) -> Markup:
    """An SVG chart of ``series`` (``[{term, points: [{period, <metric>}]}]``) over
    ``periods``; each point is a link (``link(term, period)``) to its reports.
    ``standalone``: a file of its own (the download), with a white background."""
    percent = metric == "share"
    values = [p[metric] for s in series for p in s["points"] if p[metric] is not None]
    top = _nice_max(max(values, default=0), percent)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(periods) - 1) if len(periods) > 1 else 0

    def x(i: int, number: int = 0) -> float:
        offset = (number - (len(series) - 1) / 2) * SPREAD
        return LEFT + (i * step if len(periods) > 1 else plot_w / 2) + offset

    def y(v: float) -> float:
        return TOP + plot_h - (v / top * plot_h if top else 0)

    head = ('<?xml version="1.0" encoding="UTF-8"?>\n' if standalone else "")
    parts = [head + f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" '
             f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg"'
             + (f' width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif"' if standalone
                else "") + ">",
             f'<title id="chart-title">{escape(title)}</title>',
             f'<desc id="chart-desc">{escape(description)}</desc>']
    if standalone:
        parts.append(f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>')
    for tick in range(5):
        value = top * tick / 4
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" '
                     f'y2="{y(value):.1f}" stroke="#e2e2e8" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
                     f'font-size="11" fill="#5a5a63">{_label(value, percent)}</text>')
    for i, period in enumerate(periods):
        parts.append(f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 16}" font-size="11" '
                     f'fill="#5a5a63" text-anchor="end" transform="rotate(-35 {x(i):.1f} '
                     f'{HEIGHT - BOTTOM + 16})">{escape(period)}</text>')
    ends: list[tuple[int, float]] = []  # each series' last point, for its label
    for number, line in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        dash = DASHES[number % len(DASHES)]
        shape = MARKERS[number % len(MARKERS)]
        points = {p["period"]: p for p in line["points"]}
        runs: list[list[str]] = []
        run: list[str] = []
        last = None
        for i, period in enumerate(periods):
            value = points.get(period, {}).get(metric)
            if value is None:
                if run:
                    runs.append(run)
                run = []
                continue
            run.append(f"{x(i, number):.1f},{y(value):.1f}")
            last = y(value)
        if run:
            runs.append(run)
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        for segment in runs:
            if len(segment) > 1:
                parts.append(f'<polyline points="{" ".join(segment)}" fill="none" '
                             f'stroke="{colour}" stroke-width="2.5"{dashes}/>')
        for i, period in enumerate(periods):
            value = points.get(period, {}).get(metric)
            if value is None:
                continue
            label = f"{line['term']}, {period}: {_label(value, percent)}"
            parts.append(f'<a href="{escape(link(line["term"], period))}" '
                         f'aria-label="{escape(label)}">'
                         f'{marker(shape, x(i, number), y(value), colour)}'
                         f'<title>{escape(label)}</title></a>')
        if last is not None:
            ends.append((number, last))
    heights = _spread_labels([height for _, height in ends], TOP + 4, TOP + plot_h + 4)
    for (number, _), height in zip(ends, heights, strict=True):
        colour = COLOURS[number % len(COLOURS)]
        term = series[number]["term"]
        shown = term if len(term) <= 16 else term[:15] + "…"
        # The line's last point is at the plot's right edge or before it: the name follows.
        parts.append(f'<g aria-hidden="true"><text x="{WIDTH - RIGHT + 12}" '
                     f'y="{height + 4:.1f}" font-size="12" font-weight="600" '
                     f'fill="{colour}">{escape(shown)}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def legend_key(number: int) -> Markup:
    """A series' key for a legend: a short line in its colour and dash, and its marker."""
    colour = COLOURS[number % len(COLOURS)]
    dash = DASHES[number % len(DASHES)]
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return Markup(f'<svg class="key" width="34" height="14" viewBox="0 0 34 14" '
                  f'aria-hidden="true" xmlns="http://www.w3.org/2000/svg">'
                  f'<line x1="1" x2="33" y1="7" y2="7" stroke="{colour}" stroke-width="2.5"'
                  f'{dashes}/>{marker(MARKERS[number % len(MARKERS)], 17, 7, colour, 4)}</svg>')
