"""Server-side SVG line charts: no JavaScript, no chart library, nothing fetched.

Colours and strokes are SVG presentation attributes, not ``style`` attributes, so the page's
Content-Security-Policy (no inline styles) does not block them. A period with no reports is
a gap in the line, not a zero.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

__all__ = ["line_chart", "COLOURS"]

COLOURS = ("#a4161a", "#1c64f2", "#2b8a3e", "#d9480f", "#7048e8")
WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 64


def _nice_max(value: float, percent: bool) -> float:
    if percent:
        return 1.0 if value > 0.5 or value == 0 else min(1.0, (int(value * 10) + 1) / 10)
    if value <= 5:
        return 5
    magnitude = 10 ** (len(str(int(value))) - 1)
    return ((int(value) // magnitude) + 1) * magnitude


def _label(value: float, percent: bool) -> str:
    return f"{value * 100:.0f}%" if percent else f"{value:g}"


def line_chart(periods: list[str], series: list[dict[str, Any]], metric: str,
               link: Callable[[str, str], str], title: str, description: str) -> Markup:
    """An SVG chart of ``series`` (``[{term, points: [{period, <metric>}]}]``) over
    ``periods``; each point is a link (``link(term, period)``) to its reports."""
    percent = metric == "share"
    values = [p[metric] for s in series for p in s["points"] if p[metric] is not None]
    top = _nice_max(max(values, default=0), percent)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(periods) - 1) if len(periods) > 1 else 0

    def x(i: int) -> float:
        return LEFT + (i * step if len(periods) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return TOP + plot_h - (v / top * plot_h if top else 0)

    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="chart-title">{escape(title)}</title>',
             f'<desc id="chart-desc">{escape(description)}</desc>']
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
    for number, line in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        points = {p["period"]: p for p in line["points"]}
        run: list[str] = []
        runs: list[list[str]] = []
        for i, period in enumerate(periods):
            value = points.get(period, {}).get(metric)
            if value is None:
                if run:
                    runs.append(run)
                run = []
                continue
            run.append(f"{x(i):.1f},{y(value):.1f}")
        if run:
            runs.append(run)
        for segment in runs:
            if len(segment) > 1:
                parts.append(f'<polyline points="{" ".join(segment)}" fill="none" '
                             f'stroke="{colour}" stroke-width="2.5"/>')
        for i, period in enumerate(periods):
            point = points.get(period, {})
            value = point.get(metric)
            if value is None:
                continue
            label = f"{line['term']}, {period}: {_label(value, percent)}"
            parts.append(f'<a href="{escape(link(line["term"], period))}" '
                         f'aria-label="{escape(label)}"><circle cx="{x(i):.1f}" '
                         f'cy="{y(value):.1f}" r="5" fill="{colour}" stroke="#fff" '
                         f'stroke-width="1.5"><title>{escape(label)}</title></circle></a>')
    parts.append("</svg>")
    return Markup("".join(parts))
