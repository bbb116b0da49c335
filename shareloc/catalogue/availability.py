"""FORMATS.md's availability rule, in one place.

A space S is available for a slot [from, to) on day D (same day, Europe/Paris, from < to) iff:
1. D is not a public holiday;
2. S has a window W with weekday(D) in W.weekdays, W.start <= time(from), time(to) <= W.end and
   W.period is "always", or "term" while D is not a zone-B school-holiday day, or "holidays" while it is;
3. no closure of S, nor of its whole lycée, has start_date <= D <= end_date;
4. no confirmed booking [a, b) of S overlaps: a < to and from < b (touching is not overlapping).

The rule is written here twice, side by side, and nowhere else:
- as pure functions over plain data (`unavailability_reason`, `day_availability`), used for one space
  or a few (a space's calendar, the availability endpoint, the bookings' checks of each requested date);
- as a SQL condition (`available_spaces`), used to filter the catalogue of thousands of spaces in
  one query. tests/shareloc/test_availability.py checks that both give the same answer.

`load_calendars` fetches what the pure functions need for many spaces in a constant number of queries.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.dates import PARIS, local

from .models import (
    WEEKDAY_CODES,
    Booking,
    BookingStatus,
    Closure,
    OpeningWindow,
    PublicHoliday,
    SchoolHolidayDay,
)

MINUTES_PER_DAY = 24 * 60

ALWAYS, TERM, HOLIDAYS = "always", "term", "holidays"


class Reason(models.TextChoices):
    """Why a space is not available on a date, in the order of the rule's clauses."""

    PUBLIC_HOLIDAY = "public_holiday", _("jour férié")
    NO_WINDOW = "no_window", _("pas de créneau d'ouverture ce jour-là")
    SCHOOL_HOLIDAYS = "school_holidays", _("vacances scolaires")
    CLOSED = "closed", _("fermeture")
    BOOKED = "booked", _("déjà réservé")


@dataclass(frozen=True)
class Window:
    weekdays: frozenset  # of date.weekday() numbers, Monday = 0
    start: time
    end: time
    period: str = ALWAYS

    def opens_on(self, day, school_holiday):
        if day.weekday() not in self.weekdays:
            return False
        return self.period == ALWAYS or (self.period == HOLIDAYS) == school_holiday


@dataclass(frozen=True)
class SpaceCalendar:
    """What the rule needs to know about one space: its windows, the closures of the space and of
    its lycée ((first_day, last_day) pairs, inclusive) and its confirmed bookings ((start, end) aware)."""

    windows: tuple = ()
    closures: tuple = ()
    bookings: tuple = ()


@dataclass(frozen=True)
class Calendars:
    """The dates of public holidays and of zone-B school holidays."""

    public_holidays: frozenset = field(default_factory=frozenset)
    school_holidays: frozenset = field(default_factory=frozenset)


@dataclass(frozen=True)
class DayAvailability:
    date: date
    free: tuple  # ((start time, end time), ...) sorted and merged; end may be time(0) for midnight
    reason: str | None = None  # a Reason when nothing is free


def day_bounds(day):
    """[start, end) of a local day as aware datetimes (23 or 25 hours long on the days clocks change)."""
    return (
        datetime.combine(day, time(0), tzinfo=PARIS),
        datetime.combine(day + timedelta(days=1), time(0), tzinfo=PARIS),
    )


def _closed_on(day, closures):
    return any(first <= day <= last for first, last in closures)


