"""The booking rules a lycée's manager sets per space (Space.auto_confirm, min_notice_days, horizon_days,
max_hours_per_month), checked on every submission by workflow.submit: a request that breaks one is
refused with a French message naming the rule and the limit, under the field it concerns, in the form
and in the API alike. Auto-confirmation itself is in workflow.py (it needs the approval's locks)."""

from datetime import timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.dates import local

from ..catalogue.holiday_calendars import BOOKING_HORIZON
from .models import DateStatus, RequestDate

ACTIVE = (DateStatus.PENDING, DateStatus.CONFIRMED)


def _month(moment):
    moment = local(moment)
    return moment.year, moment.month


def _hours(start, end):
    return (end - start).total_seconds() / 3600


def month_hours(association, space, months, excluding=None):
    """{(year, month): hours} of the association's pending and confirmed dates in `space` (but the
    RequestDate `excluding`: the date a change request would replace)."""
    if not months:
        return {}
    first = min(months)
    rows = (
        RequestDate.objects.filter(
            request__association=association,
            request__space=space,
            status__in=ACTIVE,
            booking__start__year__gte=first[0],
        )
        .exclude(pk=excluding)
        .values_list("booking__start", "booking__end")
    )
    hours = {}
    for start, end in rows:
        key = _month(start)
        if key in months:
            hours[key] = hours.get(key, 0) + _hours(start, end)
    return hours


def rule_errors(space, association, checked, now, excluding=None):
    """{field: [French messages]} for the rules `checked` ([(slot, Reason or None)]) breaks; {} if none.
    `excluding`: a RequestDate whose hours do not count (the date a change request would replace)."""
    errors = {}
    first, last = checked[0][0], checked[-1][0]
    today = local(now).date()
    if space.min_notice_days:
        earliest = today + timedelta(days=space.min_notice_days)
        if local(first.start).date() < earliest:
            errors["start"] = [
                ngettext(
                    "Cet espace se réserve au moins %(n)d jour à l'avance : première date possible le %(date)s.",
                    "Cet espace se réserve au moins %(n)d jours à l'avance : première date possible le %(date)s.",
                    space.min_notice_days,
                )
                % {"n": space.min_notice_days, "date": date_format(earliest, "j F Y")}
            ]
    # The site-wide horizon caps every space's own: beyond it the holiday calendars may not be known yet
    # (sync_calendars --check watches exactly that date), so the availability rule could not be trusted.
    horizon_days = BOOKING_HORIZON.days
    if space.horizon_days is not None:
        horizon_days = min(space.horizon_days, horizon_days)
    latest = today + timedelta(days=horizon_days)
    if local(last.start).date() > latest:
        field = "repeat_weekly_until" if len(checked) > 1 else "start"
        errors.setdefault(field, []).append(
            ngettext(
                "Les réservations de cet espace ouvrent %(n)d jour à l'avance : dernière date possible "
                "à ce jour : le %(date)s.",
                "Les réservations de cet espace ouvrent %(n)d jours à l'avance : dernière date possible "
                "à ce jour : le %(date)s.",
                horizon_days,
            )
            % {"n": horizon_days, "date": date_format(latest, "j F Y")}
        )
    if space.max_hours_per_month is not None:
        asked = {}
        for slot, reason in checked:
            if reason is None:
                key = _month(slot.start)
                asked[key] = asked.get(key, 0) + _hours(slot.start, slot.end)
        already = month_hours(association, space, set(asked), excluding)
        for (year, month), hours in sorted(asked.items()):
            total = hours + already.get((year, month), 0)
            if total > space.max_hours_per_month:
                errors.setdefault("start", []).append(
                    _(
                        "Au plus %(max)d heures par mois pour une association dans cet espace : en %(month)s, "
                        "votre association en aurait %(total)s (dont %(already)s déjà demandées ou confirmées)."
                    )
                    % {
                        "max": space.max_hours_per_month,
                        "month": date_format(local(checked[0][0].start).replace(year=year, month=month, day=1), "F Y"),
                        "total": _format_hours(total),
                        "already": _format_hours(already.get((year, month), 0)),
                    }
                )
    return errors


def _format_hours(hours):
    text = f"{hours:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
