"""FORMATS.md's availability rule, clause by clause, on the pure functions and on the SQL filter."""

import datetime as dt
from itertools import product

import pytest

from core.dates import PARIS
from shareloc.catalogue.availability import (
    Calendars,
    Reason,
    SpaceCalendar,
    Window,
    available_spaces,
    day_availability,
    day_bounds,
    is_available,
    load_calendars,
    unavailability_reason,
)
from shareloc.catalogue.holiday_calendars import sync_calendars
from shareloc.models import Booking, Closure, OpeningWindow, Space
from tests.conftest import TEST_NOW

from .calendar_days import EASTER_MONDAY, FALL_BACK, HOLIDAY_MONDAY, SPRING_FORWARD, TERM_MONDAY, YEAR
from .factories import BookingFactory, ClosureFactory, LyceeFactory, SpaceFactory, WindowFactory

UTC = dt.UTC
EVERY_DAY = frozenset(range(7))

CALENDARS = Calendars(
    public_holidays=frozenset({EASTER_MONDAY}), school_holidays=frozenset({HOLIDAY_MONDAY, FALL_BACK})
)


def at(day, hour, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=PARIS)


def utc(day, hour):
    return dt.datetime.combine(day, dt.time(hour), tzinfo=UTC)


def window(start=(18, 0), end=(22, 0), period="always", weekdays=EVERY_DAY):
    return Window(frozenset(weekdays), dt.time(*start), dt.time(*end), period)


def space(*windows, closures=(), bookings=()):
    return SpaceCalendar(windows=tuple(windows or (window(),)), closures=tuple(closures), bookings=tuple(bookings))


# 1. public holidays


def test_a_public_holiday_makes_every_space_unavailable():
    assert (
        unavailability_reason(at(EASTER_MONDAY, 18), at(EASTER_MONDAY, 20), space(), CALENDARS) == Reason.PUBLIC_HOLIDAY
    )
    assert day_availability(EASTER_MONDAY, space(), CALENDARS).reason == Reason.PUBLIC_HOLIDAY


# 2. windows: weekday, time span, period


def test_a_slot_inside_a_window_of_that_weekday_is_available():
    assert is_available(at(TERM_MONDAY, 18), at(TERM_MONDAY, 22), space(window(weekdays={0})), CALENDARS)


def test_a_slot_on_a_weekday_without_window_is_unavailable():
    assert (
        unavailability_reason(at(TERM_MONDAY, 18), at(TERM_MONDAY, 20), space(window(weekdays={1, 2})), CALENDARS)
        == Reason.NO_WINDOW
    )


def test_a_slot_overflowing_the_window_is_unavailable():
    tuesday_window = space(window(start=(18, 0), end=(21, 30)))
    assert (
        unavailability_reason(at(TERM_MONDAY, 17, 59), at(TERM_MONDAY, 19), tuesday_window, CALENDARS)
        == Reason.NO_WINDOW
    )
    assert (
        unavailability_reason(at(TERM_MONDAY, 20), at(TERM_MONDAY, 21, 31), tuesday_window, CALENDARS)
        == Reason.NO_WINDOW
    )


def test_a_slot_must_fit_in_one_window_not_across_two():
    two_windows = space(window(start=(14, 0), end=(18, 0)), window(start=(18, 0), end=(21, 0)))
    assert not is_available(at(TERM_MONDAY, 17), at(TERM_MONDAY, 19), two_windows, CALENDARS)
    # but the day's free intervals merge them
    assert day_availability(TERM_MONDAY, two_windows, CALENDARS).free == ((dt.time(14), dt.time(21)),)


def test_a_term_window_opens_in_term_time_and_not_during_school_holidays():
    term_only = space(window(period="term"))
    assert is_available(at(TERM_MONDAY, 18), at(TERM_MONDAY, 20), term_only, CALENDARS)
    assert (
        unavailability_reason(at(HOLIDAY_MONDAY, 18), at(HOLIDAY_MONDAY, 20), term_only, CALENDARS)
        == Reason.SCHOOL_HOLIDAYS
    )
    assert day_availability(HOLIDAY_MONDAY, term_only, CALENDARS).reason == Reason.SCHOOL_HOLIDAYS


def test_a_holidays_window_opens_during_school_holidays_only():
    holidays_only = space(window(period="holidays"))
    assert is_available(at(HOLIDAY_MONDAY, 18), at(HOLIDAY_MONDAY, 20), holidays_only, CALENDARS)
    assert unavailability_reason(at(TERM_MONDAY, 18), at(TERM_MONDAY, 20), holidays_only, CALENDARS) == Reason.NO_WINDOW


def test_an_always_window_opens_in_term_and_holidays():
    always = space(window(period="always"))
    assert is_available(at(TERM_MONDAY, 18), at(TERM_MONDAY, 20), always, CALENDARS)
    assert is_available(at(HOLIDAY_MONDAY, 18), at(HOLIDAY_MONDAY, 20), always, CALENDARS)


