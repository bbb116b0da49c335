"""A lycée's planning: a day, week or month grid of all its spaces, with bookings, closures and
holidays (from the availability rule, so the grid says what the rule says), and, for its managers
only, pending requests and the names of who booked.

A constant number of queries whatever the number of spaces or days: the spaces (1), the calendars
(load_calendars: 5) and, for managers, the bookings with their names (1)."""

import calendar as month_calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from core.dates import local

from .availability import Reason, day_availability, day_bounds, load_calendars
from .models import Booking, BookingStatus, Lycee, Space

DAY, WEEK, MONTH = "jour", "semaine", "mois"
VIEWS = {DAY: _("Jour"), WEEK: _("Semaine"), MONTH: _("Mois")}


@dataclass
class Item:
    start: str
    end: str
    label: str
    kind: str  # "booked", "pending"


@dataclass
class Cell:
    day: date
    items: list = field(default_factory=list)
    free: tuple = ()
    reason: str | None = None  # a Reason label when nothing is open that day


@dataclass
class Row:
    space: object
    cells: list


@dataclass
class Planning:
    lycee: object
    view: str
    first_day: date
    last_day: date
    days: list
    rows: list
    private: bool

    @property
    def previous_day(self):
        return shift(self.view, self.first_day, -1)

    @property
    def next_day(self):
        return shift(self.view, self.first_day, 1)


def period(view, anchor):
    """(first_day, last_day) of the day, the week (Monday to Sunday) or the month holding `anchor`."""
    if view == DAY:
        return anchor, anchor
    if view == MONTH:
        first = anchor.replace(day=1)
        return first, first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
    first = anchor - timedelta(days=anchor.weekday())
    return first, first + timedelta(days=6)


def shift(view, first_day, step):
    if view == DAY:
        return first_day + timedelta(days=step)
    if view == MONTH:
        month = first_day.month - 1 + step
        return date(first_day.year + month // 12, month % 12 + 1, 1)
    return first_day + timedelta(weeks=step)


def _hm(moment, day):
    moment = local(moment)
    if moment.date() < day:
        return "00:00"
    if moment.date() > day:
        return "24:00"
    return f"{moment:%H:%M}"


def build_planning(lycee, view, anchor, private=False):
    """The grid of `lycee`'s spaces over the period of `view` holding `anchor`. `private` (managers):
    pending requests and names shown; otherwise only « Réservé »."""
    first_day, last_day = period(view, anchor)
    spaces = list(lycee.spaces.order_by("code").only("pk", "lycee_id", "code", "name", "kind"))
    days, grid = _grid(spaces, first_day, last_day, private, Booking.objects.filter(space__lycee=lycee))
    return Planning(lycee, view, first_day, last_day, days, grid, private)


def _grid(spaces, first_day, last_day, private, bookings_queryset):
    """(days, rows) for `spaces`: a row per space, a cell per day. The calendars come from
    load_calendars (5 queries); with `private`, the confirmed and pending bookings with their names
    from `bookings_queryset` (1 query), otherwise the confirmed ones the calendars already hold."""
    by_space, calendars = load_calendars(spaces, first_day, last_day)
    range_start, _unused = day_bounds(first_day)
    _unused, range_end = day_bounds(last_day)
    bookings = {}
    if private:
        rows = bookings_queryset.filter(
            status__in=(BookingStatus.CONFIRMED, BookingStatus.PENDING),
            start__lt=range_end,
            end__gt=range_start,
        ).values_list("space_id", "start", "end", "organisation", "status")
    else:
        rows = [
            (space_id, start, end, "", BookingStatus.CONFIRMED)
            for space_id, calendar in by_space.items()
            for start, end in calendar.bookings
        ]
    for space_id, start, end, organisation, status in rows:
        bookings.setdefault(space_id, []).append((start, end, organisation, status))
    days = [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    grid = []
    for space in spaces:
        cells = []
        for day in days:
            availability = day_availability(day, by_space[space.pk], calendars)
            cell = Cell(day, free=availability.free)
            if availability.reason and availability.reason != Reason.BOOKED:
                cell.reason = Reason(availability.reason).label
            day_start, day_end = day_bounds(day)
            for start, end, organisation, status in sorted(bookings.get(space.pk, ())):
                if start < day_end and day_start < end:
                    confirmed = status == BookingStatus.CONFIRMED
                    if private:
                        label = organisation if confirmed else _("En attente : %(name)s") % {"name": organisation}
                    else:
                        label = _("Réservé")
                    cell.items.append(Item(_hm(start, day), _hm(end, day), label, "booked" if confirmed else "pending"))
            cells.append(cell)
        grid.append(Row(space, cells))
    return days, grid


MAX_OFFSET_DAYS = 2 * 366


# --- the Région's view: every lycée of a commune or a département ---

LYCEES_PER_PAGE = 10


@dataclass
class Section:
    lycee: object
    rows: list


@dataclass
class AreaPlanning:
    view: str
    first_day: date
    last_day: date
    days: list
    sections: list
    private: bool
    page: object  # a Django Page of lycées

    @property
    def previous_day(self):
        return shift(self.view, self.first_day, -1)

    @property
    def next_day(self):
        return shift(self.view, self.first_day, 1)


def area_lycees(department=None, commune=None):
    """The lycées that lend at least one space, in a département and/or a commune (a Commune), in the
    order the planning lists them."""
    lycees = Lycee.objects.filter(Exists(Space.objects.filter(lycee=OuterRef("pk"))))
    if department:
        lycees = lycees.filter(department=department)
    if commune is not None:
        lycees = lycees.filter(code_insee=commune.code_insee)
    return lycees.order_by("commune_name", "name", "uai").only(
        "pk", "uai", "name", "commune_name", "code_insee", "department"
    )


def build_area_planning(lycees, view, anchor, page_number=1, private=False):
    """The planning of the lycées of `lycees` (area_lycees), LYCEES_PER_PAGE lycées a page, one section
    each. A constant number of queries whatever the number of lycées, spaces and days: the count and
    the page of lycées (2), their spaces (1), the calendars (5) and, with `private` (Région staff), the
    bookings with their names (1). Http404 past the last page."""
    first_day, last_day = period(view, anchor)
    paginator = Paginator(lycees, LYCEES_PER_PAGE)
    if page_number > max(paginator.num_pages, 1):
        raise Http404(_("Cette page du planning n'existe pas."))
    page = paginator.page(page_number)
    page_lycees = list(page.object_list)
    spaces = list(
        Space.objects.filter(lycee__in=[lycee.pk for lycee in page_lycees])
        .order_by("lycee_id", "code")
        .only("pk", "lycee_id", "code", "name", "kind")
    )
    days, rows = _grid(
        spaces,
        first_day,
        last_day,
        private,
        Booking.objects.filter(space__lycee__in=[lycee.pk for lycee in page_lycees]),
    )
    by_lycee = {}
    for row in rows:
        by_lycee.setdefault(row.space.lycee_id, []).append(row)
    sections = [Section(lycee, by_lycee.get(lycee.pk, [])) for lycee in page_lycees]
    return AreaPlanning(view, first_day, last_day, days, sections, private, page)
