"""The two calendars of the availability rule, copied from their packages into tables that an
administrator can correct (a decree that moves a holiday, a local bridge day).

A sync only adds dates that are missing: it never overwrites a name an administrator corrected.
"""

from datetime import date

import holidays
from vacances_scolaires_france import SchoolHolidayDates

from .models import PublicHoliday, SchoolHolidayDay

ZONE = "B"  # académies of Lille and Amiens


def public_holidays(years):
    """{date: name} of metropolitan France's public holidays (no subdivision), names in French."""
    return dict(holidays.France(years=list(years), language="fr"))


def school_holidays(first_day=None, last_day=None):
    """{date: name} of the zone-B school-holiday days in the package's data."""
    data = SchoolHolidayDates().data
    return {
        day: record.get("nom_vacances") or ""
        for day, record in data.items()
        if record.get(f"vacances_zone_{ZONE.lower()}")
        and (first_day is None or day >= first_day)
        and (last_day is None or day <= last_day)
    }


def sync_calendars(years):
    """Add the missing public holidays of `years` and zone-B school-holiday days of those years.
    Returns (public holidays added, school-holiday days added)."""
    years = list(years)
    first_day, last_day = date(min(years), 1, 1), date(max(years), 12, 31)
    added_public = _add_missing(PublicHoliday, public_holidays(years))
    added_school = _add_missing(SchoolHolidayDay, school_holidays(first_day, last_day))
    return added_public, added_school


def _add_missing(model, names_by_date):
    present = set(model.objects.filter(date__in=list(names_by_date)).values_list("date", flat=True))
    missing = [
        model(date=day, name=str(name)[:100]) for day, name in sorted(names_by_date.items()) if day not in present
    ]
    model.objects.bulk_create(missing, batch_size=500)
    return len(missing)