# 3. closures (inclusive dates)


def test_a_closure_covers_its_first_and_last_day_inclusive():
    closed = space(closures=[(TERM_MONDAY, TERM_MONDAY + dt.timedelta(days=2))])
    for offset, expected in ((-1, None), (0, Reason.CLOSED), (2, Reason.CLOSED), (3, None)):
        day = TERM_MONDAY + dt.timedelta(days=offset)
        assert unavailability_reason(at(day, 18), at(day, 20), closed, CALENDARS) == expected, offset


# 4. confirmed bookings: touching is not overlapping


def test_a_booking_that_touches_the_slot_leaves_it_available_and_one_that_overlaps_does_not():
    booked = space(bookings=[(at(TERM_MONDAY, 19), at(TERM_MONDAY, 20))])
    assert is_available(at(TERM_MONDAY, 18), at(TERM_MONDAY, 19), booked, CALENDARS)
    assert is_available(at(TERM_MONDAY, 20), at(TERM_MONDAY, 21), booked, CALENDARS)
    assert unavailability_reason(at(TERM_MONDAY, 18), at(TERM_MONDAY, 19, 1), booked, CALENDARS) == Reason.BOOKED
    assert unavailability_reason(at(TERM_MONDAY, 19, 59), at(TERM_MONDAY, 21), booked, CALENDARS) == Reason.BOOKED


def test_free_intervals_are_the_windows_minus_the_bookings_sorted_and_merged():
    booked = space(
        window(start=(9, 0), end=(12, 0)),
        window(start=(11, 0), end=(13, 0)),
        window(start=(18, 0), end=(22, 0)),
        bookings=[(at(TERM_MONDAY, 19), at(TERM_MONDAY, 20)), (at(TERM_MONDAY, 10), at(TERM_MONDAY, 11))],
    )
    assert day_availability(TERM_MONDAY, booked, CALENDARS).free == (
        (dt.time(9), dt.time(10)),
        (dt.time(11), dt.time(13)),
        (dt.time(18), dt.time(19)),
        (dt.time(20), dt.time(22)),
    )


def test_a_fully_booked_day_says_booked():
    full = space(bookings=[(at(TERM_MONDAY, 17), at(TERM_MONDAY, 23))])
    result = day_availability(TERM_MONDAY, full, CALENDARS)
    assert result.free == () and result.reason == Reason.BOOKED


# the days when clocks change


def test_day_bounds_are_23_and_25_hours_long_on_the_days_clocks_change():
    start, end = day_bounds(SPRING_FORWARD)
    assert end.astimezone(UTC) - start.astimezone(UTC) == dt.timedelta(hours=23)
    start, end = day_bounds(FALL_BACK)
    assert end.astimezone(UTC) - start.astimezone(UTC) == dt.timedelta(hours=25)


def test_bookings_stored_in_utc_are_compared_in_paris_time_on_the_spring_forward_day():
    # 18:00–19:00 in Paris on the spring-forward Sunday is 16:00–17:00 UTC (summer time, UTC+2).
    booked = space(bookings=[(utc(SPRING_FORWARD, 16), utc(SPRING_FORWARD, 17))])
    assert not is_available(at(SPRING_FORWARD, 18), at(SPRING_FORWARD, 19), booked, CALENDARS)
    assert is_available(at(SPRING_FORWARD, 19), at(SPRING_FORWARD, 20), booked, CALENDARS)
    assert day_availability(SPRING_FORWARD, booked, CALENDARS).free == ((dt.time(19), dt.time(22)),)


def test_bookings_stored_in_utc_are_compared_in_paris_time_on_the_fall_back_day():
    # 18:00–19:00 in Paris on the fall-back Sunday is 17:00–18:00 UTC (winter time, UTC+1).
    booked = space(bookings=[(utc(FALL_BACK, 17), utc(FALL_BACK, 18))])
    assert not is_available(at(FALL_BACK, 18), at(FALL_BACK, 19), booked, CALENDARS)
    assert is_available(at(FALL_BACK, 19), at(FALL_BACK, 20), booked, CALENDARS)
    assert day_availability(FALL_BACK, booked, CALENDARS).free == ((dt.time(19), dt.time(22)),)


def test_a_slot_must_start_before_it_ends_on_one_day():
    with pytest.raises(ValueError):
        unavailability_reason(at(TERM_MONDAY, 20), at(TERM_MONDAY, 18), space(), CALENDARS)
    with pytest.raises(ValueError):
        unavailability_reason(at(TERM_MONDAY, 22), at(TERM_MONDAY + dt.timedelta(days=1), 1), space(), CALENDARS)


# the loader and the SQL form of the rule, on the database


@pytest.fixture
def calendars(db):
    sync_calendars([TEST_NOW.year, YEAR])


