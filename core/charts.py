"""Server-rendered, accessible SVG charts: no JavaScript, readable by screen readers, printable.

Two pure functions, each returning one safe HTML fragment to put in a template as it is
(``{{ chart }}``):

    bar_chart(title, takeaway, items, unit="", chart_id=None) -> SafeString
        items: a list of (label, value) pairs, drawn as horizontal bars (long French labels fit).
    line_chart(title, takeaway, points, unit="", target=None, chart_id=None) -> SafeString
        points: a list of (label, value) pairs in order (dates as labels, e.g. "2025-03"),
        target: an optional value drawn as a dashed line named "objectif".

The fragment is a ``<figure class="chart">`` holding:
- a ``<figcaption>`` with the title and the one-sentence takeaway (what a reader should see);
- the ``<svg role="img" aria-labelledby=...>`` with its own ``<title>`` and ``<desc>`` (the takeaway);
- the data as a real ``<table>`` (caption = title) inside a ``<details>`` "Voir les données".
A value of None means "not measured": it is left out of the drawing and shown as "—" in the table.
Numbers are written the French way (``number_format``). ``chart_id`` (default: the title, slugified)
must be unique on the page; it prefixes the ids used by aria-labelledby. Both functions build
their markup with ``format_html``: labels and titles are escaped. The SVG carries its own colours
(AA contrast on white), so it needs no stylesheet; ``.chart*`` classes are hooks for callers' CSS.
"""

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import slugify

WIDTH = 640
INK = "#1c1f24"  # text, 16:1 on white
BAR = "#12355b"  # brand blue, 12:1 on white (graphics need 3:1)
LINE = "#0a6b61"  # teal, 6:1 on white
GRID = "#8a94a3"  # light enough to recede, still 3:1 on white
TARGET = "#b0001e"  # the target line, 6:1 on white
FONT = 'font-family="system-ui, sans-serif" font-size="13"'


def _n(number):
    """A coordinate with one decimal (format_html escapes its arguments to text first)."""
    return f"{number:.1f}"


def format_value(value, unit=""):
    """A number the French way ("1 234,5"), with its unit; "—" for a missing value."""
    if value is None:
        return "—"
    decimals = 0 if float(value) == int(value) else 1
    text = number_format(round(float(value), decimals), decimal_pos=decimals, force_grouping=True)
    return f"{text} {unit}".strip() if unit else text


def _data_table(title, items, unit, header_label, header_value):
    rows = format_html_join(
        "",
        '<tr><th scope="row">{}</th><td>{}</td></tr>',
        ((label, format_value(value, unit)) for label, value in items),
    )
    return format_html(
        '<details class="chart__data"><summary>Voir les données</summary>'
        '<table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead>'
        "<tbody>{}</tbody></table></details>",
        title,
        header_label,
        header_value,
        rows,
    )


def _figure(chart_id, title, takeaway, svg_body, height, table):
    return format_html(
        '<figure class="chart" id="{id}">'
        '<figcaption><strong class="chart__title">{title}</strong> '
        '<span class="chart__takeaway">{takeaway}</span></figcaption>'
        '<svg class="chart__svg" role="img" aria-labelledby="{id}-title {id}-desc" '
        'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{takeaway}</desc>{body}</svg>'
        "{table}</figure>",
        id=chart_id,
        title=title,
        takeaway=takeaway,
        width=WIDTH,
        height=height,
        body=svg_body,
        table=table,
    )


