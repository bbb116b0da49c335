"""Confirmed bookings that a closure or a change of opening windows would leave in a closed space.

A manager who saves such a change first sees the bookings it falls on (the admin form lists them), and
saves only by confirming that they are cancelled. The catalogue cancels the bookings it owns (imported
or typed in the admin) itself; the dates of booking requests belong to shareloc/bookings, which cancels
them through its workflow (history, reason, e-mail to the association) when it receives the
`bookings_withdrawn` signal: the catalogue never imports the bookings part.
"""

from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import local

from .availability import (
    Reason,
    SpaceCalendar,
    day_bounds,
    load_calendar_dates,
    unavailability_reason,
    window_from_model,
)
from .models import Booking, BookingSource, BookingStatus, OpeningWindow

# Sent with `bookings` (Booking instances of source "request"), `reason` (French text) and `user`.
bookings_withdrawn = Signal()


def _future_confirmed(now=None):
    return Booking.objects.filter(status=BookingStatus.CONFIRMED, start__gt=now or timezone.now())


def displaced_by_closure(lycee_id, space_id, start_date, end_date, now=None):
    """The future confirmed bookings of the space (or of every space of the lycée when `space_id` is
    None) on the closure's days, in time order."""
    if start_date is None or end_date is None or start_date > end_date:
        return []
    first, _unused = day_bounds(start_date)
    _unused, last = day_bounds(end_date)
    scope = Q(space_id=space_id) if space_id else Q(space__lycee_id=lycee_id)
    return list(
        _future_confirmed(now)
        .filter(scope, start__lt=last, end__gt=first)
        .select_related("space")
        .order_by("start", "space__code")
    )


def displaced_by_windows(space, windows, now=None):
    """The future confirmed bookings of `space` that no window of `windows` (OpeningWindow-like objects:
    weekdays, start, end, period) would hold any more, by the availability rule's window clause."""
    bookings = list(_future_confirmed(now).filter(space=space).select_related("space").order_by("start"))
    if not bookings:
        return []
    calendar = SpaceCalendar(windows=tuple(window_from_model(window) for window in windows))
    dates = load_calendar_dates(local(bookings[0].start).date(), local(bookings[-1].start).date())
    displaced = []
    for booking in bookings:
        if local(booking.start).date() != local(booking.end).date():
            continue  # an imported booking over midnight: no window ever held it
        reason = unavailability_reason(booking.start, booking.end, calendar, dates)
        if reason in (Reason.NO_WINDOW, Reason.SCHOOL_HOLIDAYS):
            displaced.append(booking)
    return displaced


def windows_after_change(window, new_values):
    """The windows of `window`'s original space once `window` (saved, or None for a new one) takes
    `new_values` (a dict with space, weekdays, start, end, period). Returns (space, windows) or None
    when the change removes no opening time of an existing space."""
    if window is None or window.pk is None:
        return None  # a new window only adds opening time
    original = OpeningWindow.objects.select_related("space").get(pk=window.pk)
    others = list(OpeningWindow.objects.filter(space_id=original.space_id).exclude(pk=window.pk))
    if new_values.get("space") is not None and new_values["space"].pk == original.space_id:
        fields = {name: new_values[name] for name in ("weekdays", "start", "end", "period")}
        others.append(OpeningWindow(space=original.space, **fields))
    return original.space, others


def closure_reason(reason):
    """The reason given to the associations for dates cancelled by a closure (admin form and import)."""
    return _("Fermeture : %(reason)s") % {"reason": reason} if reason else _("Fermeture de l'espace.")


def windows_changed_reason():
    """The reason given for dates cancelled because the space's opening windows changed (admin, import)."""
    return _("Les créneaux d'ouverture de l'espace ont changé : il n'est plus ouvert à cette heure.")


def describe(booking):
    """One line a manager reads: « 02/03/2027 18:30–20:30, Gymnase (GYM1) : Club d'échecs »."""
    start, end = local(booking.start), local(booking.end)
    space = booking.space
    return f"{start:%d/%m/%Y} {start:%H:%M}–{end:%H:%M}, {space.name} ({space.code}) : {booking.organisation}"


def withdraw(bookings, reason, user=None):
    """Cancel confirmed `bookings` because the space is no longer open then: the catalogue's own rows
    directly, the dates of booking requests through the bookings part (signal)."""
    own = [b.pk for b in bookings if b.source != BookingSource.REQUEST]
    requested = [b for b in bookings if b.source == BookingSource.REQUEST]
    if own:
        Booking.objects.filter(pk__in=own, status=BookingStatus.CONFIRMED).update(
            status=BookingStatus.CANCELLED, updated_at=timezone.now()
        )
    if requested:
        bookings_withdrawn.send(sender=Booking, bookings=requested, reason=reason, user=user)
    return len(bookings)
