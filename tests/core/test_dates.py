"""core.dates: Paris wall-clock times, never moved nor picked silently across the clock changes."""

import datetime as dt

import pytest

from core.dates import AmbiguousLocalTime, NonexistentLocalTime, parse_local_datetime, wall_clock
from tests.conftest import TEST_NOW


def last_sunday(year, month):
    last = dt.date(year, month, 31)  # March and October both have 31 days
    return last - dt.timedelta(days=(last.weekday() + 1) % 7)


# The clock changes of the year after TEST_NOW: 28 March and 31 October 2027.
SPRING_FORWARD = last_sunday(TEST_NOW.year + 1, 3)
FALL_BACK = last_sunday(TEST_NOW.year + 1, 10)


def test_wall_clock_refuses_the_hour_the_spring_change_skips():
    with pytest.raises(NonexistentLocalTime):
        wall_clock(SPRING_FORWARD, dt.time(2, 0))
    with pytest.raises(NonexistentLocalTime):
        wall_clock(SPRING_FORWARD, dt.time(2, 59))
    assert wall_clock(SPRING_FORWARD, dt.time(3, 0)).utcoffset() == dt.timedelta(hours=2)
    assert wall_clock(SPRING_FORWARD, dt.time(1, 59)).utcoffset() == dt.timedelta(hours=1)


def test_wall_clock_refuses_the_hour_the_autumn_change_repeats():
    with pytest.raises(AmbiguousLocalTime):
        wall_clock(FALL_BACK, dt.time(2, 0))
    with pytest.raises(AmbiguousLocalTime):
        wall_clock(FALL_BACK, dt.time(2, 59))
    assert wall_clock(FALL_BACK, dt.time(1, 59)).utcoffset() == dt.timedelta(hours=2)
    assert wall_clock(FALL_BACK, dt.time(3, 0)).utcoffset() == dt.timedelta(hours=1)


def test_wall_clock_and_the_parser_agree_on_every_quarter_hour_of_the_spring_change():
    for minutes in range(0, 24 * 60, 15):
        time = dt.time(minutes // 60, minutes % 60)
        try:
            expected = wall_clock(SPRING_FORWARD, time)
        except NonexistentLocalTime:
            expected = None
        try:
            parsed = parse_local_datetime(f"{SPRING_FORWARD.isoformat()}T{time:%H:%M}")
        except ValueError:
            parsed = None
        assert parsed == expected
