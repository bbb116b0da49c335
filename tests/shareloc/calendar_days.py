"""The days of the calendar year after TEST_NOW that the Shareloc tests need, found from the clock and
from the calendars' own sources (the `vacances-scolaires-france` data for zone B, Easter by dateutil,
the clock changes by their rule), never typed as literal dates: they stay true whatever TEST_NOW is,
and never depend on the real date (the `clock` fixture is autouse in this folder)."""

import datetime as dt

from dateutil.easter import easter
from vacances_scolaires_france import SchoolHolidayDates

from tests.conftest import TEST_NOW

YEAR = TEST_NOW.year + 1  # every day below falls in it (2027 for TEST_NOW = 1 December 2026)


def nth_weekday(year, month, weekday, n):
    """The n-th (1-based) `weekday` (0 = Monday) of a month."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def last_sunday(year, month):
    """The last Sunday of a month: Paris changes its clocks on the last Sunday of March and of October."""
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() + 1) % 7)


def _zone_b_holidays(name, year=YEAR):
    days = sorted(
        day
        for day, row in SchoolHolidayDates().holidays_for_year_and_zone(year, "B").items()
        if row["nom_vacances"] == name
    )
    return days[0], days[-1]


WINTER_HOLIDAYS = _zone_b_holidays("Vacances d'hiver")  # zone B: 20 February – 7 March 2027
SPRING_HOLIDAYS = _zone_b_holidays("Vacances de printemps")  # zone B: 17 April – 2 May 2027
SUMMER_HOLIDAYS = _zone_b_holidays("Vacances d'été")

# The second week of January: back at school after Christmas (Monday 11 and Tuesday 12 January 2027).
TERM_MONDAY_JANUARY = nth_weekday(YEAR, 1, 0, 2)
TERM_TUESDAY = TERM_MONDAY_JANUARY + dt.timedelta(days=1)
# The Monday before the winter holidays (at school) and the first Monday of them (15 and 22 February 2027).
TERM_MONDAY = WINTER_HOLIDAYS[0] - dt.timedelta(days=(WINTER_HOLIDAYS[0].weekday() or 7))
HOLIDAY_MONDAY = TERM_MONDAY + dt.timedelta(weeks=1)
HOLIDAY_TUESDAY = HOLIDAY_MONDAY + dt.timedelta(days=1)
EASTER_MONDAY = easter(YEAR) + dt.timedelta(days=1)  # a public holiday (29 March 2027)
LABOUR_DAY = dt.date(YEAR, 5, 1)  # a public holiday
SPRING_FORWARD = last_sunday(YEAR, 3)  # clocks go from 02:00 to 03:00, a 23-hour day (28 March 2027)
FALL_BACK = last_sunday(YEAR, 10)  # clocks go from 03:00 back to 02:00, a 25-hour day (31 October 2027)


def days_after(first, count):
    return [first + dt.timedelta(days=n) for n in range(count)]