def unavailability_reason(start, end, space, calendars):
    """None when `space` (a SpaceCalendar) is available for [start, end), otherwise the first Reason
    in the rule's order. `start` and `end` are datetimes on the same local day, start < end."""
    start, end = local(start), local(end)
    day = start.date()
    if end.date() != day or start >= end:
        raise ValueError("a slot starts before it ends, on one day")
    if day in calendars.public_holidays:
        return Reason.PUBLIC_HOLIDAY
    school_holiday = day in calendars.school_holidays
    fitting = [
        w for w in space.windows if day.weekday() in w.weekdays and w.start <= start.time() and end.time() <= w.end
    ]
    if not any(w.opens_on(day, school_holiday) for w in fitting):
        # A window that would fit but for its period says why: the lycée only lends it in term time.
        if school_holiday and any(w.period == TERM for w in fitting):
            return Reason.SCHOOL_HOLIDAYS
        return Reason.NO_WINDOW
    if _closed_on(day, space.closures):
        return Reason.CLOSED
    if any(a < end and start < b for a, b in space.bookings):
        return Reason.BOOKED
    return None


def is_available(start, end, space, calendars):
    return unavailability_reason(start, end, space, calendars) is None


def _minutes(moment_time):
    return moment_time.hour * 60 + moment_time.minute