def test_calendars_come_from_the_packages_and_a_second_sync_adds_nothing(calendars):
    from shareloc.models import PublicHoliday, SchoolHolidayDay

    assert PublicHoliday.objects.filter(date=EASTER_MONDAY, name="Lundi de Pâques").exists()
    assert SchoolHolidayDay.objects.filter(date=HOLIDAY_MONDAY).exists()
    assert not SchoolHolidayDay.objects.filter(date=TERM_MONDAY).exists()
    assert sync_calendars([TEST_NOW.year, YEAR]) == (0, 0)


def test_the_loader_reads_many_spaces_in_five_queries_and_keeps_only_confirmed_bookings(
    calendars, django_assert_max_num_queries
):
    lycee = LyceeFactory()
    spaces = [SpaceFactory(lycee=lycee) for _ in range(6)]
    for item in spaces:
        WindowFactory(space=item)
    BookingFactory(space=spaces[0], start=at(TERM_MONDAY, 18), end=at(TERM_MONDAY, 19))
    BookingFactory(space=spaces[0], start=at(TERM_MONDAY, 19), end=at(TERM_MONDAY, 20), status="pending")
    BookingFactory(space=spaces[0], start=at(TERM_MONDAY, 20), end=at(TERM_MONDAY, 21), status="cancelled")
    Closure.objects.create(
        lycee=lycee, start_date=TERM_MONDAY + dt.timedelta(days=1), end_date=TERM_MONDAY + dt.timedelta(days=1)
    )
    spaces = list(Space.objects.filter(lycee=lycee))
    with django_assert_max_num_queries(5):
        by_space, calendars = load_calendars(spaces, TERM_MONDAY, TERM_MONDAY + dt.timedelta(days=7))
    spaces.sort(key=lambda item: item.pk)
    assert len(by_space[spaces[0].pk].bookings) == 1
    assert all(len(item.closures) == 1 for item in by_space.values())  # the whole lycée's closure
    assert HOLIDAY_MONDAY in calendars.school_holidays
    tuesday = TERM_MONDAY + dt.timedelta(days=1)
    assert day_availability(tuesday, by_space[spaces[1].pk], calendars).reason == Reason.CLOSED


def test_the_sql_filter_and_the_pure_rule_agree_on_every_clause(calendars):
    lycee, other_lycee = LyceeFactory(), LyceeFactory()
    evening = SpaceFactory(lycee=lycee)
    WindowFactory(space=evening, weekdays=["mon", "wed"], start=dt.time(18), end=dt.time(21, 30), period="term")
    holidays_only = SpaceFactory(lycee=lycee)
    WindowFactory(space=holidays_only, start=dt.time(9), end=dt.time(17), period="holidays")
    always = SpaceFactory(lycee=other_lycee)
    WindowFactory(space=always, start=dt.time(8), end=dt.time(22))
    closed_space = SpaceFactory(lycee=other_lycee)
    WindowFactory(space=closed_space)
    ClosureFactory(space=closed_space, start_date=TERM_MONDAY, end_date=TERM_MONDAY)
    wednesday = TERM_MONDAY + dt.timedelta(days=2)
    Closure.objects.create(lycee=lycee, start_date=wednesday, end_date=wednesday)
    BookingFactory(space=always, start=at(TERM_MONDAY, 18), end=at(TERM_MONDAY, 19))
    BookingFactory(space=evening, start=at(TERM_MONDAY, 20), end=at(TERM_MONDAY, 21), status="cancelled")
    BookingFactory(space=always, start=at(SPRING_FORWARD, 18), end=at(SPRING_FORWARD, 19))
    days = [TERM_MONDAY, TERM_MONDAY + dt.timedelta(days=2), HOLIDAY_MONDAY, EASTER_MONDAY, SPRING_FORWARD, FALL_BACK]
    slots = [((9, 0), (12, 0)), ((17, 0), (18, 0)), ((18, 0), (19, 0)), ((18, 30), (21, 30)), ((20, 0), (22, 30))]
    spaces = list(Space.objects.filter(lycee__in=[lycee, other_lycee]))
    by_space, calendars = load_calendars(spaces, min(days), max(days))
    checked = 0
    for day, (start, end) in product(days, slots):
        slot_start, slot_end = at(day, *start), at(day, *end)
        expected = {item.pk for item in spaces if is_available(slot_start, slot_end, by_space[item.pk], calendars)}
        found = set(
            available_spaces(Space.objects.filter(lycee__in=[lycee, other_lycee]), slot_start, slot_end).values_list(
                "pk", flat=True
            )
        )
        assert found == expected, (day, start, end)
        checked += len(expected)
    assert checked > 5  # the data set makes some slots free, not only unavailable ones


def test_windows_keep_their_weekday_mask_in_step_with_their_weekdays(db):
    item = WindowFactory(weekdays=["mon", "sun"])
    assert OpeningWindow.objects.get(pk=item.pk).weekday_mask == 0b1000001
    assert Booking.objects.count() == 0
