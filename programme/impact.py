"""Impact indicators: each one's chart with its one-sentence takeaway, and its CSV."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.charts import format_value, line_chart

from .models.indicators import Indicator


def takeaway(indicator, measurements):
    """One sentence a reader should take from the chart."""
    if not measurements:
        return _("Pas encore de mesure pour cet indicateur.")
    first, last = measurements[0], measurements[-1]
    sentence = _("Dernière mesure (%(date)s) : %(value)s") % {
        "date": date_format(last.measured_on, "F Y"),
        "value": format_value(last.value, indicator.unit),
    }
    if len(measurements) > 1:
        change = last.value - first.value
        better = (change > 0) == (indicator.direction == Indicator.Direction.UP)
        if change == 0:
            sentence += _(", stable depuis %(date)s") % {"date": date_format(first.measured_on, "F Y")}
        else:
            sentence += _(", %(way)s de %(delta)s depuis %(date)s (%(judgement)s)") % {
                "way": _("en hausse") if change > 0 else _("en baisse"),
                "delta": format_value(abs(change), indicator.unit),
                "date": date_format(first.measured_on, "F Y"),
                "judgement": _("amélioration") if better else _("dégradation"),
            }
    if indicator.target is not None:
        reached = (
            last.value >= indicator.target
            if indicator.direction == Indicator.Direction.UP
            else last.value <= indicator.target
        )
        sentence += _(" ; objectif de %(target)s %(state)s") % {
            "target": format_value(indicator.target, indicator.unit),
            "state": _("atteint") if reached else _("pas encore atteint"),
        }
    return sentence + "."


def indicator_chart(indicator, measurements):
    return line_chart(
        indicator.name,
        takeaway(indicator, measurements),
        [(m.measured_on.strftime("%m/%Y"), m.value) for m in measurements],
        unit=indicator.unit,
        target=indicator.target,
        chart_id=f"indicateur-{indicator.pk}",
        value_header=indicator.unit,
    )


def project_impact(project):
    """The indicators of a project with chart, takeaway and whether any figure is a demo one."""
    rows = []
    for indicator in project.indicators.prefetch_related("measurements").order_by("name"):
        measurements = sorted(indicator.measurements.all(), key=lambda m: m.measured_on)
        rows.append(
            {
                "indicator": indicator,
                "chart": indicator_chart(indicator, measurements),
                "has_demo": any(m.is_demo for m in measurements),
                "count": len(measurements),
            }
        )
    return rows


def measurement_rows(indicator):
    return [
        (m.measured_on.isoformat(), m.value, indicator.unit, "oui" if m.is_demo else "non", m.source)
        for m in indicator.measurements.order_by("measured_on")
    ]


MEASUREMENT_HEADER = ["date", "value", "unit", "demo", "source"]
