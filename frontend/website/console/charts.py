"""Charts drawn on the server as SVG: pictures that need no script and name what they show.

Each chart is an image with a title (role="img", aria-labelledby its <title>); the numbers it
draws go in a table beside it (the `figure` macro), which is what a screen reader reads.
Only presentation attributes are used, since the site's CSP refuses inline styles.
"""

import hashlib
from collections.abc import Iterable

from markupsafe import Markup, escape

WIDTH, LABEL_WIDTH, BAR_HEIGHT, GAP = 640, 190, 22, 8
PLOT_HEIGHT, MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 240, 56, 48, 28
# Colours that differ in lightness too, with a dash pattern each, so no line is told by hue alone.
SERIES_STYLES = (
    ("#1d70b8", ""),
    ("#d4351c", "6 4"),
    ("#00703c", "2 3"),
    ("#4c2c92", "10 3 2 3"),
    ("#b58840", "1 1"),
)
TEXT = 'font-family="sans-serif" fill="#0b0c0c"'


def bar_chart(title: str, rows: list[tuple[str, float]], *, unit: str = "") -> Markup:
    """Draw one horizontal bar per row, its value written at its end."""
    chart_id = _chart_id("bar", title, rows)
    top = 30
    height = top + max(len(rows), 1) * (BAR_HEIGHT + GAP) + GAP
    scale = (WIDTH - LABEL_WIDTH - 80) / max([value for _, value in rows] + [1e-9])
    parts = [_opening(chart_id, title, WIDTH, height), _heading(title)]
    if not rows:
        parts.append(f'<text x="0" y="{top + 16}" {TEXT} font-size="14">No figures yet</text>')
    for index, (label, value) in enumerate(rows):
        y = top + index * (BAR_HEIGHT + GAP)
        length = max(value, 0) * scale
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end" {TEXT} font-size="13">'
            f"{escape(_clip(label))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" '
            f'fill="#1d70b8"/>'
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 16}" {TEXT} font-size="13">'
            f"{escape(_amount(value, unit))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def line_chart(title: str, series: dict[str, list[tuple[str, float]]], *, unit: str = "") -> Markup:
    """Draw one line per series over the labels they share, with a legend."""
    chart_id = _chart_id("line", title, sorted(series.items()))
    labels = _labels(points for points in series.values())
    highest = max([value for points in series.values() for _, value in points] + [0])
    ceiling = _ceiling(highest)
    legend_top = MARGIN_TOP + PLOT_HEIGHT + MARGIN_BOTTOM
    height = legend_top + 20 * max(len(series), 1) + 8
    parts = [_opening(chart_id, title, WIDTH, height), _heading(title)]
    parts.extend(_axes(labels, ceiling, unit))
    for index, (name, points) in enumerate(series.items()):
        colour, dashes = SERIES_STYLES[index % len(SERIES_STYLES)]
        coordinates = [
            (_x(labels.index(label), len(labels)), _y(value, ceiling)) for label, value in points
        ]
        parts.append(_line(coordinates, colour, dashes))
        parts.append(_legend_entry(legend_top + 20 * index, name, colour, dashes))
    if not labels:
        parts.append(
            f'<text x="{MARGIN_LEFT + 8}" y="{MARGIN_TOP + 20}" {TEXT} font-size="14">'
            "No figures yet</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _opening(chart_id: str, title: str, width: int, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-labelledby="{chart_id}" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{chart_id}">{escape(title)}</title>'
    )


def _heading(title: str) -> str:
    return f'<text x="0" y="18" {TEXT} font-size="15" font-weight="bold">{escape(title)}</text>'


def _axes(labels: list[str], ceiling: float, unit: str) -> list[str]:
    right = WIDTH - 16
    bottom = MARGIN_TOP + PLOT_HEIGHT
    parts = []
    for step in range(5):
        value = ceiling * step / 4
        y = _y(value, ceiling)
        parts.append(
            f'<line x1="{MARGIN_LEFT}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="#b1b4b6" '
            f'stroke-width="1"/>'
            f'<text x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" {TEXT} '
            f'font-size="12">{escape(_amount(value, unit))}</text>'
        )
    every = max(1, len(labels) // 8)
    for index, label in enumerate(labels):
        if index % every == 0:
            parts.append(
                f'<text x="{_x(index, len(labels)):.1f}" y="{bottom + 18}" text-anchor="middle" '
                f'{TEXT} font-size="12">{escape(_clip(label, 12))}</text>'
            )
    parts.append(
        f'<line x1="{MARGIN_LEFT}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#0b0c0c"/>'
    )
    return parts


def _line(coordinates: list[tuple[float, float]], colour: str, dashes: str) -> str:
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    marks = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in coordinates
    )
    return (
        f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>'
        + marks
    )


def _legend_entry(y: int, name: str, colour: str, dashes: str) -> str:
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    return (
        f'<line x1="{MARGIN_LEFT}" y1="{y}" x2="{MARGIN_LEFT + 32}" y2="{y}" stroke="{colour}" '
        f'stroke-width="2.5"{dash}/>'
        f'<text x="{MARGIN_LEFT + 40}" y="{y + 4}" {TEXT} font-size="13">{escape(name)}</text>'
    )


def _labels(all_points: Iterable[list[tuple[str, float]]]) -> list[str]:
    labels: list[str] = []
    for points in all_points:
        labels.extend(label for label, _ in points if label not in labels)
    return labels


def _x(index: int, count: int) -> float:
    span = WIDTH - 16 - MARGIN_LEFT - 24
    return MARGIN_LEFT + 12 + (span * index / (count - 1) if count > 1 else span / 2)


def _y(value: float, ceiling: float) -> float:
    return MARGIN_TOP + PLOT_HEIGHT - PLOT_HEIGHT * max(value, 0) / ceiling


def _ceiling(highest: float) -> float:
    """Round the axis up to a tidy number, so its five ticks read well."""
    if highest <= 0:
        return 1.0
    step = 1.0
    while step * 10 < highest:
        step *= 10
    for multiple in (1, 2, 4, 5, 8, 10):
        if step * multiple >= highest:
            return step * multiple
    return step * 10


def _amount(value: float, unit: str) -> str:
    shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{shown}{unit}" if unit in ("%",) else f"{shown} {unit}".rstrip()


def _clip(label: str, most: int = 26) -> str:
    return label if len(label) <= most else label[: most - 1] + "…"


def _chart_id(kind: str, title: str, data: object) -> str:
    # Stable across renders, distinct between charts on one page.
    digest = hashlib.sha1(f"{kind}{title}{data!r}".encode(), usedforsecurity=False)
    return f"chart-{digest.hexdigest()[:10]}"
