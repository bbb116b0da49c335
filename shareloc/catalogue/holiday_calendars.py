"""The two calendars of the availability rule, copied from their packages into tables that an
administrator can correct (a decree that moves a holiday, a local bridge day).

A sync only adds dates that are missing: it never overwrites a name an administrator corrected.
The school-holiday zone is a setting (CalendarSettings, zone B by default). The package's school
holidays end some day (zone B: 31 August 2028 in vacances-scolaires-france 0.12): `data_warning` says
when that day (or the last day an administrator typed in, if later) comes within SAFETY_MARGIN of the
last date a person can book.
"""

from datetime import date, timedelta

import holidays
from django.utils import timezone
from vacances_scolaires_france import SchoolHolidayDates

from .models import CalendarSettings, PublicHoliday, SchoolHolidayDay

DEFAULT_ZONE = "B"  # académies of Lille and Amiens
# How far ahead a person can book: a weekly series covers one year at most (bookings/workflow.py MAX_DATES).
BOOKING_HORIZON = timedelta(days=365)
# The school-holiday data must reach this far beyond the booking horizon, or sync_calendars warns.
SAFETY_MARGIN = timedelta(days=365)


class SyncResult(tuple):
    """(public holidays added, school-holiday days added), with the days themselves as [(date, name)]."""

    def __new__(cls, zone, public_added, school_added):
        result = super().__new__(cls, (len(public_added), len(school_added)))
        result.zone, result.public_added, result.school_added = zone, public_added, school_added
        return result


def configured_zone():
    zone = CalendarSettings.load().school_zone
    return zone if zone in {"A", "B", "C"} else DEFAULT_ZONE


def default_years(today=None):
    """This school year (it starts in September) to two years ahead."""
    today = today or timezone.localdate()
    first = today.year if today.month >= 9 else today.year - 1
    return list(range(first, today.year + 3))


def public_holidays(years):
    """{date: name} of metropolitan France's public holidays (no subdivision), names in French."""
    return dict(holidays.France(years=list(years), language="fr"))


def school_holidays(first_day=None, last_day=None, zone=None):
    """{date: name} of the zone's school-holiday days in the package's data."""
    key = f"vacances_zone_{(zone or configured_zone()).lower()}"
    return {
        day: record.get("nom_vacances") or ""
        for day, record in SchoolHolidayDates().data.items()
        if record.get(key) and (first_day is None or day >= first_day) and (last_day is None or day <= last_day)
    }


def school_data_end():
    """The last school-holiday day known: the package's data, or a later day an administrator typed in
    (Shareloc › Vacances scolaires: the cure data_warning proposes, which must then silence it)."""
    typed = SchoolHolidayDay.objects.order_by("-date").values_list("date", flat=True).first()
    return max(filter(None, (max(SchoolHolidayDates().data), typed)))


def booking_horizon(today=None):
    return (today or timezone.localdate()) + BOOKING_HORIZON


def data_warning(today=None):
    """A French sentence when the school-holiday data ends within SAFETY_MARGIN of the booking horizon, else None."""
    end, horizon = school_data_end(), booking_horizon(today)
    if end >= horizon + SAFETY_MARGIN:
        return None
    return (
        f"ATTENTION : les vacances scolaires connues s'arrêtent le {end:%d/%m/%Y}, moins de 12 mois après la "
        f"dernière date réservable ({horizon:%d/%m/%Y}). Mettez à jour le paquet vacances-scolaires-france "
        f"(pip install -U vacances-scolaires-france) puis relancez sync_calendars, ou saisissez les jours "
        f"de vacances dans l'administration : sinon les espaces « hors vacances » paraîtront libres pendant "
        f"les vacances."
    )


def sync_calendars(years, zone=None):
    """Add the missing public holidays of `years` and the zone's school-holiday days of those years."""
    years = sorted(set(years))
    zone = zone or configured_zone()
    first_day, last_day = date(min(years), 1, 1), date(max(years), 12, 31)
    public = _add_missing(PublicHoliday, public_holidays(years))
    school = _add_missing(SchoolHolidayDay, school_holidays(first_day, last_day, zone))
    return SyncResult(zone, public, school)


def _add_missing(model, names_by_date):
    present = set(model.objects.filter(date__in=list(names_by_date)).values_list("date", flat=True))
    missing = [
        model(date=day, name=str(name)[:100]) for day, name in sorted(names_by_date.items()) if day not in present
    ]
    model.objects.bulk_create(missing, batch_size=500)
    return [(row.date, row.name) for row in missing]
