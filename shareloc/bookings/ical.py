"""iCal feeds (RFC 5545, the icalendar package) of confirmed dates: per association, lycée or space.

A feed's address carries a secret token (shareloc.bookings.models.IcalToken): calendar programs cannot log
in, so the token is the credential; revoking it closes the feed. Only confirmed dates are published, with
times in UTC (every calendar program converts them), a stable UID per date and no contact details.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from ..catalogue.models import Booking, BookingStatus

HORIZON_PAST = timedelta(days=90)
HORIZON_FUTURE = timedelta(days=400)


def feed_bookings(token, now=None):
    """The confirmed bookings a token's feed shows, within a window around today."""
    now = now or timezone.now()
    bookings = Booking.objects.filter(
        status=BookingStatus.CONFIRMED, start__gte=now - HORIZON_PAST, start__lte=now + HORIZON_FUTURE
    ).select_related("space__lycee")
    if token.kind == "association":
        bookings = bookings.filter(request_date__request__association_id=token.association_id)
    elif token.kind == "lycee":
        bookings = bookings.filter(space__lycee_id=token.lycee_id)
    else:
        bookings = bookings.filter(space_id=token.space_id)
    return bookings.order_by("start")


def render_feed(token, now=None):
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.ORGANISATION_NAME}//Shareloc//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Shareloc – {token.target}")
    stamp = now or timezone.now()
    for booking in feed_bookings(token, now):
        event = Event()
        event.add("uid", f"shareloc-booking-{booking.pk}@maregion")
        event.add("dtstamp", stamp)
        event.add("dtstart", booking.start)
        event.add("dtend", booking.end)
        event.add("summary", f"{booking.organisation} – {booking.space.name}")
        event.add("location", f"{booking.space.name}, {booking.space.lycee.name}, {booking.space.lycee.commune_name}")
        calendar.add_component(event)
    return calendar.to_ical()
