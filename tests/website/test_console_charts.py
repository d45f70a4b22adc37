"""The console's charts: SVG pictures that name what they show, with their numbers beside."""

import re

from flask import render_template_string

from website import create_app
from website.config import WebsiteSettings
from website.console.charts import bar_chart, line_chart

FIGURE = '{% from "console/macros.html" import figure %}{{ figure(chart, headers, rows) }}'


def test_a_bar_chart_is_an_image_named_by_its_title_with_bars_in_proportion() -> None:
    svg = str(bar_chart("Members by region", [("Scotland", 40), ("Wales", 10)]))
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="(chart-\w+)"', svg)
    labelled = re.search(r'aria-labelledby="(chart-\w+)"', svg)
    assert labelled and f'<title id="{labelled[1]}">Members by region</title>' in svg
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]
    assert widths[0] == 4 * widths[1] > 0
    assert ">40<" in svg and ">10<" in svg


def test_a_line_chart_draws_each_series_with_its_own_dashes_and_a_legend() -> None:
    svg = str(
        line_chart(
            "Approved so far against the target",
            {
                "Approved so far": [("2026-11-02", 3), ("2026-11-09", 7)],
                "Target": [("2026-11-02", 10), ("2026-11-09", 10)],
            },
        )
    )
    lines = re.findall(r"<polyline [^>]*>", svg)
    assert len(lines) == 2
    assert "stroke-dasharray" not in lines[0] and "stroke-dasharray" in lines[1]
    assert ">Approved so far<" in svg and ">Target<" in svg and ">2026-11-09<" in svg


def test_names_in_a_chart_are_escaped() -> None:
    svg = str(bar_chart("<b>Regions</b>", [("<script>x</script>", 1)]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "<b>" not in svg


def test_an_empty_chart_says_there_are_no_figures_yet() -> None:
    assert "No figures yet" in str(bar_chart("Joins", []))
    assert "No figures yet" in str(line_chart("Joins", {"Joins": []}))


def test_a_figure_puts_the_numbers_in_a_table_beside_the_chart() -> None:
    app = create_app(WebsiteSettings(gateway_url="http://127.0.0.1:9"))
    chart = bar_chart("Members by region", [("Scotland", 40)])
    with app.test_request_context():
        html = render_template_string(
            FIGURE, chart=chart, headers=["Region", "Members"], rows=[("Scotland", 40)]
        )
    assert "<svg" in html and 'role="img"' in html
    assert '<th scope="col">Region</th>' in html
    assert '<th scope="row">Scotland</th><td class="numeric">40</td>' in html