def _nice_max(value):
    """A round axis maximum at or above `value` (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def bar_chart(title, takeaway, items, unit="", chart_id=None, value_header="Valeur", label_header="Catégorie"):
    """Horizontal bars, one per (label, value) of `items`, each labelled with its value."""
    items = list(items)
    chart_id = chart_id or slugify(title) or "graphique"
    numbers = [float(value) for _, value in items if value is not None]
    top = _nice_max(max(numbers, default=0))
    row, bar_height, left, right = 46, 20, 8, 90
    usable = WIDTH - left - right
    parts = []
    for index, (label, value) in enumerate(items):
        y = 8 + index * row
        parts.append(
            format_html('<text x="{}" y="{}" fill="{}" {}>{}</text>', left, y + 12, INK, mark_safe(FONT), label)
        )
        length = 0 if value is None else max(usable * float(value) / top, 0)
        if value is not None and float(value) > 0:
            length = max(length, 2)  # a tiny but non-zero value stays visible
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="2"/>',
                left,
                y + 18,
                _n(length),
                bar_height,
                BAR,
            )
        )
        parts.append(
            format_html(
                '<text x="{}" y="{}" fill="{}" {} font-weight="600">{}</text>',
                _n(left + length + 6),
                y + 33,
                INK,
                mark_safe(FONT),
                format_value(value, unit),
            )
        )
    height = max(8 + len(items) * row + 4, 40)
    svg_body = mark_safe("".join(parts))
    table = _data_table(title, items, unit, label_header, value_header)
    return _figure(chart_id, title, takeaway, svg_body, height, table)


def line_chart(
    title, takeaway, points, unit="", target=None, chart_id=None, value_header="Valeur", label_header="Date"
):
    """A line through the (label, value) `points` in order, with an optional dashed target line."""
    points = list(points)
    chart_id = chart_id or slugify(title) or "graphique"
    numbers = [float(value) for _, value in points if value is not None]
    if target is not None:
        numbers.append(float(target))
    low = min(0.0, min(numbers, default=0.0))
    top = _nice_max(max(numbers, default=0.0))
    height, left, right, top_pad, bottom = 260, 64, 24, 16, 48
    plot_w, plot_h = WIDTH - left - right, height - top_pad - bottom

    def y_of(value):
        return top_pad + plot_h * (1 - (float(value) - low) / ((top - low) or 1))

    def x_of(index):
        return left + (plot_w * index / (len(points) - 1) if len(points) > 1 else plot_w / 2)

    parts = []
    for tick in range(5):  # four grid steps from the floor to the round maximum
        value = low + (top - low) * tick / 4
        y = y_of(value)
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>',
                left,
                WIDTH - right,
                _n(y),
                _n(y),
                GRID,
            )
        )
        parts.append(
            format_html(
                '<text x="{}" y="{}" fill="{}" {} text-anchor="end">{}</text>',
                left - 6,
                _n(y + 4),
                INK,
                mark_safe(FONT),
                format_value(value),
            )
        )
    every = max(1, -(-len(points) // 8))  # at most about eight x labels
    for index, (label, _) in enumerate(points):
        if index % every == 0 or index == len(points) - 1:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" fill="{}" {} text-anchor="middle">{}</text>',
                    _n(x_of(index)),
                    height - bottom + 20,
                    INK,
                    mark_safe(FONT),
                    label,
                )
            )
    if target is not None:
        y = y_of(target)
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="6 4"/>'
                '<text x="{}" y="{}" fill="{}" {} text-anchor="end">objectif : {}</text>',
                left,
                WIDTH - right,
                _n(y),
                _n(y),
                TARGET,
                WIDTH - right,
                _n(y - 6),
                TARGET,
                mark_safe(FONT),
                format_value(target, unit),
            )
        )
    drawn = [(x_of(index), y_of(value)) for index, (_, value) in enumerate(points) if value is not None]
    if len(drawn) > 1:
        coordinates = " ".join(f"{x:.1f},{y:.1f}" for x, y in drawn)
        parts.append(format_html('<polyline points="{}" fill="none" stroke="{}" stroke-width="3"/>', coordinates, LINE))
    for x, y in drawn:
        parts.append(format_html('<circle cx="{}" cy="{}" r="4" fill="{}"/>', _n(x), _n(y), LINE))
    svg_body = mark_safe("".join(parts))
    table = _data_table(title, points, unit, label_header, value_header)
    return _figure(chart_id, title, takeaway, svg_body, height, table)
