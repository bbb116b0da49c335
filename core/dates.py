"""Time as the Région lives it: Europe/Paris wall-clock time, and the one parser of FORMATS.md's
datetimes ("YYYY-MM-DDTHH:MM" in Paris time, or with an explicit offset)."""

import datetime as dt
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def local(moment):
    """An aware datetime in Europe/Paris (naive ones are taken as Paris wall-clock time)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=PARIS)
    return moment.astimezone(PARIS)


def parse_local_datetime(value):
    """An aware datetime from "YYYY-MM-DDTHH:MM" (Paris time) or the same with an offset.

    Raises ValueError for anything else, including a Paris time that does not exist (02:30 on the
    last Sunday of March, skipped by the spring clock change): no time is silently moved."""
    if not isinstance(value, str) or "T" not in value or len(value) < 16:
        raise ValueError(value)
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is not None:
        return moment
    aware = moment.replace(tzinfo=PARIS)
    if aware.astimezone(dt.UTC).astimezone(PARIS).replace(tzinfo=None) != moment:
        raise ValueError(value)
    return aware


class NonexistentLocalTime(ValueError):
    """A Paris wall-clock time that the spring clock change skips (02:00–02:59 on the last Sunday of March)."""


class AmbiguousLocalTime(ValueError):
    """A Paris wall-clock time that the autumn clock change repeats (02:00–02:59 on the last Sunday of
    October): it names two instants, an hour apart."""


def wall_clock(day, time):
    """The aware datetime of `time` on `day` in Paris, by the same rule as `parse_local_datetime`: no
    time is silently moved, nor silently picked among two. Raises NonexistentLocalTime or
    AmbiguousLocalTime (both ValueError)."""
    moment = dt.datetime.combine(day, time, tzinfo=PARIS)
    if moment.astimezone(dt.UTC).astimezone(PARIS).replace(tzinfo=None) != moment.replace(tzinfo=None):
        raise NonexistentLocalTime(moment.replace(tzinfo=None).isoformat(timespec="minutes"))
    if moment.utcoffset() != moment.replace(fold=1).utcoffset():
        raise AmbiguousLocalTime(moment.replace(tzinfo=None).isoformat(timespec="minutes"))
    return moment
