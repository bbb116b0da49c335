"""home/charts.py: accessible server-side SVG charts (shared by the programme and Shareloc)."""

import re
from xml.etree import ElementTree

from django.utils import translation

from core.charts import bar_chart, format_value, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup):
    """The fragment as an XML tree: a chart must be well-formed markup."""
    return ElementTree.fromstring(str(markup))


def test_bar_chart_is_an_image_named_by_its_title_and_described_by_its_takeaway():
    html = bar_chart(
        "Entonnoir 2020",
        "6 projets retenus sur 19 candidatures.",
        [("Candidatures", 19), ("Présélection", 9), ("Sélection", 6)],
        chart_id="funnel",
    )
    figure = parse(html)
    svg = figure.find(f"{SVG}svg")
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "funnel-title funnel-desc"
    assert svg.find(f"{SVG}title").text == "Entonnoir 2020"
    assert svg.find(f"{SVG}desc").text == "6 projets retenus sur 19 candidatures."
    assert "6 projets retenus sur 19 candidatures." in "".join(figure.find("figcaption").itertext())


def test_bar_lengths_are_proportional_to_the_values():
    figure = parse(bar_chart("Phases", "x", [("A", 10), ("B", 5), ("C", 0)]))
    widths = [float(rect.get("width")) for rect in figure.iter(f"{SVG}rect")]
    assert widths[0] == 2 * widths[1]
    assert widths[2] == 0


def test_the_data_table_holds_every_value_the_french_way():
    with translation.override("fr"):
        figure = parse(bar_chart("Budget", "x", [("Partenariat", 40000), ("Non mesuré", None)], unit="€"))
    table = figure.find("details/table")
    assert table.find("caption").text == "Budget"
    cells = [
        ("".join(row.find("th").itertext()), row.find("td").text)
        for row in table.iter("tr")
        if row.find("td") is not None
    ]
    assert cells == [("Partenariat", "40\xa0000 €"), ("Non mesuré", "—")]


def test_labels_and_titles_are_escaped():
    html = str(bar_chart("<script>", "a & b", [("<b>x</b>", 1)]))
    assert "<script>" not in html and "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    parse(html)


def test_line_chart_draws_one_point_per_measured_value_and_the_target():
    figure = parse(
        line_chart(
            "Permis financés",
            "En hausse.",
            [("2021-01", 3), ("2021-07", None), ("2022-01", 12)],
            unit="permis",
            target=20,
            chart_id="permis",
        )
    )
    assert len(list(figure.iter(f"{SVG}circle"))) == 2
    polyline = figure.find(f"{SVG}svg/{SVG}polyline")
    assert len(polyline.get("points").split()) == 2
    texts = ["".join(t.itertext()) for t in figure.iter(f"{SVG}text")]
    assert any(text.startswith("objectif") and "20 permis" in text for text in texts)
    rows = [row.find("td").text for row in figure.iter("tr") if row.find("td") is not None]
    assert rows == ["3 permis", "—", "12 permis"]


def test_higher_values_are_drawn_higher_on_the_line_chart():
    figure = parse(line_chart("t", "x", [("a", 1), ("b", 4)]))
    first, second = (float(c.get("cy")) for c in figure.iter(f"{SVG}circle"))
    assert second < first  # SVG's y axis points down


def test_empty_charts_still_render_valid_markup():
    parse(bar_chart("Vide", "Aucune donnée.", []))
    parse(line_chart("Vide", "Aucune donnée.", []))


def test_chart_ids_default_to_the_slugified_title():
    html = str(bar_chart("Projets par phase", "x", [("a", 1)]))
    assert re.search(r'id="projets-par-phase"', html)


def test_format_value_keeps_one_decimal_only_when_needed():
    with translation.override("fr"):
        assert format_value(12) == "12"
        assert format_value(12.0) == "12"
        assert format_value(12.5, "%") == "12,5 %"
        assert format_value(None) == "—"
