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
