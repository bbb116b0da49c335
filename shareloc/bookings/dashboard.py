"""The Région's Shareloc dashboard: hours offered and hours booked by département, lycée, kind of space and
month; associations served; the value of free lending (hours booked × the space's hourly rate).

One report = six grouped queries whatever the volume (spaces, windows, closures, the two calendars,
confirmed bookings grouped by space, month and association or organisation); the rest is arithmetic.

Hours offered = for each space and each day of the period, the length of the UNION of its opening
windows that apply that day (weekday; term-only windows not on zone-B school-holiday days, holiday-only
windows only on them), no public holiday, no closure of the space or of its lycée that day. Overlapping
windows count once. Hours booked = confirmed bookings, whatever their source (imports, managers,
approved requests). Associations served = distinct associations with at least one confirmed date of an
approved request, plus, for bookings made outside requests (imports, admin), distinct organisation names.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Case, Count, DurationField, ExpressionWrapper, F, IntegerField, Sum, Value, When

from core.dates import PARIS

from ..catalogue.availability import ALWAYS, HOLIDAYS, day_bounds, days, load_calendar_dates
from ..catalogue.models import DEPARTMENTS, Booking, BookingStatus, Closure, OpeningWindow, Space, SpaceKind

MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def school_year(start_year):
    """1 September of `start_year` to 31 August of the next year."""
    return date(start_year, 9, 1), date(start_year + 1, 8, 31)


def current_school_year_start(today):
    return today.year if today.month >= 9 else today.year - 1


@dataclass
class Line:
    key: str
    label: str
    offered: float = 0.0
    booked: float = 0.0
    value: float = 0.0
    organisations: set = field(default_factory=set)

    @property
    def occupancy(self):
        return round(100 * self.booked / self.offered, 1) if self.offered else None

    @property
    def associations(self):
        return len(self.organisations)


@dataclass
class Report:
    first_day: date
    last_day: date
    total: Line
    by_department: list
    by_lycee: list
    by_kind: list
    by_month: list

    def rows(self):
        """(dimension, key, label, offered hours, booked hours, occupancy %, value €, associations) for CSV."""
        for dimension, lines in (
            ("total", [self.total]),
            ("departement", self.by_department),
            ("lycee", self.by_lycee),
            ("type", self.by_kind),
            ("mois", self.by_month),
        ):
            for line in lines:
                yield (
                    dimension,
                    line.key,
                    line.label,
                    round(line.offered, 1),
                    round(line.booked, 1),
                    line.occupancy if line.occupancy is not None else "",
                    round(line.value, 2),
                    line.associations,
                )


CSV_HEADER = (
    "dimension",
    "cle",
    "libelle",
    "heures_offertes",
    "heures_reservees",
    "taux_occupation_pct",
    "valeur_eur",
    "associations",
)


def _month_key(day):
    return f"{day.year}-{day.month:02d}"


def _day_counts(first_day, last_day, calendars):
    """{month: Counter((weekday, school holiday?) -> number of days)}, public holidays left out."""
    counts = defaultdict(Counter)
    for day in days(first_day, last_day):
        if day in calendars.public_holidays:
            continue
        counts[_month_key(day)][(day.weekday(), day in calendars.school_holidays)] += 1
    return counts


def _month_buckets(first_day, last_day):
    """(month keys, a CASE giving a booking's month index from its start): plain comparisons, which SQLite
    evaluates natively, where TruncMonth in Europe/Paris calls a Python function per row."""
    bounds, day = [], date(first_day.year, first_day.month, 1)
    while day <= last_day:
        bounds.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    bounds.append(day)
    moments = [datetime.combine(day, time(0), tzinfo=PARIS) for day in bounds]
    pairs = zip(moments[:-1], moments[1:], strict=True)
    case = Case(
        *[When(start__gte=low, start__lt=high, then=Value(index)) for index, (low, high) in enumerate(pairs)],
        output_field=IntegerField(),
    )
    return [_month_key(day) for day in bounds[:-1]], case


class _Tally:
    """The report's lines, and the lines each space's hours count towards."""

    def __init__(self, first_day, last_day, spaces):
        self.spaces = spaces  # {space id: its values()}
        self.total = Line("total", "Région")
        self.departments = {code: Line(code, str(label)) for code, label in DEPARTMENTS}
        self.kinds = {code: Line(code, str(label)) for code, label in SpaceKind.choices}
        self.lycees, self.months, self._lines = {}, {}, {}
        for day in days(first_day, last_day):
            key = _month_key(day)
            self.months.setdefault(key, Line(key, f"{MONTHS_FR[day.month - 1]} {day.year}"))

    def lines_for(self, space_id):
        """The total's, its lycée's, its kind's and its département's lines (computed once per space)."""
        if space_id not in self._lines:
            space = self.spaces[space_id]
            lycee = self.lycees.get(space["lycee_id"])
            if lycee is None:
                lycee = self.lycees[space["lycee_id"]] = Line(space["lycee__uai"], space["lycee__name"])
            lines = [self.total, lycee, self.kinds.setdefault(space["kind"], Line(space["kind"], space["kind"]))]
            if space["lycee__department"] in self.departments:
                lines.append(self.departments[space["lycee__department"]])
            self._lines[space_id] = lines
        return self._lines[space_id]

    def add_offered(self, windows, day_counts, closed_days, calendars):
        """Hours offered: per space, the union of its windows for each kind of day (weekday, school
        holiday or not) times the days of each month of that kind, less the days it is closed."""
        by_space = defaultdict(list)
        for space_id, mask, start, end, period in windows:
            if space_id in self.spaces:
                by_space[space_id].append((mask, _minutes(start), _minutes(end) or MINUTES_PER_DAY, period))
        per_month = {}  # a space's hours per kind of day -> its hours per month: few distinct keys
        for space_id, space_windows in by_space.items():
            daily = _daily_hours(space_windows)
            key = tuple(sorted(daily.items()))
            if key not in per_month:
                per_month[key] = {
                    month: sum(number * daily.get(kind, 0.0) for kind, number in counter.items())
                    for month, counter in day_counts.items()
                }
            months = dict(per_month[key])
            for day in closed_days.get(space_id, ()):
                if day in calendars.public_holidays:
                    continue
                month = _month_key(day)
                if month in months:
                    months[month] -= daily.get((day.weekday(), day in calendars.school_holidays), 0.0)
            for month, hours in months.items():
                self.months[month].offered += hours
            total = sum(months.values())
            for line in self.lines_for(space_id):
                line.offered += total

    def add_booked(self, booked, month_keys):
        """Hours booked, their value and the organisations served, from the grouped confirmed bookings."""
        for row in booked:
            space = self.spaces.get(row["space_id"])
            if space is None:
                continue
            hours = row["duration"].total_seconds() / 3600
            value = hours * float(space["hourly_rate_eur"])
            month_key = month_keys[row["month"]] if row["month"] is not None else None
            month = [self.months[month_key]] if month_key in self.months else []
            association = row["request_date__request__association_id"]
            served = ("association", association) if association else ("organisation", row["organisation"])
            for line in self.lines_for(row["space_id"]) + month:
                line.booked += hours
                line.value += value
                line.organisations.add(served)


MINUTES_PER_DAY = 24 * 60


def _minutes(moment):
    return moment.hour * 60 + moment.minute


def _daily_hours(space_windows):
    """{(weekday, school holiday?): hours}: the length of the union of the windows open on such a day."""
    daily = {}
    for weekday in range(7):
        for school in (False, True):
            spans = sorted(
                (start, end)
                for mask, start, end, period in space_windows
                if mask & (1 << weekday) and (period == ALWAYS or (period == HOLIDAYS) == school)
            )
            total, reach = 0, 0
            for start, end in spans:
                start = max(start, reach)
                if end > start:
                    total += end - start
                    reach = end
            if total:
                daily[weekday, school] = total / 60
    return daily


def _closed_days(first_day, last_day, spaces):
    """{space id: set of days} on which a closure of the space or of its whole lycée falls."""
    by_space, by_lycee = defaultdict(set), defaultdict(set)
    for space_id, lycee_id, start, end in Closure.objects.filter(
        start_date__lte=last_day, end_date__gte=first_day
    ).values_list("space_id", "lycee_id", "start_date", "end_date"):
        target = by_space[space_id] if space_id else by_lycee[lycee_id]
        target.update(days(max(start, first_day), min(end, last_day)))
    if not by_lycee:
        return by_space
    for space_id, space in spaces.items():
        if space["lycee_id"] in by_lycee:
            by_space[space_id] = by_space[space_id] | by_lycee[space["lycee_id"]]
    return by_space


def build_report(first_day, last_day):
    spaces = {
        row["pk"]: row
        for row in Space.objects.values(
            "pk", "kind", "hourly_rate_eur", "lycee_id", "lycee__name", "lycee__uai", "lycee__department"
        )
    }
    windows = list(OpeningWindow.objects.values_list("space_id", "weekday_mask", "start", "end", "period"))
    calendars = load_calendar_dates(first_day, last_day)
    range_start, range_end = day_bounds(first_day)[0], day_bounds(last_day)[1]
    month_keys, month_case = _month_buckets(first_day, last_day)
    booked = (
        Booking.objects.filter(status=BookingStatus.CONFIRMED, start__gte=range_start, start__lt=range_end)
        .annotate(month=month_case)
        .values("space_id", "month", "organisation", "request_date__request__association_id")
        .annotate(
            duration=Sum(ExpressionWrapper(F("end") - F("start"), output_field=DurationField())), count=Count("pk")
        )
    )
    tally = _Tally(first_day, last_day, spaces)
    tally.add_offered(
        windows, _day_counts(first_day, last_day, calendars), _closed_days(first_day, last_day, spaces), calendars
    )
    tally.add_booked(booked, month_keys)
    return Report(
        first_day,
        last_day,
        tally.total,
        by_department=list(tally.departments.values()),
        by_lycee=sorted(tally.lycees.values(), key=lambda line: (-line.booked, line.label)),
        by_kind=sorted(
            (line for line in tally.kinds.values() if line.offered or line.booked), key=lambda line: -line.booked
        ),
        by_month=list(tally.months.values()),
    )