def _as_time(minutes):
    return time(0) if minutes >= MINUTES_PER_DAY else time(minutes // 60, minutes % 60)


def _merge(intervals):
    merged = []
    for low, high in sorted(intervals):
        if merged and low <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return merged


def _subtract(intervals, holes):
    result = []
    for low, high in intervals:
        pieces = [(low, high)]
        for hole_low, hole_high in holes:
            next_pieces = []
            for a, b in pieces:
                if hole_high <= a or b <= hole_low:
                    next_pieces.append((a, b))
                    continue
                if a < hole_low:
                    next_pieces.append((a, hole_low))
                if hole_high < b:
                    next_pieces.append((hole_high, b))
            pieces = next_pieces
        result.extend(pieces)
    return result


def day_availability(day, space, calendars):
    """The free intervals of `space` on `day` (windows, holidays, closures and confirmed bookings
    applied, sorted and merged), with the Reason when none is left.

    Times are wall-clock times of the day; a booking is placed at its local start and end times,
    clipped to the day."""
    if day in calendars.public_holidays:
        return DayAvailability(day, (), Reason.PUBLIC_HOLIDAY)
    school_holiday = day in calendars.school_holidays
    open_windows = [w for w in space.windows if w.opens_on(day, school_holiday)]
    if not open_windows:
        if school_holiday and any(day.weekday() in w.weekdays and w.period == TERM for w in space.windows):
            return DayAvailability(day, (), Reason.SCHOOL_HOLIDAYS)
        return DayAvailability(day, (), Reason.NO_WINDOW)
    if _closed_on(day, space.closures):
        return DayAvailability(day, (), Reason.CLOSED)
    day_start, day_end = day_bounds(day)
    booked = []
    for a, b in space.bookings:
        if a < day_end and day_start < b:
            a, b = local(max(a, day_start)), local(min(b, day_end))
            low = _minutes(a.time()) if a.date() == day else 0
            high = _minutes(b.time()) if b.date() == day else MINUTES_PER_DAY
            booked.append((low, high))
    windows = _merge((_minutes(w.start), _minutes(w.end)) for w in open_windows)
    free = _merge(_subtract([tuple(w) for w in windows], booked))
    free = tuple((_as_time(low), _as_time(high)) for low, high in free if low < high)
    return DayAvailability(day, free, None if free else Reason.BOOKED)


def days(first_day, last_day):
    day = first_day
    while day <= last_day:
        yield day
        day += timedelta(days=1)


def availability_between(first_day, last_day, space, calendars):
    return [day_availability(day, space, calendars) for day in days(first_day, last_day)]


# --- Loading the data for many spaces: a constant number of queries ---


def load_calendar_dates(first_day, last_day):
    return Calendars(
        public_holidays=frozenset(
            PublicHoliday.objects.filter(date__range=(first_day, last_day)).values_list("date", flat=True)
        ),
        school_holidays=frozenset(
            SchoolHolidayDay.objects.filter(date__range=(first_day, last_day)).values_list("date", flat=True)
        ),
    )


def window_from_model(window):
    weekdays = frozenset(WEEKDAY_CODES.index(code) for code in window.weekdays if code in WEEKDAY_CODES)
    return Window(weekdays, window.start, window.end, window.period)


def load_calendars(spaces, first_day, last_day):
    """({space id: SpaceCalendar}, Calendars) for `spaces` (Space instances, or (id, lycee_id) pairs)
    between two dates inclusive, in five queries whatever the number of spaces."""
    pairs = [(s.pk, s.lycee_id) if hasattr(s, "lycee_id") else tuple(s) for s in spaces]
    space_ids = [space_id for space_id, _lycee in pairs]
    lycee_ids = {lycee_id for _space, lycee_id in pairs}
    windows, closures, bookings = {}, {}, {}
    for window in OpeningWindow.objects.filter(space_id__in=space_ids).only(
        "space_id", "weekdays", "start", "end", "period"
    ):
        windows.setdefault(window.space_id, []).append(window_from_model(window))
    lycee_closures = {}
    for closure in (
        Closure.objects.filter(start_date__lte=last_day, end_date__gte=first_day)
        .filter(Q(space_id__in=space_ids) | Q(space__isnull=True, lycee_id__in=lycee_ids))
        .values("space_id", "lycee_id", "start_date", "end_date")
    ):
        span = (closure["start_date"], closure["end_date"])
        if closure["space_id"] is None:
            lycee_closures.setdefault(closure["lycee_id"], []).append(span)
        else:
            closures.setdefault(closure["space_id"], []).append(span)
    range_start, _unused = day_bounds(first_day)
    _unused, range_end = day_bounds(last_day)
    for space_id, start, end in Booking.objects.filter(
        space_id__in=space_ids, status=BookingStatus.CONFIRMED, start__lt=range_end, end__gt=range_start
    ).values_list("space_id", "start", "end"):
        bookings.setdefault(space_id, []).append((start, end))
    result = {
        space_id: SpaceCalendar(
            windows=tuple(windows.get(space_id, ())),
            closures=tuple(closures.get(space_id, []) + lycee_closures.get(lycee_id, [])),
            bookings=tuple(sorted(bookings.get(space_id, ()))),
        )
        for space_id, lycee_id in pairs
    }
    return result, load_calendar_dates(first_day, last_day)


# --- The same rule as a SQL condition, to filter thousands of spaces in one query ---


def available_spaces(queryset, start, end):
    """`queryset` of Space narrowed to those available for [start, end) (same local day, start < end).
    Two small queries read the calendars; the rest is one WHERE clause with EXISTS sub-queries."""
    start, end = local(start), local(end)
    day = start.date()
    if end.date() != day or start >= end:
        raise ValueError("a slot starts before it ends, on one day")
    if PublicHoliday.objects.filter(date=day).exists():
        return queryset.none()
    school_holiday = SchoolHolidayDay.objects.filter(date=day).exists()
    periods = [ALWAYS, HOLIDAYS if school_holiday else TERM]
    bit = 1 << day.weekday()
    window = (
        OpeningWindow.objects.filter(
            space=OuterRef("pk"), start__lte=start.time(), end__gte=end.time(), period__in=periods
        )
        .annotate(open_that_day=F("weekday_mask").bitand(bit))
        .filter(open_that_day=bit)
    )
    space_closure = Closure.objects.filter(space=OuterRef("pk"), start_date__lte=day, end_date__gte=day)
    lycee_closure = Closure.objects.filter(
        lycee=OuterRef("lycee_id"), space__isnull=True, start_date__lte=day, end_date__gte=day
    )
    booking = Booking.objects.filter(space=OuterRef("pk"), status=BookingStatus.CONFIRMED, start__lt=end, end__gt=start)
    return queryset.filter(Exists(window), ~Exists(space_closure), ~Exists(lycee_closure), ~Exists(booking))
